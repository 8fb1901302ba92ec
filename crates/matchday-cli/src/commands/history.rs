//! `matchday history`: a club's timeline, season by season: the division and final
//! place of each of its teams, its cup runs and its honours; or its league place as
//! a chart over the years, with the divisions as bands.

use std::collections::BTreeMap;
use std::path::PathBuf;

use matchday_core::{
    Catalogue, ClubHistory, CupRun, Format, LeagueFinish, Pyramid, Season, Squad, TargetStatus, TeamId,
    Teams, Tier, TierMove, TrophyKind,
};
use matchday_report::{HistoryChart, HistoryPoint, history_svg};
use matchday_store::{Reader, Store};
use serde::Serialize;

use super::Loaded;
use super::honours::{HonoursView, club_seasons, plural};
use crate::args::OutputFormat;
use crate::render;

/// Show a club's history season by season: division, final place, cup runs, honours
///
/// Every season stored for each of the club's teams (the men's, and the women's
/// where stored): the league it played in with its tier from the competition
/// catalogue, its final place under that season's rules (goal average and two
/// points for a win in their eras), whether it went up or down the season after,
/// the round it reached in each cup ("Winners" for a final won) and the trophies
/// it won, then its honours as `matchday honours --club` counts them.
///
/// With --chart, draws the first team's league place over the years instead, as
/// SVG: each season's place on one scale down the league pyramid, so that a
/// season in the second tier lies below the top flight's band; titles are marked.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday history Liverpool
  matchday history Liverpool --format csv > liverpool.csv
  matchday history Liverpool --chart liverpool.svg")]
pub struct Args {
    /// The club, by the name of any of its teams
    pub club: String,

    /// Output format
    #[arg(long, value_enum, default_value_t, conflicts_with = "chart")]
    pub format: OutputFormat,

    /// Draw the first team's league place over the years to this file (FILE.svg) instead
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
}

/// The history in words; the JSON field names are a stable contract.
#[derive(Debug, Serialize)]
struct HistoryView {
    club: String,
    teams: Vec<TeamView>,
    seasons: Vec<SeasonView>,
    /// The club's honours, as `matchday honours --club --format json` gives them.
    honours: HonoursView,
}

#[derive(Debug, Serialize)]
struct TeamView {
    name: String,
    squad: Squad,
}

/// One team's season.
#[derive(Debug, Serialize)]
struct SeasonView {
    season: Season,
    team: String,
    squad: Squad,
    leagues: Vec<LeagueView>,
    cups: Vec<CupView>,
    /// The competitions it won that season.
    won: Vec<String>,
}

#[derive(Debug, Serialize)]
struct LeagueView {
    competition: String,
    /// From the catalogue; null when it does not know the league.
    tier: Option<Tier>,
    /// The final place (so far, while not finished).
    position: Option<u16>,
    /// Clubs in the league.
    teams: u16,
    finished: bool,
    champions: bool,
    /// "promoted" or "relegated", read from the next season's tier; null when not known.
    moved: Option<TierMove>,
    /// The round reached in the play-offs after the league, or "Winners".
    play_offs: Option<String>,
}

#[derive(Debug, Serialize)]
struct CupView {
    competition: String,
    kind: TrophyKind,
    /// The round reached, or "Winners".
    reached: String,
    status: TargetStatus,
    /// Its last tie played, but no winner stored (a shoot-out the source does not give).
    left_undecided: bool,
}

pub fn run(store: &Store, args: Args, catalogue: &Catalogue) -> anyhow::Result<String> {
    if let Some(path) = &args.chart {
        super::chart::check_svg_path(path)?;
    }
    let read = store.read();
    let team = read.resolve_team(&args.club)?;
    let club = read.club_of(team)?;
    let teams: Vec<TeamId> = club.teams.iter().map(|t| t.0).collect();
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let loaded = club_seasons(&read, &teams, catalogue)?;
    let seasons: Vec<_> = loaded.iter().map(Loaded::season).collect();
    let history = ClubHistory::of_club(&teams, &seasons, &name)?;
    let squad = |id: TeamId| club.teams.iter().find(|t| t.0 == id).map_or(Squad::Men, |t| t.2);
    if let Some(path) = &args.chart {
        return chart(&read, catalogue, &club.name, &history, &loaded, &teams, path);
    }
    let view = HistoryView {
        club: club.name.clone(),
        teams: club
            .teams
            .iter()
            .map(|(_, name, squad)| TeamView {
                name: name.clone(),
                squad: *squad,
            })
            .collect(),
        seasons: history
            .seasons
            .iter()
            .map(|line| SeasonView {
                season: line.season,
                team: name(line.team),
                squad: squad(line.team),
                leagues: line.leagues.iter().map(league_view).collect(),
                cups: line.cups.iter().map(cup_view).collect(),
                won: line.trophies.iter().map(|t| t.competition.clone()).collect(),
            })
            .collect(),
        honours: HonoursView::of(
            club.name.clone(),
            teams.iter().map(|&t| name(t)).collect(),
            &history.honours,
            &name,
        ),
    };
    match args.format {
        OutputFormat::Json => render::json(&view),
        OutputFormat::Csv => csv(&view),
        OutputFormat::Table => Ok(table(&view, &history)),
    }
}

fn league_view(league: &LeagueFinish) -> LeagueView {
    LeagueView {
        competition: league.competition.clone(),
        tier: league.tier,
        position: league.position,
        teams: league.teams,
        finished: league.finished,
        champions: league.is_champion(),
        moved: league.moved,
        play_offs: league
            .play_offs
            .as_ref()
            .map(|run| reached_words(run.status, run.round.map(|r| r.name()))),
    }
}

fn cup_view(cup: &CupRun) -> CupView {
    CupView {
        competition: cup.competition.clone(),
        kind: cup.kind,
        reached: if cup.left_undecided {
            let stage = cup
                .reached
                .as_ref()
                .map_or_else(|| "Last tie".into(), |r| r.name());
            format!("{stage}, no winner stored")
        } else {
            reached_words(cup.status, cup.reached.as_ref().map(|r| r.name()))
        },
        status: cup.status,
        left_undecided: cup.left_undecided,
    }
}

/// The round reached as a fan says it: "Winners" for a final won, the round of
/// the tie lost ("Final" for a final lost), "Round 4, still in" while alive.
fn reached_words(status: TargetStatus, stage: Option<String>) -> String {
    match (status, stage) {
        (TargetStatus::Won, _) => "Winners".into(),
        (TargetStatus::Alive, Some(stage)) => format!("{stage}, still in"),
        (TargetStatus::Alive, None) => "still in".into(),
        (_, Some(stage)) => stage,
        (_, None) => "out (round not named)".into(),
    }
}

/// "1st of 16, promoted", "22nd of 22, relegated", "3rd of 20 so far".
fn place_words(league: &LeagueView) -> String {
    let mut words = match league.position {
        Some(position) => format!("{} of {}", render::ordinal(position), league.teams),
        None => format!("no match yet, of {}", league.teams),
    };
    if !league.finished {
        words.push_str(" so far");
    }
    if let Some(play_offs) = &league.play_offs {
        words.push_str(&format!(", play-offs: {play_offs}"));
    }
    match league.moved {
        Some(TierMove::Promoted) => words.push_str(", promoted"),
        Some(TierMove::Relegated) => words.push_str(", relegated"),
        None => {}
    }
    words
}

fn table(view: &HistoryView, history: &ClubHistory) -> String {
    let (Some(first), Some(last)) = (view.seasons.first(), view.seasons.last()) else {
        return format!("{}: nothing stored\n", view.club);
    };
    let seasons = view
        .seasons
        .iter()
        .map(|s| s.season)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let several = view.seasons.iter().any(|s| s.team != first.team);
    let mut text = format!(
        "{}: {} stored, {} to {}",
        view.club,
        plural(seasons, "season", "seasons"),
        first.season,
        last.season
    );
    if several {
        let teams: Vec<&str> = view.teams.iter().map(|t| t.name.as_str()).collect();
        text.push_str(&format!(" (teams: {})", teams.join(", ")));
    }
    // The lines about the table fit the screen as its cells do.
    let screen = render::screen::current();
    let mut text = render::prose(&text, &screen);
    let rows: Vec<Vec<String>> = view
        .seasons
        .iter()
        .map(|s| {
            let mut row = vec![s.season.to_string()];
            if several {
                row.push(s.team.clone());
            }
            let lines =
                |f: &dyn Fn(&LeagueView) -> String| s.leagues.iter().map(f).collect::<Vec<_>>().join("\n");
            row.push(lines(&|l| l.competition.clone()));
            row.push(lines(&|l| {
                l.tier.map(|t| t.to_string()).unwrap_or_else(|| "?".into())
            }));
            row.push(lines(&place_words));
            row.push(
                s.cups
                    .iter()
                    .map(|c| format!("{}: {}", c.competition, c.reached))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            row.push(s.won.join("\n"));
            row
        })
        .collect();
    let mut headers = vec!["Season"];
    if several {
        headers.push("Team");
    }
    headers.extend(["Division", "Tier", "Place", "Cups", "Won"]);
    let tier_column = headers.iter().position(|h| *h == "Tier").unwrap_or(0);
    text.push_str(&render::grid(&headers, &rows, &[tier_column]));
    let honours = &history.honours;
    let count = |kind| honours.won(kind);
    text.push_str(&render::prose(
        &format!(
            "Honours: {}, {}, {}, {}; {}.",
            plural(count(TrophyKind::League), "league title", "league titles"),
            plural(
                count(TrophyKind::OtherLeague),
                "other league title",
                "other league titles"
            ),
            plural(count(TrophyKind::Cup), "cup", "cups"),
            plural(
                count(TrophyKind::European),
                "European trophy",
                "European trophies"
            ),
            plural(honours.finals_lost().count(), "final lost", "finals lost"),
        ),
        &screen,
    ));
    if view
        .seasons
        .iter()
        .any(|s| s.leagues.iter().any(|l| l.tier.is_none()))
    {
        text.push_str(&render::prose(
            "Tier ?: a league the competition catalogue does not know.",
            &screen,
        ));
    }
    text
}

/// One row per league and per cup entered, season by season.
fn csv(view: &HistoryView) -> anyhow::Result<String> {
    let mut rows = Vec::new();
    for s in &view.seasons {
        let row = |competition: &str, kind: &str| {
            vec![
                s.season.to_string(),
                s.team.clone(),
                s.squad.name().to_string(),
                competition.to_string(),
                kind.to_string(),
            ]
        };
        for l in &s.leagues {
            let mut cells = row(&l.competition, "league");
            let mut outcome = Vec::new();
            if l.champions {
                outcome.push("champions".to_string());
            }
            if let Some(play_offs) = &l.play_offs {
                outcome.push(format!("play-offs: {play_offs}"));
            }
            match l.moved {
                Some(TierMove::Promoted) => outcome.push("promoted".into()),
                Some(TierMove::Relegated) => outcome.push("relegated".into()),
                None => {}
            }
            if !l.finished {
                outcome.push("not finished".into());
            }
            cells.extend([
                l.tier.map(|t| t.to_string()).unwrap_or_default(),
                l.position.map(|p| p.to_string()).unwrap_or_default(),
                l.teams.to_string(),
                String::new(),
                outcome.join("; "),
            ]);
            rows.push(cells);
        }
        for c in &s.cups {
            let mut cells = row(&c.competition, c.kind.name());
            let outcome = match c.status {
                _ if c.left_undecided => "no winner stored",
                TargetStatus::Won => "winners",
                TargetStatus::RunnerUp => "runners-up",
                TargetStatus::Alive => "still in",
                TargetStatus::Eliminated | TargetStatus::Finished => "out",
            };
            cells.extend([
                String::new(),
                String::new(),
                String::new(),
                c.reached.clone(),
                outcome.to_string(),
            ]);
            rows.push(cells);
        }
    }
    render::csv(
        &[
            "season",
            "team",
            "squad",
            "competition",
            "kind",
            "tier",
            "position",
            "teams",
            "reached",
            "outcome",
        ],
        &rows,
    )
}

/// Draws the first team's league places (the men's, or the team with league
/// seasons) over the pyramid of its leagues, and says what it wrote.
fn chart(
    read: &Reader<'_>,
    catalogue: &Catalogue,
    club: &str,
    history: &ClubHistory,
    loaded: &[Loaded],
    teams: &[TeamId],
    path: &std::path::Path,
) -> anyhow::Result<String> {
    let Some(team) = teams
        .iter()
        .copied()
        .find(|&t| history.leagues_of(t).any(|l| l.tier.is_some()))
    else {
        anyhow::bail!("{club}: no season in a league of the competition catalogue stored, so no chart");
    };
    let leagues: Vec<&LeagueFinish> = history.leagues_of(team).filter(|l| l.tier.is_some()).collect();
    // The team's pyramid: the leagues of the country and kind (men's, women's) of its latest league.
    let latest = leagues.last().expect("a league with a tier");
    let pyramid_of = loaded
        .iter()
        .find(|l| l.competition.name == latest.competition && l.competition.season == latest.season)
        .and_then(|l| catalogue.entry_of(&l.competition))
        .map(|e| (e.country().map(str::to_string), e.teams()))
        .unwrap_or((None, Teams::Men));
    let deepest = leagues.iter().filter_map(|l| l.tier).max().unwrap_or(Tier::TOP);
    let pyramid = pyramid(read, catalogue, &pyramid_of, deepest, &leagues)?;
    let mut tier_names: BTreeMap<Tier, Vec<String>> = BTreeMap::new();
    for league in &leagues {
        let names = tier_names.entry(league.tier.expect("kept")).or_default();
        if !names.contains(&league.competition) {
            names.push(league.competition.clone());
        }
    }
    let first = leagues.first().expect("a league").season;
    let last = latest.season;
    let by_season: BTreeMap<i32, &LeagueFinish> =
        leagues.iter().map(|l| (l.season.start_year(), *l)).collect();
    let seasons: Vec<HistoryPoint> = (first.start_year()..=last.start_year())
        .map(|year| {
            let league = by_season.get(&year);
            let season = league.map_or(Season::starting(year), |l| l.season);
            HistoryPoint {
                season,
                bands: pyramid.bands(season, deepest),
                place: league.and_then(|l| pyramid.place(season, l.tier.expect("kept"), l.position?)),
                champion: league.is_some_and(|l| l.is_champion()),
            }
        })
        .collect();
    let drawn = seasons.iter().filter(|s| s.place.is_some()).count();
    let chart = HistoryChart {
        title: format!("{club}: league position, {first} to {last}"),
        seasons,
        tier_names: tier_names.into_iter().collect(),
    };
    let svg = history_svg(&chart).map_err(|e| anyhow::anyhow!("{club}: {e}"))?;
    super::chart::write_file(path, svg.as_bytes())?;
    Ok(format!(
        "Wrote {} ({}'s league place in {drawn} seasons, {first} to {last}).\n",
        path.display(),
        club
    ))
}

/// The sizes of every stored league of the pyramid (`country`, men's or women's)
/// down to tier `deepest`, in the seasons of `leagues`.
fn pyramid(
    read: &Reader<'_>,
    catalogue: &Catalogue,
    pyramid_of: &(Option<String>, Teams),
    deepest: Tier,
    leagues: &[&LeagueFinish],
) -> anyhow::Result<Pyramid> {
    let seasons: std::collections::BTreeSet<Season> = leagues.iter().map(|l| l.season).collect();
    let mut pyramid = Pyramid::new();
    for competition in read.competitions()? {
        if competition.format != Format::League || !seasons.contains(&competition.season) {
            continue;
        }
        let Some(entry) = catalogue.entry_of(&competition) else {
            continue;
        };
        let Some(tier) = entry.tier(competition.season).and_then(Tier::new) else {
            continue;
        };
        if tier > deepest || (entry.country().map(str::to_string), entry.teams()) != *pyramid_of {
            continue;
        }
        let teams = read.entrants(competition.id.expect("stored"))?.len();
        pyramid.add(competition.season, tier, u16::try_from(teams).unwrap_or(u16::MAX));
    }
    Ok(pyramid)
}
