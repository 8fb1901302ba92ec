//! `matchday h2h`: every meeting of two teams over the seasons stored, in words.

use std::collections::HashMap;

use matchday_core::{Catalogue, HeadToHead, Meeting, Rival, Run, Scope, Since, TeamId, Totals, Verdict};
use matchday_store::Store;
use serde::Serialize;

use super::matches::{self, MatchRow};
use crate::args::OutputFormat;
use crate::render;

/// Show every meeting of two teams over all the seasons stored: the totals, each competition's, the biggest wins, unbeaten runs and the last meetings
///
/// Every competition and season stored counts: league, cups and European ties.
/// A meeting counts by the score when play ended: a win after extra time is a
/// win, and its extra-time goals count. A match still level after extra time is
/// a draw in the totals even when a penalty shoot-out (or lots) sent one side
/// through: the shoot-out's winner is noted beside the meeting, and its kicks
/// are not goals. Each leg of a two-legged tie and each replay is a meeting of
/// its own. A result awarded off the pitch counts as awarded; matches still to
/// play, abandoned or cancelled are not meetings.
///
/// An unbeaten run is meetings in a row a team did not lose (a shoot-out lost is
/// a draw, so it does not end one). A competition is counted over all its seasons
/// and the names the competition catalogue gives it: the League Cup and the EFL
/// Cup are one, the First Division and the Premier League two.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday h2h Liverpool Everton
  matchday h2h Liverpool Everton --competition \"FA Cup\"
  matchday h2h Liverpool Everton --since 1990-91 --last 5
  matchday h2h Liverpool Everton --format csv")]
pub struct Args {
    /// The first team, by any name it goes by
    pub first: String,

    /// The second team
    pub second: String,

    /// Only this competition, over every season of it stored: its name, a name the
    /// catalogue gives it ("Carabao Cup"), its slug or part of its name
    #[arg(long, short)]
    pub competition: Option<String>,

    /// Only meetings from this season (1990-91: by the competition's season) or day
    /// (1990-08-25) on
    #[arg(long, value_parser = parse_since, value_name = "SEASON|DATE")]
    pub since: Option<Since>,

    /// How many of the latest meetings the table lists (JSON and CSV give every meeting)
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub last: usize,

    /// Output format: a table, JSON (the totals, each competition, biggest wins,
    /// runs and every meeting) or CSV (one row per meeting)
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

fn parse_since(text: &str) -> Result<Since, String> {
    text.parse()
        .map_err(|_| format!("'{text}' is not a season or a day: write it as 1990-91 or 1990-08-25"))
}

/// The record in words; the JSON field names are a stable contract.
#[derive(Serialize)]
struct RecordView {
    first: String,
    second: String,
    /// The competition asked for (its slug), or null for all.
    competition: Option<String>,
    /// The season or day the record starts from, or null for all stored.
    since: Option<String>,
    totals: TotalsView,
    competitions: Vec<CompetitionView>,
    biggest_wins: Both<Vec<MeetingView>>,
    longest_unbeaten: Both<Option<RunView>>,
    current_unbeaten: Both<Option<RunView>>,
    /// Every meeting, oldest first.
    meetings: Vec<MeetingView>,
}

/// One value for each team: the first named and the second.
#[derive(Serialize)]
struct Both<T> {
    first: T,
    second: T,
}

impl<T> Both<T> {
    fn of(each: impl Fn(Rival) -> T) -> Both<T> {
        Both {
            first: each(Rival::First),
            second: each(Rival::Second),
        }
    }
}

#[derive(Serialize)]
struct TotalsView {
    played: u32,
    first_won: u32,
    drawn: u32,
    second_won: u32,
    first_goals: u32,
    second_goals: u32,
}

impl From<Totals> for TotalsView {
    fn from(t: Totals) -> TotalsView {
        TotalsView {
            played: t.played(),
            first_won: t.won(Rival::First),
            drawn: t.drawn(),
            second_won: t.won(Rival::Second),
            first_goals: t.goals(Rival::First),
            second_goals: t.goals(Rival::Second),
        }
    }
}

#[derive(Serialize)]
struct CompetitionView {
    /// Its name in the season of the latest meeting.
    competition: String,
    slug: String,
    first_season: String,
    last_season: String,
    #[serde(flatten)]
    totals: TotalsView,
}

#[derive(Serialize)]
struct RunView {
    team: String,
    length: u32,
    won: u32,
    drawn: u32,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    /// Whether the run reaches the latest meeting.
    ongoing: bool,
}

/// A meeting: the match as `results` lists it, and how the record counts it.
#[derive(Serialize)]
struct MeetingView {
    #[serde(flatten)]
    row: MatchRow,
    /// The winner, in 90 minutes or extra time; null for a draw.
    won_by: Option<String>,
    /// For a draw settled by a shoot-out or lots, the team it sent through.
    settled_for: Option<String>,
    first_goals: u32,
    second_goals: u32,
}

pub fn run(store: &Store, args: Args, catalogue: &Catalogue) -> anyhow::Result<String> {
    let read = store.read();
    let first = read.resolve_team(&args.first)?;
    let second = read.resolve_team(&args.second)?;
    let names = read.team_names()?;
    let name = |id: TeamId| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("team {}", id.0))
    };
    anyhow::ensure!(
        first != second,
        "'{}' and '{}' are both {}: name two teams",
        args.first,
        args.second,
        name(first)
    );
    // A name the catalogue knows ("Carabao Cup") means every season of its competition,
    // whatever it was stored as; any other is a stored competition's name or slug.
    let competition: Option<(String, String)> = match args.competition.as_deref() {
        None => None,
        Some(c) => Some(match catalogue.find(c) {
            Some(entry) => (entry.slug().to_string(), entry.name().to_string()),
            None => {
                let stored = read.find_competition(c, None, None)?;
                (matchday_core::counted_under(catalogue, &stored), stored.name)
            }
        }),
    };
    let stored = read.meetings(first, second)?;
    let scope = Scope {
        catalogue,
        competition: competition.as_ref().map(|(slug, _)| slug.as_str()),
        since: args.since,
    };
    let h2h = HeadToHead::between(first, second, stored.iter().map(|(c, m)| (c, m.clone())), scope)?;
    let asked_name = competition.as_ref().map(|(_, name)| name.clone());
    let view = view(&h2h, &names, competition.map(|(slug, _)| slug), args.since);
    match args.format {
        OutputFormat::Json => render::json(&view),
        OutputFormat::Csv => csv(&view),
        OutputFormat::Table => Ok(table(&view, &h2h, &names, asked_name.as_deref(), args.last)),
    }
}

fn since_words(since: Since) -> String {
    match since {
        Since::Season(season) => season.to_string(),
        Since::Date(day) => day.to_string(),
    }
}

fn view(
    h2h: &HeadToHead,
    names: &HashMap<TeamId, String>,
    competition: Option<String>,
    since: Option<Since>,
) -> RecordView {
    let name = |rival: Rival| names[&h2h.team(rival)].clone();
    let run = |run: Option<Run>| {
        run.map(|r| RunView {
            team: name(r.rival()),
            length: r.length(),
            won: r.won(),
            drawn: r.drawn(),
            from: r.from(),
            to: r.to(),
            ongoing: r.ongoing(),
        })
    };
    let meeting = |m: &Meeting| meeting_view(m, h2h, names);
    RecordView {
        first: name(Rival::First),
        second: name(Rival::Second),
        competition,
        since: since.map(since_words),
        totals: h2h.totals().into(),
        competitions: h2h
            .competitions()
            .iter()
            .map(|c| CompetitionView {
                competition: c.name().to_string(),
                slug: c.slug().to_string(),
                first_season: c.first().to_string(),
                last_season: c.last().to_string(),
                totals: c.totals().into(),
            })
            .collect(),
        biggest_wins: Both::of(|rival| {
            h2h.biggest_wins(rival, BIGGEST_WINS)
                .into_iter()
                .map(meeting)
                .collect()
        }),
        longest_unbeaten: Both::of(|rival| run(h2h.longest_unbeaten(rival))),
        current_unbeaten: Both::of(|rival| run(h2h.current_unbeaten(rival))),
        meetings: h2h.meetings().iter().map(meeting).collect(),
    }
}

/// How many of each team's biggest wins are shown.
const BIGGEST_WINS: usize = 3;

fn meeting_view(m: &Meeting, h2h: &HeadToHead, names: &HashMap<TeamId, String>) -> MeetingView {
    let name = |rival: Rival| names[&h2h.team(rival)].clone();
    MeetingView {
        row: matches::row(
            m.game(),
            &(m.competition().to_string(), m.season().to_string()),
            names,
        ),
        won_by: match m.verdict() {
            Verdict::Won(rival) => Some(name(rival)),
            Verdict::Drawn => None,
        },
        settled_for: m.settled_for().map(name),
        first_goals: m.goals(Rival::First),
        second_goals: m.goals(Rival::Second),
    }
}

/// One row per meeting, oldest first: the columns of `results --format csv`, then how
/// the record counts it.
fn csv(view: &RecordView) -> anyhow::Result<String> {
    let mut headers = matches::CSV_HEADERS.to_vec();
    headers.extend(["won_by", "settled_for", "first_goals", "second_goals"]);
    let rows: Vec<Vec<String>> = view
        .meetings
        .iter()
        .map(|m| {
            let mut cells = matches::csv_cells(&m.row);
            cells.extend([
                m.won_by.clone().unwrap_or_default(),
                m.settled_for.clone().unwrap_or_default(),
                m.first_goals.to_string(),
                m.second_goals.to_string(),
            ]);
            cells
        })
        .collect();
    render::csv(&headers, &rows)
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The record for a terminal; `competition` is the name of the one asked for.
fn table(
    view: &RecordView,
    h2h: &HeadToHead,
    names: &HashMap<TeamId, String>,
    competition: Option<&str>,
    last: usize,
) -> String {
    let screen = render::screen::current();
    let (a, b) = (view.first.as_str(), view.second.as_str());
    let mut scope = String::new();
    // Named as it was in the latest meeting, else as asked.
    if let Some(name) = competition {
        let latest = h2h.competitions().first().map_or(name, |c| c.name());
        scope.push_str(&format!(" in the {latest}"));
    }
    if let Some(since) = &view.since {
        scope.push_str(&format!(" since {since}"));
    }
    let meetings = h2h.meetings();
    let (Some(oldest), Some(latest)) = (meetings.first(), meetings.last()) else {
        return render::prose(
            &format!("{a} and {b} have not met{scope} in the matches stored."),
            &screen,
        );
    };
    let mut text = render::prose(
        &format!(
            "{a} v {b}: {}{scope}, {} to {}",
            plural(view.totals.played, "meeting", "meetings"),
            oldest.date(),
            latest.date()
        ),
        &screen,
    );
    text.push_str(&totals_grid(view, h2h, &screen));
    text.push_str(&render::prose(
        "A win after extra time is a win; a penalty shoot-out is a draw, its winner noted; each leg and replay is a meeting.",
        &screen,
    ));
    let asked_of = |rival: Rival| names[&h2h.team(rival)].as_str();
    for rival in Rival::BOTH {
        let wins = h2h.biggest_wins(rival, BIGGEST_WINS);
        if wins.is_empty() {
            continue;
        }
        text.push_str(&format!(
            "\n{}'s biggest wins:\n",
            render::escaped(asked_of(rival))
        ));
        let rows: Vec<MatchRow> = wins.into_iter().map(|m| listed(m, names)).collect();
        text.push_str(&matches::render_matches(&rows, Some(asked_of(rival)), &screen));
    }
    let mut runs = String::from("\nUnbeaten runs:\n");
    for rival in Rival::BOTH {
        let longest = match h2h.longest_unbeaten(rival) {
            Some(run) => format!("longest {}", run_words(&run)),
            None => "lost every meeting".into(),
        };
        let current = match h2h.current_unbeaten(rival) {
            Some(run) if Some(run) == h2h.longest_unbeaten(rival) => "still going".to_string(),
            Some(run) => format!("current {}", run_words(&run)),
            None => "lost the latest meeting".into(),
        };
        runs.push_str(&format!("  {}: {longest}; {current}\n", asked_of(rival)));
    }
    text.push_str(&render::prose(&runs, &screen));
    let shown = h2h.last(last);
    if !shown.is_empty() {
        text.push_str(&format!(
            "\n{}:\n",
            if shown.len() == meetings.len() {
                "Every meeting, latest first".to_string()
            } else {
                format!("The last {}, latest first", shown.len())
            }
        ));
        let rows: Vec<MatchRow> = shown.iter().rev().map(|m| listed(m, names)).collect();
        text.push_str(&matches::render_matches(&rows, Some(a), &screen));
    }
    text
}

fn listed(m: &Meeting, names: &HashMap<TeamId, String>) -> MatchRow {
    matches::row(
        m.game(),
        &(m.competition().to_string(), m.season().to_string()),
        names,
    )
}

/// "14 meetings (9 won, 5 drawn), 2010-10-17 to 2017-12-10".
fn run_words(run: &Run) -> String {
    let span = if run.from() == run.to() {
        run.from().to_string()
    } else {
        format!("{} to {}", run.from(), run.to())
    };
    format!(
        "{} ({} won, {} drawn), {span}",
        plural(run.length(), "meeting", "meetings"),
        run.won(),
        run.drawn()
    )
}

/// The totals competition by competition, then all of them.
fn totals_grid(view: &RecordView, h2h: &HeadToHead, screen: &render::Screen) -> String {
    use render::grid::plain_cells;
    use render::short_name::{short_competition, short_name};
    use render::{Grid, Step};

    let seasons = |first: &str, last: &str| {
        if first == last {
            first.to_string()
        } else {
            format!("{first} to {last}")
        }
    };
    let mut lines: Vec<(String, String, &TotalsView)> = view
        .competitions
        .iter()
        .map(|c| {
            (
                c.competition.clone(),
                seasons(&c.first_season, &c.last_season),
                &c.totals,
            )
        })
        .collect();
    // Meetings come oldest first: the first and the latest give the span of them all.
    let season_of = |m: Option<&Meeting>| m.map(|m| m.season().to_string()).unwrap_or_default();
    let all_seasons = seasons(
        &season_of(h2h.meetings().first()),
        &season_of(h2h.meetings().last()),
    );
    lines.push(("All".into(), all_seasons, &view.totals));
    let mut grid = Grid::new();
    let competition = grid.column(
        "Competition",
        false,
        plain_cells(lines.iter().map(|l| l.0.clone())),
    );
    grid.narrower(
        competition,
        "Comp",
        plain_cells(lines.iter().map(|l| short_competition(&l.0))),
    );
    let span = grid.column("Seasons", false, plain_cells(lines.iter().map(|l| l.1.clone())));
    let number = |grid: &mut Grid, header: &str, pick: &dyn Fn(&TotalsView) -> u32| {
        grid.column(
            header,
            true,
            plain_cells(lines.iter().map(|l| pick(l.2).to_string())),
        )
    };
    number(&mut grid, "Played", &|t| t.played);
    let team = |grid: &mut Grid, name: &str, pick: &dyn Fn(&TotalsView) -> u32| {
        let col = number(grid, &format!("{name} won"), pick);
        let cells = plain_cells(lines.iter().map(|l| pick(l.2).to_string()));
        grid.narrower(col, &short_name(name), cells);
        col
    };
    let first = team(&mut grid, &view.first, &|t| t.first_won);
    number(&mut grid, "Drawn", &|t| t.drawn);
    let second = team(&mut grid, &view.second, &|t| t.second_won);
    grid.column(
        "Goals",
        true,
        plain_cells(
            lines
                .iter()
                .map(|l| format!("{}-{}", l.2.first_goals, l.2.second_goals)),
        ),
    );
    grid.strong_row(lines.len() - 1);
    grid.steps(&[
        Step::NarrowAll(vec![first, second]),
        Step::Drop(span),
        Step::Narrow(competition),
    ]);
    grid.render(screen).text
}
