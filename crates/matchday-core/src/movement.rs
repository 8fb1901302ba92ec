//! What a table shows beside its rows: how far each club moved since the previous
//! matchday, the teams of one group, and the narrowest zone a place lies in. The
//! terminal table and the season page read them from here, so the two agree.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::{Competition, Deduction, Match, Standings, TableOptions, TeamId, Zone};

/// The day before the latest matchday: the first day of the round of the latest result
/// on or before `as_of` (within the week before it), less one day; none when nothing was
/// played before it, as movement from a table of nothing played says nothing.
pub fn previous_matchday(matches: &[Match], as_of: Option<NaiveDate>) -> Option<NaiveDate> {
    let played: Vec<&Match> = matches
        .iter()
        .filter(|m| m.status.result().is_some() && as_of.is_none_or(|day| m.date <= day))
        .collect();
    let latest = played.iter().max_by_key(|m| m.date)?;
    let week_before = latest.date - chrono::Duration::days(6);
    let first = played
        .iter()
        .filter(|m| m.round == latest.round && m.date >= week_before)
        .map(|m| m.date)
        .min()?;
    let before = first.pred_opt()?;
    played.iter().any(|m| m.date <= before).then_some(before)
}

/// Places each row of `now` moved since the previous matchday (up positive), the table
/// then computed from the same teams, matches, deductions and view; none before a
/// second matchday.
pub fn movement(
    competition: &Competition,
    teams: &[TeamId],
    matches: &[Match],
    deductions: &[Deduction],
    options: TableOptions,
    now: &Standings,
) -> Option<Vec<i32>> {
    let before = previous_matchday(matches, options.as_of)?;
    let then = Standings::compute(
        competition,
        teams,
        matches,
        deductions,
        TableOptions {
            as_of: Some(before),
            ..options
        },
    );
    let was: HashMap<TeamId, u16> = then.rows.iter().map(|r| (r.team, r.position)).collect();
    Some(
        now.rows
            .iter()
            .map(|r| {
                was.get(&r.team)
                    .map_or(0, |&p| i32::from(p) - i32::from(r.position))
            })
            .collect(),
    )
}

/// The teams with a match in `group`, in id order.
pub fn group_teams(matches: &[Match], group: &str) -> Vec<TeamId> {
    let teams: BTreeSet<TeamId> = matches
        .iter()
        .filter(|m| m.group.as_deref() == Some(group))
        .flat_map(|m| [m.pairing.home(), m.pairing.away()])
        .collect();
    teams.into_iter().collect()
}

/// The narrowest of `zones` that holds `position`: 1st is "champions" rather than
/// "champions-league".
pub fn narrowest_zone(zones: &[Zone], position: u16) -> Option<&Zone> {
    zones
        .iter()
        .filter(|z| z.contains(position))
        .min_by_key(|z| z.last - z.first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MatchStatus, Pairing};

    #[test]
    fn movement_is_against_the_table_before_the_latest_matchday() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
        let played = |d, round: &str| {
            let mut m = Match::new(
                day(d),
                Pairing::new(TeamId(1), TeamId(2)).unwrap(),
                MatchStatus::Played("1-0".parse().unwrap()),
            );
            m.round = Some(round.into());
            m
        };
        let matches = vec![
            played(1, "Matchday 1"),
            played(8, "Matchday 2"),
            played(9, "Matchday 2"),
        ];
        assert_eq!(previous_matchday(&matches, None), Some(day(7)));
        assert_eq!(
            previous_matchday(&matches, Some(day(5))),
            None,
            "nothing before matchday 1"
        );
        assert_eq!(previous_matchday(&matches[..1], None), None);
    }

    #[test]
    fn the_narrowest_zone_names_a_place() {
        let zones: Vec<Zone> = ["champions-league=1-4", "champions=1", "relegation=18-20"]
            .iter()
            .map(|z| z.parse().unwrap())
            .collect();
        assert_eq!(
            narrowest_zone(&zones, 1).map(|z| z.name.as_str()),
            Some("champions")
        );
        assert_eq!(
            narrowest_zone(&zones, 3).map(|z| z.name.as_str()),
            Some("champions-league")
        );
        assert_eq!(narrowest_zone(&zones, 10), None);
    }
}
