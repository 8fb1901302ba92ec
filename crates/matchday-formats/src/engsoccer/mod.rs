//! engsoccerdata's CSV files (James Curley's R package): every English league
//! match since 1888, the fifth tier, the FA Cup, the League Cup, the European
//! Cup, the play-offs and points deductions, and the German and Spanish
//! leagues. Each file has its own columns, so each is one layout, told apart by
//! its header; a CSV that is none of them is refused naming the columns it
//! lacks, and another country's file naming its layout as one not read.
//!
//! What they share, as R writes CSV: a header row naming the columns (read by
//! name, in any order; others are ignored), strings in double quotes with
//! `""` for a quote inside, `NA` for a missing value, and a `Season` column
//! holding the year the season started (1888 is 1888-89). Dates are ISO
//! (`1888-09-08`); the play-offs file also has R day numbers (`18017`, days
//! since 1970-01-01), read as such.
//!
//! | layout | file | one record per |
//! | --- | --- | --- |
//! | [`league`](parse) | `england.csv`, `england5.csv` | season and division, named as it was then |
//! | Germany | `germany.csv` (`england.csv`'s columns, `tier` before `division`) | season and division: Bundesliga, 2. Bundesliga |
//! | Spain | `spain.csv` | season and tier: Primera División, Segunda División |
//! | FA Cup | `facup.csv` | season |
//! | League Cup | `leaguecup.csv` | season |
//! | European Cup | `champs.csv` | season (European Cup to 1991-92, Champions League from 1992-93) |
//! | play-offs | `englandplayoffs.csv` | season and division |
//! | deductions | `deductions.csv` | season and tier: deductions only, dated at the season's end |
//!
//! Nothing is invented. A row without a date cannot be placed in time: the
//! league layout refuses such rows, counting them and naming their seasons,
//! unless read as `engsoccer-skip-undated`, which leaves them out and says how
//! many. FA Cup rows for byes, walkovers, void matches and disqualifications
//! hold no result and are left out, counted by kind. A score the file does not
//! give (the 90 minutes of an FA Cup tie that went to extra time) stays absent.

mod champs;
mod countries;
mod deductions;
mod facup;
mod germany;
mod league;
mod leaguecup;
mod names;
mod playoffs;
mod settle;
mod spain;

use chrono::NaiveDate;
use matchday_core::{ExtraTimeAfter, Format, MatchResult, Score, Season, SeasonRecord};

use crate::{ParseError, Reading};

pub(crate) use settle::drop_repeats;

pub use league::{Undated, parse, parse_league};

/// An engsoccerdata layout: the file it comes from, the columns it needs and
/// its reader.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The registry's name for it.
    pub name: &'static str,
    /// The engsoccerdata file in this layout.
    pub file: &'static str,
    /// The columns read, all of which must be in the header.
    pub columns: &'static [&'static str],
    /// The file's whole header, in order, when only that tells it apart from
    /// another layout with the same columns (`germany.csv` from `england.csv`).
    header: Option<&'static [&'static str]>,
    read: fn(&str) -> Result<Reading, ParseError>,
}

impl PartialEq for Layout {
    fn eq(&self, other: &Layout) -> bool {
        self.name == other.name
    }
}

impl Eq for Layout {}

/// The league layout (`england.csv`, `england5.csv`).
pub const LEAGUE: Layout = league::LAYOUT;
/// The FA Cup layout (`facup.csv`).
pub const FA_CUP: Layout = facup::LAYOUT;
/// The League Cup layout (`leaguecup.csv`).
pub const LEAGUE_CUP: Layout = leaguecup::LAYOUT;
/// The European Cup layout (`champs.csv`).
pub const EUROPEAN_CUP: Layout = champs::LAYOUT;
/// The play-offs layout (`englandplayoffs.csv`).
pub const PLAY_OFFS: Layout = playoffs::LAYOUT;
/// The deductions layout (`deductions.csv`).
pub const DEDUCTIONS: Layout = deductions::LAYOUT;
/// The German league layout (`germany.csv`).
pub const GERMANY: Layout = germany::LAYOUT;
/// The Spanish league layout (`spain.csv`).
pub const SPAIN: Layout = spain::LAYOUT;

/// Every layout, most particular first (the league layout's columns are in
/// most of the others', and all of `germany.csv`'s).
pub const LAYOUTS: [Layout; 8] = [
    champs::LAYOUT,
    facup::LAYOUT,
    leaguecup::LAYOUT,
    playoffs::LAYOUT,
    deductions::LAYOUT,
    spain::LAYOUT,
    germany::LAYOUT,
    league::LAYOUT,
];

impl Layout {
    /// Whether `text`'s header row names every column of this layout and
    /// fits no layout before it in [`LAYOUTS`].
    pub fn detects(self, text: &str) -> bool {
        header(text).and_then(|names| fitting(&names)) == Some(self)
    }

    /// Whether a file with these header names is in this layout: it has every
    /// column, and the whole header when the layout is known by it.
    fn fits(self, names: &[String]) -> bool {
        self.missing(names).is_empty() && self.header.is_none_or(|h| h.iter().eq(names.iter()))
    }

    /// Reads `text` in this layout.
    ///
    /// # Errors
    /// A [`ParseError`] naming the first line that cannot be read.
    pub fn read(self, text: &str) -> Result<Reading, ParseError> {
        (self.read)(text)
    }

    fn missing<'a>(self, names: &[String]) -> Vec<&'a str>
    where
        'static: 'a,
    {
        self.columns
            .iter()
            .filter(|want| !names.iter().any(|n| n == *want))
            .copied()
            .collect()
    }
}

/// The header row's column names, when the first line looks like the header
/// of a CSV file: two or more names, none empty, none with spaces.
fn header(text: &str) -> Option<Vec<String>> {
    let first = text.strip_prefix('\u{feff}').unwrap_or(text).lines().next()?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(first.as_bytes());
    let record = reader.records().next()?.ok()?;
    let names: Vec<String> = record.iter().map(|n| n.trim().to_string()).collect();
    let plain = |n: &String| !n.is_empty() && n.len() <= 40 && !n.contains(char::is_whitespace);
    (names.len() >= 2 && names.iter().all(plain)).then_some(names)
}

/// The first layout of [`LAYOUTS`] a file with these header names is in; none for
/// another country's file that matchday does not read (`italy.csv` has all of
/// `england.csv`'s columns).
fn fitting(names: &[String]) -> Option<Layout> {
    if countries::unread_by_header(names).is_some() {
        return None;
    }
    LAYOUTS.iter().copied().find(|layout| layout.fits(names))
}

/// Whether `text` starts with a CSV header row that no layout reads.
pub fn is_other_csv(text: &str) -> bool {
    header(text).is_some_and(|names| fitting(&names).is_none())
}

/// Refuses a CSV file in none of the layouts: another country's file naming its
/// layout, any other naming the closest layout and the columns it lacks.
///
/// # Errors
/// Always: a [`ParseError`] on line 1.
pub fn refuse_other_csv(text: &str) -> Result<Reading, ParseError> {
    let names = header(text).unwrap_or_default();
    if let Some(unread) = countries::unread_by_header(&names) {
        return Err(ParseError::new(1, unread.refusal()));
    }
    // matchday's own CSV export is for spreadsheets: it lacks the competition's rules
    // and stages, so it is not read back; the season file is what round-trips.
    if names.iter().eq(crate::CSV_COLUMNS.iter()) {
        return Err(ParseError::new(
            1,
            "this is matchday's CSV export, written for spreadsheets and not read back: \
             export the season with --format season (matchday's season file), the format that \
             round-trips, and import that",
        ));
    }
    let closest = LAYOUTS
        .iter()
        .min_by_key(|l| l.missing(&names).len())
        .expect("layouts");
    let missing = closest.missing(&names);
    // Sharing under half of even the closest layout's columns, the file is not a near miss
    // of one: naming the columns it lacks would mislead, so say which headers are read.
    if missing.len() * 2 > closest.columns.len() {
        return Err(ParseError::new(1, unknown_header(text)));
    }
    Err(ParseError::new(
        1,
        format!(
            "a CSV file in none of the engsoccerdata layouts matchday reads: the closest, {}, \
             needs the columns {}",
            closest.file,
            missing.join(", ")
        ),
    ))
}

/// The refusal of a CSV header matchday does not know, naming the headers it reads.
fn unknown_header(text: &str) -> String {
    let first = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .split(['\r', '\n'])
        .next()
        .unwrap_or_default();
    let files: Vec<&str> = LAYOUTS.iter().map(|l| l.file).collect();
    format!(
        "the header \"{}\" is not one matchday knows; it reads \
         football-data.co.uk's (Div, Date, HomeTeam, AwayTeam, FTHG, FTAG, ...) and \
         engsoccerdata's {}",
        first.replace('"', ""),
        files.join(", ")
    )
}

/// A CSV file being read: its rows with their line numbers, and its
/// columns found by name.
pub(crate) struct Rows<'t> {
    reader: csv::Reader<&'t [u8]>,
    names: Vec<String>,
    layout: Layout,
    /// The row last read, its buffers kept for the next.
    row: Row,
}

/// One row's fields, with the line it started on.
pub(crate) struct Row {
    record: csv::StringRecord,
    /// The 1-based line of the file.
    pub line: usize,
}

/// The position of each of a layout's columns in the header.
pub(crate) type Columns = Vec<usize>;

impl<'t> Rows<'t> {
    /// Opens `text` as a file of `layout`, refusing a header without its columns.
    pub(crate) fn open(text: &'t str, layout: Layout) -> Result<(Rows<'t>, Columns), ParseError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let names: Vec<String> = reader
            .headers()
            .map_err(|e| ParseError::new(1, format!("cannot read the header row: {e}")))?
            .iter()
            .map(|n| n.trim().to_string())
            .collect();
        if names.len() <= 1 && names.iter().all(String::is_empty) {
            return Err(ParseError::new(1, "empty file"));
        }
        let missing = layout.missing(&names);
        if !missing.is_empty() {
            return Err(ParseError::new(
                1,
                format!(
                    "no {} column: this reads engsoccerdata's {} layout ({})",
                    missing
                        .iter()
                        .map(|m| format!("\"{m}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    layout.file,
                    layout.columns.join(", ")
                ),
            ));
        }
        let columns = layout
            .columns
            .iter()
            .map(|want| names.iter().position(|n| n == want).expect("checked"))
            .collect();
        Ok((
            Rows {
                reader,
                names,
                layout,
                row: Row {
                    record: csv::StringRecord::new(),
                    line: 1,
                },
            },
            columns,
        ))
    }

    /// The next row that is not blank, or the error of one that cannot be read.
    pub(crate) fn next_row(&mut self) -> Option<Result<&Row, ParseError>> {
        let record = &mut self.row.record;
        loop {
            let line = self.reader.position().line() as usize;
            match self.reader.read_record(record) {
                Ok(false) => return None,
                Ok(true) if record.iter().all(|f| f.trim().is_empty()) => continue,
                Ok(true) => {
                    let line = record.position().map_or(line, |p| p.line() as usize);
                    if record.len() < self.names.len() {
                        return Some(Err(ParseError::new(
                            line,
                            format!(
                                "{} fields where the header of {} names {}",
                                record.len(),
                                self.layout.file,
                                self.names.len()
                            ),
                        )));
                    }
                    if let Some(field) = record.iter().find(|f| f.contains('\0')) {
                        return Some(Err(ParseError::new(line, format!("a NUL byte in \"{field}\""))));
                    }
                    self.row.line = line;
                    return Some(Ok(&self.row));
                }
                Err(e) => {
                    let line = e.position().map_or(line.max(2), |p| p.line() as usize);
                    return Some(Err(ParseError::new(line, format!("cannot read the row: {e}"))));
                }
            }
        }
    }
}

impl Row {
    /// The field in column `at` (a position from [`Rows::open`]), trimmed.
    pub(crate) fn get(&self, at: usize) -> &str {
        self.record.get(at).unwrap_or("").trim()
    }

    /// The field, or `None` for `NA` or nothing.
    pub(crate) fn value(&self, at: usize) -> Option<&str> {
        Some(self.get(at)).filter(|v| !v.is_empty() && *v != "NA")
    }

    /// An error at this row's line about `what`, quoting the field.
    pub(crate) fn bad(&self, what: &str, at: usize) -> ParseError {
        ParseError::new(self.line, format!("cannot read {what} in \"{}\"", self.get(at)))
    }

    /// A required field.
    pub(crate) fn required(&self, what: &str, at: usize) -> Result<&str, ParseError> {
        self.value(at).ok_or_else(|| self.bad(what, at))
    }

    /// The season's start year.
    pub(crate) fn season(&self, at: usize) -> Result<i32, ParseError> {
        self.get(at)
            .parse::<i32>()
            .ok()
            .filter(|y| (1850..=2200).contains(y))
            .ok_or_else(|| self.bad("the season", at))
    }

    /// The date, or `None` for `NA`: ISO, or an R day number (days since
    /// 1970-01-01), which the play-offs file has for 2012-13 to 2018-19.
    pub(crate) fn date(&self, at: usize) -> Result<Option<NaiveDate>, ParseError> {
        let Some(text) = self.value(at) else {
            return Ok(None);
        };
        if let Some(day) = iso_date(text) {
            return Ok(Some(day));
        }
        text.parse::<u32>()
            .ok()
            .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|days| {
                NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_days(chrono::Days::new(days.into()))
            })
            .map(Some)
            .ok_or_else(|| self.bad("the date", at))
    }

    /// A required date.
    pub(crate) fn required_date(&self, at: usize) -> Result<NaiveDate, ParseError> {
        self.date(at)?.ok_or_else(|| self.bad("the date", at))
    }

    /// A score from two goal columns.
    pub(crate) fn goals(&self, home: usize, away: usize) -> Result<Score, ParseError> {
        let one = |at| self.get(at).parse::<u32>().map_err(|_| self.bad("the goals", at));
        Score::new(one(home)?, one(away)?).map_err(|_| self.bad("the goals", home))
    }

    /// A score written `2-1`, or `None` for `NA`.
    pub(crate) fn score(&self, what: &str, at: usize) -> Result<Option<Score>, ParseError> {
        self.value(at)
            .map(|text| text.parse::<Score>().map_err(|_| self.bad(what, at)))
            .transpose()
    }

    /// Whether a `yes`/`NA` flag is set.
    pub(crate) fn flag(&self, at: usize) -> bool {
        self.get(at).eq_ignore_ascii_case("yes")
    }

    /// A result from its parts, refused at this line when they do not fit.
    pub(crate) fn result(
        &self,
        full_time: Option<Score>,
        half_time: Option<Score>,
        extra_time: Option<Score>,
        penalties: Option<Score>,
        after: ExtraTimeAfter,
    ) -> Result<MatchResult, ParseError> {
        MatchResult::from_parts(full_time, half_time, extra_time, penalties, after)
            .map_err(|e| ParseError::new(self.line, format!("{e} in \"{}\"", self.joined())))
    }

    /// The row as written, for messages.
    pub(crate) fn joined(&self) -> String {
        self.record.iter().collect::<Vec<_>>().join(",")
    }
}

/// A cup's season starting in `start`, as a knockout, before its matches are added.
pub(crate) fn knockout_season(competition: impl Into<String>, start: i32) -> SeasonRecord {
    SeasonRecord {
        competition: competition.into(),
        season: Some(Season::starting(start)),
        format: Some(Format::Knockout),
        ..Default::default()
    }
}

/// When a level score goes to extra time: in a leg of a two-legged tie, only when
/// the aggregate is level (the files' leg numbers may be wrong, as 2008-09's Bury v
/// Shrewsbury, a second leg written leg1, so callers pass what the row shows).
pub(crate) fn extra_time_after(second_leg: bool) -> ExtraTimeAfter {
    if second_leg {
        ExtraTimeAfter::LevelAggregate
    } else {
        ExtraTimeAfter::LevelMatch
    }
}

/// A replay's round label: the round itself for a first replay, and the
/// round with the replay's ordinal after it for a later one ("Round 3, second
/// replay"), so that two replays between the same clubs are two matches.
pub(crate) fn replay_label(round: String, replay: u8) -> String {
    const ORDINALS: [&str; 4] = ["second", "third", "fourth", "fifth"];
    match replay.checked_sub(2).and_then(|i| ORDINALS.get(usize::from(i))) {
        Some(ordinal) => format!("{round}, {ordinal} replay"),
        None => round,
    }
}

/// Which replay a `tie` value names: `replay` or `replay1` is 1, `replay2` is
/// 2 and so on; anything else is not a replay (0).
pub(crate) fn replay_number(tie: &str) -> u8 {
    match tie.strip_prefix("replay") {
        Some("") => 1,
        Some(n) => n.parse().unwrap_or(0),
        None => 0,
    }
}

/// `2024-05-19`, read without chrono's general parser (a history has
/// hundreds of thousands of them).
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 7)?, number(8, 10)?)
}

/// A shoot-out written with its winner, `5-4 Torquay United` (the winner's
/// kicks first), as home and away kicks.
pub(crate) fn shoot_out(row: &Row, at: usize, home: &str, away: &str) -> Result<Score, ParseError> {
    let text = row.required("the penalties", at)?;
    let (kicks, winner) = text.split_once(' ').ok_or_else(|| row.bad("the penalties", at))?;
    let kicks: Score = kicks.parse().map_err(|_| row.bad("the penalties", at))?;
    let winner = winner.trim();
    let (won, lost) = (
        u32::from(kicks.home().max(kicks.away())),
        u32::from(kicks.home().min(kicks.away())),
    );
    let pens = if winner == home {
        Score::new(won, lost)
    } else if winner == away {
        Score::new(lost, won)
    } else {
        return Err(ParseError::new(
            row.line,
            format!("the penalties \"{text}\" name neither {home} nor {away}"),
        ));
    };
    pens.map_err(|_| row.bad("the penalties", at))
}

/// The records of a file, grouped by a key in order of first appearance.
pub(crate) struct Grouped<K, V> {
    index: foldhash::HashMap<K, usize>,
    /// The values, in order of first appearance.
    pub values: Vec<V>,
}

impl<K: std::hash::Hash + Eq, V> Grouped<K, V> {
    pub(crate) fn new() -> Self {
        Grouped {
            index: foldhash::HashMap::default(),
            values: Vec::new(),
        }
    }

    /// The value for `key`, made by `make` the first time.
    pub(crate) fn entry(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let at = self.position(key, make);
        &mut self.values[at]
    }

    /// Where the value for `key` is in [`Grouped::values`], made by `make` the first time.
    pub(crate) fn position(&mut self, key: K, make: impl FnOnce() -> V) -> usize {
        *self.index.entry(key).or_insert_with(|| {
            self.values.push(make());
            self.values.len() - 1
        })
    }
}

#[cfg(test)]
mod tests;
