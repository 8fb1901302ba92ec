//! The table stage of a simulated tournament: groups (or a league phase's one
//! table) played out, ranked under the competition's tie-breakers, and the teams
//! going on picked by its [`Qualification`], best-placed qualifiers included.

use chrono::NaiveDate;
use matchday_core::{
    CompactResult, Competition, Destination, Match, PlaceVerdict, PointsScheme, Qualification, RankScratch,
    RankingRules, Regulations, TeamTotals, TieBreaker, Venue, rank_teams,
};
use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus;

use super::TournamentError;
use super::pitch::Pitch;

/// One team going on from the table, with what a seeded draw reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Qualifier {
    /// The team (model index).
    pub team: usize,
    /// Where it goes.
    pub to: Destination,
    /// Lower is better: its place in its group, then its rank among teams so placed.
    pub seed: u32,
    /// Its group's number, so that a seeded draw keeps group rivals apart.
    pub group: u16,
}

/// One group as the simulation plays it: local indices throughout.
#[derive(Debug, Clone)]
struct GroupPlay {
    /// Model indices of its teams.
    teams: Vec<usize>,
    /// Totals from the results known.
    start: Vec<TeamTotals>,
    /// The results known.
    played: Vec<CompactResult>,
    /// Matches still to play: home, away, on neutral ground.
    fixtures: Vec<(u16, u16, bool)>,
}

/// The groups of a table stage and who goes on from them.
#[derive(Debug, Clone)]
pub(crate) struct TableStage {
    groups: Vec<GroupPlay>,
    qualification: Qualification,
    regulations: Regulations,
    points: PointsScheme,
    /// The leading criteria a table is ordered by quickly ([`quick_order`]).
    quick: Vec<TieBreaker>,
}

/// Buffers reused from run to run.
#[derive(Default)]
pub(crate) struct TableScratch {
    totals: Vec<TeamTotals>,
    results: Vec<CompactResult>,
    rank: RankScratch,
    order: Vec<u16>,
    /// Best-placed candidates: place, team, group, totals.
    candidates: Vec<(u16, usize, u16, TeamTotals)>,
    candidate_totals: Vec<TeamTotals>,
}

impl TableStage {
    /// The table stage of `groups` (from [`matchday_core::stage_groups`]) on `as_of`;
    /// `index` gives a team's model index.
    pub fn new(
        competition: &Competition,
        groups: &[matchday_core::StageGroup],
        as_of: Option<NaiveDate>,
        neutral_grounds: bool,
        index: &dyn Fn(matchday_core::TeamId) -> Result<usize, TournamentError>,
    ) -> Result<TableStage, TournamentError> {
        let qualification = competition
            .structure
            .group_phase()
            .map(|p| p.qualification.clone())
            .unwrap_or_default();
        let points = competition.points;
        let groups = groups
            .iter()
            .map(|g| {
                let teams: Vec<usize> = g.teams.iter().map(|&t| index(t)).collect::<Result<_, _>>()?;
                let local = |t: matchday_core::TeamId| g.teams.iter().position(|&x| x == t).map(|i| i as u16);
                let mut start = vec![TeamTotals::default(); teams.len()];
                let mut played = Vec::new();
                let mut fixtures = Vec::new();
                for m in &g.matches {
                    let (Some(home), Some(away)) = (local(m.pairing.home()), local(m.pairing.away())) else {
                        continue;
                    };
                    if let Some(score) = m.result_as_of(as_of).and_then(|r| r.score()) {
                        let result = CompactResult {
                            home,
                            away,
                            home_goals: score.home(),
                            away_goals: score.away(),
                        };
                        result.add_to(&mut start, points);
                        played.push(result);
                    } else if is_to_play(m, as_of) {
                        fixtures.push((home, away, neutral_grounds || m.venue == Venue::Neutral));
                    }
                }
                Ok(GroupPlay {
                    teams,
                    start,
                    played,
                    fixtures,
                })
            })
            .collect::<Result<Vec<_>, TournamentError>>()?;
        let regulations = competition.regulations();
        Ok(TableStage {
            groups,
            qualification,
            quick: quick_criteria(regulations.criteria()),
            regulations,
            points,
        })
    }

    /// Every team of the table, by model index.
    pub fn teams(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups.iter().flat_map(|g| g.teams.iter().copied())
    }

    /// Whether every group match is played.
    pub fn is_finished(&self) -> bool {
        self.groups.iter().all(|g| g.fixtures.is_empty())
    }

    /// Plays the groups' remaining matches and fills `out` with the teams going on.
    pub fn play(
        &self,
        rng: &mut Xoshiro256PlusPlus,
        pitch: &Pitch<'_>,
        scratch: &mut TableScratch,
        out: &mut Vec<Qualifier>,
    ) {
        out.clear();
        scratch.candidates.clear();
        let rules = RankingRules::new(&self.regulations, &[]);
        for (number, group) in self.groups.iter().enumerate() {
            scratch.totals.clear();
            scratch.totals.extend_from_slice(&group.start);
            scratch.results.clear();
            scratch.results.extend_from_slice(&group.played);
            for &(home, away, neutral) in &group.fixtures {
                let (h, a) = (group.teams[usize::from(home)], group.teams[usize::from(away)]);
                let (home_goals, away_goals) = pitch.ninety(rng, h, a, neutral);
                let result = CompactResult {
                    home,
                    away,
                    home_goals,
                    away_goals,
                };
                result.add_to(&mut scratch.totals, self.points);
                scratch.results.push(result);
            }
            if !quick_order(&self.quick, &scratch.totals, &mut scratch.order) {
                self.ranked_order(rng, &rules, scratch);
            }
            for (place, &local) in scratch.order.iter().enumerate() {
                let place = place as u16 + 1;
                let team = group.teams[usize::from(local)];
                match self.qualification.verdict(place) {
                    PlaceVerdict::Through(to) => out.push(Qualifier {
                        team,
                        to,
                        seed: u32::from(place) * 1000,
                        group: number as u16,
                    }),
                    PlaceVerdict::AmongBest { .. } => scratch.candidates.push((
                        place,
                        team,
                        number as u16,
                        scratch.totals[usize::from(local)],
                    )),
                    PlaceVerdict::Out => {}
                }
            }
        }
        self.best_placed(rng, &rules, scratch, out);
    }

    /// The order of the group in `scratch` by the core's full ranking: head-to-head and
    /// every other criterion; teams level on all of them (the rules off the pitch, fair
    /// play and lots, are not modelled) are put in order by lot.
    fn ranked_order(
        &self,
        rng: &mut Xoshiro256PlusPlus,
        rules: &RankingRules<'_>,
        scratch: &mut TableScratch,
    ) {
        let table = rank_teams(rules, &scratch.totals, &scratch.results, &mut scratch.rank);
        scratch.order.clear();
        scratch.order.extend(table.iter().map(|p| p.team));
        let mut i = 0;
        while i < table.len() {
            let mut j = i + 1;
            while j < table.len() && table[j].position == table[i].position {
                j += 1;
            }
            for k in (i + 1..j).rev() {
                let pick = i + rng.random_range(0..=k - i);
                scratch.order.swap(k, pick);
            }
            i = j;
        }
    }

    /// The best of the teams placed alike across groups, ranked on the overall criteria
    /// only (teams of different groups never met), lots deciding those level on all.
    fn best_placed(
        &self,
        rng: &mut Xoshiro256PlusPlus,
        rules: &RankingRules<'_>,
        scratch: &mut TableScratch,
        out: &mut Vec<Qualifier>,
    ) {
        for rule in self.qualification.rules() {
            let matchday_core::Advance::BestPlaced { place, count, to } = *rule else {
                continue;
            };
            // A random order first: the ranking lists teams level on everything by index.
            let mut these: Vec<(u16, usize, u16, TeamTotals)> = scratch
                .candidates
                .iter()
                .copied()
                .filter(|c| c.0 == place)
                .collect();
            for k in (1..these.len()).rev() {
                these.swap(k, rng.random_range(0..=k));
            }
            scratch.candidate_totals.clear();
            scratch.candidate_totals.extend(these.iter().map(|c| c.3));
            if !quick_order(&self.quick, &scratch.candidate_totals, &mut scratch.order) {
                let ranked = rank_teams(rules, &scratch.candidate_totals, &[], &mut scratch.rank);
                scratch.order.clear();
                scratch.order.extend(ranked.iter().map(|p| p.team));
            }
            for (rank, &local) in scratch.order.iter().take(usize::from(count)).enumerate() {
                let (_, team, group, _) = these[usize::from(local)];
                out.push(Qualifier {
                    team,
                    to,
                    seed: u32::from(place) * 1000 + rank as u32 + 1,
                    group,
                });
            }
        }
    }
}

/// The criteria a table can be ordered by without the core's ranking: the leading
/// run of points, goal difference and goals scored (whatever follows, head-to-head
/// included, only separates teams level on these). Empty unless points come first.
fn quick_criteria(criteria: &[TieBreaker]) -> Vec<TieBreaker> {
    if criteria.first() != Some(&TieBreaker::Points) {
        return Vec::new();
    }
    criteria
        .iter()
        .take_while(|c| {
            matches!(
                c,
                TieBreaker::Points | TieBreaker::GoalDifference | TieBreaker::GoalsScored
            )
        })
        .copied()
        .collect()
}

/// Orders `totals` by `criteria` into `order` (best first); false, leaving the order
/// to the core's ranking, when two teams are level on all of them.
fn quick_order(criteria: &[TieBreaker], totals: &[TeamTotals], order: &mut Vec<u16>) -> bool {
    if criteria.is_empty() {
        return false;
    }
    let key = |t: &TeamTotals| -> [i32; 3] {
        let mut key = [0; 3];
        for (slot, criterion) in key.iter_mut().zip(criteria) {
            *slot = match criterion {
                TieBreaker::Points => t.points,
                TieBreaker::GoalDifference => t.goal_difference(),
                _ => i32::from(t.goals_for),
            };
        }
        key
    };
    order.clear();
    order.extend(0..totals.len() as u16);
    order.sort_unstable_by(|&a, &b| key(&totals[usize::from(b)]).cmp(&key(&totals[usize::from(a)])));
    order
        .windows(2)
        .all(|w| key(&totals[usize::from(w[0])]) != key(&totals[usize::from(w[1])]))
}

/// Whether a group match is still to be played on `as_of` (not cancelled or abandoned).
fn is_to_play(m: &Match, as_of: Option<NaiveDate>) -> bool {
    m.is_remaining_as_of(as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MatchModel, ModelOptions};
    use matchday_core::{MatchStatus, Pairing, Structure, TeamId};
    use rand::SeedableRng;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, d).unwrap()
    }

    fn played(home: i64, away: i64, score: &str, group: &str) -> Match {
        let mut m = Match::new(
            day(10),
            Pairing::new(TeamId(home), TeamId(away)).unwrap(),
            MatchStatus::Played(score.parse().unwrap()),
        );
        m.group = Some(group.to_string());
        m.stage = Some(matchday_core::Stage::Group);
        m
    }

    /// Three finished groups of four: the best third is the one with most points.
    #[test]
    fn the_best_thirds_go_through_on_the_overall_criteria() {
        let mut competition = crate::testing::competition();
        competition.rules = matchday_core::RuleSet::UefaEuroFinals;
        competition.set_structure(
            Structure::new(vec![
                matchday_core::Phase::new(
                    "Group stage",
                    matchday_core::PhaseKind::Groups { meetings: 1 },
                    Qualification::top_and_best(2, 1),
                ),
                matchday_core::Phase::new(
                    "Knockout stage",
                    matchday_core::PhaseKind::Knockout { third_place: false },
                    Qualification::none(),
                ),
            ])
            .unwrap(),
        );
        let mut matches = Vec::new();
        for (g, label) in ["A", "B", "C"].iter().enumerate() {
            let t = |k: i64| g as i64 * 4 + k + 1;
            // 1 beats all, 2 beats 3 and 4, 3 beats 4 only in group B (its third has 3 points).
            let third_beats_fourth = if *label == "B" { "1-0" } else { "0-0" };
            matches.extend([
                played(t(0), t(1), "1-0", label),
                played(t(0), t(2), "1-0", label),
                played(t(0), t(3), "1-0", label),
                played(t(1), t(2), "1-0", label),
                played(t(1), t(3), "1-0", label),
                played(t(2), t(3), third_beats_fourth, label),
            ]);
        }
        let groups = matchday_core::stage_groups(&competition, &matches);
        assert_eq!(groups.len(), 3);
        let index = |t: TeamId| Ok(t.0 as usize - 1);
        let stage = TableStage::new(&competition, &groups, None, true, &index).unwrap();
        let model = MatchModel::fit_results(12, &[], None, &ModelOptions::default());
        let pitch = Pitch::new(&model, 12, &[true; 12], true, false);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut out = Vec::new();
        stage.play(&mut rng, &pitch, &mut TableScratch::default(), &mut out);
        let mut through: Vec<usize> = out.iter().map(|q| q.team).collect();
        through.sort_unstable();
        // Winners 0, 4, 8; runners-up 1, 5, 9; the best third, group B's: 6.
        assert_eq!(through, vec![0, 1, 4, 5, 6, 8, 9]);
        let third = out.iter().find(|q| q.team == 6).unwrap();
        assert_eq!(third.seed, 3001);
    }
}

#[cfg(test)]
mod quick_tests {
    use super::*;
    use matchday_core::{RuleSet, Season};
    use proptest::prelude::*;

    proptest! {
        /// Where the quick order answers, it is the core's full ranking's order.
        #[test]
        fn the_quick_order_is_the_rankings_order(
            scores in proptest::collection::vec((0u8..4, 0u8..4), 6),
            rules in prop_oneof![Just(RuleSet::UefaEuroFinals), Just(RuleSet::FifaWorldCup2026), Just(RuleSet::UefaLeaguePhase), Just(RuleSet::Plain)],
        ) {
            let regulations = rules.regulations(Season::starting(2024));
            let mut totals = vec![TeamTotals::default(); 4];
            let pairs = [(0u16, 1u16), (2, 3), (0, 2), (3, 1), (3, 0), (1, 2)];
            let results: Vec<CompactResult> = pairs
                .iter()
                .zip(&scores)
                .map(|(&(home, away), &(home_goals, away_goals))| CompactResult { home, away, home_goals, away_goals })
                .collect();
            for r in &results {
                r.add_to(&mut totals, PointsScheme::THREE);
            }
            let mut order = Vec::new();
            if quick_order(&quick_criteria(regulations.criteria()), &totals, &mut order) {
                let rules = RankingRules::new(&regulations, &[]);
                let ranked: Vec<u16> = rank_teams(&rules, &totals, &results, &mut RankScratch::default())
                    .iter()
                    .map(|p| p.team)
                    .collect();
                prop_assert_eq!(order, ranked);
            }
        }
    }
}
