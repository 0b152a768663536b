//! The commands the UI invokes, by area. Each unpacks its arguments, calls the core and
//! maps the error; nothing here decides anything about households.

pub mod assess;
pub mod bundles;
pub mod exchange;
pub mod households;
pub mod ledger;
pub mod print;
pub mod protection;
pub mod settings;
pub mod township;

use crate::ipc::Progress;
use tauri::{AppHandle, Emitter, Runtime};

/// Every command, for `Builder::invoke_handler` (the app and the IPC tests share it).
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        ledger::ledger_info,
        protection::ledger_status,
        protection::ledger_unlock,
        protection::passphrase_check,
        protection::ledger_encrypt,
        protection::backup_now,
        protection::backup_restore,
        ledger::load_demo,
        ledger::village_overview,
        households::household_list,
        households::search,
        households::household_get,
        households::household_check,
        households::id_number_read,
        households::household_code_next,
        households::household_changes,
        households::ledger_changes,
        households::visit_phrases,
        households::household_save,
        assess::assess_household,
        assess::village_check,
        settings::settings_get,
        settings::settings_save,
        settings::local_values_list,
        settings::local_value_add,
        settings::cadre_list,
        settings::cadre_add,
        settings::cadre_end,
        township::township_list,
        township::township_view,
        township::plan_target_set,
        print::print_card,
        print::print_batch,
        print::print_roster,
        print::print_visit_plan,
        print::print_notice,
        exchange::import_file,
        exchange::export_village,
        bundles::bundle_merge,
        bundles::conflict_list,
        bundles::conflict_resolve,
    ]
}

/// A progress callback for a core function that sends `progress` events for `task`.
/// A lost event never stops the work.
pub(crate) fn progress<'a, R: Runtime>(
    app: &'a AppHandle<R>,
    task: &'static str,
) -> impl FnMut(usize, usize) + 'a {
    move |done, total| {
        let _ = app.emit(
            "progress",
            Progress {
                task: task.to_string(),
                done,
                total,
            },
        );
    }
}
