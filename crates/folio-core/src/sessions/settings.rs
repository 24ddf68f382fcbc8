//! The practice's settings for sessions: whether it records sessions at all. Seed 001: "We
//! do not record therapy sessions and ask that clients also do not record." Seeds 000 and
//! 004 allow a recording with written consent as part of an agreed therapeutic plan. Where
//! the practice does not record, recording is hidden and a consent for it refused.

use rusqlite::Connection;

use crate::audit::Action;
use crate::vault::Record;
use crate::{Error, Result, Vault};

const RECORDS_SESSIONS: &str = "sessions.records_sessions";

/// The settings, as the app and `folio session settings` show them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionSettings {
    /// The practice may record sessions (with written consent, as part of a plan).
    pub records_sessions: bool,
}

/// Whether the practice records sessions; yes until the therapist says otherwise.
pub(crate) fn records_sessions(conn: &Connection) -> Result<bool> {
    Ok(crate::db::setting(conn, RECORDS_SESSIONS)?.as_deref() != Some("no"))
}

pub fn settings(vault: &Vault) -> Result<SessionSettings> {
    Ok(SessionSettings { records_sessions: records_sessions(vault.conn())? })
}

/// Sets whether the practice records sessions, as typed ("yes" or "no").
pub fn set_records_sessions(vault: &mut Vault, typed: &str) -> Result<SessionSettings> {
    let value = match typed.trim().to_lowercase().as_str() {
        "yes" | "true" => "yes",
        "no" | "false" => "no",
        _ => return Err(Error::invalid("recordsSessions", "Answer yes or no: does the practice record sessions?")),
    };
    vault.write(|tx| {
        crate::db::put_setting(tx, RECORDS_SESSIONS, value)?;
        tx.record(Action::SettingChanged, Record::new("setting", RECORDS_SESSIONS))
    })?;
    settings(vault)
}
