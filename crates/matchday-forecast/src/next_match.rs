//! A team's next match: its win, draw and loss chances after 90 minutes and its
//! likeliest scores, from the [`MatchModel`] fitted on the results known before it.
//!
//! A league's match is forecast from its own season's results. A cup or European
//! tie has too few results of its own to rate anyone (a club plays a handful of
//! ties a season, against clubs met nowhere else), so unless both sides have played
//! [`OWN_RESULTS_ENOUGH`] matches in it, the model is fitted on the league seasons
//! given instead: the two clubs' leagues of that date.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{Match, MatchStatus, TeamId, TeamVenue};
use serde::Serialize;

use crate::{History, MatchModel, ModelOptions, PlayedResult};

/// Results each side needs in a cup's own season before the model is fitted on that
/// season alone: a European group stage (six matches) is not yet enough.
pub const OWN_RESULTS_ENOUGH: usize = 8;

/// How many likeliest scores a forecast gives.
pub const LIKELIEST_SCORES: usize = 3;

/// Which results the model was fitted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FittedOn {
    /// The competition-season's own results.
    Competition,
    /// The league seasons given, the competition's own results being too few.
    Leagues,
    /// Every stored result before the day, in every competition and season.
    History,
}

/// A score seen from the team forecast, with its chance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreChance {
    /// The team's goals.
    pub goals_for: u8,
    /// The opponent's goals.
    pub goals_against: u8,
    /// Its chance after 90 minutes.
    pub probability: f64,
}

/// A match's forecast, seen from the team it was asked for; extra time and penalties
/// are not modelled, so a draw is a draw after 90 minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchOdds {
    /// The team wins in 90 minutes.
    pub win: f64,
    /// Level after 90 minutes.
    pub draw: f64,
    /// The opponent wins in 90 minutes.
    pub loss: f64,
    /// The likeliest scores, likeliest first (ties broken by fewer goals, then the team's goals).
    pub likeliest: Vec<ScoreChance>,
    /// Expected goals for the team and the opponent.
    pub expected_goals: (f64, f64),
    /// Which results the model was fitted on.
    pub fitted_on: FittedOn,
    /// How many results that was.
    pub results: usize,
    /// The two sides with no result among them, rated as an average side.
    pub unrated: Vec<TeamId>,
}

/// Forecasts `team` against `opponent` at `venue` (seen from `team`) with the results
/// known at the end of `as_of` (all stored results when none): from `own`, the
/// competition-season's matches, when `league` is true or both sides have played
/// enough of them; else from `leagues`, the league seasons of that date (falling back
/// to `own` when none is given). The same matches give the same forecast.
pub fn match_odds(
    own: &[Match],
    league: bool,
    leagues: &[&[Match]],
    (team, opponent, venue): (TeamId, TeamId, TeamVenue),
    as_of: Option<NaiveDate>,
    options: &ModelOptions,
) -> MatchOdds {
    let known =
        |m: &&Match| as_of.is_none_or(|day| m.date <= day) && matches!(m.status, MatchStatus::Played(_));
    let played_in = |t: TeamId| own.iter().filter(known).filter(|m| m.pairing.involves(t)).count();
    let enough =
        league || (played_in(team) >= OWN_RESULTS_ENOUGH && played_in(opponent) >= OWN_RESULTS_ENOUGH);
    let (fitted_on, sources): (FittedOn, Vec<&[Match]>) = if enough || leagues.is_empty() {
        (FittedOn::Competition, vec![own])
    } else {
        (FittedOn::Leagues, leagues.to_vec())
    };
    // Each team is an index into the model's ratings; the two sides always have one.
    let mut index: HashMap<TeamId, usize> = HashMap::new();
    let mut index_of = |t: TeamId| {
        let next = index.len();
        *index.entry(t).or_insert(next)
    };
    let mut results = Vec::new();
    for m in sources.iter().flat_map(|s| s.iter()).filter(known) {
        if let Some(score) = m.status.result().and_then(|r| r.score()) {
            results.push(PlayedResult {
                home: index_of(m.pairing.home()),
                away: index_of(m.pairing.away()),
                home_goals: score.home(),
                away_goals: score.away(),
                date: m.date,
            });
        }
    }
    let (t, o) = (index_of(team), index_of(opponent));
    let rated = |i: usize| results.iter().any(|r| r.home == i || r.away == i);
    let unrated: Vec<TeamId> = [(team, t), (opponent, o)]
        .into_iter()
        .filter(|&(_, i)| !rated(i))
        .map(|(id, _)| id)
        .collect();
    let day = as_of.or_else(|| results.iter().map(|r| r.date).max());
    let model = MatchModel::fit_results(index.len(), &results, day, options);
    odds_from(&model, (t, o, venue), fitted_on, results.len(), unrated)
}

/// Forecasts team `t` against `o` (indices into `history`'s teams; `ids` are their
/// ids, for [`MatchOdds::unrated`]) at `venue` (seen from `t`) with the model fitted on
/// every result of `history` before `day`.
pub fn match_odds_over(
    history: &History,
    day: NaiveDate,
    (t, o, venue): (usize, usize, TeamVenue),
    ids: (TeamId, TeamId),
    options: &ModelOptions,
) -> MatchOdds {
    let known = history.before(day);
    let rated = |i: usize| known.iter().any(|r| r.home == i || r.away == i);
    let unrated: Vec<TeamId> = [(ids.0, t), (ids.1, o)]
        .into_iter()
        .filter(|&(_, i)| !rated(i))
        .map(|(id, _)| id)
        .collect();
    let model = history.fit(day, options, None);
    odds_from(&model, (t, o, venue), FittedOn::History, known.len(), unrated)
}

/// The forecast of team `t` against `o` at `venue` (seen from `t`) under `model`.
fn odds_from(
    model: &MatchModel,
    (t, o, venue): (usize, usize, TeamVenue),
    fitted_on: FittedOn,
    results: usize,
    unrated: Vec<TeamId>,
) -> MatchOdds {
    let neutral = venue == TeamVenue::Neutral;
    // The grid is laid out home first: the team is home unless it plays away.
    let (home, away) = if venue == TeamVenue::Away { (o, t) } else { (t, o) };
    let grid = model.score_grid_at(home, away, neutral);
    let size = usize::from(model.max_goals()) + 1;
    let mut scores: Vec<ScoreChance> = Vec::with_capacity(grid.len());
    for h in 0..size {
        for a in 0..size {
            let (goals_for, goals_against) = if home == t { (h, a) } else { (a, h) };
            scores.push(ScoreChance {
                goals_for: goals_for as u8,
                goals_against: goals_against as u8,
                probability: grid[h * size + a],
            });
        }
    }
    let sum = |keep: fn(&ScoreChance) -> bool| scores.iter().filter(|s| keep(s)).map(|s| s.probability).sum();
    let (win, draw, loss) = (
        sum(|s| s.goals_for > s.goals_against),
        sum(|s| s.goals_for == s.goals_against),
        sum(|s| s.goals_for < s.goals_against),
    );
    scores.sort_by(|a, b| {
        b.probability
            .total_cmp(&a.probability)
            .then((a.goals_for + a.goals_against).cmp(&(b.goals_for + b.goals_against)))
            .then(b.goals_for.cmp(&a.goals_for))
    });
    scores.truncate(LIKELIEST_SCORES);
    let (xh, xa) = if neutral {
        model.expected_goals_neutral(home, away)
    } else {
        model.expected_goals(home, away)
    };
    MatchOdds {
        win,
        draw,
        loss,
        likeliest: scores,
        expected_goals: if home == t { (xh, xa) } else { (xa, xh) },
        fitted_on,
        results,
        unrated,
    }
}

#[cfg(test)]
mod tests {
    use matchday_core::testing::{fixture, played};

    use super::*;

    /// Four rounds of every team at home to every other: team 1 strongest, 4 weakest,
    /// 2 and 3 alike, and the home side a goal better than on paper.
    fn season() -> Vec<Match> {
        let strength: [u32; 5] = [0, 3, 2, 2, 1];
        let mut matches = Vec::new();
        for d in 1..=4 {
            for h in 1..=4i64 {
                for a in (1..=4i64).filter(|&a| a != h) {
                    let (sh, sa) = (strength[h as usize], strength[a as usize]);
                    matches.push(played(d, h, a, sh.saturating_sub(sa) + 1, sa.saturating_sub(sh)));
                }
            }
        }
        matches.push(fixture(30, 1, 2));
        matches
    }

    fn odds(own: &[Match], league: bool, leagues: &[&[Match]], venue: TeamVenue) -> MatchOdds {
        match_odds(
            own,
            league,
            leagues,
            (TeamId(1), TeamId(2), venue),
            None,
            &ModelOptions::default(),
        )
    }

    #[test]
    fn the_chances_sum_to_one_and_the_scores_come_likeliest_first() {
        let season = season();
        for venue in [TeamVenue::Home, TeamVenue::Away, TeamVenue::Neutral] {
            let o = odds(&season, true, &[], venue);
            assert!((o.win + o.draw + o.loss - 1.0).abs() < 1e-9, "{o:?}");
            // Away, the home edge makes up the difference between them.
            if venue != TeamVenue::Away {
                assert!(o.win > o.loss, "the strong side is favoured: {o:?}");
            }
            assert_eq!(o.likeliest.len(), LIKELIEST_SCORES);
            assert!(
                o.likeliest
                    .windows(2)
                    .all(|w| w[0].probability >= w[1].probability),
                "{o:?}"
            );
            assert_eq!(
                (o.fitted_on, o.results, o.unrated.clone()),
                (FittedOn::Competition, 48, vec![])
            );
        }
        // The same matches give the same forecast.
        assert_eq!(
            odds(&season, true, &[], TeamVenue::Home),
            odds(&season, true, &[], TeamVenue::Home)
        );
    }

    #[test]
    fn neutral_ground_removes_the_home_advantage() {
        let season = season();
        let home = odds(&season, true, &[], TeamVenue::Home);
        let away = odds(&season, true, &[], TeamVenue::Away);
        let neutral = odds(&season, true, &[], TeamVenue::Neutral);
        assert!(
            home.win > neutral.win && neutral.win > away.win,
            "{home:?} {neutral:?} {away:?}"
        );
        // Two equal sides on neutral ground are an even match.
        let even = match_odds(
            &season,
            true,
            &[],
            (TeamId(2), TeamId(3), TeamVenue::Neutral),
            None,
            &ModelOptions::default(),
        );
        assert!((even.win - even.loss).abs() < 0.05, "{even:?}");
        let at_home = match_odds(
            &season,
            true,
            &[],
            (TeamId(2), TeamId(3), TeamVenue::Home),
            None,
            &ModelOptions::default(),
        );
        assert!(at_home.win - at_home.loss > 0.05, "{at_home:?}");
    }

    #[test]
    fn a_cup_with_few_results_of_its_own_is_fitted_on_the_leagues() {
        let league = season();
        // One cup tie each: far too few to rate anyone on, and 2 won it.
        let cup = vec![played(2, 2, 5, 4, 0), played(3, 1, 6, 0, 1), fixture(28, 1, 2)];
        let o = odds(&cup, false, &[&league], TeamVenue::Neutral);
        assert_eq!((o.fitted_on, o.results), (FittedOn::Leagues, 48));
        assert!(o.win > o.loss, "the league's strong side is favoured: {o:?}");
        // With no league given the cup's own results are all there is.
        let alone = odds(&cup, false, &[], TeamVenue::Neutral);
        assert_eq!((alone.fitted_on, alone.results), (FittedOn::Competition, 2));
        assert!(alone.loss > alone.win, "{alone:?}");
        // A side with no result at all is rated as average, and named.
        let unknown = match_odds(
            &cup,
            false,
            &[&league],
            (TeamId(1), TeamId(9), TeamVenue::Home),
            None,
            &ModelOptions::default(),
        );
        assert_eq!(unknown.unrated, vec![TeamId(9)]);
    }

    #[test]
    fn results_after_the_as_of_day_are_not_known() {
        let season = season();
        let early = match_odds(
            &season,
            true,
            &[],
            (TeamId(1), TeamId(2), TeamVenue::Home),
            Some(matchday_core::testing::day(2)),
            &ModelOptions::default(),
        );
        assert_eq!(early.results, 24);
    }
}
