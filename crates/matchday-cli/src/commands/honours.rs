//! `matchday honours`: trophies won and finals played across the seasons stored,
//! for one team or (`--club`) every team of its club.

use chrono::NaiveDate;
use matchday_core::{Catalogue, FinalRecord, Honours, Season, TeamId, Tier, TrophyKind};
use matchday_store::Store;
use serde::Serialize;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render;

/// Show a team's trophies (league titles, cups, European trophies) and its finals, over every season stored
///
/// A league title is a top-flight league's (tier 1 in the competition catalogue).
/// Titles of lower tiers, and of leagues the catalogue does not know, are listed
/// apart as other league titles.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday honours Liverpool
  matchday honours Liverpool --club          (the men's and the women's teams)
  matchday honours \"Real Madrid\" --format csv")]
pub struct Args {
    /// The team, by any name it goes by
    pub team: String,

    /// Gather the honours of every team of the team's club (men's and women's)
    #[arg(long)]
    pub club: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// Honours in words; the JSON field names are a stable contract.
#[derive(Debug, Serialize)]
pub struct HonoursView {
    /// The team's name, or the club's with `--club`.
    name: String,
    /// The teams counted (one, or the club's).
    teams: Vec<String>,
    /// Titles of top-flight (tier 1) leagues.
    league_titles: usize,
    /// Titles of leagues below the top flight, or of a tier the catalogue does not give.
    other_league_titles: usize,
    cups: usize,
    european: usize,
    finals_lost: usize,
    trophies: Vec<TrophyView>,
    finals: Vec<FinalView>,
}

/// A trophy in words.
#[derive(Debug, Serialize)]
pub struct TrophyView {
    team: String,
    kind: TrophyKind,
    competition: String,
    season: Season,
    /// The league's tier that season; null for cups and leagues the catalogue does not know.
    tier: Option<Tier>,
}

/// A final in words: the opponent's name and the score as people write it.
#[derive(Debug, Serialize)]
pub struct FinalView {
    team: String,
    kind: TrophyKind,
    competition: String,
    season: Season,
    date: NaiveDate,
    opponent: String,
    won: bool,
    score: String,
}

impl HonoursView {
    /// The honours in words.
    pub fn of(
        title: String,
        teams: Vec<String>,
        honours: &Honours,
        name: &dyn Fn(TeamId) -> String,
    ) -> HonoursView {
        HonoursView {
            name: title,
            teams,
            league_titles: honours.won(TrophyKind::League),
            other_league_titles: honours.won(TrophyKind::OtherLeague),
            cups: honours.won(TrophyKind::Cup),
            european: honours.won(TrophyKind::European),
            finals_lost: honours.finals_lost().count(),
            trophies: honours
                .trophies
                .iter()
                .map(|t| TrophyView {
                    team: name(t.team),
                    kind: t.kind,
                    competition: t.competition.clone(),
                    season: t.season,
                    tier: t.tier,
                })
                .collect(),
            finals: honours.finals.iter().map(|f| final_view(f, name)).collect(),
        }
    }
}

fn final_view(f: &FinalRecord, name: &dyn Fn(TeamId) -> String) -> FinalView {
    FinalView {
        team: name(f.team),
        kind: f.kind,
        competition: f.competition.clone(),
        season: f.season,
        date: f.date,
        opponent: name(f.opponent),
        won: f.won,
        score: render::tie::tie_line(&f.tie.score(), name),
    }
}

/// `n` and the noun, one or many: "1 trophy", "3 trophies".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(store: &Store, args: Args, catalogue: &Catalogue) -> anyhow::Result<String> {
    let read = store.read();
    let team = read.resolve_team(&args.team)?;
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let (title, teams): (String, Vec<TeamId>) = if args.club {
        let club = read.club_of(team)?;
        (club.name, club.teams.iter().map(|t| t.0).collect())
    } else {
        (name(team), vec![team])
    };
    let loaded = club_seasons(&read, &teams, catalogue)?;
    let seasons: Vec<_> = loaded.iter().map(Loaded::season).collect();
    let honours = Honours::of_club(&teams, &seasons, &name)?;
    let view = HonoursView::of(title, teams.iter().map(|&t| name(t)).collect(), &honours, &name);
    match args.format {
        OutputFormat::Json => render::json(&view),
        OutputFormat::Csv => csv(&view),
        OutputFormat::Table => Ok(table(&view, teams.len() > 1)),
    }
}

/// The competition-seasons in which any of `teams` has a match, by name then season,
/// each with its tier from `catalogue`: what `honours` and `history` read.
pub fn club_seasons(
    read: &matchday_store::Reader<'_>,
    teams: &[TeamId],
    catalogue: &Catalogue,
) -> anyhow::Result<Vec<Loaded>> {
    let mut loaded = Vec::new();
    // Only the competition-seasons the teams played in are read.
    let mut entered: Vec<matchday_core::Competition> = Vec::new();
    for &team in teams {
        for competition in read.competitions_of(team)? {
            if !entered.iter().any(|c| c.id == competition.id) {
                entered.push(competition);
            }
        }
    }
    entered.sort_by(|a, b| (&a.name, a.season).cmp(&(&b.name, b.season)));
    for competition in entered {
        let one = Loaded::of(read, competition)?.in_catalogue(catalogue);
        if one
            .matches
            .iter()
            .any(|m| teams.iter().any(|&t| m.pairing.involves(t)))
        {
            loaded.push(one);
        }
    }
    Ok(loaded)
}

/// One row per trophy won and per final lost, oldest first.
fn csv(view: &HonoursView) -> anyhow::Result<String> {
    let mut rows: Vec<(Season, Vec<String>)> = Vec::new();
    for t in &view.trophies {
        let final_won = view
            .finals
            .iter()
            .find(|f| f.won && f.team == t.team && f.competition == t.competition && f.season == t.season);
        rows.push((
            t.season,
            vec![
                t.team.clone(),
                t.kind.name().into(),
                t.competition.clone(),
                t.season.to_string(),
                "won".into(),
                final_won.map(|f| f.date.to_string()).unwrap_or_default(),
                final_won.map(|f| f.opponent.clone()).unwrap_or_default(),
                final_won.map(|f| f.score.clone()).unwrap_or_default(),
            ],
        ));
    }
    for f in view.finals.iter().filter(|f| !f.won) {
        rows.push((
            f.season,
            vec![
                f.team.clone(),
                f.kind.name().into(),
                f.competition.clone(),
                f.season.to_string(),
                "lost final".into(),
                f.date.to_string(),
                f.opponent.clone(),
                f.score.clone(),
            ],
        ));
    }
    rows.sort_by_key(|r| r.0);
    let cells: Vec<Vec<String>> = rows.into_iter().map(|r| r.1).collect();
    render::csv(
        &[
            "team",
            "kind",
            "competition",
            "season",
            "outcome",
            "date",
            "opponent",
            "score",
        ],
        &cells,
    )
}

fn table(view: &HonoursView, several: bool) -> String {
    let count = plural(view.trophies.len(), "trophy", "trophies");
    let mut text = format!("{}: {count} in the seasons stored", view.name);
    if several {
        text.push_str(&format!(" (teams: {})", view.teams.join(", ")));
    }
    // The lines about the table fit the screen as its cells do.
    let screen = render::screen::current();
    let mut text = render::prose(&text, &screen);
    let sections = [
        (TrophyKind::League, "League titles"),
        (TrophyKind::OtherLeague, "Other league titles"),
        (TrophyKind::Cup, "Cups"),
        (TrophyKind::European, "European trophies"),
    ];
    for (kind, heading) in sections {
        let won: Vec<&TrophyView> = view.trophies.iter().filter(|t| t.kind == kind).collect();
        if won.is_empty() {
            continue;
        }
        text.push_str(&render::prose(&format!("{heading} ({}):", won.len()), &screen));
        for t in won {
            let whose = if several {
                format!(" ({})", t.team)
            } else {
                String::new()
            };
            let line = match (kind, t.tier) {
                // Below the top flight, a title is the division's: "Second Division champions 1961-62 (tier 2)".
                (TrophyKind::OtherLeague, Some(tier)) => {
                    format!("{} champions {} (tier {tier})", t.competition, t.season)
                }
                (TrophyKind::OtherLeague, None) => format!(
                    "{} champions {} (tier unknown: not in the catalogue)",
                    t.competition, t.season
                ),
                _ => format!("{} {}", t.competition, t.season),
            };
            text.push_str(&render::prose(&format!("  {line}{whose}"), &screen));
        }
    }
    if !view.finals.is_empty() {
        let rows: Vec<Vec<String>> = view
            .finals
            .iter()
            .map(|f| {
                vec![
                    format!("{} {}", f.competition, f.season),
                    f.date.to_string(),
                    if f.won { "won".into() } else { "lost".into() },
                    f.score.clone(),
                ]
            })
            .collect();
        text.push_str(&render::prose(
            &format!("Finals ({}, {} lost):", view.finals.len(), view.finals_lost),
            &screen,
        ));
        text.push_str(&render::grid_within(
            &["Final", "Date", "", "Score"],
            &rows,
            &[],
            80,
        ));
    }
    text
}
