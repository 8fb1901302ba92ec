//! A cup's trophy target: the group stage (or league phase), then the knockout run.

use chrono::NaiveDate;

use super::group::{GroupOutcome, group_of, outcome};
use super::league::place_in;
use super::{
    CompetitionSeason, DecidedBy, NextMatch, Opponent, StageReached, TargetStatus, TeamVenue, TrophyTarget,
    next_of,
};
use crate::{
    Bracket, KnockoutError, KnockoutTie, Match, PhaseKind, PlaceVerdict, Round, RoundOrder, Stage, TeamId,
    TieState,
};

pub(super) fn target(
    mut target: TrophyTarget,
    season: CompetitionSeason<'_>,
    team: TeamId,
    as_of: Option<NaiveDate>,
) -> Result<TrophyTarget, KnockoutError> {
    let competition = season.competition;
    let matches = season.matches;
    let order = RoundOrder::of(competition, matches)?;
    let bracket = Bracket::build(competition, matches, as_of)?;
    let group = group_of(competition, matches, team);
    let mut in_play = false;
    if let Some(group) = &group {
        in_play = true;
        let table = group.table(competition, season.decisions, as_of);
        // The structure's name for it ("Group stage", "League phase"); its kind tells them apart.
        target.stage = Some(match competition.structure.group_phase() {
            Some(phase) if matches!(phase.kind, PhaseKind::LeaguePhase { .. }) => {
                StageReached::LeaguePhase(phase.name.clone())
            }
            Some(phase) => StageReached::Groups(phase.name.clone()),
            None => StageReached::Groups(Stage::Group.name()),
        });
        target.group = group.label.clone();
        place_in(&mut target, &table, team);
        if let (Some(phase), Some(position)) = (competition.structure.group_phase(), target.position) {
            target.leads_to = Some(phase.qualification.verdict(position));
        }
        if !group.finished(as_of) {
            let mut left: Vec<&&Match> = group
                .matches
                .iter()
                .filter(|m| m.is_remaining_as_of(as_of))
                .collect();
            left.sort_by_key(|m| (m.date, m.kickoff));
            let (next, overdue) = super::next_and_overdue(left.into_iter().copied(), team, as_of);
            let next_of =
                |m: &Match| next_of(m, team, m.round.clone().unwrap_or_else(|| Stage::Group.name()));
            target.next_match = next.map(next_of);
            target.overdue = overdue.into_iter().map(next_of).collect();
            // A group winner goes straight to the last 16, so the play-off is not counted,
            // nor the qualifying rounds played before the groups.
            let rounds = order
                .rounds_to_trophy()
                .filter(|r| *r != Round::Playoff && !r.is_qualifying())
                .count();
            target.ties_to_win = Some(rounds as u8);
            return Ok(target);
        }
        let position = target.position.unwrap_or(u16::MAX);
        let decided = outcome(competition, matches, season.decisions, group, team, as_of);
        if let GroupOutcome::Decided { verdict, among } = &decided {
            target.leads_to = Some(*verdict);
            if *verdict == PlaceVerdict::Out && !super::plays_knockout(matches, team) {
                target.status = TargetStatus::Eliminated;
                target.decided_by = Some(DecidedBy::GroupFinish {
                    position,
                    group: group.label.clone(),
                    among: among.clone(),
                });
                return Ok(target);
            }
        }
        target.points_behind_leader = None;
        target.points_clear = None;
        if target.leads_to.is_none() {
            target.position = None;
        }
    }
    for stage in &bracket.rounds {
        let round = stage.round;
        if !round.is_on_path_to_trophy() {
            // A semi-final's loser plays the third-place match, but its run was decided in the semi-final.
            continue;
        }
        let Some(tie) = stage.ties.iter().find(|t| t.involves(team)) else {
            // A club joining in this round already has its fixture stored, though not yet drawn.
            let enters_here = || {
                matches.iter().any(|m| {
                    m.pairing.involves(team) && matches!(Stage::of(m), Ok(Stage::Knockout(r)) if r == round)
                })
            };
            if stage.ties.is_empty() && (in_play || enters_here()) {
                // Through to, or entering in, a round not yet drawn.
                target.stage = Some(StageReached::Round(round));
                target.ties_to_win = Some(order.ties_to_win_from(round));
                target.next_match = Some(NextMatch {
                    date: None,
                    opponent: None,
                    round: round.name(),
                    venue: None,
                });
                return Ok(target);
            }
            // A round the team skipped: a bye, or one played before it entered.
            continue;
        };
        in_play = true;
        target.stage = Some(StageReached::Round(round));
        match tie.winner() {
            Some(winner) if winner == team => {
                if round == Round::Final {
                    target.status = TargetStatus::Won;
                    target.ties_to_win = Some(0);
                    target.decided_by = Some(DecidedBy::Tie(tie.clone()));
                    return Ok(target);
                }
            }
            Some(winner) => {
                target.status = if round == Round::Final {
                    TargetStatus::RunnerUp
                } else {
                    TargetStatus::Eliminated
                };
                target.eliminated_by = Some(winner);
                target.decided_by = Some(DecidedBy::Tie(tie.clone()));
                return Ok(target);
            }
            None if tie.state() == TieState::CalledOff => {
                // Nobody went through on the pitch and nothing is left to play.
                target.status = TargetStatus::Eliminated;
                target.decided_by = Some(DecidedBy::Tie(tie.clone()));
                return Ok(target);
            }
            None => {
                target.ties_to_win = Some(order.ties_to_win_from(round));
                // A leg left unplayed before the as-of day holds the tie up: overdue, not next.
                match tie.next_match() {
                    Some(m) if super::is_overdue(m, as_of) => {
                        target.overdue = vec![next_of(m, team, round.name())];
                    }
                    _ => target.next_match = Some(next_in_tie(&bracket, tie, team)),
                }
                return Ok(target);
            }
        }
    }
    // Through from the group stage, yet in no tie of a round already drawn: out on the
    // way to it, in a round the file does not name as one (the league phase's play-offs are
    // labelled by matchday). Which tie is not stored, so none is given.
    if let Some(PlaceVerdict::Through(to)) = target.leads_to
        && !super::plays_knockout(matches, team)
        && bracket.rounds.iter().any(|r| !r.ties.is_empty())
    {
        target.status = TargetStatus::Eliminated;
        target.stage = Some(match to {
            crate::Destination::Round(round) => StageReached::Round(round),
            crate::Destination::NextStage => StageReached::Knockout(
                competition
                    .structure
                    .knockout_phase()
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
            ),
        });
        target.ties_to_win = None;
        return Ok(target);
    }
    // Every stored round won and nothing after it: cannot happen while the order ends in a final.
    Ok(target)
}

/// What is known of the next match of an undecided tie in `bracket`, whose ties are all drawn.
fn next_in_tie(bracket: &Bracket, tie: &KnockoutTie, team: TeamId) -> NextMatch {
    let round = tie.round();
    let opponent = tie.opponent_of(team).expect("the team's tie");
    let mut next = match tie.next_match() {
        Some(m) => next_of(m, team, round.name()),
        None => NextMatch {
            date: None,
            opponent: Some(Opponent::Team(opponent)),
            round: round.name(),
            venue: None,
        },
    };
    if round == Round::Final && next.venue.is_some() {
        next.venue = Some(TeamVenue::Neutral);
    }
    if !tie.has_started() {
        // The opponent may itself still be playing for its place.
        if let Some(open) = bracket.open_tie_before(round, opponent) {
            let (a, b) = open.teams();
            next.opponent = Some(Opponent::WinnerOf(a, b));
        }
    }
    next
}
