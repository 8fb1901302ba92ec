//! The warning `table` and `odds` give when fixtures of the season were left behind.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{Competition, Match, Overdue, TeamId};

use crate::render;

/// The day a read is as of: the one asked for, else today while the season is on
/// (a season over and done has nothing overdue: its fixtures left are history).
pub fn day_read(competition: &Competition, as_of: Option<NaiveDate>) -> Option<NaiveDate> {
    let today = chrono::Local::now().date_naive();
    as_of.or(Some(today).filter(|d| competition.season.contains(*d)))
}

/// The one line a fan is told when fixtures dated before the day read still have no
/// result, naming how many and the earliest, and what `counted` makes of them; none
/// when there are none.
pub fn warning(
    competition: &Competition,
    matches: &[Match],
    as_of: Option<NaiveDate>,
    names: &HashMap<TeamId, String>,
    counted: &str,
) -> Option<String> {
    let day = day_read(competition, as_of)?;
    let overdue = Overdue::before(matches, day)?;
    let name = |t: TeamId| render::escaped(names.get(&t).map_or("?", String::as_str));
    let first = overdue.earliest;
    let fixtures = match overdue.count {
        1 => format!("1 fixture dated before {day} still has"),
        n => format!("{n} fixtures dated before {day} still have"),
    };
    Some(format!(
        "warning: {} {}: {fixtures} no result (the earliest {} v {}, {}); {counted}",
        competition.name,
        competition.season,
        name(first.pairing.home()),
        name(first.pairing.away()),
        first.date,
    ))
}

/// Prints [`warning`] on stderr, once.
pub fn warn(
    competition: &Competition,
    matches: &[Match],
    as_of: Option<NaiveDate>,
    names: &HashMap<TeamId, String>,
    counted: &str,
) {
    if let Some(line) = warning(competition, matches, as_of, names, counted) {
        eprintln!("{line}");
    }
}
