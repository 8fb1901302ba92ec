//! Names: checked text, the escape of control characters, team-name
//! normalisation and the resolver.
//!
//! The input's lines are teams (`name|alias|alias`); the last line is the
//! name typed. No input panics; text that passes the check has nothing to
//! escape; every team is found by its own name unless another shares its
//! normal form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use matchday_core::{
    Resolution, Team, TeamId, TeamResolver, TextField, check_text, display_name, escape_controls, normalize_name,
};

fuzz_target!(|text: &str| {
    for field in [
        TextField::TeamName,
        TextField::Alias,
        TextField::Competition,
        TextField::Round,
        TextField::Reason,
    ] {
        if check_text(field, text, true).is_ok() {
            assert!(
                matches!(escape_controls(text), std::borrow::Cow::Borrowed(_)),
                "{text:?} passed the check but has controls to escape"
            );
        }
    }
    let _ = display_name(text);
    let lines: Vec<&str> = text.lines().collect();
    let Some((typed, teams)) = lines.split_last() else {
        return;
    };
    let teams: Vec<Team> = teams
        .iter()
        .take(64)
        .enumerate()
        .map(|(i, line)| {
            let mut names = line.split('|').map(str::to_string);
            Team {
                id: TeamId(i as i64),
                name: names.next().unwrap_or_default(),
                aliases: names.take(8).collect(),
            }
        })
        .collect();
    let resolver = TeamResolver::new(&teams);
    let _ = resolver.resolve(typed);
    let _ = resolver.exact(typed);
    for team in &teams {
        let key = normalize_name(&team.name);
        let shared = teams.iter().any(|other| {
            other.id != team.id
                && (normalize_name(&other.name) == key || other.aliases.iter().any(|a| normalize_name(a) == key))
        });
        if !shared {
            match resolver.resolve(&team.name) {
                Resolution::Found(id) => assert_eq!(id, team.id, "{:?} found another team", team.name),
                other => panic!("{:?} not found by its own name: {other:?}", team.name),
            }
        }
    }
});
