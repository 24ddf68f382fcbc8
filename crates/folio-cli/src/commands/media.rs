//! `folio media`: photos of artwork and recordings of sessions, thin over
//! `folio_core::media`. `media list --json` is a top-level list of items with `id`,
//! `client`, `kind` (`photo`, `audio`, `video`), `fileName`, `mediaType`, `size`, `addedOn`,
//! `artwork`, `session`, `caption`, `consent`, `state` and `review`: a contract.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use folio_core::dates::format_uk;
use folio_core::media::{self, Media, MediaForm, MediaKind, MediaState};
use folio_core::{Error, Result};

use crate::context::{read_vault, with_vault, Context};

#[derive(Subcommand)]
pub enum MediaCommand {
    /// Add a photo of artwork or a recording of a session (prints its number); needs the
    /// client's consent (photos of artwork; recording, in writing)
    Add(Box<AddArgs>),
    /// Every photo and recording, newest first (one client's with --client)
    List {
        #[arg(long = "client", value_name = "CODE")]
        code: Option<String>,
    },
    /// One photo or recording
    Show { id: i64 },
    /// Write a copy to FILE (never overwrites); the copy is not encrypted
    Export {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Photos and recordings whose consent no longer counts (withdrawn, expired): keep each
    /// with a reason, or destroy it
    Review,
    /// Keep an item whose consent no longer counts, with the reason
    Keep {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Destroy an item for good: the stored file is deleted, its history kept
    Destroy {
        id: i64,
        #[arg(long)]
        reason: String,
        /// Confirm the destruction
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Args)]
pub struct AddArgs {
    code: String,
    file: PathBuf,
    /// photo, audio or video
    #[arg(long)]
    kind: String,
    /// For a photo: the reference of the piece it shows (ART-0007)
    #[arg(long, value_name = "REF")]
    artwork: Option<String>,
    /// The session it was made in (its id from `session list`)
    #[arg(long, value_name = "ID")]
    session: Option<i64>,
    /// A few words (initials only)
    #[arg(long, default_value = "")]
    caption: String,
}

pub fn run(command: MediaCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        MediaCommand::Add(a) => {
            let input = folio_core::inputs::media_input(&a.kind);
            let (file, _) = folio_core::inputs::open(&a.file, input)?;
            let file_name = a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut reader = BufReader::new(folio_core::inputs::bounded(file, input));
            let form = MediaForm { kind: a.kind, artwork: a.artwork, session: a.session, caption: a.caption };
            let added = with_vault(ctx, |vault| media::add_stream(vault, &a.code, form, &file_name, &mut reader))?;
            if added.kind == MediaKind::Photo {
                // To standard error, so it is seen under --json too.
                eprintln!("reminder: {}", media::PHOTO_REMINDER);
            }
            out.value(&added, || added.id.to_string());
        }
        MediaCommand::List { code } => {
            let list = read_vault(ctx, |vault| media::list(vault, code.as_deref()))?;
            out.value(&list, || list_text(&list, "No photos or recordings yet."));
        }
        MediaCommand::Show { id } => {
            let item = read_vault(ctx, |vault| media::show(vault, id))?;
            out.value(&item, || show_text(&item));
        }
        MediaCommand::Review => {
            let list = read_vault(ctx, media::needing_review)?;
            out.value(&list, || {
                list_text(&list, "Nothing to review: every photo and recording has a consent that counts.")
            });
        }
        MediaCommand::Export { id, out: path } => {
            if path.exists() {
                return Err(Error::InvalidInput {
                    field: "out",
                    message: "The file given with --out already exists. Choose a new file name; Folio never overwrites a file.".into(),
                });
            }
            let mut created = false;
            let written = with_vault(ctx, |vault| {
                let mut file = File::create_new(&path)
                    .map_err(|e| Error::Storage { action: "create the file given with --out".into(), source: e })?;
                created = true;
                let mut writer = std::io::BufWriter::with_capacity(256 * 1024, &mut file);
                media::export(vault, id, &mut writer)
            });
            if written.is_err() && created {
                // A half-written copy this call made; never anyone else's file.
                let _ = std::fs::remove_file(&path);
            }
            let item = written?;
            eprintln!("warning: {} ({})", media::EXPORT_WARNING, path.display());
            out.value(&item, || format!("Wrote {} ({} bytes) to {}.", item.file_name, item.size, path.display()));
        }
        MediaCommand::Keep { id, reason } => {
            let item = with_vault(ctx, |vault| media::keep_after_review(vault, id, &reason))?;
            out.value(&item, || format!("Item {} is kept after review.", item.id));
        }
        MediaCommand::Destroy { id, reason, yes } => {
            if !yes {
                let item = read_vault(ctx, |vault| media::show(vault, id))?;
                return Err(Error::InvalidInput {
                    field: "yes",
                    message: format!(
                        "This destroys {} {} of {} added on {} for good: the stored file is deleted and only its history is kept. Run it again with --yes to confirm.",
                        item.kind.label().to_lowercase(),
                        item.id,
                        item.client,
                        format_uk(item.added_on)
                    ),
                });
            }
            let item = with_vault(ctx, |vault| media::destroy(vault, id, &reason))?;
            out.value(&item, || format!("Item {} was destroyed; its history is kept.", item.id));
        }
    }
    Ok(())
}

fn standing(m: &Media) -> String {
    match (&m.review, m.state) {
        (Some(why), _) => format!("TO REVIEW: {why}"),
        (None, MediaState::KeptAfterReview) => {
            format!(
                "kept after review on {}: {}",
                m.kept_on.map(format_uk).unwrap_or_default(),
                m.kept_reason.clone().unwrap_or_default()
            )
        }
        (None, MediaState::Destroyed) => format!(
            "destroyed on {}: {}",
            m.destroyed_on.map(format_uk).unwrap_or_default(),
            m.destroyed_reason.clone().unwrap_or_default()
        ),
        (None, MediaState::Kept) => "kept".into(),
    }
}

fn list_text(list: &[Media], empty: &str) -> String {
    if list.is_empty() {
        return empty.into();
    }
    list.iter()
        .map(|m| {
            format!(
                "{}  {} ({})  {}  added {}  {}{}",
                m.id,
                m.client,
                m.initials,
                m.kind.label(),
                format_uk(m.added_on),
                standing(m),
                if m.caption.is_empty() { String::new() } else { format!(": {}", m.caption) }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn show_text(m: &Media) -> String {
    let mut lines = vec![
        format!("{} {} · {} ({})", m.kind.label(), m.id, m.client, m.initials),
        format!("File: {} ({}, {} bytes)", m.file_name, m.media_type, m.size),
        format!("Added {} with consent {}", format_uk(m.added_on), m.consent),
    ];
    if let Some(reference) = &m.artwork {
        lines.push(format!("Shows {reference}"));
    }
    if let Some(session) = m.session {
        lines.push(format!("Session {session}"));
    }
    if !m.caption.is_empty() {
        lines.push(format!("Caption: {}", m.caption));
    }
    lines.push(format!("State: {}", standing(m)));
    lines.join("\n")
}
