//! A knockout tie and how it is decided.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    Aggregate, Competition, Format, KnockoutError, LegFault, Match, MatchResult, MatchStatus, Round, Score,
    ScoreParts, Settlement, Stage, TeamId, TieGoals, TieMatch, TieScore, TieState,
};

/// How a tie is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieFormat {
    /// One match, with extra time and penalties where needed.
    SingleMatch,
    /// One match replayed while drawn; the last replay decides.
    WithReplays,
    /// Two legs decided on aggregate; a tie still level after them was, in
    /// the early European Cup and League Cup, replayed as a deciding play-off.
    TwoLegs,
}

/// What finally separated the teams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decider {
    /// The score after 90 minutes of a single match or replay.
    NormalTime,
    /// The aggregate after both legs' 90 minutes.
    Aggregate,
    /// Away goals on a level aggregate.
    AwayGoals,
    /// Extra time.
    ExtraTime,
    /// A penalty shoot-out, its kicks recorded or not.
    Penalties,
    /// The drawing of lots or a coin toss.
    Lot,
    /// Extra time or penalties after a level score: the record does not say which.
    NotRecorded,
    /// A deciding play-off after two legs left the tie level.
    PlayOff,
    /// A match awarded off the pitch.
    Awarded,
}

/// Where a tie stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum TieOutcome {
    /// A leg, match or replay is still to play.
    Undecided,
    /// One team went through.
    Decided {
        /// The team that went through.
        winner: TeamId,
        /// What separated the teams.
        decider: Decider,
    },
}

/// A knockout tie between two teams in one round, as it stood on an as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnockoutTie {
    round: Round,
    first: TeamId,
    second: TeamId,
    format: TieFormat,
    matches: Vec<Match>,
    as_of: Option<NaiveDate>,
    outcome: TieOutcome,
    away_goals: bool,
}

/// Goals in a tie from the first-named team's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Tally {
    first: u32,
    second: u32,
}

impl Tally {
    fn leader(self, first: TeamId, second: TeamId) -> Option<TeamId> {
        match self.first.cmp(&self.second) {
            std::cmp::Ordering::Greater => Some(first),
            std::cmp::Ordering::Less => Some(second),
            std::cmp::Ordering::Equal => None,
        }
    }
}

impl KnockoutTie {
    /// The tie formed by `matches`, all of one round between the same two teams.
    ///
    /// The format comes from the matches: legs set means two legs, with any
    /// match flagged as a replay the deciding play-off of legs that left the
    /// tie level; a replay flag means replays; otherwise two unflagged meetings are two legs in a
    /// group-and-knockout competition or after a first meeting that was won,
    /// and a replay after a level one. Matches dated after `as_of` count as not
    /// yet played; cancelled and abandoned matches do not count, and a tie
    /// with no other match is [`TieState::CalledOff`].
    ///
    /// # Errors
    /// [`KnockoutError::BadLeg`] for a leg number other than 1 or 2, a leg
    /// given twice, more than two legs, or a match beside the legs that is
    /// neither a leg nor a play-off (replay); [`KnockoutError::NoMatch`] when
    /// `matches` is empty; [`KnockoutError::MixedTie`] when its matches are not
    /// all between the same two teams.
    pub fn from_matches(
        competition: &Competition,
        round: Round,
        matches: &[Match],
        as_of: Option<NaiveDate>,
    ) -> Result<KnockoutTie, KnockoutError> {
        let Some(any) = matches.first() else {
            return Err(KnockoutError::NoMatch { round });
        };
        let (home, away) = (any.pairing.home(), any.pairing.away());
        if !matches
            .iter()
            .all(|m| m.pairing.involves(home) && m.pairing.involves(away))
        {
            return Err(KnockoutError::MixedTie { round });
        }
        let void = |m: &Match| matches!(m.status, MatchStatus::Cancelled | MatchStatus::Abandoned);
        let mut matches: Vec<Match> = if matches.iter().all(void) {
            // Kept so the tie still shows who was drawn; nothing in it counts.
            matches.to_vec()
        } else {
            matches.iter().filter(|m| !void(m)).cloned().collect()
        };
        // Legs in their order, then a play-off after them (a leg's number sorts
        // before none), so the first-named team is the first leg's home side.
        matches.sort_by_key(|m| (m.leg.is_none(), m.leg, m.date, m.kickoff));
        let (first, second) = (matches[0].pairing.home(), matches[0].pairing.away());
        let bad_leg = |fault: LegFault| KnockoutError::BadLeg { round, fault };
        let format = if matches.iter().any(|m| m.leg.is_some()) {
            let legs: Vec<&Match> = matches.iter().filter(|m| m.leg.is_some()).collect();
            if matches.iter().any(|m| m.leg.is_none() && !m.replay) {
                return Err(bad_leg(LegFault::LegNeeded));
            }
            if legs.len() > 2 {
                return Err(bad_leg(LegFault::MoreThanTwo));
            }
            if let Some(m) = legs.iter().find(|m| !matches!(m.leg, Some(1) | Some(2))) {
                return Err(bad_leg(LegFault::Number(m.leg.unwrap_or(0))));
            }
            if legs.len() == 2 && legs[0].leg == legs[1].leg {
                return Err(bad_leg(LegFault::StoredTwice));
            }
            TieFormat::TwoLegs
        } else if matches.iter().any(|m| m.replay) {
            TieFormat::WithReplays
        } else if matches.len() == 1 {
            TieFormat::SingleMatch
        } else if matches.len() == 2
            && (competition.format == Format::GroupsKnockout
                || matches[0]
                    .status
                    .result()
                    .is_some_and(|r| !r.final_score().is_level()))
        {
            TieFormat::TwoLegs
        } else {
            TieFormat::WithReplays
        };
        let mut tie = KnockoutTie {
            round,
            first,
            second,
            format,
            matches,
            as_of,
            outcome: TieOutcome::Undecided,
            away_goals: competition.away_goals,
        };
        tie.outcome = match format {
            TieFormat::TwoLegs => tie.decide_on_aggregate(competition.away_goals),
            _ => tie.decide_by_last_match(),
        };
        Ok(tie)
    }

    fn counted(&self) -> impl Iterator<Item = (&Match, &MatchResult)> {
        self.matches
            .iter()
            .filter_map(|m| m.result_as_of(self.as_of).map(|r| (m, r)))
    }

    /// A score seen from the first-named team's side.
    fn oriented(&self, m: &Match, score: Score) -> Tally {
        let (h, a) = (u32::from(score.home()), u32::from(score.away()));
        if m.pairing.home() == self.first {
            Tally { first: h, second: a }
        } else {
            Tally { first: a, second: h }
        }
    }

    /// The matches counted that are legs of a two-legged tie (all of them in other formats).
    fn counted_legs(&self) -> impl Iterator<Item = (&Match, &MatchResult)> {
        let two_legs = self.format == TieFormat::TwoLegs;
        self.counted().filter(move |(m, _)| !(two_legs && m.replay))
    }

    fn decide_by_last_match(&self) -> TieOutcome {
        self.decide_by_first_won(self.counted())
    }

    /// The outcome of the first of `played` with a winner: a single match, or
    /// the replay (or play-off) that settled a level meeting.
    fn decide_by_first_won<'a>(
        &self,
        played: impl Iterator<Item = (&'a Match, &'a MatchResult)>,
    ) -> TieOutcome {
        for (m, result) in played {
            let Some(side) = result.winner() else { continue };
            let winner = match side {
                crate::Side::Home => m.pairing.home(),
                crate::Side::Away => m.pairing.away(),
            };
            let decider = if matches!(m.status, MatchStatus::Awarded(_)) {
                Decider::Awarded
            } else if result.final_score().is_level() {
                match result.settlement() {
                    Some(Settlement::Lot(_)) => Decider::Lot,
                    Some(Settlement::NotRecorded(_)) => Decider::NotRecorded,
                    _ => Decider::Penalties,
                }
            } else if result.extra_time().is_some() {
                Decider::ExtraTime
            } else {
                Decider::NormalTime
            };
            return TieOutcome::Decided { winner, decider };
        }
        TieOutcome::Undecided
    }

    fn decide_on_aggregate(&self, away_goals: bool) -> TieOutcome {
        let results: Vec<(&Match, &MatchResult)> = self.counted_legs().collect();
        if results.len() < 2 {
            return TieOutcome::Undecided;
        }
        match self.decide_legs(&results, away_goals) {
            TieOutcome::Undecided => {
                // Legs that left the tie level were settled by a deciding play-off.
                let play_offs = self.counted().filter(|(m, _)| m.replay);
                match self.decide_by_first_won(play_offs) {
                    TieOutcome::Decided {
                        winner,
                        decider: Decider::Awarded,
                    } => TieOutcome::Decided {
                        winner,
                        decider: Decider::Awarded,
                    },
                    TieOutcome::Decided { winner, .. } => TieOutcome::Decided {
                        winner,
                        decider: Decider::PlayOff,
                    },
                    TieOutcome::Undecided => TieOutcome::Undecided,
                }
            }
            decided => decided,
        }
    }

    fn decide_legs(&self, results: &[(&Match, &MatchResult)], away_goals: bool) -> TieOutcome {
        let (first_leg, second_leg) = (results[0], results[1]);
        let awarded = results
            .iter()
            .any(|(m, _)| matches!(m.status, MatchStatus::Awarded(_)));
        let decided = |winner: TeamId, decider: Decider| TieOutcome::Decided {
            winner,
            decider: if awarded { Decider::Awarded } else { decider },
        };
        let leg1 = self.oriented(first_leg.0, first_leg.1.final_score());
        let aggregate = |leg2: Tally| Tally {
            first: leg1.first + leg2.first,
            second: leg1.second + leg2.second,
        };
        let away = |leg2: Tally| self.away_tally([(first_leg.0, leg1), (second_leg.0, leg2)]);
        // Extra time means the 90 minutes left the tie level, so when only the
        // score after extra time was given the tie is decided from there.
        if let Some(after_90) = second_leg.1.score().map(|ft| self.oriented(second_leg.0, ft)) {
            if let Some(w) = aggregate(after_90).leader(self.first, self.second) {
                return decided(w, Decider::Aggregate);
            }
            if away_goals && let Some(w) = away(after_90).leader(self.first, self.second) {
                return decided(w, Decider::AwayGoals);
            }
        }
        if let Some(et) = second_leg.1.extra_time() {
            let after_et = self.oriented(second_leg.0, et);
            if let Some(w) = aggregate(after_et).leader(self.first, self.second) {
                return decided(w, Decider::ExtraTime);
            }
            // Under the old rule, away goals scored in extra time still counted double.
            if away_goals && let Some(w) = away(after_et).leader(self.first, self.second) {
                return decided(w, Decider::AwayGoals);
            }
        }
        if let Some(settlement) = second_leg.1.settlement()
            && let Some(side) = settlement.winner()
        {
            let w = match side {
                crate::Side::Home => second_leg.0.pairing.home(),
                crate::Side::Away => second_leg.0.pairing.away(),
            };
            let decider = match settlement {
                Settlement::Penalties(_) | Settlement::PenaltiesUnrecorded(_) => Decider::Penalties,
                Settlement::Lot(_) => Decider::Lot,
                Settlement::NotRecorded(_) => Decider::NotRecorded,
            };
            return decided(w, decider);
        }
        TieOutcome::Undecided
    }

    fn away_tally(&self, legs: [(&Match, Tally); 2]) -> Tally {
        let mut away = Tally::default();
        for (m, goals) in legs {
            if m.pairing.away() == self.first {
                away.first += goals.first;
            } else {
                away.second += goals.second;
            }
        }
        away
    }

    /// The round.
    pub fn round(&self) -> Round {
        self.round
    }

    /// The two teams: the first named at home in the first (or only) match.
    pub fn teams(&self) -> (TeamId, TeamId) {
        (self.first, self.second)
    }

    /// Whether `team` plays in the tie.
    pub fn involves(&self, team: TeamId) -> bool {
        team == self.first || team == self.second
    }

    /// The other team, if `team` is one of the two.
    pub fn opponent_of(&self, team: TeamId) -> Option<TeamId> {
        if team == self.first {
            Some(self.second)
        } else if team == self.second {
            Some(self.first)
        } else {
            None
        }
    }

    /// Single match, with replays, or two legs.
    pub fn format(&self) -> TieFormat {
        self.format
    }

    /// The tie's matches, first leg or first meeting first.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// Where the tie stands on the as-of date.
    pub fn outcome(&self) -> TieOutcome {
        self.outcome
    }

    /// The team that went through, once decided.
    pub fn winner(&self) -> Option<TeamId> {
        match self.outcome {
            TieOutcome::Decided { winner, .. } => Some(winner),
            TieOutcome::Undecided => None,
        }
    }

    /// The team knocked out, once decided.
    pub fn loser(&self) -> Option<TeamId> {
        self.winner().and_then(|w| self.opponent_of(w))
    }

    /// Whether any of the tie's matches was played by the as-of date.
    pub fn has_started(&self) -> bool {
        self.counted().next().is_some()
    }

    /// The next match still to play, while the tie is undecided.
    pub fn next_match(&self) -> Option<&Match> {
        if self.winner().is_some() {
            return None;
        }
        self.matches.iter().find(|m| m.is_remaining_as_of(self.as_of))
    }

    /// The aggregate from the first-named team's side, over the legs played (two-legged ties only).
    pub fn aggregate(&self) -> Option<(u32, u32)> {
        if self.format != TieFormat::TwoLegs || !self.has_started() {
            return None;
        }
        let total = self.counted_legs().fold(Tally::default(), |acc, (m, r)| {
            let goals = self.oriented(m, r.final_score());
            Tally {
                first: acc.first + goals.first,
                second: acc.second + goals.second,
            }
        });
        Some((total.first, total.second))
    }

    /// Where the tie stands: not started, in progress, called off or decided.
    pub fn state(&self) -> TieState {
        match self.outcome {
            TieOutcome::Decided { winner, decider } => TieState::Decided { winner, decider },
            TieOutcome::Undecided if self.has_started() => TieState::InProgress,
            TieOutcome::Undecided
                if self
                    .matches
                    .iter()
                    .all(|m| matches!(m.status, MatchStatus::Cancelled | MatchStatus::Abandoned)) =>
            {
                TieState::CalledOff
            }
            TieOutcome::Undecided => TieState::NotStarted,
        }
    }

    /// The tie's score with its parts, as values for whoever words it.
    pub fn score(&self) -> TieScore {
        let matches = self
            .counted()
            .enumerate()
            .map(|(i, (m, r))| TieMatch {
                home: m.pairing.home(),
                away: m.pairing.away(),
                leg: m.leg,
                replay: m.replay || (self.format == TieFormat::WithReplays && i > 0),
                score: ScoreParts::of(r, matches!(m.status, MatchStatus::Awarded(_))),
            })
            .collect();
        let aggregate = self.aggregate().map(|(first, second)| {
            let legs: Vec<(&Match, &MatchResult)> = self.counted_legs().collect();
            let away_goals = (self.away_goals && legs.len() == 2).then(|| {
                let [(m1, r1), (m2, r2)] = [legs[0], legs[1]];
                let away = self.away_tally([
                    (m1, self.oriented(m1, r1.final_score())),
                    (m2, self.oriented(m2, r2.final_score())),
                ]);
                TieGoals {
                    first: away.first,
                    second: away.second,
                }
            });
            Aggregate {
                goals: TieGoals { first, second },
                away_goals,
            }
        });
        TieScore {
            round: self.round,
            first: self.first,
            second: self.second,
            format: self.format,
            state: self.state(),
            aggregate,
            matches,
        }
    }
}

/// The ties of one knockout round, in the order their first matches were played.
///
/// # Errors
/// As [`KnockoutTie::from_matches`], and for a cup match whose label names no stage.
pub fn ties_in_round(
    competition: &Competition,
    round: Round,
    matches: &[Match],
    as_of: Option<NaiveDate>,
) -> Result<Vec<KnockoutTie>, KnockoutError> {
    let mut by_pair: BTreeMap<(TeamId, TeamId), Vec<Match>> = BTreeMap::new();
    for m in matches {
        if competition.format == Format::League || Stage::of(m)? != Stage::Knockout(round) {
            continue;
        }
        let (a, b) = (m.pairing.home(), m.pairing.away());
        by_pair.entry((a.min(b), a.max(b))).or_default().push(m.clone());
    }
    let mut ties = by_pair
        .values()
        .map(|ms| KnockoutTie::from_matches(competition, round, ms, as_of))
        .collect::<Result<Vec<_>, _>>()?;
    ties.sort_by_key(|t| t.matches.first().map(|m| (m.date, m.kickoff)));
    Ok(ties)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn tie(competition: &Competition, matches: &[Match], as_of: Option<&str>) -> KnockoutTie {
        let round = Stage::of(&matches[0]).unwrap().round().unwrap();
        KnockoutTie::from_matches(competition, round, matches, as_of.map(day)).unwrap()
    }

    fn decided(t: &KnockoutTie) -> (String, Decider) {
        match t.outcome() {
            TieOutcome::Decided { winner, decider } => (name(winner), decider),
            TieOutcome::Undecided => panic!("undecided: {t:?}"),
        }
    }

    #[test]
    fn a_single_match_is_decided_in_ninety_minutes() {
        let fa = cup(Format::Knockout, false);
        let t = tie(
            &fa,
            &[game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2")],
            None,
        );
        assert_eq!(t.format(), TieFormat::SingleMatch);
        assert_eq!(decided(&t), ("Liverpool".into(), Decider::NormalTime));
        assert_eq!(t.loser(), Some(id("Norwich")));
    }

    #[test]
    fn a_single_match_is_decided_in_extra_time() {
        let t = tie(
            &cup(Format::Knockout, false),
            &[game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet")],
            None,
        );
        assert_eq!(decided(&t), ("Liverpool".into(), Decider::ExtraTime));
    }

    #[test]
    fn a_single_match_is_decided_on_penalties_after_extra_time_or_straight_after_ninety_minutes() {
        let fa = cup(Format::Knockout, false);
        let t = tie(
            &fa,
            &[game(
                "2024-02-27",
                "Round of 16",
                "Blackburn",
                "Newcastle",
                "1-1 aet, 3-4 pens",
            )],
            None,
        );
        assert_eq!(decided(&t), ("Newcastle".into(), Decider::Penalties));
        // The EFL Cup goes to penalties without extra time before the semi-finals.
        let t = tie(
            &fa,
            &[game(
                "2023-08-29",
                "Round 2",
                "Norwich",
                "Chelsea",
                "1-1, 4-3 pens",
            )],
            None,
        );
        assert_eq!(decided(&t), ("Norwich".into(), Decider::Penalties));
    }

    #[test]
    fn the_last_replay_decides() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2024-01-06", "Round 3", "Norwich", "Bristol Rovers", "1-1"),
            replay(game("2024-01-17", "Round 3", "Bristol Rovers", "Norwich", "1-3")),
        ];
        let t = tie(&fa, &matches, None);
        assert_eq!(t.format(), TieFormat::WithReplays);
        assert_eq!(decided(&t), ("Norwich".into(), Decider::NormalTime));

        let between = tie(&fa, &matches, Some("2024-01-10"));
        assert_eq!(between.winner(), None);
        assert_eq!(between.next_match().map(|m| m.date), Some(day("2024-01-17")));

        // Unflagged, a second meeting after a draw in a knockout cup is read as a replay.
        let mut unflagged = matches.clone();
        unflagged[1].replay = false;
        assert_eq!(tie(&fa, &unflagged, None).format(), TieFormat::WithReplays);
    }

    #[test]
    fn two_legs_are_decided_on_aggregate() {
        let el = cup(Format::GroupsKnockout, false);
        let matches = [
            leg(
                1,
                game("2024-03-06", "Round of 16", "Sporting", "Atalanta", "1-1"),
            ),
            leg(
                2,
                game("2024-03-14", "Round of 16", "Atalanta", "Sporting", "2-1"),
            ),
        ];
        let t = tie(&el, &matches, None);
        assert_eq!(t.format(), TieFormat::TwoLegs);
        assert_eq!(decided(&t), ("Atalanta".into(), Decider::Aggregate));
        assert_eq!(t.aggregate(), Some((2, 3)));

        let between = tie(&el, &matches, Some("2024-03-10"));
        assert_eq!(between.winner(), None);
        assert_eq!(between.next_match().map(|m| m.leg), Some(Some(2)));
        assert_eq!(between.state(), TieState::InProgress);
        assert_eq!(between.score().matches.len(), 1);
        let before = tie(&el, &matches, Some("2024-03-01"));
        assert_eq!(before.state(), TieState::NotStarted);
        assert_eq!(before.score().aggregate, None);

        // Without leg numbers, two meetings in a UEFA competition are still two legs.
        let unflagged: Vec<Match> = matches.iter().cloned().map(|mut m| (m.leg = None, m).1).collect();
        assert_eq!(tie(&el, &unflagged, None).format(), TieFormat::TwoLegs);
    }

    #[test]
    fn a_level_aggregate_goes_to_extra_time_then_penalties() {
        let el = cup(Format::GroupsKnockout, false);
        let extra_time = [
            leg(1, game("2024-02-15", "Playoffs", "Feyenoord", "Roma", "1-1")),
            leg(2, game("2024-02-22", "Playoffs", "Roma", "Feyenoord", "2-1 aet")),
        ];
        let t = tie(&el, &extra_time, None);
        assert_eq!(decided(&t), ("Roma".into(), Decider::ExtraTime));

        // Arsenal v Porto 2024: 0-1, then 1-0 after 90 minutes and extra time, 4-2 on penalties.
        let penalties = [
            leg(1, game("2024-02-21", "Round of 16", "Porto", "Arsenal", "1-0")),
            second_leg(
                "2024-03-12",
                "Round of 16",
                "Arsenal",
                "Porto",
                [(1, 0), (1, 0), (4, 2)],
            ),
        ];
        let t = tie(&el, &penalties, None);
        assert_eq!(decided(&t), ("Arsenal".into(), Decider::Penalties));
    }

    #[test]
    fn away_goals_decide_only_where_the_competition_uses_them() {
        // Tottenham v Ajax, 2019 semi-final: 0-1 and 3-2, level at 3-3.
        let matches = [
            leg(1, game("2019-04-30", "Semifinals", "Tottenham", "Ajax", "0-1")),
            leg(2, game("2019-05-08", "Semifinals", "Ajax", "Tottenham", "2-3")),
        ];
        let old = cup(Format::GroupsKnockout, true);
        let t = tie(&old, &matches, None);
        assert_eq!(decided(&t), ("Tottenham".into(), Decider::AwayGoals));
        // Without away goals the tie would have gone to extra time, which is not stored.
        assert_eq!(
            tie(&cup(Format::GroupsKnockout, false), &matches, None).winner(),
            None
        );

        // Away goals scored in extra time counted double under the old rule; without it, penalties.
        let extra = [
            leg(1, game("2019-04-30", "Semifinals", "Tottenham", "Ajax", "1-1")),
            leg(
                2,
                game(
                    "2019-05-08",
                    "Semifinals",
                    "Ajax",
                    "Tottenham",
                    "2-2 aet, 3-4 pens",
                ),
            ),
        ];
        assert_eq!(
            decided(&tie(&old, &extra, None)),
            ("Tottenham".into(), Decider::AwayGoals)
        );
        let new = cup(Format::GroupsKnockout, false);
        assert_eq!(
            decided(&tie(&new, &extra, None)),
            ("Tottenham".into(), Decider::Penalties)
        );
    }

    #[test]
    fn an_awarded_tie_is_recorded_as_such() {
        let mut m = game("2024-01-06", "Round 3", "Chelsea", "Norwich", "");
        m.status = MatchStatus::Awarded("3-0".parse().unwrap());
        let t = tie(&cup(Format::Knockout, false), &[m], None);
        assert_eq!(decided(&t), ("Chelsea".into(), Decider::Awarded));
    }

    #[test]
    fn a_tie_whose_only_match_is_cancelled_is_called_off_not_a_panic() {
        let fa = cup(Format::Knockout, false);
        let mut m = game("2024-01-06", "Round 3", "Chelsea", "Norwich", "");
        m.status = MatchStatus::Cancelled;
        for as_of in [None, Some("2024-01-01"), Some("2024-02-01")] {
            let t = tie(&fa, std::slice::from_ref(&m), as_of);
            assert_eq!(t.state(), TieState::CalledOff);
            assert_eq!((t.winner(), t.next_match()), (None, None));
            assert_eq!(t.teams(), (id("Chelsea"), id("Norwich")));
            assert!(t.score().matches.is_empty());
        }
        // A cancelled match beside a played one does not count.
        let played = game("2024-01-16", "Round 3", "Chelsea", "Norwich", "2-0");
        let t = tie(&fa, &[m.clone(), played], None);
        assert_eq!(decided(&t), ("Chelsea".into(), Decider::NormalTime));
        // Odd input is an error, never a panic.
        assert_eq!(
            KnockoutTie::from_matches(&fa, Round::Numbered(3), &[], None),
            Err(KnockoutError::NoMatch {
                round: Round::Numbered(3)
            })
        );
        let other = game("2024-01-06", "Round 3", "Chelsea", "Arsenal", "1-0");
        assert!(matches!(
            KnockoutTie::from_matches(&fa, Round::Numbered(3), &[m, other], None),
            Err(KnockoutError::MixedTie { .. })
        ));
    }

    #[test]
    fn a_tie_score_gives_its_parts_as_values() {
        let el = cup(Format::GroupsKnockout, false);
        // Arsenal v Porto 2024: 0-1, then 1-0 after 90 minutes and extra time, 4-2 on penalties.
        let matches = [
            leg(1, game("2024-02-21", "Round of 16", "Porto", "Arsenal", "1-0")),
            second_leg(
                "2024-03-12",
                "Round of 16",
                "Arsenal",
                "Porto",
                [(1, 0), (1, 0), (4, 2)],
            ),
        ];
        let score = tie(&el, &matches, None).score();
        assert_eq!((score.first, score.second), (id("Porto"), id("Arsenal")));
        assert_eq!(
            score.state,
            TieState::Decided {
                winner: id("Arsenal"),
                decider: Decider::Penalties
            }
        );
        let aggregate = score.aggregate.unwrap();
        assert_eq!(aggregate.goals, TieGoals { first: 1, second: 1 });
        assert_eq!(aggregate.away_goals, None, "not counted in this competition");
        let second = score.matches[1];
        assert_eq!((second.home, second.leg), (id("Arsenal"), Some(2)));
        let s = |t: &str| t.parse::<Score>().unwrap();
        assert_eq!(second.score.ninety_minutes, Some(s("1-0")));
        assert_eq!(second.score.extra_time, Some(s("1-0")));
        assert_eq!(second.score.penalties, Some(s("4-2")));
        assert!(!second.score.awarded);
        // From the first-named side, the last match is turned round.
        assert_eq!(score.last_match_for_first().unwrap().penalties, Some(s("2-4")));

        // Where away goals count, the tally is given: Tottenham v Ajax, 2019.
        let spurs = [
            leg(1, game("2019-04-30", "Semifinals", "Tottenham", "Ajax", "0-1")),
            leg(2, game("2019-05-08", "Semifinals", "Ajax", "Tottenham", "2-3")),
        ];
        let score = tie(&cup(Format::GroupsKnockout, true), &spurs, None).score();
        assert_eq!(
            score.aggregate.unwrap().away_goals,
            Some(TieGoals { first: 3, second: 1 })
        );
        // A replay is marked as one.
        let fa = cup(Format::Knockout, false);
        let replayed = [
            game("2024-01-06", "Round 3", "Norwich", "Bristol Rovers", "1-1"),
            replay(game("2024-01-17", "Round 3", "Bristol Rovers", "Norwich", "1-3")),
        ];
        let score = tie(&fa, &replayed, None).score();
        assert_eq!(
            score.matches.iter().map(|m| m.replay).collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn an_unplayed_or_drawn_tie_is_undecided() {
        let fa = cup(Format::Knockout, false);
        let t = tie(
            &fa,
            &[game("2024-02-28", "Round of 16", "Liverpool", "Southampton", "")],
            None,
        );
        assert_eq!(t.outcome(), TieOutcome::Undecided);
        assert!(t.next_match().is_some());
        assert!(!t.has_started());
        // A draw with no replay stored yet waits for one.
        let t = tie(
            &fa,
            &[game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1")],
            None,
        );
        assert_eq!(t.winner(), None);
        assert!(t.has_started());
    }

    #[test]
    fn two_legs_left_level_are_decided_by_a_play_off() {
        // As Liverpool v Köln (Atalanta standing in), European Cup quarter-final 1964-65:
        // 0-0, 0-0, then a play-off in Rotterdam, 2-2 after extra time, won on a coin toss.
        let ec = cup(Format::Knockout, false);
        let legs = [
            leg(
                1,
                game("1965-02-10", "Quarter-final", "Atalanta", "Liverpool", "0-0"),
            ),
            leg(
                2,
                game("1965-03-17", "Quarter-final", "Liverpool", "Atalanta", "0-0"),
            ),
        ];
        let mut play_off = replay(game(
            "1965-03-24",
            "Quarter-final",
            "Liverpool",
            "Atalanta",
            "2-2 aet, lot won by home",
        ));
        play_off.venue = crate::Venue::Neutral;
        let all = [legs[0].clone(), legs[1].clone(), play_off.clone()];
        let t = tie(&ec, &all, None);
        assert_eq!(t.format(), TieFormat::TwoLegs);
        assert_eq!(
            t.teams(),
            (id("Atalanta"), id("Liverpool")),
            "the first leg's home side first"
        );
        assert_eq!(decided(&t), ("Liverpool".into(), Decider::PlayOff));
        assert_eq!(
            t.aggregate(),
            Some((0, 0)),
            "the play-off is not part of the aggregate"
        );
        let score = t.score();
        assert_eq!(
            score
                .matches
                .iter()
                .map(|m| (m.leg, m.replay))
                .collect::<Vec<_>>(),
            [(Some(1), false), (Some(2), false), (None, true)]
        );
        assert_eq!(
            score.matches[2].score.settlement,
            Some(crate::Settlement::Lot(crate::Side::Home))
        );
        // Before the play-off, the tie waits for it.
        let between = tie(&ec, &all, Some("1965-03-20"));
        assert_eq!(between.state(), TieState::InProgress);
        assert_eq!(between.next_match().map(|m| m.replay), Some(true));
        // A play-off won outright.
        let mut won = play_off.clone();
        won.status = MatchStatus::Played("1-3".parse().unwrap());
        let t = tie(&ec, &[legs[0].clone(), legs[1].clone(), won], None);
        assert_eq!(decided(&t), ("Atalanta".into(), Decider::PlayOff));
        // Legs that decided the tie leave a stored play-off out of it.
        let mut decisive = legs.clone();
        decisive[1].status = MatchStatus::Played("1-0".parse().unwrap());
        let t = tie(&ec, &[decisive[0].clone(), decisive[1].clone(), play_off], None);
        assert_eq!(decided(&t), ("Liverpool".into(), Decider::Aggregate));
        // A third meeting that is neither a leg nor a play-off is refused, as are three legs.
        let stray = game("1965-03-24", "Quarter-final", "Liverpool", "Atalanta", "1-0");
        let err = KnockoutTie::from_matches(
            &ec,
            Round::QuarterFinal,
            &[legs[0].clone(), legs[1].clone(), stray.clone()],
            None,
        )
        .unwrap_err();
        assert_eq!(
            err,
            KnockoutError::BadLeg {
                round: Round::QuarterFinal,
                fault: LegFault::LegNeeded
            }
        );
        let third_leg = leg(2, stray);
        assert!(matches!(
            KnockoutTie::from_matches(
                &ec,
                Round::QuarterFinal,
                &[legs[0].clone(), legs[1].clone(), third_leg],
                None
            ),
            Err(KnockoutError::BadLeg {
                fault: LegFault::MoreThanTwo,
                ..
            })
        ));
    }

    #[test]
    fn a_shoot_out_known_by_its_winner_alone_decides_the_tie() {
        // League Cup final 2001: Liverpool 1-1 Birmingham City aet, Liverpool on penalties.
        let lc = cup(Format::Knockout, false);
        let t = tie(
            &lc,
            &[game(
                "2001-02-25",
                "Final",
                "Liverpool",
                "Norwich",
                "1-1 aet, pens won by home",
            )],
            None,
        );
        assert_eq!(decided(&t), ("Liverpool".into(), Decider::Penalties));
        let parts = t.score().last_match_for_first().unwrap();
        assert_eq!(parts.penalties, None, "no kicks are made up");
        // A second leg: level on aggregate and on away goals, won on penalties by the visitors.
        let legs = [
            leg(
                1,
                game("2016-01-05", "Semi-final", "Southampton", "Liverpool", "1-1"),
            ),
            leg(
                2,
                game(
                    "2016-01-26",
                    "Semi-final",
                    "Liverpool",
                    "Southampton",
                    "1-1, pens won by away",
                ),
            ),
        ];
        let t = tie(&cup(Format::Knockout, true), &legs, None);
        assert_eq!(decided(&t), ("Southampton".into(), Decider::Penalties));
        // And lots after a level aggregate: Celtic v Benfica, 1969-70.
        let mut by_lot = legs.clone();
        by_lot[1].status = MatchStatus::Played(
            MatchResult::parse("1-1, lot won by home", crate::ExtraTimeAfter::LevelAggregate).unwrap(),
        );
        assert_eq!(
            decided(&tie(&cup(Format::Knockout, false), &by_lot, None)),
            ("Liverpool".into(), Decider::Lot)
        );
    }

    #[test]
    fn legs_must_be_one_and_two() {
        let el = cup(Format::GroupsKnockout, false);
        let three = [leg(
            3,
            game("2024-03-06", "Round of 16", "Sporting", "Atalanta", "1-1"),
        )];
        assert!(matches!(
            KnockoutTie::from_matches(&el, Round::RoundOf(16), &three, None),
            Err(KnockoutError::BadLeg { .. })
        ));
        let twice = [
            leg(
                1,
                game("2024-03-06", "Round of 16", "Sporting", "Atalanta", "1-1"),
            ),
            leg(
                1,
                game("2024-03-14", "Round of 16", "Atalanta", "Sporting", "2-1"),
            ),
        ];
        let err = KnockoutTie::from_matches(&el, Round::RoundOf(16), &twice, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad leg for this Round of 16 tie: the same leg is stored twice"
        );
    }
}
