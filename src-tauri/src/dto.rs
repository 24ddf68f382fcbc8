//! Wire types of the IPC boundary. Domain types stay in folio-core; these are what the UI
//! sees, camelCase, with TypeScript twins generated into `ui/src/lib/generated/` by ts-rs.
//! The test at the bottom fails when the committed TypeScript drifts from these.

use folio_core::error::FieldProblem;
use folio_core::{ErrorCode, FolderKind, VerifyCheck};
use serde::Serialize;
use ts_rs::TS;

/// The one error shape that crosses IPC. The UI branches on `code` only.
#[derive(Serialize, TS, Debug)]
#[serde(rename_all = "camelCase")]
pub struct FolioError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    /// Every field problem of a form, each shown beside its field.
    pub problems: Vec<FieldProblem>,
}

impl From<folio_core::Error> for FolioError {
    fn from(e: folio_core::Error) -> Self {
        FolioError {
            code: e.code(),
            message: e.to_string(),
            field: e.field().map(str::to_string),
            problems: e.problems(),
        }
    }
}

/// Field names the shell itself reports on (the core's are already `'static`).
fn static_field(field: &str) -> &'static str {
    match field {
        "password" => "password",
        "dir" => "dir",
        "practiceName" => "practiceName",
        "currentPassword" => "currentPassword",
        "attachment" => "attachment",
        "share" => "share",
        _ => "input",
    }
}

impl FolioError {
    pub fn invalid(field: &str, message: &str) -> Self {
        folio_core::Error::InvalidInput { field: static_field(field), message: message.into() }.into()
    }

    pub fn locked() -> Self {
        folio_core::Error::Locked.into()
    }
}

#[derive(Serialize, TS, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct VaultInfo {
    pub vault_dir: String,
    pub practice_name: String,
    pub auto_lock_minutes: u32,
    /// What was mended when the vault was opened (a damaged key file copy rewritten).
    pub repaired_on_opening: Option<String>,
}

#[derive(Serialize, TS, Debug)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub suggested_vault_dir: String,
    pub unlocked: Option<VaultInfo>,
}

#[derive(Serialize, TS, Debug)]
#[serde(rename_all = "camelCase")]
pub struct VaultProbe {
    pub dir: String,
    pub kind: FolderKind,
}

#[derive(Serialize, TS, Debug)]
#[serde(rename_all = "camelCase")]
pub struct PasswordStrength {
    pub score: u32,
    pub acceptable: bool,
    pub summary: String,
    pub suggestions: Vec<String>,
}

#[derive(Serialize, TS, Debug)]
#[serde(rename_all = "camelCase")]
pub struct VerifySummary {
    pub ok: bool,
    pub checks: Vec<VerifyCheck>,
}

/// How far a backup has got (`folio://backup-progress`): pages copied of all.
#[derive(Serialize, TS, Debug, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub struct BackupProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub all: u64,
}

/// How far a chosen file has been saved into the vault (`folio://upload-progress`).
#[derive(Serialize, TS, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct UploadProgress {
    pub file_name: String,
    pub sent: i64,
    pub total: i64,
}

#[derive(Serialize, TS, Debug, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub enum LockReason {
    Idle,
    User,
}

#[derive(Serialize, TS, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct LockedEvent {
    pub reason: LockReason,
}

/// What setting up or re-issuing the handover did (the shares themselves travel apart, as
/// raw bytes, to be shown once): the files written and the handover as it now stands.
#[derive(Serialize, TS, Debug)]
#[serde(rename_all = "camelCase")]
pub struct HandoverIssued {
    pub saved: folio_core::handover::Saved,
    pub status: Option<folio_core::handover::HandoverStatus>,
}

/// The generated TypeScript files, name → contents, in a fixed order.
#[cfg(test)]
pub fn typescript_bindings() -> Result<Vec<(&'static str, String)>, ts_rs::ExportError> {
    use folio_core::agreements::{Agreement, AgreementForm, AgreementKind};
    use folio_core::artwork::{
        Artwork, ArtworkChange, ArtworkEvent, ArtworkForm, ArtworkState, CollectionState, Location,
    };
    use folio_core::backups::{Backup, BackupStatus};
    use folio_core::blobs::BlobInfo;
    use folio_core::clients::{ClientFilter, ClientRecord, ClientState, ClientSummary, Episode, StateChange};
    use folio_core::complaints::{Complaint, ComplaintForm, ComplaintHow, ComplaintStage, ComplaintState, StageEntry};
    use folio_core::consents::{Consent, ConsentForm, ConsentState, GivenByRole, How, Intervals, Purpose, Withdrawal};
    use folio_core::correspondence::{CorrespondenceEntry, CorrespondenceForm, Counterpart, Direction, Kind};
    use folio_core::disclosures::{Basis, Disclosure, DisclosureForm, Recipient, Told};
    use folio_core::handover::{
        Checklist, ChecklistGroup, ChecklistItem, ContactEntry, ContactPerson, ContactSheet, HandoverForm,
        HandoverOverview, HandoverStatus, Holder, Saved, ShareChecked, Successor,
    };
    use folio_core::import::{ColumnMapping, ImportPreview, RowOutcome};
    use folio_core::incidents::{DecisionForm, Incident, IncidentForm, IncidentState, ReportForm};
    use folio_core::media::{Media, MediaForm, MediaKind, MediaState};
    use folio_core::notes::identifiers::{Hit, HitKind};
    use folio_core::notes::rules::Section;
    use folio_core::notes::search::{Order, SearchForm, SearchHit, SearchResults};
    use folio_core::notes::templates::{Template, TemplateId};
    use folio_core::notes::{
        Amendment, Draft, DraftText, KeptIdentifier, NewNote, Note, NoteKind, NoteSettings, NoteState, NoteSummary,
        NoteVersion, SectionHit,
    };
    use folio_core::professionals::{Professional, ProfessionalForm, Role};
    use folio_core::referrals::{Contact, Modality, ReferralForm};
    use folio_core::requests::{
        Extension, ExtensionForm, IdentityCheck, IdentityForm, MadeBy, RequestCloseForm, RequestForm, RequestKind,
        RequestOutcome, RequestState, RightsRequest,
    };
    use folio_core::retention::{
        Anchor, Case, Category, CategoryCount, Entry, Group, Hold, Overview, Policy, PolicyChange, PolicyView, Preset,
        RetentionState, Rule, RuleChange, RuleLine, Term, When,
    };
    use folio_core::retention::{
        BatchState, ClientDue, Destroyed, Destruction, DestructionRecord, DueItem, Preview, Waiting,
    };
    use folio_core::safeguarding::{SafeguardingEntry, SafeguardingForm};
    use folio_core::sessions::settings::SessionSettings;
    use folio_core::sessions::{AttendanceCounts, CheckReview, Mode, Outcome, Register, Session, SessionForm};
    // serde_json writes i64 as a JSON number, which every id and count here fits.
    let cfg = ts_rs::Config::new().with_large_int("number");
    Ok(vec![
        ("AppInfo", AppInfo::export_to_string(&cfg)?),
        ("ErrorCode", ErrorCode::export_to_string(&cfg)?),
        ("FolioError", FolioError::export_to_string(&cfg)?),
        ("LockReason", LockReason::export_to_string(&cfg)?),
        ("LockedEvent", LockedEvent::export_to_string(&cfg)?),
        ("PasswordStrength", PasswordStrength::export_to_string(&cfg)?),
        ("VaultInfo", VaultInfo::export_to_string(&cfg)?),
        ("VaultProbe", VaultProbe::export_to_string(&cfg)?),
        ("FolderKind", FolderKind::export_to_string(&cfg)?),
        ("VerifyCheck", VerifyCheck::export_to_string(&cfg)?),
        ("VerifySummary", VerifySummary::export_to_string(&cfg)?),
        ("FieldProblem", FieldProblem::export_to_string(&cfg)?),
        ("ClientFilter", ClientFilter::export_to_string(&cfg)?),
        ("ClientSummary", ClientSummary::export_to_string(&cfg)?),
        ("ClientRecord", ClientRecord::export_to_string(&cfg)?),
        ("ClientState", ClientState::export_to_string(&cfg)?),
        ("Contact", Contact::export_to_string(&cfg)?),
        ("Episode", Episode::export_to_string(&cfg)?),
        ("StateChange", StateChange::export_to_string(&cfg)?),
        ("ReferralForm", ReferralForm::export_to_string(&cfg)?),
        ("Modality", Modality::export_to_string(&cfg)?),
        ("Mode", Mode::export_to_string(&cfg)?),
        ("Outcome", Outcome::export_to_string(&cfg)?),
        ("Session", Session::export_to_string(&cfg)?),
        ("SessionForm", SessionForm::export_to_string(&cfg)?),
        ("CheckReview", CheckReview::export_to_string(&cfg)?),
        ("SessionSettings", SessionSettings::export_to_string(&cfg)?),
        ("Register", Register::export_to_string(&cfg)?),
        ("AttendanceCounts", AttendanceCounts::export_to_string(&cfg)?),
        ("Professional", Professional::export_to_string(&cfg)?),
        ("ProfessionalForm", ProfessionalForm::export_to_string(&cfg)?),
        ("Role", Role::export_to_string(&cfg)?),
        ("CorrespondenceForm", CorrespondenceForm::export_to_string(&cfg)?),
        ("CorrespondenceEntry", CorrespondenceEntry::export_to_string(&cfg)?),
        ("Kind", Kind::export_to_string(&cfg)?),
        ("Direction", Direction::export_to_string(&cfg)?),
        ("Counterpart", Counterpart::export_to_string(&cfg)?),
        ("BlobInfo", BlobInfo::export_to_string(&cfg)?),
        ("PendingUpload", folio_core::blobs::PendingUpload::export_to_string(&cfg)?),
        ("UploadProgress", UploadProgress::export_to_string(&cfg)?),
        ("BackupProgress", BackupProgress::export_to_string(&cfg)?),
        ("Backup", Backup::export_to_string(&cfg)?),
        ("BackupStatus", BackupStatus::export_to_string(&cfg)?),
        ("ImportPreview", ImportPreview::export_to_string(&cfg)?),
        ("ColumnMapping", ColumnMapping::export_to_string(&cfg)?),
        ("RowOutcome", RowOutcome::export_to_string(&cfg)?),
        ("NoteKind", NoteKind::export_to_string(&cfg)?),
        ("NoteState", NoteState::export_to_string(&cfg)?),
        ("Section", Section::export_to_string(&cfg)?),
        ("KeptIdentifier", KeptIdentifier::export_to_string(&cfg)?),
        ("NewNote", NewNote::export_to_string(&cfg)?),
        ("DraftText", DraftText::export_to_string(&cfg)?),
        ("Amendment", Amendment::export_to_string(&cfg)?),
        ("NoteVersion", NoteVersion::export_to_string(&cfg)?),
        ("NoteSummary", NoteSummary::export_to_string(&cfg)?),
        ("Note", Note::export_to_string(&cfg)?),
        ("Draft", Draft::export_to_string(&cfg)?),
        ("Hit", Hit::export_to_string(&cfg)?),
        ("HitKind", HitKind::export_to_string(&cfg)?),
        ("SectionHit", SectionHit::export_to_string(&cfg)?),
        ("NoteSettings", NoteSettings::export_to_string(&cfg)?),
        ("SearchForm", SearchForm::export_to_string(&cfg)?),
        ("SearchHit", SearchHit::export_to_string(&cfg)?),
        ("SearchResults", SearchResults::export_to_string(&cfg)?),
        ("Order", Order::export_to_string(&cfg)?),
        ("Template", Template::export_to_string(&cfg)?),
        ("TemplateId", TemplateId::export_to_string(&cfg)?),
        ("Purpose", Purpose::export_to_string(&cfg)?),
        ("How", How::export_to_string(&cfg)?),
        ("GivenByRole", GivenByRole::export_to_string(&cfg)?),
        ("ConsentState", ConsentState::export_to_string(&cfg)?),
        ("ConsentForm", ConsentForm::export_to_string(&cfg)?),
        ("Withdrawal", Withdrawal::export_to_string(&cfg)?),
        ("Consent", Consent::export_to_string(&cfg)?),
        ("Intervals", Intervals::export_to_string(&cfg)?),
        ("AgreementKind", AgreementKind::export_to_string(&cfg)?),
        ("AgreementForm", AgreementForm::export_to_string(&cfg)?),
        ("Agreement", Agreement::export_to_string(&cfg)?),
        ("Recipient", Recipient::export_to_string(&cfg)?),
        ("Basis", Basis::export_to_string(&cfg)?),
        ("Told", Told::export_to_string(&cfg)?),
        ("DisclosureForm", DisclosureForm::export_to_string(&cfg)?),
        ("Disclosure", Disclosure::export_to_string(&cfg)?),
        ("SafeguardingForm", SafeguardingForm::export_to_string(&cfg)?),
        ("SafeguardingEntry", SafeguardingEntry::export_to_string(&cfg)?),
        ("ComplaintHow", ComplaintHow::export_to_string(&cfg)?),
        ("ComplaintStage", ComplaintStage::export_to_string(&cfg)?),
        ("ComplaintState", ComplaintState::export_to_string(&cfg)?),
        ("ComplaintForm", ComplaintForm::export_to_string(&cfg)?),
        ("StageEntry", StageEntry::export_to_string(&cfg)?),
        ("Complaint", Complaint::export_to_string(&cfg)?),
        ("RequestKind", RequestKind::export_to_string(&cfg)?),
        ("MadeBy", MadeBy::export_to_string(&cfg)?),
        ("RequestOutcome", RequestOutcome::export_to_string(&cfg)?),
        ("RequestState", RequestState::export_to_string(&cfg)?),
        ("RequestForm", RequestForm::export_to_string(&cfg)?),
        ("IdentityForm", IdentityForm::export_to_string(&cfg)?),
        ("ExtensionForm", ExtensionForm::export_to_string(&cfg)?),
        ("RequestCloseForm", RequestCloseForm::export_to_string(&cfg)?),
        ("IdentityCheck", IdentityCheck::export_to_string(&cfg)?),
        ("Extension", Extension::export_to_string(&cfg)?),
        ("RightsRequest", RightsRequest::export_to_string(&cfg)?),
        ("IncidentState", IncidentState::export_to_string(&cfg)?),
        ("IncidentForm", IncidentForm::export_to_string(&cfg)?),
        ("ReportForm", ReportForm::export_to_string(&cfg)?),
        ("DecisionForm", DecisionForm::export_to_string(&cfg)?),
        ("Incident", Incident::export_to_string(&cfg)?),
        ("ArtworkState", ArtworkState::export_to_string(&cfg)?),
        ("ArtworkChange", ArtworkChange::export_to_string(&cfg)?),
        ("CollectionState", CollectionState::export_to_string(&cfg)?),
        ("ArtworkForm", ArtworkForm::export_to_string(&cfg)?),
        ("ArtworkEvent", ArtworkEvent::export_to_string(&cfg)?),
        ("Artwork", Artwork::export_to_string(&cfg)?),
        ("Location", Location::export_to_string(&cfg)?),
        ("MediaKind", MediaKind::export_to_string(&cfg)?),
        ("MediaState", MediaState::export_to_string(&cfg)?),
        ("MediaForm", MediaForm::export_to_string(&cfg)?),
        ("Media", Media::export_to_string(&cfg)?),
        ("Category", Category::export_to_string(&cfg)?),
        ("Anchor", Anchor::export_to_string(&cfg)?),
        ("When", When::export_to_string(&cfg)?),
        ("RetentionState", RetentionState::export_to_string(&cfg)?),
        ("Term", Term::export_to_string(&cfg)?),
        ("Case", Case::export_to_string(&cfg)?),
        ("Rule", Rule::export_to_string(&cfg)?),
        ("Policy", Policy::export_to_string(&cfg)?),
        ("Preset", Preset::export_to_string(&cfg)?),
        ("RuleLine", RuleLine::export_to_string(&cfg)?),
        ("PolicyView", PolicyView::export_to_string(&cfg)?),
        ("RuleChange", RuleChange::export_to_string(&cfg)?),
        ("PolicyChange", PolicyChange::export_to_string(&cfg)?),
        ("Entry", Entry::export_to_string(&cfg)?),
        ("CategoryCount", CategoryCount::export_to_string(&cfg)?),
        ("Group", Group::export_to_string(&cfg)?),
        ("Overview", Overview::export_to_string(&cfg)?),
        ("Hold", Hold::export_to_string(&cfg)?),
        ("DueItem", DueItem::export_to_string(&cfg)?),
        ("ClientDue", ClientDue::export_to_string(&cfg)?),
        ("Waiting", Waiting::export_to_string(&cfg)?),
        ("Preview", Preview::export_to_string(&cfg)?),
        ("BatchState", BatchState::export_to_string(&cfg)?),
        ("Destruction", Destruction::export_to_string(&cfg)?),
        ("Destroyed", Destroyed::export_to_string(&cfg)?),
        ("DestructionRecord", DestructionRecord::export_to_string(&cfg)?),
        ("Successor", Successor::export_to_string(&cfg)?),
        ("HandoverForm", HandoverForm::export_to_string(&cfg)?),
        ("Holder", Holder::export_to_string(&cfg)?),
        ("HandoverStatus", HandoverStatus::export_to_string(&cfg)?),
        ("HandoverOverview", HandoverOverview::export_to_string(&cfg)?),
        ("Saved", Saved::export_to_string(&cfg)?),
        ("HandoverIssued", HandoverIssued::export_to_string(&cfg)?),
        ("ShareChecked", ShareChecked::export_to_string(&cfg)?),
        ("ContactPerson", ContactPerson::export_to_string(&cfg)?),
        ("ContactEntry", ContactEntry::export_to_string(&cfg)?),
        ("ContactSheet", ContactSheet::export_to_string(&cfg)?),
        ("ChecklistGroup", ChecklistGroup::export_to_string(&cfg)?),
        ("ChecklistItem", ChecklistItem::export_to_string(&cfg)?),
        ("Checklist", Checklist::export_to_string(&cfg)?),
        ("choices", folio_core::choices::catalogue_typescript()),
    ])
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// Run with `FOLIO_UPDATE_BINDINGS=1` to rewrite the committed files.
    #[test]
    fn generated_typescript_matches_the_committed_files() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/generated");
        let update = std::env::var_os("FOLIO_UPDATE_BINDINGS").is_some();
        let bindings = super::typescript_bindings().unwrap_or_else(|e| panic!("ts-rs: {e}"));
        let mut stale = Vec::new();
        for (name, contents) in bindings {
            let path = dir.join(format!("{name}.ts"));
            if update {
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
                std::fs::write(&path, &contents).unwrap_or_else(|e| panic!("{e}"));
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "TypeScript bindings are stale: {stale:?}. Run: FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-app"
        );
    }
}
