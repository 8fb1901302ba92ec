//! Defaults from the config file: the competition and season a fan follows, so that
//! `matchday table` means `matchday table premier-league --season 2023-24`.
//!
//! The file is stored beside the database, named after it with `.config` added
//! (`matchday.db.config`), so each database keeps its own defaults. It is TOML:
//!
//! ```toml
//! competition = "premier-league"
//! season = "2023-24"
//! ```
//!
//! A default is given to clap as the default value of every required `competition`
//! argument (positional or `-c`), and of `--season` wherever a command takes a
//! competition, before the command line is read: what is typed always wins, and
//! `--help` shows the defaults in force.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory as _, FromArgMatches as _};
use serde::Deserialize;

use crate::args::Cli;

/// The keys the config file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Key {
    /// The competition commands use when none is given: its slug
    Competition,
    /// The season commands about a competition use when none is given, e.g. 2023-24
    Season,
}

impl Key {
    /// The key as written in the file and on the command line.
    pub fn word(self) -> &'static str {
        match self {
            Key::Competition => "competition",
            Key::Season => "season",
        }
    }
}

/// The defaults a config file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// The default competition's slug.
    pub competition: Option<String>,
    /// The default season, as written (checked when read).
    pub season: Option<String>,
}

impl Defaults {
    /// The value of `key`, if set.
    pub fn get(&self, key: Key) -> Option<&str> {
        match key {
            Key::Competition => self.competition.as_deref(),
            Key::Season => self.season.as_deref(),
        }
    }

    /// Sets (or with `None` unsets) `key`.
    pub fn set(&mut self, key: Key, value: Option<String>) {
        match key {
            Key::Competition => self.competition = value,
            Key::Season => self.season = value,
        }
    }

    /// Every key set, with its value, in the file's order.
    pub fn set_keys(&self) -> Vec<(Key, &str)> {
        [Key::Competition, Key::Season]
            .into_iter()
            .filter_map(|k| self.get(k).map(|v| (k, v)))
            .collect()
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        self.set_keys()
            .into_iter()
            // A JSON string is a TOML basic string: quotes, backslashes and control
            // characters escaped the same way.
            .map(|(k, v)| format!("{} = {}\n", k.word(), serde_json::Value::from(v)))
            .collect()
    }

    /// Reads the file at `path`; no file is no defaults.
    ///
    /// # Errors
    /// A file that cannot be read, or is not TOML of these keys, or gives a season that
    /// cannot be read: the error names the file.
    pub fn read(path: &Path) -> anyhow::Result<Defaults> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Defaults::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read config {}", path.display())),
        };
        let defaults: Defaults = toml::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "config {}: {} (keys: competition, season)",
                path.display(),
                e.message().trim_end()
            )
        })?;
        if let Some(season) = &defaults.season {
            crate::commands::parse_season(season)
                .map_err(|e| anyhow::anyhow!("config {}: {e}", path.display()))?;
        }
        Ok(defaults)
    }

    /// Writes the file at `path` (removing it when nothing is set), by a new file
    /// renamed over the old so that a reader never sees half of it.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        if self.set_keys().is_empty() {
            return match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(e).with_context(|| format!("cannot remove config {}", path.display()))
                }
                _ => Ok(()),
            };
        }
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".new");
        let temporary = PathBuf::from(temporary);
        std::fs::write(&temporary, self.to_text())
            .and_then(|()| std::fs::rename(&temporary, path))
            .with_context(|| format!("cannot write config {}", path.display()))
    }
}

/// The config file of the database at `database`: beside it, its name with `.config` added.
pub fn file_of(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".config");
    PathBuf::from(name)
}

/// Reads the command line with the defaults of the database it names (`--db`,
/// `MATCHDAY_DB`, or the user data folder's) in force. A config file that cannot be
/// read is reported by `matchday config`, and is otherwise no defaults.
///
/// # Errors
/// clap's error, whole; a missing competition also says how to set a default.
pub fn parse(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    // Read for --db alone: without the flags that would answer instead (--help, --version).
    let for_db = args
        .iter()
        .filter(|a| !matches!(a.to_str(), Some("-h" | "--help" | "-V" | "--version")))
        .cloned();
    let db = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(for_db)
        .ok()
        .and_then(|m| m.get_one::<PathBuf>("db").cloned());
    let defaults = crate::commands::database_path(db)
        .ok()
        .and_then(|path| Defaults::read(&file_of(&path)).ok())
        .unwrap_or_default();
    let mut command = with_defaults(Cli::command(), &defaults);
    let matches = command.try_get_matches_from_mut(args).map_err(with_tip)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))
}

/// Commands whose competition may be left out when --team is given.
const TEAM_OR_COMPETITION: &[&str] = &["odds"];

/// `command` with `defaults` as the default values of every (sub)command's required
/// competition, and of its season where it has a competition.
fn with_defaults(mut command: clap::Command, defaults: &Defaults) -> clap::Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| with_defaults(sub, defaults));
    }
    // `odds --team T` without a competition is the club's next match everywhere, so
    // there the default competition stands only when no --team is given.
    let team_or_competition = TEAM_OR_COMPETITION.contains(&command.get_name());
    let required_competition = command
        .get_arguments()
        .any(|a| a.get_id() == "competition" && (a.is_required_set() || team_or_competition));
    if !required_competition {
        return command;
    }
    // In place: mut_arg would move a positional competition after the other positionals.
    command.mut_args(
        |a| match (a.get_id().as_str(), &defaults.competition, &defaults.season) {
            ("competition", Some(competition), _) if team_or_competition => a
                .default_value(competition.clone())
                .default_value_if("team", clap::builder::ArgPredicate::IsPresent, None)
                .required_unless_present(clap::builder::Resettable::<clap::Id>::Reset),
            ("competition", Some(competition), _) => a.default_value(competition.clone()).required(false),
            ("season", _, Some(season)) => a.default_value(season.clone()),
            _ => a,
        },
    )
}

/// A missing competition's error, with how to set a default so it need not be typed.
fn with_tip(mut err: clap::Error) -> clap::Error {
    let competition_missing = err.kind() == ErrorKind::MissingRequiredArgument
        && matches!(err.get(ContextKind::InvalidArg), Some(ContextValue::Strings(args))
            if args.iter().any(|a| a.contains("COMPETITION")));
    if competition_missing {
        err.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![
                "give the competition, or set a default once: matchday config set competition NAME".into(),
            ]),
        );
    }
    err
}
