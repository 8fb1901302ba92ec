//! Checks of a new cup match against the ties already stored.

use crate::{
    Competition, Format, KnockoutError, LegFault, Match, Round, RoundOrder, Stage, TieFormat, ties_in_round,
};

/// Checks a cup match about to be recorded against the ties already stored.
///
/// `matches` are the competition's stored matches; a stored fixture between
/// the same teams on the same day, still to play, is the one being completed
/// and is left out. Group-stage matches and league matches pass. The errors
/// name teams by id; whoever shows them words them.
///
/// # Errors
/// - [`KnockoutError::MissingRound`] / [`KnockoutError::UnknownRound`]: no readable round;
/// - [`KnockoutError::Eliminated`] / [`KnockoutError::OutInGroup`]: a team is already out;
/// - [`KnockoutError::OtherOpponent`]: a team already has a tie against someone else in the round;
/// - [`KnockoutError::TieDecided`]: the tie between the two teams is already decided;
/// - [`KnockoutError::BadLeg`]: a leg other than 1 or 2, a leg already stored, a second
///   leg without a first or at the same ground, or no leg given for a two-legged tie;
/// - [`KnockoutError::NoReplayDue`]: a replay where no drawn match awaits one, or
///   a play-off (a replay of a two-legged tie) before both legs left it level.
pub fn check_new_cup_match(
    competition: &Competition,
    matches: &[Match],
    new: &Match,
) -> Result<(), KnockoutError> {
    if competition.format == Format::League {
        return Ok(());
    }
    let Stage::Knockout(round) = Stage::of(new)? else {
        return Ok(());
    };
    let (home, away) = (new.pairing.home(), new.pairing.away());
    let stored: Vec<Match> = matches
        .iter()
        .filter(|m| {
            !(m.date == new.date
                && m.pairing.involves(home)
                && m.pairing.involves(away)
                && m.status.is_pending())
        })
        .cloned()
        .collect();
    let order = RoundOrder::of(competition, &stored)?;
    for team in [home, away] {
        // The third-place match is between the semi-finals' losers, so losing there is no elimination from it.
        let counts = |r: Round| r < round && !(round == Round::ThirdPlace && r == Round::SemiFinal);
        for &earlier in order.rounds().iter().filter(|r| counts(**r)) {
            let ties = ties_in_round(competition, earlier, &stored, None)?;
            if let Some(tie) = ties.iter().find(|t| t.loser() == Some(team)) {
                return Err(KnockoutError::Eliminated {
                    team,
                    round: earlier,
                    by: tie.winner().expect("decided"),
                });
            }
        }
        if crate::tracker::out_in_group(competition, &stored, team) {
            return Err(KnockoutError::OutInGroup { team });
        }
    }
    let ties = ties_in_round(competition, round, &stored, None)?;
    for team in [home, away] {
        let other = new.pairing.opponent_of(team).expect("in the pairing");
        if let Some(tie) = ties.iter().find(|t| t.involves(team) && !t.involves(other)) {
            return Err(KnockoutError::OtherOpponent {
                team,
                round,
                opponent: tie.opponent_of(team).expect("involved"),
            });
        }
    }
    let bad_leg = |fault: LegFault| Err(KnockoutError::BadLeg { round, fault });
    if let Some(leg) = new.leg
        && leg != 1
        && leg != 2
    {
        return bad_leg(LegFault::Number(leg));
    }
    let Some(tie) = ties.iter().find(|t| t.involves(home) && t.involves(away)) else {
        if new.leg == Some(2) {
            return bad_leg(LegFault::NoFirstLeg);
        }
        if new.replay {
            return Err(KnockoutError::NoReplayDue {
                round,
                first: home,
                second: away,
            });
        }
        return Ok(());
    };
    let (first, second) = tie.teams();
    if let Some(winner) = tie.winner() {
        return Err(KnockoutError::TieDecided {
            round,
            first,
            second,
            winner,
        });
    }
    match (tie.format(), new.leg) {
        // The deciding play-off of legs that left the tie level (the early European Cup).
        (TieFormat::TwoLegs, None) if new.replay => {
            let legs_played = tie
                .matches()
                .iter()
                .filter(|m| m.leg.is_some() && m.status.result().is_some())
                .count();
            let pending = tie.matches().iter().any(|m| m.status.is_pending());
            if legs_played < 2 || pending {
                return Err(KnockoutError::NoReplayDue { round, first, second });
            }
            Ok(())
        }
        (TieFormat::TwoLegs, None) => bad_leg(LegFault::LegNeeded),
        (TieFormat::TwoLegs, Some(leg)) => {
            if tie.matches().iter().any(|m| m.leg == Some(leg)) {
                return bad_leg(LegFault::AlreadyStored(leg));
            }
            let other = &tie.matches()[0];
            if other.pairing.home() == home {
                return bad_leg(LegFault::SameGround(home));
            }
            let wrong_order = if leg == 2 {
                other.date > new.date
            } else {
                other.date < new.date
            };
            if wrong_order {
                return bad_leg(LegFault::WrongOrder);
            }
            Ok(())
        }
        (_, Some(_)) => bad_leg(LegFault::SingleMatch),
        (_, None) => {
            let played = tie.has_started();
            let pending = tie.matches().iter().any(|m| m.status.is_pending());
            if new.replay && (!played || pending) {
                return Err(KnockoutError::NoReplayDue { round, first, second });
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn a_decided_final_is_won_and_another_tie_is_gone_through() {
        let fa = cup(Format::Knockout, false);
        let stored = [
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
            game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet"),
        ];
        let again = |round: &str, home: &str, away: &str| {
            check_new_cup_match(&fa, &stored, &game("2024-03-01", round, home, away, "1-0")).unwrap_err()
        };
        assert_eq!(
            again("Final", "Liverpool", "Chelsea"),
            KnockoutError::TieDecided {
                round: Round::Final,
                first: id("Chelsea"),
                second: id("Liverpool"),
                winner: id("Liverpool"),
            }
        );
        assert_eq!(
            again("Round 4", "Norwich", "Liverpool"),
            KnockoutError::TieDecided {
                round: Round::Numbered(4),
                first: id("Liverpool"),
                second: id("Norwich"),
                winner: id("Liverpool"),
            }
        );
    }

    #[test]
    fn the_semi_finals_losers_may_play_for_third_place_but_not_in_the_final() {
        let wc = cup(Format::GroupsKnockout, false);
        let stored = [
            game("2018-07-10", "Semi-finals", "Liverpool", "Chelsea", "1-0"),
            game("2018-07-11", "Semi-finals", "Norwich", "Arsenal", "2-1 aet"),
        ];
        let check = |round: &str, home: &str, away: &str| {
            check_new_cup_match(&wc, &stored, &game("2018-07-14", round, home, away, "2-0"))
        };
        assert_eq!(check("Match for third place", "Chelsea", "Arsenal"), Ok(()));
        assert_eq!(check("Final", "Liverpool", "Norwich"), Ok(()));
        assert!(matches!(
            check("Final", "Liverpool", "Chelsea"),
            Err(KnockoutError::Eliminated { .. })
        ));
    }

    #[test]
    fn a_play_off_follows_two_legs_that_left_the_tie_level() {
        let ec = cup(Format::Knockout, false);
        let first = leg(
            1,
            game("1965-03-10", "Quarter-final", "Chelsea", "Liverpool", "0-0"),
        );
        let second = leg(
            2,
            game("1965-03-17", "Quarter-final", "Liverpool", "Chelsea", "0-0"),
        );
        let play_off = replay(game("1965-03-24", "Quarter-final", "Liverpool", "Chelsea", "2-2"));
        assert_eq!(
            check_new_cup_match(&ec, &[first.clone(), second.clone()], &play_off),
            Ok(())
        );
        // Not before the second leg, and not without the replay flag.
        assert!(matches!(
            check_new_cup_match(&ec, std::slice::from_ref(&first), &play_off),
            Err(KnockoutError::NoReplayDue { .. })
        ));
        let mut unflagged = play_off.clone();
        unflagged.replay = false;
        assert!(matches!(
            check_new_cup_match(&ec, &[first.clone(), second.clone()], &unflagged),
            Err(KnockoutError::BadLeg {
                fault: LegFault::LegNeeded,
                ..
            })
        ));
        // Legs that decided the tie leave nothing to play off.
        let mut won = second;
        won.status = crate::MatchStatus::Played("1-0".parse().unwrap());
        assert!(matches!(
            check_new_cup_match(&ec, &[first, won], &play_off),
            Err(KnockoutError::TieDecided { .. })
        ));
    }
}
