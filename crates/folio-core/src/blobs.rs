//! Attachments stored inside the vault as chunked blobs.
//!
//! A file is streamed in 256 KiB chunks into `blob_chunks`, inside the caller's
//! transaction, so it is never whole in memory and never touches disk outside the encrypted
//! database. Reading streams the chunks back out. Size and type limits give a clear message.

use std::io::{Read, Write};

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::db::map_err;
use crate::vault::Change;
use crate::{Error, Result, Vault};

pub const CHUNK_SIZE: usize = 256 * 1024;
/// The largest attachment accepted: a long session recording fits; a film does not.
pub const MAX_SIZE: u64 = 500 * 1024 * 1024;
/// The largest recording of a session kept with [`crate::media`]: two hours of uncompressed
/// CD-quality WAV (about 1.27 GB) fit, with room to spare.
pub const RECORDING_MAX_SIZE: u64 = 2 * 1024 * 1024 * 1024;

/// Whether a media type is a recording (audio or video), whose pending uploads may grow to
/// [`RECORDING_MAX_SIZE`]; a record that keeps it as an attachment still asks [`MAX_SIZE`].
fn is_recording(media_type: &str) -> bool {
    media_type.starts_with("audio/") || media_type.starts_with("video/")
}

/// The input a file of this media type is read as: a recording or an attachment.
pub(crate) fn input_for(media_type: &str) -> crate::inputs::Input {
    if is_recording(media_type) {
        crate::inputs::RECORDING
    } else {
        crate::inputs::ATTACHMENT
    }
}

/// The refusal for a file past `input`'s limit (an attachment's words as they always were).
fn over_limit(input: crate::inputs::Input) -> Error {
    if input == crate::inputs::ATTACHMENT {
        Error::invalid(
            "attachment",
            format!(
                "The attachment is larger than {} MB, the most Folio keeps in one attachment.",
                MAX_SIZE / (1024 * 1024)
            ),
        )
    } else {
        crate::inputs::too_large(input)
    }
}

/// File types Folio keeps, by extension: images, PDF, audio, documents.
const TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("heic", "image/heic"),
    ("pdf", "application/pdf"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("wav", "audio/wav"),
    ("ogg", "audio/ogg"),
    ("mp4", "video/mp4"),
    ("webm", "video/webm"),
    ("mov", "video/quicktime"),
    ("txt", "text/plain"),
    ("rtf", "application/rtf"),
    ("doc", "application/msword"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("eml", "message/rfc822"),
];

/// The media type for a file name, or a message naming what is accepted.
pub fn media_type_for(file_name: &str) -> Result<&'static str> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    TYPES.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t).ok_or_else(|| {
        Error::invalid(
            "attachment",
            format!(
                "Folio keeps images, PDFs, audio and documents ({}). Choose a file of one of these types.",
                TYPES.iter().map(|(e, _)| *e).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

/// What is known about a stored attachment.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BlobInfo {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
}

/// Reads until `buf` is full or the stream ends (a short read is not the end); returns
/// how many bytes it holds, 0 at the end.
fn fill_chunk(reader: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Streams `reader` into the vault as a new blob, inside the change that attaches it.
pub fn put(tx: &Change<'_>, reader: &mut dyn Read, file_name: &str) -> Result<BlobInfo> {
    put_within(tx, reader, file_name, crate::inputs::ATTACHMENT)
}

/// [`put`] within `input`'s limit (a recording's is larger than an attachment's).
pub fn put_within(
    tx: &Change<'_>,
    reader: &mut dyn Read,
    file_name: &str,
    input: crate::inputs::Input,
) -> Result<BlobInfo> {
    let name = check_name(file_name)?;
    let name = name.as_str();
    let media_type = media_type_for(name)?;
    tx.execute(
        "INSERT INTO blobs (sha256, size, media_type, file_name, created_at) VALUES ('', 0, ?1, ?2, ?3)",
        params![media_type, name, tx.now_utc()],
    )
    .map_err(map_err)?;
    let id = tx.last_insert_rowid();
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut buf = zeroize::Zeroizing::new(vec![0u8; CHUNK_SIZE]);
    let mut seq = 0i64;
    let mut insert = tx.prepare("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?1, ?2, ?3)").map_err(map_err)?;
    loop {
        let filled = fill_chunk(reader, &mut buf)
            .map_err(|e| Error::storage("read the attachment (nothing was saved; check the drive and try again)", e))?;
        if filled == 0 {
            break;
        }
        size += filled as u64;
        if size > input.limit {
            return Err(over_limit(input));
        }
        hasher.update(&buf[..filled]);
        insert.execute(params![id, seq, &buf[..filled]]).map_err(map_err)?;
        seq += 1;
        if filled < CHUNK_SIZE {
            break;
        }
    }
    let sha256 = hex::encode(hasher.finalize());
    tx.execute("UPDATE blobs SET sha256 = ?1, size = ?2 WHERE id = ?3", params![sha256, size as i64, id])
        .map_err(map_err)?;
    Ok(BlobInfo { id, file_name: name.to_string(), media_type: media_type.to_string(), size: size as i64, sha256 })
}

/// Starts a chunked upload (the app sends a file in pieces over IPC, never whole). The blob
/// stays pending, invisible to records, until [`claim_pending`] attaches it; pending blobs
/// left by an interrupted upload are discarded at the next unlock.
pub fn begin_upload(vault: &mut Vault, file_name: &str) -> Result<i64> {
    let name = check_name(file_name)?;
    let media_type = media_type_for(&name)?;
    let now = vault.clock().now_utc();
    vault.write_pending_upload(|tx| {
        tx.execute(
            "INSERT INTO blobs (sha256, size, media_type, file_name, pending, created_at) VALUES ('', 0, ?1, ?2, 1, ?3)",
            params![media_type, name, now],
        )
        .map_err(map_err)?;
        Ok(tx.last_insert_rowid())
    })
}

/// A file the therapist chose, now waiting in the vault to be attached to a record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PendingUpload {
    pub upload_id: i64,
    pub file_name: String,
    pub size: i64,
}

/// Streams a chosen file into a pending upload, piece by piece (each piece its own
/// transaction, never the whole file in memory), calling `progress(bytes so far)` after
/// each. The upload waits, invisible to records, until an audited write claims it (for
/// example [`crate::correspondence::add`] with `Attachment::Uploaded`). A file that
/// cannot be read, or is too large or of a kind Folio does not keep, leaves nothing behind
/// but a pending upload that the next unlock discards.
pub fn upload_from_reader(
    vault: &mut Vault,
    file_name: &str,
    reader: &mut dyn Read,
    progress: &mut dyn FnMut(i64),
) -> Result<PendingUpload> {
    let upload_id = begin_upload(vault, file_name)?;
    let mut buf = zeroize::Zeroizing::new(vec![0u8; CHUNK_SIZE]);
    let mut size = 0;
    loop {
        let filled = fill_chunk(reader, &mut buf).map_err(|e| {
            Error::storage("read the chosen file (nothing was attached; check the drive and try again)", e)
        })?;
        if filled == 0 {
            break;
        }
        size = append_upload(vault, upload_id, &buf[..filled])?;
        progress(size);
        if filled < CHUNK_SIZE {
            break;
        }
    }
    if size == 0 {
        return Err(Error::invalid("attachment", "The chosen file is empty. Choose another file."));
    }
    Ok(PendingUpload { upload_id, file_name: file_name.trim().to_string(), size })
}

/// Streams the file at `path` (chosen in the app's file picker) into a pending upload,
/// named after the file; `progress(sent, total)` after each piece.
pub fn upload_file(
    vault: &mut Vault,
    path: &std::path::Path,
    progress: &mut dyn FnMut(i64, i64),
) -> Result<PendingUpload> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::invalid("attachment", "Choose a file, not a folder."))?;
    // Size and kind checked before a byte is stored; the reader stops at the limit too. A
    // recording may be larger than other attachments.
    let input = input_for(media_type_for(&name)?);
    let (file, size) = crate::inputs::open(path, input)?;
    let total = size as i64;
    let mut reader = crate::inputs::bounded(file, input);
    upload_from_reader(vault, &name, &mut reader, &mut |sent| progress(sent, total))
}

/// Appends the next piece (at most [`CHUNK_SIZE`] bytes) of a pending upload, in one
/// transaction (the piece and the new size land together or not at all).
pub fn append_upload(vault: &mut Vault, upload_id: i64, piece: &[u8]) -> Result<i64> {
    vault.write_pending_upload(|tx| append_piece(tx, upload_id, piece))
}

fn append_piece(conn: &Connection, upload_id: i64, piece: &[u8]) -> Result<i64> {
    if piece.is_empty() || piece.len() > CHUNK_SIZE {
        return Err(Error::invalid(
            "attachment",
            "The file arrived in pieces Folio cannot use. Try attaching it again.",
        ));
    }
    let (size, media_type): (i64, String) = conn
        .query_row("SELECT size, media_type FROM blobs WHERE id = ?1 AND pending = 1", [upload_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(map_err)?
        .ok_or_else(|| Error::invalid("attachment", "That upload is no longer open. Attach the file again."))?;
    let new_size = size + piece.len() as i64;
    let input = input_for(&media_type);
    if new_size as u64 > input.limit {
        return Err(over_limit(input));
    }
    let seq: i64 = conn
        .query_row("SELECT COALESCE(MAX(seq) + 1, 0) FROM blob_chunks WHERE blob_id = ?1", [upload_id], |r| r.get(0))
        .map_err(map_err)?;
    conn.execute("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?1, ?2, ?3)", params![upload_id, seq, piece])
        .map_err(map_err)?;
    conn.execute("UPDATE blobs SET size = ?1 WHERE id = ?2", params![new_size, upload_id]).map_err(map_err)?;
    Ok(new_size)
}

/// A file to keep with a record: read as a stream (the CLI), or already sent in pieces by
/// the app ([`begin_upload`]). Every capability that keeps files takes this.
pub enum Incoming<'a> {
    Stream { file_name: String, reader: &'a mut dyn Read },
    Uploaded(i64),
}

/// Keeps an incoming file inside the record's transaction.
pub fn keep(tx: &Change<'_>, incoming: Incoming<'_>) -> Result<BlobInfo> {
    keep_within(tx, incoming, crate::inputs::ATTACHMENT)
}

/// [`keep`] within `input`'s limit.
pub fn keep_within(tx: &Change<'_>, incoming: Incoming<'_>, input: crate::inputs::Input) -> Result<BlobInfo> {
    match incoming {
        Incoming::Stream { file_name, reader } => put_within(tx, reader, &file_name, input),
        Incoming::Uploaded(upload_id) => claim_pending_within(tx, upload_id, input),
    }
}

/// Completes a pending upload inside the transaction that attaches it: computes its
/// checksum (streaming) and makes it a kept attachment.
pub fn claim_pending(tx: &Change<'_>, upload_id: i64) -> Result<BlobInfo> {
    claim_pending_within(tx, upload_id, crate::inputs::ATTACHMENT)
}

/// [`claim_pending`] within `input`'s limit.
pub fn claim_pending_within(tx: &Change<'_>, upload_id: i64, input: crate::inputs::Input) -> Result<BlobInfo> {
    let pending: Option<(bool, i64)> = tx
        .query_row("SELECT pending, size FROM blobs WHERE id = ?1", [upload_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(map_err)?;
    let Some((true, size)) = pending else {
        return Err(Error::invalid("attachment", "That upload is no longer open. Attach the file again."));
    };
    if size as u64 > input.limit {
        return Err(over_limit(input));
    }
    let mut hasher = Sha256::new();
    {
        let mut stmt = tx.prepare("SELECT data FROM blob_chunks WHERE blob_id = ?1 ORDER BY seq").map_err(map_err)?;
        let mut rows = stmt.query([upload_id]).map_err(map_err)?;
        while let Some(row) = rows.next().map_err(map_err)? {
            hasher.update(row.get_ref(0).map_err(map_err)?.as_blob().map_err(Error::db_damaged)?);
        }
    }
    tx.execute(
        "UPDATE blobs SET sha256 = ?1, pending = 0 WHERE id = ?2",
        params![hex::encode(hasher.finalize()), upload_id],
    )
    .map_err(map_err)?;
    info(tx, upload_id)
}

/// A pending upload's name and bytes, read whole into wiped memory: for a photo, which is
/// stripped of its metadata before it is kept. Refused past `input`'s limit before a byte is
/// read. The upload stays pending until [`discard_upload`] removes it in the change that
/// keeps the stripped copy.
pub(crate) fn pending_bytes(
    conn: &Connection,
    upload_id: i64,
    input: crate::inputs::Input,
) -> Result<(String, zeroize::Zeroizing<Vec<u8>>)> {
    let (name, size): (String, i64) = conn
        .query_row("SELECT file_name, size FROM blobs WHERE id = ?1 AND pending = 1", [upload_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(map_err)?
        .ok_or_else(|| Error::invalid("attachment", "That upload is no longer open. Attach the file again."))?;
    if size as u64 > input.limit {
        return Err(over_limit(input));
    }
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(usize::try_from(size).unwrap_or(0)));
    let mut stmt = conn.prepare("SELECT data FROM blob_chunks WHERE blob_id = ?1 ORDER BY seq").map_err(map_err)?;
    let mut rows = stmt.query([upload_id]).map_err(map_err)?;
    while let Some(row) = rows.next().map_err(map_err)? {
        let chunk = row.get_ref(0).map_err(map_err)?.as_blob().map_err(Error::db_damaged)?;
        if (bytes.len() + chunk.len()) as u64 > input.limit || bytes.len() + chunk.len() > bytes.capacity() {
            return Err(Error::db_damaged(format!("upload {upload_id} is longer than its recorded size")));
        }
        bytes.extend_from_slice(chunk);
    }
    Ok((name, bytes))
}

/// Reads a whole small file (a photo) from a stream into wiped memory, refused past
/// `input`'s limit. Never grows past the limit, and never leaves a copy behind when it grows.
pub(crate) fn read_whole(reader: &mut dyn Read, input: crate::inputs::Input) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let limit = usize::try_from(input.limit).unwrap_or(usize::MAX);
    // Room for the whole of the largest file allowed, so the buffer is never moved (a move
    // would leave an unwiped copy); filled a chunk at a time.
    let mut bytes = zeroize::Zeroizing::new(vec![0u8; limit.saturating_add(1)]);
    let mut filled = 0;
    loop {
        let start = filled;
        let end = (start + CHUNK_SIZE).min(bytes.len());
        let n = fill_chunk(reader, &mut bytes[start..end]).map_err(|e| {
            Error::storage(format!("read {} (nothing was saved; check the drive and try again)", input.what), e)
        })?;
        filled += n;
        if filled > limit {
            return Err(over_limit(input));
        }
        if n < end - start {
            break;
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Removes a pending upload (its pieces and its row) inside the change that replaced it.
pub(crate) fn discard_upload(tx: &Change<'_>, upload_id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM blob_chunks WHERE blob_id = ?1 AND blob_id IN (SELECT id FROM blobs WHERE pending = 1)",
        [upload_id],
    )
    .map_err(map_err)?;
    tx.execute("DELETE FROM blobs WHERE id = ?1 AND pending = 1", [upload_id]).map_err(map_err)?;
    Ok(())
}

/// Destroys a kept attachment for good: its pieces and its row, inside the audited change
/// that records the destruction (`secure_delete` overwrites the freed pages).
pub(crate) fn destroy(tx: &Change<'_>, id: i64) -> Result<()> {
    tx.execute("DELETE FROM blob_chunks WHERE blob_id = ?1", [id]).map_err(map_err)?;
    tx.execute("DELETE FROM blobs WHERE id = ?1", [id]).map_err(map_err)?;
    Ok(())
}

/// A kept attachment read whole into wiped memory (a photo shown in the app), refused past
/// `input`'s limit; its length and checksum are checked.
pub(crate) fn read_whole_blob(
    conn: &Connection,
    id: i64,
    input: crate::inputs::Input,
) -> Result<(BlobInfo, zeroize::Zeroizing<Vec<u8>>)> {
    let meta = info(conn, id)?;
    if meta.size as u64 > input.limit {
        return Err(over_limit(input));
    }
    let capacity = usize::try_from(meta.size).unwrap_or(0);
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(capacity));
    let mut stmt = conn.prepare("SELECT data FROM blob_chunks WHERE blob_id = ?1 ORDER BY seq").map_err(map_err)?;
    let mut rows = stmt.query([id]).map_err(map_err)?;
    while let Some(row) = rows.next().map_err(map_err)? {
        let chunk = row.get_ref(0).map_err(map_err)?.as_blob().map_err(Error::db_damaged)?;
        if bytes.len() + chunk.len() > capacity {
            return Err(Error::db_damaged(format!("attachment {id} does not match its checksum")));
        }
        bytes.extend_from_slice(chunk);
    }
    if bytes.len() != capacity || hex::encode(Sha256::digest(bytes.as_slice())) != meta.sha256 {
        return Err(Error::db_damaged(format!("attachment {id} does not match its checksum")));
    }
    Ok((meta, bytes))
}

/// Removes uploads that were never attached (an interrupted upload, a closed window).
pub(crate) fn discard_pending(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM blob_chunks WHERE blob_id IN (SELECT id FROM blobs WHERE pending = 1);
         DELETE FROM blobs WHERE pending = 1;",
    )
    .map_err(map_err)
}

fn check_name(file_name: &str) -> Result<String> {
    let name = file_name.trim();
    if name.is_empty()
        || name.chars().count() > 255
        || name.contains(['/', '\\'])
        || name.chars().any(crate::text::is_hidden)
    {
        return Err(Error::invalid("attachment", "Give the attachment a plain file name of 255 characters or fewer."));
    }
    Ok(name.to_string())
}

/// A kept attachment's details. A pending upload (pieces no record has claimed) is not an
/// attachment: it is never described or read out, even before the next unlock discards it.
pub(crate) fn info(conn: &Connection, id: i64) -> Result<BlobInfo> {
    let sql = "SELECT id, file_name, media_type, size, sha256 FROM blobs WHERE id = ?1 AND pending = 0";
    conn.query_row(sql, [id], |r| {
        Ok(BlobInfo { id: r.get(0)?, file_name: r.get(1)?, media_type: r.get(2)?, size: r.get(3)?, sha256: r.get(4)? })
    })
    .optional()
    .map_err(map_err)?
    .ok_or_else(|| Error::invalid("attachment", format!("There is no attachment {id}.")))
}

/// Streams a blob out chunk by chunk, checking its length and checksum as it goes.
pub fn read_into(vault: &Vault, id: i64, writer: &mut dyn Write) -> Result<BlobInfo> {
    stream_out(vault.conn(), id, writer)
}

pub(crate) fn stream_out(conn: &Connection, id: i64, writer: &mut dyn Write) -> Result<BlobInfo> {
    let meta = info(conn, id)?;
    let mut stmt = conn.prepare("SELECT data FROM blob_chunks WHERE blob_id = ?1 ORDER BY seq").map_err(map_err)?;
    let mut rows = stmt.query([id]).map_err(map_err)?;
    let mut hasher = Sha256::new();
    let mut size = 0i64;
    while let Some(row) = rows.next().map_err(map_err)? {
        let chunk = row.get_ref(0).map_err(map_err)?.as_blob().map_err(Error::db_damaged)?;
        hasher.update(chunk);
        size += chunk.len() as i64;
        writer.write_all(chunk).map_err(|e| Error::storage("write the attachment", e))?;
    }
    writer.flush().map_err(|e| Error::storage("write the attachment", e))?;
    if size != meta.size || hex::encode(hasher.finalize()) != meta.sha256 {
        return Err(Error::db_damaged(format!("attachment {id} does not match its checksum")));
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::open_test_vault;

    #[test]
    fn a_chosen_file_arrives_in_pieces_with_progress_and_waits_pending() -> Result<()> {
        let (_dir, mut vault) = open_test_vault()?;
        let data: Vec<u8> = (0..CHUNK_SIZE * 2 + 10).map(|i| (i % 251) as u8).collect();
        let mut seen = Vec::new();
        let upload = upload_from_reader(&mut vault, "scan.pdf", &mut data.as_slice(), &mut |sent| seen.push(sent))?;
        let piece = CHUNK_SIZE as i64;
        assert_eq!(seen, [piece, piece * 2, piece * 2 + 10]);
        assert_eq!((upload.file_name.as_str(), upload.size), ("scan.pdf", piece * 2 + 10));
        let pending: bool = vault
            .conn()
            .query_row("SELECT pending FROM blobs WHERE id = ?1", [upload.upload_id], |r| r.get(0))
            .map_err(map_err)?;
        assert!(pending, "nothing is kept until a record claims it");
        let stored: i64 = vault
            .conn()
            .query_row("SELECT count(*) FROM blob_chunks WHERE blob_id = ?1", [upload.upload_id], |r| r.get(0))
            .map_err(map_err)?;
        assert_eq!(stored, 3);
        Ok(())
    }

    #[test]
    fn a_pending_upload_is_never_read_out_as_an_attachment() -> Result<()> {
        let (_dir, mut vault) = open_test_vault()?;
        let data = vec![7u8; CHUNK_SIZE + 1];
        let upload = upload_from_reader(&mut vault, "half.pdf", &mut data.as_slice(), &mut |_| {})?;
        let mut out = Vec::new();
        let refused = read_into(&vault, upload.upload_id, &mut out).err().map(|e| e.to_string());
        assert_eq!(refused, Some(format!("There is no attachment {}.", upload.upload_id)));
        assert!(out.is_empty(), "not a byte of it leaves the vault");
        Ok(())
    }

    #[test]
    fn an_empty_or_unknown_file_is_refused_with_the_reason() -> Result<()> {
        let (_dir, mut vault) = open_test_vault()?;
        let empty = upload_from_reader(&mut vault, "blank.pdf", &mut [].as_slice(), &mut |_| {}).err();
        assert_eq!(empty.as_ref().and_then(|e| e.field()), Some("attachment"));
        assert!(empty.map(|e| e.to_string()).unwrap_or_default().contains("empty"));
        let odd = upload_from_reader(&mut vault, "tool.exe", &mut [1u8].as_slice(), &mut |_| {}).err();
        assert!(odd.map(|e| e.to_string()).unwrap_or_default().contains("images, PDFs, audio and documents"));
        Ok(())
    }
}
