//! Storing and reading regulations and the decisions taken off the pitch.

use matchday_core::{Competition, CompetitionId, Decision, Match, Standings, TableOptions, TeamId};
use rusqlite::params;

use crate::{Reader, StoreError, Writer};

impl Reader<'_> {
    /// The decisions off the pitch recorded for a competition-season, oldest first.
    pub fn decisions(&self, competition: CompetitionId) -> Result<Vec<Decision>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, grp, criterion FROM decision WHERE competition_id = ?1 ORDER BY id",
        )?;
        let heads: Vec<(i64, rusqlite::Result<(String, String)>)> = stmt
            .query_map([competition.0], |r| {
                Ok((r.get(0)?, (|| Ok((r.get(1)?, r.get(2)?)))()))
            })?
            .collect::<Result<_, _>>()?;
        let mut teams_of = self.conn.prepare_cached(
            "SELECT rowid, team_id FROM decision_team WHERE decision_id = ?1 ORDER BY place",
        )?;
        let mut decisions = Vec::with_capacity(heads.len());
        for (id, head) in heads {
            // A row that does not read back is named with its competition-season.
            let named = |table, row, err| self.within(competition, crate::rows::unreadable(table, row, err));
            let (group, criterion) = head.map_err(|err| named("decision", id, err.into()))?;
            let mut teams: Vec<TeamId> = Vec::new();
            for row in teams_of.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1))))? {
                let (rowid, team) = row?;
                teams.push(TeamId(
                    team.map_err(|err| named("decision_team", rowid, err.into()))?,
                ));
            }
            let by = criterion
                .parse()
                .map_err(|err: matchday_core::Error| named("decision", id, err.into()))?;
            let group = (!group.is_empty()).then_some(group);
            let decision = Decision::new(group, teams, by).map_err(|e| {
                named(
                    "decision",
                    id,
                    StoreError::Corrupt {
                        table: "decision",
                        detail: format!("a decision that cannot be: {e}"),
                    },
                )
            })?;
            decisions.push(decision);
        }
        Ok(decisions)
    }
}

impl Writer<'_> {
    /// Stores a competition-season's regulations as `competition` gives them: its
    /// preset, points scheme, what ranks first, zones and stages. The matches stored
    /// are checked against the stages in the same write.
    ///
    /// # Errors
    /// [`StoreError::UnknownCompetition`] when `competition` is not stored;
    /// [`StoreError::ZoneBeyondTable`] for a zone past the table's last place;
    /// [`StoreError::Refused`] when a stored match cannot be under the new stages
    /// (more meetings than the league has).
    pub fn set_regulations(&mut self, competition: &Competition) -> Result<(), StoreError> {
        let id = competition.id.ok_or_else(|| StoreError::UnknownCompetition {
            name: competition.name.clone(),
            candidates: Vec::new(),
        })?;
        let changed = self.conn().execute(
            "UPDATE competition SET rules = ?2, points = ?3, rank_by = ?4 WHERE id = ?1",
            params![
                id.0,
                competition.rules.name(),
                competition.points.to_string(),
                competition.rank_by.name()
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::UnknownCompetition {
                name: competition.name.clone(),
                candidates: Vec::new(),
            });
        }
        // A zone names places of the table (of each group, in a group stage): none beyond it.
        let stored = self.matches(id)?;
        let places = match competition.format {
            matchday_core::Format::GroupsKnockout => stored
                .iter()
                .filter_map(|m| m.group.as_deref())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .map(|g| matchday_core::group_teams(&stored, g).len())
                .max()
                .unwrap_or(0),
            _ => self.entrants(id)?.len(),
        };
        if places > 0
            && let Some(zone) = competition.zones.iter().find(|z| usize::from(z.last) > places)
        {
            return Err(StoreError::ZoneBeyondTable {
                zone: zone.to_string(),
                places,
            });
        }
        self.set_zones(id, &competition.zones)?;
        // New stages must hold the matches stored: checked here, in the same write.
        self.set_structure(id, &competition.structure)?;
        let entrants = self.entrants(id)?;
        matchday_core::check_season(competition, &entrants, &stored)
            .map_err(|(_, refusal)| StoreError::Refused(refusal))
    }

    /// Records an order decided off the pitch, replacing any earlier decision on
    /// the same teams, once the stored results (all of them) leave the teams level on
    /// every criterion of the competition's regulations in that group or table.
    ///
    /// # Errors
    /// [`StoreError::Decision`] when the teams are not level, not in the table, or the
    /// regulations do not use the criterion.
    pub fn record_decision(
        &mut self,
        competition: &Competition,
        decision: &Decision,
    ) -> Result<(), StoreError> {
        let id = competition.id.ok_or_else(|| StoreError::UnknownCompetition {
            name: competition.name.clone(),
            candidates: Vec::new(),
        })?;
        let matches = self.matches(id)?;
        let in_group: Vec<Match> = matches
            .into_iter()
            .filter(|m| m.group.as_deref() == decision.group())
            .collect();
        let teams: Vec<TeamId> = if decision.group().is_some() {
            let mut teams: Vec<TeamId> = in_group
                .iter()
                .flat_map(|m| [m.pairing.home(), m.pairing.away()])
                .collect();
            teams.sort();
            teams.dedup();
            teams
        } else {
            self.entrants(id)?
        };
        let deductions = self.deductions(id)?;
        let standings = Standings::compute(
            competition,
            &teams,
            &in_group,
            &deductions,
            TableOptions::default(),
        );
        standings.with_decision(&competition.regulations(), decision)?;
        let group = decision.group().unwrap_or("");
        // An earlier decision on any of these teams in this table gives way to the new one.
        for &team in decision.teams() {
            self.conn().execute(
                "DELETE FROM decision WHERE competition_id = ?1 AND grp = ?2 AND id IN
                     (SELECT decision_id FROM decision_team WHERE team_id = ?3)",
                params![id.0, group, team.0],
            )?;
        }
        self.conn().execute(
            "INSERT INTO decision (competition_id, grp, criterion) VALUES (?1, ?2, ?3)",
            params![id.0, group, decision.by().name()],
        )?;
        let decision_id = self.conn().last_insert_rowid();
        let mut stmt = self
            .conn()
            .prepare_cached("INSERT INTO decision_team (decision_id, place, team_id) VALUES (?1, ?2, ?3)")?;
        for (place, team) in decision.teams().iter().enumerate() {
            stmt.execute(params![decision_id, place as i64 + 1, team.0])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use matchday_core::{
        Decision, Format, MatchRecord, MatchStatus, OffThePitch, RankBy, RuleSet, Season, SeasonRecord, Venue,
    };

    use super::*;
    use crate::Store;

    /// World Cup 2018 Group H: Japan and Senegal level on everything the results give.
    fn group_h(store: &mut Store) -> Competition {
        let games = [
            ("2018-06-19", "Colombia", "Japan", "1-2"),
            ("2018-06-19", "Poland", "Senegal", "1-2"),
            ("2018-06-24", "Japan", "Senegal", "2-2"),
            ("2018-06-24", "Poland", "Colombia", "0-3"),
            ("2018-06-28", "Japan", "Poland", "0-1"),
            ("2018-06-28", "Senegal", "Colombia", "0-1"),
        ];
        let record = SeasonRecord {
            competition: "World Cup".into(),
            season: Some(Season::calendar(2018)),
            format: Some(Format::GroupsKnockout),
            matches: games
                .iter()
                .enumerate()
                .map(|(i, (date, home, away, score))| MatchRecord {
                    date: date.parse::<NaiveDate>().unwrap(),
                    kickoff: None,
                    home: home.to_string(),
                    away: away.to_string(),
                    venue: Venue::Neutral,
                    round: Some("Matchday 1".into()),
                    group: Some("H".into()),
                    leg: None,
                    replay: false,
                    status: MatchStatus::Played(score.parse().unwrap()),
                    line: i + 1,
                    closing_odds: None,
                })
                .collect(),
            ..SeasonRecord::default()
        };
        store.write(|w| w.import(&record, None)).unwrap();
        store.read().find_competition("world cup", None, None).unwrap()
    }

    #[test]
    fn the_world_cup_gets_its_preset_on_import() {
        let mut store = Store::open_in_memory().unwrap();
        let wc = group_h(&mut store);
        assert_eq!(wc.rules, RuleSet::FifaWorldCup2018);
        assert_eq!(wc.rank_by, RankBy::Points);
    }

    #[test]
    fn regulations_are_stored_and_read_back() {
        let mut store = Store::open_in_memory().unwrap();
        let mut wc = group_h(&mut store);
        wc.rules = RuleSet::FifaWorldCup2026;
        wc.rank_by = RankBy::PointsPerGame;
        wc.zones = vec!["round-of-32=1-3".parse().unwrap()];
        store.write(|w| w.set_regulations(&wc)).unwrap();
        let back = store.read().competition(wc.id.unwrap()).unwrap();
        assert_eq!(back, wc);
    }

    #[test]
    fn a_decision_is_checked_stored_and_replaced() {
        let mut store = Store::open_in_memory().unwrap();
        let wc = group_h(&mut store);
        let read = store.read();
        let team = |name: &str| read.resolve_team(name).unwrap();
        let (japan, senegal, colombia) = (team("Japan"), team("Senegal"), team("Colombia"));
        let group = Some("H".to_string());
        let decide = |teams, by| Decision::new(group.clone(), teams, by).unwrap();
        let not_level = decide(vec![japan, colombia], OffThePitch::FairPlay);
        let refused = store.write(|w| w.record_decision(&wc, &not_level));
        assert!(matches!(refused, Err(StoreError::Decision(_))), "{refused:?}");
        let wrong_criterion = decide(vec![japan, senegal], OffThePitch::Coefficient);
        assert!(store.write(|w| w.record_decision(&wc, &wrong_criterion)).is_err());
        assert!(store.read().decisions(wc.id.unwrap()).unwrap().is_empty());

        let lots = decide(vec![senegal, japan], OffThePitch::DrawingOfLots);
        store.write(|w| w.record_decision(&wc, &lots)).unwrap();
        let fair_play = decide(vec![japan, senegal], OffThePitch::FairPlay);
        store.write(|w| w.record_decision(&wc, &fair_play)).unwrap();
        assert_eq!(store.read().decisions(wc.id.unwrap()).unwrap(), [fair_play]);
    }

    #[test]
    fn a_version_1_database_keeps_its_competitions_under_the_new_preset_names() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../migrations/0001_initial.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        for (slug, rules) in [("cl", "uefa-group"), ("old", "classic")] {
            conn.execute(
                "INSERT INTO competition (slug, name, season, season_start, format, rules, points)
                 VALUES (?1, ?1, '2023-24', 2023, 'league', ?2, '3-1-0')",
                params![slug, rules],
            )
            .unwrap();
        }
        crate::migrate::migrate(&mut conn, std::path::Path::new(":memory:")).unwrap();
        let rules: Vec<(String, String)> = conn
            .prepare("SELECT rules, rank_by FROM competition ORDER BY slug")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rules,
            [
                ("uefa-club-groups".to_string(), "points".to_string()),
                ("english-history".to_string(), "points".to_string())
            ]
        );
    }
}
