//! The command line's words: global options and the list of commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::commands;

/// Follow a football season: enter results and fixtures, print tables,
/// gaps, odds and what a club can still win.
#[derive(Debug, Parser)]
#[command(
    name = "matchday",
    version,
    about = "Follow a football season: enter results and fixtures, print tables, gaps, odds and what a club can still win",
    after_help = "\
Examples:
  matchday import data/premier-league-2023-24.season
  matchday table premier-league --as-of 2024-02-01
  matchday result \"Liverpool 4-1 Chelsea\" --competition \"Premier League\" --date 2024-01-31
  matchday track Liverpool --as-of 2024-02-01"
)]
pub struct Cli {
    /// The database file [default: matchday.db in your user data folder]
    #[arg(long, global = true, env = "MATCHDAY_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Width and colour (--width, --color).
    #[command(flatten)]
    pub screen: crate::render::screen::ScreenArgs,

    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    Import(commands::import::Args),
    Export(commands::export::Args),
    Competition(commands::competition::Args),
    Competitions(commands::competition::ListArgs),
    Team(commands::team::Args),
    Teams(commands::team::ListArgs),
    Result(commands::result::Args),
    Fixture(commands::fixture::Args),
    Fixtures(commands::matches::FixturesArgs),
    Results(commands::matches::ResultsArgs),
    Deduct(commands::deduct::Args),
    Entrant(commands::entrant::Args),
    Decide(commands::decide::Args),
    Table(commands::table::Args),
    Gaps(commands::gaps::Args),
    Odds(commands::odds::Args),
    Track(commands::track::Args),
    Bracket(commands::bracket::Args),
    Honours(commands::honours::Args),
    // Corrections (issue 8).
    Edit(commands::edit::Args),
    Delete(commands::delete::Args),
    // Copies of the database.
    Backup(commands::backup::Args),
    Restore(commands::restore::Args),
    Log(commands::log::Args),
    Undo(commands::undo::Args),
    Redo(commands::redo::Args),
}

/// How a read command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum OutputFormat {
    /// A table for people
    #[default]
    Table,
    /// JSON for programs
    Json,
    /// CSV for spreadsheets
    Csv,
}
