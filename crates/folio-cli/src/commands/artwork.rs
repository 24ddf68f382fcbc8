//! `folio artwork`: the artwork inventory, thin over `folio_core::artwork`. `artwork list
//! --json` is a top-level list of items with `reference`, `client`, `location`, `state`
//! (`held`, `returned`, `kept`, `disposed`) and `collectBy` (dd/mm/yyyy or null): a contract.

use clap::{Args, Subcommand};
use folio_core::artwork::{self, Artwork, ArtworkForm, ArtworkState, CollectionState, Location};
use folio_core::dates::format_uk;
use folio_core::{Error, Result};

use crate::context::{read_vault, with_vault, Context};

#[derive(Subcommand)]
pub enum ArtworkCommand {
    /// Record a piece of artwork (prints its reference)
    Add(Box<AddArgs>),
    /// The inventory, newest first (one client's with --client)
    List {
        #[arg(long = "client", value_name = "CODE")]
        code: Option<String>,
    },
    /// One item with its history
    Show { reference: String },
    /// Move a held item to another location (a new name is added to the list)
    Move {
        reference: String,
        #[arg(long = "to", value_name = "LOCATION")]
        to: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long, default_value = "")]
        on: String,
    },
    /// Record that the client (or who took it) collected the item
    Return {
        reference: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long, default_value = "")]
        on: String,
        /// Who took it: the client, or by role and initials
        #[arg(long = "to", value_name = "NAME")]
        to: String,
    },
    /// Record that the item is kept beyond therapy with the client's written consent
    Keep {
        reference: String,
        /// Why, and that the client agreed in writing
        #[arg(long)]
        reason: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long, default_value = "")]
        on: String,
    },
    /// Record how the item was disposed of confidentially
    Dispose {
        reference: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long, default_value = "")]
        on: String,
        /// How: shredded, secure disposal at the setting, …
        #[arg(long)]
        how: String,
    },
    /// The locations, with what each holds, is due for collection and is overdue
    Locations,
    /// A PDF sheet of labels (21 to an A4 page: reference, initials and code, date made) for
    /// every piece held, or one client's; FILE must not exist (Folio never overwrites)
    Labels {
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        #[arg(long = "client", value_name = "CODE")]
        code: Option<String>,
    },
    /// A PDF list to walk to the cabinet with: a page per location (or only --location),
    /// each piece held there with a box to tick, overdue first; FILE must not exist
    Sheet {
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        #[arg(long)]
        location: Option<String>,
    },
    /// How many months after therapy ends artwork is kept for collection (1 to 24; seed
    /// 001: two); with --months, sets it
    Settings {
        #[arg(long)]
        months: Option<String>,
    },
}

#[derive(Args)]
pub struct AddArgs {
    code: String,
    /// The title or a description, in your words (initials only)
    #[arg(long)]
    description: String,
    /// dd/mm/yyyy [default: the session's date, or today]
    #[arg(long, default_value = "")]
    made: String,
    /// Paint, clay, collage…
    #[arg(long, default_value = "")]
    medium: String,
    /// A3, 30 × 20 cm…
    #[arg(long, default_value = "")]
    size: String,
    /// Where it is kept ("Cabinet A, drawer 2"); a new name is added to the list
    #[arg(long, default_value = "")]
    location: String,
    /// The session it was made in (its id from `session list`)
    #[arg(long)]
    session: Option<i64>,
}

pub fn run(command: ArtworkCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        ArtworkCommand::Add(a) => {
            let form = ArtworkForm {
                description: a.description,
                made: a.made,
                medium: a.medium,
                size: a.size,
                location: a.location,
                session: a.session,
            };
            let added = with_vault(ctx, |vault| artwork::add(vault, &a.code, form))?;
            out.value(&added, || added.reference.clone());
        }
        ArtworkCommand::List { code } => {
            let list = read_vault(ctx, |vault| artwork::list(vault, code.as_deref()))?;
            out.value(&list, || list_text(&list));
        }
        ArtworkCommand::Show { reference } => {
            let item = read_vault(ctx, |vault| artwork::show(vault, &reference))?;
            out.value(&item, || show_text(&item));
        }
        ArtworkCommand::Move { reference, to, on } => {
            let item = with_vault(ctx, |vault| artwork::move_to(vault, &reference, &to, &on))?;
            out.value(&item, || {
                format!("{} is now kept in {}.", item.reference, item.location.clone().unwrap_or_default())
            });
        }
        ArtworkCommand::Return { reference, on, to } => {
            let item = with_vault(ctx, |vault| artwork::return_to(vault, &reference, &on, &to))?;
            out.value(&item, || changed_text(&item));
        }
        ArtworkCommand::Keep { reference, reason, on } => {
            let item = with_vault(ctx, |vault| artwork::keep(vault, &reference, &on, &reason))?;
            out.value(&item, || changed_text(&item));
        }
        ArtworkCommand::Dispose { reference, on, how } => {
            let item = with_vault(ctx, |vault| artwork::dispose(vault, &reference, &on, &how))?;
            out.value(&item, || changed_text(&item));
        }
        ArtworkCommand::Labels { out: path, code } => {
            let count = with_vault(ctx, |vault| {
                into_new_file(&path, "labels", |file| artwork::write_labels(vault, code.as_deref(), file))
            })?;
            out.value(&serde_json::json!({ "labels": count, "file": path.display().to_string() }), || {
                format!("Wrote {count} label(s) to {}.", path.display())
            });
        }
        ArtworkCommand::Sheet { out: path, location } => {
            let count = with_vault(ctx, |vault| {
                into_new_file(&path, "list", |file| artwork::write_location_list(vault, location.as_deref(), file))
            })?;
            out.value(&serde_json::json!({ "pieces": count, "file": path.display().to_string() }), || {
                format!("Wrote the list of {count} piece(s) held to {}.", path.display())
            });
        }
        ArtworkCommand::Locations => {
            let list = read_vault(ctx, artwork::locations)?;
            out.value(&list, || locations_text(&list));
        }
        ArtworkCommand::Settings { months } => {
            let months = match months {
                Some(typed) => with_vault(ctx, |vault| artwork::set_collection_months(vault, &typed))?,
                None => read_vault(ctx, artwork::collection_months)?,
            };
            out.value(&serde_json::json!({ "collectionMonths": months }), || {
                format!("Artwork not collected is kept for {months} months after therapy ends.")
            });
        }
    }
    Ok(())
}

/// "Held in Cabinet A · due for collection by 28/02/2027".
fn standing(item: &Artwork) -> String {
    match item.state {
        ArtworkState::Held => {
            let place = item.location.clone().unwrap_or_else(|| "no location recorded".into());
            match (item.collection, item.collect_by) {
                (CollectionState::Due, Some(by)) => format!("held in {place}; due for collection by {}", format_uk(by)),
                (CollectionState::Overdue, Some(by)) => {
                    format!("held in {place}; OVERDUE since {}: to be disposed of", format_uk(by))
                }
                _ => format!("held in {place}"),
            }
        }
        other => other.label().to_lowercase(),
    }
}

fn list_text(list: &[Artwork]) -> String {
    if list.is_empty() {
        return "No artwork recorded.".into();
    }
    list.iter()
        .map(|a| {
            format!(
                "{}  {} ({})  made {}  {}: {}",
                a.reference,
                a.client,
                a.initials,
                format_uk(a.made),
                standing(a),
                a.description
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn show_text(a: &Artwork) -> String {
    let mut lines = vec![
        format!("{} · {} ({}) · episode {}", a.reference, a.client, a.initials, a.episode),
        format!("Made {}{}", format_uk(a.made), a.session.map(|s| format!(" in session {s}")).unwrap_or_default()),
        format!("Description: {}", a.description),
    ];
    if !a.medium.is_empty() || !a.size.is_empty() {
        lines.push(format!("Medium and size: {}", [a.medium.as_str(), a.size.as_str()].join(" ").trim()));
    }
    lines.push(format!("Now: {}", standing(a)));
    for e in &a.history {
        let what = match (&e.location, e.detail.as_str()) {
            (Some(place), _) => format!("{}: {place}", e.change.label()),
            (None, detail) => format!("{}: {detail}", e.change.label()),
        };
        lines.push(format!("  {}  {what}", format_uk(e.on)));
    }
    lines.join("\n")
}

fn changed_text(a: &Artwork) -> String {
    let last = a.history.last();
    format!(
        "{}: {} on {}.",
        a.reference,
        a.state.label().to_lowercase(),
        last.map(|e| format_uk(e.on)).unwrap_or_default()
    )
}

fn locations_text(list: &[Location]) -> String {
    if list.is_empty() {
        return "No locations named yet: `folio artwork add … --location NAME` adds one.".into();
    }
    list.iter()
        .map(|l| format!("{}: {} held, {} due for collection, {} overdue", l.name, l.held, l.due, l.overdue))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Creates `path` (never overwriting a file) and lets `write` fill it; a file this call
/// made is removed again if writing fails, so no half-written PDF is left behind.
fn into_new_file<T>(
    path: &std::path::Path,
    what: &str,
    write: impl FnOnce(&mut std::fs::File) -> folio_core::Result<T>,
) -> folio_core::Result<T> {
    let mut file = std::fs::File::create_new(path).map_err(|e| Error::Storage {
        action: format!("create the {what} file (Folio never overwrites one; choose a new name)"),
        source: e,
    })?;
    write(&mut file).inspect_err(|_| {
        let _ = std::fs::remove_file(path);
    })
}
