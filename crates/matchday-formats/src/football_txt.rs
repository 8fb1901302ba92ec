//! openfootball's Football.TXT: league, cup and tournament files.
//!
//! Three layouts are read, as the openfootball repositories use them:
//!
//! - `Matchday 1`, `[Fri Aug/11]`, `  20.00  Home FC   0-3 (0-2)  Away FC`;
//! - `▪ Matchday 1`, `Fri Aug 11`, `  19:30  Home  0-3 (0-2)  Away` (also the
//!   Euro files, with group and matchday definitions, venues after `@`,
//!   scorer lines in brackets and line-ups);
//! - `» Round 1`, `  Fri Nov/3 2023`, `  19.45  Home v Away  4-5 pen. 4-4 a.e.t. (3-3, 1-3)`.
//!
//! A score written with `a.e.t.` or `pen.` carries the 90-minute score (and
//! then the half-time score) in its brackets; a plain score carries only the
//! half-time score. Lines this reader does not understand are errors: nothing
//! is skipped silently, except scorer lines, line-ups and what follows `__END__`.
//!
//! What the files leave implicit is derived, and documented where it is done:
//! the rounds of group stages written without matchdays, the groups of the
//! Champions League file (which does not name them), legs and replays, and
//! neutral venues.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{Format, MatchRecord, MatchResult, MatchStatus, Score, Season, SeasonRecord, Venue};

use crate::ParseError;

/// Reads a Football.TXT file into a season record.
///
/// # Errors
/// A [`ParseError`] naming the first line that cannot be read: a match line,
/// a date, a score that cannot happen, or a file without its `= Name Season` header.
///
/// ```
/// let text = "= English FA Cup 2023/24\n» Round 1\n  Tue Nov/14 2023\n    \
///             19.45  Salford City  v Peterborough United  4-5 pen. 4-4 a.e.t. (3-3, 1-3)\n";
/// let record = matchday_formats::football_txt::parse(text)?;
/// let result = record.matches[0].status.result().unwrap();
/// assert_eq!(result.to_string(), "4-4 aet, 4-5 pens");
/// # Ok::<(), matchday_formats::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<SeasonRecord, ParseError> {
    let mut reader = Reader::default();
    for (index, raw) in text.lines().enumerate() {
        if raw.trim() == "__END__" {
            break;
        }
        reader.read_line(index + 1, raw)?;
    }
    reader.finish()
}

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
}

/// A matchday defined by its dates: `▪ Matchday 1 | Fri Jun 14 - Tue Jun 18`.
#[derive(Debug)]
struct MatchdayRange {
    label: String,
    first: NaiveDate,
    last: NaiveDate,
}

#[derive(Debug, Default)]
struct Reader {
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
}

impl Reader {
    fn read_line(&mut self, line: usize, raw: &str) -> Result<(), ParseError> {
        let text = strip_comment(raw);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            if let Skipping::Lineup { .. } = self.skipping {
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
            Skipping::Lineup { continues: true } => {
                self.skipping = Skipping::Lineup {
                    continues: trimmed.ends_with([',', '-']),
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
            return self.read_header(line, rest.trim());
        }
        if let Some(rest) = trimmed.strip_prefix('»').or_else(|| trimmed.strip_prefix('▪')) {
            return self.read_heading(line, rest.trim());
        }
        if let Some(rest) = trimmed.strip_prefix("==") {
            return self.read_heading(line, rest.trim_start_matches('=').trim());
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
        if let Some(date) = self.date_from_text(trimmed) {
            self.set_date(date);
            return Ok(());
        }
        if !indented && starts_with_round_word(trimmed) {
            return self.read_heading(line, trimmed);
        }
        if is_lineup(trimmed) {
            self.skipping = Skipping::Lineup {
                continues: trimmed.ends_with([',', '-']),
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
        let (name, season) = match text.rsplit_once(' ') {
            Some((name, last)) => match last.parse::<Season>() {
                Ok(season) => (name.trim(), Some(season)),
                Err(_) => (text, None),
            },
            None => (text, None),
        };
        self.record.competition = name.to_string();
        self.record.season = season;
        Ok(())
    }

    /// A heading (`Matchday 3`, `Group A`, `Group, Matchday 1`, `Finals, Final`)
    /// or a definition (`Matchday 1 | Fri Jun 14 - Tue Jun 18`, `Group A | Germany ...`).
    fn read_heading(&mut self, line: usize, text: &str) -> Result<(), ParseError> {
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
        let mut round = None;
        let mut group = GroupContext::None;
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let lower = part.to_lowercase();
            if let Some(name) = group_name(part) {
                group = GroupContext::Named(name.to_string());
            } else if matches!(lower.as_str(), "group" | "groups" | "group stage" | "group phase") {
                group = GroupContext::Unnamed;
            } else {
                round = Some(part.to_string());
            }
        }
        if round.is_none() && matches!(group, GroupContext::None) {
            return Err(ParseError::new(line, format!("cannot read heading \"{text}\"")));
        }
        self.round = round;
        self.group = group;
        Ok(())
    }

    fn set_date(&mut self, date: NaiveDate) {
        self.date = Some(date);
        // A kick-off time belongs to its day; a match listed without one on a
        // new day (a postponed fixture) has no known time.
        self.kickoff = None;
    }

    /// `Fri Aug/11`, `Sat Nov/4 2023`, `Fri Jun 14`, `June 11`: the year, when
    /// missing, comes from the season, else from the last year written.
    fn date_from_text(&mut self, text: &str) -> Option<NaiveDate> {
        let (month, day, year) = date_parts(text)?;
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
        if let Some(at) = body.find(" @ ").or_else(|| body.find("\t@ ")) {
            body = &body[..at];
        }
        let mut status_word = None;
        let trimmed = body.trim_end();
        if let Some(inner) = trimmed.strip_suffix(']')
            && let Some(open) = inner.rfind('[')
        {
            status_word = Some(inner[open + 1..].trim());
            body = &inner[..open];
        }
        let (home, away, score) = split_teams(body.trim()).ok_or_else(bad)?;
        if home == away {
            return Err(ParseError::new(
                line,
                format!("a team cannot play itself: \"{text}\""),
            ));
        }
        let date = self
            .date
            .ok_or_else(|| ParseError::new(line, format!("match before any date: \"{text}\"")))?;
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
        });
        Ok(())
    }

    fn finish(mut self) -> Result<SeasonRecord, ParseError> {
        if !self.header_seen {
            return Err(ParseError::new(1, "no \"= Competition Season\" header line"));
        }
        self.name_unnamed_groups();
        self.label_group_rounds();
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
        mark_neutral_venues(&self.record.competition, &mut self.record.matches);
        let matches = &self.record.matches;
        self.record.format = Some(if matches.iter().any(|m| m.group.is_some()) {
            Format::GroupsKnockout
        } else if matches
            .iter()
            .any(|m| m.round.as_deref().is_some_and(is_cup_round))
        {
            Format::Knockout
        } else {
            Format::League
        });
        Ok(self.record)
    }

    /// The Champions League file heads its group stage `» Group, Matchday N`
    /// without naming groups. A group is a set of teams that only play each
    /// other, so the groups are the connected sets of teams that meet. The
    /// letters cannot be known from the file, so groups are numbered "1", "2",
    /// ... in the order their first match appears.
    fn name_unnamed_groups(&mut self) {
        if self.unnamed_group.is_empty() {
            return;
        }
        let matches = &self.record.matches;
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut parent: Vec<usize> = Vec::new();
        let mut pairs = Vec::with_capacity(self.unnamed_group.len());
        for &index in &self.unnamed_group {
            let m = &matches[index];
            let mut pair = [0; 2];
            for (slot, name) in pair.iter_mut().zip([m.home.as_str(), m.away.as_str()]) {
                let next = ids.len();
                *slot = *ids.entry(name).or_insert_with(|| {
                    parent.push(next);
                    next
                });
            }
            pairs.push((pair[0], pair[1]));
        }
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for &(h, a) in &pairs {
            let (rh, ra) = (root(&mut parent, h), root(&mut parent, a));
            if rh != ra {
                parent[ra.max(rh)] = ra.min(rh);
            }
        }
        let mut labels: HashMap<usize, String> = HashMap::new();
        let names: Vec<String> = pairs
            .iter()
            .map(|&(h, _)| {
                let r = root(&mut parent, h);
                let next = labels.len() + 1;
                labels.entry(r).or_insert_with(|| next.to_string()).clone()
            })
            .collect();
        for (&index, name) in self.unnamed_group.iter().zip(names) {
            self.record.matches[index].group = Some(name);
        }
    }

    /// Group matches headed only by their group (`» Group A`, `▪ Group A`)
    /// get their matchday from the file's matchday definitions when it has
    /// them (the Euro files). Otherwise from the calendar: the group stage is
    /// played in matchday weeks, so the weeks that hold most of the group
    /// matches are matchdays 1, 2, ... in order; a match moved to another week
    /// (Villarreal v Maccabi Haifa, 2023-24) belongs to the matchday both its
    /// teams are missing.
    fn label_group_rounds(&mut self) {
        let matches = &mut self.record.matches;
        let mut unlabelled: Vec<usize> = Vec::new();
        for (index, m) in matches.iter_mut().enumerate() {
            if m.group.is_none() || m.round.is_some() {
                continue;
            }
            match self
                .matchdays
                .iter()
                .find(|d| d.first <= m.date && m.date <= d.last)
            {
                Some(defined) => m.round = Some(defined.label.clone()),
                None => unlabelled.push(index),
            }
        }
        if unlabelled.is_empty() {
            return;
        }
        let mut dates: Vec<NaiveDate> = unlabelled.iter().map(|&i| matches[i].date).collect();
        dates.sort_unstable();
        dates.dedup();
        // Weeks: dates at most three days apart (UEFA plays Tuesday to Thursday).
        let mut week_of_date: HashMap<NaiveDate, usize> = HashMap::new();
        let mut weeks = 0;
        for (i, date) in dates.iter().enumerate() {
            if i == 0 || (*date - dates[i - 1]).num_days() > 3 {
                weeks += 1;
            }
            week_of_date.insert(*date, weeks - 1);
        }
        let mut per_week = vec![0usize; weeks];
        for &i in &unlabelled {
            per_week[week_of_date[&matches[i].date]] += 1;
        }
        let busiest = per_week.iter().copied().max().unwrap_or(0);
        let mut matchday_of_week = vec![None; weeks];
        let mut matchdays = 0u32;
        for (week, &count) in per_week.iter().enumerate() {
            if count * 2 >= busiest {
                matchdays += 1;
                matchday_of_week[week] = Some(matchdays);
            }
        }
        let mut played: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut labels: Vec<(usize, u32)> = Vec::new();
        let mut moved: Vec<usize> = Vec::new();
        for &i in &unlabelled {
            let m = &matches[i];
            match matchday_of_week[week_of_date[&m.date]] {
                Some(day) => {
                    played.entry(m.home.as_str()).or_default().push(day);
                    played.entry(m.away.as_str()).or_default().push(day);
                    labels.push((i, day));
                }
                None => moved.push(i),
            }
        }
        for i in moved {
            let m = &matches[i];
            let missing = |team: &str, day: &u32| !played.get(team).is_some_and(|days| days.contains(day));
            let both = (1..=matchdays).find(|d| missing(&m.home, d) && missing(&m.away, d));
            let either = (1..=matchdays).find(|d| missing(&m.home, d) || missing(&m.away, d));
            labels.push((i, both.or(either).unwrap_or(matchdays + 1)));
        }
        for (i, day) in labels {
            matches[i].round = Some(format!("Matchday {day}"));
        }
    }
}

/// Within one knockout round (not a group, not a final), two meetings of the
/// same teams are the two legs of a tie when every pairing in the round meets
/// twice (UEFA knockouts, EFL Cup semi-finals); otherwise the later meeting is
/// a replay of a drawn tie (FA Cup).
fn mark_legs_and_replays(matches: &mut [MatchRecord]) {
    let mut rounds: HashMap<&str, HashMap<(&str, &str), Vec<usize>>> = HashMap::new();
    for (index, m) in matches.iter().enumerate() {
        let Some(round) = m.round.as_deref() else { continue };
        if m.group.is_some() || !is_cup_round(round) || round.eq_ignore_ascii_case("final") {
            continue;
        }
        let key = if m.home <= m.away {
            (m.home.as_str(), m.away.as_str())
        } else {
            (m.away.as_str(), m.home.as_str())
        };
        rounds
            .entry(round)
            .or_default()
            .entry(key)
            .or_default()
            .push(index);
    }
    let mut legs = Vec::new();
    let mut replays = Vec::new();
    for pairings in rounds.values() {
        let two_legged = pairings.values().all(|meetings| meetings.len() == 2);
        for meetings in pairings.values() {
            if two_legged {
                legs.push((meetings[0], 1));
                legs.push((meetings[1], 2));
            } else {
                replays.extend_from_slice(&meetings[1..]);
            }
        }
    }
    for (index, leg) in legs {
        matches[index].leg = Some(leg);
    }
    for index in replays {
        matches[index].replay = true;
    }
}

/// Finals are played on neutral ground. So are FA Cup semi-finals: since 2008
/// every one has been at Wembley, which the Football.TXT file does not say.
fn mark_neutral_venues(competition: &str, matches: &mut [MatchRecord]) {
    let fa_cup = competition.to_lowercase().contains("fa cup");
    for m in matches {
        let Some(round) = m.round.as_deref() else { continue };
        let round = round.to_lowercase();
        let semi_final = round.starts_with("semi");
        if round == "final" || (fa_cup && semi_final) {
            m.venue = Venue::Neutral;
        }
    }
}

/// Whether a round label names a knockout round rather than a league matchday.
fn is_cup_round(label: &str) -> bool {
    let lower = label.to_lowercase();
    lower.starts_with("round")
        || lower.contains("final")
        || lower.contains("play-off")
        || lower.contains("playoff")
        || lower.contains("knockout")
        || lower.contains("replay")
        || lower.starts_with("third place")
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
fn date_parts(text: &str) -> Option<(u32, u32, Option<i32>)> {
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
fn leading_time(text: &str) -> Option<(NaiveTime, &str)> {
    let end = text.find([' ', '\t']).unwrap_or(text.len());
    let (hours, minutes) = text[..end].split_once(['.', ':'])?;
    let all_digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || minutes.len() != 2 || !all_digits(minutes) {
        return None;
    }
    let time = NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)?;
    Some((time, &text[end..]))
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

/// Skips the time zone or local time after the kick-off: `12:00 UTC-7`, `15:00 (17:00 UTC+4)`.
fn skip_local_time(text: &str) -> &str {
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

/// How a score in a match line is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    AfterExtraTime,
    Penalties,
}

/// The scores of a match line before they are checked against each other.
#[derive(Debug, Default)]
struct RawScore {
    marked: Vec<(Score, Mark)>,
    bracketed: Vec<Score>,
}

impl RawScore {
    /// The result, and whether it only fits a second leg (extra time after a
    /// match that was not level, because the aggregate was).
    fn result(&self) -> Result<(MatchResult, bool), String> {
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
            (Some(ft), []) => (ft, None),
            (Some(ft), [ht]) => (ft, Some(*ht)),
            (Some(_), _) => return Err("a plain score has only its half-time score in brackets".to_string()),
            (None, [ft]) => (*ft, None),
            (None, [ft, ht]) => (*ft, Some(*ht)),
            (None, _) => {
                return Err(
                    "a score after extra time or penalties needs the 90-minute score in brackets".into(),
                );
            }
        };
        match MatchResult::new(full_time, half_time, extra_time, penalties) {
            Ok(result) => Ok((result, false)),
            Err(strict) => MatchResult::second_leg(full_time, half_time, extra_time, penalties)
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
        let start = skip_spaces(text, end);
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
/// `Home v Away` or `Home  -  Away`.
fn split_teams(body: &str) -> Option<(&str, &str, Option<RawScore>)> {
    let nonempty = |s: &str| (!s.is_empty()).then_some(());
    if let Some(v) = body.find(" v ") {
        let home = body[..v].trim();
        let rest = body[v + 3..].trim();
        nonempty(home)?;
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
        nonempty(rest)?;
        return Some((home, rest, None));
    }
    for start in word_starts(body) {
        if score_at(body, start).is_some() {
            let (raw, end) = scan_score(body, start)?;
            let (home, away) = (body[..start].trim(), body[end..].trim());
            nonempty(home)?;
            nonempty(away)?;
            return Some((home, away, Some(raw)));
        }
    }
    let (home, away) = body.split_once(" - ")?;
    let (home, away) = (home.trim(), away.trim());
    nonempty(home)?;
    nonempty(away)?;
    Some((home, away, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    /// Full-time, half-time, extra-time and penalty scores as text, for short asserts.
    fn parts(m: &MatchRecord) -> String {
        let r = m.status.result().expect("a result");
        let show = |s: Option<Score>| s.map_or("-".to_string(), |s| s.to_string());
        format!(
            "ft {} ht {} et {} p {}",
            show(r.score()),
            show(r.half_time()),
            show(r.extra_time()),
            show(r.penalties())
        )
    }

    const LAYOUT_A: &str = "= English Premier League 2023/24\r\n\
        \r\n\
        # Teams      20\r\n\
        Matchday 1\r\n\
        [Fri Aug/11]\r\n  \
        20.00  Burnley FC               0-3 (0-2)  Manchester City FC\r\n\
        [Sat Aug/12]\r\n  \
        15.00  AFC Bournemouth          1-1 (0-0)  West Ham United FC\r\n         \
        Brighton & Hove Albion FC  4-1 (1-0)  Luton Town FC\r\n\
        \r\n\
        Matchday 22\r\n\
        [Wed Jan/31]\r\n  \
        20.15  Liverpool FC             4-1 (2-0)  Chelsea FC\r\n\
        [Sat Feb/3 2024]\r\n  \
        12.30  Wolverhampton Wanderers FC  0-0  Sheffield United FC\r\n";

    #[test]
    fn reads_layout_a() {
        let r = parse(LAYOUT_A).unwrap();
        assert_eq!(r.competition, "English Premier League");
        assert_eq!(r.season, Some(Season::starting(2023)));
        assert_eq!(r.format, Some(Format::League));
        assert_eq!(r.matches.len(), 5);
        let m = &r.matches[2];
        assert_eq!(
            (m.home.as_str(), m.away.as_str()),
            ("Brighton & Hove Albion FC", "Luton Town FC")
        );
        assert_eq!((m.date, m.kickoff, m.line), (day(2023, 8, 12), time(15, 0), 9));
        assert_eq!(m.round.as_deref(), Some("Matchday 1"));
        let m = &r.matches[3];
        assert_eq!(
            (m.date, parts(m).as_str()),
            (day(2024, 1, 31), "ft 4-1 ht 2-0 et - p -")
        );
        assert_eq!(parts(&r.matches[4]), "ft 0-0 ht - et - p -");
        assert_eq!(r.matches[4].date, day(2024, 2, 3));
    }

    #[test]
    fn reads_layout_b() {
        let text = "= Primera División de España 2023/24\n\n\
            ▪ Matchday 1\n\
            Fri Aug 11\n  \
            19:30  UD Almería               0-2 (0-2)  Rayo Vallecano de Madrid\n  \
            22:00  Sevilla FC               1-2 (0-0)  Valencia CF\n\
            Sat Aug 12\n         \
            Real Sociedad de Fútbol  1-1 (1-0)  Girona FC\n";
        let r = parse(text).unwrap();
        assert_eq!(r.matches.len(), 3);
        assert_eq!(r.matches[0].home, "UD Almería");
        assert_eq!(r.matches[1].kickoff, time(22, 0));
        // A new day forgets the last kick-off.
        assert_eq!(
            (r.matches[2].date, r.matches[2].kickoff),
            (day(2023, 8, 12), None)
        );
        assert_eq!(r.matches[2].home, "Real Sociedad de Fútbol");
    }

    const LAYOUT_C: &str = "= English FA Cup 2023/24\n\n\
        » Round 1\n  \
        Fri Nov/3 2023\n    \
        19.45  Barnsley FC             v Horsham FC               3-3 (2-2)\n           \
        Peterborough United     v Salford City             2-2 (0-1)\n  \
        Tue Nov/14\n    \
        19.30  Horsham FC              v Barnsley FC              0-3 (0-3)\n           \
        Salford City            v Peterborough United      4-5 pen. 4-4 a.e.t. (3-3, 1-3)\n           \
        Accrington Stanley      v Doncaster Rovers         1-2 a.e.t. (1-1, 1-0)\n\n\
        » Semifinals\n  \
        Sat Apr/20\n    \
        17.15  Coventry City           v Manchester United        2-4 pen. 3-3 a.e.t. (3-3, 0-2)\n\n\
        » Final\n  \
        Sat May/25\n    \
        15.00  Manchester City         v Manchester United\n";

    #[test]
    fn reads_layout_c_with_every_score_form() {
        let r = parse(LAYOUT_C).unwrap();
        assert_eq!(r.format, Some(Format::Knockout));
        assert_eq!(r.matches.len(), 7);
        assert_eq!(parts(&r.matches[0]), "ft 3-3 ht 2-2 et - p -");
        let salford = &r.matches[3];
        assert_eq!(parts(salford), "ft 3-3 ht 1-3 et 4-4 p 4-5");
        assert_eq!(salford.date, day(2023, 11, 14));
        assert_eq!(parts(&r.matches[4]), "ft 1-1 ht 1-0 et 1-2 p -");
        // Replays: the second meeting in a round where not every pairing meets twice.
        let replays: Vec<bool> = r.matches.iter().map(|m| m.replay).collect();
        assert_eq!(replays, [false, false, true, true, false, false, false]);
        assert!(r.matches.iter().all(|m| m.leg.is_none()));
        // FA Cup semi-finals are at Wembley, finals are neutral everywhere.
        assert_eq!(r.matches[5].venue, Venue::Neutral);
        let final_ = &r.matches[6];
        assert_eq!(
            (final_.venue, final_.status),
            (Venue::Neutral, MatchStatus::Scheduled)
        );
        assert_eq!(final_.date, day(2024, 5, 25));
        assert_eq!(r.matches[0].venue, Venue::Home);
    }

    #[test]
    fn shoot_out_straight_after_ninety_minutes() {
        let text = "= EFL Cup 2023/24\n» Round 1\n  Tue Aug/8 2023\n    \
            19.45  Peterborough United     v Swindon Town             4-1 pen. (1-1, 1-0)\n";
        let r = parse(text).unwrap();
        assert_eq!(parts(&r.matches[0]), "ft 1-1 ht 1-0 et - p 4-1");
        // Penalties first, then extra time, with only the 90 minutes in brackets (Euro 2024).
        let text = "= Euro 2024\n▪ Round of 16\nMon Jul 1\n  \
            21:00     Portugal  3-0 pen. 0-0 a.e.t. (0-0)  Slovenia     @ Frankfurt    # W F - 3rd\n";
        let r = parse(text).unwrap();
        assert_eq!(parts(&r.matches[0]), "ft 0-0 ht - et 0-0 p 3-0");
        assert_eq!(
            (r.matches[0].date, r.season),
            (day(2024, 7, 1), Some(Season::calendar(2024)))
        );
        assert_eq!(r.matches[0].away, "Slovenia");
    }

    #[test]
    fn statuses() {
        let text = "= English Premier League 2025/26\n» Matchday 31\n  Fri May/22\n    \
            20.00  Manchester City FC      v Crystal Palace FC        [postponed]\n           \
            Chelsea FC              v Everton FC               [cancelled]\n           \
            Fulham FC               v Arsenal FC               [canceled]\n           \
            Leeds United FC         v Burnley FC\n\
            Matchday 32\n\
            [Sat May/23]\n  \
            Bristol Rovers           -  Ipswich Town             [cancelled]\n  \
            Luton Town  3-0  Bury FC  [awarded]\n";
        let r = parse(text).unwrap();
        let statuses: Vec<&str> = r.matches.iter().map(|m| m.status.name()).collect();
        assert_eq!(
            statuses,
            [
                "postponed",
                "cancelled",
                "cancelled",
                "scheduled",
                "cancelled",
                "awarded"
            ]
        );
        assert_eq!(r.matches[4].home, "Bristol Rovers");
        assert_eq!(r.matches[4].away, "Ipswich Town");
        assert_eq!(r.matches[0].date, day(2026, 5, 22));
    }

    #[test]
    fn two_legged_rounds_get_legs_and_groups_their_matchdays() {
        let text = "= UEFA Europa League 2023/24\n\
            » Group A\n  Thu Sep/21 2023\n    \
            21.00  Olympiakos Piraeus (GRE) v SC Freiburg (GER)        2-3 (1-2)\n           \
            West Ham United (ENG)   v TSC Bačka Topola (SRB)   3-1 (0-0)\n  \
            Thu Oct/5\n    \
            18.45  SC Freiburg (GER)       v West Ham United (ENG)    1-2 (0-1)\n           \
            TSC Bačka Topola (SRB)  v Olympiakos Piraeus (GRE)  2-2 (0-1)\n\
            » Gruppe G\n  Thu Sep/21\n    \
            18.45  FC Sheriff (MDA)        v AS Roma (ITA)            1-2 (0-1)\n\
            » Semifinals\n  Thu May/2\n    \
            21.00  Olympique Marseille (FRA) v Atalanta (ITA)           1-1 (1-1)\n           \
            AS Roma (ITA)           v Bayer Leverkusen (GER)   0-2 (0-1)\n  \
            Thu May/9\n    \
            21.00  Atalanta (ITA)          v Olympique Marseille (FRA)  3-0 (1-0)\n           \
            Bayer Leverkusen (GER)  v AS Roma (ITA)            2-2 (0-1)\n";
        let r = parse(text).unwrap();
        assert_eq!(r.format, Some(Format::GroupsKnockout));
        let labels: Vec<(Option<&str>, Option<&str>, Option<u8>)> = r
            .matches
            .iter()
            .map(|m| (m.group.as_deref(), m.round.as_deref(), m.leg))
            .collect();
        assert_eq!(
            labels,
            [
                (Some("A"), Some("Matchday 1"), None),
                (Some("A"), Some("Matchday 1"), None),
                (Some("A"), Some("Matchday 2"), None),
                (Some("A"), Some("Matchday 2"), None),
                (Some("G"), Some("Matchday 1"), None),
                (None, Some("Semifinals"), Some(1)),
                (None, Some("Semifinals"), Some(1)),
                (None, Some("Semifinals"), Some(2)),
                (None, Some("Semifinals"), Some(2)),
            ]
        );
        assert!(r.matches.iter().all(|m| !m.replay && m.venue == Venue::Home));
    }

    #[test]
    fn second_legs_may_go_to_extra_time_after_a_win() {
        let text = "= UEFA Champions League 2023/24\n» Finals, Round of 16\n  Wed Feb/21 2024\n    \
            21.00  FC Porto (POR)          v Arsenal FC (ENG)         1-0 (0-0)\n  Tue Mar/12\n    \
            21.00  Arsenal FC (ENG)        v FC Porto (POR)           4-2 pen. 1-0 a.e.t. (1-0, 1-0)\n";
        let r = parse(text).unwrap();
        assert_eq!(r.matches[1].leg, Some(2));
        assert_eq!(r.matches[1].round.as_deref(), Some("Round of 16"));
        assert_eq!(parts(&r.matches[1]), "ft 1-0 ht 1-0 et 1-0 p 4-2");
        // The same result in a single match cannot happen.
        let single = "= Cup 2023/24\n» Final\n  Sat May/25 2024\n    \
            Arsenal FC   v FC Porto   4-2 pen. 1-0 a.e.t. (1-0, 1-0)\n";
        let err = parse(single).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("outside a second leg"), "{err}");
    }

    #[test]
    fn unnamed_groups_are_the_sets_of_teams_that_meet() {
        let text = "= UEFA Champions League 2023/24\n» Group, Matchday 1\n  Tue Sep/19 2023\n    \
            18.45  AC Milan (ITA)          v Newcastle United FC (ENG)  0-0\n           \
            BSC Young Boys (SUI)    v RB Leipzig (GER)         1-3 (1-1)\n    \
            21.00  Paris Saint-Germain FC (FRA) v Borussia Dortmund (GER)  2-0 (0-0)\n\
            » Group, Matchday 2\n  Tue Oct/3\n    \
            18.45  Newcastle United FC (ENG) v Paris Saint-Germain FC (FRA)  4-1 (2-0)\n\
            » Finals, Final\n  Sat Jun/1 2024\n    \
            21.00  Borussia Dortmund (GER) v Real Madrid CF (ESP)     0-2 (0-0)\n";
        let r = parse(text).unwrap();
        let groups: Vec<Option<&str>> = r.matches.iter().map(|m| m.group.as_deref()).collect();
        assert_eq!(groups, [Some("1"), Some("2"), Some("1"), Some("1"), None]);
        assert_eq!(r.matches[3].round.as_deref(), Some("Matchday 2"));
        let final_ = &r.matches[4];
        assert_eq!(
            (final_.round.as_deref(), final_.venue),
            (Some("Final"), Venue::Neutral)
        );
    }

    #[test]
    fn euro_layout_skips_scorers_line_ups_and_venues() {
        let text = "= Euro 2024\n\
            # all times are local\n\n\
            Group A  |  Germany   Scotland     Hungary   Switzerland\n\n\
            ▪ Matchday 1 | Fri Jun 14 - Tue Jun 18\n\
            ▪ Matchday 2 | Wed Jun 19 - Sat Jun 22\n\n\
            ▪ Group A\n\
            Fri Jun 14 \n  \
            21:00         Germany   5-1 (3-0)  Scotland     @ München\n                          \
            (Wirtz 10' Musiala 19' Havertz 45+1' (pen.) Füllkrug 68' Can 90+3'; \n                           \
            Rüdiger 87' (o.g.))\n    \
            Germany:    Neuer - Kimmich, Rüdiger, Tah [Y], Mittelstädt - Andrich [Y] (Groß 46'),\n                \
            Kroos (Can 80') - Musiala (Müller 74'), Gündogan,\n                \
            Wirtz (Sane 63') - Havertz (Füllkrug 63')\n    \
            Scotland:   Gunn - Porteous [R 44'], Hendry\n\n\
            Wed Jun 19 \n  \
            21:00         Scotland  1-1 (1-1)   Switzerland  @ Köln\n                           \
            (McTominay 13'; Shaqiri 26')\n";
        let r = parse(text).unwrap();
        assert_eq!(r.matches.len(), 2);
        let m = &r.matches[0];
        assert_eq!((m.home.as_str(), m.away.as_str()), ("Germany", "Scotland"));
        assert_eq!(
            (m.group.as_deref(), m.round.as_deref()),
            (Some("A"), Some("Matchday 1"))
        );
        assert_eq!(r.matches[1].round.as_deref(), Some("Matchday 2"));
        assert_eq!(r.matches[1].date, day(2024, 6, 19));
    }

    #[test]
    fn stops_at_end_marker() {
        let text = format!("{LAYOUT_A}__END__\nthis is not Football.TXT at all\n");
        assert_eq!(parse(&text).unwrap().matches.len(), 5);
    }

    #[test]
    fn unreadable_lines_are_errors_with_their_number() {
        let cases = [
            (
                "= Liga 2023/24\nMatchday 1\n[Fri Aug/11]\n  20.00  Burnley FC\n",
                4,
                "cannot read match \"20.00  Burnley FC\"",
            ),
            (
                "= Liga 2023/24\nMatchday 1\n[Fri Aug/32]\n",
                3,
                "cannot read date",
            ),
            (
                "= Liga 2023/24\nMatchday 1\n  20.00  A FC  1-0  B FC\n",
                3,
                "match before any date",
            ),
            (
                "= Liga 2023/24\n[Fri Aug/11]\n  A FC  2-1 (3-0)  B FC\n",
                3,
                "half-time 3-0 has more goals",
            ),
            (
                "= Liga 2023/24\n[Fri Aug/11]\n  A FC  1-2 a.e.t.  B FC\n",
                3,
                "90-minute score in brackets",
            ),
            (
                "= Liga 2023/24\n[Fri Aug/11]\n  A FC v B FC  1-1 pen. (1-1)\n",
                3,
                "cannot end level",
            ),
            (
                "= Liga 2023/24\n[Fri Aug/11]\n  A FC v B FC  [moved]\n",
                3,
                "cannot read status [moved]",
            ),
            (
                "= Liga 2023/24\n[Fri Aug/11]\n  A FC v A FC  1-0\n",
                3,
                "cannot play itself",
            ),
            (
                "= Liga 2023/24\n[Fri Aug/11]\n  A FC v B FC  2-1 (1-0) extra\n",
                3,
                "cannot read match",
            ),
            ("= Liga 2023/24\n(Kane 10')\n", 2, "cannot read match"),
            ("Matchday 1\n[Fri Aug/11 2023]\n  A FC  1-0  B FC\n", 1, "header"),
            ("= Liga 2023/24\n= Liga 2024/25\n", 2, "second header"),
        ];
        for (text, line, message) in cases {
            let err = parse(text).unwrap_err();
            assert_eq!(err.line, line, "{text}: {err}");
            assert!(err.message.contains(message), "{text}: {err}");
        }
        let err = parse("= Liga 2023/24\n[Fri Aug/11]\n  nonsense\n").unwrap_err();
        assert_eq!(err.to_string(), "line 3: cannot read match \"nonsense\"");
    }
}
