//! Turning rows into text: terminal tables, JSON and CSV. Everything returns
//! a `String`, so output is tested without a terminal.

pub mod change;
pub mod grid;
pub mod paint;
pub mod screen;
pub mod short_name;
pub mod tie;

pub use grid::{Grid, Step};
pub use paint::Painted;
pub use screen::Screen;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

/// A terminal table with `headers`, the columns in `right` right-aligned (numbers).
pub fn grid(headers: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    table(headers, rows, right, None)
}

/// A terminal table no wider than `width` columns: long cells wrap.
pub fn grid_within(headers: &[&str], rows: &[Vec<String>], right: &[usize], width: u16) -> String {
    table(headers, rows, right, Some(width))
}

fn table(headers: &[&str], rows: &[Vec<String>], right: &[usize], width: Option<u16>) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    match width {
        Some(w) => table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(w),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
    table.set_header(headers.iter().copied());
    for row in rows {
        table.add_row(row.iter().map(|cell| cell_text(cell)));
    }
    for &i in right {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// Stored text as it may be shown on a terminal: control characters (ANSI
/// escapes, tabs, bidi overrides) written out as `\u{..}`, never sent raw.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    matchday_core::escape_controls(text)
}

/// A cell's text: escaped, keeping the line breaks a cell is drawn over.
fn cell_text(cell: &str) -> String {
    cell.split('\n')
        .map(|line| escaped(line))
        .collect::<Vec<_>>()
        .join("\n")
}

pub use matchday_core::ordinal;

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// CSV with a header line.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers)?;
    for row in rows {
        writer.write_record(row)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// The cells a table row starts with: the position ("2=" when shared), the
/// team, then played, won, drawn, lost, goals for and against, and the signed
/// goal difference.
pub fn record_cells(
    position: u16,
    shared: bool,
    team: &str,
    record: [u32; 6],
    goal_difference: i32,
) -> Vec<String> {
    let mut cells = vec![
        if shared {
            format!("{position}=")
        } else {
            position.to_string()
        },
        team.to_string(),
    ];
    cells.extend(record.iter().map(u32::to_string));
    cells.push(signed(i64::from(goal_difference)));
    cells
}

/// The CSV cells a table row starts with: position, shared, team, played, won,
/// drawn, lost, goals for and against, goal difference, all as plain values.
pub fn record_csv_cells(
    position: u16,
    shared: bool,
    team: &str,
    record: [u32; 6],
    goal_difference: i32,
) -> Vec<String> {
    let mut cells = vec![position.to_string(), shared.to_string(), team.to_string()];
    cells.extend(record.iter().map(u32::to_string));
    cells.push(goal_difference.to_string());
    cells
}

/// A signed number as people write gaps: "+3", "-2", "0".
pub fn signed(n: i64) -> String {
    if n > 0 { format!("+{n}") } else { n.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_show_control_characters_escaped() {
        let rows = vec![vec!["Zed\x1b[2J\x1b[H".to_string(), "a\tb\u{202E}".to_string()]];
        let text = grid(&["team", "reason"], &rows, &[]);
        assert!(
            !text.contains('\x1b') && !text.contains('\t') && !text.contains('\u{202E}'),
            "{text}"
        );
        assert!(text.contains("Zed\\u{1b}[2J\\u{1b}[H"), "{text}");
        assert!(text.contains("a\\u{9}b\\u{202e}"), "{text}");
    }

    #[test]
    fn tables_align_numbers_right() {
        let text = grid(
            &["Team", "Pts"],
            &[
                vec!["Liverpool".into(), "51".into()],
                vec!["Luton".into(), "9".into()],
            ],
            &[1],
        );
        assert!(text.contains("│ Liverpool ┆  51 │"), "{text}");
        assert!(text.contains("│ Luton     ┆   9 │"), "{text}");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let text = csv(&["team", "points"], &[vec!["Brighton, Hove".into(), "3".into()]]).unwrap();
        assert_eq!(text, "team,points\n\"Brighton, Hove\",3\n");
        assert_eq!(signed(3), "+3");
        assert_eq!(signed(-2), "-2");
    }
}
