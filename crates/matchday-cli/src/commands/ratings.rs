//! `matchday ratings`: Elo ratings over every stored result, as a table of clubs or one
//! club's history.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{Days, NaiveDate};
use matchday_core::{CompetitionId, MatchStatus, Season, TeamId};
use matchday_forecast::{EloParameters, EloRatings, RatedMatch, TeamRating};
use matchday_store::{MatchFilter, Store};
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Show Elo ratings of the clubs as of a day, or one club's rating history
///
/// The model is World Football Elo's (eloratings.net), as ClubElo applies it to
/// clubs: every played result stored, in every competition and season, moves
/// the two clubs' ratings by K x G x (W - We) points, in date order. We is the
/// home side's expected score, 1 / (10^(-dr/400) + 1), for dr its rating less
/// the away side's plus a home advantage (none on neutral ground); W is 1 for
/// a win, 1/2 for a draw, 0 for a loss; G is 1 for a draw or a one-goal win,
/// 1.5 for two goals, (11 + N) / 8 for N of three or more. What one club gains
/// the other loses. Extra time counts; a match still level after it is a draw,
/// whoever won the shoot-out; results awarded off the pitch are not rated. A
/// club's first match starts it at the mean rating of the clubs already rated
/// in that competition-season (1500 when none is). K = 12 and a home advantage
/// of 110 points were measured best on every English league match since 1888.
///
/// The table lists the clubs with a match in the year up to the day (every
/// rated club when none has), or a competition-season's entrants: rank,
/// rating, the change over the last 30 days, matches rated and the latest.
/// `--team` shows one club's history instead: its first match, peak and low,
/// and its rating at the end of each season.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday ratings
  matchday ratings --as-of 2020-08-31 --top 10
  matchday ratings --competition premier-league --season 2023-24
  matchday ratings --team Liverpool --format json")]
pub struct Args {
    /// Ratings at the end of this day, e.g. 2024-02-01 [default: the day of the latest result]
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,

    /// Only the clubs entered in this competition: its slug or part of its name
    #[arg(long, short, conflicts_with = "team")]
    pub competition: Option<String>,

    /// The competition's season, e.g. 2023-24 [default: the one containing the day, else the latest]
    #[arg(long, value_parser = super::parse_season, requires = "competition")]
    pub season: Option<Season>,

    /// How many clubs the table lists [default: 20; every entrant with --competition]
    #[arg(long, value_name = "N", conflicts_with = "team")]
    pub top: Option<usize>,

    /// One club's rating history, by any name it goes by
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// Clubs listed without `--competition` or `--top`.
const DEFAULT_TOP: usize = 20;
/// The days a change is counted over.
const CHANGE_DAYS: u64 = 30;
/// A club with no match in this many days before the day is left out of the table.
const ACTIVE_DAYS: u64 = 365;

/// Every played result stored, rated.
struct Rated {
    ratings: EloRatings,
    /// The club of each index.
    teams: Vec<TeamId>,
    /// The season of each match rated, in the order of [`EloRatings::steps`].
    seasons: Vec<Season>,
}

impl Rated {
    fn load(read: &matchday_store::Reader<'_>) -> anyhow::Result<Rated> {
        let competitions: HashMap<CompetitionId, Season> = read
            .competitions()?
            .into_iter()
            .filter_map(|c| Some((c.id?, c.season)))
            .collect();
        let played = read.list_matches(&MatchFilter {
            pending: Some(false),
            ..MatchFilter::default()
        })?;
        let mut index: HashMap<TeamId, usize> = HashMap::new();
        let mut teams = Vec::new();
        let mut games = Vec::with_capacity(played.len());
        let mut seasons = Vec::with_capacity(played.len());
        for (competition, game) in played {
            // Awarded results are not rated ([`RatedMatch::of`]): their clubs are not counted.
            if !matches!(game.status, MatchStatus::Played(_)) {
                continue;
            }
            let mut club = |team: TeamId| -> usize {
                *index.entry(team).or_insert_with(|| {
                    teams.push(team);
                    teams.len() - 1
                })
            };
            let (home, away) = (club(game.pairing.home()), club(game.pairing.away()));
            let number = usize::try_from(competition.0).unwrap_or(usize::MAX);
            let Some(rated) = RatedMatch::of(&game, home, away, number) else {
                continue;
            };
            games.push(rated);
            seasons.push(
                *competitions
                    .get(&competition)
                    .context("a match of a competition not stored")?,
            );
        }
        // The steps come by date, keeping the stored order within a day (the order read).
        let mut order: Vec<usize> = (0..games.len()).collect();
        order.sort_by_key(|&i| games[i].date);
        let seasons = order.iter().map(|&i| seasons[i]).collect();
        Ok(Rated {
            ratings: EloRatings::rate(teams.len(), &games, EloParameters::default()),
            teams,
            seasons,
        })
    }

    fn index_of(&self, team: TeamId) -> Option<usize> {
        self.teams.iter().position(|&t| t == team)
    }
}

/// One club in the table; the JSON field names are a stable contract.
#[derive(Serialize)]
struct ClubRow {
    rank: usize,
    team: String,
    rating: f64,
    /// Points gained over the 30 days up to the day; null for a club not rated then.
    change_30_days: Option<f64>,
    matches: usize,
    last_match: NaiveDate,
}

/// Whom a row's cells are for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cells {
    /// A terminal: whole points, signed changes, names escaped.
    Table,
    /// A spreadsheet: a tenth of a point, names as stored (`render::csv` makes them safe).
    Csv,
}

/// A rating in `cells`' precision.
fn points(rating: f64, cells: Cells) -> String {
    match cells {
        Cells::Table => format!("{rating:.0}"),
        Cells::Csv => format!("{rating:.1}"),
    }
}

/// A change in `cells`' form: "+12" on a terminal, "12.3" in a spreadsheet.
fn change(points: f64, cells: Cells) -> String {
    match cells {
        Cells::Table => signed_points(points),
        Cells::Csv => format!("{points:.1}"),
    }
}

impl ClubRow {
    fn cells(&self, cells: Cells) -> Vec<String> {
        let (team, new) = match cells {
            Cells::Table => (render::escaped(&self.team).into_owned(), "new"),
            Cells::Csv => (self.team.clone(), ""),
        };
        vec![
            self.rank.to_string(),
            team,
            points(self.rating, cells),
            self.change_30_days.map_or(new.to_string(), |c| change(c, cells)),
            self.matches.to_string(),
            self.last_match.to_string(),
        ]
    }
}

impl SeasonRow {
    fn cells(&self, cells: Cells) -> Vec<String> {
        vec![
            self.season.clone(),
            self.matches.to_string(),
            points(self.rating, cells),
            change(self.change, cells),
        ]
    }
}

#[derive(Serialize)]
struct TableJson<'a> {
    as_of: NaiveDate,
    competition: Option<String>,
    season: Option<String>,
    parameters: &'a EloParameters,
    clubs: Vec<ClubRow>,
    /// Entrants of the competition with no rated match by the day.
    unrated: Vec<String>,
}

/// A club's rating at the end of one season of its.
#[derive(Serialize)]
struct SeasonRow {
    season: String,
    matches: usize,
    rating: f64,
    change: f64,
}

/// A rating on a day.
#[derive(Debug, Clone, Copy, Serialize)]
struct Moment {
    date: NaiveDate,
    rating: f64,
}

#[derive(Serialize)]
struct TeamJson {
    team: String,
    as_of: NaiveDate,
    rating: f64,
    rank: Option<usize>,
    matches: usize,
    first: Moment,
    peak: Moment,
    low: Moment,
    seasons: Vec<SeasonRow>,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let rated = Rated::load(&read)?;
    let (Some(first), Some(last)) = (
        rated.ratings.first_day(),
        rated.ratings.steps().last().map(|s| s.game.date),
    ) else {
        anyhow::bail!("no played match is stored to rate: import results first");
    };
    let day = args.as_of.unwrap_or(last);
    anyhow::ensure!(
        day >= first,
        "no match stored was played on or before {day}: the first was on {first}"
    );
    let names = read.team_names()?;
    let name = |i: usize| -> String { names.get(&rated.teams[i]).cloned().unwrap_or_default() };
    let now = rated.ratings.on(day);
    let active = active_clubs(&now, day);
    let rank_of = |i: usize| -> Option<usize> { active.iter().position(|&(t, _)| t == i).map(|p| p + 1) };
    if let Some(wanted) = &args.team {
        let team = read.resolve_team(wanted)?;
        let who = render::escaped(names.get(&team).map_or(wanted.as_str(), String::as_str)).into_owned();
        let Some(i) = rated.index_of(team) else {
            anyhow::bail!("{who} has no played match stored to rate");
        };
        return team_history(&rated, i, &who, day, rank_of(i), args.format);
    }
    let (competition, unrated, mut clubs) = match &args.competition {
        Some(wanted) => {
            let c = read.find_competition(wanted, args.season, args.as_of)?;
            let entrants = read.entrants(c.id.expect("stored"))?;
            let (mut listed, mut unrated) = (Vec::new(), Vec::new());
            for team in entrants {
                match rated.index_of(team).and_then(|i| Some((i, now[i]?))) {
                    Some(club) => listed.push(club),
                    None => unrated.push(names.get(&team).cloned().unwrap_or_default()),
                }
            }
            unrated.sort();
            (Some(c), unrated, listed)
        }
        None => (None, Vec::new(), active.clone()),
    };
    clubs.sort_by(|a, b| b.1.rating.total_cmp(&a.1.rating).then(a.0.cmp(&b.0)));
    let top = args.top.unwrap_or(if competition.is_some() {
        usize::MAX
    } else {
        DEFAULT_TOP
    });
    let before = rated.ratings.on(day - Days::new(CHANGE_DAYS));
    let rows: Vec<ClubRow> = clubs
        .iter()
        .take(top)
        .enumerate()
        .map(|(rank, &(i, r))| ClubRow {
            rank: rank + 1,
            team: name(i),
            rating: r.rating,
            change_30_days: before[i].map(|b| r.rating - b.rating),
            matches: r.matches,
            last_match: r.last_played,
        })
        .collect();
    match args.format {
        OutputFormat::Json => render::json(&TableJson {
            as_of: day,
            competition: competition.as_ref().map(|c| c.name.clone()),
            season: competition.as_ref().map(|c| c.season.to_string()),
            parameters: rated.ratings.parameters(),
            clubs: rows,
            unrated,
        }),
        OutputFormat::Csv => render::csv(
            &[
                "rank",
                "team",
                "rating",
                "change_30_days",
                "matches",
                "last_match",
            ],
            &rows.iter().map(|r| r.cells(Cells::Csv)).collect::<Vec<_>>(),
        ),
        OutputFormat::Table => {
            let screen = render::screen::current();
            let whose = match &competition {
                Some(c) => format!("{} {}'s entrants", render::escaped(&c.name), c.season),
                None => "clubs with a match in the year to then".to_string(),
            };
            let mut text = render::prose(
                &format!(
                    "Elo ratings at the end of {day}: {whose}, from {} results since {first}",
                    rated.ratings.steps().partition_point(|s| s.game.date <= day)
                ),
                &screen,
            );
            let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells(Cells::Table)).collect();
            text.push_str(&render::grid_on(
                &["#", "Team", "Rating", "30 days", "Matches", "Latest"],
                &cells,
                &[0, 2, 3, 4],
                &screen,
            ));
            if !unrated.is_empty() {
                let unrated: Vec<String> = unrated.iter().map(|n| render::escaped(n).into_owned()).collect();
                text.push_str(&render::prose(
                    &format!("Not yet rated: {}.", unrated.join(", ")),
                    &screen,
                ));
            }
            Ok(text)
        }
    }
}

/// The clubs with a match in the year up to `day`, best first (every rated club when
/// none has one: a day in a war's break).
fn active_clubs(now: &[Option<TeamRating>], day: NaiveDate) -> Vec<(usize, TeamRating)> {
    let rated: Vec<(usize, TeamRating)> = now
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, (*r)?)))
        .collect();
    let since = day - Days::new(ACTIVE_DAYS);
    let mut active: Vec<(usize, TeamRating)> = rated
        .iter()
        .copied()
        .filter(|(_, r)| r.last_played > since)
        .collect();
    if active.is_empty() {
        active = rated;
    }
    active.sort_by(|a, b| b.1.rating.total_cmp(&a.1.rating).then(a.0.cmp(&b.0)));
    active
}

/// "+12", "-3", "0": whole rating points with their sign.
fn signed_points(points: f64) -> String {
    let rounded = points.round();
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded:+.0}")
    }
}

fn team_history(
    rated: &Rated,
    team: usize,
    who: &str,
    day: NaiveDate,
    rank: Option<usize>,
    format: OutputFormat,
) -> anyhow::Result<String> {
    let steps = rated.ratings.steps();
    // Each match of the club up to the day: its season, the rating before and after.
    let played: Vec<(Season, NaiveDate, f64, f64)> = steps
        .iter()
        .zip(&rated.seasons)
        .take_while(|(s, _)| s.game.date <= day)
        .filter_map(|(s, season)| {
            if s.game.home == team {
                Some((*season, s.game.date, s.home_before, s.home_after()))
            } else if s.game.away == team {
                Some((*season, s.game.date, s.away_before, s.away_after()))
            } else {
                None
            }
        })
        .collect();
    let Some(&(_, first_day, start, _)) = played.first() else {
        let first = rated
            .ratings
            .history(team)
            .first()
            .map(|(s, _)| s.game.date)
            .context("a club with a match")?;
        anyhow::bail!("{who} had no match rated on or before {day}: its first was on {first}");
    };
    let extreme = |better: fn(f64, f64) -> bool| -> Moment {
        let mut best = Moment {
            date: first_day,
            rating: start,
        };
        for &(_, date, _, after) in &played {
            if better(after, best.rating) {
                best = Moment { date, rating: after };
            }
        }
        best
    };
    let peak = extreme(|a, b| a > b);
    let low = extreme(|a, b| a < b);
    let mut seasons: Vec<SeasonRow> = Vec::new();
    let mut season_start = start;
    for (k, &(season, _, before, after)) in played.iter().enumerate() {
        if k == 0 || played[k - 1].0 != season {
            season_start = before;
            seasons.push(SeasonRow {
                season: season.to_string(),
                matches: 0,
                rating: after,
                change: 0.0,
            });
        }
        let row = seasons.last_mut().expect("a season");
        row.matches += 1;
        row.rating = after;
        row.change = after - season_start;
    }
    let rating = played.last().map_or(start, |p| p.3);
    let history = TeamJson {
        team: who.to_string(),
        as_of: day,
        rating,
        rank,
        matches: played.len(),
        first: Moment {
            date: first_day,
            rating: start,
        },
        peak,
        low,
        seasons,
    };
    match format {
        OutputFormat::Json => render::json(&history),
        OutputFormat::Csv => render::csv(
            &["season", "matches", "rating", "change"],
            &history
                .seasons
                .iter()
                .map(|s| s.cells(Cells::Csv))
                .collect::<Vec<_>>(),
        ),
        OutputFormat::Table => {
            let screen = render::screen::current();
            let ranked = rank.map(|r| {
                format!(
                    ", {} of the clubs active then",
                    render::ordinal(u16::try_from(r).unwrap_or(u16::MAX))
                )
            });
            let mut text = render::prose(
                &format!(
                    "{who}: Elo rating {:.0} at the end of {day}{}, from {} matches since {first_day} \
                     (started at {start:.0}); peak {:.0} on {}, low {:.0} on {}",
                    history.rating,
                    ranked.unwrap_or_default(),
                    history.matches,
                    peak.rating,
                    peak.date,
                    low.rating,
                    low.date
                ),
                &screen,
            );
            let cells: Vec<Vec<String>> = history.seasons.iter().map(|s| s.cells(Cells::Table)).collect();
            text.push_str(&render::grid_on(
                &["Season", "Matches", "Rating at its end", "Change"],
                &cells,
                &[1, 2, 3],
                &screen,
            ));
            Ok(text)
        }
    }
}
