//! Mapping between rows and core types.

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{
    Competition, CompetitionId, ExtraTimeAfter, Format, LiveScore, MatchId, MatchResult, MatchStatus, Minute,
    Pairing, Round, Score, Season, Settlement, Side, Stage, Structure, TeamId, Venue,
};
use rusqlite::Row;

use crate::StoreError;

pub(crate) const MATCH_COLUMNS: &str = "id, date, kickoff, home_id, away_id, venue, round, grp, leg, replay, \
     status, ft_home, ft_away, ht_home, ht_away, et_home, et_away, pen_home, pen_away, \
     stage, round_kind, round_number, settlement, live_home, live_away, live_minute";

pub(crate) const COMPETITION_COLUMNS: &str =
    "id, slug, name, season, format, rules, points, away_goals, structure, rank_by";

pub(crate) fn date_text(date: NaiveDate) -> String {
    DateColumn::of(date).as_str().to_string()
}

/// A date as its column stores it (`YYYY-MM-DD`), bound without allocating: an import
/// writes 200,000, and formatting each into a new string was a twentieth of its inserts.
pub(crate) enum DateColumn {
    /// A year in 0..=9999 (every football season), written directly.
    Short([u8; 10]),
    /// Any other year, through chrono's formatting.
    Long(String),
}

impl DateColumn {
    pub(crate) fn of(date: NaiveDate) -> DateColumn {
        use chrono::Datelike;
        match u32::try_from(date.year()) {
            Ok(year) if year <= 9999 => {
                let digit = |n: u32| b'0' + (n % 10) as u8;
                let (month, day) = (date.month(), date.day());
                DateColumn::Short([
                    digit(year / 1000),
                    digit(year / 100),
                    digit(year / 10),
                    digit(year),
                    b'-',
                    digit(month / 10),
                    digit(month),
                    b'-',
                    digit(day / 10),
                    digit(day),
                ])
            }
            _ => DateColumn::Long(date.format("%Y-%m-%d").to_string()),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            DateColumn::Short(bytes) => std::str::from_utf8(bytes).expect("ASCII digits and dashes"),
            DateColumn::Long(text) => text,
        }
    }
}

impl rusqlite::ToSql for DateColumn {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Borrowed(
            rusqlite::types::ValueRef::Text(self.as_str().as_bytes()),
        ))
    }
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

/// `err`, met reading row `row` of `table`, as that row not reading back: what it holds
/// that cannot be, so the row can be named. Errors that are not about the row's values
/// (a busy database, a failing disk) are left as they are.
pub(crate) fn unreadable(table: &'static str, row: i64, err: StoreError) -> StoreError {
    use rusqlite::Error as Sql;
    let problem = match err {
        StoreError::Corrupt { detail, .. } => detail,
        StoreError::Domain(err) => format!("a value that cannot be: {err}"),
        StoreError::Sqlite(Sql::InvalidColumnType(_, column, kind)) => {
            format!("a value of type {kind} in its {column} column, which cannot hold one")
        }
        StoreError::Sqlite(
            err @ (Sql::FromSqlConversionFailure(..) | Sql::IntegralValueOutOfRange(..) | Sql::Utf8Error(..)),
        ) => format!("a value that cannot be read: {err}"),
        other => return other,
    };
    StoreError::UnreadableRow { table, row, problem }
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    // Every stored date is written by `date_text`: read that shape directly, as reading a
    // league history reads 200,000 of them; anything else goes through chrono's parser.
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
        && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
    {
        return Ok(date);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| corrupt("match", format!("a date that is not a date: '{text}'")))
}

/// The date in column `at`: text as [`date_text`] writes it, else an error quoting what is there.
pub(crate) fn date_at(row: &Row<'_>, at: usize) -> rusqlite::Result<Result<NaiveDate, StoreError>> {
    Ok(match row.get_ref(at)? {
        rusqlite::types::ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => parse_date(text),
            Err(_) => parse_date(&String::from_utf8_lossy(bytes)),
        },
        _ => parse_date(&lossy_text(row, at)?),
    })
}

/// The row's columns in [`MATCH_COLUMNS`] order, before checking.
pub(crate) struct MatchRow {
    id: i64,
    /// Read as it is fetched, as the text is then not copied out of SQLite.
    date: Result<NaiveDate, StoreError>,
    kickoff: Option<String>,
    home: i64,
    away: i64,
    /// Whether the venue is `neutral` (anything else is the home side's ground).
    neutral: bool,
    round: String,
    group: String,
    leg: i64,
    replay: bool,
    /// One of [`MatchStatus`]'s names, or what the row held instead.
    status: std::borrow::Cow<'static, str>,
    scores: [Option<i64>; 8],
    stage: StageColumns,
    /// What settled a level match without its kicks (migration 0010).
    settlement: Option<String>,
    /// The score so far and the minute of a match in play (migration 0012).
    live: [Option<i64>; 3],
}

impl MatchRow {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<MatchRow> {
        MatchRow::from_offset_row(row, 0)
    }

    /// Reads the match columns starting at column `at`; a value that cannot be read is an
    /// error naming the row ([`StoreError::UnreadableRow`]).
    pub(crate) fn read(row: &Row<'_>, at: usize) -> rusqlite::Result<Result<MatchRow, StoreError>> {
        let id: i64 = row.get(at)?;
        Ok(MatchRow::from_offset_row(row, at).map_err(|err| unreadable("match", id, err.into())))
    }

    /// Reads the match columns starting at column `at`.
    pub(crate) fn from_offset_row(row: &Row<'_>, at: usize) -> rusqlite::Result<MatchRow> {
        let mut scores = [None; 8];
        for (i, slot) in scores.iter_mut().enumerate() {
            *slot = row.get(at + 11 + i)?;
        }
        Ok(MatchRow {
            id: row.get(at)?,
            date: date_at(row, at + 1)?,
            kickoff: row.get(at + 2)?,
            home: row.get(at + 3)?,
            away: row.get(at + 4)?,
            neutral: row.get_ref(at + 5)?.as_str()? == "neutral",
            round: row.get(at + 6)?,
            group: row.get(at + 7)?,
            leg: row.get(at + 8)?,
            replay: row.get(at + 9)?,
            status: {
                // The statuses by name, so reading 200,000 rows copies none.
                const NAMES: [&str; 6] = [
                    "scheduled",
                    "played",
                    "postponed",
                    "abandoned",
                    "cancelled",
                    "awarded",
                ];
                let text = row.get_ref(at + 10)?.as_str()?;
                NAMES
                    .iter()
                    .find(|&&n| n == text)
                    .map_or_else(|| text.to_string().into(), |&n| n.into())
            },
            scores,
            stage: StageColumns {
                stage: row.get(at + 19)?,
                round_kind: row.get(at + 20)?,
                round_number: row.get(at + 21)?,
            },
            settlement: row.get(at + 22)?,
            live: [row.get(at + 23)?, row.get(at + 24)?, row.get(at + 25)?],
        })
    }

    /// The match the row holds; one that cannot be is an error naming the row.
    pub(crate) fn into_match(self) -> Result<matchday_core::Match, StoreError> {
        let id = self.id;
        self.checked().map_err(|err| unreadable("match", id, err))
    }

    fn checked(self) -> Result<matchday_core::Match, StoreError> {
        let score = |i: usize| -> Result<Option<Score>, StoreError> {
            match (self.scores[i], self.scores[i + 1]) {
                (Some(h), Some(a)) => {
                    let side = |g: i64| {
                        u32::try_from(g).map_err(|_| corrupt("match", format!("a score of {g} goals")))
                    };
                    Ok(Some(Score::new(side(h)?, side(a)?)?))
                }
                (None, None) => Ok(None),
                _ => Err(corrupt("match", "half a score")),
            }
        };
        let result = || -> Result<MatchResult, StoreError> {
            // A second leg's extra time follows a level aggregate, not a level match.
            let after = if self.leg == 2 {
                ExtraTimeAfter::LevelAggregate
            } else {
                ExtraTimeAfter::LevelMatch
            };
            // The 90-minute score is absent when only the score after extra time was given.
            let result = MatchResult::from_parts(score(0)?, score(2)?, score(4)?, score(6)?, after)?;
            Ok(match self.settlement.as_deref() {
                None => result,
                Some(text) => result.settled(settlement_of(text)?, after)?,
            })
        };
        let live = || -> Result<Option<LiveScore>, StoreError> {
            let minute = self.live[2].map(Minute::new).transpose()?;
            Ok(match (self.live[0], self.live[1]) {
                (Some(h), Some(a)) => {
                    let side = |g: i64| {
                        u32::try_from(g).map_err(|_| corrupt("match", format!("a live score of {g} goals")))
                    };
                    Some(LiveScore::new(Score::new(side(h)?, side(a)?)?, minute))
                }
                (None, None) if minute.is_none() => None,
                (None, None) => return Err(corrupt("match", "a live minute without a live score")),
                _ => return Err(corrupt("match", "half a live score")),
            })
        };
        // A match in play is stored as a fixture with its score so far beside it.
        let live = live()?;
        if live.is_some() && self.status != "scheduled" {
            return Err(corrupt(
                "match",
                format!("a live score on a match whose status is '{}'", self.status),
            ));
        }
        let status = match &*self.status {
            "scheduled" => live.map_or(MatchStatus::Scheduled, MatchStatus::Live),
            "played" => MatchStatus::Played(result()?),
            "postponed" => MatchStatus::Postponed,
            "abandoned" => MatchStatus::Abandoned,
            "cancelled" => MatchStatus::Cancelled,
            "awarded" => MatchStatus::Awarded(result()?),
            other => {
                return Err(corrupt(
                    "match",
                    format!("a status matchday does not know: '{other}'"),
                ));
            }
        };
        let kickoff = match self.kickoff {
            Some(t) => Some(
                NaiveTime::parse_from_str(&t, "%H:%M")
                    .map_err(|_| corrupt("match", format!("a kick-off that is not a time: '{t}'")))?,
            ),
            None => None,
        };
        Ok(matchday_core::Match {
            id: Some(MatchId(self.id)),
            date: self.date?,
            kickoff,
            pairing: Pairing::new(TeamId(self.home), TeamId(self.away))?,
            venue: if self.neutral { Venue::Neutral } else { Venue::Home },
            round: Some(self.round).filter(|r| !r.is_empty()),
            stage: self.stage.into_stage()?,
            group: Some(self.group).filter(|g| !g.is_empty()),
            leg: u8::try_from(self.leg).ok().filter(|l| *l > 0),
            replay: self.replay,
            status,
        })
    }
}

/// The typed stage and round columns of a match (migration 0005).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct StageColumns {
    pub(crate) stage: Option<String>,
    pub(crate) round_kind: Option<String>,
    pub(crate) round_number: Option<i64>,
}

impl StageColumns {
    /// The columns for `stage`: all NULL for none.
    pub(crate) fn of(stage: Option<Stage>) -> StageColumns {
        let (kind, number) = match stage {
            None => {
                return StageColumns::default();
            }
            Some(Stage::Group) => {
                return StageColumns {
                    stage: Some("group".into()),
                    ..StageColumns::default()
                };
            }
            Some(Stage::Knockout(round)) => match round {
                Round::Preliminary => ("preliminary", None),
                Round::Qualifying(n) => ("qualifying", Some(i64::from(n))),
                Round::QualifyingPlayoff => ("qualifying_playoff", None),
                Round::Numbered(n) => ("numbered", Some(i64::from(n))),
                Round::Playoff => ("playoff", None),
                Round::RoundOf(n) => ("round_of", Some(i64::from(n))),
                Round::QuarterFinal => ("quarter_final", None),
                Round::SemiFinal => ("semi_final", None),
                Round::ThirdPlace => ("third_place", None),
                Round::Final => ("final", None),
            },
        };
        StageColumns {
            stage: Some("knockout".into()),
            round_kind: Some(kind.into()),
            round_number: number,
        }
    }

    /// The stage the columns hold.
    pub(crate) fn into_stage(self) -> Result<Option<Stage>, StoreError> {
        let bad = |what: String| corrupt("match", what);
        let number = |n: Option<i64>| n.ok_or_else(|| bad("a round without its number".into()));
        match (self.stage.as_deref(), self.round_kind.as_deref()) {
            (None, None) => Ok(None),
            (Some("group"), None) => Ok(Some(Stage::Group)),
            (Some("knockout"), Some(kind)) => {
                let round = match kind {
                    "numbered" => Round::Numbered(
                        u8::try_from(number(self.round_number)?)
                            .map_err(|_| bad("a round number out of range".into()))?,
                    ),
                    "playoff" => Round::Playoff,
                    "preliminary" => Round::Preliminary,
                    "qualifying" => Round::Qualifying(
                        u8::try_from(number(self.round_number)?)
                            .map_err(|_| bad("a round number out of range".into()))?,
                    ),
                    "qualifying_playoff" => Round::QualifyingPlayoff,
                    "round_of" => Round::RoundOf(
                        u16::try_from(number(self.round_number)?)
                            .map_err(|_| bad("a round size out of range".into()))?,
                    ),
                    "quarter_final" => Round::QuarterFinal,
                    "semi_final" => Round::SemiFinal,
                    "third_place" => Round::ThirdPlace,
                    "final" => Round::Final,
                    other => return Err(bad(format!("a round matchday does not know: '{other}'"))),
                };
                Ok(Some(Stage::Knockout(round)))
            }
            (stage, kind) => Err(bad(format!("the stage {stage:?} with the round {kind:?}"))),
        }
    }
}

/// The `settlement` column of a status: a level match settled without its
/// kicks known (a shoot-out with its kicks is in the penalty columns).
pub(crate) fn settlement_column(status: &MatchStatus) -> Option<&'static str> {
    match status.result()?.settlement()? {
        Settlement::Penalties(_) => None,
        Settlement::PenaltiesUnrecorded(Side::Home) => Some("penalties_home"),
        Settlement::PenaltiesUnrecorded(Side::Away) => Some("penalties_away"),
        Settlement::Lot(Side::Home) => Some("lot_home"),
        Settlement::Lot(Side::Away) => Some("lot_away"),
        Settlement::NotRecorded(Side::Home) => Some("unrecorded_home"),
        Settlement::NotRecorded(Side::Away) => Some("unrecorded_away"),
    }
}

/// The settlement a `settlement` column holds.
fn settlement_of(text: &str) -> Result<Settlement, StoreError> {
    Ok(match text {
        "penalties_home" => Settlement::PenaltiesUnrecorded(Side::Home),
        "penalties_away" => Settlement::PenaltiesUnrecorded(Side::Away),
        "lot_home" => Settlement::Lot(Side::Home),
        "lot_away" => Settlement::Lot(Side::Away),
        "unrecorded_home" => Settlement::NotRecorded(Side::Home),
        "unrecorded_away" => Settlement::NotRecorded(Side::Away),
        other => {
            return Err(corrupt(
                "match",
                format!("a settlement matchday does not know: '{other}'"),
            ));
        }
    })
}

/// The `status` column of a status: a match in play is a fixture still, with its score so
/// far in the live columns ([`live_columns`]), so no query of fixtures or results by status
/// takes it for played.
pub(crate) fn status_column(status: &MatchStatus) -> &'static str {
    match status {
        MatchStatus::Live(_) => MatchStatus::Scheduled.name(),
        other => other.name(),
    }
}

/// The live columns of a status, in schema order: `live_home`, `live_away`, `live_minute`.
pub(crate) fn live_columns(status: &MatchStatus) -> [Option<i64>; 3] {
    match status.live() {
        Some(live) => [
            Some(i64::from(live.score().home())),
            Some(i64::from(live.score().away())),
            live.minute().map(i64::from),
        ],
        None => [None; 3],
    }
}

/// The score columns of a status, in schema order.
pub(crate) fn score_columns(status: &MatchStatus) -> [Option<i64>; 8] {
    let mut cols = [None; 8];
    if let Some(r) = status.result() {
        let parts = [r.score(), r.half_time(), r.extra_time(), r.penalties()];
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

/// The competition of a row in [`COMPETITION_COLUMNS`] order; a row whose values do not
/// read back is an error naming it ([`StoreError::UnreadableRow`]).
pub(crate) fn competition_from_row(row: &Row<'_>) -> rusqlite::Result<Result<Competition, StoreError>> {
    let id: i64 = row.get(0)?;
    Ok(competition_of(row, id).map_err(|err| unreadable("competition", id, err)))
}

fn competition_of(row: &Row<'_>, id: i64) -> Result<Competition, StoreError> {
    let slug: String = row.get(1)?;
    let name: String = row.get(2)?;
    let season: String = row.get(3)?;
    let format: String = row.get(4)?;
    let rules: String = row.get(5)?;
    let points: String = row.get(6)?;
    let away_goals: bool = row.get(7)?;
    let structure: Option<String> = row.get(8)?;
    let rank_by: String = row.get(9)?;
    let format: Format = format.parse()?;
    let structure = match structure {
        // Read through the structure's own check, so a stored structure is a valid one.
        Some(json) => serde_json::from_str::<Structure>(&json)
            .map_err(|e| corrupt("competition", format!("a structure that cannot be: {e}")))?,
        None => Structure::of_format(format),
    };
    if structure.format() != format {
        return Err(corrupt(
            "competition",
            format!("the format {format} but a structure of {}", structure.format()),
        ));
    }
    Ok(Competition {
        id: Some(CompetitionId(id)),
        slug,
        name,
        season: season.parse::<Season>()?,
        format,
        structure,
        rules: rules.parse()?,
        points: points.parse()?,
        zones: Vec::new(),
        away_goals,
        rank_by: rank_by.parse()?,
    })
}

/// A column's value as text whatever it holds, for naming a row that may not read back.
pub(crate) fn lossy_text(row: &Row<'_>, at: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match row.get_ref(at)? {
        ValueRef::Text(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null | ValueRef::Blob(_) => String::new(),
    })
}

/// The structure column of a competition.
pub(crate) fn structure_text(structure: &Structure) -> String {
    serde_json::to_string(structure).expect("a structure serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (1888, 9, 8),
            (2024, 2, 1),
            (999, 12, 31),
            (10000, 1, 1),
            (-5, 3, 4),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date_text(date), date.format("%Y-%m-%d").to_string());
            if (0..=9999).contains(&y) {
                assert_eq!(parse_date(&date_text(date)).unwrap(), date);
            }
        }
    }

    #[test]
    fn every_stage_survives_its_columns() {
        let mut stages = vec![None, Some(Stage::Group)];
        let rounds = [
            Round::Numbered(3),
            Round::Playoff,
            Round::RoundOf(32),
            Round::QuarterFinal,
            Round::SemiFinal,
            Round::ThirdPlace,
            Round::Final,
        ];
        stages.extend(rounds.map(|r| Some(Stage::Knockout(r))));
        for stage in stages {
            assert_eq!(StageColumns::of(stage).into_stage().unwrap(), stage);
        }
        let odd = StageColumns {
            stage: Some("group".into()),
            round_kind: Some("final".into()),
            round_number: None,
        };
        assert!(odd.into_stage().is_err());
    }
}
