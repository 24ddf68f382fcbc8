//! `folio handover`: the clinical will, thin over `folio_core::handover`. `setup` and
//! `reissue` write `share-1.txt`… (and a share sheet PDF each) in `--holder` order and
//! `handover-pack.pdf` (no share) into a new or empty folder, every file 0600; `print`
//! re-prints the pack; `status` shows holders and k of n; `open --share-file F … --mode
//! contact|takeover` opens the vault without its password (`--out DIR` saves the contact
//! sheet as a PDF); `reviewed` records the yearly review; `checklist` and `tick` are the
//! successor's continuity checklist. Wrong shares exit 3; a mistyped word exits 1 naming the
//! share file and the line.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use folio_core::dates::format_uk;
use folio_core::handover::{
    self, Checklist, ContactEntry, ContactSheet, HandoverForm, HandoverStatus, Saved, ShareInput, Successor,
};
use folio_core::{Clock, Result};

use crate::context::{locking, read_vault, with_vault, Context};

#[derive(Subcommand)]
pub enum HandoverCommand {
    /// Set up the handover: k of n shares for the holders, a successor, the pack (needs the
    /// password; DIR new or empty)
    Setup(SetupArgs),
    /// Re-issue the shares (a holder lost theirs or left): a new set; the old shares stop
    /// working. Options left out keep what the last set had
    Reissue(SetupArgs),
    /// Re-print the handover pack (no shares) into DIR (new or empty)
    Print {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// The handover: holders, k of n, set number, date set up (no secrets)
    Status,
    /// Record the yearly review as done with nothing to change (a change is a `reissue`);
    /// the next review is due a year from today
    Reviewed,
    /// Open the vault with handover shares, for the contact sheet or to take it over
    Open(OpenArgs),
    /// The successor's continuity checklist
    Checklist,
    /// Tick an item of the checklist (its key, as `checklist` lists it), or untick it
    Tick {
        item: String,
        /// Untick it instead
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Args)]
pub struct SetupArgs {
    /// How many shares together open the vault (k) [default: 2, or the last set's]
    #[arg(long, value_name = "K", default_value = "")]
    threshold: String,
    /// A share holder's name; give one per holder, in share order (n holders, n shares)
    #[arg(long = "holder", value_name = "NAME")]
    holders: Vec<String>,
    /// The successor: the colleague who takes the records over
    #[arg(long, value_name = "NAME", default_value = "")]
    successor: String,
    /// The successor's profession ("Art therapist")
    #[arg(long, default_value = "")]
    successor_profession: String,
    /// The successor's registration number (HCPC)
    #[arg(long, default_value = "")]
    successor_registration: String,
    /// How to reach the successor (phone or e-mail)
    #[arg(long, default_value = "")]
    successor_contact: String,
    /// Where the laptop is (printed in the pack)
    #[arg(long, default_value = "")]
    laptop: String,
    /// Where the backups are (printed in the pack)
    #[arg(long, default_value = "")]
    backups: String,
    /// Instructions kept inside the vault only (paper records, keys, which clients first)
    #[arg(long, default_value = "", conflicts_with = "instructions_file")]
    instructions: String,
    /// The instructions from a plain-text file
    #[arg(long, value_name = "FILE")]
    instructions_file: Option<PathBuf>,
    /// The new or empty folder for the shares and the pack
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Mode {
    /// The contact sheet only (for an executor); changes nothing but the audit log
    Contact,
    /// Take the vault over (for the successor): a new password, read with --new-password-stdin
    /// or asked twice
    Takeover,
}

#[derive(Args)]
pub struct OpenArgs {
    /// A share's text file (`share-2.txt`); give one per share
    #[arg(long = "share-file", value_name = "FILE", required = true)]
    share_files: Vec<PathBuf>,
    #[arg(long, value_enum)]
    mode: Mode,
    /// With --mode contact: also save the contact sheet as a PDF to print into DIR
    /// ("Contact sheet.pdf", never overwriting one)
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(command: HandoverCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        HandoverCommand::Setup(args) => issue(ctx, args, false)?,
        HandoverCommand::Reissue(args) => issue(ctx, args, true)?,
        HandoverCommand::Print { out: folder } => {
            let saved = with_vault(ctx, |vault| handover::print_pack(vault, &folder))?;
            out.value(&saved, || {
                format!("The handover pack (no shares) is in {}/{}.", saved.folder, handover::HANDOVER_PACK)
            });
        }
        HandoverCommand::Status => {
            let overview = read_vault(ctx, handover::overview)?;
            let status = overview.current.as_ref();
            out.value(&status, || {
                if overview.interrupted {
                    format!("{}\nSet it up with: folio handover setup", handover::INTERRUPTED)
                } else {
                    status_text(status)
                }
            });
        }
        HandoverCommand::Reviewed => {
            let status = with_vault(ctx, handover::mark_reviewed)?;
            out.value(&status, || {
                format!(
                    "The clinical will is recorded as reviewed on {} with nothing to change. The next review is due by {}.",
                    format_uk(status.reviewed_on.unwrap_or(status.review_by)),
                    format_uk(status.review_by)
                )
            });
        }
        HandoverCommand::Open(args) => open(ctx, args)?,
        HandoverCommand::Checklist => {
            let list = read_vault(ctx, handover::checklist)?;
            out.value(&list, || checklist_text(&list));
        }
        HandoverCommand::Tick { item, undo } => {
            let list = with_vault(ctx, |vault| handover::tick(vault, &item, !undo))?;
            out.value(&list, || checklist_text(&list));
        }
    }
    Ok(())
}

fn issue(ctx: &Context, args: SetupArgs, again: bool) -> Result<()> {
    let instructions = match &args.instructions_file {
        Some(path) => handover::read_instructions_file(path)?,
        None => args.instructions,
    };
    let form = HandoverForm {
        threshold: args.threshold,
        holders: args.holders,
        successor: Successor {
            name: args.successor,
            profession: args.successor_profession,
            registration: args.successor_registration,
            contact: args.successor_contact,
        },
        laptop: args.laptop,
        backups: args.backups,
        instructions,
    };
    let saved = with_vault(ctx, |vault| {
        let saved = handover::setup_into(vault, &form, &args.out, again)?;
        let status = handover::status(vault)?;
        Ok((saved, status))
    })?;
    let (saved, status) = saved;
    for note in [&saved.warning, &saved.backups_note].into_iter().flatten() {
        eprintln!("warning: {note}");
    }
    for b in &saved.earlier_backups {
        let set = b.handover_set.unwrap_or_default();
        eprintln!(
            "  {}  {}  (opens with the shares of set {set})",
            folio_core::dates::format_london(b.taken_at),
            b.folder
        );
    }
    ctx.out.value(&serde_json::json!({ "saved": saved, "handover": status }), || issued_text(&saved, status.as_ref()));
    Ok(())
}

fn issued_text(saved: &Saved, status: Option<&HandoverStatus>) -> String {
    let mut text = match status {
        Some(s) => format!(
            "Handover set up: set {}, any {} of {} shares open the vault. Successor: {}.\n",
            s.set, s.threshold, s.shares, s.successor.name
        ),
        None => String::new(),
    };
    text.push_str(&format!("Written to {} (each file readable by you only):\n", saved.folder));
    if let Some(s) = status {
        for h in &s.holders {
            text.push_str(&format!("  share-{0}.txt, share-{0}.pdf  for {1}\n", h.share, h.name));
        }
    }
    text.push_str(&format!("  {}  the letter for the executor (no share)\n", handover::HANDOVER_PACK));
    text.push_str(
        "Give each holder their own share, and nothing else. Folio does not keep the shares: this is the only copy.",
    );
    text
}

fn status_text(status: Option<&HandoverStatus>) -> String {
    let Some(s) = status else {
        return "No handover is set up. Set one up with folio handover setup.".into();
    };
    let holders: Vec<String> = s.holders.iter().map(|h| format!("  share {}: {}", h.share, h.name)).collect();
    let since = match s.reviewed_on {
        Some(day) => format!("last reviewed on {}", format_uk(day)),
        None => "set up".into(),
    };
    let review = if s.review_due {
        format!(
            "Review it now: it was {since} more than a year ago (review by {}). If nothing has changed, record it with folio handover reviewed; otherwise re-issue it.",
            format_uk(s.review_by)
        )
    } else {
        format!("Review it by {}.", format_uk(s.review_by))
    };
    format!(
        "Handover of vault {}: set {}, set up on {}. Any {} of {} shares open the vault.\nHolders:\n{}\nSuccessor: {}\n{review}",
        s.vault,
        s.set,
        format_uk(s.set_up_on),
        s.threshold,
        s.shares,
        holders.join("\n"),
        successor_text(&s.successor)
    )
}

fn successor_text(s: &Successor) -> String {
    let details: Vec<&str> = [s.profession.as_str(), s.registration.as_str(), s.contact.as_str()]
        .into_iter()
        .filter(|d| !d.is_empty())
        .collect();
    if details.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, details.join("; "))
    }
}

fn open(ctx: &Context, args: OpenArgs) -> Result<()> {
    let shares: Vec<ShareInput> = args.share_files.iter().map(|p| ShareInput::from_file(p)).collect::<Result<_>>()?;
    match args.mode {
        Mode::Contact => {
            let sheet = handover::open_for_contact(&ctx.dir, &shares, Clock::System)?;
            if let Some(folder) = &args.out {
                let path = handover::contact::save_sheet(&sheet, folder)?;
                eprintln!("The contact sheet is saved as {}.", path.display());
            }
            ctx.out.value(&sheet, || contact_text(&sheet));
        }
        Mode::Takeover if args.out.is_some() => {
            return Err(folio_core::Error::InvalidInput {
                field: "out",
                message: "--out saves the contact sheet: use it with --mode contact.".into(),
            });
        }
        Mode::Takeover => {
            let password = ctx.passwords(ctx.new_password_stdin).new_password("New password for the vault")?;
            let vault = handover::take_over(&ctx.dir, &shares, &password, Clock::System)?;
            drop(password);
            let list = locking(vault, |vault| handover::checklist(vault))?;
            ctx.out.value(&list, || {
                format!(
                    "You have taken the vault over. Your new password is now its only password: the old password and these shares no longer open it.\nSet up a handover of your own (folio handover setup), so that the records are not stranded again.\n\n{}",
                    checklist_text(&list)
                )
            });
        }
    }
    Ok(())
}

fn numbers(list: &[u8]) -> String {
    let parts: Vec<String> = list.iter().map(u8::to_string).collect();
    folio_core::handover::words::and_list(&parts)
}

fn contact_text(sheet: &ContactSheet) -> String {
    let mut text = format!(
        "Contact sheet of {}, opened on {} with shares {} of set {} (recorded in the audit log).\nNothing clinical is shown. Tell each client, or for a child their parent or carer, kindly and without clinical detail.\n",
        sheet.practice,
        format_uk(sheet.opened_on),
        numbers(&sheet.shares),
        sheet.set
    );
    if sheet.clients.is_empty() {
        text.push_str("\nNo client is in therapy or has a session booked.\n");
    }
    for c in &sheet.clients {
        text.push('\n');
        text.push_str(&client_text(c));
    }
    if let Some(s) = &sheet.successor {
        text.push_str(&format!("\nSuccessor: {}\n", successor_text(s)));
    }
    if !sheet.instructions.trim().is_empty() {
        text.push_str("\nThe therapist's instructions:\n");
        for line in sheet.instructions.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text.trim_end().to_string()
}

fn client_text(c: &ContactEntry) -> String {
    let mut text = format!("{}: {}\n", c.heading(), c.standing());
    for line in c.reach_lines() {
        text.push_str(&format!("  {line}\n"));
    }
    text
}

fn checklist_text(list: &Checklist) -> String {
    let mut text = format!("Continuity checklist: {} of {} done.\n", list.done, list.total);
    let mut group = None;
    for item in &list.items {
        if group != Some(item.group) {
            group = Some(item.group);
            text.push_str(&format!("\n{}\n", item.group.label()));
        }
        let mark = if item.ticked_on.is_some() { "[x]" } else { "[ ]" };
        text.push_str(&format!("  {mark} {}  {}\n", item.key, item.text));
    }
    if !list.instructions.trim().is_empty() {
        text.push_str("\nThe therapist's instructions:\n");
        for line in list.instructions.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text.push_str("\nTick an item with folio handover tick KEY (--undo to untick).");
    text
}
