//! `matchday export`: write a competition-season as a matchday season file.

use std::path::PathBuf;

use anyhow::Context;
use matchday_core::Season;
use matchday_store::Store;

/// Write a competition's season as a matchday season file
///
/// The file lists the competition's rules and zones, its teams, deductions
/// and every match; `matchday import` reads it back exactly.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  matchday export premier-league --season 2023-24 --output data/premier-league-2023-24.season")]
pub struct Args {
    /// The competition: its slug or part of its name
    pub competition: String,

    /// The season [default: the latest stored]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let competition = read.find_competition(&args.competition, args.season, None)?;
    let record = read.season_record(competition.id.expect("stored"))?;
    let text = matchday_formats::season_file::write(&record);
    match args.output {
        None => Ok(text),
        Some(path) => {
            std::fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
            Ok(format!(
                "wrote {} {} ({} matches) to {}\n",
                competition.name,
                competition.season,
                record.matches.len(),
                path.display()
            ))
        }
    }
}
