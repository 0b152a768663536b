//! The command table: every command the UI calls, with its arguments, and the handler by
//! area that answers it. Each handler unpacks nothing and decides nothing about households:
//! it calls the core and maps the error. The Tauri shell and `yibentong serve` dispatch
//! through [`call`]; `src-tauri/tests/contract.rs` checks the UI's calls against
//! [`COMMANDS`].

pub mod assess;
pub mod bundles;
pub mod exchange;
pub mod households;
pub mod ledger;
pub mod print;
pub mod protection;
pub mod settings;
pub mod township;

use crate::app::shapes::{CardKindArg, NoticeKindArg};
use crate::changes::ChangeQuery;
use crate::model::{Effective, Household};
use crate::rules::LocalValueChange;
use crate::store::{Keep, NewCadre, PlanTarget};
use crate::village_facts::VillageFacts;
use chrono::NaiveDate;

super::table::commands! {
    ledger_info() => ledger::ledger_info;
    ledger_status() => protection::ledger_status;
    ledger_unlock(passphrase: String) => protection::ledger_unlock;
    passphrase_check(passphrase: String) => protection::passphrase_check;
    ledger_encrypt(passphrase: String) => protection::ledger_encrypt;
    backup_now() => protection::backup_now;
    backup_restore(path: String, passphrase: Option<String>) => protection::backup_restore;
    load_demo() => ledger::load_demo;
    village_overview(village: String, year: i32) => ledger::village_overview;
    household_list(village: String, as_of: Option<NaiveDate>) => households::household_list;
    search(query: String) => households::search;
    household_get(id: String, as_of: Option<NaiveDate>) => households::household_get;
    household_check(village: String, household: serde_json::Value) => households::household_check;
    id_number_read(text: String) => households::id_number_read;
    household_code_next(village: String) => households::household_code_next;
    household_changes(id: String) => households::household_changes;
    ledger_changes(query: ChangeQuery) => households::ledger_changes;
    visit_phrases(id: String) => households::visit_phrases;
    household_save(
        village: String,
        household: Household,
        reason: Option<String>,
        effective: Option<Effective>,
        doc: Option<String>,
    ) => households::household_save;
    assess_household(id: String, year: i32) => assess::assess_household;
    village_check(village: String, year: i32) => assess::village_check;
    settings_get() => settings::settings_get;
    settings_save(settings: crate::settings::AppSettings, reason: Option<String>) => settings::settings_save;
    local_values_list() => settings::local_values_list;
    local_value_add(changes: Vec<LocalValueChange>, reason: String) => settings::local_value_add;
    cadre_list(village: String) => settings::cadre_list;
    cadre_add(village: String, cadre: NewCadre) => settings::cadre_add;
    cadre_end(village: String, cadre: String, end: NaiveDate, reason: String) => settings::cadre_end;
    village_save(
        village: String,
        facts: VillageFacts,
        reason: Option<String>,
        effective: Option<Effective>,
        doc: Option<String>,
    ) => settings::village_save;
    township_list() => township::township_list;
    township_view(code: Option<String>, year: i32) => township::township_view;
    plan_target_set(target: PlanTarget) => township::plan_target_set;
    export_township_xlsx(township: String, year: i32, out: String) => township::export_township_xlsx;
    print_card(code: String, kind: CardKindArg, year: i32, out: String) => print::print_card;
    print_batch(
        village: String,
        kind: CardKindArg,
        year: i32,
        out: String,
        only: Option<Vec<String>>,
    ) => print::print_batch;
    print_roster(village: String, year: i32, out: String) => print::print_roster;
    print_person_roster(village: String, year: i32, out: String) => print::print_person_roster;
    export_roster_xlsx(village: String, year: i32, out: String) => print::export_roster_xlsx;
    export_inspector_xlsx(village: String, year: i32, out: String) => print::export_inspector_xlsx;
    print_pairing_book(village: String, cadre: String, year: i32, out: String) => print::print_pairing_book;
    print_visit_plan(village: String, week: Option<NaiveDate>, out: String) => print::print_visit_plan;
    print_notice(village: String, year: i32, kind: Option<NoticeKindArg>, out: String) => print::print_notice;
    import_file(path: String, new_village: Option<bool>) => exchange::import_file;
    import_files(paths: Vec<String>, new_village: Option<bool>) => exchange::import_files;
    export_village(village: String, path: String) => exchange::export_village;
    file_exists(path: String) => exchange::file_exists;
    bundle_write(village: String, receiver: Option<String>, path: String, full: Option<bool>) => bundles::bundle_write;
    bundle_log(village: Option<String>) => bundles::bundle_log;
    bundle_merge(path: String) => bundles::bundle_merge;
    bundle_merge_many(paths: Vec<String>) => bundles::bundle_merge_many;
    conflict_list(village: Option<String>) => bundles::conflict_list;
    conflict_resolve(id: i64, keep: Keep, reason: Option<String>) => bundles::conflict_resolve;
}
