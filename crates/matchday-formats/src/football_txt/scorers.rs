//! Scorer lines without brackets, as openfootball's internationals files
//! write them on a line of their own under a match:
//!
//! ```text
//!   Guinea - Madagascar  2-2   @ Alexandria, Egypt
//!      Sory Kaba 34' François Kamano 66' (pen.);
//!      Anicet Abel 49' Carolus Andriamatsinoro 55'
//!   DR Congo - Uganda  0-2   @ Cairo, Egypt
//!      -; Patrick Kaddu 14' Emmanuel Okwi 48'
//! ```
//!
//! The home side's scorers, `;`, the away side's; `-` for a side that did
//! not score; a side may go on to the next line. The test is strict on
//! purpose, because a line taken for scorers is skipped: every goal is a name
//! followed by its minutes (`41'`, `90+2'`), each minute perhaps noted
//! (`(pen.)`, `(o.g.)`), and nothing else may appear. A match line always
//! holds a score (`2-2`) or a separator (` v `, ` - `) that no scorer line
//! has, so it is never taken for one, and neither is a line of prose.

/// Whether `text` (a trimmed line after a match) lists scorers and nothing else.
pub(super) fn is_scorer_line(text: &str) -> bool {
    let sides: Vec<&str> = text.split(';').map(str::trim).collect();
    match sides.as_slice() {
        [home] => is_goals(home),
        // `-; Patrick Kaddu 14'`: the home side did not score.
        ["-", away] => is_goals(away),
        // `Sory Kaba 34' ...;` with the away side on the next line, or both on this one.
        [home, away] => is_goals(home) && (away.is_empty() || is_goals(away)),
        _ => false,
    }
}

/// Whether one side's text is a list of goals: `Sory Kaba 34' François Kamano 66' (pen.)`.
fn is_goals(side: &str) -> bool {
    #[derive(PartialEq)]
    enum Last {
        Start,
        Name,
        Minute,
        Note,
    }
    let mut last = Last::Start;
    for token in side.split_whitespace() {
        // `36', 45'`: a comma between one scorer's minutes.
        let token = token.strip_suffix(',').unwrap_or(token);
        last = if is_minute(token) && last != Last::Start {
            Last::Minute
        } else if is_note(token) && last == Last::Minute {
            Last::Note
        } else if is_name_word(token) {
            Last::Name
        } else {
            return false;
        };
    }
    // Every scorer has a minute, so the list ends with one (or its note).
    matches!(last, Last::Minute | Last::Note)
}

/// `41'`, `90+2'`, `101'`: the minute of a goal.
fn is_minute(token: &str) -> bool {
    let Some(minute) = token.strip_suffix('\'') else {
        return false;
    };
    let (base, added) = match minute.split_once('+') {
        Some((base, added)) => (base, Some(added)),
        None => (minute, None),
    };
    let figures =
        |s: &str, most: usize| !s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit());
    figures(base, 3) && added.is_none_or(|a| figures(a, 2))
}

/// `(pen.)`, `(o.g.)` and their shorter spellings after a minute.
fn is_note(token: &str) -> bool {
    let Some(inner) = token.strip_prefix('(').and_then(|t| t.strip_suffix(')')) else {
        return false;
    };
    ["pen.", "pen", "p", "o.g.", "o.g", "og"]
        .iter()
        .any(|note| inner.eq_ignore_ascii_case(note))
}

/// A word of a player's name: `Trézéguet`, `N'Jie`, `Troost-Ekong`; never
/// a figure, a score, a separator between teams, brackets or a date's slash.
fn is_name_word(token: &str) -> bool {
    !matches!(token, "-" | "–" | "v" | "vs" | "vs.")
        && token.chars().any(char::is_alphabetic)
        && !token
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '[' | ']' | '@' | '|' | ':' | '/' | '#'))
}

#[cfg(test)]
mod tests {
    use super::is_scorer_line;

    #[test]
    fn scorer_lines_of_the_internationals_files() {
        for line in [
            "Trézéguet 41'",
            "-; Patrick Kaddu 14' Emmanuel Okwi 48'",
            "Sory Kaba 34' François Kamano 66' (pen.);",
            "Anicet Abel 49' Carolus Andriamatsinoro 55'",
            "Itamunua Keimuine 89' (o.g.)",
            "Stéphane Bahoken 41' Clinton N'Jie 44'",
            "William Troost-Ekong 40' (o.g.) Riyad Mahrez 90';",
            "Dylan Bronn 101' (o.g.)",
            "Someone 45+2' 90+10'",
            "Mohamed Salah 36', 45'; Khama Billiat 40'",
        ] {
            assert!(is_scorer_line(line), "{line}");
        }
    }

    #[test]
    fn match_lines_and_prose_are_not_scorers() {
        for line in [
            "Egypt - Zimbabwe  1-0   @ Cairo, Egypt",
            "Home v Away",
            "Home - Away",
            "Home FC  2-1  Away FC",
            "this line is not a match",
            "-;",
            "-",
            ";",
            "41'",
            "(pen.) Someone 41'",
            "Someone (pen.) 41'",
            "Someone 41' and",
            "Someone 41'; Other 50'; Third 60'",
            "Someone 1-0 41'",
            "Someone 4100'",
            "Someone 90+100'",
            "Sat Jun 22",
            "NOTE: Kick-off at 41'",
        ] {
            assert!(!is_scorer_line(line), "{line}");
        }
    }
}
