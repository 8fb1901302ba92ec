//! What every layout does once its rows are read: the source's own slips
//! (a row given twice, a date outside its season, a club playing twice in a
//! day, the legs of a tie numbered the wrong way round) are put right where
//! the file itself shows how, and otherwise left out and counted, never guessed.

use foldhash::{HashMap, HashSet};

use chrono::NaiveDate;
use matchday_core::{MatchRecord, MatchResult};

use crate::{ParseError, Reading, Skipped};

/// Settles a layout's reading: see the module doc.
///
/// # Errors
/// A [`ParseError`] naming both lines of a match given twice with different results.
pub(crate) fn drop_repeats(mut reading: Reading) -> Result<Reading, ParseError> {
    repeats(&mut reading)?;
    let mut outside = 0;
    let mut twice_a_day = 0;
    let mut unfit_ninety = 0;
    for record in &mut reading.seasons {
        if let Some(season) = record.season {
            let before = record.matches.len();
            record.matches.retain(|m| season.contains(m.date));
            outside += before - record.matches.len();
        }
        twice_a_day += second_match_of_a_day(&mut record.matches);
        number_legs_by_date(&mut record.matches);
        unfit_ninety += drop_unfit_ninety_minutes(&mut record.matches);
    }
    if unfit_ninety > 0 {
        reading.skipped.push(Skipped {
            rows: unfit_ninety,
            why: "second legs' 90-minute scores that leave the tie decided although extra time \
                  was played (the score after extra time is kept, the 90 minutes left out)"
                .into(),
        });
    }
    if outside > 0 {
        reading.skipped.push(Skipped {
            rows: outside,
            why: "rows dated outside the season the file gives them (a season holds matches from \
                  1 June to 31 August of the next year)"
                .into(),
        });
    }
    if twice_a_day > 0 {
        reading.skipped.push(Skipped {
            rows: twice_a_day,
            why: "rows giving a club a second match on a day it already plays (a date slip in the file)"
                .into(),
        });
    }
    Ok(reading)
}

/// Leaves out each match whose club already plays that day earlier in the
/// file, returning how many.
fn second_match_of_a_day(matches: &mut Vec<MatchRecord>) -> usize {
    let later: HashSet<usize> = {
        let mut busy: HashSet<(NaiveDate, &str)> =
            HashSet::with_capacity_and_hasher(matches.len() * 2, Default::default());
        matches
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                let free =
                    !busy.contains(&(m.date, m.home.as_str())) && !busy.contains(&(m.date, m.away.as_str()));
                if free {
                    busy.insert((m.date, m.home.as_str()));
                    busy.insert((m.date, m.away.as_str()));
                }
                !free
            })
            .map(|(i, _)| i)
            .collect()
    };
    if !later.is_empty() {
        let mut index = 0;
        matches.retain(|_| {
            index += 1;
            !later.contains(&(index - 1))
        });
    }
    later.len()
}

/// Drops the 90-minute score of a second leg that went to extra time when,
/// with the first leg, it leaves the tie decided: the file's 90 minutes are
/// wrong there (champs.csv's 1997-98 Dinamo Zagreb v Newcastle United), and
/// the score after extra time is what decided the tie. Returns how many.
fn drop_unfit_ninety_minutes(matches: &mut [MatchRecord]) -> usize {
    let mut first_legs: HashMap<(Option<String>, String, String), usize> = HashMap::default();
    for (i, m) in matches.iter().enumerate().filter(|(_, m)| m.leg == Some(1)) {
        first_legs.insert((m.round.clone(), m.away.clone(), m.home.clone()), i);
    }
    let mut dropped = 0;
    for i in 0..matches.len() {
        let m = &matches[i];
        let Some(result) = m.status.result().copied() else {
            continue;
        };
        let (Some(ninety), Some(extra)) = (result.score(), result.extra_time()) else {
            continue;
        };
        if m.leg != Some(2) {
            continue;
        }
        let Some(&first) = first_legs.get(&(m.round.clone(), m.home.clone(), m.away.clone())) else {
            continue;
        };
        let Some(earlier) = matches[first].status.result().map(|r| r.final_score()) else {
            continue;
        };
        // The first leg's home side is this leg's visitors.
        let home_total = u32::from(ninety.home()) + u32::from(earlier.away());
        let away_total = u32::from(ninety.away()) + u32::from(earlier.home());
        if home_total == away_total {
            continue;
        }
        let half_time = result.half_time().filter(|ht| extra.at_least(*ht));
        if let Ok(fixed) = MatchResult::from_parts(
            None,
            half_time,
            Some(extra),
            result.penalties(),
            matchday_core::ExtraTimeAfter::LevelAggregate,
        ) {
            matches[i].status = match matches[i].status {
                matchday_core::MatchStatus::Awarded(_) => matchday_core::MatchStatus::Awarded(fixed),
                _ => matchday_core::MatchStatus::Played(fixed),
            };
            dropped += 1;
        }
    }
    dropped
}

/// Numbers the two legs of a tie in the order they were played, when the
/// file numbers them the other way, or both alike.
fn number_legs_by_date(matches: &mut [MatchRecord]) {
    let mut legs: HashMap<(Option<String>, String, String), Vec<usize>> = HashMap::default();
    for (i, m) in matches.iter().enumerate().filter(|(_, m)| m.leg.is_some()) {
        let (a, b) = if m.home <= m.away {
            (m.home.clone(), m.away.clone())
        } else {
            (m.away.clone(), m.home.clone())
        };
        legs.entry((m.round.clone(), a, b)).or_default().push(i);
    }
    for tie in legs.values() {
        if let [x, y] = tie[..] {
            let (first, second) = if matches[x].date <= matches[y].date {
                (x, y)
            } else {
                (y, x)
            };
            // Numbered the wrong way round, or both alike (champs.csv's 1992-93
            // preliminary round): the dates, and the grounds swapped, show the order.
            let swapped_grounds = matches[first].home == matches[second].away;
            let wrong_way = matches[first].leg == Some(2) && matches[second].leg == Some(1);
            let alike = matches[first].leg == matches[second].leg
                && matches[first].date < matches[second].date
                && swapped_grounds;
            if wrong_way || alike {
                matches[first].leg = Some(1);
                matches[second].leg = Some(2);
            }
        }
    }
}

/// Leaves out a row that repeats a match already read (the same day, teams
/// either way round and leg, with the same result), counting them, and refuses
/// one that gives the same match another result, naming both lines.
fn repeats(reading: &mut Reading) -> Result<(), ParseError> {
    let mut repeats = 0;
    for record in &mut reading.seasons {
        let mut repeated = Vec::new();
        let mut first: HashMap<(NaiveDate, &str, &str, Option<u8>), usize> =
            HashMap::with_capacity_and_hasher(record.matches.len(), Default::default());
        for (i, m) in record.matches.iter().enumerate() {
            let (a, b, swapped) = if m.home <= m.away {
                (m.home.as_str(), m.away.as_str(), false)
            } else {
                (m.away.as_str(), m.home.as_str(), true)
            };
            let Some(&earlier) = first.get(&(m.date, a, b, m.leg)) else {
                first.insert((m.date, a, b, m.leg), i);
                continue;
            };
            let before = &record.matches[earlier];
            let earlier_swapped = before.home != a;
            let same = if swapped == earlier_swapped {
                before.status == m.status
            } else {
                before.status.result().map(MatchResult::swapped) == m.status.result().copied()
                    && before.status.name() == m.status.name()
            };
            if !same {
                return Err(ParseError::new(
                    m.line,
                    format!(
                        "{} v {} on {} is given twice with different results (line {} and here)",
                        m.home, m.away, m.date, before.line
                    ),
                ));
            }
            repeated.push(i);
        }
        drop(first);
        repeats += repeated.len();
        for i in repeated.into_iter().rev() {
            record.matches.remove(i);
        }
    }
    if repeats > 0 {
        reading.skipped.push(Skipped {
            rows: repeats,
            why: "rows repeating a match already read (same day and teams, the same result)".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use matchday_core::{MatchStatus, Season, SeasonRecord, Venue};

    use super::*;

    fn game(date: &str, home: &str, away: &str, leg: Option<u8>, result: &str, line: usize) -> MatchRecord {
        MatchRecord {
            date: date.parse().unwrap(),
            kickoff: None,
            home: home.into(),
            away: away.into(),
            venue: Venue::Home,
            round: Some("Round 1".into()),
            group: None,
            leg,
            replay: false,
            status: MatchStatus::Played(
                MatchResult::parse(result, matchday_core::ExtraTimeAfter::LevelAggregate).unwrap(),
            ),
            line,
            closing_odds: None,
        }
    }

    fn settled(matches: Vec<MatchRecord>) -> Reading {
        drop_repeats(Reading {
            seasons: vec![SeasonRecord {
                season: Some(Season::starting(1997)),
                matches,
                ..Default::default()
            }],
            skipped: Vec::new(),
        })
        .unwrap()
    }

    fn why(reading: &Reading) -> Vec<String> {
        reading.skipped.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_date_outside_the_season_and_a_second_match_in_a_day_are_left_out_and_counted() {
        let reading = settled(vec![
            game("1997-09-01", "A", "B", None, "1-0", 2),
            game("1997-09-01", "C", "A", None, "2-0", 3),
            game("1999-01-01", "C", "D", None, "2-0", 4),
        ]);
        let lines: Vec<usize> = reading.seasons[0].matches.iter().map(|m| m.line).collect();
        assert_eq!(lines, [2]);
        assert_eq!(
            why(&reading),
            [
                "1 rows dated outside the season the file gives them (a season holds matches from 1 June to 31 August of the next year)",
                "1 rows giving a club a second match on a day it already plays (a date slip in the file)",
            ]
        );
    }

    #[test]
    fn legs_numbered_backwards_are_renumbered_by_date() {
        let reading = settled(vec![
            game("1997-09-20", "A", "B", Some(1), "1-0", 2),
            game("1997-09-10", "B", "A", Some(2), "2-0", 3),
        ]);
        let legs: Vec<(usize, Option<u8>)> = reading.seasons[0]
            .matches
            .iter()
            .map(|m| (m.line, m.leg))
            .collect();
        assert_eq!(legs, [(2, Some(2)), (3, Some(1))]);
        assert!(reading.skipped.is_empty());
    }

    #[test]
    fn a_second_legs_ninety_minutes_that_leave_the_tie_decided_before_extra_time_are_dropped() {
        // Newcastle won the first leg 2-1; the file gives the second leg as 1-2
        // after 90 minutes, 2-2 after extra time: only the latter can be.
        let mut second = game("1997-08-27", "Zagreb", "Newcastle", Some(2), "1-2", 3);
        second.status = MatchStatus::Played(
            MatchResult::second_leg(
                matchday_core::Score::new(1, 2).unwrap(),
                None,
                Some(matchday_core::Score::new(2, 2).unwrap()),
                None,
            )
            .unwrap(),
        );
        let reading = settled(vec![
            game("1997-08-13", "Newcastle", "Zagreb", Some(1), "2-1", 2),
            second,
        ]);
        let r = reading.seasons[0].matches[1].status.result().unwrap();
        assert_eq!((r.score(), r.to_string().as_str()), (None, "2-2 aet"));
        assert_eq!(reading.skipped[0].rows, 1);
    }
}
