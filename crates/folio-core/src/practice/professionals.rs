//! The professionals directory: people who work with clients (physio, OT, SALT, CAMHS,
//! social workers, GPs, teachers…), kept once and linked to any number of clients.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::clients::id_for_code;
use super::referral::{email_problem, phone_problem};
use crate::audit::{self, Action, RecordRef};
use crate::db::map_err;
use crate::{Error, Result, Vault};

/// The roles the directory knows, as stored and as shown.
pub const ROLES: [(&str, &str); 11] = [
    ("physio", "Physiotherapist"),
    ("ot", "Occupational therapist"),
    ("salt", "Speech and language therapist"),
    ("camhs", "CAMHS clinician"),
    ("social_worker", "Social worker"),
    ("gp", "GP"),
    ("teacher", "Teacher"),
    ("senco", "SENCo"),
    ("psychologist", "Psychologist"),
    ("paediatrician", "Paediatrician"),
    ("other", "Other"),
];

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Professional {
    /// Set by Folio; ignored when adding.
    pub id: i64,
    pub name: String,
    /// One of [`ROLES`]' keys.
    pub role: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
}

fn validate(mut p: Professional) -> Result<Professional> {
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
    p.role = p.role.to_ascii_lowercase().replace([' ', '-'], "_");
    if !ROLES.iter().any(|(key, _)| *key == p.role) {
        let names: Vec<&str> = ROLES.iter().map(|(key, _)| *key).collect();
        return Err(Error::invalid("role", format!("Choose a role: {}.", names.join(", "))));
    }
    if let Some(message) = email_problem(&p.email) {
        return Err(Error::invalid("email", message));
    }
    if let Some(message) = phone_problem(&p.phone) {
        return Err(Error::invalid("phone", message));
    }
    Ok(p)
}

/// Adds someone to the directory.
pub fn add(vault: &mut Vault, professional: Professional) -> Result<Professional> {
    let p = validate(professional)?;
    let actor = vault.actor();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    tx.execute(
        "INSERT INTO professionals (name, role, organisation, phone, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.name, p.role, p.organisation, p.phone, p.email, crate::now_utc()],
    )
    .map_err(map_err)?;
    let id = tx.last_insert_rowid();
    let record = id.to_string();
    audit::append(
        &tx,
        actor,
        Action::ProfessionalAdded,
        Some(RecordRef { record_type: "professional", record_id: &record }),
    )?;
    tx.commit().map_err(map_err)?;
    Ok(Professional { id, ..p })
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
pub fn list(conn: &Connection) -> Result<Vec<Professional>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, name, role, organisation, phone, email FROM professionals ORDER BY name COLLATE NOCASE, id",
        )
        .map_err(map_err)?;
    let rows = stmt.query_map([], row).map_err(map_err)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(map_err)
}

/// The professionals linked to a client.
pub fn for_client(conn: &Connection, client_id: i64) -> Result<Vec<Professional>> {
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
    let client_id = id_for_code(vault.connection(), code)?;
    let exists: Option<i64> = vault
        .connection()
        .query_row("SELECT id FROM professionals WHERE id = ?1", [professional_id], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    if exists.is_none() {
        return Err(Error::invalid(
            "professional",
            format!("There is no professional {professional_id} in the directory."),
        ));
    }
    let actor = vault.actor();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    let added = tx
        .execute(
            "INSERT OR IGNORE INTO client_professionals (client_id, professional_id) VALUES (?1, ?2)",
            params![client_id, professional_id],
        )
        .map_err(map_err)?;
    if added > 0 {
        let record = client_id.to_string();
        audit::append(
            &tx,
            actor,
            Action::ProfessionalLinked,
            Some(RecordRef { record_type: "client", record_id: &record }),
        )?;
    }
    tx.commit().map_err(map_err)
}
