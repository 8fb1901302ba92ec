//! What the match model learns from: every result stored before a day in every
//! competition, a league's own as its state holds them (with any result `--given`),
//! and the league's change of clubs since its previous season.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{Competition, CompetitionId, Match, MatchStatus, TeamId, TeamVenue, Venue};
use matchday_forecast::{
    DivisionChange, History, HistoryResult, LeagueState, MatchModel, MatchOdds, ModelOptions,
    NEGLIGIBLE_WEIGHT,
};

/// The history for forecasting `state`'s league (the stored `competition`) on days from
/// `first_day` up to `before`: the league's results from `state`, every other
/// competition's stored results before `before` and recent enough to weigh anything on
/// `first_day`, and its change of clubs. The league's teams come first, in `state`'s
/// order, so the model's indices for them are the state's.
pub fn league_history(
    read: &matchday_store::Reader<'_>,
    competition: &Competition,
    state: &LeagueState,
    days: (NaiveDate, NaiveDate),
    options: &ModelOptions,
) -> anyhow::Result<History> {
    league_history_with(read, competition, state, &[], days, options)
}

/// The same, the competition-seasons `in_hand` (with any result given) taken as held
/// rather than as stored; `competition`'s own among them is left to `state`.
fn league_history_with(
    read: &matchday_store::Reader<'_>,
    competition: &Competition,
    state: &LeagueState,
    in_hand: &[(&Competition, &[Match])],
    days: (NaiveDate, NaiveDate),
    options: &ModelOptions,
) -> anyhow::Result<History> {
    let in_hand: Vec<(&Competition, &[Match])> = in_hand
        .iter()
        .copied()
        .filter(|(c, _)| c.id != competition.id)
        .collect();
    let mut teams = Indices::default();
    for &t in state.teams() {
        teams.of(t);
    }
    let own: Vec<HistoryResult> = state.results().iter().map(|&r| r.into()).collect();
    let (history, _) = gather(
        read,
        competition,
        (teams, own),
        &in_hand,
        Some(state.teams()),
        days,
        options,
    )?;
    Ok(history.linked_to(state.teams().len()))
}

/// Team `team`'s chances against `opponent` at `venue` in `competition` with what was
/// known before `day`: the model fitted on every result stored before it, those of the
/// competition-seasons `in_hand` (`competition`'s among them, with any result given)
/// taken from there, each weighed by its age on the day after the last of them.
pub fn match_odds(
    read: &matchday_store::Reader<'_>,
    competition: &Competition,
    in_hand: &[(&Competition, &[Match])],
    (team, opponent, venue): (TeamId, TeamId, TeamVenue),
    day: NaiveDate,
    options: &ModelOptions,
) -> anyhow::Result<(MatchOdds, Vec<String>)> {
    let mut teams = Indices::default();
    let (t, o) = (teams.of(team), teams.of(opponent));
    let (history, competitions) = gather(
        read,
        competition,
        (teams, Vec::new()),
        in_hand,
        None,
        (day, day),
        options,
    )?;
    let history = history.linked_to(2);
    // Results are weighed by their age on the day after the last one known, so a day
    // with nothing new (an as-of day, or none: the match's) changes no forecast.
    let day = history.before(day).last().map_or(day, |r| day_after(r.date));
    let odds = matchday_forecast::match_odds_over(&history, day, (t, o, venue), (team, opponent), options);
    Ok((odds, competitions))
}

/// Team indices for a history: those asked for first keep their order.
#[derive(Default)]
struct Indices {
    index: HashMap<TeamId, usize>,
    order: Vec<TeamId>,
}

impl Indices {
    fn of(&mut self, team: TeamId) -> usize {
        *self.index.entry(team).or_insert_with(|| {
            self.order.push(team);
            self.order.len() - 1
        })
    }
}

/// `own` (`competition`'s results, indexed by `teams`), the played results of the competition-seasons
/// `in_hand`, and every other competition's stored results before `before` recent enough
/// to weigh anything on `first_day`, with, for a league whose
/// clubs are `league`, its change of clubs since its previous season; and the
/// competition-seasons that gave results ("Premier League 2023-24"), by name.
fn gather(
    read: &matchday_store::Reader<'_>,
    competition: &Competition,
    (mut teams, mut results): (Indices, Vec<HistoryResult>),
    in_hand: &[(&Competition, &[Match])],
    league: Option<&[TeamId]>,
    (first_day, before): (NaiveDate, NaiveDate),
    options: &ModelOptions,
) -> anyhow::Result<(History, Vec<String>)> {
    // A result older than this on the first day weighs under NEGLIGIBLE_WEIGHT on every day.
    let horizon = if options.half_life_days > 0.0 {
        let days = options.half_life_days * (1.0 / NEGLIGIBLE_WEIGHT).log2();
        first_day.checked_sub_days(chrono::Days::new(days.ceil() as u64 + 1))
    } else {
        None
    };
    let competitions = read.competitions()?;
    // Each competition's goal rates are its own, across its seasons: the forecast one's are 0.
    let slugs: HashMap<CompetitionId, &str> = competitions
        .iter()
        .filter_map(|c| Some((c.id?, c.slug.as_str())))
        .collect();
    let mut rates: HashMap<&str, usize> = HashMap::from([(competition.slug.as_str(), 0)]);
    let mut seasons = std::collections::HashSet::new();
    if !results.is_empty() {
        seasons.insert(competition.id);
    }
    for (c, matches) in in_hand {
        let next = rates.len();
        let rate = *rates.entry(c.slug.as_str()).or_insert(next);
        for m in matches.iter().filter(|m| m.date < before) {
            if let (MatchStatus::Played(_), Some(score)) =
                (&m.status, m.status.result().and_then(|r| r.score()))
            {
                seasons.insert(c.id);
                results.push(HistoryResult {
                    home: teams.of(m.pairing.home()),
                    away: teams.of(m.pairing.away()),
                    home_goals: score.home(),
                    away_goals: score.away(),
                    date: m.date,
                    neutral: m.venue == Venue::Neutral,
                    competition: rate,
                });
            }
        }
    }
    let held =
        |id: CompetitionId| competition.id == Some(id) || in_hand.iter().any(|(c, _)| c.id == Some(id));
    for r in read.played_before(horizon, before)? {
        if held(r.competition) {
            continue;
        }
        seasons.insert(Some(r.competition));
        let slug = slugs.get(&r.competition).copied().unwrap_or_default();
        let next = rates.len();
        results.push(HistoryResult {
            home: teams.of(r.home),
            away: teams.of(r.away),
            home_goals: r.home_goals,
            away_goals: r.away_goals,
            date: r.date,
            neutral: r.neutral,
            competition: *rates.entry(slug).or_insert(next),
        });
    }
    let mut changes = Vec::new();
    if let (Some(now), Some(previous)) = (league, previous_season(&competitions, competition)) {
        let before: Vec<TeamId> = read.entrants(previous.id.expect("stored"))?;
        changes.push(DivisionChange {
            newcomers: now
                .iter()
                .filter(|t| !before.contains(t))
                .map(|&t| teams.of(t))
                .collect(),
            leavers: before
                .iter()
                .filter(|t| !now.contains(t))
                .map(|&t| teams.of(t))
                .collect(),
        });
    }
    let mut names: Vec<String> = competitions
        .iter()
        .filter(|c| seasons.contains(&c.id))
        .map(|c| format!("{} {}", c.name, c.season))
        .collect();
    names.sort();
    Ok((History::new(teams.order.len(), results, changes)?, names))
}

/// The same league's season before `competition`'s, among those stored.
fn previous_season<'a>(stored: &'a [Competition], competition: &Competition) -> Option<&'a Competition> {
    let year = competition.season.start_year() - 1;
    stored
        .iter()
        .find(|c| c.slug == competition.slug && c.season.start_year() == year && c.id != competition.id)
}

/// The day after `day`: a forecast as of a day knows that day's results.
pub fn day_after(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(day)
}

/// The match model for forecasting `state`'s league as of its as-of day (else after its
/// last result, else before its first fixture), fitted on the league's history, and how
/// many results that history held before the day.
pub fn league_model(
    read: &matchday_store::Reader<'_>,
    competition: &Competition,
    state: &LeagueState,
    options: &ModelOptions,
) -> anyhow::Result<(MatchModel, usize)> {
    league_model_with(read, competition, state, &[], options)
}

/// The same, the competition-seasons `in_hand` (with any result given) taken as held
/// rather than as stored: `track`'s, whose results given may lie in other competitions.
pub fn league_model_with(
    read: &matchday_store::Reader<'_>,
    competition: &Competition,
    state: &LeagueState,
    in_hand: &[(&Competition, &[Match])],
    options: &ModelOptions,
) -> anyhow::Result<(MatchModel, usize)> {
    let day = state
        .as_of()
        .or_else(|| state.results().iter().map(|r| r.date).max())
        .map(day_after)
        .or_else(|| state.fixtures().iter().filter_map(|f| f.date).min());
    let Some(day) = day else {
        return Ok((MatchModel::fit(state, options), state.results().len()));
    };
    let history = league_history_with(read, competition, state, in_hand, (day, day), options)?;
    Ok((history.fit(day, options, None), history.before(day).len()))
}

/// The match model for forecasting a cup or tournament (the stored `competition`, its
/// `matches` as held, with any result given) as of `as_of` (else with everything stored
/// before its last match): fitted on its own results, those of the competition-seasons
/// `in_hand` (with any result given) and every other stored result known then, each weighed by its age on the day after the last of them, as the next
/// match's odds are (so a day with nothing new changes nothing). The model's first
/// teams are `teams`, in that order, so its indices for them are their places in `teams`.
pub fn cup_model(
    read: &matchday_store::Reader<'_>,
    competition: &Competition,
    matches: &[Match],
    in_hand: &[(&Competition, &[Match])],
    teams: &[TeamId],
    as_of: Option<NaiveDate>,
    options: &ModelOptions,
) -> anyhow::Result<MatchModel> {
    let before = as_of
        .or_else(|| matches.iter().map(|m| m.date).max())
        .map(day_after);
    let mut indices = Indices::default();
    for &t in teams {
        indices.of(t);
    }
    let Some(before) = before else {
        return Ok(History::new(teams.len(), Vec::new(), Vec::new())?.fit(NaiveDate::MIN, options, None));
    };
    let mut held: Vec<(&Competition, &[Match])> = vec![(competition, matches)];
    held.extend(in_hand.iter().filter(|(c, _)| c.id != competition.id));
    let (history, _) = gather(
        read,
        competition,
        (indices, Vec::new()),
        &held,
        None,
        (before, before),
        options,
    )?;
    let history = history.linked_to(teams.len());
    let day = history
        .before(before)
        .last()
        .map_or(before, |r| day_after(r.date));
    Ok(history.fit(day, options, None))
}
