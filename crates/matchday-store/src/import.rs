//! Storing whole seasons read from files.

use chrono::{NaiveDate, Timelike};
use matchday_core::{
    Advance, Catalogue, Competition, Deduction, Edition, Format, Match, Pairing, RankBy, RuleSet,
    SeasonRecord, Structure, StructureFacts, Zone,
};

use crate::writer::Upsert;
use crate::{StoreError, Writer};

/// What an import stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Competition-seasons touched, as "Name Season".
    pub competitions: Vec<String>,
    /// Teams created.
    pub teams_created: usize,
    /// Matches added.
    pub matches_added: usize,
    /// Matches whose facts changed.
    pub matches_updated: usize,
    /// Matches already stored as they are.
    pub matches_unchanged: usize,
    /// Deductions stored.
    pub deductions: usize,
    /// Matches whose closing odds the file gave, stored beside them.
    pub closing_odds: usize,
    /// Competition-seasons created with the plain default, the catalogue having no
    /// entry (or no edition) for them.
    pub uncatalogued: Vec<Uncatalogued>,
}

/// A competition-season an import created without a catalogue entry for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncatalogued {
    /// "Highland League 2024-25".
    pub competition: String,
    /// Its slug, for `competition set`.
    pub slug: String,
    /// Whether the catalogue knows the competition but not this season of it.
    pub known: bool,
    /// The structure it was given, from its matches.
    pub structure: Structure,
}

impl<'c> Writer<'c> {
    /// Stores a season read from a file: its competition (created if new),
    /// teams, matches and deductions. Importing the same season again
    /// changes nothing; a newer copy of it updates what changed.
    ///
    /// `name` overrides the competition's name (and slug) from the file.
    ///
    /// A stored result is never turned back into a fixture: a file (or an
    /// `--as-of` copy of one) that has a fixture where a result is stored is
    /// refused whole, with [`StoreError::WouldUnplayResults`] counting them.
    ///
    /// # Errors
    /// A season missing from the file, a match dated outside its season, or a
    /// team playing itself, naming the file's line; results the file would take back.
    pub fn import(&mut self, record: &SeasonRecord, name: Option<&str>) -> Result<ImportSummary, StoreError> {
        self.import_with(record, name, Catalogue::bundled())
    }

    /// As [`Writer::import`], looking the competition up in `catalogue` (the bundled
    /// one with a user's entries over it): its entry names it and gives the season's
    /// stages, regulations and zones; a competition it does not know gets the plain
    /// default, and the summary lists it in [`ImportSummary::uncatalogued`].
    ///
    /// # Errors
    /// As [`Writer::import`].
    pub fn import_with(
        &mut self,
        record: &SeasonRecord,
        name: Option<&str>,
        catalogue: &Catalogue,
    ) -> Result<ImportSummary, StoreError> {
        self.in_bulk(|w| w.import_season(record, name, catalogue, None))
    }

    /// As [`Writer::import_with`], storing the season as it stood at the end of `day`:
    /// later results become fixtures still to play, later deductions are left out, and a
    /// fixture not yet known that day (a pairing of a knockout round whose draw could not
    /// have been made, a replay of a meeting still to play: [`matchday_core::known_on`])
    /// is not stored at all.
    ///
    /// # Errors
    /// As [`Writer::import`].
    pub fn import_as_of(
        &mut self,
        record: &SeasonRecord,
        name: Option<&str>,
        catalogue: &Catalogue,
        day: NaiveDate,
    ) -> Result<ImportSummary, StoreError> {
        let then = record.as_of(day);
        self.in_bulk(|w| w.import_season(&then, name, catalogue, Some(day)))
    }

    fn import_season(
        &mut self,
        record: &SeasonRecord,
        name: Option<&str>,
        catalogue: &Catalogue,
        known_by: Option<NaiveDate>,
    ) -> Result<ImportSummary, StoreError> {
        let mut summary = ImportSummary::default();
        let season = record.season.ok_or_else(|| StoreError::NoSuchSeason {
            competition: record.competition.clone(),
            what: "season in the file's header".into(),
            stored: String::new(),
        })?;
        let file_name = name.unwrap_or(&record.competition).trim().to_string();
        let file_slug = match (name, &record.slug) {
            // Plain ASCII, as every slug is; a slug already plain is unchanged.
            (None, Some(slug)) => Competition::slug_for(slug),
            _ => Competition::slug_for(&file_name),
        };
        let entry = catalogue
            .find(&file_name)
            .or_else(|| record.slug.as_deref().and_then(|s| catalogue.find(s)));
        // A known competition is stored under the catalogue's name, so that every file of
        // it lands in one competition; one named by `--name`, by a file that gives its slug
        // (matchday's own), or already stored under the file's own name keeps that name.
        let edition = entry.and_then(|e| e.edition(season));
        let (comp_name, slug) = match entry {
            Some(e)
                if name.is_none()
                    && record.slug.is_none()
                    && self.competition_by_slug(&file_slug, season)?.is_none() =>
            {
                // The name of the day, where the edition gives one (the European Cup).
                match edition.and_then(Edition::name) {
                    Some(of_the_day) => (of_the_day.to_string(), Competition::slug_for(of_the_day)),
                    None => (e.name().to_string(), e.slug().to_string()),
                }
            }
            _ => (file_name, file_slug),
        };
        let mut known = self.known_teams()?;

        let mut team_ids = Vec::new();
        for t in &record.teams {
            let id = self.ensure_listed_team(&t.name, &mut known)?;
            for alias in &t.aliases {
                self.add_import_alias(id, alias, &mut known)?;
                known.add(alias, id);
            }
            team_ids.push(id);
        }
        let mut matches = Vec::with_capacity(record.matches.len());
        // Each match's closing odds, beside it in `matches`.
        let mut odds = Vec::with_capacity(record.matches.len());
        for m in &record.matches {
            let at = |source: StoreError| StoreError::AtLine {
                line: m.line,
                source: Box::new(source),
            };
            let home = self.ensure_team(&m.home, &mut known)?;
            let away = self.ensure_team(&m.away, &mut known)?;
            season.check_date(m.date).map_err(|e| at(e.into()))?;
            let pairing = Pairing::new(home, away).map_err(|e| at(e.into()))?;
            matches.push(Match {
                id: None,
                date: m.date,
                kickoff: m.kickoff,
                pairing,
                venue: m.venue,
                round: m.round.clone(),
                // Typed below, once the competition's format is known.
                stage: None,
                group: m.group.clone(),
                leg: m.leg,
                replay: m.replay,
                status: m.status,
            });
            odds.push(m.closing_odds);
        }
        let team_count = {
            let mut all: Vec<_> = team_ids.clone();
            all.extend(matches.iter().flat_map(|m| [m.pairing.home(), m.pairing.away()]));
            all.sort();
            all.dedup();
            all.len()
        };
        let file_format = record.format.unwrap_or(Format::League);
        let structure = match (&record.structure, edition) {
            (Some(structure), _) => structure.clone(),
            (None, Some(edition)) => edition.structure().clone(),
            (None, None) => Structure::from_facts(file_format, &StructureFacts::of_matches(&matches)),
        };
        let format = structure.format();
        let neutral = edition.map_or(&[][..], Edition::neutral_rounds);
        for m in &mut matches {
            m.stage = matchday_core::Stage::typed_for(format, m);
            // Rounds the catalogue says are always at a neutral ground, whatever the file says.
            if matches!(m.stage, Some(matchday_core::Stage::Knockout(round)) if neutral.contains(&round)) {
                m.venue = matchday_core::Venue::Neutral;
            }
        }
        // A season as it stood on a day holds only the fixtures known by then.
        if let Some(day) = known_by {
            let known = matchday_core::known_on(&matches, day);
            let mut keep = known.iter();
            matches.retain(|_| keep.next().copied().unwrap_or(true));
            let mut keep = known.iter();
            odds.retain(|_| keep.next().copied().unwrap_or(true));
        }
        let rules = record
            .rules
            .or(edition.map(Edition::rules))
            .unwrap_or(RuleSet::Plain);
        // A group stage's zones are places in each group; a league's, in its one table.
        let table_size = match format {
            Format::GroupsKnockout => largest_group(&matches).unwrap_or(team_count),
            _ => team_count,
        } as u16;
        let zones = match (format, edition) {
            _ if !record.zones.is_empty() => record.zones.clone(),
            (Format::Knockout, _) => Vec::new(),
            (_, Some(edition)) => edition.zones(table_size),
            (_, None) => plain_zones(&structure),
        };
        let defaulted = edition.is_none() && record.rules.is_none() && record.structure.is_none();
        let mut competition = Competition {
            id: None,
            slug,
            name: comp_name,
            season,
            format,
            structure,
            rules,
            points: record
                .points
                .unwrap_or_else(|| rules.regulations(season).points()),
            zones,
            away_goals: record
                .away_goals
                .unwrap_or_else(|| edition.is_some_and(Edition::away_goals)),
            rank_by: record
                .rank_by
                .or(edition.map(Edition::rank_by))
                .unwrap_or(RankBy::Points),
        };
        let existing = self.competition_by_slug(&competition.slug, season)?;
        let existing_format = existing.as_ref().map(|c| c.format);
        let id = match existing {
            Some(stored) => {
                let id = stored.id.expect("stored");
                // A plain results file says nothing of rules; keep what the user set.
                if record.rules.is_some()
                    || record.points.is_some()
                    || !record.zones.is_empty()
                    || record.structure.is_some()
                    || record.rank_by.is_some()
                {
                    self.update_competition(id, &competition)?;
                }
                id
            }
            None => self.add_competition(&competition)?,
        };
        competition.id = Some(id);
        for team in team_ids {
            self.add_entrant(id, team)?;
        }
        // A competition-season new to the store: every match is new, with nothing stored to
        // look up. Two meetings of a pairing in the file are two matches (see
        // `matchday_core::same_matches`); whether the season has room for them is checked below.
        let all_new = existing_format.is_none();
        // The season as the file leaves it meets the same rules as a typed entry: the first
        // match refused, by its teams and day, and why.
        let checked = if all_new {
            // The entrants as the store reads them: those entered, and every team that plays.
            let mut entrants: std::collections::BTreeSet<_> = self.entrants(id)?.into_iter().collect();
            entrants.extend(matches.iter().flat_map(|m| [m.pairing.home(), m.pairing.away()]));
            let entrants: Vec<_> = entrants.into_iter().collect();
            let stored = as_stored(&matches, None);
            // The season is checked on another core while its matches are written: the two
            // are most of an import's time.
            let (inserted, checked) = std::thread::scope(|scope| {
                let check = scope.spawn(|| {
                    matchday_core::check_season(&competition, &entrants, &stored)
                        .map_err(|(at, refusal)| (stored[at].pairing, stored[at].date, refusal))
                });
                let inserted = self.insert_new_matches(id, &matches);
                (inserted, check.join().expect("checking a season does not panic"))
            });
            let inserted = inserted?;
            summary.matches_added = inserted.len();
            summary.closing_odds = self.store_closing_odds(&inserted, &odds)?;
            // Every test's import proves the season checked the same as the one stored.
            debug_assert!(
                self.matches(id)
                    .is_ok_and(|read| read == as_stored(&matches, Some(&inserted)))
            );
            debug_assert!(self.entrants(id).is_ok_and(|read| read == entrants));
            checked
        } else {
            let mut unplayed = 0;
            let before = self.matches(id)?;
            let league = existing_format == Some(Format::League);
            let mut ids = Vec::with_capacity(matches.len());
            for (m, same) in matches
                .iter()
                .zip(matchday_core::same_matches(&matches, &before, league))
            {
                let (upsert, match_id) = self.store_match(id, m, same.map(|at| &before[at]))?;
                ids.push(match_id);
                match upsert {
                    Upsert::Added => summary.matches_added += 1,
                    Upsert::Updated => summary.matches_updated += 1,
                    Upsert::Unchanged => summary.matches_unchanged += 1,
                    Upsert::WouldUnplay => unplayed += 1,
                }
            }
            if unplayed > 0 {
                return Err(StoreError::WouldUnplayResults {
                    competition: format!("{} {season}", competition.name),
                    slug: competition.slug.clone(),
                    count: unplayed,
                });
            }
            summary.closing_odds = self.store_closing_odds(&ids, &odds)?;
            if existing_format.is_some() && edition.is_none() && record.structure.is_none() {
                // A structure not given by the catalogue or the file comes from every match
                // stored, which this file may complete (a group file, then its finals file).
                let format = match existing_format {
                    Some(Format::League) => Format::League,
                    _ => competition.format,
                };
                let structure =
                    Structure::from_facts(format, &StructureFacts::of_matches(&self.matches(id)?));
                self.set_structure(id, &structure)?;
                competition.set_structure(structure);
            }
            let stored = self.matches(id)?;
            let entrants = self.entrants(id)?;
            matchday_core::check_season(&competition, &entrants, &stored)
                .map_err(|(at, refusal)| (stored[at].pairing, stored[at].date, refusal))
        };
        if let Err((pairing, date, refusal)) = checked {
            let line = record
                .matches
                .iter()
                .zip(&matches)
                .find_map(|(r, m)| (m.pairing == pairing && m.date == date).then_some(r.line));
            let refusal = StoreError::Refused(refusal);
            return Err(match line {
                Some(line) => StoreError::AtLine {
                    line,
                    source: Box::new(refusal),
                },
                None => refusal,
            });
        }
        for d in &record.deductions {
            let team = self.ensure_team(&d.team, &mut known)?;
            // A file's deductions name teams of the season it holds.
            self.add_entrant(id, team)?;
            let deduction = Deduction {
                team,
                points: d.points,
                effective: d.effective,
                reason: d.reason.clone(),
            };
            self.add_deduction(&competition, &deduction)?;
            summary.deductions += 1;
        }
        for d in &record.decisions {
            let mut teams = Vec::with_capacity(d.teams.len());
            for team in &d.teams {
                teams.push(self.ensure_team(team, &mut known)?);
            }
            let decision =
                matchday_core::Decision::new(d.group.clone(), teams, d.by).map_err(StoreError::Decision)?;
            // Checked against the season as stored: the teams must be level on every criterion.
            self.record_decision(&competition, &decision)?;
        }
        summary.teams_created = known.created;
        summary
            .competitions
            .push(format!("{} {}", competition.name, season));
        if defaulted && existing_format.is_none() {
            summary.uncatalogued.push(Uncatalogued {
                competition: format!("{} {}", competition.name, season),
                slug: competition.slug.clone(),
                known: entry.is_some(),
                structure: competition.structure.clone(),
            });
        }
        self.keep_known_teams(known);
        Ok(summary)
    }
}

/// The matches of a competition-season that holds only `matches`, inserted in order with
/// the ids `ids` (none, before they are), as [`crate::Reader::matches`] would read them
/// back: its order, and what the columns keep (kick-offs to the minute; empty labels and
/// leg 0 are none). Ids are given in the file's order, so that order breaks ties either
/// way. A whole league history is 400 seasons, so reading each back for its check would
/// be a tenth of an import's time.
fn as_stored(matches: &[Match], ids: Option<&[matchday_core::MatchId]>) -> Vec<Match> {
    let mut stored: Vec<Match> = matches
        .iter()
        .enumerate()
        .map(|(at, m)| Match {
            id: ids.map(|ids| ids[at]),
            kickoff: m
                .kickoff
                .and_then(|k| chrono::NaiveTime::from_hms_opt(k.hour(), k.minute(), 0)),
            round: m.round.clone().filter(|r| !r.is_empty()),
            group: m.group.clone().filter(|g| !g.is_empty()),
            leg: m.leg.filter(|&l| l > 0),
            ..m.clone()
        })
        .collect();
    // Stable: matches alike but for their ids keep the file's order.
    stored.sort_by_key(|m| (m.date, m.kickoff.is_some(), m.kickoff, m.id));
    stored
}

/// The most teams in one group of a group stage, if the matches name groups.
fn largest_group(matches: &[Match]) -> Option<usize> {
    let mut teams: std::collections::BTreeMap<&str, std::collections::BTreeSet<matchday_core::TeamId>> =
        std::collections::BTreeMap::new();
    for m in matches {
        if let Some(g) = m.group.as_deref() {
            teams
                .entry(g)
                .or_default()
                .extend([m.pairing.home(), m.pairing.away()]);
        }
    }
    teams.values().map(|t| t.len()).max()
}

/// The zones of a competition the catalogue does not know: the first place of a league,
/// the places that go on from each group or from a league phase.
fn plain_zones(structure: &Structure) -> Vec<Zone> {
    let Some(phase) = structure.group_phase() else {
        return vec![Zone {
            name: "champions".into(),
            first: 1,
            last: 1,
        }];
    };
    phase
        .qualification
        .rules()
        .iter()
        .map(|rule| match *rule {
            Advance::Places { first, last, .. } => Zone {
                name: "knockout".into(),
                first,
                last,
            },
            Advance::BestPlaced { place, .. } => Zone {
                name: "best-placed".into(),
                first: place,
                last: place,
            },
        })
        .collect()
}

impl ImportSummary {
    /// Adds another import's counts to this one.
    pub fn absorb(&mut self, other: ImportSummary) {
        self.competitions.extend(other.competitions);
        self.teams_created += other.teams_created;
        self.matches_added += other.matches_added;
        self.matches_updated += other.matches_updated;
        self.matches_unchanged += other.matches_unchanged;
        self.deductions += other.deductions;
        self.closing_odds += other.closing_odds;
        self.uncatalogued.extend(other.uncatalogued);
    }
}
