//! What was known of a season at the end of a day: which of its fixtures had
//! been made public by then.
//!
//! A file stores a season whole, long after its draws, and says nothing of when
//! a pairing became known; a season seen as it stood on a day must still show
//! no pairing drawn after that day. The rule, true of real competitions:
//! - a match dated on or before the day is known (played or due by then);
//! - a league's fixtures, and a group stage's, are published before their
//!   first match (fixture lists in June, the group draw before the groups), so
//!   they are known once the qualifying rounds before them, if any, have all
//!   been decided;
//! - a knockout round's pairings are known once one of its own matches is due
//!   by the day, or once every match of the stages stored before it has been
//!   played, replays aside (a draw is made no earlier, and a final or a bracket
//!   fixed in advance needs none; the FA Cup draws the next round on the Monday
//!   after a round's weekend, before its replays, naming "Watford or
//!   Southampton"). The third-place
//!   match does not stand before the final. The first stage stored has no
//!   stage before it in the file, so its pairings count as known from before
//!   the season: a cup file that opens with a round drawn during the season
//!   (the FA Cup's first round proper, drawn in October) shows that round's
//!   ties on any day before it. A league's play-offs, seen as a cup of their
//!   own, are asked only once the league is finished;
//! - a replay is known once the meeting it replays has been played.
//!
//! A fixture drawn before a replay names the replay's winner where the draw named
//! "Watford or Southampton". It is known (stored by an import as of that day), and
//! whoever shows it shows that side as both clubs of the open tie until the replay is
//! played ([`crate::Bracket::sides_of`]): dropping it would leave the club with no tie
//! in a drawn round, which reads as a bye.
//!
//! Files give no draw dates, so a round counts as drawn from the day the last
//! match before it (replays aside) is played, a few days early where the draw
//! is held later (the Champions League's quarter-finals, drawn two days after
//! the last 16 ended), and late where a round's postponed match is played after
//! the draw (the draw names the winner of a tie still to play). A split league's second
//! phase is a league stage here: its fixtures count as known from the start.

use chrono::NaiveDate;

use crate::{Match, Round, Stage};

/// Where a stage stands in the order a season is played: qualifying rounds, then
/// the league or group stage that opens the competition proper, then the knockout rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Qualifying(Round),
    Opening,
    Knockout(Round),
}

impl Step {
    fn of(stage: Option<Stage>) -> Step {
        match stage {
            Some(Stage::Knockout(r)) if r.is_qualifying() => Step::Qualifying(r),
            Some(Stage::Knockout(r)) => Step::Knockout(r),
            Some(Stage::Group) | None => Step::Opening,
        }
    }

    /// Whether `earlier` must be decided before this step's pairings are known:
    /// every step before it, but the third-place match for the final.
    fn waits_for(self, earlier: Step) -> bool {
        earlier < self
            && !(self == Step::Knockout(Round::Final) && earlier == Step::Knockout(Round::ThirdPlace))
    }
}

/// Whether the fixtures of `stage` (none: a league's) were known at the end of
/// `day`, judged from `matches`, the season's matches, each of the stage
/// `stage_of` gives it (see the module notes).
pub(crate) fn stage_known_on(
    stage: Option<Stage>,
    matches: &[Match],
    stage_of: impl Fn(&Match) -> Option<Stage>,
    day: NaiveDate,
) -> bool {
    let step = Step::of(stage);
    let due = matches
        .iter()
        .any(|m| m.date <= day && Step::of(stage_of(m)) == step);
    // A draw waits for every tie before it to have been played, not for its replays: the
    // FA Cup's is made on the Monday after the round's weekend, its replays still to come.
    due || matches
        .iter()
        .filter(|m| !m.replay && step.waits_for(Step::of(stage_of(m))))
        .all(|m| !m.is_remaining_as_of(Some(day)))
}

/// Which of a season's `matches` (as stored, their stages typed) were known at
/// the end of `day`, in their order: see the module notes for the rule.
pub fn known_on(matches: &[Match], day: NaiveDate) -> Vec<bool> {
    let typed = |m: &Match| m.stage;
    matches
        .iter()
        .map(|m| {
            m.date <= day
                || (stage_known_on(m.stage, matches, typed, day) && replayed_meeting_played(m, matches, day))
        })
        .collect()
}

/// Whether the meeting `m` replays, if it is a replay, had been played by `day`:
/// the latest earlier meeting of the same two clubs in the same stage.
fn replayed_meeting_played(m: &Match, matches: &[Match], day: NaiveDate) -> bool {
    if !m.replay {
        return true;
    }
    let same_clubs = |o: &Match| {
        o.stage == m.stage
            && o.date < m.date
            && o.pairing.involves(m.pairing.home())
            && o.pairing.involves(m.pairing.away())
    };
    matches
        .iter()
        .filter(|o| same_clubs(o))
        .max_by_key(|o| o.date)
        .is_some_and(|o| o.result_as_of(Some(day)).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MatchStatus, Pairing, TeamId};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn game(date: &str, stage: Option<Stage>, home: i64, away: i64, played: bool) -> Match {
        let mut m = Match::new(
            day(date),
            Pairing::new(TeamId(home), TeamId(away)).unwrap(),
            if played {
                MatchStatus::Played("1-1".parse().unwrap())
            } else {
                MatchStatus::Scheduled
            },
        );
        m.stage = stage;
        m
    }

    const R3: Option<Stage> = Some(Stage::Knockout(Round::Numbered(3)));
    const R4: Option<Stage> = Some(Stage::Knockout(Round::Numbered(4)));

    /// Round 3 on the 6th with a replay on the 16th, Round 4 on the 27th.
    fn cup() -> Vec<Match> {
        let mut replay = game("2024-01-16", R3, 2, 1, true);
        replay.replay = true;
        vec![
            game("2024-01-06", R3, 1, 2, true),
            game("2024-01-07", R3, 3, 4, true),
            replay,
            game("2024-01-27", R4, 1, 3, true),
        ]
    }

    #[test]
    fn a_round_is_unknown_until_every_tie_before_it_is_played_its_replays_aside() {
        let matches = cup();
        // Round 3's second tie is played on the 7th: Round 4 is drawn then, before the
        // replay; its fixture of the clubs not waiting for a replay is known.
        let mut matches = matches;
        matches.push(game("2024-01-27", R4, 3, 5, true));
        assert!(!known_on(&matches, day("2024-01-06"))[4]);
        assert!(known_on(&matches, day("2024-01-07"))[4]);
    }

    #[test]
    fn the_first_round_stored_is_known_before_the_season() {
        let matches = cup();
        assert_eq!(known_on(&matches, day("2023-08-01")), [true, true, false, false]);
    }

    #[test]
    fn a_replay_is_unknown_before_the_meeting_it_replays() {
        let matches = cup();
        // Round 3 was due on the 6th; its replay waits for the meeting it replays.
        let mut later = matches.clone();
        later[0].date = day("2024-01-08");
        assert!(!known_on(&later, day("2024-01-07"))[2]);
        assert!(known_on(&later, day("2024-01-08"))[2]);
    }

    #[test]
    fn league_and_group_fixtures_are_known_before_the_season() {
        let group = Some(Stage::Group);
        let matches = [
            game("2023-09-19", group, 1, 2, true),
            game("2023-12-13", group, 2, 1, true),
            game(
                "2024-02-13",
                Some(Stage::Knockout(Round::RoundOf(16))),
                1,
                3,
                true,
            ),
            game("2023-08-20", None, 5, 6, true),
        ];
        assert_eq!(known_on(&matches, day("2023-07-01")), [true, true, false, true]);
        assert_eq!(known_on(&matches, day("2023-12-14")), [true; 4]);
    }

    #[test]
    fn the_groups_wait_for_the_qualifying_rounds_before_them() {
        let matches = [
            game(
                "2023-08-29",
                Some(Stage::Knockout(Round::QualifyingPlayoff)),
                1,
                2,
                true,
            ),
            game("2023-09-19", Some(Stage::Group), 1, 3, true),
        ];
        assert_eq!(known_on(&matches, day("2023-08-28")), [true, false]);
        assert_eq!(known_on(&matches, day("2023-08-29")), [true, true]);
    }

    #[test]
    fn the_final_does_not_wait_for_the_third_place_match() {
        let semi = Some(Stage::Knockout(Round::SemiFinal));
        let matches = [
            game("2018-07-11", semi, 1, 2, true),
            game("2018-07-14", Some(Stage::Knockout(Round::ThirdPlace)), 2, 4, true),
            game("2018-07-15", Some(Stage::Knockout(Round::Final)), 1, 3, true),
        ];
        assert_eq!(known_on(&matches, day("2018-07-10")), [true, false, false]);
        assert_eq!(known_on(&matches, day("2018-07-11")), [true; 3]);
    }
}
