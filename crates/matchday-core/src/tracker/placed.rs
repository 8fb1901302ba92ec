//! The ranking of the teams placed `k`-th across groups (the best thirds of the
//! Euro and the 2026 World Cup), with the line the qualification draws.
//!
//! Teams from different groups never met, so the ranking uses the competition's
//! overall criteria only: [`rank_teams`] is given no results, so head-to-head
//! criteria separate no one and the overall ones (points, goal difference,
//! goals, wins, ... as the rule set lists them) decide.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::group::groups;
use crate::{
    Competition, Destination, Match, PlaceVerdict, RankScratch, RankingRules, Row, TeamId, TeamTotals,
    rank_teams,
};

/// Which side of the qualifying line a placed team stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Line {
    /// Among the best: through.
    Through,
    /// Below the line: out.
    Out,
    /// Level on every criterion with a team across the line: the rules off the pitch decide.
    Level,
}

/// One team placed `k`-th in its group, in the ranking across groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedStanding {
    /// Its rank among the teams so placed (1-based); level teams share it.
    pub rank: u16,
    /// Whether another team shares the rank.
    pub shared: bool,
    /// Its group's label, when the files name it.
    pub group: Option<String>,
    /// Its group record.
    pub row: Row,
    /// Which side of the line it stands.
    pub line: Line,
    /// Where the ones through go.
    pub to: Destination,
}

impl PlacedStanding {
    /// The verdict its standing gives: through or out (level counts as not yet through).
    pub fn verdict(&self) -> PlaceVerdict {
        match self.line {
            Line::Through => PlaceVerdict::Through(self.to),
            Line::Out | Line::Level => PlaceVerdict::Out,
        }
    }
}

/// The teams placed `place`-th across the groups, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedRanking {
    /// The place in the group: 3 for thirds.
    pub place: u16,
    /// How many of them go on.
    pub count: u16,
    /// Whether every group was finished on the date (otherwise the ranking is as things stand).
    pub complete: bool,
    /// The teams, best first.
    pub teams: Vec<PlacedStanding>,
}

impl PlacedRanking {
    /// The ranking on `as_of` of the teams placed as the competition's best-placed rule
    /// says, the group tables in the order `decisions` recorded off the pitch; none
    /// when its structure has no such rule.
    pub fn compute(
        competition: &Competition,
        matches: &[Match],
        decisions: &[crate::Decision],
        as_of: Option<NaiveDate>,
    ) -> Option<PlacedRanking> {
        let phase = competition.structure.group_phase()?;
        let (place, count) = phase.qualification.best_placed()?;
        let to = match phase.qualification.verdict(place) {
            PlaceVerdict::AmongBest { to, .. } => to,
            _ => Destination::NextStage,
        };
        let mut complete = true;
        let mut placed: Vec<(Option<String>, Row)> = Vec::new();
        for group in groups(competition, matches) {
            complete &= group.finished(as_of);
            let table = group.table(competition, decisions, as_of);
            if let Some(row) = table.rows.get(usize::from(place) - 1) {
                placed.push((group.label.clone(), row.clone()));
            }
        }
        let totals: Vec<TeamTotals> = placed
            .iter()
            .map(|(_, r)| TeamTotals {
                played: r.played,
                won: r.won,
                drawn: r.drawn,
                lost: r.lost,
                goals_for: u16::try_from(r.goals_for).unwrap_or(u16::MAX),
                goals_against: u16::try_from(r.goals_against).unwrap_or(u16::MAX),
                // Tournaments are played on neutral ground: no away goals or away wins.
                away_goals_for: 0,
                away_won: 0,
                points: r.points,
            })
            .collect();
        let regulations = competition.regulations();
        let rules = RankingRules::new(&regulations, &[]);
        let mut scratch = RankScratch::default();
        let ranked = rank_teams(&rules, &totals, &[], &mut scratch);
        let teams = ranked
            .iter()
            .map(|p| {
                let (group, row) = placed[usize::from(p.team)].clone();
                // A shared rank crossing the line leaves those teams level across it.
                let last_of_rank = ranked.iter().filter(|q| q.position <= p.position).count() as u16;
                let line = if last_of_rank <= count {
                    Line::Through
                } else if p.position > count {
                    Line::Out
                } else {
                    Line::Level
                };
                PlacedStanding {
                    rank: p.position,
                    shared: p.shared,
                    group,
                    row,
                    line,
                    to,
                }
            })
            .collect();
        Some(PlacedRanking {
            place,
            count,
            complete,
            teams,
        })
    }

    /// The standing of `team`, if it is one of the teams so placed.
    pub fn standing_of(&self, team: TeamId) -> Option<PlacedStanding> {
        self.teams.iter().find(|s| s.row.team == team).cloned()
    }
}
