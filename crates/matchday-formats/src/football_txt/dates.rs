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

/// Month (1 to 12), day and, when written, year of a date.
pub(super) type DateParts = (u32, u32, Option<i32>);

/// Whether `word` is `name` or its first three letters or more (`Aug`, `Sept`, `June`).
fn abbreviates(word: &str, name: &str) -> bool {
    word.len() >= 3
        && word.len() <= name.len()
        && name.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
}

/// Month, day and optional year of `Fri Aug/11`, `Sat Nov/4 2023`, `Fri Jun 14`, `June 11`.
pub(super) fn date_parts(text: &str) -> Option<DateParts> {
    leading_date(text).and_then(|(parts, rest)| rest.is_empty().then_some(parts))
}

/// The words of `text` with the byte offset where each ends; `/` and `,`
/// separate words too, so that `Aug/11` is two.
fn words(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'/' | b',') {
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && !matches!(bytes[at], b' ' | b'\t' | b'/' | b',') {
            at += 1;
        }
        Some((&text[start..at], at))
    })
}

/// A weekday written in full or shortened to two letters or more (`Th`, `Thu`, `Thursday`).
fn is_weekday(word: &str) -> bool {
    word.len() >= 2
        && word.bytes().all(|b| b.is_ascii_alphabetic())
        && WEEKDAYS.iter().any(|d| {
            word.len() <= d.len() && d.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        })
}

/// A year written with four digits, or with two (`26` is 2026, `59` is 1959).
fn year(word: &str) -> Option<i32> {
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = word.parse().ok()?;
    match word.len() {
        4 => Some(n),
        2 if n < 50 => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    }
}

/// A day-first date in figures: `26/3/26`, `05.04.1959`, `14.6.24`, `1.8.` (no year).
fn numeric_date(word: &str) -> Option<DateParts> {
    let day_month = |d: &str, m: &str| -> Option<(u32, u32)> {
        let small = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !small(d) || !small(m) {
            return None;
        }
        let (d, m): (u32, u32) = (d.parse().ok()?, m.parse().ok()?);
        ((1..=31).contains(&d) && (1..=12).contains(&m)).then_some((d, m))
    };
    if let Some(parts) = word.strip_suffix('.').map(|w| w.split('.').collect::<Vec<_>>())
        && let [d, m] = parts.as_slice()
    {
        // `1.8.`: the dot after the month tells it from a kick-off time such as `19.05`.
        let (d, m) = day_month(d, m)?;
        return Some((m, d, None));
    }
    if let [d, m, y] = word.split('.').collect::<Vec<_>>().as_slice() {
        let (d, m) = day_month(d, m)?;
        return Some((m, d, Some(year(y)?)));
    }
    None
}

/// The date at the start of a line and the rest of the line after it:
/// `Thu Jun 14 18:00 UTC+3 @ ...`, `Th 26/3/26 20:45 CET  Italy  2-0  ...`,
/// `Aug 1   VEN v COL  0-0`, `05.04.1959 @ Dublin`, `Sat Nov/4 2023`.
pub(super) fn leading_date(text: &str) -> Option<(DateParts, &str)> {
    let mut tokens = words(text).peekable();
    let (mut word, mut end) = tokens.next()?;
    if is_weekday(word) {
        (word, end) = tokens.next()?;
    }
    let rest = |end: usize| text[end..].trim_start();
    if let Some(parts) = numeric_date(word) {
        return Some((parts, rest(end)));
    }
    // `26/3/26`: day, month and year separated by slashes.
    let slashed = text.as_bytes().get(end) == Some(&b'/');
    if slashed && word.bytes().all(|b| b.is_ascii_digit()) {
        let day: u32 = word.parse().ok().filter(|d| (1..=31).contains(d))?;
        let (month, month_end) = tokens.next()?;
        let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        if text.as_bytes().get(month_end) != Some(&b'/') {
            return None;
        }
        let (y, year_end) = tokens.next()?;
        return Some(((month, day, Some(year(y)?)), rest(year_end)));
    }
    let month = MONTHS.iter().position(|m| abbreviates(word, m))? as u32 + 1;
    let (day, day_end) = tokens.next()?;
    let day: u32 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    end = day_end;
    let mut year_found = None;
    if let Some(&(y, year_end)) = tokens.peek()
        && y.len() == 4
        && let Some(y) = year(y)
    {
        year_found = Some(y);
        end = year_end;
    }
    Some(((month, day, year_found), rest(end)))
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
pub(super) fn skip_local_time(mut text: &str) -> &str {
    loop {
        if ["UTC", "CET", "CEST", "BST", "GMT"]
            .iter()
            .any(|zone| text.starts_with(zone))
        {
            text = text.find([' ', '\t']).map_or("", |end| text[end..].trim_start());
        } else if text.starts_with('(')
            && let Some(close) = text.find(')')
            && text[..close].contains("UTC")
        {
            // `20:45 CET (19:45 UTC±0)`: the zone, then the local time.
            text = text[close + 1..].trim_start();
        } else {
            return text;
        }
    }
}
