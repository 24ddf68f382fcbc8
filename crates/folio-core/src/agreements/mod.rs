//! Agreements: the service confidentiality agreement and the therapy contract or work
//! agreement (seed 003: "a signed copy of the counselling contract"), each with the date
//! signed, who signed, the version of the wording and the signed copy kept encrypted.
//! Never changed once recorded; a new signature is a new agreement.

use chrono::NaiveDate;
use rusqlite::params;

use crate::audit::Action;
use crate::blobs::{self, BlobInfo, Incoming};
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::parse_uk_or;
use crate::db::map_err;
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// Which agreement.
    pub enum AgreementKind in "agreementKind", field "kind", choose "which agreement" {
        Confidentiality = "confidentiality" => "Service confidentiality agreement",
        TherapyContract = "therapy-contract" => "Therapy contract",
        WorkAgreement = "work-agreement" => "Work agreement",
    }
}

impl AgreementKind {
    /// The therapy contract (seed 003) or, in work with schools, the work agreement: what
    /// makes "a signed agreement for this period of therapy". The confidentiality
    /// agreement is the service's and does not stand in for them.
    pub fn is_therapy_agreement(self) -> bool {
        matches!(self, AgreementKind::TherapyContract | AgreementKind::WorkAgreement)
    }
}

/// The current signed therapy contract or work agreement, if one is on file.
pub fn on_file(vault: &Vault, code: &str) -> Result<Option<Agreement>> {
    Ok(list(vault, code)?.into_iter().find(|a| a.current && a.kind.is_therapy_agreement()))
}

/// An agreement as the therapist records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementForm {
    /// One of [`AgreementKind`]'s values.
    pub kind: String,
    /// dd/mm/yyyy; empty is today.
    pub signed_on: String,
    /// Who signed (the client, a parent, the commissioning school…).
    pub signed_by: String,
    /// The version of the wording signed ("2026-09", "v3").
    pub version: String,
}

/// An agreement on file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agreement {
    pub id: i64,
    pub client: String,
    pub initials: String,
    pub kind: AgreementKind,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub signed_on: NaiveDate,
    pub signed_by: String,
    pub version: String,
    pub signed_copy: Option<BlobInfo>,
    /// The latest of its kind, signed in the current period of therapy (or before it began).
    pub current: bool,
}

fn line(field: &'static str, label: &str, value: &str, required: bool) -> Result<String> {
    let value = value.trim();
    if let Some(problem) = crate::text::one_line_problem(label, value) {
        return Err(Error::invalid(field, problem));
    }
    if value.chars().count() > 200 {
        return Err(Error::invalid(field, format!("The {label} is longer than 200 characters. Shorten it.")));
    }
    if required && value.is_empty() {
        return Err(Error::invalid(field, format!("Enter the {label}.")));
    }
    Ok(value.to_string())
}

/// Records a signed agreement with its signed copy. Recorded as `agreement.recorded`.
pub fn add(vault: &mut Vault, code: &str, form: AgreementForm, signed_copy: Option<Incoming<'_>>) -> Result<Agreement> {
    let today = vault.today();
    let kind = AgreementKind::parse(&form.kind)?;
    let signed_on = parse_uk_or(today, "signedOn", "date it was signed", &form.signed_on)?;
    if signed_on > today {
        return Err(Error::invalid("signedOn", "The date it was signed cannot be in the future."));
    }
    let signed_by = line("signedBy", "name of who signed", &form.signed_by, true)?;
    let version = line("version", "version of the wording", &form.version, false)?;
    let client_id = id_for_code(vault.conn(), code)?;
    let id = vault.write(|tx| {
        let blob = signed_copy.map(|file| blobs::keep(tx, file)).transpose()?;
        tx.execute(
            "INSERT INTO agreements (client_id, kind, signed_on, signed_by, version, blob_id, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![client_id, kind, signed_on, signed_by, version, blob.map(|b| b.id), tx.now_utc()],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        tx.record(Action::AgreementRecorded, Record::new("agreement", id))?;
        Ok(id)
    })?;
    list(vault, code)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::Internal("the new agreement was not found".into()))
}

/// A client's agreements, newest first, each marked current or not.
pub fn list(vault: &Vault, code: &str) -> Result<Vec<Agreement>> {
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    let episode_start: Option<NaiveDate> = conn
        .query_row(
            "SELECT started_on FROM episodes WHERE client_id = ?1 ORDER BY number DESC LIMIT 1",
            [client_id],
            |r| r.get(0),
        )
        .map_err(map_err)
        .ok();
    let mut stmt = conn
        .prepare(
            "SELECT a.id, c.code, c.initials, a.kind, a.signed_on, a.signed_by, a.version, a.blob_id
             FROM agreements a JOIN clients c ON c.id = a.client_id
             WHERE a.client_id = ?1 ORDER BY a.signed_on DESC, a.id DESC",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([client_id], |r| {
            Ok((
                Agreement {
                    id: r.get(0)?,
                    client: r.get(1)?,
                    initials: r.get(2)?,
                    kind: r.get(3)?,
                    signed_on: r.get(4)?,
                    signed_by: r.get(5)?,
                    version: r.get(6)?,
                    signed_copy: None,
                    current: false,
                },
                r.get::<_, Option<i64>>(7)?,
            ))
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut out: Vec<Agreement> = Vec::with_capacity(rows.len());
    for (mut agreement, blob) in rows {
        agreement.signed_copy = blob.map(|b| blobs::info(conn, b)).transpose()?;
        let latest_of_kind = !out.iter().any(|a| a.kind == agreement.kind);
        // Signed for this period of therapy: on or after its start, or before it began
        // when it is the first episode (the contract is signed before the first session).
        let this_period = match episode_start {
            Some(start) => agreement.signed_on >= start || !has_earlier_episode(conn, client_id)?,
            None => true,
        };
        agreement.current = latest_of_kind && this_period;
        out.push(agreement);
    }
    Ok(out)
}

fn has_earlier_episode(conn: &rusqlite::Connection, client_id: i64) -> Result<bool> {
    let count: i64 = conn
        .query_row("SELECT count(*) FROM episodes WHERE client_id = ?1", [client_id], |r| r.get(0))
        .map_err(map_err)?;
    Ok(count > 1)
}
