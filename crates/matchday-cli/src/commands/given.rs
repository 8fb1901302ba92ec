//! `--given`: results that `table`, `gaps`, `odds` and `track` assume for fixtures
//! still to play, in memory only (the commands open the database read-only, and
//! nothing is written). The matching of a typed result to its fixture is the
//! core's ([`matchday_core::WhatIf`]); this reads the words and says what was assumed.

use anyhow::Context;
use chrono::NaiveDate;
use matchday_core::{Assumption, Competition, Match, Pairing, ResultEntry, TeamId, WhatIf};

use super::Loaded;
use crate::args::OutputFormat;
use crate::refusal;

/// The `--given` option.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Given {
    /// Answer as if this result were in: a fixture still to play (on the --as-of
    /// day), "Arsenal 0-1 Liverpool"; repeat for more. Nothing is stored. A result
    /// counts on its fixture's day, or on the --as-of day when the fixture is later.
    /// Home and away may be typed either way round: when only the other order is
    /// still to play, it is meant; when both are, the order typed must be the next
    /// meeting (give the next first to assume the later).
    /// What was assumed is said in "Assuming:" lines above a table, on standard
    /// error with --format json or csv
    #[arg(long = "given", value_name = "RESULT")]
    pub results: Vec<String>,
}

/// What was assumed, in words: one line a result.
#[derive(Debug, Clone, Default)]
pub struct Assumed {
    lines: Vec<String>,
}

impl Given {
    /// Assumes the results given in `matches`, `competition`'s, seen on `as_of`.
    ///
    /// # Errors
    /// A result that cannot be read, names a team that is not one, or names no
    /// fixture of the competition still to play on `as_of`; one line saying which.
    pub fn apply(
        &self,
        read: &matchday_store::Reader<'_>,
        competition: &Competition,
        matches: &mut Vec<Match>,
        as_of: Option<NaiveDate>,
    ) -> anyhow::Result<Assumed> {
        self.assume_in(read, vec![(competition, matches)], as_of, None)
    }

    /// Assumes each result given in the one competition of `loaded` whose fixture it
    /// names, for `track`; `club` is the club tracked, for the words of a refusal.
    ///
    /// # Errors
    /// As [`Given::apply`], and a result whose fixture is still to play in more than one.
    pub fn apply_across(
        &self,
        read: &matchday_store::Reader<'_>,
        loaded: &mut [Loaded],
        as_of: Option<NaiveDate>,
        club: &str,
    ) -> anyhow::Result<Assumed> {
        let seasons = loaded
            .iter_mut()
            .map(|l| (&l.competition, &mut l.matches))
            .collect();
        self.assume_in(read, seasons, as_of, Some(club))
    }

    fn assume_in(
        &self,
        read: &matchday_store::Reader<'_>,
        mut seasons: Vec<(&Competition, &mut Vec<Match>)>,
        as_of: Option<NaiveDate>,
        club: Option<&str>,
    ) -> anyhow::Result<Assumed> {
        // With no competition there is nothing to assume in: the command says so itself.
        if self.results.is_empty() || seasons.is_empty() {
            return Ok(Assumed::default());
        }
        let names = read.team_names()?;
        let name = |t: TeamId| names.get(&t).cloned().unwrap_or_else(|| format!("team {}", t.0));
        let entrants = seasons
            .iter()
            .map(|(c, _)| read.entrants(c.id.expect("stored")))
            .collect::<Result<Vec<_>, _>>()?;
        let mut what_ifs: Vec<WhatIf<'_>> = seasons
            .iter_mut()
            .zip(&entrants)
            .map(|((c, m), e)| WhatIf::new(c, e, std::mem::take(*m), as_of))
            .collect();
        // Which typed result each competition's assumptions came from, in their order.
        let mut typed: Vec<Vec<&str>> = vec![Vec::new(); what_ifs.len()];
        let mut assumed = Vec::new();
        for text in &self.results {
            let context = || format!("--given \"{text}\"");
            let (pairing, result) = read_result(read, text).with_context(context)?;
            let found: Vec<usize> = (0..what_ifs.len())
                .filter(|&k| what_ifs[k].find(pairing, result).is_ok())
                .collect();
            let k = match found[..] {
                [k] => k,
                [] => {
                    let refusals: Vec<(usize, matchday_core::AssumeError)> = (0..what_ifs.len())
                        .filter_map(|k| what_ifs[k].find(pairing, result).err().map(|e| (k, e)))
                        .collect();
                    let why = match refusals
                        .iter()
                        .find(|(_, e)| e.names_a_match())
                        .or(refusals.first())
                    {
                        Some((k, e)) if what_ifs.len() == 1 || e.names_a_match() => {
                            refusal::given_words(e, &name, what_ifs[*k].competition())
                        }
                        _ => format!(
                            "no fixture {} v {} is still to play in {}, the competitions {} is in",
                            name(pairing.home()),
                            name(pairing.away()),
                            listed(what_ifs.iter().map(WhatIf::competition), "or"),
                            club.unwrap_or("the club")
                        ),
                    };
                    return Err(anyhow::anyhow!(why).context(context()));
                }
                _ => anyhow::bail!(
                    "{}: {} v {} is still to play in {}, and --given cannot tell which is meant",
                    context(),
                    name(pairing.home()),
                    name(pairing.away()),
                    listed(found.iter().map(|&k| what_ifs[k].competition()), "and")
                ),
            };
            let assumption = what_ifs[k].assume(pairing, result).expect("found above");
            let competition = (what_ifs.len() > 1).then(|| what_ifs[k].competition());
            assumed.push(format!(
                "{}{}",
                line(&assumption, competition, &name),
                crate::render::tie::turned(pairing, assumption.fixture.pairing, &name, "assumed")
            ));
            typed[k].push(text);
        }
        let mut finished = Vec::new();
        for (k, what_if) in what_ifs.into_iter().enumerate() {
            let competition = what_if.competition();
            match what_if.finish() {
                Ok(matches) => finished.push(matches),
                Err((i, e)) => anyhow::bail!(
                    "--given \"{}\": {}",
                    typed[k][i],
                    refusal::given_words(&e, &name, competition)
                ),
            }
        }
        for ((_, stored), matches) in seasons.iter_mut().zip(finished) {
            **stored = matches;
        }
        Ok(Assumed { lines: assumed })
    }
}

/// The teams and result typed, read with the parser `matchday result` uses.
fn read_result(
    read: &matchday_store::Reader<'_>,
    text: &str,
) -> anyhow::Result<(Pairing, matchday_core::MatchResult)> {
    let entry: ResultEntry = text.parse()?;
    let home = read.resolve_team(&entry.home)?;
    let away = read.resolve_team(&entry.away)?;
    Ok((Pairing::new(home, away)?, entry.result))
}

/// "Premier League 2023-24, FA Cup 2023-24 and EFL Cup 2023-24".
fn listed<'a>(competitions: impl Iterator<Item = &'a Competition>, last: &str) -> String {
    let names: Vec<String> = competitions.map(|c| format!("{} {}", c.name, c.season)).collect();
    match names.split_last() {
        Some((tail, head)) if !head.is_empty() => format!("{} {last} {tail}", head.join(", ")),
        _ => names.concat(),
    }
}

/// "Assuming: Arsenal 0-1 Liverpool (2024-04-28)", with the competition when there are
/// several, and the day it counts on when that is not the fixture's.
fn line(a: &Assumption, competition: Option<&Competition>, name: &dyn Fn(TeamId) -> String) -> String {
    let m = &a.assumed;
    let result = m.status.result().expect("assumed");
    let typed = crate::render::tie::typed_result(&name(m.pairing.home()), result, &name(m.pairing.away()));
    let mut when = Vec::new();
    if let Some(c) = competition {
        when.push(c.name.clone());
    }
    when.push(a.fixture.date.to_string());
    if a.moved() {
        when.push(format!("counted as played on {}", m.date));
    }
    format!("Assuming: {typed} ({})", when.join(", "))
}

impl Assumed {
    /// `output` saying what was assumed: for a table, a line a result above it;
    /// JSON and CSV keep their shape, and the lines go to standard error.
    pub fn said(&self, output: String, format: OutputFormat) -> String {
        if self.lines.is_empty() {
            return output;
        }
        match format {
            OutputFormat::Table => {
                let screen = crate::render::screen::current();
                let lines: String = self
                    .lines
                    .iter()
                    .map(|l| crate::render::prose(l, &screen))
                    .collect();
                format!("{lines}{output}")
            }
            OutputFormat::Json | OutputFormat::Csv => {
                // Names come from the store: their control characters shown escaped, as prose does.
                let lines: String = self
                    .lines
                    .iter()
                    .map(|l| format!("{}\n", crate::render::escaped(l)))
                    .collect();
                eprint!("{lines}");
                output
            }
        }
    }
}
