//! Writing, only ever inside the transaction [`crate::Store::write`] opens.

use foldhash::{HashMap, HashSet};
use std::ops::Deref;

use matchday_core::{
    ClosingOdds, Competition, CompetitionId, Deduction, LiveScore, Match, MatchId, MatchStatus, StoredAround,
    Team, TeamId, TextField, check_new_deduction, check_new_match, check_text, normalize_name,
};
use rusqlite::{Connection, ErrorCode, OptionalExtension, ToSql, params};

use crate::rows::{self, MATCH_COLUMNS, MatchRow, StageColumns, score_columns, venue_text};
use crate::{Reader, StoreError};

/// Write access to the database, inside one transaction.
pub struct Writer<'c> {
    reader: Reader<'c>,
    /// Whether a bulk write ([`Writer::in_bulk`]) is under way.
    bulk: bool,
    /// The teams the last import knew, and the connection's count of rows changed as it
    /// ended: the next import of this transaction starts from them when nothing has been
    /// written since, rather than reading and normalising every team again (a league
    /// history is 400 seasons of one file).
    known: Option<(u64, KnownTeams)>,
}

impl<'c> Deref for Writer<'c> {
    type Target = Reader<'c>;
    fn deref(&self) -> &Reader<'c> {
        &self.reader
    }
}

/// What recording a result did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// A new match was stored.
    Added(MatchId),
    /// A stored fixture of the same day was completed with the result.
    CompletedFixture(MatchId),
    /// A fixture stored for another day was completed: the match was played
    /// on the result's date, not on the one it was scheduled for, and now
    /// carries the result's date.
    CompletedRearranged {
        /// The match.
        id: MatchId,
        /// The day the fixture was stored for.
        scheduled: chrono::NaiveDate,
    },
    /// A stored result of the same day was replaced.
    Replaced(MatchId),
}

impl Recorded {
    /// The match's id.
    pub fn id(self) -> MatchId {
        match self {
            Recorded::Added(id)
            | Recorded::CompletedFixture(id)
            | Recorded::CompletedRearranged { id, .. }
            | Recorded::Replaced(id) => id,
        }
    }
}

/// What recording a live score did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveRecorded {
    /// A new match, in play, was stored.
    Added(MatchId),
    /// A stored fixture is now in play; `scheduled` is the day it was stored for (the
    /// match now carries the live score's day).
    Started {
        /// The match.
        id: MatchId,
        /// The day the fixture was stored for.
        scheduled: chrono::NaiveDate,
    },
    /// A match already in play has a new score or minute.
    Updated {
        /// The match.
        id: MatchId,
        /// The live score it had.
        was: LiveScore,
    },
}

impl LiveRecorded {
    /// The match's id.
    pub fn id(self) -> MatchId {
        match self {
            LiveRecorded::Added(id) | LiveRecorded::Started { id, .. } | LiveRecorded::Updated { id, .. } => {
                id
            }
        }
    }
}

/// The stored match an entered result goes into.
enum ResultTarget {
    /// None: the result is a new match.
    New,
    /// The match of the same teams on the same day (a fixture, or a result `--replace` overwrites).
    SameDay(Match),
    /// A fixture of the same teams stored for another day (a rearranged match).
    FixtureOfAnotherDay(Match),
}

/// What storing a deduction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// It was new and is now stored.
    New,
    /// The same deduction, with the same reason, was already stored; nothing changed.
    AlreadyStored,
}

/// How many matches an import inserts with one statement. The work of running a
/// statement (and, before schema version 8, the lookup tables of the match CHECKs' `IN`
/// lists, built once a run) is then shared by its rows: with a statement a row, that was
/// a third of an import's insert time.
const INSERT_BATCH: usize = 64;

/// The parameters of one match in an insert.
const MATCH_PARAMS: usize = 26;

/// The parameters of one plain match (see [`MatchFacts::is_plain`]) in an insert.
const PLAIN_MATCH_PARAMS: usize = 8;

/// One match's values in an insert of [`PLAIN_MATCH_PARAMS`]: those a plain match leaves
/// at their defaults are written in, so that a league history binds a third as many
/// values (binding was a tenth of its insert time).
const PLAIN_MATCH_VALUES: &str = "(?, ?, ?, ?, NULL, ?, '', '', 0, 0, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)";

/// `INSERT INTO match (...) VALUES` and the placeholders of `rows` matches, all plain
/// matches when `plain`.
///
/// An insert of several rows fails rather than aborts on a broken constraint: SQLite then
/// keeps no journal of each statement to undo its own rows (a twentieth of an import's
/// time), and the import that inserts them fails whole, as the rows it wrote before are
/// left to the caller's transaction either way.
fn match_insert(rows: usize, plain: bool) -> String {
    let one = if plain {
        PLAIN_MATCH_VALUES.to_string()
    } else {
        format!("({})", vec!["?"; MATCH_PARAMS].join(", "))
    };
    format!(
        "INSERT {} INTO match (competition_id, home_id, away_id, date, kickoff, venue, round, grp, leg, replay,
            status, ft_home, ft_away, ht_home, ht_away, et_home, et_away, pen_home, pen_away,
            stage, round_kind, round_number, settlement, live_home, live_away, live_minute)
         VALUES {}",
        if rows > 1 { "OR FAIL" } else { "" },
        vec![one; rows].join(", ")
    )
}

static ONE_MATCH_INSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| match_insert(1, false));
static BATCH_INSERT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| match_insert(INSERT_BATCH, false));
static PLAIN_BATCH_INSERT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| match_insert(INSERT_BATCH, true));

fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(err, rusqlite::Error::SqliteFailure(e, _) if e.code == ErrorCode::ConstraintViolation)
}

impl<'c> Writer<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Writer<'c> {
        Writer {
            reader: Reader::new(conn),
            bulk: false,
            known: None,
        }
    }

    /// Runs `write` as a bulk write: the matches it adds are logged once, as it ends, rather
    /// than one at a time, which makes an import of a whole league history several times
    /// faster. What is logged, and so what `undo` reverses, is the same. Nested calls
    /// join the outer one. The rows it added are logged whether or not it fails, as the
    /// caller may go on with the transaction.
    ///
    /// # Errors
    /// Whatever `write` returns, and database errors.
    pub fn in_bulk<T, E>(&mut self, write: impl FnOnce(&mut Writer<'c>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if self.bulk {
            return write(self);
        }
        let log = crate::change_log::begin_bulk(self.conn())?;
        self.bulk = true;
        let result = write(self);
        self.bulk = false;
        crate::change_log::end_bulk(self.conn(), log)?;
        result
    }

    pub(crate) fn conn(&self) -> &'c Connection {
        self.reader.conn
    }

    /// The stored teams, as an import starts from them.
    pub(crate) fn known_teams(&mut self) -> Result<KnownTeams, StoreError> {
        match self.known.take() {
            Some((changes, known)) if changes == self.conn().total_changes() => Ok(known.for_next_season()),
            _ => {
                let taken = self
                    .conn()
                    .prepare("SELECT key FROM team UNION SELECT key FROM team_alias")?
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                Ok(KnownTeams::of(&self.teams()?, taken))
            }
        }
    }

    /// Keeps the teams an import ended with for the next one, until anything else is written.
    pub(crate) fn keep_known_teams(&mut self, known: KnownTeams) {
        self.known = Some((self.conn().total_changes(), known));
    }

    /// Adds a team under `name` with `aliases`.
    ///
    /// # Errors
    /// [`StoreError::TeamExists`] when the name (in any spelling) is taken,
    /// [`StoreError::AliasTaken`] when an alias already names another team.
    pub fn add_team(&mut self, name: &str, aliases: &[String]) -> Result<TeamId, StoreError> {
        let name = name.trim();
        check_text(TextField::TeamName, name, true)?;
        if normalize_name(name).is_empty() {
            return Err(matchday_core::TextError::NoLetterOrDigit {
                field: TextField::TeamName,
                text: name.into(),
            }
            .into());
        }
        if let Some(existing) = self.resolver()?.exact(name) {
            let names = self.team_names()?;
            return Err(StoreError::TeamExists(
                names.get(&existing).cloned().unwrap_or_else(|| name.into()),
            ));
        }
        let id = self.insert_team(name)?;
        for alias in aliases {
            self.add_alias(id, alias)?;
        }
        Ok(id)
    }

    fn insert_team(&mut self, name: &str) -> Result<TeamId, StoreError> {
        self.conn()
            .prepare_cached("INSERT INTO team (name, key, club_key) VALUES (?1, ?2, ?3)")?
            .execute(params![
                name,
                normalize_name(name),
                crate::clubs::club_key_of(name)
            ])?;
        let id = TeamId(self.conn().last_insert_rowid());
        crate::clubs::join_club(self.conn(), id)?;
        Ok(id)
    }

    /// Gives a team another name.
    ///
    /// # Errors
    /// [`StoreError::AliasTaken`] when the alias already names another team;
    /// [`StoreError::Text`] for an alias that is blank, has no letter or digit (it
    /// could never find the team) or cannot be stored.
    pub fn add_alias(&mut self, team: TeamId, alias: &str) -> Result<(), StoreError> {
        self.add_alias_checked(team, alias, None)
    }

    /// [`Writer::add_alias`] in an import, which knows every key stored (`known`): one
    /// not among them is free without asking the database, whose aliases are not
    /// indexed by key (a file of 40,000 teams with aliases asked 40,000 times).
    pub(crate) fn add_import_alias(
        &mut self,
        team: TeamId,
        alias: &str,
        known: &mut KnownTeams,
    ) -> Result<(), StoreError> {
        self.add_alias_checked(team, alias, Some(known))
    }

    fn add_alias_checked(
        &mut self,
        team: TeamId,
        alias: &str,
        known: Option<&mut KnownTeams>,
    ) -> Result<(), StoreError> {
        check_text(TextField::Alias, alias.trim(), true)?;
        let key = normalize_name(alias);
        if key.is_empty() {
            return Err(matchday_core::TextError::NoLetterOrDigit {
                field: TextField::Alias,
                text: alias.trim().into(),
            }
            .into());
        }
        let owner = match &known {
            Some(known) if !known.taken.contains(&key) => None,
            _ => self.owner_of_key(&key)?,
        };
        if let Some(owner) = owner {
            if owner == team {
                return Ok(());
            }
            let names = self.team_names()?;
            return Err(StoreError::AliasTaken {
                alias: alias.into(),
                team: names.get(&owner).cloned().unwrap_or_default(),
            });
        }
        self.conn()
            .prepare_cached("INSERT INTO team_alias (team_id, alias, key) VALUES (?1, ?2, ?3)")?
            .execute(params![team.0, alias.trim(), key])?;
        if let Some(known) = known {
            known.taken.insert(key);
        }
        Ok(())
    }

    /// Who has the normal form `key` as a name or alias, as [`Writer::owner_of_key`] says,
    /// without asking the database for a key an import knows is free.
    fn import_owner_of_key(&self, key: &str, known: &KnownTeams) -> Result<Option<TeamId>, StoreError> {
        if known.taken.contains(key) {
            self.owner_of_key(key)
        } else {
            Ok(None)
        }
    }

    pub(crate) fn owner_of_key(&self, key: &str) -> Result<Option<TeamId>, StoreError> {
        let owner = self
            .conn()
            .prepare_cached(
                "SELECT id FROM team WHERE key = ?1 UNION SELECT team_id FROM team_alias WHERE key = ?1 LIMIT 1",
            )?
            .query_row([key], |r| r.get::<_, i64>(0))
            .optional()?;
        Ok(owner.map(TeamId))
    }

    /// The team a file names as `raw`, created (with its well-known aliases) if new.
    ///
    /// Matching is exact on the normal form of names and aliases, so a new
    /// spelling never joins another club by accident.
    pub(crate) fn ensure_team(&mut self, raw: &str, known: &mut KnownTeams) -> Result<TeamId, StoreError> {
        self.ensure_team_shown_as(raw, None, known)
    }

    /// [`Writer::ensure_team`] for a name a season file's team list gives:
    /// that is the name to show (matchday's own export writes the stored
    /// name there), so "Sample FC" stays "Sample FC" rather than losing its "FC".
    pub(crate) fn ensure_listed_team(
        &mut self,
        name: &str,
        known: &mut KnownTeams,
    ) -> Result<TeamId, StoreError> {
        self.ensure_team_shown_as(name, Some(name.trim()), known)
    }

    fn ensure_team_shown_as(
        &mut self,
        raw: &str,
        shown: Option<&str>,
        known: &mut KnownTeams,
    ) -> Result<TeamId, StoreError> {
        if let Some(&id) = known.by_spelling.get(raw) {
            return Ok(id);
        }
        let key = normalize_name(raw);
        if let Some(&id) = known.by_key.get(&key) {
            known.spelled(raw, id);
            return Ok(id);
        }
        // Another name of a stored club ("Atalanta BC" for "Atalanta"): kept as its alias.
        // Not a team this file has named otherwise: one file spells each team one way.
        if let Some(id) = known.clubs.find(raw)
            && !known.met.contains(&id)
        {
            if self.import_owner_of_key(&key, known)?.is_none() {
                self.add_import_alias(id, raw, known)?;
            }
            known.add(raw, id);
            known.spelled(raw, id);
            return Ok(id);
        }
        check_text(TextField::TeamName, raw.trim(), true)?;
        let name = shown.map_or_else(|| matchday_core::display_name(raw), str::to_string);
        let id = self.insert_team(&name)?;
        known.taken.insert(normalize_name(&name));
        known.created += 1;
        known.clubs.add(&name, id);
        known.clubs.add(raw, id);
        known.by_key.insert(normalize_name(&name), id);
        if normalize_name(&name) != key {
            self.add_import_alias(id, raw, known)?;
            known.by_key.insert(key.clone(), id);
        }
        for other in matchday_core::known_aliases_of(&key) {
            let other_key = normalize_name(other);
            if self.import_owner_of_key(&other_key, known)?.is_none() {
                self.add_import_alias(id, other, known)?;
                known.by_key.insert(other_key, id);
                known.clubs.add(other, id);
            }
        }
        known.spelled(raw, id);
        Ok(id)
    }

    /// Stores a new competition-season.
    ///
    /// # Errors
    /// [`StoreError::CompetitionExists`] when the slug and season are taken.
    pub fn add_competition(&mut self, competition: &Competition) -> Result<CompetitionId, StoreError> {
        check_text(TextField::Competition, &competition.name, true)?;
        let inserted = self
            .conn()
            .prepare_cached(
                "INSERT INTO competition (slug, name, season, season_start, format, rules, points, away_goals,
                                          structure, rank_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                competition.slug,
                competition.name,
                competition.season.to_string(),
                competition.season.start_year(),
                // The format is the structure's, so the two columns always agree.
                competition.structure.format().name(),
                competition.rules.name(),
                competition.points.to_string(),
                competition.away_goals,
                crate::rows::structure_text(&competition.structure),
                competition.rank_by.name(),
            ]);
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::CompetitionExists(format!(
                    "{} {}",
                    competition.name, competition.season
                )));
            }
            Err(e) => return Err(e.into()),
        }
        let id = CompetitionId(self.conn().last_insert_rowid());
        self.set_zones(id, &competition.zones)?;
        Ok(id)
    }

    /// Replaces a competition's rules, points, format and zones.
    pub(crate) fn update_competition(
        &mut self,
        id: CompetitionId,
        c: &Competition,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE competition SET name = ?2, format = ?3, rules = ?4, points = ?5, away_goals = ?6, rank_by = ?7
             WHERE id = ?1",
            params![
                id.0,
                c.name,
                c.format.name(),
                c.rules.name(),
                c.points.to_string(),
                c.away_goals,
                c.rank_by.name()
            ],
        )?;
        self.set_zones(id, &c.zones)?;
        self.set_structure(id, &c.structure)
    }

    /// Replaces a competition's structure, and with it its format.
    pub(crate) fn set_structure(
        &mut self,
        id: CompetitionId,
        structure: &matchday_core::Structure,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE competition SET format = ?2, structure = ?3 WHERE id = ?1",
            params![
                id.0,
                structure.format().name(),
                crate::rows::structure_text(structure)
            ],
        )?;
        Ok(())
    }

    pub(crate) fn set_zones(
        &mut self,
        id: CompetitionId,
        zones: &[matchday_core::Zone],
    ) -> Result<(), StoreError> {
        // The same zones again are left alone, so a re-import that changes nothing logs nothing.
        let stored: Vec<(String, u16, u16)> = self
            .conn()
            .prepare_cached("SELECT name, first, last FROM zone WHERE competition_id = ?1 ORDER BY rowid")?
            .query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        if stored
            .iter()
            .map(|(n, f, l)| (n.as_str(), *f, *l))
            .eq(zones.iter().map(|z| (z.name.as_str(), z.first, z.last)))
        {
            return Ok(());
        }
        self.conn()
            .execute("DELETE FROM zone WHERE competition_id = ?1", [id.0])?;
        let mut stmt = self
            .conn()
            .prepare_cached("INSERT INTO zone (competition_id, name, first, last) VALUES (?1, ?2, ?3, ?4)")?;
        for z in zones {
            stmt.execute(params![id.0, z.name, z.first, z.last])?;
        }
        Ok(())
    }

    /// Enters a team in a competition.
    pub fn add_entrant(&mut self, competition: CompetitionId, team: TeamId) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO entrant (competition_id, team_id) VALUES (?1, ?2)")?
            .execute(params![competition.0, team.0])?;
        Ok(())
    }

    fn insert_match(&mut self, competition: CompetitionId, m: &Match) -> Result<MatchId, rusqlite::Error> {
        self.insert_matches(competition, std::slice::from_ref(m))?;
        Ok(MatchId(self.conn().last_insert_rowid()))
    }

    /// Inserts `matches` in order, [`INSERT_BATCH`] to a statement, and returns their ids.
    fn insert_matches(
        &mut self,
        competition: CompetitionId,
        matches: &[Match],
    ) -> Result<Vec<MatchId>, rusqlite::Error> {
        let mut ids = Vec::with_capacity(matches.len());
        let mut batches = matches.chunks_exact(INSERT_BATCH);
        for batch in &mut batches {
            self.insert_batch(competition, batch, &mut ids)?;
        }
        for m in batches.remainder() {
            self.insert_batch(competition, std::slice::from_ref(m), &mut ids)?;
        }
        Ok(ids)
    }

    /// Inserts one statement's rows: one match, or [`INSERT_BATCH`].
    fn insert_batch(
        &mut self,
        competition: CompetitionId,
        batch: &[Match],
        ids: &mut Vec<MatchId>,
    ) -> Result<(), rusqlite::Error> {
        let facts: Vec<(i64, i64, MatchFacts)> = batch
            .iter()
            .map(|m| (m.pairing.home().0, m.pairing.away().0, MatchFacts::of(m)))
            .collect();
        // Bound by position: an import inserts 200,000, and looking up 22 names for each
        // was a tenth of its own time.
        let plain = batch.len() == INSERT_BATCH && facts.iter().all(|(_, _, f)| f.is_plain());
        let width = if plain { PLAIN_MATCH_PARAMS } else { MATCH_PARAMS };
        let mut params: Vec<&dyn ToSql> = Vec::with_capacity(batch.len() * width);
        for (home, away, facts) in &facts {
            let s = &facts.scores;
            if plain {
                params.extend([
                    &competition.0 as &dyn ToSql,
                    home,
                    away,
                    &facts.date,
                    &facts.venue,
                    &facts.status,
                    &s[0],
                    &s[1],
                ]);
                continue;
            }
            params.extend([
                &competition.0 as &dyn ToSql,
                home,
                away,
                &facts.date,
                &facts.kickoff,
                &facts.venue,
                &facts.round,
                &facts.group,
                &facts.leg,
                &facts.replay,
                &facts.status,
                &s[0],
                &s[1],
                &s[2],
                &s[3],
                &s[4],
                &s[5],
                &s[6],
                &s[7],
                &facts.stage.stage,
                &facts.stage.round_kind,
                &facts.stage.round_number,
                &facts.settlement,
                &facts.live[0],
                &facts.live[1],
                &facts.live[2],
            ]);
        }
        let sql = match batch.len() {
            1 => &*ONE_MATCH_INSERT,
            _ if plain => &*PLAIN_BATCH_INSERT,
            _ => &*BATCH_INSERT,
        };
        self.conn().prepare_cached(sql)?.execute(&params[..])?;
        // A new row's rowid is one more than the largest, so one statement's rows are numbered
        // in a run that ends at the last one.
        let last = self.conn().last_insert_rowid();
        let first = last - batch.len() as i64 + 1;
        ids.extend((first..=last).map(MatchId));
        Ok(())
    }

    /// Overwrites a stored match's facts with `m`'s.
    pub(crate) fn update_match(&mut self, id: MatchId, m: &Match) -> Result<(), StoreError> {
        let facts = MatchFacts::of(m);
        let mut params = facts.params();
        params.push((":id", &id.0 as &dyn ToSql));
        self.conn()
            .prepare_cached(
                "UPDATE match SET date = :date, kickoff = :kickoff, venue = :venue, round = :round, grp = :grp,
                    leg = :leg, replay = :replay, status = :status, ft_home = :ft_home, ft_away = :ft_away,
                    ht_home = :ht_home, ht_away = :ht_away, et_home = :et_home, et_away = :et_away,
                    pen_home = :pen_home, pen_away = :pen_away,
                    stage = :stage, round_kind = :round_kind, round_number = :round_number,
                    settlement = :settlement, live_home = :live_home, live_away = :live_away,
                    live_minute = :live_minute
                 WHERE id = :id",
            )?
            .execute(&*params)?;
        Ok(())
    }

    /// Stores matches from a file known to be new to the store, in order; returns their ids.
    pub(crate) fn insert_new_matches(
        &mut self,
        competition: CompetitionId,
        matches: &[Match],
    ) -> Result<Vec<MatchId>, StoreError> {
        for m in matches {
            check_round(m)?;
        }
        Ok(self.insert_matches(competition, matches)?)
    }

    /// Stores a match from a file: added if new (`same` is none), updated if its facts
    /// differ from `same`, the stored match it is (see [`matchday_core::same_matches`]).
    /// Returns whether it was added, updated or left alone; a stored result
    /// the file has as a fixture is left alone and reported, for the import to refuse.
    pub(crate) fn store_match(
        &mut self,
        competition: CompetitionId,
        m: &Match,
        same: Option<&Match>,
    ) -> Result<(Upsert, MatchId), StoreError> {
        check_round(m)?;
        match same.cloned() {
            None => Ok((Upsert::Added, self.insert_match(competition, m)?)),
            Some(stored) => {
                let id = stored.id.expect("stored");
                // A file knows nothing of a match in play: its fixture keeps the live score.
                let status = match (stored.status, m.status) {
                    (MatchStatus::Live(live), MatchStatus::Scheduled) => MatchStatus::Live(live),
                    (_, status) => status,
                };
                let m = &Match {
                    id: Some(id),
                    status,
                    ..m.clone()
                };
                let upsert = if *m == stored {
                    Upsert::Unchanged
                } else if stored.status.result().is_some() && m.status.is_pending() {
                    // A file never takes a result back; the import refuses, counting them.
                    Upsert::WouldUnplay
                } else {
                    self.update_match(id, m)?;
                    Upsert::Updated
                };
                Ok((upsert, id))
            }
        }
    }

    /// Stores each match's closing odds beside it (`odds[i]` for `matches[i]`), replacing
    /// any stored; a match given none keeps what it has (a file without odds, such as a
    /// later results-only copy of the season, takes none away). Returns how many were given.
    pub(crate) fn store_closing_odds(
        &mut self,
        matches: &[MatchId],
        odds: &[Option<ClosingOdds>],
    ) -> Result<usize, StoreError> {
        let mut upsert = self.conn().prepare_cached(
            "INSERT INTO match_odds (match_id, source, home, draw, away) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (match_id) DO UPDATE
                SET source = excluded.source, home = excluded.home, draw = excluded.draw, away = excluded.away",
        )?;
        let mut stored = 0;
        for (id, odds) in matches.iter().zip(odds) {
            if let Some(o) = odds {
                upsert.execute(params![id.0, o.source().as_str(), o.home(), o.draw(), o.away()])?;
                stored += 1;
            }
        }
        Ok(stored)
    }

    /// Records a result a person entered.
    ///
    /// A stored result for the same teams on the same day is an error unless
    /// `replace`; a stored fixture between them (in the same round and leg,
    /// where given) is completed, and when it was stored for another day the
    /// answer says so ([`Recorded::CompletedRearranged`]); otherwise the match
    /// is added. `replace` only ever overwrites the result of that pairing on
    /// that day: the same match stored on another day is refused
    /// ([`StoreError::MatchExists`]) whether or not `replace` is given, as
    /// correcting it is an edit ([`Writer::edit_match`]). The match, as it will
    /// be stored, is checked against what is stored around it
    /// ([`matchday_core::check_new_match`]) in this same transaction.
    ///
    /// # Errors
    /// Dates outside the season, results already stored, [`StoreError::Refused`]
    /// for a match that cannot be, and database errors.
    pub fn record_result(
        &mut self,
        competition: &Competition,
        m: &Match,
        replace: bool,
    ) -> Result<Recorded, StoreError> {
        let id = competition.id.expect("stored competition");
        check_round(m)?;
        let entered = typed(competition.format, m.clone());
        let m = &entered;
        competition.season.check_date(m.date)?;
        let target = self.result_target(competition, m, replace)?;
        let stored = match &target {
            ResultTarget::New => None,
            ResultTarget::SameDay(s) | ResultTarget::FixtureOfAnotherDay(s) => Some(s),
        };
        let new = stored.map_or_else(|| m.clone(), |stored| merged(stored, m));
        self.check_match(competition, stored.and_then(|t| t.id), &new)?;
        match target {
            ResultTarget::New => Ok(Recorded::Added(self.insert_match(id, &new)?)),
            ResultTarget::SameDay(stored) => {
                let stored_id = stored.id.expect("stored");
                self.update_match(stored_id, &new)?;
                Ok(if stored.status.is_pending() {
                    Recorded::CompletedFixture(stored_id)
                } else {
                    Recorded::Replaced(stored_id)
                })
            }
            ResultTarget::FixtureOfAnotherDay(stored) => {
                let stored_id = stored.id.expect("stored");
                self.update_match(stored_id, &new)?;
                Ok(Recorded::CompletedRearranged {
                    id: stored_id,
                    scheduled: stored.date,
                })
            }
        }
    }

    /// Stores the score so far of a match in play (`m`'s status is [`MatchStatus::Live`]):
    /// a stored fixture of the two teams (of that day, or else the nearest of another day)
    /// is now in play, a match in play gets its new score, and with none stored a new match
    /// is added in play. Checked as a result is, inside this write.
    ///
    /// # Errors
    /// [`StoreError::LiveAfterResult`] when the match of that day already has its result;
    /// the errors of [`Writer::record_result`] otherwise.
    pub fn record_live(&mut self, competition: &Competition, m: &Match) -> Result<LiveRecorded, StoreError> {
        assert!(m.status.live().is_some(), "record_live takes a match in play");
        let id = competition.id.expect("stored competition");
        check_round(m)?;
        let entered = typed(competition.format, m.clone());
        let m = &entered;
        competition.season.check_date(m.date)?;
        if let Some(stored) = self.match_on(id, m.pairing.home(), m.pairing.away(), m.date)?
            && let Some(result) = stored.status.result()
        {
            let names = self.team_names()?;
            let name = |t: TeamId| names.get(&t).cloned().unwrap_or_default();
            return Err(StoreError::LiveAfterResult {
                home: name(m.pairing.home()),
                away: name(m.pairing.away()),
                date: m.date,
                score: result.to_string(),
            });
        }
        let target = self.result_target(competition, m, false)?;
        let stored = match &target {
            ResultTarget::New => None,
            ResultTarget::SameDay(s) | ResultTarget::FixtureOfAnotherDay(s) => Some(s),
        };
        let new = stored.map_or_else(|| m.clone(), |stored| merged(stored, m));
        self.check_match(competition, stored.and_then(|t| t.id), &new)?;
        match stored {
            None => Ok(LiveRecorded::Added(self.insert_match(id, &new)?)),
            Some(stored) => {
                let stored_id = stored.id.expect("stored");
                self.update_match(stored_id, &new)?;
                Ok(match stored.status.live() {
                    Some(was) => LiveRecorded::Updated { id: stored_id, was },
                    None => LiveRecorded::Started {
                        id: stored_id,
                        scheduled: stored.date,
                    },
                })
            }
        }
    }

    /// Stores `m`'s result as the final score of the match of its two teams in play in
    /// `competition`, on that match's day (whatever `m`'s); returns the match and the live
    /// score it had.
    ///
    /// # Errors
    /// [`StoreError::NotInPlay`] when no match of the two teams is in play; the checks of
    /// [`Writer::record_result`] on the result.
    pub fn confirm_live(
        &mut self,
        competition: &Competition,
        m: &Match,
    ) -> Result<(MatchId, Match, LiveScore), StoreError> {
        let id = competition.id.expect("stored competition");
        let in_play = self.matches(id)?.into_iter().find_map(|s| {
            s.status
                .live()
                .filter(|_| s.pairing == m.pairing)
                .map(|live| (s, live))
        });
        let Some((stored, was)) = in_play else {
            let names = self.team_names()?;
            let name = |t: TeamId| names.get(&t).cloned().unwrap_or_default();
            return Err(StoreError::NotInPlay {
                home: name(m.pairing.home()),
                away: name(m.pairing.away()),
                competition: format!("{} {}", competition.name, competition.season),
            });
        };
        check_round(m)?;
        let entered = Match {
            date: stored.date,
            ..typed(competition.format, m.clone())
        };
        let new = merged(&stored, &entered);
        self.check_match(competition, stored.id, &new)?;
        let stored_id = stored.id.expect("stored");
        self.update_match(stored_id, &new)?;
        Ok((stored_id, new, was))
    }

    /// The stored match an entered result completes or replaces.
    fn result_target(
        &self,
        competition: &Competition,
        m: &Match,
        replace: bool,
    ) -> Result<ResultTarget, StoreError> {
        let id = competition.id.expect("stored competition");
        let names = self.team_names()?;
        let name = |t: TeamId| names.get(&t).cloned().unwrap_or_default();
        if let Some(stored) = self.match_on(id, m.pairing.home(), m.pairing.away(), m.date)? {
            if let Some(result) = stored.status.result()
                && !replace
            {
                return Err(StoreError::ResultExists {
                    home: name(m.pairing.home()),
                    away: name(m.pairing.away()),
                    date: m.date,
                    score: result.to_string(),
                });
            }
            return Ok(ResultTarget::SameDay(stored));
        }
        let stored = self.matches(id)?;
        // A fixture stored for another day (a rearranged match) is completed too.
        let fixture = stored
            .iter()
            .filter(|s| s.status.is_pending() && s.pairing == m.pairing)
            .filter(|s| m.round.is_none() || s.round == m.round)
            .filter(|s| m.leg.is_none() || s.leg == m.leg)
            .min_by_key(|s| (s.date - m.date).num_days().abs());
        if let Some(fixture) = fixture {
            return Ok(ResultTarget::FixtureOfAnotherDay(fixture.clone()));
        }
        // In a league of two meetings the same club is at home to the same opponent
        // once a season, so a second such result is a mistake; so is a second match
        // with the same teams, round and leg in a cup. Either is the stored match on
        // another day, which `replace` never touches: that is an edit. Where clubs
        // meet more often (Scotland), the season's checks count the meetings.
        let league = competition.format == matchday_core::Format::League;
        let once_at_home = competition.structure.league_meetings().is_some_and(|n| n <= 2);
        let earlier = stored.iter().find(|s| {
            (league
                && once_at_home
                && m.round.is_none()
                && s.pairing == m.pairing
                && s.status.result().is_some())
                || matchday_core::same_tie(s, m, league)
        });
        match earlier {
            Some(stored) => Err(already_stored(&name, stored)),
            None => Ok(ResultTarget::New),
        }
    }

    /// Runs the core's checks of a new match on what is stored around it:
    /// `replacing` is the stored match it will overwrite, left out of what it is checked against.
    pub(crate) fn check_match(
        &self,
        competition: &Competition,
        replacing: Option<MatchId>,
        new: &Match,
    ) -> Result<(), StoreError> {
        let id = competition.id.expect("stored competition");
        let others = |ms: Vec<Match>| -> Vec<Match> {
            ms.into_iter()
                .filter(|s| s.id.is_none() || s.id != replacing)
                .collect()
        };
        let all = self.matches(id)?;
        let replaced = all.iter().find(|s| s.id.is_some() && s.id == replacing).cloned();
        let matches = others(all);
        let same_day = others(self.matches_on_day(new.date)?);
        let entrants = self.entrants(id)?;
        let around = StoredAround {
            entrants: &entrants,
            matches: &matches,
            same_day: &same_day,
            replacing: replaced.as_ref(),
        };
        check_new_match(competition, around, new).map_err(StoreError::Refused)
    }

    /// Every competition's matches on `date`.
    fn matches_on_day(&self, date: chrono::NaiveDate) -> Result<Vec<Match>, StoreError> {
        let sql = format!("SELECT {MATCH_COLUMNS} FROM match WHERE date = ?1");
        let rows: Vec<MatchRow> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([rows::date_text(date)], MatchRow::from_row)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(MatchRow::into_match).collect()
    }

    /// Adds a match still to play, checked as [`Writer::record_result`] checks a result.
    ///
    /// # Errors
    /// Dates outside the season, a match already stored for the same teams
    /// and day or round, and [`StoreError::Refused`] for a match that cannot be.
    pub fn add_fixture(&mut self, competition: &Competition, m: &Match) -> Result<MatchId, StoreError> {
        let id = competition.id.expect("stored competition");
        check_round(m)?;
        let entered = typed(competition.format, m.clone());
        let m = &entered;
        competition.season.check_date(m.date)?;
        let names = self.team_names()?;
        let name = |t: TeamId| names.get(&t).cloned().unwrap_or_default();
        if self
            .match_on(id, m.pairing.home(), m.pairing.away(), m.date)?
            .is_some()
        {
            return Err(StoreError::FixtureExists {
                home: name(m.pairing.home()),
                away: name(m.pairing.away()),
                date: m.date,
            });
        }
        let league = competition.format == matchday_core::Format::League;
        if let Some(stored) = self
            .matches(id)?
            .iter()
            .find(|s| matchday_core::same_tie(s, m, league))
        {
            return Err(already_stored(&name, stored));
        }
        self.check_match(competition, None, m)?;
        Ok(self.insert_match(id, m)?)
    }

    /// Records a deduction (negative points give points back), checked by
    /// [`matchday_core::check_new_deduction`]: the competition must have a table
    /// and the team must be an entrant.
    ///
    /// # Errors
    /// [`StoreError::DeductionStored`] when the same deduction is stored with
    /// another reason, dates outside the season, [`StoreError::Refused`] for a competition
    /// with no table, a team not entered or points given back that were never taken,
    /// and database errors.
    pub fn add_deduction(&mut self, competition: &Competition, d: &Deduction) -> Result<Added, StoreError> {
        check_text(TextField::Reason, &d.reason, false)?;
        competition.season.check_date(d.effective)?;
        let id = competition.id.expect("stored competition");
        // The same deduction again is not a second penalty: stored once, and a
        // different reason for it is refused rather than silently replacing it.
        let stored: Option<String> = self
            .conn()
            .prepare_cached(
                "SELECT reason FROM deduction WHERE competition_id = ?1 AND team_id = ?2 AND effective = ?3 AND points = ?4",
            )?
            .query_row(
                params![id.0, d.team.0, rows::date_text(d.effective), d.points],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(reason) = stored {
            return if reason == d.reason {
                Ok(Added::AlreadyStored)
            } else {
                Err(StoreError::DeductionStored { reason })
            };
        }
        check_new_deduction(competition, &self.entrants(id)?, &self.deductions(id)?, d)
            .map_err(StoreError::Refused)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO deduction (competition_id, team_id, points, effective, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id.0, d.team.0, d.points, rows::date_text(d.effective), d.reason])?;
        Ok(Added::New)
    }

    /// Sets a stored match's status (postponed, abandoned, cancelled) by id.
    pub fn set_status(&mut self, id: MatchId, status: MatchStatus) -> Result<(), StoreError> {
        let s = score_columns(&status);
        let live = rows::live_columns(&status);
        self.conn().execute(
            "UPDATE match SET status = ?2, ft_home = ?3, ft_away = ?4, ht_home = ?5, ht_away = ?6, et_home = ?7,
                et_away = ?8, pen_home = ?9, pen_away = ?10, settlement = ?11,
                live_home = ?12, live_away = ?13, live_minute = ?14 WHERE id = ?1",
            params![
                id.0,
                rows::status_column(&status),
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5],
                s[6],
                s[7],
                rows::settlement_column(&status),
                live[0],
                live[1],
                live[2]
            ],
        )?;
        Ok(())
    }
}

/// A match's facts as the columns store them, shared by inserts and updates.
struct MatchFacts {
    date: rows::DateColumn,
    kickoff: Option<String>,
    venue: &'static str,
    round: String,
    group: String,
    leg: u8,
    replay: bool,
    status: &'static str,
    scores: [Option<i64>; 8],
    stage: StageColumns,
    settlement: Option<&'static str>,
    /// The score so far and minute of a match in play.
    live: [Option<i64>; 3],
}

impl MatchFacts {
    fn of(m: &Match) -> MatchFacts {
        MatchFacts {
            date: rows::DateColumn::of(m.date),
            kickoff: m.kickoff.map(rows::time_text),
            venue: venue_text(m.venue),
            round: m.round.clone().unwrap_or_default(),
            group: m.group.clone().unwrap_or_default(),
            leg: m.leg.unwrap_or(0),
            replay: m.replay,
            status: rows::status_column(&m.status),
            scores: score_columns(&m.status),
            stage: StageColumns::of(m.stage),
            settlement: rows::settlement_column(&m.status),
            live: rows::live_columns(&m.status),
        }
    }

    /// Whether every column but the teams, date, venue, status and full-time score is at
    /// its default (no kick-off, round, group, leg, replay, stage, other scores or settlement), as in
    /// every match of a league history: [`PLAIN_MATCH_VALUES`] then writes it.
    fn is_plain(&self) -> bool {
        self.kickoff.is_none()
            && self.round.is_empty()
            && self.group.is_empty()
            && self.leg == 0
            && !self.replay
            && self.scores[2..].iter().all(Option::is_none)
            && self.stage.stage.is_none()
            && self.stage.round_kind.is_none()
            && self.stage.round_number.is_none()
            && self.settlement.is_none()
            && self.live.iter().all(Option::is_none)
    }

    /// The named parameters every match statement binds.
    fn params(&self) -> Vec<(&'static str, &dyn ToSql)> {
        const SCORES: [&str; 8] = [
            ":ft_home",
            ":ft_away",
            ":ht_home",
            ":ht_away",
            ":et_home",
            ":et_away",
            ":pen_home",
            ":pen_away",
        ];
        let mut params: Vec<(&'static str, &dyn ToSql)> = vec![
            (":date", &self.date),
            (":kickoff", &self.kickoff),
            (":venue", &self.venue),
            (":round", &self.round),
            (":grp", &self.group),
            (":leg", &self.leg),
            (":replay", &self.replay),
            (":status", &self.status),
            (":stage", &self.stage.stage),
            (":round_kind", &self.stage.round_kind),
            (":round_number", &self.stage.round_number),
            (":settlement", &self.settlement),
            (":live_home", &self.live[0]),
            (":live_away", &self.live[1]),
            (":live_minute", &self.live[2]),
        ];
        params.extend(
            SCORES
                .iter()
                .zip(self.scores.iter())
                .map(|(name, value)| (*name, value as &dyn ToSql)),
        );
        params
    }
}

/// The error for a match already stored under the same teams and round.
/// A match's round label, checked like every text that enters the store.
fn check_round(m: &Match) -> Result<(), StoreError> {
    if let Some(round) = &m.round {
        check_text(TextField::Round, round, true)?;
    }
    Ok(())
}

fn already_stored(name: &dyn Fn(TeamId) -> String, stored: &Match) -> StoreError {
    StoreError::MatchExists {
        id: stored.id.expect("stored"),
        result: stored.status.result().map(ToString::to_string),
        home: name(stored.pairing.home()),
        away: name(stored.pairing.away()),
        round: stored
            .round
            .as_ref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default(),
        date: stored.date,
    }
}

/// `m` with its typed stage read from its labels, as a match of a competition in `format` is stored.
fn typed(format: matchday_core::Format, mut m: Match) -> Match {
    m.stage = matchday_core::Stage::typed_for(format, &m);
    m
}

/// A stored match updated with what was entered; labels the user left out are
/// kept (and its typed stage follows the labels: see [`typed`]).
fn merged(stored: &Match, entered: &Match) -> Match {
    Match {
        id: stored.id,
        date: entered.date,
        kickoff: entered.kickoff.or(stored.kickoff),
        pairing: entered.pairing,
        venue: if entered.venue == matchday_core::Venue::Neutral {
            entered.venue
        } else {
            stored.venue
        },
        round: entered.round.clone().or_else(|| stored.round.clone()),
        stage: stored.stage,
        group: entered.group.clone().or_else(|| stored.group.clone()),
        leg: entered.leg.or(stored.leg),
        replay: entered.replay || stored.replay,
        status: entered.status,
    }
}

/// The teams an import has met, by the normal form of every name and alias.
#[derive(Debug, Default)]
pub(crate) struct KnownTeams {
    by_key: HashMap<String, TeamId>,
    by_spelling: HashMap<String, TeamId>,
    /// The teams of `by_spelling`: those this file has named, looked up for each new name.
    met: HashSet<TeamId>,
    /// Every normal form stored as a team's key or alias, shared ones included: a key not
    /// here is free. Read from the database, and added to as the import stores more.
    taken: HashSet<String>,
    /// The same teams by club form.
    clubs: crate::clubs::ClubForms,
    /// How many teams the import created.
    pub(crate) created: usize,
}

impl KnownTeams {
    /// The stored teams; an alias shared by two teams is left out, as it names neither.
    /// `taken` is every key stored as a team's or an alias, as the database holds them.
    fn of(teams: &[Team], taken: HashSet<String>) -> KnownTeams {
        let mut known = KnownTeams {
            clubs: crate::clubs::ClubForms::of(teams),
            taken,
            ..KnownTeams::default()
        };
        let mut shared = Vec::new();
        for team in teams {
            for name in std::iter::once(&team.name).chain(team.aliases.iter()) {
                let key = normalize_name(name);
                match known.by_key.get(&key) {
                    Some(&other) if other != team.id => shared.push(key),
                    _ => {
                        known.by_key.insert(key, team.id);
                    }
                }
            }
        }
        for key in shared {
            known.by_key.remove(&key);
        }
        known
    }

    /// The teams known after an import, for the next season's: each file-season spells a
    /// team its own way, and counts the teams it creates.
    fn for_next_season(mut self) -> KnownTeams {
        self.by_spelling.clear();
        self.met.clear();
        self.created = 0;
        self
    }

    /// Records how this file spells a team.
    fn spelled(&mut self, raw: &str, team: TeamId) {
        self.by_spelling.insert(raw.to_string(), team);
        self.met.insert(team);
    }

    /// Records another name for a team.
    pub(crate) fn add(&mut self, name: &str, team: TeamId) {
        self.clubs.add(name, team);
        self.by_key.insert(normalize_name(name), team);
    }
}

/// What storing one imported match did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Upsert {
    Added,
    Updated,
    Unchanged,
    /// Not written: the file has a fixture where a result is stored.
    WouldUnplay,
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use matchday_core::{MatchRecord, MatchResult, MatchStatus, Season, SeasonRecord, Venue};

    use super::*;
    use crate::Store;

    /// A league season of `count` matches between nine clubs, one a day, as a results file gives them.
    fn season(name: &str, count: usize) -> SeasonRecord {
        let pairings = (0..9).flat_map(|h| (0..9).filter(move |&a| a != h).map(move |a| (h, a)));
        SeasonRecord {
            competition: name.into(),
            season: Some(Season::starting(1950)),
            matches: pairings
                .take(count)
                .enumerate()
                .map(|(i, (h, a))| MatchRecord {
                    date: NaiveDate::from_ymd_opt(1950, 9, 1).unwrap() + chrono::Days::new(i as u64),
                    kickoff: None,
                    home: format!("Club {h}"),
                    away: format!("Club {a}"),
                    venue: Venue::Home,
                    round: None,
                    group: None,
                    leg: None,
                    replay: false,
                    status: MatchStatus::Played(MatchResult::full_time(
                        format!("{}-{}", i % 5, i % 3).parse().unwrap(),
                    )),
                    line: i + 1,
                    closing_odds: None,
                })
                .collect(),
            ..SeasonRecord::default()
        }
    }

    /// Every column of a competition's matches but their ids.
    fn stored_rows(w: &Writer<'_>, competition: CompetitionId) -> Vec<Vec<rusqlite::types::Value>> {
        let mut stmt = w
            .conn()
            .prepare("SELECT * FROM match WHERE competition_id = ?1 ORDER BY id")
            .unwrap();
        let width = stmt.column_count();
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        stmt.query_map([competition.0], |r| {
            (0..width)
                .filter(|&i| names[i] != "id" && names[i] != "competition_id")
                .map(|i| r.get(i))
                .collect()
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    #[test]
    fn a_plain_batch_stores_what_a_match_at_a_time_stores() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|w| -> Result<(), StoreError> {
                // One whole batch, every match plain: the plain statement writes them.
                w.import(&season("Batched", INSERT_BATCH), None)?;
                let batched = w.competition_by_slug("batched", Season::starting(1950))?.unwrap();
                let matches = w.matches(batched.id.unwrap())?;
                assert!(matches.iter().all(|m| MatchFacts::of(m).is_plain()));
                // The same matches one statement each, every column bound.
                w.import(&season("One By One", 1), None)?;
                let single = w
                    .competition_by_slug("one-by-one", Season::starting(1950))?
                    .unwrap();
                let single = single.id.unwrap();
                for m in &matches[1..] {
                    w.insert_match(
                        single,
                        &Match {
                            id: None,
                            ..m.clone()
                        },
                    )?;
                }
                assert_eq!(stored_rows(w, batched.id.unwrap()), stored_rows(w, single));
                assert_eq!(stored_rows(w, single).len(), INSERT_BATCH);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_batch_that_breaks_a_constraint_fails_and_its_write_keeps_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let failed = store.write_in_bulk(|w| -> Result<(), StoreError> {
            w.import(&season("First", 10), None)?;
            let first = w.competition_by_slug("first", Season::starting(1950))?.unwrap();
            let mut matches = w.matches(first.id.unwrap())?;
            for m in &mut matches {
                m.id = None;
            }
            // A batch whose last row breaks the leg's CHECK (legs are 1 or 2): the whole
            // statement fails, and the write with it.
            let mut batch: Vec<Match> = matches.iter().cycle().take(INSERT_BATCH).cloned().collect();
            batch.last_mut().unwrap().leg = Some(3);
            w.insert_new_matches(first.id.unwrap(), &batch)?;
            Ok(())
        });
        assert!(matches!(failed, Err(StoreError::Sqlite(_))), "{failed:?}");
        assert!(store.read().competitions().unwrap().is_empty());
    }

    /// A season of `season` listing `teams`, each with its aliases.
    fn listing(teams: &[(&str, &[&str])]) -> SeasonRecord {
        SeasonRecord {
            teams: teams
                .iter()
                .map(|(name, aliases)| matchday_core::TeamRecord {
                    name: (*name).into(),
                    aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
                })
                .collect(),
            ..season("Listing League", 1)
        }
    }

    #[test]
    fn an_import_refuses_an_alias_another_team_has_whether_stored_before_or_in_the_same_file() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|w| w.add_team("Alpha", &["The Alphas".to_string()]))
            .unwrap();
        // Stored before: the alias of another team, or its name.
        for taken in ["the alphas", "ALPHA"] {
            let record = listing(&[("Beta", &[taken])]);
            let err = store.write(|w| w.import(&record, None)).unwrap_err();
            assert!(
                matches!(&err, StoreError::AliasTaken { team, .. } if team == "Alpha"),
                "{taken}: {err}"
            );
        }
        // Given to two teams by one file: the second is refused, naming the first.
        let record = listing(&[("Beta", &["Shared Name"]), ("Gamma", &["Shared Name"])]);
        let err = store.write(|w| w.import(&record, None)).unwrap_err();
        assert!(
            matches!(&err, StoreError::AliasTaken { team, .. } if team == "Beta"),
            "{err}"
        );
        // A free alias is stored, and names its team; its own name again is no error.
        let record = listing(&[("Beta", &["Betas", "Beta"]), ("Gamma", &["Gams"])]);
        store.write(|w| w.import(&record, None)).unwrap();
        let read = store.read();
        assert_eq!(
            read.resolve_team("betas").unwrap(),
            read.resolve_team("Beta").unwrap()
        );
        assert_eq!(
            read.resolve_team("gams").unwrap(),
            read.resolve_team("Gamma").unwrap()
        );
    }
}
