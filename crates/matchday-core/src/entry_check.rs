//! Whether a new match or deduction can be stored: the checks the store runs
//! inside the transaction that writes it, on the rows it has just read, so
//! that every writer (a typed result, a fixture, an import) meets the same
//! rules. Refusals name teams by id; whoever shows them words them.

use chrono::NaiveDate;

use crate::{
    Competition, Deduction, ExtraTimeAfter, Format, KnockoutError, Match, MatchResult, MatchStatus, Pairing,
    ResultFault, Score, StageMisfit, TeamId, check_new_cup_match, check_stage_fit,
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
    /// A first leg that leaves the stored second leg's extra time or shoot-out
    /// without the level aggregate it followed.
    #[error("this first leg does not fit the second leg stored ({second_leg_result}): {fault}")]
    FirstLeg {
        /// The second leg's teams, home side first.
        second_leg: Pairing,
        /// The second leg's result, from its home side.
        second_leg_result: MatchResult,
        /// What would no longer fit.
        fault: SecondLegFault,
    },
    /// Extra time or a shoot-out in a first leg: a tie is only played on after its second leg.
    #[error("a first leg has no extra time or penalties")]
    BeyondNinetyMinutesInFirstLeg,
    /// A second leg's result while its first leg, stored, is still to play.
    #[error("the first leg ({date}) is not played")]
    FirstLegUnplayed {
        /// The first leg's teams, home side first.
        first_leg: Pairing,
        /// The first leg's day.
        date: NaiveDate,
    },
    /// A second leg's result with no first leg stored at all (its aggregate starts from it).
    #[error("no first leg is stored")]
    FirstLegMissing,
    /// A first leg still to play (a fixture, postponed) while its second leg has a result.
    #[error("the second leg ({date}) is already played")]
    SecondLegPlayed {
        /// The second leg's teams, home side first.
        second_leg: Pairing,
        /// The second leg's day.
        date: NaiveDate,
    },
    /// A match entered with its teams the other way round from the fixture stored
    /// for them (that day, or in a cup entered without a round, any day).
    #[error("the fixture stored is the other way round")]
    OtherWayRound {
        /// The stored fixture's teams, home side first.
        fixture: Pairing,
        /// Its day.
        date: NaiveDate,
        /// Its round, when it has one.
        round: Option<String>,
        /// The result entered, from the stored fixture's home side; none for a fixture entered.
        result: Option<MatchResult>,
    },
    /// A label (group, round, leg, replay, neutral ground) the competition's stages have no place for.
    #[error(transparent)]
    OutOfStage(#[from] StageMisfit),
    /// A cup match that does not fit the ties stored.
    #[error(transparent)]
    Cup(#[from] KnockoutError),
    /// A deduction in a competition with no table (a knockout cup): there are no points to take.
    #[error("a knockout has no table and no points to deduct")]
    NoTable,
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
    /// The stored match the new one completes or replaces, if any: labels it
    /// already had (an imported league's play-off) are not the entry's doing.
    pub replacing: Option<&'a Match>,
}

/// Checks a match about to be stored (a fixture, a result, an imported match)
/// against what is stored around it.
///
/// # Errors
/// The first [`Refusal`] that applies: a label the competition's stages have
/// no place for; in a league, a team not entered, a
/// pairing beyond the meetings the stage allows, extra time or penalties;
/// in any competition, a result whose parts do not fit its leg, a leg entered
/// out of its tie's order, a cup match that does not fit its tie, or a team
/// playing twice on one day.
pub fn check_new_match(
    competition: &Competition,
    stored: StoredAround<'_>,
    new: &Match,
) -> Result<(), Refusal> {
    if let Err(misfit) = check_stage_fit(competition, new) {
        let stored_so = stored
            .replacing
            .is_some_and(|r| check_stage_fit(competition, r).as_ref() == Err(&misfit));
        if !stored_so {
            return Err(misfit.into());
        }
    }
    check_way_round(competition, stored.matches, new)?;
    check_in_league(competition, stored, new)?;
    check_result_fits(competition, stored.matches, new)?;
    check_legs_in_order(stored.matches, new)?;
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
            replacing: None,
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
        return check_second_leg(competition, matches, new, result);
    }
    if let Err(crate::Error::InconsistentResult(fault)) = result.fits(ExtraTimeAfter::LevelMatch) {
        return Err(Refusal::Result(fault));
    }
    if new.leg == Some(1) {
        if result.went_beyond_ninety_minutes() {
            return Err(Refusal::BeyondNinetyMinutesInFirstLeg);
        }
        // The second leg's extra time or shoot-out, if stored, must still follow a level aggregate.
        if let Some((second, second_result)) =
            other_leg(matches, new, 2).and_then(|m| m.status.result().map(|r| (m, r)))
            && let Some(fault) = second_leg_fault(competition, new, result, second, second_result)
        {
            return Err(Refusal::FirstLeg {
                second_leg: second.pairing,
                second_leg_result: *second_result,
                fault,
            });
        }
    }
    Ok(())
}

/// The stored leg `leg` of the tie `new` is a leg of: same round, same two teams.
fn other_leg<'a>(matches: &'a [Match], new: &Match, leg: u8) -> Option<&'a Match> {
    let (home, away) = (new.pairing.home(), new.pairing.away());
    matches.iter().find(|m| {
        m.leg == Some(leg) && m.round == new.round && m.pairing.involves(home) && m.pairing.involves(away)
    })
}

/// A tie's legs are played in order, whatever order they are entered in: a
/// second leg's result needs its first leg played, and a first leg cannot go
/// back to being unplayed once its second leg has a result. (An import reads
/// its rounds whole and is not held to this.)
fn check_legs_in_order(matches: &[Match], new: &Match) -> Result<(), Refusal> {
    let played = |m: &Match| m.status.result().is_some();
    match new.leg {
        Some(2) if played(new) => match other_leg(matches, new, 1) {
            Some(first) if !played(first) => Err(Refusal::FirstLegUnplayed {
                first_leg: first.pairing,
                date: first.date,
            }),
            Some(_) => Ok(()),
            None => Err(Refusal::FirstLegMissing),
        },
        Some(1) if !played(new) => match other_leg(matches, new, 2) {
            Some(second) if played(second) => Err(Refusal::SecondLegPlayed {
                second_leg: second.pairing,
                date: second.date,
            }),
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

/// A new match is not the stored fixture of the same two teams typed the other
/// way round: on the same day (a club plays once a day), or, in a cup, for a
/// match entered without its round (which it would have taken from the fixture).
fn check_way_round(competition: &Competition, matches: &[Match], new: &Match) -> Result<(), Refusal> {
    let reversed = |m: &&Match| {
        m.status.is_pending()
            && m.pairing.home() == new.pairing.away()
            && m.pairing.away() == new.pairing.home()
    };
    let roundless_cup_match = competition.format != Format::League
        && new.group.is_none()
        && new.round.as_deref().is_none_or(|r| r.trim().is_empty());
    let fixture = matches
        .iter()
        .filter(reversed)
        .find(|m| m.date == new.date)
        .or_else(|| {
            matches
                .iter()
                .filter(reversed)
                .filter(|_| roundless_cup_match)
                .min_by_key(|m| (m.date - new.date).num_days().abs())
        });
    match fixture {
        Some(fixture) => Err(Refusal::OtherWayRound {
            fixture: fixture.pairing,
            date: fixture.date,
            round: fixture.round.clone(),
            result: new.status.result().map(MatchResult::swapped),
        }),
        None => Ok(()),
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
    let first = other_leg(matches, new, 1);
    let Some((first, first_result)) = first.and_then(|m| m.status.result().map(|r| (m, r))) else {
        return Ok(());
    };
    match second_leg_fault(competition, first, first_result, new, result) {
        Some(fault) => Err(Refusal::SecondLeg {
            first_leg: first.pairing,
            score: first_result.final_score(),
            fault,
        }),
        None => Ok(()),
    }
}

/// What does not fit in a second leg's extra time or shoot-out after its first leg, if anything.
fn second_leg_fault(
    competition: &Competition,
    first: &Match,
    first_result: &MatchResult,
    second: &Match,
    result: &MatchResult,
) -> Option<SecondLegFault> {
    // The first leg from the second leg's home side.
    let first_leg = if first.pairing.home() == second.pairing.home() {
        first_result.final_score()
    } else {
        first_result.final_score().swapped()
    };
    let level = |leg2: Score| {
        let aggregate_level = u32::from(first_leg.home()) + u32::from(leg2.home())
            == u32::from(first_leg.away()) + u32::from(leg2.away());
        // Away goals: the second leg's home side scored its away goals in the first leg.
        let away_level = !competition.away_goals || first_leg.home() == leg2.away();
        aggregate_level && away_level
    };
    match (result.score(), result.extra_time()) {
        (Some(ft), Some(_)) if !level(ft) => return Some(SecondLegFault::ExtraTimeAfterDecidedTie),
        // The 90 minutes not given: some score on the way to the one after
        // extra time must have left the tie level.
        (None, Some(et)) => {
            let possible = (0..=et.home())
                .any(|h| (0..=et.away()).any(|a| Score::new(u32::from(h), u32::from(a)).is_ok_and(level)));
            if !possible {
                return Some(SecondLegFault::ExtraTimeAfterDecidedTie);
            }
        }
        _ => {}
    }
    if result.penalties().is_some() && !level(result.final_score()) {
        return Some(SecondLegFault::PenaltiesAfterDecidedTie);
    }
    None
}

/// Checks that a stored match can be deleted: not the first leg of a tie whose
/// second leg has a result (the aggregate starts from it).
///
/// # Errors
/// [`Refusal::SecondLegPlayed`].
pub fn check_removal(matches: &[Match], removed: &Match) -> Result<(), Refusal> {
    if removed.leg != Some(1) {
        return Ok(());
    }
    match other_leg(matches, removed, 2) {
        Some(second) if second.status.result().is_some() => Err(Refusal::SecondLegPlayed {
            second_leg: second.pairing,
            date: second.date,
        }),
        _ => Ok(()),
    }
}

/// Checks a deduction about to be stored: its competition must rank teams in
/// a table (a knockout has no points), its team must be an entrant, and
/// points given back (a negative deduction) can only return what earlier
/// deductions took, on every day of the season.
///
/// `stored` are the competition's deductions; one with the same team, day
/// and points is the one being stored again and is left out.
///
/// # Errors
/// [`Refusal::NoTable`], [`Refusal::NotEntered`] or [`Refusal::GivesBackMoreThanTaken`].
pub fn check_new_deduction(
    competition: &Competition,
    entrants: &[TeamId],
    stored: &[Deduction],
    new: &Deduction,
) -> Result<(), Refusal> {
    if !competition.structure.phases().iter().any(|p| p.kind.has_table()) {
        return Err(Refusal::NoTable);
    }
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

    /// What is stored around a new match: just these matches of the competition.
    fn around(stored: &[Match]) -> StoredAround<'_> {
        StoredAround {
            entrants: &[],
            matches: stored,
            same_day: &[],
            replacing: None,
        }
    }
    use crate::knockout::test_support::{cup, day, game, leg};
    use crate::{Round, Stage};

    /// A league with play-offs after it, as the EFL's divisions are.
    fn league() -> Competition {
        let mut league = cup(Format::League, false);
        league.set_structure(
            crate::Structure::new(vec![
                crate::Phase::new("League", crate::PhaseKind::LEAGUE, crate::Qualification::top(6)),
                crate::Phase::new(
                    "Play-offs",
                    crate::PhaseKind::Knockout { third_place: false },
                    crate::Qualification::none(),
                ),
            ])
            .unwrap(),
        );
        league
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
            replacing: None,
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
    fn a_tie_s_legs_fit_whatever_the_order_of_entry() {
        let el = cup(Format::Knockout, false);
        let typed = |m: Match, text: &str, after: ExtraTimeAfter| {
            let mut m = m;
            m.status = MatchStatus::Played(MatchResult::parse(text, after).unwrap());
            m
        };
        let first_fixture = leg(1, game("2024-02-21", "Round of 16", "Porto", "Arsenal", ""));
        let second_fixture = leg(2, game("2024-03-12", "Round of 16", "Arsenal", "Porto", ""));
        let second = typed(
            second_fixture.clone(),
            "1-0 aet (90 min 1-0), 4-2 pens",
            ExtraTimeAfter::LevelAggregate,
        );
        // A second leg's result with no first leg stored at all: refused, in a league's
        // play-offs as in a cup.
        assert_eq!(
            check_new_match(&el, around(&[]), &second),
            Err(Refusal::FirstLegMissing)
        );
        // The second leg played before the first: refused, naming the first leg.
        assert_eq!(
            check_new_match(&el, around(std::slice::from_ref(&first_fixture)), &second),
            Err(Refusal::FirstLegUnplayed {
                first_leg: first_fixture.pairing,
                date: day("2024-02-21")
            })
        );
        // With the first leg played 1-0, it fits.
        let first = typed(first_fixture.clone(), "1-0", ExtraTimeAfter::LevelMatch);
        assert_eq!(
            check_new_match(&el, around(std::slice::from_ref(&first)), &second),
            Ok(())
        );
        // A first leg entered (or corrected) after the second leg must leave its shoot-out
        // after a level aggregate: 3-0 would not.
        let three_nil = typed(first_fixture.clone(), "3-0", ExtraTimeAfter::LevelMatch);
        let Refusal::FirstLeg { fault, .. } =
            check_new_match(&el, around(std::slice::from_ref(&second)), &three_nil).unwrap_err()
        else {
            panic!("not a first-leg refusal");
        };
        assert_eq!(fault, SecondLegFault::ExtraTimeAfterDecidedTie);
        assert_eq!(
            check_new_match(&el, around(std::slice::from_ref(&second)), &first),
            Ok(())
        );
        // Nor may it go back to a fixture, or go, under a played second leg.
        assert!(matches!(
            check_new_match(&el, around(std::slice::from_ref(&second)), &first_fixture),
            Err(Refusal::SecondLegPlayed { .. })
        ));
        assert!(matches!(
            check_removal(std::slice::from_ref(&second), &first),
            Err(Refusal::SecondLegPlayed { .. })
        ));
        assert_eq!(
            check_removal(std::slice::from_ref(&second_fixture), &first),
            Ok(())
        );
        // A first leg never goes to extra time or penalties.
        assert_eq!(
            check_new_match(
                &el,
                around(std::slice::from_ref(&second_fixture)),
                &typed(first_fixture, "1-1 aet", ExtraTimeAfter::LevelMatch)
            ),
            Err(Refusal::BeyondNinetyMinutesInFirstLeg)
        );
    }

    #[test]
    fn a_result_the_other_way_round_from_its_fixture_is_refused() {
        let fa = cup(Format::Knockout, false);
        let fixture = game("2024-02-06", "Round 4", "Southampton", "Watford", "");
        let around = StoredAround {
            entrants: &[],
            matches: std::slice::from_ref(&fixture),
            same_day: std::slice::from_ref(&fixture),
            replacing: None,
        };
        let mut typed = Match::new(
            day("2024-02-06"),
            Pairing::new(fixture.pairing.away(), fixture.pairing.home()).unwrap(),
            MatchStatus::Played("0-3".parse().unwrap()),
        );
        assert_eq!(
            check_new_match(&fa, around, &typed),
            Err(Refusal::OtherWayRound {
                fixture: fixture.pairing,
                date: day("2024-02-06"),
                round: Some("Round 4".into()),
                result: Some("3-0".parse().unwrap()),
            })
        );
        // A day later, without a round, it is still that fixture.
        typed.date = day("2024-02-07");
        assert!(matches!(
            check_new_match(&fa, around, &typed),
            Err(Refusal::OtherWayRound { .. })
        ));
        // In a league the return match on another day is another match.
        let mut league_fixture = played("2024-01-20", 1, 2, "1-0");
        league_fixture.status = MatchStatus::Scheduled;
        let return_match = played("2023-08-12", 2, 1, "1-1");
        assert_eq!(
            check(std::slice::from_ref(&league_fixture), &return_match),
            Ok(())
        );
        league_fixture.date = day("2023-08-12");
        assert!(matches!(
            check(&[league_fixture], &return_match),
            Err(Refusal::OtherWayRound { .. })
        ));
    }

    #[test]
    fn labels_a_completed_fixture_already_had_are_not_the_entry_s_doing() {
        // A league the catalogue does not know, with a play-off final an import stored.
        let mut plain = cup(Format::League, false);
        plain.set_structure(crate::Structure::league(2).unwrap());
        plain.rules = crate::RuleSet::LaLiga;
        let mut fixture = played("2024-05-26", 1, 2, "1-0");
        fixture.status = MatchStatus::Scheduled;
        fixture.round = Some("Final".into());
        let mut result = fixture.clone();
        result.status = MatchStatus::Played("0-1".parse().unwrap());
        let entrants = [TeamId(1), TeamId(2)];
        let around = |replacing| StoredAround {
            entrants: &entrants,
            matches: &[],
            same_day: &[],
            replacing,
        };
        assert_eq!(check_new_match(&plain, around(Some(&fixture)), &result), Ok(()));
        assert!(matches!(
            check_new_match(&plain, around(None), &result),
            Err(Refusal::OutOfStage(StageMisfit::NoKnockoutStage { .. }))
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
            check_new_deduction(&league(), &entrants, &stored, &d("2024-02-26", -4)),
            Ok(())
        );
        assert_eq!(
            check_new_deduction(&league(), &entrants, &stored, &d("2024-02-26", -100)),
            Err(Refusal::GivesBackMoreThanTaken {
                team: TeamId(1),
                give_back: 100,
                taken: 10
            })
        );
        // Points cannot be given back before they were taken.
        assert!(check_new_deduction(&league(), &entrants, &stored, &d("2023-10-01", -4)).is_err());
        let other = Deduction {
            team: TeamId(2),
            ..d("2024-02-26", 3)
        };
        assert_eq!(
            check_new_deduction(&league(), &entrants, &stored, &other),
            Err(Refusal::NotEntered { team: TeamId(2) })
        );
        // Storing the same deduction again counts it once.
        assert_eq!(
            check_new_deduction(&league(), &entrants, &stored, &d("2023-11-17", 10)),
            Ok(())
        );
        // A knockout has no table to take points from; a group stage has.
        let knockout = cup(Format::Knockout, false);
        assert_eq!(
            check_new_deduction(&knockout, &entrants, &[], &d("2024-01-10", 2)),
            Err(Refusal::NoTable)
        );
        let groups = cup(Format::GroupsKnockout, false);
        assert_eq!(
            check_new_deduction(&groups, &entrants, &[], &d("2024-01-10", 2)),
            Ok(())
        );
    }
}
