//! The League Cup layout of `leaguecup.csv`: `Date, Season, home, visitor,
//! hgoal, vgoal, round, tie, leg` are read.
//!
//! - `round` is `1` to `5`, `prelim`, `semi` or `Semi-final`, `final` or `Final`.
//! - `tie` is `initial` or `replay1` to `replay3` (replays); the source's
//!   `check_replay_data` (1984-85's third round, flagged by its author as
//!   unchecked) is read as not a replay.
//! - `leg` is `0` for a single match, `1` or `2` for a leg; the file also
//!   writes `1` for some one-match finals, so a first leg counts as one only
//!   when its second leg is there.
//! - A final played as one match (every final from 1966-67, replays
//!   included) is at a neutral venue.
//! - The file's `aet` and `pens` columns are empty throughout (its README
//!   says so): the goals are stored as the score, and a tie decided on
//!   penalties shows as a draw.

use std::collections::HashSet;

use matchday_core::{Format, MatchRecord, MatchResult, MatchStatus, Season, SeasonRecord, Venue};

use super::{Grouped, Layout, Rows};
use crate::{ParseError, Reading};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-leaguecup",
    file: "leaguecup.csv",
    columns: &[
        "Date", "Season", "home", "visitor", "hgoal", "vgoal", "round", "tie", "leg",
    ],
    read: parse,
};

/// Reads the League Cup layout: one record per season, "League Cup".
pub(crate) fn parse(text: &str) -> Result<Reading, ParseError> {
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
    let [date, season, home, away, hgoal, vgoal, round, tie, leg] = at[..] else {
        unreachable!("one position per column")
    };
    let mut records: Grouped<i32, SeasonRecord> = Grouped::new();
    while let Some(row) = rows.next_row() {
        let row = row?;
        let start = row.season(season)?;
        let label = match row.get(round) {
            "semi" | "Semi-final" => "Semi-final".to_string(),
            "final" | "Final" => "Final".to_string(),
            "prelim" => "Preliminary round".to_string(),
            n if n.len() == 1 && n.bytes().all(|b| (b'1'..=b'9').contains(&b)) => format!("Round {n}"),
            _ => return Err(row.bad("the round", round)),
        };
        let leg_number = match row.get(leg) {
            "0" | "NA" => None,
            "1" => Some(1),
            "2" => Some(2),
            _ => return Err(row.bad("the leg", leg)),
        };
        let score = row.goals(hgoal, vgoal)?;
        let record = records.entry(start, || SeasonRecord {
            competition: "League Cup".into(),
            season: Some(Season::starting(start)),
            format: Some(Format::Knockout),
            ..Default::default()
        });
        record.matches.push(MatchRecord {
            date: row.required_date(date)?,
            kickoff: None,
            home: row.required("the home team", home)?.to_string(),
            away: row.required("the visitors", away)?.to_string(),
            venue: Venue::Home,
            round: Some(label),
            group: None,
            leg: leg_number,
            replay: row.get(tie).starts_with("replay"),
            status: MatchStatus::Played(MatchResult::full_time(score)),
            line: row.line,
        });
    }
    let mut seasons = records.values;
    for record in &mut seasons {
        settle_legs(&mut record.matches);
    }
    super::drop_repeats(Reading {
        seasons,
        skipped: Vec::new(),
    })
}

/// A first leg without its second is a single match; a final played as one
/// match is on neutral ground.
fn settle_legs(matches: &mut [MatchRecord]) {
    let pair = |m: &MatchRecord| {
        let (a, b) = if m.home <= m.away {
            (m.home.clone(), m.away.clone())
        } else {
            (m.away.clone(), m.home.clone())
        };
        (m.round.clone(), a, b)
    };
    let second_legs: HashSet<_> = matches.iter().filter(|m| m.leg == Some(2)).map(pair).collect();
    for m in matches.iter_mut() {
        if m.leg == Some(1) && !second_legs.contains(&pair(m)) {
            m.leg = None;
        }
        if m.leg.is_none() && m.round.as_deref() == Some("Final") {
            m.venue = Venue::Neutral;
        }
    }
}
