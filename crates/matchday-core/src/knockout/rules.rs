//! How a competition's knockout ties are played and drawn, as its regulations
//! say: data of the catalogue's editions (`knockout = { ... }`), read by the
//! simulation of rounds not yet played or drawn.
//!
//! Ties already stored say their own format (legs, replays); these rules
//! answer for the ties that are not stored yet.

use serde::{Deserialize, Serialize};

use crate::Round;

/// How the rounds still to be drawn are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KnockoutDraw {
    /// Every round drawn openly: anyone may meet anyone (the FA Cup, the League Cup).
    #[default]
    Open,
    /// The first round after a table stage pairs the better-placed half (group
    /// winners first) with the other half, never two teams of the same group;
    /// later rounds are drawn openly (UEFA club competitions to 2023-24).
    Seeded,
    /// The first round after a table stage drawn as [`KnockoutDraw::Seeded`], then
    /// a fixed path: the winners of a round's ties 1 and 2 meet, of 3 and 4, and so on
    /// (the World Cup, the Euro, UEFA club competitions from 2024-25).
    Bracket,
}

/// How a competition's knockout ties are played and drawn.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnockoutRules {
    /// How rounds not yet drawn are drawn.
    #[serde(default)]
    pub draw: KnockoutDraw,
    /// The rounds played over two legs; the others are single matches.
    #[serde(default)]
    pub two_legged: Vec<Round>,
    /// The rounds whose drawn single matches are replayed at the other ground
    /// (the replay going to extra time and penalties), rather than decided on the day.
    #[serde(default)]
    pub replays: Vec<Round>,
    /// Whether every match is played at a neutral ground: a finals tournament at the
    /// stadiums of a host country (the hosts' own edge is not modelled).
    #[serde(default)]
    pub neutral_grounds: bool,
}

impl KnockoutRules {
    /// Whether ties of `round` are played over two legs.
    pub fn is_two_legged(&self, round: Round) -> bool {
        self.two_legged.contains(&round)
    }

    /// Whether a drawn single match of `round` is replayed.
    pub fn is_replayed(&self, round: Round) -> bool {
        self.replays.contains(&round)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_from_catalogue_text() {
        let rules: KnockoutRules = toml::from_str(
            "draw = \"bracket\"\ntwo_legged = [\"semi_final\"]\nreplays = [{ numbered = 3 }]\n",
        )
        .unwrap();
        assert_eq!(rules.draw, KnockoutDraw::Bracket);
        assert!(rules.is_two_legged(Round::SemiFinal));
        assert!(!rules.is_two_legged(Round::Final));
        assert!(rules.is_replayed(Round::Numbered(3)));
        assert!(!rules.neutral_grounds);
        assert!(toml::from_str::<KnockoutRules>("draw = \"lots\"").is_err());
    }
}
