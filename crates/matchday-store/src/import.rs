//! Storing whole seasons read from files.

use chrono::Timelike;
use matchday_core::{
    Competition, Deduction, Format, Match, Pairing, RankBy, RuleSet, SeasonRecord, Structure, StructureFacts,
    Zone,
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
        self.in_bulk(|w| w.import_season(record, name))
    }

    fn import_season(
        &mut self,
        record: &SeasonRecord,
        name: Option<&str>,
    ) -> Result<ImportSummary, StoreError> {
        let mut summary = ImportSummary::default();
        let season = record.season.ok_or_else(|| StoreError::NoSuchSeason {
            competition: record.competition.clone(),
            what: "season in the file's header".into(),
            stored: String::new(),
        })?;
        let comp_name = name.unwrap_or(&record.competition).trim().to_string();
        let slug = match (name, &record.slug) {
            // Plain ASCII, as every slug is; a slug already plain is unchanged.
            (None, Some(slug)) => Competition::slug_for(slug),
            _ => Competition::slug_for(&comp_name),
        };
        let mut known = self.known_teams()?;

        let mut team_ids = Vec::new();
        for t in &record.teams {
            let id = self.ensure_listed_team(&t.name, &mut known)?;
            for alias in &t.aliases {
                self.add_alias(id, alias)?;
                known.add(alias, id);
            }
            team_ids.push(id);
        }
        let mut matches = Vec::with_capacity(record.matches.len());
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
        }
        let team_count = {
            let mut all: Vec<_> = team_ids.clone();
            all.extend(matches.iter().flat_map(|m| [m.pairing.home(), m.pairing.away()]));
            all.sort();
            all.dedup();
            all.len()
        };
        let structure = choose_structure(
            record.format.unwrap_or(Format::League),
            &comp_name,
            season,
            &matches,
        );
        let format = structure.format();
        for m in &mut matches {
            m.stage = matchday_core::Stage::typed_for(format, m);
        }
        let rules = record.rules.unwrap_or_else(|| {
            match (format, RuleSet::guess_from_name(&comp_name, Some(season))) {
                // An unknown group stage: the UEFA club rules are the commonest.
                (Format::GroupsKnockout, RuleSet::EnglishHistory) => RuleSet::UefaClubGroups,
                (_, guessed) => guessed,
            }
        });
        let zones = match format {
            _ if !record.zones.is_empty() => record.zones.clone(),
            Format::League => Zone::defaults_for(rules, season, team_count as u16),
            // Zones of a group stage are the places in each group of four.
            Format::GroupsKnockout => Zone::defaults_for(rules, season, 4),
            Format::Knockout => Vec::new(),
        };
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
            away_goals: record.away_goals.unwrap_or(false),
            rank_by: RankBy::Points,
        };
        let existing = self.competition_by_slug(&competition.slug, season)?;
        let existing_format = existing.as_ref().map(|c| c.format);
        let id = match existing {
            Some(stored) => {
                let id = stored.id.expect("stored");
                // A plain results file says nothing of rules; keep what the user set.
                if record.rules.is_some() || record.points.is_some() || !record.zones.is_empty() {
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
        // A competition-season new to the store whose file has each match once: every
        // match is new, with nothing stored to look up.
        let all_new = existing_format.is_none() && {
            let mut seen = foldhash::HashSet::with_capacity_and_hasher(matches.len(), Default::default());
            matches.iter().all(|m| {
                seen.insert((
                    m.pairing.home(),
                    m.pairing.away(),
                    m.round.as_deref().unwrap_or(""),
                    m.leg.unwrap_or(0),
                    m.replay,
                ))
            })
        };
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
            // Every test's import proves the season checked the same as the one stored.
            debug_assert!(
                self.matches(id)
                    .is_ok_and(|read| read == as_stored(&matches, Some(&inserted)))
            );
            debug_assert!(self.entrants(id).is_ok_and(|read| read == entrants));
            checked
        } else {
            let mut unplayed = 0;
            for m in &matches {
                match self.upsert_match(id, m)? {
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
            if existing_format.is_some() {
                // The structure comes from every match stored, which this file may complete
                // (a World Cup's group file, then its finals file).
                let format = match existing_format {
                    Some(Format::League) => Format::League,
                    _ => competition.format,
                };
                let structure = choose_structure(format, &competition.name, season, &self.matches(id)?);
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
        summary.teams_created = known.created;
        summary
            .competitions
            .push(format!("{} {}", competition.name, season));
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

/// The structure of a competition-season of `format` (as its file reads) from its
/// name, edition and matches. A league file may hold only its first rounds: a
/// league meets twice unless more meetings are seen.
fn choose_structure(
    format: Format,
    name: &str,
    season: matchday_core::Season,
    matches: &[Match],
) -> Structure {
    let facts = StructureFacts::of_matches(matches);
    match format {
        Format::League => Structure::league_for(name, season, facts.meetings),
        _ => Structure::chosen_for(name, season, &facts),
    }
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
    }
}
