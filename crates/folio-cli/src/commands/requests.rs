//! `folio request`: the request register (rights requests and their legal deadlines),
//! thin over `folio_core::requests`.

use clap::Subcommand;
use folio_core::dates::format_uk;
use folio_core::requests::{
    self, ExtensionForm, IdentityForm, MadeBy, RequestCloseForm, RequestForm, RequestKind, RequestOutcome,
    RightsRequest,
};
use folio_core::Result;

use crate::context::{read_vault, with_vault, Context};
use crate::output::one_of;

#[derive(Subcommand)]
pub enum RequestCommand {
    /// Record a rights request received (prints its id)
    Add {
        /// The client it is about [default: none, the person has no record here]
        code: Option<String>,
        #[arg(long, help = one_of::<RequestKind>("The right used"))]
        kind: String,
        /// dd/mm/yyyy: when it was received
        #[arg(long)]
        received: String,
        /// What they asked for, in your words
        #[arg(long)]
        summary: String,
        #[arg(long, default_value = "client", help = one_of::<MadeBy>("Who made it"))]
        made_by: String,
        /// Who made it, by role and initials
        #[arg(long, default_value = "")]
        from: String,
    },
    /// Record how the requester's identity was confirmed
    Identity {
        id: i64,
        /// dd/mm/yyyy: when it was confirmed
        #[arg(long)]
        on: String,
        /// How ("passport seen", "known to me in person")
        #[arg(long)]
        how: String,
        /// You asked for proof and waited for it: the month runs from --on
        #[arg(long)]
        waited: bool,
    },
    /// Extend the deadline by one or two months (two in all), told within the first month
    Extend {
        id: i64,
        /// 1 or 2
        #[arg(long)]
        months: String,
        /// Why more time is needed (a complex request, or one of many)
        #[arg(long)]
        reason: String,
        /// dd/mm/yyyy: when you told them, with the reason
        #[arg(long)]
        told_on: String,
    },
    /// Close the request with how it ended
    Close {
        id: i64,
        /// dd/mm/yyyy
        #[arg(long)]
        on: String,
        #[arg(long, help = one_of::<RequestOutcome>("How it ended"))]
        outcome: String,
        /// What was sent or done; the reasons for anything withheld or refused
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The register: open requests first, soonest deadline first
    List {
        /// Only the requests about this client
        #[arg(long = "client", value_name = "CODE")]
        code: Option<String>,
        /// Only the open ones
        #[arg(long)]
        open: bool,
    },
}

pub fn run(command: RequestCommand, ctx: &Context) -> Result<()> {
    let request = match command {
        RequestCommand::Add { code, kind, received, summary, made_by, from } => {
            let form = RequestForm { client: code.unwrap_or_default(), kind, made_by, from, received, summary };
            let added = with_vault(ctx, |vault| requests::add(vault, form))?;
            ctx.out.value(&added, || added.id.to_string());
            return Ok(());
        }
        RequestCommand::Identity { id, on, how, waited } => {
            with_vault(ctx, |vault| requests::check_identity(vault, id, IdentityForm { on, how, waited }))?
        }
        RequestCommand::Extend { id, months, reason, told_on } => {
            with_vault(ctx, |vault| requests::extend(vault, id, ExtensionForm { months, reason, told_on }))?
        }
        RequestCommand::Close { id, on, outcome, note } => {
            with_vault(ctx, |vault| requests::close(vault, id, RequestCloseForm { on, outcome, note }))?
        }
        RequestCommand::List { code, open } => {
            let mut list = read_vault(ctx, |vault| requests::list(vault, code.as_deref()))?;
            list.retain(|r| !open || r.closed.is_none());
            ctx.out.value(&list, || {
                if list.is_empty() {
                    return "No rights requests recorded.".into();
                }
                list.iter().map(request_text).collect::<Vec<_>>().join("\n")
            });
            return Ok(());
        }
    };
    ctx.out.value(&request, || request_text(&request));
    Ok(())
}

fn request_text(r: &RightsRequest) -> String {
    let about = match (&r.client, &r.initials) {
        (Some(code), Some(initials)) => format!("about {code} ({initials})"),
        _ => "about someone with no record here".into(),
    };
    let from = if r.from.is_empty() {
        r.made_by.label().to_string()
    } else {
        format!("{}, {}", r.from, r.made_by.label().to_lowercase())
    };
    let mut lines = vec![
        format!("{:>4}  {}  {}  received {}  {about}", r.id, r.state.label(), r.kind.label(), format_uk(r.received)),
        format!("      from {from}"),
        format!("      {}", r.summary),
    ];
    match &r.identity {
        Some(i) => lines.push(format!("      identity confirmed {}: {}", format_uk(i.on), i.how)),
        None if r.closed.is_none() => lines.push("      identity not yet confirmed".into()),
        None => {}
    }
    for e in &r.extensions {
        let months = if e.months == 1 { "1 month" } else { "2 months" };
        lines.push(format!("      extended by {months}, told {}: {}", format_uk(e.told_on), e.reason));
    }
    match (r.closed, r.outcome) {
        (Some(on), Some(outcome)) => {
            lines.push(format!("      closed {}: {}", format_uk(on), outcome.label()));
            if !r.note.is_empty() {
                lines.push(format!("      {}", r.note));
            }
        }
        _ => {
            lines.push(format!("      answer by {} ({}): {}", format_uk(r.due), r.countdown, r.due_because));
            if let Some(by) = r.extend_by {
                lines.push(format!("      can be extended if you tell them by {}", format_uk(by)));
            }
        }
    }
    lines.join("\n")
}
