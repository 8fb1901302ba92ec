//! How long a season chart takes: the table after every match day, then the SVG.
//!
//! A made-up 24-team double round-robin (552 matches, each round spread over
//! three days: 138 match days), the size of England's second tier, and a
//! 20-team one. Run with `cargo bench -p matchday-report`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use matchday_core::{
    Competition, Format, Match, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet, Score, Season,
    Structure, TeamId, Zone,
};
use matchday_report::{ChartKind, ChartOptions, Progress, chart_svg};

fn league(teams: u16) -> Competition {
    let zone = |name: &str, first, last| Zone {
        name: name.into(),
        first,
        last,
    };
    Competition {
        id: None,
        slug: "bench".into(),
        name: "Bench League".into(),
        season: Season::starting(2023),
        format: Format::League,
        structure: Structure::of_format(Format::League),
        rules: RuleSet::PremierLeague,
        points: PointsScheme::THREE,
        zones: vec![zone("champions", 1, 1), zone("relegation", teams - 2, teams)],
        away_goals: false,
        rank_by: Default::default(),
    }
}

/// A double round-robin by the circle method, with scores from a fixed little generator.
fn season(teams: u16) -> (Vec<TeamId>, Vec<Match>) {
    let ids: Vec<TeamId> = (1..=i64::from(teams)).map(TeamId).collect();
    let n = ids.len();
    let start = NaiveDate::from_ymd_opt(2023, 8, 5).expect("a day");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut goals = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 4) as u32
    };
    let mut matches = Vec::new();
    let mut order: Vec<usize> = (0..n).collect();
    for round in 0..2 * (n - 1) {
        for k in 0..n / 2 {
            let (a, b) = (order[k], order[n - 1 - k]);
            let (home, away) = if round % 2 == 0 { (a, b) } else { (b, a) };
            let date = start + chrono::Duration::days((round * 7 + k % 3) as i64);
            let score = Score::new(goals(), goals()).expect("a score");
            matches.push(Match::new(
                date,
                Pairing::new(ids[home], ids[away]).expect("two teams"),
                MatchStatus::Played(MatchResult::full_time(score)),
            ));
        }
        order[1..].rotate_right(1);
    }
    (ids, matches)
}

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        best = best.min(start.elapsed());
    }
    (best, last.expect("at least one run"))
}

fn main() {
    for teams in [20, 24] {
        let competition = league(teams);
        let (ids, matches) = season(teams);
        let (took, progress) = time(10, || {
            Progress::compute(&competition, &ids, &matches, &[], &[], None)
        });
        let name = |t: TeamId| format!("Team {}", t.0);
        let options = ChartOptions {
            kind: ChartKind::Position,
            title: "Bench League 2023-24".into(),
            ..ChartOptions::default()
        };
        let (drew, svg) = time(10, || chart_svg(&progress, &name, &options).expect("a chart"));
        println!(
            "{teams} teams, {} matches, {} match days: tables {:.2} ms, SVG {:.2} ms ({} KiB)",
            matches.len(),
            progress.dates.len(),
            took.as_secs_f64() * 1e3,
            drew.as_secs_f64() * 1e3,
            svg.len() / 1024
        );
    }
}
