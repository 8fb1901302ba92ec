//! The score of a match line, and where it splits the home team from the away team.

use matchday_core::{ExtraTimeAfter, MatchResult, Score};

/// How a score in a match line is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    AfterExtraTime,
    Penalties,
}

/// The scores of a match line before they are checked against each other.
#[derive(Debug, Default)]
pub(super) struct RawScore {
    marked: Vec<(Score, Mark)>,
    bracketed: Vec<Score>,
}

impl RawScore {
    /// The result, and whether it only fits a second leg (extra time after a
    /// match that was not level, because the aggregate was).
    pub(super) fn result(&self) -> Result<(MatchResult, bool), String> {
        let find = |mark: Mark| {
            let mut found = self.marked.iter().filter(|(_, m)| *m == mark).map(|(s, _)| *s);
            match (found.next(), found.next()) {
                (first, None) => Ok(first),
                (Some(_), Some(_)) => Err("two scores of the same kind".to_string()),
                (None, Some(_)) => unreachable!("an iterator yields in order"),
            }
        };
        let (plain, extra_time, penalties) = (
            find(Mark::Plain)?,
            find(Mark::AfterExtraTime)?,
            find(Mark::Penalties)?,
        );
        let (full_time, half_time) = match (plain, self.bracketed.as_slice()) {
            (Some(ft), []) => (Some(ft), None),
            (Some(ft), [ht]) => (Some(ft), Some(*ht)),
            (Some(_), _) => return Err("a plain score has only its half-time score in brackets".to_string()),
            (None, [ft]) => (Some(*ft), None),
            (None, [ft, ht]) => (Some(*ft), Some(*ht)),
            // Goalless after extra time: goalless after 90 minutes too.
            (None, []) if extra_time.is_some_and(|et| et.home() == 0 && et.away() == 0) => (extra_time, None),
            // `1-1 a.e.t., 3-4 pen.` does not say how it stood after 90 minutes:
            // the score after extra time is kept and the 90 minutes stay absent.
            (None, []) if extra_time.is_some() => (None, None),
            (None, []) => {
                return Err(
                    "a shoot-out needs the score before it (`1-1 a.e.t., 3-4 pen.` or `1-1, 4-3 pen.`)"
                        .into(),
                );
            }
            (None, _) => {
                return Err(
                    "a score after extra time or penalties needs the 90-minute score in brackets".into(),
                );
            }
        };
        let parts = |after| MatchResult::from_parts(full_time, half_time, extra_time, penalties, after);
        match parts(ExtraTimeAfter::LevelMatch) {
            Ok(result) => Ok((result, false)),
            Err(strict) => parts(ExtraTimeAfter::LevelAggregate)
                .map(|r| (r, true))
                .map_err(|_| strict.to_string()),
        }
    }
}

/// A score token `3-1` (or with an en dash) at byte `at`, and where it ends.
fn score_at(text: &str, at: usize) -> Option<(Score, usize)> {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        let n = bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
        (1..=3).contains(&n).then_some(from + n)
    };
    let home_end = digits(at)?;
    let rest = &text[home_end..];
    let dash = if rest.starts_with('-') {
        1
    } else if rest.starts_with('–') {
        '–'.len_utf8()
    } else {
        return None;
    };
    let away_start = home_end + dash;
    let away_end = digits(away_start)?;
    if let Some(&next) = bytes.get(away_end)
        && (next.is_ascii_alphanumeric() || next == b'-' || next == b'.')
    {
        return None;
    }
    let home = text[at..home_end].parse().ok()?;
    let away = text[away_start..away_end].parse().ok()?;
    Some((Score::new(home, away).ok()?, away_end))
}

/// `pen.`, `a.e.t.` and their shorter spellings at byte `at`, and where they end.
fn mark_at(text: &str, at: usize) -> Option<(Mark, usize)> {
    const MARKS: [(&str, Mark); 7] = [
        ("a.e.t.", Mark::AfterExtraTime),
        ("a.e.t", Mark::AfterExtraTime),
        ("aet", Mark::AfterExtraTime),
        ("pens", Mark::Penalties),
        ("pen.", Mark::Penalties),
        ("pen", Mark::Penalties),
        ("p", Mark::Penalties),
    ];
    let rest = &text.as_bytes()[at..];
    MARKS.iter().find_map(|&(word, mark)| {
        let n = word.len();
        let fits = rest.len() >= n
            && rest[..n].eq_ignore_ascii_case(word.as_bytes())
            && rest
                .get(n)
                .is_none_or(|b| matches!(b, b' ' | b'\t' | b'(' | b','));
        fits.then_some((mark, at + n))
    })
}

fn skip_spaces(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
        at += 1;
    }
    at
}

/// The scores starting at byte `at` (`4-5 pen. 4-4 a.e.t. (3-3, 1-3)`), and where they end.
fn scan_score(text: &str, at: usize) -> Option<(RawScore, usize)> {
    let mut raw = RawScore::default();
    let mut end = at;
    loop {
        let mut start = skip_spaces(text, end);
        // `1-1 a.e.t., 3-4 pen.`: a comma before the next marked score.
        if !raw.marked.is_empty() && text[start..].starts_with(',') {
            let next = skip_spaces(text, start + 1);
            let marked_next = score_at(text, next)
                .is_some_and(|(_, after)| mark_at(text, skip_spaces(text, after)).is_some());
            if !marked_next {
                break;
            }
            start = next;
        }
        let Some((score, after)) = score_at(text, start) else {
            break;
        };
        let (mark, after) = mark_at(text, skip_spaces(text, after)).unwrap_or((Mark::Plain, after));
        raw.marked.push((score, mark));
        end = after;
    }
    if raw.marked.is_empty() {
        return None;
    }
    let open = skip_spaces(text, end);
    if text[open..].starts_with('(')
        && let Some(close) = text[open..].find(')')
    {
        let inner = &text[open + 1..open + close];
        let scores: Option<Vec<Score>> = inner.split(',').map(|s| s.trim().parse().ok()).collect();
        if let Some(scores) = scores {
            raw.bracketed = scores;
            end = open + close + 1;
            // `1-1 a.e.t. (1-1, 0-1), 3-4 pen.`: the shoot-out after the brackets.
            if text[end..].starts_with(',') {
                let start = skip_spaces(text, end + 1);
                if let Some((score, after)) = score_at(text, start)
                    && let Some((Mark::Penalties, after)) = mark_at(text, skip_spaces(text, after))
                {
                    raw.marked.push((score, Mark::Penalties));
                    end = after;
                }
            }
        }
    }
    Some((raw, end))
}

/// Byte offsets where a word starts after whitespace (never 0).
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (1..bytes.len()).filter(move |&i| (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') && bytes[i] != b' ')
}

/// Home, away and score of `Home  2-1 (1-0)  Away`, `Home v Away  2-1 (1-0)`,
/// `URU - CHI  4-0 (1-0)`, `Home v Away`, `Home  -  Away` or `Home n/p Away`
/// (not played). A two-legged tie's aggregate after the score (`0-0  (agg 3-0)`)
/// follows from the two legs and is dropped.
pub(super) fn split_teams(body: &str) -> Option<(&str, &str, Option<RawScore>)> {
    let body = drop_aggregate(body);
    let (body, note) = extra_time_note(body);
    let (home, away, mut score) = split_plain_teams(body)?;
    if let Some(penalties) = note {
        // `England  2–1 Slovakia  (aet)`: the score is the one after extra time.
        let raw = score.as_mut()?;
        match raw.marked.as_mut_slice() {
            [(_, mark @ Mark::Plain)] => *mark = Mark::AfterExtraTime,
            _ => return None,
        }
        if let Some(p) = penalties {
            raw.marked.push((p, Mark::Penalties));
        }
    }
    Some((home, away, score))
}

/// A trailing `(aet)` or `(aet, 3-0 pen)`, RSSSF's way of marking extra time,
/// split off with the shoot-out it gives.
fn extra_time_note(body: &str) -> (&str, Option<Option<Score>>) {
    let trimmed = body.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let note = inner[open + 1..].trim();
        let mut parts = note.splitn(2, ',').map(str::trim);
        if parts.next().is_some_and(|p| p.eq_ignore_ascii_case("aet")) {
            let before = trimmed[..open].trim_end();
            match parts.next() {
                None => return (before, Some(None)),
                Some(pens) => {
                    let score = pens
                        .strip_suffix("pen")
                        .or_else(|| pens.strip_suffix("pens"))
                        .or_else(|| pens.strip_suffix('p'))
                        .and_then(|s| s.trim().parse::<Score>().ok());
                    if let Some(score) = score {
                        return (before, Some(Some(score)));
                    }
                }
            }
        }
    }
    (body, None)
}

/// [`split_teams`] once notes after the match are taken off.
fn split_plain_teams(body: &str) -> Option<(&str, &str, Option<RawScore>)> {
    let nonempty = |s: &str| (!s.is_empty()).then_some(());
    if let Some(v) = body.find(" v ") {
        return teams_then_score(body, v, 3);
    }
    for start in word_starts(body) {
        if score_at(body, start).is_some() {
            let (raw, end) = scan_score(body, start)?;
            let (home, away) = (body[..start].trim(), body[end..].trim());
            nonempty(home)?;
            if away.is_empty()
                && let Some(dash) = body[..start].find(" - ")
            {
                // `URU - CHI  4-0 (1-0)`: the teams first, then the score.
                return teams_then_score(body, dash, 3);
            }
            nonempty(away)?;
            return Some((home, away, Some(raw)));
        }
    }
    if let Some((home, away)) = body.split_once(" n/p ") {
        let (home, away) = (home.trim(), away.trim());
        nonempty(home)?;
        nonempty(away)?;
        return Some((home, away, None));
    }
    let (home, away) = body.split_once(" - ")?;
    let (home, away) = (home.trim(), away.trim());
    nonempty(home)?;
    nonempty(away)?;
    Some((home, away, None))
}

/// `Home v Away  2-1 (1-0)` split at the separator at byte `at`, `width` bytes long.
fn teams_then_score(body: &str, at: usize, width: usize) -> Option<(&str, &str, Option<RawScore>)> {
    let home = body[..at].trim();
    let rest = body[at + width..].trim();
    if home.is_empty() {
        return None;
    }
    for start in word_starts(rest) {
        if score_at(rest, start).is_some() {
            let (raw, end) = scan_score(rest, start)?;
            if !rest[end..].trim().is_empty() {
                return None;
            }
            let away = rest[..start].trim();
            return Some((home, away, Some(raw)));
        }
    }
    (!rest.is_empty()).then_some((home, rest, None))
}

/// The text before a trailing `(agg 3-0)`.
fn drop_aggregate(body: &str) -> &str {
    let trimmed = body.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && inner[open + 1..].trim_start().to_lowercase().starts_with("agg")
    {
        return trimmed[..open].trim_end();
    }
    body
}
