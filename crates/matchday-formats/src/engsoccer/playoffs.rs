//! The play-offs layout of `englandplayoffs.csv`: `Date, Season, home,
//! visitor, hgoal, vgoal, division, round, tie, aet, pen, pens, neutral` are
//! read.
//!
//! - `division`: `2`, `3`, `4` and `conference` are the play-offs of that
//!   tier (named after the division of the day: "Championship play-offs"),
//!   `test match` the Football League's test matches of 1892-93 to 1897-98,
//!   and the other codes (`N`, `S`, `I`, `I.N`, ...) non-League divisions,
//!   kept under their code.
//! - `round`: `q`, `s`, `f` (quarter-, semi-final, final), `l` (a test-match
//!   mini-league) and `spf`.
//! - `tie`: `initial`, `leg1`, `leg2`, `replay`.
//! - `aet` set: the goals are after extra time. `pen` set: `pens` is the
//!   shoot-out with its winner, `5-4 Torquay United`.
//! - `Date` is ISO or, in 268 rows of 2012-13 to 2018-19, an R day number.

use matchday_core::{MatchRecord, MatchStatus, Season, SeasonRecord, Venue};

use super::{Grouped, Layout, Rows, names, shoot_out};
use crate::{ParseError, Reading};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-playoffs",
    file: "englandplayoffs.csv",
    columns: &[
        "Date", "Season", "home", "visitor", "hgoal", "vgoal", "division", "round", "tie", "aet", "pen",
        "pens", "neutral",
    ],
    header: None,
    read: parse,
};

/// The tier of each Football League and fifth-tier division code.
const TIERS: [(&str, u8); 4] = [("2", 2), ("3", 3), ("4", 4), ("conference", 5)];

/// Reads the play-offs layout: one record per season and division.
pub(crate) fn parse(text: &str) -> Result<Reading, ParseError> {
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
    let [
        date,
        season,
        home,
        away,
        hgoal,
        vgoal,
        division,
        round,
        tie,
        aet,
        pen,
        pens,
        neutral,
    ] = at[..]
    else {
        unreachable!("one position per column")
    };
    let mut records: Grouped<(i32, String), SeasonRecord> = Grouped::new();
    while let Some(row) = rows.next_row() {
        let row = row?;
        let start = row.season(season)?;
        let code = row.required("the division", division)?;
        let competition = match TIERS.iter().find(|(c, _)| *c == code) {
            Some((_, tier)) => match names::tier(*tier, start).as_slice() {
                [name] => format!("{name} play-offs"),
                _ => {
                    return Err(ParseError::new(
                        row.line,
                        format!(
                            "no one English league was tier {tier} in {}",
                            Season::starting(start)
                        ),
                    ));
                }
            },
            None if code == "test match" => "Test matches".to_string(),
            None => format!("Non-League play-offs {code}"),
        };
        let label = match row.get(round) {
            "q" => "Quarter-final",
            "s" => "Semi-final",
            "f" => "Final",
            "l" => "Test match",
            "spf" => "Super play-off final",
            _ => return Err(row.bad("the round", round)),
        };
        let (leg, replay) = match row.get(tie) {
            "initial" => (None, false),
            "leg1" => (Some(1), false),
            "leg2" => (Some(2), false),
            "replay" => (None, true),
            _ => return Err(row.bad("the tie", tie)),
        };
        let home_team = row.required("the home team", home)?.to_string();
        let away_team = row.required("the visitors", away)?.to_string();
        let goals = row.goals(hgoal, vgoal)?;
        let (full_time, extra_time) = if row.flag(aet) {
            (None, Some(goals))
        } else {
            (Some(goals), None)
        };
        let penalties = if row.flag(pen) {
            Some(shoot_out(row, pens, &home_team, &away_team)?)
        } else {
            None
        };
        let after = super::extra_time_after(leg.is_some());
        let result = row.result(full_time, None, extra_time, penalties, after)?;
        let record = records.entry((start, code.to_string()), || {
            super::knockout_season(competition, start)
        });
        record.matches.push(MatchRecord {
            date: row.required_date(date)?,
            kickoff: None,
            home: home_team,
            away: away_team,
            venue: if row.flag(neutral) {
                Venue::Neutral
            } else {
                Venue::Home
            },
            round: Some(label.to_string()),
            group: None,
            leg,
            replay,
            status: MatchStatus::Played(result),
            line: row.line,
            closing_odds: None,
        });
    }
    super::drop_repeats(Reading {
        seasons: records.values,
        skipped: Vec::new(),
    })
}
