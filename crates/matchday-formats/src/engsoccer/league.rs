//! The league layout of `england.csv` (tiers 1 to 4 since 1888) and
//! `england5.csv` (the fifth tier since 1979): `Date, Season, home, visitor,
//! hgoal, vgoal, division, tier` are read (`FT, totgoal, goaldif, result`
//! repeat them). One record per season and division, named as the division
//! was then (see `names`), under the English history regulations (two points
//! for a win to 1980-81, goal average to 1975-76; the Football League's goals
//! scored before goal difference from 1992-93 to 1998-99).
//!
//! `germany.csv` has the same columns and is read the same way, its divisions
//! named from a table of German leagues ([`Leagues`]). A division code of another
//! country's file with `england.csv`'s header (`scotland.csv`'s `SC0`) refuses the
//! file, naming its layout: none of its rows is an English league's.

use std::collections::BTreeSet;

use matchday_core::{Format, MatchRecord, MatchResult, MatchStatus, RuleSet, Season, SeasonRecord};

use super::{Grouped, Layout, Rows, countries, names};
use crate::{ParseError, Reading, Skipped};

/// The columns read from a league file.
pub(crate) const COLUMNS: &[&str] = &[
    "Date", "Season", "home", "visitor", "hgoal", "vgoal", "division", "tier",
];

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer",
    file: "england.csv",
    columns: COLUMNS,
    header: None,
    read: |text| parse_league(text, Undated::Refuse),
};

/// A division's name, the tier it was and its regulations, in a season.
pub(crate) type League = (&'static str, u8, RuleSet);

/// Whose leagues a league file holds: the layout it is read in, and the name, tier
/// and regulations of each of its divisions by season.
pub(crate) struct Leagues {
    pub(crate) layout: Layout,
    /// "English", for messages.
    pub(crate) adjective: &'static str,
    /// The division's name, tier and regulations in the season starting in the year.
    pub(crate) league: fn(&str, i32) -> Option<League>,
}

/// The English leagues of `england.csv` and `england5.csv`.
const ENGLAND: Leagues = Leagues {
    layout: LAYOUT,
    adjective: "English",
    league: names::league,
};

/// What to do with rows whose `Date` is `NA` (all of `england5.csv`'s
/// 1979-80 to 1998-99): a match is stored with its day, and none is invented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undated {
    /// Refuse the file, counting them and naming their seasons.
    Refuse,
    /// Leave them out and count them in [`Reading::skipped`].
    Skip,
}

/// Reads the league layout into one record per season and division,
/// refusing undated rows.
///
/// # Errors
/// A [`ParseError`] naming the first row that cannot be read, line 1 when a
/// needed column is missing, or the first undated row, counting them all.
///
/// ```
/// let csv = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"tier\"\n\
///            \"1888-09-08\",1888,\"Bolton Wanderers\",\"Derby County\",\"3-6\",3,6,\"1\",1\n";
/// let seasons = matchday_formats::engsoccer::parse(csv)?;
/// assert_eq!(seasons[0].competition, "Football League");
/// assert_eq!(seasons[0].matches[0].away, "Derby County");
/// assert_eq!(seasons[0].season.unwrap().to_string(), "1888-89");
/// # Ok::<(), matchday_formats::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<Vec<SeasonRecord>, ParseError> {
    parse_league(text, Undated::Refuse).map(|r| r.seasons)
}

/// Reads the league layout, doing `undated` with rows that have no date.
///
/// # Errors
/// As [`parse`]; with [`Undated::Skip`] undated rows are counted, not refused.
pub fn parse_league(text: &str, undated: Undated) -> Result<Reading, ParseError> {
    read_leagues(text, undated, &ENGLAND)
}

/// Reads a league file of `leagues`, doing `undated` with rows that have no date.
pub(crate) fn read_leagues(text: &str, undated: Undated, leagues: &Leagues) -> Result<Reading, ParseError> {
    let scan = |text: &str, offset| scan(text, offset, leagues);
    let scanned = match halves(text) {
        // A file of 200,000 rows is read in two halves at once, one on each core, when
        // no season has rows in both: then they are the file's records exactly.
        Some((first, second, offset)) => {
            let (first, second) = std::thread::scope(|scope| {
                let second = scope.spawn(|| scan(&second, offset));
                (
                    scan(first, 0),
                    second.join().expect("reading rows does not panic"),
                )
            });
            match (first, second) {
                (Err(e), _) => return Err(e),
                (Ok(first), Ok(second)) if first.seasons.is_disjoint(&second.seasons) => first.then(second),
                // An error in the second half, or a season in both: read whole, as ever.
                _ => scan(text, 0)?,
            }
        }
        None => scan(text, 0)?,
    };
    finish(scanned, undated)
}

/// The rows of a league file, read: its records and what was left out, before undated
/// rows are refused or counted and repeated rows dropped.
struct Scan {
    records: Vec<SeasonRecord>,
    nameless: Vec<Skipped>,
    /// Undated rows: how many, their seasons and the first one's line.
    no_date: usize,
    no_date_seasons: BTreeSet<i32>,
    first_undated: Option<usize>,
    /// The season of every row.
    seasons: BTreeSet<i32>,
}

impl Scan {
    /// This scan followed by `later`'s, of rows after these and of other seasons.
    fn then(mut self, later: Scan) -> Scan {
        self.records.extend(later.records);
        self.nameless.extend(later.nameless);
        self.no_date += later.no_date;
        self.no_date_seasons.extend(later.no_date_seasons);
        self.first_undated = self.first_undated.or(later.first_undated);
        self.seasons.extend(later.seasons);
        self
    }
}

/// A file of at least this many bytes is read in two halves at once.
const HALVES_FROM: usize = 1 << 20;

/// `text` cut in two near its middle, at the first row of a new season: the first half,
/// the header followed by the second half, and how many lines of the file the second
/// half's lines come after, beyond the header's one. `None` for a small file, or when
/// no such row is near the middle.
fn halves(text: &str) -> Option<(&str, String, usize)> {
    if text.len() < HALVES_FROM {
        return None;
    }
    let header_end = text.find('\n')? + 1;
    let season_at = {
        let header: Vec<String> = text[..header_end]
            .split(',')
            .map(|f| f.trim().trim_matches('"').to_string())
            .collect();
        header.iter().position(|f| f == "Season")?
    };
    // A row's season as a plain split of its line reads it; a line it misreads only makes
    // the halves share a season, and the file is then read whole.
    fn season_of(line: &str, at: usize) -> Option<&str> {
        line.split(',').nth(at).map(str::trim)
    }
    let mut at = header_end.max(text.len() / 2);
    at += text[at..].find('\n')? + 1;
    let mut previous = season_of(text[at..].lines().next()?, season_at)?;
    // Up to 50,000 rows on: a season of English league history is at most 2,500 rows.
    for _ in 0..50_000 {
        at += text[at..].find('\n')? + 1;
        let line = text[at..].lines().next()?;
        let season = season_of(line, season_at)?;
        if season != previous {
            // Outside any quoted field: an even number of quotes before it.
            if text[..at].bytes().filter(|&b| b == b'"').count() % 2 != 0 {
                return None;
            }
            let second = format!("{}{}", &text[..header_end], &text[at..]);
            let offset = text[header_end..at].bytes().filter(|&b| b == b'\n').count();
            return Some((&text[..at], second, offset));
        }
        previous = season;
    }
    None
}

/// `error`, at its line of the file when read from a half `offset` lines on.
fn shifted(mut error: ParseError, offset: usize) -> ParseError {
    if error.line > 1 {
        error.line += offset;
    }
    error
}

/// Reads the rows of `text`, a league file of `leagues` or the header and second half
/// of one, whose rows after the header are `offset` lines further on in the file.
fn scan(text: &str, offset: usize, leagues: &Leagues) -> Result<Scan, ParseError> {
    scan_rows(text, offset, leagues).map_err(|e| shifted(e, offset))
}

/// [`scan`], its errors at the lines of `text`.
fn scan_rows(text: &str, offset: usize, leagues: &Leagues) -> Result<Scan, ParseError> {
    let mut seasons = BTreeSet::new();
    let (mut rows, at) = Rows::open(text, leagues.layout)?;
    let [date, season, home, away, hgoal, vgoal, division, tier] = at[..] else {
        unreachable!("one position per column")
    };
    let mut records: Grouped<(i32, String), SeasonRecord> = Grouped::new();
    // Undated rows: how many, their seasons and the first one's line.
    let (mut no_date, mut no_date_seasons, mut first_undated) = (0usize, BTreeSet::new(), None);
    // Rows of a division no league was that season (Wigan Borough's expunged
    // 1931-32 games are division "3", between the North and South years).
    let mut current: Option<(i32, String, usize)> = None;
    let mut nameless: Grouped<(String, i32), Skipped> = Grouped::new();
    while let Some(row) = rows.next_row() {
        let row = row?;
        let start = row.season(season)?;
        seasons.insert(start);
        let Some(day) = row.date(date)? else {
            no_date += 1;
            no_date_seasons.insert(start);
            first_undated.get_or_insert(row.line + offset);
            continue;
        };
        let code = row.get(division);
        let level: u8 = row.get(tier).parse().map_err(|_| row.bad("the tier", tier))?;
        let score = row.goals(hgoal, vgoal)?;
        let Some((name, of_tier, rules)) = (leagues.league)(code, start) else {
            if let Some(unread) = countries::unread_by_division(code) {
                return Err(ParseError::new(
                    row.line,
                    format!("division \"{code}\": {}", unread.refusal()),
                ));
            }
            let why = format!(
                "rows of division \"{code}\" in {}, when no {} league was that division",
                Season::starting(start),
                leagues.adjective
            );
            nameless
                .entry((code.to_string(), start), || Skipped { rows: 0, why })
                .rows += 1;
            continue;
        };
        if of_tier != level {
            return Err(ParseError::new(
                row.line,
                format!(
                    "division \"{code}\" ({name}) was tier {of_tier}, not {level}, in {}",
                    Season::starting(start)
                ),
            ));
        }
        // Rows come season by season: the last row's record is nearly always this one's.
        let at = match &current {
            Some((year, division, at)) if *year == start && division == code => *at,
            _ => {
                let at = records.position((start, code.to_string()), || SeasonRecord {
                    competition: name.to_string(),
                    season: Some(Season::starting(start)),
                    format: Some(Format::League),
                    rules: Some(rules),
                    ..Default::default()
                });
                current = Some((start, code.to_string(), at));
                at
            }
        };
        let record = &mut records.values[at];
        record.matches.push(MatchRecord::league(
            day,
            row.required("the home team", home)?.to_string(),
            row.required("the visitors", away)?.to_string(),
            MatchStatus::Played(MatchResult::full_time(score)),
            row.line + offset,
        ));
    }
    Ok(Scan {
        records: records.values,
        nameless: nameless.values,
        no_date,
        no_date_seasons,
        first_undated,
        seasons,
    })
}

/// The reading of a scanned file: undated rows refused or counted, repeated rows dropped.
fn finish(scan: Scan, undated: Undated) -> Result<Reading, ParseError> {
    let Scan {
        records,
        nameless,
        no_date,
        no_date_seasons,
        first_undated,
        ..
    } = scan;
    let mut skipped = nameless;
    if no_date > 0 {
        let seasons = spans(&no_date_seasons);
        let dated: usize = records.iter().map(|r| r.matches.len()).sum();
        match undated {
            Undated::Refuse => {
                return Err(ParseError::new(
                    first_undated.expect("counted"),
                    format!(
                        "{no_date} rows have no date (Date is NA), in {seasons}: a match is stored with \
                         its day and none is invented; to store the {dated} dated rows and leave \
                         these out, read the file with --format engsoccer-skip-undated"
                    ),
                ));
            }
            Undated::Skip => skipped.push(Skipped {
                rows: no_date,
                why: format!("rows without a date ({seasons})"),
            }),
        }
    }
    super::drop_repeats(Reading {
        seasons: records,
        skipped,
    })
}

/// Seasons as runs: "1979-80 to 1998-99", "1888-89, 1890-91 to 1891-92".
pub(crate) fn spans(seasons: &BTreeSet<i32>) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &year in seasons {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == year => *last = year,
            _ => runs.push((year, year)),
        }
    }
    let words: Vec<String> = runs
        .iter()
        .map(|&(first, last)| {
            if first == last {
                Season::starting(first).to_string()
            } else {
                format!("{} to {}", Season::starting(first), Season::starting(last))
            }
        })
        .collect();
    let noun = if seasons.len() == 1 { "season" } else { "seasons" };
    format!("{noun} {}", words.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"tier\"\n";

    /// A first-division file over 1 MB: every pairing of 20 clubs home and away, each of
    /// 1920-21 to 1938-39 and 1946-47 to 1960-61, in season order; `extra` rows after.
    fn big_file(extra: &str) -> String {
        let mut text = HEADER.to_string();
        let years = (1920..=1938).chain(1946..=1960);
        for year in years {
            for home in 0..20 {
                for away in (0..20).filter(|&a| a != home) {
                    // One day a pairing, from late August.
                    let day = NaiveDay::of(year, home * 20 + away);
                    text.push_str(&format!(
                        "\"{day}\",{year},\"Longer Named Rovers Athletic {home}\",\"Longer Named Rovers Athletic {away}\",\"{}-{}\",{},{},\"1\",1\n",
                        home % 4, away % 3, home % 4, away % 3
                    ));
                }
            }
        }
        text.push_str(extra);
        text
    }

    /// Days of a season for the fixtures above: pairing `n` (of 400) on day `n * 0.9`
    /// from 1 August (the few a club plays twice on one day are left out, in both readings).
    struct NaiveDay;
    impl NaiveDay {
        fn of(year: i32, n: u32) -> chrono::NaiveDate {
            chrono::NaiveDate::from_ymd_opt(year, 8, 1).unwrap() + chrono::Days::new((n * 9 / 10).into())
        }
    }

    fn whole(text: &str) -> Result<Reading, ParseError> {
        finish(scan(text, 0, &ENGLAND)?, Undated::Refuse)
    }

    #[test]
    fn a_big_file_read_in_halves_is_the_file_read_whole() {
        let text = big_file("");
        assert!(text.len() > HALVES_FROM);
        let (first, second, _) = halves(&text).expect("cut at a new season");
        let (first, second) = (
            scan(first, 0, &ENGLAND).unwrap(),
            scan(&second, 0, &ENGLAND).unwrap(),
        );
        assert!(first.seasons.is_disjoint(&second.seasons));
        let read = parse_league(&text, Undated::Refuse).unwrap();
        assert_eq!(read.seasons.len(), 34);
        assert_eq!(read, whole(&text).unwrap());
        // Lines are the file's, in both halves.
        let last = read.seasons.last().unwrap().matches.last().unwrap();
        assert_eq!(last.line, text.lines().count());
    }

    #[test]
    fn a_season_in_both_halves_reads_the_file_whole() {
        // A row of the first season at the end: its record must be the one record of 1920-21.
        let text = big_file(
            "\"1921-05-07\",1920,\"Longer Named Rovers Athletic 0\",\"Someone New\",\"1-0\",1,0,\"1\",1\n",
        );
        let read = parse_league(&text, Undated::Refuse).unwrap();
        assert_eq!(read, whole(&text).unwrap());
        let first = &read.seasons[0];
        assert_eq!(first.matches.last().unwrap().away, "Someone New");
        assert_eq!(read.seasons.len(), 34);
    }

    #[test]
    fn an_error_in_the_second_half_names_its_line_in_the_file() {
        let text = big_file("\"1961-05-07\",1960,\"A\",\"B\",\"x-0\",x,0,\"1\",1\n");
        let err = parse_league(&text, Undated::Refuse).unwrap_err();
        assert_eq!(err, whole(&text).unwrap_err());
        assert_eq!(err.line, text.lines().count());
    }
}
