//! Stages and rounds of a cup: the names files give them, their order, and
//! how many rounds remain to the final.
//!
//! # The order of a competition's rounds
//! [`RoundOrder::of`] lists the knockout rounds seen in a competition's
//! matches, in playing order, then adds the rounds that must still follow the
//! last one seen, because a season stored while it is running lacks them:
//! - after a numbered round ("Round 4") whose ties number `k`, the `k` winners
//!   go on: one more numbered round for each halving while more than 16 teams
//!   remain, then always the standard tail Round of 16, Quarterfinals,
//!   Semifinals, Final, even after fewer ties, since a round being recorded
//!   may be incomplete (so the FA Cup's Round 4 of 16 ties is followed by a
//!   fifth round, which openfootball stores as "Round of 16");
//! - after a round of `n` (32, 16) the rounds of `n/2` and so on to the final;
//! - after a group stage or a knockout play-off, the Round of 16 and on.
//!
//! Clubs joining in later rounds (Premier League clubs in the FA Cup's third
//! round) cannot be foreseen from matches, so before such a round is stored
//! the count of rounds left is a lower bound. The order does not depend on an
//! as-of date: the calendar of rounds is known before their matches are played.
//!
//! # When a round counts as drawn
//! A file stores a round's fixtures long after its draw, so a fixture says
//! nothing of when its pairing was known. [`RoundOrder::is_drawn`] holds the
//! one rule: on an as-of date a round counts as drawn once the round before it
//! had begun (for the first round after a group stage, once the groups were
//! finished), since draws are made no earlier, or once one of its own matches
//! had been played.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Competition, Format, KnockoutError, Match, TeamId};

/// A knockout round, ordered from the first round to the final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    /// An early round known by its number: "Round 3", "Third round".
    Numbered(u8),
    /// A play-off round between the group stage and the last 16 (UEFA's knockout round play-offs).
    Playoff,
    /// The round of the last `n` teams for `n` of 16 or more: "Round of 16", "Round of 32".
    RoundOf(u16),
    /// The last eight.
    QuarterFinal,
    /// The last four.
    SemiFinal,
    /// The final.
    Final,
}

impl Round {
    fn rank(self) -> (u8, u16) {
        match self {
            Round::Numbered(n) => (0, u16::from(n)),
            Round::Playoff => (1, 0),
            // Bigger rounds come first.
            Round::RoundOf(n) => (2, u16::MAX - n),
            Round::QuarterFinal => (3, 0),
            Round::SemiFinal => (4, 0),
            Round::Final => (5, 0),
        }
    }

    /// The standard round played by `teams` teams (16 or fewer, rounded up to a power of two).
    fn of_size(teams: u16) -> Round {
        match teams.next_power_of_two() {
            0..=2 => Round::Final,
            4 => Round::SemiFinal,
            8 => Round::QuarterFinal,
            n => Round::RoundOf(n),
        }
    }

    /// How people name the round: "Round 3", "Play-offs", "Round of 16", "Quarterfinals".
    pub fn name(self) -> String {
        match self {
            Round::Numbered(n) => format!("Round {n}"),
            Round::Playoff => "Play-offs".to_string(),
            Round::RoundOf(n) => format!("Round of {n}"),
            Round::QuarterFinal => "Quarterfinals".to_string(),
            Round::SemiFinal => "Semifinals".to_string(),
            Round::Final => "Final".to_string(),
        }
    }
}

impl PartialOrd for Round {
    fn partial_cmp(&self, other: &Round) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Round {
    fn cmp(&self, other: &Round) -> Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl fmt::Display for Round {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

const ORDINALS: [&str; 9] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];

fn ordinal_number(word: &str) -> Option<u8> {
    if let Some(i) = ORDINALS.iter().position(|o| *o == word) {
        return Some(i as u8 + 1);
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if ["st", "nd", "rd", "th"].contains(&suffix) {
        digits.parse().ok()
    } else {
        None
    }
}

impl FromStr for Round {
    type Err = KnockoutError;

    /// Reads the labels of openfootball and of people: "Round 3", "3rd Round",
    /// "Fifth round", "Round of 16", "Last 16", "Quarterfinals", "Quarter-final",
    /// "Semi-finals", "Final", "Playoffs", "Knockout round play-offs", with a
    /// stage prefix ("Finals, Round of 16") or a trailing "replay" ignored.
    fn from_str(label: &str) -> Result<Round, KnockoutError> {
        let unknown = || KnockoutError::UnknownRound(label.trim().to_string());
        let lower = label.to_lowercase();
        let last_part = lower.rsplit(',').next().unwrap_or(&lower);
        let cleaned: String = last_part
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let mut words: Vec<&str> = cleaned.split_whitespace().collect();
        if words.last().is_some_and(|w| *w == "replay" || *w == "replays") {
            words.pop();
        }
        let joined = words.concat();
        let size = |n: &str| -> Result<Round, KnockoutError> {
            let n: u16 = n.parse().map_err(|_| unknown())?;
            if n >= 2 && n.is_power_of_two() && n <= 256 {
                Ok(Round::of_size(n))
            } else {
                Err(unknown())
            }
        };
        match words.as_slice() {
            ["round", n] if n.bytes().all(|b| b.is_ascii_digit()) => n
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .map(Round::Numbered)
                .ok_or_else(unknown),
            [ord, "round"] => ordinal_number(ord).map(Round::Numbered).ok_or_else(unknown),
            ["round", "of", n] | ["last", n] => size(n),
            _ => match joined.as_str() {
                "final" | "finals" => Ok(Round::Final),
                "semifinal" | "semifinals" => Ok(Round::SemiFinal),
                "quarterfinal" | "quarterfinals" => Ok(Round::QuarterFinal),
                "playoff"
                | "playoffs"
                | "playoffround"
                | "knockoutplayoffs"
                | "knockoutroundplayoffs"
                | "knockoutplayoff" => Ok(Round::Playoff),
                _ => Err(unknown()),
            },
        }
    }
}

/// Where a match belongs in a competition: its group stage or a knockout round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The group stage, played before any knockout round.
    Group,
    /// A knockout round.
    Knockout(Round),
}

impl Stage {
    /// The stage of a cup match, from its group and round label.
    ///
    /// A match with a group, or a label naming a group ("Group A", "Gruppe G")
    /// or a matchday ("Group, Matchday 1"), is in the group stage.
    ///
    /// # Errors
    /// [`KnockoutError::MissingRound`] when the match has neither group nor
    /// round, [`KnockoutError::UnknownRound`] when the label names no round.
    pub fn of(m: &Match) -> Result<Stage, KnockoutError> {
        if m.group.is_some() {
            return Ok(Stage::Group);
        }
        let label = m.round.as_deref().ok_or(KnockoutError::MissingRound)?;
        let lower = label.trim().to_lowercase();
        if lower.starts_with("group") || lower.starts_with("gruppe") || lower.contains("matchday") {
            return Ok(Stage::Group);
        }
        label.parse().map(Stage::Knockout)
    }

    /// The knockout round, if this is one.
    pub fn round(self) -> Option<Round> {
        match self {
            Stage::Group => None,
            Stage::Knockout(r) => Some(r),
        }
    }

    /// How people name the stage: "Group stage", "Round of 16".
    pub fn name(self) -> String {
        match self {
            Stage::Group => "Group stage".to_string(),
            Stage::Knockout(r) => r.name(),
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// A competition's knockout rounds in playing order, stored ones and those still to come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundOrder {
    has_groups: bool,
    rounds: Vec<Round>,
}

impl RoundOrder {
    /// The rounds of a cup competition, from its matches (see the module notes for the rule).
    ///
    /// A league has no rounds; its matches' labels are not read.
    ///
    /// # Errors
    /// [`KnockoutError::UnknownRound`] or [`KnockoutError::MissingRound`] for a
    /// cup match whose label names no stage.
    pub fn of(competition: &Competition, matches: &[Match]) -> Result<RoundOrder, KnockoutError> {
        if competition.format == Format::League {
            return Ok(RoundOrder {
                has_groups: false,
                rounds: Vec::new(),
            });
        }
        let mut has_groups = false;
        let mut ties: std::collections::BTreeMap<Round, BTreeSet<(TeamId, TeamId)>> = Default::default();
        for m in matches {
            match Stage::of(m)? {
                Stage::Group => has_groups = true,
                Stage::Knockout(round) => {
                    let (a, b) = (m.pairing.home(), m.pairing.away());
                    ties.entry(round).or_default().insert((a.min(b), a.max(b)));
                }
            }
        }
        let mut rounds: Vec<Round> = ties.keys().copied().collect();
        let tail_from = match ties.iter().next_back() {
            None if has_groups => Some(16),
            None => None,
            Some((Round::Final, _)) => None,
            Some((Round::Numbered(n), pairs)) => {
                let mut teams = pairs.len() as u16;
                let mut next = *n;
                while teams > 16 {
                    next = next.saturating_add(1);
                    rounds.push(Round::Numbered(next));
                    teams = teams.div_ceil(2);
                }
                // Fewer ties usually means a round still being entered, so the standard tail follows.
                Some(16)
            }
            Some((Round::Playoff, _)) => Some(16),
            Some((Round::RoundOf(n), _)) => Some(n / 2),
            Some((Round::QuarterFinal, _)) => Some(4),
            Some((Round::SemiFinal, _)) => Some(2),
        };
        if let Some(mut teams) = tail_from {
            loop {
                let round = Round::of_size(teams);
                rounds.push(round);
                if round == Round::Final {
                    break;
                }
                teams = teams.next_power_of_two() / 2;
            }
        }
        Ok(RoundOrder { has_groups, rounds })
    }

    /// The knockout rounds, first to last.
    pub fn rounds(&self) -> &[Round] {
        &self.rounds
    }

    /// Whether a group stage comes before the knockout rounds.
    pub fn has_group_stage(&self) -> bool {
        self.has_groups
    }

    /// The round after `round`, if any.
    pub fn next(&self, round: Round) -> Option<Round> {
        self.rounds.iter().copied().find(|r| *r > round)
    }

    /// The round before `round`, if any.
    pub fn previous(&self, round: Round) -> Option<Round> {
        self.rounds.iter().copied().rev().find(|r| *r < round)
    }

    /// The ties a team in `round` must still win to lift the trophy: that round's and every later one's.
    pub fn ties_to_win_from(&self, round: Round) -> u8 {
        self.rounds.iter().filter(|r| **r >= round).count() as u8
    }

    /// Whether the draw for `round` had been made by `as_of`, judged from `matches`
    /// (the competition's matches); always without a date. See the module notes.
    pub fn is_drawn(&self, round: Round, matches: &[Match], as_of: Option<NaiveDate>) -> bool {
        if as_of.is_none() {
            return true;
        }
        let begun = |round: Round| {
            matches.iter().any(|m| {
                matches!(Stage::of(m), Ok(Stage::Knockout(r)) if r == round)
                    && m.result_as_of(as_of).is_some()
            })
        };
        if begun(round) {
            return true;
        }
        match self.previous(round) {
            Some(previous) => begun(previous),
            None if self.has_groups => !matches
                .iter()
                .any(|m| matches!(Stage::of(m), Ok(Stage::Group)) && m.is_remaining_as_of(as_of)),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MatchStatus, Pairing, PointsScheme, RuleSet, Season};
    use chrono::NaiveDate;

    fn cup(format: Format) -> Competition {
        Competition {
            id: None,
            slug: "fa-cup".into(),
            name: "FA Cup".into(),
            season: Season::starting(2023),
            format,
            rules: RuleSet::EnglishHistory,
            points: PointsScheme::THREE,
            zones: Vec::new(),
            away_goals: false,
            rank_by: crate::RankBy::Points,
        }
    }

    fn fixture(round: &str, home: i64, away: i64) -> Match {
        let mut m = Match::new(
            NaiveDate::from_ymd_opt(2024, 1, 6).unwrap(),
            Pairing::new(TeamId(home), TeamId(away)).unwrap(),
            MatchStatus::Scheduled,
        );
        m.round = Some(round.to_string());
        m
    }

    #[test]
    fn labels_parse_to_rounds() {
        let cases = [
            ("Round 1", Round::Numbered(1)),
            ("Third Round", Round::Numbered(3)),
            ("4th round", Round::Numbered(4)),
            ("Round 3 Replay", Round::Numbered(3)),
            ("Round of 16", Round::RoundOf(16)),
            ("Finals, Round of 16", Round::RoundOf(16)),
            ("Round of 32", Round::RoundOf(32)),
            ("Last 16", Round::RoundOf(16)),
            ("Round of 8", Round::QuarterFinal),
            ("Quarterfinals", Round::QuarterFinal),
            ("Quarter-final", Round::QuarterFinal),
            ("Semi-finals", Round::SemiFinal),
            ("Finals, Final", Round::Final),
            ("Final", Round::Final),
            ("Playoffs", Round::Playoff),
            ("Knockout round play-offs", Round::Playoff),
        ];
        for (label, round) in cases {
            assert_eq!(label.parse::<Round>().unwrap(), round, "{label}");
        }
        for bad in [
            "",
            "Round",
            "Round of 12",
            "Round 0",
            "Matchday 3",
            "Group A",
            "Third place",
        ] {
            assert!(bad.parse::<Round>().is_err(), "{bad}");
        }
    }

    #[test]
    fn rounds_are_ordered_first_to_final() {
        let mut rounds = vec![
            Round::Final,
            Round::RoundOf(16),
            Round::Numbered(4),
            Round::QuarterFinal,
            Round::Playoff,
            Round::RoundOf(32),
            Round::SemiFinal,
            Round::Numbered(1),
        ];
        rounds.sort();
        assert_eq!(
            rounds,
            [
                Round::Numbered(1),
                Round::Numbered(4),
                Round::Playoff,
                Round::RoundOf(32),
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::Final
            ]
        );
        assert!(Stage::Group < Stage::Knockout(Round::Playoff));
    }

    #[test]
    fn group_labels_are_the_group_stage() {
        for label in ["Group A", "Gruppe G", "Group, Matchday 1", "Matchday 6"] {
            assert_eq!(Stage::of(&fixture(label, 1, 2)).unwrap(), Stage::Group, "{label}");
        }
        let mut m = fixture("Round 3", 1, 2);
        m.group = Some("E".into());
        assert_eq!(Stage::of(&m).unwrap(), Stage::Group);
        m.group = None;
        m.round = None;
        assert_eq!(Stage::of(&m), Err(KnockoutError::MissingRound));
    }

    #[test]
    fn a_fourth_round_of_sixteen_ties_is_followed_by_the_last_sixteen() {
        // The FA Cup on 1 February 2024: rounds 1 to 4 stored, round 4 with 16 ties.
        let mut matches = vec![fixture("Round 1", 1, 2), fixture("Round 3", 3, 4)];
        matches.extend((0..16).map(|i| fixture("Round 4", 10 + 2 * i, 11 + 2 * i)));
        let order = RoundOrder::of(&cup(Format::Knockout), &matches).unwrap();
        assert_eq!(
            order.rounds(),
            [
                Round::Numbered(1),
                Round::Numbered(3),
                Round::Numbered(4),
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::Final
            ]
        );
        assert_eq!(order.ties_to_win_from(Round::RoundOf(16)), 4);
        assert_eq!(order.ties_to_win_from(Round::Numbered(4)), 5);
        assert_eq!(order.next(Round::Numbered(4)), Some(Round::RoundOf(16)));
        assert_eq!(order.previous(Round::Numbered(3)), Some(Round::Numbered(1)));
    }

    #[test]
    fn a_third_round_of_thirty_two_ties_needs_a_fourth_round() {
        let matches: Vec<Match> = (0..32)
            .map(|i| fixture("Round 3", 2 * i + 1, 2 * i + 2))
            .collect();
        let order = RoundOrder::of(&cup(Format::Knockout), &matches).unwrap();
        assert_eq!(
            order.rounds()[..3],
            [Round::Numbered(3), Round::Numbered(4), Round::RoundOf(16)]
        );
        assert_eq!(order.ties_to_win_from(Round::Numbered(3)), 6);
    }

    #[test]
    fn a_group_stage_or_play_off_is_followed_by_the_last_sixteen() {
        let mut group = fixture("Matchday 1", 1, 2);
        group.group = Some("A".into());
        let comp = cup(Format::GroupsKnockout);
        let order = RoundOrder::of(&comp, std::slice::from_ref(&group)).unwrap();
        assert!(order.has_group_stage());
        assert_eq!(order.rounds().len(), 4);
        let order = RoundOrder::of(&comp, &[group, fixture("Playoffs", 3, 4)]).unwrap();
        assert_eq!(order.rounds()[..2], [Round::Playoff, Round::RoundOf(16)]);
        let complete = [fixture("Semifinals", 1, 2), fixture("Final", 1, 3)];
        assert_eq!(RoundOrder::of(&comp, &complete).unwrap().rounds().len(), 2);
        let league = cup(Format::League);
        assert!(
            RoundOrder::of(&league, &[fixture("Matchday 3", 1, 2)])
                .unwrap()
                .rounds()
                .is_empty()
        );
    }

    #[test]
    fn a_round_is_drawn_once_the_round_before_begins_or_its_own_match_is_played() {
        let comp = cup(Format::Knockout);
        let played = |mut m: Match, date: &str| {
            m.date = date.parse().unwrap();
            m.status = MatchStatus::Played("1-0".parse().unwrap());
            m
        };
        let matches = [
            played(fixture("Round 3", 1, 2), "2024-01-07"),
            fixture("Round 4", 1, 3),
            // Stored with a date before the round it follows: played, so drawn.
            played(fixture("Round of 16", 4, 5), "2024-01-06"),
        ];
        let order = RoundOrder::of(&comp, &matches).unwrap();
        let on = |day: &str| Some(day.parse().unwrap());
        assert!(order.is_drawn(Round::Numbered(3), &matches, on("2024-01-01")));
        assert!(!order.is_drawn(Round::Numbered(4), &matches, on("2024-01-06")));
        assert!(order.is_drawn(Round::Numbered(4), &matches, on("2024-01-07")));
        assert!(order.is_drawn(Round::RoundOf(16), &matches, on("2024-01-06")));
        assert!(!order.is_drawn(Round::QuarterFinal, &matches, on("2024-01-05")));
        assert!(order.is_drawn(Round::QuarterFinal, &matches, on("2024-01-06")));
        assert!(order.is_drawn(Round::QuarterFinal, &matches, None));
    }
}
