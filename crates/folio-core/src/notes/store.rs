//! SQL for notes: the `notes` row (a draft's text lives in it), `note_versions` (each signed
//! version, never updated) and the `note_search` FTS5 index (each note's current text only,
//! rowid = note id, `secure-delete` on so removed text leaves no tokens behind).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::rules::{self, Concern, Section};
use super::{KeptIdentifier, Note, NoteKind, NoteState, NoteSummary, NoteVersion};
use crate::db::map_err;
use crate::{Error, Result};

pub(super) fn audit_length(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| r.get(0)).map_err(map_err)
}

/// The episode and date of one of this client's sessions.
pub(super) fn session_of(conn: &Connection, client_id: i64, session_id: i64) -> Result<(i64, NaiveDate)> {
    conn.query_row(
        "SELECT episode_number, on_date FROM sessions WHERE id = ?1 AND client_id = ?2",
        params![session_id, client_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(map_err)?
    .ok_or_else(|| {
        Error::invalid(
            "session",
            "This client has no session with that id. The attendance register shows their sessions.",
        )
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|_| Error::db_damaged("a note's stored text is unreadable"))
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_draft(
    conn: &Connection,
    client_id: i64,
    episode: i64,
    session: Option<i64>,
    kind: NoteKind,
    on: NaiveDate,
    sections: &[Section],
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO notes (client_id, episode_number, session_id, kind, on_date, state, draft_sections, created_at, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7, ?7)",
        params![client_id, episode, session, kind, on, to_json(&sections)?, now],
    )
    .map_err(map_err)?;
    let id = conn.last_insert_rowid();
    reindex(conn, id, sections)?;
    Ok(id)
}

pub(super) fn update_draft(conn: &Connection, id: i64, sections: &[Section], kept: &str, now: &str) -> Result<()> {
    let changed = conn
        .execute(
            "UPDATE notes SET draft_sections = ?2, draft_kept = ?3, saved_at = ?4 WHERE id = ?1 AND state = 'draft'",
            params![id, to_json(&sections)?, kept, now],
        )
        .map_err(map_err)?;
    if changed != 1 {
        return Err(Error::invalid("id", "This note is no longer a draft: it was signed or discarded."));
    }
    reindex(conn, id, sections)
}

pub(super) fn delete_draft(conn: &Connection, id: i64) -> Result<()> {
    remove_from_index(conn, id)?;
    let removed = conn.execute("DELETE FROM notes WHERE id = ?1 AND state = 'draft'", [id]).map_err(map_err)?;
    if removed != 1 {
        return Err(Error::invalid("id", "This note is no longer a draft: it was signed or discarded."));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_version(
    conn: &Connection,
    id: i64,
    number: i64,
    sections: &[Section],
    kept: &str,
    reason: &str,
    now: &str,
    actor: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO note_versions (note_id, number, sections, kept, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, number, to_json(&sections)?, kept, reason, now, actor],
    )
    .map_err(map_err)?;
    Ok(())
}

pub(crate) fn mark_signed(conn: &Connection, id: i64, now: &str, actor: &str) -> Result<()> {
    let changed = conn
        .execute(
            "UPDATE notes SET state = 'signed', draft_sections = NULL, draft_kept = '[]', signed_at = ?2, signed_by = ?3,
             saved_at = ?2 WHERE id = ?1 AND state = 'draft'",
            params![id, now, actor],
        )
        .map_err(map_err)?;
    if changed != 1 {
        return Err(Error::invalid("id", "This note is no longer a draft: it was signed or discarded."));
    }
    Ok(())
}

/// Puts the note's current text into the search index (replacing what was there) and sets
/// its see-note flags from its risk and safeguarding sections.
pub(super) fn reindex(conn: &Connection, id: i64, sections: &[Section]) -> Result<()> {
    remove_from_index(conn, id)?;
    conn.execute("INSERT INTO note_search (rowid, body) VALUES (?1, ?2)", params![id, rules::search_text(sections)])
        .map_err(map_err)?;
    let concerns = rules::concerns(sections);
    conn.execute(
        "UPDATE notes SET see_risk = ?2, see_safeguarding = ?3 WHERE id = ?1",
        params![id, concerns.contains(&Concern::Risk), concerns.contains(&Concern::Safeguarding)],
    )
    .map_err(map_err)?;
    Ok(())
}

/// Removes a note's text from the search index completely (`secure-delete` leaves no
/// tokens behind). The retention issue's destruction uses this too.
pub(crate) fn remove_from_index(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM note_search WHERE rowid = ?1", [id]).map_err(map_err)?;
    Ok(())
}

pub(super) fn state_of(conn: &Connection, id: i64) -> Result<NoteState> {
    conn.query_row("SELECT state FROM notes WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .map_err(map_err)?
        .ok_or_else(no_such_note)
}

fn no_such_note() -> Error {
    Error::invalid("id", "There is no note with that id. The client's notes list shows them.")
}

const SUMMARY_COLUMNS: &str = "n.id, c.code, c.initials, n.kind, n.state, n.on_date, n.episode_number, n.session_id,
     n.created_at, n.saved_at, n.signed_at, (SELECT count(*) FROM note_versions v WHERE v.note_id = n.id),
     n.see_risk, n.see_safeguarding";

fn summary_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<NoteSummary> {
    Ok(NoteSummary {
        id: r.get(0)?,
        code: r.get(1)?,
        initials: r.get(2)?,
        kind: r.get(3)?,
        state: r.get(4)?,
        on: r.get(5)?,
        episode: r.get(6)?,
        session: r.get(7)?,
        created_at: r.get(8)?,
        saved_at: r.get(9)?,
        signed_at: r.get(10)?,
        versions: r.get(11)?,
        see_risk: r.get(12)?,
        see_safeguarding: r.get(13)?,
    })
}

/// Notes newest first, of one client and/or in one state.
pub(super) fn summaries(conn: &Connection, client: Option<i64>, state: Option<NoteState>) -> Result<Vec<NoteSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM notes n JOIN clients c ON c.id = n.client_id
         WHERE (?1 IS NULL OR n.client_id = ?1) AND (?2 IS NULL OR n.state = ?2)
         ORDER BY n.on_date DESC, n.id DESC"
    );
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let rows = stmt.query_map(params![client, state], summary_from).map_err(map_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)
}

pub(super) fn note(conn: &Connection, id: i64) -> Result<Note> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, n.draft_sections, n.draft_kept, n.signed_by FROM notes n
         JOIN clients c ON c.id = n.client_id WHERE n.id = ?1"
    );
    let (summary, draft, draft_kept, signed_by) = conn
        .query_row(&sql, [id], |r| {
            Ok((
                summary_from(r)?,
                r.get::<_, Option<String>>(14)?,
                r.get::<_, String>(15)?,
                r.get::<_, Option<String>>(16)?,
            ))
        })
        .optional()
        .map_err(map_err)?
        .ok_or_else(no_such_note)?;
    let versions = versions(conn, id)?;
    let (sections, kept) = match (&draft, versions.last()) {
        (Some(draft), _) => (from_json(draft)?, from_json::<Vec<KeptIdentifier>>(&draft_kept)?),
        (None, Some(latest)) => (latest.sections.clone(), latest.kept.clone()),
        (None, None) => return Err(Error::db_damaged("a signed note has no signed text")),
    };
    Ok(Note { summary, sections, kept, signed_by, versions })
}

fn versions(conn: &Connection, id: i64) -> Result<Vec<NoteVersion>> {
    let mut stmt = conn
        .prepare(
            "SELECT number, sections, kept, reason, created_at, created_by FROM note_versions
             WHERE note_id = ?1 ORDER BY number",
        )
        .map_err(map_err)?;
    let raw = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    raw.into_iter()
        .map(|(number, sections, kept, reason, created_at, created_by)| {
            Ok(NoteVersion {
                number,
                sections: from_json(&sections)?,
                kept: from_json(&kept)?,
                reason,
                created_at,
                created_by,
            })
        })
        .collect()
}
