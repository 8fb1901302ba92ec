//! `matchday fixture`: add a match still to play.

use anyhow::Context;
use matchday_core::{FixtureEntry, MatchStatus, Pairing};
use matchday_store::Store;

use super::MatchOptions;
use crate::refusal;

/// Add a match still to play
///
/// In a league both teams must be entrants (`matchday entrant add`), two
/// clubs meet twice (once at each ground) and a club plays once a day.
/// Options must fit the competition's stages, as for `matchday result`.
#[derive(Debug, clap::Args)]
// A fixture is still to play: its day is never guessed, and its help says so (the
// options shared with `result` say that a result's day defaults to today).
#[command(mut_arg("date", |date| {
    let help = "The day it is to be played (required): 2024-01-31, tomorrow, +3d, or the original day with --postponed";
    date.required(true).help(help).long_help(help)
}))]
#[command(after_help = "Examples:
  matchday fixture \"Liverpool v Chelsea\" --competition \"Premier League\" \\
      --date 2024-01-31 --time 20:15
  matchday fixture \"Chelsea v Liverpool\" -c \"EFL Cup\" -d 2024-02-25 --round Final --neutral")]
pub struct Args {
    /// The fixture: "Home v Away"
    pub fixture: String,

    #[command(flatten)]
    pub at: MatchOptions,

    /// Store it as postponed (its date is the original one)
    #[arg(long)]
    pub postponed: bool,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let entry: FixtureEntry = args.fixture.parse()?;
    let read = store.read();
    let date = args.at.date.expect("clap requires --date for a fixture");
    let competition = read.find_competition(&args.at.competition, args.at.season, Some(date))?;
    let home = read.resolve_team(&entry.home)?;
    let away = read.resolve_team(&entry.away)?;
    let pairing = Pairing::new(home, away).with_context(|| format!("'{}'", args.fixture))?;
    let status = if args.postponed {
        MatchStatus::Postponed
    } else {
        MatchStatus::Scheduled
    };
    let m = args.at.to_match(date, pairing, status);
    let names = read.team_names()?;
    // The store checks the fixture (entrants, meetings, the cup ties) as it writes it.
    let moved = format!(" --new-date {}", m.date);
    store
        .write(|w| w.add_fixture(&competition, &m))
        .map_err(|e| refusal::worded_suggesting(e, &names, &competition, &moved))?;
    Ok(format!(
        "added fixture: {} v {} in {} {} on {}\n",
        names[&home], names[&away], competition.name, competition.season, m.date
    ))
}
