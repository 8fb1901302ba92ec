//! `matchday config`: the competition and season commands use when none is given.

use std::path::Path;

use crate::defaults::{Defaults, Key, file_of};

/// Set the competition and season used when none is given
///
/// Defaults are kept beside the database, in a file named after it with
/// `.config` added (`matchday.db.config` in the user data folder, or beside
/// `--db PATH`), so each database has its own. With `competition` set, every
/// command that needs a competition (table, gaps, odds, scenarios, bracket,
/// chart, result, fixture, deduct, entrant add, decide, competition set) takes
/// it when none is typed; with `season` set, those commands use that season
/// when `--season` is not given. What is typed always wins, and `--help` shows
/// the defaults in force. `config set competition` checks the name against the
/// database and keeps the competition's slug ("PL" is kept as premier-league).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday config set competition premier-league
  matchday config set season 2023-24
  matchday table                  # the Premier League 2023-24
  matchday config get competition
  matchday config list
  matchday config unset season
  matchday config path")]
pub struct Args {
    /// What to do with the defaults
    #[command(subcommand)]
    pub action: Action,
}

/// `config` actions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Set a default: competition (a stored competition) or season (e.g. 2023-24)
    Set {
        /// competition or season
        #[arg(value_enum)]
        key: Key,
        /// The competition's slug or name, or the season
        value: String,
    },
    /// Print a default's value
    Get {
        /// competition or season
        #[arg(value_enum)]
        key: Key,
    },
    /// Remove a default
    Unset {
        /// competition or season
        #[arg(value_enum)]
        key: Key,
    },
    /// Print every default set, one "key = value" a line
    List,
    /// Print where the config file is (beside the database)
    Path,
}

/// Runs `config` for the database at `database`.
pub fn run(database: &Path, args: Args) -> anyhow::Result<String> {
    let file = file_of(database);
    let mut defaults = Defaults::read(&file)?;
    match args.action {
        Action::Set { key, value } => {
            let value = checked(database, key, &value)?;
            defaults.set(key, Some(value.clone()));
            defaults.write(&file)?;
            Ok(format!("{} = {value} (in {})\n", key.word(), file.display()))
        }
        Action::Get { key } => match defaults.get(key) {
            Some(value) => Ok(format!("{value}\n")),
            None => anyhow::bail!(
                "no default {} is set; `matchday config set {} VALUE` sets one",
                key.word(),
                key.word()
            ),
        },
        Action::Unset { key } => {
            let was = defaults.get(key).map(str::to_string);
            defaults.set(key, None);
            defaults.write(&file)?;
            Ok(match was {
                Some(was) => format!("unset {} (was {was})\n", key.word()),
                None => format!("{} was not set\n", key.word()),
            })
        }
        Action::List => {
            let set = defaults.set_keys();
            if set.is_empty() {
                return Ok(format!(
                    "no defaults set ({}); `matchday config set competition NAME` sets one\n",
                    file.display()
                ));
            }
            Ok(defaults.to_text())
        }
        Action::Path => Ok(format!("{}\n", file.display())),
    }
}

/// The value to keep for `key`: a season as matchday writes it, or the slug of the
/// stored competition `value` names.
fn checked(database: &Path, key: Key, value: &str) -> anyhow::Result<String> {
    match key {
        Key::Season => Ok(super::parse_season(value)
            .map_err(anyhow::Error::msg)?
            .to_string()),
        Key::Competition => {
            let store = super::open_store(database.to_path_buf(), super::Opening::Read)?;
            let competition = store.read().find_competition(value, None, None)?;
            Ok(competition.slug)
        }
    }
}
