//! The FA Cup layout of `facup.csv`: `Date, Season, home, visitor, hgoal,
//! vgoal, round, tie, aet, pen, hp, vp, nonmatch, neutral` are read.
//!
//! - `round` is `1` to `6` (the rounds proper), `s` or `Semi-final`, `f` or
//!   `Final`, `Quarter-final`, and `3pp` (the third-place play-offs of
//!   1969-70 to 1973-74).
//! - `tie` is `initial`, `replay`, `replay2` and on (replays; a second or
//!   later one is labelled "Round 3, second replay", so two replays between
//!   the same clubs are two matches), or `leg1` and
//!   `leg2` (1945-46's two-legged ties).
//! - With `aet` set the goals are the score after extra time; the score
//!   after 90 minutes is not given and stays absent. With `pen` set, `hp`
//!   and `vp` are the home and visiting kicks.
//! - `neutral` set is a neutral venue.
//! - A row with `nonmatch` set (`Bye`, `Walkover`, `Match void`, `Not
//!   played`, `... disqualified`) holds no result that counts: it is left
//!   out and counted by kind.

use matchday_core::{MatchRecord, MatchStatus, SeasonRecord, Venue};

use super::{Grouped, Layout, Rows};
use crate::{ParseError, Reading, Skipped};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-facup",
    file: "facup.csv",
    columns: &[
        "Date", "Season", "home", "visitor", "hgoal", "vgoal", "round", "tie", "aet", "pen", "hp", "vp",
        "nonmatch", "neutral",
    ],
    header: None,
    read: parse,
};

/// Reads the FA Cup layout: one record per season, "FA Cup".
pub(crate) fn parse(text: &str) -> Result<Reading, ParseError> {
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
    let [
        date,
        season,
        home,
        away,
        hgoal,
        vgoal,
        round,
        tie,
        aet,
        pen,
        hp,
        vp,
        nonmatch,
        neutral,
    ] = at[..]
    else {
        unreachable!("one position per column")
    };
    let mut records: Grouped<i32, SeasonRecord> = Grouped::new();
    let mut left_out: Grouped<String, Skipped> = Grouped::new();
    while let Some(row) = rows.next_row() {
        let row = row?;
        let start = row.season(season)?;
        if let Some(kind) = row.value(nonmatch) {
            // "Sheffield disqualified" and the like are one kind.
            let kind = if kind.ends_with("disqualified") || kind.contains("disqualified (") {
                "disqualification".to_string()
            } else {
                kind.to_lowercase()
            };
            let why = format!("FA Cup rows marked \"{kind}\" (no result that counts)");
            left_out.entry(kind, || Skipped { rows: 0, why }).rows += 1;
            continue;
        }
        let label = match row.get(round) {
            "s" | "Semi-final" => "Semi-final".to_string(),
            "f" | "Final" => "Final".to_string(),
            "Quarter-final" => "Quarter-final".to_string(),
            "3pp" => "Third place play-off".to_string(),
            n if n.len() == 1 && n.bytes().all(|b| (b'1'..=b'9').contains(&b)) => format!("Round {n}"),
            _ => return Err(row.bad("the round", round)),
        };
        let tie_kind = row.get(tie);
        let replay = super::replay_number(tie_kind);
        let leg = match tie_kind {
            "leg1" => Some(1),
            "leg2" => Some(2),
            _ => None,
        };
        let goals = row.goals(hgoal, vgoal)?;
        let (full_time, extra_time) = if row.flag(aet) {
            (None, Some(goals))
        } else {
            (Some(goals), None)
        };
        let penalties = if row.flag(pen) {
            Some(row.goals(hp, vp)?)
        } else {
            None
        };
        let after = super::extra_time_after(leg.is_some());
        let result = row.result(full_time, None, extra_time, penalties, after)?;
        let record = records.entry(start, || super::knockout_season("FA Cup", start));
        record.matches.push(MatchRecord {
            date: row.required_date(date)?,
            kickoff: None,
            home: row.required("the home team", home)?.to_string(),
            away: row.required("the visitors", away)?.to_string(),
            venue: if row.flag(neutral) {
                Venue::Neutral
            } else {
                Venue::Home
            },
            round: Some(super::replay_label(label, replay)),
            group: None,
            leg,
            replay: replay > 0,
            status: MatchStatus::Played(result),
            line: row.line,
            closing_odds: None,
        });
    }
    super::drop_repeats(Reading {
        seasons: records.values,
        skipped: left_out.values,
    })
}
