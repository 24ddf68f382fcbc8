// The only module that imports @tauri-apps/api. Screens talk to `FolioApi`, so tests can
// hand them a mock. Passwords go as raw bytes and the byte arrays are zero-filled after
// each call (docs/ipc.md).
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AppInfo } from "./generated/AppInfo";
import type { Artwork } from "./generated/Artwork";
import type { ArtworkForm } from "./generated/ArtworkForm";
import type { Location } from "./generated/Location";
import type { Media } from "./generated/Media";
import type { MediaForm } from "./generated/MediaForm";
import type { Entry } from "./generated/Entry";
import type { Hold } from "./generated/Hold";
import type { Overview } from "./generated/Overview";
import type { Category } from "./generated/Category";
import type { PolicyChange } from "./generated/PolicyChange";
import type { PolicyView } from "./generated/PolicyView";
import type { Preset } from "./generated/Preset";
import type { Destruction } from "./generated/Destruction";
import type { DestructionRecord } from "./generated/DestructionRecord";
import type { Preview } from "./generated/Preview";
import type { Complaint } from "./generated/Complaint";
import type { ComplaintForm } from "./generated/ComplaintForm";
import type { Backup } from "./generated/Backup";
import type { BackupProgress } from "./generated/BackupProgress";
import type { BackupStatus } from "./generated/BackupStatus";
import type { ExtensionForm } from "./generated/ExtensionForm";
import type { IdentityForm } from "./generated/IdentityForm";
import type { RequestCloseForm } from "./generated/RequestCloseForm";
import type { RequestForm } from "./generated/RequestForm";
import type { RightsRequest } from "./generated/RightsRequest";
import type { DecisionForm } from "./generated/DecisionForm";
import type { Incident } from "./generated/Incident";
import type { IncidentForm } from "./generated/IncidentForm";
import type { ReportForm } from "./generated/ReportForm";
import type { LockedEvent } from "./generated/LockedEvent";
import type { PendingUpload } from "./generated/PendingUpload";
import type { UploadProgress } from "./generated/UploadProgress";
import type { PasswordStrength } from "./generated/PasswordStrength";
import type { VaultInfo } from "./generated/VaultInfo";
import type { VaultProbe } from "./generated/VaultProbe";
import type { VerifySummary } from "./generated/VerifySummary";
import type { AttendanceCounts } from "./generated/AttendanceCounts";
import type { CheckReview } from "./generated/CheckReview";
import type { SessionSettings } from "./generated/SessionSettings";
import type { ImportPreview } from "./generated/ImportPreview";
import type { Professional } from "./generated/Professional";
import type { ProfessionalForm } from "./generated/ProfessionalForm";
import type { CorrespondenceEntry } from "./generated/CorrespondenceEntry";
import type { CorrespondenceForm } from "./generated/CorrespondenceForm";
import type { ClientFilter } from "./generated/ClientFilter";
import type { ClientRecord } from "./generated/ClientRecord";
import type { ClientState } from "./generated/ClientState";
import type { ClientSummary } from "./generated/ClientSummary";
import type { Outcome } from "./generated/Outcome";
import type { ReferralForm } from "./generated/ReferralForm";
import type { Register } from "./generated/Register";
import type { Session } from "./generated/Session";
import type { SessionForm } from "./generated/SessionForm";
import type { Amendment } from "./generated/Amendment";
import type { Draft } from "./generated/Draft";
import type { DraftText } from "./generated/DraftText";
import type { KeptIdentifier } from "./generated/KeptIdentifier";
import type { NewNote } from "./generated/NewNote";
import type { Note } from "./generated/Note";
import type { NoteSettings } from "./generated/NoteSettings";
import type { NoteSummary } from "./generated/NoteSummary";
import type { SearchForm } from "./generated/SearchForm";
import type { SearchResults } from "./generated/SearchResults";
import type { Section } from "./generated/Section";
import type { SectionHit } from "./generated/SectionHit";
import type { Template } from "./generated/Template";
import type { Consent } from "./generated/Consent";
import type { Intervals } from "./generated/Intervals";
import type { ConsentForm } from "./generated/ConsentForm";
import type { Agreement } from "./generated/Agreement";
import type { AgreementForm } from "./generated/AgreementForm";
import type { Disclosure } from "./generated/Disclosure";
import type { DisclosureForm } from "./generated/DisclosureForm";
import type { SafeguardingEntry } from "./generated/SafeguardingEntry";
import type { SafeguardingForm } from "./generated/SafeguardingForm";
import type { Checklist } from "./generated/Checklist";
import type { ContactSheet } from "./generated/ContactSheet";
import type { HandoverForm } from "./generated/HandoverForm";
import type { HandoverIssued } from "./generated/HandoverIssued";
import type { HandoverOverview } from "./generated/HandoverOverview";
import type { HandoverStatus } from "./generated/HandoverStatus";
import type { Saved } from "./generated/Saved";
import type { ShareChecked } from "./generated/ShareChecked";
import { toFolioError } from "./errors";
import { decodeParts, encodeParts, encodePassword, encodePasswordPair } from "./password";

/** A handover share as entered: how messages name it ("First share") and its text. */
export interface LabelledShare {
  label: string;
  text: string;
}

/** What setting up the handover gives back: what was saved, and the shares' texts in
 * holder order, to be shown this once. */
export interface ShownOnce {
  issued: HandoverIssued;
  shares: string[];
}

export interface FolioApi {
  appInfo(): Promise<AppInfo>;
  probeVault(dir: string): Promise<VaultProbe>;
  passwordStrength(password: string): Promise<PasswordStrength>;
  /** The folder and practice name of a new vault, every problem at once (no password). */
  checkNewVault(dir: string, practiceName: string): Promise<void>;
  createVault(dir: string, practiceName: string, password: string): Promise<VaultInfo>;
  unlockVault(dir: string, password: string): Promise<VaultInfo>;
  lockVault(): Promise<void>;
  changePassword(current: string, next: string): Promise<void>;
  setAutoLock(minutes: string): Promise<VaultInfo>;
  verifyVault(): Promise<VerifySummary>;
  recordActivity(): Promise<void>;
  listClients(filter: ClientFilter): Promise<ClientSummary[]>;
  getClient(code: string): Promise<ClientRecord>;
  addReferral(form: ReferralForm): Promise<ClientSummary>;
  updateReferral(code: string, form: ReferralForm): Promise<ClientSummary>;
  changeClientState(code: string, to: ClientState, on: string, note: string): Promise<ClientSummary>;
  reRefer(code: string, on: string, note: string): Promise<ClientSummary>;
  listSessions(code: string): Promise<Register>;
  addSession(code: string, session: SessionForm): Promise<Session>;
  setSessionOutcome(code: string, id: number, outcome: Outcome): Promise<Session>;
  attendance(code: string, from: string, to: string): Promise<AttendanceCounts>;
  sessionReviews(): Promise<CheckReview[]>;
  sessionSettings(): Promise<SessionSettings>;
  setRecordsSessions(records: "yes" | "no"): Promise<SessionSettings>;
  /** Opens the native file picker and saves the chosen files into the vault, pending. */
  attachFiles(): Promise<PendingUpload[]>;
  addCorrespondence(code: string, entry: CorrespondenceForm, uploads: number[]): Promise<CorrespondenceEntry>;
  listCorrespondence(code: string): Promise<CorrespondenceEntry[]>;
  previewImport(csv: string, mapping: [string, string][]): Promise<ImportPreview>;
  importClients(csv: string, mapping: [string, string][]): Promise<ImportPreview>;
  /** Opens the native folder picker, then saves there; null when the therapist cancelled. */
  saveAttendancePdf(code: string, from: string, to: string, forWhom: string): Promise<string | null>;
  listProfessionals(): Promise<Professional[]>;
  addProfessional(professional: ProfessionalForm): Promise<Professional>;
  linkProfessional(code: string, id: number): Promise<void>;
  startNote(code: string, note: NewNote): Promise<Note>;
  /** The autosave: no audit entry, refused once the note is signed. */
  saveDraft(id: number, draft: DraftText): Promise<NoteSummary>;
  discardDraft(id: number): Promise<void>;
  signNote(id: number): Promise<Note>;
  amendNote(id: number, amendment: Amendment): Promise<Note>;
  getNote(id: number): Promise<Note>;
  listNotes(code: string): Promise<NoteSummary[]>;
  listDrafts(): Promise<Draft[]>;
  /** The live identifier check of the editor (the checker is cached in the shell). */
  checkNote(code: string, sections: Section[], kept: KeptIdentifier[]): Promise<SectionHit[]>;
  searchNotes(search: SearchForm): Promise<SearchResults>;
  listTemplates(): Promise<Template[]>;
  setTemplate(template: string, headings: string): Promise<Template>;
  resetTemplate(template: string): Promise<Template>;
  noteSettings(): Promise<NoteSettings>;
  setDraftDays(days: string): Promise<NoteSettings>;
  /** `upload`: the pending upload (from `attachFiles`) of what the person was told, or null. */
  addConsent(code: string, consent: ConsentForm, upload: number | null): Promise<Consent>;
  reviewConsent(id: number, on: string, note: string): Promise<Consent>;
  withdrawConsent(id: number, on: string, by: string): Promise<Consent>;
  getConsent(id: number): Promise<Consent>;
  /** One client's consents, or the practice's when `code` is null; newest first. */
  listConsents(code: string | null): Promise<Consent[]>;
  /** Consents due for review or refresh, or expired, on `asOf` (empty: today), soonest first. */
  consentsDue(asOf: string): Promise<Consent[]>;
  consentIntervals(): Promise<Intervals[]>;
  setConsentIntervals(purpose: string, reviewMonths: string, refreshMonths: string): Promise<Intervals>;
  /** `upload`: the pending upload (from `attachFiles`) of the signed copy, or null. */
  addAgreement(code: string, agreement: AgreementForm, upload: number | null): Promise<Agreement>;
  /** A client's agreements, newest first, each marked current for this period of therapy or not. */
  listAgreements(code: string): Promise<Agreement[]>;
  addDisclosure(code: string, disclosure: DisclosureForm, uploads: number[]): Promise<Disclosure>;
  listDisclosures(code: string): Promise<Disclosure[]>;
  /** `keepIdentifiers`: the reason for keeping what the identifier check found, or null. */
  addSafeguardingEntry(code: string, entry: SafeguardingForm, keepIdentifiers: string | null): Promise<SafeguardingEntry>;
  /** A client's safeguarding log, newest first. */
  listSafeguarding(code: string): Promise<SafeguardingEntry[]>;
  addComplaint(complaint: ComplaintForm): Promise<Complaint>;
  /** `stage` and `on` as typed (a stage value, dd/mm/yyyy). */
  addComplaintStage(id: number, stage: string, on: string): Promise<Complaint>;
  closeComplaint(id: number, on: string, outcome: string, response: string): Promise<Complaint>;
  /** The register, open complaints first; with a client's code, only theirs. */
  listComplaints(code: string | null): Promise<Complaint[]>;
  addRequest(request: RequestForm): Promise<RightsRequest>;
  checkRequestIdentity(id: number, identity: IdentityForm): Promise<RightsRequest>;
  extendRequest(id: number, extension: ExtensionForm): Promise<RightsRequest>;
  closeRequest(id: number, closing: RequestCloseForm): Promise<RightsRequest>;
  /** The request register, open first by deadline; with a client's code, only theirs. */
  listRequests(code: string | null): Promise<RightsRequest[]>;
  /** Opens the folder picker (where USB drives appear) and backs up into the folder chosen; null if cancelled. */
  takeBackup(): Promise<Backup | null>;
  /** The backups taken, newest first. */
  listBackups(): Promise<Backup[]>;
  backupStatus(): Promise<BackupStatus>;
  onBackupProgress(handler: (event: BackupProgress) => void): Promise<() => void>;
  addIncident(incident: IncidentForm): Promise<Incident>;
  reportIncident(id: number, report: ReportForm): Promise<Incident>;
  decideIncident(id: number, decision: DecisionForm): Promise<Incident>;
  /** The incident log, open incidents first (soonest deadline first), each with its countdown. */
  listIncidents(): Promise<Incident[]>;
  addArtwork(code: string, form: ArtworkForm): Promise<Artwork>;
  /** One client's pieces, or (null) the whole inventory. */
  listArtwork(code: string | null): Promise<Artwork[]>;
  artworkLocations(): Promise<Location[]>;
  moveArtwork(reference: string, to: string, on: string): Promise<Artwork>;
  returnArtwork(reference: string, on: string, to: string): Promise<Artwork>;
  keepArtwork(reference: string, on: string, reason: string): Promise<Artwork>;
  disposeArtwork(reference: string, on: string, how: string): Promise<Artwork>;
  artworkCollectionMonths(): Promise<number>;
  setArtworkCollectionMonths(months: string): Promise<number>;
  /** Opens the folder picker, saves the label sheet; the file's path, or null if cancelled. */
  saveArtworkLabels(code: string | null): Promise<string | null>;
  /** Opens the folder picker, saves the list by location; the file's path, or null if cancelled. */
  saveArtworkList(location: string | null): Promise<string | null>;
  /** Checks the consent, opens the file picker and adds the chosen photo or recording
   * (streamed in with progress events); null if the therapist cancelled. */
  addMedia(code: string, form: MediaForm): Promise<Media | null>;
  /** One client's photos and recordings, or (null) every client's. */
  listMedia(code: string | null): Promise<Media[]>;
  /** A photo as a data: URL, built in memory. */
  mediaPhoto(id: number): Promise<string>;
  /** Opens the folder picker and saves an (unencrypted) copy; its path, or null if cancelled. */
  saveMediaCopy(id: number): Promise<string | null>;
  mediaToReview(): Promise<Media[]>;
  keepMedia(id: number, reason: string): Promise<Media>;
  destroyMedia(id: number, reason: string): Promise<Media>;
  retentionPresets(): Promise<Preset[]>;
  /** The policy in force, or null before one is chosen. */
  retentionPolicy(): Promise<PolicyView | null>;
  setRetentionPreset(preset: string): Promise<PolicyView>;
  /** Replaces one category's rule with its cases as written, one a line. */
  setRetentionRule(category: Category, cases: string[]): Promise<PolicyView>;
  /** The cases as written, in words; or what to fix (changes nothing). */
  describeRetentionRule(cases: string[]): Promise<string>;
  retentionPolicyChanges(): Promise<PolicyChange[]>;
  /** One client's records, each with "kept until" and why. */
  clientRetention(code: string): Promise<Entry[]>;
  retentionOverview(): Promise<Overview>;
  listHolds(code: string | null): Promise<Hold[]>;
  placeHold(code: string, reason: string): Promise<Hold>;
  releaseHold(code: string): Promise<Hold>;
  /** What is due for destruction today (codes, categories, counts; no content). */
  destructionPreview(): Promise<Preview>;
  /** Confirms it with the password; it runs after the grace period, at the next unlock. */
  confirmDestruction(password: string): Promise<Destruction>;
  pendingDestructions(): Promise<Destruction[]>;
  cancelDestruction(id: number): Promise<Destruction>;
  destructionRecords(): Promise<DestructionRecord[]>;
  /** Opens the folder picker and saves the certificate; its path, or null if cancelled. */
  saveDestructionCertificate(id: number, forWhom: string): Promise<string | null>;
  /** The handover as it stands (no secret), and the day of the last takeover, if any. */
  handoverOverview(): Promise<HandoverOverview>;
  /** Every refusal the handover form would get, and the warning to show (1 of n); makes nothing. */
  checkHandoverForm(form: HandoverForm, again: boolean): Promise<string | null>;
  /** Opens the folder picker, then sets up (or with `again` re-issues) the handover there:
   * null if cancelled; else what was saved and the shares, shown once. */
  setUpHandover(form: HandoverForm, again: boolean): Promise<ShownOnce | null>;
  /** Opens the folder picker and prints the pack (no shares) there; null if cancelled. */
  printHandoverPack(): Promise<Saved | null>;
  /** One share as it is entered on the unlock screen (sent as raw bytes); opens nothing. */
  checkHandoverShare(dir: string, share: LabelledShare): Promise<ShareChecked>;
  /** Contact only: records the opening and gives the contact sheet; no vault stays open. */
  openHandoverContact(dir: string, shares: LabelledShare[]): Promise<ContactSheet>;
  /** Opens the folder picker and saves the contact sheet as a PDF; its path, or null if cancelled. */
  saveContactSheet(): Promise<string | null>;
  closeContactSheet(): Promise<void>;
  /** Takes the vault over with the shares and the successor's new password (raw bytes). */
  takeOverVault(dir: string, shares: LabelledShare[], password: string): Promise<VaultInfo>;
  handoverChecklist(): Promise<Checklist>;
  tickHandoverItem(key: string, ticked: boolean): Promise<Checklist>;
  markHandoverReviewed(): Promise<HandoverStatus>;
  onLocked(handler: (event: LockedEvent) => void): Promise<() => void>;
  onUploadProgress(handler: (event: UploadProgress) => void): Promise<() => void>;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toFolioError(e);
  }
}

/** Sends `bytes` as the raw body, then wipes them whatever happened. */
async function callWithBytes<T>(command: string, bytes: Uint8Array, headers: Record<string, string> = {}): Promise<T> {
  try {
    return await invoke<T>(command, bytes, { headers });
  } catch (e) {
    throw toFolioError(e);
  } finally {
    bytes.fill(0);
  }
}

/** The `folio-share-labels` header: the shares' labels, one a line. */
const shareHeaders = (dir: string, shares: LabelledShare[]) => ({
  "folio-dir": encodeURIComponent(dir),
  "folio-share-labels": encodeURIComponent(shares.map((s) => s.label.replace(/\n/g, " ")).join("\n")),
});

/** A raw reply as bytes (an ArrayBuffer, or numbers where the IPC falls back to JSON). */
const replyBytes = (reply: ArrayBuffer | number[]) =>
  reply instanceof ArrayBuffer ? new Uint8Array(reply) : Uint8Array.from(reply);

/** The handover's raw reply: the outcome as JSON (null if cancelled), then the shares. The
 * reply's bytes are zero-filled once read. */
function shownOnce(reply: ArrayBuffer | number[]): ShownOnce | null {
  const bytes = replyBytes(reply);
  try {
    const [head, ...texts] = decodeParts(bytes);
    const issued = JSON.parse(new TextDecoder().decode(head)) as HandoverIssued | null;
    if (issued === null) return null;
    return { issued, shares: texts.map((t) => new TextDecoder().decode(t)) };
  } finally {
    bytes.fill(0);
  }
}

export const tauriApi: FolioApi = {
  appInfo: () => call("app_info"),
  probeVault: (dir) => call("probe_vault", { dir }),
  passwordStrength: (password) => callWithBytes("password_strength", encodePassword(password)),
  checkNewVault: (dir, practiceName) => call("check_new_vault", { dir, practiceName }),
  createVault: (dir, practiceName, password) =>
    callWithBytes("create_vault", encodePassword(password), {
      "folio-dir": encodeURIComponent(dir),
      "folio-practice": encodeURIComponent(practiceName),
    }),
  unlockVault: (dir, password) =>
    callWithBytes("unlock_vault", encodePassword(password), { "folio-dir": encodeURIComponent(dir) }),
  lockVault: () => call("lock_vault"),
  changePassword: (current, next) => callWithBytes("change_password", encodePasswordPair(current, next)),
  setAutoLock: (minutes) => call("set_auto_lock", { minutes }),
  verifyVault: () => call("verify_vault"),
  recordActivity: () => call("record_activity"),
  listClients: (filter) => call("list_clients", { filter }),
  getClient: (code) => call("get_client", { code }),
  addReferral: (form) => call("add_referral", { form }),
  updateReferral: (code, form) => call("update_referral", { code, form }),
  changeClientState: (code, to, on, note) => call("change_client_state", { code, to, on, note }),
  reRefer: (code, on, note) => call("re_refer", { code, on, note }),
  listSessions: (code) => call("list_sessions", { code }),
  addSession: (code, session) => call("add_session", { code, session }),
  setSessionOutcome: (code, id, outcome) => call("set_session_outcome", { code, id, outcome }),
  attendance: (code, from, to) => call("attendance", { code, from, to }),
  sessionReviews: () => call("session_reviews"),
  sessionSettings: () => call("session_settings"),
  setRecordsSessions: (records) => call("set_records_sessions", { records }),
  attachFiles: () => call("attach_files"),
  addCorrespondence: (code, entry, uploads) => call("add_correspondence", { code, entry, uploads }),
  listCorrespondence: (code) => call("list_correspondence", { code }),
  previewImport: (csv, mapping) => call("preview_import", { csv, mapping }),
  importClients: (csv, mapping) => call("import_clients", { csv, mapping }),
  saveAttendancePdf: (code, from, to, forWhom) => call("save_attendance_pdf", { code, from, to, forWhom }),
  listProfessionals: () => call("list_professionals"),
  addProfessional: (professional) => call("add_professional", { professional }),
  linkProfessional: (code, id) => call("link_professional", { code, id }),
  startNote: (code, note) => call("start_note", { code, note }),
  saveDraft: (id, draft) => call("save_draft", { id, draft }),
  discardDraft: (id) => call("discard_draft", { id }),
  signNote: (id) => call("sign_note", { id }),
  amendNote: (id, amendment) => call("amend_note", { id, amendment }),
  getNote: (id) => call("get_note", { id }),
  listNotes: (code) => call("list_notes", { code }),
  listDrafts: () => call("list_drafts"),
  checkNote: (code, sections, kept) => call("check_note", { code, sections, kept }),
  searchNotes: (search) => call("search_notes", { search }),
  listTemplates: () => call("list_templates"),
  setTemplate: (template, headings) => call("set_template", { template, headings }),
  resetTemplate: (template) => call("reset_template", { template }),
  noteSettings: () => call("note_settings"),
  setDraftDays: (days) => call("set_draft_days", { days }),
  addConsent: (code, consent, upload) => call("add_consent", { code, consent, upload }),
  reviewConsent: (id, on, note) => call("review_consent", { id, on, note }),
  withdrawConsent: (id, on, by) => call("withdraw_consent", { id, on, by }),
  getConsent: (id) => call("get_consent", { id }),
  listConsents: (code) => call("list_consents", { code }),
  consentsDue: (asOf) => call("consents_due", { asOf }),
  consentIntervals: () => call("consent_intervals"),
  setConsentIntervals: (purpose, reviewMonths, refreshMonths) =>
    call("set_consent_intervals", { purpose, reviewMonths, refreshMonths }),
  addAgreement: (code, agreement, upload) => call("add_agreement", { code, agreement, upload }),
  listAgreements: (code) => call("list_agreements", { code }),
  addDisclosure: (code, disclosure, uploads) => call("add_disclosure", { code, disclosure, uploads }),
  listDisclosures: (code) => call("list_disclosures", { code }),
  addSafeguardingEntry: (code, entry, keepIdentifiers) => call("add_safeguarding_entry", { code, entry, keepIdentifiers }),
  listSafeguarding: (code) => call("list_safeguarding", { code }),
  addComplaint: (complaint) => call("add_complaint", { complaint }),
  addComplaintStage: (id, stage, on) => call("add_complaint_stage", { id, stage, on }),
  closeComplaint: (id, on, outcome, response) => call("close_complaint", { id, on, outcome, response }),
  listComplaints: (code) => call("list_complaints", { code }),
  addRequest: (request) => call("add_request", { request }),
  checkRequestIdentity: (id, identity) => call("check_request_identity", { id, identity }),
  extendRequest: (id, extension) => call("extend_request", { id, extension }),
  closeRequest: (id, closing) => call("close_request", { id, closing }),
  listRequests: (code) => call("list_requests", { code }),
  takeBackup: () => call("take_backup"),
  listBackups: () => call("list_backups"),
  backupStatus: () => call("backup_status"),
  onBackupProgress: (handler) => listen<BackupProgress>("folio://backup-progress", (event) => handler(event.payload)),
  addIncident: (incident) => call("add_incident", { incident }),
  reportIncident: (id, report) => call("report_incident", { id, report }),
  decideIncident: (id, decision) => call("decide_incident", { id, decision }),
  listIncidents: () => call("list_incidents"),
  addArtwork: (code, form) => call("add_artwork", { code, form }),
  listArtwork: (code) => call("list_artwork", { code }),
  artworkLocations: () => call("artwork_locations"),
  moveArtwork: (reference, to, on) => call("move_artwork", { reference, to, on }),
  returnArtwork: (reference, on, to) => call("return_artwork", { reference, on, to }),
  keepArtwork: (reference, on, reason) => call("keep_artwork", { reference, on, reason }),
  disposeArtwork: (reference, on, how) => call("dispose_artwork", { reference, on, how }),
  artworkCollectionMonths: () => call("artwork_collection_months"),
  setArtworkCollectionMonths: (months) => call("set_artwork_collection_months", { months }),
  saveArtworkLabels: (code) => call("save_artwork_labels", { code }),
  saveArtworkList: (location) => call("save_artwork_list", { location }),
  addMedia: (code, form) => call("add_media", { code, form }),
  listMedia: (code) => call("list_media", { code }),
  mediaPhoto: (id) => call("media_photo", { id }),
  saveMediaCopy: (id) => call("save_media_copy", { id }),
  mediaToReview: () => call("media_to_review"),
  keepMedia: (id, reason) => call("keep_media", { id, reason }),
  destroyMedia: (id, reason) => call("destroy_media", { id, reason }),
  retentionPresets: () => call("retention_presets"),
  retentionPolicy: () => call("retention_policy"),
  setRetentionPreset: (preset) => call("set_retention_preset", { preset }),
  setRetentionRule: (category, cases) => call("set_retention_rule", { category, cases }),
  describeRetentionRule: (cases) => call("describe_retention_rule", { cases }),
  retentionPolicyChanges: () => call("retention_policy_changes"),
  clientRetention: (code) => call("client_retention", { code }),
  retentionOverview: () => call("retention_overview"),
  listHolds: (code) => call("list_holds", { code }),
  placeHold: (code, reason) => call("place_hold", { code, reason }),
  releaseHold: (code) => call("release_hold", { code }),
  destructionPreview: () => call("destruction_preview"),
  confirmDestruction: (password) => callWithBytes("confirm_destruction", encodePassword(password)),
  pendingDestructions: () => call("pending_destructions"),
  cancelDestruction: (id) => call("cancel_destruction", { id }),
  destructionRecords: () => call("destruction_records"),
  saveDestructionCertificate: (id, forWhom) => call("save_destruction_certificate", { id, forWhom }),
  handoverOverview: () => call("handover_overview"),
  checkHandoverForm: (form, again) => call("check_handover_form", { form, again }),
  setUpHandover: async (form, again) => {
    const reply: ArrayBuffer | number[] = await call("set_up_handover", { form, again });
    return shownOnce(reply);
  },
  printHandoverPack: () => call("print_handover_pack"),
  checkHandoverShare: (dir, share) =>
    callWithBytes("check_handover_share", encodeParts([share.text]), shareHeaders(dir, [share])),
  openHandoverContact: (dir, shares) =>
    callWithBytes("open_handover_contact", encodeParts(shares.map((s) => s.text)), shareHeaders(dir, shares)),
  saveContactSheet: () => call("save_contact_sheet"),
  closeContactSheet: () => call("close_contact_sheet"),
  takeOverVault: (dir, shares, password) =>
    callWithBytes("take_over_vault", encodeParts([...shares.map((s) => s.text), password]), shareHeaders(dir, shares)),
  handoverChecklist: () => call("handover_checklist"),
  tickHandoverItem: (key, ticked) => call("tick_handover_item", { key, ticked }),
  markHandoverReviewed: () => call("mark_handover_reviewed"),
  onLocked: (handler) => listen<LockedEvent>("folio://locked", (event) => handler(event.payload)),
  onUploadProgress: (handler) => listen<UploadProgress>("folio://upload-progress", (event) => handler(event.payload)),
};
