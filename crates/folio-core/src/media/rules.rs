//! The pure rules of photos and recordings: which files each kind takes, and which consent
//! each needs.
//!
//! - A recording needs the client's current consent for recording, in writing (seed 004
//!   §10: "Sessions must not be recorded unless explicit written consent has been obtained
//!   and this is part of an agreed therapeutic plan"; seed 000 lists audio-visual recordings
//!   among the data kept). The consent ledger already refuses a recording consent without
//!   its plan, and the practice must record sessions at all (seed 001 does not).
//! - A photo of artwork needs the client's current consent for photos of artwork. The seeds
//!   ask for that consent separately and recorded with when and how it was given (seed 001),
//!   but name writing only for therapy itself and for recordings, so a verbal consent on
//!   the ledger counts. A young person's own consent counts when the ledger has their
//!   competence judgement (seed 001: Gillick), so neither asks for a parent's.

use super::MediaKind;
use crate::consents::{Need, Purpose};
use crate::Error;

/// The consent a kind of media needs.
pub fn need(kind: MediaKind) -> Need {
    match kind {
        MediaKind::Photo => Need { purpose: Purpose::ArtworkPhotos, written: false, from_parent: false },
        MediaKind::Audio | MediaKind::Video => Need { purpose: Purpose::Recording, written: true, from_parent: false },
    }
}

/// What the gate's refusal says was refused.
pub fn action(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Photo => "A photo of artwork",
        MediaKind::Audio => "An audio recording of a session",
        MediaKind::Video => "A video recording of a session",
    }
}

const PHOTO_TYPES: &[&str] = &["image/jpeg", "image/png", "image/webp"];
const AUDIO_TYPES: &[&str] = &["audio/mpeg", "audio/mp4", "audio/wav", "audio/ogg"];
const VIDEO_TYPES: &[&str] = &["video/mp4", "video/webm", "video/quicktime"];

/// The media type of a file for `kind`, by its extension, or a refusal naming the field
/// (`file` for a type Folio does not keep, `kind` for a file of another kind).
pub fn media_type(kind: MediaKind, file_name: &str) -> crate::Result<&'static str> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if matches!(ext.as_str(), "heic" | "heif" | "gif" | "tif" | "tiff" | "bmp") {
        return Err(Error::invalid(
            "file",
            "Folio keeps photos as JPEG, PNG or WebP (so that their location and device details can be taken out). Export the photo as JPEG or PNG and add that.",
        ));
    }
    let unknown = || {
        Error::invalid(
            "file",
            "Folio keeps photos as JPEG, PNG or WebP, audio as MP3, M4A, WAV or OGG, and video as MP4, WebM or MOV. Choose a file of one of these types.",
        )
    };
    let media_type = crate::blobs::media_type_for(file_name).map_err(|_| unknown())?;
    let found = if PHOTO_TYPES.contains(&media_type) {
        MediaKind::Photo
    } else if AUDIO_TYPES.contains(&media_type) {
        MediaKind::Audio
    } else if VIDEO_TYPES.contains(&media_type) {
        MediaKind::Video
    } else {
        return Err(unknown());
    };
    if found != kind {
        return Err(Error::invalid(
            "kind",
            format!("The file is {}, not {}. Choose the kind that matches the file.", a_kind(found), a_kind(kind)),
        ));
    }
    Ok(media_type)
}

fn a_kind(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Photo => "a photo",
        MediaKind::Audio => "an audio recording",
        MediaKind::Video => "a video recording",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: MediaKind, name: &str) -> Option<&'static str> {
        media_type(kind, name).err().and_then(|e| e.field())
    }

    #[test]
    fn each_kind_takes_its_own_files_and_names_the_field_otherwise() {
        assert_eq!(media_type(MediaKind::Photo, "tide.JPG").ok(), Some("image/jpeg"));
        assert_eq!(media_type(MediaKind::Photo, "tide.webp").ok(), Some("image/webp"));
        assert_eq!(media_type(MediaKind::Audio, "session.wav").ok(), Some("audio/wav"));
        assert_eq!(media_type(MediaKind::Video, "session.mov").ok(), Some("video/quicktime"));
        assert_eq!(field(MediaKind::Photo, "session.wav"), Some("kind"));
        assert_eq!(field(MediaKind::Audio, "session.mp4"), Some("kind"));
        assert_eq!(field(MediaKind::Photo, "scan.pdf"), Some("file"));
        assert_eq!(field(MediaKind::Photo, "noextension"), Some("file"));
        let heic = media_type(MediaKind::Photo, "IMG_0001.HEIC").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(heic.contains("Export the photo as JPEG or PNG"), "{heic}");
        assert!(!heic.contains("IMG_0001"), "never the file's name");
    }

    #[test]
    fn a_recording_needs_written_consent_and_a_photo_a_recorded_one() {
        assert_eq!(need(MediaKind::Audio), Need { purpose: Purpose::Recording, written: true, from_parent: false });
        assert_eq!(need(MediaKind::Video).purpose, Purpose::Recording);
        assert_eq!(
            need(MediaKind::Photo),
            Need { purpose: Purpose::ArtworkPhotos, written: false, from_parent: false }
        );
    }
}
