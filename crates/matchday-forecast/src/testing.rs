//! A small hand-made league for the unit tests.

pub(crate) use matchday_core::testing::{competition, day, teams};
use matchday_core::testing::{fixture, played};
use matchday_core::{Deduction, Match, TeamId};

/// Four teams after the first half of a double round-robin, plus one fixture stored
/// and one played match dated after the as-of day the tests use (day 10).
pub(crate) fn matches() -> Vec<Match> {
    vec![
        played(1, 1, 2, 2, 0),
        played(1, 3, 4, 1, 1),
        played(3, 1, 3, 3, 1),
        played(3, 2, 4, 0, 0),
        played(5, 4, 1, 0, 2),
        played(5, 2, 3, 1, 2),
        // After day 10: counts only when looking later.
        played(12, 2, 1, 1, 1),
        fixture(20, 4, 3),
    ]
}

pub(crate) fn deductions() -> Vec<Deduction> {
    vec![Deduction {
        team: TeamId(3),
        points: 3,
        effective: day(8),
        reason: "administration".into(),
    }]
}
