use std::io::Read;

use folio_core::clients;
use folio_core::correspondence::{self, Attachment, CorrespondenceForm, Kind};
use folio_core::{blobs, Result, Vault};

use crate::{create, message, referral, unlock, TODAY};

fn call() -> CorrespondenceForm {
    CorrespondenceForm {
        on: TODAY.into(),
        kind: "phone call".into(),
        direction: "in".into(),
        counterpart: "parent".into(),
        counterpart_name: "Mother".into(),
        summary: "Asked to move Thursday's session".into(),
        ..CorrespondenceForm::default()
    }
}

fn with_client(dir: &std::path::Path) -> Result<Vault> {
    let mut vault = create(dir);
    clients::add_referral(&mut vault, referral("Ada", "Lovelace", "10/12/2015", "01/09/2026"))?;
    Ok(vault)
}

fn count(vault: &Vault, table: &str) -> i64 {
    let sql = format!("SELECT count(*) FROM {table}");
    vault.connection_for_tests().query_row(&sql, [], |r| r.get(0)).unwrap_or(-1)
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
fn a_phone_call_with_a_multi_chunk_attachment_round_trips_exactly() -> Result<()> {
    let tmp = crate::tempdir();
    let mut vault = with_client(&tmp.path().join("v"))?;
    let size = 700 * 1024 + 17; // three chunks
    let mut reader = Pattern { left: size, pos: 0 };
    let entry = correspondence::add(
        &mut vault,
        "AL-0001",
        call(),
        vec![Attachment::Stream { file_name: "call-notes.pdf".into(), reader: &mut reader }],
        None,
    )?;
    assert_eq!(entry.kind, Kind::PhoneCall);
    assert_eq!(entry.on, crate::day(TODAY));
    let json = serde_json::to_string(&entry).unwrap_or_default();
    assert!(json.contains(r#""kind":"phone-call""#) && json.contains(r#""on":"22/11/2026""#), "{json}");
    assert_eq!(entry.attachments.len(), 1);
    assert_eq!(entry.attachments[0].size, size as i64);
    assert_eq!(entry.attachments[0].media_type, "application/pdf");
    vault.lock()?;
    let mut vault = unlock(&tmp.path().join("v"))?;
    let mut out = Vec::new();
    correspondence::export_attachment(&mut vault, entry.attachments[0].id, &mut out)?;
    let mut expected = Vec::new();
    Pattern { left: size, pos: 0 }
        .read_to_end(&mut expected)
        .map_err(|e| folio_core::Error::Internal(e.to_string()))?;
    assert!(out == expected, "the attachment comes back byte for byte");
    assert_eq!(correspondence::list(&vault, "AL-0001")?.len(), 1);
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn a_pulled_drive_or_wrong_type_saves_nothing_and_says_why() -> Result<()> {
    let tmp = crate::tempdir();
    let mut vault = with_client(&tmp.path().join("v"))?;
    let mut pulled = Pulled { given: 0 };
    let err = message(correspondence::add(
        &mut vault,
        "AL-0001",
        call(),
        vec![Attachment::Stream { file_name: "scan.png".into(), reader: &mut pulled }],
        None,
    ));
    assert!(err.contains("nothing was saved"), "{err}");
    let mut bytes: &[u8] = b"MZ";
    let wrong = message(correspondence::add(
        &mut vault,
        "AL-0001",
        call(),
        vec![Attachment::Stream { file_name: "setup.exe".into(), reader: &mut bytes }],
        None,
    ));
    assert!(wrong.contains("images, PDFs, audio and documents"), "{wrong}");
    assert!(correspondence::list(&vault, "AL-0001")?.is_empty(), "all or nothing");
    assert_eq!((count(&vault, "blobs"), count(&vault, "blob_chunks")), (0, 0));
    let empty =
        correspondence::add(&mut vault, "AL-0001", CorrespondenceForm { summary: " ".into(), ..call() }, vec![], None);
    assert_eq!(empty.err().and_then(|e| e.field()), Some("summary"));
    let tomorrow = correspondence::add(
        &mut vault,
        "AL-0001",
        CorrespondenceForm { on: "23/11/2026".into(), ..call() },
        vec![],
        None,
    );
    assert_eq!(tomorrow.err().and_then(|e| e.field()), Some("on"));
    let unknown =
        correspondence::add(&mut vault, "AL-0001", CorrespondenceForm { kind: "fax".into(), ..call() }, vec![], None);
    assert_eq!(unknown.err().and_then(|e| e.field()), Some("kind"));
    Ok(())
}

#[test]
fn uploads_in_pieces_are_kept_only_when_attached() -> Result<()> {
    let tmp = crate::tempdir();
    let mut vault = with_client(&tmp.path().join("v"))?;
    let upload = blobs::begin_upload(&mut vault, "drawing.png")?;
    blobs::append_upload(&mut vault, upload, &[1u8; 1000])?;
    blobs::append_upload(&mut vault, upload, &[2u8; 500])?;
    assert!(blobs::append_upload(&mut vault, upload, &vec![0u8; blobs::CHUNK_SIZE + 1]).is_err());
    let abandoned = blobs::begin_upload(&mut vault, "half.png")?;
    blobs::append_upload(&mut vault, abandoned, &[3u8; 10])?;
    let entry = correspondence::add(&mut vault, "AL-0001", call(), vec![Attachment::Uploaded(upload)], None)?;
    assert_eq!(entry.attachments[0].size, 1500);
    assert_eq!(entry.attachments[0].file_name, "drawing.png");
    let reuse = message(correspondence::add(&mut vault, "AL-0001", call(), vec![Attachment::Uploaded(upload)], None));
    assert!(reuse.contains("no longer open"), "{reuse}");
    vault.lock()?;
    let vault = unlock(&tmp.path().join("v"))?;
    assert_eq!(count(&vault, "blobs"), 1, "the abandoned upload is gone, the attached one stays");
    let mut out = Vec::new();
    blobs::read_into(&vault, upload, &mut out)?;
    assert_eq!(out.len(), 1500);
    assert!(out[..1000].iter().all(|&b| b == 1) && out[1000..].iter().all(|&b| b == 2), "the pieces in order");
    Ok(())
}
