//! Cups and tournaments simulated to the final through their real structure:
//! each team's chance of reaching each knockout round and of winning.
//!
//! What is stored as of the day is taken as it is: decided ties decide, a tie
//! under way is finished from where it stands (a first leg played counts toward
//! the aggregate; a drawn meeting is replayed), groups are played out from their
//! tables. The rest follows the competition's structure ([`matchday_core::Structure`])
//! and its knockout rules ([`KnockoutRules`], catalogue data):
//! - groups (or a league phase's one table) are ranked under the competition's
//!   tie-breakers, lots deciding teams level on every criterion; the teams going on
//!   are the ones its qualification names, best-placed qualifiers ranked on the
//!   overall criteria, each to the round it names (a league phase's 9th to 24th to
//!   the knockout play-offs, its top eight to the round of 16);
//! - ties are single matches (extra time, then penalties), replayed where the
//!   rules say, or two legs (aggregate, away goals where counted, extra time,
//!   penalties); see [`pitch`] for extra time and penalties;
//! - a round not drawn yet is drawn as the rules say ([`matchday_core::KnockoutDraw`]):
//!   openly, seeded after a table, or along a fixed bracket. The real World Cup 2026
//!   and UEFA brackets fix the round of 32 (or 16) by group position; this draw
//!   only keeps the better-placed half apart and group rivals from meeting.
//!
//! Each match comes from a [`MatchModel`]: on neutral ground no side has the home
//! edge (a single-match final, the rounds the catalogue plays at a neutral ground,
//! and every match of a finals tournament). Counts are whole runs, so a team out
//! shows 0 exactly and a winner 1. The same seed gives the same answer whatever
//! the number of threads.

mod draw;
mod pitch;
mod table;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use matchday_core::{
    Bracket, Competition, Destination, KnockoutError, KnockoutRules, KnockoutTie, Match, Round, TeamId,
    TieFormat, Venue,
};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::simulate::{CHUNK, chunk_seed};
use crate::{MatchModel, SimulationOptions};
use draw::{Entrant, NO_GROUP, UNSEEDED, draw_round};
use pitch::{Pitch, TiePlay, TieStart};
use table::{Qualifier, TableScratch, TableStage};

/// Why a competition cannot be simulated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TournamentError {
    /// A league: see `simulate`.
    #[error("a league has no knockout rounds to simulate")]
    NoRounds,
    /// A stored match cannot be read as a tie.
    #[error(transparent)]
    Knockout(#[from] KnockoutError),
    /// A team in the matches that is not among the teams given.
    #[error("team {0:?} plays in the competition but is not among its teams")]
    UnknownTeam(TeamId),
    /// A round the structure cannot fill: teams come from outside the stored
    /// competition (the Europa League's play-offs against Champions League thirds, or
    /// clubs entering in a later round), or its files are incomplete.
    #[error("{round} would hold {teams} teams, not {expected}: teams join from outside what is stored")]
    RoundSize {
        /// The round.
        round: Round,
        /// The teams the simulation brings to it.
        teams: usize,
        /// The teams the round holds.
        expected: u16,
    },
}

/// One knockout round of the forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundColumn {
    /// The round.
    pub round: Round,
    /// Whether the simulation drew its ties (the competition had not by the as-of day).
    pub drawn_by_simulation: bool,
}

/// One team's chances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamChances {
    /// The team.
    pub team: TeamId,
    /// `reach[i]`: the chance of playing in round `i` of [`TournamentForecast::rounds`].
    pub reach: Vec<f64>,
    /// The chance of winning the competition.
    pub win: f64,
    /// What the results alone settle, per round and then for the win: `Some(true)` that
    /// it does, `Some(false)` that it does not (out already), `None` for a chance.
    pub settled: Vec<Option<bool>>,
    /// Whether the team was still in the competition where the forecast starts (in
    /// the groups simulated, or in the first round shown).
    pub in_play: bool,
}

/// The forecast of a cup or tournament.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TournamentForecast {
    /// Runs simulated.
    pub sims: u64,
    /// The seed used.
    pub seed: u64,
    /// Whether the groups (or league phase) were simulated before the knockout rounds.
    pub table_stage: bool,
    /// The knockout rounds on the path to the trophy, from the first not yet decided.
    pub rounds: Vec<RoundColumn>,
    /// Every team given, in the order given.
    pub teams: Vec<TeamChances>,
}

/// A tie of a round drawn by the as-of day.
#[derive(Debug, Clone, Copy)]
enum DrawnTie {
    Decided {
        winner: usize,
        loser: usize,
    },
    Open {
        first: usize,
        second: usize,
        start: TieStart,
    },
}

/// One knockout round as the simulation plays it.
#[derive(Debug, Clone)]
struct PlannedRound {
    round: Round,
    /// The ties drawn by the as-of day; none when the round is still to be drawn.
    drawn: Option<Vec<DrawnTie>>,
    /// Teams that skip the round into the next (byes, as the bracket found them).
    byes: Vec<usize>,
    /// Teams entering the competition in this round, not yet drawn: clubs whose first
    /// stored match is in it (the Premier League's in the FA Cup's third round). Who
    /// enters when is the competition's rule, known before the draw.
    entering: Vec<usize>,
    play: TiePlay,
    neutral: bool,
}

/// Everything a run needs, read once from what is stored.
struct Plan {
    n: usize,
    table: Option<TableStage>,
    rounds: Vec<PlannedRound>,
    /// Teams going into the first planned round from the knockout rounds before it.
    carried: Vec<usize>,
    rules: KnockoutRules,
    alive: Vec<bool>,
    /// Once the table is finished and no lot decides who goes on: each team's first
    /// column, or none for a team out (see [`Plan::table_entries`]).
    entries: Option<Vec<Option<usize>>>,
}

/// Simulates the rest of `competition` from `matches` as they stood on `as_of`,
/// `options.sims` times: `teams` are the model's teams, in its order.
///
/// # Errors
/// [`TournamentError`] for a league, a match that cannot be read as a tie, a team
/// missing from `teams`, or a round the structure cannot fill.
#[allow(clippy::too_many_arguments)]
pub fn simulate_tournament(
    competition: &Competition,
    teams: &[TeamId],
    matches: &[Match],
    as_of: Option<NaiveDate>,
    (rules, neutral_rounds): (&KnockoutRules, &[Round]),
    model: &MatchModel,
    options: &SimulationOptions,
) -> Result<TournamentForecast, TournamentError> {
    let mut plan = Plan::new(competition, teams, matches, as_of, rules, neutral_rounds)?;
    let pitch = Pitch::new(
        model,
        plan.n,
        &plan.alive,
        rules.neutral_grounds,
        competition.away_goals,
    );
    plan.entries = plan.table_entries(&pitch);
    let columns = plan.rounds.len();
    let chunks = options.sims.div_ceil(CHUNK);
    let failed = AtomicU64::new(u64::MAX);
    let tally = (0..chunks)
        .into_par_iter()
        .map(|chunk| {
            let runs = CHUNK.min(options.sims - chunk * CHUNK);
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(chunk_seed(options.seed, chunk));
            let mut run = Run::new(plan.n, columns);
            for _ in 0..runs {
                if let Err(round) = run.play(&plan, &pitch, &mut rng) {
                    failed.fetch_min(round as u64, Ordering::Relaxed);
                    break;
                }
            }
            run.counts
        })
        .reduce(
            || vec![0u64; plan.n * (columns + 1)],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    let failed = failed.load(Ordering::Relaxed);
    if failed != u64::MAX {
        // Re-run one to name the round and its count.
        let mut run = Run::new(plan.n, columns);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(options.seed);
        let _ = run.play(&plan, &pitch, &mut rng);
        let (round, teams, expected) = run.misfit.unwrap_or((plan.rounds[failed as usize].round, 0, 0));
        return Err(TournamentError::RoundSize {
            round,
            teams,
            expected,
        });
    }
    let sims = options.sims as f64;
    Ok(TournamentForecast {
        sims: options.sims,
        seed: options.seed,
        table_stage: plan.table.is_some(),
        rounds: plan
            .rounds
            .iter()
            .map(|r| RoundColumn {
                round: r.round,
                drawn_by_simulation: r.drawn.is_none(),
            })
            .collect(),
        teams: teams
            .iter()
            .enumerate()
            .map(|(i, &team)| {
                let row = &tally[i * (columns + 1)..(i + 1) * (columns + 1)];
                TeamChances {
                    team,
                    reach: row[..columns].iter().map(|&c| c as f64 / sims).collect(),
                    win: row[columns] as f64 / sims,
                    settled: plan.settled(i),
                    in_play: plan.alive[i],
                }
            })
            .collect(),
    })
}

/// The model fitted on the results of `matches` known on `as_of` (their 90 minutes),
/// its teams `teams` in that order: what `odds` simulates a cup with.
pub fn fit_on_competition(
    teams: &[TeamId],
    matches: &[Match],
    as_of: Option<NaiveDate>,
    options: &crate::ModelOptions,
) -> MatchModel {
    let positions: HashMap<TeamId, usize> = teams.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let results: Vec<crate::PlayedResult> = matches
        .iter()
        .filter_map(|m| {
            let score = m.result_as_of(as_of)?.score()?;
            Some(crate::PlayedResult {
                home: *positions.get(&m.pairing.home())?,
                away: *positions.get(&m.pairing.away())?,
                home_goals: score.home(),
                away_goals: score.away(),
                date: m.date,
            })
        })
        .collect();
    let day = as_of.or_else(|| results.iter().map(|r| r.date).max());
    MatchModel::fit_results(teams.len(), &results, day, options)
}

impl Plan {
    /// What the results settle for `team`: see [`TeamChances::settled`]. Only the first
    /// round shown is read: later drawn ties may name teams the simulation replaces.
    fn settled(&self, team: usize) -> Vec<Option<bool>> {
        let columns = self.rounds.len();
        if !self.alive[team] {
            return vec![Some(false); columns + 1];
        }
        let mut settled = vec![None; columns + 1];
        // A finished table settles where its teams go (rounds before are skipped).
        if let Some(entries) = &self.entries
            && self.table.as_ref().is_some_and(|t| t.teams().any(|x| x == team))
        {
            match entries[team] {
                Some(first) => {
                    settled[..first].fill(Some(false));
                    settled[first] = Some(true);
                }
                None => settled.fill(Some(false)),
            }
        }
        if self.carried.contains(&team) || self.rounds[0].byes.contains(&team) {
            settled[0] = Some(true);
        }
        // A club entering in a later round plays none before it.
        if let Some(k) = self.rounds.iter().position(|r| r.entering.contains(&team)) {
            settled[..k].fill(Some(false));
            settled[k] = Some(true);
        }
        for tie in self.rounds[0].drawn.iter().flatten() {
            match *tie {
                DrawnTie::Decided { winner, .. } if team == winner => {
                    settled[0] = Some(true);
                    settled[1] = Some(true);
                }
                DrawnTie::Decided { loser, .. } if team == loser => {
                    settled[0] = Some(true);
                    settled[1..].fill(Some(false));
                }
                DrawnTie::Open { first, second, .. } if team == first || team == second => {
                    settled[0] = Some(true);
                }
                _ => {}
            }
        }
        settled
    }

    /// With the table finished, the column each of its teams enters the knockout rounds
    /// at (none for a team out), when lots decide nothing: the same from several runs
    /// of the table. None while groups are playing.
    fn table_entries(&self, pitch: &Pitch<'_>) -> Option<Vec<Option<usize>>> {
        let table = self.table.as_ref().filter(|t| t.is_finished())?;
        let mut scratch = TableScratch::default();
        let mut qualifiers = Vec::new();
        let mut first: Option<Vec<Option<usize>>> = None;
        for seed in 0..8 {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
            table.play(&mut rng, pitch, &mut scratch, &mut qualifiers);
            let mut entries = vec![None; self.n];
            for q in &qualifiers {
                let column = match q.to {
                    Destination::NextStage => Some(0),
                    Destination::Round(r) => self.rounds.iter().position(|p| p.round == r),
                };
                entries[q.team] = column;
            }
            match &first {
                Some(before) if *before != entries => return None,
                Some(_) => {}
                None => first = Some(entries),
            }
        }
        first
    }

    fn new(
        competition: &Competition,
        teams: &[TeamId],
        matches: &[Match],
        as_of: Option<NaiveDate>,
        rules: &KnockoutRules,
        neutral_rounds: &[Round],
    ) -> Result<Plan, TournamentError> {
        if competition.format == matchday_core::Format::League {
            return Err(TournamentError::NoRounds);
        }
        let n = teams.len();
        let positions: HashMap<TeamId, usize> = teams.iter().enumerate().map(|(i, &t)| (t, i)).collect();
        let index = |t: TeamId| positions.get(&t).copied().ok_or(TournamentError::UnknownTeam(t));
        let groups = matchday_core::stage_groups(competition, matches);
        let table = if competition.structure.group_phase().is_some() && !groups.is_empty() {
            Some(TableStage::new(
                competition,
                &groups,
                as_of,
                rules.neutral_grounds,
                &index,
            )?)
        } else {
            None
        };
        let bracket = Bracket::build(competition, matches, as_of)?;
        let path: Vec<&matchday_core::BracketRound> = bracket
            .rounds
            .iter()
            .filter(|r| r.round.is_on_path_to_trophy() && !(table.is_some() && r.round.is_qualifying()))
            .collect();
        if path.is_empty() {
            return Err(TournamentError::NoRounds);
        }
        let settled = |r: &matchday_core::BracketRound| {
            !r.ties.is_empty() && r.ties.iter().all(|t| t.winner().is_some())
        };
        // With a table stage every knockout round is shown; otherwise from the first
        // round not yet settled (the final, once everything is).
        let first = if table.is_some() {
            0
        } else {
            path.iter().position(|r| !settled(r)).unwrap_or(path.len() - 1)
        };
        let mut carried = Vec::new();
        if first > 0 {
            let before = path[first - 1];
            for tie in &before.ties {
                carried.extend(tie.winner().map(index).transpose()?);
            }
            for &bye in &before.byes {
                carried.push(index(bye)?);
            }
        }
        let mut alive = vec![false; n];
        if let Some(table) = &table {
            table.teams().for_each(|t| alive[t] = true);
        }
        carried.iter().for_each(|&t| alive[t] = true);
        // Teams met before each round, in any stored match, whatever its date.
        let mut seen: std::collections::HashSet<TeamId> =
            groups.iter().flat_map(|g| g.teams.iter().copied()).collect();
        let mut entering_in = Vec::with_capacity(path.len());
        for r in &path {
            let stored = matchday_core::ties_in_round(competition, r.round, matches, None)?;
            let new: Vec<TeamId> = stored
                .iter()
                .flat_map(|t| [t.teams().0, t.teams().1])
                .filter(|t| !seen.contains(t))
                .collect();
            seen.extend(new.iter().copied());
            entering_in.push(new);
        }
        let mut rounds = Vec::with_capacity(path.len() - first);
        for (r, entering) in path[first..].iter().zip(&entering_in[first..]) {
            let round = r.round;
            let play = if rules.is_two_legged(round) {
                TiePlay::TwoLegs
            } else if rules.is_replayed(round) {
                TiePlay::Replayed
            } else {
                TiePlay::Single
            };
            let neutral = rules.neutral_grounds
                || neutral_rounds.contains(&round)
                || (round == Round::Final && play != TiePlay::TwoLegs);
            let drawn = if r.ties.is_empty() {
                None
            } else {
                Some(
                    r.ties
                        .iter()
                        .map(|tie| drawn_tie(tie, as_of, rules, neutral, &index))
                        .collect::<Result<Vec<_>, _>>()?,
                )
            };
            for tie in drawn.iter().flatten() {
                if let DrawnTie::Open { first, second, .. } = *tie {
                    alive[first] = true;
                    alive[second] = true;
                }
                if let DrawnTie::Decided { winner, loser } = *tie {
                    alive[winner] = true;
                    alive[loser] = true;
                }
            }
            let byes = r.byes.iter().map(|&t| index(t)).collect::<Result<Vec<_>, _>>()?;
            byes.iter().for_each(|&t| alive[t] = true);
            // Only a round still to be drawn takes entrants: a drawn one lists them in its ties.
            let entering = if drawn.is_none() {
                entering
                    .iter()
                    .map(|&t| index(t))
                    .collect::<Result<Vec<_>, _>>()?
            } else {
                Vec::new()
            };
            entering.iter().for_each(|&t| alive[t] = true);
            rounds.push(PlannedRound {
                round,
                drawn,
                byes,
                entering,
                play,
                neutral,
            });
        }
        Ok(Plan {
            n,
            table,
            rounds,
            carried,
            rules: rules.clone(),
            alive,
            entries: None,
        })
    }
}

/// A drawn tie as it stood on `as_of`.
fn drawn_tie(
    tie: &KnockoutTie,
    as_of: Option<NaiveDate>,
    rules: &KnockoutRules,
    neutral: bool,
    index: &dyn Fn(TeamId) -> Result<usize, TournamentError>,
) -> Result<DrawnTie, TournamentError> {
    let (a, b) = tie.teams();
    let (first, second) = (index(a)?, index(b)?);
    if let Some(winner) = tie.winner() {
        let winner = index(winner)?;
        let loser = if winner == first { second } else { first };
        return Ok(DrawnTie::Decided { winner, loser });
    }
    let played: Vec<&Match> = tie
        .matches()
        .iter()
        .filter(|m| m.result_as_of(as_of).is_some())
        .collect();
    let stored_neutral = tie.matches().first().is_some_and(|m| m.venue == Venue::Neutral);
    let neutral = neutral || stored_neutral;
    let start = match tie.format() {
        TieFormat::TwoLegs => {
            // The first leg's 90 minutes, from the first team's side.
            let first_leg = played.iter().find(|m| m.leg != Some(2)).and_then(|m| {
                let score = m.result_as_of(as_of)?.score()?;
                Some(if m.pairing.home() == a {
                    (score.home(), score.away())
                } else {
                    (score.away(), score.home())
                })
            });
            TieStart {
                first_leg,
                ..TieStart::fresh(TiePlay::TwoLegs, false)
            }
        }
        TieFormat::WithReplays => TieStart {
            level_meetings: played.len() as u8,
            ..TieStart::fresh(TiePlay::Replayed, neutral)
        },
        TieFormat::SingleMatch if rules.is_replayed(tie.round()) => TieStart {
            level_meetings: played.len() as u8,
            ..TieStart::fresh(TiePlay::Replayed, neutral)
        },
        TieFormat::SingleMatch => TieStart::fresh(TiePlay::Single, neutral),
    };
    Ok(DrawnTie::Open { first, second, start })
}

/// One worker's buffers and tallies.
struct Run {
    columns: usize,
    /// `counts[team * (columns + 1) + i]`: runs in which team played round i; the last, won.
    counts: Vec<u64>,
    qualifiers: Vec<Qualifier>,
    scratch: TableScratch,
    entrants: Vec<Entrant>,
    next: Vec<Entrant>,
    pairs: Vec<(usize, usize)>,
    /// Per team this run: the team that knocked it out, or usize::MAX.
    beaten_by: Vec<usize>,
    out_this_run: Vec<usize>,
    misfit: Option<(Round, usize, u16)>,
}

impl Run {
    fn new(n: usize, columns: usize) -> Run {
        Run {
            columns,
            counts: vec![0; n * (columns + 1)],
            qualifiers: Vec::new(),
            scratch: TableScratch::default(),
            entrants: Vec::new(),
            next: Vec::new(),
            pairs: Vec::new(),
            beaten_by: vec![usize::MAX; n],
            out_this_run: Vec::new(),
            misfit: None,
        }
    }

    /// The team standing in for `team` this run: itself, or whoever knocked it out
    /// (and so on), for a drawn tie naming a team the simulation put out earlier.
    fn stand_in(&self, mut team: usize) -> usize {
        while self.beaten_by[team] != usize::MAX {
            team = self.beaten_by[team];
        }
        team
    }

    fn knock_out(&mut self, loser: usize, winner: usize) {
        self.beaten_by[loser] = winner;
        self.out_this_run.push(loser);
    }

    /// One run to the final; Err(round index) when a round cannot be filled.
    fn play(&mut self, plan: &Plan, pitch: &Pitch<'_>, rng: &mut Xoshiro256PlusPlus) -> Result<(), usize> {
        for &t in &self.out_this_run {
            self.beaten_by[t] = usize::MAX;
        }
        self.out_this_run.clear();
        self.qualifiers.clear();
        if let Some(table) = &plan.table {
            table.play(rng, pitch, &mut self.scratch, &mut self.qualifiers);
        }
        self.entrants.clear();
        self.entrants.extend(plan.carried.iter().map(|&team| Entrant {
            team,
            seed: UNSEEDED,
            group: NO_GROUP,
        }));
        let first_round = plan.rounds[0].round;
        for (i, round) in plan.rounds.iter().enumerate() {
            // The table's teams bound for this round, and clubs entering in it, join the
            // winners of the last.
            if round.drawn.is_none() {
                self.entrants.extend(round.entering.iter().map(|&team| Entrant {
                    team,
                    seed: UNSEEDED,
                    group: NO_GROUP,
                }));
                for q in &self.qualifiers {
                    let here = match q.to {
                        Destination::NextStage => round.round == first_round,
                        Destination::Round(r) => r == round.round,
                    };
                    if here {
                        self.entrants.push(Entrant {
                            team: q.team,
                            seed: q.seed,
                            group: q.group,
                        });
                    }
                }
            }
            self.next.clear();
            match &round.drawn {
                Some(ties) => {
                    // Who the stored ties hold this run, before any is played.
                    let drawn: Vec<usize> = ties
                        .iter()
                        .flat_map(|t| match *t {
                            DrawnTie::Decided { winner, loser } => [winner, loser],
                            DrawnTie::Open { first, second, .. } => {
                                [self.stand_in(first), self.stand_in(second)]
                            }
                        })
                        .collect();
                    for tie in ties {
                        let (first, second, start) = match *tie {
                            DrawnTie::Decided { winner, loser } => {
                                self.reached(winner, i);
                                self.reached(loser, i);
                                self.knock_out(loser, winner);
                                self.advance(winner);
                                continue;
                            }
                            DrawnTie::Open { first, second, start } => (first, second, start),
                        };
                        let (first, second) = (self.stand_in(first), self.stand_in(second));
                        self.play_tie(pitch, rng, i, (first, second), start);
                    }
                    // Teams the stored ties leave out (a round still being entered) are drawn openly.
                    let mut left: Vec<Entrant> = self
                        .entrants
                        .iter()
                        .copied()
                        .filter(|e| !drawn.contains(&e.team) && !round.byes.contains(&e.team))
                        .collect();
                    if !left.is_empty() {
                        self.draw_and_play(
                            pitch,
                            rng,
                            (i, round),
                            matchday_core::KnockoutDraw::Open,
                            &mut left,
                        );
                    }
                }
                None => {
                    let mut entrants = std::mem::take(&mut self.entrants);
                    entrants.retain(|e| !round.byes.contains(&e.team));
                    if let Some(expected) = round.round.teams()
                        && entrants.len() != usize::from(expected)
                    {
                        self.misfit = Some((round.round, entrants.len(), expected));
                        return Err(i);
                    }
                    self.draw_and_play(pitch, rng, (i, round), plan.rules.draw, &mut entrants);
                    self.entrants = entrants;
                }
            }
            for &team in &round.byes {
                let team = self.stand_in(team);
                self.reached(team, i);
                self.advance(team);
            }
            std::mem::swap(&mut self.entrants, &mut self.next);
        }
        if let [champion] = self.entrants[..] {
            self.counts[champion.team * (self.columns + 1) + self.columns] += 1;
        }
        Ok(())
    }

    /// Draws `entrants` into ties of round `i` as `kind` says and plays them; a team
    /// left over has a bye.
    fn draw_and_play(
        &mut self,
        pitch: &Pitch<'_>,
        rng: &mut Xoshiro256PlusPlus,
        (i, round): (usize, &PlannedRound),
        kind: matchday_core::KnockoutDraw,
        entrants: &mut [Entrant],
    ) {
        let bye = draw_round(rng, kind, entrants, &mut self.pairs);
        let start = TieStart::fresh(round.play, round.neutral);
        let pairs = std::mem::take(&mut self.pairs);
        for &(a, b) in &pairs {
            self.play_tie(pitch, rng, i, (a, b), start);
        }
        self.pairs = pairs;
        if let Some(team) = bye {
            self.reached(team, i);
            self.advance(team);
        }
    }

    fn reached(&mut self, team: usize, round: usize) {
        self.counts[team * (self.columns + 1) + round] += 1;
    }

    fn advance(&mut self, team: usize) {
        self.next.push(Entrant {
            team,
            seed: UNSEEDED,
            group: NO_GROUP,
        });
    }

    fn play_tie(
        &mut self,
        pitch: &Pitch<'_>,
        rng: &mut Xoshiro256PlusPlus,
        round: usize,
        (first, second): (usize, usize),
        start: TieStart,
    ) {
        self.reached(first, round);
        self.reached(second, round);
        let (winner, loser) = if pitch.tie(rng, first, second, start) {
            (first, second)
        } else {
            (second, first)
        };
        self.knock_out(loser, winner);
        self.advance(winner);
    }
}

#[cfg(test)]
mod tests;
