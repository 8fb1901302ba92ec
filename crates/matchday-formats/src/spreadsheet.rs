//! CSV cells a spreadsheet will not run as formulas.
//!
//! A CSV file opened in Excel, LibreOffice or Google Sheets runs a cell that
//! starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one)
//! as a formula: a team named `=HYPERLINK("http://evil","Arsenal")` would be a
//! link, `=cmd|' /C calc'!A0` a command. Following OWASP's rule on CSV
//! injection, such a cell is written with a `'` in front, which spreadsheets
//! show as text and do not run. A plain number (`-3`, `+5`, `-0.5`) is left
//! alone: it is the goal difference it says, and no formula.

use std::borrow::Cow;

/// `cell` as it is safe to write into a CSV file: with a `'` in front when it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return, unless it is a
/// plain number.
///
/// ```
/// use matchday_formats::spreadsheet_cell;
/// assert_eq!(spreadsheet_cell("=1+1"), "'=1+1");
/// assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(spreadsheet_cell("-3"), "-3");
/// assert_eq!(spreadsheet_cell("Arsenal"), "Arsenal");
/// ```
pub fn spreadsheet_cell(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-3`, `+5`, `-0.5`: a sign, digits, and at most one point between digits.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_quote_in_front() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://x\",\"Arsenal\")",
                "'=HYPERLINK(\"http://x\",\"Arsenal\")",
            ),
            ("+44 United", "'+44 United"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("+", "'+"),
            ("-1.", "'-1."),
            ("-.5", "'-.5"),
            ("-1e5", "'-1e5"),
        ] {
            assert_eq!(spreadsheet_cell(cell), written, "{cell:?}");
        }
    }

    #[test]
    fn names_and_plain_numbers_are_left_alone() {
        for cell in [
            "Arsenal",
            "",
            "Brighton & Hove Albion",
            "1=",
            "a=b",
            "'=quoted",
            "-3",
            "+5",
            "0",
            "-0.5",
            "12",
        ] {
            assert!(matches!(spreadsheet_cell(cell), Cow::Borrowed(_)), "{cell:?}");
        }
    }
}
