//! The League Cup layout of `leaguecup.csv`: `Date, Season, home, visitor,
//! hgoal, vgoal, round, tie, leg` are read.
//!
//! - `round` is `1` to `5`, `prelim`, `semi` or `Semi-final`, `final` or `Final`.
//! - `tie` is `initial` or `replay1` to `replay3` (replays; a second or
//!   third is labelled "Round 3, second replay" so it is a match of its own); the source's
//!   `check_replay_data` (1984-85, flagged by its author as unchecked) is a
//!   replay when the same clubs already met in that round, and else not.
//! - `leg` is `0` for a single match, `1` or `2` for a leg; the file also
//!   writes `1` for some one-match finals, so a first leg counts as one only
//!   when its second leg is there.
//! - A final played as one match (every final from 1966-67, replays
//!   included) is at a neutral venue.
//! - The file's `aet` and `pens` columns are empty throughout (its README
//!   says so): the goals are stored as the score, and a tie decided on
//!   penalties shows as a draw.

use std::collections::HashSet;

use matchday_core::{MatchRecord, MatchResult, MatchStatus, SeasonRecord, Venue};

use super::{Grouped, Layout, Rows};
use crate::{ParseError, Reading};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-leaguecup",
    file: "leaguecup.csv",
    columns: &[
        "Date", "Season", "home", "visitor", "hgoal", "vgoal", "round", "tie", "leg",
    ],
    header: None,
    read: parse,
};

/// Reads the League Cup layout: one record per season, "League Cup".
pub(crate) fn parse(text: &str) -> Result<Reading, ParseError> {
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
    let [date, season, home, away, hgoal, vgoal, round, tie, leg] = at[..] else {
        unreachable!("one position per column")
    };
    let mut records: Grouped<i32, SeasonRecord> = Grouped::new();
    // How often each pair of clubs has met in a round so far.
    let mut meetings: std::collections::HashMap<(i32, String, String, String), u8> = Default::default();
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
        let home_team = row.required("the home team", home)?.to_string();
        let away_team = row.required("the visitors", away)?.to_string();
        let pair = if home_team <= away_team {
            (start, label.clone(), home_team.clone(), away_team.clone())
        } else {
            (start, label.clone(), away_team.clone(), home_team.clone())
        };
        let earlier = meetings.entry(pair).or_insert(0);
        let replay = match row.get(tie) {
            // Unchecked by the source's author: a replay when the clubs met in the round before.
            "check_replay_data" if leg_number.is_none() => *earlier,
            kind => super::replay_number(kind),
        };
        *earlier += 1;
        let record = records.entry(start, || super::knockout_season("League Cup", start));
        record.matches.push(MatchRecord {
            date: row.required_date(date)?,
            kickoff: None,
            home: home_team,
            away: away_team,
            venue: Venue::Home,
            round: Some(super::replay_label(label, replay)),
            group: None,
            leg: leg_number,
            replay: replay > 0,
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
        let final_ = m
            .round
            .as_deref()
            .is_some_and(|r| r == "Final" || r.starts_with("Final, "));
        if m.leg.is_none() && final_ {
            m.venue = Venue::Neutral;
        }
    }
}
