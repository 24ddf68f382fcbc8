//! `folio client`, `folio referral`, `folio episode`: thin over `folio_core::clients`.

use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use folio_core::clients::{self, ClientFilter, ClientRecord, ClientSort, ClientState, ClientSummary};
use folio_core::dates::format_uk;
use folio_core::referrals::{Funding, Modality, ReferralForm, Referrer};
use folio_core::Result;

use super::YesNo;
use crate::context::{read_vault, with_vault, Context};
use crate::output::{count, label_of, one_of, one_of_or, table};

#[derive(Subcommand)]
pub enum ClientCommand {
    /// List clients by code and initials (names are never listed), newest referral first
    List(ListArgs),
    /// Show everything held about one client (the identity panel)
    Show { code: String },
    /// Add a client from a short referral (use `folio referral add FILE` for the full form)
    Add(AddArgs),
    /// Replace a client's referral details with the form in FILE (JSON; see docs/cli.md)
    Update { code: String, file: PathBuf },
    /// Move a client to another state on a date
    State {
        code: String,
        #[arg(help = one_of::<ClientState>("The new state"))]
        state: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        on: Option<String>,
        /// A note; required when the episode ends (the reason)
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long, help = one_of::<ClientState>("Only clients in this state"))]
    state: Option<String>,
    #[arg(long, help = one_of::<Modality>("Only clients offered this therapy"))]
    modality: Option<String>,
    /// Part of the school or care setting's name
    #[arg(long)]
    setting: Option<String>,
    /// Only clients with (yes) or without (no) a safeguarding flag
    #[arg(long, value_enum)]
    safeguarding: Option<YesNo>,
    /// Part of a name, the initials or the code
    #[arg(long)]
    search: Option<String>,
    #[arg(long, help = one_of_or("The order", ClientSort::ReferralDate))]
    sort: Option<String>,
}

#[derive(Args)]
pub struct AddArgs {
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
    #[arg(long, help = one_of::<Modality>("The therapy offered"))]
    modality: Option<String>,
    #[arg(long, help = one_of::<Funding>("Who pays"))]
    funding: Option<String>,
    /// School or care setting
    #[arg(long)]
    setting: Option<String>,
    /// The setting is a school: consents are then refreshed at each new episode
    #[arg(long, requires = "setting")]
    setting_is_school: bool,
    /// Flag a safeguarding concern
    #[arg(long)]
    safeguarding: bool,
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
        /// How it ended: one of the states that close an episode
        #[arg(long = "as", value_parser = closing_states(), default_value = ClientState::Ended.as_str())]
        end_as: String,
    },
}

/// The states that close an episode, as the core spells them: `episode end --as` offers
/// only these (any other move is `client state`).
fn closing_states() -> PossibleValuesParser {
    PossibleValuesParser::new(ClientState::ALL.iter().filter(|s| s.is_closed()).map(|s| s.as_str()))
}

pub fn client(command: ClientCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        ClientCommand::List(args) => {
            let filter = ClientFilter {
                state: args.state.unwrap_or_default(),
                modality: args.modality.unwrap_or_default(),
                setting: args.setting.unwrap_or_default(),
                safeguarding: args.safeguarding.map(bool::from),
                search: args.search.unwrap_or_default(),
                sort: args.sort.unwrap_or_default(),
            };
            let list = read_vault(ctx, |vault| clients::list(vault, &filter))?;
            out.value(&list, || list_text(&list));
        }
        ClientCommand::Show { code } => {
            let record = read_vault(ctx, |vault| clients::show(vault, &code))?;
            out.value(&record, || record_text(&record));
        }
        ClientCommand::Add(args) => {
            let form = ReferralForm {
                given_name: args.given,
                family_name: args.family,
                date_of_birth: args.dob.unwrap_or_default(),
                date_of_birth_unknown: args.dob_unknown,
                referral_date: args.referral_date.unwrap_or_default(),
                modality: args.modality.unwrap_or_default(),
                funding: args.funding.unwrap_or_default(),
                setting_name: args.setting.unwrap_or_default(),
                setting_is_school: args.setting_is_school,
                safeguarding_concern: args.safeguarding,
                ..ReferralForm::default()
            };
            add(ctx, form)?;
        }
        ClientCommand::Update { code, file } => {
            let form = read_form(&file)?;
            let updated = with_vault(ctx, |vault| clients::update_referral(vault, &code, form))?;
            out.value(&updated, || format!("Updated {}.", updated.code));
        }
        ClientCommand::State { code, state, on, note } => {
            let moved =
                with_vault(ctx, |vault| clients::change_state(vault, &code, &state, &on.unwrap_or_default(), &note))?;
            out.value(&moved, || {
                format!("{} moved to \"{}\" on {}.", moved.code, moved.state.label(), format_uk(moved.state_since))
            });
        }
    }
    Ok(())
}

pub fn referral(command: ReferralCommand, ctx: &Context) -> Result<()> {
    match command {
        ReferralCommand::Add { file } => add(ctx, read_form(&file)?),
    }
}

pub fn episode(command: EpisodeCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        EpisodeCommand::Start { code, on, note } => {
            let started = with_vault(ctx, |vault| clients::re_refer(vault, &code, &on.unwrap_or_default(), &note))?;
            out.value(&started, || {
                format!("{}: episode {} started {}.", started.code, started.episode, format_uk(started.state_since))
            });
        }
        EpisodeCommand::End { code, reason, on, end_as } => {
            let ended = with_vault(ctx, |vault| {
                clients::change_state(vault, &code, &end_as, &on.unwrap_or_default(), &reason)
            })?;
            out.value(&ended, || {
                format!(
                    "{}: episode {} {} {} ({}).",
                    ended.code,
                    ended.episode,
                    ended.state.label().to_lowercase(),
                    format_uk(ended.state_since),
                    reason.trim()
                )
            });
        }
    }
    Ok(())
}

/// Adds a referral; a short referral with no date is referred today (the vault's clock).
fn add(ctx: &Context, mut form: ReferralForm) -> Result<()> {
    let added = with_vault(ctx, |vault| {
        if form.referral_date.trim().is_empty() {
            form.referral_date = format_uk(vault.today());
        }
        clients::add_referral(vault, form)
    })?;
    ctx.out.value(&added, || format!("Added {} (referred {}).", added.code, format_uk(added.referral_date)));
    Ok(())
}

fn read_form(file: &Path) -> Result<ReferralForm> {
    folio_core::referrals::read_form_file(file)
}

fn list_text(list: &[ClientSummary]) -> String {
    if list.is_empty() {
        return "No clients match. Add one with `folio client add` or `folio referral add FILE`.".into();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.code.clone(),
                c.state.label().into(),
                format_uk(c.referral_date),
                c.next_session.map(format_uk).unwrap_or_else(|| "-".into()),
                c.modality.map_or("-", Modality::label).into(),
                if c.safeguarding { "yes" } else { "" }.into(),
                c.setting_name.clone(),
            ]
        })
        .collect();
    let headings = ["Code", "State", "Referred", "Next session", "Therapy", "Safeguarding", "Setting"];
    format!("{}\n{}", table(&headings, &rows), count(list.len(), "client", "clients"))
}

fn record_text(r: &ClientRecord) -> String {
    let f = &r.referral;
    let s = &r.summary;
    let mut lines = vec![
        format!("{} ({}), {} since {}", s.code, s.initials, s.state.label(), format_uk(s.state_since)),
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
    let school = if f.setting_is_school { " (a school)" } else { "" };
    field("Setting:", &format!("{}{school}", f.setting_name));
    field("Referred:", &format_uk(s.referral_date));
    field("Referrer:", label_of::<Referrer>(&f.referrer));
    field("Therapy:", label_of::<Modality>(&f.modality));
    field("Funding:", label_of::<Funding>(&f.funding));
    field("GP:", format!("{} {}", f.gp_name, f.gp_surgery).trim());
    field("Difficulty:", &f.difficulty);
    field("Safeguarding:", if f.safeguarding_concern { "concern flagged" } else { "" });
    let next: Vec<&str> = r.next_states.iter().map(|s| s.label()).collect();
    field("Can move to:", &next.join(", "));
    for p in &r.professionals {
        let organisation = if p.organisation.is_empty() { String::new() } else { format!(", {}", p.organisation) };
        lines.push(format!("Professional {}: {}, {}{organisation}", p.id, p.name, p.role.label()));
    }
    for e in &r.episodes {
        lines.push(format!(
            "Episode {}: {} to {}{}",
            e.number,
            format_uk(e.started_on),
            e.ended_on.map(format_uk).unwrap_or_else(|| "now".into()),
            if e.end_reason.is_empty() { String::new() } else { format!(" ({})", e.end_reason) }
        ));
    }
    lines.join("\n")
}
