//! Reading: teams, competitions, matches and deductions as core types.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use matchday_core::{
    Competition, CompetitionId, Deduction, DeductionRecord, Match, MatchRecord, Resolution, Season,
    SeasonRecord, Team, TeamId, TeamRecord, TeamResolver, Zone, normalize_name,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::StoreError;
use crate::rows::{self, COMPETITION_COLUMNS, MATCH_COLUMNS, MatchRow, competition_from_row};

/// Read access to the database.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    pub(crate) conn: &'c Connection,
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

impl<'c> Reader<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Reader<'c> {
        Reader { conn }
    }

    /// Every team with its aliases, by name.
    pub fn teams(&self) -> Result<Vec<Team>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM team ORDER BY name")?;
        let mut teams: Vec<Team> = stmt
            .query_map([], |r| {
                Ok(Team {
                    id: TeamId(r.get(0)?),
                    name: r.get(1)?,
                    aliases: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut aliases = self
            .conn
            .prepare_cached("SELECT team_id, alias FROM team_alias ORDER BY alias")?;
        let mut by_team: HashMap<TeamId, Vec<String>> = HashMap::new();
        for row in aliases.query_map([], |r| Ok((TeamId(r.get(0)?), r.get::<_, String>(1)?)))? {
            let (team, alias) = row?;
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
        let names = stmt
            .query_map([], |r| Ok((TeamId(r.get(0)?), r.get::<_, String>(1)?)))?
            .collect::<Result<_, _>>()?;
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
        match self.resolver()?.resolve(name) {
            Resolution::Found(id) => Ok(id),
            Resolution::Ambiguous(candidates) => Err(StoreError::AmbiguousTeam {
                name: name.into(),
                candidates,
            }),
            Resolution::Unknown(candidates) => Err(StoreError::UnknownTeam {
                name: name.into(),
                candidates,
            }),
        }
    }

    /// Every competition-season, by name then season.
    pub fn competitions(&self) -> Result<Vec<Competition>, StoreError> {
        let sql = format!("SELECT {COMPETITION_COLUMNS} FROM competition ORDER BY name, season_start");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<Result<Competition, StoreError>> = stmt
            .query_map([], competition_from_row)?
            .collect::<Result<_, _>>()?;
        // Every zone in one query rather than one per competition: all of English league
        // history is 400 competition-seasons.
        let mut zones: HashMap<i64, Vec<Zone>> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT competition_id, name, first, last FROM zone ORDER BY first, last")?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Zone {
                    name: r.get(1)?,
                    first: r.get(2)?,
                    last: r.get(3)?,
                },
            ))
        })? {
            let (competition, zone) = row?;
            zones.entry(competition).or_default().push(zone);
        }
        let mut competitions = Vec::with_capacity(rows.len());
        for row in rows {
            let mut competition = row?;
            let id = competition.id.expect("stored").0;
            competition.zones = zones.remove(&id).unwrap_or_default();
            competitions.push(competition);
        }
        Ok(competitions)
    }

    /// Every competition-season with a match of `team` stored, by name then season.
    pub fn competitions_of(&self, team: TeamId) -> Result<Vec<Competition>, StoreError> {
        let ids: HashSet<i64> = self
            .conn
            .prepare_cached("SELECT DISTINCT competition_id FROM match WHERE home_id = ?1 OR away_id = ?1")?
            .query_map([team.0], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut all = self.competitions()?;
        all.retain(|c| c.id.is_some_and(|id| ids.contains(&id.0)));
        Ok(all)
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
            "SELECT name, first, last FROM zone WHERE competition_id = ?1 ORDER BY first, last",
        )?;
        let zones = stmt
            .query_map([id.0], |r| {
                Ok(Zone {
                    name: r.get(0)?,
                    first: r.get(1)?,
                    last: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(zones)
    }

    /// The competition a person means: by slug or a unique case-insensitive part of its name,
    /// in the season given, else the season containing `date`, else its latest season.
    ///
    /// # Errors
    /// Unknown or ambiguous names, and seasons not stored.
    pub fn find_competition(
        &self,
        query: &str,
        season: Option<Season>,
        date: Option<NaiveDate>,
    ) -> Result<Competition, StoreError> {
        let all = self.competitions()?;
        let wanted = query.trim().to_lowercase();
        let slug_of_query = Competition::slug_for(query);
        let exact: Vec<&Competition> = all
            .iter()
            // A slug stored before slugs were plain ASCII ("primera-división") reads as its ASCII form too.
            .filter(|c| {
                c.slug == wanted
                    || c.slug == slug_of_query
                    || Competition::slug_for(&c.slug) == slug_of_query
                    || c.name.to_lowercase() == wanted
            })
            .collect();
        let candidates: Vec<&Competition> = if exact.is_empty() {
            all.iter()
                .filter(|c| {
                    c.name.to_lowercase().contains(&wanted)
                        || Competition::slug_for(&c.slug).contains(&slug_of_query)
                        || Competition::slug_for(&c.name).contains(&slug_of_query)
                })
                .collect()
        } else {
            exact
        };
        let slugs: BTreeSet<&str> = candidates.iter().map(|c| c.slug.as_str()).collect();
        if slugs.is_empty() {
            return Err(StoreError::UnknownCompetition {
                name: query.into(),
                candidates: close_competitions(&slug_of_query, &all),
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
        let chosen = match (season, date) {
            (Some(s), _) => candidates.iter().find(|c| c.season == s),
            // Seasons overlap in summer: prefer the one a July-to-June calendar gives the day.
            (None, Some(d)) => candidates
                .iter()
                .find(|c| c.season == Season::of_date(d))
                .or_else(|| candidates.iter().find(|c| c.season.contains(d))),
            (None, None) => candidates.iter().max_by_key(|c| c.season),
        };
        match chosen {
            Some(c) => Ok((*c).clone()),
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
                        .map(|c| c.season.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }

    /// The competition with this id.
    pub fn competition(&self, id: CompetitionId) -> Result<Competition, StoreError> {
        let sql = format!("SELECT {COMPETITION_COLUMNS} FROM competition WHERE id = ?1");
        let mut competition = self.conn.query_row(&sql, [id.0], competition_from_row)??;
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
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raw: Vec<(i64, MatchRow)> = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                let comp: i64 = r.get(0)?;
                // Shift by one column: the match columns follow competition_id.
                Ok((comp, MatchRow::from_offset_row(r, 1)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut matches = raw
            .into_iter()
            .map(|(c, row)| Ok((CompetitionId(c), row.into_match()?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        matches.sort_by_key(|(_, m)| (m.date, m.kickoff.is_some(), m.kickoff));
        Ok(matches)
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
            "SELECT team_id, points, effective, reason FROM deduction WHERE competition_id = ?1
             ORDER BY effective, id",
        )?;
        let raw: Vec<(i64, i32, String, String)> = stmt
            .query_map([competition.0], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        raw.into_iter()
            .map(|(team, points, effective, reason)| {
                Ok(Deduction {
                    team: TeamId(team),
                    points,
                    effective: rows::parse_date(&effective)?,
                    reason,
                })
            })
            .collect()
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
                MatchRow::from_row,
            )
            .optional()?;
        row.map(MatchRow::into_match).transpose()
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

/// The few stored competitions whose name is close to `slug` (a query in slug
/// form): within a few typing mistakes of the whole slug or of a word-aligned
/// part of it ("premeir" for premier-league, "leage"), best first.
fn close_competitions(slug: &str, all: &[Competition]) -> Vec<String> {
    const SHOWN: usize = 3;
    if slug.is_empty() {
        return Vec::new();
    }
    let typed = slug.chars().count();
    let allowed = (typed / 3).max(1);
    let mut scored: BTreeSet<(usize, String)> = BTreeSet::new();
    for competition in all {
        let target = Competition::slug_for(&competition.name);
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
            scored.insert((distance, competition.name.clone()));
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
