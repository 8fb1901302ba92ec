//! The league layout of `england.csv` (tiers 1 to 4 since 1888) and
//! `england5.csv` (the fifth tier since 1979): `Date, Season, home, visitor,
//! hgoal, vgoal, division, tier` are read (`FT, totgoal, goaldif, result`
//! repeat them). One record per season and division, named as the division
//! was then (see `names`), under the English history regulations (two points
//! for a win to 1980-81, goal average to 1975-76; the Football League's goals
//! scored before goal difference from 1992-93 to 1998-99).

use std::collections::BTreeSet;

use matchday_core::{Format, MatchRecord, MatchResult, MatchStatus, Season, SeasonRecord, Venue};

use super::{Grouped, Layout, Rows, names};
use crate::{ParseError, Reading, Skipped};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer",
    file: "england.csv",
    columns: &[
        "Date", "Season", "home", "visitor", "hgoal", "vgoal", "division", "tier",
    ],
    read: |text| parse_league(text, Undated::Refuse),
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
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
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
        let Some(day) = row.date(date)? else {
            no_date += 1;
            no_date_seasons.insert(start);
            first_undated.get_or_insert(row.line);
            continue;
        };
        let code = row.get(division);
        let level: u8 = row.get(tier).parse().map_err(|_| row.bad("the tier", tier))?;
        let score = row.goals(hgoal, vgoal)?;
        let Some((name, of_tier, rules)) = names::league(code, start) else {
            let why = format!(
                "rows of division \"{code}\" in {}, when no English league was that division",
                Season::starting(start)
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
        record.matches.push(MatchRecord {
            date: day,
            kickoff: None,
            home: row.required("the home team", home)?.to_string(),
            away: row.required("the visitors", away)?.to_string(),
            venue: Venue::Home,
            round: None,
            group: None,
            leg: None,
            replay: false,
            status: MatchStatus::Played(MatchResult::full_time(score)),
            line: row.line,
        });
    }
    let mut skipped = nameless.values;
    if no_date > 0 {
        let seasons = spans(&no_date_seasons);
        let dated: usize = records.values.iter().map(|r| r.matches.len()).sum();
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
        seasons: records.values,
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
