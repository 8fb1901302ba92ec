//! A small hand-made league that other crates' tests build on (the `testing`
//! feature): four teams in March 2024, one champion and one relegation place.
//!
//! Each crate keeps the matches its tests need; the league and the way a match
//! is written are shared, so that a change to [`Competition`] or [`Match`] is
//! made here once.

use chrono::NaiveDate;

use crate::{
    Competition, Format, Match, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet, Score, Season,
    Structure, TeamId, Zone,
};

/// The `d`th of March 2024.
pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, d).expect("a March day")
}

/// "Mini League" 2023-24: Premier League rules, three points a win, "champions"
/// in 1st place and "relegation" in 4th.
pub fn competition() -> Competition {
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
        structure: Structure::of_format(Format::League),
        rules: RuleSet::PremierLeague,
        points: PointsScheme::THREE,
        zones: vec![zone("champions", 1, 1), zone("relegation", 4, 4)],
        away_goals: false,
        rank_by: Default::default(),
    }
}

/// The league's four teams, ids 1 to 4.
pub fn teams() -> Vec<TeamId> {
    (1..=4).map(TeamId).collect()
}

/// Team `home` beat, drew or lost to `away`, `hg`-`ag` after 90 minutes, on the `d`th.
pub fn played(d: u32, home: i64, away: i64, hg: u32, ag: u32) -> Match {
    Match::new(
        day(d),
        Pairing::new(TeamId(home), TeamId(away)).expect("two teams"),
        MatchStatus::Played(MatchResult::full_time(Score::new(hg, ag).expect("a score"))),
    )
}

/// Team `home` against `away` still to play, on the `d`th.
pub fn fixture(d: u32, home: i64, away: i64) -> Match {
    Match::new(
        day(d),
        Pairing::new(TeamId(home), TeamId(away)).expect("two teams"),
        MatchStatus::Scheduled,
    )
}

/// A match in play at `hg`-`ag`, at `minute` when given.
pub fn live(hg: u32, ag: u32, minute: Option<i64>) -> MatchStatus {
    let minute = minute.map(|m| crate::Minute::new(m).expect("a minute"));
    MatchStatus::Live(crate::LiveScore::new(
        Score::new(hg, ag).expect("a score"),
        minute,
    ))
}
