//! engsoccerdata's `england.csv` layout: every English league match since 1888.
//!
//! Columns are found by name from the header (`Date`, `Season`, `home`,
//! `visitor`, `hgoal`, `vgoal`, `tier`; others are ignored). Strings may be
//! quoted, with `""` for a quote inside. The `Season` column is the year the
//! season started. A row whose date is `NA` cannot be placed in time, so it is
//! an error rather than a guess.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{
    Format, MatchRecord, MatchResult, MatchStatus, PointsScheme, Score, Season, SeasonRecord, Venue,
};

use crate::ParseError;

/// Whether `text` starts with this layout's header: the `Date`, `home`,
/// `visitor` and `tier` columns, quoted or not.
pub fn is_league_csv(text: &str) -> bool {
    let header = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .next()
        .unwrap_or("");
    split_row(header).is_ok_and(|names| {
        ["Date", "home", "visitor", "tier"]
            .iter()
            .all(|want| names.iter().any(|n| n == want))
    })
}

/// Reads the CSV into one record per season and tier, in order of first appearance.
///
/// Each record is named "English league tier N", with points of the day: two
/// for a win before 1981-82, three from then on.
///
/// # Errors
/// A [`ParseError`] naming the first row that cannot be read, or line 1 when
/// a needed column is missing.
///
/// ```
/// let csv = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"tier\"\n\
///            \"1888-09-08\",1888,\"Bolton Wanderers\",\"Derby County\",\"3-6\",3,6,\"1\",1\n";
/// let seasons = matchday_formats::engsoccer::parse(csv)?;
/// assert_eq!(seasons[0].matches[0].away, "Derby County");
/// assert_eq!(seasons[0].season.unwrap().to_string(), "1888-89");
/// # Ok::<(), matchday_formats::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<Vec<SeasonRecord>, ParseError> {
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().ok_or_else(|| ParseError::new(1, "empty file"))?;
    let names = split_row(header).map_err(|why| ParseError::new(1, why))?;
    let column = |name: &str| {
        names.iter().position(|n| n == name).ok_or_else(|| {
            ParseError::new(
                1,
                format!(
                    "no \"{name}\" column: this reads engsoccerdata's england.csv layout \
                         (Date, Season, home, visitor, hgoal, vgoal, tier)"
                ),
            )
        })
    };
    let (date, season, home, away, hgoal, vgoal, tier) = (
        column("Date")?,
        column("Season")?,
        column("home")?,
        column("visitor")?,
        column("hgoal")?,
        column("vgoal")?,
        column("tier")?,
    );
    let mut records: Vec<SeasonRecord> = Vec::new();
    let mut index_of: HashMap<(i32, u8), usize> = HashMap::new();
    for (index, raw) in lines {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let fields = split_row(raw).map_err(|why| ParseError::new(line, why))?;
        let bad = |what: &str| ParseError::new(line, format!("cannot read {what} in \"{raw}\""));
        let field = |i: usize| fields.get(i).map(String::as_str).ok_or_else(|| bad("row"));
        let day = field(date)?.parse::<NaiveDate>().map_err(|_| bad("date"))?;
        let start: i32 = field(season)?.parse().map_err(|_| bad("season"))?;
        let level: u8 = field(tier)?.parse().map_err(|_| bad("tier"))?;
        let goals = |i| field(i)?.parse::<u32>().map_err(|_| bad("goals"));
        let score = Score::new(goals(hgoal)?, goals(vgoal)?).map_err(|_| bad("goals"))?;
        let slot = *index_of.entry((start, level)).or_insert_with(|| {
            records.push(SeasonRecord {
                competition: format!("English league tier {level}"),
                season: Some(Season::starting(start)),
                format: Some(Format::League),
                points: Some(if start >= 1981 {
                    PointsScheme::THREE
                } else {
                    PointsScheme::TWO
                }),
                ..Default::default()
            });
            records.len() - 1
        });
        records[slot].matches.push(MatchRecord {
            date: day,
            kickoff: None,
            home: field(home)?.to_string(),
            away: field(away)?.to_string(),
            venue: Venue::Home,
            round: None,
            group: None,
            leg: None,
            replay: false,
            status: MatchStatus::Played(MatchResult::full_time(score)),
            line,
        });
    }
    Ok(records)
}

/// The fields of one CSV row, unquoted.
fn split_row(row: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::with_capacity(12);
    let mut chars = row.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => return Err(format!("unclosed quote in \"{row}\"")),
                }
            }
            match chars.next() {
                None => {
                    fields.push(field);
                    return Ok(fields);
                }
                Some(',') => {}
                Some(_) => return Err(format!("text after a closing quote in \"{row}\"")),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field);
                        return Ok(fields);
                    }
                    Some(',') => break,
                    Some(c) => field.push(c),
                }
            }
        }
        fields.push(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"tier\",\"totgoal\",\"goaldif\",\"result\"\n";

    #[test]
    fn splits_rows_by_season_and_tier() {
        let csv = format!(
            "{HEADER}\"1888-09-08\",1888,\"Bolton Wanderers\",\"Derby County\",\"3-6\",3,6,\"1\",1,9,-3,\"A\"\n\
             \"2023-08-11\",2023,\"Burnley\",\"Manchester City\",\"0-3\",0,3,\"1\",1,3,-3,\"A\"\n\
             \"2023-08-05\",2023,\"Sheffield Wednesday\",\"Southampton\",\"1-2\",1,2,\"2\",2,3,-1,\"A\"\n\
             \"2023-08-12\",2023,\"Arsenal\",\"Nottingham \"\"Forest\"\"\",\"2-1\",2,1,\"1\",1,3,1,\"H\"\n"
        );
        let seasons = parse(&csv).unwrap();
        let summary: Vec<(String, String, usize, Option<PointsScheme>)> = seasons
            .iter()
            .map(|r| {
                (
                    r.competition.clone(),
                    r.season.unwrap().to_string(),
                    r.matches.len(),
                    r.points,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "English league tier 1".into(),
                    "1888-89".into(),
                    1,
                    Some(PointsScheme::TWO)
                ),
                (
                    "English league tier 1".into(),
                    "2023-24".into(),
                    2,
                    Some(PointsScheme::THREE)
                ),
                (
                    "English league tier 2".into(),
                    "2023-24".into(),
                    1,
                    Some(PointsScheme::THREE)
                ),
            ]
        );
        let m = &seasons[1].matches[1];
        assert_eq!((m.away.as_str(), m.line), ("Nottingham \"Forest\"", 5));
        assert_eq!(
            m.status.result().unwrap().score(),
            Some(Score::new(2, 1).unwrap())
        );
    }

    #[test]
    fn bad_rows_are_errors() {
        let row = |r: &str| format!("{HEADER}{r}\n");
        for (text, line, message) in [
            (
                row("NA,1888,\"A\",\"B\",\"1-0\",1,0,\"1\",1,1,1,\"H\""),
                2,
                "cannot read date",
            ),
            (
                row("\"1888-09-08\",1888,\"A\",\"B\",\"1-0\",NA,0,\"1\",1,1,1,\"H\""),
                2,
                "cannot read goals",
            ),
            (row("\"1888-09-08\",1888,\"A"), 2, "unclosed quote"),
            ("\"Date\",\"home\"\n".to_string(), 1, "no \"Season\" column"),
        ] {
            let err = parse(&text).unwrap_err();
            assert_eq!(err.line, line, "{err}");
            assert!(err.message.contains(message), "{err}");
        }
    }
}
