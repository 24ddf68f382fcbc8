//! `verify`: every page's checksum, SQLite's structure, both key file copies and the audit
//! chain, reported in words.
//!
//! The report says what is damaged and nothing it could not know. When pages fail their
//! checksum, it names them and the tables they hold rows of (found by reading each table
//! through to its end), and it does not run SQLite's structure check: on unreadable pages
//! that check only lists consequences of the same pages. The audit chain is checked as far
//! as its entries can be read, and the report says where reading stopped.

use std::path::Path;

use super::{audit, Vault};
use crate::db::{self, map_err, ConnectionOptions, OpenMode, DB_FILE};
use crate::keyfile::{self, CopyHealth};
use crate::secret::Password;
use crate::{Error, Result};

/// The outcome of `verify`: each check, in words, and whether all passed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    /// Pages in the database file.
    pub pages: i64,
    /// Pages whose checksum (SQLCipher's HMAC) fails: they cannot be decrypted.
    pub unreadable_pages: Vec<i64>,
    /// Anything else `cipher_integrity_check` reported.
    pub cipher_problems: Vec<String>,
    /// Tables whose rows cannot all be read, in words ("clients", "the audit log").
    pub damaged_tables: Vec<String>,
    /// `PRAGMA integrity_check` (run only when every page is readable).
    pub structure_problems: Vec<String>,
    pub key_file_copies: CopyHealth,
    pub audit: audit::ChainReport,
    pub schema_version: i64,
    /// Opened from a write-protected drive while a journal there held changes that could
    /// not be read.
    pub unread_journal: bool,
}

/// One line of a verify report, in words, for the UI and the CLI alike.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyCheck {
    pub label: String,
    pub ok: bool,
    /// What is wrong, when something is.
    pub problem: Option<String>,
}

/// Opens the vault read-only, checks it ([`Vault::verify`]) and closes it, writing nothing.
/// Works at any schema version this Folio knows and on read-only media.
pub fn verify(dir: &Path, password: &Password) -> Result<VerifyReport> {
    let vault = Vault::open_reading(dir, password)?;
    let report = vault.verify();
    vault.lock()?;
    report
}

impl Vault {
    /// Checks every page's HMAC, SQLite's structure, both key file copies and the audit
    /// chain. Reads only.
    pub fn verify(&self) -> Result<VerifyReport> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).map_err(map_err)?;
        let (unreadable_pages, cipher_problems) = split_pages(self.rows_or_damage("PRAGMA cipher_integrity_check")?);
        let all_readable = unreadable_pages.is_empty() && cipher_problems.is_empty();
        let (damaged_tables, structure_problems) = if all_readable {
            let rows = self.rows_or_damage("PRAGMA integrity_check")?;
            (Vec::new(), rows.into_iter().filter(|r| r != "ok").collect())
        } else {
            (self.damaged_tables()?, Vec::new())
        };
        let (_, key_file_copies) = keyfile::load(&self.dir)?;
        let audit = if all_readable { audit::verify(&self.conn)? } else { audit::verify(&self.fresh_reader()?)? };
        Ok(VerifyReport {
            pages,
            unreadable_pages,
            cipher_problems,
            damaged_tables,
            structure_problems,
            key_file_copies,
            audit,
            schema_version: db::schema_version(&self.conn)?,
            unread_journal: self.unread_journal,
        })
    }

    /// The rows a check pragma returns; damage met while running it is one more row.
    fn rows_or_damage(&self, sql: &str) -> Result<Vec<String>> {
        let rows = (|| {
            let mut stmt = self.conn.prepare(sql).map_err(map_err)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(map_err)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(map_err)
        })();
        match rows {
            Err(Error::Damaged { detail, .. }) => Ok(vec![detail]),
            other => other,
        }
    }

    /// Every table read through to its last row and column (overflow pages too); the ones
    /// that cannot be, named in words.
    fn damaged_tables(&self) -> Result<Vec<String>> {
        let names: Vec<String> = match self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        {
            Ok(names) => names,
            Err(_) => return Ok(vec!["the list of tables itself".into()]),
        };
        let mut damaged: Vec<String> = Vec::new();
        for name in names {
            // SQLCipher's failed checksum is sticky for the connection that met it: each
            // table is read on a connection of its own.
            let reader = self.fresh_reader()?;
            let words = table_in_words(&name);
            if read_whole_table(&reader, &name).is_err() && !damaged.contains(&words) {
                damaged.push(words);
            }
        }
        Ok(damaged)
    }

    /// A new read-only connection to this vault's database, with the key in hand (no
    /// password work): beside this vault's own connection, as a WAL reader.
    fn fresh_reader(&self) -> Result<rusqlite::Connection> {
        let mode = if self.read_mode == OpenMode::Immutable { OpenMode::Immutable } else { OpenMode::ReadOnly };
        db::open(&self.dir.join(DB_FILE), &self.dek, mode, ConnectionOptions::VAULT)
    }
}

/// Reads every row and column of a table (overflow pages too).
fn read_whole_table(conn: &rusqlite::Connection, name: &str) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{}\"", name.replace('"', "\"\"")))?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..columns {
            row.get_ref(i)?;
        }
    }
    Ok(())
}

impl VerifyReport {
    /// The checks in the order they ran, each said plainly.
    pub fn checks(&self) -> Vec<VerifyCheck> {
        let check = |label: String, problem: Option<String>| VerifyCheck { label, ok: problem.is_none(), problem };
        let mut checks =
            vec![check("Every page of the database is intact (encryption check)".into(), self.page_problem())];
        // On unreadable pages SQLite's structure check would only repeat them.
        if self.unreadable_pages.is_empty() && self.cipher_problems.is_empty() {
            checks.push(check(
                "The database structure is sound".into(),
                (!self.structure_problems.is_empty()).then(|| self.structure_problems.join("; ")),
            ));
        }
        let copies = &self.key_file_copies;
        checks.push(check(
            "Both copies of the key file are sound and identical".into(),
            (!copies.is_ok()).then(|| {
                format!(
                    "first copy: {}; second copy: {}",
                    copies.primary.as_deref().unwrap_or("sound"),
                    copies.backup.as_deref().unwrap_or("sound")
                )
            }),
        ));
        checks.push(self.audit_check());
        if self.unread_journal {
            checks.push(check(
                "The latest changes could be read".into(),
                Some("the vault was not closed properly, and its last changes are in a journal file that cannot be read on a drive that cannot be written to; copy the whole vault folder to a drive that can be written to and check it there".into()),
            ));
        }
        checks
    }

    fn page_problem(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.unreadable_pages.is_empty() {
            let pages: Vec<String> = self.unreadable_pages.iter().map(|p| p.to_string()).collect();
            let (noun, verb) = if pages.len() == 1 { ("page", "fails") } else { ("pages", "fail") };
            parts.push(format!(
                "{} {} of {} cannot be read (the checksum {verb})",
                noun,
                list_in_words(&pages),
                self.pages
            ));
        }
        parts.extend(self.cipher_problems.iter().cloned());
        if parts.is_empty() {
            return None;
        }
        parts.push(if self.damaged_tables.is_empty() {
            "every table can still be read in full (the damage is in an index or in free space)".into()
        } else {
            format!("records that cannot be read in full: {}", list_in_words(&self.damaged_tables))
        });
        Some(parts.join("; "))
    }

    fn audit_check(&self) -> VerifyCheck {
        let a = &self.audit;
        let (label, problem) = match (a.first_broken_seq, a.unreadable_after) {
            (Some(seq), _) => (
                format!("The audit log's chain of {} entries is unbroken", a.entries),
                Some(format!("the chain breaks at entry {seq}: it was changed outside Folio")),
            ),
            (None, Some(0)) => (
                "The audit log's chain is unbroken".into(),
                Some("no entry could be read: the log is on damaged pages".into()),
            ),
            (None, Some(last)) => (
                "The audit log's chain is unbroken".into(),
                Some(format!(
                    "entries 1 to {last} were checked and are unbroken; the entries after {last} are on damaged pages and could not be read"
                )),
            ),
            (None, None) => (format!("The audit log's chain of {} entries is unbroken", a.entries), None),
        };
        VerifyCheck { label, ok: problem.is_none(), problem }
    }

    pub fn is_ok(&self) -> bool {
        self.checks().iter().all(|c| c.ok)
    }
}

/// Separates SQLCipher's "HMAC verification failed for page N" lines (page numbers) from
/// anything else it said.
fn split_pages(lines: Vec<String>) -> (Vec<i64>, Vec<String>) {
    let mut pages = Vec::new();
    let mut other = Vec::new();
    for line in lines {
        let page =
            line.strip_prefix("HMAC verification failed for page ").and_then(|rest| rest.trim().parse::<i64>().ok());
        match page {
            Some(n) => pages.push(n),
            None if line == "ok" => {}
            None => other.push(line),
        }
    }
    pages.sort_unstable();
    pages.dedup();
    (pages, other)
}

/// A table's name as the therapist knows the records in it.
fn table_in_words(name: &str) -> String {
    known_table_in_words(name).unwrap_or(name).to_string()
}

/// Words for each of Folio's tables; `None` for a table this version did not create.
fn known_table_in_words(name: &str) -> Option<&'static str> {
    Some(match name {
        "clients" | "client_state_changes" => "clients",
        "episodes" => "episodes of therapy",
        "sessions" => "the attendance register",
        "correspondence" | "correspondence_attachments" => "correspondence",
        "blobs" | "blob_chunks" => "attachments",
        "professionals" | "client_professionals" => "the professionals directory",
        "audit_log" => "the audit log",
        "settings" => "settings",
        "vault_meta" => "the vault's own details",
        "notes" => "clinical notes",
        "consents" | "consent_reviews" | "consent_withdrawals" => "the consent ledger",
        "agreements" => "agreements",
        "disclosures" | "disclosure_attachments" => "the disclosure register",
        "safeguarding_entries" => "the safeguarding log",
        "complaints" | "complaint_stages" | "complaint_closures" => "the complaints register",
        "incidents" | "incident_clients" | "incident_decisions" | "incident_reports" => "the incident log",
        "artwork" | "artwork_events" | "artwork_locations" => "the artwork inventory",
        "media" | "media_events" => "photos of artwork and recordings of sessions",
        "retention_policy_changes" => "the retention policy",
        "retention_holds" | "retention_hold_releases" => "legal holds on records",
        "destruction_batches" | "destruction_entries" | "destruction_cancellations" | "destruction_runs" => {
            "destructions confirmed, cancelled and run"
        }
        "destruction_records" => "the record of destroyed records",
        "note_versions" => "signed versions of clinical notes",
        "handover_sets" | "handover_holders" | "handover_takeovers" | "handover_reviews" => {
            "the handover (clinical will)"
        }
        "handover_ticks" => "the successor's checklist",
        "retired_ids" => "the numbers of destroyed records",
        "backups" => "the list of backups taken",
        "rights_requests" | "rights_request_identity" | "rights_request_extensions" | "rights_request_closures" => {
            "the request register (rights requests)"
        }
        search if search.starts_with("note_search") => "the search index of notes",
        _ => return None,
    })
}

/// "1", "1 and 2", "1, 2 and 3".
fn list_in_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_taken_from_sqlciphers_lines() {
        let (pages, other) = split_pages(vec![
            "HMAC verification failed for page 51".into(),
            "HMAC verification failed for page 7".into(),
            "file size not a multiple of page size".into(),
        ]);
        assert_eq!(pages, vec![7, 51]);
        assert_eq!(other, vec!["file size not a multiple of page size".to_string()]);
    }

    /// Every table a migration creates (the consent ledger's, the agreements', the
    /// disclosure register's and the safeguarding log's included) is named in words when
    /// verify finds it damaged, never by its SQL name.
    #[test]
    fn every_table_folio_creates_has_plain_words() {
        let mut tables = Vec::new();
        for migration in crate::db::MIGRATIONS {
            let words: Vec<&str> = migration.sql.split_whitespace().collect();
            for (i, w) in words.iter().enumerate() {
                let create = *w == "CREATE" && words.get(i + 1) == Some(&"TABLE");
                let virtual_table = *w == "VIRTUAL" && words.get(i + 1) == Some(&"TABLE");
                if create || virtual_table {
                    if let Some(name) = words.get(i + 2) {
                        tables.push(name.trim_matches(|c: char| !c.is_alphanumeric() && c != '_').to_string());
                    }
                }
            }
        }
        for table in [
            "consents",
            "consent_reviews",
            "consent_withdrawals",
            "agreements",
            "disclosures",
            "complaints",
            "incidents",
        ] {
            assert!(tables.iter().any(|t| t == table), "{table} is created by a migration: {tables:?}");
        }
        for table in &tables {
            let words = known_table_in_words(table);
            assert!(words.is_some_and(|w| !w.contains('_')), "{table} has no plain words");
        }
        assert_eq!(table_in_words("disclosure_attachments"), "the disclosure register");
        assert_eq!(table_in_words("safeguarding_entries"), "the safeguarding log");
        assert_eq!(table_in_words("consent_withdrawals"), "the consent ledger");
        assert_eq!(table_in_words("complaint_stages"), "the complaints register");
        assert_eq!(table_in_words("incident_reports"), "the incident log");
    }

    #[test]
    fn lists_read_as_english() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list_in_words(&items(&["7"])), "7");
        assert_eq!(list_in_words(&items(&["7", "9"])), "7 and 9");
        assert_eq!(
            list_in_words(&items(&["clients", "attachments", "the audit log"])),
            "clients, attachments and the audit log"
        );
    }
}
