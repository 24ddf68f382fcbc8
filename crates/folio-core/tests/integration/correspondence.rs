use std::io::Read;

use chrono::NaiveDate;
use folio_core::practice::clients;
use folio_core::practice::correspondence::{self, Attachment, NewEntry};
use folio_core::practice::referral::ReferralForm;
use folio_core::{Error, Vault};

use crate::{create, pw, PASSWORD};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn call() -> NewEntry {
    NewEntry {
        on: today(),
        kind: "phone call".into(),
        direction: "in".into(),
        counterpart: "parent".into(),
        counterpart_name: "Mother".into(),
        summary: "Asked to move Thursday's session".into(),
    }
}

fn with_client(dir: &std::path::Path) -> folio_core::Result<Vault> {
    let mut vault = create(dir);
    let form = ReferralForm {
        given_name: "Ada".into(),
        family_name: "Lovelace".into(),
        date_of_birth: "10/12/2015".into(),
        referral_date: "01/09/2026".into(),
        ..ReferralForm::default()
    };
    clients::add_referral(&mut vault, form, today())?;
    Ok(vault)
}

/// A reader that yields `total` bytes of a pattern without holding them.
struct Pattern {
    left: usize,
    pos: usize,
}

impl Read for Pattern {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.left);
        for b in buf[..n].iter_mut() {
            *b = (self.pos % 251) as u8;
            self.pos += 1;
        }
        self.left -= n;
        Ok(n)
    }
}

/// A reader that fails part-way, like a USB stick pulled out.
struct Pulled {
    given: usize,
}

impl Read for Pulled {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.given > 300 * 1024 {
            return Err(std::io::Error::other("device removed"));
        }
        let n = buf.len().min(64 * 1024);
        self.given += n;
        Ok(n)
    }
}

#[test]
fn a_phone_call_with_a_multi_chunk_attachment_round_trips_exactly() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = with_client(&tmp.path().join("v"))?;
    let size = 700 * 1024 + 17; // three chunks
    let mut reader = Pattern { left: size, pos: 0 };
    let entry = correspondence::add(
        &mut vault,
        "AL-0001",
        call(),
        vec![Attachment::Stream { file_name: "call-notes.pdf".into(), reader: &mut reader }],
        today(),
    )?;
    assert_eq!(entry.kind, "phone_call");
    assert_eq!(entry.attachments.len(), 1);
    assert_eq!(entry.attachments[0].size, size as i64);
    assert_eq!(entry.attachments[0].media_type, "application/pdf");
    vault.lock()?;
    let mut vault = Vault::unlock(&tmp.path().join("v"), &pw(PASSWORD))?;
    let mut out = Vec::new();
    correspondence::export_attachment(&mut vault, entry.attachments[0].id, &mut out)?;
    let mut expected = Vec::new();
    Pattern { left: size, pos: 0 }.read_to_end(&mut expected).map_err(|e| Error::Internal(e.to_string()))?;
    assert!(out == expected, "the attachment comes back byte for byte");
    assert_eq!(correspondence::list(vault.connection(), "AL-0001")?.len(), 1);
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn a_pulled_drive_or_wrong_type_saves_nothing_and_says_why() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = with_client(&tmp.path().join("v"))?;
    let mut pulled = Pulled { given: 0 };
    let err = correspondence::add(
        &mut vault,
        "AL-0001",
        call(),
        vec![Attachment::Stream { file_name: "scan.png".into(), reader: &mut pulled }],
        today(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(err.contains("nothing was saved"), "{err}");
    let mut bytes: &[u8] = b"MZ";
    let wrong = correspondence::add(
        &mut vault,
        "AL-0001",
        call(),
        vec![Attachment::Stream { file_name: "setup.exe".into(), reader: &mut bytes }],
        today(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(wrong.contains("images, PDFs, audio and documents"), "{wrong}");
    assert!(correspondence::list(vault.connection(), "AL-0001")?.is_empty(), "all or nothing");
    let blobs: i64 = vault.connection().query_row("SELECT count(*) FROM blob_chunks", [], |r| r.get(0)).unwrap_or(-1);
    assert_eq!(blobs, 0);
    let empty =
        correspondence::add(&mut vault, "AL-0001", NewEntry { summary: " ".into(), ..call() }, vec![], today()).err();
    assert_eq!(empty.and_then(|e| e.field()), Some("summary"));
    Ok(())
}

#[test]
fn uploads_in_pieces_are_kept_only_when_attached() -> folio_core::Result<()> {
    use folio_core::blobs;
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = with_client(&tmp.path().join("v"))?;
    let upload = blobs::begin_upload(vault.connection(), "drawing.png")?;
    blobs::append_upload(vault.connection(), upload, &[1u8; 1000])?;
    blobs::append_upload(vault.connection(), upload, &[2u8; 500])?;
    assert!(blobs::append_upload(vault.connection(), upload, &vec![0u8; blobs::CHUNK_SIZE + 1]).is_err());
    let abandoned = blobs::begin_upload(vault.connection(), "half.png")?;
    blobs::append_upload(vault.connection(), abandoned, &[3u8; 10])?;
    let entry = correspondence::add(&mut vault, "AL-0001", call(), vec![Attachment::Uploaded(upload)], today())?;
    assert_eq!(entry.attachments[0].size, 1500);
    assert_eq!(entry.attachments[0].file_name, "drawing.png");
    let reuse = correspondence::add(&mut vault, "AL-0001", call(), vec![Attachment::Uploaded(upload)], today()).err();
    assert!(reuse.map(|e| e.to_string()).unwrap_or_default().contains("no longer open"));
    vault.lock()?;
    let vault = Vault::unlock(&tmp.path().join("v"), &pw(PASSWORD))?;
    let left: i64 = vault.connection().query_row("SELECT count(*) FROM blobs", [], |r| r.get(0)).unwrap_or(-1);
    assert_eq!(left, 1, "the abandoned upload is gone, the attached one stays");
    let mut out = Vec::new();
    blobs::read_into(vault.connection(), upload, &mut out)?;
    assert_eq!(out.len(), 1500);
    Ok(())
}
