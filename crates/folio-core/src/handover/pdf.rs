//! The printed handover: the pack (a letter for the executor, never a share, never client
//! data) and one share sheet per holder (their share's words in lines and the same text as
//! a QR code drawn as rectangles). Both go through `pdf_font` and carry the CONFIDENTIAL
//! mark like every PDF Folio writes.

use chrono::NaiveDate;
use qrcode::{Color, EcLevel, QrCode};

use super::contact::{ContactEntry, ContactSheet};
use super::shares::{holder_advice, short_vault_id};
use super::words::and_list;
use super::{store, IssuedShare, Successor, ValidForm};
use crate::dates::format_uk;
use crate::pdf_font::{drawn_pages, wrap, Confidential, FilledRect, PageContent, TextLine};
use crate::{Error, Result, Vault};

/// What the pack says: nothing secret, nothing about any client.
pub struct PackFacts {
    pub practice: String,
    pub vault: String,
    pub set: u32,
    pub threshold: u8,
    pub holders: Vec<String>,
    pub successor: Successor,
    pub laptop: String,
    pub backups: String,
    pub set_up_on: NaiveDate,
}

impl PackFacts {
    pub(super) fn new(practice: &str, vault_id: &str, set: u32, form: &ValidForm, today: NaiveDate) -> Self {
        PackFacts {
            practice: practice.to_string(),
            vault: short_vault_id(vault_id),
            set,
            threshold: form.threshold,
            holders: form.holders.clone(),
            successor: form.successor.clone(),
            laptop: form.laptop.clone(),
            backups: form.backups.clone(),
            set_up_on: today,
        }
    }

    /// The current handover's facts, if one is set up.
    pub(super) fn from_vault(vault: &Vault) -> Result<Option<Self>> {
        if super::slot::find(vault.key_file())?.is_none() {
            return Ok(None);
        }
        let Some(row) = store::latest(vault.conn())?.filter(|r| r.taken_over_on.is_none()) else { return Ok(None) };
        Ok(Some(PackFacts {
            practice: vault.practice_name()?,
            vault: short_vault_id(&vault.key_file().vault_id),
            set: row.set,
            threshold: row.threshold,
            holders: row.holders,
            successor: row.successor,
            laptop: row.laptop,
            backups: row.backups,
            set_up_on: row.set_up_on,
        }))
    }
}

const LEFT: f32 = 25.0;
const WIDTH_CHARS: usize = 84;
const TOP: f32 = 272.0;
const BOTTOM: f32 = 20.0;

/// Text flowing down A4 pages, a new page when one is full.
struct Flow {
    pages: Vec<PageContent>,
    y: f32,
}

impl Flow {
    fn new() -> Self {
        Flow { pages: vec![PageContent::default()], y: TOP }
    }

    fn line(&mut self, x: f32, size: f32, bold: bool, text: String, gap: f32) {
        if self.y < BOTTOM {
            self.pages.push(PageContent::default());
            self.y = TOP;
        }
        if let Some(page) = self.pages.last_mut() {
            page.lines.push(TextLine { x_mm: x, y_mm: self.y, size, bold, text });
        }
        self.y -= gap;
    }

    fn title(&mut self, text: &str) {
        self.line(LEFT, 16.0, true, text.into(), 9.0);
    }

    fn heading(&mut self, text: &str) {
        if self.y < BOTTOM + 20.0 {
            self.y = BOTTOM - 1.0;
        }
        self.y -= 3.0;
        self.line(LEFT, 11.5, true, text.into(), 6.5);
    }

    /// A paragraph, kept whole on one page (moved to the next when it would be split).
    fn para(&mut self, text: &str) {
        let lines = wrap(text, WIDTH_CHARS);
        let height = 5.0 * lines.len() as f32;
        if self.y - height < BOTTOM && height < TOP - BOTTOM {
            self.y = BOTTOM - 1.0;
        }
        for line in lines {
            self.line(LEFT, 10.0, false, line, 5.0);
        }
        self.y -= 2.0;
    }

    /// Starts a new page unless `height` mm are left on this one.
    fn keep_room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.y = BOTTOM - 1.0;
        }
    }

    fn item(&mut self, text: &str) {
        for (i, line) in wrap(text, WIDTH_CHARS - 4).into_iter().enumerate() {
            let shown = if i == 0 { format!("•  {line}") } else { line };
            self.line(if i == 0 { LEFT } else { LEFT + 4.2 }, 10.0, false, shown, 5.0);
        }
        self.y -= 1.0;
    }
}

fn or_unsaid(text: &str) -> &str {
    if text.trim().is_empty() {
        "not written down: ask the people named below"
    } else {
        text
    }
}

/// The handover pack: the letter to the executor. It holds no share and no client data.
pub fn pack_pdf(f: &PackFacts) -> Result<Vec<u8>> {
    let n = f.holders.len();
    let k = f.threshold;
    let mut flow = Flow::new();
    flow.title("Clinical will: handover pack");
    flow.line(LEFT, 11.0, false, f.practice.clone(), 10.0);
    flow.para(
        "For the executor of this clinical will, and for the people named in it. Please read it all before you act.",
    );
    flow.heading("What Folio is");
    flow.para(&format!(
        "{} keeps the records of the people they work with in Folio, a program on their laptop: referrals, session notes, records of artwork, consents and letters. Many of these clients are children. Everything is kept in one encrypted vault. Nobody, including the makers of Folio, can open it without the therapist's password or enough of the handover shares described below. Folio never uses the internet.",
        f.practice
    ));
    flow.heading("Where things are");
    flow.item(&format!("The laptop: {}", or_unsaid(&f.laptop)).replace('\n', " "));
    flow.item(&format!("The backups: {}", or_unsaid(&f.backups)).replace('\n', " "));
    flow.heading("Who holds the shares");
    flow.para(&format!(
        "The vault's handover key was split into {n} shares. Any {k} of them together open the vault; {}",
        if k >= 2 { "fewer reveal nothing." } else { "each one opens it on its own." }
    ));
    for (i, holder) in f.holders.iter().enumerate() {
        flow.item(&format!("Share {} of {n}: {holder}", i + 1));
    }
    let s = &f.successor;
    flow.para(&format!("The successor, the colleague who takes the records over, is {}.", successor_line(s)));
    flow.para("Each holder has their own share sheet. This pack holds no share and nothing about any client.");
    flow.heading("How to open the vault");
    flow.item("Folio should already be on the laptop. If it is not, install it from the Folio installer kept with the backups, and copy the vault folder from the newest backup.");
    flow.item(&format!(
        "Bring {k} share holders (or their share sheets) together. In Folio, choose \"Open with handover shares\" and type each share's words exactly as printed, line by line. A mistyped word is caught and its line named."
    ));
    flow.item("From a terminal the same is: folio handover open --share-file share-1.txt --share-file share-2.txt --mode contact");
    flow.heading("Two ways to open it");
    flow.item("Contact only, for the executor: a list of the clients in therapy and those with sessions booked, with their contact details and the therapist's instructions, so that they can be told. Nothing clinical is shown.");
    flow.item(&format!(
        "Take over, for {}: they set their own password, Folio removes the old password and these shares, and shows them a checklist of what continues (clients to contact, sessions to cancel, artwork to return, consents, how long records are kept).",
        s.name
    ));
    flow.para(&format!(
        "\"Contact only\" is a rule of the Folio software, not a lock. The same {k} shares that open the contact list can open everything in the vault. Use them only as this clinical will says."
    ));
    flow.heading("What the law expects");
    flow.para("These are health records, special category data under the UK GDPR and the Data Protection Act 2018. Whoever holds them must keep them confidential and secure, use them only to tell clients and to hand the work over, and pass them only to the successor. Clients, or the parents and carers of children, should be told promptly, kindly and without clinical detail. The records must not be destroyed early or kept longer than the practice's retention policy (inside Folio) allows. If a share, the laptop or a backup is lost or stolen, that may be a personal data breach: it must be reported to the Information Commissioner's Office within 72 hours of becoming aware of it.");
    flow.heading("This set of shares");
    flow.para(&format!(
        "Vault {}, set {}, made on {}. If the therapist re-issues the shares, a new set replaces this one and these shares stop opening the vault (backups taken before then still open with them).",
        f.vault,
        f.set,
        format_uk(f.set_up_on)
    ));
    let mark = Confidential { for_whom: "the executor and the people named in this clinical will" };
    drawn_pages(&mark, &flow.pages)
}

/// "Art therapist; AS12345; 07700 900123" after the successor's name, when any is known.
fn successor_line(s: &Successor) -> String {
    let details: Vec<&str> = [s.profession.as_str(), s.registration.as_str(), s.contact.as_str()]
        .into_iter()
        .filter(|d| !d.trim().is_empty())
        .collect();
    if details.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, details.join("; "))
    }
}

/// "07700 900123, name@example.org", leaving out what is not known.
fn client_block(flow: &mut Flow, c: &ContactEntry) {
    flow.keep_room(22.0);
    flow.line(LEFT, 10.5, true, c.heading(), 5.5);
    flow.item(&c.standing());
    for line in c.reach_lines() {
        flow.item(&line);
    }
    flow.y -= 2.0;
}

/// The contact sheet an executor opened with handover shares, to print: who to tell and how
/// to reach them, the successor and the therapist's instructions. Nothing clinical (the
/// sheet holds nothing clinical to print).
pub fn contact_sheet_pdf(sheet: &ContactSheet) -> Result<Vec<u8>> {
    let mut flow = Flow::new();
    flow.title("Contact sheet");
    flow.line(LEFT, 11.0, false, sheet.practice.clone(), 10.0);
    let numbers: Vec<String> = sheet.shares.iter().map(u8::to_string).collect();
    flow.para(&format!(
        "Opened on {} with shares {} of set {} (recorded in the vault's audit log). Nothing clinical is shown. Tell each client, or for a child their parent or carer, kindly and without clinical detail.",
        format_uk(sheet.opened_on),
        and_list(&numbers),
        sheet.set
    ));
    flow.heading("Clients to tell");
    if sheet.clients.is_empty() {
        flow.para("No client is in therapy or has a session booked.");
    }
    for c in &sheet.clients {
        client_block(&mut flow, c);
    }
    if let Some(s) = &sheet.successor {
        flow.heading("The successor");
        flow.para(&format!("The colleague who takes the records over: {}.", successor_line(s)));
    }
    if !sheet.instructions.trim().is_empty() {
        flow.heading("The therapist's instructions");
        for line in sheet.instructions.lines().filter(|l| !l.trim().is_empty()) {
            flow.para(line);
        }
    }
    let mark = Confidential { for_whom: "the executor of the clinical will and the successor" };
    drawn_pages(&mark, &flow.pages)
}

/// The width of a column of words on a share sheet: the longest words (8 letters, like
/// "mushroom") at 14 pt are about 26 mm.
const COLUMN: f32 = 32.0;

/// One holder's share sheet: their share's numbers and words, and a QR code of the same text.
pub fn share_sheet_pdf(issued: &IssuedShare, practice: &str) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let share = &issued.share;
    let (k, n) = (share.threshold, share.count);
    let line = |x_mm, y_mm, size, bold, text: String| TextLine { x_mm, y_mm, size, bold, text };
    let mut lines = vec![
        line(LEFT, 270.0, 18.0, true, format!("Handover share {} of {n}", share.number)),
        line(LEFT, 261.0, 12.0, false, format!("Held by {}", issued.holder)),
        line(LEFT, 254.0, 10.0, false, format!("Clinical will of {practice}")),
        line(
            LEFT,
            247.0,
            10.0,
            false,
            format!(
                "Vault {}   ·   Set {}   ·   Share {} of {n}   ·   Needed {k}",
                share.vault, share.set, share.number
            ),
        ),
        line(LEFT, 236.0, 9.0, true, "Line".into()),
        line(37.0, 236.0, 9.0, true, "Words".into()),
        line(37.0 + 4.0 * COLUMN, 236.0, 9.0, true, "Check".into()),
    ];
    for (i, words) in share.words().lines().iter().enumerate() {
        let y = 227.0 - 10.0 * i as f32;
        lines.push(line(LEFT + 2.0, y, 14.0, true, (i + 1).to_string()));
        for (j, word) in words.iter().enumerate() {
            lines.push(line(37.0 + COLUMN * j as f32, y, 14.0, false, (*word).to_string()));
        }
    }
    let text = share.text(&issued.holder, practice);
    let (rects, size) = qr_rects(text.as_bytes(), LEFT, 105.0, 62.0)?;
    lines.push(line(LEFT + size + 8.0, 160.0, 10.0, true, "The same share as a QR code".into()));
    let beside =
        "It holds the text of this sheet: the numbers at the top and the words. Typing the words works just as well.";
    for (i, part) in wrap(beside, 44).into_iter().enumerate() {
        lines.push(line(LEFT + size + 8.0, 154.0 - 5.0 * i as f32, 9.5, false, part));
    }
    let mut y = 92.0;
    let advice = format!(
        "{} The fifth word of each line checks the other four, so Folio finds a mistyped word and names its line. If the therapist dies or can no longer work, the executor will ask for this share: type its words into Folio on the therapist's laptop (\"Open with handover shares\"), or hand this sheet to the successor.",
        holder_advice(k, n)
    );
    for part in wrap(&advice, WIDTH_CHARS) {
        lines.push(line(LEFT, y, 10.0, false, part));
        y -= 5.0;
    }
    lines.push(line(
        LEFT,
        y - 4.0,
        9.0,
        false,
        format!(
            "Set {} of vault {}. A later set, if the therapist makes one, replaces this one.",
            share.set, share.vault
        ),
    ));
    let mark = Confidential { for_whom: &issued.holder };
    Ok(zeroize::Zeroizing::new(drawn_pages(&mark, &[PageContent { lines, rects }])?))
}

/// A QR code of `data` as rectangles (one per run of dark modules in a row), its top-left
/// corner at (`x`, `top`) mm and `size` mm wide, with the quiet zone left white around it.
fn qr_rects(data: &[u8], x: f32, bottom: f32, size: f32) -> Result<(Vec<FilledRect>, f32)> {
    let code =
        QrCode::with_error_correction_level(data, EcLevel::M).map_err(|e| Error::Internal(format!("QR code: {e}")))?;
    let width = code.width();
    let colors = code.to_colors();
    let module = size / width as f32;
    let mut rects = Vec::new();
    for row in 0..width {
        let y = bottom + size - module * (row + 1) as f32;
        let mut col = 0;
        while col < width {
            if colors[row * width + col] == Color::Dark {
                let start = col;
                while col < width && colors[row * width + col] == Color::Dark {
                    col += 1;
                }
                rects.push(FilledRect {
                    x_mm: x + module * start as f32,
                    y_mm: y,
                    w_mm: module * (col - start) as f32,
                    h_mm: module,
                });
            } else {
                col += 1;
            }
        }
    }
    Ok((rects, size))
}
