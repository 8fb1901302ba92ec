//! Gaps between teams, with their context: games in hand, zone boundaries, and what is settled.

use matchday_core::{TeamId, Zone};
use serde::{Deserialize, Serialize};

use crate::{ForecastError, LeagueState, PositionRange};

/// What a gap table says about ties, to print under it.
pub const TIE_NOTE: &str = "best and worst positions count a team level on points as possibly above or below: \
     goal difference and head-to-head are not used to rule a position out";

/// Every team's gaps on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gaps {
    /// The team that games in hand and `gap_to_team` are measured against: the one named, or the leader.
    pub reference: TeamId,
    /// The team top of the table now.
    pub leader: TeamId,
    /// Rows in table order.
    pub rows: Vec<GapRow>,
}

/// One team's line in a gap table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapRow {
    /// The team.
    pub team: TeamId,
    /// Its place in the table now.
    pub position: u16,
    /// Points so far, after deductions.
    pub points: i32,
    /// Matches played.
    pub played: u16,
    /// Matches left.
    pub remaining: u16,
    /// Matches played by the reference team less matches played by this team.
    pub games_in_hand: i32,
    /// The leader's points less this team's.
    pub gap_to_leader: i32,
    /// The reference team's points less this team's.
    pub gap_to_team: i32,
    /// The gap to each zone's boundary place.
    pub zone_gaps: Vec<ZoneGap>,
    /// The most points it can still reach.
    pub max_points: i32,
    /// The highest place still possible on points.
    pub best_position: u16,
    /// The lowest place still possible on points.
    pub worst_position: u16,
    /// Whether both positions are exact; if not, the true range may be narrower.
    pub positions_exact: bool,
    /// Zones it is certain to finish in.
    pub clinched: Vec<String>,
    /// Zones it can no longer finish in.
    pub eliminated: Vec<String>,
}

/// The points between a team and the team now at a zone's boundary place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneGap {
    /// The zone's name.
    pub zone: String,
    /// The boundary place: the zone's last place, or for a zone at the foot of the
    /// table, the place just above it (safety).
    pub boundary: u16,
    /// Points of the team now at the boundary place less this team's (negative: ahead of it).
    pub gap: i32,
}

/// The place that marks a zone's edge: safety for a bottom zone, the last place otherwise.
pub fn zone_boundary(zone: &Zone, teams: u16) -> u16 {
    if zone.last >= teams && zone.first > 1 {
        zone.first - 1
    } else {
        zone.last
    }
}

/// Whether `zone` is one at the foot of the table, whose edge is safety above it (see
/// [`zone_boundary`]).
pub fn is_bottom(zone: &Zone, teams: u16) -> bool {
    zone_boundary(zone, teams) != zone.last
}

/// The zones a team with `range` has clinched and is eliminated from.
pub fn zone_verdicts(range: PositionRange, zones: &[Zone]) -> (Vec<String>, Vec<String>) {
    let clinched = zones
        .iter()
        .filter(|z| range.settled_within(z.first, z.last))
        .map(|z| z.name.clone())
        .collect();
    let eliminated = zones
        .iter()
        .filter(|z| range.excluded_from(z.first, z.last))
        .map(|z| z.name.clone())
        .collect();
    (clinched, eliminated)
}

impl LeagueState {
    /// The gap table, measured against `reference` (or the leader when `None`).
    ///
    /// # Errors
    /// [`ForecastError::UnknownTeam`] when `reference` is not in the league.
    pub fn gaps(&self, reference: Option<TeamId>) -> Result<Gaps, ForecastError> {
        let ranges = self.position_ranges();
        self.gaps_with(reference, &ranges)
    }

    /// The gap table using position ranges already computed by [`LeagueState::position_ranges`].
    ///
    /// # Errors
    /// [`ForecastError::UnknownTeam`] when `reference` is not in the league.
    pub fn gaps_with(
        &self,
        reference: Option<TeamId>,
        ranges: &[PositionRange],
    ) -> Result<Gaps, ForecastError> {
        let table = &self.standings().rows;
        let leader = table[0].team;
        let reference = reference.unwrap_or(leader);
        let r = self
            .index_of(reference)
            .ok_or(ForecastError::UnknownTeam(reference))?;
        let l = self.index_of(leader).expect("the leader is in the league");
        let remaining = self.remaining();
        let max_points = self.max_points();
        let zones = self.zones();
        let n = self.teams().len() as u16;
        let points_at = |place: u16| table.get(usize::from(place.max(1)) - 1).map(|row| row.points);
        let rows = table
            .iter()
            .map(|row| {
                let i = self.index_of(row.team).expect("table teams are league teams");
                let points = self.points()[i];
                let (clinched, eliminated) = zone_verdicts(ranges[i], &zones);
                let zone_gaps = zones
                    .iter()
                    .filter_map(|zone| {
                        let boundary = zone_boundary(zone, n);
                        Some(ZoneGap {
                            zone: zone.name.clone(),
                            boundary,
                            gap: points_at(boundary)? - points,
                        })
                    })
                    .collect();
                GapRow {
                    team: row.team,
                    position: row.position,
                    points,
                    played: self.played()[i],
                    remaining: remaining[i],
                    games_in_hand: i32::from(self.played()[r]) - i32::from(self.played()[i]),
                    gap_to_leader: self.points()[l] - points,
                    gap_to_team: self.points()[r] - points,
                    zone_gaps,
                    max_points: max_points[i],
                    best_position: ranges[i].best,
                    worst_position: ranges[i].worst,
                    positions_exact: ranges[i].exact,
                    clinched,
                    eliminated,
                }
            })
            .collect();
        Ok(Gaps {
            reference,
            leader,
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, day, deductions, matches, teams};

    #[test]
    fn gaps_on_the_day() {
        let state =
            LeagueState::new(&competition(), &teams(), &matches(), &deductions(), Some(day(10))).unwrap();
        let gaps = state.gaps(Some(TeamId(4))).unwrap();
        assert_eq!(gaps.leader, TeamId(1));
        assert_eq!(gaps.reference, TeamId(4));
        let order: Vec<TeamId> = gaps.rows.iter().map(|r| r.team).collect();
        assert_eq!(order, [TeamId(1), TeamId(4), TeamId(3), TeamId(2)]);
        let leader = &gaps.rows[0];
        assert_eq!(
            (leader.points, leader.gap_to_leader, leader.gap_to_team),
            (9, 0, -7)
        );
        assert_eq!((leader.best_position, leader.worst_position), (1, 2));
        assert!(leader.clinched.is_empty());
        assert_eq!(leader.eliminated, ["relegation"]);
        let last = &gaps.rows[3];
        assert_eq!(
            (last.gap_to_leader, last.gap_to_team, last.games_in_hand),
            (8, 1, 0)
        );
        // Safety is third place, held by team 3 on the same points.
        let relegation = last.zone_gaps.iter().find(|g| g.zone == "relegation").unwrap();
        assert_eq!((relegation.boundary, relegation.gap), (3, 0));
        assert_eq!(
            state.gaps(Some(TeamId(9))).unwrap_err(),
            ForecastError::UnknownTeam(TeamId(9))
        );
    }

    #[test]
    fn zones_are_clinched_and_lost_only_when_certain() {
        let top4 = Zone {
            name: "champions-league".into(),
            first: 1,
            last: 4,
        };
        let down = Zone {
            name: "relegation".into(),
            first: 18,
            last: 20,
        };
        let zones = [top4, down];
        let verdict = |best, worst| {
            zone_verdicts(
                PositionRange {
                    best,
                    worst,
                    exact: true,
                },
                &zones,
            )
        };
        assert_eq!(
            verdict(1, 4),
            (
                vec!["champions-league".to_string()],
                vec!["relegation".to_string()]
            )
        );
        assert_eq!(verdict(3, 5), (vec![], vec!["relegation".to_string()]));
        assert_eq!(
            verdict(18, 20),
            (
                vec!["relegation".to_string()],
                vec!["champions-league".to_string()]
            )
        );
        assert_eq!(verdict(12, 18), (vec![], vec!["champions-league".to_string()]));
        assert_eq!(zone_boundary(&zones[1], 20), 17);
        assert_eq!(zone_boundary(&zones[0], 20), 4);
    }
}
