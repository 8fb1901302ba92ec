//! What every layout does once its rows are read: the source's own slips
//! (a row given twice, a date outside its season, a club playing twice in a
//! day, the legs of a tie numbered the wrong way round) are put right where
//! the file itself shows how, and otherwise left out and counted, never guessed.

use std::collections::{HashMap, HashSet};

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
    let mut busy: HashSet<(NaiveDate, String)> = HashSet::with_capacity(matches.len() * 2);
    let before = matches.len();
    matches.retain(|m| {
        let free = !busy.contains(&(m.date, m.home.clone())) && !busy.contains(&(m.date, m.away.clone()));
        if free {
            busy.insert((m.date, m.home.clone()));
            busy.insert((m.date, m.away.clone()));
        }
        free
    });
    before - matches.len()
}

/// Drops the 90-minute score of a second leg that went to extra time when,
/// with the first leg, it leaves the tie decided: the file's 90 minutes are
/// wrong there (champs.csv's 1997-98 Dinamo Zagreb v Newcastle United), and
/// the score after extra time is what decided the tie. Returns how many.
fn drop_unfit_ninety_minutes(matches: &mut [MatchRecord]) -> usize {
    let mut first_legs: HashMap<(Option<String>, String, String), usize> = HashMap::new();
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
/// file numbers them the other way.
fn number_legs_by_date(matches: &mut [MatchRecord]) {
    let mut legs: HashMap<(Option<String>, String, String), Vec<usize>> = HashMap::new();
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
            if matches[first].leg == Some(2) && matches[second].leg == Some(1) {
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
    use std::collections::HashMap;
    let mut repeats = 0;
    for record in &mut reading.seasons {
        let mut repeated = Vec::new();
        let mut first: HashMap<(NaiveDate, &str, &str, Option<u8>), usize> =
            HashMap::with_capacity(record.matches.len());
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
