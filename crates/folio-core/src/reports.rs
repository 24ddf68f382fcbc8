//! Printable reports. The attendance summary is for a school or funder: counts only, no
//! clinical content, the client named by code and initials. The PDF is written with
//! `pdf-writer` (typst's PDF layer) using the standard Helvetica fonts: nothing embedded.

use chrono::NaiveDate;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

use crate::dates::format_uk;
use crate::practice::clients;
use crate::practice::sessions;
use std::path::{Path, PathBuf};

use crate::{Error, Result, Vault};

/// The standard fonts with WinAnsiEncoding cover Latin-1; anything else prints as "?".
fn latin1(text: &str) -> String {
    text.chars().map(|c| if (c as u32) < 0x100 && !c.is_control() { c } else { '?' }).collect()
}

/// Latin-1 text as the single-byte string the standard fonts expect.
fn win_ansi(text: &str) -> Vec<u8> {
    latin1(text).chars().map(|c| c as u32 as u8).collect()
}

const MM: f32 = 72.0 / 25.4;

/// An attendance summary for one client and period, as PDF bytes.
pub fn attendance_pdf(vault: &Vault, code: &str, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<u8>> {
    let conn = vault.connection();
    let client = clients::show(conn, code)?.summary;
    let counts = sessions::attendance(conn, code, from, to)?;
    let practice = vault.practice_name()?;

    let mut lines: Vec<(f32, bool, f32, String)> = vec![
        (22.0, true, 14.0, "Attendance summary".into()),
        (13.0, false, 12.0, practice),
        (12.0, false, 8.0, format!("Client: {} ({})", client.code, client.initials)),
        (12.0, false, 14.0, format!("Period: {} to {}", format_uk(from), format_uk(to))),
    ];
    let rows = [
        ("Sessions attended", counts.attended),
        ("   in person", counts.in_person),
        ("   online", counts.online),
        ("   by phone", counts.phone),
        ("Did not attend", counts.did_not_attend),
        ("Cancelled by the client or family", counts.cancelled_by_client),
        ("Cancelled by the therapist", counts.cancelled_by_therapist),
        ("Still planned in this period", counts.planned),
    ];

    let (catalog, tree, page, regular, bold, stream) =
        (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5), Ref::new(6));
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, 210.0 * MM, 297.0 * MM));
    p.parent(tree);
    p.contents(stream);
    p.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
    drop(p);
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));

    let mut content = Content::new();
    let mut text_at = |x_mm: f32, y_mm: f32, size: f32, heavy: bool, text: &str| {
        content.begin_text();
        content.set_font(Name(if heavy { b"F2" } else { b"F1" }), size);
        content.next_line(x_mm * MM, y_mm * MM);
        content.show(Str(&win_ansi(text)));
        content.end_text();
    };
    let mut y = 270.0;
    for (size, heavy, gap, text) in lines.drain(..) {
        text_at(25.0, y, size, heavy, &text);
        y -= gap;
    }
    for (label, value) in rows {
        text_at(25.0, y, 12.0, false, label);
        text_at(150.0, y, 12.0, true, &value.to_string());
        y -= 8.0;
    }
    y -= 8.0;
    text_at(
        25.0,
        y,
        9.0,
        false,
        &format!("Produced by Folio on {}. Counts only: this summary holds no clinical content.", format_uk(today)),
    );
    pdf.stream(stream, &content.finish());
    Ok(pdf.finish())
}

/// Writes the attendance summary into `folder` (created if needed) under a name that says
/// what it is, never overwriting a file, and records in the audit log that it left the
/// vault. Returns the file's path.
pub fn save_attendance_pdf(
    vault: &mut Vault,
    code: &str,
    from: NaiveDate,
    to: NaiveDate,
    folder: &Path,
    today: NaiveDate,
) -> Result<PathBuf> {
    let bytes = attendance_pdf(vault, code, from, to, today)?;
    let client = crate::practice::clients::show(vault.connection(), code)?.summary;
    std::fs::create_dir_all(folder)
        .map_err(|e| Error::storage(format!("create the folder {}", folder.display()), e))?;
    let stem = format!("Attendance {} {} to {}", client.code, from.format("%d-%m-%Y"), to.format("%d-%m-%Y"));
    let mut path = folder.join(format!("{stem}.pdf"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{stem} ({n}).pdf"));
        n += 1;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::storage(format!("create {}", path.display()), e))?;
    std::io::Write::write_all(&mut file, &bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::storage(format!("write {}", path.display()), e))?;
    let actor = vault.actor();
    let tx = vault
        .connection_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(crate::db::map_err)?;
    let record = client.id.to_string();
    crate::audit::append(
        &tx,
        actor,
        crate::audit::Action::AttendanceSummaryExported,
        Some(crate::audit::RecordRef { record_type: "client", record_id: &record }),
    )?;
    tx.commit().map_err(crate::db::map_err)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_outside_latin1_prints_as_a_question_mark() {
        assert_eq!(super::latin1("Ðàvid 🎨 Łukasz"), "Ðàvid ? ?ukasz");
    }
}
