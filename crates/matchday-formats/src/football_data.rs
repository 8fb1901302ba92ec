//! football-data.co.uk's CSV files: the results (and betting odds) most fans
//! and analysts download, one file per division and season.
//!
//! ```text
//! Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,HTR,Referee,HS,AS,B365H,...
//! E0,31/01/2024,20:15,Liverpool,Chelsea,4,1,H,2,0,H,P Bankes,28,8,1.75,...
//! E0,04/02/24,16:30,Arsenal,Liverpool,,,,,,,,,,2.4,...
//! ```
//!
//! - The first row is the header; columns are found by name and every other
//!   column (referee, shots, cards, the bookmakers' other odds) is ignored.
//! - Two layouts are read:
//!   - the main leagues' files: `Div`, `Date`, `Time` (absent before
//!     2019-20), `HomeTeam`, `AwayTeam`, `FTHG` and `FTAG` (`HG` and `AG` in
//!     some files), `FTR` (or `Res`), and when given `HTHG`, `HTAG`, `HTR`;
//!   - the "new leagues" files, one per country with every season:
//!     `Country`, `League`, `Season`, `Date`, `Time`, `Home`, `Away`, `HG`,
//!     `AG`, `Res`.
//!
//!   A header with neither `Div` nor `League`, or without a date, the two
//!   teams or the two goal columns, is refused naming the missing column.
//! - Dates are `dd/mm/yy` or `dd/mm/yyyy` (two-digit years 50-99 are 19xx,
//!   00-49 20xx); a kick-off `hh:mm` is kept as written. The site appears to
//!   give every league's times in UK time (its MLS rows kick off at 00:30),
//!   which is not stated beside the data, so they are not converted: for a
//!   league outside the UK, a calendar export says so with
//!   `--time-zone Europe/London`.
//! - Goals left empty make a fixture still to play (the site's fixtures
//!   file); an empty row (`,,,,`, as trailing rows often are) is skipped.
//! - The result letter (`FTR`, `HTR`: `H`, `D` or `A`) must agree with the
//!   score it sums up; one that does not is an error naming the line and
//!   column, as is a half-time score above the full-time one.
//! - The competition is data: each `Div` code names one (E0 is the Premier
//!   League, SP1 La Liga, ...: see [`DIVISIONS`], with the names a division
//!   had before; an unknown code is its own name). A new-leagues file names
//!   it `Country League`. `matchday import --name` overrides either.
//! - The season comes from the `Season` column when there is one (`2024` for
//!   a calendar-year league, `2023/2024`), else from the first date (July to
//!   June); a later date outside that season is an error naming its line, so
//!   two seasons pasted into one file are not merged into one.
//! - One record per division (the fixtures file mixes them) or, for a
//!   new-leagues file, per league and season, in order of first appearance.
//! - Each match keeps its closing odds (the bookmakers' last prices before
//!   kick-off): Pinnacle's `PSCH`/`PSCD`/`PSCA`, else the market average's
//!   `AvgCH`/`AvgCD`/`AvgCA`, else Bet365's `B365CH`/`B365CD`/`B365CA`; the first
//!   trio a row gives whole wins, and which it was is kept. A row with none has
//!   none. Every other odds column (opening prices, totals, handicaps) is ignored.
//! - A UTF-8 byte-order mark is skipped; rows may end in `\n`, `\r\n` or `\r`.
//!   Errors quote at most 80 characters of a field.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{
    ClosingOdds, Format, MatchRecord, MatchResult, MatchStatus, OddsSource, Score, Season, SeasonRecord,
    TextField,
};

use crate::ParseError;

/// What each `Div` code names, from the season it got that name: the entry
/// with the latest `from` not after a season's start year applies.
/// (code, from, name).
pub const DIVISIONS: &[(&str, i32, &str)] = &[
    ("E0", 1992, "Premier League"),
    ("E1", 1992, "Football League First Division"),
    ("E1", 2004, "Championship"),
    ("E2", 1992, "Football League Second Division"),
    ("E2", 2004, "League One"),
    ("E3", 1992, "Football League Third Division"),
    ("E3", 2004, "League Two"),
    ("EC", 1986, "Football Conference"),
    ("EC", 2004, "Conference National"),
    ("EC", 2007, "Conference Premier"),
    ("EC", 2015, "National League"),
    ("SC0", 1975, "Scottish Premier Division"),
    ("SC0", 1998, "Scottish Premier League"),
    ("SC0", 2013, "Scottish Premiership"),
    ("SC1", 1975, "Scottish First Division"),
    ("SC1", 2013, "Scottish Championship"),
    ("SC2", 1975, "Scottish Second Division"),
    ("SC2", 2013, "Scottish League One"),
    ("SC3", 1994, "Scottish Third Division"),
    ("SC3", 2013, "Scottish League Two"),
    ("D1", 1963, "Bundesliga"),
    ("D2", 1974, "2. Bundesliga"),
    ("SP1", 1929, "La Liga"),
    ("SP2", 1929, "Segunda División"),
    ("I1", 1929, "Serie A"),
    ("I2", 1929, "Serie B"),
    ("F1", 1932, "Division 1"),
    ("F1", 2002, "Ligue 1"),
    ("F2", 1933, "Division 2"),
    ("F2", 2002, "Ligue 2"),
    ("N1", 1956, "Eredivisie"),
    ("B1", 1895, "Belgian First Division"),
    ("B1", 2016, "Belgian First Division A"),
    ("P1", 1934, "Primeira Liga"),
    ("T1", 1959, "Süper Lig"),
    ("G1", 1959, "Greek Super League"),
];

/// The competition a `Div` code names in the season starting in `year`, or
/// the code itself when it is not in [`DIVISIONS`].
///
/// ```
/// use matchday_formats::football_data::division_name;
/// assert_eq!(division_name("E1", 2023), "Championship");
/// assert_eq!(division_name("E1", 2000), "Football League First Division");
/// assert_eq!(division_name("X9", 2023), "X9");
/// ```
pub fn division_name(code: &str, year: i32) -> String {
    DIVISIONS
        .iter()
        .filter(|(c, from, _)| *c == code && *from <= year)
        .max_by_key(|(_, from, _)| *from)
        .map_or_else(|| code.to_string(), |(_, _, name)| (*name).to_string())
}

/// Whether `text` starts with a football-data.co.uk header: a `Date` column,
/// the two teams (`HomeTeam`/`AwayTeam` or `Home`/`Away`), home goals
/// (`FTHG` or `HG`), and `Div` or `League`.
///
/// ```
/// use matchday_formats::football_data::is_football_data;
/// assert!(is_football_data("\u{feff}Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\r\n"));
/// assert!(is_football_data("Country,League,Season,Date,Time,Home,Away,HG,AG,Res\n"));
/// assert!(!is_football_data("\"Date\",\"Season\",\"home\",\"visitor\",\"hgoal\"\n"));
/// ```
pub fn is_football_data(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.split(['\r', '\n']).next().unwrap_or("");
    let names: Vec<&str> = header.split(',').map(|n| n.trim().trim_matches('"')).collect();
    let has = |n: &str| names.contains(&n);
    has("Date")
        && ((has("HomeTeam") && has("AwayTeam")) || (has("Home") && has("Away")))
        && (has("FTHG") || has("HG"))
        && (has("Div") || has("League"))
}

/// Where each column this reader uses sits in the header.
struct Columns {
    names: Vec<String>,
    div: Option<usize>,
    country: Option<usize>,
    league: Option<usize>,
    season: Option<usize>,
    date: usize,
    time: Option<usize>,
    home: usize,
    away: usize,
    home_goals: usize,
    away_goals: usize,
    result: Option<usize>,
    ht_home: Option<usize>,
    ht_away: Option<usize>,
    ht_result: Option<usize>,
    /// Each closing-odds trio's home, draw and away columns, best source first.
    closing_odds: [(OddsSource, [Option<usize>; 3]); 3],
}

/// The columns of each source's closing 1X2 odds, best first (see [`Row::closing_odds`]).
const CLOSING_ODDS_COLUMNS: [(OddsSource, [&str; 3]); 3] = [
    (OddsSource::Pinnacle, ["PSCH", "PSCD", "PSCA"]),
    (OddsSource::MarketAverage, ["AvgCH", "AvgCD", "AvgCA"]),
    (OddsSource::Bet365, ["B365CH", "B365CD", "B365CA"]),
];

impl Columns {
    fn find(names: Vec<String>) -> Result<Columns, ParseError> {
        let at = |choices: &[&str]| choices.iter().find_map(|c| names.iter().position(|n| n == c));
        let need = |choices: &[&str]| {
            at(choices).ok_or_else(|| {
                let wanted = choices
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(" or ");
                ParseError::new(
                    1,
                    format!(
                        "no {wanted} column: this reads football-data.co.uk's files \
                         (Div, Date, HomeTeam, AwayTeam, FTHG, FTAG, or Country, League, \
                         Season, Date, Home, Away, HG, AG)"
                    ),
                )
            })
        };
        let div = at(&["Div"]);
        let league = at(&["League"]);
        if div.is_none() && league.is_none() {
            need(&["Div", "League"])?;
        }
        let (ht_home, ht_away) = (at(&["HTHG"]), at(&["HTAG"]));
        if ht_home.is_some() != ht_away.is_some() {
            let missing = if ht_home.is_none() { "HTHG" } else { "HTAG" };
            return Err(ParseError::new(
                1,
                format!("no \"{missing}\" column: half-time goals need both HTHG and HTAG"),
            ));
        }
        Ok(Columns {
            div,
            country: at(&["Country"]),
            league,
            season: at(&["Season"]),
            date: need(&["Date"])?,
            time: at(&["Time"]),
            home: need(&["HomeTeam", "Home"])?,
            away: need(&["AwayTeam", "Away"])?,
            home_goals: need(&["FTHG", "HG"])?,
            away_goals: need(&["FTAG", "AG"])?,
            result: at(&["FTR", "Res"]),
            ht_home,
            ht_away,
            ht_result: at(&["HTR"]),
            closing_odds: CLOSING_ODDS_COLUMNS.map(|(source, trio)| (source, trio.map(|c| at(&[c])))),
            names,
        })
    }
}

/// Which record a row belongs to: its division, or its league and season.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Group {
    Division(String),
    League {
        country: String,
        league: String,
        season: String,
    },
}

/// One record being gathered, with the line that fixed its season.
struct Gathered {
    record: SeasonRecord,
    season_from_dates: bool,
    first_line: usize,
}

/// Reads a football-data.co.uk CSV file into one record per division (or
/// league and season).
///
/// # Errors
/// A [`ParseError`] naming the first line (and column) that cannot be read,
/// or line 1 when the header lacks a column this reader needs.
///
/// ```
/// let csv = "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,HTR,B365H\n\
///            E0,31/01/2024,20:15,Liverpool,Chelsea,4,1,H,2,0,H,1.75\n";
/// let seasons = matchday_formats::football_data::parse(csv)?;
/// assert_eq!(seasons[0].competition, "Premier League");
/// assert_eq!(seasons[0].season.unwrap().to_string(), "2023-24");
/// assert_eq!(seasons[0].matches[0].status.result().unwrap().to_string(), "4-1");
/// # Ok::<(), matchday_formats::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<Vec<SeasonRecord>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        None => return Err(ParseError::new(1, "empty file: no header row")),
        Some(row) => row.map_err(|e| csv_error(1, &e))?,
    };
    let columns = Columns::find(header.iter().map(|n| n.trim().to_string()).collect())?;
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut index_of: HashMap<Group, usize> = HashMap::new();
    let starts = line_starts(text);
    // A record's position may be at the line break ending the row before it.
    let line_at = |byte: u64| {
        let mut at = byte as usize;
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        starts.partition_point(|&start| start <= at)
    };
    let mut line = 1;
    for row in rows {
        let row = row.map_err(|e| csv_error(e.position().map_or(line + 1, |p| line_at(p.byte())), &e))?;
        line = row.position().map_or(line + 1, |p| line_at(p.byte()));
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row = Row {
            fields: &row,
            columns: &columns,
            line,
        };
        let group = row.group()?;
        let (date, kickoff) = (row.date()?, row.kickoff()?);
        let slot = match index_of.get(&group) {
            Some(&slot) => slot,
            None => {
                let (season, season_from_dates) = match row.season()? {
                    Some(season) => (season, false),
                    None => (Season::of_date(date), true),
                };
                let competition = match &group {
                    Group::Division(code) => division_name(code, season.start_year()),
                    Group::League { country, league, .. } if country.is_empty() => league.clone(),
                    Group::League { country, league, .. } => format!("{country} {league}"),
                };
                crate::checked_text(line, TextField::Competition, &competition, true)?;
                gathered.push(Gathered {
                    record: SeasonRecord {
                        competition,
                        season: Some(season),
                        format: Some(Format::League),
                        ..SeasonRecord::default()
                    },
                    season_from_dates,
                    first_line: line,
                });
                index_of.insert(group, gathered.len() - 1);
                gathered.len() - 1
            }
        };
        let slot = &mut gathered[slot];
        let season = slot.record.season.expect("set above");
        if !season.contains(date) {
            let why = if slot.season_from_dates {
                format!("the first date, on line {}, gives", slot.first_line)
            } else {
                "the Season column gives".to_string()
            };
            return Err(row.error(
                columns.date,
                format!(
                    "{date} is outside the {season} season that {why} ({} to {}); \
                     a file holds one season per division",
                    season.first_day(),
                    season.last_day()
                ),
            ));
        }
        let (home, away) = row.teams()?;
        slot.record.matches.push(MatchRecord {
            kickoff,
            closing_odds: row.closing_odds()?,
            ..MatchRecord::league(date, home, away, row.status()?, line)
        });
    }
    let records: Vec<SeasonRecord> = gathered.into_iter().map(|g| g.record).collect();
    for record in &records {
        crate::refuse_conflicting_results(&record.matches)?;
    }
    Ok(records)
}

fn csv_error(line: usize, error: &csv::Error) -> ParseError {
    ParseError::new(line, format!("cannot read the CSV row: {error}"))
}

/// The byte offset each line starts at, with `\r\n`, `\n` and a lone `\r`
/// each ending a line (as [`crate::lines`] counts them).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// One data row, read field by field with errors naming its line and column.
struct Row<'a> {
    fields: &'a csv::StringRecord,
    columns: &'a Columns,
    line: usize,
}

impl Row<'_> {
    fn error(&self, column: usize, why: String) -> ParseError {
        let name = self.columns.names.get(column).map_or("", String::as_str);
        ParseError::new(self.line, format!("column {} ({name}): {why}", column + 1))
    }

    /// The field in `column`, trimmed; empty when the row is short.
    fn get(&self, column: usize) -> Result<&str, ParseError> {
        let field = self.fields.get(column).unwrap_or("");
        crate::refuse_nul(self.line, field)?;
        Ok(field.trim())
    }

    fn optional(&self, column: Option<usize>) -> Result<&str, ParseError> {
        column.map_or(Ok(""), |c| self.get(c))
    }

    fn required(&self, column: usize, what: &str) -> Result<&str, ParseError> {
        let field = self.get(column)?;
        if field.is_empty() {
            return Err(self.error(column, format!("no {what}")));
        }
        Ok(field)
    }

    fn group(&self) -> Result<Group, ParseError> {
        match self.columns.div {
            Some(div) => Ok(Group::Division(self.required(div, "division code")?.to_string())),
            None => Ok(Group::League {
                country: self.optional(self.columns.country)?.to_string(),
                league: self
                    .required(self.columns.league.expect("Div or League"), "league")?
                    .to_string(),
                season: self.optional(self.columns.season)?.to_string(),
            }),
        }
    }

    fn date(&self) -> Result<NaiveDate, ParseError> {
        let column = self.columns.date;
        let text = self.required(column, "date")?;
        parse_date(text).ok_or_else(|| {
            self.error(
                column,
                format!("cannot read date \"{text}\" (dd/mm/yy or dd/mm/yyyy)"),
            )
        })
    }

    fn kickoff(&self) -> Result<Option<NaiveTime>, ParseError> {
        let Some(column) = self.columns.time else {
            return Ok(None);
        };
        let text = self.get(column)?;
        if text.is_empty() {
            return Ok(None);
        }
        NaiveTime::parse_from_str(text, "%H:%M")
            .map(Some)
            .map_err(|_| self.error(column, format!("cannot read kick-off \"{text}\" (hh:mm)")))
    }

    /// The `Season` column: `2024` (a calendar-year league) or `2023/2024`.
    fn season(&self) -> Result<Option<Season>, ParseError> {
        let Some(column) = self.columns.season else {
            return Ok(None);
        };
        let text = self.get(column)?;
        if text.is_empty() {
            return Ok(None);
        }
        let bad = || {
            self.error(
                column,
                format!("cannot read season \"{text}\" (2024 or 2023/2024)"),
            )
        };
        let year = |y: &str| y.trim().parse::<i32>().ok().filter(|y| (1850..=2200).contains(y));
        match text.split_once('/') {
            None => Ok(Some(Season::calendar(year(text).ok_or_else(bad)?))),
            Some((first, second)) => {
                let (first, second) = (year(first).ok_or_else(bad)?, year(second).ok_or_else(bad)?);
                if second != first + 1 {
                    return Err(bad());
                }
                Ok(Some(Season::starting(first)))
            }
        }
    }

    fn teams(&self) -> Result<(String, String), ParseError> {
        let (home_column, away_column) = (self.columns.home, self.columns.away);
        let home = self.required(home_column, "home team")?;
        let away = self.required(away_column, "away team")?;
        for (column, name) in [(home_column, home), (away_column, away)] {
            matchday_core::check_text(TextField::TeamName, name, true)
                .map_err(|e| self.error(column, e.to_string()))?;
        }
        if home == away {
            return Err(self.error(away_column, format!("\"{home}\" cannot play itself")));
        }
        Ok((home.to_string(), away.to_string()))
    }

    /// A score from two goal columns: none when both are empty.
    fn score(&self, home: usize, away: usize) -> Result<Option<Score>, ParseError> {
        let goals = |column: usize| -> Result<Option<u32>, ParseError> {
            let text = self.get(column)?;
            if text.is_empty() {
                return Ok(None);
            }
            // Some files write goals as 2.0.
            let whole = text.strip_suffix(".0").unwrap_or(text);
            whole
                .parse::<u32>()
                .map(Some)
                .map_err(|_| self.error(column, format!("cannot read goals \"{text}\"")))
        };
        match (goals(home)?, goals(away)?) {
            (None, None) => Ok(None),
            (Some(h), Some(a)) => Score::new(h, a)
                .map(Some)
                .map_err(|e| self.error(home, e.to_string())),
            (Some(_), None) => Err(self.error(away, "no away goals beside the home goals".into())),
            (None, Some(_)) => Err(self.error(home, "no home goals beside the away goals".into())),
        }
    }

    /// Checks a result letter against the score it sums up.
    fn check_letter(
        &self,
        column: Option<usize>,
        score: Option<Score>,
        what: &str,
    ) -> Result<(), ParseError> {
        let Some(column) = column else {
            return Ok(());
        };
        let letter = self.get(column)?;
        let Some(score) = score else {
            if letter.is_empty() {
                return Ok(());
            }
            return Err(self.error(column, format!("result \"{letter}\" without a {what} score")));
        };
        let expected = match score.home().cmp(&score.away()) {
            std::cmp::Ordering::Greater => "H",
            std::cmp::Ordering::Equal => "D",
            std::cmp::Ordering::Less => "A",
        };
        match letter {
            "" => Ok(()),
            "H" | "D" | "A" if letter == expected => Ok(()),
            "H" | "D" | "A" => {
                let means = |l: &str| match l {
                    "H" => "a home win",
                    "D" => "a draw",
                    _ => "an away win",
                };
                Err(self.error(
                    column,
                    format!(
                        "result \"{letter}\" ({}) disagrees with the {what} score {score} ({})",
                        means(letter),
                        means(expected)
                    ),
                ))
            }
            other => Err(self.error(column, format!("cannot read result \"{other}\" (H, D or A)"))),
        }
    }

    /// The row's closing odds: Pinnacle's (`PSCH`, `PSCD`, `PSCA`), else the market
    /// average's (`AvgCH`...), else Bet365's (`B365CH`...), the first trio with all three
    /// prices given; none when no trio is whole. A price given that is not a number above
    /// 1 is an error naming its column, not a reason to fall back.
    fn closing_odds(&self) -> Result<Option<ClosingOdds>, ParseError> {
        for (source, trio) in self.columns.closing_odds {
            let [Some(home), Some(draw), Some(away)] = trio else {
                continue;
            };
            let texts = [self.get(home)?, self.get(draw)?, self.get(away)?];
            if texts.iter().any(|t| t.is_empty()) {
                continue;
            }
            let mut prices = [0.0; 3];
            for ((price, text), column) in prices.iter_mut().zip(texts).zip([home, draw, away]) {
                *price = text
                    .parse::<f64>()
                    .ok()
                    .filter(|p| p.is_finite() && *p > 1.0)
                    .ok_or_else(|| {
                        self.error(
                            column,
                            format!("cannot read closing odds \"{text}\" (a decimal price above 1)"),
                        )
                    })?;
            }
            let [home, draw, away] = prices;
            return ClosingOdds::new(source, home, draw, away)
                .map(Some)
                .map_err(|e| self.error(trio[0].unwrap_or(0), e.to_string()));
        }
        Ok(None)
    }

    fn status(&self) -> Result<MatchStatus, ParseError> {
        let columns = self.columns;
        let full_time = self.score(columns.home_goals, columns.away_goals)?;
        self.check_letter(columns.result, full_time, "full-time")?;
        let half_time = match (columns.ht_home, columns.ht_away) {
            (Some(h), Some(a)) => self.score(h, a)?,
            _ => None,
        };
        self.check_letter(columns.ht_result, half_time, "half-time")?;
        let Some(full_time) = full_time else {
            if half_time.is_some() {
                let column = columns.ht_home.expect("a half-time score has its column");
                return Err(self.error(column, "a half-time score without a full-time one".into()));
            }
            return Ok(MatchStatus::Scheduled);
        };
        MatchResult::new(full_time, half_time, None, None)
            .map(MatchStatus::Played)
            .map_err(|e| self.error(columns.ht_home.unwrap_or(columns.home_goals), e.to_string()))
    }
}

/// `dd/mm/yy` or `dd/mm/yyyy` (one-digit days and months too).
fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || day.len() > 2 || month.len() > 2 {
        return None;
    }
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = match year.len() {
        2 => match number(year)? {
            y @ 50..=99 => 1900 + y,
            y => 2000 + y,
        },
        4 => number(year)?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year as i32, number(month)?, number(day)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written file in the main leagues' shape (made-up odds and referees).
    const MAIN: &str = "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,HTR,Referee,HS,AS,B365H,B365D,B365A\n\
        E0,11/08/2023,20:00,Burnley,Man City,0,3,A,0,2,A,C Pawson,6,17,8.00,5.50,1.33\n\
        E0,12/08/2023,12:30,Arsenal,Nott'm Forest,2,1,H,2,0,H,M Oliver,15,6,1.18,7.00,15.00\n\
        E0,31/01/24,20:15,Liverpool,Chelsea,4,1,H,2,0,H,P Bankes,28,8,1.75,4.00,4.33\n\
        E0,04/02/2024,16:30,Arsenal,Liverpool,,,,,,,,,,2.40,3.50,2.90\n\
        ,,,,,,,,,,,,,,,,\n";

    fn one(text: &str) -> SeasonRecord {
        let mut records = parse(text).unwrap();
        assert_eq!(records.len(), 1, "{records:?}");
        records.remove(0)
    }

    fn err(text: &str) -> ParseError {
        parse(text).unwrap_err()
    }

    #[test]
    fn reads_the_main_layout_ignoring_statistics_and_odds() {
        let r = one(MAIN);
        assert_eq!(r.competition, "Premier League");
        assert_eq!(r.season, Some(Season::starting(2023)));
        assert_eq!(r.format, Some(Format::League));
        assert_eq!(r.matches.len(), 4);
        let m = &r.matches[2];
        assert_eq!((m.home.as_str(), m.away.as_str()), ("Liverpool", "Chelsea"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 1, 31).unwrap());
        assert_eq!(m.kickoff, NaiveTime::from_hms_opt(20, 15, 0));
        let result = m.status.result().unwrap();
        assert_eq!(
            (
                result.final_score().to_string(),
                result.half_time().unwrap().to_string()
            ),
            ("4-1".into(), "2-0".into())
        );
        assert_eq!(m.line, 4);
        assert_eq!(r.matches[3].status, MatchStatus::Scheduled);
        assert_eq!(r.matches[1].away, "Nott'm Forest");
    }

    #[test]
    fn reads_older_files_without_time_and_with_hg_ag_res() {
        let text = "Div,Date,HomeTeam,AwayTeam,HG,AG,Res\r\nE1,14/08/93,Derby,Sunderland,5,0,H\r\nE1,15/08/93,Sunderland,Derby,1,1,D\r\n";
        let r = one(text);
        assert_eq!(r.competition, "Football League First Division");
        assert_eq!(r.season, Some(Season::starting(1993)));
        assert_eq!(r.matches[0].kickoff, None);
        assert_eq!(r.matches[0].date, NaiveDate::from_ymd_opt(1993, 8, 14).unwrap());
        assert_eq!(r.matches[1].status.result().unwrap().to_string(), "1-1");
        assert_eq!(r.matches[1].line, 3);
        // CR-only line endings and a byte-order mark read the same.
        assert_eq!(
            one(&format!("\u{feff}{}", text.replace("\r\n", "\r")))
                .matches
                .len(),
            2
        );
    }

    #[test]
    fn reads_the_new_leagues_layout_one_record_per_season() {
        let text = "Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA\n\
            Norway,Eliteserien,2023,01/04/2023,18:00,Bodo/Glimt,Brann,2,1,H,1.5,4.2,5.5\n\
            Norway,Eliteserien,2024,06/04/2024,18:00,Brann,Molde,1,1,D,2.5,3.4,2.6\n\
            Norway,Eliteserien,2024,13/04/2024,,Molde,Brann,,,,1.9,3.6,3.9\n\
            Poland,Ekstraklasa ,2023/2024,21/07/2023,18:00,Lech Poznan,Piast,1,0,H,1.6,3.9,5.0\n";
        let records = parse(text).unwrap();
        let seen: Vec<(String, String, usize)> = records
            .iter()
            .map(|r| {
                (
                    r.competition.clone(),
                    r.season.unwrap().to_string(),
                    r.matches.len(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("Norway Eliteserien".into(), "2023".into(), 1),
                ("Norway Eliteserien".into(), "2024".into(), 2),
                ("Poland Ekstraklasa".into(), "2023-24".into(), 1),
            ]
        );
        assert_eq!(records[1].matches[1].status, MatchStatus::Scheduled);
    }

    #[test]
    fn a_fixtures_file_mixing_divisions_gives_one_record_each() {
        let text = "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H\n\
            E1,10/02/2024,15:00,Leeds,Rotherham,,,,1.2\n\
            SP1,10/02/2024,21:00,Girona,Real Madrid,,,,3.1\n\
            E1,13/02/2024,19:45,Leicester,Middlesbrough,,,,1.9\n\
            X9,13/02/2024,19:45,One,Two,,,,1.9\n";
        let names: Vec<(String, usize)> = parse(text)
            .unwrap()
            .iter()
            .map(|r| (r.competition.clone(), r.matches.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("Championship".into(), 2),
                ("La Liga".into(), 1),
                ("X9".into(), 1)
            ]
        );
    }

    #[test]
    fn every_division_code_names_a_competition_from_its_first_season() {
        for (code, from, name) in DIVISIONS {
            assert_eq!(division_name(code, *from), *name);
            assert_ne!(division_name(code, 2200), *code);
        }
        assert_eq!(division_name("SC0", 2005), "Scottish Premier League");
        assert_eq!(division_name("SC0", 2023), "Scottish Premiership");
        assert_eq!(division_name("EC", 2010), "Conference Premier");
    }

    #[test]
    fn a_result_letter_must_agree_with_the_score() {
        let head = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,HTR\n";
        let e = err(&format!(
            "{head}E0,12/08/23,Arsenal,Forest,2,1,H,2,0,H\nE0,13/08/23,Chelsea,Liverpool,1,1,H,1,1,D\n"
        ));
        assert_eq!(
            e.to_string(),
            "line 3: column 7 (FTR): result \"H\" (a home win) disagrees with the full-time score 1-1 (a draw)"
        );
        let e = err(&format!("{head}E0,12/08/23,Arsenal,Forest,2,1,H,2,0,A\n"));
        assert_eq!(
            e.to_string(),
            "line 2: column 10 (HTR): result \"A\" (an away win) disagrees with the half-time score 2-0 (a home win)"
        );
        let e = err(&format!("{head}E0,12/08/23,Arsenal,Forest,2,1,W,,,\n"));
        assert!(
            e.to_string()
                .contains("column 7 (FTR): cannot read result \"W\" (H, D or A)"),
            "{e}"
        );
        let e = err(&format!("{head}E0,12/08/23,Arsenal,Forest,,,H,,,\n"));
        assert!(
            e.to_string().contains("result \"H\" without a full-time score"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let head = "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG\n";
        let cases = [
            (
                "E0,31/02/2024,15:00,A,B,1,0",
                "column 2 (Date): cannot read date \"31/02/2024\"",
            ),
            (
                "E0,2024-02-01,15:00,A,B,1,0",
                "cannot read date \"2024-02-01\" (dd/mm/yy or dd/mm/yyyy)",
            ),
            (
                "E0,01/02/2024,3pm,A,B,1,0",
                "column 3 (Time): cannot read kick-off \"3pm\"",
            ),
            (
                "E0,01/02/2024,15:00,A,B,one,0",
                "column 6 (FTHG): cannot read goals \"one\"",
            ),
            (
                "E0,01/02/2024,15:00,A,B,1,",
                "column 7 (FTAG): no away goals beside the home goals",
            ),
            (
                "E0,01/02/2024,15:00,A,A,1,0",
                "column 5 (AwayTeam): \"A\" cannot play itself",
            ),
            ("E0,01/02/2024,15:00,,B,1,0", "column 4 (HomeTeam): no home team"),
            (",01/02/2024,15:00,A,B,1,0", "column 1 (Div): no division code"),
            (
                "E0,01/02/2024,15:00,A\u{1b}[2J,B,1,0",
                "column 4 (HomeTeam): a team name cannot contain",
            ),
            ("E0,01/02/2024,15:00,A\0,B,1,0", "a NUL byte"),
        ];
        for (row, message) in cases {
            let e = err(&format!("{head}E0,01/02/2024,15:00,X,Y,0,0\n{row}\n"));
            assert_eq!(e.line, 3, "{row}: {e}");
            assert!(e.message.contains(message), "{row}: {e}");
            assert!(!e.message.chars().any(matchday_core::is_control), "{e:?}");
        }
        let e = err("Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,HTHG,HTAG\nE0,01/02/2024,A,B,1,0,2,0\n");
        assert!(
            e.message
                .contains("column 7 (HTHG): inconsistent result: half-time 2-0 has more goals than 1-0"),
            "{e}"
        );
    }

    #[test]
    fn a_header_without_a_needed_column_is_refused_naming_it() {
        let cases = [
            ("", "empty file"),
            (
                "Date,HomeTeam,AwayTeam,FTHG,FTAG\n",
                "no \"Div\" or \"League\" column",
            ),
            ("Div,HomeTeam,AwayTeam,FTHG,FTAG\n", "no \"Date\" column"),
            (
                "Div,Date,Home Team,AwayTeam,FTHG,FTAG\n",
                "no \"HomeTeam\" or \"Home\" column",
            ),
            (
                "Div,Date,HomeTeam,AwayTeam,FTHG\n",
                "no \"FTAG\" or \"AG\" column",
            ),
            (
                "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,HTHG\n",
                "no \"HTAG\" column",
            ),
        ];
        for (text, message) in cases {
            let e = err(text);
            assert_eq!(e.line, 1, "{text}: {e}");
            assert!(e.message.contains(message), "{text}: {e}");
        }
    }

    #[test]
    fn two_seasons_in_one_file_are_refused_not_merged() {
        let text = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nE0,12/08/2023,A,B,1,0\nE0,26/07/2020,A,B,1,0\nE0,12/09/2024,A,B,1,0\n";
        let e = err(text);
        assert_eq!(e.line, 3);
        assert!(
            e.message
                .contains("2020-07-26 is outside the 2023-24 season that the first date, on line 2, gives"),
            "{e}"
        );
        // 2019-20 ran into August 2020: a late date of the season itself is kept.
        let covid = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nE0,09/08/2019,A,B,1,0\nE0,26/07/2020,B,A,1,0\n";
        assert_eq!(one(covid).season, Some(Season::starting(2019)));
    }

    #[test]
    fn one_match_with_two_results_names_both_lines() {
        let text = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nE0,12/08/2023,A,B,1,0\nE0,12/08/2023,A,B,2,0\n";
        let e = err(text);
        assert_eq!(e.line, 3);
        assert!(e.message.contains("1-0 on line 2, 2-0 here"), "{e}");
    }

    #[test]
    fn closing_odds_come_from_the_first_whole_trio_pinnacle_first() {
        let text = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,B365CH,B365CD,B365CA,PSCH,PSCD,PSCA,AvgCH,AvgCD,AvgCA\n\
            E1,05/08/2023,A,B,1,0,2.10,3.40,3.50,2.15,3.45,3.60,2.08,3.35,3.48\n\
            E1,05/08/2023,C,D,1,1,2.10,3.40,3.50,2.15,,3.60,2.08,3.35,3.48\n\
            E1,05/08/2023,E,F,0,2,2.10,3.40,3.50,,,,2.08,,3.48\n\
            E1,05/08/2023,G,H,0,0,,3.40,3.50,,,,,,\n\
            E1,06/08/2023,I,J,,,1.50,4.00,6.00,,,,,,\n";
        let r = one(text);
        let got: Vec<Option<(OddsSource, [f64; 3])>> = r
            .matches
            .iter()
            .map(|m| {
                m.closing_odds
                    .map(|o| (o.source(), [o.home(), o.draw(), o.away()]))
            })
            .collect();
        assert_eq!(
            got,
            [
                Some((OddsSource::Pinnacle, [2.15, 3.45, 3.60])),
                // Pinnacle's draw missing: the market average.
                Some((OddsSource::MarketAverage, [2.08, 3.35, 3.48])),
                // Two trios incomplete: Bet365's.
                Some((OddsSource::Bet365, [2.10, 3.40, 3.50])),
                // None whole: no odds, and none made up from the two prices given.
                None,
                // A fixture's closing odds are read as given.
                Some((OddsSource::Bet365, [1.50, 4.00, 6.00])),
            ]
        );
        // Files without the closing columns (and every other format) give none.
        assert!(one(MAIN).matches.iter().all(|m| m.closing_odds.is_none()));
    }

    #[test]
    fn closing_odds_that_are_no_price_are_refused_naming_the_column() {
        let head = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA\n";
        for (prices, column) in [
            ("1.00,3.4,3.5", "column 7 (PSCH)"),
            ("2.1,evens,3.5", "column 8 (PSCD)"),
            ("2.1,3.4,-3", "column 9 (PSCA)"),
        ] {
            let e = err(&format!("{head}E1,05/08/2023,A,B,1,0,{prices}\n"));
            assert_eq!(e.line, 2, "{e}");
            assert!(e.message.contains(column), "{prices}: {e}");
            assert!(e.message.contains("cannot read closing odds"), "{e}");
        }
    }

    #[test]
    fn a_season_as_of_a_day_has_no_closing_odds_after_it() {
        let text = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA\n\
            E1,05/08/2023,A,B,1,0,2.1,3.4,3.5\n\
            E1,12/08/2023,B,A,1,0,2.1,3.4,3.5\n";
        let then = one(text).as_of(NaiveDate::from_ymd_opt(2023, 8, 6).unwrap());
        assert!(then.matches[0].closing_odds.is_some());
        assert_eq!(then.matches[1].closing_odds, None);
    }

    use proptest::prelude::*;

    /// A row: home and away team numbers, goals, half-time goals, and whether
    /// the FTR letter written is the right one.
    fn row() -> impl Strategy<Value = (u8, u8, u32, u32, Option<(u32, u32)>, bool)> {
        (
            0u8..6,
            0u8..6,
            0u32..6,
            0u32..6,
            proptest::option::of((0u32..3, 0u32..3)),
            proptest::bool::weighted(0.9),
        )
    }

    proptest! {
        /// The law of the result letter: a file reads exactly when every letter
        /// agrees with its score, the first that does not is the error's line,
        /// and every score read is the one written.
        #[test]
        fn letters_agree_or_the_first_disagreement_is_named(rows in proptest::collection::vec(row(), 1..20)) {
            let mut text = String::from("Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,B365H\n");
            let mut expected = Vec::new();
            let mut first_bad = None;
            for (index, (h, a, hg, ag, ht, right)) in rows.iter().enumerate() {
                let line = index + 2;
                let away = if h == a { a + 6 } else { *a };
                let letter = match (hg.cmp(ag), right) {
                    (std::cmp::Ordering::Greater, true) | (std::cmp::Ordering::Equal, false) => "H",
                    (std::cmp::Ordering::Equal, true) | (std::cmp::Ordering::Less, false) => "D",
                    (std::cmp::Ordering::Less, true) | (std::cmp::Ordering::Greater, false) => "A",
                };
                // Half-time goals never above full time, so only the letter can be wrong.
                let ht = ht.map(|(x, y)| (x.min(*hg), y.min(*ag)));
                let ht_text = ht.map_or(",".to_string(), |(x, y)| format!("{x},{y}"));
                // One day per row: the same pairing twice is then two matches.
                let day = NaiveDate::from_ymd_opt(2023, 8, 1).unwrap() + chrono::Days::new(index as u64);
                text.push_str(&format!("E2,{},Team {h},Team {away},{hg},{ag},{letter},{ht_text},2.5\n", day.format("%d/%m/%Y")));
                if !right && first_bad.is_none() {
                    first_bad = Some(line);
                }
                expected.push((format!("Team {h}"), format!("Team {away}"), Score::new(*hg, *ag).unwrap(), ht.map(|(x, y)| Score::new(x, y).unwrap())));
            }
            match (parse(&text), first_bad) {
                (Ok(records), None) => {
                    prop_assert_eq!(records.len(), 1);
                    let got: Vec<_> = records[0].matches.iter().map(|m| {
                        let r = m.status.result().unwrap();
                        (m.home.clone(), m.away.clone(), r.final_score(), r.half_time())
                    }).collect();
                    prop_assert_eq!(got, expected);
                }
                (Err(e), Some(line)) => {
                    prop_assert_eq!(e.line, line);
                    prop_assert!(e.message.contains("(FTR)"), "{}", e);
                }
                (other, first_bad) => prop_assert!(false, "{:?} but first bad line {:?}", other, first_bad),
            }
        }

        /// No text makes the reader panic, and its errors are short and hold no control character.
        #[test]
        fn never_panics(junk in any::<String>(), rows in proptest::collection::vec("[A-Za-z0-9/:,\"\r\n ]{0,40}", 0..10)) {
            for text in [junk, format!("Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR\n{}", rows.join("\n"))] {
                if let Err(e) = parse(&text) {
                    let message = e.to_string();
                    prop_assert!(message.chars().count() < 1000, "{}", message);
                    prop_assert!(!message.chars().any(matchday_core::is_control), "{:?}", message);
                }
            }
        }
    }
}
