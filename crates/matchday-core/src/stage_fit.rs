//! Whether a typed match's labels (its group, round, leg, replay and neutral
//! ground) fit the stages its competition is played in, as its stored
//! structure says: a group belongs to a group stage, a knockout round to a
//! knockout stage, legs and replays to knockout ties. A label with no place
//! would be stored and then shown as a stage the competition does not have
//! (a league's "Group Q" table of two clubs).

use crate::{Competition, Format, Match, PhaseKind, PlayOff, Round, Stage, Venue};

/// Where a match whose label does not fit is played, for the words of the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchPlace {
    /// A league's round robin (a matchday, or no round given).
    League,
    /// A group stage or league phase.
    GroupStage,
}

/// A label of a new match its competition's stages have no place for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageMisfit {
    /// A group, in a competition with no group stage.
    #[error("group {group}: there is no group stage")]
    NoGroupStage {
        /// The group given.
        group: String,
    },
    /// A round label naming a knockout round, in a competition with no knockout stage
    /// (nor, for a play-off, regulations that settle a tie by one).
    #[error("{round} is a knockout round and there is no knockout stage")]
    NoKnockoutStage {
        /// The round the label names.
        round: Round,
        /// The label as given.
        label: String,
    },
    /// A round label naming a group-stage matchday, in a knockout with no group stage.
    #[error("'{label}' is a group-stage round and there is no group stage")]
    NoGroupStageForRound {
        /// The label as given.
        label: String,
    },
    /// A knockout round for a match given a group: a match is in one stage or the other.
    #[error("{round} is a knockout round, not a round of group {group}")]
    KnockoutRoundInGroup {
        /// The round the label names.
        round: Round,
        /// The group given.
        group: String,
    },
    /// A leg for a match that is not a knockout tie's.
    #[error("leg {leg}: only a knockout tie has legs")]
    LegOutsideTie {
        /// The leg given.
        leg: u8,
        /// Where the match is played.
        place: MatchPlace,
    },
    /// A replay of a match that is not a knockout tie's.
    #[error("a replay: only a drawn knockout tie is replayed")]
    ReplayOutsideTie {
        /// Where the match is played.
        place: MatchPlace,
    },
    /// Neutral ground for a match of a league's round robin: each club is at
    /// home to each other once (the meetings are counted so), even when a
    /// match is moved away from that ground.
    #[error("neutral ground: a league match is one club's home match")]
    NeutralLeagueMatch,
}

/// Checks that the labels of `m`, a match typed in by a person, fit the stages of
/// `competition`. Imports are not checked so: a file's stages are read whole,
/// and the labels of real seasons (a league's play-off, a title decider) stay as the file gives them.
///
/// # Errors
/// The first [`StageMisfit`]: a group without a group stage, a round naming a stage
/// the competition does not have, a leg or replay outside a knockout tie, or
/// neutral ground for a league match.
pub fn check_stage_fit(competition: &Competition, m: &Match) -> Result<(), StageMisfit> {
    let phases = competition.structure.phases();
    let has = |fits: fn(&PhaseKind) -> bool| phases.iter().any(|p| fits(&p.kind));
    let has_groups = has(|k| matches!(k, PhaseKind::Groups { .. }));
    let has_group_stage = has(|k| matches!(k, PhaseKind::Groups { .. } | PhaseKind::LeaguePhase { .. }));
    let has_knockout = has(|k| matches!(k, PhaseKind::Knockout { .. }));
    let label = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let group = label(&m.group);
    let round = label(&m.round);
    // The stage the round label names, as the store types it for this format: in a league,
    // only a play-off round ("Final", "Semi-final") is a knockout round; its others are matchdays.
    let named = Stage::typed_for_labels(competition.format, None, round.as_deref());
    if let Some(group) = &group {
        if !has_groups {
            return Err(StageMisfit::NoGroupStage { group: group.clone() });
        }
        if let (Some(Stage::Knockout(r)), Some(_)) = (named, &round)
            && !matches!(r, Round::Numbered(_))
        {
            return Err(StageMisfit::KnockoutRoundInGroup {
                round: r,
                group: group.clone(),
            });
        }
    }
    let knockout = match (group.is_some(), named) {
        (true, _) => false,
        (false, Some(Stage::Knockout(r))) => {
            // A league whose regulations settle a tie by a play-off (Serie A's for the last
            // safe place) plays it without a knockout stage.
            let deciding_play_off =
                r == Round::Playoff && competition.regulations().play_off() != PlayOff::Never;
            if !has_knockout && !deciding_play_off {
                return Err(StageMisfit::NoKnockoutStage {
                    round: r,
                    label: round.unwrap_or_default(),
                });
            }
            true
        }
        (false, Some(Stage::Group)) => {
            if !has_group_stage {
                return Err(StageMisfit::NoGroupStageForRound {
                    label: round.unwrap_or_default(),
                });
            }
            false
        }
        // No round, or one that names no stage: in a league a matchday; a cup's own checks
        // answer a cup match without a readable round.
        (false, None) => competition.format != Format::League,
    };
    if knockout {
        return Ok(());
    }
    let place = if competition.format == Format::League && group.is_none() {
        MatchPlace::League
    } else {
        MatchPlace::GroupStage
    };
    if let Some(leg) = m.leg {
        return Err(StageMisfit::LegOutsideTie { leg, place });
    }
    if m.replay {
        return Err(StageMisfit::ReplayOutsideTie { place });
    }
    if m.venue == Venue::Neutral && place == MatchPlace::League {
        return Err(StageMisfit::NeutralLeagueMatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knockout::test_support::{cup, day};
    use crate::{MatchStatus, Pairing, Qualification, Structure, TeamId};

    fn entered(group: Option<&str>, round: Option<&str>) -> Match {
        let mut m = Match::new(
            day("2023-09-02"),
            Pairing::new(TeamId(1), TeamId(2)).unwrap(),
            MatchStatus::Played("1-0".parse().unwrap()),
        );
        m.group = group.map(str::to_string);
        m.round = round.map(str::to_string);
        m
    }

    fn league_with_play_offs() -> Competition {
        let mut c = cup(Format::League, false);
        c.set_structure(
            Structure::new(vec![
                crate::Phase::new("League", PhaseKind::LEAGUE, Qualification::top(6)),
                crate::Phase::new(
                    "Play-offs",
                    PhaseKind::Knockout { third_place: false },
                    Qualification::none(),
                ),
            ])
            .unwrap(),
        );
        c
    }

    #[test]
    fn a_league_match_has_no_group_knockout_round_leg_replay_or_neutral_ground() {
        let mut league = cup(Format::League, false);
        league.set_structure(Structure::league(2).unwrap());
        assert_eq!(
            check_stage_fit(&league, &entered(None, Some("Matchday 3"))),
            Ok(())
        );
        assert_eq!(check_stage_fit(&league, &entered(None, Some("Round 3"))), Ok(()));
        assert_eq!(
            check_stage_fit(&league, &entered(Some("Q"), None)),
            Err(StageMisfit::NoGroupStage { group: "Q".into() })
        );
        assert_eq!(
            check_stage_fit(&league, &entered(None, Some("Final"))),
            Err(StageMisfit::NoKnockoutStage {
                round: Round::Final,
                label: "Final".into()
            })
        );
        let mut leg = entered(None, None);
        leg.leg = Some(2);
        assert_eq!(
            check_stage_fit(&league, &leg),
            Err(StageMisfit::LegOutsideTie {
                leg: 2,
                place: MatchPlace::League
            })
        );
        let mut replay = entered(None, None);
        replay.replay = true;
        assert!(matches!(
            check_stage_fit(&league, &replay),
            Err(StageMisfit::ReplayOutsideTie { .. })
        ));
        let mut neutral = entered(None, None);
        neutral.venue = Venue::Neutral;
        assert_eq!(
            check_stage_fit(&league, &neutral),
            Err(StageMisfit::NeutralLeagueMatch)
        );
    }

    #[test]
    fn a_league_play_off_is_a_knockout_tie() {
        let league = league_with_play_offs();
        let mut final_ = entered(None, Some("Final"));
        final_.venue = Venue::Neutral;
        assert_eq!(check_stage_fit(&league, &final_), Ok(()));
        let mut semi = entered(None, Some("Semi-final"));
        semi.leg = Some(2);
        assert_eq!(check_stage_fit(&league, &semi), Ok(()));
        // Without a knockout stage, a play-off fits only a league whose regulations have one.
        let mut serie_a = cup(Format::League, false);
        serie_a.set_structure(Structure::league(2).unwrap());
        serie_a.rules = crate::RuleSet::SerieA;
        let mut play_off = entered(None, Some("Relegation play-off"));
        play_off.venue = Venue::Neutral;
        assert_eq!(check_stage_fit(&serie_a, &play_off), Ok(()));
        serie_a.rules = crate::RuleSet::LaLiga;
        assert!(matches!(
            check_stage_fit(&serie_a, &play_off),
            Err(StageMisfit::NoKnockoutStage {
                round: Round::Playoff,
                ..
            })
        ));
        // Its matchdays are still league matches.
        let mut matchday = entered(None, Some("Matchday 3"));
        matchday.leg = Some(1);
        assert!(check_stage_fit(&league, &matchday).is_err());
    }

    #[test]
    fn groups_and_ties_belong_to_their_own_stages() {
        let uefa = cup(Format::GroupsKnockout, false);
        let mut group_match = entered(Some("E"), Some("Matchday 1"));
        group_match.venue = Venue::Neutral;
        assert_eq!(check_stage_fit(&uefa, &group_match), Ok(()));
        group_match.leg = Some(1);
        assert_eq!(
            check_stage_fit(&uefa, &group_match),
            Err(StageMisfit::LegOutsideTie {
                leg: 1,
                place: MatchPlace::GroupStage
            })
        );
        assert!(matches!(
            check_stage_fit(&uefa, &entered(Some("E"), Some("Final"))),
            Err(StageMisfit::KnockoutRoundInGroup { .. })
        ));
        let mut tie = entered(None, Some("Round of 16"));
        tie.leg = Some(2);
        assert_eq!(check_stage_fit(&uefa, &tie), Ok(()));
        let fa = cup(Format::Knockout, false);
        assert!(matches!(
            check_stage_fit(&fa, &entered(Some("A"), None)),
            Err(StageMisfit::NoGroupStage { .. })
        ));
        assert!(matches!(
            check_stage_fit(&fa, &entered(None, Some("Matchday 2"))),
            Err(StageMisfit::NoGroupStageForRound { .. })
        ));
        let mut replay = entered(None, Some("Round 3"));
        replay.replay = true;
        assert_eq!(check_stage_fit(&fa, &replay), Ok(()));
    }
}
