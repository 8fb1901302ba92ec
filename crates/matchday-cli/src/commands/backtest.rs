//! `matchday backtest`: how good the odds' match model was on a season already played.

use matchday_core::{Season, TeamId};
use matchday_forecast::{
    Backtest, Forecasters, ModelOptions, OutcomeProbabilities, PRIOR_FREQUENCIES, PRIOR_FREQUENCY_MATCHES,
    ProbabilityScore,
};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Score the match model on a league's played matches, against two baselines
///
/// Every played match (from --from on) gets the home win, draw and away win
/// probabilities the model gives it when fitted only on the results stored
/// before that match's day, in every competition and season stored: the model of
/// `matchday odds` (see its help: Dixon-Coles, each result weighted by its age
/// with a half-life of 450 days, promoted and relegated clubs carrying their
/// ratings), refitted once per match day, each fit starting from the day
/// before's. Two baselines are scored on the same
/// matches: the league's home/draw/away frequencies before the day, counted
/// with 10 pseudo-matches at a prior of 45% / 26% / 29% (so the first day, with
/// nothing played, gets exactly that prior), and equal odds (a third each).
///
/// Scores, lower is better: the ranked probability score (RPS: the squared
/// error of the home and home-or-draw probabilities, halved; equal odds score
/// 5/18 on a win either way and 1/9 on a draw) and the log loss (the negative
/// natural log of the probability given to what happened; equal odds ln 3).
/// Closing betting odds are not stored yet, so the market is not among the
/// forecasters.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday backtest premier-league --season 2023-24
  matchday backtest championship --from 2023-10-01 --format json
  matchday backtest premier-league --matches --format csv")]
pub struct Args {
    /// The league: its slug or part of its name
    pub competition: String,

    /// The season, e.g. 2023-24 [default: the latest stored]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// Score only matches played on or after this day (earlier results still inform the
    /// model), e.g. 2023-10-01
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,

    /// List every match scored: its forecasts and scores (for CSV, these are the rows)
    #[arg(long)]
    pub matches: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// One forecaster's mean scores; the JSON field names are a stable contract.
#[derive(Serialize)]
struct SummaryRow {
    forecaster: &'static str,
    matches: usize,
    rps: f64,
    log_loss: f64,
}

/// One match scored.
#[derive(Serialize)]
struct MatchRow {
    date: chrono::NaiveDate,
    home: String,
    away: String,
    home_goals: u8,
    away_goals: u8,
    /// Results before the match's day.
    known: usize,
    forecast: Forecasters<OutcomeProbabilities>,
    score: Forecasters<ProbabilityScore>,
}

#[derive(Serialize)]
struct BacktestJson<'a> {
    competition: &'a str,
    season: String,
    from: Option<chrono::NaiveDate>,
    refits: usize,
    forecasters: Vec<SummaryRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matches: Option<Vec<MatchRow>>,
}

const FORECASTERS: [&str; 3] = ["model", "frequencies", "equal odds"];

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let names = read.team_names()?;
    let when = super::When {
        season: args.season,
        as_of: None,
    };
    let super::League { loaded, state } = super::League::load(&read, &args.competition, when)?;
    let competition = &loaded.competition;
    let options = ModelOptions::default();
    let days = state.results().iter().map(|r| r.date);
    let history = match (days.clone().min(), days.max()) {
        (Some(first), Some(last)) => super::known_results::league_history(
            &read,
            competition,
            &state,
            (first, super::known_results::day_after(last)),
            &options,
        )?,
        _ => matchday_forecast::History::of_league(state.teams().len(), &[]),
    };
    let Some(test) = matchday_forecast::backtest(&history, state.results(), args.from, &options) else {
        let from = args.from.map(|d| format!(" on or after {d}")).unwrap_or_default();
        anyhow::bail!(
            "{} {} has no played match{from} to score",
            render::escaped(&competition.name),
            competition.season
        );
    };
    let name = |team: usize| -> String {
        let id: TeamId = state.teams()[team];
        names.get(&id).cloned().unwrap_or_default()
    };
    let summary = summary_rows(&test);
    let rows = || -> Vec<MatchRow> {
        test.matches
            .iter()
            .map(|m| MatchRow {
                date: m.result.date,
                home: name(m.result.home),
                away: name(m.result.away),
                home_goals: m.result.home_goals,
                away_goals: m.result.away_goals,
                known: m.known,
                forecast: m.forecast,
                score: m.score,
            })
            .collect()
    };
    match args.format {
        OutputFormat::Json => render::json(&BacktestJson {
            competition: &competition.name,
            season: competition.season.to_string(),
            from: args.from,
            refits: test.refits,
            forecasters: summary,
            matches: args.matches.then(rows),
        }),
        OutputFormat::Csv if args.matches => {
            let cells: Vec<Vec<String>> = rows().iter().map(match_cells).collect();
            render::csv(
                &[
                    "date",
                    "home",
                    "away",
                    "home_goals",
                    "away_goals",
                    "model_home",
                    "model_draw",
                    "model_away",
                    "frequencies_home",
                    "frequencies_draw",
                    "frequencies_away",
                    "model_rps",
                    "frequencies_rps",
                    "equal_odds_rps",
                    "model_log_loss",
                    "frequencies_log_loss",
                    "equal_odds_log_loss",
                ],
                &cells,
            )
        }
        OutputFormat::Csv => render::csv(
            &["forecaster", "matches", "rps", "log_loss"],
            &summary_cells(&summary),
        ),
        OutputFormat::Table => {
            let screen = render::screen::current();
            let from = args.from.map(|d| format!(" from {d}")).unwrap_or_default();
            let mut text = render::prose(
                &format!(
                    "{} {}{from}: {} played {}, each forecast from the results before its day \
                     (the model refitted on {} match {})",
                    competition.name,
                    competition.season,
                    test.matches.len(),
                    if test.matches.len() == 1 {
                        "match"
                    } else {
                        "matches"
                    },
                    test.refits,
                    if test.refits == 1 { "day" } else { "days" }
                ),
                &screen,
            );
            text.push_str(&render::grid_on(
                &["Forecaster", "Matches", "RPS", "Log loss"],
                &summary_cells(&summary),
                &[1, 2, 3],
                &screen,
            ));
            if args.matches {
                let cells: Vec<Vec<String>> = rows()
                    .iter()
                    .map(|r| {
                        vec![
                            r.date.to_string(),
                            format!("{} {}-{} {}", r.home, r.home_goals, r.away_goals, r.away),
                            percentages(r.forecast.model),
                            percentages(r.forecast.frequencies),
                            format!("{:.3}", r.score.model.rps),
                            format!("{:.3}", r.score.frequencies.rps),
                        ]
                    })
                    .collect();
                text.push_str(&render::grid_on(
                    &["Date", "Match", "Model H/D/A", "Freq. H/D/A", "RPS", "Freq. RPS"],
                    &cells,
                    &[2, 3, 4, 5],
                    &screen,
                ));
            }
            text.push_str(&render::prose(
                &format!(
                    "Lower is better. Frequencies: the league's home/draw/away shares before each day, \
                     with {PRIOR_FREQUENCY_MATCHES} pseudo-matches at {}; equal odds: a third each.",
                    percentages(PRIOR_FREQUENCIES)
                ),
                &screen,
            ));
            Ok(text)
        }
    }
}

fn summary_rows(test: &Backtest) -> Vec<SummaryRow> {
    let mean = test.mean;
    [mean.model, mean.frequencies, mean.equal_odds]
        .into_iter()
        .zip(FORECASTERS)
        .map(|(score, forecaster)| SummaryRow {
            forecaster,
            matches: test.matches.len(),
            rps: score.rps,
            log_loss: score.log_loss,
        })
        .collect()
}

/// A row of cells for each forecaster: its name, matches scored, RPS and log loss.
fn summary_cells(summary: &[SummaryRow]) -> Vec<Vec<String>> {
    summary
        .iter()
        .map(|s| {
            vec![
                s.forecaster.to_string(),
                s.matches.to_string(),
                format!("{:.4}", s.rps),
                format!("{:.4}", s.log_loss),
            ]
        })
        .collect()
}

/// "45/26/29": home, draw and away in whole percentages.
fn percentages(p: OutcomeProbabilities) -> String {
    format!(
        "{:.0}/{:.0}/{:.0}",
        p.home * 100.0,
        p.draw * 100.0,
        p.away * 100.0
    )
}

fn match_cells(r: &MatchRow) -> Vec<String> {
    let f = |x: f64| format!("{x:.4}");
    let mut cells = vec![
        r.date.to_string(),
        r.home.clone(),
        r.away.clone(),
        r.home_goals.to_string(),
        r.away_goals.to_string(),
    ];
    for p in [r.forecast.model, r.forecast.frequencies] {
        cells.extend([f(p.home), f(p.draw), f(p.away)]);
    }
    let s = r.score;
    cells.extend([s.model, s.frequencies, s.equal_odds].map(|x| f(x.rps)));
    cells.extend([s.model, s.frequencies, s.equal_odds].map(|x| f(x.log_loss)));
    cells
}
