//! What `matchday export` writes, behind one seam: any format the
//! [`FileFormat`] registry writes (one competition-season each), and the two
//! that list matches from any number of them: CSV (one row per match) and an
//! iCalendar file for a calendar app.
//!
//! ```
//! use matchday_formats::{ExportFormat, ExportOptions, ExportSeason};
//!
//! let text = "matchday-season 1\ncompetition: Premier League\nslug: premier-league\nseason: 2023-24\n\
//!             == Matchday 22\n2024-01-31 20:15 | Liverpool FC | Chelsea FC | 4-1 (2-0)\n";
//! let record = matchday_formats::season_file::parse(text)?;
//! let seasons = [ExportSeason::new(record, vec![Some(7)])];
//! let csv = ExportFormat::named("csv")?.write(&seasons, &ExportOptions::default())?;
//! assert!(csv.lines().nth(1).unwrap().starts_with("7,Premier League,premier-league,2023-24,2024-01-31,20:15,Matchday 22"));
//! let ics = ExportFormat::named("ics")?.write(&seasons, &ExportOptions::default())?;
//! assert!(ics.contains("SUMMARY:Liverpool FC 4-1 Chelsea FC\r\n"));
//! assert!(ExportFormat::named("season")?.write(&seasons, &ExportOptions::default())?.contains("| 4-1 (2-0)"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, Utc};
use matchday_core::{MatchRecord, MatchStatus, SeasonRecord, Side, Venue};

use crate::{FileFormat, FormatError, calendar};

/// One competition-season to export: its record, and each match's stored id
/// in the same order (none for a match not stored), which calendar events
/// are named by so that a re-import updates them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSeason {
    record: SeasonRecord,
    ids: Vec<Option<i64>>,
}

impl ExportSeason {
    /// A season with its matches' ids, one per match; missing ids are none
    /// and extra ones are dropped, so the two always line up.
    pub fn new(record: SeasonRecord, mut ids: Vec<Option<i64>>) -> ExportSeason {
        ids.resize(record.matches.len(), None);
        ExportSeason { record, ids }
    }

    /// The record.
    pub fn record(&self) -> &SeasonRecord {
        &self.record
    }

    /// Each match with its stored id, in order.
    pub fn matches(&self) -> impl Iterator<Item = (Option<i64>, &MatchRecord)> {
        self.ids.iter().copied().zip(&self.record.matches)
    }

    /// The competition's slug: the record's, or one made from its name.
    pub fn slug(&self) -> String {
        self.record
            .slug
            .clone()
            .unwrap_or_else(|| matchday_core::Competition::slug_for(&self.record.competition))
    }

    /// Keeps only the matches `keep` accepts (a team's), with their ids.
    pub fn retain(&mut self, keep: impl Fn(&MatchRecord) -> bool) {
        let (ids, matches): (Vec<_>, Vec<_>) = std::mem::take(&mut self.ids)
            .into_iter()
            .zip(std::mem::take(&mut self.record.matches))
            .filter(|(_, m)| keep(m))
            .unzip();
        self.ids = ids;
        self.record.matches = matches;
    }
}

/// How to write a calendar: its name, its time stamp and its time zone.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The calendar's name, shown by calendar apps (`X-WR-CALNAME`); none
    /// gives one made from the competitions.
    pub calendar_name: Option<String>,
    /// When the calendar was made (`DTSTAMP`); none gives the Unix epoch, so
    /// tests and diffs see the same text.
    pub stamp: Option<DateTime<Utc>>,
    /// The zone kick-off times are in, for every season: none guesses each
    /// competition's from its name ([`calendar::TimeZone::guess`]).
    pub time_zone: Option<calendar::ZoneChoice>,
}

/// A format `matchday export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A format of the registry that writes: one competition-season.
    File(FileFormat),
    /// CSV, one row per match with every part of its score.
    Csv,
    /// iCalendar (RFC 5545), one event per match.
    Calendar,
}

/// A season that cannot be exported as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// No export format has this name, or it is only read.
    #[error("{0}")]
    Format(#[from] FormatError),
    /// A file format holds one competition-season, and this many were asked for.
    #[error(
        "{format} holds one competition-season, but {count} were asked for: name the competition \
         and season, or export csv or ics"
    )]
    OneSeasonOnly {
        /// The format's name.
        format: &'static str,
        /// How many seasons were given.
        count: usize,
    },
}

impl ExportFormat {
    /// The export format called `name`: `csv`, `ics` (or `ical`,
    /// `icalendar`), or any format the registry writes (`season`, `json`).
    ///
    /// # Errors
    /// [`FormatError::Unknown`] listing what can be exported, or
    /// [`FormatError::NotWritable`] for a format that is only read.
    pub fn named(name: &str) -> Result<ExportFormat, FormatError> {
        match name.trim().to_lowercase().as_str() {
            "csv" => return Ok(ExportFormat::Csv),
            "ics" | "ical" | "icalendar" | "calendar" => return Ok(ExportFormat::Calendar),
            _ => {}
        }
        match FileFormat::named(name) {
            Ok(format) if format.can_write() => Ok(ExportFormat::File(format)),
            Ok(format) => Err(FormatError::NotWritable {
                name: format.name(),
                writable: Self::names(),
            }),
            Err(_) => Err(FormatError::Unknown {
                name: name.to_string(),
                known: Self::names(),
            }),
        }
    }

    /// The names export takes, comma-separated.
    pub fn names() -> String {
        let mut names: Vec<String> = FileFormat::all()
            .iter()
            .filter(|f| f.can_write())
            .map(|f| match f.aliases().first() {
                Some(short) => format!("{} ({short})", f.name()),
                None => f.name().to_string(),
            })
            .collect();
        names.push("csv".into());
        names.push("ics".into());
        names.join(", ")
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::File(format) => format.name(),
            ExportFormat::Csv => "csv",
            ExportFormat::Calendar => "ics",
        }
    }

    /// Whether it holds matches of several competition-seasons in one file.
    pub fn holds_many_seasons(self) -> bool {
        !matches!(self, ExportFormat::File(_))
    }

    /// Writes `seasons`.
    ///
    /// # Errors
    /// [`ExportError::OneSeasonOnly`] for a file format given other than one season.
    pub fn write(self, seasons: &[ExportSeason], options: &ExportOptions) -> Result<String, ExportError> {
        match self {
            ExportFormat::File(format) => match seasons {
                [one] => Ok(format.write(&one.record)?),
                _ => Err(ExportError::OneSeasonOnly {
                    format: format.name(),
                    count: seasons.len(),
                }),
            },
            ExportFormat::Csv => Ok(write_csv(seasons)),
            ExportFormat::Calendar => Ok(calendar::write(seasons, options)),
        }
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The CSV header: one column per part of a match, snake_case.
pub const CSV_COLUMNS: [&str; 23] = [
    "match_id",
    "competition",
    "competition_slug",
    "season",
    "date",
    "kickoff",
    "round",
    "group",
    "leg",
    "replay",
    "home",
    "away",
    "venue",
    "status",
    "ft_home",
    "ft_away",
    "ht_home",
    "ht_away",
    "et_home",
    "et_away",
    "pens_home",
    "pens_away",
    "winner",
];

/// Writes one CSV row per match, under [`CSV_COLUMNS`]: what is not known
/// is empty (`ft_*` is the 90-minute score, `et_*` the score after extra
/// time, `winner` the team that went through or won, empty for a draw). A
/// name a spreadsheet would run as a formula gets a `'` in front
/// ([`crate::spreadsheet_cell`]).
pub fn write_csv(seasons: &[ExportSeason]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_COLUMNS).expect("writing to memory");
    for season in seasons {
        let record = season.record();
        let slug = season.slug();
        let season_name = record.season.map(|s| s.to_string()).unwrap_or_default();
        for (id, m) in season.matches() {
            let result = m.status.result();
            let pair = |score: Option<matchday_core::Score>| match score {
                Some(s) => [s.home().to_string(), s.away().to_string()],
                None => [String::new(), String::new()],
            };
            let [ft_home, ft_away] = pair(result.and_then(|r| r.score()));
            let [ht_home, ht_away] = pair(result.and_then(|r| r.half_time()));
            let [et_home, et_away] = pair(result.and_then(|r| r.extra_time()));
            let [pens_home, pens_away] = pair(result.and_then(|r| r.penalties()));
            let winner = match result.and_then(|r| r.winner()) {
                Some(Side::Home) => m.home.as_str(),
                Some(Side::Away) => m.away.as_str(),
                None => "",
            };
            let row = [
                id.map(|i| i.to_string()).unwrap_or_default(),
                record.competition.clone(),
                slug.clone(),
                season_name.clone(),
                m.date.to_string(),
                m.kickoff
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                m.round.clone().unwrap_or_default(),
                m.group.clone().unwrap_or_default(),
                m.leg.map(|l| l.to_string()).unwrap_or_default(),
                if m.replay { "yes" } else { "" }.to_string(),
                m.home.clone(),
                m.away.clone(),
                match m.venue {
                    Venue::Home => "home",
                    Venue::Neutral => "neutral",
                }
                .to_string(),
                // A score in play is not a result: exported, the match is still to play.
                match m.status {
                    MatchStatus::Live(_) => MatchStatus::Scheduled.name(),
                    status => status.name(),
                }
                .to_string(),
                ft_home,
                ft_away,
                ht_home,
                ht_away,
                et_home,
                et_away,
                pens_home,
                pens_away,
                winner.to_string(),
            ];
            out.write_record(row.iter().map(|cell| crate::spreadsheet_cell(cell).into_owned()))
                .expect("writing to memory");
        }
    }
    String::from_utf8(out.into_inner().expect("writing to memory")).expect("CSV of UTF-8 fields")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::season_file;

    const SEASON: &str = "matchday-season 1\ncompetition: Cup, \"the\" one\nseason: 2023-24\n\
        == Final\n2024-02-25 15:00 | Chelsea FC | Liverpool FC | 0-1 aet (0-0) | neutral\n\
        == Round of 16\n2024-03-12 | Arsenal FC | FC Porto | 1-0 aet (1-0, 1-0), 4-2 pens | leg 2\n\
        2024-03-13 | A | B | postponed | group C, replay\n2024-03-14 | A | B | awarded 3-0\n";

    fn seasons() -> Vec<ExportSeason> {
        vec![ExportSeason::new(
            season_file::parse(SEASON).unwrap(),
            vec![Some(1), None],
        )]
    }

    #[test]
    fn csv_has_a_row_per_match_with_every_part_of_the_score() {
        let text = write_csv(&seasons());
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 4);
        let field = |row: usize, name: &str| {
            let column = CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
            rows[row][column].to_string()
        };
        assert_eq!(field(0, "match_id"), "1");
        assert_eq!(field(1, "match_id"), "");
        assert_eq!(field(0, "competition"), "Cup, \"the\" one");
        assert_eq!(field(0, "competition_slug"), "cup-the-one");
        assert_eq!(field(0, "venue"), "neutral");
        assert_eq!(
            (field(0, "ft_home"), field(0, "et_away")),
            ("0".into(), "1".into())
        );
        assert_eq!(field(0, "winner"), "Liverpool FC");
        assert_eq!(
            (
                field(1, "ht_home"),
                field(1, "et_home"),
                field(1, "pens_home"),
                field(1, "pens_away")
            ),
            ("1".into(), "1".into(), "4".into(), "2".into())
        );
        assert_eq!((field(1, "leg"), field(1, "kickoff")), ("2".into(), "".into()));
        assert_eq!(
            (field(2, "status"), field(2, "group"), field(2, "replay")),
            ("postponed".into(), "C".into(), "yes".into())
        );
        assert_eq!(
            (field(3, "status"), field(3, "ft_home"), field(3, "winner")),
            ("awarded".into(), "3".into(), "A".into())
        );
        assert_eq!(field(2, "winner"), "");
    }

    #[test]
    fn names_pick_a_format_and_file_formats_take_one_season() {
        assert_eq!(ExportFormat::named("CSV").unwrap(), ExportFormat::Csv);
        assert_eq!(ExportFormat::named("ical").unwrap(), ExportFormat::Calendar);
        assert_eq!(ExportFormat::named("json").unwrap().name(), "football.json");
        let unknown = ExportFormat::named("xml").unwrap_err().to_string();
        assert!(
            unknown.ends_with("season (season-file), football.json (json), csv, ics"),
            "{unknown}"
        );
        let read_only = ExportFormat::named("txt").unwrap_err().to_string();
        assert!(
            read_only.starts_with("football.txt is read but not written"),
            "{read_only}"
        );
        let two = [seasons(), seasons()].concat();
        let err = ExportFormat::named("season")
            .unwrap()
            .write(&two, &ExportOptions::default())
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("season holds one competition-season, but 2 were asked for"),
            "{err}"
        );
        assert_eq!(write_csv(&two).lines().count(), 9);
    }

    #[test]
    fn retain_keeps_ids_beside_their_matches() {
        let mut season = seasons().remove(0);
        season.retain(|m| m.home == "Arsenal FC" || m.away == "Liverpool FC");
        let kept: Vec<(Option<i64>, &str)> = season.matches().map(|(id, m)| (id, m.home.as_str())).collect();
        assert_eq!(kept, [(Some(1), "Chelsea FC"), (None, "Arsenal FC")]);
        assert!(season.record().matches[0].status.result().is_some());
    }

    use chrono::NaiveDate;
    use matchday_core::{ExtraTimeAfter, MatchResult, MatchStatus, Score};
    use proptest::prelude::*;

    fn score() -> impl Strategy<Value = Score> {
        (0u32..5, 0u32..5).prop_map(|(h, a)| Score::new(h, a).unwrap())
    }

    /// Any result the type allows, from parts that may not fit (those are skipped).
    fn result() -> impl Strategy<Value = Option<MatchResult>> {
        (
            proptest::option::of(score()),
            proptest::option::of(score()),
            proptest::option::of(score()),
            proptest::option::of(score()),
        )
            .prop_map(|(ft, ht, et, p)| {
                MatchResult::from_parts(ft, ht, et, p, ExtraTimeAfter::LevelAggregate).ok()
            })
    }

    fn a_match() -> impl Strategy<Value = MatchRecord> {
        (
            0u8..4,
            1u8..4,
            result(),
            0u64..300,
            proptest::bool::ANY,
            proptest::option::of(1u8..3),
            "[A-Za-z ,;\"é]{0,12}",
        )
            .prop_map(|(home, away, result, day, neutral, leg, round)| MatchRecord {
                date: NaiveDate::from_ymd_opt(2023, 7, 1).unwrap() + chrono::Days::new(day),
                kickoff: (day % 3 != 0)
                    .then(|| chrono::NaiveTime::from_hms_opt(12 + (day % 9) as u32, 30, 0).unwrap()),
                home: format!("Team, \"{home}\""),
                away: format!("Team; {}", home + away),
                venue: if neutral { Venue::Neutral } else { Venue::Home },
                round: (!round.trim().is_empty()).then_some(round),
                group: None,
                leg,
                replay: false,
                status: result.map_or(MatchStatus::Scheduled, MatchStatus::Played),
                line: 0,
                closing_odds: None,
            })
    }

    proptest! {
        /// The laws of the match lists: a CSV row per match from which every
        /// part of the result is rebuilt as it was, and a calendar event per
        /// match with its own UID, read back by a real iCalendar parser.
        #[test]
        fn csv_and_ics_hold_every_match_whole(matches in proptest::collection::vec(a_match(), 0..12), stored in proptest::bool::ANY) {
            let record = SeasonRecord { competition: "Cup, \"the\"; one".into(), matches, ..SeasonRecord::default() };
            let count = record.matches.len();
            let ids = if stored { (0..count as i64).map(Some).collect() } else { Vec::new() };
            let seasons = [ExportSeason::new(record.clone(), ids)];
            let text = write_csv(&seasons);
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            prop_assert_eq!(rows.len(), count);
            let at = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
            for (row, m) in rows.iter().zip(&record.matches) {
                let pair = |h: &str, a: &str| -> Option<Score> {
                    let (h, a) = (&row[at(h)], &row[at(a)]);
                    (!h.is_empty()).then(|| Score::new(h.parse().unwrap(), a.parse().unwrap()).unwrap())
                };
                let rebuilt = MatchResult::from_parts(
                    pair("ft_home", "ft_away"),
                    pair("ht_home", "ht_away"),
                    pair("et_home", "et_away"),
                    pair("pens_home", "pens_away"),
                    ExtraTimeAfter::LevelAggregate,
                ).ok();
                prop_assert_eq!(rebuilt.as_ref(), m.status.result());
                prop_assert_eq!(&row[at("home")], m.home.as_str());
                prop_assert_eq!(&row[at("round")], m.round.as_deref().unwrap_or(""));
            }
            let ics = crate::calendar::write(&seasons, &ExportOptions::default());
            let calendars: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()))
                .collect::<Result<_, _>>()
                .unwrap();
            prop_assert_eq!(calendars[0].events.len(), count);
            let mut uids: Vec<String> = calendars[0]
                .events
                .iter()
                .map(|e| e.properties.iter().find(|p| p.name == "UID").unwrap().value.clone().unwrap())
                .collect();
            uids.sort();
            uids.dedup();
            // Matches without ids on the same day between the same teams share a UID:
            // that is one match stated twice.
            let mut distinct: Vec<_> = record.matches.iter().map(|m| (m.date, &m.home, &m.away, m.leg)).collect();
            distinct.sort();
            distinct.dedup();
            prop_assert_eq!(uids.len(), if stored { count } else { distinct.len() });
        }
    }
}
