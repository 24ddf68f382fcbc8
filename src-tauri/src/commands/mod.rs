//! Tauri commands, one file per capability, each command a line or two that calls one
//! folio-core service function (STYLE.md). No rule lives here.
//!
//! The command list is declared once, in [`folio_commands!`] below: it gives the handler
//! `main.rs` registers and [`NAMES`]. `build.rs` reads `names.rs` for the permission list,
//! and a test checks that the two lists and the UI's IPC wrappers (`ui/src/lib/ipc.ts`)
//! agree, so a command cannot be registered without being permitted, or called from the
//! UI without being registered.

pub mod agreements;
pub mod artwork;
pub mod backups;
pub mod clients;
pub mod complaints;
pub mod consents;
pub mod correspondence;
pub mod destruction;
pub mod disclosures;
pub mod handover;
pub mod import;
pub mod incidents;
pub mod media;
pub mod notes;
pub mod professionals;
pub mod reports;
pub mod requests;
pub mod retention;
pub mod safeguarding;
pub mod sessions;
pub mod uploads;
pub mod vault;

use crate::dto::FolioError;

pub type Reply<T> = Result<T, FolioError>;

macro_rules! folio_commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        /// Every command the window may call, by name (checked against names.rs and ipc.ts).
        #[cfg_attr(not(test), allow(dead_code))]
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The invoke handler for exactly these commands.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }
    };
}

folio_commands! {
    vault::app_info,
    vault::probe_vault,
    vault::password_strength,
    vault::check_new_vault,
    vault::create_vault,
    vault::unlock_vault,
    vault::lock_vault,
    vault::change_password,
    vault::set_auto_lock,
    vault::verify_vault,
    vault::record_activity,
    clients::list_clients,
    clients::get_client,
    clients::add_referral,
    clients::update_referral,
    clients::change_client_state,
    clients::re_refer,
    sessions::list_sessions,
    sessions::add_session,
    sessions::set_session_outcome,
    sessions::attendance,
    sessions::session_reviews,
    sessions::session_settings,
    sessions::set_records_sessions,
    uploads::attach_files,
    correspondence::add_correspondence,
    correspondence::list_correspondence,
    import::preview_import,
    import::import_clients,
    reports::save_attendance_pdf,
    professionals::list_professionals,
    professionals::add_professional,
    professionals::link_professional,
    notes::start_note,
    notes::save_draft,
    notes::discard_draft,
    notes::sign_note,
    notes::amend_note,
    notes::get_note,
    notes::list_notes,
    notes::list_drafts,
    notes::check_note,
    notes::search_notes,
    notes::list_templates,
    notes::set_template,
    notes::reset_template,
    notes::note_settings,
    notes::set_draft_days,
    consents::add_consent,
    consents::review_consent,
    consents::withdraw_consent,
    consents::get_consent,
    consents::list_consents,
    consents::consents_due,
    consents::consent_intervals,
    consents::set_consent_intervals,
    agreements::add_agreement,
    agreements::list_agreements,
    disclosures::add_disclosure,
    disclosures::list_disclosures,
    safeguarding::add_safeguarding_entry,
    safeguarding::list_safeguarding,
    complaints::add_complaint,
    complaints::add_complaint_stage,
    complaints::close_complaint,
    complaints::list_complaints,
    requests::add_request,
    requests::check_request_identity,
    requests::extend_request,
    requests::close_request,
    requests::list_requests,
    backups::take_backup,
    backups::list_backups,
    backups::backup_status,
    incidents::add_incident,
    incidents::report_incident,
    incidents::decide_incident,
    incidents::list_incidents,
    artwork::add_artwork,
    artwork::list_artwork,
    artwork::artwork_locations,
    artwork::move_artwork,
    artwork::return_artwork,
    artwork::keep_artwork,
    artwork::dispose_artwork,
    artwork::artwork_collection_months,
    artwork::set_artwork_collection_months,
    artwork::save_artwork_labels,
    artwork::save_artwork_list,
    media::add_media,
    media::list_media,
    media::media_photo,
    media::save_media_copy,
    media::media_to_review,
    media::keep_media,
    media::destroy_media,
    retention::retention_presets,
    retention::retention_policy,
    retention::set_retention_preset,
    retention::set_retention_rule,
    retention::describe_retention_rule,
    retention::retention_policy_changes,
    retention::client_retention,
    retention::retention_overview,
    retention::list_holds,
    retention::place_hold,
    retention::release_hold,
    destruction::destruction_preview,
    destruction::confirm_destruction,
    destruction::pending_destructions,
    destruction::cancel_destruction,
    destruction::destruction_records,
    destruction::save_destruction_certificate,
    handover::handover_overview,
    handover::check_handover_form,
    handover::set_up_handover,
    handover::print_handover_pack,
    handover::check_handover_share,
    handover::open_handover_contact,
    handover::save_contact_sheet,
    handover::close_contact_sheet,
    handover::take_over_vault,
    handover::handover_checklist,
    handover::tick_handover_item,
    handover::mark_handover_reviewed,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    const PERMITTED: &[&str] = include!("names.rs");

    #[test]
    fn every_registered_command_is_permitted_and_nothing_else() {
        let registered: BTreeSet<&str> = super::NAMES.iter().copied().collect();
        let permitted: BTreeSet<&str> = PERMITTED.iter().copied().collect();
        assert_eq!(registered, permitted, "src/commands/mod.rs and src/commands/names.rs disagree");
        assert_eq!(registered.len(), super::NAMES.len(), "a command is listed twice");
    }

    #[test]
    fn the_window_is_granted_exactly_these_commands() {
        let capability = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json"))
            .unwrap_or_else(|e| panic!("read the capability file: {e}"));
        let granted: BTreeSet<String> =
            capability.split('"').filter_map(|s| s.strip_prefix("allow-")).map(|s| s.replace('-', "_")).collect();
        let registered: BTreeSet<String> = super::NAMES.iter().map(|s| s.to_string()).collect();
        assert_eq!(granted, registered, "capabilities/default.json must allow exactly the registered commands");
        assert!(!capability.contains("dialog:") && !capability.contains("fs:"), "the window gets no plugin permission");
    }

    #[test]
    fn every_command_the_ui_calls_is_registered_and_every_registered_one_is_called() {
        let ipc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/ipc.ts"))
            .unwrap_or_else(|e| panic!("read ipc.ts: {e}"));
        // Every command goes through `call("name"` or `callWithBytes("name"` in ipc.ts.
        let called: BTreeSet<String> = ["call(\"", "callWithBytes(\""]
            .iter()
            .flat_map(|opening| ipc.split(opening).skip(1).filter_map(|rest| rest.split('"').next()))
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect();
        let registered: BTreeSet<String> = super::NAMES.iter().map(|s| s.to_string()).collect();
        let unknown: Vec<&String> = called.difference(&registered).collect();
        assert!(unknown.is_empty(), "ipc.ts calls commands that are not registered: {unknown:?}");
        let unused: Vec<&String> = registered.difference(&called).collect();
        assert!(unused.is_empty(), "registered commands the UI never calls: {unused:?}");
    }
}
