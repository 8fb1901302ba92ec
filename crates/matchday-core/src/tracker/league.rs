//! A league's trophy target: the place, the gap, whether the season is finished,
//! and the play-offs after it.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::league_order::{LeagueOrder, is_knockout};
use super::{
    CompetitionSeason, StageReached, TargetStatus, TrophyTarget, next_and_overdue, next_of, play_offs,
};
use crate::{KnockoutError, Match, MatchStatus, Standings, TeamId};

/// A league is finished only when every meeting its structure needs is played
/// (n teams, m meetings: n·(n-1)·m/2 matches), not merely when no fixture is left
/// stored: a file may hold only the first rounds. The play-offs after it are no
/// part of that count: they come after the league is finished.
///
/// # Errors
/// The errors of [`crate::Bracket::build`] for play-off rounds that cannot be read.
pub(super) fn target(
    mut target: TrophyTarget,
    season: CompetitionSeason<'_>,
    team: TeamId,
    as_of: Option<NaiveDate>,
) -> Result<TrophyTarget, KnockoutError> {
    let league: Vec<&Match> = season.matches.iter().filter(|m| !is_knockout(m)).collect();
    let teams: Vec<TeamId> = league
        .iter()
        .flat_map(|m| [m.pairing.home(), m.pairing.away()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let order = LeagueOrder::compute(season, &teams, as_of);
    place_in(&mut target, &order.table, team);
    let (first, second) = order.leaders_for(team);
    if target.position.is_some()
        && let (Some(row), Some(leader)) = (order.table.row(team), first)
    {
        // After a split a club's gap is to the top of its own section: it can finish no higher.
        target.points_behind_leader = Some(leader.points - row.points);
        target.points_clear = match second {
            Some(second) if leader.team == team => Some(row.points - second.points),
            _ => None,
        };
    }
    target.stage = order
        .section_of(team)
        .map(|s| StageReached::Section(s.to_string()));
    let mut remaining: Vec<&Match> = league
        .iter()
        .copied()
        .filter(|m| m.is_remaining_as_of(as_of))
        .collect();
    remaining.sort_by_key(|m| (m.date, m.kickoff));
    let played = league
        .iter()
        // A cancelled match will not be played: a curtailed season is over without it.
        .filter(|m| m.result_as_of(as_of).is_some() || m.status == MatchStatus::Cancelled)
        .count();
    let needed = season.competition.structure.league_matches(teams.len());
    let all_played = needed.is_none_or(|needed| played >= needed);
    let finished = remaining.is_empty() && all_played;
    target.status = if finished {
        TargetStatus::Finished
    } else {
        TargetStatus::Alive
    };
    let (next, overdue) = next_and_overdue(remaining, team, as_of);
    let next_of = |m: &Match| next_of(m, team, m.round.clone().unwrap_or_default());
    target.next_match = next.map(next_of);
    target.overdue = overdue.into_iter().map(next_of).collect();
    if let Some(position) = target.position {
        target.zones = season
            .competition
            .zones
            .iter()
            .filter(|z| z.contains(position))
            .map(|z| z.name.clone())
            .collect();
        // Only a league followed by another stage sends places on (the EFL's 3rd to 6th).
        if let Some(stage) = season.competition.structure.league_stage()
            && !stage.qualification.is_none()
        {
            let verdict = stage.qualification.verdict(position);
            target.leads_to = Some(verdict);
            target.play_offs = play_offs::run(season, team, as_of, finished, verdict)?;
        }
    }
    Ok(target)
}

pub(super) fn place_in(target: &mut TrophyTarget, table: &Standings, team: TeamId) {
    // Before the first match no place means anything: the team has none yet.
    if !table.has_begun() {
        return;
    }
    if let (Some(row), Some(leader)) = (table.row(team), table.rows.first()) {
        target.position = Some(row.position);
        target.points_behind_leader = Some(leader.points - row.points);
        target.points_clear = match table.rows.get(1) {
            Some(second) if leader.team == team => Some(row.points - second.points),
            _ => None,
        };
    }
}
