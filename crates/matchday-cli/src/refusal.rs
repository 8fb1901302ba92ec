//! The words for an entry the store refused: the core and the store name
//! teams by id, and this is the one place that turns a refusal into a sentence.

use std::collections::HashMap;

use matchday_core::{
    AssumeError, Competition, KnockoutError, LegFault, MatchPlace, Refusal, Round, SeasonOver, StageMisfit,
    TeamId,
};
use matchday_store::StoreError;

/// `err` with a refusal (of a typed entry, or of an imported file's line) worded with team names;
/// any other error as it is.
pub fn worded(err: StoreError, names: &HashMap<TeamId, String>, competition: &Competition) -> anyhow::Error {
    worded_suggesting(err, names, competition, "")
}

/// A result typed the other way round from the fixture of its day while the order typed
/// is a fixture of another day: which match was played is for the user to say.
pub fn order_unclear(
    unclear: &matchday_core::OrderUnclear,
    names: &HashMap<TeamId, String>,
) -> anyhow::Error {
    let name = |t: TeamId| names[&t].clone();
    anyhow::anyhow!(
        "{}; write the home team first as stored (\"{}\" with -d {}, or \"{}\" with -d {})",
        unclear_words(unclear, &name),
        typed_pair(unclear.typed, &name, true),
        unclear.other_on,
        typed_pair(unclear.typed, &name, false),
        unclear.typed_on,
    )
}

/// The two fixtures of an [`matchday_core::OrderUnclear`]: "which match is meant is
/// unclear: Chelsea v Liverpool is a fixture on …, and Liverpool v Chelsea on …", as
/// `result` and `--given` both say it.
fn unclear_words(unclear: &matchday_core::OrderUnclear, name: &dyn Fn(TeamId) -> String) -> String {
    let (home, away) = (name(unclear.typed.home()), name(unclear.typed.away()));
    format!(
        "which match is meant is unclear: {home} v {away} is a fixture on {}, and {away} v {home} on {}",
        unclear.typed_on, unclear.other_on,
    )
}

/// "Liverpool ... Chelsea": the teams of `typed` as a result is written, turned round when `turned`.
fn typed_pair(typed: matchday_core::Pairing, name: &dyn Fn(TeamId) -> String, turned: bool) -> String {
    let (home, away) = (name(typed.home()), name(typed.away()));
    if turned {
        format!("{away} ... {home}")
    } else {
        format!("{home} ... {away}")
    }
}

/// [`worded`], where a match stored on another day is answered with the
/// `matchday edit match` command that corrects it, ending in `changes`
/// (" --score 2-2 --new-date 2024-01-31"): the entry itself cannot.
pub fn worded_suggesting(
    err: StoreError,
    names: &HashMap<TeamId, String>,
    competition: &Competition,
    changes: &str,
) -> anyhow::Error {
    match err {
        StoreError::MatchExists {
            home,
            away,
            round,
            date,
            result,
            ..
        } => {
            let stored = match result {
                Some(result) => format!("already has a result stored on {date} ({result})"),
                None => format!("is already stored on {date}"),
            };
            anyhow::anyhow!(
                "{home} v {away}{round} {stored}; to correct that match: matchday edit match -c {} \"{home} v {away}\" -d {date}{changes}",
                competition.slug
            )
        }
        StoreError::LiveAfterResult {
            home,
            away,
            date,
            score,
        } => anyhow::anyhow!(
            "{home} v {away} on {date} already has its result ({score}), so it is not in play: a live score is for a match still being played (to correct the result: matchday edit match -c {} \"{home} v {away}\" -d {date} --score ...)",
            competition.slug
        ),
        StoreError::NotInPlay {
            home,
            away,
            competition: season,
        } => anyhow::anyhow!(
            "{home} v {away} is not in play in {season}: --final confirms a live score entered with --live; enter a full-time result without --final"
        ),
        StoreError::Refused(refusal) => {
            let name = |t: TeamId| names.get(&t).cloned().unwrap_or_else(|| format!("team {}", t.0));
            anyhow::anyhow!(words(&refusal, &name, competition))
        }
        StoreError::AtLine { line, source } if matches!(*source, StoreError::Refused(_)) => {
            anyhow::anyhow!("line {line}: {}", worded(*source, names, competition))
        }
        other => other.into(),
    }
}

/// One line saying why the entry cannot be, and how to put it right where there is a way.
pub fn words(refusal: &Refusal, name: &dyn Fn(TeamId) -> String, competition: &Competition) -> String {
    let season = format!("{} {}", competition.name, competition.season);
    match refusal {
        Refusal::NotEntered { team } => format!(
            "{} is not an entrant of {season}: add it with `matchday entrant add {} \"{}\" --season {}`",
            name(*team),
            competition.slug,
            name(*team),
            competition.season
        ),
        Refusal::TooManyMeetings { home, away, allowed } => format!(
            "{} and {} already meet {allowed} times in {season}, as often as the league allows",
            name(*home),
            name(*away)
        ),
        Refusal::TooManyHomeMeetings { home, away, allowed } => {
            let matches = if *allowed == 1 {
                "its home match".to_string()
            } else {
                format!("its {allowed} home matches")
            };
            format!(
                "{} already has {matches} against {} in {season}",
                name(*home),
                name(*away)
            )
        }
        Refusal::PlaysTwiceOnDay { team, opponent, date } => format!(
            "{} already plays {} on {date}: a club plays once a day",
            name(*team),
            name(*opponent)
        ),
        Refusal::BeyondNinetyMinutesInLeague => {
            format!("{season} is a league: a league match has no extra time or penalties")
        }
        Refusal::GivesBackMoreThanTaken {
            team,
            give_back,
            taken,
        } => format!(
            "{} cannot get {give_back} points back in {season}: only {taken} had been taken by then",
            name(*team)
        ),
        Refusal::Cup(err) => cup_words(err, name),
        Refusal::SecondLeg {
            first_leg,
            score,
            fault,
        } => format!(
            "this second leg does not fit its tie: {fault} (first leg {} {score} {})",
            name(first_leg.home()),
            name(first_leg.away())
        ),
        Refusal::FirstLeg {
            second_leg,
            second_leg_result,
            fault,
        } => format!(
            "this first leg does not fit its tie: the second leg stored, {} v {} ({second_leg_result}), would then have {fault}; correct the second leg first",
            name(second_leg.home()),
            name(second_leg.away())
        ),
        Refusal::BeyondNinetyMinutesInFirstLeg => {
            "a first leg has no extra time or penalties: a tie is only played on after its second leg (--leg 2)"
                .to_string()
        }
        Refusal::FirstLegMissing => {
            "no first leg of this tie is stored: enter it first with --leg 1 (a second leg's aggregate starts from it)"
                .to_string()
        }
        Refusal::FirstLegUnplayed { first_leg, date } => format!(
            "the first leg, {} v {} on {date}, is not played: enter its result first (a second leg's aggregate starts from it)",
            name(first_leg.home()),
            name(first_leg.away())
        ),
        Refusal::SecondLegPlayed { second_leg, date } => format!(
            "the second leg, {} v {} on {date}, has a result: its first leg cannot be unplayed or removed; take the second leg's result back first (matchday edit match --to-fixture)",
            name(second_leg.home()),
            name(second_leg.away())
        ),
        Refusal::OtherWayRound {
            fixture,
            date,
            round,
            result,
        } => {
            let (home, away) = (name(fixture.home()), name(fixture.away()));
            let round = round.as_ref().map(|r| format!(", {r}")).unwrap_or_default();
            match result {
                // As a result is typed: the score between the teams, "aet" and the shoot-out after.
                Some(result) => format!(
                    "the fixture stored is the other way round, {home} v {away} ({date}{round}): enter it home side first, as \"{}\"",
                    crate::render::tie::typed_result(&home, result, &away)
                ),
                None => format!("this fixture is already stored the other way round, {home} v {away} ({date}{round})"),
            }
        }
        Refusal::NoTable => format!(
            "{season} is a knockout: it has no table and no points to deduct (deduct in a league or group stage)"
        ),
        Refusal::OutOfStage(misfit) => stage_words(misfit, competition),
        Refusal::Result(_) => refusal.to_string(),
    }
}

/// An entrant refused because `competition`'s season is over: most likely the
/// season meant is another (the default is the latest stored).
pub fn season_over_words(over: SeasonOver, competition: &Competition, teams: &[String]) -> String {
    let season = format!("{} {}", competition.name, competition.season);
    let why = match over {
        SeasonOver::AllPlayed { last } => format!("every match it needs was played by {last}"),
        SeasonOver::LastDayPassed { last_day } => format!("its last day, {last_day}, has passed"),
    };
    let quoted: Vec<String> = teams
        .iter()
        .map(|t| format!("\"{}\"", crate::render::escaped(t)))
        .collect();
    format!(
        "{season} is over ({why}): choose another season with --season, or enter {} all the same with `matchday entrant add {} {} --season {} --force`",
        if teams.len() == 1 { "it" } else { "them" },
        competition.slug,
        quoted.join(" "),
        competition.season,
    )
}

/// Why a result given with `--given` cannot be assumed in `competition`, in one line.
pub fn given_words(err: &AssumeError, name: &dyn Fn(TeamId) -> String, competition: &Competition) -> String {
    let season = format!("{} {}", competition.name, competition.season);
    let fixture = |p: &matchday_core::Pairing| format!("{} v {}", name(p.home()), name(p.away()));
    match err {
        AssumeError::NotInCompetition { team } => format!("{} is not in {season}", name(*team)),
        AssumeError::NoFixture { pairing } => format!(
            "{season} has no fixture {} stored, either way round: --given names a match still to play",
            fixture(pairing)
        ),
        AssumeError::Played {
            pairing,
            date,
            result,
            awarded,
        } => {
            let verb = if *awarded { "awarded" } else { "played" };
            let typed =
                crate::render::tie::typed_result(&name(pairing.home()), result, &name(pairing.away()));
            format!("{typed} was {verb} on {date}")
        }
        AssumeError::GivenTwice { fixture: f } => {
            format!("{} is given twice: a fixture takes one result", fixture(f))
        }
        AssumeError::Refused(refusal) => words(refusal, name, competition),
        // No day is typed with --given: the next meeting is the one the order may leave out.
        AssumeError::OrderUnclear(unclear) => format!(
            "{}, the next; give the next first (\"{}\"), then this one",
            unclear_words(unclear, name),
            typed_pair(unclear.typed, name, true),
        ),
    }
}

/// Which option of a typed match does not fit the competition's stages, and why.
fn stage_words(misfit: &StageMisfit, competition: &Competition) -> String {
    let season = format!("{} {}", competition.name, competition.season);
    let stages: Vec<String> = competition
        .structure
        .phases()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let stages = stages.join(", then ");
    let place = |place: &MatchPlace| match place {
        MatchPlace::League => format!("a league match of {season}"),
        MatchPlace::GroupStage => format!("a group-stage match of {season}"),
    };
    match misfit {
        StageMisfit::NoGroupStage { group } => {
            format!("--group {group} does not fit {season}: it has no group stage (its stages: {stages})")
        }
        StageMisfit::NoKnockoutStage { round, label } => format!(
            "--round \"{label}\" does not fit {season}: {round} is a knockout round and it has no knockout stage (its stages: {stages}); a league match's round is its matchday, e.g. --round \"Matchday 22\""
        ),
        StageMisfit::NoGroupStageForRound { label } => format!(
            "--round \"{label}\" does not fit {season}: it names a group-stage round and there is no group stage (its stages: {stages})"
        ),
        StageMisfit::KnockoutRoundInGroup { round, group } => format!(
            "--round \"{round}\" does not fit --group {group}: a group match is not a knockout tie; leave out one of them"
        ),
        StageMisfit::LegOutsideTie { leg, place: p } => format!(
            "--leg {leg} does not fit {}: only a knockout tie has legs",
            place(p)
        ),
        StageMisfit::ReplayOutsideTie { place: p } => format!(
            "--replay does not fit {}: only a drawn knockout tie is replayed",
            place(p)
        ),
        StageMisfit::NeutralLeagueMatch => format!(
            "--neutral does not fit {}: a league match is one club's home match (each club is at home to each other once), even when moved to another ground; leave out --neutral",
            place(&MatchPlace::League)
        ),
    }
}

fn cup_words(err: &KnockoutError, name: &dyn Fn(TeamId) -> String) -> String {
    match err {
        KnockoutError::TieDecided {
            round,
            first,
            second,
            winner,
        } => {
            let verdict = if *round == Round::Final {
                "won it"
            } else {
                "went through"
            };
            format!(
                "the {round} tie between {} and {} is already decided: {} {verdict}",
                name(*first),
                name(*second),
                name(*winner)
            )
        }
        KnockoutError::Eliminated { team, round, by } => format!(
            "{} is no longer in the competition: knocked out by {} in {round}",
            name(*team),
            name(*by)
        ),
        KnockoutError::OutInGroup { team } => {
            format!(
                "{} is no longer in the competition: out in the group stage",
                name(*team)
            )
        }
        KnockoutError::OtherOpponent {
            team,
            round,
            opponent,
        } => format!(
            "{} already has a {round} tie against {}",
            name(*team),
            name(*opponent)
        ),
        KnockoutError::NoReplayDue { round, first, second } => format!(
            "no replay is due in the {round} tie between {} and {}",
            name(*first),
            name(*second)
        ),
        KnockoutError::BadLeg {
            round,
            fault: LegFault::SameGround(team),
        } => format!(
            "bad leg for this {round} tie: both legs at {}'s ground",
            name(*team)
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use matchday_core::{Format, MatchResult, Pairing, PointsScheme, RuleSet, Season, Structure};

    use super::*;

    fn league() -> Competition {
        Competition {
            id: None,
            slug: "mini".into(),
            name: "Mini League".into(),
            season: Season::starting(2023),
            format: Format::League,
            structure: Structure::of_format(Format::League),
            rules: RuleSet::PremierLeague,
            points: PointsScheme::THREE,
            zones: Vec::new(),
            away_goals: false,
            rank_by: Default::default(),
        }
    }

    #[test]
    fn a_result_given_that_cannot_be_assumed_is_said_with_the_teams_names() {
        let name = |t: TeamId| ["", "Arsenal", "Liverpool"][t.0 as usize].to_string();
        let pairing = Pairing::new(TeamId(1), TeamId(2)).unwrap();
        let words = |e: AssumeError| given_words(&e, &name, &league());
        assert_eq!(
            words(AssumeError::NoFixture { pairing }),
            "Mini League 2023-24 has no fixture Arsenal v Liverpool stored, either way round: --given names a match still to play"
        );
        let result: MatchResult = "3-0".parse().unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 4).unwrap();
        assert_eq!(
            words(AssumeError::Played {
                pairing,
                date,
                result,
                awarded: true,
            }),
            "Arsenal 3-0 Liverpool was awarded on 2024-02-04"
        );
        assert_eq!(
            words(AssumeError::NotInCompetition { team: TeamId(2) }),
            "Liverpool is not in Mini League 2023-24"
        );
    }
}
