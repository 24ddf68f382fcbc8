//! The professionals directory: people who work with clients (physio, OT, SALT, CAMHS,
//! social workers, GPs, teachers…), kept once and linked to any number of clients.

use rusqlite::{params, Connection, OptionalExtension};

use crate::audit::Action;
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::db::map_err;
use crate::referrals::{email_problem, phone_problem};
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// The roles the directory knows.
    pub enum Role in "role", field "role", choose "a role" {
        Physio = "physio" => "Physiotherapist",
        Ot = "ot" => "Occupational therapist",
        Salt = "salt" => "Speech and language therapist",
        Camhs = "camhs" => "CAMHS clinician",
        SocialWorker = "social-worker" => "Social worker",
        Gp = "gp" => "GP",
        Teacher = "teacher" => "Teacher",
        Senco = "senco" => "SENCo",
        Psychologist = "psychologist" => "Psychologist",
        Paediatrician = "paediatrician" => "Paediatrician",
        Other = "other" => "Other",
    }
}

/// Someone in the directory.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Professional {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub organisation: String,
    pub phone: String,
    pub email: String,
}

/// A professional as typed on the form or the CLI.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfessionalForm {
    pub name: String,
    /// One of [`Role`]'s values.
    pub role: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
}

fn validate(mut p: ProfessionalForm) -> Result<(ProfessionalForm, Role)> {
    for s in [&mut p.name, &mut p.role, &mut p.organisation, &mut p.phone, &mut p.email] {
        *s = s.trim().to_string();
    }
    if p.name.is_empty() {
        return Err(Error::invalid("name", "Enter the professional's name."));
    }
    if p.name.chars().count() > 100 || p.organisation.chars().count() > 200 {
        return Err(Error::invalid(
            "name",
            "Enter a name of 100 characters or fewer, and an organisation of 200 or fewer.",
        ));
    }
    let role = Role::parse(&p.role)?;
    if let Some(message) = email_problem(&p.email) {
        return Err(Error::invalid("email", message));
    }
    if let Some(message) = phone_problem(&p.phone) {
        return Err(Error::invalid("phone", message));
    }
    Ok((p, role))
}

/// Adds someone to the directory.
pub fn add(vault: &mut Vault, form: ProfessionalForm) -> Result<Professional> {
    let (p, role) = validate(form)?;
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO professionals (name, role, organisation, phone, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![p.name, role, p.organisation, p.phone, p.email, tx.now_utc()],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        tx.record(Action::ProfessionalAdded, Record::new("professional", id))?;
        Ok(id)
    })?;
    Ok(Professional { id, name: p.name, role, organisation: p.organisation, phone: p.phone, email: p.email })
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Professional> {
    Ok(Professional {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        organisation: r.get(3)?,
        phone: r.get(4)?,
        email: r.get(5)?,
    })
}

/// The directory, by name.
pub fn list(vault: &Vault) -> Result<Vec<Professional>> {
    let conn = vault.conn();
    let mut stmt = conn
        .prepare(
            "SELECT id, name, role, organisation, phone, email FROM professionals ORDER BY name COLLATE NOCASE, id",
        )
        .map_err(map_err)?;
    let rows = stmt.query_map([], row).map_err(map_err)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(map_err)
}

/// The professionals linked to a client.
pub(crate) fn for_client(conn: &Connection, client_id: i64) -> Result<Vec<Professional>> {
    let mut stmt = conn
        .prepare(
            "SELECT p.id, p.name, p.role, p.organisation, p.phone, p.email FROM professionals p
             JOIN client_professionals cp ON cp.professional_id = p.id WHERE cp.client_id = ?1 ORDER BY p.name COLLATE NOCASE",
        )
        .map_err(map_err)?;
    let rows = stmt.query_map([client_id], row).map_err(map_err)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(map_err)
}

/// Links a professional to a client (linking twice is harmless).
pub fn link(vault: &mut Vault, code: &str, professional_id: i64) -> Result<()> {
    let client_id = id_for_code(vault.conn(), code)?;
    let exists: Option<i64> = vault
        .conn()
        .query_row("SELECT id FROM professionals WHERE id = ?1", [professional_id], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    if exists.is_none() {
        return Err(Error::invalid(
            "professional",
            "There is no such professional in the directory. Choose one from the list, or add them.",
        ));
    }
    let linked: Option<i64> = vault
        .conn()
        .query_row(
            "SELECT 1 FROM client_professionals WHERE client_id = ?1 AND professional_id = ?2",
            params![client_id, professional_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(map_err)?;
    if linked.is_some() {
        return Ok(());
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO client_professionals (client_id, professional_id) VALUES (?1, ?2)",
            params![client_id, professional_id],
        )
        .map_err(map_err)?;
        tx.record(Action::ProfessionalLinked, Record::new("client", client_id))
    })
}
