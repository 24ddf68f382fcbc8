//! `folio import-csv`: clients from a spreadsheet, thin over `folio_core::import`.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use clap::Args;
use folio_core::import::{self, ImportPreview};
use folio_core::inputs;
use folio_core::{Error, Result};

use crate::context::{read_vault, with_vault, Context};

/// Import clients from a spreadsheet saved as CSV: previews every row; imports with --commit
#[derive(Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// Which column fills which field, e.g. --map "Family=familyName" (repeatable; "=-" skips a column)
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// Import the good rows (all in one transaction); without it nothing is written
    #[arg(long)]
    commit: bool,
}

pub fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    let overrides = args.map.iter().map(|m| mapping(m)).collect::<Result<Vec<_>>>()?;
    let mut reader = open(&args.file)?;
    let result = if args.commit {
        with_vault(ctx, |vault| import::import(vault, &mut reader, &overrides))?
    } else {
        read_vault(ctx, |vault| import::preview(vault, &mut reader, &overrides))?
    };
    ctx.out.value(&result, || preview_text(&result, args.commit));
    Ok(())
}

/// One `--map "COLUMN=field"`, split at its first `=`.
fn mapping(m: &str) -> Result<(String, String)> {
    m.split_once('=').map(|(c, f)| (c.trim().to_string(), f.trim().to_string())).ok_or_else(|| Error::InvalidInput {
        field: "map",
        message: format!("Write each mapping as COLUMN=field (\"{m}\" has no =)."),
    })
}

fn open(file: &Path) -> Result<BufReader<impl std::io::Read>> {
    let (opened, _) = inputs::open(file, inputs::IMPORT)?;
    Ok(BufReader::new(inputs::bounded(opened, inputs::IMPORT)))
}

fn preview_text(result: &ImportPreview, committed: bool) -> String {
    let mut lines: Vec<String> = result
        .columns
        .iter()
        .map(|c| format!("column \"{}\" -> {}", c.column, c.field.as_deref().unwrap_or("(not imported)")))
        .collect();
    let mut listed = 0;
    for row in result.rows.iter().filter(|r| !r.ok) {
        lines.push(format!("line {}: {}", row.line, row.problems.join(" ")));
        listed += 1;
    }
    if listed < result.bad {
        lines.push(format!(
            "... and {} more row(s) that cannot be imported: only the first {listed} are listed. Correct these and preview again.",
            result.bad - listed
        ));
    }
    lines.push(if committed {
        format!("Imported {} client(s); {} row(s) left out (listed above).", result.good, result.bad)
    } else {
        format!(
            "{} row(s) can be imported, {} cannot (listed above). Nothing has been written: run again with --commit to import the good rows.",
            result.good, result.bad
        )
    });
    lines.join("\n")
}
