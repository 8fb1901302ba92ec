//! Dates and kick-off times as Football.TXT writes them.

use chrono::NaiveTime;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `word` is `name` or its first three letters or more (`Aug`, `Sept`, `June`).
fn abbreviates(word: &str, name: &str) -> bool {
    word.len() >= 3
        && word.len() <= name.len()
        && name.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
}

/// Month, day and optional year of `Fri Aug/11`, `Sat Nov/4 2023`, `Fri Jun 14`, `June 11`.
pub(super) fn date_parts(text: &str) -> Option<(u32, u32, Option<i32>)> {
    let mut tokens = text.split([' ', '/', ',']).filter(|t| !t.is_empty());
    let mut word = tokens.next()?;
    if WEEKDAYS.iter().any(|d| abbreviates(word, d)) {
        word = tokens.next()?;
    }
    let month = MONTHS.iter().position(|m| abbreviates(word, m))? as u32 + 1;
    let day: u32 = tokens.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    let year = match tokens.next() {
        None => None,
        Some(y) if y.len() == 4 => Some(y.parse().ok()?),
        Some(_) => return None,
    };
    if tokens.next().is_some() {
        return None;
    }
    Some((month, day, year))
}

/// `20.00` or `19:30` at the start of a match line.
pub(super) fn leading_time(text: &str) -> Option<(NaiveTime, &str)> {
    let end = text.find([' ', '\t']).unwrap_or(text.len());
    let (hours, minutes) = text[..end].split_once(['.', ':'])?;
    let all_digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || minutes.len() != 2 || !all_digits(minutes) {
        return None;
    }
    let time = NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)?;
    Some((time, &text[end..]))
}

/// Skips the time zone or local time after the kick-off: `12:00 UTC-7`, `15:00 (17:00 UTC+4)`.
pub(super) fn skip_local_time(text: &str) -> &str {
    if text.starts_with("UTC") || text.starts_with("CET") || text.starts_with("CEST") {
        return text.find([' ', '\t']).map_or("", |end| text[end..].trim_start());
    }
    if text.starts_with('(')
        && let Some(close) = text.find(')')
        && text[..close].contains("UTC")
    {
        return text[close + 1..].trim_start();
    }
    text
}
