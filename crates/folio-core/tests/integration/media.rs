//! Photos of artwork and recordings of sessions: the consent gate (none, withdrawn,
//! expired; a recording in writing, with recording turned on), metadata taken out of
//! photos, links to the client's own artwork and sessions, the review when a consent lapses,
//! and destruction that leaves no chunk behind.

use folio_core::artwork::{self, ArtworkForm};
use folio_core::blobs;
use folio_core::consents::{self, ConsentForm};
use folio_core::media::{self, Media, MediaForm, MediaKind, MediaState};
use folio_core::sessions::{self, settings, SessionForm};
use folio_core::{clients, Result, Vault};
use img_parts::jpeg::Jpeg;
use img_parts::png::{Png, PngChunk};

use crate::{create, message, referral, sql, tempdir};

/// An adult in therapy since 15/09/2026 (referred `referred`), with a session on 22/09/2026.
fn ida(vault: &mut Vault, referred: &str) -> Result<String> {
    let code = clients::add_referral(vault, referral("Ida", "Noor", "01/01/1990", referred))?.code;
    clients::change_state(vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2026", "")?;
    sessions::add(
        vault,
        &code,
        SessionForm { on: "22/09/2026".into(), outcome: "attended".into(), ..SessionForm::default() },
    )?;
    Ok(code)
}

fn consent(vault: &mut Vault, code: &str, purpose: &str, how: &str, on: &str) -> Result<i64> {
    let form = ConsentForm {
        purpose: purpose.into(),
        given_by: "client".into(),
        how: how.into(),
        on: on.into(),
        plan: "Listening back to improvisations, agreed at review".into(),
        ..ConsentForm::default()
    };
    Ok(consents::add(vault, code, form, None)?.id)
}

fn form(kind: &str) -> MediaForm {
    MediaForm { kind: kind.into(), ..MediaForm::default() }
}

fn add(vault: &mut Vault, code: &str, form: MediaForm, name: &str, bytes: &[u8]) -> Result<Media> {
    media::add_stream(vault, code, form, name, &mut &bytes[..])
}

fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&((contents.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(contents);
    out
}

/// A JPEG as a phone writes it: EXIF with a GPS position and the phone's make, XMP, then
/// the picture's tables, frame and scan.
fn phone_jpeg() -> Vec<u8> {
    let mut photo = vec![0xFF, 0xD8];
    photo.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    photo.extend(segment(0xE1, b"Exif\0\0MM\0*GPSLatitude 52.2053 N GPSLongitude 0.1218 E Make PhoneCo"));
    photo.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude/></x:xmpmeta>"));
    photo.extend(segment(0xDB, &[0u8; 65]));
    photo.extend(segment(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
    photo.extend(segment(0xC4, &[0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]));
    photo.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
    photo.extend([0x2A, 0x9F, 0xFF, 0xD9]);
    photo
}

/// A PNG with its text chunks: a tEXt with the software and an iTXt holding XMP.
fn texted_png() -> Vec<u8> {
    let mut png =
        Png::from_bytes(folio_core::demo::square_png([200, 80, 40], 16).into()).unwrap_or_else(|e| panic!("{e}"));
    png.chunks_mut().insert(1, PngChunk::new(*b"tEXt", b"Software\0PhoneCo Camera 12".to_vec().into()));
    let xmp = b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><exif:GPSLatitude>52.2053</exif:GPSLatitude></x:xmpmeta>";
    png.chunks_mut().insert(1, PngChunk::new(*b"iTXt", xmp.to_vec().into()));
    png.chunks_mut().insert(1, PngChunk::new(*b"eXIf", b"MM\0*GPSLatitude".to_vec().into()));
    png.encoder().bytes().to_vec()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn exported(vault: &mut Vault, id: i64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    media::export(vault, id, &mut out)?;
    Ok(out)
}

#[test]
fn a_photo_needs_a_current_consent_for_photos_none_withdrawn_or_expired_and_says_which() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = ida(&mut vault, "01/09/2026")?;
    let png = folio_core::demo::square_png([1, 2, 3], 4);

    let none = message(add(&mut vault, &code, form("photo"), "tide.png", &png));
    assert!(none.starts_with("A photo of artwork needs a current consent for photos of artwork."), "{none}");
    assert!(none.contains("There is none on the client's record"), "{none}");
    assert!(media::list(&vault, None)?.is_empty(), "nothing kept");

    let allowed = consent(&mut vault, &code, "artwork-photos", "verbal", "01/10/2026")?;
    let photo =
        add(&mut vault, &code, MediaForm { caption: "IN's tide picture".into(), ..form("photo") }, "tide.png", &png)?;
    assert_eq!((photo.kind, photo.consent, photo.state), (MediaKind::Photo, allowed, MediaState::Kept));
    assert_eq!(
        (photo.client.as_str(), photo.caption.as_str(), photo.review.as_deref()),
        (code.as_str(), "IN's tide picture", None)
    );
    assert_eq!(photo.added_on, crate::day(crate::TODAY));
    assert_eq!(media::needing_review(&vault)?, Vec::<Media>::new());

    // Withdrawn: no more photos, and the one taken is listed for review.
    consents::withdraw(&mut vault, allowed, "20/11/2026", "the client")?;
    let withdrawn = message(add(&mut vault, &code, form("photo"), "bowl.png", &png));
    assert!(withdrawn.contains("The consent of 01/10/2026 was withdrawn on 20/11/2026"), "{withdrawn}");
    let review = media::needing_review(&vault)?;
    assert_eq!(review.iter().map(|m| m.id).collect::<Vec<_>>(), [photo.id]);
    let why = review[0].review.clone().unwrap_or_default();
    assert!(why.contains("photos of artwork of 01/10/2026 was withdrawn on 20/11/2026"), "{why}");

    // Kept with a reason: off the list, the reason and date kept.
    assert_eq!(
        message(media::keep_after_review(&mut vault, photo.id, " ")),
        "Say why it is kept now that its consent no longer counts."
    );
    let kept =
        media::keep_after_review(&mut vault, photo.id, "Part of the end-of-therapy review the client asked for")?;
    assert_eq!(kept.state, MediaState::KeptAfterReview);
    assert_eq!(kept.kept_reason.as_deref(), Some("Part of the end-of-therapy review the client asked for"));
    assert_eq!(kept.kept_on, Some(crate::day(crate::TODAY)));
    assert!(media::needing_review(&vault)?.is_empty(), "the review is done");
    Ok(())
}

#[test]
fn an_expired_consent_for_photos_refuses_a_new_photo_and_lists_the_old_for_review() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = ida(&mut vault, "01/09/2024")?;
    let png = folio_core::demo::square_png([1, 2, 3], 4);
    // Refreshed every two years (seed 001): given 01/10/2024, it expired on 01/10/2026.
    let old = consent(&mut vault, &code, "artwork-photos", "written", "01/10/2024")?;
    let expired = message(add(&mut vault, &code, form("photo"), "tide.png", &png));
    assert!(expired.starts_with("A photo of artwork needs a current consent for photos of artwork."), "{expired}");
    assert!(expired.contains("The consent of 01/10/2024 expired on 01/10/2026"), "{expired}");

    // A photo taken while it counted is to be reviewed now.
    vault.set_clock(folio_core::Clock::on(crate::day("01/06/2026")));
    let photo = add(&mut vault, &code, form("photo"), "tide.png", &png)?;
    assert_eq!(photo.consent, old);
    vault.set_clock(folio_core::Clock::on(crate::day(crate::TODAY)));
    let review = media::needing_review(&vault)?;
    let why = review.first().and_then(|m| m.review.clone()).unwrap_or_default();
    assert!(why.contains("of 01/10/2024 expired on 01/10/2026"), "{why}");

    // A refresh counts again: nothing to review.
    consent(&mut vault, &code, "artwork-photos", "written", "10/11/2026")?;
    assert!(media::needing_review(&vault)?.is_empty());
    Ok(())
}

#[test]
fn a_recording_needs_written_consent_and_recording_turned_on() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = ida(&mut vault, "01/09/2026")?;
    let wav = b"RIFF....WAVEfmt some audio".to_vec();
    let none = message(add(&mut vault, &code, form("audio"), "session.wav", &wav));
    assert!(
        none.starts_with(
            "An audio recording of a session needs a current written consent for audio or video recording"
        ),
        "{none}"
    );
    consent(&mut vault, &code, "recording", "verbal", "01/10/2026")?;
    let verbal = message(add(&mut vault, &code, form("video"), "session.mp4", &wav));
    assert!(verbal.contains("was verbal, and this needs it in writing"), "{verbal}");
    let written = consent(&mut vault, &code, "recording", "written", "02/10/2026")?;
    let recording = add(&mut vault, &code, MediaForm { session: Some(1), ..form("audio") }, "session.wav", &wav)?;
    assert_eq!((recording.kind, recording.consent, recording.session), (MediaKind::Audio, written, Some(1)));
    assert_eq!((recording.media_type.as_str(), recording.size), ("audio/wav", wav.len() as i64));
    assert_eq!(exported(&mut vault, recording.id)?, wav, "streamed back as it came");

    settings::set_records_sessions(&mut vault, "no")?;
    let off = message(add(&mut vault, &code, form("audio"), "session.wav", &wav));
    assert!(off.starts_with("Recording sessions is turned off in Settings"), "{off}");
    Ok(())
}

#[test]
fn a_photo_loses_its_location_and_device_metadata_and_still_reads_as_its_picture() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = ida(&mut vault, "01/09/2026")?;
    consent(&mut vault, &code, "artwork-photos", "written", "01/10/2026")?;
    let jpeg = phone_jpeg();
    let png = texted_png();
    for marker in [&b"GPSLatitude"[..], b"PhoneCo", b"xmpmeta"] {
        assert!(contains(&jpeg, marker) && contains(&png, marker), "the test's photos carry the metadata");
    }

    let from_jpeg = add(&mut vault, &code, form("photo"), "tide.jpg", &jpeg)?;
    let from_png = add(&mut vault, &code, form("photo"), "bowl.PNG", &png)?;
    // The app's way: the file sent in pieces first, then added.
    let upload = blobs::upload_from_reader(&mut vault, "mask.jpg", &mut jpeg.as_slice(), &mut |_| {})?;
    let uploaded = media::add_uploaded(&mut vault, &code, form("photo"), upload.upload_id)?;

    for item in [&from_jpeg, &from_png, &uploaded] {
        let out = exported(&mut vault, item.id)?;
        let (media_type, shown) = media::photo_bytes(&vault, item.id)?;
        assert_eq!(shown.as_slice(), out.as_slice(), "shown and exported alike");
        assert_eq!(item.size, out.len() as i64, "the stripped copy is what is kept");
        for marker in [&b"GPS"[..], b"PhoneCo", b"xmpmeta", b"Exif", b"adobe"] {
            assert!(!contains(&out, marker), "{} still in {}", String::from_utf8_lossy(marker), item.file_name);
        }
        match media_type.as_str() {
            "image/jpeg" => {
                let parsed = Jpeg::from_bytes(out.into()).unwrap_or_else(|e| panic!("{e}"));
                assert!(parsed.segments().iter().any(|s| s.marker() == 0xDA), "the scan is kept");
            }
            _ => {
                let parsed = Png::from_bytes(out.into()).unwrap_or_else(|e| panic!("{e}"));
                let kinds: Vec<[u8; 4]> = parsed.chunks().iter().map(|c| c.kind()).collect();
                assert_eq!(kinds, [*b"IHDR", *b"IDAT", *b"IEND"], "the picture, nothing else");
            }
        }
    }
    assert_eq!(count(&vault, "SELECT count(*) FROM blobs WHERE pending = 1")?, 0, "the upload is not left waiting");
    assert_eq!(
        count(&vault, "SELECT count(*) FROM blobs")?,
        count(&vault, "SELECT count(*) FROM media")?,
        "the upload with its metadata is gone; only the stripped copies are kept"
    );

    // A file that is not the picture it claims: refused, nothing stored.
    let blobs_before = count(&vault, "SELECT count(*) FROM blobs")?;
    let fake = add(&mut vault, &code, form("photo"), "fake.jpg", b"GIF89a not a jpeg at all").err();
    assert_eq!(fake.as_ref().and_then(|e| e.field()), Some("file"));
    assert!(fake.map(|e| e.to_string()).unwrap_or_default().starts_with("The photo is not a readable JPEG picture."));
    let heic = add(&mut vault, &code, form("photo"), "IMG_0001.heic", b"....ftypheic").err();
    assert_eq!(heic.as_ref().and_then(|e| e.field()), Some("file"));
    let wrong_kind = add(&mut vault, &code, form("audio"), "tide.jpg", &jpeg).err();
    assert_eq!(wrong_kind.as_ref().and_then(|e| e.field()), Some("kind"));
    assert_eq!(count(&vault, "SELECT count(*) FROM blobs")?, blobs_before, "nothing stored");
    Ok(())
}

fn count(vault: &Vault, query: &str) -> Result<i64> {
    vault.connection_for_tests().query_row(query, [], |r| r.get(0)).map_err(sql)
}

#[test]
fn a_photo_links_to_the_clients_own_artwork_and_a_recording_to_their_own_session() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = ida(&mut vault, "01/09/2026")?;
    let other = ida(&mut vault, "02/09/2026")?;
    consent(&mut vault, &code, "artwork-photos", "written", "01/10/2026")?;
    let piece = ArtworkForm { description: "Tide picture".into(), session: Some(1), ..ArtworkForm::default() };
    let mine = artwork::add(&mut vault, &code, piece.clone())?.reference;
    let theirs = artwork::add(&mut vault, &other, ArtworkForm { session: Some(2), ..piece })?.reference;
    let png = folio_core::demo::square_png([1, 2, 3], 4);
    let linked =
        add(&mut vault, &code, MediaForm { artwork: Some(mine.to_lowercase()), ..form("photo") }, "t.png", &png)?;
    assert_eq!(linked.artwork.as_deref(), Some(mine.as_str()));
    let refused = add(&mut vault, &code, MediaForm { artwork: Some(theirs), ..form("photo") }, "t.png", &png).err();
    assert_eq!(refused.and_then(|e| e.field()), Some("artwork"));
    let session = add(&mut vault, &code, MediaForm { session: Some(2), ..form("photo") }, "t.png", &png).err();
    assert_eq!(session.and_then(|e| e.field()), Some("session"), "session 2 is the other client's");
    let recording_to_art =
        add(&mut vault, &code, MediaForm { artwork: Some(mine), ..form("audio") }, "s.wav", b"RIFF").err();
    assert_eq!(recording_to_art.and_then(|e| e.field()), Some("artwork"));
    Ok(())
}

#[test]
fn a_destroyed_recording_leaves_no_chunk_behind_and_its_tombstone_says_what_was_there() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = ida(&mut vault, "01/09/2026")?;
    consent(&mut vault, &code, "recording", "written", "01/10/2026")?;
    let audio: Vec<u8> = (0..blobs::CHUNK_SIZE * 3 + 17).map(|i| (i % 253) as u8).collect();
    let kept = add(&mut vault, &code, form("audio"), "session.ogg", &audio)?;
    let blob: i64 = vault
        .connection_for_tests()
        .query_row("SELECT blob_id FROM media WHERE id = ?1", [kept.id], |r| r.get(0))
        .map_err(sql)?;
    assert_eq!(count(&vault, &format!("SELECT count(*) FROM blob_chunks WHERE blob_id = {blob}"))?, 4);

    assert_eq!(
        message(media::destroy(&mut vault, kept.id, "")),
        "Say why it is destroyed (for example: consent withdrawn)."
    );
    let gone = media::destroy(&mut vault, kept.id, "Consent withdrawn; the client asked")?;
    assert_eq!(gone.state, MediaState::Destroyed);
    assert_eq!(
        (gone.destroyed_on, gone.destroyed_reason.as_deref()),
        (Some(crate::day(crate::TODAY)), Some("Consent withdrawn; the client asked"))
    );
    assert_eq!((gone.kind, gone.size, gone.file_name.as_str()), (MediaKind::Audio, audio.len() as i64, "session.ogg"));
    assert_eq!(
        count(&vault, &format!("SELECT count(*) FROM blob_chunks WHERE blob_id = {blob}"))?,
        0,
        "every chunk deleted"
    );
    assert_eq!(count(&vault, &format!("SELECT count(*) FROM blobs WHERE id = {blob}"))?, 0);
    let again = message(exported(&mut vault, kept.id));
    assert_eq!(again, "This recording was destroyed on 22/11/2026; only its history is kept.");
    assert!(media::needing_review(&vault)?.is_empty(), "a destroyed item is never reviewed");
    let actions: Vec<String> = vault
        .connection_for_tests()
        .prepare("SELECT action FROM audit_log WHERE record_type = 'media' ORDER BY seq")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sql)?;
    assert_eq!(actions, ["media.added", "media.destroyed"].map(String::from).to_vec());
    Ok(())
}

#[test]
fn a_mangled_photo_is_stripped_or_refused_naming_the_file_and_never_panics() {
    use folio_core::media::strip::{strip, Format};
    use zeroize::Zeroizing;
    let photos = [(Format::Jpeg, phone_jpeg()), (Format::Png, texted_png())];
    let mut seed: u64 = 0x5eed_f011;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let (mut kept, mut refused) = (0, 0);
    for (format, photo) in &photos {
        for _ in 0..2_000 {
            let mut bytes = photo.clone();
            for _ in 0..1 + next() % 4 {
                let at = next() % bytes.len();
                bytes[at] = next() as u8;
            }
            bytes.truncate(bytes.len() - next() % 8);
            match strip(*format, Zeroizing::new(bytes)) {
                Ok(_) => kept += 1,
                Err(e) => {
                    refused += 1;
                    assert_eq!(e.field(), Some("file"), "{e}");
                }
            }
        }
    }
    println!("hostile-input  media-strip  cases=4000  kept={kept}  refused={refused}  panics=0");
}
