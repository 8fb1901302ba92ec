//! Scores and match results: a score cannot be negative, and a result's
//! half-time, extra-time and penalty scores must fit together.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

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

/// The full record of a played match's score.
///
/// `full_time` is the score after 90 minutes; `extra_time`, when present, is
/// the score after extra time (including the 90 minutes' goals), as people
/// write "1-0 aet"; `penalties` is the shoot-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MatchResult {
    full_time: Score,
    half_time: Option<Score>,
    extra_time: Option<Score>,
    penalties: Option<Score>,
}

impl MatchResult {
    /// A result decided in 90 minutes.
    pub fn full_time(score: Score) -> MatchResult {
        MatchResult {
            full_time: score,
            half_time: None,
            extra_time: None,
            penalties: None,
        }
    }

    /// A result with every part given, checked for consistency.
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
        let bad = |why: &str| Err(Error::InconsistentResult(why.to_string()));
        if let Some(ht) = half_time
            && !full_time.at_least(ht)
        {
            return bad(&format!(
                "half-time {ht} has more goals than full-time {full_time}"
            ));
        }
        if let Some(et) = extra_time {
            if !full_time.is_level() {
                return bad(&format!("extra time after a decided match ({full_time})"));
            }
            if !et.at_least(full_time) {
                return bad(&format!(
                    "after extra time {et} has fewer goals than full-time {full_time}"
                ));
            }
        }
        if let Some(pens) = penalties {
            let before = extra_time.unwrap_or(full_time);
            if !before.is_level() {
                return bad(&format!("penalties after a decided match ({before})"));
            }
            if pens.is_level() {
                return bad(&format!("a penalty shoot-out cannot end level ({pens})"));
            }
        }
        Ok(MatchResult {
            full_time,
            half_time,
            extra_time,
            penalties,
        })
    }

    /// A second leg's result, where extra time and a shoot-out follow a level
    /// aggregate rather than a level match (Arsenal 1-0 Porto, 1-0 aet, 4-2 pens).
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
        let bad = |why: String| Err(Error::InconsistentResult(why));
        if let Some(ht) = half_time
            && !full_time.at_least(ht)
        {
            return bad(format!(
                "half-time {ht} has more goals than full-time {full_time}"
            ));
        }
        if let Some(et) = extra_time
            && !et.at_least(full_time)
        {
            return bad(format!(
                "after extra time {et} has fewer goals than full-time {full_time}"
            ));
        }
        if let Some(pens) = penalties
            && pens.is_level()
        {
            return bad(format!("a penalty shoot-out cannot end level ({pens})"));
        }
        Ok(MatchResult {
            full_time,
            half_time,
            extra_time,
            penalties,
        })
    }

    /// The score after 90 minutes, which is what league tables count.
    pub fn score(&self) -> Score {
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

    /// The penalty shoot-out, when there was one.
    pub fn penalties(&self) -> Option<Score> {
        self.penalties
    }

    /// The score when play ended: after extra time if there was any.
    pub fn final_score(&self) -> Score {
        self.extra_time.unwrap_or(self.full_time)
    }

    /// The same result seen from the other side.
    pub fn swapped(&self) -> MatchResult {
        MatchResult {
            full_time: self.full_time.swapped(),
            half_time: self.half_time.map(Score::swapped),
            extra_time: self.extra_time.map(Score::swapped),
            penalties: self.penalties.map(Score::swapped),
        }
    }

    /// Who won the match once extra time and penalties are counted, or `None` for a draw.
    pub fn winner(&self) -> Option<Side> {
        let decided = self.penalties.unwrap_or_else(|| self.final_score());
        match decided.home.cmp(&decided.away) {
            std::cmp::Ordering::Greater => Some(Side::Home),
            std::cmp::Ordering::Less => Some(Side::Away),
            std::cmp::Ordering::Equal => None,
        }
    }
}

impl fmt::Display for MatchResult {
    /// As people write it: `1-0`, `1-0 aet`, `4-4 aet, 4-5 pens`, `1-1, 4-3 pens`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.extra_time {
            Some(et) => write!(f, "{et} aet")?,
            None => write!(f, "{}", self.full_time)?,
        }
        if let Some(p) = self.penalties {
            write!(f, ", {p} pens")?;
        }
        Ok(())
    }
}

impl FromStr for MatchResult {
    type Err = Error;

    /// Reads the forms people type: `2-1`, `1-0 aet`, `4-4 aet, 4-5 pens`,
    /// `1-1, 4-3 pens` (a shoot-out straight after 90 minutes), optionally
    /// with the half-time score in brackets: `2-1 (1-0)`.
    fn from_str(text: &str) -> Result<MatchResult, Error> {
        let bad = || Error::BadScore(text.to_string());
        let mut rest = text.trim().to_ascii_lowercase();
        let mut half_time = None;
        if let Some(open) = rest.find('(') {
            let close = rest[open..].find(')').ok_or_else(bad)? + open;
            half_time = Some(rest[open + 1..close].parse::<Score>().map_err(|_| bad())?);
            rest = format!("{} {}", &rest[..open], &rest[close + 1..]);
        }
        let (main, pens_part) = match rest.split_once(',') {
            Some((m, p)) => (m.trim().to_string(), Some(p.trim().to_string())),
            None => (rest.trim().to_string(), None),
        };
        let penalties = match pens_part {
            None => None,
            Some(p) => {
                let p = p
                    .strip_suffix("pens")
                    .or_else(|| p.strip_suffix("pen"))
                    .or_else(|| p.strip_suffix("pen."))
                    .or_else(|| p.strip_suffix("p"))
                    .ok_or_else(bad)?;
                Some(p.trim().parse::<Score>().map_err(|_| bad())?)
            }
        };
        let (score_text, aet) = match main.strip_suffix("aet").or_else(|| main.strip_suffix("a.e.t.")) {
            Some(s) => (s.trim(), true),
            None => (main.as_str(), false),
        };
        let score: Score = score_text.parse().map_err(|e| match e {
            Error::AbsurdGoals(n) => Error::AbsurdGoals(n),
            _ => bad(),
        })?;
        if aet {
            // Typed results give only the score after extra time; the 90-minute
            // score was level, but which level score we cannot know, so we keep
            // the after-extra-time score and mark the 90 minutes as unknown-level
            // by using the lower side for both.
            let level = score.home.min(score.away);
            let ft = Score {
                home: level,
                away: level,
            };
            MatchResult::new(ft, half_time, Some(score), penalties)
        } else {
            MatchResult::new(score, half_time, None, penalties)
        }
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
        assert_eq!(r.score(), s(5, 2));
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
    fn absurd_goals_are_named() {
        assert_eq!("150-0".parse::<Score>(), Err(Error::AbsurdGoals(150)));
    }
}
