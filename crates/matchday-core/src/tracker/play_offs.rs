//! A league's play-offs: the knockout stage its structure plays after the league
//! (the EFL's places 3 to 6 play for the last promotion place).
//!
//! The play-offs are a stage of the same competition: their matches are stored
//! with it, with a typed knockout stage, and count in no table. A team's run in
//! them is read as a cup's run over the play-off matches alone, so every rule of
//! knockout ties (legs, extra time, penalties, when a round counts as drawn) is
//! the cup tracker's own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::league_order::is_knockout;
use super::{CompetitionSeason, DecidedBy, NextMatch, StageReached, TargetStatus, TrophyTarget, cup};
use crate::{Destination, KnockoutError, Match, PhaseKind, PlaceVerdict, Round, Structure, TeamId};

/// A team's run in the knockout stage played after a league.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayOffRun {
    /// The knockout stage's name in the structure: "Play-offs".
    pub stage: String,
    /// Alive, eliminated, won (the play-off final) or runner-up (lost it).
    pub status: TargetStatus,
    /// The round reached, once the team has a tie in one.
    pub round: Option<Round>,
    /// The next match, while alive.
    pub next_match: Option<NextMatch>,
    /// Its play-off matches dated before the as-of day with no result stored.
    #[serde(default)]
    pub overdue: Vec<NextMatch>,
    /// The team that knocked it out, or beat it in the final.
    pub eliminated_by: Option<TeamId>,
    /// The deciding tie.
    pub decided_by: Option<DecidedBy>,
    /// Ties still to win: 0 once the final is won; none when out.
    pub ties_to_win: Option<u8>,
}

/// The run of `team` in the play-offs after its league, on `as_of`: none when the
/// structure has no knockout after the league, the league is not finished on that
/// day (the places are not settled), or the team's place (`verdict`) does not send it
/// there and it played no play-off match.
///
/// # Errors
/// The errors of [`crate::Bracket::build`] for play-off rounds that cannot be read.
pub(super) fn run(
    season: CompetitionSeason<'_>,
    team: TeamId,
    as_of: Option<NaiveDate>,
    league_finished: bool,
    verdict: PlaceVerdict,
) -> Result<Option<PlayOffRun>, KnockoutError> {
    let competition = season.competition;
    let Some(phase) = competition.structure.knockout_phase() else {
        return Ok(None);
    };
    let PhaseKind::Knockout { third_place } = phase.kind else {
        return Ok(None);
    };
    let matches: Vec<Match> = season
        .matches
        .iter()
        .filter(|m| is_knockout(m))
        .cloned()
        .collect();
    let plays = matches.iter().any(|m| m.pairing.involves(team));
    let sent = matches!(
        verdict,
        PlaceVerdict::Through(Destination::NextStage | Destination::Round(_))
    );
    if !league_finished || !(sent || plays) {
        return Ok(None);
    }
    let mut run = PlayOffRun {
        stage: phase.name.clone(),
        status: TargetStatus::Alive,
        round: None,
        next_match: None,
        overdue: Vec::new(),
        eliminated_by: None,
        decided_by: None,
        ties_to_win: None,
    };
    if !plays {
        // Through, with the draw of the play-offs not stored yet.
        return Ok(Some(run));
    }
    // The play-offs seen as a cup of their own: the same competition's rules, its
    // knockout stage for a structure, and only its matches.
    let mut knockout = competition.clone();
    knockout.set_structure(Structure::knockout(third_place));
    let view = CompetitionSeason {
        competition: &knockout,
        matches: &matches,
        ..season
    };
    let target = cup::target(TrophyTarget::blank(&knockout, season.tier), view, team, as_of)?;
    run.status = target.status;
    run.round = match target.stage {
        Some(StageReached::Round(round)) => Some(round),
        _ => None,
    };
    run.next_match = target.next_match;
    run.overdue = target.overdue;
    run.eliminated_by = target.eliminated_by;
    run.decided_by = target.decided_by;
    run.ties_to_win = target.ties_to_win;
    Ok(Some(run))
}
