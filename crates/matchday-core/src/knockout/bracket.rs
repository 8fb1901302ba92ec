//! A cup's bracket: its rounds in order, each with its ties.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use std::collections::BTreeSet;

use crate::{
    Competition, KnockoutError, KnockoutTie, Match, Round, RoundOrder, Stage, TeamId, ties_in_round,
};

/// One round of a bracket with its ties; empty while not yet drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BracketRound {
    /// The round.
    pub round: Round,
    /// Its ties, in playing order.
    pub ties: Vec<KnockoutTie>,
    /// Teams already in the competition that skip this round and play in the
    /// next: byes, and group winners going straight past a knockout play-off.
    /// Clubs entering later (Premier League clubs in the FA Cup's third round)
    /// played nothing before, so they are not byes.
    pub byes: Vec<TeamId>,
}

/// A cup's knockout rounds in order, each with its ties, as they stood on an as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bracket {
    /// The rounds, first to final, including those not yet drawn.
    pub rounds: Vec<BracketRound>,
}

/// The places a bracket decides; each is absent until its match is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Podium {
    /// The final's winner.
    pub first: Option<TeamId>,
    /// The final's loser.
    pub second: Option<TeamId>,
    /// The third-place match's winner.
    pub third: Option<TeamId>,
    /// The third-place match's loser.
    pub fourth: Option<TeamId>,
}

impl Bracket {
    /// The bracket of a competition from all its matches; a league has no rounds.
    ///
    /// With `as_of`, a round whose draw had not been made by then (see
    /// [`RoundOrder::is_drawn`]) has no ties, whatever fixtures are stored for
    /// it; a drawn round's fixtures after `as_of` show as ties not yet played.
    ///
    /// # Errors
    /// As [`ties_in_round`].
    pub fn build(
        competition: &Competition,
        matches: &[Match],
        as_of: Option<NaiveDate>,
    ) -> Result<Bracket, KnockoutError> {
        let order = RoundOrder::of(competition, matches)?;
        let rounds = order
            .rounds()
            .iter()
            .map(|&round| {
                let ties = if order.is_drawn(round, matches, as_of) {
                    ties_in_round(competition, round, matches, as_of)?
                } else {
                    Vec::new()
                };
                Ok(BracketRound {
                    round,
                    ties,
                    byes: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, KnockoutError>>()?;
        let mut bracket = Bracket { rounds };
        bracket.find_byes(matches, as_of);
        Ok(bracket)
    }

    /// Fills each drawn round's byes: see [`BracketRound::byes`].
    fn find_byes(&mut self, matches: &[Match], as_of: Option<NaiveDate>) {
        // Teams that had played in the group stage by the as-of date.
        let mut earlier: BTreeSet<TeamId> = matches
            .iter()
            .filter(|m| matches!(Stage::of(m), Ok(Stage::Group)) && m.result_as_of(as_of).is_some())
            .flat_map(|m| [m.pairing.home(), m.pairing.away()])
            .collect();
        let path: Vec<usize> = (0..self.rounds.len())
            .filter(|&i| self.rounds[i].round.is_on_path_to_trophy())
            .collect();
        for pair in path.windows(2) {
            let (this, next) = (pair[0], pair[1]);
            let playing: BTreeSet<TeamId> = self.rounds[this]
                .ties
                .iter()
                .flat_map(|t| [t.teams().0, t.teams().1])
                .collect();
            if !playing.is_empty() {
                let byes: BTreeSet<TeamId> = self.rounds[next]
                    .ties
                    .iter()
                    .flat_map(|t| [t.teams().0, t.teams().1])
                    .filter(|t| !playing.contains(t) && earlier.contains(t))
                    .collect();
                self.rounds[this].byes = byes.into_iter().collect();
            }
            earlier.extend(playing);
        }
    }

    /// The tie of `team` in `round`, if drawn.
    pub fn tie_of(&self, team: TeamId, round: Round) -> Option<&KnockoutTie> {
        self.rounds
            .iter()
            .find(|r| r.round == round)
            .and_then(|r| r.ties.iter().find(|t| t.involves(team)))
    }

    /// The tie of a round before `round` that `team` was still playing, if any. A
    /// draw made before it ended (the FA Cup's, before its replays) named both its
    /// clubs, "Watford or Southampton", where a stored fixture names the club that
    /// went on to win: until the tie is decided, the fixture stands for either.
    pub fn open_tie_before(&self, round: Round, team: TeamId) -> Option<&KnockoutTie> {
        self.rounds
            .iter()
            .filter(|r| r.round < round)
            .filter_map(|r| r.ties.iter().find(|t| t.involves(team)))
            .next_back()
            .filter(|t| t.winner().is_none())
    }

    /// The clubs each side of `tie` (a tie of `round` not yet begun) stood for: the
    /// club itself, or both clubs of the earlier tie it was still playing.
    pub fn sides_of(&self, round: Round, tie: &KnockoutTie) -> [Vec<TeamId>; 2] {
        let (first, second) = tie.teams();
        [first, second].map(|team| match self.open_tie_before(round, team) {
            Some(open) if !tie.has_started() => {
                let (a, b) = open.teams();
                vec![a, b]
            }
            _ => vec![team],
        })
    }

    /// What the home and away clubs of `m`, a match of one of the bracket's ties, stood
    /// for (see [`Bracket::sides_of`]); none for a match of no tie.
    pub fn sides_of_match(&self, m: &Match) -> Option<[Vec<TeamId>; 2]> {
        let Ok(Stage::Knockout(round)) = Stage::of(m) else {
            return None;
        };
        let tie = self
            .tie_of(m.pairing.home(), round)
            .filter(|t| t.involves(m.pairing.away()))?;
        let [first, second] = self.sides_of(round, tie);
        Some(if tie.teams().0 == m.pairing.home() {
            [first, second]
        } else {
            [second, first]
        })
    }

    /// The winner of the final, once decided.
    pub fn champion(&self) -> Option<TeamId> {
        self.tie_of_final().and_then(KnockoutTie::winner)
    }

    fn tie_of_final(&self) -> Option<&KnockoutTie> {
        self.only_tie_of(Round::Final)
    }

    fn only_tie_of(&self, round: Round) -> Option<&KnockoutTie> {
        self.rounds
            .iter()
            .find(|r| r.round == round)
            .and_then(|r| r.ties.first())
    }

    /// The first four places, as far as decided: the final's winner and
    /// loser, then the third-place match's winner (third) and loser (fourth).
    pub fn podium(&self) -> Podium {
        let final_tie = self.tie_of_final();
        let third_place = self.only_tie_of(Round::ThirdPlace);
        Podium {
            first: final_tie.and_then(KnockoutTie::winner),
            second: final_tie.and_then(KnockoutTie::loser),
            third: third_place.and_then(KnockoutTie::winner),
            fourth: third_place.and_then(KnockoutTie::loser),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::Format;

    #[test]
    fn a_bracket_lists_every_round_with_its_ties_as_of_a_date() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2024-01-06", "Round 3", "Norwich", "Bristol Rovers", "1-1"),
            replay(game("2024-01-17", "Round 3", "Bristol Rovers", "Norwich", "1-3")),
            game("2024-01-07", "Round 3", "Arsenal", "Liverpool", "0-2"),
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
        ];
        let bracket = Bracket::build(&fa, &matches, Some(day("2024-01-20"))).unwrap();
        let rounds: Vec<Round> = bracket.rounds.iter().map(|r| r.round).collect();
        assert_eq!(
            rounds,
            [
                Round::Numbered(3),
                Round::Numbered(4),
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::Final
            ]
        );
        let third: Vec<(String, Option<String>, usize)> = bracket.rounds[0]
            .ties
            .iter()
            .map(|t| (pair(t), t.winner().map(name), t.score().matches.len()))
            .collect();
        assert_eq!(
            third,
            [
                ("Norwich v Bristol Rovers".into(), Some("Norwich".into()), 2),
                ("Arsenal v Liverpool".into(), Some("Liverpool".into()), 1)
            ]
        );
        let fourth = bracket.tie_of(id("Liverpool"), Round::Numbered(4)).unwrap();
        assert_eq!(fourth.winner(), None, "played after the as-of date");
        assert!(bracket.rounds[2].ties.is_empty(), "not yet drawn");
        assert_eq!(bracket.champion(), None);
    }

    #[test]
    fn a_tie_drawn_before_a_replay_stands_for_both_clubs_of_the_replay() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2024-01-27", "Round 4", "Watford", "Southampton", "1-1"),
            replay(game("2024-02-06", "Round 4", "Southampton", "Watford", "3-0")),
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
            game("2024-02-28", "Round of 16", "Liverpool", "Southampton", "3-0"),
        ];
        let names = |sides: [Vec<TeamId>; 2]| sides.map(|s| s.into_iter().map(name).collect::<Vec<_>>());
        let on = |date: &str| Bracket::build(&fa, &matches, Some(day(date))).unwrap();
        let before = on("2024-02-01");
        let tie = before.tie_of(id("Liverpool"), Round::RoundOf(16)).unwrap();
        assert_eq!(
            names(before.sides_of(Round::RoundOf(16), tie)),
            [vec!["Liverpool"], vec!["Watford", "Southampton"]]
        );
        assert_eq!(
            names(before.sides_of_match(&matches[3]).unwrap()),
            [vec!["Liverpool"], vec!["Watford", "Southampton"]]
        );
        let after = on("2024-02-07");
        let tie = after.tie_of(id("Liverpool"), Round::RoundOf(16)).unwrap();
        assert_eq!(
            names(after.sides_of(Round::RoundOf(16), tie)),
            [vec!["Liverpool"], vec!["Southampton"]]
        );
    }

    /// The tie's two teams, first-named first.
    fn pair(t: &KnockoutTie) -> String {
        format!("{} v {}", name(t.teams().0), name(t.teams().1))
    }

    fn ties_by_round(bracket: &Bracket) -> Vec<(Round, Vec<String>)> {
        bracket
            .rounds
            .iter()
            .map(|r| (r.round, r.ties.iter().map(pair).collect()))
            .collect()
    }

    #[test]
    fn a_round_shows_its_ties_only_once_the_round_before_it_is_decided() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2024-01-07", "Round 3", "Arsenal", "Liverpool", "0-2"),
            game("2024-01-07", "Round 3", "Watford", "Chelsea", "2-1"),
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
            game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1"),
            game("2024-02-28", "Round of 16", "Liverpool", "Southampton", ""),
        ];
        let before = Bracket::build(&fa, &matches, Some(day("2024-01-05"))).unwrap();
        let rounds = ties_by_round(&before);
        assert_eq!(
            rounds[0].1,
            ["Arsenal v Liverpool", "Watford v Chelsea"],
            "the first round stored is drawn"
        );
        assert!(rounds[1].1.is_empty(), "round 4 is drawn once round 3 is decided");
        assert!(rounds[2].1.is_empty());

        let between = ties_by_round(&Bracket::build(&fa, &matches, Some(day("2024-01-07"))).unwrap());
        assert_eq!(between[1].1, ["Liverpool v Norwich", "Watford v Southampton"]);
        assert!(between[2].1.is_empty(), "round 4 had not begun");

        let after = ties_by_round(&Bracket::build(&fa, &matches, Some(day("2024-01-28"))).unwrap());
        assert_eq!(
            after[2],
            (Round::RoundOf(16), vec!["Liverpool v Southampton".to_string()])
        );
        assert_eq!(
            ties_by_round(&Bracket::build(&fa, &matches, None).unwrap()),
            after,
            "without a date every stored fixture is drawn"
        );
    }

    #[test]
    fn the_first_round_after_a_group_stage_is_drawn_once_the_groups_are_finished() {
        let el = cup(Format::GroupsKnockout, false);
        let mut matches: Vec<Match> = [
            ("2023-11-30", "Liverpool", "Roma", "2-0"),
            ("2023-12-14", "Roma", "Liverpool", "1-0"),
        ]
        .into_iter()
        .map(|(date, home, away, score)| {
            let mut m = game(date, "Matchday 1", home, away, score);
            m.group = Some("A".into());
            m
        })
        .collect();
        matches.extend([
            leg(1, game("2024-02-15", "Playoffs", "Feyenoord", "Roma", "1-1")),
            leg(2, game("2024-02-22", "Playoffs", "Roma", "Feyenoord", "")),
            leg(1, game("2024-03-07", "Round of 16", "Ajax", "Liverpool", "1-5")),
            leg(
                1,
                game("2024-04-11", "Quarterfinals", "Liverpool", "Atalanta", ""),
            ),
        ]);
        let drawn = |as_of: &str| -> Vec<Round> {
            let bracket = Bracket::build(&el, &matches, Some(day(as_of))).unwrap();
            bracket
                .rounds
                .iter()
                .filter(|r| !r.ties.is_empty())
                .map(|r| r.round)
                .collect()
        };
        assert_eq!(drawn("2023-12-01"), [], "a group match was still to play");
        assert_eq!(drawn("2024-02-01"), [Round::Playoff]);
        // The play-offs had begun, but their second legs were still to play.
        assert_eq!(drawn("2024-02-15"), [Round::Playoff]);
        assert_eq!(drawn("2024-02-22"), [Round::Playoff]);
        assert_eq!(drawn("2024-03-06"), [Round::Playoff]);
        // A match of the round is due: drawn, though the play-offs were left unfinished.
        assert_eq!(drawn("2024-03-07"), [Round::Playoff, Round::RoundOf(16)]);
        // Liverpool won the group and went straight to the last 16: a bye in the play-offs.
        let bracket = Bracket::build(&el, &matches, None).unwrap();
        assert_eq!(bracket.rounds[0].byes, [id("Liverpool")]);
        assert!(bracket.rounds[1].byes.is_empty());
    }

    #[test]
    fn a_third_place_match_is_listed_before_the_final_and_decides_third_and_fourth() {
        // World Cup 2018, from the semi-finals.
        let wc = cup(Format::GroupsKnockout, false);
        let matches = [
            game("2018-07-10", "Semi-finals", "Liverpool", "Chelsea", "1-0"),
            game("2018-07-11", "Semi-finals", "Norwich", "Arsenal", "2-1 aet"),
            game("2018-07-14", "Match for third place", "Chelsea", "Arsenal", "2-0"),
            game("2018-07-15", "Final", "Liverpool", "Norwich", "4-2"),
        ];
        let bracket = Bracket::build(&wc, &matches, None).unwrap();
        let rounds: Vec<Round> = bracket.rounds.iter().map(|r| r.round).collect();
        assert_eq!(rounds, [Round::SemiFinal, Round::ThirdPlace, Round::Final]);
        assert_eq!(
            bracket.podium(),
            Podium {
                first: Some(id("Liverpool")),
                second: Some(id("Norwich")),
                third: Some(id("Chelsea")),
                fourth: Some(id("Arsenal")),
            }
        );
        assert_eq!(bracket.champion(), Some(id("Liverpool")));
        // Before the third-place match is played, the final's places are not known either.
        let early = Bracket::build(&wc, &matches, Some(day("2018-07-12"))).unwrap();
        assert_eq!(early.podium(), Podium::default());
        assert_eq!(early.rounds[1].ties.len(), 1, "drawn once the semi-finals began");
    }

    #[test]
    fn a_cancelled_tie_shows_in_the_bracket_called_off() {
        let fa = cup(Format::Knockout, false);
        let mut m = game("2024-01-06", "Round 3", "Chelsea", "Norwich", "");
        m.status = crate::MatchStatus::Cancelled;
        let matches = [m, game("2024-01-06", "Round 3", "Arsenal", "Liverpool", "0-2")];
        for as_of in [None, Some(day("2024-01-10"))] {
            let bracket = Bracket::build(&fa, &matches, as_of).unwrap();
            let state = |team: &str| bracket.tie_of(id(team), Round::Numbered(3)).unwrap().state();
            assert_eq!(state("Chelsea"), crate::TieState::CalledOff);
            assert!(matches!(state("Arsenal"), crate::TieState::Decided { .. }));
        }
    }

    #[test]
    fn a_club_entering_late_has_no_bye_but_one_that_skips_a_round_has() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2023-11-04", "Round 2", "Norwich", "Watford", "2-0"),
            game("2023-11-04", "Round 2", "Bristol Rovers", "Southampton", "1-0"),
            // Arsenal had a bye in round 2 after playing round 1.
            game("2023-10-01", "Round 1", "Arsenal", "Blackburn", "3-0"),
            game("2023-10-01", "Round 1", "Porto", "Ajax", "1-0"),
            game("2023-11-04", "Round 2", "Porto", "Roma", "1-0"),
            game("2023-12-02", "Round 3", "Norwich", "Arsenal", "1-2"),
            // Liverpool enters in round 3: no bye.
            game("2023-12-02", "Round 3", "Liverpool", "Bristol Rovers", "1-0"),
            game("2023-12-02", "Round 3", "Porto", "Chelsea", "1-0"),
        ];
        let bracket = Bracket::build(&fa, &matches, None).unwrap();
        let byes = |n: u8| {
            &bracket
                .rounds
                .iter()
                .find(|r| r.round == Round::Numbered(n))
                .unwrap()
                .byes
        };
        assert_eq!(*byes(2), [id("Arsenal")]);
        assert!(byes(1).is_empty() && byes(3).is_empty());
    }
}
