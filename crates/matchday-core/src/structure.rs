//! A competition-season's structure: the stages it is played in, in order,
//! and who goes on from each.
//!
//! A [`Structure`] is a checked list of [`Phase`]s (named phases so as not to
//! be confused with [`crate::Stage`], the place of one match). Each phase has a
//! name, a [`PhaseKind`] (a league, groups, a league phase, a split, a knockout)
//! and a [`Qualification`] saying who goes on, as data: the top `n` of each
//! group, the best `n` teams placed `k`-th across the groups, or bands of a
//! league phase's table leading to knockout rounds. The tracker and the cup
//! entry checks read it; nothing else decides who is through.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Format, Match, Round, SplitRules, Stage, TeamId};

/// A structure that cannot be played.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StructureError {
    /// No stage at all.
    #[error("a competition has at least one stage")]
    Empty,
    /// A stage without a name, or two stages with the same name.
    #[error("stage names must be given and distinct: '{0}'")]
    BadName(String),
    /// A count that must be at least one (meetings, matches, teams).
    #[error("stage '{stage}': {what} must be at least 1")]
    Zero {
        /// The stage.
        stage: String,
        /// What was zero.
        what: &'static str,
    },
    /// A stage that cannot come where it is (a knockout before another stage, a split first).
    #[error("stage '{stage}' cannot come {why}")]
    Misplaced {
        /// The stage.
        stage: String,
        /// Where it may not be.
        why: &'static str,
    },
    /// Qualification that names no one, overlaps, or sends teams nowhere.
    #[error("stage '{stage}': {why}")]
    BadQualification {
        /// The stage.
        stage: String,
        /// What is wrong.
        why: String,
    },
}

/// How one stage is played.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PhaseKind {
    /// A round robin: every team meets every other `meetings` times (2 home and away).
    League {
        /// How often each pair meets.
        meetings: u8,
    },
    /// Round robins ranked per group.
    Groups {
        /// How often each pair in a group meets (1 at tournaments, 2 in UEFA club groups).
        meetings: u8,
    },
    /// One table of all teams, each playing only some of the others (UEFA from 2024-25: 36 teams, 8 matches).
    LeaguePhase {
        /// The teams in the table.
        teams: u16,
        /// The matches each team plays.
        matches_each: u8,
    },
    /// The league split into sections after a number of rounds (Scotland, Austria):
    /// its sections and how points carry over.
    Split(SplitRules),
    /// Knockout ties to a final.
    Knockout {
        /// Whether the losing semi-finalists play for third place.
        third_place: bool,
    },
}

impl PhaseKind {
    /// A round robin of two meetings, as most leagues are.
    pub const LEAGUE: PhaseKind = PhaseKind::League { meetings: 2 };

    /// Whether the stage ranks teams in tables (a league, groups, a league phase, a split).
    pub fn has_table(&self) -> bool {
        !matches!(self, PhaseKind::Knockout { .. })
    }
}

/// Where a band of places leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// The next stage, from its first round.
    NextStage,
    /// A given round of the next stage (a knockout): league-phase places 1-8 go to the Round of 16.
    Round(Round),
}

/// One rule of who goes on from a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Advance {
    /// Places `first` to `last` of each group (or of the one table) go to `to`.
    Places {
        /// The first place (1-based).
        first: u16,
        /// The last place.
        last: u16,
        /// Where they go.
        to: Destination,
    },
    /// The best `count` of the teams placed `place`-th across the groups go to `to`,
    /// ranked by the competition's overall criteria (Euro 2016-2024: 4 best of 6 thirds).
    BestPlaced {
        /// The place in the group (3 for thirds).
        place: u16,
        /// How many of them go on.
        count: u16,
        /// Where they go.
        to: Destination,
    },
}

/// What a group or table place means for a team, before other groups are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceVerdict {
    /// Through, to the destination.
    Through(Destination),
    /// Through only if among the best `count` of the teams so placed across groups.
    AmongBest {
        /// How many go on.
        count: u16,
        /// Where they go.
        to: Destination,
    },
    /// Out of the competition.
    Out,
}

/// Who goes on from one stage: a list of [`Advance`] rules; a place no rule names is out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Qualification {
    rules: Vec<Advance>,
}

impl Qualification {
    /// No one goes on: the last stage, or a league whose zones say what places mean.
    pub fn none() -> Qualification {
        Qualification::default()
    }

    /// The top `n` of each group go to the next stage.
    pub fn top(n: u16) -> Qualification {
        Qualification {
            rules: vec![Advance::Places {
                first: 1,
                last: n,
                to: Destination::NextStage,
            }],
        }
    }

    /// The top `n` of each group and the best `count` of those placed `n + 1`-th.
    pub fn top_and_best(n: u16, count: u16) -> Qualification {
        let mut q = Qualification::top(n);
        q.rules.push(Advance::BestPlaced {
            place: n + 1,
            count,
            to: Destination::NextStage,
        });
        q
    }

    /// The UEFA league phase from 2024-25: 1-8 to the Round of 16, 9-24 to the knockout play-offs.
    pub fn uefa_league_phase() -> Qualification {
        Qualification {
            rules: vec![
                Advance::Places {
                    first: 1,
                    last: 8,
                    to: Destination::Round(Round::RoundOf(16)),
                },
                Advance::Places {
                    first: 9,
                    last: 24,
                    to: Destination::Round(Round::Playoff),
                },
            ],
        }
    }

    /// A qualification from its rules, checked as part of a [`Structure`].
    pub fn from_rules(rules: Vec<Advance>) -> Qualification {
        Qualification { rules }
    }

    /// The rules, in the order given.
    pub fn rules(&self) -> &[Advance] {
        &self.rules
    }

    /// Whether no one goes on.
    pub fn is_none(&self) -> bool {
        self.rules.is_empty()
    }

    /// What finishing `place` means.
    pub fn verdict(&self, place: u16) -> PlaceVerdict {
        for rule in &self.rules {
            match *rule {
                Advance::Places { first, last, to } if first <= place && place <= last => {
                    return PlaceVerdict::Through(to);
                }
                Advance::BestPlaced { place: p, count, to } if p == place => {
                    return PlaceVerdict::AmongBest { count, to };
                }
                _ => {}
            }
        }
        PlaceVerdict::Out
    }

    /// The teams that go on from `groups` groups (or one table), and the earliest knockout
    /// round a rule names, if any: the top two of eight groups are 16 teams; the UEFA league
    /// phase sends places 9-24 to the knockout play-offs.
    pub fn going_on(&self, groups: u16) -> (u16, Option<Round>) {
        let groups = groups.max(1);
        let mut teams = 0u16;
        let mut earliest: Option<Round> = None;
        for rule in &self.rules {
            let (count, to) = match *rule {
                Advance::Places { first, last, to } => ((last - first + 1).saturating_mul(groups), to),
                Advance::BestPlaced { count, to, .. } => (count, to),
            };
            teams = teams.saturating_add(count);
            if let Destination::Round(round) = to {
                earliest = Some(earliest.map_or(round, |e| e.min(round)));
            }
        }
        (teams, earliest)
    }

    /// The best-placed rule, if any: (place, count).
    pub fn best_placed(&self) -> Option<(u16, u16)> {
        self.rules.iter().find_map(|r| match *r {
            Advance::BestPlaced { place, count, .. } => Some((place, count)),
            Advance::Places { .. } => None,
        })
    }

    fn check(&self, stage: &str, next: Option<PhaseKind>) -> Result<(), StructureError> {
        let bad = |why: String| StructureError::BadQualification {
            stage: stage.to_string(),
            why,
        };
        if next.is_none() && !self.is_none() {
            return Err(bad("the last stage sends no one on".into()));
        }
        let mut taken: Vec<(u16, u16)> = Vec::new();
        for rule in &self.rules {
            let (first, last, to) = match *rule {
                Advance::Places { first, last, to } => (first, last, to),
                Advance::BestPlaced { place, count, to } => {
                    if count == 0 {
                        return Err(bad("a best-placed rule takes at least one team".into()));
                    }
                    (place, place, to)
                }
            };
            if first == 0 || first > last {
                return Err(bad(format!("places {first}-{last} are not a range")));
            }
            if taken.iter().any(|&(a, b)| first <= b && a <= last) {
                return Err(bad(format!("place {first} is named twice")));
            }
            taken.push((first, last));
            if matches!(to, Destination::Round(_)) && !matches!(next, Some(PhaseKind::Knockout { .. })) {
                return Err(bad("only a knockout stage has rounds to enter".into()));
            }
        }
        Ok(())
    }
}

/// One stage of a competition-season: its name, how it is played and who goes on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Phase {
    /// How people name it: "Group stage", "League phase", "Knockout stage".
    pub name: String,
    /// How it is played.
    #[serde(flatten)]
    pub kind: PhaseKind,
    /// Who goes on to the next stage.
    #[serde(default, skip_serializing_if = "Qualification::is_none")]
    pub qualification: Qualification,
}

impl Phase {
    /// A stage.
    pub fn new(name: &str, kind: PhaseKind, qualification: Qualification) -> Phase {
        Phase {
            name: name.to_string(),
            kind,
            qualification,
        }
    }
}

/// A competition-season's stages in playing order; built only through [`Structure::new`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Phase>", into = "Vec<Phase>")]
pub struct Structure {
    phases: Vec<Phase>,
}

impl TryFrom<Vec<Phase>> for Structure {
    type Error = StructureError;
    fn try_from(phases: Vec<Phase>) -> Result<Structure, StructureError> {
        Structure::new(phases)
    }
}

impl From<Structure> for Vec<Phase> {
    fn from(s: Structure) -> Vec<Phase> {
        s.phases
    }
}

impl Structure {
    /// A structure from its stages.
    ///
    /// # Errors
    /// [`StructureError`] when there is no stage, a name is empty or repeated,
    /// a count is zero, a knockout is followed by another stage, a split does
    /// not follow a league, or a stage's qualification overlaps, is missing
    /// before a next stage, or sends teams on from the last stage.
    pub fn new(phases: Vec<Phase>) -> Result<Structure, StructureError> {
        if phases.is_empty() {
            return Err(StructureError::Empty);
        }
        for (i, phase) in phases.iter().enumerate() {
            let name = phase.name.trim();
            if name.is_empty() || phases[..i].iter().any(|p| p.name.trim() == name) {
                return Err(StructureError::BadName(phase.name.clone()));
            }
            let zero = |what| StructureError::Zero {
                stage: phase.name.clone(),
                what,
            };
            match phase.kind {
                PhaseKind::League { meetings: 0 } | PhaseKind::Groups { meetings: 0 } => {
                    return Err(zero("meetings"));
                }
                PhaseKind::LeaguePhase { teams, matches_each } => {
                    if teams < 2 {
                        return Err(zero("teams (at least 2)"));
                    }
                    if matches_each == 0 {
                        return Err(zero("matches each"));
                    }
                    if u16::from(matches_each) >= teams {
                        return Err(StructureError::BadQualification {
                            stage: phase.name.clone(),
                            why: "a league phase has fewer matches each than opponents".into(),
                        });
                    }
                }
                _ => {}
            }
            let next = phases.get(i + 1).map(|p| &p.kind);
            if matches!(phase.kind, PhaseKind::Knockout { .. }) && next.is_some() {
                return Err(StructureError::Misplaced {
                    stage: phase.name.clone(),
                    why: "before another stage: a knockout ends the season",
                });
            }
            if matches!(phase.kind, PhaseKind::Split(_))
                && !matches!(
                    phases.get(i.wrapping_sub(1)).map(|p| &p.kind),
                    Some(PhaseKind::League { .. })
                )
            {
                return Err(StructureError::Misplaced {
                    stage: phase.name.clone(),
                    why: "except after a league",
                });
            }
            // A split's sections are its own rules; every other stage before another says who goes on.
            if next.is_some() && !matches!(next, Some(PhaseKind::Split(_))) && phase.qualification.is_none() {
                return Err(StructureError::BadQualification {
                    stage: phase.name.clone(),
                    why: "say who goes on to the next stage".into(),
                });
            }
            phase.qualification.check(&phase.name, next.cloned())?;
        }
        Ok(Structure { phases })
    }

    /// A league of `meetings` round robins.
    pub fn league(meetings: u8) -> Result<Structure, StructureError> {
        Structure::new(vec![Phase::new(
            "League",
            PhaseKind::League { meetings },
            Qualification::none(),
        )])
    }

    /// A knockout cup, with or without a match for third place.
    pub fn knockout(third_place: bool) -> Structure {
        Structure {
            phases: vec![Phase::new(
                "Knockout stage",
                PhaseKind::Knockout { third_place },
                Qualification::none(),
            )],
        }
    }

    /// Groups of `meetings` round robins, `qualification` from them, then a knockout.
    pub fn groups_then_knockout(
        meetings: u8,
        qualification: Qualification,
        third_place: bool,
    ) -> Result<Structure, StructureError> {
        Structure::new(vec![
            Phase::new("Group stage", PhaseKind::Groups { meetings }, qualification),
            Phase::new(
                "Knockout stage",
                PhaseKind::Knockout { third_place },
                Qualification::none(),
            ),
        ])
    }

    /// The structure a stored competition of `format` had before structures were stored:
    /// a double round robin, a knockout, or UEFA-style groups whose top two go on.
    pub fn of_format(format: Format) -> Structure {
        match format {
            Format::League => Structure::league(2).expect("a valid league"),
            Format::Knockout => Structure::knockout(false),
            Format::GroupsKnockout => {
                Structure::groups_then_knockout(2, Qualification::top(2), false).expect("valid groups")
            }
        }
    }

    /// The stages, in playing order.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// The format this structure is played in, as the older `format` field says it.
    pub fn format(&self) -> Format {
        let tables_before_knockout = self
            .phases
            .iter()
            .any(|p| matches!(p.kind, PhaseKind::Groups { .. } | PhaseKind::LeaguePhase { .. }));
        // A league with play-offs after it (the EFL's, Serie A's for a title or
        // relegation) is a league.
        let league_first = matches!(
            self.phases.first().map(|p| &p.kind),
            Some(PhaseKind::League { .. })
        );
        if league_first {
            Format::League
        } else if tables_before_knockout {
            Format::GroupsKnockout
        } else if self.knockout_phase().is_some() {
            Format::Knockout
        } else {
            Format::League
        }
    }

    /// The group stage or league phase before the knockout, if any.
    pub fn group_phase(&self) -> Option<&Phase> {
        self.phases
            .iter()
            .find(|p| matches!(p.kind, PhaseKind::Groups { .. } | PhaseKind::LeaguePhase { .. }))
    }

    /// The league stage, if the competition is a league.
    pub fn league_stage(&self) -> Option<&Phase> {
        self.phases
            .iter()
            .find(|p| matches!(p.kind, PhaseKind::League { .. }))
    }

    /// The knockout stage, if any.
    pub fn knockout_phase(&self) -> Option<&Phase> {
        self.phases
            .iter()
            .find(|p| matches!(p.kind, PhaseKind::Knockout { .. }))
    }

    /// How often two clubs may meet in the league: the league stage's meetings,
    /// and for a split league those of its sections too; none without a league stage.
    pub fn league_meetings(&self) -> Option<u8> {
        let PhaseKind::League { meetings } = self.league_stage()?.kind else {
            return None;
        };
        let after_split = self.phases.iter().find_map(|p| match &p.kind {
            PhaseKind::Split(rules) => Some(rules.meetings_after()),
            _ => None,
        });
        Some(meetings.saturating_add(after_split.unwrap_or(0)))
    }

    /// The split of a split league, if it has one.
    pub fn split(&self) -> Option<&SplitRules> {
        self.phases.iter().find_map(|p| match &p.kind {
            PhaseKind::Split(rules) => Some(rules),
            _ => None,
        })
    }

    /// A league of `meetings` that splits into sections as `rules` say.
    ///
    /// # Errors
    /// As [`Structure::new`].
    pub fn split_league(meetings: u8, rules: SplitRules) -> Result<Structure, StructureError> {
        Structure::new(vec![
            Phase::new(
                "Regular season",
                PhaseKind::League { meetings },
                Qualification::none(),
            ),
            Phase::new("Split", PhaseKind::Split(rules), Qualification::none()),
        ])
    }

    /// The matches a league of `teams` needs to be finished: n·(n-1)·m/2, none if not a league.
    pub fn league_matches(&self, teams: usize) -> Option<usize> {
        match self.league_stage()?.kind {
            PhaseKind::League { meetings } => {
                Some(teams * teams.saturating_sub(1) * usize::from(meetings) / 2)
            }
            _ => None,
        }
    }

    /// The plain structure of a competition the catalogue does not know, from what its
    /// matches show (see [`StructureFacts`]): a league of the meetings seen (at least two,
    /// as a file may hold only its first rounds); a knockout; one table of a league phase
    /// whose top quarter goes on; or groups whose teams entering the first knockout round
    /// stored say how many go on from each (the top two when none is stored yet).
    pub fn from_facts(format: Format, facts: &StructureFacts) -> Structure {
        if format == Format::League {
            return Structure::league(facts.meetings.max(2))
                .unwrap_or_else(|_| Structure::of_format(Format::League));
        }
        if let Some(phase) = facts.league_phase {
            return Structure::new(vec![
                Phase::new(
                    "League phase",
                    PhaseKind::LeaguePhase {
                        teams: phase.teams,
                        matches_each: phase.matches_each,
                    },
                    Qualification::top(phase.teams / 4),
                ),
                Phase::new(
                    "Knockout stage",
                    PhaseKind::Knockout {
                        third_place: facts.third_place_match,
                    },
                    Qualification::none(),
                ),
            ])
            .unwrap_or_else(|_| Structure::knockout(facts.third_place_match));
        }
        if facts.groups == 0 {
            return if facts.knockout {
                Structure::knockout(facts.third_place_match)
            } else {
                Structure::league(facts.meetings.max(1))
                    .unwrap_or_else(|_| Structure::of_format(Format::League))
            };
        }
        let groups = facts.groups as u16;
        // Teams entering the first knockout round from the groups.
        let first_round: Option<u16> = match facts.first_knockout_round {
            Some(Round::RoundOf(n)) => Some(n),
            Some(Round::QuarterFinal) => Some(8),
            Some(Round::SemiFinal) => Some(4),
            Some(Round::Final) => Some(2),
            _ => None,
        };
        let qualification = match first_round {
            Some(entering) if entering >= groups => {
                let top = entering / groups;
                match entering % groups {
                    0 => Qualification::top(top),
                    best => Qualification::top_and_best(top, best),
                }
            }
            _ => Qualification::top(2),
        };
        Structure::groups_then_knockout(facts.meetings.max(1), qualification, facts.third_place_match)
            .unwrap_or_else(|_| Structure::of_format(Format::GroupsKnockout))
    }
}

impl fmt::Display for Structure {
    /// "Group stage (groups), Knockout stage (knockout)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .phases
            .iter()
            .map(|p| {
                let kind = match p.kind {
                    PhaseKind::League { .. } => "league",
                    PhaseKind::Groups { .. } => "groups",
                    PhaseKind::LeaguePhase { .. } => "league phase",
                    PhaseKind::Split(_) => "split",
                    PhaseKind::Knockout { .. } => "knockout",
                };
                format!("{} ({kind})", p.name)
            })
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// A league phase seen in matches: its teams and how many matches each plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeaguePhaseFacts {
    /// Teams in the one table.
    pub teams: u16,
    /// Matches each team plays in it.
    pub matches_each: u8,
}

/// What a season's matches show of its structure, for [`Structure::from_facts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StructureFacts {
    /// Groups named in the matches (0 for none).
    pub groups: usize,
    /// A league phase, when the group-stage matches form one table of teams that do not all meet.
    pub league_phase: Option<LeaguePhaseFacts>,
    /// The first knockout round stored, if any.
    pub first_knockout_round: Option<Round>,
    /// Whether knockout rounds are stored.
    pub knockout: bool,
    /// Whether a match for third place is stored.
    pub third_place_match: bool,
    /// The most meetings of one pair (home and away count as two).
    pub meetings: u8,
}

impl StructureFacts {
    /// What `matches` show: groups named, a league phase (group-stage matches without
    /// groups forming one table in which teams do not all meet), knockout rounds, a match
    /// for third place, and how often a pair meets.
    pub fn of_matches(matches: &[Match]) -> StructureFacts {
        let mut facts = StructureFacts::default();
        let groups: BTreeSet<&str> = matches.iter().filter_map(|m| m.group.as_deref()).collect();
        facts.groups = groups.len();
        let mut meetings: BTreeMap<(TeamId, TeamId), u8> = BTreeMap::new();
        for m in matches {
            let (a, b) = (m.pairing.home(), m.pairing.away());
            let n = meetings.entry((a.min(b), a.max(b))).or_default();
            *n = n.saturating_add(1);
            let label = m.round.as_deref().unwrap_or("").to_lowercase();
            if label.contains("third place") || label.contains("3rd place") {
                facts.third_place_match = true;
                facts.knockout = true;
                continue;
            }
            if let Ok(Stage::Knockout(round)) = Stage::of(m) {
                facts.knockout = true;
                facts.first_knockout_round = Some(facts.first_knockout_round.map_or(round, |r| r.min(round)));
            }
        }
        facts.meetings = meetings.values().copied().max().unwrap_or(0);
        if facts.groups == 0 {
            facts.league_phase = league_phase_of(matches);
        }
        facts
    }
}

/// A league phase: unlabelled group-stage matches joining every team in one table,
/// most teams playing the same number of matches, fewer than their opponents.
fn league_phase_of(matches: &[Match]) -> Option<LeaguePhaseFacts> {
    let phase: Vec<&Match> = matches
        .iter()
        .filter(|m| m.group.is_none() && matches!(Stage::of(m), Ok(Stage::Group)))
        .collect();
    let mut played: BTreeMap<TeamId, u16> = BTreeMap::new();
    for m in &phase {
        *played.entry(m.pairing.home()).or_default() += 1;
        *played.entry(m.pairing.away()).or_default() += 1;
    }
    let teams = played.len() as u16;
    if teams < 4 {
        return None;
    }
    // Later rounds labelled by matchday (knockout play-offs) add matches for some teams:
    // the count most teams share is the league phase's.
    let mut counts: BTreeMap<u16, u16> = BTreeMap::new();
    for n in played.values() {
        *counts.entry(*n).or_default() += 1;
    }
    let (&each, _) = counts
        .iter()
        .max_by_key(|(n, teams)| (**teams, std::cmp::Reverse(**n)))?;
    let mut joined = BTreeSet::from([*played.keys().next()?]);
    loop {
        let before = joined.len();
        for m in &phase {
            if joined.contains(&m.pairing.home()) || joined.contains(&m.pairing.away()) {
                joined.insert(m.pairing.home());
                joined.insert(m.pairing.away());
            }
        }
        if joined.len() == before {
            break;
        }
    }
    (joined.len() == played.len() && each + 1 < teams).then(|| LeaguePhaseFacts {
        teams,
        matches_each: u8::try_from(each).unwrap_or(u8::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(q: Qualification) -> Result<Structure, StructureError> {
        Structure::groups_then_knockout(1, q, false)
    }

    #[test]
    fn a_structure_is_checked() {
        assert_eq!(Structure::new(vec![]), Err(StructureError::Empty));
        assert!(Structure::league(0).is_err());
        let ko = Phase::new(
            "Knockout",
            PhaseKind::Knockout { third_place: true },
            Qualification::none(),
        );
        let league = Phase::new("League", PhaseKind::LEAGUE, Qualification::top(4));
        assert!(matches!(
            Structure::new(vec![ko.clone(), league.clone()]),
            Err(StructureError::Misplaced { .. })
        ));
        let same = Phase::new(
            "Knockout",
            PhaseKind::Groups { meetings: 1 },
            Qualification::top(2),
        );
        assert!(matches!(
            Structure::new(vec![same, ko.clone()]),
            Err(StructureError::BadName(_))
        ));
        // Groups must say who goes on; the last stage sends no one.
        assert!(groups(Qualification::none()).is_err());
        let last = Phase::new("League", PhaseKind::LEAGUE, Qualification::top(1));
        assert!(Structure::new(vec![last]).is_err());
        // Overlapping places, and a best third that is already through.
        assert!(
            groups(Qualification::from_rules(vec![
                Advance::Places {
                    first: 1,
                    last: 2,
                    to: Destination::NextStage
                },
                Advance::BestPlaced {
                    place: 2,
                    count: 4,
                    to: Destination::NextStage
                },
            ]))
            .is_err()
        );
        assert!(groups(Qualification::top_and_best(2, 0)).is_err());
        // A split follows a league.
        let split = Phase::new(
            "Split",
            PhaseKind::Split(SplitRules::austrian_bundesliga()),
            Qualification::none(),
        );
        assert!(Structure::new(vec![split.clone()]).is_err());
        let plain = Phase::new("League", PhaseKind::LEAGUE, Qualification::none());
        let austria = Structure::new(vec![plain, split]).unwrap();
        // Twice in the regular season, twice more in a section of six over ten rounds.
        assert_eq!(austria.league_meetings(), Some(4));
        let json = serde_json::to_string(&austria).unwrap();
        assert_eq!(serde_json::from_str::<Structure>(&json).unwrap(), austria);
        let scotland = Structure::split_league(3, SplitRules::scottish_premiership()).unwrap();
        assert_eq!(scotland.league_meetings(), Some(4));
        assert_eq!(Structure::league(2).unwrap().league_meetings(), Some(2));
        let too_many = Phase::new(
            "League phase",
            PhaseKind::LeaguePhase {
                teams: 8,
                matches_each: 8,
            },
            Qualification::top(4),
        );
        assert!(Structure::new(vec![too_many, ko]).is_err());
    }

    #[test]
    fn serde_goes_through_the_check() {
        let euro = groups(Qualification::top_and_best(2, 4)).unwrap();
        let json = serde_json::to_string(&euro).unwrap();
        assert_eq!(serde_json::from_str::<Structure>(&json).unwrap(), euro);
        let broken = r#"[{"name":"Knockout","kind":"knockout","third_place":false},
                         {"name":"League","kind":"league","meetings":2}]"#;
        assert!(serde_json::from_str::<Structure>(broken).is_err());
        assert!(serde_json::from_str::<Structure>("[]").is_err());
    }

    #[test]
    fn the_format_follows_the_structure() {
        for format in [Format::League, Format::Knockout, Format::GroupsKnockout] {
            assert_eq!(Structure::of_format(format).format(), format);
        }
        assert_eq!(Structure::league(2).unwrap().league_matches(20), Some(380));
        assert_eq!(Structure::league(4).unwrap().league_matches(12), Some(264));
        assert_eq!(Structure::knockout(true).league_matches(20), None);
    }

    #[test]
    fn places_give_verdicts() {
        let euro = Qualification::top_and_best(2, 4);
        assert_eq!(euro.verdict(1), PlaceVerdict::Through(Destination::NextStage));
        assert_eq!(
            euro.verdict(3),
            PlaceVerdict::AmongBest {
                count: 4,
                to: Destination::NextStage
            }
        );
        assert_eq!(euro.verdict(4), PlaceVerdict::Out);
        let ucl = Qualification::uefa_league_phase();
        assert_eq!(
            ucl.verdict(8),
            PlaceVerdict::Through(Destination::Round(Round::RoundOf(16)))
        );
        assert_eq!(
            ucl.verdict(24),
            PlaceVerdict::Through(Destination::Round(Round::Playoff))
        );
        assert_eq!(ucl.verdict(25), PlaceVerdict::Out);
    }

    #[test]
    fn an_unknown_competition_gets_a_plain_structure_from_its_matches() {
        let facts = |groups| StructureFacts {
            groups,
            knockout: true,
            meetings: 1,
            ..StructureFacts::default()
        };
        let best = |s: &Structure| s.group_phase().unwrap().qualification.best_placed();
        // Six groups and a Round of 16: the four best thirds go through.
        let mut other = facts(6);
        other.first_knockout_round = Some(Round::RoundOf(16));
        let cup = Structure::from_facts(Format::GroupsKnockout, &other);
        assert_eq!(best(&cup), Some((3, 4)));
        // No knockout match yet: the top two.
        let groups = Structure::from_facts(Format::GroupsKnockout, &facts(8));
        assert_eq!(groups.group_phase().unwrap().qualification, Qualification::top(2));
        let mut phase = facts(0);
        phase.league_phase = Some(LeaguePhaseFacts {
            teams: 36,
            matches_each: 8,
        });
        let phase = Structure::from_facts(Format::GroupsKnockout, &phase);
        assert_eq!(phase.group_phase().unwrap().qualification, Qualification::top(9));
        assert_eq!(phase.format(), Format::GroupsKnockout);
        // A league: the meetings seen, at least two.
        let league = StructureFacts {
            meetings: 4,
            ..StructureFacts::default()
        };
        assert_eq!(
            Structure::from_facts(Format::League, &league).league_matches(12),
            Some(264)
        );
        assert_eq!(
            Structure::from_facts(Format::League, &StructureFacts::default()).league_matches(20),
            Some(380)
        );
    }

    #[test]
    fn a_league_with_play_offs_after_it_is_a_league() {
        let efl = Structure::new(vec![
            Phase::new(
                "League",
                PhaseKind::LEAGUE,
                Qualification::from_rules(vec![Advance::Places {
                    first: 3,
                    last: 6,
                    to: Destination::NextStage,
                }]),
            ),
            Phase::new(
                "Play-offs",
                PhaseKind::Knockout { third_place: false },
                Qualification::none(),
            ),
        ])
        .unwrap();
        assert_eq!(efl.format(), Format::League);
        assert_eq!(efl.league_matches(24), Some(552));
        assert!(efl.knockout_phase().is_some());
    }
}
