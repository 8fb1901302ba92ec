//! A league's trophy target: the place, the gap, and whether the season is finished.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{CompetitionSeason, TargetStatus, TrophyTarget, next_and_overdue, next_of};
use crate::{Match, MatchStatus, Standings, TableOptions, TeamId, View};

/// A league is finished only when every meeting its structure needs is played
/// (n teams, m meetings: n·(n-1)·m/2 matches), not merely when no fixture is left
/// stored: a file may hold only the first rounds.
pub(super) fn target(
    mut target: TrophyTarget,
    season: CompetitionSeason<'_>,
    team: TeamId,
    as_of: Option<NaiveDate>,
) -> TrophyTarget {
    let teams: Vec<TeamId> = season
        .matches
        .iter()
        .flat_map(|m| [m.pairing.home(), m.pairing.away()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let options = TableOptions {
        as_of,
        view: View::Total,
    };
    let table = Standings::compute(
        season.competition,
        &teams,
        season.matches,
        season.deductions,
        options,
    );
    place_in(&mut target, &table, team);
    let mut remaining: Vec<&Match> = season
        .matches
        .iter()
        .filter(|m| m.is_remaining_as_of(as_of))
        .collect();
    remaining.sort_by_key(|m| (m.date, m.kickoff));
    let played = season
        .matches
        .iter()
        // A cancelled match will not be played: a curtailed season is over without it.
        .filter(|m| m.result_as_of(as_of).is_some() || m.status == MatchStatus::Cancelled)
        .count();
    let needed = season.competition.structure.league_matches(teams.len());
    let all_played = needed.is_none_or(|needed| played >= needed);
    target.status = if remaining.is_empty() && all_played {
        TargetStatus::Finished
    } else {
        TargetStatus::Alive
    };
    let (next, overdue) = next_and_overdue(remaining, team, as_of);
    let next_of = |m: &Match| next_of(m, team, m.round.clone().unwrap_or_default());
    target.next_match = next.map(next_of);
    target.overdue = overdue.into_iter().map(next_of).collect();
    target
}

pub(super) fn place_in(target: &mut TrophyTarget, table: &Standings, team: TeamId) {
    if let (Some(row), Some(leader)) = (table.row(team), table.rows.first()) {
        target.position = Some(row.position);
        target.points_behind_leader = Some(leader.points - row.points);
        target.points_clear = match table.rows.get(1) {
            Some(second) if leader.team == team => Some(row.points - second.points),
            _ => None,
        };
    }
}
