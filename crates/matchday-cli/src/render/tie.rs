//! Knockout ties in words: core gives a tie's score as values
//! ([`TieScore`]); this is the one place that writes it as people do, for
//! `bracket`, `track` and `honours`.

use matchday_core::{Decider, ScoreParts, Settlement, Side, TeamId, TieFormat, TieMatch, TieScore, TieState};

/// A level match's settlement in words, with its winner where `winner` names
/// the side (`None` where the line is read from one team's side anyway):
/// "4-3 pens", "decided on penalties (not recorded), won by Liverpool",
/// "decided by lot, won by Liverpool".
fn settlement_note(settlement: Settlement, winner: Option<&dyn Fn(Side) -> String>) -> String {
    let won_by = |side: Side| {
        winner
            .map(|w| format!(", won by {}", w(side)))
            .unwrap_or_default()
    };
    match settlement {
        Settlement::Penalties(p) => format!("{p} pens"),
        Settlement::PenaltiesUnrecorded(side) => {
            format!("decided on penalties (not recorded){}", won_by(side))
        }
        Settlement::Lot(side) => format!("decided by lot{}", won_by(side)),
        Settlement::NotRecorded(side) => format!(
            "decided in extra time or on penalties (not recorded){}",
            won_by(side)
        ),
    }
}

/// A match's result as people write it, the winner of a settlement without
/// kicks named: "2-1", "1-1 aet, 4-3 pens", "1-1 aet, decided on penalties
/// (not recorded), won by Liverpool".
pub fn result_words(result: &matchday_core::MatchResult, home: &str, away: &str) -> String {
    match result.settlement() {
        Some(
            settlement @ (Settlement::PenaltiesUnrecorded(_)
            | Settlement::Lot(_)
            | Settlement::NotRecorded(_)),
        ) => {
            let played = match result.extra_time() {
                Some(et) => format!("{et} aet"),
                None => result.final_score().to_string(),
            };
            let side_name = |side: Side| match side {
                Side::Home => home.to_string(),
                Side::Away => away.to_string(),
            };
            format!("{played}, {}", settlement_note(settlement, Some(&side_name)))
        }
        _ => result.to_string(),
    }
}

/// What a reply adds when the teams were typed the other way round from the fixture:
/// the fixture's order, so the score shown is not taken for a mistake; `done` says what
/// was done in that order ("stored" by `result`, "assumed" by `--given`). Empty when
/// `typed` is the fixture's order.
pub fn turned(
    typed: matchday_core::Pairing,
    fixture: matchday_core::Pairing,
    name: &dyn Fn(matchday_core::TeamId) -> String,
    done: &str,
) -> String {
    if typed == fixture {
        return String::new();
    }
    format!(
        "; typed the other way round, {done} in the fixture's order ({} v {})",
        name(fixture.home()),
        name(fixture.away())
    )
}

/// A match's result as it is typed: the score between the teams, "aet" and the
/// shoot-out after it: "Arsenal 1-1 Porto aet, 4-2 pens".
pub fn typed_result(home: &str, result: &matchday_core::MatchResult, away: &str) -> String {
    let score = result.final_score().to_string();
    let written = result.to_string();
    let rest = written.strip_prefix(&score).unwrap_or_default();
    format!("{home} {score} {away}{rest}")
}

/// "aet", "3-4 pens", "decided on penalties (not recorded), won by …",
/// "awarded" for one match, from its home side.
fn match_notes(parts: &ScoreParts, winner: Option<&dyn Fn(Side) -> String>) -> Vec<String> {
    let mut notes = Vec::new();
    if parts.awarded {
        notes.push("awarded".to_string());
    }
    if parts.extra_time.is_some() {
        notes.push("aet".to_string());
    }
    if let Some(settlement) = parts.settlement {
        notes.push(settlement_note(settlement, winner));
    }
    notes
}

/// A match of a tie with its notes: "Bristol Rovers 1-3 Norwich", "Liverpool 1-1 Köln (aet, decided by lot, won by Liverpool)".
fn match_line(m: &TieMatch, name: &dyn Fn(TeamId) -> String) -> String {
    let side_name = |side: Side| match side {
        Side::Home => name(m.home),
        Side::Away => name(m.away),
    };
    let mut line = format!("{} {} {}", name(m.home), m.score.final_score, name(m.away));
    let notes = match_notes(&m.score, Some(&side_name));
    if !notes.is_empty() {
        line.push_str(&format!(" ({})", notes.join(", ")));
    }
    line
}

/// The play-offs of a two-legged tie, after its aggregate: ", play-off A 1-0 B".
fn play_offs(tie: &TieScore, name: &dyn Fn(TeamId) -> String) -> String {
    tie.matches
        .iter()
        .filter(|m| m.replay)
        .map(|m| format!(", play-off {}", match_line(m, name)))
        .collect()
}

/// "aet", "away goals", "4-3 pens", "awarded" for a decided two-legged tie, from the first-named side.
fn decider_notes(tie: &TieScore, decider: Decider) -> Vec<String> {
    let second_leg = tie.matches.get(1);
    let mut notes = Vec::new();
    if second_leg.is_some_and(|m| m.score.extra_time.is_some()) {
        notes.push("aet".to_string());
    }
    match decider {
        Decider::AwayGoals => notes.push("away goals".to_string()),
        Decider::Penalties | Decider::Lot | Decider::NotRecorded => {
            if let Some(leg) = second_leg
                && let Some(settlement) = leg.score.settlement
            {
                let settlement = if leg.home == tie.first {
                    settlement
                } else {
                    settlement.swapped()
                };
                // The winner is named where the tie is written with names.
                notes.push(settlement_note(settlement, None));
            }
        }
        Decider::Awarded => notes.push("awarded".to_string()),
        // The play-off is written after the aggregate, with its own notes.
        Decider::PlayOff | Decider::NormalTime | Decider::Aggregate | Decider::ExtraTime => {}
    }
    notes
}

/// The tie as people write it, with team names from `name`:
/// "Liverpool 5-2 Norwich", "Chelsea 0-1 Liverpool (aet)",
/// "Sporting 2-3 Atalanta (agg)", "Feyenoord 2-2 Roma (agg, aet, 2-4 pens)",
/// "Norwich 1-1 Bristol Rovers, replay Bristol Rovers 1-3 Norwich",
/// "Sparta v Liverpool", "Sparta v Liverpool (called off)".
pub fn tie_line(tie: &TieScore, name: &dyn Fn(TeamId) -> String) -> String {
    let (a, b) = (name(tie.first), name(tie.second));
    match tie.state {
        TieState::NotStarted => return format!("{a} v {b}"),
        TieState::CalledOff => return format!("{a} v {b} (called off)"),
        TieState::InProgress | TieState::Decided { .. } => {}
    }
    if tie.format == TieFormat::TwoLegs
        && let Some(aggregate) = tie.aggregate
    {
        let (f, s) = (aggregate.goals.first, aggregate.goals.second);
        let play_offs = play_offs(tie, name);
        let notes = match tie.state {
            TieState::Decided { winner, decider } => {
                let mut notes = vec!["agg".to_string()];
                for note in decider_notes(tie, decider) {
                    if note == "away goals" {
                        notes.push(format!("{} on away goals", name(winner)));
                    } else if matches!(decider, Decider::Penalties | Decider::Lot | Decider::NotRecorded)
                        && note.starts_with("decided")
                    {
                        notes.push(format!("{note}, won by {}", name(winner)));
                    } else {
                        notes.push(note);
                    }
                }
                notes.join(", ")
            }
            _ if tie.matches.len() < 2 => "1st leg".to_string(),
            _ if play_offs.is_empty() => "agg, undecided".to_string(),
            _ => "agg".to_string(),
        };
        return format!("{a} {f}-{s} {b} ({notes}){play_offs}");
    }
    let mut parts = Vec::new();
    for m in &tie.matches {
        let prefix = if m.replay { "replay " } else { "" };
        parts.push(format!("{prefix}{}", match_line(m, name)));
    }
    if tie.winner().is_none() {
        parts.push("replay to come".to_string());
    }
    parts.join(", ")
}

/// The score without names, from the first-named team's side: "5-2",
/// "0-1 aet", "2-3 agg", "1-1 agg, aet, 4-3 pens", "1-1 aet, 3-4 pens",
/// "3-0, awarded", "3-1 (replay)"; empty while nothing is played.
pub fn tie_score_text(tie: &TieScore) -> String {
    match tie.state {
        TieState::NotStarted => return String::new(),
        TieState::CalledOff => return "called off".to_string(),
        TieState::InProgress | TieState::Decided { .. } => {}
    }
    if tie.format == TieFormat::TwoLegs
        && let Some(aggregate) = tie.aggregate
    {
        let mut text = format!("{}-{} agg", aggregate.goals.first, aggregate.goals.second);
        match tie.state {
            TieState::Decided {
                decider: Decider::PlayOff,
                ..
            } => {
                if let Some(last) = tie.last_match_for_first() {
                    text.push_str(&format!(", play-off {}", last.final_score));
                    for note in match_notes(&last, None) {
                        text.push_str(", ");
                        text.push_str(&note);
                    }
                }
            }
            TieState::Decided { decider, .. } => {
                for note in decider_notes(tie, decider) {
                    text.push_str(", ");
                    text.push_str(&note);
                }
            }
            _ if tie.matches.len() < 2 => text.push_str(" after 1st leg"),
            _ => text.push_str(", undecided"),
        }
        return text;
    }
    let Some(last) = tie.last_match_for_first() else {
        return String::new();
    };
    let mut text = last.final_score.to_string();
    let notes = match_notes(&last, None);
    if let Some((aet, rest)) = notes.split_first().filter(|(n, _)| *n == "aet") {
        text.push(' ');
        text.push_str(aet);
        for n in rest {
            text.push_str(", ");
            text.push_str(n);
        }
    } else {
        for n in notes {
            text.push_str(", ");
            text.push_str(&n);
        }
    }
    if tie.format == TieFormat::WithReplays && tie.matches.len() > 1 {
        text.push_str(" (replay)");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use matchday_core::{
        Competition, Format, KnockoutTie, Match, MatchResult, MatchStatus, Pairing, PointsScheme, Round,
        RuleSet, Score, Season,
    };

    const NAMES: [&str; 9] = [
        "",
        "Liverpool",
        "Norwich",
        "Chelsea",
        "Sporting",
        "Atalanta",
        "Porto",
        "Arsenal",
        "Bristol Rovers",
    ];

    fn name(t: TeamId) -> String {
        NAMES[t.0 as usize].to_string()
    }

    fn id(team: &str) -> TeamId {
        TeamId(NAMES.iter().position(|n| *n == team).unwrap() as i64)
    }

    fn cup(away_goals: bool) -> Competition {
        Competition {
            id: None,
            slug: "cup".into(),
            name: "Cup".into(),
            season: Season::starting(2023),
            format: Format::Knockout,
            structure: matchday_core::Structure::of_format(Format::Knockout),
            rules: RuleSet::UefaClubGroups,
            points: PointsScheme::THREE,
            zones: Vec::new(),
            away_goals,
            rank_by: matchday_core::RankBy::Points,
        }
    }

    fn game(date: &str, home: &str, away: &str, result: &str) -> Match {
        let status = if result.is_empty() {
            MatchStatus::Scheduled
        } else {
            MatchStatus::Played(result.parse().unwrap())
        };
        let day: NaiveDate = date.parse().unwrap();
        Match::new(day, Pairing::new(id(home), id(away)).unwrap(), status)
    }

    fn leg(n: u8, mut m: Match) -> Match {
        m.leg = Some(n);
        m
    }

    fn words(matches: &[Match], away_goals: bool, as_of: Option<&str>) -> (String, String) {
        let as_of = as_of.map(|d| d.parse().unwrap());
        let tie = KnockoutTie::from_matches(&cup(away_goals), Round::RoundOf(16), matches, as_of).unwrap();
        let score = tie.score();
        (tie_line(&score, &name), tie_score_text(&score))
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn single_matches_and_replays_read_as_people_write_them() {
        let one = |result: &str| words(&[game("2024-01-28", "Liverpool", "Norwich", result)], false, None);
        assert_eq!(one("5-2"), pair("Liverpool 5-2 Norwich", "5-2"));
        assert_eq!(one("0-1 aet"), pair("Liverpool 0-1 Norwich (aet)", "0-1 aet"));
        assert_eq!(
            one("1-1 aet, 3-4 pens"),
            pair("Liverpool 1-1 Norwich (aet, 3-4 pens)", "1-1 aet, 3-4 pens")
        );
        assert_eq!(
            one("1-1, 4-3 pens"),
            pair("Liverpool 1-1 Norwich (4-3 pens)", "1-1, 4-3 pens")
        );
        assert_eq!(one(""), pair("Liverpool v Norwich", ""));
        let mut awarded = game("2024-01-06", "Chelsea", "Norwich", "");
        awarded.status = MatchStatus::Awarded("3-0".parse().unwrap());
        assert_eq!(
            words(&[awarded], false, None),
            pair("Chelsea 3-0 Norwich (awarded)", "3-0, awarded")
        );
        let mut replay = game("2024-01-17", "Bristol Rovers", "Norwich", "1-3");
        replay.replay = true;
        let first = game("2024-01-06", "Norwich", "Bristol Rovers", "1-1");
        assert_eq!(
            words(&[first.clone(), replay.clone()], false, None),
            pair(
                "Norwich 1-1 Bristol Rovers, replay Bristol Rovers 1-3 Norwich",
                "3-1 (replay)"
            )
        );
        assert_eq!(
            words(&[first, replay], false, Some("2024-01-10")).0,
            "Norwich 1-1 Bristol Rovers, replay to come"
        );
    }

    #[test]
    fn play_offs_and_settlements_without_kicks_name_their_winner_and_make_up_no_kicks() {
        let legs = [
            leg(1, game("1965-03-10", "Sporting", "Liverpool", "0-0")),
            leg(2, game("1965-03-17", "Liverpool", "Sporting", "0-0")),
        ];
        let mut play_off = game("1965-03-24", "Liverpool", "Sporting", "2-2 aet, lot won by home");
        play_off.replay = true;
        assert_eq!(
            words(&[legs[0].clone(), legs[1].clone(), play_off], false, None),
            pair(
                "Sporting 0-0 Liverpool (agg), play-off Liverpool 2-2 Sporting (aet, decided by lot, won by Liverpool)",
                "0-0 agg, play-off 2-2, aet, decided by lot"
            )
        );
        let one = |result: &str| words(&[game("2001-02-25", "Liverpool", "Norwich", result)], false, None);
        assert_eq!(
            one("1-1 aet, pens won by home"),
            pair(
                "Liverpool 1-1 Norwich (aet, decided on penalties (not recorded), won by Liverpool)",
                "1-1 aet, decided on penalties (not recorded)"
            )
        );
        assert_eq!(
            one("1-1, won by away").0,
            "Liverpool 1-1 Norwich (decided in extra time or on penalties (not recorded), won by Norwich)"
        );
        // A second leg settled without kicks, after a level aggregate.
        let level = [
            leg(1, game("2016-01-05", "Sporting", "Liverpool", "1-1")),
            leg(
                2,
                game("2016-01-26", "Liverpool", "Sporting", "1-1, pens won by away"),
            ),
        ];
        assert_eq!(
            words(&level, false, None).0,
            "Sporting 2-2 Liverpool (agg, decided on penalties (not recorded), won by Sporting)"
        );
        let result: MatchResult = "1-1, won by home".parse().unwrap();
        assert_eq!(
            result_words(&result, "Liverpool", "Chelsea"),
            "1-1, decided in extra time or on penalties (not recorded), won by Liverpool"
        );
    }

    #[test]
    fn two_legs_read_with_their_aggregate_and_what_decided() {
        let legs = [
            leg(1, game("2024-03-06", "Sporting", "Atalanta", "1-1")),
            leg(2, game("2024-03-14", "Atalanta", "Sporting", "2-1")),
        ];
        assert_eq!(
            words(&legs, false, None),
            pair("Sporting 2-3 Atalanta (agg)", "2-3 agg")
        );
        assert_eq!(
            words(&legs, false, Some("2024-03-10")),
            pair("Sporting 1-1 Atalanta (1st leg)", "1-1 agg after 1st leg")
        );
        // Arsenal v Porto 2024: 0-1, then 1-0 after 90 minutes and extra time, 4-2 on penalties.
        let s = |h, a| Score::new(h, a).unwrap();
        let mut second = leg(2, game("2024-03-12", "Arsenal", "Porto", ""));
        second.status = MatchStatus::Played(
            MatchResult::second_leg(s(1, 0), None, Some(s(1, 0)), Some(s(4, 2))).unwrap(),
        );
        let porto = [leg(1, game("2024-02-21", "Porto", "Arsenal", "1-0")), second];
        assert_eq!(
            words(&porto, false, None),
            pair("Porto 1-1 Arsenal (agg, aet, 2-4 pens)", "1-1 agg, aet, 2-4 pens")
        );
        // Tottenham v Ajax, 2019, under the away-goals rule (names of the test teams).
        let away = [
            leg(1, game("2019-04-30", "Liverpool", "Chelsea", "0-1")),
            leg(2, game("2019-05-08", "Chelsea", "Liverpool", "2-3")),
        ];
        assert_eq!(
            words(&away, true, None),
            pair(
                "Liverpool 3-3 Chelsea (agg, Liverpool on away goals)",
                "3-3 agg, away goals"
            )
        );
    }

    #[test]
    fn a_called_off_tie_reads_plainly() {
        let mut m = game("2024-01-06", "Chelsea", "Norwich", "");
        m.status = MatchStatus::Cancelled;
        assert_eq!(
            words(&[m], false, None),
            pair("Chelsea v Norwich (called off)", "called off")
        );
    }
}
