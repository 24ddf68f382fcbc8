//! `folio media`: photos refused without the consent and added with it (the id printed
//! alone, the reminder on standard error), the export's round trip (the stripped bytes,
//! never overwriting, the warning), the list's JSON keys, review, keep and destroy.

use super::*;

/// Ida, an adult in therapy since 15/09/2026, with a session (id 1) on 22/09/2026.
fn vault_with_adult(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let vault = tmp.path().join("vault");
    init(&vault);
    ok(
        &vault,
        &[
            "client",
            "add",
            "--given",
            "Ida",
            "--family",
            "Noor",
            "--dob",
            "01/01/1990",
            "--referral-date",
            "01/09/2026",
        ],
    );
    ok(&vault, &["client", "state", "IN-0001", "assessment", "--on", "08/09/2026"]);
    ok(&vault, &["client", "state", "IN-0001", "in-therapy", "--on", "15/09/2026"]);
    ok(&vault, &["session", "add", "IN-0001", "--on", "22/09/2026", "--outcome", "attended"]);
    vault
}

fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&((contents.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(contents);
    out
}

/// A JPEG with EXIF (a GPS position) and XMP before its picture.
fn phone_jpeg() -> Vec<u8> {
    let mut photo = vec![0xFF, 0xD8];
    photo.extend(segment(0xE1, b"Exif\0\0MM\0*GPSLatitude 52.2053 N Make PhoneCo"));
    photo.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
    photo.extend(segment(0xDB, &[0u8; 65]));
    photo.extend(segment(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
    photo.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
    photo.extend([0x2A, 0x9F, 0xFF, 0xD9]);
    photo
}

fn has(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_photo_is_refused_without_consent_then_added_exported_stripped_and_listed() {
    let tmp = tempdir();
    let vault = vault_with_adult(&tmp);
    let photo = tmp.path().join("tide.jpg");
    std::fs::write(&photo, phone_jpeg()).unwrap_or_else(|e| panic!("{e}"));
    let path = photo.to_string_lossy().into_owned();
    let add = ["media", "add", "IN-0001", &path, "--kind", "photo", "--artwork", "", "--caption", "IN's tide picture"];

    let refused = run(&vault, &add);
    assert_eq!(code(&refused), 1, "no consent for photos");
    let message = text(&refused.stderr);
    assert!(message.contains("Photos of artwork") || message.contains("photos of artwork"), "{message}");
    assert!(message.contains("folio consent add CODE --purpose artwork-photos"), "says how to record it: {message}");
    assert!(!message.contains("tide.jpg"), "never the file's name: {message}");

    let consent = ["consent", "add", "IN-0001", "--purpose", "artwork-photos", "--given-by", "client", "--how"];
    ok(&vault, &[&consent[..], &["written", "--on", "01/10/2026"]].concat());
    let added = run(&vault, &add);
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    assert_eq!(text(&added.stdout).trim(), "1", "add prints the id alone");
    assert!(text(&added.stderr).contains("never a person"), "the reminder: {}", text(&added.stderr));

    let copy = tmp.path().join("copy.jpg");
    let out = copy.to_string_lossy().into_owned();
    let exported = run(&vault, &["media", "export", "1", "--out", &out]);
    assert_eq!(code(&exported), 0, "{}", text(&exported.stderr));
    assert!(text(&exported.stderr).contains("not encrypted"), "{}", text(&exported.stderr));
    let bytes = std::fs::read(&copy).unwrap_or_else(|e| panic!("{e}"));
    for gone in [&b"GPS"[..], b"PhoneCo", b"xmpmeta", b"Exif"] {
        assert!(!has(&bytes, gone), "{} is still in the copy", String::from_utf8_lossy(gone));
    }
    assert!(bytes.starts_with(&[0xFF, 0xD8]) && bytes.ends_with(&[0xFF, 0xD9]), "still a JPEG");
    let again = run(&vault, &["media", "export", "1", "--out", &out]);
    assert_eq!(code(&again), 1, "never overwrites");
    assert!(text(&again.stderr).contains("--out"), "{}", text(&again.stderr));

    let listed = json(&run(&vault, &["--json", "media", "list", "--client", "IN-0001"]));
    let first = &listed[0];
    for key in [
        "id",
        "client",
        "kind",
        "fileName",
        "mediaType",
        "size",
        "addedOn",
        "artwork",
        "session",
        "caption",
        "consent",
        "state",
        "review",
    ] {
        assert!(first.get(key).is_some(), "media JSON has {key}: {first}");
    }
    assert_eq!((first["kind"].as_str(), first["state"].as_str()), (Some("photo"), Some("kept")));
    assert_eq!(first["size"].as_u64(), Some(bytes.len() as u64), "what is kept is the stripped copy");
    assert!(first["review"].is_null());

    // A recording with the wrong kind for its file names the field.
    let wrong = run(&vault, &["--json", "media", "add", "IN-0001", &path, "--kind", "audio"]);
    assert_eq!(code(&wrong), 1);
    assert!(text(&wrong.stderr).contains("kind"), "{}", text(&wrong.stderr));
}

#[test]
fn a_withdrawn_consent_lists_the_photo_for_review_then_keep_or_destroy_with_yes() {
    let tmp = tempdir();
    let vault = vault_with_adult(&tmp);
    let consent = ["consent", "add", "IN-0001", "--purpose", "artwork-photos", "--given-by", "client", "--how"];
    ok(&vault, &[&consent[..], &["verbal", "--on", "01/10/2026"]].concat());
    let photo = tmp.path().join("bowl.png");
    std::fs::write(&photo, folio_core::demo::square_png([9, 9, 9], 4)).unwrap_or_else(|e| panic!("{e}"));
    let path = photo.to_string_lossy().into_owned();
    assert_eq!(ok(&vault, &["media", "add", "IN-0001", &path, "--kind", "photo"]).trim(), "1");
    assert_eq!(ok(&vault, &["media", "add", "IN-0001", &path, "--kind", "photo"]).trim(), "2");
    assert!(ok(&vault, &["media", "review"]).contains("Nothing to review"));

    ok(&vault, &["consent", "withdraw", "1", "--by", "the client", "--on", "01/11/2026"]);
    let review = json(&run(&vault, &["--json", "media", "review"]));
    assert_eq!(review.as_array().map(Vec::len), Some(2), "{review}");
    assert!(review[0]["review"].as_str().unwrap_or_default().contains("withdrawn on 01/11/2026"), "{review}");

    ok(&vault, &["media", "keep", "1", "--reason", "The client asked to keep it for the end-of-therapy review"]);
    let unconfirmed = run(&vault, &["media", "destroy", "2", "--reason", "Consent withdrawn"]);
    assert_eq!(code(&unconfirmed), 1, "destroying asks for --yes");
    assert!(text(&unconfirmed.stderr).contains("--yes"), "{}", text(&unconfirmed.stderr));
    ok(&vault, &["media", "destroy", "2", "--reason", "Consent withdrawn", "--yes"]);
    assert!(ok(&vault, &["media", "review"]).contains("Nothing to review"));
    let shown = json(&run(&vault, &["--json", "media", "show", "2"]));
    assert_eq!(shown["state"].as_str(), Some("destroyed"));
    let gone = run(&vault, &["media", "export", "2", "--out", &tmp.path().join("x.png").to_string_lossy()]);
    assert_eq!(code(&gone), 1);
    assert!(!tmp.path().join("x.png").exists(), "no half-written copy left behind");
}
