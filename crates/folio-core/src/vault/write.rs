//! The one way to change an unlocked vault.
//!
//! [`Vault::write`] owns the IMMEDIATE transaction, the audit entries and the commit. A
//! capability's service function describes its change in a closure that receives a
//! [`Change`]: the transaction (through `Deref`) and [`Change::record`], which appends the
//! audit entry for each record it touches. A change that records nothing is refused and
//! rolled back, so a write without its audit entry cannot be expressed: `audit::append` is
//! private to this module, the connection is private to the vault, and between writes the
//! connection is `query_only`, so even a stray `execute` on it fails.

use std::ops::Deref;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::audit::{self, Action, Actor, RecordRef};
use super::Vault;
use crate::clock::Clock;
use crate::db::map_err;
use crate::{Error, Result};

/// The record an audit entry is about: its type and id, never its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub kind: &'static str,
    pub id: String,
}

impl Record {
    pub fn new(kind: &'static str, id: impl ToString) -> Record {
        Record { kind, id: id.to_string() }
    }
}

/// A change in progress: the open transaction plus the audit trail it must leave.
pub struct Change<'c> {
    tx: Transaction<'c>,
    actor: Actor,
    clock: Clock,
    recorded: usize,
}

impl Change<'_> {
    /// Appends the audit entry for `record` in this transaction.
    pub fn record(&mut self, action: Action, record: Record) -> Result<()> {
        let reference = RecordRef { record_type: record.kind, record_id: &record.id };
        audit::append(&self.tx, self.actor, action, Some(reference), &self.clock.now_utc())?;
        self.recorded += 1;
        Ok(())
    }

    /// When the change happened (UTC, from the vault's clock).
    pub fn now_utc(&self) -> String {
        self.clock.now_utc()
    }

    /// Today, from the vault's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// Who is making the change ("therapist", or after a handover "successor").
    pub fn actor(&self) -> &'static str {
        self.actor.as_str()
    }
}

impl<'c> Deref for Change<'c> {
    type Target = Transaction<'c>;

    fn deref(&self) -> &Transaction<'c> {
        &self.tx
    }
}

/// Turns writing on for the life of one transaction and off again however it ends (an
/// error, a panic in the closure).
struct Writable<'a>(&'a Connection);

impl<'a> Writable<'a> {
    fn new(conn: &'a Connection) -> Result<Writable<'a>> {
        conn.pragma_update(None, "query_only", false).map_err(map_err)?;
        Ok(Writable(conn))
    }
}

impl Drop for Writable<'_> {
    fn drop(&mut self) {
        // If this fails the connection is unusable anyway; the next statement reports it.
        let _ = self.0.pragma_update(None, "query_only", true);
    }
}

/// Runs `apply` in one IMMEDIATE transaction on `conn` and commits it with its audit
/// entries. Shared by [`Vault::write`] and the vault's own setup writes.
pub(super) fn in_transaction<T>(
    conn: &Connection,
    actor: Actor,
    clock: Clock,
    apply: impl FnOnce(&mut Change<'_>) -> Result<T>,
) -> Result<T> {
    let _writable = Writable::new(conn)?;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(map_err)?;
    let mut change = Change { tx, actor, clock, recorded: 0 };
    let value = apply(&mut change)?;
    if change.recorded == 0 {
        return Err(Error::Internal("a change to the vault was not recorded in the audit log".into()));
    }
    change.tx.commit().map_err(map_err)?;
    Ok(value)
}

impl Vault {
    /// The one way to change the vault: runs `apply` in one IMMEDIATE transaction and
    /// commits it together with the audit entries it recorded through [`Change::record`].
    /// A change that records nothing is refused and rolled back.
    pub fn write<T>(&mut self, apply: impl FnOnce(&mut Change<'_>) -> Result<T>) -> Result<T> {
        self.refuse_if_read_only()?;
        in_transaction(&self.conn, self.actor, self.clock, apply)
    }

    /// Stores pieces of an upload that no record refers to yet, in one transaction and
    /// without an audit entry: pending uploads are invisible to every record, are discarded
    /// at the next unlock, and become part of a record only by being claimed inside an
    /// audited [`Vault::write`]. Used by [`crate::blobs`] alone.
    pub(crate) fn write_pending_upload<T>(&mut self, apply: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.refuse_if_read_only()?;
        let _writable = Writable::new(&self.conn)?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).map_err(map_err)?;
        let value = apply(&tx)?;
        tx.commit().map_err(map_err)?;
        Ok(value)
    }

    /// Saves the text of a note draft without an audit entry: autosaves come every few
    /// seconds while the therapist types, and would flood the log. The draft's start is
    /// audited when it is created and its end (signed or discarded) when it ends, so the log
    /// still shows every note that exists. Used by [`crate::notes`] alone, which refuses
    /// anything but a draft's own text.
    pub(crate) fn write_draft_autosave<T>(&mut self, apply: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write_pending_upload(apply)
    }

    /// Moves every committed change from the WAL into the database file and empties the WAL
    /// (`wal_checkpoint(TRUNCATE)`), so that no older frame keeps a page that a destruction
    /// overwrote. False when a reader beside held it back (the next writer's checkpoint
    /// finishes it).
    pub(crate) fn checkpoint_truncate(&mut self) -> Result<bool> {
        self.refuse_if_read_only()?;
        let _writable = Writable::new(&self.conn)?;
        let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0)).map_err(map_err)?;
        Ok(busy == 0)
    }

    /// A vault opened to read only says so to every attempt to change it.
    fn refuse_if_read_only(&self) -> Result<()> {
        if self.is_read_only() {
            return Err(Error::Internal(
                "a change was attempted on a vault opened only to read; nothing has been changed".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::open_test_vault;

    #[test]
    fn a_change_that_records_nothing_is_refused_and_rolled_back() -> Result<()> {
        let (_dir, mut vault) = open_test_vault()?;
        let refused = vault.write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('stray', 'x')", []).map_err(map_err)?;
            Ok(())
        });
        assert!(matches!(refused, Err(Error::Internal(_))));
        let left: i64 = vault
            .conn
            .query_row("SELECT count(*) FROM settings WHERE key = 'stray'", [], |r| r.get(0))
            .map_err(map_err)?;
        assert_eq!(left, 0);
        Ok(())
    }

    #[test]
    fn outside_a_write_the_connection_refuses_to_change_anything() -> Result<()> {
        let (_dir, mut vault) = open_test_vault()?;
        let stray = vault.conn.execute("INSERT INTO settings (key, value) VALUES ('stray', 'x')", []);
        assert!(stray.is_err(), "a raw write outside Vault::write must fail");
        // And writing still works through the front door afterwards, also after an error.
        let _ = vault.write(|_| Err::<(), _>(Error::Internal("boom".into())));
        vault.write(|change| {
            change.execute("INSERT INTO settings (key, value) VALUES ('stray', 'x')", []).map_err(map_err)?;
            change.record(Action::SettingChanged, Record::new("setting", "stray"))
        })?;
        assert!(vault.conn.execute("DELETE FROM settings WHERE key = 'stray'", []).is_err());
        Ok(())
    }
}
