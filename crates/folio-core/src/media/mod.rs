//! Photos of artwork and recordings of sessions (issue 12), kept in the vault's attachment
//! store ([`crate::blobs`]): streamed in chunks, never whole in memory (a photo, at most
//! [`inputs::PHOTO`]'s 30 MB, is read whole to take its metadata out).
//!
//! - Adding one asks [`crate::consents::require`] for a current consent on the day it is
//!   added ([`rules::need`]: photos of artwork; a recording, written); a recording also needs
//!   the practice to record sessions at all. The consent that allowed it is kept with it.
//! - A photo's location and device metadata (EXIF, XMP, IPTC, text chunks) are taken out
//!   before it is kept ([`strip`]).
//! - When the client's consent for its purpose no longer counts (withdrawn, expired), the
//!   item is listed for review ([`needing_review`]) until it is kept with a reason or
//!   destroyed. Destroying deletes the stored file; the row stays as a tombstone.
//! - Items are only ever inserted; what became of one is a row of `media_events` (triggers
//!   refuse UPDATE on both).

pub mod rules;
mod store;
pub mod strip;

use std::collections::HashMap;
use std::io::{Read, Write};

use chrono::NaiveDate;
use zeroize::Zeroizing;

use crate::audit::Action;
use crate::blobs::{self, Incoming};
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::inputs;
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// What an item is.
    pub enum MediaKind in "mediaKind", field "kind", choose "the kind of file" {
        Photo = "photo" => "Photo of artwork",
        Audio = "audio" => "Audio recording of a session",
        Video = "video" => "Video recording of a session",
    }
}

choice! {
    /// Where an item stands.
    pub enum MediaState in "mediaState", field "state", choose "the state" {
        Kept = "kept" => "Kept",
        KeptAfterReview = "kept-after-review" => "Kept after review, with the reason",
        Destroyed = "destroyed" => "Destroyed",
    }
}

/// Shown when a photo is added (seed 004: no images of people).
pub const PHOTO_REMINDER: &str =
    "Photograph the artwork only, never a person: no faces, hands or anyone in the picture.";

/// Shown when a copy leaves the vault.
pub const EXPORT_WARNING: &str =
    "The copy is not encrypted: keep it somewhere safe and delete it when you no longer need it.";

/// A photo or recording as the therapist adds it (the file comes beside it).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaForm {
    /// `photo`, `audio` or `video`.
    pub kind: String,
    /// For a photo: the reference of the client's piece it shows ("ART-0007").
    pub artwork: Option<String>,
    /// The client's session it was made in (its id in the register).
    pub session: Option<i64>,
    /// A few words (initials only).
    pub caption: String,
}

/// A photo or recording, as it stands on the vault's today.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Media {
    pub id: i64,
    /// The client's code.
    pub client: String,
    pub initials: String,
    pub episode: Option<i64>,
    pub kind: MediaKind,
    pub file_name: String,
    pub media_type: String,
    /// In bytes.
    pub size: i64,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub added_on: NaiveDate,
    /// The artwork's reference, for a photo of a piece.
    pub artwork: Option<String>,
    pub session: Option<i64>,
    pub caption: String,
    /// The consent that allowed it.
    pub consent: i64,
    pub state: MediaState,
    /// Why it is to be reviewed (its consent no longer counts), while it is.
    pub review: Option<String>,
    pub kept_reason: Option<String>,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub kept_on: Option<NaiveDate>,
    pub destroyed_reason: Option<String>,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub destroyed_on: Option<NaiveDate>,
}

/// Adds a photo of artwork or a recording of a session for the client `code`, after the
/// consent gate. A photo is stripped of its metadata; a recording is streamed in. Recorded
/// as `media.added`.
pub fn add(vault: &mut Vault, code: &str, form: MediaForm, incoming: Incoming<'_>) -> Result<Media> {
    let today = vault.today();
    let file_name = match &incoming {
        Incoming::Stream { file_name, .. } => file_name.clone(),
        Incoming::Uploaded(id) => store::pending_name(vault.conn(), *id)?,
    };
    let Allowed { client_id, kind, artwork_id, caption, consent, media_type } =
        allowed(vault, code, &form, Some(&file_name))?;
    let media_type = media_type.ok_or_else(|| Error::Internal("a file without its type".into()))?;
    let episode = crate::client_ids::episode_on(vault.conn(), client_id, today)?;
    let new = |blob: &blobs::BlobInfo| store::NewMedia {
        client_id,
        episode,
        kind,
        blob_id: blob.id,
        file_name: blob.file_name.clone(),
        media_type: blob.media_type.clone(),
        size: blob.size,
        artwork_id,
        session_id: form.session,
        consent_id: consent.id,
        added_on: today,
        caption: caption.clone(),
    };
    let id = if kind == MediaKind::Photo {
        let format =
            strip::Format::of(media_type).ok_or_else(|| Error::Internal("a photo type without a format".into()))?;
        let (upload, photo) = match incoming {
            Incoming::Stream { reader, .. } => (None, blobs::read_whole(reader, inputs::PHOTO)?),
            Incoming::Uploaded(id) => (Some(id), blobs::pending_bytes(vault.conn(), id, inputs::PHOTO)?.1),
        };
        let stripped = strip::strip(format, photo)?;
        vault.write(|tx| {
            if let Some(upload) = upload {
                blobs::discard_upload(tx, upload)?;
            }
            let blob = blobs::put_within(tx, &mut stripped.as_slice(), &file_name, inputs::PHOTO)?;
            let id = store::insert(tx, &new(&blob), &tx.now_utc())?;
            tx.record(Action::MediaAdded, Record::new("media", id))?;
            Ok(id)
        })?
    } else {
        vault.write(|tx| {
            let blob = blobs::keep_within(tx, incoming, inputs::RECORDING)?;
            let id = store::insert(tx, &new(&blob), &tx.now_utc())?;
            tx.record(Action::MediaAdded, Record::new("media", id))?;
            Ok(id)
        })?
    };
    show(vault, id)
}

/// Whether the client may have a photo or recording of this kind today (the links, the
/// caption, the practice's recording setting and the consent gate), before any file is
/// chosen: the app asks first, so the therapist is not made to wait for an upload that
/// would be refused.
pub fn check(vault: &Vault, code: &str, form: &MediaForm) -> Result<()> {
    allowed(vault, code, form, None).map(|_| ())
}

/// What [`add`] has checked, ready to store.
struct Allowed {
    client_id: i64,
    kind: MediaKind,
    artwork_id: Option<i64>,
    caption: String,
    consent: crate::consents::Consent,
    /// The file's type, when a file was given.
    media_type: Option<&'static str>,
}

/// Every check of [`add`] but the file's contents; the file's type (when named) is checked
/// before the consent, so a file of the wrong kind is named first.
fn allowed(vault: &Vault, code: &str, form: &MediaForm, file_name: Option<&str>) -> Result<Allowed> {
    let client_id = id_for_code(vault.conn(), code)?;
    let kind = MediaKind::parse(&form.kind)?;
    let artwork_id = match form.artwork.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(_) if kind != MediaKind::Photo => {
            return Err(Error::invalid(
                "artwork",
                "Only a photo is linked to a piece of artwork. Leave the artwork out.",
            ))
        }
        Some(reference) => Some(store::artwork_of(vault.conn(), client_id, reference)?),
        None => None,
    };
    if let Some(session) = form.session {
        crate::client_ids::session_day(vault.conn(), client_id, session)?;
    }
    let caption = crate::text::typed("caption", "caption", &form.caption, false)?;
    if kind != MediaKind::Photo && !crate::sessions::settings::records_sessions(vault.conn())? {
        return Err(Error::invalid(
            "kind",
            "Recording sessions is turned off in Settings (the practice does not record sessions). Turn it on there first, if the practice now records with written consent.",
        ));
    }
    let media_type = file_name.map(|name| rules::media_type(kind, name)).transpose()?;
    let consent =
        crate::consents::require(vault.conn(), client_id, rules::need(kind), vault.today(), rules::action(kind))?;
    Ok(Allowed { client_id, kind, artwork_id, caption, consent, media_type })
}

/// [`add`] for a file the app has already sent in pieces ([`blobs::upload_file`]).
pub fn add_uploaded(vault: &mut Vault, code: &str, form: MediaForm, upload_id: i64) -> Result<Media> {
    add(vault, code, form, Incoming::Uploaded(upload_id))
}

/// [`add`] for a file read from a stream (the CLI), named `file_name`.
pub fn add_stream(
    vault: &mut Vault,
    code: &str,
    form: MediaForm,
    file_name: &str,
    reader: &mut dyn Read,
) -> Result<Media> {
    add(vault, code, form, Incoming::Stream { file_name: file_name.to_string(), reader })
}

/// Every photo and recording (one client's, with `client`), newest first.
pub fn list(vault: &Vault, client: Option<&str>) -> Result<Vec<Media>> {
    let client_id = client.map(|code| id_for_code(vault.conn(), code)).transpose()?;
    let mut items = store::all(vault.conn(), client_id)?;
    mark_reviews(vault, &mut items)?;
    Ok(items)
}

/// One photo or recording.
pub fn show(vault: &Vault, id: i64) -> Result<Media> {
    let mut item = vec![store::one(vault.conn(), id)?];
    mark_reviews(vault, &mut item)?;
    item.pop().ok_or_else(|| Error::Internal("a photo or recording was lost while read".into()))
}

/// Items whose client's consent for their purpose no longer counts today (withdrawn,
/// expired) and that have been neither kept after a review nor destroyed.
pub fn needing_review(vault: &Vault) -> Result<Vec<Media>> {
    Ok(list(vault, None)?.into_iter().filter(|m| m.review.is_some()).collect())
}

/// Sets `review` on each item still kept whose consent no longer counts, asking the one
/// gate once per client and purpose.
fn mark_reviews(vault: &Vault, items: &mut [Media]) -> Result<()> {
    let today = vault.today();
    let mut counts: HashMap<(String, bool), bool> = HashMap::new();
    for item in items.iter_mut().filter(|m| m.state == MediaState::Kept) {
        let key = (item.client.clone(), item.kind == MediaKind::Photo);
        let still = match counts.get(&key) {
            Some(known) => *known,
            None => {
                let client_id = id_for_code(vault.conn(), &item.client)?;
                let asked = crate::consents::require(vault.conn(), client_id, rules::need(item.kind), today, "");
                let known = match asked {
                    Ok(_) => true,
                    Err(Error::InvalidInput { .. }) => false,
                    Err(other) => return Err(other),
                };
                counts.insert(key, known);
                known
            }
        };
        if !still {
            item.review = Some(review_reason(vault, item)?);
        }
    }
    Ok(())
}

/// Why an item is to be reviewed, from the consent that allowed it.
fn review_reason(vault: &Vault, item: &Media) -> Result<String> {
    let consent = crate::consents::show(vault, item.consent)?;
    let purpose = consent.purpose.label().to_lowercase();
    let given = crate::dates::format_uk(consent.given);
    Ok(match (&consent.withdrawal, consent.state) {
        (Some(w), _) => format!(
            "The consent for {purpose} of {given} was withdrawn on {}. Keep it with a reason, or destroy it.",
            crate::dates::format_uk(w.on)
        ),
        (None, crate::consents::ConsentState::Expired) => format!(
            "The consent for {purpose} of {given} expired on {}. Keep it with a reason, or destroy it.",
            crate::dates::format_uk(consent.refresh_on)
        ),
        _ => format!("No current consent for {purpose} counts today. Keep it with a reason, or destroy it."),
    })
}

/// Writes a copy out (the therapist chose where; the copy is not encrypted: say
/// [`EXPORT_WARNING`]), streamed chunk by chunk. Recorded as `media.exported`.
pub fn export(vault: &mut Vault, id: i64, out: &mut dyn Write) -> Result<Media> {
    let item = show(vault, id)?;
    if item.state == MediaState::Destroyed {
        return Err(destroyed(&item));
    }
    blobs::read_into(vault, store::blob_of(vault.conn(), id)?, out)?;
    vault.write(|tx| tx.record(Action::MediaExported, Record::new("media", id)))?;
    Ok(item)
}

/// Saves a copy into `folder` (chosen in the app's picker) as "ML-0001 recording
/// 30-11-2026.m4a" (never overwriting a file), streamed as [`export`]; returns its path.
/// A copy that could not be written whole is removed.
pub fn save_copy(vault: &mut Vault, id: i64, folder: &std::path::Path) -> Result<std::path::PathBuf> {
    let item = show(vault, id)?;
    let ext = item.file_name.rsplit_once('.').map_or("bin".to_string(), |(_, e)| e.to_ascii_lowercase());
    let what = if item.kind == MediaKind::Photo { "photo" } else { "recording" };
    let stem = format!("{} {what} {}", item.client, item.added_on.format("%d-%m-%Y"));
    let (mut file, path) = crate::reports::create_new_file(folder, &stem, &ext)?;
    let written = export(vault, id, &mut file)
        .and_then(|_| file.sync_all().map_err(|e| Error::storage("write the copy into the chosen folder", e)));
    crate::reports::finish_new_file(written, path)
}

/// A photo's media type and bytes, in wiped memory, for the app to show (photos only).
pub fn photo_bytes(vault: &Vault, id: i64) -> Result<(String, Zeroizing<Vec<u8>>)> {
    let item = show(vault, id)?;
    if item.kind != MediaKind::Photo {
        return Err(Error::invalid("id", "Only a photo is shown here. Export a recording to play it."));
    }
    if item.state == MediaState::Destroyed {
        return Err(destroyed(&item));
    }
    let (info, bytes) = blobs::read_whole_blob(vault.conn(), store::blob_of(vault.conn(), id)?, inputs::PHOTO)?;
    Ok((info.media_type, bytes))
}

/// A photo as a `data:` URL, built in wiped memory, for the app's window to show: no
/// decrypted copy on disk, nothing for the webview to cache (photos only).
pub fn photo_data_url(vault: &Vault, id: i64) -> Result<Zeroizing<String>> {
    use base64::Engine;
    let (media_type, bytes) = photo_bytes(vault, id)?;
    let mut url = Zeroizing::new(String::with_capacity(bytes.len() * 4 / 3 + 64));
    url.push_str("data:");
    url.push_str(&media_type);
    url.push_str(";base64,");
    base64::engine::general_purpose::STANDARD.encode_string(bytes.as_slice(), &mut url);
    Ok(url)
}

fn destroyed(item: &Media) -> Error {
    Error::invalid(
        "id",
        format!(
            "This {} was destroyed on {}; only its history is kept.",
            if item.kind == MediaKind::Photo { "photo" } else { "recording" },
            item.destroyed_on.map(crate::dates::format_uk).unwrap_or_default()
        ),
    )
}

/// Keeps an item whose consent no longer counts, with the reason (reviewed today).
/// Recorded as `media.kept_after_review`.
pub fn keep_after_review(vault: &mut Vault, id: i64, reason: &str) -> Result<Media> {
    let item = show(vault, id)?;
    if item.state != MediaState::Kept {
        return Err(Error::invalid("id", format!("This item is already {}.", item.state.label().to_lowercase())));
    }
    if item.review.is_none() {
        return Err(Error::invalid("id", "This item's consent still counts: there is nothing to review."));
    }
    let reason = reason_of(reason, "Say why it is kept now that its consent no longer counts.")?;
    let today = vault.today();
    vault.write(|tx| {
        store::insert_event(tx, id, MediaState::KeptAfterReview, today, &reason, &tx.now_utc())?;
        tx.record(Action::MediaKeptAfterReview, Record::new("media", id))
    })?;
    show(vault, id)
}

/// Destroys an item for good: its stored file (every chunk) is deleted in the audited
/// change; the item stays as a tombstone (kind, date, reason), so the history says what
/// was there without the data. Recorded as `media.destroyed`.
pub fn destroy(vault: &mut Vault, id: i64, reason: &str) -> Result<Media> {
    let item = show(vault, id)?;
    if item.state == MediaState::Destroyed {
        return Err(destroyed(&item));
    }
    let reason = reason_of(reason, "Say why it is destroyed (for example: consent withdrawn).")?;
    let blob = store::blob_of(vault.conn(), id)?;
    let today = vault.today();
    vault.write(|tx| {
        blobs::destroy(tx, blob)?;
        store::insert_event(tx, id, MediaState::Destroyed, today, &reason, &tx.now_utc())?;
        tx.record(Action::MediaDestroyed, Record::new("media", id))
    })?;
    show(vault, id)
}

fn reason_of(typed: &str, missing: &str) -> Result<String> {
    let reason = crate::text::typed("reason", "reason", typed, false)?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", missing));
    }
    Ok(reason)
}
