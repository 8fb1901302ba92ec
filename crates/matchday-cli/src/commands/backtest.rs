//! `matchday backtest`: how good the odds' match model was on a season already played.

use std::collections::{BTreeMap, HashMap};

use matchday_core::{ClosingOdds, OddsSource, Season, TeamId};
use matchday_forecast::{
    Backtest, Forecasters, ModelOptions, OutcomeProbabilities, PRIOR_FREQUENCIES, PRIOR_FREQUENCY_MATCHES,
    ProbabilityScore,
};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Score the match model on a league's played matches, against two baselines and the market
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
///
/// The market: when the import stored the matches' closing betting odds
/// (football-data.co.uk's files carry them: Pinnacle's, else the market
/// average, else Bet365's), they are a fourth forecaster, their margin taken
/// out proportionally (each outcome's 1/odds divided by the three's sum).
/// The market is scored only on the matches it priced, and every forecaster
/// is scored again on those same matches, so the comparison is fair: when it
/// priced every match that is the one table; otherwise a second table (and,
/// in CSV, the forecasters' rows again with that smaller match count; in JSON,
/// `against_market`).
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
#[derive(Serialize, Clone, Copy)]
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
    against_market: Option<AgainstMarketJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matches: Option<Vec<MatchRow>>,
}

/// Every forecaster on the matches with closing odds.
#[derive(Serialize)]
struct AgainstMarketJson {
    matches: usize,
    /// How many of them had each source's odds: {"pinnacle": 552}.
    sources: BTreeMap<OddsSource, usize>,
    forecasters: Vec<SummaryRow>,
}

const FORECASTERS: [&str; 3] = ["model", "frequencies", "equal odds"];

/// The market's name as a forecaster.
const MARKET: &str = "market";

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
    let Some(mut test) = matchday_forecast::backtest(&history, state.results(), args.from, &options) else {
        let from = args.from.map(|d| format!(" on or after {d}")).unwrap_or_default();
        anyhow::bail!(
            "{} {} has no played match{from} to score",
            render::escaped(&competition.name),
            competition.season
        );
    };
    let sources = add_market(&read, &loaded, &state, &mut test)?;
    let name = |team: usize| -> String {
        let id: TeamId = state.teams()[team];
        names.get(&id).cloned().unwrap_or_default()
    };
    let summary = summary_rows(&test);
    let same_matches = same_matches_rows(&test);
    let priced_every_match = test
        .against_market
        .is_some_and(|c| c.matches == test.matches.len());
    let market_shown = test.against_market.is_some();
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
            against_market: test.against_market.map(|c| AgainstMarketJson {
                matches: c.matches,
                sources,
                forecasters: same_matches.clone(),
            }),
            matches: args.matches.then(rows),
        }),
        OutputFormat::Csv if args.matches => {
            let cells: Vec<Vec<String>> = rows().iter().map(|r| match_cells(r, market_shown)).collect();
            let mut header = vec![
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
            ];
            if market_shown {
                // Empty for a match without closing odds.
                header.extend([
                    "market_home",
                    "market_draw",
                    "market_away",
                    "market_rps",
                    "market_log_loss",
                ]);
            }
            render::csv(&header, &cells)
        }
        OutputFormat::Csv => {
            // The forecasters again on the market's matches, when it did not price them all.
            let mut all = summary.clone();
            if !priced_every_match {
                all.extend(same_matches.iter().filter(|r| r.forecaster != MARKET).copied());
            }
            render::csv(
                &["forecaster", "matches", "rps", "log_loss"],
                &summary_cells(&all),
            )
        }
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
            let grid = |rows: &[SummaryRow]| {
                render::grid_on(
                    &["Forecaster", "Matches", "RPS", "Log loss"],
                    &summary_cells(rows),
                    &[1, 2, 3],
                    &screen,
                )
            };
            if priced_every_match {
                text.push_str(&grid(&summary));
            } else {
                let plain: Vec<SummaryRow> = summary
                    .iter()
                    .filter(|r| r.forecaster != MARKET)
                    .copied()
                    .collect();
                text.push_str(&grid(&plain));
            }
            if let Some(comparison) = test.against_market {
                let sources = sources
                    .iter()
                    .map(|(source, n)| format!("{} on {n}", source_words(*source)))
                    .collect::<Vec<_>>()
                    .join(", ");
                if priced_every_match {
                    text.push_str(&render::prose(
                        &format!(
                            "Market: the closing odds stored with every match ({sources}), margin taken out \
                             proportionally; all four forecasters are scored on the same matches."
                        ),
                        &screen,
                    ));
                } else {
                    text.push_str(&render::prose(
                        &format!(
                            "On the {} {} with closing odds ({sources}; margin taken out proportionally), \
                             every forecaster scored on those same matches:",
                            comparison.matches,
                            if comparison.matches == 1 {
                                "match"
                            } else {
                                "matches"
                            }
                        ),
                        &screen,
                    ));
                    text.push_str(&grid(&same_matches));
                }
            }
            if args.matches {
                let cells: Vec<Vec<String>> = rows()
                    .iter()
                    .map(|r| {
                        let mut cells = vec![
                            r.date.to_string(),
                            format!("{} {}-{} {}", r.home, r.home_goals, r.away_goals, r.away),
                            percentages(r.forecast.model),
                            percentages(r.forecast.frequencies),
                            format!("{:.3}", r.score.model.rps),
                            format!("{:.3}", r.score.frequencies.rps),
                        ];
                        if market_shown {
                            cells.push(r.forecast.market.map(percentages).unwrap_or_default());
                            cells.push(
                                r.score
                                    .market
                                    .map(|s| format!("{:.3}", s.rps))
                                    .unwrap_or_default(),
                            );
                        }
                        cells
                    })
                    .collect();
                let mut header = vec!["Date", "Match", "Model H/D/A", "Freq. H/D/A", "RPS", "Freq. RPS"];
                let mut right = vec![2, 3, 4, 5];
                if market_shown {
                    header.extend(["Market H/D/A", "Market RPS"]);
                    right.extend([6, 7]);
                }
                text.push_str(&render::grid_on(&header, &cells, &right, &screen));
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

/// Each forecaster's mean over every match scored, then the market's over the matches it
/// priced, when it priced any.
fn summary_rows(test: &Backtest) -> Vec<SummaryRow> {
    let mean = test.mean;
    let mut rows: Vec<SummaryRow> = [mean.model, mean.frequencies, mean.equal_odds]
        .into_iter()
        .zip(FORECASTERS)
        .map(|(score, forecaster)| SummaryRow {
            forecaster,
            matches: test.matches.len(),
            rps: score.rps,
            log_loss: score.log_loss,
        })
        .collect();
    rows.extend(
        same_matches_rows(test)
            .into_iter()
            .filter(|r| r.forecaster == MARKET),
    );
    rows
}

/// Every forecaster's mean over the matches the market priced, the market first; none
/// without the market.
fn same_matches_rows(test: &Backtest) -> Vec<SummaryRow> {
    let Some(comparison) = test.against_market else {
        return Vec::new();
    };
    let mean = comparison.mean;
    let market = mean.market.expect("a comparison scores the market");
    [market, mean.model, mean.frequencies, mean.equal_odds]
        .into_iter()
        .zip([MARKET].into_iter().chain(FORECASTERS))
        .map(|(score, forecaster)| SummaryRow {
            forecaster,
            matches: comparison.matches,
            rps: score.rps,
            log_loss: score.log_loss,
        })
        .collect()
}

/// Scores the market on the matches whose import stored closing odds, found by each
/// result's day and teams; returns how many matches had each source's odds.
fn add_market(
    read: &matchday_store::Reader<'_>,
    loaded: &super::Loaded,
    state: &matchday_forecast::LeagueState,
    test: &mut Backtest,
) -> anyhow::Result<BTreeMap<OddsSource, usize>> {
    let stored = read.closing_odds(loaded.competition.id.expect("stored"))?;
    if stored.is_empty() {
        return Ok(BTreeMap::new());
    }
    let by_match: HashMap<(chrono::NaiveDate, TeamId, TeamId), ClosingOdds> = loaded
        .matches
        .iter()
        .filter_map(|m| {
            let odds = stored.get(&m.id?)?;
            Some(((m.date, m.pairing.home(), m.pairing.away()), *odds))
        })
        .collect();
    let teams = state.teams();
    let odds_of =
        |r: &matchday_forecast::PlayedResult| by_match.get(&(r.date, teams[r.home], teams[r.away])).copied();
    let mut sources = BTreeMap::new();
    for m in &test.matches {
        if let Some(odds) = odds_of(&m.result) {
            *sources.entry(odds.source()).or_insert(0) += 1;
        }
    }
    matchday_forecast::score_market(test, odds_of);
    Ok(sources)
}

/// A stored source's name in words: "Pinnacle's".
fn source_words(source: OddsSource) -> &'static str {
    match source {
        OddsSource::Pinnacle => "Pinnacle's",
        OddsSource::MarketAverage => "the market average's",
        OddsSource::Bet365 => "Bet365's",
    }
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

fn match_cells(r: &MatchRow, market_shown: bool) -> Vec<String> {
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
    if market_shown {
        match (r.forecast.market, s.market) {
            (Some(p), Some(score)) => {
                cells.extend([f(p.home), f(p.draw), f(p.away), f(score.rps), f(score.log_loss)])
            }
            _ => cells.extend(std::iter::repeat_n(String::new(), 5)),
        }
    }
    cells
}
