//! `folio professional`: the professionals directory, thin over `folio_core::professionals`.

use clap::Subcommand;
use folio_core::professionals::{self, Professional, ProfessionalForm, Role};
use folio_core::Result;

use crate::context::{read_vault, with_vault, Context};
use crate::output::{one_of, table};

#[derive(Subcommand)]
pub enum ProfessionalCommand {
    /// Add someone to the directory
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, help = one_of::<Role>("Their role"))]
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

pub fn run(command: ProfessionalCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        ProfessionalCommand::Add { name, role, organisation, phone, email } => {
            let form = ProfessionalForm { name, role, organisation, phone, email };
            let added = with_vault(ctx, |vault| professionals::add(vault, form))?;
            out.value(&added, || {
                format!("Added {} ({}) as professional {}.", added.name, added.role.label(), added.id)
            });
        }
        ProfessionalCommand::List => {
            let list = read_vault(ctx, professionals::list)?;
            out.value(&list, || directory_text(&list));
        }
        ProfessionalCommand::Link { code, id } => {
            with_vault(ctx, |vault| professionals::link(vault, &code, id))?;
            out.value(&serde_json::json!({"linked": true}), || {
                format!("Linked professional {id} to {}.", code.trim().to_uppercase())
            });
        }
    }
    Ok(())
}

fn directory_text(list: &[Professional]) -> String {
    if list.is_empty() {
        return "The directory is empty. Add someone with `folio professional add`.".into();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| vec![p.id.to_string(), p.name.clone(), p.role.label().into(), p.organisation.clone()])
        .collect();
    table(&["Id", "Name", "Role", "Organisation"], &rows)
}
