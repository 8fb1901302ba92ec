//! The deductions layout of `deductions.csv`: `Season, team, tier,
//! deduction` are read (`country` is England throughout).
//!
//! Each row is a club's whole-season total, with no day: it is stored as one
//! deduction dated at the season's end (the last day the season allows),
//! with the reason saying so, in the league the tier was that season, under
//! the name the league layout gives it, so it lands on the same season. A
//! row of a tier split in two that season (Third Division North and South)
//! cannot say which, and is left out and counted.

use matchday_core::{DeductionRecord, Format, Season, SeasonRecord};

use super::{Grouped, Layout, Rows, league::spans, names};
use crate::{ParseError, Reading, Skipped};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-deductions",
    file: "deductions.csv",
    columns: &["Season", "team", "tier", "deduction"],
    header: None,
    read: parse,
};

/// The reason stored with each deduction.
pub(crate) const REASON: &str = "whole-season total from engsoccerdata (deductions.csv): \
                                 the day it was applied is not known, so it is dated at the season's end";

/// Reads the deductions layout: one record per season and tier, holding
/// deductions only.
pub(crate) fn parse(text: &str) -> Result<Reading, ParseError> {
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
    let [season, team, tier, deduction] = at[..] else {
        unreachable!("one position per column")
    };
    let mut records: Grouped<(i32, u8), SeasonRecord> = Grouped::new();
    let mut split = std::collections::BTreeSet::new();
    let mut split_rows = 0;
    while let Some(row) = rows.next_row() {
        let row = row?;
        let start = row.season(season)?;
        let level: u8 = row.get(tier).parse().map_err(|_| row.bad("the tier", tier))?;
        let points: i32 = row
            .get(deduction)
            .parse()
            .ok()
            .filter(|p: &i32| p.abs() <= 1000)
            .ok_or_else(|| row.bad("the deduction", deduction))?;
        let name = match names::tier(level, start).as_slice() {
            [] => {
                return Err(ParseError::new(
                    row.line,
                    format!(
                        "no English league was tier {level} in {}",
                        Season::starting(start)
                    ),
                ));
            }
            [name] => *name,
            _ => {
                split_rows += 1;
                split.insert(start);
                continue;
            }
        };
        let club = row.required("the team", team)?.to_string();
        let record = records.entry((start, level), || SeasonRecord {
            competition: name.to_string(),
            season: Some(Season::starting(start)),
            format: Some(Format::League),
            rules: Some(names::rules_of(level, start, name)),
            ..Default::default()
        });
        record.deductions.push(DeductionRecord {
            team: club,
            points,
            effective: Season::starting(start).last_day(),
            reason: REASON.to_string(),
        });
    }
    let skipped = if split_rows > 0 {
        vec![Skipped {
            rows: split_rows,
            why: format!(
                "deductions in a tier split North and South that the file does not place ({})",
                spans(&split)
            ),
        }]
    } else {
        Vec::new()
    };
    super::drop_repeats(Reading {
        seasons: records.values,
        skipped,
    })
}
