//! The one error type of the core: a value that would break a domain rule.

/// A value that would put the domain in a wrong state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A season written in a form we do not read.
    #[error("'{0}' is not a season: write it as 2023-24, 2023/24 or 2024")]
    BadSeason(String),
    /// A score that cannot be read or is out of range.
    #[error("'{0}' is not a score: write it as 2-1")]
    BadScore(String),
    /// A goal count above [`crate::MAX_GOALS`].
    #[error("{0} goals is not a believable score (at most {max})", max = crate::MAX_GOALS)]
    AbsurdGoals(u32),
    /// A team drawn against itself.
    #[error("a team cannot play itself")]
    SelfMatch,
    /// A combination of full-time, extra-time and penalty scores that cannot happen.
    #[error("inconsistent result: {0}")]
    InconsistentResult(crate::ResultFault),
    /// A date in a year no season of matchday's can hold (a file's `12/08/0000`).
    #[error("{date} is not a date of football matchday keeps: seasons run from {first} to {last}")]
    DateOutOfRange {
        /// The offending date.
        date: chrono::NaiveDate,
        /// The first year a season may start in.
        first: i32,
        /// The last.
        last: i32,
    },
    /// A date that lies outside the season it is recorded in.
    #[error("{date} is outside the {season} season ({from} to {to})")]
    DateOutsideSeason {
        /// The offending date.
        date: chrono::NaiveDate,
        /// The season.
        season: String,
        /// First day of the season.
        from: chrono::NaiveDate,
        /// Last day of the season.
        to: chrono::NaiveDate,
    },
    /// A zone description we cannot read.
    #[error("'{0}' is not a zone: write it as name=1-4 or name=18-20")]
    BadZone(String),
    /// An unknown rule set name.
    #[error("unknown rules '{0}': use one of {names}", names = crate::RuleSet::names())]
    BadRules(String),
    /// Regulations that break one of their laws (named by the field).
    #[error("regulations are inconsistent: {0}")]
    BadRegulations(&'static str),
    /// An unknown off-the-pitch criterion.
    #[error(
        "unknown criterion '{0}': use fair-play, disciplinary-points, drawing-of-lots, coefficient, qualifying-ranking or world-ranking"
    )]
    BadOffThePitch(String),
    /// An unknown ranking measure.
    #[error("unknown ranking '{0}': use points or points-per-game")]
    BadRankBy(String),
    /// An unknown competition format name.
    #[error("unknown format '{0}': use league, knockout or groups-knockout")]
    BadFormat(String),
    /// A minute of play outside 1 to [`crate::LAST_MINUTE`].
    #[error("'{0}' is not a minute of play: give one from 1 to {last}", last = crate::LAST_MINUTE)]
    BadMinute(i64),
    /// A live score given with more than the score so far.
    #[error("a live score is the score so far, '{0}' is more: leave out half-time, extra time and penalties")]
    LiveNotPlain(String),
}
