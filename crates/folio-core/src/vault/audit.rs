//! The audit log: append-only and hash-chained.
//!
//! Each entry records who did what to which record (by id), and when. It never holds note
//! text or identities. Entries are written in the same transaction as the change they
//! record; SQL triggers refuse UPDATE and DELETE; each entry's hash covers the previous
//! entry's hash, so [`verify`] finds any edit, removal or reordering.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::db::map_err;
use crate::{Error, Result};

/// Who acted: the therapist (whoever holds the password); a successor who took the vault
/// over with handover shares (for that step; afterwards they hold the password); holders
/// of handover shares who opened it for the contact sheet only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Therapist,
    Successor,
    Executor,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Therapist => "therapist",
            Actor::Successor => "successor",
            Actor::Executor => "executor",
        }
    }
}

/// What happened. Later capabilities add their own variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    VaultCreated,
    VaultUnlocked,
    PasswordChanged,
    SettingChanged,
    ClientReferred,
    ClientUpdated,
    ClientStateChanged,
    EpisodeStarted,
    SessionRecorded,
    ProfessionalAdded,
    CorrespondenceLogged,
    AttachmentExported,
    AttendanceSummaryExported,
    ProfessionalLinked,
    SessionOutcomeChanged,
    KeyFileRepaired,
    /// A password change whose audit entry was lost (the process stopped after writing the
    /// key file, before its transaction committed), recorded at the next unlock.
    PasswordChangeFound,
    NoteDraftStarted,
    NoteSigned,
    NoteDraftDiscarded,
    NoteAmended,
    ConsentRecorded,
    ConsentReviewed,
    ConsentWithdrawn,
    AgreementRecorded,
    DisclosureRecorded,
    SafeguardingRecorded,
    ComplaintRecorded,
    ComplaintStageRecorded,
    ComplaintClosed,
    IncidentRecorded,
    IncidentDecided,
    IncidentReported,
    ArtworkRecorded,
    ArtworkMoved,
    ArtworkReturned,
    ArtworkKept,
    ArtworkDisposed,
    ArtworkLabelsPrinted,
    ArtworkListPrinted,
    MediaAdded,
    MediaExported,
    MediaKeptAfterReview,
    MediaDestroyed,
    RetentionPolicyChanged,
    RetentionHoldPlaced,
    RetentionHoldReleased,
    RetentionDestructionConfirmed,
    RetentionDestructionCancelled,
    RetentionDestroyed,
    HandoverSetUp,
    HandoverReissued,
    HandoverPackPrinted,
    /// The yearly review found nothing to change (a change is a re-issue).
    HandoverReviewed,
    /// Opened with handover shares for the contact sheet only; the record id names the set
    /// and the share numbers used, never a holder.
    HandoverOpenedForContact,
    HandoverTakenOver,
    /// A takeover stopped after the successor's key was written but before it was
    /// recorded, found and recorded at the next unlock.
    HandoverTakeoverFound,
    HandoverChecklistTicked,
    HandoverChecklistUnticked,
    RequestRecorded,
    RequestIdentityChecked,
    RequestExtended,
    RequestClosed,
    BackupTaken,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::VaultCreated => "vault.created",
            Action::VaultUnlocked => "vault.unlocked",
            Action::PasswordChanged => "vault.password_changed",
            Action::SettingChanged => "settings.changed",
            Action::ClientReferred => "client.referred",
            Action::ClientUpdated => "client.updated",
            Action::ClientStateChanged => "client.state_changed",
            Action::EpisodeStarted => "client.episode_started",
            Action::SessionRecorded => "session.recorded",
            Action::ProfessionalAdded => "professional.added",
            Action::CorrespondenceLogged => "correspondence.logged",
            Action::AttachmentExported => "attachment.exported",
            Action::AttendanceSummaryExported => "report.attendance_exported",
            Action::ProfessionalLinked => "professional.linked",
            Action::SessionOutcomeChanged => "session.outcome_changed",
            Action::KeyFileRepaired => "vault.key_file_repaired",
            Action::PasswordChangeFound => "vault.password_change_found",
            Action::NoteDraftStarted => "note.draft_started",
            Action::NoteSigned => "note.signed",
            Action::NoteDraftDiscarded => "note.draft_discarded",
            Action::NoteAmended => "note.amended",
            Action::ConsentRecorded => "consent.recorded",
            Action::ConsentReviewed => "consent.reviewed",
            Action::ConsentWithdrawn => "consent.withdrawn",
            Action::AgreementRecorded => "agreement.recorded",
            Action::DisclosureRecorded => "disclosure.recorded",
            Action::SafeguardingRecorded => "safeguarding.recorded",
            Action::ComplaintRecorded => "complaint.recorded",
            Action::ComplaintStageRecorded => "complaint.stage_recorded",
            Action::ComplaintClosed => "complaint.closed",
            Action::IncidentRecorded => "incident.recorded",
            Action::IncidentDecided => "incident.decided",
            Action::IncidentReported => "incident.reported",
            Action::ArtworkRecorded => "artwork.recorded",
            Action::ArtworkMoved => "artwork.moved",
            Action::ArtworkReturned => "artwork.returned",
            Action::ArtworkKept => "artwork.kept",
            Action::ArtworkDisposed => "artwork.disposed",
            Action::ArtworkLabelsPrinted => "artwork.labels_printed",
            Action::ArtworkListPrinted => "artwork.list_printed",
            Action::MediaAdded => "media.added",
            Action::MediaExported => "media.exported",
            Action::MediaKeptAfterReview => "media.kept_after_review",
            Action::MediaDestroyed => "media.destroyed",
            Action::RetentionPolicyChanged => "retention.policy_changed",
            Action::RetentionHoldPlaced => "retention.hold_placed",
            Action::RetentionHoldReleased => "retention.hold_released",
            Action::RetentionDestructionConfirmed => "retention.destruction_confirmed",
            Action::RetentionDestructionCancelled => "retention.destruction_cancelled",
            Action::RetentionDestroyed => "retention.destroyed",
            Action::HandoverSetUp => "handover.set_up",
            Action::HandoverReissued => "handover.reissued",
            Action::HandoverPackPrinted => "handover.pack_printed",
            Action::HandoverReviewed => "handover.reviewed",
            Action::HandoverOpenedForContact => "handover.opened_for_contact",
            Action::HandoverTakenOver => "handover.taken_over",
            Action::HandoverTakeoverFound => "handover.takeover_found",
            Action::HandoverChecklistTicked => "handover.checklist_ticked",
            Action::HandoverChecklistUnticked => "handover.checklist_unticked",
            Action::RequestRecorded => "request.recorded",
            Action::RequestIdentityChecked => "request.identity_checked",
            Action::RequestExtended => "request.extended",
            Action::RequestClosed => "request.closed",
            Action::BackupTaken => "backup.taken",
        }
    }
}

/// A record reference: its type and id, never its content.
#[derive(Clone, Copy, Debug)]
pub(super) struct RecordRef<'a> {
    pub(super) record_type: &'a str,
    pub(super) record_id: &'a str,
}

const GENESIS: [u8; 32] = [0u8; 32];

/// One stored entry, as `folio audit` (later) and `verify` read it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
}

fn entry_hash(prev: &[u8], e: &AuditEntry) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"folio-audit-v1");
    h.update(prev);
    h.update(e.seq.to_be_bytes());
    for field in [
        Some(e.at.as_str()),
        Some(e.actor.as_str()),
        Some(e.action.as_str()),
        e.record_type.as_deref(),
        e.record_id.as_deref(),
    ] {
        match field {
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
            None => h.update([0u8]),
        }
    }
    h.finalize().into()
}

/// Appends an entry inside the transaction that makes the change it records. Private to
/// the vault: every write reaches it through `Vault::write` (see `vault/write.rs`).
pub(super) fn append(
    conn: &Connection,
    actor: Actor,
    action: Action,
    record: Option<RecordRef<'_>>,
    at: &str,
) -> Result<()> {
    let last: Option<(i64, Vec<u8>)> = conn
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(map_err)?;
    let (seq, prev) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_vec()),
    };
    let entry = AuditEntry {
        seq,
        at: at.to_string(),
        actor: actor.as_str().into(),
        action: action.as_str().into(),
        record_type: record.map(|r| r.record_type.to_string()),
        record_id: record.map(|r| r.record_id.to_string()),
    };
    let hash = entry_hash(&prev, &entry);
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, record_type, record_id, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.record_type,
            entry.record_id,
            prev,
            hash.to_vec()
        ],
    )
    .map_err(map_err)?;
    Ok(())
}

/// The result of walking the chain.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChainReport {
    pub entries: i64,
    /// The first entry whose hash or link does not match, if any.
    pub first_broken_seq: Option<i64>,
    /// When the log is on damaged pages: the last entry that could be read and checked
    /// (0 when none could), after which reading stopped.
    pub unreadable_after: Option<i64>,
}

impl ChainReport {
    pub fn is_ok(&self) -> bool {
        self.first_broken_seq.is_none() && self.unreadable_after.is_none()
    }
}

/// Recomputes every hash from the first entry on. Damage met while reading (a page that
/// cannot be decrypted) ends the walk and is reported as where reading stopped, with the
/// entries before it checked.
pub fn verify(conn: &Connection) -> Result<ChainReport> {
    let mut prev = GENESIS.to_vec();
    let mut expected_seq = 1;
    let mut entries = 0;
    let walked = (|| -> Result<Option<i64>> {
        let mut stmt = conn
            .prepare(
                "SELECT seq, at, actor, action, record_type, record_id, prev_hash, hash FROM audit_log ORDER BY seq",
            )
            .map_err(map_err)?;
        let mut rows = stmt.query([]).map_err(map_err)?;
        while let Some(row) = rows.next().map_err(map_err)? {
            let entry = AuditEntry {
                seq: row.get(0).map_err(map_err)?,
                at: row.get(1).map_err(map_err)?,
                actor: row.get(2).map_err(map_err)?,
                action: row.get(3).map_err(map_err)?,
                record_type: row.get(4).map_err(map_err)?,
                record_id: row.get(5).map_err(map_err)?,
            };
            let stored_prev: Vec<u8> = row.get(6).map_err(map_err)?;
            let stored_hash: Vec<u8> = row.get(7).map_err(map_err)?;
            entries += 1;
            if entry.seq != expected_seq || stored_prev != prev || stored_hash != entry_hash(&prev, &entry) {
                return Ok(Some(entry.seq));
            }
            prev = stored_hash;
            expected_seq += 1;
        }
        Ok(None)
    })();
    match walked {
        Ok(first_broken_seq) => Ok(ChainReport { entries, first_broken_seq, unreadable_after: None }),
        Err(Error::Damaged { .. }) => {
            Ok(ChainReport { entries, first_broken_seq: None, unreadable_after: Some(expected_seq - 1) })
        }
        Err(other) => Err(other),
    }
}

/// The most recent entries, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn
        .prepare("SELECT seq, at, actor, action, record_type, record_id FROM audit_log ORDER BY seq DESC LIMIT ?1")
        .map_err(map_err)?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                record_type: r.get(4)?,
                record_id: r.get(5)?,
            })
        })
        .map_err(map_err)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(map_err)
}

/// Whether the log accounts for a password slot set at `slot_set` (UTC, as stored): the
/// vault's creation or a change at or after it, or a change found at an earlier unlock
/// (recorded with the slot's time as its record id, so a clock set back cannot make it be
/// found again at every unlock).
pub(super) fn password_set_is_recorded(conn: &Connection, slot_set: &str) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log
             WHERE (action IN ('vault.created', 'vault.password_changed') AND at >= ?1)
                OR (action = 'vault.password_change_found' AND record_id = ?1))",
        [slot_set],
        |r| r.get(0),
    )
    .map_err(map_err)
}
