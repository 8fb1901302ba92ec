//! `matchday honours`: trophies won and finals played across the seasons stored.

use chrono::NaiveDate;
use matchday_core::{Honours, Season, TeamId};
use matchday_store::Store;
use serde::Serialize;

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

/// Honours in words; the JSON field names are a stable contract.
#[derive(Debug, Serialize)]
pub struct HonoursView {
    trophies: Vec<TrophyView>,
    finals: Vec<FinalView>,
}

/// A trophy in words.
#[derive(Debug, Serialize)]
pub struct TrophyView {
    competition: String,
    season: Season,
}

/// A final in words: the opponent's name and the score as people write it.
#[derive(Debug, Serialize)]
pub struct FinalView {
    competition: String,
    season: Season,
    date: NaiveDate,
    opponent: String,
    won: bool,
    score: String,
}

impl HonoursView {
    /// The honours in words.
    pub fn of(honours: &Honours, name: &dyn Fn(TeamId) -> String) -> HonoursView {
        HonoursView {
            trophies: honours
                .trophies
                .iter()
                .map(|t| TrophyView {
                    competition: t.competition.clone(),
                    season: t.season,
                })
                .collect(),
            finals: honours
                .finals
                .iter()
                .map(|f| FinalView {
                    competition: f.competition.clone(),
                    season: f.season,
                    date: f.date,
                    opponent: name(f.opponent),
                    won: f.won,
                    score: render::tie::tie_line(&f.tie.score(), name),
                })
                .collect(),
        }
    }
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let team = read.resolve_team(&args.team)?;
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let loaded = Loaded::entered_by(&read, team)?;
    let honours = Honours::compute(team, loaded.iter().map(Loaded::season), &name)?;
    match args.format {
        OutputFormat::Json => render::json(&HonoursView::of(&honours, &name)),
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
                            render::tie::tie_line(&f.tie.score(), &name),
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
