//! `folio client`, `folio referral`, `folio episode`: thin over `folio_core::practice`.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use folio_core::dates::{format_uk, parse_uk, today};
use folio_core::practice::clients::{self, ClientFilter, ClientRecord, ClientSort, ClientSummary};
use folio_core::practice::correspondence::{self, Attachment, NewEntry};
use folio_core::practice::import;
use folio_core::practice::lifecycle::ClientState;
use folio_core::practice::professionals::{self, Professional};
use folio_core::practice::referral::{Modality, ReferralForm};
use folio_core::practice::sessions::{self, Mode, NewSession, Outcome};
use folio_core::{Error, Result};

use crate::Context;

#[derive(Subcommand)]
pub enum ClientCommand {
    /// List clients by initials and code (names are never listed)
    List {
        /// referred, waiting-list, assessment, in-therapy, ended, declined, withdrawn
        #[arg(long)]
        state: Option<String>,
        #[arg(long, value_enum)]
        modality: Option<ModalityArg>,
        /// Part of the school or care setting's name
        #[arg(long)]
        setting: Option<String>,
        /// Only clients with (yes) or without (no) a safeguarding flag
        #[arg(long, value_enum)]
        safeguarding: Option<YesNo>,
        /// Part of a name, the initials or the code
        #[arg(long)]
        search: Option<String>,
        #[arg(long, value_enum, default_value_t = SortArg::ReferralDate)]
        sort: SortArg,
    },
    /// Show everything held about one client (the identity panel)
    Show { code: String },
    /// Add a client from a short referral (use `folio referral add FILE` for the full form)
    Add {
        #[arg(long)]
        given: String,
        #[arg(long)]
        family: String,
        /// Date of birth, dd/mm/yyyy
        #[arg(long, conflicts_with = "dob_unknown")]
        dob: Option<String>,
        /// The date of birth is not known
        #[arg(long)]
        dob_unknown: bool,
        /// Referral date, dd/mm/yyyy [default: today]
        #[arg(long)]
        referral_date: Option<String>,
        #[arg(long, value_enum)]
        modality: Option<ModalityArg>,
        /// private, school, charity or nhs
        #[arg(long)]
        funding: Option<String>,
        /// School or care setting
        #[arg(long)]
        setting: Option<String>,
        /// Flag a safeguarding concern
        #[arg(long)]
        safeguarding: bool,
    },
    /// Replace a client's referral details with the form in FILE (JSON; see docs/cli.md)
    Update { code: String, file: PathBuf },
    /// Move a client to another state on a date
    State {
        code: String,
        /// referred, waiting-list, assessment, in-therapy, ended, declined, withdrawn
        state: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        on: Option<String>,
        /// A note; required when the episode ends (the reason)
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Subcommand)]
pub enum ReferralCommand {
    /// Add a client from a referral form in FILE (JSON; see docs/cli.md)
    Add { file: PathBuf },
}

#[derive(Subcommand)]
pub enum EpisodeCommand {
    /// Re-refer a returning client: opens a new episode on the same record
    Start {
        code: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        on: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// End the current episode: ended (after therapy), declined or withdrawn
    End {
        code: String,
        /// Why the episode ended, e.g. "planned ending"
        #[arg(long)]
        reason: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        on: Option<String>,
        #[arg(long, value_enum, default_value_t = EndAs::Ended)]
        r#as: EndAs,
    },
}

#[derive(Subcommand)]
pub enum SessionCommand {
    /// Record a planned or past session in the client's current episode
    Add {
        code: String,
        /// dd/mm/yyyy
        #[arg(long)]
        on: String,
        /// HH:MM
        #[arg(long, default_value = "")]
        time: String,
        /// Length in minutes
        #[arg(long, default_value_t = 50)]
        minutes: u32,
        /// in-person, online or phone
        #[arg(long, default_value = "in-person")]
        mode: String,
        /// planned, attended, cancelled-by-client, cancelled-by-therapist, did-not-attend (dna)
        #[arg(long)]
        outcome: String,
        /// The platform used (online or phone sessions)
        #[arg(long, default_value = "")]
        platform: String,
        /// Parent or carer contacted at the start (online/phone with a child)
        #[arg(long, value_enum)]
        parent_start: Option<YesNo>,
        /// Parent or carer contacted at the end
        #[arg(long, value_enum)]
        parent_end: Option<YesNo>,
        /// Parent or carer close by during the session
        #[arg(long, value_enum)]
        parent_nearby: Option<YesNo>,
    },
    /// The attendance register of a client
    List {
        code: String,
        #[arg(long)]
        episode: Option<i64>,
    },
    /// Record what happened at a session (by its id from `session list`)
    Outcome { code: String, id: i64, outcome: String },
    /// Counts of sessions by outcome and mode in a period (no clinical content)
    Attendance {
        code: String,
        /// dd/mm/yyyy
        #[arg(long)]
        from: String,
        /// dd/mm/yyyy
        #[arg(long)]
        to: String,
        /// Also write the summary as a PDF to hand to a school or funder (a new file)
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum ProfessionalCommand {
    /// Add someone to the directory
    Add {
        #[arg(long)]
        name: String,
        /// physio, ot, salt, camhs, social-worker, gp, teacher, senco, psychologist, paediatrician, other
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        email: String,
    },
    /// The directory
    List,
    /// Link a professional (by id) to a client
    Link { code: String, id: i64 },
}

#[derive(Subcommand)]
pub enum CorrespondenceCommand {
    /// Log a letter, email, text, app message or phone call, with attachments
    Add {
        code: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        on: Option<String>,
        /// letter, email, text, app-message, phone-call
        #[arg(long)]
        kind: String,
        /// in or out
        #[arg(long)]
        direction: String,
        /// client, parent, school, professional, other
        #[arg(long = "with")]
        counterpart: String,
        /// Who exactly (optional)
        #[arg(long, default_value = "")]
        name: String,
        /// What was said or sent
        #[arg(long)]
        summary: String,
        /// A file to keep with the entry (repeatable): images, PDF, audio, documents
        #[arg(long = "attach", value_name = "FILE")]
        attachments: Vec<PathBuf>,
    },
    /// The correspondence log of a client, newest first
    List { code: String },
    /// Write an attachment out of the vault to FILE (recorded in the audit log)
    Export {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ModalityArg {
    Art,
    Music,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SortArg {
    ReferralDate,
    NextSession,
    Code,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EndAs {
    Ended,
    Declined,
    Withdrawn,
}

fn modality(m: ModalityArg) -> Modality {
    match m {
        ModalityArg::Art => Modality::Art,
        ModalityArg::Music => Modality::Music,
    }
}

fn date_or_today(field: &'static str, text: Option<&str>) -> Result<folio_core::dates::NaiveDate> {
    match text {
        Some(t) => parse_uk(field, "date", t),
        None => Ok(today()),
    }
}

fn read_form(file: &PathBuf) -> Result<ReferralForm> {
    let bytes =
        std::fs::read(file).map_err(|e| Error::Storage { action: format!("read {}", file.display()), source: e })?;
    serde_json::from_slice(&bytes).map_err(|e| Error::InvalidInput {
        field: "file",
        message: format!(
            "{} is not a referral form Folio can read: {e}. See docs/cli.md for the fields.",
            file.display()
        ),
    })
}

pub fn client(command: ClientCommand, ctx: &Context) -> Result<()> {
    match command {
        ClientCommand::List { state, modality: m, setting, safeguarding, search, sort } => {
            let filter = ClientFilter {
                state: state.as_deref().map(|s| ClientState::parse("state", s)).transpose()?,
                modality: m.map(modality),
                setting,
                safeguarding: safeguarding.map(|s| matches!(s, YesNo::Yes)),
                search,
                sort: match sort {
                    SortArg::ReferralDate => ClientSort::ReferralDate,
                    SortArg::NextSession => ClientSort::NextSession,
                    SortArg::Code => ClientSort::Code,
                },
            };
            let vault = ctx.unlock()?;
            let list = clients::list(vault.connection(), &filter);
            vault.lock()?;
            let list = list?;
            ctx.out.value(&list, || list_text(&list));
            Ok(())
        }
        ClientCommand::Show { code } => {
            let vault = ctx.unlock()?;
            let record = clients::show(vault.connection(), &code);
            vault.lock()?;
            let record = record?;
            ctx.out.value(&record, || record_text(&record));
            Ok(())
        }
        ClientCommand::Add {
            given,
            family,
            dob,
            dob_unknown,
            referral_date,
            modality: m,
            funding,
            setting,
            safeguarding,
        } => {
            let form = ReferralForm {
                given_name: given,
                family_name: family,
                date_of_birth: dob.unwrap_or_default(),
                date_of_birth_unknown: dob_unknown,
                referral_date: referral_date.unwrap_or_else(|| folio_core::dates::format_uk(today())),
                modality: m
                    .map(|m| if matches!(m, ModalityArg::Art) { "art" } else { "music" }.to_string())
                    .unwrap_or_default(),
                funding: funding.unwrap_or_default(),
                setting_name: setting.unwrap_or_default(),
                safeguarding_concern: safeguarding,
                ..ReferralForm::default()
            };
            added(ctx, form)
        }
        ClientCommand::Update { code, file } => {
            let form = read_form(&file)?;
            let mut vault = ctx.unlock()?;
            let updated = clients::update_referral(&mut vault, &code, form, today());
            vault.lock()?;
            let updated = updated?;
            ctx.out.value(&updated, || format!("Updated {}.", updated.code));
            Ok(())
        }
        ClientCommand::State { code, state, on, note } => {
            let to = ClientState::parse("state", &state)?;
            let on = date_or_today("on", on.as_deref())?;
            let mut vault = ctx.unlock()?;
            let moved = clients::change_state(&mut vault, &code, to, on, &note, today());
            vault.lock()?;
            let moved = moved?;
            ctx.out.value(&moved, || {
                format!("{} is now {} (since {}).", moved.code, moved.state.label().to_lowercase(), moved.state_since)
            });
            Ok(())
        }
    }
}

fn added(ctx: &Context, form: ReferralForm) -> Result<()> {
    let mut vault = ctx.unlock()?;
    let added = clients::add_referral(&mut vault, form, today());
    vault.lock()?;
    let added = added?;
    ctx.out.value(&added, || format!("Added {} (referred {}).", added.code, added.referral_date));
    Ok(())
}

pub fn referral(command: ReferralCommand, ctx: &Context) -> Result<()> {
    match command {
        ReferralCommand::Add { file } => added(ctx, read_form(&file)?),
    }
}

pub fn episode(command: EpisodeCommand, ctx: &Context) -> Result<()> {
    match command {
        EpisodeCommand::Start { code, on, note } => {
            let on = date_or_today("on", on.as_deref())?;
            let mut vault = ctx.unlock()?;
            let started = clients::re_refer(&mut vault, &code, on, &note, today());
            vault.lock()?;
            let started = started?;
            ctx.out.value(&started, || {
                format!("{}: episode {} started {}.", started.code, started.episode, started.state_since)
            });
            Ok(())
        }
        EpisodeCommand::End { code, reason, on, r#as } => {
            let on = date_or_today("on", on.as_deref())?;
            let to = match r#as {
                EndAs::Ended => ClientState::Ended,
                EndAs::Declined => ClientState::Declined,
                EndAs::Withdrawn => ClientState::Withdrawn,
            };
            let mut vault = ctx.unlock()?;
            let ended = clients::change_state(&mut vault, &code, to, on, &reason, today());
            vault.lock()?;
            let ended = ended?;
            ctx.out.value(&ended, || {
                format!("{}: episode {} ended {} ({}).", ended.code, ended.episode, ended.state_since, reason.trim())
            });
            Ok(())
        }
    }
}

pub fn correspondence_cmd(command: CorrespondenceCommand, ctx: &Context) -> Result<()> {
    match command {
        CorrespondenceCommand::Add { code, on, kind, direction, counterpart, name, summary, attachments } => {
            let entry = NewEntry {
                on: date_or_today("on", on.as_deref())?,
                kind,
                direction,
                counterpart,
                counterpart_name: name,
                summary,
            };
            let mut files = Vec::new();
            for path in &attachments {
                let file = std::fs::File::open(path)
                    .map_err(|e| Error::Storage { action: format!("open {}", path.display()), source: e })?;
                let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                files.push((file_name, std::io::BufReader::new(file)));
            }
            let mut vault = ctx.unlock()?;
            let readers = files
                .iter_mut()
                .map(|(name, reader)| Attachment::Stream {
                    file_name: name.clone(),
                    reader: reader as &mut dyn std::io::Read,
                })
                .collect();
            let added = correspondence::add(&mut vault, &code, entry, readers, today());
            vault.lock()?;
            let added = added?;
            ctx.out.value(&added, || {
                format!("Logged entry {} on {} with {} attachment(s).", added.id, added.on, added.attachments.len())
            });
            Ok(())
        }
        CorrespondenceCommand::List { code } => {
            let vault = ctx.unlock()?;
            let log = correspondence::list(vault.connection(), &code);
            vault.lock()?;
            let log = log?;
            ctx.out.value(&log, || {
                if log.is_empty() {
                    return "No correspondence logged yet.".into();
                }
                log.iter()
                    .map(|e| {
                        let files: Vec<String> = e
                            .attachments
                            .iter()
                            .map(|a| format!("[{}] {} ({} bytes)", a.id, a.file_name, a.size))
                            .collect();
                        format!(
                            "{:>4}  {}  {:<11} {:<3} {} {}: {}{}",
                            e.id,
                            e.on,
                            e.kind,
                            e.direction,
                            e.counterpart,
                            e.counterpart_name,
                            e.summary,
                            if files.is_empty() {
                                String::new()
                            } else {
                                format!("\n      attachments: {}", files.join(", "))
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        CorrespondenceCommand::Export { id, out } => {
            if out.exists() {
                return Err(Error::InvalidInput {
                    field: "out",
                    message: format!(
                        "{} already exists. Choose a new file name; Folio never overwrites a file.",
                        out.display()
                    ),
                });
            }
            let mut vault = ctx.unlock()?;
            let written = std::fs::File::create_new(&out)
                .map_err(|e| Error::Storage { action: format!("create {}", out.display()), source: e })
                .and_then(|mut file| correspondence::export_attachment(&mut vault, id, &mut file));
            vault.lock()?;
            if written.is_err() {
                let _ = std::fs::remove_file(&out);
            }
            let info = written?;
            ctx.out.value(&info, || format!("Wrote {} ({} bytes) to {}.", info.file_name, info.size, out.display()));
            Ok(())
        }
    }
}

pub fn import_csv(file: &PathBuf, map: &[String], commit: bool, ctx: &Context) -> Result<()> {
    let overrides = map
        .iter()
        .map(|m| {
            m.split_once('=').map(|(c, f)| (c.trim().to_string(), f.trim().to_string())).ok_or_else(|| {
                Error::InvalidInput {
                    field: "map",
                    message: format!("Write each mapping as COLUMN=field (\"{m}\" has no =)."),
                }
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let open = || {
        std::fs::File::open(file)
            .map(std::io::BufReader::new)
            .map_err(|e| Error::Storage { action: format!("open {}", file.display()), source: e })
    };
    let result = if commit {
        let mut vault = ctx.unlock()?;
        let done = open().and_then(|mut r| import::import(&mut vault, &mut r, &overrides, today()));
        vault.lock()?;
        done?
    } else {
        import::preview(&mut open()?, &overrides, today())?
    };
    ctx.out.value(&result, || {
        let mut lines: Vec<String> = result
            .columns
            .iter()
            .map(|c| format!("column \"{}\" -> {}", c.column, c.field.as_deref().unwrap_or("(not imported)")))
            .collect();
        for row in result.rows.iter().filter(|r| !r.ok) {
            lines.push(format!("line {}: {}", row.line, row.problems.join(" ")));
        }
        lines.push(if commit {
            format!("Imported {} client(s); {} row(s) left out (listed above).", result.good, result.bad)
        } else {
            format!(
                "{} row(s) can be imported, {} cannot (listed above). Nothing has been written: run again with --commit to import the good rows.",
                result.good, result.bad
            )
        });
        lines.join("\n")
    });
    Ok(())
}

pub fn professional(command: ProfessionalCommand, ctx: &Context) -> Result<()> {
    match command {
        ProfessionalCommand::Add { name, role, organisation, phone, email } => {
            let mut vault = ctx.unlock()?;
            let added = professionals::add(&mut vault, Professional { id: 0, name, role, organisation, phone, email });
            vault.lock()?;
            let added = added?;
            ctx.out.value(&added, || format!("Added {} ({}) as professional {}.", added.name, added.role, added.id));
            Ok(())
        }
        ProfessionalCommand::List => {
            let vault = ctx.unlock()?;
            let list = professionals::list(vault.connection());
            vault.lock()?;
            let list = list?;
            ctx.out.value(&list, || {
                if list.is_empty() {
                    return "The directory is empty. Add someone with `folio professional add`.".into();
                }
                list.iter()
                    .map(|p| format!("{:>4}  {:<28} {:<14} {}", p.id, p.name, p.role, p.organisation))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        ProfessionalCommand::Link { code, id } => {
            let mut vault = ctx.unlock()?;
            let linked = professionals::link(&mut vault, &code, id);
            vault.lock()?;
            linked?;
            ctx.out.value(&serde_json::json!({"linked": true}), || {
                format!("Linked professional {id} to {}.", code.to_uppercase())
            });
            Ok(())
        }
    }
}

fn yes(v: Option<YesNo>) -> Option<bool> {
    v.map(|v| matches!(v, YesNo::Yes))
}

pub fn session(command: SessionCommand, ctx: &Context) -> Result<()> {
    match command {
        SessionCommand::Add {
            code,
            on,
            time,
            minutes,
            mode,
            outcome,
            platform,
            parent_start,
            parent_end,
            parent_nearby,
        } => {
            let new = NewSession {
                on: parse_uk("on", "session date", &on)?,
                start_time: time,
                minutes,
                mode: Mode::parse(&mode)?,
                outcome: Outcome::parse(&outcome)?,
                platform,
                parent_contacted_start: yes(parent_start),
                parent_contacted_end: yes(parent_end),
                parent_nearby: yes(parent_nearby),
            };
            let mut vault = ctx.unlock()?;
            let added = sessions::add(&mut vault, &code, new, today());
            vault.lock()?;
            let added = added?;
            ctx.out.value(&added, || {
                format!("Recorded session {} on {}: {}.", added.id, added.on, added.outcome.label().to_lowercase())
            });
            Ok(())
        }
        SessionCommand::List { code, episode } => {
            let vault = ctx.unlock()?;
            let register = sessions::list(vault.connection(), &code, episode);
            vault.lock()?;
            let register = register?;
            ctx.out.value(&register, || register_text(&register));
            Ok(())
        }
        SessionCommand::Outcome { code, id, outcome } => {
            let outcome = Outcome::parse(&outcome)?;
            let mut vault = ctx.unlock()?;
            let changed = sessions::set_outcome(&mut vault, &code, id, outcome, today());
            vault.lock()?;
            let changed = changed?;
            ctx.out.value(&changed, || {
                format!("Session {} on {}: {}.", changed.id, changed.on, changed.outcome.label().to_lowercase())
            });
            Ok(())
        }
        SessionCommand::Attendance { code, from, to, pdf } => {
            let from = parse_uk("from", "start of the period", &from)?;
            let to = parse_uk("to", "end of the period", &to)?;
            if let Some(path) = pdf.as_ref().filter(|p| p.exists()) {
                return Err(Error::InvalidInput {
                    field: "pdf",
                    message: format!(
                        "{} already exists. Choose a new file name; Folio never overwrites a file.",
                        path.display()
                    ),
                });
            }
            let vault = ctx.unlock()?;
            let counts = sessions::attendance(vault.connection(), &code, from, to);
            let document = match (&pdf, &counts) {
                (Some(_), Ok(_)) => Some(folio_core::reports::attendance_pdf(&vault, &code, from, to, today())),
                _ => None,
            };
            vault.lock()?;
            let c = counts?;
            if let (Some(path), Some(bytes)) = (&pdf, document) {
                let bytes = bytes?;
                std::fs::write(path, bytes)
                    .map_err(|e| Error::Storage { action: format!("write {}", path.display()), source: e })?;
                eprintln!("Wrote the attendance summary to {}.", path.display());
            }
            ctx.out.value(&c, || {
                format!(
                    "{} to {}\nAttended:               {} (in person {}, online {}, phone {})\nDid not attend:         {}\nCancelled by client:    {}\nCancelled by therapist: {}\nPlanned:                {}",
                    format_uk(from), format_uk(to), c.attended, c.in_person, c.online, c.phone, c.did_not_attend,
                    c.cancelled_by_client, c.cancelled_by_therapist, c.planned
                )
            });
            Ok(())
        }
    }
}

fn register_text(register: &[sessions::Session]) -> String {
    if register.is_empty() {
        return "No sessions recorded yet. Add one with `folio session add`.".into();
    }
    let mut lines = vec![format!(
        "{:>4} {:>3} {:>3} {:<11} {:<5} {:>4} {:<9} {}",
        "id", "ep", "no", "date", "time", "mins", "mode", "outcome"
    )];
    for s in register {
        let mode = match s.mode {
            Mode::InPerson => "in person",
            Mode::Online => "online",
            Mode::Phone => "phone",
        };
        lines.push(format!(
            "{:>4} {:>3} {:>3} {:<11} {:<5} {:>4} {:<9} {}",
            s.id,
            s.episode,
            s.number.map(|n| n.to_string()).unwrap_or_default(),
            s.on,
            s.start_time,
            s.minutes,
            mode,
            s.outcome.label()
        ));
    }
    lines.join("\n")
}

fn list_text(list: &[ClientSummary]) -> String {
    if list.is_empty() {
        return "No clients match. Add one with `folio client add` or `folio referral add FILE`.".into();
    }
    let mut lines =
        vec![format!("{:<10} {:<14} {:<11} {:<8} {:<4} {}", "code", "state", "referred", "modality", "sg", "setting")];
    for c in list {
        lines.push(format!(
            "{:<10} {:<14} {:<11} {:<11} {:<8} {:<4} {}",
            c.code,
            c.state.label(),
            c.referral_date,
            c.next_session.as_deref().unwrap_or("-"),
            c.modality.map(|m| if m == Modality::Art { "art" } else { "music" }).unwrap_or("-"),
            if c.safeguarding { "yes" } else { "" },
            c.setting_name
        ));
    }
    lines.push(format!("{} client{}", list.len(), if list.len() == 1 { "" } else { "s" }));
    lines.join("\n")
}

fn record_text(r: &ClientRecord) -> String {
    let f = &r.referral;
    let s = &r.summary;
    let mut lines = vec![
        format!("{} ({}), {} since {}", s.code, s.initials, s.state.label(), s.state_since),
        format!("Name:            {} {}", f.given_name, f.family_name),
    ];
    let mut field = |label: &str, value: &str| {
        if !value.is_empty() {
            lines.push(format!("{label:<16} {value}"));
        }
    };
    field("Preferred name:", &f.preferred_name);
    field("Pronouns:", &f.pronouns);
    field(
        "Date of birth:",
        if f.date_of_birth_unknown && f.date_of_birth.is_empty() { "not known" } else { &f.date_of_birth },
    );
    field("Address:", &f.address);
    field("Postcode:", &f.postcode);
    field("Phone:", &f.phone);
    field("Email:", &f.email);
    field("Ethnicity:", &f.ethnicity);
    field("Setting:", &f.setting_name);
    field("Referred:", &f.referral_date);
    field("Referrer:", &f.referrer);
    field("GP:", format!("{} {}", f.gp_name, f.gp_surgery).trim());
    field("Difficulty:", &f.difficulty);
    field("Safeguarding:", if f.safeguarding_concern { "concern flagged" } else { "" });
    for e in &r.episodes {
        lines.push(format!(
            "Episode {}: {} to {}{}",
            e.number,
            e.started_on,
            e.ended_on.as_deref().unwrap_or("now"),
            if e.end_reason.is_empty() { String::new() } else { format!(" ({})", e.end_reason) }
        ));
    }
    lines.join("\n")
}
