//! `folio consent`: the consent ledger, thin over `folio_core::consents`. A consent's
//! `--json` keys (`id`, `client`, `purpose`, `givenBy`, `how`, `given`, `state`, `reviewOn`,
//! `refreshOn`) are a contract for scripts.

use std::io::{BufReader, Read};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use folio_core::consents::{self, Consent, ConsentForm, How, Purpose, ToldFile};
use folio_core::dates::format_uk;
use folio_core::Result;

use crate::context::{read_vault, with_vault, Context};
use crate::output::one_of;

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Record a consent (prints its id). Training, funding and publicity are separate
    /// opt-ins: refusing them changes nothing about therapy
    Add(Box<AddArgs>),
    /// The practice's consents, or one client's, newest first
    List { code: Option<String> },
    /// One consent: who gave it, how, what they were told, its dates, reviews and withdrawal
    Show { id: i64 },
    /// Record that a consent was reviewed: the next review is a year later
    Review {
        id: i64,
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        on: Option<String>,
        /// What was checked or changed
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record a withdrawal: dated, by whom; the consent and its history stay
    Withdraw {
        id: i64,
        /// dd/mm/yyyy
        #[arg(long)]
        on: String,
        /// Who withdrew it
        #[arg(long)]
        by: String,
    },
    /// The review and refresh intervals of each purpose (months); with a purpose and both
    /// intervals, changes them. Dates of consents already recorded follow the change
    Intervals {
        #[arg(help = one_of::<Purpose>("The purpose to change"), requires_all = ["review_months", "refresh_months"])]
        purpose: Option<String>,
        /// Months from the consent (or its last review) to the next review (1 to 60)
        #[arg(long)]
        review_months: Option<String>,
        /// Months from the consent to its refresh (1 to 120)
        #[arg(long)]
        refresh_months: Option<String>,
    },
    /// Consents due for review or refresh, or expired
    Due {
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        as_of: Option<String>,
    },
}

#[derive(Args)]
pub struct AddArgs {
    /// The client (e.g. JQ-0001)
    code: String,
    #[arg(long, help = one_of::<Purpose>("What the consent is for"))]
    purpose: String,
    /// What it is for, with --purpose other
    #[arg(long, default_value = "")]
    custom_purpose: String,
    /// "client", or the name of a person with parental responsibility as on the referral
    #[arg(long)]
    given_by: String,
    #[arg(long, help = one_of::<How>("How it was given (verbal never counts as written)"))]
    how: String,
    /// dd/mm/yyyy: when it was given
    #[arg(long)]
    on: String,
    /// For a young person's own consent: who judged them competent, when and why
    #[arg(long, default_value = "")]
    competence: String,
    /// What the person was told (the wording of the form)
    #[arg(long, conflicts_with = "told_file", default_value = "")]
    told: String,
    /// The form or letter they were given, kept encrypted with the consent
    #[arg(long, value_name = "FILE")]
    told_file: Option<PathBuf>,
    /// Online contact: the platforms agreed with the parent ("Video call app, phone")
    #[arg(long, default_value = "")]
    platforms: String,
    /// Online contact: what happens if the technology fails
    #[arg(long, default_value = "", value_name = "TEXT")]
    if_tech_fails: String,
    /// Recording: the agreed therapeutic plan the recording is part of
    #[arg(long, default_value = "")]
    plan: String,
}

pub fn run(command: ConsentCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        ConsentCommand::Add(args) => {
            let mut file = match &args.told_file {
                Some(path) => {
                    let (file, _) = folio_core::inputs::open(path, folio_core::inputs::ATTACHMENT)?;
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    Some((name, BufReader::new(file)))
                }
                None => None,
            };
            let form = ConsentForm {
                purpose: args.purpose,
                custom_purpose: args.custom_purpose,
                given_by: args.given_by,
                competence: args.competence,
                how: args.how,
                on: args.on,
                told: args.told,
                platforms: args.platforms,
                failure_plan: args.if_tech_fails,
                plan: args.plan,
            };
            let consent = with_vault(ctx, |vault| {
                let told = file.as_mut().map(|(file_name, reader)| ToldFile::Stream {
                    file_name: file_name.clone(),
                    reader: reader as &mut dyn Read,
                });
                consents::add(vault, &args.code, form, told)
            })?;
            out.value(&consent, || consent.id.to_string());
        }
        ConsentCommand::List { code } => {
            let list = read_vault(ctx, |vault| consents::list(vault, code.as_deref()))?;
            out.value(&list, || {
                list_text(&list, "No consents recorded yet. Record one with: folio consent add CODE …")
            });
        }
        ConsentCommand::Show { id } => {
            let consent = read_vault(ctx, |vault| consents::show(vault, id))?;
            out.value(&consent, || show_text(&consent));
        }
        ConsentCommand::Review { id, on, note } => {
            let consent = with_vault(ctx, |vault| consents::review(vault, id, on.as_deref().unwrap_or(""), &note))?;
            out.value(&consent, || format!("Reviewed consent {id}. Next review {}.", format_uk(consent.review_on)))
        }
        ConsentCommand::Withdraw { id, on, by } => {
            let consent = with_vault(ctx, |vault| consents::withdraw(vault, id, &on, &by))?;
            out.value(&consent, || {
                let affects = consent.withdrawal.as_ref().map(|w| w.affects.as_str()).unwrap_or_default();
                format!("Recorded the withdrawal of consent {id}. {affects}")
            });
        }
        ConsentCommand::Intervals { purpose, review_months, refresh_months } => {
            let list = match purpose {
                Some(purpose) => {
                    let (review, refresh) = (review_months.unwrap_or_default(), refresh_months.unwrap_or_default());
                    vec![with_vault(ctx, |vault| consents::set_intervals(vault, &purpose, &review, &refresh))?]
                }
                None => read_vault(ctx, consents::intervals)?,
            };
            out.value(&list, || {
                list.iter()
                    .map(|i| {
                        format!(
                            "{:<45} review every {} months, refresh after {} months{}",
                            i.purpose.label(),
                            i.review_months,
                            i.refresh_months,
                            if i.edited { " (changed)" } else { "" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsentCommand::Due { as_of } => {
            let due = read_vault(ctx, |vault| consents::due(vault, as_of.as_deref().unwrap_or("")))?;
            out.value(&due, || list_text(&due, "No consent is due for review or refresh."));
        }
    }
    Ok(())
}

fn purpose_words(c: &Consent) -> String {
    if c.custom_purpose.is_empty() {
        c.purpose.label().to_string()
    } else {
        format!("{} ({})", c.purpose.label(), c.custom_purpose)
    }
}

fn list_text(list: &[Consent], empty: &str) -> String {
    if list.is_empty() {
        return empty.into();
    }
    list.iter()
        .map(|c| {
            format!(
                "{:>4}  {} ({})  {}  given {} by {}, {}  — {}; review {}, refresh {}{}",
                c.id,
                c.client,
                c.initials,
                purpose_words(c),
                format_uk(c.given),
                c.given_by,
                c.how.label().to_lowercase(),
                c.state.label(),
                format_uk(c.review_on),
                format_uk(c.refresh_on),
                c.replaced_by.map(|r| format!(" (replaced by {r})")).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn show_text(c: &Consent) -> String {
    let mut out = vec![
        format!("Consent {} · {} ({}) · {}", c.id, c.client, c.initials, purpose_words(c)),
        format!(
            "Given {} by {} ({}), {}.",
            format_uk(c.given),
            c.given_by,
            c.given_by_role.label().to_lowercase(),
            c.how.label().to_lowercase()
        ),
        format!(
            "State: {}. Review by {}; refresh by {}.",
            c.state.label(),
            format_uk(c.review_on),
            format_uk(c.refresh_on)
        ),
    ];
    for (label, text) in [
        ("Platforms agreed", &c.platforms),
        ("If the technology fails", &c.failure_plan),
        ("Therapeutic plan", &c.plan),
    ] {
        if !text.is_empty() {
            out.push(format!("{label}: {text}"));
        }
    }
    if !c.competence.is_empty() {
        out.push(format!("Competence: {}", c.competence));
    }
    if !c.told.is_empty() {
        out.push(format!("Told: {}", c.told));
    }
    if let Some(f) = &c.told_file {
        out.push(format!("Form kept: [{}] {} ({} bytes)", f.id, f.file_name, f.size));
    }
    if !c.reviewed.is_empty() {
        let dates: Vec<String> = c.reviewed.iter().map(|d| format_uk(*d)).collect();
        out.push(format!("Reviewed: {}", dates.join(", ")));
    }
    if let Some(w) = &c.withdrawal {
        out.push(format!("Withdrawn {} by {}. {}", format_uk(w.on), w.by, w.affects));
    }
    if let Some(r) = c.replaced_by {
        out.push(format!("Replaced by consent {r}."));
    }
    out.join("\n")
}
