//! The consent ledger: who agreed to what, how and when, what they were told, when it must
//! be reviewed and refreshed, and its withdrawal. History is kept, never overwritten
//! (`consents`, `consent_reviews` and `consent_withdrawals` refuse UPDATE).
//!
//! Seed 001: "We keep a record of when and how we received consent … We review consents on
//! an annual basis … refresh consents at two-yearly intervals … In the case of work in
//! schools the refresh will be whenever a new period of therapy with a child begins."
//! Seed 004: written parental consent before any online contact with a child.
//!
//! [`require`] is the one gate every capability asks ("is there a consent that counts for
//! this, on this day?"); it refuses with a message naming the missing consent and how to
//! record it.

pub mod rules;
mod store;

pub(crate) use self::store::timing_of;

use chrono::NaiveDate;

use self::rules::{DEFAULT_REFRESH_MONTHS, DEFAULT_REVIEW_MONTHS};
use crate::audit::Action;
use crate::blobs::{self, BlobInfo};
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::{format_uk, parse_uk, parse_uk_or};
use crate::vault::Record;
use crate::{clients, Error, Result, Vault};

choice! {
    /// What a consent is for.
    pub enum Purpose in "consentPurpose", field "purpose", choose "what the consent is for" {
        Therapy = "therapy" => "Therapy",
        ParentalTherapy = "parental-therapy" => "Parental consent to a child's therapy",
        OnlineContact = "online-contact" => "Online or phone contact",
        Recording = "recording" => "Audio or video recording (therapeutic plan)",
        ArtworkPhotos = "artwork-photos" => "Photos of artwork",
        Supervision = "supervision" => "Sharing with the clinical supervisor",
        Training = "training" => "Training (optional)",
        Funding = "funding" => "Funding applications (optional)",
        Publicity = "publicity" => "Publicity (optional)",
        Other = "other" => "Another purpose",
    }
}

impl Purpose {
    /// Seeds 000 and 001: optional uses are separate opt-ins, and refusing them changes
    /// nothing about therapy.
    pub fn is_optional(self) -> bool {
        matches!(self, Purpose::Training | Purpose::Funding | Purpose::Publicity)
    }

    /// What withdrawing it affects, in words (recorded with the withdrawal).
    pub fn withdrawal_affects(self) -> &'static str {
        match self {
            Purpose::Therapy | Purpose::ParentalTherapy => {
                "Therapy cannot continue on this consent; talk with the client or family about what happens next."
            }
            Purpose::OnlineContact => "No more online or phone sessions or messages with the child on this consent.",
            Purpose::Recording => {
                "No more recordings; recordings already made are to be reviewed (kept with a reason, or destroyed)."
            }
            Purpose::ArtworkPhotos => {
                "No more photos of artwork; photos already taken are to be reviewed (kept with a reason, or destroyed)."
            }
            Purpose::Supervision => "The client's work is no longer shared with the clinical supervisor by name.",
            Purpose::Training | Purpose::Funding | Purpose::Publicity => {
                "Nothing about therapy changes; the client's information is no longer used for this."
            }
            Purpose::Other => "The use this consent was for stops.",
        }
    }
}

choice! {
    /// How the consent was given.
    pub enum How in "consentHow", field "how", choose "how the consent was given" {
        Written = "written" => "Written form",
        SignedContract = "signed-contract" => "Signed contract",
        Verbal = "verbal" => "Verbal",
        Email = "email" => "E-mail",
    }
}

choice! {
    /// Who gave it.
    pub enum GivenByRole in "consentGivenBy", field "givenBy", choose "who gave the consent" {
        Client = "client" => "The client",
        ParentalResponsibility = "parental-responsibility" => "A person with parental responsibility",
    }
}

choice! {
    /// Where a consent is on a given day.
    pub enum ConsentState in "consentState", field "state", choose "a state" {
        Current = "current" => "Current",
        ReviewDue = "review-due" => "Due for review",
        Expired = "expired" => "Expired: refresh it",
        Withdrawn = "withdrawn" => "Withdrawn",
    }
}

/// A consent as the therapist records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConsentForm {
    /// One of [`Purpose`]'s values.
    pub purpose: String,
    /// What it is for, when the purpose is `other`.
    pub custom_purpose: String,
    /// `client`, or the name of a person with parental responsibility as on the referral.
    pub given_by: String,
    /// For a young person consenting themselves: who judged them competent, when and why.
    pub competence: String,
    /// One of [`How`]'s values.
    pub how: String,
    /// dd/mm/yyyy; empty is today.
    pub on: String,
    /// What the person was told (the wording or the form's text).
    pub told: String,
    /// For online contact: the platforms agreed with the parent ("Zoom, phone"), one line.
    pub platforms: String,
    /// For online contact: what happens if the technology fails (seed 001).
    pub failure_plan: String,
    /// For a recording: the agreed therapeutic plan it is part of (seed 004 §10).
    pub plan: String,
}

/// A withdrawal as recorded.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Withdrawal {
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub by: String,
    pub affects: String,
}

/// A consent in the ledger, with its dates and state on the vault's today.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Consent {
    pub id: i64,
    /// The client's code.
    pub client: String,
    pub initials: String,
    pub episode: i64,
    pub purpose: Purpose,
    pub custom_purpose: String,
    pub given_by: String,
    pub given_by_role: GivenByRole,
    pub competence: String,
    pub how: How,
    /// Written form, signed contract or e-mail.
    pub written: bool,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub given: NaiveDate,
    pub told: String,
    pub told_file: Option<BlobInfo>,
    /// For online contact: the platforms agreed with the parent, as recorded.
    pub platforms: String,
    /// For online contact: what happens if the technology fails.
    pub failure_plan: String,
    /// For a recording: the therapeutic plan it is part of.
    pub plan: String,
    pub state: ConsentState,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub review_on: NaiveDate,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub refresh_on: NaiveDate,
    /// Reviews recorded, oldest first (dd/mm/yyyy).
    #[serde(with = "crate::dates::uk_list")]
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub reviewed: Vec<NaiveDate>,
    pub withdrawal: Option<Withdrawal>,
    /// A later consent for the same client and purpose (a refresh) replaces this one.
    pub replaced_by: Option<i64>,
}

/// The most a free-text field of a consent holds.
const TEXT_MAX: usize = 20_000;
const LINE_MAX: usize = 200;

struct Valid {
    purpose: Purpose,
    custom_purpose: String,
    given_by: String,
    role: GivenByRole,
    competence: String,
    how: How,
    on: NaiveDate,
    told: String,
    platforms: String,
    failure_plan: String,
    plan: String,
}

fn one_line(field: &'static str, label: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if let Some(problem) = crate::text::one_line_problem(label, value) {
        return Err(Error::invalid(field, problem));
    }
    if value.chars().count() > LINE_MAX {
        return Err(Error::invalid(field, format!("The {label} is longer than {LINE_MAX} characters. Shorten it.")));
    }
    Ok(value.to_string())
}

fn validate(vault: &Vault, code: &str, form: ConsentForm) -> Result<Valid> {
    let today = vault.today();
    let record = clients::show(vault, code)?;
    let purpose = Purpose::parse(&form.purpose)?;
    let how = How::parse(&form.how)?;
    let on = parse_uk_or(today, "on", "date the consent was given", &form.on)?;
    if on > today {
        return Err(Error::invalid("on", "The date the consent was given cannot be in the future."));
    }
    let custom_purpose = one_line("customPurpose", "purpose", &form.custom_purpose)?;
    if purpose == Purpose::Other && custom_purpose.is_empty() {
        return Err(Error::invalid("customPurpose", "Say what the consent is for."));
    }
    let typed = one_line("givenBy", "name of who gave the consent", &form.given_by)?;
    let (role, given_by) = if typed.is_empty() {
        return Err(Error::invalid(
            "givenBy",
            "Say who gave the consent: the client, or a person with parental responsibility.",
        ));
    } else if typed.eq_ignore_ascii_case("client") || typed.eq_ignore_ascii_case("the client") {
        (GivenByRole::Client, "the client".to_string())
    } else {
        let person = record
            .referral
            .parental_responsibility
            .iter()
            .find(|p| p.name.trim().to_lowercase() == typed.to_lowercase())
            .ok_or_else(|| {
                Error::invalid(
                    "givenBy",
                    "Who gave the consent must be the client or a person with parental responsibility named on the referral. Add them to the referral first, or give \"client\".",
                )
            })?;
        (GivenByRole::ParentalResponsibility, person.name.trim().to_string())
    };
    let competence = form.competence.trim().to_string();
    if competence.chars().count() > TEXT_MAX {
        return Err(Error::invalid("competence", "The competence judgement is longer than 20,000 characters."));
    }
    let date_of_birth = parse_uk("dateOfBirth", "date of birth", &record.referral.date_of_birth).ok();
    let young = crate::sessions::rules::is_child_on(date_of_birth, on);
    if purpose == Purpose::ParentalTherapy && role != GivenByRole::ParentalResponsibility {
        return Err(Error::invalid(
            "givenBy",
            "Parental consent to a child's therapy is given by a person with parental responsibility. Choose them, or record the young person's own consent to therapy with the competence judgement.",
        ));
    }
    if role == GivenByRole::Client && young && competence.is_empty() {
        return Err(Error::invalid(
            "competence",
            "A young person's own consent needs the competence judgement: who judged them able to consent, when, and why.",
        ));
    }
    let told = form.told.trim().to_string();
    if told.chars().count() > TEXT_MAX {
        return Err(Error::invalid(
            "told",
            "What the person was told is longer than 20,000 characters. Attach the form instead.",
        ));
    }
    let (platforms, failure_plan, plan) = rules::purpose_details(
        purpose,
        one_line("platforms", "platforms agreed", &form.platforms)?,
        crate::text::typed("failurePlan", "plan if the technology fails", &form.failure_plan, false)?,
        crate::text::typed("plan", "therapeutic plan", &form.plan, false)?,
        crate::sessions::settings::records_sessions(vault.conn())?,
    )?;
    Ok(Valid { purpose, custom_purpose, given_by, role, competence, how, on, told, platforms, failure_plan, plan })
}

/// What the person was told, as a file kept with the consent.
pub type ToldFile<'a> = blobs::Incoming<'a>;

/// Records a consent; prints as its `id`. Recorded as `consent.recorded`.
pub fn add(vault: &mut Vault, code: &str, form: ConsentForm, told_file: Option<ToldFile<'_>>) -> Result<Consent> {
    let valid = validate(vault, code, form)?;
    let client_id = id_for_code(vault.conn(), code)?;
    let episode = store::episode_on(vault.conn(), client_id, valid.on)?;
    let id = vault.write(|tx| {
        let blob = told_file.map(|file| blobs::keep(tx, file)).transpose()?;
        let id = store::insert(tx, client_id, episode, &valid, blob.map(|b| b.id), &tx.now_utc())?;
        tx.record(Action::ConsentRecorded, Record::new("consent", id))?;
        Ok(id)
    })?;
    show(vault, id)
}

/// Records that a consent was reviewed on a day (dd/mm/yyyy; empty is today): the next
/// review is a review interval later. Recorded as `consent.reviewed`.
pub fn review(vault: &mut Vault, id: i64, on: &str, note: &str) -> Result<Consent> {
    let consent = show(vault, id)?;
    let on = parse_uk_or(vault.today(), "on", "date of the review", on)?;
    if on > vault.today() {
        return Err(Error::invalid("on", "The review date cannot be in the future."));
    }
    if on < consent.given {
        return Err(Error::invalid("on", "The review date is before the consent was given."));
    }
    match consent.state {
        ConsentState::Withdrawn => {
            return Err(Error::invalid("id", "This consent was withdrawn. Record a new consent if it is given again."))
        }
        ConsentState::Expired => return Err(Error::invalid(
            "id",
            "This consent is past its refresh date: a review cannot renew it. Record the consent again (a refresh).",
        )),
        _ => {}
    }
    let note = note.trim().to_string();
    if note.chars().count() > TEXT_MAX {
        return Err(Error::invalid("note", "The note is longer than 20,000 characters."));
    }
    vault.write(|tx| {
        store::insert_review(tx, id, on, &note, &tx.now_utc())?;
        tx.record(Action::ConsentReviewed, Record::new("consent", id))
    })?;
    show(vault, id)
}

/// Records a withdrawal: dated, by whom, and what it affects. The consent and its history
/// stay. Recorded as `consent.withdrawn`.
pub fn withdraw(vault: &mut Vault, id: i64, on: &str, by: &str) -> Result<Consent> {
    let consent = show(vault, id)?;
    if consent.withdrawal.is_some() {
        return Err(Error::invalid("id", "This consent has already been withdrawn."));
    }
    let on = parse_uk_or(vault.today(), "on", "date of the withdrawal", on)?;
    if on > vault.today() {
        return Err(Error::invalid("on", "The withdrawal date cannot be in the future."));
    }
    if on < consent.given {
        return Err(Error::invalid("on", "The withdrawal date is before the consent was given."));
    }
    let by = one_line("by", "name of who withdrew the consent", by)?;
    if by.is_empty() {
        return Err(Error::invalid("by", "Say who withdrew the consent."));
    }
    let affects = consent.purpose.withdrawal_affects();
    vault.write(|tx| {
        store::insert_withdrawal(tx, id, on, &by, affects, &tx.now_utc())?;
        tx.record(Action::ConsentWithdrawn, Record::new("consent", id))
    })?;
    show(vault, id)
}

/// One consent.
pub fn show(vault: &Vault, id: i64) -> Result<Consent> {
    store::one(vault.conn(), id, vault.today())
}

/// The practice's consents (or one client's), newest first.
pub fn list(vault: &Vault, code: Option<&str>) -> Result<Vec<Consent>> {
    let client = code.map(|c| id_for_code(vault.conn(), c)).transpose()?;
    store::all(vault.conn(), client, vault.today())
}

/// Consents due for review or refresh, or expired, on `as_of` (dd/mm/yyyy; empty is
/// today): those still standing (not withdrawn, not replaced by a later one) of clients whose
/// current episode is open (a finished client's consents need no refreshing), soonest first.
pub fn due(vault: &Vault, as_of: &str) -> Result<Vec<Consent>> {
    let day = parse_uk_or(vault.today(), "asOf", "date", as_of)?;
    let open = store::clients_in_an_open_episode(vault.conn())?;
    let mut due: Vec<Consent> = store::all(vault.conn(), None, day)?
        .into_iter()
        .filter(|c| c.replaced_by.is_none() && matches!(c.state, ConsentState::ReviewDue | ConsentState::Expired))
        .filter(|c| open.contains(&c.client))
        .collect();
    due.sort_by_key(|c| (c.review_on.min(c.refresh_on), c.id));
    Ok(due)
}

/// What a gate asks of a consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Need {
    pub purpose: Purpose,
    /// Only a written form, signed contract or e-mail counts.
    pub written: bool,
    /// Only a person with parental responsibility's consent counts.
    pub from_parent: bool,
}

/// The one gate: a consent for `need` that counts on `day` for the client, or a refusal
/// that names the missing consent, why the ones on file do not count, and how to record it.
/// `action` says what was refused ("An online or phone session with a child").
pub(crate) fn require(
    conn: &rusqlite::Connection,
    client_id: i64,
    need: Need,
    day: NaiveDate,
    action: &str,
) -> Result<Consent> {
    let on_file = store::all(conn, Some(client_id), day)?;
    let mut reasons: Vec<String> = Vec::new();
    for c in on_file.iter().filter(|c| c.purpose == need.purpose) {
        let timing = store::timing_of(conn, c)?;
        let why_not = if c.given > day {
            Some(format!("the consent of {} was given after that day", format_uk(c.given)))
        } else if let Some(w) = c.withdrawal.as_ref().filter(|w| w.on <= day) {
            Some(format!("the consent of {} was withdrawn on {}", format_uk(c.given), format_uk(w.on)))
        } else if !rules::counts_on(&timing, day) {
            Some(format!("the consent of {} expired on {}", format_uk(c.given), format_uk(c.refresh_on)))
        } else if need.written && !c.written {
            Some(format!("the consent of {} was verbal, and this needs it in writing", format_uk(c.given)))
        } else if need.from_parent && c.given_by_role != GivenByRole::ParentalResponsibility {
            Some(format!(
                "the consent of {} was the client's own, and this needs a parent's or carer's",
                format_uk(c.given)
            ))
        } else {
            None
        };
        match why_not {
            None => return Ok(c.clone()),
            Some(reason) => reasons.push(reason),
        }
    }
    let wanted = format!(
        "a current{} consent for {}{}",
        if need.written { " written" } else { "" },
        need.purpose.label().to_lowercase(),
        if need.from_parent { " from a person with parental responsibility" } else { "" }
    );
    let found = if reasons.is_empty() {
        "There is none on the client's record".to_string()
    } else {
        let mut first = reasons.join("; ");
        if let Some(c) = first.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        first
    };
    Err(Error::invalid(
        "consent",
        format!(
            "{action} needs {wanted}. {found}. Record it on the client's record under Consents, or with: folio consent add CODE --purpose {} --given-by NAME --how written --on DATE",
            need.purpose.as_str()
        ),
    ))
}

/// A purpose's review and refresh intervals, in months.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Intervals {
    pub purpose: Purpose,
    pub review_months: u32,
    pub refresh_months: u32,
    /// The therapist changed them from Folio's (seed 001: yearly review, two-yearly refresh).
    pub edited: bool,
}

/// The longest intervals a practice may set, in months.
pub const MAX_REVIEW_MONTHS: u32 = 60;
pub const MAX_REFRESH_MONTHS: u32 = 120;

fn interval_key(purpose: Purpose) -> String {
    format!("consent_intervals.{}", purpose.as_str())
}

/// A purpose's intervals as the practice has them. Dates are computed when read, so a
/// change applies to the consents already recorded.
pub(crate) fn intervals_in(conn: &rusqlite::Connection, purpose: Purpose) -> Result<Intervals> {
    use rusqlite::OptionalExtension;
    let stored: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [interval_key(purpose)], |r| r.get(0))
        .optional()
        .map_err(crate::db::map_err)?;
    // A value that does not read back (changed outside Folio) falls back to Folio's own.
    let parsed = stored.and_then(|v| {
        let (review, refresh) = v.split_once('/')?;
        let (review, refresh) = (review.parse::<u32>().ok()?, refresh.parse::<u32>().ok()?);
        check_intervals(review, refresh).ok().map(|_| (review, refresh))
    });
    Ok(match parsed {
        Some((review_months, refresh_months)) => Intervals { purpose, review_months, refresh_months, edited: true },
        None => Intervals {
            purpose,
            review_months: DEFAULT_REVIEW_MONTHS,
            refresh_months: DEFAULT_REFRESH_MONTHS,
            edited: false,
        },
    })
}

fn check_intervals(review: u32, refresh: u32) -> Result<()> {
    if !(1..=MAX_REVIEW_MONTHS).contains(&review) {
        return Err(Error::invalid("reviewMonths", "Enter a review interval from 1 to 60 months."));
    }
    if !(1..=MAX_REFRESH_MONTHS).contains(&refresh) {
        return Err(Error::invalid("refreshMonths", "Enter a refresh interval from 1 to 120 months."));
    }
    if review > refresh {
        return Err(Error::invalid(
            "reviewMonths",
            "The review interval is longer than the refresh interval: a consent would expire before its review.",
        ));
    }
    Ok(())
}

/// Every purpose's intervals.
pub fn intervals(vault: &Vault) -> Result<Vec<Intervals>> {
    Purpose::ALL.iter().map(|p| intervals_in(vault.conn(), *p)).collect()
}

/// Sets a purpose's intervals, as typed (months). Recorded as `settings.changed`.
pub fn set_intervals(vault: &mut Vault, purpose: &str, review_months: &str, refresh_months: &str) -> Result<Intervals> {
    let purpose = Purpose::parse(purpose)?;
    let months = |field: &'static str, typed: &str| {
        typed
            .trim()
            .parse::<u32>()
            .map_err(|_| Error::invalid(field, "Enter a whole number of months, for example 12."))
    };
    let review = months("reviewMonths", review_months)?;
    let refresh = months("refreshMonths", refresh_months)?;
    check_intervals(review, refresh)?;
    let key = interval_key(purpose);
    vault.write(|tx| {
        crate::db::put_setting(tx, &key, &format!("{review}/{refresh}"))?;
        tx.record(Action::SettingChanged, Record::new("setting", &key))
    })?;
    intervals_in(vault.conn(), purpose)
}
