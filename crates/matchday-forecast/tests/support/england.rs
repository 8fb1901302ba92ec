//! Reads one season of one tier from engsoccerdata's `england.csv` (beside the checkout,
//! in `shared/data`), for the real-data tests and the benchmark.

use std::path::PathBuf;

use chrono::NaiveDate;
use matchday_core::{
    Competition, Deduction, Format, Match, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet, Score,
    Season, TeamId, Zone,
};

/// A league season as core types, with team names by index.
pub struct LeagueSeason {
    pub competition: Competition,
    pub names: Vec<String>,
    pub teams: Vec<TeamId>,
    pub matches: Vec<Match>,
    pub deductions: Vec<Deduction>,
}

impl LeagueSeason {
    pub fn team(&self, name: &str) -> TeamId {
        let i = self
            .names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no team {name}"));
        self.teams[i]
    }

    pub fn name(&self, team: TeamId) -> &str {
        &self.names[self
            .teams
            .iter()
            .position(|&t| t == team)
            .expect("a team of this season")]
    }

    /// Every day a match was played, in order.
    pub fn match_days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.matches.iter().map(|m| m.date).collect();
        days.sort();
        days.dedup();
        days
    }
}

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn unquote(field: &str) -> &str {
    field.trim().trim_matches('"')
}

/// The season starting in `start_year` of `tier` (1 = top flight), or `None` without the data.
pub fn load(start_year: i32, tier: u8) -> Option<LeagueSeason> {
    let text = std::fs::read_to_string(data_dir().join("engsoccerdata/england.csv")).ok()?;
    let mut names: Vec<String> = Vec::new();
    let mut matches = Vec::new();
    let id_of = |name: &str, names: &mut Vec<String>| -> TeamId {
        let i = names.iter().position(|n| n == name).unwrap_or_else(|| {
            names.push(name.to_string());
            names.len() - 1
        });
        TeamId(i as i64 + 1)
    };
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 12 || unquote(f[1]) != start_year.to_string() || unquote(f[8]) != tier.to_string() {
            continue;
        }
        let date: NaiveDate = unquote(f[0]).parse().expect("ISO date");
        let home = id_of(unquote(f[2]), &mut names);
        let away = id_of(unquote(f[3]), &mut names);
        let score = Score::new(unquote(f[5]).parse().unwrap(), unquote(f[6]).parse().unwrap()).unwrap();
        matches.push(Match::new(
            date,
            Pairing::new(home, away).unwrap(),
            MatchStatus::Played(MatchResult::full_time(score)),
        ));
    }
    let teams: Vec<TeamId> = (1..=names.len() as i64).map(TeamId).collect();
    let n = teams.len() as u16;
    let (name, rules, zones) = if tier == 1 {
        (
            "Premier League",
            RuleSet::PremierLeague,
            matchday_core::Catalogue::bundled()
                .find("Premier League")
                .and_then(|e| e.edition(Season::starting(start_year)))
                .expect("the catalogue knows the Premier League")
                .zones(n),
        )
    } else {
        let z = |name: &str, first, last| Zone {
            name: name.into(),
            first,
            last,
        };
        (
            "Championship",
            RuleSet::EnglishHistory,
            vec![
                z("champions", 1, 1),
                z("promotion", 1, 2),
                z("play-offs", 3, 6),
                z("relegation", n - 2, n),
            ],
        )
    };
    let mut season = LeagueSeason {
        competition: Competition {
            id: None,
            slug: Competition::slug_for(name),
            name: name.into(),
            season: Season::starting(start_year),
            format: Format::League,
            structure: matchday_core::Structure::of_format(Format::League),
            rules,
            points: PointsScheme::THREE,
            zones,
            away_goals: false,
            rank_by: Default::default(),
        },
        names,
        teams,
        matches,
        deductions: Vec::new(),
    };
    if start_year == 2023 && tier == 1 {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for (team, points, effective, reason) in [
            (
                "Everton",
                10,
                day(2023, 11, 17),
                "profit and sustainability breach",
            ),
            ("Everton", -4, day(2024, 2, 26), "reduced on appeal"),
            (
                "Nottingham Forest",
                4,
                day(2024, 3, 18),
                "profit and sustainability breach",
            ),
            (
                "Everton",
                2,
                day(2024, 4, 8),
                "second profit and sustainability breach",
            ),
        ] {
            season.deductions.push(Deduction {
                team: season.team(team),
                points,
                effective,
                reason: reason.into(),
            });
        }
    }
    Some(season)
}

/// A league match of English history for the ratings: the match, its season's first year
/// and its tier.
pub struct HistoricMatch {
    pub game: matchday_forecast::RatedMatch,
    pub season: i32,
    pub tier: u8,
}

/// Every match of `england.csv` (tiers 1 to 4 since 1888-89), in the file's order, with
/// clubs numbered by first appearance and each season's division a competition of its
/// own; `None` without the data.
pub fn league_history() -> Option<(Vec<String>, Vec<HistoricMatch>)> {
    let text = std::fs::read_to_string(data_dir().join("engsoccerdata/england.csv")).ok()?;
    let mut clubs: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut names = Vec::new();
    let mut divisions: std::collections::HashMap<(i32, String), usize> = std::collections::HashMap::new();
    let mut matches = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let mut club = |name: &str| -> usize {
            *clubs.entry(name.to_string()).or_insert_with(|| {
                names.push(name.to_string());
                names.len() - 1
            })
        };
        let (home, away) = (club(unquote(f[2])), club(unquote(f[3])));
        let season: i32 = unquote(f[1]).parse().expect("a season");
        let next = divisions.len();
        let competition = *divisions
            .entry((season, unquote(f[7]).to_string()))
            .or_insert(next);
        matches.push(HistoricMatch {
            game: matchday_forecast::RatedMatch {
                date: unquote(f[0]).parse().expect("ISO date"),
                home,
                away,
                home_goals: unquote(f[5]).parse().expect("goals"),
                away_goals: unquote(f[6]).parse().expect("goals"),
                neutral: false,
                competition,
            },
            season,
            tier: unquote(f[8]).parse().expect("a tier"),
        });
    }
    Some((names, matches))
}
