//! Mapping between rows and core types.

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{
    Competition, CompetitionId, MatchId, MatchResult, MatchStatus, Pairing, Score, Season, TeamId, Venue,
};
use rusqlite::Row;

use crate::StoreError;

pub(crate) const MATCH_COLUMNS: &str = "id, date, kickoff, home_id, away_id, venue, round, grp, leg, replay, \
     status, ft_home, ft_away, ht_home, ht_away, et_home, et_away, pen_home, pen_away";

pub(crate) const COMPETITION_COLUMNS: &str =
    "id, slug, name, season, format, rules, points, away_goals, rank_by";

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn corrupt(table: &'static str, detail: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        table,
        detail: detail.into(),
    }
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt("match", format!("bad date {text}")))
}

/// The row's columns in [`MATCH_COLUMNS`] order, before checking.
pub(crate) struct MatchRow {
    id: i64,
    date: String,
    kickoff: Option<String>,
    home: i64,
    away: i64,
    venue: String,
    round: String,
    group: String,
    leg: i64,
    replay: bool,
    status: String,
    scores: [Option<i64>; 8],
}

impl MatchRow {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<MatchRow> {
        MatchRow::from_offset_row(row, 0)
    }

    /// Reads the match columns starting at column `at`.
    pub(crate) fn from_offset_row(row: &Row<'_>, at: usize) -> rusqlite::Result<MatchRow> {
        let mut scores = [None; 8];
        for (i, slot) in scores.iter_mut().enumerate() {
            *slot = row.get(at + 11 + i)?;
        }
        Ok(MatchRow {
            id: row.get(at)?,
            date: row.get(at + 1)?,
            kickoff: row.get(at + 2)?,
            home: row.get(at + 3)?,
            away: row.get(at + 4)?,
            venue: row.get(at + 5)?,
            round: row.get(at + 6)?,
            group: row.get(at + 7)?,
            leg: row.get(at + 8)?,
            replay: row.get(at + 9)?,
            status: row.get(at + 10)?,
            scores,
        })
    }

    pub(crate) fn into_match(self) -> Result<matchday_core::Match, StoreError> {
        let score = |i: usize| -> Result<Option<Score>, StoreError> {
            match (self.scores[i], self.scores[i + 1]) {
                (Some(h), Some(a)) => {
                    let side = |g: i64| u32::try_from(g).map_err(|_| corrupt("match", format!("goals {g}")));
                    Ok(Some(Score::new(side(h)?, side(a)?)?))
                }
                (None, None) => Ok(None),
                _ => Err(corrupt("match", "half a score")),
            }
        };
        let result = || -> Result<MatchResult, StoreError> {
            let ft = score(0)?.ok_or_else(|| corrupt("match", "played match without a score"))?;
            // A second leg's extra time follows a level aggregate, not a level match.
            if self.leg == 2 {
                Ok(MatchResult::second_leg(ft, score(2)?, score(4)?, score(6)?)?)
            } else {
                Ok(MatchResult::new(ft, score(2)?, score(4)?, score(6)?)?)
            }
        };
        let status = match self.status.as_str() {
            "scheduled" => MatchStatus::Scheduled,
            "played" => MatchStatus::Played(result()?),
            "postponed" => MatchStatus::Postponed,
            "abandoned" => MatchStatus::Abandoned,
            "cancelled" => MatchStatus::Cancelled,
            "awarded" => MatchStatus::Awarded(result()?),
            other => return Err(corrupt("match", format!("status {other}"))),
        };
        let kickoff = match self.kickoff {
            Some(t) => Some(
                NaiveTime::parse_from_str(&t, "%H:%M")
                    .map_err(|_| corrupt("match", format!("kick-off {t}")))?,
            ),
            None => None,
        };
        Ok(matchday_core::Match {
            id: Some(MatchId(self.id)),
            date: parse_date(&self.date)?,
            kickoff,
            pairing: Pairing::new(TeamId(self.home), TeamId(self.away))?,
            venue: if self.venue == "neutral" {
                Venue::Neutral
            } else {
                Venue::Home
            },
            round: Some(self.round).filter(|r| !r.is_empty()),
            group: Some(self.group).filter(|g| !g.is_empty()),
            leg: u8::try_from(self.leg).ok().filter(|l| *l > 0),
            replay: self.replay,
            status,
        })
    }
}

/// The score columns of a status, in schema order.
pub(crate) fn score_columns(status: &MatchStatus) -> [Option<i64>; 8] {
    let mut cols = [None; 8];
    if let Some(r) = status.result() {
        let parts = [Some(r.score()), r.half_time(), r.extra_time(), r.penalties()];
        for (i, part) in parts.iter().enumerate() {
            if let Some(s) = part {
                cols[2 * i] = Some(i64::from(s.home()));
                cols[2 * i + 1] = Some(i64::from(s.away()));
            }
        }
    }
    cols
}

pub(crate) fn venue_text(venue: Venue) -> &'static str {
    match venue {
        Venue::Home => "home",
        Venue::Neutral => "neutral",
    }
}

pub(crate) fn competition_from_row(row: &Row<'_>) -> rusqlite::Result<Result<Competition, StoreError>> {
    let id: i64 = row.get(0)?;
    let slug: String = row.get(1)?;
    let name: String = row.get(2)?;
    let season: String = row.get(3)?;
    let format: String = row.get(4)?;
    let rules: String = row.get(5)?;
    let points: String = row.get(6)?;
    let away_goals: bool = row.get(7)?;
    let rank_by: String = row.get(8)?;
    Ok((|| {
        Ok(Competition {
            id: Some(CompetitionId(id)),
            slug,
            name,
            season: season.parse::<Season>()?,
            format: format.parse()?,
            rules: rules.parse()?,
            points: points.parse()?,
            zones: Vec::new(),
            away_goals,
            rank_by: rank_by.parse()?,
        })
    })())
}
