//! The disclosure register: every sharing of information outside the therapy — when, with
//! whom, what, on what basis, whether the client or parent was told, and who decided. The
//! HCPC asks registrants to keep a record of every disclosure; seed 002: every necessary
//! breach of confidentiality is recorded with its reasons. Never changed once recorded.
//!
//! Rules: a disclosure on the basis of consent names a consent on the client's record that
//! counts on that day; routine clinical supervision (seed 001) is a standing basis, for the
//! supervisor only, and needs no reason each time; any other basis (no consent) needs a
//! written reason.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use crate::audit::Action;
use crate::blobs::{self, BlobInfo, Incoming};
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::consents;
use crate::dates::{parse_uk, parse_uk_or};
use crate::db::map_err;
use crate::notes::{self, FreeText, KeptIdentifier};
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// Who received the information.
    pub enum Recipient in "disclosureRecipient", field "recipient", choose "who received it" {
        Supervisor = "supervisor" => "Clinical supervisor",
        School = "school" => "School",
        Gp = "gp" => "GP",
        SafeguardingTeam = "safeguarding-team" => "Safeguarding team",
        Police = "police" => "Police",
        Court = "court" => "Court",
        Commissioner = "commissioner" => "Commissioning team",
        Professional = "professional" => "Another professional",
        Other = "other" => "Other",
    }
}

choice! {
    /// Why it could be shared.
    pub enum Basis in "disclosureBasis", field "basis", choose "the basis for sharing" {
        Consent = "consent" => "Consent on record",
        Supervision = "supervision" => "Routine clinical supervision",
        Safeguarding = "safeguarding" => "Safeguarding",
        CourtOrder = "court-order" => "Court order",
        LegalDuty = "legal-duty" => "Legal duty",
        VitalInterests = "vital-interests" => "Emergency (vital interests)",
    }
}

choice! {
    /// Whether the client or their parent was told.
    pub enum Told in "disclosureTold", field "told", choose "whether the client or parent was told" {
        Client = "client" => "The client was told",
        Parent = "parent" => "A parent or carer was told",
        NotTold = "not-told" => "Not told",
    }
}

/// A disclosure as the therapist records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DisclosureForm {
    /// dd/mm/yyyy; empty is today.
    pub on: String,
    /// One of [`Recipient`]'s values.
    pub recipient: String,
    /// Who exactly (a name or a team).
    pub recipient_name: String,
    /// The professionals directory entry, when it is one.
    pub professional: Option<i64>,
    /// What was shared, in summary.
    pub what: String,
    /// One of [`Basis`]'s values.
    pub basis: String,
    /// The consent relied on, for the basis `consent`.
    pub consent: Option<i64>,
    /// Why it was shared without consent (required unless the basis is consent or supervision).
    pub reason: String,
    /// One of [`Told`]'s values.
    pub told: String,
    /// dd/mm/yyyy: when they were told.
    pub told_on: String,
    /// Who decided to share (empty: the therapist).
    pub decided_by: String,
    /// The recipient was told the information is confidential (seed 002).
    pub told_confidential: bool,
    /// What the recipient may do with it ("for the child's safety plan only").
    pub permitted_use: String,
    /// What the identifier check found that the therapist keeps, each with her reason.
    pub kept: Vec<KeptIdentifier>,
}

/// A disclosure in the register.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Disclosure {
    pub id: i64,
    pub client: String,
    pub initials: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub recipient: Recipient,
    pub recipient_name: String,
    pub professional: Option<i64>,
    pub what: String,
    pub basis: Basis,
    pub consent: Option<i64>,
    pub reason: String,
    pub told: Told,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub told_on: Option<NaiveDate>,
    pub decided_by: String,
    pub told_confidential: bool,
    pub permitted_use: String,
    /// What the identifier check found that was kept, with the reason.
    pub kept: Vec<KeptIdentifier>,
    pub attachments: Vec<BlobInfo>,
}

struct Valid {
    on: NaiveDate,
    recipient: Recipient,
    recipient_name: String,
    professional: Option<i64>,
    what: String,
    basis: Basis,
    consent: Option<i64>,
    reason: String,
    told: Told,
    told_on: Option<NaiveDate>,
    decided_by: String,
    told_confidential: bool,
    permitted_use: String,
}

fn validate(vault: &Vault, client_id: i64, form: DisclosureForm) -> Result<Valid> {
    let today = vault.today();
    let conn = vault.conn();
    let on = parse_uk_or(today, "on", "date it was shared", &form.on)?;
    if on > today {
        return Err(Error::invalid("on", "The date it was shared cannot be in the future."));
    }
    let recipient = Recipient::parse(&form.recipient)?;
    let basis = Basis::parse(&form.basis)?;
    let what = crate::text::typed("what", "summary of what was shared", &form.what, false)?;
    if what.is_empty() {
        return Err(Error::invalid("what", "Say what was shared, in summary."));
    }
    let reason = crate::text::typed("reason", "reason", &form.reason, false)?;
    if let Some(id) = form.professional {
        let known: Option<i64> = conn
            .query_row("SELECT id FROM professionals WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(map_err)?;
        if known.is_none() {
            return Err(Error::invalid("professional", "There is no professional with that id in the directory."));
        }
    }
    match basis {
        Basis::Consent => {
            let id = form.consent.ok_or_else(|| {
                Error::invalid("consent", "Choose the consent on the client's record that this sharing relies on.")
            })?;
            // A consent that does not exist is a problem with this form's consent field.
            let consent = consents::show(vault, id).map_err(|e| match e.code() {
                crate::ErrorCode::InvalidInput => {
                    Error::invalid("consent", "There is no consent with that id. Choose one of this client's consents.")
                }
                _ => e,
            })?;
            let belongs = id_for_code(conn, &consent.client)? == client_id;
            if !belongs {
                return Err(Error::invalid(
                    "consent",
                    "That consent is another client's. Choose one of this client's consents.",
                ));
            }
            let timing = consents::timing_of(conn, &consent)?;
            if !consents::rules::counts_on(&timing, on) {
                return Err(Error::invalid(
                    "consent",
                    "That consent did not count on the day of sharing (not yet given, withdrawn or expired). Choose another basis and give the reason, or record the consent.",
                ));
            }
        }
        Basis::Supervision => {
            if recipient != Recipient::Supervisor {
                return Err(Error::invalid(
                    "basis",
                    "Routine clinical supervision is the basis only for sharing with the clinical supervisor. Choose another basis.",
                ));
            }
        }
        _ => {
            if reason.is_empty() {
                return Err(Error::invalid(
                    "reason",
                    "Sharing without consent on record needs the reason, in writing (what made it necessary).",
                ));
            }
        }
    }
    let told = Told::parse(&form.told)?;
    let told_on = match (told, form.told_on.trim()) {
        (Told::NotTold, _) => None,
        (_, "") => return Err(Error::invalid("toldOn", "Enter when they were told.")),
        (_, typed) => {
            let d = parse_uk("toldOn", "date they were told", typed)?;
            if d > today {
                return Err(Error::invalid("toldOn", "The date they were told cannot be in the future."));
            }
            Some(d)
        }
    };
    let decided_by = match crate::text::typed("decidedBy", "name of who decided", &form.decided_by, true)? {
        empty if empty.is_empty() => "the therapist".to_string(),
        name => name,
    };
    Ok(Valid {
        on,
        recipient,
        recipient_name: crate::text::typed("recipientName", "recipient's name", &form.recipient_name, true)?,
        professional: form.professional,
        what,
        basis,
        consent: if basis == Basis::Consent { form.consent } else { None },
        reason,
        told,
        told_on,
        decided_by,
        told_confidential: form.told_confidential,
        permitted_use: crate::text::typed("permittedUse", "what they may do with it", &form.permitted_use, false)?,
    })
}

/// Records a disclosure with its attachments, all in one transaction. Recorded as
/// `disclosure.recorded`. The identifier check runs on what was shared and the reason:
/// `keep_identifiers` keeps everything it finds with that reason (the CLI); the app keeps
/// hit by hit in `form.kept`.
pub fn add(
    vault: &mut Vault,
    code: &str,
    form: DisclosureForm,
    attachments: Vec<Incoming<'_>>,
    keep_identifiers: Option<&str>,
) -> Result<Disclosure> {
    let client_id = id_for_code(vault.conn(), code)?;
    let kept_by_hit = form.kept.clone();
    let v = validate(vault, client_id, form)?;
    let fields = [
        FreeText { field: "what", label: "what was shared", text: &v.what },
        FreeText { field: "reason", label: "the reason", text: &v.reason },
    ];
    let kept = notes::settle_free_text(vault, code, &fields, &kept_by_hit, keep_identifiers)?;
    let kept_json = serde_json::to_string(&kept).map_err(|e| Error::Internal(e.to_string()))?;
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO disclosures (client_id, on_date, recipient, recipient_name, professional_id, what, basis,
                 consent_id, reason, told, told_on, decided_by, told_confidential, permitted_use, kept, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                client_id,
                v.on,
                v.recipient,
                v.recipient_name,
                v.professional,
                v.what,
                v.basis,
                v.consent,
                v.reason,
                v.told,
                v.told_on,
                v.decided_by,
                v.told_confidential,
                v.permitted_use,
                kept_json,
                tx.now_utc()
            ],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        for file in attachments {
            let blob = blobs::keep(tx, file)?;
            tx.execute(
                "INSERT INTO disclosure_attachments (disclosure_id, blob_id) VALUES (?1, ?2)",
                params![id, blob.id],
            )
            .map_err(map_err)?;
        }
        tx.record(Action::DisclosureRecorded, Record::new("disclosure", id))?;
        Ok(id)
    })?;
    list(vault, code)?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| Error::Internal("the new disclosure was not found".into()))
}

/// A client's disclosures, newest first.
pub fn list(vault: &Vault, code: &str) -> Result<Vec<Disclosure>> {
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    let mut stmt = conn
        .prepare(
            "SELECT d.id, c.code, c.initials, d.on_date, d.recipient, d.recipient_name, d.professional_id, d.what,
                    d.basis, d.consent_id, d.reason, d.told, d.told_on, d.decided_by, d.told_confidential,
                    d.permitted_use, d.kept
             FROM disclosures d JOIN clients c ON c.id = d.client_id
             WHERE d.client_id = ?1 ORDER BY d.on_date DESC, d.id DESC",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([client_id], |r| {
            let d = Disclosure {
                id: r.get(0)?,
                client: r.get(1)?,
                initials: r.get(2)?,
                on: r.get(3)?,
                recipient: r.get(4)?,
                recipient_name: r.get(5)?,
                professional: r.get(6)?,
                what: r.get(7)?,
                basis: r.get(8)?,
                consent: r.get(9)?,
                reason: r.get(10)?,
                told: r.get(11)?,
                told_on: r.get(12)?,
                decided_by: r.get(13)?,
                told_confidential: r.get(14)?,
                permitted_use: r.get(15)?,
                kept: Vec::new(),
                attachments: Vec::new(),
            };
            Ok((d, r.get::<_, String>(16)?))
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for (mut d, kept) in rows {
        d.kept = serde_json::from_str(&kept)
            .map_err(|_| Error::db_damaged("a disclosure's kept identifiers are unreadable"))?;
        out.push(d);
    }
    for d in &mut out {
        let mut att = conn
            .prepare("SELECT blob_id FROM disclosure_attachments WHERE disclosure_id = ?1 ORDER BY blob_id")
            .map_err(map_err)?;
        let ids = att
            .query_map([d.id], |r| r.get::<_, i64>(0))
            .map_err(map_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(map_err)?;
        d.attachments = ids.into_iter().map(|b| blobs::info(conn, b)).collect::<Result<_>>()?;
    }
    Ok(out)
}
