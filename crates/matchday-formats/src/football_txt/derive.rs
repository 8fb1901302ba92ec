//! What the files leave implicit, derived once every line is read.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use matchday_core::{Format, MatchRecord, MatchResult, Round, Season, Side, Stage, Venue};

/// A matchday defined by its dates: `▪ Matchday 1 | Fri Jun 14 - Tue Jun 18`.
#[derive(Debug)]
pub(crate) struct MatchdayRange {
    pub(super) label: String,
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
}

/// The Champions League file heads its group stage `» Group, Matchday N`
/// without naming groups. A group is a set of teams that only play each
/// other, so the groups are the connected sets of teams that meet. The
/// letters cannot be known from the file, so groups are numbered "1", "2",
/// ... in the order their first match appears.
pub(super) fn name_unnamed_groups(matches: &mut [MatchRecord], unnamed_group: &[usize]) {
    if unnamed_group.is_empty() {
        return;
    }
    let ordinals = set_ordinals(matches, unnamed_group);
    for (&index, ordinal) in unnamed_group.iter().zip(ordinals) {
        matches[index].group = Some((ordinal + 1).to_string());
    }
}

/// For each of `indices`, the ordinal (from 0) of the connected set of teams
/// its match belongs to, sets counted in the order their first match appears
/// in `indices`.
fn set_ordinals(matches: &[MatchRecord], indices: &[usize]) -> Vec<usize> {
    let mut sets = TeamSets::default();
    for &index in indices {
        sets.meet(&matches[index].home, &matches[index].away);
    }
    let mut ordinals: HashMap<usize, usize> = HashMap::new();
    indices
        .iter()
        .map(|&index| {
            let set = sets.set_of(&matches[index].home);
            let next = ordinals.len();
            *ordinals.entry(set).or_insert(next)
        })
        .collect()
}

/// Teams joined into sets by the matches between them (a union-find), with
/// what is needed to tell whether each set is a round robin.
#[derive(Default)]
struct TeamSets<'a> {
    ids: HashMap<&'a str, usize>,
    parent: Vec<usize>,
    /// Per set, kept at its root: its teams, the pairs of them that met, its
    /// matches, and the most times one pair met.
    teams: Vec<usize>,
    pairs: Vec<usize>,
    meetings: Vec<usize>,
    most: Vec<usize>,
    met: HashMap<(usize, usize), usize>,
}

impl<'a> TeamSets<'a> {
    fn id(&mut self, team: &'a str) -> usize {
        let next = self.parent.len();
        let id = *self.ids.entry(team).or_insert(next);
        if id == next {
            self.parent.push(next);
            self.teams.push(1);
            self.pairs.push(0);
            self.meetings.push(0);
            self.most.push(0);
        }
        id
    }

    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// The set (its root) `team` is in; the team must have played.
    fn set_of(&mut self, team: &str) -> usize {
        let id = self.ids[team];
        self.root(id)
    }

    fn meet(&mut self, home: &'a str, away: &'a str) {
        let (h, a) = (self.id(home), self.id(away));
        let (rh, ra) = (self.root(h), self.root(a));
        let root = rh.min(ra);
        if rh != ra {
            let other = rh.max(ra);
            self.parent[other] = root;
            self.teams[root] += self.teams[other];
            self.pairs[root] += self.pairs[other];
            self.meetings[root] += self.meetings[other];
            self.most[root] = self.most[root].max(self.most[other]);
        }
        let times = self.met.entry((h.min(a), h.max(a))).or_insert(0);
        *times += 1;
        if *times == 1 {
            self.pairs[root] += 1;
        }
        self.meetings[root] += 1;
        self.most[root] = self.most[root].max(*times);
    }

    /// Whether the sets are the groups of a group stage: at least two, each
    /// of three teams or more, in each of which every pair met as often as in
    /// every other, once or twice.
    fn are_round_robin_groups(&self) -> bool {
        let mut times = None;
        let mut groups = 0;
        for x in (0..self.parent.len()).filter(|&x| self.parent[x] == x) {
            let (teams, pairs) = (self.teams[x], self.pairs[x]);
            // Every pair met at least once, so as many meetings as pairs times
            // the most any pair met means every pair met that often.
            let complete =
                teams >= 3 && pairs == teams * (teams - 1) / 2 && self.meetings[x] == pairs * self.most[x];
            if !complete || *times.get_or_insert(self.most[x]) != self.most[x] {
                return false;
            }
            groups += 1;
        }
        groups >= 2 && matches!(times, Some(1 | 2))
    }
}

/// openfootball's internationals files write a tournament as a list of
/// dated matches, without group headings or round labels (the Africa Cup of
/// Nations 2019). When no match in the file has a group or a round, both are
/// read from the matches, but only when the shape leaves no doubt:
///
/// - the group stage is the longest opening run of matches, whole days by
///   date, whose teams fall into sets (two or more, of three teams or more)
///   in which every pair met once, or every pair twice, and no team met one
///   of another set; the sets are named "A", "B", ... in the order of their
///   first match. These are ordinals, not the tournament's own letters,
///   which the file does not give (as with [`name_unnamed_groups`]).
/// - every match after it is a knockout match, in rounds by date that halve
///   (8, 4, 2, 1): each round's teams are the winners of the round before,
///   and the first round's teams come from the groups. The rounds are named
///   as [`Round::name`] names them ("Round of 16", "Quarterfinals",
///   "Semifinals", "Final"). With one match more than that, the last two
///   are the final and, dated before it, the match for third place between
///   the losing semi-finalists ("Third place").
///
/// Anything else (a pair meeting across groups, rounds that do not halve, a
/// knockout team that did not win its previous match) leaves every match as
/// it was: a file half labelled would be worse than one not labelled.
pub(super) fn label_unlabelled_tournament(matches: &mut [MatchRecord]) {
    if matches.iter().any(|m| m.group.is_some() || m.round.is_some()) {
        return;
    }
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order.sort_by_key(|&i| (matches[i].date, matches[i].kickoff));
    let Some(split) = group_stage_end(matches, &order) else {
        return;
    };
    let (groups, knockout) = order.split_at(split);
    let group_teams: HashSet<&str> = groups
        .iter()
        .flat_map(|&i| [matches[i].home.as_str(), matches[i].away.as_str()])
        .collect();
    let Some(rounds) = knockout_rounds(matches, knockout, &group_teams) else {
        return;
    };
    let ordinals = set_ordinals(matches, groups);
    // More groups than letters is no tournament's shape.
    let Some(letters) = ordinals
        .iter()
        .map(|&n| {
            u8::try_from(n)
                .ok()
                .filter(|n| *n < 26)
                .map(|n| char::from(b'A' + n))
        })
        .collect::<Option<Vec<char>>>()
    else {
        return;
    };
    for (&index, letter) in groups.iter().zip(letters) {
        matches[index].group = Some(letter.to_string());
    }
    for (&index, round) in knockout.iter().zip(rounds) {
        matches[index].round = Some(round.name());
    }
}

/// How many of the matches in date `order` make the group stage: the longest
/// run of whole days whose teams form round-robin groups, if any does.
fn group_stage_end(matches: &[MatchRecord], order: &[usize]) -> Option<usize> {
    let mut sets = TeamSets::default();
    let mut end = None;
    for (at, &index) in order.iter().enumerate() {
        let m = &matches[index];
        sets.meet(&m.home, &m.away);
        // A day's matches are played together, so the stage ends with a day.
        let day_ends = order.get(at + 1).is_none_or(|&next| matches[next].date != m.date);
        if day_ends && sets.are_round_robin_groups() {
            end = Some(at + 1);
        }
        // A pair met a third time: no longer run can be a group stage.
        if sets.most.iter().any(|&times| times > 2) {
            break;
        }
    }
    end
}

/// The rounds of the knockout `matches` in date `order`, one per match, when
/// they form a single-match knockout of halving rounds whose first round's
/// teams all come from `group_teams`; see [`label_unlabelled_tournament`].
fn knockout_rounds(
    matches: &[MatchRecord],
    order: &[usize],
    group_teams: &HashSet<&str>,
) -> Option<Vec<Round>> {
    let total = order.len();
    // A knockout of n first-round matches has 2n - 1 of them, or 2n with a
    // match for third place (which needs semi-finals).
    let third_place = total.is_multiple_of(2);
    let first = if third_place { total / 2 } else { total.div_ceil(2) };
    if first == 0 || !first.is_power_of_two() || (third_place && first < 2) {
        return None;
    }
    let teams_of = |block: &[usize]| -> Option<HashSet<&str>> {
        let teams: HashSet<&str> = block
            .iter()
            .flat_map(|&i| [matches[i].home.as_str(), matches[i].away.as_str()])
            .collect();
        // No team plays twice in a round.
        (teams.len() == 2 * block.len()).then_some(teams)
    };
    // Each match of the round before sent exactly one of its teams on to
    // `teams`, its winner when the result names one. A shoot-out whose score
    // the file does not give leaves a level score: then the team that went
    // on is the one that plays next.
    let went_on = |before: &[usize], teams: &HashSet<&str>| -> Option<()> {
        before
            .iter()
            .all(|&i| {
                let m = &matches[i];
                let on: Vec<&str> = [m.home.as_str(), m.away.as_str()]
                    .into_iter()
                    .filter(|team| teams.contains(team))
                    .collect();
                let winner = m
                    .status
                    .result()
                    .and_then(MatchResult::winner)
                    .map(|side| match side {
                        Side::Home => m.home.as_str(),
                        Side::Away => m.away.as_str(),
                    });
                on.len() == 1 && winner.is_none_or(|w| w == on[0])
            })
            .then_some(())
    };
    let mut rounds = Vec::with_capacity(total);
    let mut at = 0;
    let mut size = first;
    let mut before: &[usize] = &[];
    loop {
        if third_place && size == 1 {
            // Two matches are left: the final, last, and before it the match
            // for third place between the semi-finals' losers.
            let (third, final_) = (order[at], order[at + 1]);
            let finalists = teams_of(&[final_])?;
            went_on(before, &finalists)?;
            let losers: HashSet<&str> = teams_of(before)?.difference(&finalists).copied().collect();
            if teams_of(&[third])? != losers {
                return None;
            }
            rounds.extend([Round::ThirdPlace, Round::Final]);
            break;
        }
        let block = &order[at..at + size];
        let teams = teams_of(block)?;
        if before.is_empty() {
            if !teams.is_subset(group_teams) {
                return None;
            }
        } else {
            went_on(before, &teams)?;
        }
        let round = match size {
            1 => Round::Final,
            2 => Round::SemiFinal,
            4 => Round::QuarterFinal,
            // A round is named by its teams: the Round of 16 has 8 matches.
            _ => Round::RoundOf(u16::try_from(2 * size).ok()?),
        };
        rounds.extend(std::iter::repeat_n(round, size));
        if size == 1 {
            break;
        }
        at += size;
        before = block;
        size /= 2;
    }
    Some(rounds)
}

/// Group matches headed only by their group (`» Group A`, `▪ Group A`)
/// get their matchday from the file's matchday definitions when it has
/// them (the Euro files). Otherwise from the calendar: the group stage is
/// played in matchday weeks, so the weeks that hold most of the group
/// matches are matchdays 1, 2, ... in order; a match moved to another week
/// (Villarreal v Maccabi Haifa, 2023-24) belongs to the matchday both its
/// teams are missing. When the weeks do not give as many matchdays as each
/// team plays group matches (a tournament playing every day), a match is
/// its teams' n-th group match.
pub(crate) fn label_group_rounds(matches: &mut [MatchRecord], defined_matchdays: &[MatchdayRange]) {
    let mut unlabelled: Vec<usize> = Vec::new();
    for (index, m) in matches.iter_mut().enumerate() {
        if m.group.is_none() || m.round.is_some() {
            continue;
        }
        match defined_matchdays
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
    // A tournament plays its groups day after day, with no weeks to tell the
    // matchdays apart: then a match is its teams' n-th group match.
    let mut games: HashMap<&str, u32> = HashMap::new();
    for &i in &unlabelled {
        *games.entry(matches[i].home.as_str()).or_default() += 1;
        *games.entry(matches[i].away.as_str()).or_default() += 1;
    }
    if games.values().copied().max() != Some(matchdays) {
        let mut order = unlabelled.clone();
        order.sort_by_key(|&i| (matches[i].date, matches[i].kickoff));
        let mut seen: HashMap<String, u32> = HashMap::new();
        for i in order {
            let m = &matches[i];
            let home = seen.get(&m.home).copied().unwrap_or(0);
            let away = seen.get(&m.away).copied().unwrap_or(0);
            let day = home.max(away) + 1;
            seen.insert(m.home.clone(), day);
            seen.insert(m.away.clone(), day);
            matches[i].round = Some(format!("Matchday {day}"));
        }
        return;
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

/// Within one knockout round (not a group, not a final), two meetings of the
/// same teams are the two legs of a tie when every pairing in the round meets
/// twice (UEFA knockouts, EFL Cup semi-finals); otherwise the later meeting is
/// a replay of a drawn tie (FA Cup). A league's play-off has no replays: there
/// two meetings are the legs of a tie even when the round holds single
/// matches too, as the Championship's `== Playoffs` holds the two-legged
/// semi-finals and the final under one heading (2021-22). Legs go by date.
pub(crate) fn mark_legs_and_replays(matches: &mut [MatchRecord]) {
    let league = format_of(matches) == Format::League;
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
    for (round, pairings) in &rounds {
        let two_legged = pairings.values().all(|meetings| meetings.len() == 2);
        // A league's play-off round, as the store types it; a league's `Round 5` is a matchday.
        let play_off = league && Stage::typed_for_labels(Format::League, None, Some(round)).is_some();
        for meetings in pairings.values() {
            let mut meetings = meetings.clone();
            meetings.sort_by_key(|&i| (matches[i].date, matches[i].kickoff));
            if two_legged || (play_off && meetings.len() == 2) {
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

/// Finals are played on neutral ground, which the file does not say. Rounds neutral
/// in one competition only (the FA Cup's semi-finals) are the catalogue's to say
/// (an edition's `neutral`), applied on import.
pub(crate) fn mark_neutral_venues(matches: &mut [MatchRecord]) {
    for m in matches {
        if m.round
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("final"))
        {
            m.venue = Venue::Neutral;
        }
    }
}

/// Whether a round label names a knockout round rather than a league matchday.
pub(crate) fn is_cup_round(label: &str) -> bool {
    let lower = label.to_lowercase();
    lower.starts_with("round")
        || lower.contains("final")
        || lower.contains("play-off")
        || lower.contains("playoff")
        || lower.contains("knockout")
        || lower.contains("replay")
        || lower.starts_with("third place")
}

/// Tournaments played a year after the year in their name, as (name, year
/// played, edition): openfootball titles them by the year played (`= Euro
/// 2021`), but an edition keeps its name. Euro 2020 and the 2021 and 2023
/// Africa Cups of Nations were put back by a year (the pandemic, the weather);
/// the 2023 Asian Cup moved to early 2024.
const LATE_EDITIONS: [(&str, i32, i32); 4] = [
    ("euro", 2021, 2020),
    ("africa cup of nations", 2022, 2021),
    ("africa cup of nations", 2024, 2023),
    ("asian cup", 2024, 2023),
];

/// The season of a competition named `name` whose title gives `season`:
/// the edition, for a tournament played later than its name says.
pub(crate) fn edition_of(name: &str, season: Season) -> Season {
    let key = name.to_lowercase();
    LATE_EDITIONS
        .iter()
        .find(|&&(late, played, _)| key == late && season == Season::calendar(played))
        .and_then(|&(_, played, edition)| Season::edition(edition, played).ok())
        .unwrap_or(season)
}

/// A title's competition and season: the season is the last word that reads
/// as one (`Euro 2024`, `English Premier League 2023/24`, `World Cup 2026
/// Qualifying`), taken out of the name and made the edition; a title
/// without one is all name.
pub(crate) fn title_parts(text: &str) -> (String, Option<Season>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let found = words
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, w)| w.parse::<Season>().ok().map(|s| (i, s)));
    let Some((at, season)) = found else {
        return (text.to_string(), None);
    };
    let name = words
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != at)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ");
    let season = edition_of(&name, season);
    (name, Some(season))
}

/// The format the matches show: groups make a group stage and knockout,
/// cup rounds that are not a round robin a knockout, anything else a league.
pub(crate) fn format_of(matches: &[MatchRecord]) -> Format {
    if matches.iter().any(|m| m.group.is_some()) {
        Format::GroupsKnockout
    } else if matches
        .iter()
        .any(|m| m.round.as_deref().is_some_and(is_cup_round))
        && !is_round_robin(matches)
    {
        Format::Knockout
    } else {
        Format::League
    }
}

/// Whether the matches are a league's, though its rounds are named like a
/// cup's (`Round 1` to `Round 32` in Austria) or a play-off follows it (the
/// Championship's, Austria's Conference League play-off): teams meet again in
/// other rounds, as often as there are teams at least. A cup's teams meet
/// again only in the same round (legs, replays) or, rarely, in a later one.
pub(crate) fn is_round_robin(matches: &[MatchRecord]) -> bool {
    let mut rounds: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    let mut teams: Vec<&str> = Vec::new();
    for m in matches {
        let key = if m.home <= m.away {
            (m.home.as_str(), m.away.as_str())
        } else {
            (m.away.as_str(), m.home.as_str())
        };
        rounds
            .entry(key)
            .or_default()
            .push(m.round.as_deref().unwrap_or(""));
        for team in [m.home.as_str(), m.away.as_str()] {
            if !teams.contains(&team) {
                teams.push(team);
            }
        }
    }
    let again = rounds
        .values()
        .filter(|meetings| meetings.iter().any(|r| r != &meetings[0]))
        .count();
    again >= teams.len()
}
