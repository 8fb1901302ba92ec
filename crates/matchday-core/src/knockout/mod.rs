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
mod rules;
mod tie;
mod tie_score;

pub use bracket::{Bracket, BracketRound, Podium};
pub use entry_checks::check_new_cup_match;
pub use rules::{KnockoutDraw, KnockoutRules};
pub use tie::{Decider, KnockoutTie, TieFormat, TieOutcome, ties_in_round};
pub use tie_score::{Aggregate, ScoreParts, TieGoals, TieMatch, TieScore, TieState};

use crate::{Round, TeamId};

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
    #[error("the {round} tie between team {} and team {} is already decided", .first.0, .second.0)]
    TieDecided {
        /// The round.
        round: Round,
        /// The first-named team of the tie.
        first: TeamId,
        /// The second-named team.
        second: TeamId,
        /// The team that went through (or won the final).
        winner: TeamId,
    },
    /// A team already knocked out of the competition.
    #[error("team {} is no longer in the competition: knocked out in {round}", .team.0)]
    Eliminated {
        /// The team.
        team: TeamId,
        /// The round it went out in.
        round: Round,
        /// The team that knocked it out.
        by: TeamId,
    },
    /// A team knocked out in the group stage.
    #[error("team {} is no longer in the competition: out in the group stage", .team.0)]
    OutInGroup {
        /// The team.
        team: TeamId,
    },
    /// A team already drawn against someone else in the round.
    #[error("team {} already has a {round} tie against team {}", .team.0, .opponent.0)]
    OtherOpponent {
        /// The team.
        team: TeamId,
        /// The round.
        round: Round,
        /// Its opponent in that round.
        opponent: TeamId,
    },
    /// A leg that does not fit the tie.
    #[error("bad leg for this {round} tie: {fault}")]
    BadLeg {
        /// The round.
        round: Round,
        /// What is wrong.
        fault: LegFault,
    },
    /// A replay of a match that did not end level.
    #[error("no replay is due in the {round} tie between team {} and team {}", .first.0, .second.0)]
    NoReplayDue {
        /// The round.
        round: Round,
        /// The first-named team of the tie.
        first: TeamId,
        /// The second-named team.
        second: TeamId,
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

/// Why a leg does not fit its tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LegFault {
    /// More than two legs stored.
    #[error("more than two legs")]
    MoreThanTwo,
    /// A leg numbered other than 1 or 2.
    #[error("leg {0}: a tie has legs 1 and 2")]
    Number(u8),
    /// The same leg stored twice.
    #[error("the same leg is stored twice")]
    StoredTwice,
    /// A second leg with no first leg stored.
    #[error("no first leg is stored")]
    NoFirstLeg,
    /// A match of a two-legged tie with no leg given.
    #[error("this tie is two-legged: give the leg, 1 or 2")]
    LegNeeded,
    /// This leg is already stored.
    #[error("leg {0} is already stored")]
    AlreadyStored(u8),
    /// Both legs at the same team's ground.
    #[error("both legs at the same ground")]
    SameGround(TeamId),
    /// A second leg dated before the first (or a first after the second).
    #[error("the second leg comes after the first")]
    WrongOrder,
    /// A leg given for a tie that is a single match.
    #[error("this tie is a single match, with no legs")]
    SingleMatch,
}

/// Hand-made cups for the tests of this module and of the tracker.
#[cfg(test)]
pub(crate) mod test_support;
