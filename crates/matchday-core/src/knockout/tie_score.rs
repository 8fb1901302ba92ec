//! A tie's score as values, with its parts, for whoever words it (the CLI,
//! the coming HTML page and charts): which matches counted, each with its 90
//! minutes, extra time, penalties and whether it was awarded, and a two-legged
//! tie's aggregate and away goals.

use serde::{Deserialize, Serialize};

use crate::{Decider, MatchResult, Round, Score, Settlement, TeamId, TieFormat};

/// Where a tie stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum TieState {
    /// Drawn, with no match played yet.
    NotStarted,
    /// Begun and not decided: a second leg or a replay is still to come.
    InProgress,
    /// Every match of the tie was cancelled or abandoned and none is left to
    /// play: nobody went through on the pitch.
    CalledOff,
    /// One team went through.
    Decided {
        /// The team that went through.
        winner: TeamId,
        /// What separated the teams.
        decider: Decider,
    },
}

/// The parts of one match's score, from its home side; a part not played is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreParts {
    /// The score that counts: after extra time where it was played.
    pub final_score: Score,
    /// The score after 90 minutes, where it was given.
    pub ninety_minutes: Option<Score>,
    /// The score after extra time, where it was played.
    pub extra_time: Option<Score>,
    /// The penalty shoot-out's kicks, where there was one and they were recorded.
    pub penalties: Option<Score>,
    /// What settled the match when level: a shoot-out with or without its
    /// kicks, or lots; absent (and left out of JSON) when nothing did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<Settlement>,
    /// Whether the result was awarded off the pitch.
    pub awarded: bool,
}

impl ScoreParts {
    /// The parts of `result`; `awarded` for a result decided off the pitch.
    pub fn of(result: &MatchResult, awarded: bool) -> ScoreParts {
        ScoreParts {
            final_score: result.final_score(),
            ninety_minutes: result.score(),
            extra_time: result.extra_time(),
            penalties: result.penalties(),
            settlement: result.settlement(),
            awarded,
        }
    }

    /// The same parts from the away side.
    pub fn swapped(self) -> ScoreParts {
        ScoreParts {
            final_score: self.final_score.swapped(),
            ninety_minutes: self.ninety_minutes.map(Score::swapped),
            extra_time: self.extra_time.map(Score::swapped),
            penalties: self.penalties.map(Score::swapped),
            settlement: self.settlement.map(Settlement::swapped),
            awarded: self.awarded,
        }
    }
}

/// One match of a tie that counted by the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieMatch {
    /// The team named first (at home unless on neutral ground).
    pub home: TeamId,
    /// The team named second.
    pub away: TeamId,
    /// 1 or 2 in a two-legged tie.
    pub leg: Option<u8>,
    /// Whether it replayed a drawn meeting of the tie, or (in a two-legged
    /// tie) was the play-off after legs that left it level.
    pub replay: bool,
    /// Its score, from the home side.
    pub score: ScoreParts,
}

/// Goals over a two-legged tie, from the first-named team's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TieGoals {
    /// The first-named team's goals.
    pub first: u32,
    /// The second-named team's goals.
    pub second: u32,
}

/// A two-legged tie's aggregate over the legs played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Goals over both legs' 90 minutes and any extra time.
    pub goals: TieGoals,
    /// Goals scored away, where the competition counts them and both legs are played.
    pub away_goals: Option<TieGoals>,
}

/// A tie's score with its parts, as it stood on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieScore {
    /// The round.
    pub round: Round,
    /// The first-named team: at home in the first (or only) match.
    pub first: TeamId,
    /// The second-named team.
    pub second: TeamId,
    /// Single match, with replays, or two legs.
    pub format: TieFormat,
    /// Not started, in progress, called off or decided.
    pub state: TieState,
    /// The aggregate of a two-legged tie, once a leg is played.
    pub aggregate: Option<Aggregate>,
    /// The matches that counted, first leg or first meeting first.
    pub matches: Vec<TieMatch>,
}

impl TieScore {
    /// The team that went through, once decided.
    pub fn winner(&self) -> Option<TeamId> {
        match self.state {
            TieState::Decided { winner, .. } => Some(winner),
            _ => None,
        }
    }

    /// The last match that counted, from the first-named team's side: the
    /// score of a single match or of the replay that decided.
    pub fn last_match_for_first(&self) -> Option<ScoreParts> {
        let last = self.matches.last()?;
        Some(if last.home == self.first {
            last.score
        } else {
            last.score.swapped()
        })
    }
}
