//! The day each zone was clinched: the first day from which the stored results made it
//! certain.

use chrono::NaiveDate;
use matchday_core::{Competition, Deduction, Match, TeamId};
use serde::{Deserialize, Serialize};

use crate::{ForecastError, LeagueState, PositionRange};

/// A zone a team has made certain, and the day it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clinch {
    /// The team.
    pub team: TeamId,
    /// The zone's name.
    pub zone: String,
    /// The day of the results that made it certain; certain on every day since.
    pub on: NaiveDate,
}

/// For every zone a team is certain to finish in on `as_of` (or with everything stored),
/// the day it became certain: the earliest day with results from which it stayed
/// certain (a deduction can undo a certainty, so "stayed" is checked day by day back
/// from the end). Certain means as the settled positions say: ties on points counted
/// against the team, so a title clinched on goal difference shows on the last day.
///
/// # Errors
/// As [`LeagueState::new`].
pub fn clinch_dates(
    competition: &Competition,
    teams: &[TeamId],
    matches: &[Match],
    deductions: &[Deduction],
    as_of: Option<NaiveDate>,
) -> Result<Vec<Clinch>, ForecastError> {
    let state = LeagueState::new(competition, teams, matches, deductions, as_of)?;
    let zones = state.zones();
    let clinched = |ranges: &[PositionRange], i: usize, z: usize| {
        ranges[i].settled_within(zones[z].first, zones[z].last)
    };
    let ranges = state.position_ranges();
    // (team, zone, the earliest day found so far, still looking further back).
    let mut open: Vec<(usize, usize, Option<NaiveDate>)> = (0..teams.len())
        .flat_map(|i| (0..zones.len()).map(move |z| (i, z)))
        .filter(|&(i, z)| clinched(&ranges, i, z))
        .map(|(i, z)| (i, z, None))
        .collect();
    let mut days: Vec<NaiveDate> = matches
        .iter()
        .filter(|m| m.result_as_of(as_of).is_some())
        .map(|m| m.date)
        .collect();
    days.sort();
    days.dedup();
    let mut found = Vec::new();
    for &day in days.iter().rev() {
        if open.is_empty() {
            break;
        }
        let ranges = LeagueState::new(competition, teams, matches, deductions, Some(day))?.position_ranges();
        open.retain_mut(|(i, z, since)| {
            if clinched(&ranges, *i, *z) {
                *since = Some(day);
                true
            } else {
                found.push((*i, *z, *since));
                false
            }
        });
    }
    found.extend(open);
    let mut clinches: Vec<Clinch> = found
        .into_iter()
        .filter_map(|(i, z, since)| {
            Some(Clinch {
                team: teams[i],
                zone: zones[z].name.clone(),
                on: since?,
            })
        })
        .collect();
    clinches.sort_by_key(|k| (k.on, k.team));
    Ok(clinches)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, day, teams};
    use matchday_core::testing::played;

    #[test]
    fn a_zone_is_clinched_on_the_day_it_became_certain() {
        // Four teams meet once each (six matches over three days); zones: the title
        // (first place) and relegation (fourth).
        let mut c = competition();
        c.zones = vec![
            matchday_core::Zone {
                name: "champions".into(),
                first: 1,
                last: 1,
            },
            matchday_core::Zone {
                name: "relegation".into(),
                first: 4,
                last: 4,
            },
        ];
        c.set_structure(matchday_core::Structure::league(1).unwrap());
        let matches = vec![
            played(1, 1, 2, 1, 0),
            played(1, 3, 4, 0, 0),
            played(2, 1, 3, 1, 0),
            played(2, 2, 4, 0, 0),
            played(3, 1, 4, 1, 0),
            played(3, 2, 3, 1, 0),
        ];
        let clinches = clinch_dates(&c, &teams(), &matches, &[], None).unwrap();
        let on = |clinches: &[Clinch], team: i64, zone: &str| {
            clinches
                .iter()
                .find(|k| k.team == TeamId(team) && k.zone == zone)
                .map(|k| k.on)
        };
        // After day 2 team 1 has 6 points and no one else can reach more than 5.
        assert_eq!(on(&clinches, 1, "champions"), Some(day(2)));
        // Team 3 (1 point after day 2) could still reach 4 until it lost on day 3.
        assert_eq!(on(&clinches, 3, "relegation"), Some(day(3)));
        assert_eq!(clinches.len(), 2);
        // As things stood on day 2, only the title was certain; on day 1, nothing.
        let then = clinch_dates(&c, &teams(), &matches, &[], Some(day(2))).unwrap();
        assert_eq!(on(&then, 1, "champions"), Some(day(2)));
        assert_eq!(then.len(), 1);
        assert!(
            clinch_dates(&c, &teams(), &matches, &[], Some(day(1)))
                .unwrap()
                .is_empty()
        );
    }
}
