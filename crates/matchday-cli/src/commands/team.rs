//! `matchday team add` and `matchday teams`.

use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Add a team
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with teams.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Add a team, with other names it goes by
    #[command(after_help = "Examples:
  matchday team add \"Manchester City\" --alias \"Man City\" --alias City
  matchday team add \"Liverpool Women\"")]
    Add(AddArgs),
}

/// Options of `team add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The name tables show
    pub name: String,

    /// Another name it goes by (repeat for more)
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let Action::Add(add) = args.action;
    store.write(|w| w.add_team(&add.name, &add.aliases))?;
    let also = if add.aliases.is_empty() {
        String::new()
    } else {
        format!(" (also {})", add.aliases.join(", "))
    };
    Ok(format!("added {}{also}\n", add.name.trim()))
}

/// List stored teams and their aliases
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  matchday teams --format csv")]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Serialize)]
struct TeamRow {
    name: String,
    aliases: Vec<String>,
}

pub fn list(store: &Store, args: ListArgs) -> anyhow::Result<String> {
    let rows: Vec<TeamRow> = store
        .read()
        .teams()?
        .into_iter()
        .map(|t| TeamRow {
            name: t.name,
            aliases: t.aliases,
        })
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r.name.clone(), r.aliases.join(", ")])
        .collect();
    match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => render::csv(&["name", "aliases"], &cells),
        OutputFormat::Table if rows.is_empty() => Ok("no teams stored yet\n".into()),
        OutputFormat::Table => Ok(render::grid(&["Team", "Also known as"], &cells, &[])),
    }
}
