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
//! - after a round of `n` (32, 16) the rounds of `n/2` and so on to the final,
//!   including any between the earliest such round stored and the final;
//! - after a knockout play-off, the Round of 16 and on;
//! - after a group stage with no knockout match stored yet, the round of the
//!   teams going through, at least the top two of each group (rounded up to a
//!   power of two): the Round of 16 after eight groups (World Cup 2018) or six
//!   (Euro 2024, with four best third-placed teams), the Round of 32 after the
//!   twelve groups of the World Cup 2026; once knockout matches are stored,
//!   their rounds say it;
//! - a third-place match is listed (before the final) when stored, but it is
//!   not on the path to the trophy: it is not one of the ties still to win, and
//!   the round after the semi-finals is the final.
//!
//! Clubs joining in later rounds (Premier League clubs in the FA Cup's third
//! round) cannot be foreseen from matches, so before such a round is stored
//! the count of rounds left is a lower bound. The order does not depend on an
//! as-of date: the calendar of rounds is known before their matches are played.
//!
//! # When a round counts as drawn
//! A file stores a round's fixtures long after its draw, so a fixture says
//! nothing of when its pairing was known. [`RoundOrder::is_drawn`] asks the
//! one rule, [`crate::known_on`]'s: on an as-of date a round counts as drawn
//! once every match of the stages before it had been played, replays aside
//! (for the first round after a group stage, once the groups were finished),
//! or once one of its own matches was due.

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
    /// A preliminary round before the first round proper ("Preliminary round":
    /// the early European Cup, the League Cup of 2002-03 and 2011-12).
    Preliminary,
    /// A qualifying round before the competition proper, by its number:
    /// "First qualifying round" (the Champions League from 1997-98).
    Qualifying(u8),
    /// The last qualifying round, played off for a place in the group stage:
    /// "Qualifying play-off round" (the Champions League's play-off round from
    /// 2009-10; UEFA calls it "Play-off round", a label this type reads as
    /// [`Round::Playoff`], so files give it this name).
    QualifyingPlayoff,
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
    /// The match between the losing semi-finalists: played, but not on the
    /// path to the trophy (its winner finishes third, its loser fourth).
    ThirdPlace,
    /// The final.
    Final,
}

impl Round {
    fn rank(self) -> (u8, u16) {
        match self {
            // Qualifying comes before the competition proper.
            Round::Preliminary => (0, 0),
            Round::Qualifying(n) => (1, u16::from(n)),
            Round::QualifyingPlayoff => (2, 0),
            Round::Numbered(n) => (3, u16::from(n)),
            Round::Playoff => (4, 0),
            // Bigger rounds come first.
            Round::RoundOf(n) => (5, u16::MAX - n),
            Round::QuarterFinal => (6, 0),
            Round::SemiFinal => (7, 0),
            // Played before the final, so listed before it.
            Round::ThirdPlace => (8, 0),
            Round::Final => (9, 0),
        }
    }

    /// Whether the round is played to qualify for the competition proper (a
    /// preliminary or qualifying round), and so before any group stage.
    pub fn is_qualifying(self) -> bool {
        matches!(
            self,
            Round::Preliminary | Round::Qualifying(_) | Round::QualifyingPlayoff
        )
    }

    /// Whether winning this round's tie brings a team nearer the trophy: every
    /// round but the third-place match.
    pub fn is_on_path_to_trophy(self) -> bool {
        self != Round::ThirdPlace
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

    /// The teams a round of the last `n` (or a quarter-final, semi-final, final) holds;
    /// none for rounds known by number or stage.
    pub fn teams(self) -> Option<u16> {
        match self {
            Round::RoundOf(n) => Some(n),
            Round::QuarterFinal => Some(8),
            Round::SemiFinal => Some(4),
            Round::Final => Some(2),
            _ => None,
        }
    }

    /// How people name the round: "Round 3", "Play-offs", "Round of 16", "Quarterfinals",
    /// "Third place".
    pub fn name(self) -> String {
        match self {
            Round::Preliminary => "Preliminary round".to_string(),
            Round::Qualifying(n) => match ORDINALS.get(usize::from(n).wrapping_sub(1)) {
                Some(ordinal) => {
                    let mut name = ordinal.to_string();
                    name[..1].make_ascii_uppercase();
                    format!("{name} qualifying round")
                }
                None => format!("Qualifying round {n}"),
            },
            Round::QualifyingPlayoff => "Qualifying play-off round".to_string(),
            Round::Numbered(n) => format!("Round {n}"),
            Round::Playoff => "Play-offs".to_string(),
            Round::RoundOf(n) => format!("Round of {n}"),
            Round::QuarterFinal => "Quarterfinals".to_string(),
            Round::SemiFinal => "Semifinals".to_string(),
            Round::ThirdPlace => "Third place".to_string(),
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

/// The label's words, lower-case, with punctuation as spaces.
fn words_of(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The words without a trailing "replay" or leg ("first leg", "2nd leg", "leg 1 of 2").
fn strip_leg_and_replay(cleaned: &str) -> Vec<&str> {
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    loop {
        match words.as_slice() {
            // A second or later replay ("Round 3, second replay", FA Cup ties of old).
            [
                ..,
                "second" | "third" | "fourth" | "fifth" | "2nd" | "3rd" | "4th" | "5th",
                "replay",
            ] => {
                words.truncate(words.len() - 2);
            }
            [.., "replay" | "replays"] => {
                words.pop();
            }
            [.., "first" | "second" | "1st" | "2nd" | "1" | "2", "leg"] => {
                words.truncate(words.len() - 2);
            }
            [.., "leg", "1" | "2", "of", "2"] => {
                words.truncate(words.len() - 4);
            }
            [.., "leg", "1" | "2"] => {
                words.truncate(words.len() - 2);
            }
            _ => return words,
        }
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
    /// "Semi-finals", "Final", "Playoffs", "Knockout round play-offs", "Preliminary
    /// round", "First qualifying round", "Qualifying round 2", "Qualifying
    /// play-off round", "Match for
    /// third place", "Third place play-off", "3rd place", with a stage prefix
    /// ("Finals, Round of 16", "Conference League, Semifinal"), a play-off
    /// qualifier ("Play-off semi-finals", "Promotion play-off final"), a trailing
    /// "replay" or leg ("Final - First Leg", "Semi-final, 2nd leg", "Leg 1 of 2") ignored.
    fn from_str(label: &str) -> Result<Round, KnockoutError> {
        let unknown = || KnockoutError::UnknownRound(label.trim().to_string());
        let lower = label.to_lowercase();
        // The round is the last part that is not only a leg: "Semi-final, 2nd leg".
        let last_part = lower
            .rsplit(',')
            .find(|part| !strip_leg_and_replay(&words_of(part)).is_empty())
            .unwrap_or(&lower);
        let cleaned = words_of(last_part);
        let mut words = strip_leg_and_replay(&cleaned);
        if words.iter().any(|w| *w == "third" || *w == "3rd") && words.contains(&"place") {
            return Ok(Round::ThirdPlace);
        }
        // "Play-off final", "Promotion play-off semi-finals": the qualifier names the stage, not the round.
        let qualifiers = [
            "promotion",
            "relegation",
            "play",
            "off",
            "offs",
            "playoff",
            "playoffs",
        ];
        let qualified = words.iter().take_while(|w| qualifiers.contains(w)).count();
        // A play-off named only by what it decides ("Relegation play-off", Spezia v Verona
        // in Serie A 2022-23) is a play-off round.
        if qualified == words.len()
            && words
                .iter()
                .any(|w| matches!(*w, "play" | "playoff" | "playoffs"))
        {
            return Ok(Round::Playoff);
        }
        if qualified > 0 && qualified < words.len() {
            words.drain(..qualified);
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
        let number = |n: &str| n.parse::<u8>().ok().filter(|n| *n >= 1);
        match words.as_slice() {
            ["preliminary", "round"] | ["preliminary"] => Ok(Round::Preliminary),
            [ord, "qualifying", "round"] => ordinal_number(ord)
                .filter(|n| *n >= 1)
                .map(Round::Qualifying)
                .ok_or_else(unknown),
            ["qualifying", "round", n] => number(n).map(Round::Qualifying).ok_or_else(unknown),
            ["qualifying", "play", "off", "round"] | ["qualifying", "playoff", "round"] => {
                Ok(Round::QualifyingPlayoff)
            }
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
    /// The stage of a cup match: its typed stage as stored, or, for a match
    /// built before its stage was typed, the stage its group and round label name
    /// (see [`Stage::from_labels`]).
    ///
    /// # Errors
    /// As [`Stage::from_labels`], for a match with no typed stage.
    pub fn of(m: &Match) -> Result<Stage, KnockoutError> {
        match m.stage {
            Some(stage) => Ok(stage),
            None => Stage::from_labels(m.group.as_deref(), m.round.as_deref()),
        }
    }

    /// The stage named by a cup match's group and round label.
    ///
    /// A match with a group, or a label naming a group ("Group A", "Gruppe G")
    /// or a matchday ("Group, Matchday 1"), is in the group stage.
    ///
    /// # Errors
    /// [`KnockoutError::MissingRound`] when there is neither group nor
    /// round, [`KnockoutError::UnknownRound`] when the label names no round.
    pub fn from_labels(group: Option<&str>, label: Option<&str>) -> Result<Stage, KnockoutError> {
        if group.is_some_and(|g| !g.trim().is_empty()) {
            return Ok(Stage::Group);
        }
        let label = label
            .filter(|l| !l.trim().is_empty())
            .ok_or(KnockoutError::MissingRound)?;
        let lower = label.trim().to_lowercase();
        if lower.starts_with("group") || lower.starts_with("gruppe") || lower.contains("matchday") {
            return Ok(Stage::Group);
        }
        label.parse().map(Stage::Knockout)
    }

    /// The typed stage to store with a match of a competition in `format`
    /// (see [`Stage::typed_for_labels`]).
    pub fn typed_for(format: Format, m: &Match) -> Option<Stage> {
        Stage::typed_for_labels(format, m.group.as_deref(), m.round.as_deref())
    }

    /// The typed stage to store for a match of a competition in `format` with
    /// this group and round label: none for labels that name no stage, which
    /// [`Stage::of`] then reports when read. In a league only a play-off round
    /// is typed ("Play-off final", Austria's "Conference League, Semifinal"):
    /// its other labels are matchdays, "Round 3" included.
    pub fn typed_for_labels(format: Format, group: Option<&str>, label: Option<&str>) -> Option<Stage> {
        let stage = Stage::from_labels(group, label).ok()?;
        match (format, stage) {
            (
                Format::League,
                Stage::Group
                | Stage::Knockout(Round::Numbered(_) | Round::Preliminary | Round::Qualifying(_)),
            ) => None,
            _ => Some(stage),
        }
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

/// How many groups `matches` (group-stage matches) form: the teams joined
/// through their matches, since files do not always name the group.
fn groups_among(matches: &[&Match]) -> u16 {
    let mut group_of: std::collections::BTreeMap<TeamId, usize> = Default::default();
    let mut groups: Vec<BTreeSet<TeamId>> = Vec::new();
    for m in matches {
        let (a, b) = (m.pairing.home(), m.pairing.away());
        match (group_of.get(&a).copied(), group_of.get(&b).copied()) {
            (Some(x), Some(y)) if x != y => {
                let moved = std::mem::take(&mut groups[y]);
                for t in &moved {
                    group_of.insert(*t, x);
                }
                groups[x].extend(moved);
            }
            (Some(_), Some(_)) => {}
            (Some(x), None) | (None, Some(x)) => {
                groups[x].extend([a, b]);
                group_of.insert(a, x);
                group_of.insert(b, x);
            }
            (None, None) => {
                groups.push(BTreeSet::from([a, b]));
                group_of.insert(a, groups.len() - 1);
                group_of.insert(b, groups.len() - 1);
            }
        }
    }
    groups.iter().filter(|g| !g.is_empty()).count() as u16
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
        let mut group_matches = Vec::new();
        let mut ties: std::collections::BTreeMap<Round, BTreeSet<(TeamId, TeamId)>> = Default::default();
        for m in matches {
            match Stage::of(m)? {
                Stage::Group => {
                    has_groups = true;
                    group_matches.push(m);
                }
                Stage::Knockout(round) => {
                    let (a, b) = (m.pairing.home(), m.pairing.away());
                    ties.entry(round).or_default().insert((a.min(b), a.max(b)));
                }
            }
        }
        let mut rounds: Vec<Round> = ties.keys().copied().collect();
        // The third-place match is off the path to the final, so the rounds still to come follow the last other round.
        // Qualifying rounds come before a group stage, so with groups they say
        // nothing of the rounds after it.
        let last_on_path = ties
            .iter()
            .rfind(|(r, _)| r.is_on_path_to_trophy() && !(has_groups && r.is_qualifying()));
        let tail_from = match last_on_path {
            // Before any knockout match is stored, the first round is the one the
            // structure sends the teams going through to: the round a league phase's
            // places name (the knockout play-offs), or the round of as many teams as
            // go on (the top two and the best thirds of the groups).
            None if has_groups => {
                let groups = groups_among(&group_matches);
                match competition
                    .structure
                    .group_phase()
                    .map(|p| p.qualification.going_on(groups))
                {
                    Some((_, Some(Round::Playoff))) => {
                        rounds.push(Round::Playoff);
                        Some(16)
                    }
                    Some((_, Some(first))) => first.teams(),
                    Some((teams, None)) if teams >= 2 => Some(teams),
                    _ => Some(2 * groups.max(1)),
                }
            }
            None => None,
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
            // From the earliest round named by its size, every round down to the final,
            // so a round not yet stored between two stored ones is listed too.
            Some(_) => ties.keys().find_map(|r| match r {
                Round::RoundOf(n) => Some(*n),
                Round::QuarterFinal => Some(8),
                Round::SemiFinal => Some(4),
                _ => None,
            }),
        };
        if let Some(mut teams) = tail_from {
            loop {
                let round = Round::of_size(teams);
                if !rounds.contains(&round) {
                    rounds.push(round);
                }
                if round == Round::Final {
                    break;
                }
                teams = teams.next_power_of_two() / 2;
            }
        }
        rounds.sort();
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

    /// The round on the path to the trophy after `round`, if any: the final
    /// follows the semi-finals, whatever third-place match is played between them.
    pub fn next(&self, round: Round) -> Option<Round> {
        self.rounds
            .iter()
            .copied()
            .find(|r| *r > round && r.is_on_path_to_trophy())
    }

    /// The round on the path to the trophy before `round`, if any: the
    /// semi-finals, for both the final and the third-place match. With a
    /// group stage, the qualifying rounds come before the groups, so the first
    /// round after them has none.
    pub fn previous(&self, round: Round) -> Option<Round> {
        let crosses_groups = self.has_groups && !round.is_qualifying();
        self.rounds
            .iter()
            .copied()
            .rev()
            .find(|r| *r < round && r.is_on_path_to_trophy() && !(crosses_groups && r.is_qualifying()))
    }

    /// The ties a team in `round` must still win to lift the trophy: that
    /// round's and every later one's, leaving out the third-place match.
    pub fn ties_to_win_from(&self, round: Round) -> u8 {
        self.rounds
            .iter()
            .filter(|r| **r >= round && r.is_on_path_to_trophy())
            .count() as u8
    }

    /// The knockout rounds on the path to the trophy, first to last.
    pub fn rounds_to_trophy(&self) -> impl Iterator<Item = Round> + '_ {
        self.rounds.iter().copied().filter(|r| r.is_on_path_to_trophy())
    }

    /// Whether the draw for `round` had been made by `as_of`, judged from `matches`
    /// (the competition's matches); always without a date. See the module notes.
    pub fn is_drawn(&self, round: Round, matches: &[Match], as_of: Option<NaiveDate>) -> bool {
        as_of.is_none_or(|day| {
            crate::known::stage_known_on(Some(Stage::Knockout(round)), matches, |m| Stage::of(m).ok(), day)
        })
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
            structure: crate::Structure::of_format(format),
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
            ("Relegation play-off", Round::Playoff),
            ("Promotion play-offs", Round::Playoff),
            ("Match for third place", Round::ThirdPlace),
            ("Third place play-off", Round::ThirdPlace),
            ("Third Place Play-Off", Round::ThirdPlace),
            ("Play-off for third place", Round::ThirdPlace),
            ("3rd place", Round::ThirdPlace),
            ("Quarter-final", Round::QuarterFinal),
            ("Semi-final", Round::SemiFinal),
            ("Round of 32", Round::RoundOf(32)),
            // The EFL's promotion play-offs and Austria's Conference League play-off.
            ("Play-off semi-finals", Round::SemiFinal),
            ("Promotion play-off final", Round::Final),
            ("Play-Offs, Final", Round::Final),
            ("Conference League, Semifinal", Round::SemiFinal),
            ("Conference League, Final - First Leg", Round::Final),
            ("Conference League, Final - Second Leg", Round::Final),
            ("Semi-final, 2nd leg", Round::SemiFinal),
            ("Round 3, second replay", Round::Numbered(3)),
            ("Semi-final, third replay", Round::SemiFinal),
            ("Play-off, Leg 1 of 2", Round::Playoff),
            // Rounds before the competition proper (engsoccerdata's European Cup and League Cup).
            ("Preliminary round", Round::Preliminary),
            ("First qualifying round", Round::Qualifying(1)),
            ("3rd qualifying round", Round::Qualifying(3)),
            ("Qualifying round 2", Round::Qualifying(2)),
            ("Second qualifying round, 2nd leg", Round::Qualifying(2)),
            ("Qualifying play-off round", Round::QualifyingPlayoff),
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
            "Third",
            "First leg",
            "Play-off for",
            "Qualifying round",
            "Zeroth qualifying round",
            "Qualifying round 0",
        ] {
            assert!(bad.parse::<Round>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_round_reads_back_from_its_name() {
        let mut rounds = vec![
            Round::Playoff,
            Round::QuarterFinal,
            Round::SemiFinal,
            Round::ThirdPlace,
            Round::Final,
        ];
        rounds.extend((1..=9).map(Round::Numbered));
        rounds.extend([16, 32, 64, 128, 256].map(Round::RoundOf));
        rounds.extend([Round::Preliminary, Round::QualifyingPlayoff]);
        rounds.extend([1, 3, 9, 10, 12].map(Round::Qualifying));
        for round in rounds {
            assert_eq!(round.name().parse::<Round>(), Ok(round), "{round}");
            assert_eq!(
                Stage::from_labels(None, Some(&round.name())),
                Ok(Stage::Knockout(round))
            );
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
        // Qualifying is played before the rounds proper: the Champions League 2004-05.
        let mut rounds = vec![
            Round::Final,
            Round::Numbered(1),
            Round::QualifyingPlayoff,
            Round::Qualifying(3),
            Round::Preliminary,
            Round::Qualifying(1),
        ];
        rounds.sort();
        assert_eq!(
            rounds,
            [
                Round::Preliminary,
                Round::Qualifying(1),
                Round::Qualifying(3),
                Round::QualifyingPlayoff,
                Round::Numbered(1),
                Round::Final
            ]
        );
        assert!(Round::Qualifying(2).is_qualifying() && !Round::Numbered(1).is_qualifying());
    }

    #[test]
    fn qualifying_rounds_come_before_the_groups_and_lead_nowhere_past_them() {
        // The Champions League 2004-05: three qualifying rounds, eight groups, the last 16 to come.
        let comp = cup(Format::GroupsKnockout);
        let mut matches = groups(8, 1);
        matches.extend([
            fixture("First qualifying round", 100, 101),
            fixture("Second qualifying round", 102, 103),
            fixture("Third qualifying round", 104, 105),
        ]);
        let order = RoundOrder::of(&comp, &matches).unwrap();
        assert_eq!(
            order.rounds(),
            [
                Round::Qualifying(1),
                Round::Qualifying(2),
                Round::Qualifying(3),
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::Final
            ]
        );
        // The groups, not the last qualifying round, come before the last 16.
        assert_eq!(order.previous(Round::RoundOf(16)), None);
        assert_eq!(order.previous(Round::Qualifying(3)), Some(Round::Qualifying(2)));
        // Without groups (the European Cup of 1980-81) the preliminary round leads to the first.
        let knockout = cup(Format::Knockout);
        let early = [fixture("Preliminary round", 1, 2), fixture("Round 1", 1, 3)];
        let order = RoundOrder::of(&knockout, &early).unwrap();
        assert_eq!(order.previous(Round::Numbered(1)), Some(Round::Preliminary));
        // In a league such labels are matchdays, not knockout rounds.
        assert_eq!(
            Stage::typed_for_labels(Format::League, None, Some("First qualifying round")),
            None
        );
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

    /// The group matches of `groups` groups of four, teams numbered from `first`.
    fn groups(groups: i64, first: i64) -> Vec<Match> {
        (0..groups)
            .flat_map(|g| {
                let t = |i: i64| first + 4 * g + i;
                [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)].map(|(a, b)| {
                    let mut m = fixture("Matchday 1", t(a), t(b));
                    m.group = Some(format!("{}", (b'A' + g as u8) as char));
                    m
                })
            })
            .collect()
    }

    #[test]
    fn a_group_stage_or_play_off_is_followed_by_the_round_of_the_teams_going_through() {
        let comp = cup(Format::GroupsKnockout);
        // Eight groups (World Cup 2018) or six (Euro 2024, with four best thirds): the last 16.
        for count in [8, 6] {
            let order = RoundOrder::of(&comp, &groups(count, 1)).unwrap();
            assert!(order.has_group_stage());
            assert_eq!(
                order.rounds(),
                [
                    Round::RoundOf(16),
                    Round::QuarterFinal,
                    Round::SemiFinal,
                    Round::Final
                ],
                "{count} groups"
            );
        }
        let mut with_playoff = groups(8, 1);
        with_playoff.push(fixture("Playoffs", 100, 101));
        let order = RoundOrder::of(&comp, &with_playoff).unwrap();
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
    fn a_league_phase_is_followed_by_the_round_its_places_name() {
        // The Champions League from 2024-25: before any knockout match is stored, places
        // 9-24 lead to the knockout play-offs, then the round of 16 and on.
        let mut comp = cup(Format::GroupsKnockout);
        comp.set_structure(
            crate::Structure::new(vec![
                crate::Phase::new(
                    "League phase",
                    crate::PhaseKind::LeaguePhase {
                        teams: 36,
                        matches_each: 8,
                    },
                    crate::Qualification::uefa_league_phase(),
                ),
                crate::Phase::new(
                    "Knockout stage",
                    crate::PhaseKind::Knockout { third_place: false },
                    crate::Qualification::none(),
                ),
            ])
            .unwrap(),
        );
        let mut phase = fixture("Matchday 1", 1, 2);
        phase.stage = Some(Stage::Group);
        let order = RoundOrder::of(&comp, &[phase]).unwrap();
        assert_eq!(
            order.rounds(),
            [
                Round::Playoff,
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::Final
            ]
        );
        // Groups whose top two and best four thirds go on (Euro 2024): the round of 16.
        comp.set_structure(
            crate::Structure::groups_then_knockout(1, crate::Qualification::top_and_best(2, 4), false)
                .unwrap(),
        );
        assert_eq!(
            RoundOrder::of(&comp, &groups(6, 1)).unwrap().rounds()[0],
            Round::RoundOf(16)
        );
    }

    #[test]
    fn the_world_cup_2026_goes_from_twelve_groups_to_a_round_of_32() {
        let comp = cup(Format::GroupsKnockout);
        let mut matches = groups(12, 1);
        let order = RoundOrder::of(&comp, &matches).unwrap();
        assert_eq!(
            order.rounds(),
            [
                Round::RoundOf(32),
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::Final
            ]
        );
        assert_eq!(order.ties_to_win_from(Round::RoundOf(32)), 5);
        // Once stored, the knockout matches say it, third-place match included.
        matches.extend((0..16).map(|i| fixture("Round of 32", 1 + 3 * i, 2 + 3 * i)));
        matches.push(fixture("Match for third place", 1, 2));
        matches.push(fixture("Final", 3, 4));
        let order = RoundOrder::of(&comp, &matches).unwrap();
        assert_eq!(
            order.rounds(),
            [
                Round::RoundOf(32),
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::ThirdPlace,
                Round::Final
            ]
        );
        assert_eq!(
            order.ties_to_win_from(Round::RoundOf(32)),
            5,
            "third place is off the path"
        );
        assert_eq!(order.ties_to_win_from(Round::SemiFinal), 2);
        assert_eq!(order.next(Round::SemiFinal), Some(Round::Final));
        assert_eq!(order.previous(Round::Final), Some(Round::SemiFinal));
        assert_eq!(order.previous(Round::ThirdPlace), Some(Round::SemiFinal));
        let path: Vec<Round> = order.rounds_to_trophy().collect();
        assert!(!path.contains(&Round::ThirdPlace));
        assert_eq!(path.len(), 5);
    }

    #[test]
    fn a_third_place_match_stored_before_the_final_still_leads_to_the_final() {
        let comp = cup(Format::GroupsKnockout);
        let matches = [
            fixture("Semi-finals", 1, 2),
            fixture("Semi-finals", 3, 4),
            fixture("Match for third place", 2, 4),
        ];
        let order = RoundOrder::of(&comp, &matches).unwrap();
        assert_eq!(
            order.rounds(),
            [Round::SemiFinal, Round::ThirdPlace, Round::Final]
        );
        assert!(!Round::ThirdPlace.is_on_path_to_trophy());
        assert!(Round::ThirdPlace < Round::Final && Round::SemiFinal < Round::ThirdPlace);
        assert_eq!(Round::ThirdPlace.name(), "Third place");
    }

    #[test]
    fn a_stored_stage_is_read_as_typed_and_a_league_has_none() {
        // The typed stage wins over the label; the label stays for display.
        let mut m = fixture("Match for third place", 1, 2);
        assert_eq!(
            Stage::typed_for(Format::GroupsKnockout, &m),
            Some(Stage::Knockout(Round::ThirdPlace))
        );
        assert_eq!(Stage::typed_for(Format::League, &fixture("Round 3", 1, 2)), None);
        assert_eq!(
            Stage::typed_for(Format::League, &fixture("Matchday 3", 1, 2)),
            None
        );
        // A league's play-off is typed: Austria's Conference League play-off.
        assert_eq!(
            Stage::typed_for(
                Format::League,
                &fixture("Conference League, Final - First Leg", 1, 2)
            ),
            Some(Stage::Knockout(Round::Final))
        );
        assert_eq!(Stage::typed_for(Format::Knockout, &fixture("Bogus", 1, 2)), None);
        m.stage = Some(Stage::Knockout(Round::Final));
        assert_eq!(Stage::of(&m), Ok(Stage::Knockout(Round::Final)));
        assert_eq!(
            Stage::of(&fixture("Bogus", 1, 2)),
            Err(KnockoutError::UnknownRound("Bogus".into()))
        );
    }

    #[test]
    fn a_round_is_drawn_once_the_round_before_is_played_replays_aside_or_its_own_match_is_due() {
        let comp = cup(Format::Knockout);
        let on_day = |mut m: Match, date: &str, result: &str| {
            m.date = date.parse().unwrap();
            m.status = MatchStatus::Played(result.parse().unwrap());
            m
        };
        let mut replay = on_day(fixture("Round 3", 2, 1), "2024-01-17", "2-0");
        replay.replay = true;
        let matches = [
            on_day(fixture("Round 3", 1, 2), "2024-01-06", "1-1"),
            on_day(fixture("Round 3", 3, 4), "2024-01-07", "1-0"),
            replay,
            on_day(fixture("Round 4", 2, 3), "2024-01-27", "1-0"),
            // Stored with a date before the round it follows: due, so drawn.
            on_day(fixture("Round of 16", 4, 5), "2024-01-05", "1-0"),
        ];
        let order = RoundOrder::of(&comp, &matches).unwrap();
        let on = |day: &str| Some(day.parse().unwrap());
        assert!(order.is_drawn(Round::Numbered(3), &matches, on("2024-01-01")));
        // Round 3 had begun, but one of its ties was still to play.
        assert!(!order.is_drawn(Round::Numbered(4), &matches, on("2024-01-06")));
        // Every tie played once: drawn, the replay still to come.
        assert!(order.is_drawn(Round::Numbered(4), &matches, on("2024-01-07")));
        assert!(order.is_drawn(Round::RoundOf(16), &matches, on("2024-01-05")));
        assert!(!order.is_drawn(Round::QuarterFinal, &matches, on("2024-01-26")));
        assert!(order.is_drawn(Round::QuarterFinal, &matches, on("2024-01-27")));
        assert!(order.is_drawn(Round::QuarterFinal, &matches, None));
    }
}
