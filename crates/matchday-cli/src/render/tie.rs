//! Knockout ties in words: core gives a tie's score as values
//! ([`TieScore`]); this is the one place that writes it as people do, for
//! `bracket`, `track` and `honours`.

use matchday_core::{Decider, ScoreParts, TeamId, TieFormat, TieScore, TieState};

/// "aet", "3-4 pens", "awarded" for one match, from its home side.
fn match_notes(parts: &ScoreParts) -> Vec<String> {
    let mut notes = Vec::new();
    if parts.awarded {
        notes.push("awarded".to_string());
    }
    if parts.extra_time.is_some() {
        notes.push("aet".to_string());
    }
    if let Some(p) = parts.penalties {
        notes.push(format!("{p} pens"));
    }
    notes
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
        Decider::Penalties => {
            if let Some(leg) = second_leg
                && let Some(p) = leg.score.penalties
            {
                let p = if leg.home == tie.first { p } else { p.swapped() };
                notes.push(format!("{p} pens"));
            }
        }
        Decider::Awarded => notes.push("awarded".to_string()),
        Decider::NormalTime | Decider::Aggregate | Decider::ExtraTime => {}
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
        let notes = match tie.state {
            TieState::Decided { winner, decider } => {
                let mut notes = vec!["agg".to_string()];
                for note in decider_notes(tie, decider) {
                    if note == "away goals" {
                        notes.push(format!("{} on away goals", name(winner)));
                    } else {
                        notes.push(note);
                    }
                }
                notes.join(", ")
            }
            _ if tie.matches.len() < 2 => "1st leg".to_string(),
            _ => "agg, undecided".to_string(),
        };
        return format!("{a} {f}-{s} {b} ({notes})");
    }
    let mut parts = Vec::new();
    for m in &tie.matches {
        let prefix = if m.replay { "replay " } else { "" };
        let mut line = format!(
            "{prefix}{} {} {}",
            name(m.home),
            m.score.final_score,
            name(m.away)
        );
        let notes = match_notes(&m.score);
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        parts.push(line);
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
    let notes = match_notes(&last);
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
