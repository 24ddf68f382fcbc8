//! `folio retention`: the practice's retention policy, legal holds, and where every record
//! stands; thin over `folio_core::retention`. `retention status --json` is a top-level list
//! of `{"client", "category", "item", "state", "dueOn", "reason"}`: a contract.

use clap::Subcommand;
use folio_core::dates::format_uk;
use folio_core::retention::rules::{Anchor, Category, When};
use folio_core::retention::{self, rule_text, Entry, Hold, Policy, PolicyChange};
use folio_core::Result;

use crate::context::{read_vault, with_vault, Context};
use crate::output::{one_of, table, values};

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// The retention policy: the presets, the one in force, choosing one
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Where every client's records stand: one line per client and category, and per
    /// letter, piece of artwork, photo and recording
    Status {
        /// The day to check on, dd/mm/yyyy [default: today]; changes nothing
        #[arg(long, default_value = "")]
        as_of: String,
        /// Only this client's records
        #[arg(long = "client", value_name = "CODE")]
        code: Option<String>,
    },
    /// Put a client's records on legal hold (a complaint, a claim, an inquiry): nothing of
    /// theirs is destroyed until it is released; no date moves
    Hold {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// Release a client's legal hold (refused while a complaint about them is open)
    Release { code: String },
    /// Every legal hold, placed and released
    Holds,
}

#[derive(Subcommand)]
pub enum PolicyCommand {
    /// The presets, with their ids and sources
    Presets,
    /// The policy in force, rule by rule
    Show,
    /// Choose a preset as the practice's policy (every date is computed again)
    Set { preset: String },
    /// Edit one category's rule, case by case (every date is computed again); `policy show`
    /// prints each rule in this form to copy
    #[command(after_help = rule_help())]
    Rule {
        #[arg(help = one_of::<Category>("The category whose rule changes"))]
        category: String,
        /// A case, `WHEN: PERIOD, PERIOD` (like "child: birth+25y, end+7y"); give one --case
        /// per case, in order: the first whose condition holds is used, and the later of its
        /// periods
        #[arg(long = "case", value_name = "CASE", required = true)]
        cases: Vec<String>,
    },
    /// Every change of policy, with the old and new rules
    Changes,
}

/// The text form of a case, with the ids each part takes.
fn rule_help() -> String {
    format!(
        "A case is WHEN: PERIOD, PERIOD, ...\n  WHEN: {} (leave it and its colon out for always)\n  \
         PERIOD: what it counts from, a plus sign and years (y), months (m) or both: end+7y, end+2m, birth+1y6m\n  \
         counted from: {}\n\n\
         Example: folio retention policy rule client-record --case \"child: birth+25y, end+7y\" --case \"adult: end+7y\"",
        values::<When>(),
        values::<Anchor>()
    )
}

pub fn run(command: RetentionCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        RetentionCommand::Policy { command } => match command {
            PolicyCommand::Presets => {
                let presets = retention::presets();
                out.value(&presets, || {
                    presets
                        .iter()
                        .map(|p| format!("{}  {}\n    {}", p.id, p.name, p.description))
                        .collect::<Vec<_>>()
                        .join("\n")
                });
            }
            PolicyCommand::Show => {
                let policy = read_vault(ctx, retention::policy)?;
                out.value(&policy, || match &policy {
                    Some(p) => policy_text(p),
                    None => "No retention policy chosen yet: `folio retention policy set PRESET` (see `folio retention policy presets`).".into(),
                });
            }
            PolicyCommand::Set { preset } => {
                let policy = with_vault(ctx, |vault| retention::set_preset(vault, &preset))?;
                out.value(&policy, || {
                    format!("The retention policy is now {}.\n{}", policy.preset, policy_text(&policy))
                });
            }
            PolicyCommand::Rule { category, cases } => {
                let (category, policy) = with_vault(ctx, |vault| retention::set_rule_text(vault, &category, &cases))?;
                out.value(&policy, || {
                    format!(
                        "{}: {}\nEvery date is computed again from the new rule (folio retention status).",
                        category.label(),
                        retention::rules::rule_words(policy.rule(category))
                    )
                });
            }
            PolicyCommand::Changes => {
                let changes = read_vault(ctx, retention::changes)?;
                out.value(&changes, || {
                    if changes.is_empty() {
                        return "The retention policy has not been chosen yet.".into();
                    }
                    changes.iter().map(change_text).collect::<Vec<_>>().join("\n")
                });
            }
        },
        RetentionCommand::Status { as_of, code } => {
            let entries = read_vault(ctx, |vault| retention::status(vault, &as_of, code.as_deref()))?;
            out.value(&entries, || status_text(&entries));
        }
        RetentionCommand::Hold { code, reason } => {
            let hold = with_vault(ctx, |vault| retention::hold(vault, &code, &reason))?;
            out.value(&hold, || {
                format!(
                    "{}'s records are on hold from {}: nothing of theirs is destroyed until the hold is released.",
                    hold.client,
                    format_uk(hold.placed_on)
                )
            });
        }
        RetentionCommand::Release { code } => {
            let hold = with_vault(ctx, |vault| retention::release(vault, &code))?;
            out.value(&hold, || {
                format!("{}'s hold released on {}.", hold.client, hold.released_on.map(format_uk).unwrap_or_default())
            });
        }
        RetentionCommand::Holds => {
            let holds = read_vault(ctx, |vault| retention::holds(vault, None))?;
            out.value(&holds, || holds_text(&holds));
        }
    }
    Ok(())
}

fn policy_text(p: &Policy) -> String {
    let view = retention::view_of(p);
    let edited = if view.edited { " (edited)" } else { "" };
    let rules: Vec<String> = view
        .rules
        .iter()
        .map(|r| format!("{}: {}\n{}", r.category.label(), r.words, edit_line(p, r.category)))
        .collect();
    format!("{}{edited}\n{}", view.name, rules.join("\n"))
}

/// The command that would set the category's rule as it is, to copy and edit.
fn edit_line(p: &Policy, category: Category) -> String {
    let cases: Vec<String> = rule_text::rule_text(p.rule(category)).iter().map(|c| format!("--case \"{c}\"")).collect();
    format!("    folio retention policy rule {} {}", category.as_str(), cases.join(" "))
}

/// A change of policy: when, the presets, and each rule that changed, old → new.
fn change_text(c: &PolicyChange) -> String {
    let at = folio_core::dates::format_uk_timestamp(&c.at);
    let mut lines = vec![match &c.old {
        Some(old) if old.preset == c.new.preset => format!("{at}  {}", c.new.preset),
        Some(old) => format!("{at}  {} → {}", old.preset, c.new.preset),
        None => format!("{at}  none → {}", c.new.preset),
    }];
    lines.extend(c.changed.iter().map(|r| {
        let old = r.old.as_deref().unwrap_or("none");
        format!("    {}: {old} → {}", r.category.label(), r.new)
    }));
    if c.changed.is_empty() {
        lines.push("    No rule changed.".into());
    }
    lines.join("\n")
}

fn status_text(entries: &[Entry]) -> String {
    if entries.is_empty() {
        return "No records.".into();
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.client.clone(),
                e.category.label().to_string(),
                e.item.clone().unwrap_or_default(),
                e.state.label().to_string(),
                e.due_on.map(format_uk).unwrap_or_default(),
                e.reason.clone(),
            ]
        })
        .collect();
    table(&["Client", "Category", "Item", "State", "Kept until", "Why"], &rows)
}

fn holds_text(holds: &[Hold]) -> String {
    if holds.is_empty() {
        return "No legal holds.".into();
    }
    holds
        .iter()
        .map(|h| {
            let until = h.released_on.map_or("in force".to_string(), |d| format!("released {}", format_uk(d)));
            format!("{}  from {} ({until}): {}", h.client, format_uk(h.placed_on), h.reason)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
