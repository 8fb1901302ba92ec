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
//!   says so), and it has no column naming a tie's winner. Its goals are stored
//!   as the score; they are the score after extra time for some matches (the
//!   2005 final, 2-3) and the 90 minutes for others (Liverpool 1-1 Chelsea in
//!   2000-01's third round, won 2-1 in extra time), and the file does not say which.
//! - A tie the file leaves level after its last meeting was settled in extra
//!   time or on penalties from 1975-76, when the League Cup first settled ties
//!   by shoot-out rather than by further replays (before then such a tie is a
//!   replay missing from the file, left as it is). Where one of the two clubs
//!   plays in a later round of the season, the file shows who won, and the last
//!   meeting is stored as won by that club, how not recorded: never a made-up
//!   score or shoot-out. A final has no later round, so a final the file leaves
//!   level stays undecided: the file does not say who won it.
//! - A two-legged tie level on aggregate went to the club with more away
//!   goals (counted after extra time) from 1979-80 to 2017-18, and otherwise
//!   as above.
//!
//! The League Cup's rules by season are from its published history
//! (Wikipedia, "Football League Cup", format; "1979–80 Football League Cup";
//! the EFL's 2018 change, reported by inews.co.uk, 24 January 2019).

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

use matchday_core::{
    ExtraTimeAfter, MatchRecord, MatchResult, MatchStatus, Round, SeasonRecord, Settlement, Side, Stage,
    Venue,
};

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

/// The first season whose ties still level after their last meeting were
/// settled by a penalty shoot-out (1975-76), not by another replay.
const SHOOT_OUTS_FROM: i32 = 1975;

/// The seasons whose two-legged ties level on aggregate went to the club
/// with more away goals (1979-80 to 2017-18).
const AWAY_GOALS: RangeInclusive<i32> = 1979..=2017;

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
        let record = records.entry(start, || SeasonRecord {
            away_goals: Some(AWAY_GOALS.contains(&start)),
            ..super::knockout_season("League Cup", start)
        });
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
            closing_odds: None,
        });
    }
    let mut seasons = records.values;
    for record in &mut seasons {
        settle_legs(&mut record.matches);
    }
    let mut reading = super::drop_repeats(Reading {
        seasons,
        skipped: Vec::new(),
    })?;
    // After the file's slips are put right, so the legs are numbered as played.
    for record in &mut reading.seasons {
        if let Some(season) = record.season
            && season.start_year() >= SHOOT_OUTS_FROM
        {
            settle_shoot_outs(&mut record.matches, AWAY_GOALS.contains(&season.start_year()));
        }
    }
    Ok(reading)
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

/// Marks the last meeting of each tie the file leaves level as won, how not
/// recorded (extra time or penalties), by the club the file shows in a later
/// round; a tie whose winner no later round shows (a final) is left as it is.
fn settle_shoot_outs(matches: &mut [MatchRecord], away_goals: bool) {
    let round_of = |m: &MatchRecord| match Stage::from_labels(None, m.round.as_deref()) {
        Ok(Stage::Knockout(round)) => Some(round),
        _ => None,
    };
    let mut furthest: HashMap<&str, Round> = HashMap::new();
    let mut ties: HashMap<(Round, &str, &str), Vec<usize>> = HashMap::new();
    for (i, m) in matches.iter().enumerate() {
        let Some(round) = round_of(m) else { continue };
        for team in [m.home.as_str(), m.away.as_str()] {
            let seen = furthest.entry(team).or_insert(round);
            *seen = (*seen).max(round);
        }
        let (a, b) = if m.home <= m.away {
            (m.home.as_str(), m.away.as_str())
        } else {
            (m.away.as_str(), m.home.as_str())
        };
        ties.entry((round, a, b)).or_default().push(i);
    }
    let mut settled: Vec<(usize, Settlement, ExtraTimeAfter)> = Vec::new();
    for ((round, a, b), mut at) in ties {
        at.sort_by_key(|&i| (matches[i].replay, matches[i].leg, matches[i].date));
        let went_on = |team: &str| furthest.get(team).is_some_and(|r| *r > round);
        let winner = match (went_on(a), went_on(b)) {
            (true, false) => a,
            (false, true) => b,
            _ => continue,
        };
        let last = *at.last().expect("a tie has a match");
        let level = if matches[last].replay || at.len() == 1 {
            score_of(&matches[last]).is_some_and(|(h, a)| h == a)
        } else {
            level_legs(matches, &at, away_goals)
        };
        if !level {
            continue;
        }
        let m = &matches[last];
        let side = if m.home == winner { Side::Home } else { Side::Away };
        let after = super::extra_time_after(m.leg == Some(2));
        settled.push((last, Settlement::NotRecorded(side), after));
    }
    for (i, settlement, after) in settled {
        if let MatchStatus::Played(result) = matches[i].status
            && let Ok(result) = result.settled(settlement, after)
        {
            matches[i].status = MatchStatus::Played(result);
        }
    }
}

/// A match's goals, home then away.
fn score_of(m: &MatchRecord) -> Option<(u32, u32)> {
    let score = m.status.result()?.final_score();
    Some((u32::from(score.home()), u32::from(score.away())))
}

/// Whether the two legs at `at` leave the tie level on aggregate and, where
/// they count, on away goals: only then did extra time or a shoot-out decide it.
fn level_legs(matches: &[MatchRecord], at: &[usize], away_goals: bool) -> bool {
    let [first, second] = at else { return false };
    let (m1, m2) = (&matches[*first], &matches[*second]);
    if (m1.leg, m2.leg) != (Some(1), Some(2)) || m1.home != m2.away {
        return false;
    }
    let (Some((h1, a1)), Some((h2, a2))) = (score_of(m1), score_of(m2)) else {
        return false;
    };
    // From the first leg's home side: its goals over both legs, and away.
    let level_aggregate = h1 + a2 == a1 + h2;
    let level_away = a2 == a1;
    level_aggregate && (!away_goals || level_away)
}
