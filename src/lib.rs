//! Yibentong core: the village household assistance ledger (一本通) without any UI.
//!
//! Layers, bottom up: `codes` and `model` (the domain, shaped as exchange v1), `idcard`
//! and `validate` (checks in Chinese), `store` (SQLite: migrations, transactions, audit),
//! `search`, `exchange` (JSON v1 import/export), `demo` (a generated village).
//! Nothing here depends on Tauri; the desktop shell and the CLI are thin adapters (`app`
//! holds the command table both the shell and `yibentong serve` answer the UI from).

pub mod app;
pub mod assess;
pub mod attention;
pub mod cards;
pub mod changes;
pub mod check;
pub mod codes;
pub mod demo;
pub mod dossier;
pub mod error;
pub mod exchange;
pub mod idcard;
pub mod local_policy;
pub mod model;
pub mod output;
pub mod overview;
pub mod print;
pub mod risk_elimination;
pub mod rules;
pub mod settings;
pub mod township;
pub mod validate;
pub mod village_facts;
pub mod visit_notes;

pub use error::{Error, Result};
pub mod store;
