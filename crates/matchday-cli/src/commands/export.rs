//! `matchday export`: write a competition-season in a format the registry writes.

use std::path::PathBuf;

use anyhow::Context;
use matchday_core::Season;
use matchday_formats::FileFormat;
use matchday_store::Store;

/// Write a competition's season to a file
///
/// As a matchday season file (the default), the file lists the
/// competition's rules and zones, its teams, deductions and every match;
/// `matchday import` reads it back exactly. As football.json it holds the
/// matches in openfootball's flat shape, for other tools.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday export premier-league --season 2023-24 --output data/premier-league-2023-24.season
  matchday export euro --season 2024 --format json --output euro-2024.json")]
pub struct Args {
    /// The competition: its slug or part of its name
    pub competition: String,

    /// The season [default: the latest stored]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// Write to this file instead of standard output (`-` is standard output)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The format to write: season (matchday's own, lossless) or football.json (json)
    #[arg(long, value_name = "NAME", default_value = "season", value_parser = super::import::parse_format)]
    pub format: FileFormat,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let competition = read.find_competition(&args.competition, args.season, None)?;
    let record = read.season_record(competition.id.expect("stored"))?;
    let text = args.format.write(&record)?;
    match args.output.filter(|path| path.as_os_str() != "-") {
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
