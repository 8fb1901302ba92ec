//! Honours: trophies won and finals played across the competition-seasons stored.
//!
//! A league title is the title of a top-flight league: tier 1 as the catalogue
//! gives it for that season. The title of a lower tier ("Second Division
//! champions") is an honour of its own kind, [`TrophyKind::OtherLeague`], and so is
//! the title of a league whose tier is not known (one the catalogue does not list):
//! nothing says it was the top flight, and counting it as one would make a second
//! tier's title a league title again. A league's champions are read from its
//! final order, section by section after a split (see the tracker's league order).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CompetitionSeason, TrophyTarget};
use crate::knockout::ties_in_round;
use crate::{Competition, Format, KnockoutError, KnockoutTie, Match, Round, Season, Stage, TeamId, Tier};

/// What kind of trophy a competition gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TrophyKind {
    /// A league title: first place in a finished top-flight (tier 1) league.
    League,
    /// First place in a finished league below the top flight, or of a tier not known.
    OtherLeague,
    /// A domestic or other cup, won in its final.
    Cup,
    /// A European club trophy (Champions League, Europa League, Conference
    /// League, and their forerunners).
    European,
}

/// Words in a competition's name that make it a European club competition. The
/// name decides, not the regulations: a season may be stored under any preset,
/// and national teams' tournaments share UEFA's.
const EUROPEAN_NAMES: &[&str] = &[
    "champions league",
    "europa league",
    "conference league",
    "european cup",
    "uefa cup",
    "cup winners",
    "fairs cup",
    "intertoto",
    "uefa super cup",
];

impl TrophyKind {
    /// The kind of trophy `competition`, of `tier`, gives. National teams' tournaments
    /// (UEFA Euro, World Cups) are cups: only club competitions are European. A league
    /// gives a league title only when its tier is the top flight.
    pub fn of(competition: &Competition, tier: Option<Tier>) -> TrophyKind {
        let name = crate::normalize_name(&competition.name);
        if EUROPEAN_NAMES.iter().any(|n| name.contains(n)) {
            TrophyKind::European
        } else if competition.format == Format::League {
            if tier.is_some_and(Tier::is_top) {
                TrophyKind::League
            } else {
                TrophyKind::OtherLeague
            }
        } else {
            TrophyKind::Cup
        }
    }

    /// The kind's name in output: "league", "other-league", "cup", "european".
    pub fn name(self) -> &'static str {
        match self {
            TrophyKind::League => "league",
            TrophyKind::OtherLeague => "other-league",
            TrophyKind::Cup => "cup",
            TrophyKind::European => "european",
        }
    }
}

/// A final a team played, won or lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalRecord {
    /// The team that played it (one of a club's teams).
    pub team: TeamId,
    /// What kind of trophy was at stake.
    pub kind: TrophyKind,
    /// The competition's name.
    pub competition: String,
    /// The season.
    pub season: Season,
    /// The day the final was decided.
    pub date: NaiveDate,
    /// The opponent.
    pub opponent: TeamId,
    /// Whether the team won it.
    pub won: bool,
    /// The final itself, for its score.
    pub tie: KnockoutTie,
}

/// A trophy won: a cup's final, or first place in a finished league.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trophy {
    /// The team that won it (one of a club's teams).
    pub team: TeamId,
    /// What kind of trophy.
    pub kind: TrophyKind,
    /// The competition's name.
    pub competition: String,
    /// The season.
    pub season: Season,
    /// The league's tier that season, when known; none for cups.
    #[serde(default)]
    pub tier: Option<Tier>,
}

/// A team's honours across the competition-seasons stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Honours {
    /// Trophies won, oldest first.
    pub trophies: Vec<Trophy>,
    /// Every cup final played, oldest first.
    pub finals: Vec<FinalRecord>,
}

impl Honours {
    /// The honours of `team` over `seasons`, counting only decided finals and finished leagues.
    ///
    /// # Errors
    /// The errors of [`crate::Bracket::build`] for unreadable cup rounds.
    pub fn compute<'a>(
        team: TeamId,
        seasons: impl IntoIterator<Item = CompetitionSeason<'a>>,
        name: &dyn Fn(TeamId) -> String,
    ) -> Result<Honours, KnockoutError> {
        let mut honours = Honours::default();
        let mut dated: BTreeMap<(Season, NaiveDate, String), Trophy> = BTreeMap::new();
        for season in seasons {
            let competition = season.competition;
            if !season.matches.iter().any(|m| m.pairing.involves(team)) {
                continue;
            }
            if competition.format == Format::League {
                let target = TrophyTarget::compute(season, team, None, name)?;
                // The title is decided with the league's last match, before any play-offs after it.
                let last_day = season
                    .matches
                    .iter()
                    .filter(|m| !super::league_order::is_knockout(m))
                    .map(|m| m.date)
                    .max();
                if target.is_league_champion()
                    && let Some(last_day) = last_day
                {
                    dated.insert(
                        (competition.season, last_day, competition.name.clone()),
                        Trophy {
                            team,
                            kind: TrophyKind::of(competition, season.tier),
                            competition: competition.name.clone(),
                            season: competition.season,
                            tier: season.tier,
                        },
                    );
                }
                continue;
            }
            // Only the final's matches: a label of another round that cannot be read
            // ("League phase" in a file of the 2024-25 format) is no reason to miss the final.
            let final_matches: Vec<Match> = season
                .matches
                .iter()
                .filter(|m| matches!(Stage::of(m), Ok(Stage::Knockout(Round::Final))))
                .cloned()
                .collect();
            let finals = ties_in_round(competition, Round::Final, &final_matches, None)?;
            let Some(tie) = finals.iter().find(|t| t.involves(team)) else {
                continue;
            };
            let Some(winner) = tie.winner() else { continue };
            let date = tie
                .matches()
                .iter()
                .map(|m| m.date)
                .max()
                .expect("a tie has matches");
            let won = winner == team;
            honours.finals.push(FinalRecord {
                team,
                kind: TrophyKind::of(competition, season.tier),
                competition: competition.name.clone(),
                season: competition.season,
                date,
                opponent: tie.opponent_of(team).expect("the team's tie"),
                won,
                tie: tie.clone(),
            });
            if won {
                dated.insert(
                    (competition.season, date, competition.name.clone()),
                    Trophy {
                        team,
                        kind: TrophyKind::of(competition, season.tier),
                        competition: competition.name.clone(),
                        season: competition.season,
                        tier: season.tier,
                    },
                );
            }
        }
        honours.finals.sort_by_key(|f| (f.season, f.date));
        honours.trophies = dated.into_values().collect();
        Ok(honours)
    }

    /// The honours of all of a club's `teams` (its men's and women's sides),
    /// oldest first; each trophy and final says which team it was.
    ///
    /// # Errors
    /// As [`Honours::compute`].
    pub fn of_club<'a>(
        teams: &[TeamId],
        seasons: &[CompetitionSeason<'a>],
        name: &dyn Fn(TeamId) -> String,
    ) -> Result<Honours, KnockoutError> {
        let mut all = Honours::default();
        for &team in teams {
            let one = Honours::compute(team, seasons.iter().copied(), name)?;
            all.trophies.extend(one.trophies);
            all.finals.extend(one.finals);
        }
        all.trophies.sort_by_key(|t| t.season);
        all.finals.sort_by_key(|f| (f.season, f.date));
        Ok(all)
    }

    /// How many trophies of `kind` were won.
    pub fn won(&self, kind: TrophyKind) -> usize {
        self.trophies.iter().filter(|t| t.kind == kind).count()
    }

    /// The finals lost.
    pub fn finals_lost(&self) -> impl Iterator<Item = &FinalRecord> {
        self.finals.iter().filter(|f| !f.won)
    }
}
