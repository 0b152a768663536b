//! Integration tests of the core ledger; modules mirror `src/`.

mod assess;
mod common;
mod crash;
mod demo_history;
mod exchange;
mod history;
mod store;
mod validation;
