//! The stage a team has reached in a competition, as a value: the caller words it.

use serde::{Deserialize, Serialize};

use crate::Round;

/// The stage a team has reached: a table of the group stage, league phase or a
/// split league's section, or a knockout round. Names come from the competition's
/// structure (data), so "League phase" and "Group stage" are told apart by the
/// variant, never by reading the name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum StageReached {
    /// A group of the group stage, by the structure's name for the stage.
    Groups(String),
    /// The one table of a league phase, by the structure's name for it.
    LeaguePhase(String),
    /// A section of a split league once the sections are known: "Championship", "Top six".
    Section(String),
    /// A knockout round.
    Round(Round),
    /// The knockout stage, by the structure's name, before the round is known:
    /// through to it, but out on the way in a round the files do not name.
    Knockout(String),
}

impl StageReached {
    /// Whether the stage is ranked in a table (groups, a league phase, a section).
    pub fn has_table(&self) -> bool {
        matches!(
            self,
            StageReached::Groups(_) | StageReached::LeaguePhase(_) | StageReached::Section(_)
        )
    }

    /// The name the structure or the round gives it: "Group stage", "Championship", "Final".
    pub fn name(&self) -> String {
        match self {
            StageReached::Groups(name)
            | StageReached::LeaguePhase(name)
            | StageReached::Section(name)
            | StageReached::Knockout(name) => name.clone(),
            StageReached::Round(round) => round.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_rounds_are_told_apart_by_kind_not_name() {
        // A league phase called "Group stage" by some file is still a league phase.
        let phase = StageReached::LeaguePhase("Group stage".into());
        assert!(phase.has_table());
        assert_eq!(phase.name(), "Group stage");
        assert!(!StageReached::Round(Round::Final).has_table());
        assert!(!StageReached::Knockout("Play-offs".into()).has_table());
        assert_eq!(StageReached::Round(Round::SemiFinal).name(), "Semifinals");
        let json = serde_json::to_value(StageReached::Section("Championship".into())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "section", "name": "Championship"})
        );
    }
}
