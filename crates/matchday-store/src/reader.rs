//! Reading: teams, competitions, matches and deductions as core types.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use matchday_core::{
    ClosingOdds, Competition, CompetitionId, Deduction, DeductionRecord, Match, MatchId, MatchRecord,
    Resolution, Season, SeasonRecord, Team, TeamId, TeamRecord, TeamResolver, Zone, normalize_name,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::StoreError;
use crate::rows::{self, COMPETITION_COLUMNS, MATCH_COLUMNS, MatchRow, competition_from_row};

/// Read access to the database.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    pub(crate) conn: &'c Connection,
    /// The competitions' other names ("PL", "Carabao Cup"), for [`Reader::find_competition`].
    names: &'c matchday_core::Catalogue,
}

/// Which matches to list.
#[derive(Debug, Clone, Default)]
pub struct MatchFilter {
    /// Only this team's matches.
    pub team: Option<TeamId>,
    /// Only this competition.
    pub competition: Option<CompetitionId>,
    /// On or after this day.
    pub from: Option<NaiveDate>,
    /// On or before this day.
    pub to: Option<NaiveDate>,
    /// `Some(true)`: only matches still to play; `Some(false)`: only decided ones.
    pub pending: Option<bool>,
}

/// A played result as the match model learns from it: where, when, who and the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlayedScore {
    /// The competition-season it was played in.
    pub competition: CompetitionId,
    /// The day.
    pub date: NaiveDate,
    /// The home side (the first-named on neutral ground).
    pub home: TeamId,
    /// The away side.
    pub away: TeamId,
    /// The home side's goals (after 90 minutes when extra time was stored apart).
    pub home_goals: u8,
    /// The away side's goals.
    pub away_goals: u8,
    /// Whether it was played on neutral ground.
    pub neutral: bool,
}

impl<'c> Reader<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Reader<'c> {
        Reader {
            conn,
            names: matchday_core::Catalogue::bundled(),
        }
    }

    /// This reader finding competitions by the names `names` gives them too.
    pub(crate) fn named_by(self, names: &'c matchday_core::Catalogue) -> Reader<'c> {
        Reader { names, ..self }
    }

    /// Every team with its aliases, by name.
    pub fn teams(&self) -> Result<Vec<Team>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM team ORDER BY name")?;
        let mut teams: Vec<Team> = Vec::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1))))? {
            let (id, name) = row?;
            teams.push(Team {
                id: TeamId(id),
                name: name.map_err(|err| rows::unreadable("team", id, err.into()))?,
                aliases: Vec::new(),
            });
        }
        let mut aliases = self
            .conn
            .prepare_cached("SELECT rowid, team_id, alias FROM team_alias ORDER BY alias")?;
        let mut by_team: HashMap<TeamId, Vec<String>> = HashMap::new();
        for row in aliases.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)
                    .and_then(|team| Ok((TeamId(team), r.get::<_, String>(2)?))),
            ))
        })? {
            let (rowid, read) = row?;
            let (team, alias) = read.map_err(|err| rows::unreadable("team_alias", rowid, err.into()))?;
            by_team.entry(team).or_default().push(alias);
        }
        for team in &mut teams {
            team.aliases = by_team.remove(&team.id).unwrap_or_default();
        }
        Ok(teams)
    }

    /// Team names by id.
    pub fn team_names(&self) -> Result<HashMap<TeamId, String>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM team")?;
        let mut names = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1))))? {
            let (id, name) = row?;
            names.insert(
                TeamId(id),
                name.map_err(|err| rows::unreadable("team", id, err.into()))?,
            );
        }
        Ok(names)
    }

    /// A resolver over every stored team and alias.
    pub fn resolver(&self) -> Result<TeamResolver, StoreError> {
        Ok(TeamResolver::new(&self.teams()?))
    }

    /// The team a person means by `name`.
    ///
    /// # Errors
    /// [`StoreError::UnknownTeam`] or [`StoreError::AmbiguousTeam`], with the close candidates.
    pub fn resolve_team(&self, name: &str) -> Result<TeamId, StoreError> {
        let resolver = self.resolver()?;
        match resolver.resolve(name) {
            Resolution::Found(id) => Ok(id),
            // A name a fan types ("LFC", data/aliases.txt) for a team stored before the
            // name was shipped, or imported under another: the one team its names find.
            Resolution::Unknown(candidates) => match known_alias_of_one(&resolver, name) {
                Some(id) => Ok(id),
                None => Err(StoreError::UnknownTeam {
                    name: name.into(),
                    candidates,
                }),
            },
            Resolution::Ambiguous(candidates) => Err(StoreError::AmbiguousTeam {
                name: name.into(),
                candidates,
            }),
        }
    }

    /// Every competition-season, by name then season.
    ///
    /// # Errors
    /// [`StoreError::UnreadableCompetition`] when one does not read back; see
    /// [`Reader::competition_listing`] for the others beside it.
    pub fn competitions(&self) -> Result<Vec<Competition>, StoreError> {
        self.competition_listing()?.into_iter().collect()
    }

    /// Every competition-season, by name then season, each read back or the error naming
    /// the row of it that does not ([`StoreError::UnreadableCompetition`]): one stored row
    /// that cannot be read does not hide the others.
    pub fn competition_listing(&self) -> Result<Vec<Result<Competition, StoreError>>, StoreError> {
        Ok(self.listed()?.into_iter().map(|c| c.read).collect())
    }

    /// Every competition-season's row as stored, read back or not, by name then season.
    fn listed(&self) -> Result<Vec<Listed>, StoreError> {
        // Every zone in one query rather than one per competition: all of English league
        // history is 400 competition-seasons.
        let mut zones: HashMap<i64, Result<Vec<Zone>, StoreError>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT competition_id, rowid, name, first, last FROM zone ORDER BY first, last",
        )?;
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, zone_of(r, 2)))
        })? {
            let (competition, rowid, zone) = row?;
            let entry = zones.entry(competition).or_insert_with(|| Ok(Vec::new()));
            match (entry, zone) {
                (Ok(zones), Ok(zone)) => zones.push(zone),
                (entry @ Ok(_), Err(err)) => *entry = Err(rows::unreadable("zone", rowid, err.into())),
                (Err(_), _) => {}
            }
        }
        let sql =
            format!("SELECT {COMPETITION_COLUMNS} FROM competition ORDER BY name, season_start, season, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<Listed> = stmt
            .query_map([], |r| {
                Ok(Listed {
                    id: r.get(0)?,
                    slug: rows::lossy_text(r, 1)?,
                    name: rows::lossy_text(r, 2)?,
                    season: rows::lossy_text(r, 3)?,
                    read: competition_from_row(r)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows
            .into_iter()
            .map(|listed| {
                let zones = zones.remove(&listed.id).unwrap_or_else(|| Ok(Vec::new()));
                let read = match (listed.read, zones) {
                    (Ok(mut competition), Ok(zones)) => {
                        competition.zones = zones;
                        Ok(competition)
                    }
                    (Err(err), _) | (_, Err(err)) => Err(naming(&listed.name, &listed.season, err)),
                };
                Listed { read, ..listed }
            })
            .collect())
    }

    /// How many matches each competition-season has stored, played or not (none: absent).
    pub fn match_counts(&self) -> Result<HashMap<CompetitionId, usize>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT competition_id, count(*) FROM match GROUP BY competition_id")?;
        let counts = stmt
            .query_map([], |r| {
                Ok((CompetitionId(r.get(0)?), r.get::<_, i64>(1)? as usize))
            })?
            .collect::<Result<_, _>>()?;
        Ok(counts)
    }

    /// Every competition-season with a match of `team` stored, by name then season.
    ///
    /// # Errors
    /// [`StoreError::UnreadableCompetition`] for one of them that does not read back
    /// (another's does not matter).
    pub fn competitions_of(&self, team: TeamId) -> Result<Vec<Competition>, StoreError> {
        let ids: HashSet<i64> = self
            .conn
            .prepare_cached("SELECT DISTINCT competition_id FROM match WHERE home_id = ?1 OR away_id = ?1")?
            .query_map([team.0], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        self.listed()?
            .into_iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| c.read)
            .collect()
    }

    /// `err`, met reading a row of competition-season `id`, naming the competition-season
    /// when it is a row that does not read back; other errors as they are.
    pub(crate) fn within(&self, id: CompetitionId, err: StoreError) -> StoreError {
        if !matches!(err, StoreError::UnreadableRow { .. }) {
            return err;
        }
        let (name, season) = self
            .conn
            .query_row(
                "SELECT name, season FROM competition WHERE id = ?1",
                [id.0],
                |r| Ok((rows::lossy_text(r, 0)?, rows::lossy_text(r, 1)?)),
            )
            .unwrap_or_else(|_| (format!("competition {}", id.0), String::new()));
        naming(&name, &season, err)
    }

    /// The competition-season stored under this slug and season, if any.
    pub(crate) fn competition_by_slug(
        &self,
        slug: &str,
        season: Season,
    ) -> Result<Option<Competition>, StoreError> {
        // A slug stored with accents by an older matchday (before slugs were plain
        // ASCII) is the same competition: such rows are few, so they are read too.
        let sql = format!(
            "SELECT {COMPETITION_COLUMNS} FROM competition \
             WHERE season = ?2 AND (slug = ?1 OR slug GLOB '*[^ -~]*')"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found = None;
        for row in stmt.query_map(params![slug, season.to_string()], competition_from_row)? {
            let competition = row??;
            if competition.slug == slug {
                found = Some(competition);
                break;
            }
            if found.is_none() && Competition::slug_for(&competition.slug) == slug {
                found = Some(competition);
            }
        }
        let Some(mut competition) = found else {
            return Ok(None);
        };
        competition.zones = self.zones(competition.id.expect("stored"))?;
        Ok(Some(competition))
    }

    fn zones(&self, id: CompetitionId) -> Result<Vec<Zone>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, name, first, last FROM zone WHERE competition_id = ?1 ORDER BY first, last",
        )?;
        let mut zones = Vec::new();
        for row in stmt.query_map([id.0], |r| Ok((r.get::<_, i64>(0)?, zone_of(r, 1))))? {
            let (rowid, zone) = row?;
            zones.push(zone.map_err(|err| self.within(id, rows::unreadable("zone", rowid, err.into())))?);
        }
        Ok(zones)
    }

    /// The competition a person means: by slug, by name, by another name the catalogue
    /// gives it ("PL", "Carabao Cup"; [`crate::Store::set_catalogue`]), or by a unique
    /// case-insensitive part of its name, in the season given, else the season
    /// containing `date`, else its latest season.
    ///
    /// # Errors
    /// Unknown or ambiguous names, and seasons not stored.
    pub fn find_competition(
        &self,
        query: &str,
        season: Option<Season>,
        date: Option<NaiveDate>,
    ) -> Result<Competition, StoreError> {
        let mut listed = self.listed()?;
        // Matched by what each row holds, so a competition-season that does not read back
        // is still found by its name, and refused naming its row, rather than taken for absent.
        let wanted = query.trim().to_lowercase();
        let slug_of_query = Competition::slug_for(query);
        let exact: Vec<&Listed> = listed
            .iter()
            // A slug stored before slugs were plain ASCII ("primera-división") reads as its ASCII form too.
            .filter(|c| {
                c.slug == wanted
                    || c.slug == slug_of_query
                    || Competition::slug_for(&c.slug) == slug_of_query
                    || c.name.to_lowercase() == wanted
            })
            .collect();
        // A name the catalogue gives it: only when no stored name is the one typed, so a
        // stored "League Cup" (engsoccerdata's) is never confused with the EFL Cup.
        let exact = match self.names.find(query) {
            Some(entry) if exact.is_empty() => listed
                .iter()
                .filter(|c| entry.is_called(&c.name) || entry.is_called(&c.slug))
                .collect(),
            _ => exact,
        };
        let candidates: Vec<&Listed> = if exact.is_empty() {
            listed
                .iter()
                .filter(|c| {
                    c.name.to_lowercase().contains(&wanted)
                        || Competition::slug_for(&c.slug).contains(&slug_of_query)
                        || Competition::slug_for(&c.name).contains(&slug_of_query)
                })
                .collect()
        } else {
            exact
        };
        // One competition under two slugs over the years (the European Cup, then the
        // Champions League): the season asked for, or else the name typed, picks one.
        let candidates = if candidates.iter().map(|c| &c.slug).collect::<BTreeSet<_>>().len() > 1 {
            narrowed(candidates, season, date, &slug_of_query)
        } else {
            candidates
        };
        let slugs: BTreeSet<&str> = candidates.iter().map(|c| c.slug.as_str()).collect();
        if slugs.is_empty() {
            let names: Vec<&str> = listed.iter().map(|c| c.name.as_str()).collect();
            return Err(StoreError::UnknownCompetition {
                name: query.into(),
                candidates: close_competitions(&slug_of_query, &names),
            });
        }
        if slugs.len() > 1 {
            let names: BTreeSet<String> = candidates
                .iter()
                .map(|c| format!("{} ({})", c.name, c.slug))
                .collect();
            return Err(StoreError::AmbiguousCompetition {
                name: query.into(),
                candidates: names.into_iter().collect(),
            });
        }
        let name = candidates[0].name.clone();
        // A season that does not read back is chosen by none of these.
        let chosen = match (season, date) {
            (Some(s), _) => candidates.iter().find(|c| c.season() == Some(s)),
            // Seasons overlap in summer: prefer the one a July-to-June calendar gives the day.
            (None, Some(d)) => candidates
                .iter()
                .find(|c| c.season() == Some(Season::of_date(d)))
                .or_else(|| {
                    candidates
                        .iter()
                        .find(|c| c.season().is_some_and(|s| s.contains(d)))
                }),
            (None, None) => candidates
                .iter()
                .filter(|c| c.season().is_some())
                .max_by_key(|c| c.season()),
        }
        .map(|c| c.id)
        // None fits, but one whose season does not read back may be the one meant: say why
        // it cannot be read rather than that it is not there.
        .or_else(|| candidates.iter().find(|c| c.season().is_none()).map(|c| c.id));
        match chosen {
            Some(id) => {
                let at = listed
                    .iter()
                    .position(|c| c.id == id)
                    .expect("a candidate is listed");
                listed.swap_remove(at).read
            }
            None => Err(StoreError::NoSuchSeason {
                competition: name,
                what: match (season, date) {
                    (Some(s), _) => format!("{s} season"),
                    (None, Some(d)) => format!("season containing {d}"),
                    _ => "season".into(),
                },
                stored: format!(
                    " (seasons stored: {})",
                    candidates
                        .iter()
                        .map(|c| c.season.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }

    /// The competition with this id.
    pub fn competition(&self, id: CompetitionId) -> Result<Competition, StoreError> {
        let sql = format!("SELECT {COMPETITION_COLUMNS} FROM competition WHERE id = ?1");
        // Cached: a head-to-head reads a few hundred competition-seasons one by one.
        let mut competition = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id.0], competition_from_row)?
            .map_err(|err| self.within(id, err))?;
        competition.zones = self.zones(id)?;
        Ok(competition)
    }

    /// Every match of a competition-season, by date and kick-off.
    pub fn matches(&self, competition: CompetitionId) -> Result<Vec<Match>, StoreError> {
        self.list_matches(&MatchFilter {
            competition: Some(competition),
            ..MatchFilter::default()
        })
        .map(|rows| rows.into_iter().map(|(_, m)| m).collect())
    }

    /// The closing odds stored with a competition-season's matches, by match: only
    /// matches whose import gave odds have them.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] for a stored row that is not odds (written by another program).
    pub fn closing_odds(
        &self,
        competition: CompetitionId,
    ) -> Result<HashMap<MatchId, ClosingOdds>, StoreError> {
        let rows: Vec<(i64, String, f64, f64, f64)> = self
            .conn
            .prepare_cached(
                "SELECT match_odds.match_id, match_odds.source, match_odds.home, match_odds.draw, match_odds.away
                   FROM match_odds JOIN match ON match.id = match_odds.match_id
                  WHERE match.competition_id = ?1",
            )?
            .query_map([competition.0], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, source, home, draw, away)| {
                let corrupt = |e: matchday_core::OddsError| StoreError::Corrupt {
                    table: "match_odds",
                    detail: format!("match {id}: {e}"),
                };
                let odds =
                    ClosingOdds::new(source.parse().map_err(corrupt)?, home, draw, away).map_err(corrupt)?;
                Ok((MatchId(id), odds))
            })
            .collect()
    }

    /// Every match played (not awarded: an awarded score was never played) with its
    /// score after 90 minutes (a result entered as "1-0 aet" alone has none) in every
    /// competition, dated on or after `from` (when given) and before `before`, by date
    /// (then by id): what the match model learns from.
    ///
    /// Only the columns the model needs are read, straight from SQLite's rows: English
    /// football since 1888 (200,000 matches) reads in well under a second.
    pub fn played_before(
        &self,
        from: Option<NaiveDate>,
        before: NaiveDate,
    ) -> Result<Vec<PlayedScore>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, competition_id, date, home_id, away_id, venue, ft_home, ft_away FROM match \
             WHERE status = 'played' AND ft_home IS NOT NULL AND ft_away IS NOT NULL \
             AND date < ?1 AND date >= ?2 ORDER BY date, id",
        )?;
        let from = from.map_or_else(String::new, rows::date_text);
        let rows = stmt.query_map(params![rows::date_text(before), from], |r| {
            let id: i64 = r.get(0)?;
            let goals = |at: usize| -> rusqlite::Result<Option<u8>> {
                Ok(r.get::<_, Option<i64>>(at)?.and_then(|g| u8::try_from(g).ok()))
            };
            let read = (rows::date_at(r, 2)?, goals(6)?, goals(7)?);
            Ok((
                id,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get_ref(5)?.as_str()? == "neutral",
                read,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, competition, home, away, neutral, (date, home_goals, away_goals)) = row?;
            let date = date.map_err(|err| self.within(CompetitionId(competition), err))?;
            let (Some(home_goals), Some(away_goals)) = (home_goals, away_goals) else {
                return Err(StoreError::UnreadableRow {
                    table: "match",
                    row: id,
                    problem: "a played match without a score of 0 to 255 goals a side".into(),
                });
            };
            out.push(PlayedScore {
                competition: CompetitionId(competition),
                date,
                home: TeamId(home),
                away: TeamId(away),
                home_goals,
                away_goals,
                neutral,
            });
        }
        Ok(out)
    }

    /// Matches by filter, each with its competition's id, by date and kick-off.
    pub fn list_matches(&self, filter: &MatchFilter) -> Result<Vec<(CompetitionId, Match)>, StoreError> {
        let mut sql = format!("SELECT competition_id, {MATCH_COLUMNS} FROM match WHERE 1=1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(team) = filter.team {
            sql.push_str(" AND (home_id = ? OR away_id = ?)");
            args.push(team.0.into());
            args.push(team.0.into());
        }
        if let Some(c) = filter.competition {
            sql.push_str(" AND competition_id = ?");
            args.push(c.0.into());
        }
        if let Some(from) = filter.from {
            sql.push_str(" AND date >= ?");
            args.push(rows::date_text(from).into());
        }
        if let Some(to) = filter.to {
            sql.push_str(" AND date <= ?");
            args.push(rows::date_text(to).into());
        }
        match filter.pending {
            Some(true) => sql.push_str(" AND status IN ('scheduled', 'postponed')"),
            Some(false) => sql.push_str(" AND status IN ('played', 'awarded')"),
            None => {}
        }
        // By date, kick-off (none first) and id. A competition's matches come by date and
        // id straight from its index (whose entries of a day are in rowid order), and
        // the few of a day with a kick-off are put in place here by a stable sort, rather
        // than SQLite sorting each season again when every table of a league history is made.
        sql.push_str(" ORDER BY date, id");
        self.matches_of(&sql, args)
    }

    /// The matches `sql` selects (the competition's id, then [`MATCH_COLUMNS`], by date
    /// and id), each with its competition's id, put in kick-off order within a day.
    fn matches_of(
        &self,
        sql: &str,
        args: Vec<rusqlite::types::Value>,
    ) -> Result<Vec<(CompetitionId, Match)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let raw: Vec<(i64, Result<MatchRow, StoreError>)> = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                let comp: i64 = r.get(0)?;
                // Shift by one column: the match columns follow competition_id.
                Ok((comp, MatchRow::read(r, 1)?))
            })?
            .collect::<Result<_, _>>()?;
        // A row that does not read back is named with its competition-season.
        let mut matches = raw
            .into_iter()
            .map(|(c, row)| {
                let c = CompetitionId(c);
                Ok((
                    c,
                    row.and_then(MatchRow::into_match)
                        .map_err(|err| self.within(c, err))?,
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        matches.sort_by_key(|(_, m)| (m.date, m.kickoff.is_some(), m.kickoff));
        Ok(matches)
    }

    /// Every decided match (played or awarded) between `first` and `second`, in every
    /// competition-season stored, each with its competition-season, by date: what a
    /// head-to-head counts.
    ///
    /// # Errors
    /// [`StoreError::UnreadableCompetition`] for a competition-season of theirs that does
    /// not read back (another's does not matter).
    pub fn meetings(&self, first: TeamId, second: TeamId) -> Result<Vec<(Competition, Match)>, StoreError> {
        // Each competition-season's meetings of the pair through its index (competition, home,
        // away), one way round and the other: a handful of lookups in each of a few hundred
        // competition-seasons, where a filter on the teams alone reads every match stored
        // (20 ms of SQL over English football since 1888, against 2-4 ms).
        let sql = format!(
            "SELECT competition_id, {MATCH_COLUMNS} FROM match WHERE id IN ( \
                 SELECT m.id FROM competition c CROSS JOIN match m \
                 WHERE m.competition_id = c.id AND m.home_id = ?1 AND m.away_id = ?2 \
                 UNION ALL \
                 SELECT m.id FROM competition c CROSS JOIN match m \
                 WHERE m.competition_id = c.id AND m.home_id = ?2 AND m.away_id = ?1) \
             AND status IN ('played', 'awarded') ORDER BY date, id"
        );
        let found = self.matches_of(&sql, vec![first.0.into(), second.0.into()])?;
        let mut competitions: HashMap<CompetitionId, Competition> = HashMap::new();
        let mut meetings = Vec::with_capacity(found.len());
        for (id, game) in found {
            let competition = match competitions.get(&id) {
                Some(c) => c.clone(),
                None => {
                    let c = self.competition(id)?;
                    competitions.insert(id, c.clone());
                    c
                }
            };
            meetings.push((competition, game));
        }
        Ok(meetings)
    }

    /// Teams taking part: those entered and those with a match stored.
    pub fn entrants(&self, competition: CompetitionId) -> Result<Vec<TeamId>, StoreError> {
        // The matches are read once for both teams, and the ids put in order here: a
        // UNION of three selects read a season's matches twice and sorted in SQLite, as
        // much as reading the season's matches when every final table is made.
        let mut ids = std::collections::BTreeSet::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT team_id FROM entrant WHERE competition_id = ?1")?;
        for id in stmt.query_map([competition.0], |r| r.get::<_, i64>(0))? {
            ids.insert(id?);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT home_id, away_id FROM match WHERE competition_id = ?1")?;
        for pair in stmt.query_map([competition.0], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (home, away) = pair?;
            ids.insert(home);
            ids.insert(away);
        }
        Ok(ids.into_iter().map(TeamId).collect())
    }

    /// The competition's deductions, by date.
    pub fn deductions(&self, competition: CompetitionId) -> Result<Vec<Deduction>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, team_id, points, effective, reason FROM deduction WHERE competition_id = ?1
             ORDER BY effective, id",
        )?;
        // Each row read whole inside its closure, so a value that cannot be names its row.
        let read = |r: &rusqlite::Row<'_>| -> Result<Deduction, StoreError> {
            Ok(Deduction {
                team: TeamId(r.get(1)?),
                points: r.get(2)?,
                effective: rows::date_at(r, 3)??,
                reason: r.get(4)?,
            })
        };
        let raw: Vec<(i64, Result<Deduction, StoreError>)> = stmt
            .query_map([competition.0], |r| Ok((r.get(0)?, read(r))))?
            .collect::<Result<_, _>>()?;
        raw.into_iter()
            .map(|(id, deduction)| {
                deduction.map_err(|err| self.within(competition, rows::unreadable("deduction", id, err)))
            })
            .collect()
    }

    /// Reads back every stored row as the commands read them: teams and their aliases,
    /// clubs, every competition-season with its zones, matches, deductions, decisions and
    /// entrants, and the change log with every row it holds.
    ///
    /// # Errors
    /// The first row that does not read back, named ([`StoreError::UnreadableRow`],
    /// within its competition-season where it has one).
    pub(crate) fn every_row(&self) -> Result<(), StoreError> {
        self.teams()?;
        self.clubs()?;
        for competition in self.competitions()? {
            let id = competition.id.expect("stored");
            self.matches(id)?;
            self.deductions(id)?;
            self.decisions(id)?;
            self.entrants(id)?;
        }
        for change in self.changes(None)? {
            self.change_rows(change.id)?;
        }
        Ok(())
    }

    /// The stored match between these teams on this day, if any.
    pub fn match_on(
        &self,
        competition: CompetitionId,
        home: TeamId,
        away: TeamId,
        date: NaiveDate,
    ) -> Result<Option<Match>, StoreError> {
        let sql = format!(
            "SELECT {MATCH_COLUMNS} FROM match WHERE competition_id = ?1 AND home_id = ?2 AND away_id = ?3 AND date = ?4"
        );
        let row = self
            .conn
            .query_row(
                &sql,
                params![competition.0, home.0, away.0, rows::date_text(date)],
                |r| MatchRow::read(r, 0),
            )
            .optional()?;
        row.map(|row| row.and_then(MatchRow::into_match))
            .transpose()
            .map_err(|err| self.within(competition, err))
    }

    /// The whole competition-season as plain facts, for export.
    pub fn season_record(&self, competition: CompetitionId) -> Result<SeasonRecord, StoreError> {
        let comp = self.competition(competition)?;
        let names = self.team_names()?;
        let name = |id: TeamId| {
            names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("team {}", id.0))
        };
        let all_teams = self.teams()?;
        let mut entrants = self.entrants(competition)?;
        entrants.sort_by_key(|id| normalize_name(&name(*id)));
        let teams = entrants
            .iter()
            .map(|id| {
                let aliases = all_teams
                    .iter()
                    .find(|t| t.id == *id)
                    .map(|t| t.aliases.clone())
                    .unwrap_or_default();
                TeamRecord {
                    name: name(*id),
                    aliases,
                }
            })
            .collect();
        let deductions = self
            .deductions(competition)?
            .into_iter()
            .map(|d| DeductionRecord {
                team: name(d.team),
                points: d.points,
                effective: d.effective,
                reason: d.reason,
            })
            .collect();
        let matches = self
            .matches(competition)?
            .into_iter()
            .map(|m| MatchRecord {
                date: m.date,
                kickoff: m.kickoff,
                home: name(m.pairing.home()),
                away: name(m.pairing.away()),
                venue: m.venue,
                round: m.round,
                group: m.group,
                leg: m.leg,
                replay: m.replay,
                status: m.status,
                line: 0,
                closing_odds: None,
            })
            .collect();
        let decisions = self
            .decisions(competition)?
            .into_iter()
            .map(|d| matchday_core::DecisionRecord {
                group: d.group().map(str::to_string),
                teams: d.teams().iter().map(|&t| name(t)).collect(),
                by: d.by(),
            })
            .collect();
        Ok(SeasonRecord {
            competition: comp.name,
            slug: Some(comp.slug),
            season: Some(comp.season),
            format: Some(comp.format),
            rules: Some(comp.rules),
            points: Some(comp.points),
            zones: comp.zones,
            away_goals: Some(comp.away_goals),
            structure: Some(comp.structure),
            rank_by: Some(comp.rank_by),
            teams,
            deductions,
            decisions,
            matches,
        })
    }
}

/// A competition-season's row as stored: what names it, whether or not it reads back.
struct Listed {
    id: i64,
    slug: String,
    name: String,
    season: String,
    read: Result<Competition, StoreError>,
}

/// `err`, a row of competition-season `name` `season` that does not read back, naming it.
fn naming(name: &str, season: &str, err: StoreError) -> StoreError {
    match err {
        StoreError::UnreadableRow { .. } => StoreError::UnreadableCompetition {
            competition: format!("{name} {season}").trim_end().to_string(),
            source: Box::new(err),
        },
        other => other,
    }
}

impl Listed {
    /// Its season, when that reads back (the rest of its row may not).
    fn season(&self) -> Option<Season> {
        match &self.read {
            Ok(competition) => Some(competition.season),
            Err(_) => self.season.parse().ok(),
        }
    }
}

/// The zone in the columns name, first, last from column `at`.
fn zone_of(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Zone> {
    Ok(Zone {
        name: r.get(at)?,
        first: r.get(at + 1)?,
        last: r.get(at + 2)?,
    })
}

/// Of competitions stored under several slugs, those of the one stored for `season` (or
/// the season of `date`), else of the one whose slug holds the name typed; all of them
/// when neither picks a single slug.
fn narrowed<'a>(
    candidates: Vec<&'a Listed>,
    season: Option<Season>,
    date: Option<NaiveDate>,
    slug_of_query: &str,
) -> Vec<&'a Listed> {
    let single = |kept: Vec<&'a Listed>| {
        let slugs: BTreeSet<&str> = kept.iter().map(|c| c.slug.as_str()).collect();
        (slugs.len() == 1).then_some(kept)
    };
    let season = season.or(date.map(Season::of_date));
    let by_season = season.and_then(|s| {
        single(
            candidates
                .iter()
                .copied()
                .filter(|c| c.season() == Some(s))
                .collect(),
        )
    });
    let by_slug = || {
        single(
            candidates
                .iter()
                .copied()
                .filter(|c| c.slug.contains(slug_of_query))
                .collect(),
        )
    };
    by_season.or_else(by_slug).unwrap_or(candidates)
}

/// The few stored competitions whose name is close to `slug` (a query in slug
/// form): within a few typing mistakes of the whole slug or of a word-aligned
/// part of it ("premeir" for premier-league, "leage"), best first.
fn close_competitions(slug: &str, all: &[&str]) -> Vec<String> {
    const SHOWN: usize = 3;
    if slug.is_empty() {
        return Vec::new();
    }
    let typed = slug.chars().count();
    let allowed = (typed / 3).max(1);
    let mut scored: BTreeSet<(usize, String)> = BTreeSet::new();
    for &name in all {
        let target = Competition::slug_for(name);
        let whole = strsim::levenshtein(slug, &target);
        // Each part of the slug that starts a word and is as long as what was typed.
        let part = target
            .match_indices('-')
            .map(|(at, _)| at + 1)
            .chain([0])
            .map(|start| {
                let part: String = target[start..].chars().take(typed).collect();
                strsim::levenshtein(slug, &part)
            })
            .min()
            .unwrap_or(whole);
        let distance = whole.min(part);
        if distance <= allowed {
            scored.insert((distance, name.to_string()));
        }
    }
    let mut names: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !names.contains(&name) && names.len() < SHOWN {
            names.push(name);
        }
    }
    names
}

/// The one stored team that a shipped alias of `name` names exactly; `None` when
/// the shipped aliases name no stored team, or more than one.
fn known_alias_of_one(resolver: &TeamResolver, name: &str) -> Option<TeamId> {
    let found: BTreeSet<TeamId> = matchday_core::known_aliases_of(&normalize_name(name))
        .iter()
        .filter_map(|other| resolver.exact(other))
        .collect();
    match found.len() {
        1 => found.into_iter().next(),
        _ => None,
    }
}
