//! A small hand-made league for the unit tests.

use chrono::NaiveDate;
use matchday_core::{
    Competition, Deduction, Format, Match, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet, Score,
    Season, TeamId, Zone,
};

pub(crate) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, d).expect("a March day")
}

pub(crate) fn competition() -> Competition {
    let zone = |name: &str, first, last| Zone {
        name: name.into(),
        first,
        last,
    };
    Competition {
        id: None,
        slug: "mini".into(),
        name: "Mini League".into(),
        season: Season::starting(2023),
        format: Format::League,
        structure: matchday_core::Structure::of_format(Format::League),
        rules: RuleSet::PremierLeague,
        points: PointsScheme::THREE,
        zones: vec![zone("champions", 1, 1), zone("relegation", 4, 4)],
        away_goals: false,
        rank_by: Default::default(),
    }
}

pub(crate) fn teams() -> Vec<TeamId> {
    (1..=4).map(TeamId).collect()
}

pub(crate) fn name(team: TeamId) -> String {
    ["North", "South", "East", "<West & Co>"][(team.0 - 1) as usize].to_string()
}

fn played(d: u32, home: i64, away: i64, hg: u32, ag: u32) -> Match {
    Match::new(
        day(d),
        Pairing::new(TeamId(home), TeamId(away)).expect("two teams"),
        MatchStatus::Played(MatchResult::full_time(Score::new(hg, ag).expect("a score"))),
    )
}

/// Three match days (1, 3, 5) with team 4 not playing on day 1, and a fixture on day 20.
pub(crate) fn matches() -> Vec<Match> {
    vec![
        played(1, 1, 2, 2, 0),
        played(3, 1, 3, 3, 1),
        played(3, 2, 4, 0, 0),
        played(5, 4, 1, 0, 2),
        played(5, 2, 3, 1, 2),
        Match::new(
            day(20),
            Pairing::new(TeamId(4), TeamId(3)).expect("two teams"),
            MatchStatus::Scheduled,
        ),
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
