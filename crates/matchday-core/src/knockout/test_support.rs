//! Hand-made cups for the tests of this module and of the tracker.

use chrono::NaiveDate;

use crate::{
    Competition, Format, Match, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet, Score, Season,
    TeamId, Venue,
};

pub const NAMES: [&str; 17] = [
    "",
    "Liverpool",
    "Chelsea",
    "Norwich",
    "Sporting",
    "Atalanta",
    "Roma",
    "Feyenoord",
    "Tottenham",
    "Ajax",
    "Arsenal",
    "Porto",
    "Blackburn",
    "Newcastle",
    "Bristol Rovers",
    "Southampton",
    "Watford",
];

pub fn name(team: TeamId) -> String {
    NAMES[team.0 as usize].to_string()
}

pub fn id(team: &str) -> TeamId {
    TeamId(NAMES.iter().position(|n| *n == team).expect("a test team") as i64)
}

pub fn cup(format: Format, away_goals: bool) -> Competition {
    Competition {
        id: None,
        slug: "cup".into(),
        name: "Cup".into(),
        season: Season::starting(2023),
        format,
        structure: crate::Structure::of_format(format),
        rules: RuleSet::UefaClubGroups,
        points: PointsScheme::THREE,
        zones: Vec::new(),
        away_goals,
        rank_by: crate::RankBy::Points,
    }
}

pub fn day(text: &str) -> NaiveDate {
    text.parse().expect("a test date")
}

/// A match: `result` is a score as people type it, or "" for a fixture.
pub fn game(date: &str, round: &str, home: &str, away: &str, result: &str) -> Match {
    let status = if result.is_empty() {
        MatchStatus::Scheduled
    } else {
        MatchStatus::Played(result.parse().expect("a test result"))
    };
    let mut m = Match::new(day(date), Pairing::new(id(home), id(away)).unwrap(), status);
    m.round = Some(round.to_string());
    if round == "Final" {
        m.venue = Venue::Neutral;
    }
    m
}

pub fn leg(n: u8, mut m: Match) -> Match {
    m.leg = Some(n);
    m
}

pub fn replay(mut m: Match) -> Match {
    m.replay = true;
    m
}

/// A second leg whose 90 minutes were not level, with extra time and penalties.
pub fn second_leg(date: &str, round: &str, home: &str, away: &str, scores: [(u32, u32); 3]) -> Match {
    let s = |(h, a)| Score::new(h, a).unwrap();
    let result = MatchResult::second_leg(s(scores[0]), None, Some(s(scores[1])), Some(s(scores[2]))).unwrap();
    let mut m = game(date, round, home, away, "");
    m.status = MatchStatus::Played(result);
    leg(2, m)
}
