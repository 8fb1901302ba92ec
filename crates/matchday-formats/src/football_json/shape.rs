//! The football.json documents as serde reads them: one typed struct per
//! object, and an untagged enum wherever the files write one thing two ways.
//!
//! Every object refuses fields it does not know, so a file in another
//! schema (the older `score1`/`score2` one, a file of groups or stadiums) is
//! refused naming the field, instead of being read as fixtures with no score.
//! The fields this reader deliberately leaves out are named in [`MatchDoc`].

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The whole file: a title, and either the flat `matches` (football.json,
/// worldcup.json) or the nested `rounds` (euro.json). Matches are kept as
/// raw text first, so each can be read on its own and its line found.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a football.json match file: one object with \"name\" and \"matches\" or \"rounds\""
)]
pub(super) struct Document<'a> {
    pub(super) name: String,
    #[serde(borrow, default)]
    pub(super) matches: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    pub(super) rounds: Option<Vec<RoundDoc<'a>>>,
}

/// A round of the nested shape: `{"name": "Matchday 1", "matches": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a round: {\"name\", \"matches\"}")]
pub(super) struct RoundDoc<'a> {
    pub(super) name: String,
    #[serde(borrow)]
    pub(super) matches: Vec<&'a RawValue>,
}

/// One match, in either shape.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MatchDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) round: Option<String>,
    pub(super) date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) time: Option<String>,
    pub(super) team1: TeamDoc,
    pub(super) team2: TeamDoc,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) score: Option<ScoreDoc>,
    /// matchday's own addition: what became of a match that was not simply
    /// played or still to play (football.json has no word for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) status: Option<StatusDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) group: Option<String>,
    // Fields the files carry that a season record has no place for: scorers
    // (as Football.TXT's scorer lines are skipped), UEFA/FIFA match numbers,
    // the ground's name (a record knows only home or neutral) and a second,
    // local kick-off time. Named, so that any other field is refused.
    #[serde(rename = "goals1", default, skip_serializing)]
    _goals1: Option<IgnoredAny>,
    #[serde(rename = "goals2", default, skip_serializing)]
    _goals2: Option<IgnoredAny>,
    #[serde(rename = "num", default, skip_serializing)]
    _num: Option<IgnoredAny>,
    #[serde(rename = "ground", default, skip_serializing)]
    _ground: Option<IgnoredAny>,
    #[serde(rename = "time_local", default, skip_serializing)]
    _time_local: Option<IgnoredAny>,
}

/// A team: a plain name (football.json, worldcup.json) or an object with its
/// code (euro.json); the code is not kept.
#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged, expecting = "a team: a name, or {\"name\": ..., \"code\": ...}")]
pub(super) enum TeamDoc {
    Name(String),
    Coded {
        name: String,
        #[serde(rename = "code", default, skip_serializing)]
        _code: Option<String>,
    },
}

impl TeamDoc {
    pub(super) fn name(&self) -> &str {
        match self {
            TeamDoc::Name(name) | TeamDoc::Coded { name, .. } => name,
        }
    }
}

/// A score: the object of parts, or (worldcup.json's qualifying play-offs)
/// a bare `[home, away]`, the 90-minute score.
#[derive(Debug, Deserialize, Serialize)]
#[serde(
    untagged,
    expecting = "a score: [home, away] or {\"ft\": [home, away], \"ht\": ..., \"et\": ..., \"p\": ...}"
)]
pub(super) enum ScoreDoc {
    Bare([u32; 2]),
    Parts(ScoreParts),
}

/// The parts of a score, each `[home, away]` and each only when given:
/// `ft` after 90 minutes, `ht` at half-time, `et` after extra time
/// (counting the 90 minutes' goals), `p` the shoot-out.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScoreParts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) ft: Option<[u32; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) ht: Option<[u32; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) et: Option<[u32; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) p: Option<[u32; 2]>,
}

/// What became of a match that was not simply played or still to play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum StatusDoc {
    Postponed,
    Abandoned,
    Cancelled,
    Awarded,
}

/// The file [`super::write`] produces: always the flat shape.
#[derive(Debug, Serialize)]
pub(super) struct WrittenDocument {
    pub(super) name: String,
    pub(super) matches: Vec<MatchDoc>,
}

impl MatchDoc {
    /// A match as the writer writes it: only the fields a season record holds.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn written(
        round: Option<String>,
        date: String,
        time: Option<String>,
        team1: String,
        team2: String,
        score: Option<ScoreDoc>,
        status: Option<StatusDoc>,
        group: Option<String>,
    ) -> MatchDoc {
        MatchDoc {
            round,
            date,
            time,
            team1: TeamDoc::Name(team1),
            team2: TeamDoc::Name(team2),
            score,
            status,
            group,
            _goals1: None,
            _goals2: None,
            _num: None,
            _ground: None,
            _time_local: None,
        }
    }
}
