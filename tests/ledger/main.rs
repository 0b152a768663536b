//! Integration tests of the core ledger; modules mirror `src/`.

mod assess;
mod audit_chain;
mod bulk;
mod bundle;
mod cadres;
mod changes;
mod check;
mod common;
mod crash;
mod demo_history;
mod exchange;
mod fields_2026;
mod fuzz;
mod history;
mod local_policy;
mod overview;
mod protection;
mod risk_elimination;
mod safety;
mod serve;
mod store;
mod township;
mod validation;
mod visit_plan;
mod workbooks;
mod xlsx;
