//! `matchday fixtures` and `matchday results`: list matches.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{CompetitionId, Match, Season};
use matchday_store::{MatchFilter, Store};
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Filters both listings share.
#[derive(Debug, clap::Args)]
pub struct Filter {
    /// Only this team's matches
    #[arg(long, short)]
    pub team: Option<String>,

    /// Only this competition (slug or part of its name)
    #[arg(long, short)]
    pub competition: Option<String>,

    /// The competition's season, with --competition [default: latest]
    #[arg(long, value_parser = super::parse_season, requires = "competition")]
    pub season: Option<Season>,

    /// On or after this day
    #[arg(long, value_parser = super::parse_date)]
    pub from: Option<NaiveDate>,

    /// On or before this day
    #[arg(long, value_parser = super::parse_date)]
    pub to: Option<NaiveDate>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// List matches still to play
///
/// A match in play (`matchday result --live`) is still to play: it is listed
/// here with its score so far, "v (in play 1-0, 60')" (JSON: status "live" and
/// "live" with the score), and not among the results until its result is in.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday fixtures --team Liverpool --from 2024-02-01
  matchday fixtures --competition \"Premier League\" --format json")]
pub struct FixturesArgs {
    #[command(flatten)]
    pub filter: Filter,
}

/// List results
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday results --team Liverpool --from 2024-01-01 --to 2024-01-31
  matchday results --competition \"FA Cup\" --format csv")]
pub struct ResultsArgs {
    #[command(flatten)]
    pub filter: Filter,
}

pub fn fixtures(store: &Store, args: FixturesArgs) -> anyhow::Result<String> {
    list(store, args.filter, true)
}

pub fn results(store: &Store, args: ResultsArgs) -> anyhow::Result<String> {
    list(store, args.filter, false)
}

/// A match as the listings show it; `h2h` lists its meetings the same way.
#[derive(Serialize)]
pub(crate) struct MatchRow {
    /// What `matchday edit match --id` and `matchday delete match --id` take.
    id: i64,
    date: NaiveDate,
    kickoff: Option<String>,
    competition: String,
    season: String,
    round: Option<String>,
    group: Option<String>,
    leg: Option<u8>,
    home: String,
    away: String,
    venue: String,
    status: String,
    result: Option<String>,
    full_time: Option<[u8; 2]>,
    half_time: Option<[u8; 2]>,
    extra_time: Option<[u8; 2]>,
    penalties: Option<[u8; 2]>,
    /// The score so far of a match in play, with the minute: "1-0 (60')".
    #[serde(skip_serializing_if = "Option::is_none")]
    live: Option<String>,
    /// The same for a terminal: "in play 1-0, 60'".
    #[serde(skip)]
    in_play: Option<String>,
    /// Who won, penalties and lots counted: a shoot-out without its kicks has no score to say it.
    #[serde(skip)]
    winner: Option<matchday_core::Side>,
}

fn list(store: &Store, filter: Filter, pending: bool) -> anyhow::Result<String> {
    let read = store.read();
    let team = filter.team.as_deref().map(|t| read.resolve_team(t)).transpose()?;
    let competition = match &filter.competition {
        Some(c) => Some(read.find_competition(c, filter.season, None)?.id.expect("stored")),
        None => None,
    };
    let found = read.list_matches(&MatchFilter {
        team,
        competition,
        from: filter.from,
        to: filter.to,
        pending: Some(pending),
    })?;
    let names = read.team_names()?;
    // Only the competition-seasons of the matches found are read: another's row that does
    // not read back does not matter here.
    let mut competitions: HashMap<CompetitionId, (String, String)> = HashMap::new();
    // A cup's fixtures as the draw named their clubs ("Watford or Southampton" while a
    // replay is to come), which takes the competition's bracket.
    let mut brackets: HashMap<CompetitionId, matchday_core::Bracket> = HashMap::new();
    for (c, _) in &found {
        if !competitions.contains_key(c) {
            let competition = read.competition(*c)?;
            competitions.insert(*c, (competition.name.clone(), competition.season.to_string()));
            if pending && competition.format != matchday_core::Format::League {
                let loaded = super::Loaded::of(&read, competition)?;
                if let Ok(bracket) = matchday_core::Bracket::build(&loaded.competition, &loaded.matches, None)
                {
                    brackets.insert(*c, bracket);
                }
            }
        }
    }
    let side_names = |c: &CompetitionId, m: &Match| {
        let sides = brackets.get(c)?.sides_of_match(m)?;
        Some(sides.map(|side| {
            side.iter()
                .map(|t| names[t].clone())
                .collect::<Vec<_>>()
                .join(" or ")
        }))
    };
    let rows: Vec<MatchRow> = found
        .iter()
        .map(|(c, m)| {
            let mut row = row(m, &competitions[c], &names);
            if let Some([home, away]) = side_names(c, m) {
                (row.home, row.away) = (home, away);
            }
            row
        })
        .collect();
    match filter.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => {
            let cells: Vec<Vec<String>> = rows.iter().map(csv_cells).collect();
            render::csv(&CSV_HEADERS, &cells)
        }
        OutputFormat::Table if rows.is_empty() => Ok(if pending {
            "no fixtures match\n".into()
        } else {
            "no results match\n".into()
        }),
        OutputFormat::Table => {
            let asked = team.and_then(|t| names.get(&t)).map(String::as_str);
            Ok(render_matches(&rows, asked, &render::screen::current()))
        }
    }
}

/// The round as a listing shows it: "Semi-finals, leg 2", "Group E".
fn round(r: &MatchRow) -> String {
    match (&r.round, &r.group, r.leg) {
        (Some(round), _, Some(leg)) => format!("{round}, leg {leg}"),
        (Some(round), _, None) => round.clone(),
        (None, Some(g), _) => format!("Group {g}"),
        _ => String::new(),
    }
}

/// What stands between the clubs: the result, or "v" and what became of the match.
fn middle(r: &MatchRow) -> String {
    match (&r.result, r.status.as_str()) {
        (Some(result), "awarded") => format!("{result} (awarded)"),
        (Some(result), _) => result.clone(),
        (None, "scheduled") => "v".into(),
        (None, "live") => format!("v ({})", r.in_play.as_deref().unwrap_or("in play")),
        (None, status) => format!("v ({status})"),
    }
}

/// The CSV columns of a listed match.
pub(crate) const CSV_HEADERS: [&str; 9] = [
    "id",
    "date",
    "kickoff",
    "competition",
    "season",
    "round",
    "home",
    "result",
    "away",
];

/// A listed match's CSV cells, under [`CSV_HEADERS`].
pub(crate) fn csv_cells(r: &MatchRow) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.date.to_string(),
        r.kickoff.clone().unwrap_or_default(),
        r.competition.clone(),
        r.season.clone(),
        round(r),
        r.home.clone(),
        middle(r),
        r.away.clone(),
    ]
}

/// Matches for a terminal; the club asked about in bold, and its results coloured
/// as won, drawn or lost. Narrower screens drop the kick-off time, then shorten
/// club, competition and round names, and at the last the id.
pub(crate) fn render_matches(rows: &[MatchRow], asked: Option<&str>, screen: &render::Screen) -> String {
    use render::grid::plain_cells;
    use render::paint::{self, Painted};
    use render::short_name::{short_competition, short_names, short_round};
    use render::{Grid, Step};

    let mut clubs: Vec<&str> = rows
        .iter()
        .flat_map(|r| [r.home.as_str(), r.away.as_str()])
        .collect();
    clubs.sort_unstable();
    clubs.dedup();
    let short: std::collections::HashMap<&str, String> =
        clubs.iter().copied().zip(short_names(&clubs)).collect();
    // The club asked about in bold, under whichever name is shown.
    let club = |name: &str, shown: String| {
        let cell = Painted::plain(shown);
        if Some(name) == asked { cell.strong() } else { cell }
    };
    let side = |grid: &mut Grid, header: &str, pick: &dyn Fn(&MatchRow) -> &str| {
        let full = rows.iter().map(|r| club(pick(r), pick(r).to_string())).collect();
        let col = grid.column(header, false, full);
        let shortened = rows
            .iter()
            .map(|r| club(pick(r), short[pick(r)].clone()))
            .collect();
        grid.narrower(col, header, shortened);
        col
    };
    let mut grid = Grid::new();
    let id = grid.column("Id", true, plain_cells(rows.iter().map(|r| r.id.to_string())));
    grid.column(
        "Date",
        false,
        plain_cells(rows.iter().map(|r| r.date.to_string())),
    );
    let time = grid.column(
        "Time",
        false,
        plain_cells(rows.iter().map(|r| r.kickoff.clone().unwrap_or_default())),
    );
    let competition = grid.column(
        "Competition",
        false,
        plain_cells(rows.iter().map(|r| r.competition.clone())),
    );
    grid.narrower(
        competition,
        "Comp",
        plain_cells(rows.iter().map(|r| short_competition(&r.competition))),
    );
    let round_col = grid.column("Round", false, plain_cells(rows.iter().map(round)));
    grid.narrower(
        round_col,
        "Round",
        plain_cells(rows.iter().map(|r| short_round(&round(r)))),
    );
    let home = side(&mut grid, "Home", &|r| r.home.as_str());
    grid.column(
        "",
        false,
        rows.iter()
            .map(|r| {
                let text = middle(r);
                match outcome(r, asked) {
                    Some(std::cmp::Ordering::Greater) => Painted::styled(text, paint::WIN),
                    Some(std::cmp::Ordering::Equal) => Painted::styled(text, paint::DRAW),
                    Some(std::cmp::Ordering::Less) => Painted::styled(text, paint::LOSS),
                    None => Painted::plain(text),
                }
            })
            .collect(),
    );
    let away = side(&mut grid, "Away", &|r| r.away.as_str());
    grid.steps(&[
        Step::Drop(time),
        Step::NarrowAll(vec![home, away]),
        Step::Narrow(competition),
        Step::Narrow(round_col),
        Step::Drop(id),
        // On a narrow terminal the teams and score matter more than where and which round.
        Step::Drop(round_col),
        Step::Drop(competition),
    ]);
    grid.render(screen).text
}

/// How the match went for the club asked about: won (greater), drawn or lost,
/// by penalties, else extra time, else the full-time score.
fn outcome(r: &MatchRow, asked: Option<&str>) -> Option<std::cmp::Ordering> {
    let asked = asked?;
    let for_home = match r.winner {
        Some(matchday_core::Side::Home) => std::cmp::Ordering::Greater,
        Some(matchday_core::Side::Away) => std::cmp::Ordering::Less,
        None => {
            let [home, away] = r.penalties.or(r.extra_time).or(r.full_time)?;
            home.cmp(&away)
        }
    };
    if r.home == asked {
        Some(for_home)
    } else if r.away == asked {
        Some(for_home.reverse())
    } else {
        None
    }
}

/// A stored match as listed, with its competition's name and season.
pub(crate) fn row(
    m: &Match,
    competition: &(String, String),
    names: &HashMap<matchday_core::TeamId, String>,
) -> MatchRow {
    let pair = |s: Option<matchday_core::Score>| s.map(|s| [s.home(), s.away()]);
    let result = m.status.result();
    MatchRow {
        id: m.id.expect("stored").0,
        date: m.date,
        kickoff: m.kickoff.map(|t| t.format("%H:%M").to_string()),
        competition: competition.0.clone(),
        season: competition.1.clone(),
        round: m.round.clone(),
        group: m.group.clone(),
        leg: m.leg,
        home: names[&m.pairing.home()].clone(),
        away: names[&m.pairing.away()].clone(),
        venue: if m.venue == matchday_core::Venue::Neutral {
            "neutral".into()
        } else {
            "home".into()
        },
        status: m.status.name().into(),
        result: result.map(|r| {
            crate::render::tie::result_words(r, &names[&m.pairing.home()], &names[&m.pairing.away()])
        }),
        full_time: pair(result.and_then(|r| r.score())),
        half_time: pair(result.and_then(|r| r.half_time())),
        extra_time: pair(result.and_then(|r| r.extra_time())),
        penalties: pair(result.and_then(|r| r.penalties())),
        live: m.status.live().map(|live| live.to_string()),
        in_play: m.status.live().map(|live| match live.minute() {
            Some(minute) => format!("in play {}, {minute}", live.score()),
            None => format!("in play {}", live.score()),
        }),
        winner: result.and_then(|r| r.winner()),
    }
}
