//! `folio complaint` and `folio incident`: the practice's complaints register and its
//! incident and personal data breach log, thin over `folio_core::{complaints, incidents}`.

use clap::{Args, Subcommand};
use folio_core::complaints::{self, Complaint, ComplaintForm, ComplaintHow, ComplaintStage};
use folio_core::dates::{format_london, format_uk};
use folio_core::incidents::{self, DecisionForm, Incident, IncidentForm, IncidentState, ReportForm};
use folio_core::Result;

use crate::context::{read_vault, with_vault, Context};
use crate::output::one_of;

#[derive(Subcommand)]
pub enum ComplaintCommand {
    /// Record a complaint received (prints its id)
    Add {
        /// The client it is about [default: none, the practice as a whole]
        code: Option<String>,
        /// dd/mm/yyyy: when it was received
        #[arg(long)]
        received: String,
        /// The complaint, in your words
        #[arg(long)]
        summary: String,
        /// Who made it (a name or a role)
        #[arg(long, default_value = "")]
        from: String,
        #[arg(long, default_value = "", help = one_of::<ComplaintHow>("How it was received"))]
        how: String,
    },
    /// Record a stage the complaint reached, with its date
    Stage {
        id: i64,
        #[arg(long, help = one_of::<ComplaintStage>("The stage"))]
        stage: String,
        /// dd/mm/yyyy
        #[arg(long)]
        on: String,
    },
    /// Close the complaint with its outcome
    Close {
        id: i64,
        /// dd/mm/yyyy
        #[arg(long)]
        on: String,
        /// How it was resolved or ended
        #[arg(long)]
        outcome: String,
        /// The response given
        #[arg(long, default_value = "")]
        response: String,
    },
    /// The register: open complaints first
    List {
        /// Only the complaints about this client
        #[arg(long = "client", value_name = "CODE")]
        code: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum IncidentCommand {
    /// Record an incident or personal data breach (prints its id)
    Add(Box<IncidentArgs>),
    /// Record the report to the ICO
    Report {
        id: i64,
        /// "dd/mm/yyyy HH:MM", UK time: when it was reported
        #[arg(long)]
        on: String,
        /// The reasons for the delay (required after the 72-hour deadline, refused before it)
        #[arg(long, default_value = "")]
        late_reason: String,
        /// The ICO's reference
        #[arg(long, default_value = "")]
        reference: String,
    },
    /// Record whether it must be reported to the ICO, and why ("no" closes it)
    Decide {
        id: i64,
        /// yes or no
        #[arg(long)]
        report: String,
        #[arg(long)]
        reason: String,
    },
    /// The log: open incidents first, with the time left to report
    List,
}

#[derive(Args)]
pub struct IncidentArgs {
    /// "dd/mm/yyyy HH:MM", UK time: when you became aware of it
    #[arg(long)]
    aware: String,
    /// What happened (initials only)
    #[arg(long)]
    summary: String,
    /// A client whose data it touched (repeatable)
    #[arg(long = "client", value_name = "CODE")]
    clients: Vec<String>,
    /// The risk to the people whose data it is
    #[arg(long, default_value = "")]
    risk: String,
    /// What was done to contain it and put it right
    #[arg(long, default_value = "")]
    actions: String,
    /// Whether (and how) the people affected were told, or why not
    #[arg(long, default_value = "")]
    people_told: String,
}

pub fn complaint(command: ComplaintCommand, ctx: &Context) -> Result<()> {
    match command {
        ComplaintCommand::Add { code, received, summary, from, how } => {
            let form = ComplaintForm { client: code.unwrap_or_default(), received, from, how, summary };
            let added = with_vault(ctx, |vault| complaints::add(vault, form))?;
            ctx.out.value(&added, || added.id.to_string());
        }
        ComplaintCommand::Stage { id, stage, on } => {
            let c = with_vault(ctx, |vault| complaints::add_stage(vault, id, &stage, &on))?;
            ctx.out.value(&c, || complaint_text(&c));
        }
        ComplaintCommand::Close { id, on, outcome, response } => {
            let c = with_vault(ctx, |vault| complaints::close(vault, id, &on, &outcome, &response))?;
            ctx.out.value(&c, || complaint_text(&c));
        }
        ComplaintCommand::List { code } => {
            let list = read_vault(ctx, |vault| complaints::list(vault, code.as_deref()))?;
            ctx.out.value(&list, || {
                if list.is_empty() {
                    return "No complaints recorded.".into();
                }
                list.iter().map(complaint_text).collect::<Vec<_>>().join("\n")
            });
        }
    }
    Ok(())
}

pub fn incident(command: IncidentCommand, ctx: &Context) -> Result<()> {
    match command {
        IncidentCommand::Add(a) => {
            let form = IncidentForm {
                aware: a.aware,
                summary: a.summary,
                clients: a.clients,
                risk: a.risk,
                actions: a.actions,
                people_told: a.people_told,
            };
            let added = with_vault(ctx, |vault| incidents::add(vault, form))?;
            ctx.out.value(&added, || added.id.to_string());
        }
        IncidentCommand::Report { id, on, late_reason, reference } => {
            let form = ReportForm { on, late_reason, reference };
            let i = with_vault(ctx, |vault| incidents::report(vault, id, form))?;
            ctx.out.value(&i, || incident_text(&i));
        }
        IncidentCommand::Decide { id, report, reason } => {
            let i = with_vault(ctx, |vault| incidents::decide(vault, id, DecisionForm { report, reason }))?;
            ctx.out.value(&i, || incident_text(&i));
        }
        IncidentCommand::List => {
            let list = read_vault(ctx, incidents::list)?;
            ctx.out.value(&list, || {
                if list.is_empty() {
                    return "No incidents recorded.".into();
                }
                list.iter().map(incident_text).collect::<Vec<_>>().join("\n")
            });
        }
    }
    Ok(())
}

fn complaint_text(c: &Complaint) -> String {
    let about = c.client.as_deref().map(|code| format!(" about {code}")).unwrap_or_default();
    let from = if c.from.is_empty() { String::new() } else { format!(" from {}", c.from) };
    let how = c.how.map(|h| format!(" ({})", h.label())).unwrap_or_default();
    let mut lines = vec![
        format!("{:>4}  {}  received {}{from}{how}{about}", c.id, c.state.label(), format_uk(c.received)),
        format!("      {}", c.summary),
    ];
    for s in &c.stages {
        lines.push(format!("      {}: {}", format_uk(s.on), s.stage.label()));
    }
    if let Some(closed) = c.closed {
        lines.push(format!("      closed {}: {}", format_uk(closed), c.outcome));
        if !c.response.is_empty() {
            lines.push(format!("      response: {}", c.response));
        }
    }
    lines.join("\n")
}

fn incident_text(i: &Incident) -> String {
    let clients = if i.clients.is_empty() { String::new() } else { format!("  clients {}", i.clients.join(", ")) };
    let mut lines = vec![
        format!("{:>4}  aware {}  {}{clients}", i.id, format_london(i.aware), i.state.label()),
        format!("      {}", i.summary),
    ];
    match i.state {
        IncidentState::Open => {
            lines.push(format!("      Report to the ICO by {} — {}", format_london(i.report_by), i.countdown))
        }
        IncidentState::Reported => {
            if let Some(on) = i.reported_on {
                let reference = if i.reference.is_empty() { String::new() } else { format!(", ref {}", i.reference) };
                lines.push(format!(
                    "      reported {}{reference} (deadline {})",
                    format_london(on),
                    format_london(i.report_by)
                ));
            }
        }
        IncidentState::NotReported => {}
    }
    for (label, text) in [
        ("risk", &i.risk),
        ("actions", &i.actions),
        ("people told", &i.people_told),
        ("decision", &i.decision_reason),
        ("reasons for the delay", &i.late_reason),
    ] {
        if !text.is_empty() {
            lines.push(format!("      {label}: {text}"));
        }
    }
    lines.join("\n")
}
