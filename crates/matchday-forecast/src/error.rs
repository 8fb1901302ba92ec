//! What can go wrong when setting up a league's mathematics.

use matchday_core::TeamId;

/// Errors from building a league state or a forecast.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForecastError {
    /// The league has no teams.
    #[error("the league has no teams")]
    NoTeams,
    /// More teams than the exact method handles.
    #[error("{0} teams is more than the {max} this method handles", max = crate::MAX_TEAMS)]
    TooManyTeams(usize),
    /// A team was listed twice.
    #[error("team {0:?} is listed twice")]
    DuplicateTeam(TeamId),
    /// A team named for a comparison is not in the league.
    #[error("team {0:?} is not in this league")]
    UnknownTeam(TeamId),
    /// The table ranks by points per game (a curtailed season): best and worst places,
    /// gaps and odds are counted in points, which would rank it wrongly.
    #[error(
        "this season is ranked by points per game (it was cut short), \
         and gaps and odds count points: see `matchday table` for the final order"
    )]
    RankedByPointsPerGame,
    /// A split league whose sections do not hold its teams.
    #[error("the league splits into sections of {sections} teams in all, but it has {teams}")]
    SplitTeams {
        /// Teams the sections hold.
        sections: u16,
        /// Teams in the league.
        teams: usize,
    },
    /// A history's result or division change names a team past its count.
    #[error("team index {index} is past the history's {teams} teams")]
    TeamOutOfRange {
        /// The index named.
        index: usize,
        /// Teams in the history.
        teams: usize,
    },
}
