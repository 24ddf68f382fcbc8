//! The contact sheet for an executor who opened the vault "contact only": who to tell, and
//! how to reach them. Clients in therapy and those with a session booked from today on:
//! name, the parents or carers of a child, phone, e-mail, the school or care setting and
//! its contact; and the therapist's instructions. Nothing clinical: no notes, no referral
//! reasons, no diagnoses, no safeguarding.

use chrono::NaiveDate;
use rusqlite::params;

use super::opening::Opened;
use super::{store, Successor};
use crate::clients::ClientState;
use crate::db::map_err;
use crate::referrals::{Contact, ReferralForm};
use crate::sessions::rules::is_child_on;
use crate::sessions::Outcome;
use crate::{Result, Vault};

/// Someone to contact about a client.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactPerson {
    pub name: String,
    /// Mother, father, carer; for a setting, their role.
    pub relationship: String,
    pub phone: String,
    pub email: String,
}

/// One client to tell.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactEntry {
    pub code: String,
    pub name: String,
    pub state: ClientState,
    /// Under 18 today (or no date of birth): contact the parents or carers.
    pub child: bool,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub next_session: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    /// For a child: the people with parental responsibility.
    pub parents: Vec<ContactPerson>,
    pub setting: String,
    pub setting_contact: Option<ContactPerson>,
}

/// What the executor sees.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactSheet {
    pub practice: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub opened_on: NaiveDate,
    pub set: u32,
    /// The share numbers used (recorded in the audit log).
    pub shares: Vec<u8>,
    pub successor: Option<Successor>,
    pub instructions: String,
    pub clients: Vec<ContactEntry>,
}

fn person(c: &Contact) -> ContactPerson {
    ContactPerson {
        name: c.name.clone(),
        relationship: c.relationship.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
    }
}

/// The contact sheet, read from a vault opened read-only.
pub(super) fn sheet(vault: &Vault, opened: &Opened) -> Result<ContactSheet> {
    let today = vault.today();
    let mut stmt = vault
        .conn()
        .prepare(
            "SELECT c.code, c.given_name, c.family_name, c.preferred_name, c.date_of_birth, c.state, c.setting_name,
                    c.referral,
                    (SELECT MIN(s.on_date) FROM sessions s
                      WHERE s.client_id = c.id AND s.outcome = ?2 AND s.on_date >= ?3) AS next_session
             FROM clients c
             WHERE c.state = ?1 OR next_session IS NOT NULL
             ORDER BY c.family_name, c.given_name, c.code",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map(params![ClientState::InTherapy, Outcome::Planned, today], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<NaiveDate>>(4)?,
                r.get::<_, ClientState>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<NaiveDate>>(8)?,
            ))
        })
        .map_err(map_err)?;
    let mut clients = Vec::new();
    for row in rows {
        let (code, given, family, preferred, dob, state, setting, referral, next_session) = row.map_err(map_err)?;
        // The referral's contact fields only; a referral that cannot be read still gives
        // the name and setting (the sheet must not fail for one record).
        let form: ReferralForm = serde_json::from_str(&referral).unwrap_or_default();
        let child = is_child_on(dob, today);
        let name = if preferred.trim().is_empty() || preferred == given {
            format!("{given} {family}")
        } else {
            format!("{given} ({preferred}) {family}")
        };
        let setting_contact = Some(person(&form.setting_contact)).filter(|p| !p.name.is_empty() || !p.phone.is_empty());
        clients.push(ContactEntry {
            code,
            name,
            state,
            child,
            next_session,
            phone: form.phone.clone(),
            email: form.email.clone(),
            parents: if child { form.parental_responsibility.iter().map(person).collect() } else { Vec::new() },
            setting,
            setting_contact,
        });
    }
    let row = store::latest(vault.conn())?;
    Ok(ContactSheet {
        practice: vault.practice_name()?,
        opened_on: today,
        set: opened.set,
        shares: opened.shares.clone(),
        successor: row.as_ref().map(|r| r.successor.clone()),
        instructions: row.map(|r| r.instructions).unwrap_or_default(),
        clients,
    })
}

/// Saves the contact sheet as a PDF (`Contact sheet.pdf`, or `Contact sheet (2).pdf`… next
/// to an earlier one; never overwriting) into `folder`, which the executor chose. The
/// opening that gave the sheet is already in the audit log; the vault is not open now.
pub fn save_sheet(sheet: &ContactSheet, folder: &std::path::Path) -> Result<std::path::PathBuf> {
    let bytes = super::pdf::contact_sheet_pdf(sheet)?;
    crate::reports::save_new_file(folder, "Contact sheet", "pdf", &bytes)
}
