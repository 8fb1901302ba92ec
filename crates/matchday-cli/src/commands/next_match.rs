//! `matchday odds --team T`: the next match in each competition, with its chances
//! after 90 minutes and likeliest scores; and the same line per competition in `track`.

use chrono::NaiveDate;
use matchday_core::{Format, Opponent, Season, TargetStatus, TeamId, TeamVenue, TrophyTarget};
use matchday_forecast::{FittedOn, MatchOdds, ModelOptions, chance_text};
use matchday_store::Store;
use serde::Serialize;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render;

/// A competition's next match for one team, forecast when its opponent and venue are known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextMatchOdds {
    /// The competition's name.
    pub competition: String,
    /// Its season.
    pub season: Season,
    /// The round or matchday; none when no match is to come.
    pub round: Option<String>,
    /// The day, once known.
    pub date: Option<NaiveDate>,
    /// The opponent, or the two it may be ("Watford or Southampton"), once drawn.
    pub opponent: Option<String>,
    /// Home, away or neutral, seen from the team.
    pub venue: Option<TeamVenue>,
    /// The forecast, once the opponent and venue are known.
    pub odds: Option<OddsView>,
}

/// A forecast in words and numbers; its JSON field names are a stable contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OddsView {
    /// Always "90 minutes": extra time and penalties are not modelled.
    pub after: &'static str,
    /// The team wins.
    pub win: f64,
    /// A draw.
    pub draw: f64,
    /// The team loses.
    pub loss: f64,
    /// The likeliest scores, the team's goals first, likeliest first.
    pub likeliest: Vec<ScoreView>,
    /// Expected goals for the team.
    pub expected_goals_for: f64,
    /// Expected goals for the opponent.
    pub expected_goals_against: f64,
    /// "history": every result stored before the day, in every competition.
    pub fitted_on: FittedOn,
    /// The competitions whose results the model was fitted on.
    pub fitted_on_competitions: Vec<String>,
    /// How many results that was.
    pub results: usize,
    /// Sides with no result among those, rated as average.
    pub unrated: Vec<String>,
}

/// A likely score: "2-1" seen from the team, with its chance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreView {
    /// "2-1", the team's goals first.
    pub score: String,
    /// Its chance after 90 minutes.
    pub probability: f64,
}

/// The next match of `team` in each of `seasons` (those it entered; others are left out),
/// forecast with what was known at the end of `as_of`.
pub fn next_matches(
    read: &matchday_store::Reader<'_>,
    team: TeamId,
    seasons: &[Loaded],
    as_of: Option<NaiveDate>,
    name: &dyn Fn(TeamId) -> String,
) -> anyhow::Result<Vec<NextMatchOdds>> {
    let mut out = Vec::new();
    for loaded in seasons {
        let target = match TrophyTarget::compute(loaded.season(), team, as_of, name) {
            Ok(target) => target,
            Err(matchday_core::KnockoutError::NotEntered { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        let next = target.next_match.filter(|_| target.status == TargetStatus::Alive);
        let c = &loaded.competition;
        let mut line = NextMatchOdds {
            competition: c.name.clone(),
            season: c.season,
            round: next.as_ref().map(|n| n.round.clone()),
            date: next.as_ref().and_then(|n| n.date),
            opponent: next
                .as_ref()
                .and_then(|n| n.opponent.as_ref())
                .map(|o| super::track::opponent_text(o, name)),
            venue: next.as_ref().and_then(|n| n.venue),
            odds: None,
        };
        if let Some((Some(Opponent::Team(opponent)), Some(venue))) =
            next.as_ref().map(|n| (n.opponent.clone(), n.venue))
        {
            // What was known at the end of the as-of day; without one, before the match.
            let day = as_of
                .map(super::known_results::day_after)
                .or(next.as_ref().and_then(|n| n.date))
                .unwrap_or(c.season.last_day());
            let in_hand: Vec<(&matchday_core::Competition, &[matchday_core::Match])> = seasons
                .iter()
                .map(|l| (&l.competition, l.matches.as_slice()))
                .collect();
            let (odds, fitted_on_competitions) = super::known_results::match_odds(
                read,
                c,
                &in_hand,
                (team, opponent, venue),
                day,
                &ModelOptions::default(),
            )?;
            line.odds = Some(OddsView::of(&odds, fitted_on_competitions, name));
        }
        out.push((c.format != Format::League, line));
    }
    // Leagues first, then cups, each by name, as `track` lists them.
    out.sort_by(|a, b| (a.0, &a.1.competition).cmp(&(b.0, &b.1.competition)));
    let out = out.into_iter().map(|(_, line)| line).collect();
    Ok(out)
}

impl OddsView {
    fn of(
        odds: &MatchOdds,
        fitted_on_competitions: Vec<String>,
        name: &dyn Fn(TeamId) -> String,
    ) -> OddsView {
        OddsView {
            after: "90 minutes",
            win: odds.win,
            draw: odds.draw,
            loss: odds.loss,
            likeliest: odds
                .likeliest
                .iter()
                .map(|s| ScoreView {
                    score: format!("{}-{}", s.goals_for, s.goals_against),
                    probability: s.probability,
                })
                .collect(),
            expected_goals_for: odds.expected_goals.0,
            expected_goals_against: odds.expected_goals.1,
            fitted_on: odds.fitted_on,
            fitted_on_competitions,
            results: odds.results,
            unrated: odds.unrated.iter().map(|&t| name(t)).collect(),
        }
    }
}

/// The next match in words, for a line of its own: "Matchday 23 v Arsenal (a), Sun 4 Feb".
pub fn fixture_words(n: &NextMatchOdds) -> String {
    let Some(round) = &n.round else {
        return "no match to come".to_string();
    };
    let mut text = round.clone();
    match &n.opponent {
        Some(o) => text.push_str(&format!(" v {}", render::escaped(o))),
        None => text.push_str(", not yet drawn"),
    }
    if let Some(venue) = n.venue {
        text.push_str(super::track::venue_mark(venue));
    }
    if let Some(date) = n.date {
        text.push_str(&format!(", {}", date.format("%a %-d %b")));
    }
    text
}

/// The chances in words: "win 30%, draw 25%, loss 45%; likeliest 1-1 (12%), 1-2 (10%), 0-1 (9%)".
pub fn odds_words(o: &OddsView) -> String {
    let scores: Vec<String> = o
        .likeliest
        .iter()
        .map(|s| format!("{} ({})", s.score, chance_text(s.probability, None)))
        .collect();
    format!(
        "win {}, draw {}, loss {}; likeliest {}",
        chance_text(o.win, None),
        chance_text(o.draw, None),
        chance_text(o.loss, None),
        scores.join(", ")
    )
}

/// Which results the model was fitted on, in words.
fn fitted_words(o: &OddsView, competition: &str) -> String {
    // A long history is counted rather than listed.
    let listed = match o.fitted_on_competitions.len() {
        0..=4 => o.fitted_on_competitions.join(", "),
        n => format!("{n} competition-seasons"),
    };
    let mut text = format!("fitted on {} results ({listed})", o.results);
    if o.fitted_on == FittedOn::Leagues {
        text.push_str(&format!(": the {competition}'s own are too few"));
    }
    if !o.unrated.is_empty() {
        let unrated: Vec<String> = o
            .unrated
            .iter()
            .map(|u| render::escaped(u).into_owned())
            .collect();
        text.push_str(&format!("; no results for {}, rated average", unrated.join(", ")));
    }
    text
}

/// `matchday odds --team T` without a competition: every competition's next match.
pub fn run(
    store: &Store,
    team: &str,
    when: super::When,
    given: &super::given::Given,
    format: OutputFormat,
) -> anyhow::Result<String> {
    let read = store.read();
    let team = read.resolve_team(team)?;
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let entered = read.competitions_of(team)?;
    let season = super::club_season(&entered, when.season, when.as_of)
        .ok_or_else(|| anyhow::anyhow!("{} has no matches stored in any competition", name(team)))?;
    // As `track` counts it: while the season is on, the next match is counted from today.
    let today = chrono::Local::now().date_naive();
    let as_of = when.as_of.or(Some(today).filter(|d| season.contains(*d)));
    let mut seasons = entered
        .into_iter()
        .filter(|c| c.season == season)
        .map(|c| Loaded::of(&read, c))
        .collect::<anyhow::Result<Vec<Loaded>>>()?;
    let assumed = given.apply_across(&read, &mut seasons, as_of, &name(team))?;
    let lines = next_matches(&read, team, &seasons, as_of, &name)?;
    let output = match format {
        OutputFormat::Json => render::json(&lines),
        OutputFormat::Csv => next_csv(&name(team), &lines),
        OutputFormat::Table => {
            let screen = render::screen::current();
            let mut head = format!("{}, {season}", render::escaped(&name(team)));
            if let Some(day) = when.as_of {
                head.push_str(&format!(", as of {day}"));
            }
            head.push_str(": the next match in each competition, the chances after 90 minutes");
            let mut text = render::prose(&head, &screen);
            for n in &lines {
                text.push('\n');
                text.push_str(&render::prose(
                    &format!("{}: {}", n.competition, fixture_words(n)),
                    &screen,
                ));
                match &n.odds {
                    Some(o) => {
                        text.push_str(&render::prose(&format!("  {}", odds_words(o)), &screen));
                        text.push_str(&render::prose(
                            &format!("  {}", fitted_words(o, &n.competition)),
                            &screen,
                        ));
                    }
                    None if n.round.is_some() => {
                        text.push_str(&render::prose("  no odds until the opponent is known", &screen))
                    }
                    None => {}
                }
            }
            text.push('\n');
            text.push_str(&render::prose(
                "Extra time and penalties are not modelled: a draw is level after 90 minutes. \
                 A final on neutral ground (n) gives neither side the home edge.",
                &screen,
            ));
            Ok(text)
        }
    };
    output.map(|out| assumed.said(out, format))
}

fn next_csv(team: &str, lines: &[NextMatchOdds]) -> anyhow::Result<String> {
    let cells: Vec<Vec<String>> = lines
        .iter()
        .map(|n| {
            let o = n.odds.as_ref();
            let chance = |p: Option<f64>| p.map(|p| format!("{p:.4}")).unwrap_or_default();
            let mut row = vec![
                team.to_string(),
                n.competition.clone(),
                n.season.to_string(),
                n.round.clone().unwrap_or_default(),
                n.date.map(|d| d.to_string()).unwrap_or_default(),
                n.opponent.clone().unwrap_or_default(),
                n.venue.map(|v| super::track::json_word(&v)).unwrap_or_default(),
                chance(o.map(|o| o.win)),
                chance(o.map(|o| o.draw)),
                chance(o.map(|o| o.loss)),
            ];
            for k in 0..matchday_forecast::LIKELIEST_SCORES {
                let s = o.and_then(|o| o.likeliest.get(k));
                row.push(s.map(|s| s.score.clone()).unwrap_or_default());
                row.push(chance(s.map(|s| s.probability)));
            }
            row.push(
                o.map(|o| super::track::json_word(&o.fitted_on))
                    .unwrap_or_default(),
            );
            row.push(o.map(|o| o.results.to_string()).unwrap_or_default());
            row
        })
        .collect();
    render::csv(
        &[
            "team",
            "competition",
            "season",
            "round",
            "date",
            "opponent",
            "venue",
            "win",
            "draw",
            "loss",
            "score_1",
            "chance_1",
            "score_2",
            "chance_2",
            "score_3",
            "chance_3",
            "fitted_on",
            "results",
        ],
        &cells,
    )
}
