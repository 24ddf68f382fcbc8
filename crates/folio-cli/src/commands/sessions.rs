//! `folio session`: the attendance register, thin over `folio_core::sessions`, and the
//! attendance summary PDF (`folio_core::reports`).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use folio_core::dates::format_uk;
use folio_core::sessions::{self, AttendanceCounts, CheckReview, Mode, Outcome, OutcomeForm, Session, SessionForm};
use folio_core::Result;

use super::YesNo;
use crate::context::{read_vault, with_vault, Context};
use crate::output::{one_of, one_of_or, table};

#[derive(Subcommand)]
pub enum SessionCommand {
    /// Record a planned or past session in the client's current episode
    Add(AddArgs),
    /// The attendance register of a client
    List {
        code: String,
        #[arg(long)]
        episode: Option<i64>,
    },
    /// Record what happened at a session (by its id from `session list`), with the platform
    /// and the parent or carer checks of an online or phone session with a child
    Outcome {
        code: String,
        id: i64,
        #[arg(help = one_of::<Outcome>("What happened (dna for did-not-attend)"))]
        outcome: String,
        #[command(flatten)]
        checks: CheckArgs,
    },
    /// Online or phone sessions where a parent or carer check was "no", awaiting a
    /// safeguarding review (until an entry in the client's safeguarding log on or after it)
    Reviews,
    /// Whether the practice records sessions; with --records-sessions, sets it
    Settings {
        #[arg(long, value_enum)]
        records_sessions: Option<YesNo>,
    },
    /// Counts of sessions by outcome and mode in a period (no clinical content)
    Attendance {
        code: String,
        /// dd/mm/yyyy
        #[arg(long)]
        from: String,
        /// dd/mm/yyyy
        #[arg(long)]
        to: String,
        /// Also save the summary as a one-page PDF in this folder, to hand to a school or
        /// funder. Folio names the file ("Attendance CODE dd-mm-yyyy to dd-mm-yyyy.pdf") and
        /// never overwrites one; a path ending in .pdf means its folder
        #[arg(long, value_name = "FOLDER")]
        pdf: Option<PathBuf>,
        /// Who the PDF is for, printed under "CONFIDENTIAL" [default: the school or funder it
        /// was prepared for]
        #[arg(long = "for", value_name = "WHO", requires = "pdf", default_value = "")]
        for_whom: String,
    },
}

#[derive(Args)]
pub struct AddArgs {
    code: String,
    /// dd/mm/yyyy
    #[arg(long)]
    on: String,
    /// HH:MM
    #[arg(long, default_value = "")]
    time: String,
    /// Length in minutes [default: 50]
    #[arg(long)]
    minutes: Option<u32>,
    #[arg(long, help = one_of_or("How the session happens", Mode::InPerson))]
    mode: Option<String>,
    #[arg(long, help = one_of::<Outcome>("What happened (dna for did-not-attend)"))]
    outcome: String,
    #[command(flatten)]
    checks: CheckArgs,
}

/// Seed 004's facts of an online or phone session with a child.
#[derive(Args)]
pub struct CheckArgs {
    /// The platform used (online or phone sessions)
    #[arg(long)]
    platform: Option<String>,
    /// Parent or carer contacted at the start (online/phone with a child)
    #[arg(long, value_enum)]
    parent_start: Option<YesNo>,
    /// Parent or carer contacted at the end
    #[arg(long, value_enum)]
    parent_end: Option<YesNo>,
    /// Parent or carer close by during the session
    #[arg(long, value_enum)]
    parent_nearby: Option<YesNo>,
    /// Why a check was "no": what happened and what you did (required exactly then; the
    /// client is listed for a safeguarding review)
    #[arg(long, value_name = "TEXT")]
    checks_reason: Option<String>,
    /// The parent agreed to this platform, though their consent names others: how and when
    #[arg(long, value_name = "TEXT")]
    platform_agreed: Option<String>,
}

impl AddArgs {
    fn form(self) -> SessionForm {
        let default = SessionForm::default();
        SessionForm {
            on: self.on,
            start_time: self.time,
            minutes: self.minutes.unwrap_or(default.minutes),
            mode: self.mode.unwrap_or(default.mode),
            outcome: self.outcome,
            platform: self.checks.platform.unwrap_or_default(),
            parent_contacted_start: self.checks.parent_start.map(bool::from),
            parent_contacted_end: self.checks.parent_end.map(bool::from),
            parent_nearby: self.checks.parent_nearby.map(bool::from),
            checks_reason: self.checks.checks_reason.unwrap_or_default(),
            platform_confirmed: self.checks.platform_agreed.unwrap_or_default(),
        }
    }
}

impl CheckArgs {
    fn outcome_form(self, outcome: String) -> OutcomeForm {
        OutcomeForm {
            outcome,
            platform: self.platform,
            parent_contacted_start: self.parent_start.map(bool::from),
            parent_contacted_end: self.parent_end.map(bool::from),
            parent_nearby: self.parent_nearby.map(bool::from),
            checks_reason: self.checks_reason,
            platform_confirmed: self.platform_agreed,
        }
    }
}

pub fn run(command: SessionCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        SessionCommand::Add(args) => {
            let code = args.code.clone();
            let added = with_vault(ctx, |vault| sessions::add(vault, &code, args.form()))?;
            out.value(&added, || {
                format!(
                    "Recorded session {} on {}: {}.",
                    added.id,
                    format_uk(added.on),
                    added.outcome.label().to_lowercase()
                )
            });
        }
        SessionCommand::List { code, episode } => {
            let register = read_vault(ctx, |vault| sessions::list(vault, &code, episode))?;
            out.value(&register, || register_text(&register));
        }
        SessionCommand::Outcome { code, id, outcome, checks } => {
            let form = checks.outcome_form(outcome);
            let changed = with_vault(ctx, |vault| sessions::record_outcome(vault, &code, id, form))?;
            out.value(&changed, || {
                format!(
                    "Session {} on {}: {}.",
                    changed.id,
                    format_uk(changed.on),
                    changed.outcome.label().to_lowercase()
                )
            });
        }
        SessionCommand::Reviews => {
            let due = read_vault(ctx, sessions::reviews_due)?;
            out.value(&due, || reviews_text(&due));
        }
        SessionCommand::Settings { records_sessions } => {
            let settings = match records_sessions {
                Some(yes) => with_vault(ctx, |vault| {
                    sessions::settings::set_records_sessions(vault, if bool::from(yes) { "yes" } else { "no" })
                })?,
                None => read_vault(ctx, sessions::settings::settings)?,
            };
            out.value(&settings, || {
                if settings.records_sessions {
                    "The practice may record sessions, with written consent as part of an agreed therapeutic plan."
                        .into()
                } else {
                    "The practice does not record sessions: recording is hidden and a consent for it refused.".into()
                }
            });
        }
        SessionCommand::Attendance { code, from, to, pdf, for_whom } => {
            let (counts, saved) = with_vault(ctx, |vault| {
                let counts = sessions::attendance(vault, &code, &from, &to)?;
                let saved = match &pdf {
                    Some(path) => Some(folio_core::reports::save_attendance_pdf(
                        vault,
                        &code,
                        &from,
                        &to,
                        &for_whom,
                        pdf_folder(path),
                    )?),
                    None => None,
                };
                Ok((counts, saved))
            })?;
            if let Some(file) = saved {
                eprintln!("Saved the attendance summary as {}.", file.display());
            }
            out.value(&counts, || attendance_text(&from, &to, &counts));
        }
    }
    Ok(())
}

/// The folder `--pdf` names: itself, or the folder of a path ending in .pdf.
fn pdf_folder(path: &Path) -> &Path {
    let names_a_pdf = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"));
    match path.parent() {
        Some(parent) if names_a_pdf && parent.as_os_str().is_empty() => Path::new("."),
        Some(parent) if names_a_pdf => parent,
        _ => path,
    }
}

fn attendance_text(from: &str, to: &str, c: &AttendanceCounts) -> String {
    [
        format!("{} to {}", from.trim(), to.trim()),
        format!(
            "Attended:               {} (in person {}, online {}, phone {})",
            c.attended, c.in_person, c.online, c.phone
        ),
        format!("Did not attend:         {}", c.did_not_attend),
        format!("Cancelled by client:    {}", c.cancelled_by_client),
        format!("Cancelled by therapist: {}", c.cancelled_by_therapist),
        format!("Planned:                {}", c.planned),
    ]
    .join("\n")
}

fn register_text(register: &[Session]) -> String {
    if register.is_empty() {
        return "No sessions recorded yet. Add one with `folio session add`.".into();
    }
    let rows: Vec<Vec<String>> = register
        .iter()
        .map(|s| {
            vec![
                s.id.to_string(),
                s.episode.to_string(),
                s.number.map(|n| n.to_string()).unwrap_or_default(),
                format_uk(s.on),
                s.start_time.clone(),
                s.minutes.to_string(),
                s.mode.label().into(),
                s.outcome.label().into(),
            ]
        })
        .collect();
    table(&["Id", "Episode", "No", "Date", "Time", "Minutes", "Mode", "Outcome"], &rows)
}

fn reviews_text(due: &[CheckReview]) -> String {
    if due.is_empty() {
        return "No session is waiting for a safeguarding review.".into();
    }
    due.iter()
        .map(|r| {
            format!(
                "{} ({})  session {} on {}, {}: {}.\n      reason: {}\n      Review it and record what you decided in the safeguarding log.",
                r.client,
                r.initials,
                r.session,
                format_uk(r.on),
                r.mode.label().to_lowercase(),
                r.missed.join("; "),
                r.reason
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_path_means_its_folder() {
        assert_eq!(pdf_folder(Path::new("/tmp/out/attendance.pdf")), Path::new("/tmp/out"));
        assert_eq!(pdf_folder(Path::new("Summary.PDF")), Path::new("."));
        assert_eq!(pdf_folder(Path::new("/tmp/reports")), Path::new("/tmp/reports"));
        assert_eq!(pdf_folder(Path::new("reports")), Path::new("reports"));
    }
}
