//! `matchday scenarios`: what the next round's results decide for one club and one zone,
//! in a fan's words.

use chrono::NaiveDate;
use matchday_core::{FixtureEntry, TeamId, Zone};
use matchday_forecast::{Condition, Fixture, Outcome, Outcomes, Scenarios, Verdict, is_bottom};
use matchday_store::Store;
use serde::Serialize;

use crate::render::{self, escaped, ordinal};

/// What the next round's results mean for a club: clinched, out, or still open
///
/// The combinations of results of the next match day (the fixtures on the first
/// day with any left, or on --date, or the matches named with --matches) under
/// which the club is sure of a zone, is out of it, or still cannot tell, with
/// only the matches that matter named: "Manchester City are champions if they
/// beat West Ham United, or if Arsenal do not beat Everton". The zone is the best
/// one the club can still reach and has not clinched, unless --zone names one;
/// for a zone at the foot of the table the question is staying out of it.
///
/// Ties: level on points counts against the club for what it hopes for (the
/// zone, or staying up) and for it for what it fears, as the best and worst
/// places of `matchday gaps` count them: nothing is called settled that goal
/// difference or head-to-head would have to decide. The answer is exact (a split
/// league only once its sections are drawn); a long shot's question (a bottom club
/// and the title in February) may reach the search's limits, and then says so:
/// what it calls settled is still true.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday scenarios premier-league --team \"Man City\" --as-of 2024-05-18
  matchday scenarios premier-league --team Luton --zone relegation --as-of 2024-05-18
  matchday scenarios premier-league --team Arsenal --as-of 2024-05-18 --matches \"Arsenal v Everton\" \"Man City v West Ham\" --format json")]
pub struct Args {
    /// The league: its slug or part of its name
    pub competition: String,

    /// The club the question is about
    #[arg(long, short)]
    pub team: String,

    /// The zone, as the league names it ("champions", "champions-league", "relegation"),
    /// or "top four" for places 1 to 4 [default: the best zone the club can still reach
    /// and has not clinched]
    #[arg(long, short)]
    pub zone: Option<String>,

    /// The round: the fixtures stored for this day [default: the first day with fixtures left]
    #[arg(long, short, value_parser = super::parse_date, conflicts_with = "matches")]
    pub date: Option<NaiveDate>,

    /// The round: these matches left to play, each "Home v Away"
    #[arg(long, num_args = 1.., value_name = "HOME v AWAY")]
    pub matches: Vec<String>,

    #[command(flatten)]
    pub when: super::When,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// How `scenarios` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Sentences for people
    #[default]
    Table,
    /// JSON for programs
    Json,
}

/// The JSON answer; field names are a stable contract.
#[derive(Debug, Serialize)]
struct ScenariosJson {
    competition: String,
    season: String,
    as_of: Option<NaiveDate>,
    team: String,
    zone: ZoneJson,
    matches: Vec<MatchJson>,
    /// "clinched", "eliminated" or "undecided" with the round still to play.
    before: &'static str,
    clinched: Vec<Vec<LiteralJson>>,
    eliminated: Vec<Vec<LiteralJson>>,
    undecided: Vec<Vec<LiteralJson>>,
    last_round: bool,
    exact: bool,
    ties: &'static str,
}

#[derive(Debug, Serialize)]
struct ZoneJson {
    name: String,
    first: u16,
    last: u16,
    /// A zone at the foot of the table: clinched is relegated, eliminated is safe.
    bottom: bool,
    /// Whether --zone named it (else it is the zone still in play).
    named: bool,
}

#[derive(Debug, Serialize)]
struct MatchJson {
    home: String,
    away: String,
    date: Option<NaiveDate>,
}

/// One match of a condition and the outcomes it allows.
#[derive(Debug, Serialize)]
struct LiteralJson {
    #[serde(rename = "match")]
    fixture: String,
    outcomes: Vec<&'static str>,
}

const TIES: &str = "level on points counts against the club for what it hopes for (the zone, or staying up) \
                    and for it for what it fears: nothing is called settled that goal difference or \
                    head-to-head would have to decide";

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let names = read.team_names()?;
    let asked = read.resolve_team(&args.team)?;
    let super::League { loaded, state } = super::League::load(&read, &args.competition, args.when)?;
    let competition = &loaded.competition;
    let mut league = format!("{} {}", competition.name, competition.season);
    if let Some(day) = args.when.as_of {
        league.push_str(&format!(" as of {day}"));
    }
    let name = |id: TeamId| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("team {}", id.0))
    };
    let Some(team) = state.index_of(asked) else {
        anyhow::bail!("{} is not in {league}", escaped(&name(asked)));
    };
    let round = round(&read, &state, &args, &league, &name)?;
    let zones = state.zones();
    let listed = zones
        .iter()
        .map(|z| z.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let zone = match &args.zone {
        Some(typed) => {
            let key = |s: &str| s.trim().to_lowercase().replace([' ', '_'], "-");
            // A fan's "top four" is the zone of places 1 to 4.
            let top = key(typed).strip_prefix("top-").and_then(|n| {
                n.parse::<u16>()
                    .ok()
                    .or_else(|| (1..=10).find(|&k| number(k) == n))
            });
            zones
                .iter()
                .find(|z| key(&z.name) == key(typed))
                .or_else(|| zones.iter().find(|z| z.first == 1 && Some(z.last) == top))
                .cloned()
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "{league} has no zone '{}': its zones are {listed}",
                        escaped(typed)
                    )
                })?
        }
        None => state
            .zone_in_play(team)
            .map_err(|e| anyhow::anyhow!("{league}: {e}"))?
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "{} have every zone of {league} settled, in or out: name one with --zone ({listed})",
                    escaped(&name(asked))
                )
            })?,
    };
    let answer = state
        .scenarios(team, &zone, &round)
        .map_err(|e| anyhow::anyhow!("{league}: {e}"))?;
    let fixture_name = |f: &Fixture| {
        format!(
            "{} v {}",
            name(state.teams()[f.home]),
            name(state.teams()[f.away])
        )
    };
    let teams = state.teams().len() as u16;
    match args.format {
        Format::Json => {
            let conditions = |list: &[Condition]| -> Vec<Vec<LiteralJson>> {
                list.iter()
                    .map(|c| {
                        c.outcomes
                            .iter()
                            .map(|&(m, set)| LiteralJson {
                                fixture: fixture_name(&answer.matches[m]),
                                outcomes: set.iter().map(outcome_key).collect(),
                            })
                            .collect()
                    })
                    .collect()
            };
            render::json(&ScenariosJson {
                competition: competition.name.clone(),
                season: competition.season.to_string(),
                as_of: args.when.as_of,
                team: name(asked),
                zone: ZoneJson {
                    name: zone.name.clone(),
                    first: zone.first,
                    last: zone.last,
                    bottom: is_bottom(&zone, teams),
                    named: args.zone.is_some(),
                },
                matches: answer
                    .matches
                    .iter()
                    .map(|f| MatchJson {
                        home: name(state.teams()[f.home]),
                        away: name(state.teams()[f.away]),
                        date: f.date,
                    })
                    .collect(),
                before: verdict_key(answer.before),
                clinched: conditions(&answer.clinched),
                eliminated: conditions(&answer.eliminated),
                undecided: conditions(&answer.undecided),
                last_round: answer.last_round,
                exact: answer.exact,
                ties: TIES,
            })
        }
        Format::Table => {
            let words = Words {
                team: name(asked),
                zone: &zone,
                bottom: is_bottom(&zone, teams),
                names: state.teams().iter().map(|&t| name(t)).collect(),
                own: team,
            };
            let round_words = match (
                &args.matches.is_empty(),
                answer.matches.first().and_then(|f| f.date),
            ) {
                (true, Some(day)) => format!("the {} on {day}", count(answer.matches.len())),
                _ => format!("the {} named", count(answer.matches.len())),
            };
            Ok(render::prose(
                &words.text(&answer, &league, args.zone.is_none(), &round_words, &fixture_name),
                &render::screen::current(),
            ))
        }
    }
}

/// The round's matches, by index in the state's fixtures: those named, or the next match day.
fn round(
    read: &matchday_store::Reader<'_>,
    state: &matchday_forecast::LeagueState,
    args: &Args,
    league: &str,
    name: &dyn Fn(TeamId) -> String,
) -> anyhow::Result<Vec<usize>> {
    if state.fixtures().is_empty() {
        anyhow::bail!("nothing is left to play in {league}");
    }
    if args.matches.is_empty() {
        let round = state.next_round(args.date);
        if round.is_empty() {
            match args.date {
                Some(day) => anyhow::bail!("no match of {league} is left to play on {day}"),
                None => anyhow::bail!(
                    "no match left to play in {league} has a date: name them with --matches \"Home v Away\""
                ),
            }
        }
        return Ok(round);
    }
    let mut round = Vec::new();
    for typed in &args.matches {
        let entry: FixtureEntry = typed.parse()?;
        let (home, away) = (read.resolve_team(&entry.home)?, read.resolve_team(&entry.away)?);
        let at = |t: TeamId| state.index_of(t);
        let meetings: Vec<usize> = (0..state.fixtures().len())
            .filter(|&f| {
                let fixture = state.fixtures()[f];
                Some(fixture.home) == at(home) && Some(fixture.away) == at(away)
            })
            .collect();
        let (home, away) = (
            escaped(&name(home)).into_owned(),
            escaped(&name(away)).into_owned(),
        );
        if meetings.is_empty() {
            anyhow::bail!("{home} v {away} is not a match left to play in {league}");
        }
        // The next of their meetings not named already (two left at one ground: named twice).
        match meetings.into_iter().find(|f| !round.contains(f)) {
            Some(f) => round.push(f),
            None => anyhow::bail!("{home} v {away} is named more often than it is left to play"),
        }
    }
    Ok(round)
}

/// "one match", "10 matches".
fn count(matches: usize) -> String {
    match matches {
        1 => "one match".into(),
        n => format!("{n} matches"),
    }
}

fn outcome_key(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::HomeWin => "home_win",
        Outcome::Draw => "draw",
        Outcome::AwayWin => "away_win",
    }
}

fn verdict_key(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Clinched => "clinched",
        Verdict::Eliminated => "eliminated",
        Verdict::Undecided => "undecided",
    }
}

/// The words for one club and zone.
struct Words<'a> {
    team: String,
    zone: &'a Zone,
    bottom: bool,
    names: Vec<String>,
    own: usize,
}

impl Words<'_> {
    /// What the club is with each verdict: "are champions", "stay up".
    fn state(&self, verdict: Verdict) -> String {
        let z = self.zone;
        let places = if z.first == z.last {
            ordinal(z.first)
        } else {
            format!("{}-{}", ordinal(z.first), ordinal(z.last))
        };
        let relegation = z.name.contains("relegation");
        match (verdict, self.bottom) {
            (Verdict::Clinched, true) if relegation => "are relegated".into(),
            (Verdict::Eliminated, true) if relegation => "stay up".into(),
            (Verdict::Clinched, true) => format!("finish in the {} places ({places})", z.name),
            (Verdict::Eliminated, true) => format!("stay out of the {} places ({places})", z.name),
            (Verdict::Clinched, false) if z.name == "champions" && z.last == 1 => "are champions".into(),
            (Verdict::Eliminated, false) if z.name == "champions" && z.last == 1 => {
                "cannot be champions".into()
            }
            (Verdict::Clinched, false) if z.first == 1 && z.last > 1 => {
                format!("are sure of the top {} ({})", number(z.last), z.name)
            }
            (Verdict::Eliminated, false) if z.first == 1 && z.last > 1 => {
                format!("cannot finish in the top {} ({})", number(z.last), z.name)
            }
            (Verdict::Clinched, false) => format!("are sure of {places} ({})", z.name),
            (Verdict::Eliminated, false) => format!("cannot finish {places} ({})", z.name),
            (Verdict::Undecided, _) => "still do not know".into(),
        }
    }

    /// The whole answer in sentences.
    fn text(
        &self,
        answer: &Scenarios,
        league: &str,
        in_play: bool,
        round: &str,
        fixture_name: &dyn Fn(&Fixture) -> String,
    ) -> String {
        let z = self.zone;
        let mut lines = vec![format!(
            "{}, {} ({}): {league}, {round}",
            self.team,
            z.name,
            if z.first == z.last {
                ordinal(z.first)
            } else {
                format!("{}-{}", ordinal(z.first), ordinal(z.last))
            }
        )];
        if in_play {
            lines.push(if self.bottom {
                format!(
                    "The zone is the one {} may yet finish in and are not sure of (another: --zone).",
                    self.team
                )
            } else {
                format!(
                    "The zone is the best {} can still reach and are not sure of (another: --zone).",
                    self.team
                )
            });
        }
        if answer.before != Verdict::Undecided {
            lines.push(format!(
                "Whatever happens, {} {}.",
                self.team,
                self.state(answer.before)
            ));
        } else {
            let mut named: Vec<usize> = Vec::new();
            for c in answer
                .clinched
                .iter()
                .chain(&answer.eliminated)
                .chain(&answer.undecided)
            {
                for &(m, _) in &c.outcomes {
                    if !named.contains(&m) {
                        named.push(m);
                    }
                }
            }
            if named.is_empty() {
                lines.push("None of these matches changes the answer.".into());
            } else {
                let list: Vec<String> = named.iter().map(|&m| fixture_name(&answer.matches[m])).collect();
                lines.push(format!("The matches that matter: {}.", list.join(", ")));
            }
            // The good news first: for a bottom zone, staying out of it.
            let order = if self.bottom {
                [Verdict::Eliminated, Verdict::Clinched]
            } else {
                [Verdict::Clinched, Verdict::Eliminated]
            };
            let mut subject = self.team.clone();
            for verdict in order {
                let list = match verdict {
                    Verdict::Clinched => &answer.clinched,
                    _ => &answer.eliminated,
                };
                if list.is_empty() {
                    continue;
                }
                lines.push(format!(
                    "{subject} {} {}.",
                    self.state(verdict),
                    self.conditions(list, answer)
                ));
                subject = "They".into();
            }
            if !answer.undecided.is_empty() {
                let mut line = format!(
                    "It is still undecided {}",
                    self.conditions(&answer.undecided, answer)
                );
                if answer.last_round {
                    line.push_str(
                        ": with nothing left to play they would be level on points with a rival across \
                         the line, which goal difference or head-to-head would settle",
                    );
                }
                line.push('.');
                lines.push(line);
            }
        }
        lines.push(format!("Ties: {TIES}."));
        if !answer.exact {
            lines.push(
                "A search hit its limit: a combination called undecided may in truth be settled; none called settled is wrong."
                    .into(),
            );
        }
        lines.join("\n")
    }

    /// "if they beat West Ham, or if Arsenal do not beat Everton"; "whatever happens in
    /// these matches" for a condition naming none.
    fn conditions(&self, list: &[Condition], answer: &Scenarios) -> String {
        if list.iter().any(|c| c.outcomes.is_empty()) {
            return "whatever happens in these matches".into();
        }
        let parts: Vec<String> = list
            .iter()
            .map(|c| {
                let said: Vec<String> = c
                    .outcomes
                    .iter()
                    .map(|&(m, set)| self.literal(&answer.matches[m], set))
                    .collect();
                format!("if {}", said.join(" and "))
            })
            .collect();
        parts.join(", or ")
    }

    /// One match's outcomes as a fan says them, from the club's side when it plays.
    fn literal(&self, fixture: &Fixture, set: Outcomes) -> String {
        let (home, away) = (&self.names[fixture.home], &self.names[fixture.away]);
        let (subject, opponent, set) = if fixture.home == self.own {
            ("they".to_string(), away, set)
        } else if fixture.away == self.own {
            // From the club's side: its win is the away win.
            let mut flipped = None::<Outcomes>;
            for o in set.iter() {
                let mirrored = match o {
                    Outcome::HomeWin => Outcome::AwayWin,
                    Outcome::Draw => Outcome::Draw,
                    Outcome::AwayWin => Outcome::HomeWin,
                };
                flipped = Some(flipped.map_or(Outcomes::of(mirrored), |f| f.with(mirrored)));
            }
            ("they".to_string(), home, flipped.expect("a set is never empty"))
        } else {
            (home.clone(), away, set)
        };
        let has = |o| set.contains(o);
        let verb = match (has(Outcome::HomeWin), has(Outcome::Draw), has(Outcome::AwayWin)) {
            (true, false, false) => "beat",
            (false, true, false) => "draw with",
            (false, false, true) => "lose to",
            (true, true, false) => "do not lose to",
            (false, true, true) => "do not beat",
            _ => "do not draw with",
        };
        format!("{subject} {verb} {opponent}")
    }
}

/// Small numbers in words, as fans say "the top four".
fn number(n: u16) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS.get(usize::from(n)).map_or(n.to_string(), |w| w.to_string())
}
