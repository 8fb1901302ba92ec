//! The line-by-line reader: headers, headings, dates and match lines, with
//! the state (round, group, date, kick-off) that later lines inherit.

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{ExtraTimeAfter, MatchRecord, MatchStatus, SeasonRecord, Settlement, Side, Venue};

use super::dates::{DateParts, date_parts, leading_date, leading_time, skip_local_time};
use super::derive::{
    MatchdayRange, format_of, label_group_rounds, label_unlabelled_tournament, mark_legs_and_replays,
    mark_neutral_venues, name_unnamed_groups, title_parts,
};
use super::scorers::is_scorer_line;
use super::scores::split_teams;
use crate::ParseError;

/// Which group the lines being read belong to.
#[derive(Debug, Default, Clone)]
enum GroupContext {
    #[default]
    None,
    Named(String),
    /// A group stage whose heading does not say which group (`» Group, Matchday 1`).
    Unnamed,
}

/// Lines that belong to the match before them and carry nothing we store.
#[derive(Debug, Default, Clone, Copy)]
enum Skipping {
    #[default]
    Nothing,
    /// Scorers in brackets, open by this many brackets.
    Goals(i32),
    /// A line-up; the next line continues it when this one ended with `,` or `-`.
    Lineup { continues: bool },
    /// A note (`NOTE: Kick-off in ...`), continued by the indented lines below it.
    Note,
}

#[derive(Debug, Default)]
pub(super) struct Reader {
    record: SeasonRecord,
    header_seen: bool,
    round: Option<String>,
    group: GroupContext,
    date: Option<NaiveDate>,
    last_year: Option<i32>,
    kickoff: Option<NaiveTime>,
    matchdays: Vec<MatchdayRange>,
    skipping: Skipping,
    /// Whether the last line read was a match (or belonged to one), so that
    /// a line in brackets is its scorers.
    after_match: bool,
    /// Matches in a group stage that does not name its groups.
    unnamed_group: Vec<usize>,
    /// Matches whose result only makes sense as a second leg (extra time
    /// after a match that was not level: the aggregate was).
    second_leg_only: Vec<usize>,
    /// Whether the lines being read are inside a `<!-- ... -->` block.
    in_comment_block: bool,
    /// The headings in force, outermost first: `▪ First stage`, `▪▪ Group A`.
    headings: Vec<Heading>,
    /// Whether any line gave a date, so that a file without dates is named as such.
    dated: bool,
}

/// What one heading level says: a round, a group, or both.
#[derive(Debug, Default, Clone)]
struct Heading {
    round: Option<String>,
    group: Option<GroupContext>,
}

impl Reader {
    pub(super) fn read_line(&mut self, line: usize, raw: &str) -> Result<(), ParseError> {
        // `<!-- ... -->` blocks hold notes such as final tables, not matches.
        if self.in_comment_block {
            if raw.contains("-->") {
                self.in_comment_block = false;
            }
            return Ok(());
        }
        if raw.trim_start().starts_with("<!--") {
            self.in_comment_block = !raw.contains("-->");
            return Ok(());
        }
        let text = strip_comment(raw);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            if let Skipping::Lineup { .. } | Skipping::Note = self.skipping {
                self.skipping = Skipping::Nothing;
            }
            return Ok(());
        }
        match self.skipping {
            Skipping::Goals(open) => {
                let open = open + bracket_balance(trimmed);
                self.skipping = if open > 0 {
                    Skipping::Goals(open)
                } else {
                    Skipping::Nothing
                };
                return Ok(());
            }
            Skipping::Note if raw.starts_with([' ', '\t']) => return Ok(()),
            Skipping::Lineup { continues: true } => {
                self.skipping = Skipping::Lineup {
                    continues: trimmed.ends_with([',', '-', ';']),
                };
                return Ok(());
            }
            _ => self.skipping = Skipping::Nothing,
        }
        let indented = raw.starts_with([' ', '\t']);
        let was_after_match = std::mem::replace(&mut self.after_match, false);
        self.classify_line(line, trimmed, indented, was_after_match)
    }

    fn classify_line(
        &mut self,
        line: usize,
        trimmed: &str,
        indented: bool,
        was_after_match: bool,
    ) -> Result<(), ParseError> {
        if let Some(rest) = trimmed.strip_prefix('=')
            && !rest.starts_with('=')
        {
            return self.read_header(line, rest.trim_end_matches('=').trim());
        }
        let depth = trimmed.chars().take_while(|&c| c == '▪').count();
        if depth > 0 {
            return self.read_heading(line, trimmed[depth * '▪'.len_utf8()..].trim(), depth);
        }
        if let Some(rest) = trimmed.strip_prefix('»') {
            return self.read_heading(line, rest.trim(), 1);
        }
        if let Some(rest) = trimmed.strip_prefix("==") {
            return self.read_heading(line, rest.trim_matches('=').trim(), 1);
        }
        if let Some(inner) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let date = self
                .date_from_text(inner)
                .ok_or_else(|| ParseError::new(line, format!("cannot read date \"{trimmed}\"")))?;
            self.set_date(date);
            return Ok(());
        }
        let (number, trimmed) = strip_match_number(trimmed);
        if trimmed.starts_with('(') && number.is_none() && was_after_match {
            let open = bracket_balance(trimmed);
            if open > 0 {
                self.skipping = Skipping::Goals(open);
            }
            self.after_match = true;
            return Ok(());
        }
        if was_after_match && number.is_none() && is_scorer_line(trimmed) {
            // Scorers on a line of their own; the next line may go on with them.
            self.after_match = true;
            return Ok(());
        }
        if let Some((parts, rest)) = leading_date(trimmed) {
            let date = self
                .resolve_date(parts)
                .ok_or_else(|| ParseError::new(line, format!("cannot read date in \"{trimmed}\"")))?;
            self.set_date(date);
            return self.read_after_date(line, rest);
        }
        if !indented && (starts_with_round_word(trimmed) || self.is_definition(trimmed)) {
            return self.read_heading(line, trimmed, 1);
        }
        if is_squad_line(trimmed) {
            return Err(ParseError::new(
                line,
                format!("a squad list holds players, not matches: \"{trimmed}\""),
            ));
        }
        if is_lineup(trimmed) {
            let label = trimmed.split(':').next().unwrap_or("").trim().to_lowercase();
            if matches!(label.as_str(), "note" | "notes" | "nb") {
                self.skipping = Skipping::Note;
                return Ok(());
            }
            self.skipping = Skipping::Lineup {
                continues: trimmed.ends_with([',', '-', ';']),
            };
            return Ok(());
        }
        self.read_match(line, trimmed)?;
        self.after_match = true;
        Ok(())
    }

    fn read_header(&mut self, line: usize, text: &str) -> Result<(), ParseError> {
        if self.header_seen {
            return Err(ParseError::new(line, format!("a second header \"= {text}\"")));
        }
        self.header_seen = true;
        let (name, season) = title_parts(text);
        self.record.competition = name;
        self.record.season = season;
        Ok(())
    }

    /// A heading (`Matchday 3`, `Group A`, `Group, Matchday 1`, `Finals, Final`)
    /// or a definition (`Matchday 1 | Fri Jun 14 - Tue Jun 18`, `Group A | Germany ...`),
    /// at `depth` (the number of `▪`): a deeper heading refines the one above it.
    fn read_heading(&mut self, line: usize, text: &str, depth: usize) -> Result<(), ParseError> {
        if let Some((label, rest)) = text.split_once('|') {
            let label = label.trim();
            if group_name(label).is_some() {
                // The group's teams: the matches name them again.
                return Ok(());
            }
            let bad = || ParseError::new(line, format!("cannot read dates in \"{text}\""));
            let (first, last) = match rest.split_once(" - ") {
                Some((a, b)) => (a, b),
                None => (rest, rest),
            };
            let first = self.date_from_text(first.trim()).ok_or_else(bad)?;
            let last = self.date_from_text(last.trim()).ok_or_else(bad)?;
            self.matchdays.push(MatchdayRange {
                label: label.to_string(),
                first,
                last,
            });
            return Ok(());
        }
        let mut rounds: Vec<String> = Vec::new();
        let mut group = None;
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let lower = part.to_lowercase();
            if let Some(name) = group_name(part) {
                group = Some(GroupContext::Named(name.to_string()));
            } else if matches!(lower.as_str(), "group" | "groups" | "group stage" | "group phase") {
                group = Some(GroupContext::Unnamed);
            } else {
                rounds.push(spaced_number(part));
            }
        }
        if rounds.is_empty() && group.is_none() {
            return Err(ParseError::new(line, format!("cannot read heading \"{text}\"")));
        }
        // At the top level the last part names the round (`Finals, Round of 16`,
        // `League, Matchday 1`); below it every part does (`Pathway 1, Final`). A
        // knockout stage played over matchdays (`Playoffs, Matchday 1`, UEFA's knockout
        // play-offs from 2024-25) is that stage's round, its matchdays the ties' legs:
        // it is not another matchday of the league phase.
        let matchday_of_cup_stage = rounds.len() >= 2
            && rounds
                .last()
                .is_some_and(|r| r.to_lowercase().starts_with("matchday"))
            && super::derive::is_cup_round(&rounds[rounds.len() - 2]);
        let round = if depth <= 1 && matchday_of_cup_stage {
            rounds.pop();
            rounds.pop()
        } else if depth <= 1 {
            rounds.pop()
        } else {
            (!rounds.is_empty()).then(|| rounds.join(", "))
        };
        self.headings.truncate(depth.saturating_sub(1));
        self.headings.resize(depth.saturating_sub(1), Heading::default());
        self.headings.push(Heading { round, group });
        let (top, below) = self.headings.split_first().expect("a heading was pushed");
        let below_rounds: Vec<&str> = below.iter().filter_map(|h| h.round.as_deref()).collect();
        self.group = self
            .headings
            .iter()
            .rev()
            .find_map(|h| h.group.clone())
            .unwrap_or_default();
        self.round = if !below_rounds.is_empty() {
            Some(below_rounds.join(", "))
        } else if below.iter().any(|h| h.group.is_some()) {
            // `▪ First stage` above `▪▪ Group A` names the stage, not a round.
            None
        } else {
            top.round.clone()
        };
        Ok(())
    }

    fn set_date(&mut self, date: NaiveDate) {
        self.date = Some(date);
        // A kick-off time belongs to its day; a match listed without one on a
        // new day (a postponed fixture) has no known time.
        self.kickoff = None;
    }

    /// What follows a date on its line: nothing, a kick-off time, a venue
    /// (`@ Lenin, Moscow, Att: 78011`, skipped with its attendance), or a match.
    fn read_after_date(&mut self, line: usize, rest: &str) -> Result<(), ParseError> {
        let mut rest = rest;
        if let Some((time, after)) = leading_time(rest) {
            self.kickoff = Some(time);
            rest = skip_local_time(after.trim_start());
        }
        if rest.is_empty() {
            return Ok(());
        }
        if let Some(venue) = rest.strip_prefix('@') {
            // `@ München      Germany  5–1 Scotland`: the venue, a gap, then the
            // match. Without a match after the gap the line is a venue
            // (`@ Buenos Aires, Gimnasia y Esgrima,   att: 3_000`).
            let venue = venue.trim();
            let Some(gap) = venue.find("  ") else {
                return Ok(());
            };
            let after = venue[gap..].trim();
            let is_match =
                split_teams(after).is_some_and(|(_, _, score)| score.is_some()) || after.contains(" v ");
            if !is_match {
                return Ok(());
            }
            rest = after;
        }
        self.read_match(line, rest)?;
        self.after_match = true;
        Ok(())
    }

    /// `Match for third place  |  Sat Jul 12`: a round defined by its dates.
    fn is_definition(&mut self, text: &str) -> bool {
        text.split_once('|').is_some_and(|(_, dates)| {
            let first = dates.split(" - ").next().unwrap_or("").trim();
            self.date_from_text(first).is_some()
        })
    }

    /// `Fri Aug/11`, `Sat Nov/4 2023`, `Fri Jun 14`, `June 11`: the year, when
    /// missing, comes from the season, else from the last year written.
    fn date_from_text(&mut self, text: &str) -> Option<NaiveDate> {
        self.resolve_date(date_parts(text)?)
    }

    /// The day of a month, day and optional year; see [`Reader::date_from_text`].
    fn resolve_date(&mut self, (month, day, year): DateParts) -> Option<NaiveDate> {
        self.dated = true;
        let year = match year {
            Some(year) => {
                self.last_year = Some(year);
                year
            }
            None => self
                .record
                .season
                .map(|s| s.year_for_month(month))
                .or(self.last_year)?,
        };
        NaiveDate::from_ymd_opt(year, month, day)
    }

    fn read_match(&mut self, line: usize, text: &str) -> Result<(), ParseError> {
        let bad = || ParseError::new(line, format!("cannot read match \"{text}\""));
        let mut body = text;
        if let Some((time, rest)) = leading_time(body) {
            self.kickoff = Some(time);
            body = skip_local_time(rest.trim_start());
        }
        // The status comes last, after any venue (`1-1  @ Cairo, Egypt  [Benin wins
        // on penalties]`), so it is taken off first: cutting at the venue would drop it.
        let mut status_word = None;
        let trimmed = body.trim_end();
        if let Some(inner) = trimmed.strip_suffix(']')
            && let Some(open) = inner.rfind('[')
        {
            status_word = Some(inner[open + 1..].trim());
            body = &inner[..open];
        }
        if let Some(at) = body.find(" @ ").or_else(|| body.find("\t@ ")) {
            body = &body[..at];
        }
        let (home, away, score) = split_teams(body.trim()).ok_or_else(bad)?;
        if score.is_none() && status_word.is_none() && (is_placeholder(home) || is_placeholder(away)) {
            // `N.N. v N.N.`: a slot in the draw whose teams are not known yet
            // holds nothing to store; the match is listed again once they are.
            return Ok(());
        }
        if home == away {
            return Err(ParseError::new(
                line,
                format!("a team cannot play itself: \"{text}\""),
            ));
        }
        let date = self.date.ok_or_else(|| {
            let why = if self.dated {
                ""
            } else {
                " (matches need their day; a file with no dates, such as openfootball's \"min\" \
                 layout, cannot be imported: import the same tournament's dated file)"
            };
            ParseError::new(line, format!("match before any date: \"{text}\"{why}"))
        })?;
        let index = self.record.matches.len();
        let result = match score {
            Some(raw) => {
                let (result, second_leg_only) = raw.result().map_err(|why| {
                    ParseError::new(line, format!("cannot read result in \"{text}\": {why}"))
                })?;
                if second_leg_only {
                    self.second_leg_only.push(index);
                }
                Some(result)
            }
            None => None,
        };
        let status = match status_word.map(str::to_lowercase) {
            None => result.map_or(MatchStatus::Scheduled, MatchStatus::Played),
            Some(word) => match (word.as_str(), result) {
                (w, None) if w.starts_with("postponed") => MatchStatus::Postponed,
                (w, None) if w.starts_with("cancelled") || w.starts_with("canceled") => {
                    MatchStatus::Cancelled
                }
                // The score at the moment of abandonment does not count.
                (w, _) if w.starts_with("abandoned") || w == "abd" => MatchStatus::Abandoned,
                (w, Some(r)) if w.starts_with("awarded") || w == "awd" => MatchStatus::Awarded(r),
                (w, Some(r)) if shoot_out_winner(w).is_some() => {
                    let winner = shoot_out_winner(w).unwrap_or_default();
                    let teams = [home.to_lowercase(), away.to_lowercase()];
                    let why = if !teams.iter().any(|t| t == winner) {
                        Some("it names neither team")
                    } else if !r.final_score().is_level() {
                        Some("a shoot-out follows a level score")
                    } else if r.penalties().is_some() {
                        Some("the shoot-out is already given")
                    } else {
                        None
                    };
                    if let Some(why) = why {
                        return Err(ParseError::new(
                            line,
                            format!("cannot read status [{word}] in \"{text}\": {why}"),
                        ));
                    }
                    // The winner of a shoot-out whose kicks are not given: stored as a
                    // shoot-out won by that side, its kicks never invented.
                    let side = if teams[0] == winner {
                        Side::Home
                    } else {
                        Side::Away
                    };
                    let settled = r
                        .settled(Settlement::PenaltiesUnrecorded(side), ExtraTimeAfter::LevelMatch)
                        .map_err(|e| {
                            ParseError::new(line, format!("cannot read status [{word}] in \"{text}\": {e}"))
                        })?;
                    MatchStatus::Played(settled)
                }
                _ => {
                    return Err(ParseError::new(
                        line,
                        format!("cannot read status [{word}] in \"{text}\""),
                    ));
                }
            },
        };
        let (group, unnamed) = match &self.group {
            GroupContext::None => (None, false),
            GroupContext::Named(name) => (Some(name.clone()), false),
            GroupContext::Unnamed => (None, true),
        };
        if unnamed {
            self.unnamed_group.push(index);
        }
        self.record.matches.push(MatchRecord {
            date,
            kickoff: self.kickoff,
            home: home.to_string(),
            away: away.to_string(),
            venue: Venue::Home,
            round: self.round.clone(),
            group,
            leg: None,
            replay: false,
            status,
            line,
            closing_odds: None,
        });
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<SeasonRecord, ParseError> {
        if !self.header_seen {
            return Err(ParseError::new(1, "no \"= Competition Season\" header line"));
        }
        name_unnamed_groups(&mut self.record.matches, &self.unnamed_group);
        label_unlabelled_tournament(&mut self.record.matches);
        label_group_rounds(&mut self.record.matches, &self.matchdays);
        mark_legs_and_replays(&mut self.record.matches);
        for &index in &self.second_leg_only {
            let m = &self.record.matches[index];
            if m.leg != Some(2) {
                return Err(ParseError::new(
                    m.line,
                    format!(
                        "cannot read result of {} v {}: extra time or penalties after a match that was \
                         not level, outside a second leg",
                        m.home, m.away
                    ),
                ));
            }
        }
        mark_neutral_venues(&mut self.record.matches);
        check_texts(&self.record)?;
        crate::refuse_conflicting_results(&self.record.matches)?;
        self.record.format = Some(format_of(&self.record.matches));
        Ok(self.record)
    }
}

/// `Benin wins on penalties` (lower-cased): the team that won a shoot-out
/// the file gives no score for.
fn shoot_out_winner(word: &str) -> Option<&str> {
    ["wins on penalties", "won on penalties"]
        .iter()
        .find_map(|tail| word.strip_suffix(tail))
        .map(str::trim)
        .filter(|team| !team.is_empty())
}

/// The group a heading part names: `Group A` is "A", `Gruppe G` is "G".
fn group_name(part: &str) -> Option<&str> {
    let (word, rest) = part.split_once(' ')?;
    let rest = rest.trim();
    let is_group = word.eq_ignore_ascii_case("group") || word.eq_ignore_ascii_case("gruppe");
    (is_group
        && !rest.is_empty()
        && !rest.eq_ignore_ascii_case("stage")
        && !rest.eq_ignore_ascii_case("phase"))
    .then_some(rest)
}

fn starts_with_round_word(text: &str) -> bool {
    let word = text.split([' ', ',', '|']).next().unwrap_or("").to_lowercase();
    matches!(
        word.as_str(),
        "matchday"
            | "round"
            | "group"
            | "gruppe"
            | "quarterfinals"
            | "quarter-finals"
            | "semifinals"
            | "semi-finals"
            | "final"
            | "finals"
            | "playoffs"
            | "play-offs"
    )
}

/// `Germany:  Neuer - Kimmich, ...`, `Referee: ...`: a label of words and a colon.
fn is_lineup(text: &str) -> bool {
    let Some((key, rest)) = text.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key.len() <= 40
        && (rest.is_empty() || rest.starts_with([' ', '\t']))
        && key
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-'))
}

/// Drops `#` comments: whole lines, and the rest of a line after a `#` that follows a space.
fn strip_comment(raw: &str) -> &str {
    if raw.trim_start().starts_with('#') {
        return "";
    }
    let bytes = raw.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            return &raw[..i];
        }
    }
    raw
}

fn bracket_balance(text: &str) -> i32 {
    text.bytes()
        .map(|b| match b {
            b'(' => 1,
            b')' => -1,
            _ => 0,
        })
        .sum()
}

/// Splits off a match number: `(73) 12:00 ...`.
fn strip_match_number(text: &str) -> (Option<&str>, &str) {
    if let Some(rest) = text.strip_prefix('(')
        && let Some((number, after)) = rest.split_once(')')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && after.starts_with([' ', '\t'])
    {
        return (Some(number), after.trim_start());
    }
    (None, text)
}

/// `1, Matt TURNER,   GK,  b. 1994/06/24`: a player in a squad list.
fn is_squad_line(text: &str) -> bool {
    let fields: Vec<&str> = text.split(',').map(str::trim).collect();
    fields.len() >= 3
        && !fields[0].is_empty()
        && fields[0].bytes().all(|b| b.is_ascii_digit())
        && matches!(fields[2], "GK" | "DF" | "MF" | "FW")
}

/// `Round24` is `Round 24`: a round word run into its number.
fn spaced_number(part: &str) -> String {
    let split = part.find(|c: char| c.is_ascii_digit()).filter(|&at| {
        at > 0
            && part[at..].bytes().all(|b| b.is_ascii_digit())
            && part[..at].bytes().all(|b| b.is_ascii_alphabetic())
    });
    match split {
        Some(at) => format!("{} {}", &part[..at], &part[at..]),
        None => part.to_string(),
    }
}

/// `N.N.` (nomen nescio): a team not known yet.
fn is_placeholder(team: &str) -> bool {
    matches!(team, "N.N." | "N.N" | "NN" | "?")
}

/// The names and rounds a file gave, checked as text entering the domain
/// (no control characters, bounded length), each at the line of its first match.
pub(crate) fn check_texts(record: &SeasonRecord) -> Result<(), ParseError> {
    use matchday_core::TextField;
    let first_line = record.matches.first().map_or(1, |m| m.line);
    crate::checked_text(first_line, TextField::Competition, &record.competition, true)?;
    for m in &record.matches {
        crate::checked_text(m.line, TextField::TeamName, &m.home, true)?;
        crate::checked_text(m.line, TextField::TeamName, &m.away, true)?;
        if let Some(round) = &m.round {
            crate::checked_text(m.line, TextField::Round, round, true)?;
        }
    }
    Ok(())
}
