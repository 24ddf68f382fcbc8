// Generated from folio-core's closed lists (choices.rs). Do not edit: run
// FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-app

export type Option = { value: string; label: string };

export const CHOICES = {
  clientState: [
    { value: "referred", label: "Referred" },
    { value: "waiting-list", label: "Waiting list" },
    { value: "assessment", label: "Assessment" },
    { value: "in-therapy", label: "In therapy" },
    { value: "ended", label: "Ended" },
    { value: "declined", label: "Declined" },
    { value: "withdrawn", label: "Withdrawn" },
  ],
  clientSort: [
    { value: "referral-date", label: "Newest referral first" },
    { value: "code", label: "Client code" },
    { value: "next-session", label: "Next session" },
  ],
  modality: [
    { value: "art", label: "Art therapy" },
    { value: "music", label: "Music therapy" },
  ],
  funding: [
    { value: "private", label: "Private" },
    { value: "school", label: "School" },
    { value: "charity", label: "Charity" },
    { value: "nhs", label: "NHS" },
  ],
  referrer: [
    { value: "self", label: "Self-referral" },
    { value: "parent", label: "Parent or carer" },
    { value: "school", label: "School" },
    { value: "gp", label: "GP" },
    { value: "camhs", label: "CAMHS" },
    { value: "social-care", label: "Social care" },
    { value: "other", label: "Other" },
  ],
  mode: [
    { value: "in-person", label: "In person" },
    { value: "online", label: "Online" },
    { value: "phone", label: "Phone" },
  ],
  outcome: [
    { value: "planned", label: "Planned" },
    { value: "attended", label: "Attended" },
    { value: "cancelled-by-client", label: "Cancelled by client" },
    { value: "cancelled-by-therapist", label: "Cancelled by therapist" },
    { value: "did-not-attend", label: "Did not attend" },
  ],
  correspondenceKind: [
    { value: "letter", label: "Letter" },
    { value: "email", label: "Email" },
    { value: "text", label: "Text message" },
    { value: "app-message", label: "Message in an approved app" },
    { value: "voice-message", label: "Voice message" },
    { value: "video-call", label: "Video call" },
    { value: "phone-call", label: "Phone call" },
  ],
  direction: [
    { value: "in", label: "Received" },
    { value: "out", label: "Sent" },
  ],
  counterpart: [
    { value: "client", label: "Client" },
    { value: "parent", label: "Parent or carer" },
    { value: "school", label: "School" },
    { value: "professional", label: "Professional" },
    { value: "other", label: "Other" },
  ],
  role: [
    { value: "physio", label: "Physiotherapist" },
    { value: "ot", label: "Occupational therapist" },
    { value: "salt", label: "Speech and language therapist" },
    { value: "camhs", label: "CAMHS clinician" },
    { value: "social-worker", label: "Social worker" },
    { value: "gp", label: "GP" },
    { value: "teacher", label: "Teacher" },
    { value: "senco", label: "SENCo" },
    { value: "psychologist", label: "Psychologist" },
    { value: "paediatrician", label: "Paediatrician" },
    { value: "other", label: "Other" },
  ],
  noteKind: [
    { value: "session-note", label: "Session note" },
    { value: "progress-review", label: "Progress review" },
    { value: "assessment", label: "Assessment" },
    { value: "end-of-therapy", label: "End-of-therapy summary" },
    { value: "free", label: "Free note" },
  ],
  noteState: [
    { value: "draft", label: "Draft" },
    { value: "signed", label: "Signed" },
  ],
  noteTemplate: [
    { value: "session-note-art", label: "Session note (art therapy)" },
    { value: "session-note-music", label: "Session note (music therapy)" },
    { value: "progress-review", label: "Progress review" },
    { value: "assessment", label: "Assessment" },
    { value: "end-of-therapy", label: "End-of-therapy summary" },
    { value: "free", label: "Free note" },
  ],
  consentPurpose: [
    { value: "therapy", label: "Therapy" },
    { value: "parental-therapy", label: "Parental consent to a child's therapy" },
    { value: "online-contact", label: "Online or phone contact" },
    { value: "recording", label: "Audio or video recording (therapeutic plan)" },
    { value: "artwork-photos", label: "Photos of artwork" },
    { value: "supervision", label: "Sharing with the clinical supervisor" },
    { value: "training", label: "Training (optional)" },
    { value: "funding", label: "Funding applications (optional)" },
    { value: "publicity", label: "Publicity (optional)" },
    { value: "other", label: "Another purpose" },
  ],
  consentHow: [
    { value: "written", label: "Written form" },
    { value: "signed-contract", label: "Signed contract" },
    { value: "verbal", label: "Verbal" },
    { value: "email", label: "E-mail" },
  ],
  consentGivenBy: [
    { value: "client", label: "The client" },
    { value: "parental-responsibility", label: "A person with parental responsibility" },
  ],
  consentState: [
    { value: "current", label: "Current" },
    { value: "review-due", label: "Due for review" },
    { value: "expired", label: "Expired: refresh it" },
    { value: "withdrawn", label: "Withdrawn" },
  ],
  agreementKind: [
    { value: "confidentiality", label: "Service confidentiality agreement" },
    { value: "therapy-contract", label: "Therapy contract" },
    { value: "work-agreement", label: "Work agreement" },
  ],
  disclosureRecipient: [
    { value: "supervisor", label: "Clinical supervisor" },
    { value: "school", label: "School" },
    { value: "gp", label: "GP" },
    { value: "safeguarding-team", label: "Safeguarding team" },
    { value: "police", label: "Police" },
    { value: "court", label: "Court" },
    { value: "commissioner", label: "Commissioning team" },
    { value: "professional", label: "Another professional" },
    { value: "other", label: "Other" },
  ],
  disclosureBasis: [
    { value: "consent", label: "Consent on record" },
    { value: "supervision", label: "Routine clinical supervision" },
    { value: "safeguarding", label: "Safeguarding" },
    { value: "court-order", label: "Court order" },
    { value: "legal-duty", label: "Legal duty" },
    { value: "vital-interests", label: "Emergency (vital interests)" },
  ],
  disclosureTold: [
    { value: "client", label: "The client was told" },
    { value: "parent", label: "A parent or carer was told" },
    { value: "not-told", label: "Not told" },
  ],
  complaintHow: [
    { value: "letter", label: "Letter" },
    { value: "email", label: "E-mail" },
    { value: "in-person", label: "In person" },
    { value: "phone", label: "Phone" },
    { value: "other", label: "Other" },
  ],
  complaintStage: [
    { value: "therapist", label: "Therapist" },
    { value: "commissioner", label: "Commissioning organisation" },
    { value: "hcpc", label: "HCPC" },
    { value: "ico", label: "ICO" },
  ],
  complaintState: [
    { value: "open", label: "Open" },
    { value: "closed", label: "Closed" },
  ],
  incidentState: [
    { value: "open", label: "Open: decide whether to report it" },
    { value: "reported", label: "Reported to the ICO" },
    { value: "not-reported", label: "Not reported, with the reason" },
  ],
  artworkState: [
    { value: "held", label: "Held" },
    { value: "returned", label: "Returned to the client" },
    { value: "kept", label: "Kept with the client's written consent" },
    { value: "disposed", label: "Disposed of confidentially" },
  ],
  artworkChange: [
    { value: "placed", label: "Placed" },
    { value: "moved", label: "Moved" },
    { value: "returned", label: "Returned to the client" },
    { value: "kept", label: "Kept with the client's written consent" },
    { value: "disposed", label: "Disposed of confidentially" },
  ],
  artworkCollection: [
    { value: "not-due", label: "In therapy" },
    { value: "due", label: "Due for collection" },
    { value: "overdue", label: "Overdue: to be disposed of" },
  ],
  mediaKind: [
    { value: "photo", label: "Photo of artwork" },
    { value: "audio", label: "Audio recording of a session" },
    { value: "video", label: "Video recording of a session" },
  ],
  mediaState: [
    { value: "kept", label: "Kept" },
    { value: "kept-after-review", label: "Kept after review, with the reason" },
    { value: "destroyed", label: "Destroyed" },
  ],
  retentionCategory: [
    { value: "client-record", label: "Client record" },
    { value: "safeguarding", label: "Safeguarding records" },
    { value: "correspondence", label: "Correspondence" },
    { value: "artwork", label: "Artwork held" },
    { value: "media", label: "Photos and recordings" },
  ],
  retentionAnchor: [
    { value: "end", label: "The end of therapy" },
    { value: "birth", label: "The date of birth" },
    { value: "own", label: "The record's own date" },
    { value: "client-record", label: "The client record's date" },
  ],
  retentionWhen: [
    { value: "always", label: "Always" },
    { value: "17-at-end", label: "Aged 17 at the end of therapy" },
    { value: "child", label: "A child at the end of therapy" },
    { value: "adult", label: "An adult at the end of therapy" },
    { value: "safeguarding", label: "A safeguarding concern on file" },
  ],
  retentionState: [
    { value: "in-therapy", label: "In therapy" },
    { value: "needs-information", label: "Needs information" },
    { value: "kept", label: "Kept" },
    { value: "due", label: "Due for destruction" },
    { value: "on-hold", label: "On hold" },
    { value: "destruction-pending", label: "Destruction pending" },
  ],
  checklistGroup: [
    { value: "instructions", label: "The therapist's instructions" },
    { value: "clients", label: "Clients in therapy to contact" },
    { value: "sessions", label: "Upcoming sessions to confirm or cancel" },
    { value: "requests", label: "Open rights requests and their deadlines" },
    { value: "artwork", label: "Artwork held, by location" },
    { value: "consents", label: "Consents due" },
    { value: "retention", label: "Retention duties that continue" },
    { value: "own-handover", label: "A handover of your own" },
  ],
  requestKind: [
    { value: "access", label: "Access to their records (subject access)" },
    { value: "rectification", label: "Correcting what is wrong (rectification)" },
    { value: "erasure", label: "Erasure" },
    { value: "restriction", label: "Limiting how records are used (restriction)" },
    { value: "objection", label: "Objection to how records are used" },
  ],
  requestMadeBy: [
    { value: "client", label: "The client" },
    { value: "parent", label: "A parent or carer, for a child" },
    { value: "representative", label: "Someone acting for them (a solicitor, an advocate)" },
  ],
  requestOutcome: [
    { value: "done", label: "Answered in full" },
    { value: "part", label: "Answered in part (some withheld or refused, with reasons)" },
    { value: "refused", label: "Refused, with reasons" },
    { value: "withdrawn", label: "Withdrawn by the person" },
  ],
  requestState: [
    { value: "open", label: "Open" },
    { value: "overdue", label: "Overdue" },
    { value: "closed", label: "Closed" },
  ],
} as const satisfies Record<string, readonly Option[]>;

export type ChoiceList = keyof typeof CHOICES;

/** Session modes that carry seed 004's parent or carer checks (Mode::is_remote). */
export const REMOTE_MODES = ["online", "phone"] as const;

/** Correspondence kinds that are remote contact with a child (seed 004, correspondence::rules::is_remote_contact). */
export const REMOTE_CONTACT_KINDS = ["text", "app-message", "voice-message", "video-call", "phone-call"] as const;

/** Said when a photo is added (seed 004: no images of people; media::PHOTO_REMINDER). */
export const PHOTO_REMINDER = "Photograph the artwork only, never a person: no faces, hands or anyone in the picture.";

/** Said before a copy leaves the vault (media::EXPORT_WARNING). */
export const EXPORT_WARNING = "The copy is not encrypted: keep it somewhere safe and delete it when you no longer need it.";

/** Consent purposes that are separate opt-ins (seeds 000/001, Purpose::is_optional). */
export const OPTIONAL_PURPOSES = ["training", "funding", "publicity"] as const;

/** What withdrawing a consent for each purpose affects (Purpose::withdrawal_affects). */
export const WITHDRAWAL_AFFECTS: Record<string, string> = {
  "therapy": "Therapy cannot continue on this consent; talk with the client or family about what happens next.",
  "parental-therapy": "Therapy cannot continue on this consent; talk with the client or family about what happens next.",
  "online-contact": "No more online or phone sessions or messages with the child on this consent.",
  "recording": "No more recordings; recordings already made are to be reviewed (kept with a reason, or destroyed).",
  "artwork-photos": "No more photos of artwork; photos already taken are to be reviewed (kept with a reason, or destroyed).",
  "supervision": "The client's work is no longer shared with the clinical supervisor by name.",
  "training": "Nothing about therapy changes; the client's information is no longer used for this.",
  "funding": "Nothing about therapy changes; the client's information is no longer used for this.",
  "publicity": "Nothing about therapy changes; the client's information is no longer used for this.",
  "other": "The use this consent was for stops.",
};

/** A handover share's words: lines, and words on each line (the last checks the line; handover::words). */
export const SHARE_LINES = 6;
export const SHARE_WORDS_PER_LINE = 5;

/** Agreements that make "a signed agreement for this period of therapy" (AgreementKind::is_therapy_agreement). */
export const THERAPY_AGREEMENTS = ["therapy-contract", "work-agreement"] as const;
