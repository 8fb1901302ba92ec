//! Whether a new match or deduction can be stored: the checks the store runs
//! inside the transaction that writes it, on the rows it has just read, so
//! that every writer (a typed result, a fixture, an import) meets the same
//! rules. Refusals name teams by id; whoever shows them words them.

use chrono::NaiveDate;

use crate::{
    Competition, Deduction, ExtraTimeAfter, Format, KnockoutError, Match, MatchResult, MatchStatus, Pairing,
    ResultFault, Score, TeamId, check_new_cup_match,
};

/// Why a new match or deduction cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The team is not an entrant of the league.
    #[error("team {} is not an entrant", .team.0)]
    NotEntered {
        /// The team.
        team: TeamId,
    },
    /// The two teams have already met as often as the stage allows.
    #[error("team {} and team {} have already met {allowed} times", .home.0, .away.0)]
    TooManyMeetings {
        /// The first-named team of the new match.
        home: TeamId,
        /// The second-named team.
        away: TeamId,
        /// How many meetings the stage allows.
        allowed: u8,
    },
    /// The home team already has as many home matches against this opponent as the stage allows.
    #[error("team {} already has its home match against team {}", .home.0, .away.0)]
    TooManyHomeMeetings {
        /// The home team.
        home: TeamId,
        /// The away team.
        away: TeamId,
        /// How many home matches against one opponent the stage allows.
        allowed: u8,
    },
    /// A team already has a match on that day.
    #[error("team {} already plays team {} on {date}", .team.0, .opponent.0)]
    PlaysTwiceOnDay {
        /// The team.
        team: TeamId,
        /// Its opponent in the match already stored.
        opponent: TeamId,
        /// The day.
        date: NaiveDate,
    },
    /// Extra time or a shoot-out in a league match.
    #[error("a league match has no extra time or penalties")]
    BeyondNinetyMinutesInLeague,
    /// The result's parts do not fit a match of this kind (a single match, not a second leg).
    #[error("inconsistent result: {0}")]
    Result(ResultFault),
    /// A second leg's extra time or shoot-out does not fit the aggregate after the first leg.
    #[error("this second leg does not fit the first leg ({score}): {fault}")]
    SecondLeg {
        /// The first leg's teams, home side first.
        first_leg: Pairing,
        /// The first leg's score when play ended, from its home side.
        score: Score,
        /// What does not fit.
        fault: SecondLegFault,
    },
    /// A cup match that does not fit the ties stored.
    #[error(transparent)]
    Cup(#[from] KnockoutError),
    /// A deduction that gives back more than earlier deductions took.
    #[error("team {} would get back {give_back} points but only {taken} were taken", .team.0)]
    GivesBackMoreThanTaken {
        /// The team.
        team: TeamId,
        /// The points the new entry gives back.
        give_back: u32,
        /// The points taken (net) by then.
        taken: u32,
    },
}

/// Why a second leg's extra time or shoot-out does not fit its tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SecondLegFault {
    /// Extra time although the aggregate after 90 minutes was not level.
    #[error("extra time after the tie was decided in 90 minutes")]
    ExtraTimeAfterDecidedTie,
    /// A shoot-out although the aggregate was not level when play ended.
    #[error("penalties after the tie was decided")]
    PenaltiesAfterDecidedTie,
}

/// How many times two clubs meet in a league stage, and how many of those
/// at each one's ground: a double round robin (once at home, once away)
/// unless the competition says otherwise. `None` for a competition whose
/// meetings are its cup ties, checked by [`check_new_cup_match`].
pub fn league_meetings(competition: &Competition) -> Option<u8> {
    match competition.format {
        Format::League => Some(competition.structure.league_meetings().unwrap_or(2)),
        Format::Knockout | Format::GroupsKnockout => None,
    }
}

/// What the store read for a new match, inside the transaction that writes it.
#[derive(Debug, Clone, Copy)]
pub struct StoredAround<'a> {
    /// The competition's entrants (entered or with a match stored).
    pub entrants: &'a [TeamId],
    /// The competition's other matches: every stored one but the match the
    /// new one completes or replaces.
    pub matches: &'a [Match],
    /// Matches of any competition on the new match's day, the one it completes or replaces left out.
    pub same_day: &'a [Match],
}

/// Checks a match about to be stored (a fixture, a result, an imported match)
/// against what is stored around it.
///
/// # Errors
/// The first [`Refusal`] that applies: in a league, a team not entered, a
/// pairing beyond the meetings the stage allows, extra time or penalties;
/// in any competition, a result whose parts do not fit its leg, a cup match
/// that does not fit its tie, or a team playing twice on one day.
pub fn check_new_match(
    competition: &Competition,
    stored: StoredAround<'_>,
    new: &Match,
) -> Result<(), Refusal> {
    check_in_league(competition, stored, new)?;
    check_result_fits(competition, stored.matches, new)?;
    check_new_cup_match(competition, stored.matches, new)?;
    check_one_match_a_day(stored.same_day, new)
}

/// Checks a season as an import leaves it: each match against the others,
/// as [`check_new_match`] does, but for the cup ties (a file holds its rounds
/// whole, in no set order) and for matches of other competitions.
///
/// # Errors
/// The index in `matches` of the first match refused, and why.
pub fn check_season(
    competition: &Competition,
    entrants: &[TeamId],
    matches: &[Match],
) -> Result<(), (usize, Refusal)> {
    // Only the meetings of the same two teams (a league's meetings, a tie's first leg)
    // and the same teams' matches of the same day can be in the way: those, by index,
    // so a season of 500 matches is not searched whole for each of them.
    let pair = |m: &Match| {
        let (h, a) = (m.pairing.home(), m.pairing.away());
        (h.min(a), h.max(a))
    };
    let mut of_pair: std::collections::HashMap<(TeamId, TeamId), Vec<usize>> =
        std::collections::HashMap::new();
    let mut of_day: std::collections::HashMap<NaiveDate, Vec<usize>> = std::collections::HashMap::new();
    for (j, o) in matches.iter().enumerate() {
        of_pair.entry(pair(o)).or_default().push(j);
        of_day.entry(o.date).or_default().push(j);
    }
    // Asked of two teams for every match: a season of thousands of teams is not searched
    // whole for each. Each match is checked against those of its two teams entered.
    let entered: std::collections::HashSet<TeamId> = entrants.iter().copied().collect();
    let mut near = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        let (home, away) = (m.pairing.home(), m.pairing.away());
        let playing: Vec<TeamId> = [home, away].into_iter().filter(|t| entered.contains(t)).collect();
        near.clear();
        near.extend(
            of_pair[&pair(m)]
                .iter()
                .chain(
                    of_day[&m.date]
                        .iter()
                        .filter(|&&j| matches[j].pairing.involves(home) || matches[j].pairing.involves(away)),
                )
                .copied()
                .filter(|&j| j != i),
        );
        // In the order of `matches`, each once.
        near.sort_unstable();
        near.dedup();
        let others: Vec<Match> = near.iter().map(|&j| matches[j].clone()).collect();
        let around = StoredAround {
            entrants: &playing,
            matches: &others,
            same_day: &others,
        };
        check_in_league(competition, around, m)
            .and_then(|()| check_result_fits(competition, &others, m))
            .and_then(|()| check_one_match_a_day(&others, m))
            .map_err(|refusal| (i, refusal))?;
    }
    Ok(())
}

/// In a league: both teams entered, the pairing within the meetings the
/// stage allows, and 90 minutes with no extra time or shoot-out, except in
/// its play-off, whose ties are settled as a cup's (the Championship's
/// 2021-22 semi-final won on penalties after extra time).
fn check_in_league(competition: &Competition, stored: StoredAround<'_>, new: &Match) -> Result<(), Refusal> {
    let Some(allowed) = league_meetings(competition) else {
        return Ok(());
    };
    let teams = [new.pairing.home(), new.pairing.away()];
    if let Some(&team) = teams.iter().find(|t| !stored.entrants.contains(t)) {
        return Err(Refusal::NotEntered { team });
    }
    check_meetings(stored.matches, new, allowed)?;
    if !is_play_off(new)
        && new
            .status
            .result()
            .is_some_and(MatchResult::went_beyond_ninety_minutes)
    {
        return Err(Refusal::BeyondNinetyMinutesInLeague);
    }
    Ok(())
}

/// A result's parts fit its match: a second leg's its tie, any other match's a single match.
fn check_result_fits(competition: &Competition, matches: &[Match], new: &Match) -> Result<(), Refusal> {
    let Some(result) = new.status.result() else {
        return Ok(());
    };
    if new.leg == Some(2) {
        check_second_leg(competition, matches, new, result)
    } else if let Err(crate::Error::InconsistentResult(fault)) = result.fits(ExtraTimeAfter::LevelMatch) {
        Err(Refusal::Result(fault))
    } else {
        Ok(())
    }
}

/// Neither team already has a match that day.
fn check_one_match_a_day(same_day: &[Match], new: &Match) -> Result<(), Refusal> {
    if !counts_on_its_day(new) {
        return Ok(());
    }
    for team in [new.pairing.home(), new.pairing.away()] {
        let taken = same_day
            .iter()
            .find(|m| m.date == new.date && counts_on_its_day(m) && m.pairing.involves(team));
        if let Some(m) = taken {
            return Err(Refusal::PlaysTwiceOnDay {
                team,
                opponent: m.pairing.opponent_of(team).expect("involved"),
                date: new.date,
            });
        }
    }
    Ok(())
}

/// A match that takes up its day: not put off and not called off.
fn counts_on_its_day(m: &Match) -> bool {
    !matches!(m.status, MatchStatus::Postponed | MatchStatus::Cancelled)
}

/// A match that is one of the meetings a league allows: cancelled and
/// abandoned matches are not (an abandoned match is played again).
fn is_meeting(m: &Match) -> bool {
    !matches!(m.status, MatchStatus::Cancelled | MatchStatus::Abandoned)
}

/// A league's play-off (the EFL's, Austria's for the Conference League) is a
/// knockout round after the league: its ties are not league meetings.
fn is_play_off(m: &Match) -> bool {
    matches!(m.stage, Some(crate::Stage::Knockout(_)))
}

fn check_meetings(matches: &[Match], new: &Match, allowed: u8) -> Result<(), Refusal> {
    if !is_meeting(new) || is_play_off(new) {
        return Ok(());
    }
    let (home, away) = (new.pairing.home(), new.pairing.away());
    let between: Vec<&Match> = matches
        .iter()
        .filter(|m| is_meeting(m) && !is_play_off(m) && m.pairing.involves(home) && m.pairing.involves(away))
        .collect();
    if between.len() >= usize::from(allowed) {
        return Err(Refusal::TooManyMeetings { home, away, allowed });
    }
    let at_home = allowed.div_ceil(2);
    if between.iter().filter(|m| m.pairing.home() == home).count() >= usize::from(at_home) {
        return Err(Refusal::TooManyHomeMeetings {
            home,
            away,
            allowed: at_home,
        });
    }
    Ok(())
}

/// A second leg's extra time must follow a level aggregate after 90 minutes,
/// and its shoot-out a level aggregate when play ended (away goals, where
/// counted, also level). Without a first leg stored there is nothing to check.
fn check_second_leg(
    competition: &Competition,
    matches: &[Match],
    new: &Match,
    result: &MatchResult,
) -> Result<(), Refusal> {
    let (home, away) = (new.pairing.home(), new.pairing.away());
    let first = matches.iter().find(|m| {
        m.leg == Some(1) && m.round == new.round && m.pairing.involves(home) && m.pairing.involves(away)
    });
    let Some((first, first_result)) = first.and_then(|m| m.status.result().map(|r| (m, r))) else {
        return Ok(());
    };
    // The first leg from the second leg's home side.
    let first_leg = if first.pairing.home() == home {
        first_result.final_score()
    } else {
        first_result.final_score().swapped()
    };
    let fault = |fault: SecondLegFault| {
        Err(Refusal::SecondLeg {
            first_leg: first.pairing,
            score: first_result.final_score(),
            fault,
        })
    };
    let level = |leg2: Score| {
        let aggregate_level = u32::from(first_leg.home()) + u32::from(leg2.home())
            == u32::from(first_leg.away()) + u32::from(leg2.away());
        // Away goals: the second leg's home side scored its away goals in the first leg.
        let away_level = !competition.away_goals || first_leg.home() == leg2.away();
        aggregate_level && away_level
    };
    match (result.score(), result.extra_time()) {
        (Some(ft), Some(_)) if !level(ft) => return fault(SecondLegFault::ExtraTimeAfterDecidedTie),
        // The 90 minutes not given: some score on the way to the one after
        // extra time must have left the tie level.
        (None, Some(et)) => {
            let possible = (0..=et.home())
                .any(|h| (0..=et.away()).any(|a| Score::new(u32::from(h), u32::from(a)).is_ok_and(level)));
            if !possible {
                return fault(SecondLegFault::ExtraTimeAfterDecidedTie);
            }
        }
        _ => {}
    }
    if result.penalties().is_some() && !level(result.final_score()) {
        return fault(SecondLegFault::PenaltiesAfterDecidedTie);
    }
    Ok(())
}

/// Checks a deduction about to be stored: its team must be an entrant, and
/// points given back (a negative deduction) can only return what earlier
/// deductions took, on every day of the season.
///
/// `stored` are the competition's deductions; one with the same team, day
/// and points is the one being stored again and is left out.
///
/// # Errors
/// [`Refusal::NotEntered`] or [`Refusal::GivesBackMoreThanTaken`].
pub fn check_new_deduction(
    entrants: &[TeamId],
    stored: &[Deduction],
    new: &Deduction,
) -> Result<(), Refusal> {
    if !entrants.contains(&new.team) {
        return Err(Refusal::NotEntered { team: new.team });
    }
    let mut own: Vec<&Deduction> = stored
        .iter()
        .filter(|d| d.team == new.team && !(d.effective == new.effective && d.points == new.points))
        .chain(std::iter::once(new))
        .collect();
    // Points taken on a day count before points given back on it.
    own.sort_by_key(|d| (d.effective, std::cmp::Reverse(d.points)));
    let mut taken: i64 = 0;
    for d in own {
        let before = taken;
        taken += i64::from(d.points);
        if taken < 0 {
            return Err(Refusal::GivesBackMoreThanTaken {
                team: new.team,
                give_back: d.points.unsigned_abs(),
                taken: u32::try_from(before.max(0)).unwrap_or(u32::MAX),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knockout::test_support::{cup, day, game, leg};
    use crate::{Round, Stage};

    fn league() -> Competition {
        cup(Format::League, false)
    }

    fn played(date: &str, home: i64, away: i64, result: &str) -> Match {
        let mut m = Match::new(
            day(date),
            Pairing::new(TeamId(home), TeamId(away)).unwrap(),
            MatchStatus::Played(result.parse().unwrap()),
        );
        m.round = None;
        m
    }

    fn check(stored: &[Match], new: &Match) -> Result<(), Refusal> {
        let entrants = [TeamId(1), TeamId(2), TeamId(3), TeamId(4)];
        let around = StoredAround {
            entrants: &entrants,
            matches: stored,
            same_day: stored,
        };
        check_new_match(&league(), around, new)
    }

    #[test]
    fn a_league_match_needs_entrants_and_a_free_pairing() {
        let stored = [
            played("2023-08-12", 1, 2, "2-0"),
            played("2024-01-20", 2, 1, "1-1"),
            played("2023-08-19", 3, 1, "0-0"),
        ];
        assert_eq!(
            check(&stored, &played("2023-09-02", 1, 9, "1-0")),
            Err(Refusal::NotEntered { team: TeamId(9) })
        );
        assert_eq!(
            check(&stored, &played("2024-04-02", 1, 2, "1-0")),
            Err(Refusal::TooManyMeetings {
                home: TeamId(1),
                away: TeamId(2),
                allowed: 2
            })
        );
        assert_eq!(
            check(&stored, &played("2024-04-02", 3, 1, "1-0")),
            Err(Refusal::TooManyHomeMeetings {
                home: TeamId(3),
                away: TeamId(1),
                allowed: 1
            })
        );
        assert_eq!(check(&stored, &played("2024-04-02", 1, 3, "1-0")), Ok(()));
        // A cancelled meeting leaves room for the one played instead.
        let mut called_off = stored.to_vec();
        called_off[1].status = MatchStatus::Cancelled;
        assert_eq!(check(&called_off, &played("2024-04-02", 2, 1, "1-0")), Ok(()));
    }

    #[test]
    fn a_club_plays_once_a_day_and_a_league_match_lasts_ninety_minutes() {
        let stored = [played("2023-08-12", 1, 2, "2-0")];
        assert_eq!(
            check(&stored, &played("2023-08-12", 3, 2, "1-0")),
            Err(Refusal::PlaysTwiceOnDay {
                team: TeamId(2),
                opponent: TeamId(1),
                date: day("2023-08-12")
            })
        );
        let mut put_off = stored.to_vec();
        put_off[0].status = MatchStatus::Postponed;
        assert_eq!(check(&put_off, &played("2023-08-12", 3, 2, "1-0")), Ok(()));
        assert_eq!(
            check(&[], &played("2023-08-12", 3, 4, "2-2, 9-8 pens")),
            Err(Refusal::BeyondNinetyMinutesInLeague)
        );
        assert_eq!(
            check(&[], &played("2023-08-12", 3, 4, "2-1 aet")),
            Err(Refusal::BeyondNinetyMinutesInLeague)
        );
    }

    #[test]
    fn a_league_play_off_may_go_to_extra_time_and_penalties() {
        // Nottingham Forest v Sheffield United, 2022: 1-2 after 90 minutes and extra time,
        // 3-3 on aggregate, 3-2 on penalties.
        let mut first = played("2022-05-14", 2, 1, "1-2");
        first.round = Some("Playoffs".into());
        first.stage = Some(Stage::Knockout(Round::Playoff));
        first.leg = Some(1);
        let mut second = played("2022-05-17", 1, 2, "1-2");
        second.status = MatchStatus::Played(
            MatchResult::parse("1-2 aet (90 min 1-2), 3-2 pens", ExtraTimeAfter::LevelAggregate).unwrap(),
        );
        second.round = Some("Playoffs".into());
        second.stage = Some(Stage::Knockout(Round::Playoff));
        second.leg = Some(2);
        assert_eq!(check(&[first.clone()], &second), Ok(()));
        // The aggregate still decides whether it fits: 2-1 in the first leg leaves nothing level.
        first.status = MatchStatus::Played("1-2".parse::<MatchResult>().unwrap().swapped());
        assert!(matches!(check(&[first], &second), Err(Refusal::SecondLeg { .. })));
    }

    #[test]
    fn a_typed_result_must_fit_its_leg() {
        let el = cup(Format::Knockout, false);
        let first = leg(1, game("2024-03-07", "Round of 16", "Porto", "Arsenal", "1-0"));
        let typed = |text: &str| {
            let mut m = leg(2, game("2024-03-12", "Round of 16", "Arsenal", "Porto", ""));
            m.status = MatchStatus::Played(MatchResult::parse(text, ExtraTimeAfter::LevelAggregate).unwrap());
            m
        };
        fn around(stored: &[Match]) -> StoredAround<'_> {
            StoredAround {
                entrants: &[],
                matches: stored,
                same_day: &[],
            }
        }
        let stored = [first.clone()];
        // Arsenal 1-0 Porto aet, 4-2 pens, after Porto 1-0 Arsenal: the 90 minutes not given.
        let arsenal = typed("1-0 aet, 4-2 pens");
        assert_eq!(check_new_match(&el, around(&stored), &arsenal), Ok(()));
        let known = typed("1-0 aet (90 min 1-0), 4-2 pens");
        assert_eq!(check_new_match(&el, around(&stored), &known), Ok(()));
        // Extra time after Arsenal won the tie in 90 minutes cannot be.
        let decided = typed("2-0 aet (90 min 2-0)");
        assert_eq!(
            check_new_match(&el, around(&stored), &decided),
            Err(Refusal::SecondLeg {
                first_leg: first.pairing,
                score: Score::new(1, 0).unwrap(),
                fault: SecondLegFault::ExtraTimeAfterDecidedTie
            })
        );
        // 3-0 after extra time: 1-0 after 90 minutes would have left the tie level,
        // so it stands; 0-3 never could (Porto led on aggregate all the way).
        assert_eq!(check_new_match(&el, around(&stored), &typed("3-0 aet")), Ok(()));
        assert!(matches!(
            check_new_match(&el, around(&stored), &typed("0-3 aet")),
            Err(Refusal::SecondLeg {
                fault: SecondLegFault::ExtraTimeAfterDecidedTie,
                ..
            })
        ));
        let shoot_out = typed("2-0, 4-2 pens");
        assert!(check_new_match(&el, around(&stored), &shoot_out).is_err());
        // The same score as a single match: extra time after a decided match.
        let mut single = game("2024-03-12", "Round of 16", "Arsenal", "Porto", "");
        single.status = known.status;
        assert!(matches!(
            check_new_match(&el, around(&[]), &single),
            Err(Refusal::Result(ResultFault::ExtraTimeAfterDecidedMatch(_)))
        ));
    }

    #[test]
    fn points_given_back_never_exceed_points_taken() {
        let d = |date: &str, points: i32| Deduction {
            team: TeamId(1),
            points,
            effective: day(date),
            reason: "test".into(),
        };
        let entrants = [TeamId(1)];
        let stored = [d("2023-11-17", 10)];
        assert_eq!(
            check_new_deduction(&entrants, &stored, &d("2024-02-26", -4)),
            Ok(())
        );
        assert_eq!(
            check_new_deduction(&entrants, &stored, &d("2024-02-26", -100)),
            Err(Refusal::GivesBackMoreThanTaken {
                team: TeamId(1),
                give_back: 100,
                taken: 10
            })
        );
        // Points cannot be given back before they were taken.
        assert!(check_new_deduction(&entrants, &stored, &d("2023-10-01", -4)).is_err());
        let other = Deduction {
            team: TeamId(2),
            ..d("2024-02-26", 3)
        };
        assert_eq!(
            check_new_deduction(&entrants, &stored, &other),
            Err(Refusal::NotEntered { team: TeamId(2) })
        );
        // Storing the same deduction again counts it once.
        assert_eq!(
            check_new_deduction(&entrants, &stored, &d("2023-11-17", 10)),
            Ok(())
        );
    }
}
