//! Which stored match a match read from a file is: the identity that lets a
//! re-import change nothing and a newer copy update what changed, without ever
//! letting one real match replace another.
//!
//! A league match is its pairing (home and away) and its meeting: Scottish clubs
//! meet three or four times a season, a league phase's and a knockout play-off's
//! meetings of the same clubs are different matches, and a file of one season may
//! name its rounds ("Matchday 1") where another copy of the same season does not.
//! So a league match is not known by its round label, and a pairing's meetings
//! are told apart by their day. A knockout match is its pairing, its round (typed,
//! so "Third round" and "Round 3" are one round), its leg and whether it is a replay.
//!
//! Within a key, an incoming match is the stored match of the same day; failing
//! that, a stored match not yet played (a fixture moved to another day); and,
//! for a knockout key holding one match on each side with the same label, that
//! match (a cup result whose day was corrected). A stored result is never taken
//! for a league meeting of another day: that meeting is new, and the season's
//! checks then say whether the league has room for it.

use std::collections::HashMap;

use crate::{Match, Round, Stage, TeamId};

/// What identifies a match up to its meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// A league (or group) meeting of home and away.
    Meeting(TeamId, TeamId),
    /// A knockout match: home, away, round, leg, replay.
    Tie(TeamId, TeamId, TieRound, u8, bool),
}

/// A knockout round, typed where the label names one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TieRound {
    Typed(Round),
    /// A label that names no round (stored before rounds were typed).
    Label(String),
}

fn key(m: &Match, league: bool) -> Key {
    let (home, away) = (m.pairing.home(), m.pairing.away());
    let tie = |round| Key::Tie(home, away, round, m.leg.unwrap_or(0), m.replay);
    match m.stage {
        Some(Stage::Knockout(round)) => tie(TieRound::Typed(round)),
        Some(Stage::Group) => Key::Meeting(home, away),
        None if league => Key::Meeting(home, away),
        None => tie(TieRound::Label(m.round.clone().unwrap_or_default())),
    }
}

/// Whether `a` and `b` are the same knockout match (pairing, round, leg and replay),
/// whatever their days: a cup tie's leg is played once. League meetings are never
/// the same tie; [`same_matches`] tells them apart by day.
pub fn same_tie(a: &Match, b: &Match, league: bool) -> bool {
    let ka = key(a, league);
    matches!(ka, Key::Tie(..)) && ka == key(b, league)
}

/// For each of `incoming`, the index in `stored` of the match it is, or none
/// for a new match. No stored match is given to two incoming ones.
///
/// `league` says the competition is a league, whose unlabelled matches are
/// meetings; in a cup a match without a typed stage is known by its label.
///
/// ```
/// use chrono::NaiveDate;
/// use matchday_core::{Match, MatchStatus, Pairing, TeamId, same_matches};
/// let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
/// let old_firm = Pairing::new(TeamId(1), TeamId(2)).unwrap();
/// let played = MatchStatus::Played("2-1".parse().unwrap());
/// let stored = vec![Match::new(day(2), old_firm, played)];
/// // A third meeting at the same ground is a new match, not a correction of the first.
/// let incoming = vec![Match::new(day(2), old_firm, played), Match::new(day(30), old_firm, played)];
/// assert_eq!(same_matches(&incoming, &stored, true), vec![Some(0), None]);
/// ```
pub fn same_matches(incoming: &[Match], stored: &[Match], league: bool) -> Vec<Option<usize>> {
    let mut by_key: HashMap<Key, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, m) in incoming.iter().enumerate() {
        by_key.entry(key(m, league)).or_default().0.push(i);
    }
    for (j, s) in stored.iter().enumerate() {
        if let Some(entry) = by_key.get_mut(&key(s, league)) {
            entry.1.push(j);
        }
    }
    let mut found = vec![None; incoming.len()];
    for (key, (mut ins, mut outs)) in by_key {
        if outs.is_empty() {
            continue;
        }
        ins.sort_by_key(|&i| incoming[i].date);
        outs.sort_by_key(|&j| stored[j].date);
        let mut taken = vec![false; outs.len()];
        // The same day first.
        for &i in &ins {
            if let Some(k) = (0..outs.len()).find(|&k| !taken[k] && stored[outs[k]].date == incoming[i].date)
            {
                taken[k] = true;
                found[i] = Some(outs[k]);
            }
        }
        // Then a fixture moved to another day, in order of days.
        for &i in &ins {
            if found[i].is_some() {
                continue;
            }
            if let Some(k) = (0..outs.len()).find(|&k| !taken[k] && stored[outs[k]].status.result().is_none())
            {
                taken[k] = true;
                found[i] = Some(outs[k]);
            }
        }
        // A cup match whose day changed: the one match of its tie on each side.
        if matches!(key, Key::Tie(..)) {
            let left: Vec<usize> = ins.iter().copied().filter(|&i| found[i].is_none()).collect();
            let free: Vec<usize> = (0..outs.len()).filter(|&k| !taken[k]).collect();
            if let ([i], [k]) = (left.as_slice(), free.as_slice())
                && ins.len() == 1
                && incoming[*i].round == stored[outs[*k]].round
            {
                found[*i] = Some(outs[*k]);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::{MatchStatus, Pairing};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    fn game(home: i64, away: i64, date: NaiveDate, status: &str) -> Match {
        let status = match status {
            "" => MatchStatus::Scheduled,
            score => MatchStatus::Played(score.parse().unwrap()),
        };
        Match::new(date, Pairing::new(TeamId(home), TeamId(away)).unwrap(), status)
    }

    fn cup(mut m: Match, round: &str) -> Match {
        m.round = Some(round.to_string());
        m.stage = Stage::from_labels(None, Some(round)).ok();
        m
    }

    #[test]
    fn a_re_import_finds_every_match_and_a_fourth_meeting_is_new() {
        // Celtic at home to Rangers twice, as a split season allows.
        let stored = vec![game(1, 2, day(1, 2), "2-1"), game(1, 2, day(4, 7), "0-0")];
        let again = same_matches(&stored, &stored, true);
        assert_eq!(again, vec![Some(0), Some(1)]);
        let more = vec![
            game(1, 2, day(1, 2), "2-1"),
            game(1, 2, day(4, 7), "0-0"),
            game(1, 2, day(5, 12), "3-0"),
        ];
        assert_eq!(same_matches(&more, &stored, true), vec![Some(0), Some(1), None]);
    }

    #[test]
    fn a_result_never_replaces_a_result_of_another_day() {
        let stored = vec![game(1, 2, day(1, 2), "2-1")];
        let later = vec![game(1, 2, day(3, 9), "1-1")];
        assert_eq!(same_matches(&later, &stored, true), vec![None]);
    }

    #[test]
    fn a_fixture_moved_to_another_day_is_the_same_match() {
        let stored = vec![game(1, 2, day(1, 2), "2-1"), game(1, 2, day(4, 7), "")];
        let moved = vec![game(1, 2, day(1, 2), "2-1"), game(1, 2, day(4, 21), "1-0")];
        assert_eq!(same_matches(&moved, &stored, true), vec![Some(0), Some(1)]);
    }

    #[test]
    fn league_labels_do_not_decide_and_knockout_rounds_do() {
        let mut labelled = game(1, 2, day(1, 2), "2-1");
        labelled.round = Some("Matchday 20".into());
        let plain = game(1, 2, day(1, 2), "2-1");
        assert_eq!(same_matches(&[labelled], &[plain], true), vec![Some(0)]);
        // A league phase's meeting and a knockout play-off's first leg of the same clubs.
        let mut phase = game(1, 2, day(1, 21), "3-1");
        phase.stage = Some(Stage::Group);
        let mut play_off = cup(game(1, 2, day(2, 11), "2-1"), "Knockout play-offs");
        play_off.leg = Some(1);
        assert_eq!(
            same_matches(&[play_off.clone()], &[phase.clone()], false),
            vec![None]
        );
        assert_eq!(
            same_matches(&[phase, play_off.clone()], &[play_off], false),
            vec![None, Some(0)]
        );
    }

    #[test]
    fn a_cup_tie_whose_day_changed_is_the_same_match_but_a_second_replay_is_new() {
        let stored = vec![cup(game(1, 2, day(1, 6), "1-1"), "Round 3")];
        let corrected = vec![cup(game(1, 2, day(1, 7), "1-1"), "Third round")];
        // A label that names the same round in other words is not the same label:
        // only a day or the same label finds a played match.
        assert_eq!(same_matches(&corrected, &stored, false), vec![None]);
        let corrected = vec![cup(game(1, 2, day(1, 7), "1-1"), "Round 3")];
        assert_eq!(same_matches(&corrected, &stored, false), vec![Some(0)]);
        let mut first = cup(game(1, 2, day(1, 16), "0-0"), "Round 3, replay");
        first.replay = true;
        let mut second = cup(game(1, 2, day(1, 23), "2-0"), "Round 3, second replay");
        second.replay = true;
        assert_eq!(
            same_matches(&[first.clone(), second], &[first], false),
            vec![Some(0), None]
        );
    }
}
