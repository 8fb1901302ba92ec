//! The football domain of matchday: seasons, teams, competitions, matches,
//! point deductions, standings with each competition's tie-breakers, knockout
//! ties and trophy targets.
//!
//! Everything here is pure: no files, no database, no terminal. Identifiers
//! such as [`TeamId`] are handed out by whoever stores the data (the store
//! crate); the core only compares them.
//!
//! ```
//! use matchday_core::{Score, Season};
//! let season: Season = "2023/24".parse().unwrap();
//! assert_eq!(season.to_string(), "2023-24");
//! let score: Score = "5-2".parse().unwrap();
//! assert_eq!((score.home(), score.away()), (5, 2));
//! ```
#![deny(missing_docs)]

mod aliases;
mod assumed;
mod catalogue;
mod club;
mod competition;
mod deduction;
mod entry;
mod entry_check;
mod error;
mod head_to_head;
mod identity;
mod knockout;
mod known;
mod live;
mod matches;
mod movement;
mod odds;
mod overdue;
mod pyramid;
mod record;
mod regulations;
mod score;
mod season;
mod season_over;
mod settlement;
mod split;
mod stage;
mod stage_fit;
mod standings;
mod structure;
mod team;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod text;
mod tiebreak;
mod tier;
mod tracker;

pub use aliases::{
    AliasFault, AliasFileError, AliasLine, KNOWN_ALIASES, KnownAliases, known_aliases_of, parse_aliases,
    shipped_aliases,
};
pub use assumed::{AssumeError, Assumption, WhatIf};
pub use catalogue::{Catalogue, CatalogueError, Edition, Entry, Teams};
pub use club::{Squad, club_form, club_key, club_name};
pub use competition::{Competition, CompetitionId, Format, PointsScheme, RuleSet, Zone};
pub use deduction::Deduction;
pub use entry::{EntryError, FixtureEntry, ResultEntry};
pub use entry_check::{
    Refusal, SecondLegFault, StoredAround, check_new_deduction, check_new_match, check_removal, check_season,
    league_meetings,
};
pub use error::Error;
pub use head_to_head::{
    CompetitionRecord, HeadToHead, Meeting, MeetingError, Rival, Run, Scope, Since, Totals, Verdict,
    counted_under,
};
pub use identity::{same_matches, same_tie};
pub use knockout::{
    Aggregate, Bracket, BracketRound, Decider, KnockoutDraw, KnockoutError, KnockoutRules, KnockoutTie,
    LegFault, Podium, ScoreParts, TieFormat, TieGoals, TieMatch, TieOutcome, TieScore, TieState,
    check_new_cup_match, ties_in_round,
};
pub use known::known_on;
pub use live::{LAST_MINUTE, LiveScore, Minute, in_play};
pub use matches::{Match, MatchId, MatchStatus, OrderUnclear, Pairing, Venue};
pub use movement::{group_teams, movement, narrowest_zone, previous_matchday};
pub use odds::{ClosingOdds, ClosingOddsParts, OddsError, OddsSource};
pub use overdue::Overdue;
pub use pyramid::{Band, Pyramid};
pub use record::{DecisionRecord, DeductionRecord, MatchRecord, SeasonRecord, TeamRecord};
pub use regulations::{
    Decision, DecisionError, DecisionParts, OffThePitch, PlayOff, RankBy, Regulations, RegulationsParts,
};
pub use score::{ExtraTimeAfter, Goals, MAX_GOALS, MatchResult, ResultFault, Score, Side};
pub use season::Season;
pub use season_over::SeasonOver;
pub use settlement::Settlement;
pub use split::{
    CarryOver, SectionRow, SectionTable, SplitError, SplitRules, SplitRulesError, SplitSection, SplitTables,
};
pub use stage::{Round, RoundOrder, Stage};
pub use stage_fit::{MatchPlace, StageMisfit, check_stage_fit};
pub use standings::{Form, Row, Standings, TableOptions, TieNote, View, ordinal};
pub use structure::{
    Advance, Destination, LeaguePhaseFacts, Phase, PhaseKind, PlaceVerdict, Qualification, Structure,
    StructureError, StructureFacts,
};
pub use team::{Resolution, Team, TeamId, TeamResolver, display_name, normalize_name};
pub use text::{
    MAX_NAME_CHARS, MAX_REASON_CHARS, TextError, TextField, check_text, escape_controls, is_control,
};
pub use tiebreak::{
    CompactResult, HeadToHeadScope, Placement, RankNote, RankScratch, RankingRules, TeamTotals, TieBreaker,
    TieNoteKind, rank_teams,
};
pub use tier::Tier;
pub use tracker::{
    ClubHistory, CompetitionSeason, CupRun, DecidedBy, FinalRecord, Honours, LeagueFinish, Line, NextMatch,
    Opponent, PlacedRanking, PlacedStanding, PlayOffRun, SeasonLine, StageGroup, StageReached, TargetStatus,
    TeamVenue, TierMove, Trophy, TrophyKind, TrophyTarget, stage_groups,
};
