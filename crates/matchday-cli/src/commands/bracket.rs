//! `matchday bracket`: a cup's knockout rounds, with aggregates, extra time and penalties.

use chrono::NaiveDate;
use matchday_core::{Bracket, KnockoutTie, Round, TeamId, TieScore};
use matchday_store::Store;
use serde::Serialize;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render;
use crate::render::wrap;

/// Show a cup's knockout rounds: every tie, as people write the scores
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday bracket \"EFL Cup\" --season 2023-24
  matchday bracket \"Europa League\" --as-of 2024-03-01 --format json")]
pub struct Args {
    /// The competition: its slug or part of its name
    pub competition: String,

    #[command(flatten)]
    pub when: super::When,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Serialize)]
struct RoundJson {
    round: String,
    ties: Vec<TieJson>,
    byes: Vec<String>,
}

#[derive(Serialize)]
struct TieJson {
    teams: [String; 2],
    result: String,
    score: String,
    winner: Option<String>,
    next_match: Option<NaiveDate>,
    /// The typed score, with its parts, for whoever words it differently.
    tie: TieScore,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let competition = read.find_competition(&args.competition, args.when.season, args.when.as_of)?;
    anyhow::ensure!(
        competition.format != matchday_core::Format::League,
        "{} is a league: try `matchday table {}`",
        competition.name,
        competition.slug
    );
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let loaded = Loaded::of(&read, competition)?;
    let bracket = Bracket::build(&loaded.competition, &loaded.matches, args.when.as_of)?;
    match args.format {
        OutputFormat::Json => {
            let rounds: Vec<RoundJson> = bracket
                .rounds
                .iter()
                .map(|r| RoundJson {
                    round: r.round.name(),
                    ties: r
                        .ties
                        .iter()
                        .map(|t| {
                            let score = t.score();
                            let shown = shown_names(&bracket, r.round, t, &name);
                            TieJson {
                                teams: [shown(t.teams().0), shown(t.teams().1)],
                                result: render::tie::tie_line(&score, &shown),
                                score: render::tie::tie_score_text(&score),
                                winner: t.winner().map(name),
                                next_match: t.next_match().map(|m| m.date),
                                tie: score,
                            }
                        })
                        .collect(),
                    byes: r.byes.iter().map(|t| name(*t)).collect(),
                })
                .collect();
            render::json(&rounds)
        }
        OutputFormat::Csv => {
            // One tie a line, in the JSON's words.
            let mut cells = Vec::new();
            for round in &bracket.rounds {
                for tie in &round.ties {
                    let score = tie.score();
                    let shown = shown_names(&bracket, round.round, tie, &name);
                    cells.push(vec![
                        round.round.name(),
                        shown(tie.teams().0),
                        shown(tie.teams().1),
                        render::tie::tie_line(&score, &shown),
                        render::tie::tie_score_text(&score),
                        tie.winner().map(name).unwrap_or_default(),
                        tie.next_match().map(|m| m.date.to_string()).unwrap_or_default(),
                    ]);
                }
            }
            render::csv(
                &[
                    "round",
                    "first",
                    "second",
                    "result",
                    "score",
                    "winner",
                    "next_match",
                ],
                &cells,
            )
        }
        OutputFormat::Table => Ok(render_bracket(
            &loaded,
            &bracket,
            args.when.as_of,
            &name,
            &render::screen::current(),
        )),
    }
}

/// Names for a tie's clubs as the draw gave them: a club still playing an earlier tie
/// stands for both of its clubs ("Watford or Southampton"), not the winner a stored
/// fixture names before that tie is decided.
fn shown_names<'a>(
    bracket: &Bracket,
    round: Round,
    tie: &KnockoutTie,
    name: &'a dyn Fn(TeamId) -> String,
) -> impl Fn(TeamId) -> String + 'a {
    let (first, second) = tie.teams();
    let [a, b] = bracket
        .sides_of(round, tie)
        .map(|side| side.iter().map(|t| name(*t)).collect::<Vec<_>>().join(" or "));
    move |team| match team {
        t if t == first => a.clone(),
        t if t == second => b.clone(),
        t => name(t),
    }
}

/// The rounds as a list, one tie a line, broken to the screen's width (80 when unknown).
pub fn render_bracket(
    loaded: &Loaded,
    bracket: &Bracket,
    as_of: Option<NaiveDate>,
    name: &dyn Fn(TeamId) -> String,
    screen: &render::Screen,
) -> String {
    let width = screen.prose_width();
    let mut text = format!("{} {}", loaded.competition.name, loaded.competition.season);
    if let Some(day) = as_of {
        text.push_str(&format!(", as of {day}"));
    }
    text.push('\n');
    for round in &bracket.rounds {
        text.push('\n');
        let dates: Vec<NaiveDate> = round
            .ties
            .iter()
            .flat_map(|t| t.matches().iter().map(|m| m.date))
            .collect();
        let header = match (dates.iter().min(), dates.iter().max()) {
            (Some(a), Some(b)) if a == b => format!("{} ({})", round.round.name(), a.format("%-d %b %Y")),
            (Some(a), Some(b)) => format!(
                "{} ({} to {})",
                round.round.name(),
                a.format("%-d %b"),
                b.format("%-d %b %Y")
            ),
            _ => format!("{} (not yet drawn)", round.round.name()),
        };
        text.push_str(&render::Painted::styled(header, anstyle::Style::new().bold()).draw(screen.colour));
        text.push('\n');
        for tie in &round.ties {
            let shown = shown_names(bracket, round.round, tie, name);
            let mut line = format!("  {}", render::tie::tie_line(&tie.score(), &shown));
            if tie.winner().is_none()
                && let Some(next) = tie.next_match()
            {
                line.push_str(&format!("  [next: {}]", next.date.format("%-d %b")));
            }
            text.push_str(&wrap(&line, width));
            text.push('\n');
        }
        if !round.byes.is_empty() {
            let byes: Vec<String> = round.byes.iter().map(|t| name(*t)).collect();
            text.push_str(&wrap(&format!("  Byes: {}", byes.join(", ")), width));
            text.push('\n');
        }
    }
    let podium = bracket.podium();
    let places = [
        ("Winner", podium.first),
        ("runner-up", podium.second),
        ("third", podium.third),
        ("fourth", podium.fourth),
    ];
    let decided: Vec<String> = places
        .iter()
        .filter_map(|(place, team)| team.map(|t| format!("{place}: {}", name(t))))
        .collect();
    if podium.first.is_some() {
        text.push('\n');
        text.push_str(&wrap(&decided.join("; "), width));
        text.push('\n');
    }
    text
}
