//! The chance of winning a competition, for `track`: a league simulated as `matchday
//! odds LEAGUE` does, a cup or tournament as `matchday odds CUP` does.

use chrono::NaiveDate;
use matchday_core::{Catalogue, Format, TeamId};
use matchday_forecast::{LeagueState, ModelOptions, SimulationOptions, final_places, simulate};

use super::Loaded;

/// Seasons (or cup runs) simulated for each competition `track` shows: enough for whole
/// percents, and quick beside the rest of the command.
pub const SIMS: u64 = 20_000;

/// The seed, so the same data gives the same chances.
pub const SEED: u64 = 2024;

/// A team's chance of winning a competition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WinChance {
    /// The share of simulated seasons it won.
    pub probability: f64,
    /// What the results alone settle: won for sure, out of it for sure, or neither.
    pub certain: Option<bool>,
}

impl WinChance {
    /// The chance in words: "62%", "<0.1%", "100%" only when settled.
    pub fn text(&self) -> String {
        matchday_forecast::chance_text(self.probability, self.certain)
    }
}

/// The chance that `team` wins the competition `loaded` holds (first place of a league,
/// the trophy of a cup), as of `as_of`, the model knowing the competition-seasons
/// `seasons` as held (with any result given); none when the competition cannot be
/// simulated (a round the structure cannot fill, a league without fixtures stored).
pub fn chance_of_winning(
    read: &matchday_store::Reader<'_>,
    loaded: &Loaded,
    seasons: &[Loaded],
    team: TeamId,
    as_of: Option<NaiveDate>,
    catalogue: &Catalogue,
) -> Option<WinChance> {
    let options = SimulationOptions {
        sims: SIMS,
        seed: SEED,
    };
    let in_hand: Vec<(&matchday_core::Competition, &[matchday_core::Match])> = seasons
        .iter()
        .map(|s| (&s.competition, s.matches.as_slice()))
        .collect();
    if loaded.competition.format != Format::League {
        let (forecast, _) =
            super::odds_cup::forecast(read, loaded, &in_hand, as_of, catalogue, &options).ok()?;
        let chances = forecast.teams.iter().find(|t| t.team == team)?;
        return Some(WinChance {
            probability: chances.win,
            certain: chances.settled.last().copied().flatten(),
        });
    }
    let teams = read.entrants(loaded.competition.id?).ok()?;
    let state = LeagueState::new(
        &loaded.competition,
        &teams,
        &loaded.matches,
        &loaded.deductions,
        as_of,
    )
    .ok()?
    .with_decisions(&loaded.decisions);
    let i = state.index_of(team)?;
    let (model, _) = super::known_results::league_model_with(
        read,
        &loaded.competition,
        &state,
        &in_hand,
        &ModelOptions::default(),
    )
    .ok()?;
    let forecast =
        final_places(&state, &model).unwrap_or_else(|| simulate(&state, &model, &options, &|_| {}));
    let probability = forecast.teams.iter().find(|t| t.team == team)?.positions[0];
    // Only the exact positions may call the title certain either way.
    let range = state.position_ranges()[i];
    let certain = if range.settled_within(1, 1) {
        Some(true)
    } else if range.excluded_from(1, 1) {
        Some(false)
    } else {
        None
    };
    Some(WinChance { probability, certain })
}
