//! The European Cup layout of `champs.csv`: `Date, Season, round, leg, home,
//! visitor, HT, aet, pens, hgoal, vgoal, tiewinner` are read (the aggregates
//! follow from them; `tiewinner` only names who won a coin toss).
//!
//! - `round`: `prelim`, `PrelimF`, `Q-1` to `Q-3`, `Q-PO`, `Round1`, `1`,
//!   `Round2`, `R16`, `QF`, `SF`, `final`, and groups `GroupA` (one group
//!   stage), `GroupA-prelim` and `GroupA-inter` (the first and second group
//!   stages of 1999-2000 to 2002-03, kept apart as groups `A` and
//!   `Second stage A`).
//! - `leg`: `1` or `2` for a leg, `groups`, `replay` (the deciding play-off
//!   of two legs that left a tie level, or a replayed final), `initial` or
//!   `NA` for a single match.
//! - `hgoal`, `vgoal` are the 90 minutes, `HT` the half-time score, `aet` the
//!   score after extra time, `pens` the shoot-out (home kicks first), or
//!   `away goals` for ties so decided (nothing more to store: the away-goals
//!   rule is on from 1967-68, when the file first uses it), `coin toss` for a
//!   tie settled by lot, won by the `tiewinner` (stored as lots won by that
//!   side, on the row that says so), or `walkover` for a score awarded.
//! - `Q-PO` is the qualifying play-off round ("Qualifying play-off round":
//!   UEFA's "Play-off round" would read as the knockout play-offs after the groups).
//! - The final is on neutral ground.
//!
//! The competition is the European Cup to 1991-92 and the Champions League
//! from 1992-93, a knockout, or groups and knockout in seasons with groups.

use matchday_core::{Format, MatchRecord, MatchStatus, Score, SeasonRecord, Settlement, Side, Venue};

use super::{Grouped, Layout, Row, Rows, names};
use crate::{ParseError, Reading};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-champs",
    file: "champs.csv",
    columns: &[
        "Date",
        "Season",
        "round",
        "leg",
        "home",
        "visitor",
        "HT",
        "aet",
        "pens",
        "hgoal",
        "vgoal",
        "tiewinner",
    ],
    header: None,
    read: parse,
};

/// The first season the file decides a tie on away goals.
const AWAY_GOALS_FROM: i32 = 1967;

/// Reads the European Cup layout: one record per season.
pub(crate) fn parse(text: &str) -> Result<Reading, ParseError> {
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
    let [
        date,
        season,
        round,
        leg,
        home,
        away,
        ht,
        aet,
        pens,
        hgoal,
        vgoal,
        tiewinner,
    ] = at[..]
    else {
        unreachable!("one position per column")
    };
    let mut records: Grouped<i32, SeasonRecord> = Grouped::new();
    while let Some(row) = rows.next_row() {
        let row = row?;
        let start = row.season(season)?;
        let (label, group) = stage(row, round)?;
        let (leg_number, replay) = match row.get(leg) {
            "1" => (Some(1), false),
            "2" => (Some(2), false),
            "replay" => (None, true),
            "groups" | "initial" | "NA" | "" => (None, false),
            _ => return Err(row.bad("the leg", leg)),
        };
        let home_team = row.required("the home team", home)?.to_string();
        let away_team = row.required("the visitors", away)?.to_string();
        let full_time = row.goals(hgoal, vgoal)?;
        let half_time = row.score("the half-time score", ht)?;
        let extra_time = row.score("the score after extra time", aet)?;
        let decided = row.value(pens).map(str::trim);
        let penalties = match decided {
            None | Some("away goals" | "coin toss" | "walkover") => None,
            Some(kicks) => Some(
                kicks
                    .parse::<Score>()
                    .map_err(|_| row.bad("the penalties", pens))?,
            ),
        };
        let after = super::extra_time_after(leg_number == Some(2));
        let result = row.result(Some(full_time), half_time, extra_time, penalties, after)?;
        let result = if decided == Some("coin toss") {
            let side = match row.value(tiewinner).map(str::trim) {
                Some(w) if w == home_team => Side::Home,
                Some(w) if w == away_team => Side::Away,
                _ => return Err(row.bad("the winner of the coin toss", tiewinner)),
            };
            result
                .settled(Settlement::Lot(side), after)
                .map_err(|e| ParseError::new(row.line, format!("the coin toss: {e}")))?
        } else {
            result
        };
        let status = if decided == Some("walkover") {
            MatchStatus::Awarded(result)
        } else {
            MatchStatus::Played(result)
        };
        let record = records.entry(start, || SeasonRecord {
            away_goals: Some(start >= AWAY_GOALS_FROM),
            ..super::knockout_season(names::european_cup(start), start)
        });
        if group.is_some() {
            record.format = Some(Format::GroupsKnockout);
        }
        let venue = if label == "Final" {
            Venue::Neutral
        } else {
            Venue::Home
        };
        record.matches.push(MatchRecord {
            date: row.required_date(date)?,
            kickoff: None,
            home: home_team,
            away: away_team,
            venue,
            round: Some(label),
            group,
            leg: leg_number,
            replay,
            status,
            line: row.line,
            closing_odds: None,
        });
    }
    super::drop_repeats(Reading {
        seasons: records.values,
        skipped: Vec::new(),
    })
}

/// The round label and group of a row's `round`.
fn stage(row: &Row, at: usize) -> Result<(String, Option<String>), ParseError> {
    let code = row.get(at);
    if let Some(rest) = code.strip_prefix("Group") {
        let (letter, label, group) = match rest.split_once('-') {
            Some((letter, "prelim")) => (letter, "First group stage", letter.to_string()),
            Some((letter, "inter")) => (letter, "Second group stage", format!("Second stage {letter}")),
            None => (rest, "Group stage", rest.to_string()),
            Some(_) => return Err(row.bad("the round", at)),
        };
        if letter.len() != 1 || !letter.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(row.bad("the round", at));
        }
        return Ok((label.to_string(), Some(group)));
    }
    let label = match code {
        "prelim" | "PrelimF" => "Preliminary round",
        "Q-1" => "First qualifying round",
        "Q-2" => "Second qualifying round",
        "Q-3" => "Third qualifying round",
        "Q-PO" => "Qualifying play-off round",
        "Round1" | "1" => "Round 1",
        "Round2" => "Round 2",
        "R16" => "Round of 16",
        "QF" => "Quarter-final",
        "SF" => "Semi-final",
        "final" => "Final",
        _ => return Err(row.bad("the round", at)),
    };
    Ok((label.to_string(), None))
}
