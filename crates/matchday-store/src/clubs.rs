//! Clubs and the teams they have, and the writes that make one team of two:
//! aliases, renames, merges (`migrations/0007_clubs.sql`).
//!
//! Every team belongs to one club, found by [`matchday_core::club_key`] when
//! the team is stored: "Liverpool" and "Liverpool FC Women" are two teams of
//! the club "Liverpool". Imports meet a new spelling of a stored team by its
//! club form ([`ClubForms`]), so "Atalanta BC" is the stored "Atalanta".

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{Squad, Team, TeamId, club_form, club_key, club_name, display_name, normalize_name};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Reader, StoreError, Writer};

/// A club's identity, handed out by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClubId(pub i64);

/// A club and its teams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Club {
    /// Identity; `None` for a team that is its club's only one.
    pub id: Option<ClubId>,
    /// The club's name.
    pub name: String,
    /// Its teams, men's first, each with its squad.
    pub teams: Vec<(TeamId, String, Squad)>,
}

/// The teams an import knows by club form; a form two teams share names neither.
#[derive(Debug, Default)]
pub(crate) struct ClubForms {
    by_form: HashMap<String, Option<TeamId>>,
}

impl ClubForms {
    /// The club forms of every stored team's name and aliases.
    pub(crate) fn of(teams: &[Team]) -> ClubForms {
        let mut forms = ClubForms::default();
        for team in teams {
            for name in std::iter::once(&team.name).chain(&team.aliases) {
                forms.add(name, team.id);
            }
        }
        forms
    }

    /// Records another name of a team.
    pub(crate) fn add(&mut self, name: &str, team: TeamId) {
        let entry = self.by_form.entry(club_form(name)).or_insert(Some(team));
        if *entry != Some(team) {
            *entry = None;
        }
    }

    /// The one team of `name`'s club form, if one team has it.
    pub(crate) fn find(&self, name: &str) -> Option<TeamId> {
        self.by_form.get(&club_form(name)).copied().flatten()
    }
}

/// The club form a team named `name` is stored with.
pub(crate) fn club_key_of(name: &str) -> String {
    match club_key(name) {
        key if key.is_empty() => normalize_name(name),
        key => key,
    }
}

/// Puts a newly stored team in its club: when other teams have its club form,
/// they share one `club` row (stored now if they had none). A team alone in its
/// club form has no row and changes nothing, so adding a team logs one row.
pub(crate) fn join_club(conn: &Connection, team: TeamId) -> Result<(), StoreError> {
    let (key, name): (String, String) = conn
        .prepare_cached("SELECT club_key, name FROM team WHERE id = ?1")?
        .query_row([team.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
    // The oldest men's team names the club ("Liverpool", not "Liverpool FC Women").
    let others: Vec<(i64, String, Option<i64>)> = conn
        .prepare_cached("SELECT id, name, club_id FROM team WHERE club_key = ?1 AND id <> ?2 ORDER BY id")?
        .query_map(params![key, team.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if others.is_empty() || key.is_empty() {
        return Ok(());
    }
    let club = match others.iter().find_map(|o| o.2) {
        Some(club) => club,
        None => {
            let named_by = others
                .iter()
                .map(|o| o.1.as_str())
                .chain(std::iter::once(name.as_str()))
                .find(|n| Squad::of(n) == Squad::Men)
                .unwrap_or(&name);
            conn.prepare_cached("INSERT OR IGNORE INTO club (name, key) VALUES (?1, ?2)")?
                .execute(params![display_name(&club_name(named_by)), key])?;
            conn.prepare_cached("SELECT id FROM club WHERE key = ?1")?
                .query_row([&key], |r| r.get(0))?
        }
    };
    conn.prepare_cached("UPDATE team SET club_id = ?2 WHERE club_key = ?1 AND club_id IS NOT ?2")?
        .execute(params![key, club])?;
    Ok(())
}

/// Migration 0007: the club form of every stored team, the clubs with several
/// teams, and the normal forms that changed (clubs founded anew keep their "AFC").
pub(crate) fn fill_clubs(conn: &Connection) -> Result<(), StoreError> {
    let teams: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM team ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, name) in &teams {
        conn.execute(
            "UPDATE team SET club_key = ?2 WHERE id = ?1",
            params![id, club_key_of(name)],
        )?;
        // A club founded anew ("AFC Wimbledon") has a normal form of its own from this version.
        conn.execute(
            "UPDATE team SET key = ?2 WHERE id = ?1 AND key <> ?2
             AND NOT EXISTS (SELECT 1 FROM team WHERE key = ?2)",
            params![id, normalize_name(name)],
        )?;
    }
    let aliases: Vec<(i64, String, String)> = conn
        .prepare("SELECT team_id, alias, key FROM team_alias")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (team, alias, key) in aliases {
        let new = normalize_name(&alias);
        if new != key {
            conn.execute(
                "UPDATE OR IGNORE team_alias SET key = ?3 WHERE team_id = ?1 AND key = ?2",
                params![team, key, new],
            )?;
        }
    }
    for (id, _) in teams {
        join_club(conn, TeamId(id))?;
    }
    Ok(())
}

/// Why two teams cannot be one: what they both have that one team cannot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeConflict {
    /// A team is asked to merge with itself.
    #[error("they are the same team")]
    SameTeam,
    /// They played each other, so they are two teams.
    #[error("they played each other in {competition} on {date}")]
    PlayedEachOther {
        /// The competition-season ("Serie A 2023-24").
        competition: String,
        /// The day.
        date: NaiveDate,
    },
    /// Both have a match on one day in one competition (a season imported twice
    /// under two names: delete one first).
    #[error("both have a match in {competition} on {date}")]
    SameDay {
        /// The competition-season.
        competition: String,
        /// The day.
        date: NaiveDate,
    },
    /// Both met the same opponent the same way round in the same round.
    #[error("both played {opponent} in {competition} {round}")]
    SameRound {
        /// The competition-season.
        competition: String,
        /// The round's label.
        round: String,
        /// The opponent.
        opponent: String,
    },
    /// Both have the same points deduction.
    #[error("both have a {points}-point deduction in {competition} from {effective}")]
    SameDeduction {
        /// The competition-season.
        competition: String,
        /// The points.
        points: i64,
        /// The day it counts from.
        effective: String,
    },
    /// Both are placed by one decision (fair play, lots).
    #[error("both are placed by one decision in {competition}")]
    SameDecision {
        /// The competition-season.
        competition: String,
    },
}

/// What merging one team into another moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The team kept.
    pub kept: String,
    /// The team merged into it (its name is now the kept team's alias).
    pub merged: String,
    /// Matches moved.
    pub matches: usize,
    /// Competitions it was entered in, moved.
    pub entrants: usize,
    /// Deductions moved.
    pub deductions: usize,
    /// Aliases moved (besides its name).
    pub aliases: usize,
}

impl Reader<'_> {
    /// Every club with its teams, by name: a team with no other team of its
    /// club is a club of its own (with no [`ClubId`]).
    pub fn clubs(&self) -> Result<Vec<Club>, StoreError> {
        let names: HashMap<i64, String> = self
            .conn
            .prepare_cached("SELECT id, name FROM club")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut clubs: Vec<Club> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, club_id FROM team ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?;
        for row in rows {
            let (team, name, club) = row?;
            let squad = Squad::of(&name);
            let entry = (TeamId(team), name.clone(), squad);
            match club.filter(|c| names.contains_key(c)) {
                Some(club) => match at.get(&club) {
                    Some(&i) => clubs[i].teams.push(entry),
                    None => {
                        at.insert(club, clubs.len());
                        clubs.push(Club {
                            id: Some(ClubId(club)),
                            name: names[&club].clone(),
                            teams: vec![entry],
                        });
                    }
                },
                None => clubs.push(Club {
                    id: None,
                    name,
                    teams: vec![entry],
                }),
            }
        }
        for club in &mut clubs {
            club.teams.sort_by_key(|t| t.2);
        }
        clubs.sort_by_cached_key(|c| normalize_name(&c.name));
        Ok(clubs)
    }

    /// The club a team belongs to.
    ///
    /// # Errors
    /// [`StoreError::UnknownTeam`] for a team not stored.
    pub fn club_of(&self, team: TeamId) -> Result<Club, StoreError> {
        self.clubs()?
            .into_iter()
            .find(|c| c.teams.iter().any(|t| t.0 == team))
            .ok_or_else(|| StoreError::UnknownTeam {
                name: format!("#{}", team.0),
                candidates: Vec::new(),
            })
    }
}

impl Writer<'_> {
    /// Gives a team the other names the shipped alias file (`data/aliases.txt`)
    /// lists with `name`, leaving out those that already name a team. Returns
    /// the names added.
    ///
    /// # Errors
    /// Database errors only.
    pub fn add_known_aliases(&mut self, team: TeamId, name: &str) -> Result<Vec<String>, StoreError> {
        let key = normalize_name(name);
        let mut added = Vec::new();
        for line in matchday_core::shipped_aliases() {
            let names: Vec<&String> = std::iter::once(&line.name).chain(&line.aliases).collect();
            if !names.iter().any(|n| normalize_name(n) == key) {
                continue;
            }
            for other in names {
                let other_key = normalize_name(other);
                let owner = self.owner_of_key(&other_key)?;
                if owner.is_none() {
                    self.add_alias(team, other)?;
                    added.push(other.clone());
                }
            }
        }
        Ok(added)
    }

    /// Makes `merged` part of `kept`: every match, entrant, deduction, decision
    /// and alias of `merged` moves to `kept`, `merged`'s name becomes an alias of
    /// `kept`, and `merged` (and its club, if it has no other team) is removed.
    /// One transaction, logged like any write, so `undo` reverses it.
    ///
    /// # Errors
    /// [`StoreError::MergeRefused`] when they played each other or have what one
    /// team cannot have twice (a match on one day of one competition...).
    pub fn merge_teams(&mut self, kept: TeamId, merged: TeamId) -> Result<Merged, StoreError> {
        let names = self.team_names()?;
        let name = |t: TeamId| {
            names.get(&t).cloned().ok_or_else(|| StoreError::UnknownTeam {
                name: format!("#{}", t.0),
                candidates: Vec::new(),
            })
        };
        let (kept_name, merged_name) = (name(kept)?, name(merged)?);
        let refuse = |conflict| StoreError::MergeRefused {
            kept: kept_name.clone(),
            merged: merged_name.clone(),
            conflict,
        };
        if kept == merged {
            return Err(refuse(MergeConflict::SameTeam));
        }
        if let Some(conflict) = self.merge_conflict(kept, merged, &names)? {
            return Err(refuse(conflict));
        }
        let conn = self.conn();
        let moved =
            |sql: &str| -> Result<usize, StoreError> { Ok(conn.execute(sql, params![kept.0, merged.0])?) };
        let matches = moved("UPDATE match SET home_id = ?1 WHERE home_id = ?2")?
            + moved("UPDATE match SET away_id = ?1 WHERE away_id = ?2")?;
        let entrants = moved(
            "UPDATE entrant SET team_id = ?1 WHERE team_id = ?2
             AND competition_id NOT IN (SELECT competition_id FROM entrant WHERE team_id = ?1)",
        )?;
        conn.execute("DELETE FROM entrant WHERE team_id = ?1", [merged.0])?;
        let deductions = moved("UPDATE deduction SET team_id = ?1 WHERE team_id = ?2")?;
        moved("UPDATE decision_team SET team_id = ?1 WHERE team_id = ?2")?;
        // Aliases the kept team has already (in any spelling) are dropped, not repeated.
        conn.execute(
            "DELETE FROM team_alias WHERE team_id = ?2
             AND key IN (SELECT key FROM team_alias WHERE team_id = ?1 UNION SELECT key FROM team WHERE id = ?1)",
            params![kept.0, merged.0],
        )?;
        let aliases = moved("UPDATE team_alias SET team_id = ?1 WHERE team_id = ?2")?;
        let club: Option<i64> =
            conn.query_row("SELECT club_id FROM team WHERE id = ?1", [merged.0], |r| r.get(0))?;
        conn.execute("DELETE FROM team WHERE id = ?1", [merged.0])?;
        if let Some(club) = club {
            // A club keeps its row while it has several teams; one left is a club of its own.
            let left: i64 = conn.query_row("SELECT count(*) FROM team WHERE club_id = ?1", [club], |r| {
                r.get(0)
            })?;
            if left <= 1 {
                conn.execute("UPDATE team SET club_id = NULL WHERE club_id = ?1", [club])?;
                conn.execute("DELETE FROM club WHERE id = ?1", [club])?;
            }
        }
        self.add_alias(kept, &merged_name)?;
        Ok(Merged {
            kept: kept_name,
            merged: merged_name,
            matches,
            entrants,
            deductions,
            aliases,
        })
    }

    fn merge_conflict(
        &self,
        kept: TeamId,
        merged: TeamId,
        names: &HashMap<TeamId, String>,
    ) -> Result<Option<MergeConflict>, StoreError> {
        let conn = self.conn();
        let season = |id: i64| -> Result<String, StoreError> {
            Ok(conn.query_row(
                "SELECT name || ' ' || season FROM competition WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?)
        };
        let ids = params![kept.0, merged.0];
        let date = |text: String| crate::rows::parse_date(&text);
        let played: Option<(i64, String)> = conn
            .query_row(
                "SELECT competition_id, date FROM match
                 WHERE (home_id = ?1 AND away_id = ?2) OR (home_id = ?2 AND away_id = ?1)
                 ORDER BY date LIMIT 1",
                ids,
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((competition, day)) = played {
            return Ok(Some(MergeConflict::PlayedEachOther {
                competition: season(competition)?,
                date: date(day)?,
            }));
        }
        let same_day: Option<(i64, String)> = conn
            .query_row(
                "SELECT a.competition_id, a.date FROM match a JOIN match b
                   ON a.competition_id = b.competition_id AND a.date = b.date
                 WHERE ?1 IN (a.home_id, a.away_id) AND ?2 IN (b.home_id, b.away_id)
                 ORDER BY a.date LIMIT 1",
                ids,
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((competition, day)) = same_day {
            return Ok(Some(MergeConflict::SameDay {
                competition: season(competition)?,
                date: date(day)?,
            }));
        }
        let same_round: Option<(i64, String, i64)> = conn
            .query_row(
                "SELECT a.competition_id, a.round, CASE WHEN a.home_id = ?1 THEN a.away_id ELSE a.home_id END
                 FROM match a JOIN match b
                   ON a.competition_id = b.competition_id AND a.round = b.round AND a.leg = b.leg
                  AND a.replay = b.replay
                 WHERE (a.home_id = ?1 AND b.home_id = ?2 AND a.away_id = b.away_id)
                    OR (a.away_id = ?1 AND b.away_id = ?2 AND a.home_id = b.home_id)
                 LIMIT 1",
                ids,
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((competition, round, opponent)) = same_round {
            return Ok(Some(MergeConflict::SameRound {
                competition: season(competition)?,
                round,
                opponent: names.get(&TeamId(opponent)).cloned().unwrap_or_default(),
            }));
        }
        let deduction: Option<(i64, i64, String)> = conn
            .query_row(
                "SELECT a.competition_id, a.points, a.effective FROM deduction a JOIN deduction b
                   ON a.competition_id = b.competition_id AND a.effective = b.effective AND a.points = b.points
                 WHERE a.team_id = ?1 AND b.team_id = ?2 LIMIT 1",
                ids,
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((competition, points, effective)) = deduction {
            return Ok(Some(MergeConflict::SameDeduction {
                competition: season(competition)?,
                points,
                effective,
            }));
        }
        let decision: Option<i64> = conn
            .query_row(
                "SELECT d.competition_id FROM decision d
                   JOIN decision_team a ON a.decision_id = d.id AND a.team_id = ?1
                   JOIN decision_team b ON b.decision_id = d.id AND b.team_id = ?2 LIMIT 1",
                ids,
                |r| r.get(0),
            )
            .optional()?;
        if let Some(competition) = decision {
            return Ok(Some(MergeConflict::SameDecision {
                competition: season(competition)?,
            }));
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use rusqlite::Connection;

    #[test]
    fn teams_join_their_clubs_and_a_womens_team_is_the_same_clubs() {
        let mut store = Store::open_in_memory().unwrap();
        let (men, women, city) = store
            .write(|w| {
                Ok::<_, StoreError>((
                    w.add_team("Liverpool", &[])?,
                    w.add_team("Liverpool FC Women", &[])?,
                    w.add_team("Manchester City", &[])?,
                ))
            })
            .unwrap();
        let read = store.read();
        let club = read.club_of(women).unwrap();
        assert_eq!(club.name, "Liverpool");
        assert_eq!(
            club.teams,
            vec![
                (men, "Liverpool".to_string(), Squad::Men),
                (women, "Liverpool FC Women".to_string(), Squad::Women)
            ]
        );
        assert_eq!(read.club_of(city).unwrap().teams.len(), 1);
        assert_eq!(read.clubs().unwrap().len(), 2);
        // The women's team is found by its own name only.
        assert_eq!(read.resolve_team("Liverpool").unwrap(), men);
        assert_eq!(read.resolve_team("Liverpool Women").unwrap(), women);
    }

    #[test]
    fn the_club_rows_are_logged_and_undone_with_the_team_that_made_them() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|w| w.add_team("Arsenal", &[])).unwrap();
        let women = store.write(|w| w.add_team("Arsenal WFC", &[])).unwrap();
        let log = store.read().changes(None).unwrap();
        let tables: Vec<&str> = log[0].counts.iter().map(|c| c.table.as_str()).collect();
        assert_eq!(tables, ["club", "team", "team"], "{:?}", log[0].counts);
        assert_eq!(store.read().club_of(women).unwrap().name, "Arsenal");
        store.undo(1).unwrap();
        let clubs = store.read().clubs().unwrap();
        assert_eq!(clubs.len(), 1);
        assert_eq!(clubs[0].id, None, "a club of one team has no row");
    }

    #[test]
    fn migration_0007_puts_stored_teams_in_their_clubs_logging_only_new_keys() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA recursive_triggers = ON;")
            .unwrap();
        let tx = conn.transaction().unwrap();
        for (name, sql) in &crate::migrate::MIGRATIONS[..6] {
            tx.execute_batch(sql).unwrap();
            if *name == "0006_change_log" {
                crate::change_log::install_triggers(&tx).unwrap();
            }
        }
        tx.execute_batch(
            "PRAGMA user_version = 6; PRAGMA application_id = 1296327033;
             INSERT INTO team (id, name, key) VALUES (1, 'Liverpool', 'liverpool'),
                 (2, 'Liverpool FC Women', 'liverpool fc women'), (3, 'Everton', 'everton'),
                 (4, 'AFC Wimbledon', 'wimbledon');",
        )
        .unwrap();
        crate::change_log::close(&tx, None, None).unwrap();
        tx.commit().unwrap();
        crate::migrate::migrate(&mut conn, std::path::Path::new(":memory:")).unwrap();
        let store = Store::with(conn);
        let read = store.read();
        let logged = read.changes(None).unwrap().len();
        assert_eq!(logged, 2, "the rows stored before, and AFC Wimbledon's new key");
        assert_eq!(read.resolver().unwrap().exact("Wimbledon"), None);
        assert_eq!(read.resolve_team("AFC Wimbledon").unwrap(), TeamId(4));
        let liverpool = read.club_of(TeamId(2)).unwrap();
        assert_eq!(liverpool.name, "Liverpool");
        assert_eq!(liverpool.teams.len(), 2);
        assert_eq!(read.club_of(TeamId(3)).unwrap().teams.len(), 1);
    }

    #[test]
    fn a_merge_moves_everything_and_undo_reverses_it() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = store
            .write(|w| {
                Ok::<_, StoreError>((
                    w.add_team("Atalanta", &[])?,
                    w.add_team("Atalanta Bergamo", &["La Dea".into()])?,
                ))
            })
            .unwrap();
        let before = store.read().teams().unwrap();
        let merged = store.write(|w| w.merge_teams(a, b)).unwrap();
        assert_eq!(
            (merged.kept.as_str(), merged.merged.as_str(), merged.aliases),
            ("Atalanta", "Atalanta Bergamo", 1)
        );
        let read = store.read();
        assert_eq!(read.resolve_team("Atalanta Bergamo").unwrap(), a);
        assert_eq!(read.resolve_team("La Dea").unwrap(), a);
        assert_eq!(read.teams().unwrap().len(), 1);
        assert_eq!(read.clubs().unwrap().len(), 1);
        store.undo(1).unwrap();
        assert_eq!(store.read().teams().unwrap(), before);
        assert_eq!(store.read().clubs().unwrap().len(), 2);
        // A merge of a club's last other team leaves it a club of one.
        let women = store.write(|w| w.add_team("Atalanta Women", &[])).unwrap();
        assert_eq!(store.read().club_of(a).unwrap().teams.len(), 2);
        store.write(|w| w.merge_teams(a, women)).unwrap();
        assert_eq!(store.read().club_of(a).unwrap().teams.len(), 1);
        let err = store.write(|w| w.merge_teams(a, a)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot merge Atalanta into Atalanta: they are the same team"
        );
    }
}
