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

/// "07700 900123, name@example.org", leaving out what is not known.
fn reach(phone: &str, email: &str) -> String {
    [phone, email].into_iter().map(str::trim).filter(|d| !d.is_empty()).collect::<Vec<_>>().join(", ")
}

impl ContactEntry {
    /// "Hazel Inkwell (HI-0005), a child": the printed sheet and the CLI say it alike.
    pub fn heading(&self) -> String {
        format!("{} ({}){}", self.name, self.code, if self.child { ", a child" } else { "" })
    }

    /// "In therapy; next session 04/12/2026".
    pub fn standing(&self) -> String {
        let next =
            self.next_session.map(|d| format!("; next session {}", crate::dates::format_uk(d))).unwrap_or_default();
        format!("{}{next}", self.state.label())
    }

    /// How to reach them, one line each, leaving out what is not known: their own phone
    /// and e-mail, each parent or carer, the setting and its contact.
    pub fn reach_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let own = reach(&self.phone, &self.email);
        if !own.is_empty() {
            lines.push(own);
        }
        for p in &self.parents {
            let rel =
                if p.relationship.trim().is_empty() { String::new() } else { format!(" ({})", p.relationship.trim()) };
            let how = reach(&p.phone, &p.email);
            let how = if how.is_empty() { String::new() } else { format!(": {how}") };
            lines.push(format!("Parent or carer: {}{rel}{how}", p.name));
        }
        if !self.setting.trim().is_empty() {
            let contact = self
                .setting_contact
                .as_ref()
                .map(|p| {
                    let how = reach(&p.phone, &p.email);
                    format!("; {}{}", p.name, if how.is_empty() { String::new() } else { format!(": {how}") })
                })
                .unwrap_or_default();
            lines.push(format!("Setting: {}{contact}", self.setting));
        }
        lines
    }
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

#[cfg(test)]
mod tests {
    use super::{ContactEntry, ContactPerson};
    use crate::clients::ClientState;

    fn person(name: &str, relationship: &str, phone: &str, email: &str) -> ContactPerson {
        ContactPerson { name: name.into(), relationship: relationship.into(), phone: phone.into(), email: email.into() }
    }

    #[test]
    fn each_way_to_reach_a_client_is_a_line_and_what_is_not_known_is_left_out() {
        let mut c = ContactEntry {
            code: "HI-0005".into(),
            name: "Hazel Inkwell".into(),
            state: ClientState::InTherapy,
            child: true,
            next_session: chrono::NaiveDate::from_ymd_opt(2026, 12, 4),
            phone: String::new(),
            email: "family@example.org".into(),
            parents: vec![
                person("Sam Inkwell", "mother", "", ""),
                person("Lee Inkwell", "", "07700 900123", "lee@example.org"),
            ],
            setting: "Puddleby Infant School".into(),
            setting_contact: Some(person("Ms Quince", "SENCo", "01632 960 222", "")),
        };
        assert_eq!(c.heading(), "Hazel Inkwell (HI-0005), a child");
        assert_eq!(c.standing(), "In therapy; next session 04/12/2026");
        assert_eq!(
            c.reach_lines(),
            [
                "family@example.org",
                "Parent or carer: Sam Inkwell (mother)",
                "Parent or carer: Lee Inkwell: 07700 900123, lee@example.org",
                "Setting: Puddleby Infant School; Ms Quince: 01632 960 222",
            ]
        );
        (c.email, c.parents, c.setting, c.child, c.next_session) = (String::new(), vec![], "  ".into(), false, None);
        assert!(c.reach_lines().is_empty(), "nothing known: no empty lines or stray commas");
        assert_eq!((c.heading().as_str(), c.standing().as_str()), ("Hazel Inkwell (HI-0005)", "In therapy"));
    }
}
