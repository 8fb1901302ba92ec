//! The groups of a group stage (or the one table of a league phase), and what a
//! team's place in its group means under the competition's qualification.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::placed::{PlacedRanking, PlacedStanding};
use crate::{Competition, Match, PhaseKind, PlaceVerdict, Stage, Standings, TableOptions, TeamId, View};

/// A group of a group stage: its label, teams and matches.
#[derive(Debug, Clone)]
pub(crate) struct Group<'a> {
    pub(crate) label: Option<String>,
    pub(crate) teams: Vec<TeamId>,
    pub(crate) matches: Vec<&'a Match>,
}

impl Group<'_> {
    pub(crate) fn finished(&self, as_of: Option<NaiveDate>) -> bool {
        !self.matches.iter().any(|m| m.is_remaining_as_of(as_of))
    }

    /// The group's table on `as_of`, in the order `decisions` recorded where only a criterion off the pitch separates teams.
    pub(crate) fn table(
        &self,
        competition: &Competition,
        decisions: &[crate::Decision],
        as_of: Option<NaiveDate>,
    ) -> Standings {
        let matches: Vec<Match> = self.matches.iter().map(|m| (*m).clone()).collect();
        let options = TableOptions {
            as_of,
            view: View::Total,
            provisional: false,
        };
        Standings::compute(competition, &self.teams, &matches, &[], options).with_decisions(
            &competition.regulations(),
            decisions,
            self.label.as_deref(),
        )
    }
}

/// The matches of the group stage or league phase. A league phase of `k` matches each
/// counts a match only while it is among the first `k` of both teams: files label the
/// knockout play-offs after it by matchday too.
pub(crate) fn group_stage_matches<'a>(competition: &Competition, matches: &'a [Match]) -> Vec<&'a Match> {
    let mut stage: Vec<&Match> = matches
        .iter()
        .filter(|m| matches!(Stage::of(m), Ok(Stage::Group)))
        .collect();
    let Some(PhaseKind::LeaguePhase { matches_each, .. }) =
        competition.structure.group_phase().map(|p| p.kind.clone())
    else {
        return stage;
    };
    stage.sort_by_key(|m| (m.date, m.kickoff));
    let mut played: std::collections::HashMap<TeamId, u8> = Default::default();
    stage.retain(|m| {
        let (home, away) = (m.pairing.home(), m.pairing.away());
        let within = |t: TeamId| played.get(&t).copied().unwrap_or(0) < matches_each;
        if within(home) && within(away) {
            *played.entry(home).or_default() += 1;
            *played.entry(away).or_default() += 1;
            true
        } else {
            false
        }
    });
    stage
}

fn label_of(matches: &[&Match]) -> Option<String> {
    matches.iter().find_map(|m| {
        m.group.clone().or_else(|| {
            let label = m.round.as_deref()?.trim();
            let rest = label
                .strip_prefix("Group ")
                .or_else(|| label.strip_prefix("Gruppe "))?;
            Some(rest.trim().to_string())
        })
    })
}

/// The group of `team`: the teams joined to it through group-stage matches,
/// since files do not always name the group ("Group, Matchday 1").
pub(crate) fn group_of<'a>(
    competition: &Competition,
    matches: &'a [Match],
    team: TeamId,
) -> Option<Group<'a>> {
    let stage = group_stage_matches(competition, matches);
    let mut teams = BTreeSet::from([team]);
    loop {
        let before = teams.len();
        for m in &stage {
            if teams.contains(&m.pairing.home()) || teams.contains(&m.pairing.away()) {
                teams.insert(m.pairing.home());
                teams.insert(m.pairing.away());
            }
        }
        if teams.len() == before {
            break;
        }
    }
    let mine: Vec<&Match> = stage
        .into_iter()
        .filter(|m| teams.contains(&m.pairing.home()))
        .collect();
    if mine.is_empty() {
        return None;
    }
    Some(Group {
        label: label_of(&mine),
        teams: teams.into_iter().collect(),
        matches: mine,
    })
}

/// Every group of the group stage, in the order their first match is stored.
pub(crate) fn groups<'a>(competition: &Competition, matches: &'a [Match]) -> Vec<Group<'a>> {
    let mut seen: BTreeSet<TeamId> = BTreeSet::new();
    let mut groups = Vec::new();
    for m in group_stage_matches(competition, matches) {
        let team = m.pairing.home();
        if seen.contains(&team) {
            continue;
        }
        if let Some(group) = group_of(competition, matches, team) {
            seen.extend(group.teams.iter().copied());
            groups.push(group);
        }
    }
    groups
}

/// One group of a group stage (or the one table of a league phase), as a public value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageGroup {
    /// Its label, when the files name it ("A").
    pub label: Option<String>,
    /// Its teams, in id order.
    pub teams: Vec<TeamId>,
    /// Its matches: for a league phase, each team's first `matches_each` only.
    pub matches: Vec<Match>,
}

/// Every group of the group stage (the league phase's one table), in the order
/// their first match is stored; none in a competition without a table stage.
pub fn stage_groups(competition: &Competition, matches: &[Match]) -> Vec<StageGroup> {
    groups(competition, matches)
        .into_iter()
        .map(|g| StageGroup {
            label: g.label,
            teams: g.teams,
            matches: g.matches.into_iter().cloned().collect(),
        })
        .collect()
}

/// Where a team's group place leads once every group that decides it is finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GroupOutcome {
    /// Not yet known: its group, or the groups its ranking needs, are still playing.
    Open,
    /// Through, or out, with its standing among the teams so placed when that decided.
    Decided {
        verdict: PlaceVerdict,
        among: Option<PlacedStanding>,
    },
}

/// What `team`'s place in `group` means on `as_of`, under the competition's qualification.
pub(crate) fn outcome(
    competition: &Competition,
    matches: &[Match],
    decisions: &[crate::Decision],
    group: &Group<'_>,
    team: TeamId,
    as_of: Option<NaiveDate>,
) -> GroupOutcome {
    if !group.finished(as_of) {
        return GroupOutcome::Open;
    }
    let Some(phase) = competition.structure.group_phase() else {
        return GroupOutcome::Open;
    };
    let Some(position) = group
        .table(competition, decisions, as_of)
        .row(team)
        .map(|r| r.position)
    else {
        return GroupOutcome::Open;
    };
    match phase.qualification.verdict(position) {
        PlaceVerdict::AmongBest { .. } => {
            let Some(ranking) = PlacedRanking::compute(competition, matches, decisions, as_of) else {
                return GroupOutcome::Open;
            };
            match ranking.standing_of(team) {
                Some(standing) if ranking.complete && standing.line != super::placed::Line::Level => {
                    GroupOutcome::Decided {
                        verdict: standing.verdict(),
                        among: Some(standing),
                    }
                }
                _ => GroupOutcome::Open,
            }
        }
        verdict => GroupOutcome::Decided { verdict, among: None },
    }
}

/// Whether `team` is out in the group stage (its place sends it nowhere) and played no knockout match.
pub(crate) fn out_in_group(competition: &Competition, matches: &[Match], team: TeamId) -> bool {
    if competition.structure.group_phase().is_none() || super::plays_knockout(matches, team) {
        return false;
    }
    let Some(group) = group_of(competition, matches, team) else {
        return false;
    };
    matches!(
        // A decision off the pitch can only settle a place the results leave open, so
        // without decisions the check refuses no team that a decision could send on.
        outcome(competition, matches, &[], &group, team, None),
        GroupOutcome::Decided {
            verdict: PlaceVerdict::Out,
            ..
        }
    )
}
