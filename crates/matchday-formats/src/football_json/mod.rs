//! openfootball's football.json: the JSON its tools generate from Football.TXT.
//!
//! ```text
//! {"name": "English Premier League 2023/24",     the title: a name and, anywhere in it, the season
//!  "matches": [                                  the flat shape (football.json, worldcup.json)
//!   {"round": "Matchday 1",                      the round (optional)
//!    "date": "2023-08-11",                       the day, YYYY-MM-DD
//!    "time": "20:00",                            kick-off (optional; "18:00 UTC+3", "20:45 CET": local time kept)
//!    "team1": "Burnley FC",                      the teams: names,
//!    "team2": {"name": "Scotland", "code": "SCO"},  or objects with a code (euro.json; the code is not kept)
//!    "score": {"ft": [0, 3], "ht": [0, 2]},      see below; absent, null or {}: not played yet
//!    "group": "Group A"}]}                       a group stage's group (optional)
//! {"name": "Euro 2024",
//!  "rounds": [{"name": "Matchday 1",             the nested shape (euro.json): the round names
//!              "matches": [...]}]}               its matches, written as above without "round"
//! ```
//!
//! - `score` is an object of parts, each `[home, away]` and each only when
//!   given: `ft` after 90 minutes, `ht` at half-time, `et` after extra time
//!   (the 90 minutes' goals included), `p` the shoot-out. worldcup.json's
//!   qualifying play-offs write a plain result as a bare `[2, 0]` (the
//!   90-minute score) and a match that went to extra time as `{"et": [1, 1],
//!   "p": [2, 4]}` without `ft`: then the 90-minute score is absent, never
//!   guessed, as for Football.TXT's `1-1 a.e.t., 2-4 pen.`.
//! - `status` (matchday's own field, which [`write`] adds for such matches):
//!   `postponed`, `cancelled` or `abandoned` without a score, `awarded` with one.
//! - Skipped: scorers (`goals1`, `goals2`), match numbers (`num`), the ground's
//!   name (`ground`) and a second, local kick-off (`time_local`). Any other
//!   field is refused with its name, so a file in another schema (the older
//!   `score1`/`score2` one) or a file of groups, teams or stadiums is not read
//!   as fixtures.
//! - The title is split as Football.TXT's `= ...` header is (the season is
//!   the last word that reads as one; `Euro 2021` is Euro 2020, played in
//!   2021), and what the files leave implicit is derived by the same code as
//!   for Football.TXT: legs and replays of knockout rounds, neutral finals,
//!   the format (groups, knockout or league), so the regulations and stages
//!   chosen on import are the same for both.
//! - Errors name the line, the JSON path (`matches[3].score.ft`,
//!   `rounds[4].matches[2]`) with the teams where they are known, and the
//!   column; a byte-order mark is skipped.
//!
//! [`write`] writes the flat shape with `ft`, `ht`, `et` and `p` as
//! given. It holds the matches only: the slug, rules, points, zones, team
//! aliases and deductions of a record have no place in football.json (the
//! season file keeps them). `parse(&write(&parse(text)?))` gives the same
//! matches as `parse(text)`, except each match's `line`.

mod shape;
#[cfg(test)]
mod tests;

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{ExtraTimeAfter, MatchRecord, MatchResult, MatchStatus, Score, SeasonRecord, Venue};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::ParseError;
use crate::football_txt::derive::{
    format_of, label_group_rounds, mark_legs_and_replays, mark_neutral_venues, title_parts,
};
use shape::{Document, MatchDoc, ScoreDoc, ScoreParts, StatusDoc, WrittenDocument};

/// Whether `text` is JSON (its first character that is not white space opens
/// an object or a list): football.json is the only JSON matchday reads, so a
/// JSON file of something else is refused by this reader, which says why.
pub fn is_json(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    body.trim_start().starts_with(['{', '['])
}

/// Reads a football.json file (flat `matches` or nested `rounds`) into a
/// season record.
///
/// # Errors
/// A [`ParseError`] naming the line, the JSON path and what is wrong: JSON
/// that does not parse, a field this reader does not know, a date, kick-off
/// or score that cannot be read, or a result whose parts cannot happen.
///
/// ```
/// let text = r#"{"name": "World Cup 2022", "matches": [
///   {"round": "Final", "date": "2022-12-18", "time": "18:00",
///    "team1": "Argentina", "team2": "France",
///    "score": {"ft": [2, 2], "ht": [2, 0], "et": [3, 3], "p": [4, 2]}}]}"#;
/// let record = matchday_formats::football_json::parse(text)?;
/// assert_eq!(record.competition, "World Cup");
/// let result = record.matches[0].status.result().unwrap();
/// assert_eq!(result.to_string(), "3-3 aet, 4-2 pens");
/// # Ok::<(), matchday_formats::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<SeasonRecord, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(body);
    let start = body.trim_start();
    if start.starts_with('[') {
        // serde would read a list as a struct's fields in order, and word it badly.
        return Err(ParseError::new(
            lines.position(start).0,
            "a JSON list, not a football.json match file (one object with \"name\" and \"matches\" or \"rounds\")",
        ));
    }
    let doc: Document = read_json(body, &lines, "")?;
    let mut raw: Vec<(String, Option<String>, &RawValue)> = Vec::new();
    match (doc.matches, doc.rounds) {
        (Some(matches), None) => {
            for (i, m) in matches.into_iter().enumerate() {
                raw.push((format!("matches[{i}]"), None, m));
            }
        }
        (None, Some(rounds)) => {
            for (r, round) in rounds.into_iter().enumerate() {
                for (i, m) in round.matches.into_iter().enumerate() {
                    raw.push((format!("rounds[{r}].matches[{i}]"), Some(round.name.clone()), m));
                }
            }
        }
        (Some(_), Some(_)) => {
            return Err(ParseError::new(
                1,
                "both \"matches\" and \"rounds\": a football.json file has one or the other",
            ));
        }
        (None, None) => {
            return Err(ParseError::new(
                1,
                "no \"matches\" or \"rounds\": not a football.json match file",
            ));
        }
    }
    let (competition, season) = title_parts(doc.name.trim());
    let mut record = SeasonRecord {
        competition,
        season,
        ..SeasonRecord::default()
    };
    let mut second_leg_only = Vec::new();
    for (path, round, m) in raw {
        let line = lines.position(m.get()).0;
        let doc: MatchDoc = read_json(m.get(), &lines, &path)?;
        let (game, needs_second_leg) = match_record(doc, round, line, &path)?;
        if needs_second_leg {
            second_leg_only.push((record.matches.len(), path));
        }
        record.matches.push(game);
    }
    label_group_rounds(&mut record.matches, &[]);
    mark_legs_and_replays(&mut record.matches);
    for (index, path) in second_leg_only {
        let m = &record.matches[index];
        if m.leg != Some(2) {
            return Err(ParseError::new(
                m.line,
                format!(
                    "{path} ({} v {}): score: extra time or penalties after a match that was not level, \
                     outside a second leg",
                    m.home, m.away
                ),
            ));
        }
    }
    mark_neutral_venues(&mut record.matches);
    crate::football_txt::check_texts(&record)?;
    crate::refuse_conflicting_results(&record.matches)?;
    record.format = Some(format_of(&record.matches));
    Ok(record)
}

/// One match read from its document; also whether its result only fits a
/// second leg (extra time after a match that was not level), which can be
/// told only once the legs are known.
fn match_record(
    doc: MatchDoc,
    round: Option<String>,
    line: usize,
    path: &str,
) -> Result<(MatchRecord, bool), ParseError> {
    let home = doc.team1.name().trim().to_string();
    let away = doc.team2.name().trim().to_string();
    let bad = |field: &str, what: String| {
        ParseError::new(line, format!("{path} ({home} v {away}): {field}: {what}"))
    };
    let date = NaiveDate::parse_from_str(doc.date.trim(), "%Y-%m-%d")
        .map_err(|_| bad("date", format!("cannot read date \"{}\" (YYYY-MM-DD)", doc.date)))?;
    let kickoff = match doc.time.as_deref().map(str::trim) {
        None | Some("") => None,
        // The zone after the time ("UTC+3", "CET") is dropped: kick-offs are
        // kept in local time, as Football.TXT's are.
        Some(time) => {
            let clock = time.split_whitespace().next().unwrap_or(time);
            Some(
                NaiveTime::parse_from_str(clock, "%H:%M")
                    .map_err(|_| bad("time", format!("cannot read kick-off \"{time}\" (HH:MM)")))?,
            )
        }
    };
    let parts = match doc.score {
        None => None,
        Some(ScoreDoc::Bare(ft)) => Some(ScoreParts {
            ft: Some(ft),
            ..ScoreParts::default()
        }),
        Some(ScoreDoc::Parts(parts)) => {
            let given = parts.ft.is_some() || parts.ht.is_some() || parts.et.is_some() || parts.p.is_some();
            given.then_some(parts)
        }
    };
    let mut second_leg_only = false;
    let result = match parts {
        None => None,
        Some(parts) => {
            let score = |pair: Option<[u32; 2]>| -> Result<Option<Score>, ParseError> {
                pair.map(|[h, a]| Score::new(h, a))
                    .transpose()
                    .map_err(|e| bad("score", e.to_string()))
            };
            let (ft, ht, et, p) = (
                score(parts.ft)?,
                score(parts.ht)?,
                score(parts.et)?,
                score(parts.p)?,
            );
            let single = MatchResult::from_parts(ft, ht, et, p, ExtraTimeAfter::LevelMatch);
            let result = match single {
                Ok(result) => result,
                Err(single_err) => {
                    let leg = MatchResult::from_parts(ft, ht, et, p, ExtraTimeAfter::LevelAggregate)
                        .map_err(|_| bad("score", single_err.to_string()))?;
                    second_leg_only = true;
                    leg
                }
            };
            Some(result)
        }
    };
    let status = match (doc.status, result) {
        (None, None) => MatchStatus::Scheduled,
        (None, Some(result)) => MatchStatus::Played(result),
        (Some(StatusDoc::Awarded), Some(result)) => MatchStatus::Awarded(result),
        (Some(StatusDoc::Awarded), None) => {
            return Err(bad("status", "an awarded match needs its awarded score".into()));
        }
        (Some(StatusDoc::Postponed), None) => MatchStatus::Postponed,
        (Some(StatusDoc::Cancelled), None) => MatchStatus::Cancelled,
        (Some(StatusDoc::Abandoned), None) => MatchStatus::Abandoned,
        (Some(status), Some(_)) => {
            let word = serde_json::to_string(&status).unwrap_or_default();
            return Err(bad(
                "score",
                format!("a {} match has no score", word.trim_matches('"')),
            ));
        }
    };
    let nonempty = |text: Option<String>| text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let group = nonempty(doc.group).map(|g| match g.split_once(' ') {
        Some((word, rest)) if word.eq_ignore_ascii_case("group") && !rest.trim().is_empty() => {
            rest.trim().to_string()
        }
        _ => g,
    });
    let game = MatchRecord {
        date,
        kickoff,
        home,
        away,
        venue: Venue::Home,
        round: nonempty(doc.round).or(nonempty(round)),
        group,
        leg: None,
        replay: false,
        status,
        line,
        closing_odds: None,
    };
    Ok((game, second_leg_only))
}

/// Reads `part` (the whole file, or one match of it) as a `T`, wording an
/// error with its line and column in the whole file and its JSON path
/// below `prefix`.
fn read_json<'a, T: Deserialize<'a>>(
    part: &'a str,
    lines: &LineIndex,
    prefix: &str,
) -> Result<T, ParseError> {
    let mut de = serde_json::Deserializer::from_str(part);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let below = e.path().to_string();
        json_error(e.inner(), part, lines, prefix, &below)
    })?;
    // Anything after the value (a second object, stray text) is refused too.
    de.end().map_err(|e| json_error(&e, part, lines, prefix, "."))?;
    Ok(value)
}

/// A serde_json error at `below` (a path inside `part`) worded with its
/// place in the whole file.
fn json_error(
    inner: &serde_json::Error,
    part: &str,
    lines: &LineIndex,
    prefix: &str,
    below: &str,
) -> ParseError {
    let (line, column) = lines.at(part, inner.line(), inner.column());
    let path = match (prefix, below) {
        (p, ".") => p.to_string(),
        ("", b) => b.to_string(),
        (p, b) if b.starts_with('[') => format!("{p}{b}"),
        (p, b) => format!("{p}.{b}"),
    };
    let message = serde_message(inner);
    let hint = if prefix.is_empty() && message.contains("expected one of `name`") {
        " (a football.json match file has \"name\" and \"matches\" or \"rounds\")"
    } else {
        ""
    };
    if path.is_empty() {
        ParseError::new(line, format!("column {column}: {message}{hint}"))
    } else {
        ParseError::new(line, format!("{path} at column {column}: {message}{hint}"))
    }
}

/// serde_json's message without the position it appends (given separately).
fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// Where each line of the file starts, to turn a byte offset into a line and column.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// The 1-based line and column of the start of `part`, a slice of the file.
    fn position(&self, part: &str) -> (usize, usize) {
        let offset = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let line = self.starts.partition_point(|&s| s <= offset);
        (line, offset - self.starts[line - 1] + 1)
    }

    /// The line and column in the file of (`line`, `column`) in `part`, as
    /// serde_json counts them (1-based; line 0 when it gives none).
    fn at(&self, part: &str, line: usize, column: usize) -> (usize, usize) {
        let (first_line, first_column) = self.position(part);
        match line {
            0 => (first_line, first_column),
            1 => (first_line, first_column + column.saturating_sub(1)),
            n => (first_line + n - 1, column),
        }
    }
}

/// Writes a season record as a football.json file (the flat shape).
///
/// ```
/// let text = "= Euro 2024\n▪ Final\nSun Jul 14\n  21:00  Spain  2-1 (0-0)  England\n";
/// let record = matchday_formats::football_txt::parse(text)?;
/// let json = matchday_formats::football_json::write(&record);
/// assert!(json.contains("\"name\": \"Euro 2024\""));
/// let back = matchday_formats::football_json::parse(&json)?;
/// assert_eq!(back.matches[0].status, record.matches[0].status);
/// # Ok::<(), matchday_formats::ParseError>(())
/// ```
pub fn write(record: &SeasonRecord) -> String {
    let name = match record.season {
        Some(season) => format!("{} {}", record.competition, title_season(season)),
        None => record.competition.clone(),
    };
    let pair = |s: Score| [u32::from(s.home()), u32::from(s.away())];
    let matches = record
        .matches
        .iter()
        .map(|m| {
            let (score, status) = match &m.status {
                // A score in play is not a result: exported, the match is still to play.
                MatchStatus::Scheduled | MatchStatus::Live(_) => (None, None),
                MatchStatus::Played(r) => (Some(parts_of(r, pair)), None),
                MatchStatus::Awarded(r) => (Some(parts_of(r, pair)), Some(StatusDoc::Awarded)),
                MatchStatus::Postponed => (None, Some(StatusDoc::Postponed)),
                MatchStatus::Cancelled => (None, Some(StatusDoc::Cancelled)),
                MatchStatus::Abandoned => (None, Some(StatusDoc::Abandoned)),
            };
            MatchDoc::written(
                m.round.clone(),
                m.date.format("%Y-%m-%d").to_string(),
                m.kickoff.map(|t| t.format("%H:%M").to_string()),
                m.home.clone(),
                m.away.clone(),
                score,
                status,
                m.group.as_ref().map(|g| format!("Group {g}")),
            )
        })
        .collect();
    let doc = WrittenDocument { name, matches };
    let mut text = serde_json::to_string_pretty(&doc).expect("a document of strings and numbers serializes");
    text.push('\n');
    text
}

fn parts_of(r: &MatchResult, pair: impl Fn(Score) -> [u32; 2]) -> ScoreDoc {
    ScoreDoc::Parts(ScoreParts {
        ft: r.score().map(&pair),
        ht: r.half_time().map(&pair),
        et: r.extra_time().map(&pair),
        p: r.penalties().map(&pair),
    })
}

/// The season as a title word the reader takes back: `2023/24` as
/// openfootball writes it, and an edition played late under the year it was
/// played (`Euro 2021`), as openfootball titles it.
fn title_season(season: matchday_core::Season) -> String {
    let shown = season.to_string();
    if let Some((start, end)) = shown.split_once('-') {
        format!("{start}/{end}")
    } else if let Some((_, played)) = shown.split_once(" (played ") {
        played.trim_end_matches(')').to_string()
    } else {
        shown
    }
}
