//! What the files leave implicit, derived once every line is read.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{Format, MatchRecord, Season, Stage, Venue};

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
    let names: Vec<String> = {
        let matches = &*matches;
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut parent: Vec<usize> = Vec::new();
        let mut pairs = Vec::with_capacity(unnamed_group.len());
        for &index in unnamed_group {
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
        pairs
            .iter()
            .map(|&(h, _)| {
                let r = root(&mut parent, h);
                let next = labels.len() + 1;
                labels.entry(r).or_insert_with(|| next.to_string()).clone()
            })
            .collect()
    };
    for (&index, name) in unnamed_group.iter().zip(names) {
        matches[index].group = Some(name);
    }
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

/// Finals are played on neutral ground. So are FA Cup semi-finals: since 2008
/// every one has been at Wembley, which the Football.TXT file does not say.
pub(crate) fn mark_neutral_venues(competition: &str, matches: &mut [MatchRecord]) {
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
