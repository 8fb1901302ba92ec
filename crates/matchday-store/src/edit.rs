//! Correcting what is stored: one match, deduction or team name, chosen
//! unambiguously, edited or deleted inside the transaction [`crate::Store::write`]
//! opens. An edited match meets the same entry checks as a typed one
//! ([`matchday_core::check_new_match`]), on what is stored around it.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{
    Competition, CompetitionId, Deduction, Match, MatchId, MatchStatus, Pairing, TeamId, TextField,
    check_new_deduction, check_text, normalize_name,
};
use rusqlite::{OptionalExtension, params};

use crate::rows::{self, MATCH_COLUMNS, MatchRow};
use crate::{Reader, StoreError, Writer};

/// How a person chooses one stored match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchChoice {
    /// By the id `matchday results` and `matchday fixtures` show.
    Id(MatchId),
    /// By competition-season and teams (home side first), and by date where
    /// the two met that way round more than once.
    Teams {
        /// The competition-season.
        competition: CompetitionId,
        /// The teams, home side first.
        pairing: Pairing,
        /// The day, needed only when the pairing has more than one match.
        date: Option<NaiveDate>,
    },
}

/// A stored match offered when a choice names none or more than one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchCandidate {
    /// Its id.
    pub id: MatchId,
    /// Its day.
    pub date: NaiveDate,
    /// The home side's name.
    pub home: String,
    /// The away side's name.
    pub away: String,
    /// Its result, when it has one.
    pub result: Option<String>,
    /// Its status: "played", "scheduled", "postponed" and so on.
    pub status: &'static str,
}

impl fmt::Display for MatchCandidate {
    /// `#12 Northfield 2-1 Southbury on 2023-08-12`, `#15 Southbury v Northfield on 2023-09-02 (scheduled)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let home = matchday_core::escape_controls(&self.home);
        let away = matchday_core::escape_controls(&self.away);
        match &self.result {
            Some(result) => write!(f, "#{} {home} {result} {away} on {}", self.id.0, self.date),
            None => write!(
                f,
                "#{} {home} v {away} on {} ({})",
                self.id.0, self.date, self.status
            ),
        }
    }
}

/// A correction to a stored match: what is `None` stays as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchEdit {
    /// The new status: a result (played or awarded), or back to a fixture
    /// (scheduled, or postponed).
    pub status: Option<MatchStatus>,
    /// The new day (a rearranged fixture, or a date entered wrongly).
    pub date: Option<NaiveDate>,
    /// The new kick-off; `Some(None)` clears it.
    pub kickoff: Option<Option<NaiveTime>>,
}

/// What an edit or a deletion did to a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchChanged {
    /// The competition-season it belongs to.
    pub competition: Competition,
    /// The match as it was.
    pub before: Match,
    /// The match as it is now; `None` once deleted.
    pub after: Option<Match>,
}

/// A stored deduction's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeductionId(pub i64);

/// How a person chooses one stored deduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeductionChoice {
    /// By its id, which a refusal naming the candidates shows.
    Id(DeductionId),
    /// By competition-season and team, and by the day it took effect where the
    /// team has more than one.
    Team {
        /// The competition-season.
        competition: CompetitionId,
        /// The team.
        team: TeamId,
        /// The day it took effect.
        date: Option<NaiveDate>,
    },
}

/// A stored deduction offered when a choice names none or more than one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeductionCandidate {
    /// Its id.
    pub id: DeductionId,
    /// The team's name.
    pub team: String,
    /// Points taken (negative: given back).
    pub points: i32,
    /// The day it took effect.
    pub effective: NaiveDate,
}

impl fmt::Display for DeductionCandidate {
    /// `#3 Everton 10 points from 2023-11-17`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{} {} {} points from {}",
            self.id.0,
            matchday_core::escape_controls(&self.team),
            self.points,
            self.effective
        )
    }
}

/// A correction to a stored deduction: what is `None` stays as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeductionEdit {
    /// Points taken (negative: given back); never 0.
    pub points: Option<i32>,
    /// Why.
    pub reason: Option<String>,
}

/// What an edit or a deletion did to a deduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeductionChanged {
    /// The competition-season it belongs to.
    pub competition: Competition,
    /// The deduction as it was.
    pub before: Deduction,
    /// The deduction as it is now; `None` once deleted.
    pub after: Option<Deduction>,
}

/// What renaming a team did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The name it had, kept as an alias so files that spell it so still find the team.
    pub before: String,
    /// The name it has now.
    pub after: String,
}

impl<'c> Reader<'c> {
    /// The one stored match `choice` names, with its competition-season.
    ///
    /// # Errors
    /// [`StoreError::NoSuchMatch`] (naming the matches between the two teams
    /// that are stored) or [`StoreError::AmbiguousMatch`] (naming those it could be).
    pub fn choose_match(&self, choice: &MatchChoice) -> Result<(Competition, Match), StoreError> {
        match *choice {
            MatchChoice::Id(id) => {
                let sql = format!("SELECT competition_id, {MATCH_COLUMNS} FROM match WHERE id = ?1");
                let row = self
                    .conn
                    .query_row(&sql, [id.0], |r| {
                        Ok((r.get::<_, i64>(0)?, MatchRow::from_offset_row(r, 1)?))
                    })
                    .optional()?;
                match row {
                    Some((competition, row)) => {
                        Ok((self.competition(CompetitionId(competition))?, row.into_match()?))
                    }
                    None => Err(StoreError::NoSuchMatch {
                        wanted: format!("#{}", id.0),
                        candidates: Vec::new(),
                    }),
                }
            }
            MatchChoice::Teams {
                competition,
                pairing,
                date,
            } => {
                let comp = self.competition(competition)?;
                let between: Vec<Match> = self
                    .matches(competition)?
                    .into_iter()
                    .filter(|m| m.pairing.involves(pairing.home()) && m.pairing.involves(pairing.away()))
                    .collect();
                let mut chosen: Vec<&Match> = between
                    .iter()
                    .filter(|m| m.pairing == pairing && date.is_none_or(|d| m.date == d))
                    .collect();
                let names = self.team_names()?;
                let name = |t: TeamId| names.get(&t).cloned().unwrap_or_else(|| format!("team {}", t.0));
                let candidates = |ms: &[&Match]| ms.iter().map(|m| candidate(m, &name)).collect();
                match chosen.len() {
                    1 => Ok((comp, chosen.remove(0).clone())),
                    0 => Err(StoreError::NoSuchMatch {
                        wanted: format!(
                            "{} v {}{} in {} {}",
                            name(pairing.home()),
                            name(pairing.away()),
                            date.map(|d| format!(" on {d}")).unwrap_or_default(),
                            comp.name,
                            comp.season
                        ),
                        candidates: candidates(&between.iter().collect::<Vec<_>>()),
                    }),
                    _ => Err(StoreError::AmbiguousMatch {
                        wanted: format!("{} v {}", name(pairing.home()), name(pairing.away())),
                        candidates: candidates(&chosen),
                    }),
                }
            }
        }
    }

    /// The one stored deduction `choice` names, with its id and competition-season.
    ///
    /// # Errors
    /// [`StoreError::NoSuchDeduction`] or [`StoreError::AmbiguousDeduction`], naming the team's deductions.
    pub fn choose_deduction(
        &self,
        choice: &DeductionChoice,
    ) -> Result<(Competition, DeductionId, Deduction), StoreError> {
        let names = self.team_names()?;
        let name = |t: TeamId| names.get(&t).cloned().unwrap_or_else(|| format!("team {}", t.0));
        let (competition, stored, wanted) = match *choice {
            DeductionChoice::Id(id) => {
                let competition: Option<i64> = self
                    .conn
                    .query_row(
                        "SELECT competition_id FROM deduction WHERE id = ?1",
                        [id.0],
                        |r| r.get(0),
                    )
                    .optional()?;
                let Some(competition) = competition else {
                    return Err(StoreError::NoSuchDeduction {
                        wanted: format!("#{}", id.0),
                        candidates: Vec::new(),
                    });
                };
                let all = self.deductions_with_ids(CompetitionId(competition))?;
                let one: Vec<_> = all.into_iter().filter(|(d, _)| *d == id).collect();
                (CompetitionId(competition), one, format!("#{}", id.0))
            }
            DeductionChoice::Team {
                competition,
                team,
                date,
            } => {
                let own: Vec<_> = self
                    .deductions_with_ids(competition)?
                    .into_iter()
                    .filter(|(_, d)| d.team == team)
                    .collect();
                let chosen: Vec<_> = own
                    .iter()
                    .filter(|(_, d)| date.is_none_or(|day| d.effective == day))
                    .cloned()
                    .collect();
                let wanted = format!(
                    "{}{}",
                    name(team),
                    date.map(|d| format!(" from {d}")).unwrap_or_default()
                );
                if chosen.is_empty() {
                    let comp = self.competition(competition)?;
                    return Err(StoreError::NoSuchDeduction {
                        wanted: format!("{wanted} in {} {}", comp.name, comp.season),
                        candidates: own
                            .iter()
                            .map(|(id, d)| deduction_candidate(*id, d, &name))
                            .collect(),
                    });
                }
                (competition, chosen, wanted)
            }
        };
        match stored.as_slice() {
            [(id, d)] => Ok((self.competition(competition)?, *id, d.clone())),
            many => Err(StoreError::AmbiguousDeduction {
                wanted,
                candidates: many
                    .iter()
                    .map(|(id, d)| deduction_candidate(*id, d, &name))
                    .collect(),
            }),
        }
    }

    fn deductions_with_ids(
        &self,
        competition: CompetitionId,
    ) -> Result<Vec<(DeductionId, Deduction)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, team_id, points, effective, reason FROM deduction WHERE competition_id = ?1
             ORDER BY effective, id",
        )?;
        let raw: Vec<(i64, i64, i32, String, String)> = stmt
            .query_map([competition.0], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        raw.into_iter()
            .map(|(id, team, points, effective, reason)| {
                Ok((
                    DeductionId(id),
                    Deduction {
                        team: TeamId(team),
                        points,
                        effective: rows::parse_date(&effective)?,
                        reason,
                    },
                ))
            })
            .collect()
    }
}

fn candidate(m: &Match, name: &dyn Fn(TeamId) -> String) -> MatchCandidate {
    MatchCandidate {
        id: m.id.expect("stored"),
        date: m.date,
        home: name(m.pairing.home()),
        away: name(m.pairing.away()),
        result: m.status.result().map(ToString::to_string),
        status: m.status.name(),
    }
}

fn deduction_candidate(
    id: DeductionId,
    d: &Deduction,
    name: &dyn Fn(TeamId) -> String,
) -> DeductionCandidate {
    DeductionCandidate {
        id,
        team: name(d.team),
        points: d.points,
        effective: d.effective,
    }
}

impl<'c> Writer<'c> {
    /// Corrects the match `choice` names: its result, its status (back to a
    /// fixture, postponed), its date or its kick-off. The match as it will be
    /// stored meets the same checks as a typed entry, on every other match
    /// stored around it, in this transaction; an edit that changes nothing
    /// writes nothing.
    ///
    /// # Errors
    /// A choice naming no match or several, a date outside the season,
    /// [`StoreError::Refused`] for a match that cannot be, and database errors.
    pub fn edit_match(&mut self, choice: &MatchChoice, edit: &MatchEdit) -> Result<MatchChanged, StoreError> {
        let (competition, before) = self.choose_match(choice)?;
        let mut after = before.clone();
        if let Some(status) = edit.status {
            after.status = status;
        }
        if let Some(date) = edit.date {
            competition.season.check_date(date)?;
            after.date = date;
        }
        if let Some(kickoff) = edit.kickoff {
            after.kickoff = kickoff;
        }
        if after != before {
            self.check_edited(&competition, &before, &after)?;
            self.update_match(before.id.expect("stored"), &after)?;
        }
        Ok(MatchChanged {
            competition,
            before,
            after: Some(after),
        })
    }

    /// The entry checks of a match as edited. A refusal the stored match
    /// meets just as well is not the edit's doing: the checks see the match as
    /// entered last, so a first match whose replay is stored reads as a match
    /// of a tie already decided, and correcting its kick-off must not be refused.
    fn check_edited(
        &self,
        competition: &Competition,
        before: &Match,
        after: &Match,
    ) -> Result<(), StoreError> {
        match self.check_match(competition, before.id, after) {
            Err(StoreError::Refused(refusal)) => match self.check_match(competition, before.id, before) {
                Err(StoreError::Refused(stored)) if stored == refusal => Ok(()),
                _ => Err(StoreError::Refused(refusal)),
            },
            other => other,
        }
    }

    /// Deletes the match `choice` names (a fixture, or a result when
    /// `with_result`; a leg of a cup tie too): the row goes, nothing else
    /// changes. A result is only ever deleted when asked for by name, as a
    /// result wrongly entered for a match still to play goes back to a fixture
    /// ([`Writer::edit_match`] with [`MatchStatus::Scheduled`]) rather than disappear.
    ///
    /// # Errors
    /// A choice naming no match or several, [`StoreError::DeletesResult`] for
    /// a result not asked to be deleted, [`StoreError::Refused`] for the first
    /// leg of a tie whose second leg has a result, and database errors.
    pub fn delete_match(
        &mut self,
        choice: &MatchChoice,
        with_result: bool,
    ) -> Result<MatchChanged, StoreError> {
        let (competition, before) = self.choose_match(choice)?;
        if before.status.result().is_some() && !with_result {
            let names = self.team_names()?;
            let name = |t: TeamId| names.get(&t).cloned().unwrap_or_else(|| format!("team {}", t.0));
            return Err(StoreError::DeletesResult {
                stored: candidate(&before, &name),
            });
        }
        let others: Vec<Match> = self
            .matches(competition.id.expect("stored"))?
            .into_iter()
            .filter(|m| m.id != before.id)
            .collect();
        matchday_core::check_removal(&others, &before).map_err(StoreError::Refused)?;
        self.conn()
            .prepare_cached("DELETE FROM match WHERE id = ?1")?
            .execute([before.id.expect("stored").0])?;
        Ok(MatchChanged {
            competition,
            before,
            after: None,
        })
    }

    /// Corrects the deduction `choice` names: its points or its reason,
    /// checked as a new deduction is ([`matchday_core::check_new_deduction`])
    /// against the team's others.
    ///
    /// # Errors
    /// A choice naming no deduction or several, 0 points, a reason that
    /// cannot be stored, the same deduction already stored,
    /// [`StoreError::Refused`] for points given back that were never taken.
    pub fn edit_deduction(
        &mut self,
        choice: &DeductionChoice,
        edit: &DeductionEdit,
    ) -> Result<DeductionChanged, StoreError> {
        let (competition, id, before) = self.choose_deduction(choice)?;
        let after = Deduction {
            points: edit.points.unwrap_or(before.points),
            reason: edit
                .reason
                .as_deref()
                .map_or_else(|| before.reason.clone(), |r| r.trim().to_string()),
            ..before.clone()
        };
        if after.points == 0 {
            return Err(StoreError::ZeroDeduction);
        }
        check_text(TextField::Reason, &after.reason, false)?;
        if after != before {
            let comp_id = competition.id.expect("stored");
            let others: Vec<Deduction> = self
                .deductions_with_ids(comp_id)?
                .into_iter()
                .filter(|(other, _)| *other != id)
                .map(|(_, d)| d)
                .collect();
            if let Some(same) = others
                .iter()
                .find(|d| d.team == after.team && d.effective == after.effective && d.points == after.points)
            {
                return Err(StoreError::DeductionStored {
                    reason: same.reason.clone(),
                });
            }
            check_new_deduction(&competition, &self.entrants(comp_id)?, &others, &after)
                .map_err(StoreError::Refused)?;
            self.conn()
                .prepare_cached("UPDATE deduction SET points = ?2, reason = ?3 WHERE id = ?1")?
                .execute(params![id.0, after.points, after.reason])?;
        }
        Ok(DeductionChanged {
            competition,
            before,
            after: Some(after),
        })
    }

    /// Deletes the deduction `choice` names. Points given back later by
    /// another deduction must still have been taken first, so a deletion that
    /// would leave them giving back more than was taken is refused.
    ///
    /// # Errors
    /// A choice naming no deduction or several, [`StoreError::Refused`], and database errors.
    pub fn delete_deduction(&mut self, choice: &DeductionChoice) -> Result<DeductionChanged, StoreError> {
        let (competition, id, before) = self.choose_deduction(choice)?;
        let comp_id = competition.id.expect("stored");
        let others: Vec<Deduction> = self
            .deductions_with_ids(comp_id)?
            .into_iter()
            .filter(|(other, _)| *other != id)
            .map(|(_, d)| d)
            .collect();
        // Every remaining deduction of the team must still be one that could be entered.
        let entrants = self.entrants(comp_id)?;
        for d in others.iter().filter(|d| d.team == before.team) {
            match check_new_deduction(&competition, &entrants, &others, d) {
                // A deduction stored in a cup before cups refused them can still be deleted.
                Ok(()) | Err(matchday_core::Refusal::NoTable) => {}
                Err(refusal) => return Err(StoreError::Refused(refusal)),
            }
        }
        self.conn()
            .prepare_cached("DELETE FROM deduction WHERE id = ?1")?
            .execute([id.0])?;
        Ok(DeductionChanged {
            competition,
            before,
            after: None,
        })
    }

    /// Gives a team another name to show. The old name is kept as an alias,
    /// so a file that spells it the old way still finds the same team.
    ///
    /// # Errors
    /// A name that cannot be stored, and [`StoreError::TeamExists`] or
    /// [`StoreError::AliasTaken`] when the name is another team's.
    pub fn rename_team(&mut self, team: TeamId, name: &str) -> Result<Renamed, StoreError> {
        let name = name.trim();
        check_text(TextField::TeamName, name, true)?;
        let key = normalize_name(name);
        if key.is_empty() {
            return Err(matchday_core::TextError::NoLetterOrDigit {
                field: TextField::TeamName,
                text: name.into(),
            }
            .into());
        }
        let names = self.team_names()?;
        let before = names.get(&team).cloned().ok_or_else(|| StoreError::UnknownTeam {
            name: format!("#{}", team.0),
            candidates: Vec::new(),
        })?;
        if let Some(owner) = self.owner_of(&key)?
            && owner != team
        {
            return Err(StoreError::TeamExists(
                names.get(&owner).cloned().unwrap_or_default(),
            ));
        }
        let old_key = normalize_name(&before);
        // The new name's form is the team's key now, so no alias repeats it.
        self.conn()
            .prepare_cached("DELETE FROM team_alias WHERE team_id = ?1 AND key = ?2")?
            .execute(params![team.0, key])?;
        self.conn()
            .prepare_cached("UPDATE team SET name = ?2, key = ?3 WHERE id = ?1")?
            .execute(params![team.0, name, key])?;
        if old_key != key && !old_key.is_empty() {
            self.add_alias(team, &before)?;
        }
        Ok(Renamed {
            before,
            after: name.to_string(),
        })
    }

    fn owner_of(&self, key: &str) -> Result<Option<TeamId>, StoreError> {
        let owner = self
            .conn()
            .prepare_cached(
                "SELECT id FROM team WHERE key = ?1 UNION SELECT team_id FROM team_alias WHERE key = ?1 LIMIT 1",
            )?
            .query_row([key], |r| r.get::<_, i64>(0))
            .optional()?;
        Ok(owner.map(TeamId))
    }
}

#[cfg(test)]
mod tests;
