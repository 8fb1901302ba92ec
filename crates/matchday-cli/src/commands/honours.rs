//! `matchday honours`: trophies won and finals played across the seasons stored.

use matchday_core::{Honours, TeamId};
use matchday_store::Store;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render;

/// Show a club's trophies and its record in finals, over every season stored
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  matchday honours Liverpool")]
pub struct Args {
    /// The club
    pub team: String,

    /// Output format (table or json)
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let team = read.resolve_team(&args.team)?;
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let loaded = Loaded::entered_by(&read, team)?;
    let honours = Honours::compute(team, loaded.iter().map(Loaded::season), &name)?;
    match args.format {
        OutputFormat::Json => render::json(&render::tie::honours_json(&honours, &name)?),
        OutputFormat::Csv => anyhow::bail!("honours prints as a table or JSON, not CSV"),
        OutputFormat::Table => {
            let count = match honours.trophies.len() {
                1 => "1 trophy".to_string(),
                n => format!("{n} trophies"),
            };
            let mut text = format!("{}: {count} in the seasons stored\n", name(team));
            for t in &honours.trophies {
                text.push_str(&format!("  {} {}\n", t.competition, t.season));
            }
            if !honours.finals.is_empty() {
                let rows: Vec<Vec<String>> = honours
                    .finals
                    .iter()
                    .map(|f| {
                        vec![
                            format!("{} {}", f.competition, f.season),
                            f.date.to_string(),
                            if f.won { "won".into() } else { "lost".into() },
                            render::tie::tie_line(&f.score, &name),
                        ]
                    })
                    .collect();
                text.push_str("Finals:\n");
                text.push_str(&render::grid_within(
                    &["Final", "Date", "", "Score"],
                    &rows,
                    &[],
                    80,
                ));
            }
            Ok(text)
        }
    }
}
