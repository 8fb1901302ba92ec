//! Scores and match results: a score cannot be negative, and a result's
//! half-time, extra-time and penalty scores must fit together.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, Settlement};

/// Goals scored by one side; never negative.
pub type Goals = u8;

/// The most goals one side may score in a result we accept.
pub const MAX_GOALS: u32 = 99;

/// A home-away score such as 5-2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Score {
    home: Goals,
    away: Goals,
}

impl Score {
    /// A score, checking each side against [`MAX_GOALS`].
    ///
    /// # Errors
    /// [`Error::AbsurdGoals`] when a side is above the limit.
    pub fn new(home: u32, away: u32) -> Result<Score, Error> {
        for goals in [home, away] {
            if goals > MAX_GOALS {
                return Err(Error::AbsurdGoals(goals));
            }
        }
        Ok(Score {
            home: home as Goals,
            away: away as Goals,
        })
    }

    /// Goals by the home side.
    pub fn home(self) -> Goals {
        self.home
    }

    /// Goals by the away side.
    pub fn away(self) -> Goals {
        self.away
    }

    /// Whether the sides scored the same.
    pub fn is_level(self) -> bool {
        self.home == self.away
    }

    /// The same score seen from the other side.
    pub fn swapped(self) -> Score {
        Score {
            home: self.away,
            away: self.home,
        }
    }

    /// Whether neither side has fewer goals than in `earlier` (scores only grow).
    pub fn at_least(self, earlier: Score) -> bool {
        self.home >= earlier.home && self.away >= earlier.away
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.home, self.away)
    }
}

impl FromStr for Score {
    type Err = Error;

    /// Reads `2-1` (also with an en dash or `:`), rejecting signs and non-digits.
    fn from_str(text: &str) -> Result<Score, Error> {
        let bad = || Error::BadScore(text.to_string());
        let trimmed = text.trim();
        let (h, a) = trimmed.split_once(['-', '–', ':']).ok_or_else(bad)?;
        let side = |s: &str| -> Result<u32, Error> {
            let s = s.trim();
            if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse::<u32>().map_err(|_| bad())
        };
        Score::new(side(h)?, side(a)?)
    }
}

/// Which side won something: a match, a shoot-out, a tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The home (or first-named) side.
    Home,
    /// The away (or second-named) side.
    Away,
}

/// What extra time and a shoot-out follow, which decides whether a result's
/// parts fit together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraTimeAfter {
    /// A single match (or a replay, or a first leg): extra time follows a level match.
    LevelMatch,
    /// A second leg: extra time follows a level aggregate, so the match itself need not be level.
    LevelAggregate,
}

/// Why the parts of a result do not fit together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ResultFault {
    /// Neither the 90-minute score nor the score after extra time is given.
    #[error("a result needs a score")]
    NoScore,
    /// The half-time score has more goals than a later score.
    #[error("half-time {half_time} has more goals than {later}")]
    HalfTimeAboveLater {
        /// The half-time score.
        half_time: Score,
        /// The later score it exceeds.
        later: Score,
    },
    /// Extra time after a match decided in 90 minutes.
    #[error("extra time after a decided match ({0})")]
    ExtraTimeAfterDecidedMatch(Score),
    /// The score after extra time has fewer goals than after 90 minutes.
    #[error("after extra time {extra_time} has fewer goals than after 90 minutes {full_time}")]
    ExtraTimeLosesGoals {
        /// The score after extra time.
        extra_time: Score,
        /// The 90-minute score.
        full_time: Score,
    },
    /// A shoot-out after a match that was not level.
    #[error("penalties after a decided match ({0})")]
    PenaltiesAfterDecidedMatch(Score),
    /// A shoot-out that ended level.
    #[error("a penalty shoot-out cannot end level ({0})")]
    LevelShootOut(Score),
    /// A shoot-out given both with its kicks and as won without them.
    #[error("a shoot-out is given both with its kicks and without them")]
    TwoSettlements,
    /// Lots drawn (or a shoot-out) after a match that was not level.
    #[error("lots drawn after a decided match ({0})")]
    LotAfterDecidedMatch(Score),
}

/// The full record of a played match's score: only what was given.
///
/// `full_time` is the score after 90 minutes, absent when only the score
/// after extra time was given (people write "1-0 aet" and leave the 90
/// minutes out); `extra_time`, when present, is the score after extra time
/// (including the 90 minutes' goals); `settlement` is what settled a match
/// still level: a shoot-out, with its kicks or its winner alone, or lots. At
/// least one of the 90-minute and after-extra-time scores is always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ResultParts", into = "ResultParts")]
pub struct MatchResult {
    full_time: Option<Score>,
    half_time: Option<Score>,
    extra_time: Option<Score>,
    settlement: Option<Settlement>,
}

/// A result's parts as files and JSON hold them; read back through the same checks.
/// The kicks stay in `penalties`, as before settlements without kicks were
/// kept, so JSON written then reads the same; `settled` holds the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct ResultParts {
    full_time: Option<Score>,
    half_time: Option<Score>,
    extra_time: Option<Score>,
    penalties: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    settled: Option<Settlement>,
}

impl TryFrom<ResultParts> for MatchResult {
    type Error = Error;
    fn try_from(p: ResultParts) -> Result<MatchResult, Error> {
        // The type holds any result a match can have; whether it fits a single
        // match or a second leg is the match's check.
        let result = MatchResult::from_parts(
            p.full_time,
            p.half_time,
            p.extra_time,
            p.penalties,
            ExtraTimeAfter::LevelAggregate,
        )?;
        match p.settled {
            None => Ok(result),
            Some(_) if p.penalties.is_some() => Err(Error::InconsistentResult(ResultFault::TwoSettlements)),
            Some(settlement) => result.settled(settlement, ExtraTimeAfter::LevelAggregate),
        }
    }
}

impl From<MatchResult> for ResultParts {
    fn from(r: MatchResult) -> ResultParts {
        ResultParts {
            full_time: r.full_time,
            half_time: r.half_time,
            extra_time: r.extra_time,
            penalties: r.penalties(),
            settled: r.settlement.filter(|s| s.kicks().is_none()),
        }
    }
}

impl MatchResult {
    /// A result decided in 90 minutes.
    pub fn full_time(score: Score) -> MatchResult {
        MatchResult {
            full_time: Some(score),
            half_time: None,
            extra_time: None,
            settlement: None,
        }
    }

    /// A single match's result with its 90-minute score given, checked for consistency.
    ///
    /// # Errors
    /// [`Error::InconsistentResult`] when the half-time score exceeds the
    /// full-time one, extra time follows a decided match or loses goals, or a
    /// shoot-out follows a decided match or is itself level.
    pub fn new(
        full_time: Score,
        half_time: Option<Score>,
        extra_time: Option<Score>,
        penalties: Option<Score>,
    ) -> Result<MatchResult, Error> {
        MatchResult::from_parts(
            Some(full_time),
            half_time,
            extra_time,
            penalties,
            ExtraTimeAfter::LevelMatch,
        )
    }

    /// A second leg's result with its 90-minute score given, where extra time
    /// and a shoot-out follow a level aggregate rather than a level match
    /// (Arsenal 1-0 Porto, 1-0 aet, 4-2 pens).
    ///
    /// # Errors
    /// [`Error::InconsistentResult`] when the half-time score exceeds the
    /// full-time one, extra time loses goals, or the shoot-out is level.
    pub fn second_leg(
        full_time: Score,
        half_time: Option<Score>,
        extra_time: Option<Score>,
        penalties: Option<Score>,
    ) -> Result<MatchResult, Error> {
        MatchResult::from_parts(
            Some(full_time),
            half_time,
            extra_time,
            penalties,
            ExtraTimeAfter::LevelAggregate,
        )
    }

    /// A result from the parts that were given: the 90-minute score may be
    /// absent when the score after extra time is there.
    ///
    /// # Errors
    /// [`Error::InconsistentResult`] when no score is given or the parts do
    /// not fit together under `after` (see [`MatchResult::fits`]).
    pub fn from_parts(
        full_time: Option<Score>,
        half_time: Option<Score>,
        extra_time: Option<Score>,
        penalties: Option<Score>,
        after: ExtraTimeAfter,
    ) -> Result<MatchResult, Error> {
        if full_time.is_none() && extra_time.is_none() {
            return Err(Error::InconsistentResult(ResultFault::NoScore));
        }
        let result = MatchResult {
            full_time,
            half_time,
            extra_time,
            settlement: penalties.map(Settlement::Penalties),
        };
        result.fits(after)?;
        Ok(result)
    }

    /// The same result settled by `settlement` instead of whatever settled it
    /// before: a shoot-out whose winner alone is known, or lots.
    ///
    /// # Errors
    /// [`Error::InconsistentResult`] when the settlement does not fit under
    /// `after` (see [`MatchResult::fits`]).
    pub fn settled(self, settlement: Settlement, after: ExtraTimeAfter) -> Result<MatchResult, Error> {
        let result = MatchResult {
            settlement: Some(settlement),
            ..self
        };
        result.fits(after)?;
        Ok(result)
    }

    /// Whether the parts fit together for a match whose extra time follows `after`:
    /// scores only grow (half-time, 90 minutes, extra time), a shoot-out is
    /// never level, and after a level match only a level match goes to
    /// extra time and only a level score to penalties.
    ///
    /// # Errors
    /// [`Error::InconsistentResult`] naming the first part that does not fit.
    pub fn fits(&self, after: ExtraTimeAfter) -> Result<(), Error> {
        let fault = |f: ResultFault| Err(Error::InconsistentResult(f));
        if let Some(ht) = self.half_time
            && let Some(later) = self.full_time.or(self.extra_time)
            && !later.at_least(ht)
        {
            return fault(ResultFault::HalfTimeAboveLater { half_time: ht, later });
        }
        if let (Some(ft), Some(et)) = (self.full_time, self.extra_time) {
            if after == ExtraTimeAfter::LevelMatch && !ft.is_level() {
                return fault(ResultFault::ExtraTimeAfterDecidedMatch(ft));
            }
            if !et.at_least(ft) {
                return fault(ResultFault::ExtraTimeLosesGoals {
                    extra_time: et,
                    full_time: ft,
                });
            }
        }
        if let Some(settlement) = self.settlement {
            if after == ExtraTimeAfter::LevelMatch && !self.final_score().is_level() {
                return fault(if settlement.is_penalties() {
                    ResultFault::PenaltiesAfterDecidedMatch(self.final_score())
                } else {
                    ResultFault::LotAfterDecidedMatch(self.final_score())
                });
            }
            if let Some(kicks) = settlement.kicks()
                && kicks.is_level()
            {
                return fault(ResultFault::LevelShootOut(kicks));
            }
        }
        Ok(())
    }

    /// The score after 90 minutes, which is what league tables count; absent
    /// when only the score after extra time was given.
    pub fn score(&self) -> Option<Score> {
        self.full_time
    }

    /// The half-time score, when known.
    pub fn half_time(&self) -> Option<Score> {
        self.half_time
    }

    /// The score after extra time, when played.
    pub fn extra_time(&self) -> Option<Score> {
        self.extra_time
    }

    /// The penalty shoot-out's kicks, when there was one and they were recorded.
    pub fn penalties(&self) -> Option<Score> {
        self.settlement.and_then(Settlement::kicks)
    }

    /// What settled the match when it was level after play, if anything did.
    pub fn settlement(&self) -> Option<Settlement> {
        self.settlement
    }

    /// Whether the match went beyond 90 minutes: extra time, a shoot-out or lots.
    pub fn went_beyond_ninety_minutes(&self) -> bool {
        self.extra_time.is_some() || self.settlement.is_some()
    }

    /// The score when play ended: after extra time if there was any.
    pub fn final_score(&self) -> Score {
        match (self.extra_time, self.full_time) {
            (Some(score), _) | (None, Some(score)) => score,
            (None, None) => unreachable!("a result always has a score (checked in from_parts)"),
        }
    }

    /// The same result seen from the other side.
    pub fn swapped(&self) -> MatchResult {
        MatchResult {
            full_time: self.full_time.map(Score::swapped),
            half_time: self.half_time.map(Score::swapped),
            extra_time: self.extra_time.map(Score::swapped),
            settlement: self.settlement.map(Settlement::swapped),
        }
    }

    /// Who won the match once extra time, penalties and lots are counted, or `None` for a draw.
    pub fn winner(&self) -> Option<Side> {
        let score = self.final_score();
        match score.home.cmp(&score.away) {
            std::cmp::Ordering::Greater => Some(Side::Home),
            std::cmp::Ordering::Less => Some(Side::Away),
            std::cmp::Ordering::Equal => self.settlement.and_then(Settlement::winner),
        }
    }

    /// Reads a typed result under the rules of `after`; see [`MatchResult::from_str`] for the forms.
    ///
    /// # Errors
    /// [`Error::BadScore`] for text that is not a result, [`Error::AbsurdGoals`]
    /// and [`Error::InconsistentResult`] for a result that cannot be.
    pub fn parse(text: &str, after: ExtraTimeAfter) -> Result<MatchResult, Error> {
        let bad = || Error::BadScore(text.to_string());
        let score_of = |s: &str| -> Result<Score, Error> {
            s.trim().parse::<Score>().map_err(|e| match e {
                Error::AbsurdGoals(n) => Error::AbsurdGoals(n),
                _ => bad(),
            })
        };
        let mut rest = text.trim().to_ascii_lowercase();
        let (mut half_time, mut ninety) = (None, None);
        if let Some(open) = rest.find('(') {
            let close = rest[open..].find(')').ok_or_else(bad)? + open;
            for part in rest[open + 1..close].split(',') {
                let part = part.trim();
                let (slot, score) = if let Some(s) = NINETY_MINUTES.iter().find_map(|p| part.strip_prefix(p))
                {
                    (&mut ninety, s)
                } else if let Some(s) = part.strip_prefix("ht") {
                    (&mut half_time, s)
                } else {
                    // A bare score in brackets is the half-time score, as people write it.
                    (&mut half_time, part)
                };
                if slot.is_some() {
                    return Err(bad());
                }
                *slot = Some(score_of(score)?);
            }
            rest = format!("{} {}", &rest[..open], &rest[close + 1..]);
        }
        let (main, pens_part) = match rest.split_once(',') {
            Some((m, p)) => (m.trim().to_string(), Some(p.trim().to_string())),
            None => (rest.trim().to_string(), None),
        };
        let (penalties, without_kicks) = match pens_part.as_deref().map(str::trim) {
            None => (None, None),
            Some(p) => match settlement_without_kicks(p) {
                Some(settlement) => (None, Some(settlement)),
                None => {
                    let p = ["pens", "pen.", "pen", "p"]
                        .iter()
                        .find_map(|suffix| p.strip_suffix(suffix))
                        .ok_or_else(bad)?;
                    (Some(score_of(p)?), None)
                }
            },
        };
        let settle = |result: MatchResult| match without_kicks {
            Some(settlement) => result.settled(settlement, after),
            None => Ok(result),
        };
        let (score_text, aet) = match main.strip_suffix("aet").or_else(|| main.strip_suffix("a.e.t.")) {
            Some(s) => (s.trim(), true),
            None => (main.as_str(), false),
        };
        let score = score_of(score_text)?;
        if aet {
            // Only what was given: the 90-minute score stays absent unless typed.
            settle(MatchResult::from_parts(
                ninety,
                half_time,
                Some(score),
                penalties,
                after,
            )?)
        } else {
            if ninety.is_some_and(|n| n != score) {
                return Err(bad());
            }
            settle(MatchResult::from_parts(
                Some(score),
                half_time,
                None,
                penalties,
                after,
            )?)
        }
    }
}

/// `pens won by home`, `lot won by away`, `won by home` (how not recorded): a
/// settlement without kicks, as [`MatchResult`]'s `Display` writes it (lower-case).
pub(crate) fn settlement_without_kicks(text: &str) -> Option<Settlement> {
    let text = text.trim();
    let (kind, side) = match text.strip_prefix("won by ") {
        Some(side) => ("", side),
        None => text.split_once(" won by ")?,
    };
    let side = match side.trim() {
        "home" => Side::Home,
        "away" => Side::Away,
        _ => return None,
    };
    match kind.trim() {
        "pens" => Some(Settlement::PenaltiesUnrecorded(side)),
        "lot" => Some(Settlement::Lot(side)),
        "" => Some(Settlement::NotRecorded(side)),
        _ => None,
    }
}

/// How a typed result labels its 90-minute score inside brackets.
const NINETY_MINUTES: [&str; 4] = ["90 min", "90min", "90'", "ft"];

impl fmt::Display for MatchResult {
    /// As people write it: `1-0`, `1-0 aet`, `4-4 aet, 4-5 pens`, `1-1, 4-3 pens`;
    /// a shoot-out without its kicks `1-1 aet, pens won by home`, lots `0-0 aet, lot
    /// won by away`, a winner known without how `1-1, won by home`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.extra_time {
            Some(et) => write!(f, "{et} aet")?,
            None => write!(f, "{}", self.final_score())?,
        }
        let side = |s: Side| match s {
            Side::Home => "home",
            Side::Away => "away",
        };
        match self.settlement {
            None => {}
            Some(Settlement::Penalties(p)) => write!(f, ", {p} pens")?,
            Some(Settlement::PenaltiesUnrecorded(s)) => write!(f, ", pens won by {}", side(s))?,
            Some(Settlement::Lot(s)) => write!(f, ", lot won by {}", side(s))?,
            Some(Settlement::NotRecorded(s)) => write!(f, ", won by {}", side(s))?,
        }
        Ok(())
    }
}

impl FromStr for MatchResult {
    type Err = Error;

    /// Reads the forms people type, for a single match: `2-1`, `1-0 aet`,
    /// `4-4 aet, 4-5 pens`, `1-1, 4-3 pens` (a shoot-out straight after 90
    /// minutes), with scores in brackets after the score: a bare one is the
    /// half-time score, `2-1 (1-0)`; `90 min` (or `ft`) names the 90-minute
    /// score after extra time, `2-1 aet (90 min 1-1, ht 0-1), 4-3 pens`.
    /// The 90-minute score of a match that went to extra time is absent
    /// unless given.
    fn from_str(text: &str) -> Result<MatchResult, Error> {
        MatchResult::parse(text, ExtraTimeAfter::LevelMatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(h: u32, a: u32) -> Score {
        Score::new(h, a).unwrap()
    }

    #[test]
    fn reads_plain_extra_time_and_penalties() {
        let r: MatchResult = "5-2".parse().unwrap();
        assert_eq!(r.score(), Some(s(5, 2)));
        assert_eq!(r.winner(), Some(Side::Home));

        let r: MatchResult = "Salford 4-4 aet, 4-5 pens"
            .trim_start_matches("Salford ")
            .parse()
            .unwrap();
        assert_eq!(r.extra_time(), Some(s(4, 4)));
        assert_eq!(r.penalties(), Some(s(4, 5)));
        assert_eq!(r.winner(), Some(Side::Away));
        assert_eq!(r.to_string(), "4-4 aet, 4-5 pens");

        let r: MatchResult = "1-1, 4-3 pens".parse().unwrap();
        assert_eq!(r.extra_time(), None);
        assert_eq!(r.winner(), Some(Side::Home));

        let r: MatchResult = "2-1 (0-1)".parse().unwrap();
        assert_eq!(r.half_time(), Some(s(0, 1)));
    }

    #[test]
    fn rejects_impossible_results() {
        for text in [
            "-1-0",
            "1--1",
            "a-b",
            "3",
            "100-0",
            "2-1, 4-3 pens",
            "1-1, 3-3 pens",
            "2-1 (3-0)",
            "",
        ] {
            assert!(text.parse::<MatchResult>().is_err(), "{text}");
        }
        assert!(MatchResult::new(s(1, 0), None, Some(s(2, 0)), None).is_err());
        assert!(MatchResult::new(s(1, 1), None, Some(s(0, 1)), None).is_err());
    }

    #[test]
    fn a_ninety_minute_score_not_given_is_absent() {
        let r: MatchResult = "2-1 aet".parse().unwrap();
        assert_eq!(r.score(), None);
        assert_eq!(r.final_score(), s(2, 1));
        assert_eq!(r.to_string(), "2-1 aet");
        let r: MatchResult = "1-1 aet (90 min 0-0, ht 0-0), 4-2 pens".parse().unwrap();
        assert_eq!(r.score(), Some(s(0, 0)));
        assert_eq!(r.half_time(), Some(s(0, 0)));
        assert_eq!(r.extra_time(), Some(s(1, 1)));
        assert_eq!(r.penalties(), Some(s(4, 2)));
        let r: MatchResult = "2-2 aet (ft 1-1)".parse().unwrap();
        assert_eq!(r.score(), Some(s(1, 1)));
        assert_eq!(r.swapped().score(), Some(s(1, 1)));
        // A 90-minute score that was not level cannot go to extra time in a single match.
        assert!("2-1 aet (90 min 1-0)".parse::<MatchResult>().is_err());
        // ...but can in a second leg, where extra time follows a level aggregate.
        let r = MatchResult::parse("1-0 aet (90 min 1-0), 4-2 pens", ExtraTimeAfter::LevelAggregate).unwrap();
        assert_eq!(r.score(), Some(s(1, 0)));
        assert_eq!(r.winner(), Some(Side::Home));
        let r = MatchResult::parse("1-0 aet, 4-2 pens", ExtraTimeAfter::LevelAggregate).unwrap();
        assert_eq!(r.score(), None);
        assert!(r.fits(ExtraTimeAfter::LevelMatch).is_err());
        for text in [
            "2-1 (90 min 1-1)",
            "2-1 aet (90 min 2-2)",
            "1-1 aet (1-0, 2-0)",
            "3-0 aet (ht 4-0)",
        ] {
            assert!(text.parse::<MatchResult>().is_err(), "{text}");
        }
    }

    #[test]
    fn deserialising_checks_the_parts() {
        let r: MatchResult = "1-1 aet (90 min 0-0), 4-2 pens".parse().unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<MatchResult>(&json).unwrap(), r);
        let none = r#"{"full_time":null,"half_time":null,"extra_time":null,"penalties":null}"#;
        assert!(serde_json::from_str::<MatchResult>(none).is_err());
        let level_pens = r#"{"full_time":{"home":1,"away":1},"half_time":null,"extra_time":null,"penalties":{"home":3,"away":3}}"#;
        assert!(serde_json::from_str::<MatchResult>(level_pens).is_err());
    }

    #[test]
    fn a_shoot_out_without_its_kicks_keeps_its_winner_only() {
        // League Cup final 2001: Liverpool 1-1 Birmingham aet, won on penalties.
        let r: MatchResult = "1-1 aet, pens won by home".parse().unwrap();
        assert_eq!(r.settlement(), Some(Settlement::PenaltiesUnrecorded(Side::Home)));
        assert_eq!(r.penalties(), None, "no kicks are made up");
        assert_eq!(r.winner(), Some(Side::Home));
        assert!(r.went_beyond_ninety_minutes());
        assert_eq!(r.to_string(), "1-1 aet, pens won by home");
        assert_eq!(r.swapped().winner(), Some(Side::Away));
        let unknown: MatchResult = "1-1, won by away".parse().unwrap();
        assert_eq!(unknown.settlement(), Some(Settlement::NotRecorded(Side::Away)));
        assert_eq!(
            (unknown.winner(), unknown.to_string().as_str()),
            (Some(Side::Away), "1-1, won by away")
        );
        let lot: MatchResult = "2-2 aet, lot won by away".parse().unwrap();
        assert_eq!(lot.settlement(), Some(Settlement::Lot(Side::Away)));
        assert_eq!(lot.to_string().parse::<MatchResult>().unwrap(), lot);
        // Only a level match is settled so.
        assert!("2-1, pens won by home".parse::<MatchResult>().is_err());
        assert!("2-1, lot won by home".parse::<MatchResult>().is_err());
        assert!("1-1, pens won by nobody".parse::<MatchResult>().is_err());
        // ...except a second leg, where the aggregate was level.
        assert!(MatchResult::parse("2-1, lot won by away", ExtraTimeAfter::LevelAggregate).is_ok());
        // Through JSON, kicks and no kicks both come back, and never both at once.
        for r in [r, lot, "1-1, 4-3 pens".parse().unwrap()] {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<MatchResult>(&json).unwrap(), r, "{json}");
        }
        let both = r#"{"full_time":{"home":1,"away":1},"half_time":null,"extra_time":null,"penalties":{"home":3,"away":2},"settled":{"lot":"home"}}"#;
        assert!(serde_json::from_str::<MatchResult>(both).is_err());
    }

    #[test]
    fn absurd_goals_are_named() {
        assert_eq!("150-0".parse::<Score>(), Err(Error::AbsurdGoals(150)));
    }
}
