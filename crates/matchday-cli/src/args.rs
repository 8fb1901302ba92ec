//! The command line's words: global options and the list of commands.

use std::path::PathBuf;

use chrono::NaiveDate;
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
  matchday track Liverpool --as-of 2024-02-01

Exit status:
  0   success
  1   a user's mistake: bad input, an unknown name, a refused write (nothing changed)
  2   usage: the command line itself is wrong
  3   the database could not be read or written, or an internal error
  75  the database stayed locked by another process: try again (nothing changed)"
)]
pub struct Cli {
    /// The database file [default: matchday.db in your user data folder]
    #[arg(long, global = true, env = "MATCHDAY_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// A catalogue of competitions of your own, read over the bundled one (docs/catalogue.md)
    #[arg(long, global = true, env = "MATCHDAY_CATALOGUE", value_name = "FILE")]
    pub catalogue: Option<PathBuf>,

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
    Backtest(commands::backtest::Args),
    Scenarios(commands::scenarios::Args),
    Track(commands::track::Args),
    Bracket(commands::bracket::Args),
    Honours(commands::honours::Args),
    History(commands::history::Args),
    H2h(commands::h2h::Args),
    // Corrections (issue 8).
    Edit(commands::edit::Args),
    Delete(commands::delete::Args),
    // Copies of the database.
    Backup(commands::backup::Args),
    Restore(commands::restore::Args),
    Log(commands::log::Args),
    Undo(commands::undo::Args),
    Redo(commands::redo::Args),
    // The shell's completions and the manual page.
    Completions(commands::completions::Args),
    Man(commands::man::Args),
    // Charts and the season page (issue 10).
    Chart(commands::chart::Args),
    Report(commands::report::Args),
    // Elo ratings over every stored result (issue 22).
    Ratings(commands::ratings::Args),
    // Defaults from the config file beside the database (issue 21).
    Config(commands::config::Args),
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

/// The command line with each date counted back from today (`--as-of -2d`)
/// joined to its option (`--as-of=-2d`), so that clap does not take it for a flag.
pub fn with_days_back_joined(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut joined: Vec<std::ffi::OsString> = Vec::new();
    for arg in args {
        let days_back = arg
            .to_str()
            .is_some_and(|a| a.starts_with('-') && matches!(offset_days(a), Some(Ok(_))));
        let after_option = joined.last().and_then(|o| o.to_str()).is_some_and(|o| {
            o.starts_with('-')
                && o != "--"
                && o.len() > 1
                && !o.contains('=')
                && joined.iter().all(|a| a != "--")
        });
        match joined.last_mut() {
            Some(option) if days_back && after_option => {
                option.push("=");
                option.push(&arg);
            }
            _ => joined.push(arg),
        }
    }
    joined
}

/// Reads a date as written on the command line, on the day `today`: an ISO
/// date (2024-02-01), `today`, `yesterday`, `tomorrow`, or days or weeks
/// from today (`+3d`, `-2d`, `+1w`). A day and month in either order
/// (`1/2/2024`) is refused as ambiguous, with the ISO forms it could mean.
pub fn date_on(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let word = text.trim().to_lowercase();
    match word.as_str() {
        "today" => return Ok(today),
        "yesterday" => return relative(today, -1, text),
        "tomorrow" => return relative(today, 1, text),
        _ => {}
    }
    if let Some(days) = offset_days(&word) {
        return relative(today, days?, text);
    }
    if let Ok(date) = NaiveDate::parse_from_str(&word, "%Y-%m-%d") {
        return Ok(date);
    }
    if let Some(hint) = day_and_month(&word) {
        return Err(format!("'{text}' {hint}"));
    }
    Err(format!(
        "'{text}' is not a date: write it as 2024-02-01, or today, yesterday, tomorrow, +3d, -2d, +1w"
    ))
}

/// `+3d`, `-2d`, `+1w`, `-1w` as a number of days; `None` when `word` is not of that shape.
fn offset_days(word: &str) -> Option<Result<i64, String>> {
    let sign = match word.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &word[1..];
    let (count, unit) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit())?);
    let per = match unit {
        "d" | "day" | "days" => 1,
        "w" | "week" | "weeks" => 7,
        _ => return None,
    };
    if count.is_empty() {
        return None;
    }
    Some(
        count
            .parse::<i64>()
            .ok()
            .and_then(|n| n.checked_mul(per * sign))
            .ok_or_else(|| format!("'{word}' is too far from today")),
    )
}

fn relative(today: NaiveDate, days: i64, text: &str) -> Result<NaiveDate, String> {
    chrono::Duration::try_days(days)
        .and_then(|d| today.checked_add_signed(d))
        .ok_or_else(|| format!("'{text}' is too far from today"))
}

/// What is wrong with `1/2/2024` (or `1.2.2024`, `1-2-2024`), and the ISO dates it could
/// mean: ambiguous when both orders are dates, only the form when one is (`13/2/2024` is
/// 13 February, never month 13).
fn day_and_month(word: &str) -> Option<String> {
    let parts: Vec<&str> = word.split(['/', '.', '-']).collect();
    // Day and month of one or two digits, then the year: not 2023-13-01, which is year first.
    let [a, b, year] = parts.as_slice() else {
        return None;
    };
    if a.len() > 2 || b.len() > 2 || !matches!(year.len(), 2 | 4) {
        return None;
    }
    let (a, b, year): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, year.parse().ok()?);
    if year < 100 {
        return Some("is ambiguous: give the year in full, as in 2024-02-01 (year-month-day)".into());
    }
    let day_first = NaiveDate::from_ymd_opt(year, b, a);
    let month_first = NaiveDate::from_ymd_opt(year, a, b);
    Some(match (day_first, month_first) {
        (Some(d), Some(m)) if d != m => format!("is ambiguous: write {d} (day first) or {m} (month first)"),
        (Some(d), _) | (None, Some(d)) => {
            format!("is not written as matchday reads dates: write it as {d} (year-month-day)")
        }
        (None, None) => "is not a date: write it as 2024-02-01 (year-month-day)".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn date_words_count_from_today() {
        let today = day("2024-02-01");
        for (text, expected) in [
            ("today", "2024-02-01"),
            (" Today ", "2024-02-01"),
            ("yesterday", "2024-01-31"),
            ("tomorrow", "2024-02-02"),
            ("+3d", "2024-02-04"),
            ("-2d", "2024-01-30"),
            ("+1w", "2024-02-08"),
            ("-2w", "2024-01-18"),
            ("+0d", "2024-02-01"),
            ("2024-03-09", "2024-03-09"),
        ] {
            assert_eq!(date_on(text, today), Ok(day(expected)), "{text}");
        }
    }

    #[test]
    fn day_and_month_in_either_order_are_refused_with_the_iso_forms() {
        let today = day("2024-02-01");
        let err = date_on("1/2/2024", today).unwrap_err();
        assert_eq!(
            err,
            "'1/2/2024' is ambiguous: write 2024-02-01 (day first) or 2024-01-02 (month first)"
        );
        // Issue 19: only one reading of 13/2/2024 is a date; it is not called ambiguous.
        let err = date_on("13/2/2024", today).unwrap_err();
        assert_eq!(
            err,
            "'13/2/2024' is not written as matchday reads dates: write it as 2024-02-13 (year-month-day)"
        );
        let err = date_on("2/13/2024", today).unwrap_err();
        assert!(
            err.ends_with("is not written as matchday reads dates: write it as 2024-02-13 (year-month-day)"),
            "{err}"
        );
        assert!(!date_on("1/1/2024", today).unwrap_err().contains("ambiguous"));
        assert_eq!(
            date_on("31/13/2024", today).unwrap_err(),
            "'31/13/2024' is not a date: write it as 2024-02-01 (year-month-day)"
        );
        assert!(date_on("1.2.24", today).unwrap_err().contains("year in full"));
        for bad in [
            "",
            "-",
            "+d",
            "+3x",
            "3d",
            "2024-02-30",
            "soon",
            "+99999999999999w",
        ] {
            assert!(date_on(bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_back_are_joined_to_their_option() {
        let joined = |args: &[&str]| -> Vec<String> {
            with_days_back_joined(args.iter().map(std::ffi::OsString::from))
                .into_iter()
                .map(|a| a.into_string().unwrap())
                .collect()
        };
        assert_eq!(
            joined(&["matchday", "table", "pl", "--as-of", "-2d", "-d", "-1w"]),
            ["matchday", "table", "pl", "--as-of=-2d", "-d=-1w"]
        );
        // A value already joined, a word after a value, and anything after `--` are left alone.
        for args in [
            &["matchday", "table", "--as-of=-2d"][..],
            &["matchday", "table", "pl", "-2d"],
            &["matchday", "team", "add", "--", "-2d"],
            &["matchday", "table", "--as-of", "+2d"],
        ] {
            assert_eq!(joined(args), args);
        }
    }
}
