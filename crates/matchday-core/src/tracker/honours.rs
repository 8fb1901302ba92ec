//! Honours: trophies won and finals played across the competition-seasons stored.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CompetitionSeason, TargetStatus, TrophyTarget};
use crate::knockout::ties_in_round;
use crate::{Format, KnockoutError, KnockoutTie, Round, Season, TeamId};

/// A final a team played, won or lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalRecord {
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
    /// The competition's name.
    pub competition: String,
    /// The season.
    pub season: Season,
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
                let last_day = season.matches.iter().map(|m| m.date).max().expect("has matches");
                if target.status == TargetStatus::Finished && target.position == Some(1) {
                    dated.insert(
                        (competition.season, last_day, competition.name.clone()),
                        Trophy {
                            competition: competition.name.clone(),
                            season: competition.season,
                        },
                    );
                }
                continue;
            }
            let finals = ties_in_round(competition, Round::Final, season.matches, None)?;
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
                        competition: competition.name.clone(),
                        season: competition.season,
                    },
                );
            }
        }
        honours.finals.sort_by_key(|f| (f.season, f.date));
        honours.trophies = dated.into_values().collect();
        Ok(honours)
    }
}
