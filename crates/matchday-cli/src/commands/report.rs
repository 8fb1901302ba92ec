//! `matchday report`: a team's or a whole club's season as a static HTML page.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use matchday_core::{Format, KnockoutError, Season, Standings, TableOptions, TeamId, TrophyTarget, View};
use matchday_forecast::{LeagueState, ModelOptions, SimulationOptions, simulate};
use matchday_report::{
    GroupSection, LeagueSection, Progress, SeasonPage, TeamMatch, TeamSeason, season_page,
};
use matchday_store::Store;

use super::Loaded;

/// Seasons simulated for the page's odds: enough for a tenth of a percent.
const PAGE_SIMS: u64 = 20_000;
/// The seed of the page's odds, as `matchday odds` uses by default.
const PAGE_SEED: u64 = 2024;

/// Write a team's or a club's season as a self-contained HTML page
///
/// DIR/index.html: the tracker for every competition, each league's table
/// with its zones, a chart of the team's place after each match day (the
/// top three beside it), the gaps, and the odds while fixtures remain, the
/// table of the team's group in each group stage, then every result and
/// fixture. With --club, every team of the club (its men's and women's
/// teams) has a section of its own. The CSS and the chart are inline and
/// there is no script: the page opens from the file with nothing fetched,
/// fits a phone's screen (390 pixels: wide tables scroll in their own box
/// with the club's name held), prints, and follows a dark screen scheme.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("who").required(true).args(["team", "club"])))]
#[command(after_help = "Examples:
  matchday report --team Liverpool --season 2023-24 --out liverpool
  matchday report --club Liverpool --season 2023-24 --out liverpool-club
  matchday report --team Arsenal --as-of 2024-02-01 --out arsenal-feb")]
pub struct Args {
    /// The team
    #[arg(long)]
    pub team: Option<String>,

    /// The club: a section for each of its teams (men's and women's)
    #[arg(long)]
    pub club: Option<String>,

    /// The season [default: the one containing --as-of, else the latest stored]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// As things stood at the end of this day
    #[arg(long, value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,

    /// The folder to write index.html in (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let (title, teams) = match (&args.team, &args.club) {
        (_, Some(club)) => {
            let club = read.club_of(read.resolve_team(club)?)?;
            (club.name, club.teams.iter().map(|t| t.0).collect::<Vec<_>>())
        }
        (Some(team), None) => {
            let team = read.resolve_team(team)?;
            (name(team), vec![team])
        }
        (None, None) => unreachable!("clap requires --team or --club"),
    };
    let mut entered = Vec::with_capacity(teams.len());
    for &team in &teams {
        entered.push((team, Loaded::entered_by(&read, team)?));
    }
    let competitions: Vec<matchday_core::Competition> = entered
        .iter()
        .flat_map(|(_, loaded)| loaded.iter().map(|l| l.competition.clone()))
        .collect();
    let season = super::club_season(&competitions, args.season, args.as_of)
        .ok_or_else(|| anyhow::anyhow!("{title} has no matches stored in any competition"))?;
    let mut sections = Vec::new();
    for (team, loaded) in entered {
        let loaded: Vec<Loaded> = loaded
            .into_iter()
            .filter(|l| l.competition.season == season)
            .collect();
        if !loaded.is_empty() {
            sections.push(team_season(&read, team, loaded, args.as_of, &name)?);
        }
    }
    anyhow::ensure!(
        !sections.is_empty(),
        "{title} has no matches stored in the {season} season"
    );
    let page = SeasonPage {
        title,
        season,
        as_of: args.as_of,
        names,
        teams: sections,
    };
    let html = season_page(&page)?;
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let path = args.out.join("index.html");
    super::chart::write_file(&path, html.as_bytes())?;
    Ok(format!("Wrote {}.\n", path.display()))
}

/// One team's part of the page: its competitions of the season in `entered`.
fn team_season(
    read: &matchday_store::Reader<'_>,
    team: TeamId,
    mut entered: Vec<Loaded>,
    as_of: Option<NaiveDate>,
    name: &dyn Fn(TeamId) -> String,
) -> anyhow::Result<TeamSeason> {
    // Leagues first, then cups, each by name: as `matchday track` lists them.
    entered.sort_by_key(|l| (l.competition.format != Format::League, l.competition.name.clone()));

    let mut targets = Vec::new();
    let mut leagues = Vec::new();
    let mut groups = Vec::new();
    let mut matches = Vec::new();
    for loaded in &entered {
        match TrophyTarget::compute(loaded.season(), team, as_of, name) {
            Ok(target) => targets.push(target),
            Err(KnockoutError::NotEntered { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
        // On a day, only the fixtures known by then: no pairing of a round not yet drawn.
        let known = match as_of {
            Some(day) => matchday_core::known_on(&loaded.matches, day),
            None => vec![true; loaded.matches.len()],
        };
        // A cup's fixtures as the draw named their clubs on the day ("Watford or
        // Southampton" while a replay was to come).
        let bracket = (loaded.competition.format != Format::League)
            .then(|| matchday_core::Bracket::build(&loaded.competition, &loaded.matches, as_of).ok())
            .flatten();
        matches.extend(
            loaded
                .matches
                .iter()
                .zip(known)
                .filter(|(m, known)| *known && m.pairing.involves(team))
                .map(|(m, _)| TeamMatch {
                    competition: loaded.competition.name.clone(),
                    fixture: m.clone(),
                    sides: bracket.as_ref().and_then(|b| b.sides_of_match(m)),
                }),
        );
        if loaded.competition.format == Format::League {
            leagues.push(league_section(read, loaded, team, as_of)?);
        }
        groups.extend(group_section(loaded, team, as_of));
    }
    matches.sort_by_key(|m| (m.fixture.date, m.fixture.kickoff));
    Ok(TeamSeason {
        team,
        targets,
        leagues,
        groups,
        matches,
    })
}

/// A league's table, chart, gaps and (while fixtures remain) odds on the page's day.
fn league_section(
    read: &matchday_store::Reader<'_>,
    loaded: &Loaded,
    team: TeamId,
    as_of: Option<NaiveDate>,
) -> anyhow::Result<LeagueSection> {
    let c = &loaded.competition;
    let entrants = read.entrants(c.id.expect("stored"))?;
    // The table counts the matches in play as they stand; the gaps and odds do not.
    let options = TableOptions {
        as_of,
        view: View::Total,
        provisional: true,
    };
    let standings = Standings::compute(c, &entrants, &loaded.matches, &loaded.deductions, options)
        .with_decisions(&c.regulations(), &loaded.decisions, None);
    let progress = Progress::compute(
        c,
        &entrants,
        &loaded.matches,
        &loaded.deductions,
        &loaded.decisions,
        as_of,
    );
    let charted: Vec<TeamId> = standings.rows.iter().take(3).map(|r| r.team).collect();
    let state = LeagueState::new(c, &entrants, &loaded.matches, &loaded.deductions, as_of)?;
    let gaps = Some(state.gaps(Some(team))?);
    // The same model as `matchday odds`: fitted on every result stored before the day.
    let model = if state.is_finished() {
        None
    } else {
        Some(super::known_results::league_model(read, c, &state, &ModelOptions::default())?.0)
    };
    let forecast = model.map(|model| {
        let options = SimulationOptions {
            sims: PAGE_SIMS,
            seed: PAGE_SEED,
        };
        simulate(&state, &model, &options, &|_| {})
    });
    Ok(LeagueSection {
        competition: c.clone(),
        standings,
        deductions: loaded.deductions.clone(),
        progress,
        charted,
        gaps,
        forecast,
        in_play: super::table::playing_now(&loaded.matches, as_of)
            .into_iter()
            .cloned()
            .collect(),
    })
}

/// The table of the club's group, in a competition with a group stage it played in.
fn group_section(loaded: &Loaded, team: TeamId, as_of: Option<NaiveDate>) -> Option<GroupSection> {
    let c = &loaded.competition;
    let group = loaded
        .matches
        .iter()
        .filter(|m| m.pairing.involves(team))
        .find_map(|m| m.group.clone())?;
    let teams = matchday_core::group_teams(&loaded.matches, &group);
    let matches: Vec<matchday_core::Match> = loaded
        .matches
        .iter()
        .filter(|m| m.group.as_ref() == Some(&group))
        .cloned()
        .collect();
    let options = TableOptions {
        as_of,
        view: View::Total,
        provisional: false,
    };
    let standings = Standings::compute(c, &teams, &matches, &loaded.deductions, options).with_decisions(
        &c.regulations(),
        &loaded.decisions,
        Some(&group),
    );
    Some(GroupSection {
        competition: c.clone(),
        group,
        standings,
    })
}
