//! Knockout ties: one match, a match with replays, or two legs on aggregate.
//!
//! A tie's winner is always derived from its matches, as they stood on an
//! as-of date: a single match is decided by its result with extra time and
//! penalties; replays by the last replay; two legs by the aggregate, then
//! (where the competition uses them) away goals, then extra time at the end
//! of the second leg, then penalties. A match decided off the pitch
//! ([`MatchStatus::Awarded`](crate::MatchStatus::Awarded)) decides like a played one and is noted as awarded.
//!
//! One concept per file: `tie` forms and decides ties, `tie_score` gives a
//! tie's score as values, `bracket` lays a competition's rounds out with
//! their ties, `entry_checks` checks a new cup match against the ties stored.

mod bracket;
mod entry_checks;
mod tie;
mod tie_score;

pub use bracket::{Bracket, BracketRound, Podium};
pub use entry_checks::check_new_cup_match;
pub use tie::{Decider, KnockoutTie, TieFormat, TieOutcome, ties_in_round};
pub use tie_score::{Aggregate, ScoreParts, TieGoals, TieMatch, TieScore, TieState};

use crate::Round;

/// Why a cup match or tie cannot be read or recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KnockoutError {
    /// A round label we do not read.
    #[error("'{0}' is not a round: write Round 3, Round of 16, Quarterfinals, Semifinals, Final or Playoffs")]
    UnknownRound(String),
    /// A cup match stored without a round or group.
    #[error("a cup match needs a round, such as Round 3 or Final")]
    MissingRound,
    /// The tie between the two teams is already decided.
    #[error("the {round} tie between {first} and {second} is already decided: {}", verdict(*.round, .winner))]
    TieDecided {
        /// The round.
        round: Round,
        /// The first-named team of the tie.
        first: String,
        /// The second-named team.
        second: String,
        /// The team that went through.
        winner: String,
    },
    /// A team already knocked out of the competition.
    #[error("{team} is no longer in the competition: knocked out by {by} in {round}")]
    Eliminated {
        /// The team.
        team: String,
        /// The round it went out in.
        round: Round,
        /// The team that knocked it out.
        by: String,
    },
    /// A team knocked out in the group stage.
    #[error("{team} is no longer in the competition: out in the group stage")]
    OutInGroup {
        /// The team.
        team: String,
    },
    /// A team already drawn against someone else in the round.
    #[error("{team} already has a {round} tie against {opponent}")]
    OtherOpponent {
        /// The team.
        team: String,
        /// The round.
        round: Round,
        /// Its opponent in that round.
        opponent: String,
    },
    /// A leg that does not fit the tie.
    #[error("bad leg for this {round} tie: {why}")]
    BadLeg {
        /// The round.
        round: Round,
        /// What is wrong.
        why: String,
    },
    /// A replay of a match that did not end level.
    #[error("no replay is due in the {round} tie between {first} and {second}")]
    NoReplayDue {
        /// The round.
        round: Round,
        /// The first-named team of the tie.
        first: String,
        /// The second-named team.
        second: String,
    },
    /// A tie formed from no match at all.
    #[error("a {round} tie needs at least one match")]
    NoMatch {
        /// The round.
        round: Round,
    },
    /// A tie formed from matches between different teams.
    #[error("the matches of a {round} tie are not all between the same two teams")]
    MixedTie {
        /// The round.
        round: Round,
    },
    /// A team with no match in the competition.
    #[error("{team} has no match in the {competition}")]
    NotEntered {
        /// The team.
        team: String,
        /// The competition's name.
        competition: String,
    },
}

/// How a decided tie ended for its winner: a final (or third-place match) is won, any other tie is gone through.
fn verdict(round: Round, winner: &str) -> String {
    if matches!(round, Round::Final | Round::ThirdPlace) {
        format!("{winner} won it")
    } else {
        format!("{winner} went through")
    }
}

/// Hand-made cups for the tests of this module and of the tracker.
#[cfg(test)]
pub(crate) mod test_support;
