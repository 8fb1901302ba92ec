//! A small hand-made league for the unit tests.

pub(crate) use matchday_core::testing::{competition, day, teams};
use matchday_core::testing::{fixture, played};
use matchday_core::{CarryOver, Competition, Deduction, Match, SplitRules, SplitSection, Structure, TeamId};
use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus;

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

/// A league of four that meets once in three rounds, then splits into a top two and
/// a bottom two who meet twice more, carrying their points as `carry` says.
pub(crate) fn split_competition(carry: CarryOver) -> Competition {
    let section = |name: &str, first, last| SplitSection {
        name: name.into(),
        first,
        last,
    };
    let rules = SplitRules::new(3, 2, vec![section("Top", 1, 2), section("Bottom", 3, 4)], carry).unwrap();
    let mut c = competition();
    c.set_structure(Structure::split_league(1, rules).unwrap());
    c
}

/// The split league's regular season, in full: 1 wins everything (9 points), 3 has 4,
/// 2 has 2 and 4 has 1, so the top two are 1 and 3 and the bottom two 2 and 4.
pub(crate) fn split_matches() -> Vec<Match> {
    vec![
        played(1, 1, 2, 2, 0),
        played(1, 3, 4, 1, 0),
        played(2, 1, 3, 2, 0),
        played(2, 2, 4, 0, 0),
        played(3, 1, 4, 1, 0),
        played(3, 2, 3, 1, 1),
    ]
}

/// A league of `n` teams on random points up to `spread`, with `left` random fixtures.
pub(crate) fn random_league(
    rng: &mut Xoshiro256PlusPlus,
    n: usize,
    left: usize,
    spread: i32,
) -> (Vec<i32>, Vec<(usize, usize)>) {
    let points = (0..n).map(|_| rng.random_range(0..=spread)).collect();
    let mut all: Vec<(usize, usize)> = (0..n)
        .flat_map(|h| (0..n).filter(move |&a| a != h).map(move |a| (h, a)))
        .collect();
    let mut fixtures = Vec::new();
    while fixtures.len() < left && !all.is_empty() {
        let i = rng.random_range(0..all.len());
        fixtures.push(all.swap_remove(i));
    }
    (points, fixtures)
}

/// A result between teams `home` and `away` (by index) on `day` January 2024.
pub(crate) fn result(
    home: usize,
    away: usize,
    home_goals: u8,
    away_goals: u8,
    day: u32,
) -> crate::PlayedResult {
    crate::PlayedResult {
        home,
        away,
        home_goals,
        away_goals,
        date: chrono::NaiveDate::from_ymd_opt(2024, 1, day).expect("a day in January"),
    }
}
