//! The change log in words: `matchday log`'s table and JSON, and the lines
//! `undo` and `redo` print.

use matchday_core::{Match, MatchStatus};
use matchday_store::{Change, ChangeKind, Reversal, RowAction, RowChange, RowCount, Subject};
use serde::Serialize;

/// What a table's rows are called, one and many.
fn noun(table: &str) -> (String, String) {
    let (one, many) = match table {
        "match" => ("match", "matches"),
        "team" => ("team", "teams"),
        "team_alias" => ("alias", "aliases"),
        "competition" => ("competition", "competitions"),
        "zone" => ("zone", "zones"),
        "entrant" => ("entrant", "entrants"),
        "deduction" => ("deduction", "deductions"),
        "decision" => ("decision", "decisions"),
        "decision_team" => ("decision place", "decision places"),
        other => return (format!("{other} row"), format!("{other} rows")),
    };
    (one.to_string(), many.to_string())
}

/// "380 matches added, 2 updated; 20 teams added", table by table.
pub fn counts(counts: &[RowCount]) -> String {
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for count in counts {
        let (one, many) = noun(&count.table);
        let noun = if count.count == 1 { one } else { many };
        match tables.last_mut() {
            Some((table, parts)) if *table == count.table => {
                parts.push(format!("{} {}", count.count, count.action.name()));
            }
            _ => tables.push((
                count.table.clone(),
                vec![format!("{} {noun} {}", count.count, count.action.name())],
            )),
        }
    }
    tables
        .into_iter()
        .map(|(_, parts)| parts.join(", "))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A match's state in a few words: "fixture", "5-2", "postponed", "live 1-0 (60')".
fn state(status: &MatchStatus) -> String {
    match status {
        MatchStatus::Scheduled => "fixture".into(),
        MatchStatus::Played(result) => result.to_string(),
        MatchStatus::Awarded(result) => format!("{result} (awarded)"),
        MatchStatus::Postponed => "postponed".into(),
        MatchStatus::Abandoned => "abandoned".into(),
        MatchStatus::Cancelled => "cancelled".into(),
        MatchStatus::Live(live) => format!("live {live}"),
    }
}

/// "Liverpool 5-2 Norwich, 2024-01-28: fixture → result".
fn match_line(home: &str, away: &str, before: Option<&Match>, after: Option<&Match>) -> String {
    let Some(shown) = after.or(before) else {
        return String::new();
    };
    let middle = shown
        .status
        .result()
        .map_or_else(|| "v".to_string(), |r| r.to_string());
    let head = format!("{home} {middle} {away}, {}", shown.date);
    let what = match (before, after) {
        (None, Some(m)) if m.status.result().is_some() => "result added".to_string(),
        (None, Some(m)) if m.status.is_pending() => "fixture added".to_string(),
        (None, Some(m)) => format!("{} match added", state(&m.status)),
        (Some(m), None) if m.status.result().is_some() => "result removed".to_string(),
        (Some(_), None) => "fixture removed".to_string(),
        (Some(b), Some(a)) => {
            let mut parts = Vec::new();
            if b.status != a.status {
                let word = |s: &MatchStatus, other: &MatchStatus| match (s.result(), other.result()) {
                    // "fixture → result" when a result comes in; the score itself is in the head.
                    (Some(_), None) => "result".to_string(),
                    _ => state(s),
                };
                parts.push(format!(
                    "{} → {}",
                    word(&b.status, &a.status),
                    word(&a.status, &b.status)
                ));
            }
            if b.date != a.date {
                parts.push(format!("moved from {} to {}", b.date, a.date));
            }
            if parts.is_empty() {
                parts.push("details changed".into());
            }
            parts.join(", ")
        }
        (None, None) => String::new(),
    };
    format!("{head}: {what}")
}

/// What the one row of a change was and what happened to it.
fn subject(subject: &Subject, action: RowAction) -> Option<String> {
    let done = action.name();
    Some(match subject {
        Subject::Match {
            home,
            away,
            before,
            after,
        } => match_line(home, away, before.as_deref(), after.as_deref()),
        Subject::Team {
            before: Some(b),
            after: Some(a),
        } if b != a => format!("team {b} renamed {a}"),
        Subject::Team { before, after } => {
            format!("team {} {done}", after.as_ref().or(before.as_ref())?)
        }
        Subject::Alias { team, alias } => format!("alias {alias} of {team} {done}"),
        Subject::Deduction {
            team,
            points,
            effective,
        } if *points < 0 => format!("{} points given back to {team} from {effective}: {done}", -points),
        Subject::Deduction {
            team,
            points,
            effective,
        } => format!("{points}-point deduction of {team} from {effective} {done}"),
        Subject::Entrant { team } => format!("entrant {team} {done}"),
        Subject::Competition { name, season } => format!("competition {name} {season} {done}"),
        Subject::Other => return None,
    })
}

/// What a change did, in a line: the one row it touched, or its counts.
pub fn summary(change: &Change) -> String {
    let action = change.counts.first().map_or(RowAction::Updated, |c| c.action);
    let what = change
        .subject
        .as_ref()
        .and_then(|s| subject(s, action))
        .unwrap_or_else(|| counts(&change.counts));
    match change.kind {
        ChangeKind::Edit => what,
        ChangeKind::Undo(of) => format!("undo of #{}: {what}", of.0),
        ChangeKind::Redo(of) => format!("redo (reverses undo #{}): {what}", of.0),
        ChangeKind::Prune => "older changes pruned from the log: they can no longer be undone".into(),
    }
}

fn command(change: &Change) -> String {
    change
        .command
        .clone()
        .unwrap_or_else(|| "(made outside matchday)".to_string())
}

/// `matchday log` as a table, newest first.
pub fn log_table(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no changes logged yet\n".into();
    }
    let rows: Vec<Vec<String>> = changes
        .iter()
        .map(|c| {
            let undone = if c.undone { " (undone)" } else { "" };
            vec![
                c.id.0.to_string(),
                c.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                command(c),
                format!("{}{undone}", summary(c)),
            ]
        })
        .collect();
    super::grid(&["#", "When (UTC)", "Command", "What changed"], &rows, &[0])
}

#[derive(Serialize)]
struct JsonCount<'a> {
    table: &'a str,
    action: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    table: &'a str,
    row_id: i64,
    action: &'static str,
    before: &'a Option<serde_json::Map<String, serde_json::Value>>,
    after: &'a Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    id: i64,
    at: String,
    command: Option<&'a str>,
    kind: &'static str,
    undoes: Option<i64>,
    undone: bool,
    summary: String,
    counts: Vec<JsonCount<'a>>,
    rows: Vec<JsonRow<'a>>,
}

/// `matchday log --format json`: each change with every row's columns before and after
/// (the shape README.md documents).
pub fn log_json(changes: &[(Change, Vec<RowChange>)]) -> anyhow::Result<String> {
    let entries: Vec<JsonChange<'_>> = changes
        .iter()
        .map(|(c, rows)| {
            let (kind, undoes) = match c.kind {
                ChangeKind::Edit => ("change", None),
                ChangeKind::Undo(of) => ("undo", Some(of.0)),
                ChangeKind::Redo(of) => ("redo", Some(of.0)),
                ChangeKind::Prune => ("prune", None),
            };
            JsonChange {
                id: c.id.0,
                at: c.at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                command: c.command.as_deref(),
                kind,
                undoes,
                undone: c.undone,
                summary: summary(c),
                counts: c
                    .counts
                    .iter()
                    .map(|n| JsonCount {
                        table: &n.table,
                        action: n.action.name(),
                        count: n.count,
                    })
                    .collect(),
                rows: rows
                    .iter()
                    .map(|r| JsonRow {
                        table: &r.table,
                        row_id: r.row_id,
                        action: r.action().name(),
                        before: &r.before,
                        after: &r.after,
                    })
                    .collect(),
            }
        })
        .collect();
    super::json(&entries)
}

/// One line per change `undo` or `redo` reversed: "undid #3 (matchday result ...): ...".
pub fn reversals(verb: &str, reversals: &[Reversal]) -> String {
    reversals
        .iter()
        .map(|r| {
            let line = format!(
                "{verb} #{} ({}): {} [logged as #{}]",
                r.reversed.id.0,
                command(&r.reversed),
                summary(&r.reversed),
                r.by.0
            );
            format!("{}\n", super::escaped(&line))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(table: &str, action: RowAction, count: usize) -> RowCount {
        RowCount {
            table: table.into(),
            action,
            count,
        }
    }

    #[test]
    fn counts_are_worded_table_by_table() {
        let text = counts(&[
            count("match", RowAction::Added, 380),
            count("match", RowAction::Updated, 2),
            count("team", RowAction::Added, 1),
            count("team_alias", RowAction::Removed, 3),
        ]);
        assert_eq!(
            text,
            "380 matches added, 2 updated; 1 team added; 3 aliases removed"
        );
    }

    #[test]
    fn a_match_says_what_became_of_it() {
        use matchday_core::{Pairing, TeamId};
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 28).unwrap();
        let pairing = Pairing::new(TeamId(1), TeamId(2)).unwrap();
        let fixture = Match::new(date, pairing, MatchStatus::Scheduled);
        let mut result = fixture.clone();
        result.status = MatchStatus::Played("5-2".parse().unwrap());
        assert_eq!(
            match_line("Liverpool", "Norwich", Some(&fixture), Some(&result)),
            "Liverpool 5-2 Norwich, 2024-01-28: fixture → result"
        );
        let mut corrected = result.clone();
        corrected.status = MatchStatus::Played("5-3".parse().unwrap());
        corrected.date = date.succ_opt().unwrap();
        assert_eq!(
            match_line("Liverpool", "Norwich", Some(&result), Some(&corrected)),
            "Liverpool 5-3 Norwich, 2024-01-29: 5-2 → 5-3, moved from 2024-01-28 to 2024-01-29"
        );
        assert_eq!(
            match_line("Liverpool", "Norwich", None, Some(&fixture)),
            "Liverpool v Norwich, 2024-01-28: fixture added"
        );
    }
}
