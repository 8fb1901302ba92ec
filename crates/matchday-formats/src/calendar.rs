//! iCalendar (RFC 5545) of matches, for a calendar app: one event per match.
//!
//! ```text
//! BEGIN:VEVENT
//! UID:1234.premier-league@matchday
//! DTSTAMP:20240201T090000Z
//! DTSTART;TZID=Europe/London:20240131T201500
//! DURATION:PT2H
//! SUMMARY:Liverpool FC 4-1 Chelsea FC
//! LOCATION:Liverpool FC v Chelsea FC
//! DESCRIPTION:Premier League 2023-24\, Matchday 22
//! CATEGORIES:Premier League
//! STATUS:CONFIRMED
//! END:VEVENT
//! ```
//!
//! - `UID` is the stored match id and the competition's slug, so importing
//!   a newer export into a calendar updates its events (a match not stored
//!   gets one from its slug, season, day and teams).
//! - Kick-off times are stored as the local time where the competition is
//!   played. With its time zone known (from the competition's name,
//!   [`TimeZone::guess`], or chosen), an event starts at that local time
//!   in that zone (`TZID`, with the zone's `VTIMEZONE` in the file) and
//!   lasts two hours; with none known the time is floating (the same clock
//!   time wherever the calendar is read). A match without a kick-off time is
//!   an all-day event.
//! - A result shows its score in the summary (`Liverpool FC 4-1 Chelsea FC`,
//!   `... (aet)`, `... (aet, 4-2 pens)`); a fixture is `Home v Away`.
//!   Postponed, abandoned and cancelled matches say so, and a cancelled one
//!   is `STATUS:CANCELLED`.
//! - Lines end in CRLF and are folded at 75 octets (never inside a UTF-8
//!   character); text escapes `\`, `;`, `,` and line breaks, and writes
//!   any other control character of a name visibly as `\\u{1b}` (TEXT may hold
//!   none, and has no escape for one).

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone as _, Utc, Weekday};
use matchday_core::{MatchRecord, MatchResult, MatchStatus, Season, SeasonRecord, Venue};

use crate::export::{ExportOptions, ExportSeason};

/// A time zone whose rules this writer knows: a fixed offset from UTC, and
/// for some the European Union's summer time (from 01:00 UTC on the last
/// Sunday of March to 01:00 UTC on the last Sunday of October, in force since 1996).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone {
    /// The IANA name: `Europe/London`.
    pub tzid: &'static str,
    /// Minutes east of UTC outside summer time.
    pub standard_offset: i32,
    /// The abbreviation outside summer time: `GMT`.
    pub standard_name: &'static str,
    /// The abbreviation in summer time (`BST`), for zones with EU summer time.
    pub summer_name: Option<&'static str>,
}

const fn zone(tzid: &'static str, offset: i32, name: &'static str, summer: Option<&'static str>) -> TimeZone {
    TimeZone {
        tzid,
        standard_offset: offset,
        standard_name: name,
        summer_name: summer,
    }
}

/// The zones known, by IANA name.
pub const ZONES: &[TimeZone] = &[
    zone("Europe/London", 0, "GMT", Some("BST")),
    zone("Europe/Dublin", 0, "GMT", Some("IST")),
    zone("Europe/Lisbon", 0, "WET", Some("WEST")),
    zone("Europe/Madrid", 60, "CET", Some("CEST")),
    zone("Europe/Paris", 60, "CET", Some("CEST")),
    zone("Europe/Berlin", 60, "CET", Some("CEST")),
    zone("Europe/Vienna", 60, "CET", Some("CEST")),
    zone("Europe/Zurich", 60, "CET", Some("CEST")),
    zone("Europe/Rome", 60, "CET", Some("CEST")),
    zone("Europe/Amsterdam", 60, "CET", Some("CEST")),
    zone("Europe/Brussels", 60, "CET", Some("CEST")),
    zone("Europe/Copenhagen", 60, "CET", Some("CEST")),
    zone("Europe/Oslo", 60, "CET", Some("CEST")),
    zone("Europe/Stockholm", 60, "CET", Some("CEST")),
    zone("Europe/Warsaw", 60, "CET", Some("CEST")),
    zone("Europe/Athens", 120, "EET", Some("EEST")),
    zone("Europe/Istanbul", 180, "+03", None),
    zone("Asia/Qatar", 180, "+03", None),
];

/// Which competition plays in which zone, by words in its name (as
/// [`matchday_core::normalize_name`] gives it, between spaces), the first
/// that fits winning; a tournament's edition (by the year its season starts)
/// where it moves from host to host; none for one played across zones
/// (other tournaments, the European club competitions). (words, edition, tzid).
pub const COMPETITION_ZONES: &[(&str, Option<i32>, Option<&str>)] = &[
    ("euro", Some(2024), Some("Europe/Berlin")),
    ("european championship", Some(2024), Some("Europe/Berlin")),
    ("world cup", Some(2022), Some("Asia/Qatar")),
    ("euro", None, None),
    ("european championship", None, None),
    ("world cup", None, None),
    ("nations league", None, None),
    ("champions league", None, None),
    ("europa", None, None),
    ("conference league", None, None),
    ("scottish", None, Some("Europe/London")),
    ("english", None, Some("Europe/London")),
    ("premier league", None, Some("Europe/London")),
    ("championship", None, Some("Europe/London")),
    ("league one", None, Some("Europe/London")),
    ("league two", None, Some("Europe/London")),
    ("national league", None, Some("Europe/London")),
    ("football league", None, Some("Europe/London")),
    ("conference", None, Some("Europe/London")),
    ("fa cup", None, Some("Europe/London")),
    ("league cup", None, Some("Europe/London")),
    ("efl", None, Some("Europe/London")),
    ("women s super league", None, Some("Europe/London")),
    ("austria", None, Some("Europe/Vienna")),
    ("osterreich", None, Some("Europe/Vienna")),
    ("bundesliga", None, Some("Europe/Berlin")),
    ("dfb pokal", None, Some("Europe/Berlin")),
    ("la liga", None, Some("Europe/Madrid")),
    ("laliga", None, Some("Europe/Madrid")),
    ("primera division", None, Some("Europe/Madrid")),
    ("segunda division", None, Some("Europe/Madrid")),
    ("copa del rey", None, Some("Europe/Madrid")),
    ("serie a", None, Some("Europe/Rome")),
    ("serie b", None, Some("Europe/Rome")),
    ("coppa italia", None, Some("Europe/Rome")),
    ("ligue 1", None, Some("Europe/Paris")),
    ("ligue 2", None, Some("Europe/Paris")),
    ("coupe de france", None, Some("Europe/Paris")),
    ("eredivisie", None, Some("Europe/Amsterdam")),
    ("belgian", None, Some("Europe/Brussels")),
    ("primeira liga", None, Some("Europe/Lisbon")),
    ("super lig", None, Some("Europe/Istanbul")),
    ("greek", None, Some("Europe/Athens")),
];

/// A zone for kick-off times: a known one, or floating (no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneChoice {
    /// Times are local to this zone.
    Zone(TimeZone),
    /// Times are floating: the same clock time wherever the calendar is read.
    Floating,
}

impl TimeZone {
    /// The zone with this IANA name (ignoring case).
    pub fn named(tzid: &str) -> Option<TimeZone> {
        ZONES
            .iter()
            .find(|z| z.tzid.eq_ignore_ascii_case(tzid.trim()))
            .copied()
    }

    /// The zone a competition most likely plays in, from its name and season
    /// ([`COMPETITION_ZONES`]), if any fits.
    ///
    /// ```
    /// use matchday_core::Season;
    /// use matchday_formats::calendar::TimeZone;
    /// let tz = |name, season| TimeZone::guess(name, Some(season)).map(|z| z.tzid);
    /// assert_eq!(tz("Premier League", Season::starting(2023)), Some("Europe/London"));
    /// assert_eq!(tz("Euro", Season::calendar(2024)), Some("Europe/Berlin"));
    /// assert_eq!(tz("Euro", Season::calendar(2020)), None);
    /// assert_eq!(tz("UEFA European Championship", Season::calendar(2021)), None);
    /// assert_eq!(tz("EFL Championship", Season::starting(2023)), Some("Europe/London"));
    /// assert_eq!(tz("Brasileirão", Season::calendar(2024)), None);
    /// ```
    pub fn guess(name: &str, season: Option<Season>) -> Option<TimeZone> {
        let key = format!(" {} ", matchday_core::normalize_name(name));
        COMPETITION_ZONES
            .iter()
            .find(|(words, edition, _)| {
                key.contains(&format!(" {words} "))
                    && edition.is_none_or(|year| season.is_some_and(|s| s.start_year() == year))
            })
            .and_then(|(_, _, tzid)| tzid.and_then(TimeZone::named))
    }

    /// The offset from UTC, in minutes, of a local time in this zone.
    fn offset_at(self, local: NaiveDateTime) -> i32 {
        if self.summer_name.is_none() {
            return self.standard_offset;
        }
        let year = local.year();
        let utc = local - Duration::minutes(i64::from(self.standard_offset));
        let change = |month| last_sunday(year, month).and_hms_opt(1, 0, 0).expect("01:00");
        if utc >= change(3) && utc < change(10) {
            self.standard_offset + 60
        } else {
            self.standard_offset
        }
    }

    fn write_vtimezone(self, out: &mut Lines) {
        out.line("BEGIN:VTIMEZONE");
        out.line(&format!("TZID:{}", self.tzid));
        let standard = offset_text(self.standard_offset);
        match self.summer_name {
            None => {
                out.line("BEGIN:STANDARD");
                out.line("DTSTART:19700101T000000");
                out.line(&format!("TZOFFSETFROM:{standard}"));
                out.line(&format!("TZOFFSETTO:{standard}"));
                out.line(&format!("TZNAME:{}", self.standard_name));
                out.line("END:STANDARD");
            }
            Some(summer_name) => {
                let summer = offset_text(self.standard_offset + 60);
                // The change is at 01:00 UTC: local clock times on each side of it.
                let into_summer = self.standard_offset / 60 + 1;
                let out_of_summer = into_summer + 1;
                out.line("BEGIN:DAYLIGHT");
                out.line(&format!("DTSTART:19960331T{into_summer:02}0000"));
                out.line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
                out.line(&format!("TZOFFSETFROM:{standard}"));
                out.line(&format!("TZOFFSETTO:{summer}"));
                out.line(&format!("TZNAME:{summer_name}"));
                out.line("END:DAYLIGHT");
                out.line("BEGIN:STANDARD");
                out.line(&format!("DTSTART:19961027T{out_of_summer:02}0000"));
                out.line("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
                out.line(&format!("TZOFFSETFROM:{summer}"));
                out.line(&format!("TZOFFSETTO:{standard}"));
                out.line(&format!("TZNAME:{}", self.standard_name));
                out.line("END:STANDARD");
            }
        }
        out.line("END:VTIMEZONE");
    }
}

fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next_month = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("a valid month");
    let mut day = next_month.pred_opt().expect("a day before");
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().expect("a day before");
    }
    day
}

/// The UTC time a local kick-off in `zone` falls at.
pub fn to_utc(zone: TimeZone, local: NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&(local - Duration::minutes(i64::from(zone.offset_at(local)))))
}

/// Lines of the file, ending in CRLF and folded at 75 octets.
struct Lines(String);

impl Lines {
    fn line(&mut self, text: &str) {
        let mut start = 0;
        let mut width = 0;
        for (at, c) in text.char_indices() {
            if width + c.len_utf8() > 75 {
                // Never fold beside a space: some readers trim the spaces
                // that end a line or start a continuation, not only the first.
                let mut cut = at;
                let spaced = |cut: usize| {
                    text[cut..].starts_with(char::is_whitespace) || text[..cut].ends_with(char::is_whitespace)
                };
                while spaced(cut)
                    && let Some((before, _)) = text[start..cut].char_indices().next_back()
                    && before > 0
                {
                    cut = start + before;
                }
                if spaced(cut) {
                    cut = at;
                }
                self.0.push_str(&text[start..cut]);
                self.0.push_str("\r\n ");
                // The space that starts a continuation line counts.
                width = 1 + text[cut..at].len();
                start = cut;
            }
            width += c.len_utf8();
        }
        self.0.push_str(&text[start..]);
        self.0.push_str("\r\n");
    }
}

/// Text as an iCalendar TEXT value (RFC 5545, 3.3.11): `\`, `;`, `,` escaped,
/// a line break (`\r\n`, `\n` or a lone `\r`) as `\n`. TEXT holds no other
/// control character and has no escape for one, so a stored name's (restored
/// from a file written before names were checked: ESC, a right-to-left
/// override) is written visibly as `\u{1b}`, its backslash escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if matchday_core::is_control(c) => {
                let _ = write!(out, "\\\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// `4-1`, `1-2 (aet)`, `1-1 (aet, 4-2 pens)`.
fn score_text(result: &MatchResult) -> (String, String) {
    let mut notes = Vec::new();
    if result.extra_time().is_some() {
        notes.push("aet".to_string());
    }
    if let Some(p) = result.penalties() {
        notes.push(format!("{p} pens"));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join(", "))
    };
    (result.final_score().to_string(), notes)
}

fn summary(m: &MatchRecord) -> String {
    let fixture = |note: &str| format!("{} v {}{note}", m.home, m.away);
    match &m.status {
        // A score in play is not a result: exported, the match is still to play.
        MatchStatus::Scheduled | MatchStatus::Live(_) => fixture(""),
        MatchStatus::Postponed => fixture(" (postponed)"),
        MatchStatus::Abandoned => fixture(" (abandoned)"),
        MatchStatus::Cancelled => fixture(" (cancelled)"),
        MatchStatus::Played(r) => {
            let (score, notes) = score_text(r);
            format!("{} {score} {}{notes}", m.home, m.away)
        }
        MatchStatus::Awarded(r) => {
            let (score, _) = score_text(r);
            format!("{} {score} {} (awarded)", m.home, m.away)
        }
    }
}

fn description(record: &SeasonRecord, m: &MatchRecord) -> String {
    let mut parts = vec![match record.season {
        Some(season) => format!("{} {season}", record.competition),
        None => record.competition.clone(),
    }];
    parts.extend(m.round.clone());
    if let Some(group) = &m.group {
        parts.push(format!("Group {group}"));
    }
    if let Some(leg) = m.leg {
        parts.push(format!("leg {leg}"));
    }
    if m.replay {
        parts.push("replay".into());
    }
    if let Some(ht) = m.status.result().and_then(MatchResult::half_time) {
        parts.push(format!("half-time {ht}"));
    }
    parts.join(", ")
}

/// A UID part: letters, digits and `-` only.
fn uid_part(text: &str) -> String {
    matchday_core::Competition::slug_for(text)
}

/// Writes an iCalendar file with one event per match of `seasons`.
pub fn write(seasons: &[ExportSeason], options: &ExportOptions) -> String {
    let mut out = Lines(String::with_capacity(512 + 400 * seasons.len()));
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//matchday//matchday export//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    let name = options.calendar_name.clone().unwrap_or_else(|| {
        let mut names: Vec<&str> = seasons.iter().map(|s| s.record().competition.as_str()).collect();
        names.dedup();
        names.join(", ")
    });
    if !name.is_empty() {
        out.line(&format!("X-WR-CALNAME:{}", text(&name)));
    }
    let zone_of = |season: &ExportSeason| match options.time_zone {
        Some(ZoneChoice::Zone(zone)) => Some(zone),
        Some(ZoneChoice::Floating) => None,
        None => TimeZone::guess(&season.record().competition, season.record().season),
    };
    // Each zone used, once, before the events.
    let mut zones: Vec<TimeZone> = Vec::new();
    for season in seasons {
        if let Some(zone) = zone_of(season)
            && season.matches().any(|(_, m)| m.kickoff.is_some())
            && !zones.contains(&zone)
        {
            zones.push(zone);
        }
    }
    for zone in &zones {
        zone.write_vtimezone(&mut out);
    }
    let stamp = options
        .stamp
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    for season in seasons {
        let record = season.record();
        let slug = season.slug();
        let zone = zone_of(season);
        for (id, m) in season.matches() {
            out.line("BEGIN:VEVENT");
            let uid = match id {
                Some(id) => format!("{id}.{slug}"),
                None => {
                    let mut uid = format!(
                        "{slug}.{}.{}.{}.{}",
                        record
                            .season
                            .map(|s| uid_part(&s.to_string()))
                            .unwrap_or_default(),
                        m.date.format("%Y%m%d"),
                        uid_part(&m.home),
                        uid_part(&m.away)
                    );
                    if let Some(leg) = m.leg {
                        let _ = write!(uid, ".leg{leg}");
                    }
                    if m.replay {
                        uid.push_str(".replay");
                    }
                    uid
                }
            };
            out.line(&format!("UID:{}@matchday", text(&uid)));
            out.line(&format!("DTSTAMP:{stamp}"));
            match m.kickoff {
                Some(time) => {
                    let local = m.date.and_time(time).format("%Y%m%dT%H%M%S");
                    match zone {
                        Some(zone) => out.line(&format!("DTSTART;TZID={}:{local}", zone.tzid)),
                        None => out.line(&format!("DTSTART:{local}")),
                    }
                    out.line("DURATION:PT2H");
                }
                None => {
                    out.line(&format!("DTSTART;VALUE=DATE:{}", m.date.format("%Y%m%d")));
                    let next = m.date.succ_opt().unwrap_or(m.date);
                    out.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
                }
            }
            out.line(&format!("SUMMARY:{}", text(&summary(m))));
            let location = match m.venue {
                Venue::Home => format!("{} v {}", m.home, m.away),
                Venue::Neutral => format!("{} v {} (neutral ground)", m.home, m.away),
            };
            out.line(&format!("LOCATION:{}", text(&location)));
            out.line(&format!("DESCRIPTION:{}", text(&description(record, m))));
            out.line(&format!("CATEGORIES:{}", text(&record.competition)));
            let status = match m.status {
                MatchStatus::Cancelled => "CANCELLED",
                MatchStatus::Postponed => "TENTATIVE",
                _ => "CONFIRMED",
            };
            out.line(&format!("STATUS:{status}"));
            out.line("TRANSP:TRANSPARENT");
            out.line("END:VEVENT");
        }
    }
    out.line("END:VCALENDAR");
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::season_file;

    const SEASON: &str = "matchday-season 1\ncompetition: Premier League\nslug: premier-league\nseason: 2023-24\n\
        == Matchday 22\n2024-01-31 20:15 | Liverpool FC | Chelsea FC | 4-1 (2-0)\n\
        == Matchday 38\n2024-05-19 16:00 | Liverpool FC | Wolverhampton Wanderers FC\n\
        == Final\n2024-02-25 | Chelsea FC | Liverpool FC | 0-1 aet (0-0) | neutral\n\
        2024-03-12 15:00 | Arsenal FC; the \\| \"Gunners\" | FC Porto | 1-0 aet (1-0, 1-0), 4-2 pens | leg 2\n\
        2024-03-13 | A | B | cancelled\n";

    fn calendar(options: &ExportOptions) -> String {
        let record = season_file::parse(SEASON).unwrap();
        write(
            &[ExportSeason::new(record, vec![Some(11), Some(12), Some(13)])],
            options,
        )
    }

    fn parsed(text: &str) -> Vec<ical::parser::ical::component::IcalCalendar> {
        ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn property(event: &ical::parser::ical::component::IcalEvent, name: &str) -> Option<String> {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    }

    #[test]
    fn a_real_parser_reads_one_event_per_match() {
        let text = calendar(&ExportOptions {
            calendar_name: Some("Liverpool FC".into()),
            ..ExportOptions::default()
        });
        let calendars = parsed(&text);
        assert_eq!(calendars.len(), 1);
        let events = &calendars[0].events;
        assert_eq!(events.len(), 5);
        assert_eq!(calendars[0].timezones.len(), 1);
        let summaries: Vec<String> = events.iter().map(|e| property(e, "SUMMARY").unwrap()).collect();
        assert_eq!(
            summaries,
            [
                "Liverpool FC 4-1 Chelsea FC",
                "Liverpool FC v Wolverhampton Wanderers FC",
                "Chelsea FC 0-1 Liverpool FC (aet)",
                "Arsenal FC\\; the | \"Gunners\" 1-0 FC Porto (aet\\, 4-2 pens)",
                "A v B (cancelled)",
            ]
        );
        let uids: Vec<String> = events.iter().map(|e| property(e, "UID").unwrap()).collect();
        assert_eq!(uids[0], "11.premier-league@matchday");
        assert_eq!(
            uids[3],
            "premier-league.2023-24.20240312.arsenal-fc-the-gunners.fc-porto.leg2@matchday"
        );
        assert_eq!(
            property(&events[0], "LOCATION").unwrap(),
            "Liverpool FC v Chelsea FC"
        );
        assert_eq!(
            property(&events[2], "LOCATION").unwrap(),
            "Chelsea FC v Liverpool FC (neutral ground)"
        );
        assert_eq!(
            property(&events[0], "DESCRIPTION").unwrap(),
            "Premier League 2023-24\\, Matchday 22\\, half-time 2-0"
        );
        let start = events[0].properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(start.value.as_deref(), Some("20240131T201500"));
        assert_eq!(
            start.params.as_ref().unwrap()[0],
            ("TZID".to_string(), vec!["Europe/London".to_string()])
        );
        assert_eq!(property(&events[2], "DTSTART").unwrap(), "20240225");
        assert_eq!(property(&events[2], "DTEND").unwrap(), "20240226");
        assert_eq!(property(&events[4], "STATUS").unwrap(), "CANCELLED");
        assert!(text.contains("X-WR-CALNAME:Liverpool FC\r\n"));
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets() {
        let long = "Ünïcödé Wanderers Football & Athletic Club of the North, the South and the Ümläut ";
        let season = SEASON.replace("Chelsea FC | 4-1", &format!("{} | 4-1", long.trim()));
        let record = season_file::parse(&season).unwrap();
        let ics = write(
            &[ExportSeason::new(record, Vec::new())],
            &ExportOptions::default(),
        );
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        }
        assert!(ics.lines().any(|l| l.starts_with(' ')), "something was folded");
        // Unfolded, the summary is whole again.
        let unfolded = ics.replace("\r\n ", "");
        let summary = text(&format!("Liverpool FC 4-1 {}", long.trim()));
        assert!(unfolded.contains(&format!("SUMMARY:{summary}\r\n")), "{unfolded}");
        let events = &parsed(&ics)[0].events;
        assert_eq!(property(&events[0], "SUMMARY").unwrap(), summary);
    }

    /// Issue 19: a stored name with control characters (restored from an old backup)
    /// reached the calendar raw. TEXT may hold none: each is written visibly.
    #[test]
    fn control_characters_in_names_are_written_visibly_never_raw() {
        let hostile = "North\\u{1b}]0;pwned\\u{7}field\\u{202e}";
        let season = SEASON
            .replace("Chelsea FC | 4-1", &format!("{hostile} | 4-1"))
            .replace(
                "competition: Premier League",
                "competition: Premier\\u{9}League\\u{85}",
            );
        let record = season_file::parse(&season).unwrap();
        assert!(record.matches[0].away.contains('\u{1b}'));
        let ics = write(
            &[ExportSeason::new(record, Vec::new())],
            &ExportOptions::default(),
        );
        let unfolded = ics.replace("\r\n ", "");
        for line in unfolded.split("\r\n") {
            assert!(!line.chars().any(matchday_core::is_control), "{line:?}");
        }
        assert!(
            unfolded
                .contains("SUMMARY:Liverpool FC 4-1 North\\\\u{1b}]0\\;pwned\\\\u{7}field\\\\u{202e}\r\n"),
            "{unfolded}"
        );
        assert!(
            unfolded.contains("CATEGORIES:Premier\\\\u{9}League\\\\u{85}\r\n"),
            "{unfolded}"
        );
        // A real parser reads it, each event whole.
        assert_eq!(parsed(&ics)[0].events.len(), 5);
        assert_eq!(text("a\r\nb\rc\nd"), "a\\nb\\nc\\nd");
    }

    #[test]
    fn zones_are_guessed_chosen_or_floating() {
        let floating = calendar(&ExportOptions {
            time_zone: Some(ZoneChoice::Floating),
            ..ExportOptions::default()
        });
        assert!(floating.contains("DTSTART:20240131T201500\r\n"), "{floating}");
        assert!(!floating.contains("VTIMEZONE"));
        let madrid = calendar(&ExportOptions {
            time_zone: Some(ZoneChoice::Zone(TimeZone::named("europe/madrid").unwrap())),
            ..ExportOptions::default()
        });
        assert!(madrid.contains("DTSTART;TZID=Europe/Madrid:20240131T201500\r\n"));
        assert!(madrid.contains("DTSTART:19960331T020000\r\n"), "{madrid}");
        assert_eq!(parsed(&madrid)[0].timezones[0].transitions.len(), 2);
        // An unknown competition with no chosen zone is floating too.
        let unknown = SEASON.replace("Premier League", "Liga Desconocida");
        let record = season_file::parse(&unknown).unwrap();
        let ics = write(
            &[ExportSeason::new(record, Vec::new())],
            &ExportOptions::default(),
        );
        assert!(ics.contains("DTSTART:20240131T201500\r\n") && !ics.contains("TZID"));
    }

    #[test]
    fn summer_time_follows_the_eu_rule() {
        let london = TimeZone::named("Europe/London").unwrap();
        let berlin = TimeZone::named("Europe/Berlin").unwrap();
        let at = |y, m, d, h, min| {
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap()
        };
        let utc = |zone, local| to_utc(zone, local).format("%Y-%m-%d %H:%M").to_string();
        assert_eq!(utc(london, at(2024, 1, 31, 20, 15)), "2024-01-31 20:15");
        assert_eq!(utc(london, at(2024, 5, 19, 16, 0)), "2024-05-19 15:00");
        // Summer time began at 01:00 UTC on 31 March 2024 and ended on 27 October.
        assert_eq!(utc(berlin, at(2024, 3, 31, 1, 30)), "2024-03-31 00:30");
        assert_eq!(utc(berlin, at(2024, 3, 31, 15, 30)), "2024-03-31 13:30");
        assert_eq!(utc(berlin, at(2024, 10, 27, 15, 30)), "2024-10-27 14:30");
        assert_eq!(
            utc(TimeZone::named("Asia/Qatar").unwrap(), at(2022, 12, 18, 18, 0)),
            "2022-12-18 15:00"
        );
        assert_eq!(
            last_sunday(2024, 3),
            NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()
        );
        assert_eq!(
            last_sunday(2023, 12),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()
        );
    }

    #[test]
    fn every_competition_zone_is_a_known_zone() {
        for (words, _, tzid) in COMPETITION_ZONES {
            assert!(
                tzid.is_none_or(|tzid| TimeZone::named(tzid).is_some()),
                "{words}: {tzid:?}"
            );
            assert_eq!(
                matchday_core::normalize_name(words),
                *words,
                "{words} is normalised"
            );
        }
    }

    use proptest::prelude::*;

    proptest! {
        /// The law of folding: every line is at most 75 octets, and unfolding
        /// (dropping each CRLF and the one space after it) gives the text back.
        #[test]
        fn folding_is_undone_by_unfolding(value in "[ -~é€😀 ]{0,400}") {
            let mut lines = Lines(String::new());
            lines.line(&format!("SUMMARY:{value}"));
            prop_assert!(lines.0.ends_with("\r\n"));
            for line in lines.0.trim_end_matches("\r\n").split("\r\n") {
                prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            }
            prop_assert_eq!(lines.0.trim_end_matches("\r\n").replace("\r\n ", ""), format!("SUMMARY:{value}"));
        }
    }
}
