//! A small hand-made league for the unit tests.

pub(crate) use matchday_core::testing::{competition, day, teams};
use matchday_core::testing::{fixture, played};
use matchday_core::{Deduction, Match, TeamId};

pub(crate) fn name(team: TeamId) -> String {
    ["North", "South", "East", "<West & Co>"][(team.0 - 1) as usize].to_string()
}

/// Three match days (1, 3, 5) with team 4 not playing on day 1, and a fixture on day 20.
pub(crate) fn matches() -> Vec<Match> {
    vec![
        played(1, 1, 2, 2, 0),
        played(3, 1, 3, 3, 1),
        played(3, 2, 4, 0, 0),
        played(5, 4, 1, 0, 2),
        played(5, 2, 3, 1, 2),
        fixture(20, 4, 3),
    ]
}

/// Three points off team 1 on day 8, a day without a match.
pub(crate) fn deductions() -> Vec<Deduction> {
    vec![Deduction {
        team: TeamId(1),
        points: 3,
        effective: day(8),
        reason: "administration".into(),
    }]
}
