//! Printing results as plain text or `--json`, and errors as `{code, message}`.

use folio_core::audit::Entry;
use folio_core::{Error, VaultStatus, VerifyReport};

pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn value<T: serde::Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("error: could not encode the result: {e}"),
            }
        } else {
            println!("{}", text());
        }
    }

    pub fn error(&self, e: &Error) {
        if self.json {
            let body =
                serde_json::json!({ "error": { "code": e.code(), "message": e.to_string(), "field": e.field() } });
            println!("{body}");
        }
        eprintln!("error: {e}");
    }
}

pub fn status_text(s: &VaultStatus) -> String {
    let mut lines = vec![
        format!("Vault folder:      {}", s.dir),
        format!("Vault id:          {}", s.vault_id),
        format!("Created:           {}", s.created_at),
        format!("Key file:          {} version {}", s.key_file_format, s.key_file_version),
        format!("Schema supported:  {}", s.schema_version_supported),
        format!(
            "Database:          {}",
            if s.database_present { format!("present, {} bytes", s.database_bytes) } else { "MISSING".into() }
        ),
        format!(
            "Key file copies:   first {}, second {}",
            s.key_file_copies.primary.as_deref().unwrap_or("sound"),
            s.key_file_copies.backup.as_deref().unwrap_or("sound")
        ),
        "Key slots:".into(),
    ];
    for slot in &s.slots {
        let kdf = slot
            .kdf
            .map(|k| format!("argon2id, {} MiB, t={}, p={}", k.memory_kib / 1024, k.iterations, k.lanes))
            .unwrap_or_else(|| "-".into());
        lines.push(format!("  #{} {} ({kdf}), created {}", slot.id, slot.kind, slot.created_at));
    }
    lines.join("\n")
}

pub fn verify_text(r: &VerifyReport) -> String {
    let mut lines: Vec<String> = r
        .checks()
        .into_iter()
        .map(|c| match c.problem {
            None => format!("ok      {}", c.label),
            Some(problem) => format!("FAILED  {}: {problem}", c.label),
        })
        .collect();
    lines.push(if r.is_ok() {
        "The vault is sound.".into()
    } else {
        "Problems found. Nothing has been changed.".into()
    });
    lines.join("\n")
}

pub fn audit_text(entries: &[Entry]) -> String {
    if entries.is_empty() {
        return "No audit entries.".into();
    }
    entries
        .iter()
        .map(|e| {
            let record = match (&e.record_type, &e.record_id) {
                (Some(t), Some(id)) => format!(" {t}:{id}"),
                _ => String::new(),
            };
            format!("{:>5}  {}  {:<10} {}{record}", e.seq, e.at, e.actor, e.action)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
