//! One file per command; this file only dispatches and holds what every command shares.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use matchday_core::Season;
use matchday_store::{Store, StoreError};

use crate::args::{Cli, Command};

pub mod backtest;
pub mod backup;
pub mod bracket;
pub mod chart;
pub mod competition;
pub mod completions;
pub mod config;
pub mod decide;
pub mod deduct;
pub mod delete;
pub mod edit;
pub mod entrant;
pub mod export;
pub mod fixture;
pub mod gaps;
pub mod given;
pub mod h2h;
pub mod history;
pub mod honours;
pub mod import;
pub mod known_results;
pub mod log;
pub mod man;
pub mod matches;
pub mod next_match;
pub mod odds;
pub mod odds_cup;
pub mod overdue;
pub mod ratings;
pub mod redo;
pub mod report;
pub mod restore;
pub mod result;
pub mod scenarios;
pub mod stage;
pub mod table;
pub mod team;
pub mod thirds;
pub mod track;
pub mod undo;
pub mod win_chance;

/// Runs the command and returns what it prints.
pub fn run(cli: Cli) -> anyhow::Result<String> {
    // Completions and the man page are read off the command line's definitions, not a database.
    match cli.command {
        Command::Completions(args) => return completions::run(args),
        Command::Man(args) => return man::run(args),
        _ => {}
    }
    crate::render::screen::install(cli.screen);
    let catalogue_path = cli.catalogue;
    let catalogue = || crate::catalogue::load(catalogue_path.as_deref());
    let path = database_path(cli.db)?;
    // Backup and restore open the database themselves: a backup copies a file of any
    // schema version as it is, and a restore checks its file before touching the database.
    let command = match cli.command {
        Command::Backup(args) => return backup::run(&path, args),
        Command::Config(args) => return config::run(&path, args),
        Command::Restore(args) => {
            // Into a fresh data folder too; a refused restore leaves no folder behind.
            let created = missing_folders(&path);
            create_folder_of(&path)?;
            let restored = restore::run(&path, args);
            if restored.is_err() {
                for folder in created {
                    let _ = std::fs::remove_dir(folder);
                }
            }
            return restored;
        }
        other => other,
    };
    crate::target::install(&path);
    let mut store = open_store(path, opening(&command))?;
    // Logged with every change this command makes (see `matchday log`).
    store.set_command_line(log::command_line(std::env::args_os()));
    // A user's catalogue gives competitions names of their own ("Milk Cup"); one that cannot
    // be read is refused by the commands that read it whole (import, track, honours).
    if catalogue_path.is_some()
        && let Ok(names) = catalogue()
    {
        store.set_catalogue(names);
    }
    match command {
        Command::Backup(_)
        | Command::Restore(_)
        | Command::Config(_)
        | Command::Completions(_)
        | Command::Man(_) => {
            unreachable!("handled above")
        }
        Command::Import(args) => import::run(&mut store, args, &catalogue()?),
        Command::Export(args) => export::run(&store, args),
        Command::Competition(args) => competition::run(&mut store, args, &catalogue()?),
        Command::Competitions(args) => competition::list(&store, args),
        Command::Team(args) => team::run(&mut store, args),
        Command::Teams(args) => team::list(&store, args),
        Command::Result(args) => result::run(&mut store, args),
        Command::Fixture(args) => fixture::run(&mut store, args),
        Command::Fixtures(args) => matches::fixtures(&store, args),
        Command::Results(args) => matches::results(&store, args),
        Command::Deduct(args) => deduct::run(&mut store, args),
        Command::Entrant(args) => entrant::run(&mut store, args),
        Command::Decide(args) => decide::run(&mut store, args),
        Command::Table(args) => table::run(&store, args),
        Command::Track(args) => track::run(&store, args, &catalogue()?),
        Command::Gaps(args) => gaps::run(&store, args),
        Command::Odds(args) => odds::run(&store, args, &catalogue),
        Command::Backtest(args) => backtest::run(&store, args),
        Command::Scenarios(args) => scenarios::run(&store, args),
        Command::Bracket(args) => bracket::run(&store, args),
        Command::Honours(args) => honours::run(&store, args, &catalogue()?),
        Command::History(args) => history::run(&store, args, &catalogue()?),
        Command::H2h(args) => h2h::run(&store, args, &catalogue()?),
        // Corrections (issue 8).
        Command::Edit(args) => edit::run(&mut store, args),
        Command::Delete(args) => delete::run(&mut store, args),
        Command::Log(args) => log::run_any(&mut store, args),
        Command::Undo(args) => undo::run(&mut store, args),
        Command::Redo(args) => redo::run(&mut store, args),
        Command::Chart(args) => chart::run(&store, args),
        Command::Report(args) => report::run(&store, args),
        Command::Ratings(args) => ratings::run(&store, args),
    }
}

/// How a command opens the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// Read-only: nothing is created, migrated or switched, and a read-only file can be read.
    Read,
    /// For changing what is stored, which needs a database there already.
    Write,
    /// For a command that can start a database (an import, the first competition or
    /// team): where there is none, it is made by the first change that commits.
    Create,
}

/// How the command opens the database: see [`Opening`].
fn opening(command: &Command) -> Opening {
    let creates = match command {
        Command::Import(_) => true,
        Command::Competition(args) => matches!(args.action, competition::Action::Add(_)),
        Command::Team(args) => matches!(args.action, team::Action::Add(_)),
        _ => false,
    };
    if creates {
        Opening::Create
    } else if writes(command) {
        Opening::Write
    } else {
        Opening::Read
    }
}

/// Whether the command changes stored data; the others open the database read-only,
/// so they never create, migrate or switch a file, and can read a read-only one.
fn writes(command: &Command) -> bool {
    match command {
        Command::Import(_)
        | Command::Competition(_)
        | Command::Team(_)
        | Command::Result(_)
        | Command::Fixture(_)
        | Command::Deduct(_)
        | Command::Entrant(_)
        | Command::Decide(_)
        | Command::Edit(_)
        | Command::Delete(_)
        | Command::Restore(_)
        | Command::Undo(_)
        | Command::Redo(_) => true,
        Command::Log(args) => args.writes(),
        Command::Export(_)
        | Command::Competitions(_)
        | Command::Teams(_)
        | Command::Fixtures(_)
        | Command::Results(_)
        | Command::Table(_)
        | Command::Track(_)
        | Command::Gaps(_)
        | Command::Odds(_)
        | Command::Backtest(_)
        | Command::Scenarios(_)
        | Command::Bracket(_)
        | Command::Honours(_)
        | Command::History(_)
        | Command::H2h(_)
        | Command::Backup(_)
        | Command::Config(_)
        | Command::Completions(_)
        | Command::Man(_)
        | Command::Chart(_)
        | Command::Report(_)
        | Command::Ratings(_) => false,
    }
}

/// The database file: `--db`, or matchday.db in the user data folder.
pub fn database_path(db: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match db {
        Some(path) => Ok(path),
        None => {
            let dirs = directories::ProjectDirs::from("", "", "matchday")
                .context("cannot find a user data folder; pass --db PATH")?;
            Ok(dirs.data_dir().join("matchday.db"))
        }
    }
}

/// Creates the folder a database is to be written in, as every write command may.
fn create_folder_of(path: &std::path::Path) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    Ok(())
}

/// The folders above `path` that do not exist yet, deepest first.
fn missing_folders(path: &std::path::Path) -> Vec<PathBuf> {
    path.ancestors()
        .skip(1)
        .filter(|p| !p.as_os_str().is_empty())
        .take_while(|p| !p.exists())
        .map(std::path::Path::to_path_buf)
        .collect()
}

fn open_store(path: PathBuf, opening: Opening) -> anyhow::Result<Store> {
    let opened = match opening {
        // No file made, and no folder, until a change commits.
        Opening::Create => Store::open_creating_on_write(&path),
        // A refused write never leaves a database behind at a mistyped path: a
        // command that changes what is stored needs one there already.
        Opening::Write if std::fs::symlink_metadata(&path).is_err() => {
            Err(StoreError::NoDatabase(path.clone()))
        }
        Opening::Write => {
            create_folder_of(&path)?;
            Store::open(&path)
        }
        Opening::Read => Store::open_read_only(&path),
    };
    opened.map_err(|err| match err {
        // These name the path already, or are about the lock and not the file.
        StoreError::NotMatchday { .. }
        | StoreError::NotAFile(_)
        | StoreError::NoDatabase(_)
        | StoreError::CannotCreate { .. }
        | StoreError::TooOld { .. }
        | StoreError::Busy => err.into(),
        _ => anyhow::Error::from(err).context(format!("cannot open database {}", path.display())),
    })
}

/// Which season, and on which day: the options every read command shares.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct When {
    /// The season, e.g. 2023-24 [default: the latest stored]
    #[arg(long, value_parser = parse_season)]
    pub season: Option<Season>,

    /// As things stood at the end of this day, e.g. 2024-02-01
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// A league's state on a day, for `gaps` and `odds`.
pub struct League {
    /// What is stored for it.
    pub loaded: Loaded,
    /// The league as the forecast crate sees it.
    pub state: matchday_forecast::LeagueState,
}

impl League {
    /// Loads the league `name` means, refusing cups with a pointer to what fits them.
    // For a command without --given; `gaps` and `odds` take it, and load with `load_assuming`.
    pub fn load(read: &matchday_store::Reader<'_>, name: &str, when: When) -> anyhow::Result<League> {
        League::load_assuming(read, name, when, &given::Given::default()).map(|(league, _)| league)
    }

    /// [`League::load`] with the results `given` assumed ([`given::Given::apply`]),
    /// and what was assumed in words.
    pub fn load_assuming(
        read: &matchday_store::Reader<'_>,
        name: &str,
        when: When,
        given: &given::Given,
    ) -> anyhow::Result<(League, given::Assumed)> {
        let competition = read.find_competition(name, when.season, None)?;
        anyhow::ensure!(
            competition.format == matchday_core::Format::League,
            "{} is not a league: try `matchday track TEAM` or `matchday bracket {}`",
            competition.name,
            competition.slug
        );
        let teams = read.entrants(competition.id.expect("stored"))?;
        let mut loaded = Loaded::of(read, competition)?;
        let assumed = given.apply(read, &loaded.competition, &mut loaded.matches, when.as_of)?;
        let state = matchday_forecast::LeagueState::new(
            &loaded.competition,
            &teams,
            &loaded.matches,
            &loaded.deductions,
            when.as_of,
        )?;
        Ok((League { loaded, state }, assumed))
    }
}

/// A stored competition-season's matches, deductions and decisions off the pitch.
pub struct Loaded {
    /// The competition.
    pub competition: matchday_core::Competition,
    /// Its matches.
    pub matches: Vec<matchday_core::Match>,
    /// Its deductions.
    pub deductions: Vec<matchday_core::Deduction>,
    /// Its decisions off the pitch.
    pub decisions: Vec<matchday_core::Decision>,
    /// Its tier, once read from the catalogue ([`Loaded::in_catalogue`]); none before.
    pub tier: Option<matchday_core::Tier>,
}

impl Loaded {
    /// Loads what is stored for `competition`.
    pub fn of(
        read: &matchday_store::Reader<'_>,
        competition: matchday_core::Competition,
    ) -> anyhow::Result<Loaded> {
        let id = competition.id.expect("stored");
        Ok(Loaded {
            matches: read.matches(id)?,
            deductions: read.deductions(id)?,
            decisions: read.decisions(id)?,
            competition,
            tier: None,
        })
    }

    /// The same, with the competition's tier as `catalogue` gives it, for the
    /// commands that tell a top-flight title from a lower one.
    pub fn in_catalogue(mut self, catalogue: &matchday_core::Catalogue) -> Loaded {
        self.tier = matchday_core::Tier::of(catalogue, &self.competition);
        self
    }

    /// Every competition-season with a match of `team` stored.
    pub fn entered_by(
        read: &matchday_store::Reader<'_>,
        team: matchday_core::TeamId,
    ) -> anyhow::Result<Vec<Loaded>> {
        read.competitions_of(team)?
            .into_iter()
            .map(|competition| Loaded::of(read, competition))
            .collect()
    }

    /// The view the core's trackers take.
    pub fn season(&self) -> matchday_core::CompetitionSeason<'_> {
        matchday_core::CompetitionSeason {
            competition: &self.competition,
            matches: &self.matches,
            deductions: &self.deductions,
            decisions: &self.decisions,
            tier: self.tier,
        }
    }
}

/// The season a command about one club shows: `season` when given, else the one of
/// the club's competitions (`entered`) containing `as_of` (or the season of that date),
/// else the club's latest; `None` when the club has nothing stored and no day was given.
pub fn club_season(
    entered: &[matchday_core::Competition],
    season: Option<Season>,
    as_of: Option<NaiveDate>,
) -> Option<Season> {
    let seasons = entered.iter().map(|c| c.season);
    match (season, as_of) {
        (Some(s), _) => Some(s),
        (None, Some(day)) => Some(
            seasons
                .filter(|s| s.contains(day))
                .max()
                .unwrap_or_else(|| Season::of_date(day)),
        ),
        (None, None) => seasons.max(),
    }
}

/// Reads a date as written on the command line: 2024-02-01, or a word
/// counted from today (see [`crate::args::date_on`]).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::args::date_on(text, chrono::Local::now().date_naive())
}

/// Reads a season as written on the command line.
pub fn parse_season(text: &str) -> Result<Season, String> {
    text.parse::<Season>().map_err(|e| e.to_string())
}

/// Where and when a match is played: the options `result` and `fixture` share.
#[derive(Debug, clap::Args)]
pub struct MatchOptions {
    /// The competition: its slug or part of its name
    #[arg(long, short)]
    pub competition: String,

    /// The day: 2024-01-31, today, yesterday, -2d [result: today, when the
    /// competition's season is on]
    #[arg(long, short, value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// The season [default: the one containing the date]
    #[arg(long, value_parser = parse_season)]
    pub season: Option<Season>,

    /// Local kick-off time, e.g. 20:15
    #[arg(long, value_parser = parse_time)]
    pub time: Option<chrono::NaiveTime>,

    /// The round or matchday: "Matchday 22", "Round 4", "Final"
    #[arg(long)]
    pub round: Option<String>,

    /// The group, in a group stage: "E"
    #[arg(long)]
    pub group: Option<String>,

    /// The leg of a two-legged tie: 1 or 2
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub leg: Option<u8>,

    /// A replay of a drawn cup tie
    #[arg(long)]
    pub replay: bool,

    /// Played on neutral ground, as finals are
    #[arg(long)]
    pub neutral: bool,
}

impl MatchOptions {
    /// A match on `date` between `pairing` with these options and `status`.
    pub fn to_match(
        &self,
        date: NaiveDate,
        pairing: matchday_core::Pairing,
        status: matchday_core::MatchStatus,
    ) -> matchday_core::Match {
        let label = |s: &Option<String>| s.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        matchday_core::Match {
            id: None,
            date,
            kickoff: self.time,
            pairing,
            venue: if self.neutral {
                matchday_core::Venue::Neutral
            } else {
                matchday_core::Venue::Home
            },
            round: label(&self.round),
            // The store types the stage from the labels and the competition's format.
            stage: None,
            group: label(&self.group),
            leg: self.leg,
            replay: self.replay,
            status,
        }
    }
}

fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(text.trim(), "%H.%M"))
        .map_err(|_| format!("'{text}' is not a time: write it as 20:15"))
}
