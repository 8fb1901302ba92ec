//! League mathematics for matchday: gaps between teams, the exact best and worst
//! final positions still possible, and Monte Carlo season forecasts.
//!
//! Everything here is pure computation on core types: no files, no printing.
//! A [`LeagueState`] is the league on a date; [`LeagueState::gaps`] and
//! [`LeagueState::position_ranges`] say what is settled; [`MatchModel`] and
//! [`simulate`] say how likely the rest is.
//!
//! ```
//! use matchday_forecast::{PointsScheme, position_ranges};
//! // Two teams on 8 meet twice more; the third, on 3, plays each of them once.
//! let ranges = position_ranges(&[8, 8, 3], &[(0, 1), (1, 0), (2, 0), (2, 1)], PointsScheme::THREE);
//! // Winning both gets the third team to 9, but the leaders' meetings lift one of them past it.
//! assert_eq!((ranges[2].best, ranges[2].worst), (2, 3));
//! ```
#![deny(missing_docs)]

mod backtest;
mod bounded;
mod capped;
mod chance;
mod clinch;
mod elo;
mod error;
mod gaps;
mod history;
mod lifted;
mod magic;
mod model;
mod next_match;
mod positions;
mod quality;
mod scenarios;
mod simulate;
mod state;
#[cfg(test)]
mod testing;
mod tournament;

pub use backtest::{
    Backtest, BacktestMatch, Forecasters, MarketComparison, PRIOR_FREQUENCIES, PRIOR_FREQUENCY_MATCHES,
    backtest, frequencies_so_far, market_probabilities, score_market,
};
pub use chance::chance_text;
pub use clinch::{Clinch, clinch_dates};
pub use elo::{EloParameters, EloRatings, EloScore, EloStep, RatedMatch, TeamRating, margin_multiplier};
pub use error::ForecastError;
pub use gaps::{GapRow, Gaps, TIE_NOTE, ZoneGap, is_bottom, zone_boundary, zone_verdicts};
pub use history::{DivisionChange, History, HistoryResult, NEGLIGIBLE_WEIGHT};
pub use magic::{MagicNumbers, TeamMagic, ZoneMagic, magic_numbers, magic_numbers_by_enumeration};
pub use matchday_core::PointsScheme;
pub use model::{MatchModel, ModelOptions, OutcomeProbabilities};
pub use next_match::{
    FittedOn, LIKELIEST_SCORES, MatchOdds, OWN_RESULTS_ENOUGH, ScoreChance, match_odds, match_odds_over,
};
pub use positions::{PositionRange, position_range_of, position_ranges, position_ranges_by_enumeration};
pub use quality::{ProbabilityScore, QualityReport, evaluate_halves, ranked_probability_score};
pub use scenarios::{Condition, Outcome, Outcomes, ScenarioError, Scenarios, Verdict};
pub use simulate::{Forecast, SimulationOptions, TeamForecast, ZoneChance, final_places, simulate};
pub use state::{Fixture, LeagueState, MAX_TEAMS, PlayedResult, Section, SplitStage};
pub use tournament::{
    RoundColumn, TeamChances, TournamentError, TournamentForecast, fit_on_competition, simulate_tournament,
};
