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

use serde::Serialize;

/// A terminal table with `headers`, the columns in `right` right-aligned (numbers),
/// drawn for this run's screen: whole, or with cells wrapped to fit its width.
pub fn grid(headers: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    grid_on(headers, rows, right, &screen::current())
}

/// A terminal table no wider than `width` columns (nor the screen): long cells wrap.
pub fn grid_within(headers: &[&str], rows: &[Vec<String>], right: &[usize], width: u16) -> String {
    let current = screen::current();
    let screen = Screen {
        width: Some(
            current
                .width
                .map_or(usize::from(width), |w| w.min(usize::from(width))),
        ),
        ..current
    };
    grid_on(headers, rows, right, &screen)
}

/// [`grid`] for `screen`.
pub fn grid_on(headers: &[&str], rows: &[Vec<String>], right: &[usize], screen: &Screen) -> String {
    let mut grid = Grid::new();
    for (i, header) in headers.iter().enumerate() {
        let cells = rows
            .iter()
            .map(|row| Painted::plain(row.get(i).cloned().unwrap_or_default()))
            .collect();
        grid.column(header, right.contains(&i), cells);
    }
    grid.render(screen).text
}

/// Stored text as it may be shown on a terminal: control characters (ANSI
/// escapes, tabs, bidi overrides) written out as `\u{..}`, never sent raw.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    matchday_core::escape_controls(text)
}

pub use matchday_core::ordinal;

/// Lines of text under a table as they read on `screen`: each line of `text` broken
/// at spaces to the screen's width, when it is known; with a final newline.
///
/// Prose quotes names from the store, which a restored file may have brought with control
/// characters: they are shown escaped, never sent to the terminal.
pub fn prose(text: &str, screen: &Screen) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = escaped(line);
        match screen.width {
            Some(width) => out.push_str(&wrap(&line, width)),
            None => out.push_str(&line),
        }
        out.push('\n');
    }
    out
}

/// Breaks a long line at spaces so no line is wider than `width`, indenting what
/// follows four more than the line's own indent.
pub fn wrap(line: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if line.width() <= width {
        return line.to_string();
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut out = String::new();
    let mut current = indent.clone();
    for word in line.trim_start().split(' ') {
        if !current.trim().is_empty() && current.width() + 1 + word.width() > width {
            out.push_str(current.trim_end());
            out.push('\n');
            current = format!("{indent}    ");
        }
        if !current.trim().is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push_str(&current);
    out
}

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// CSV with a header line; a cell a spreadsheet would run as a formula (a team
/// named `=HYPERLINK(...)`) gets a `'` in front, as OWASP advises.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers)?;
    for row in rows {
        writer.write_record(
            row.iter()
                .map(|cell| matchday_formats::spreadsheet_cell(cell).into_owned()),
        )?;
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

/// The columns a league table's row starts with, added to `grid`: the position
/// ("2=" when shared), the club (its short name on narrow screens), then played,
/// won, drawn, lost, goals for and against, and the signed goal difference. Returns
/// the steps that give up width (short names, then goals for and against).
pub fn record_columns(
    grid: &mut Grid,
    rows: &[(u16, bool, &str, [u32; 6], i32)],
    position_header: &str,
) -> Vec<Step> {
    use grid::plain_cells;
    grid.column(
        position_header,
        true,
        plain_cells(
            rows.iter()
                .map(|r| record_cells(r.0, r.1, r.2, r.3, r.4).swap_remove(0)),
        ),
    );
    let team = grid.clubs(&rows.iter().map(|r| r.2).collect::<Vec<_>>());
    let mut steps = vec![Step::Narrow(team)];
    for (i, header) in ["P", "W", "D", "L", "GF", "GA"].iter().enumerate() {
        let col = grid.column(header, true, plain_cells(rows.iter().map(|r| r.3[i].to_string())));
        if i >= 4 {
            steps.push(Step::Drop(col));
        }
    }
    grid.column(
        "GD",
        true,
        plain_cells(rows.iter().map(|r| signed(i64::from(r.4)))),
    );
    steps
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

    #[test]
    fn csv_cells_a_spreadsheet_would_run_get_a_quote_in_front() {
        let text = csv(
            &["team", "goal_difference"],
            &[
                vec!["=HYPERLINK(\"http://x\")".into(), "-3".into()],
                vec!["@Rovers".into(), "+5".into()],
            ],
        )
        .unwrap();
        assert_eq!(
            text,
            "team,goal_difference\n\"'=HYPERLINK(\"\"http://x\"\")\",-3\n'@Rovers,+5\n"
        );
    }
}
