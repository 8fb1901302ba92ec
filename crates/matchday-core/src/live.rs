//! Live scores: a match in play, its score so far and the minute, counted only by a
//! provisional table.

use serde::{Deserialize, Serialize};

use crate::{Error, Match, MatchResult, MatchStatus, Score};

/// The last minute a live score may be at: 120 minutes and stoppage time.
pub const LAST_MINUTE: u8 = 130;

/// A minute of play, 1 to [`LAST_MINUTE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Minute(u8);

impl Minute {
    /// A minute, checked to lie in 1..=[`LAST_MINUTE`].
    ///
    /// # Errors
    /// [`Error::BadMinute`] for any other number.
    pub fn new(minute: i64) -> Result<Minute, Error> {
        match u8::try_from(minute) {
            Ok(m) if (1..=LAST_MINUTE).contains(&m) => Ok(Minute(m)),
            _ => Err(Error::BadMinute(minute)),
        }
    }

    /// The minute as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Minute {
    type Error = Error;
    fn try_from(minute: i64) -> Result<Minute, Error> {
        Minute::new(minute)
    }
}

impl From<Minute> for i64 {
    fn from(minute: Minute) -> i64 {
        i64::from(minute.0)
    }
}

impl std::fmt::Display for Minute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}'", self.0)
    }
}

/// The score of a match in play: goals so far, and the minute when it was given.
///
/// Only the score: extra time and penalties are results, entered when the match ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LiveScore {
    score: Score,
    minute: Option<Minute>,
}

impl LiveScore {
    /// A live score; every score and minute is one (the minute is checked by [`Minute::new`]).
    pub fn new(score: Score, minute: Option<Minute>) -> LiveScore {
        LiveScore { score, minute }
    }

    /// The live score an entered result gives, when it is a score alone (a live league
    /// match has no extra time or penalties, and those of a cup tie are entered as its
    /// result when it ends).
    ///
    /// # Errors
    /// [`Error::LiveNotPlain`] for a result with a half-time score, extra time, penalties
    /// or a settlement.
    pub fn of_result(result: &MatchResult, minute: Option<Minute>) -> Result<LiveScore, Error> {
        match result.score() {
            Some(score)
                if result.half_time().is_none()
                    && result.extra_time().is_none()
                    && result.penalties().is_none()
                    && result.settlement().is_none() =>
            {
                Ok(LiveScore::new(score, minute))
            }
            _ => Err(Error::LiveNotPlain(result.to_string())),
        }
    }

    /// The goals so far.
    pub fn score(self) -> Score {
        self.score
    }

    /// The minute of play, when given.
    pub fn minute(self) -> Option<Minute> {
        self.minute
    }

    /// The same live score seen from the other side.
    pub fn swapped(self) -> LiveScore {
        LiveScore {
            score: self.score.swapped(),
            ..self
        }
    }
}

impl std::fmt::Display for LiveScore {
    /// "1-0 (60')", or "1-0" without a minute.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.score)?;
        if let Some(minute) = self.minute {
            write!(f, " ({minute})")?;
        }
        Ok(())
    }
}

/// The matches in play among `matches`, with their live scores, in the order given.
pub fn in_play(matches: &[Match]) -> impl Iterator<Item = (&Match, LiveScore)> {
    matches.iter().filter_map(|m| match m.status {
        MatchStatus::Live(live) => Some((m, live)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minute_is_one_to_a_hundred_and_thirty() {
        assert_eq!(Minute::new(1).unwrap().get(), 1);
        assert_eq!(Minute::new(130).unwrap().get(), 130);
        for bad in [0, 131, -1, 256, i64::MAX] {
            assert!(
                matches!(Minute::new(bad), Err(Error::BadMinute(n)) if n == bad),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_live_score_reads_back_only_through_its_checks() {
        let live = LiveScore::new(Score::new(1, 0).unwrap(), Some(Minute::new(60).unwrap()));
        let json = serde_json::to_string(&live).unwrap();
        assert_eq!(json, r#"{"score":{"home":1,"away":0},"minute":60}"#);
        assert_eq!(serde_json::from_str::<LiveScore>(&json).unwrap(), live);
        let late = r#"{"score":{"home":1,"away":0},"minute":131}"#;
        assert!(serde_json::from_str::<LiveScore>(late).is_err());
        let status = MatchStatus::Live(live);
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(serde_json::from_str::<MatchStatus>(&json).unwrap(), status);
    }

    #[test]
    fn a_live_score_is_a_score_alone() {
        let plain: crate::ResultEntry = "Liverpool 1-0 Chelsea".parse().unwrap();
        let live = LiveScore::of_result(&plain.result, None).unwrap();
        assert_eq!(live.score(), Score::new(1, 0).unwrap());
        for more in [
            "Liverpool 1-0 Chelsea (0-0)",
            "Liverpool 1-0 Chelsea aet",
            "Liverpool 1-1 Chelsea, 4-3 pens",
        ] {
            let entry: crate::ResultEntry = more.parse().unwrap();
            assert!(
                matches!(
                    LiveScore::of_result(&entry.result, None),
                    Err(Error::LiveNotPlain(_))
                ),
                "{more}"
            );
        }
    }

    #[test]
    fn a_live_score_is_written_with_its_minute() {
        let score = Score::new(2, 1).unwrap();
        assert_eq!(
            LiveScore::new(score, Some(Minute::new(90).unwrap())).to_string(),
            "2-1 (90')"
        );
        assert_eq!(LiveScore::new(score, None).to_string(), "2-1");
        assert_eq!(LiveScore::new(score, None).swapped().to_string(), "1-2");
    }

    #[test]
    fn a_live_match_is_still_to_play_and_has_no_result() {
        let live = MatchStatus::Live(LiveScore::new(Score::new(0, 0).unwrap(), None));
        assert!(live.is_pending());
        assert!(live.result().is_none());
        assert_eq!(live.name(), "live");
    }
}
