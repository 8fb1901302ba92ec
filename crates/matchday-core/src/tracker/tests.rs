use super::*;
use crate::knockout::test_support::*;
use crate::standings::ordinal;
use crate::{Competition, Format, Match, MatchStatus, Round, Season, check_new_cup_match};

/// The opponent as the CLI words it, for short assertions.
fn opp(o: &Option<Opponent>) -> Option<String> {
    o.as_ref().map(|o| {
        o.candidates()
            .into_iter()
            .map(name)
            .collect::<Vec<_>>()
            .join(" or ")
    })
}

/// The stage's name, for short assertions.
fn stage_of(stage: &Option<StageReached>) -> Option<String> {
    stage.as_ref().map(StageReached::name)
}

/// The decision as the CLI words it, for short assertions.
fn said(d: &Option<DecidedBy>) -> Option<String> {
    d.as_ref().map(|d| match d {
        DecidedBy::Tie(tie) => {
            // The CLI words ties; here the teams, the winner and what decided are enough.
            let score = tie.score();
            match score.state {
                crate::TieState::Decided { winner, decider } => format!(
                    "{} v {}: {} by {decider:?}",
                    name(score.first),
                    name(score.second),
                    name(winner)
                ),
                other => format!("{other:?}"),
            }
        }
        DecidedBy::GroupFinish { position, group, .. } => match group {
            Some(g) => format!("{} in Group {g}", ordinal(*position)),
            None => format!("{} in the group", ordinal(*position)),
        },
    })
}

/// An FA Cup in miniature: Liverpool enter in Round 3; Watford and Southampton need a replay in Round 4.
fn fa_cup() -> Vec<Match> {
    vec![
        game("2023-11-04", "Round 1", "Bristol Rovers", "Ajax", "7-2"),
        game("2024-01-06", "Round 3", "Norwich", "Bristol Rovers", "1-1"),
        game("2024-01-07", "Round 3", "Arsenal", "Liverpool", "0-2"),
        game("2024-01-07", "Round 3", "Watford", "Chelsea", "2-1"),
        game("2024-01-07", "Round 3", "Southampton", "Tottenham", "4-0"),
        replay(game("2024-01-17", "Round 3", "Bristol Rovers", "Norwich", "1-3")),
        game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
        game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1"),
        replay(game("2024-02-06", "Round 4", "Southampton", "Watford", "3-0")),
        game("2024-02-28", "Round of 16", "Liverpool", "Southampton", "3-0"),
        game("2024-03-17", "Quarterfinals", "Blackburn", "Liverpool", "4-3 aet"),
    ]
}

fn target(competition: &Competition, matches: &[Match], team: &str, as_of: Option<&str>) -> TrophyTarget {
    let season = CompetitionSeason {
        competition,
        matches,
        deductions: &[],
        decisions: &[],
        tier: None,
    };
    TrophyTarget::compute(season, id(team), as_of.map(day), &name).unwrap()
}

/// The FA Cup in miniature as a file kept up to date on 1 February 2024 stores it: the
/// Round of 16 already drawn, with Watford and Southampton's replay still to play.
fn fa_cup_on_1_february() -> Vec<Match> {
    fa_cup()
        .iter()
        .map(|m| m.as_it_stood(Some(day("2024-02-01"))))
        .collect()
}

#[test]
fn alive_with_the_next_round_and_an_opponent_still_to_be_decided() {
    let fa = cup(Format::Knockout, false);
    let t = target(&fa, &fa_cup_on_1_february(), "Liverpool", None);
    assert_eq!(t.status, TargetStatus::Alive);
    assert_eq!(stage_of(&t.stage).as_deref(), Some("Round of 16"));
    assert_eq!(t.ties_to_win, Some(4));
    let next = NextMatch {
        date: Some(day("2024-02-28")),
        opponent: Some(Opponent::WinnerOf(id("Watford"), id("Southampton"))),
        round: "Round of 16".into(),
        venue: Some(TeamVenue::Home),
    };
    assert_eq!(t.next_match, Some(next));
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["status"], "alive");
    assert_eq!(json["format"], "knockout");
    assert_eq!(json["next_match"]["venue"], "home");
    assert_eq!(json["eliminated_by"], serde_json::Value::Null);

    let watford = target(&fa, &fa_cup_on_1_february(), "Watford", None);
    assert_eq!(stage_of(&watford.stage).as_deref(), Some("Round 4"));
    assert_eq!(watford.ties_to_win, Some(5));
    let replay = watford.next_match.unwrap();
    assert_eq!(
        (opp(&replay.opponent).as_deref(), replay.venue),
        (Some("Southampton"), Some(TeamVenue::Away))
    );
}

#[test]
fn on_a_day_a_round_drawn_before_a_replay_names_both_clubs_of_the_tie() {
    let fa = cup(Format::Knockout, false);
    // The Round of 16 was drawn on 28 January, before Watford and Southampton's replay
    // on 6 February: Liverpool were to meet its winner.
    let t = target(&fa, &fa_cup(), "Liverpool", Some("2024-02-01"));
    assert_eq!(stage_of(&t.stage).as_deref(), Some("Round of 16"));
    let next = t.next_match.unwrap();
    assert_eq!(opp(&next.opponent).as_deref(), Some("Watford or Southampton"));
    // Before Round 4's own ties were all played (27-29 January), it was not yet drawn.
    let early = target(&fa, &fa_cup(), "Liverpool", Some("2024-01-26"));
    assert_eq!(stage_of(&early.stage).as_deref(), Some("Round 4"));
    let t = target(&fa, &fa_cup(), "Liverpool", Some("2024-02-06"));
    assert_eq!(
        opp(&t.next_match.unwrap().opponent).as_deref(),
        Some("Southampton")
    );
}

#[test]
fn a_club_entering_in_round_three_is_tracked_from_its_first_tie() {
    let fa = cup(Format::Knockout, false);
    let t = target(&fa, &fa_cup(), "Liverpool", Some("2024-01-01"));
    assert_eq!(stage_of(&t.stage).as_deref(), Some("Round 3"));
    assert_eq!(t.ties_to_win, Some(6));
    let next = t.next_match.unwrap();
    assert_eq!(
        (opp(&next.opponent).as_deref(), next.venue),
        (Some("Arsenal"), Some(TeamVenue::Away))
    );
    // Before the previous round has begun, the draw is not yet made.
    let early = target(&fa, &fa_cup(), "Liverpool", Some("2023-10-01"));
    assert_eq!(early.next_match.unwrap().opponent, None);
}

#[test]
fn eliminated_by_whom_and_how() {
    let fa = cup(Format::Knockout, false);
    let t = target(&fa, &fa_cup(), "Liverpool", None);
    assert_eq!(t.status, TargetStatus::Eliminated);
    assert_eq!(stage_of(&t.stage).as_deref(), Some("Quarterfinals"));
    assert_eq!(t.eliminated_by.map(name).as_deref(), Some("Blackburn"));
    assert_eq!(
        said(&t.decided_by).as_deref(),
        Some("Blackburn v Liverpool: Blackburn by ExtraTime")
    );
    assert_eq!((t.ties_to_win, t.next_match), (None, None));
    let rovers = target(&fa, &fa_cup(), "Bristol Rovers", None);
    assert_eq!(stage_of(&rovers.stage).as_deref(), Some("Round 3"));
    assert_eq!(
        said(&rovers.decided_by).as_deref(),
        Some("Norwich v Bristol Rovers: Norwich by NormalTime")
    );
    let json = serde_json::to_value(&rovers).unwrap();
    assert_eq!(json["status"], "eliminated");
    assert_eq!(json["eliminated_by"], id("Norwich").0);
}

#[test]
fn the_final_makes_a_winner_and_a_runner_up() {
    let efl = cup(Format::Knockout, false);
    let matches = [
        leg(1, game("2024-01-10", "Semifinals", "Liverpool", "Norwich", "2-1")),
        leg(2, game("2024-01-24", "Semifinals", "Norwich", "Liverpool", "1-1")),
        leg(1, game("2024-01-09", "Semifinals", "Arsenal", "Chelsea", "1-0")),
        leg(2, game("2024-01-23", "Semifinals", "Chelsea", "Arsenal", "6-1")),
        game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet"),
    ];
    let before = target(&efl, &matches, "Liverpool", Some("2024-02-01"));
    assert_eq!(
        (before.status, before.ties_to_win),
        (TargetStatus::Alive, Some(1))
    );
    let next = before.next_match.unwrap();
    assert_eq!(
        (opp(&next.opponent).as_deref(), next.venue),
        (Some("Chelsea"), Some(TeamVenue::Neutral))
    );
    let won = target(&efl, &matches, "Liverpool", None);
    assert_eq!((won.status, won.ties_to_win), (TargetStatus::Won, Some(0)));
    assert_eq!(
        said(&won.decided_by).as_deref(),
        Some("Chelsea v Liverpool: Liverpool by ExtraTime")
    );
    let lost = target(&efl, &matches, "Chelsea", None);
    assert_eq!(lost.status, TargetStatus::RunnerUp);
    assert_eq!(lost.eliminated_by.map(name).as_deref(), Some("Liverpool"));
    assert_eq!(serde_json::to_value(&lost).unwrap()["status"], "runner_up");
    let out = target(&efl, &matches, "Norwich", None);
    assert_eq!(
        said(&out.decided_by).as_deref(),
        Some("Liverpool v Norwich: Liverpool by Aggregate")
    );
}

/// A Europa League in miniature: a group of three, then a play-off that the group winner skips.
fn europa() -> Vec<Match> {
    let mut matches: Vec<Match> = [
        ("2023-09-21", "Liverpool", "Roma", "2-0"),
        ("2023-10-05", "Roma", "Tottenham", "1-0"),
        ("2023-10-26", "Tottenham", "Liverpool", "0-3"),
        ("2023-11-09", "Roma", "Liverpool", "1-2"),
        ("2023-11-30", "Tottenham", "Roma", "0-2"),
        ("2023-12-14", "Liverpool", "Tottenham", "4-0"),
    ]
    .into_iter()
    .map(|(date, home, away, score)| {
        let mut m = game(date, "Group A", home, away, score);
        m.group = Some("A".into());
        m
    })
    .collect();
    matches.extend([
        leg(1, game("2024-02-15", "Playoffs", "Feyenoord", "Roma", "1-1")),
        leg(
            2,
            game("2024-02-22", "Playoffs", "Roma", "Feyenoord", "1-1 aet, 4-2 pens"),
        ),
        leg(1, game("2024-03-07", "Round of 16", "Ajax", "Liverpool", "1-5")),
        leg(2, game("2024-03-14", "Round of 16", "Liverpool", "Ajax", "6-1")),
        leg(1, game("2024-03-07", "Round of 16", "Roma", "Atalanta", "")),
    ]);
    matches
}

#[test]
fn group_stage_targets() {
    let el = cup(Format::GroupsKnockout, false);
    let mid = target(&el, &europa(), "Liverpool", Some("2023-10-30"));
    assert_eq!(mid.status, TargetStatus::Alive);
    assert_eq!(
        (stage_of(&mid.stage).as_deref(), mid.group.as_deref()),
        (Some("Group stage"), Some("A"))
    );
    assert_eq!((mid.position, mid.points_behind_leader), (Some(1), Some(0)));
    assert_eq!(mid.points_clear, Some(3));
    assert_eq!(mid.next_match.unwrap().date, Some(day("2023-11-09")));
    assert_eq!(mid.ties_to_win, Some(4), "a group winner skips the play-off");
    let roma = target(&el, &europa(), "Roma", Some("2023-10-30"));
    assert_eq!((roma.position, roma.points_behind_leader), (Some(2), Some(3)));

    let spurs = target(&el, &europa(), "Tottenham", Some("2024-02-01"));
    assert_eq!(spurs.status, TargetStatus::Eliminated);
    assert_eq!(said(&spurs.decided_by).as_deref(), Some("3rd in Group A"));
    assert_eq!(spurs.position, Some(3));
}

#[test]
fn a_group_winner_has_a_bye_past_the_play_off() {
    let el = cup(Format::GroupsKnockout, false);
    let t = target(&el, &europa(), "Liverpool", Some("2024-02-01"));
    assert_eq!(t.status, TargetStatus::Alive);
    assert_eq!(stage_of(&t.stage).as_deref(), Some("Round of 16"));
    assert_eq!(t.ties_to_win, Some(4));
    // The last-16 draw follows the play-off, which had not begun.
    let next = t.next_match.unwrap();
    assert_eq!((next.opponent, next.date, next.venue), (None, None, None));
    let roma = target(&el, &europa(), "Roma", Some("2024-02-01"));
    assert_eq!(
        (stage_of(&roma.stage).as_deref(), roma.ties_to_win),
        (Some("Play-offs"), Some(5))
    );
    assert_eq!(
        opp(&roma.next_match.unwrap().opponent).as_deref(),
        Some("Feyenoord")
    );
    let later = target(&el, &europa(), "Liverpool", Some("2024-03-10"));
    assert_eq!(later.next_match.unwrap().date, Some(day("2024-03-14")));
    assert_eq!(later.ties_to_win, Some(4));
    let through = target(&el, &europa(), "Liverpool", None);
    assert_eq!(
        (stage_of(&through.stage).as_deref(), through.ties_to_win),
        (Some("Quarterfinals"), Some(3))
    );
    assert_eq!(through.next_match.unwrap().opponent, None);
}

#[test]
fn a_league_shows_position_and_gap_then_finishes() {
    let mut league = cup(Format::League, false);
    league.name = "Premier League".into();
    let matches = [
        game("2024-01-20", "Matchday 1", "Liverpool", "Chelsea", "4-1"),
        game("2024-01-27", "Matchday 2", "Chelsea", "Arsenal", "2-2"),
        game("2024-02-03", "Matchday 3", "Arsenal", "Liverpool", "3-1"),
        game("2024-02-10", "Matchday 4", "Chelsea", "Liverpool", ""),
        game("2024-02-17", "Matchday 5", "Arsenal", "Chelsea", ""),
        game("2024-02-24", "Matchday 6", "Liverpool", "Arsenal", ""),
    ];
    let t = target(&league, &matches, "Chelsea", Some("2024-02-01"));
    assert_eq!(t.status, TargetStatus::Alive);
    assert_eq!((t.position, t.points_behind_leader), (Some(3), Some(2)));
    assert_eq!(t.next_match.unwrap().round, "Matchday 4");
    assert_eq!((t.stage, t.ties_to_win), (None, None));
    let mut done = matches.clone();
    for (m, score) in done[3..].iter_mut().zip(["0-0", "1-0", "0-0"]) {
        m.status = MatchStatus::Played(score.parse().unwrap());
    }
    let t = target(&league, &done, "Arsenal", None);
    assert_eq!((t.status, t.position), (TargetStatus::Finished, Some(1)));
    assert_eq!(serde_json::to_value(&t).unwrap()["status"], "finished");
    let season = CompetitionSeason {
        competition: &league,
        matches: &done,
        deductions: &[],
        decisions: &[],
        tier: None,
    };
    assert_eq!(
        TrophyTarget::compute(season, id("Watford"), None, &name)
            .unwrap_err()
            .to_string(),
        "Watford has no match in the Premier League"
    );
}

#[test]
fn a_fixture_left_without_a_result_before_the_as_of_day_is_overdue_not_next() {
    let mut league = cup(Format::League, false);
    league.name = "Premier League".into();
    let matches = [
        game("2024-01-20", "Matchday 1", "Liverpool", "Chelsea", "4-1"),
        // Never played, or its result not entered yet.
        game("2024-01-27", "Matchday 2", "Arsenal", "Liverpool", ""),
        game("2024-02-03", "Matchday 3", "Liverpool", "Arsenal", ""),
        game("2024-02-10", "Matchday 4", "Chelsea", "Liverpool", ""),
    ];
    let t = target(&league, &matches, "Liverpool", Some("2024-02-01"));
    let next = t.next_match.unwrap();
    assert_eq!(
        (next.round.as_str(), next.date),
        ("Matchday 3", Some(day("2024-02-03")))
    );
    let overdue: Vec<&str> = t.overdue.iter().map(|m| m.round.as_str()).collect();
    assert_eq!(overdue, ["Matchday 2"]);
    // A match on the as-of day itself is still next: it is played later that day.
    let t = target(&league, &matches, "Liverpool", Some("2024-02-03"));
    assert_eq!(t.next_match.unwrap().round, "Matchday 3");
    // Without an as-of day nothing is overdue: the first match to play is next.
    let t = target(&league, &matches, "Liverpool", None);
    assert_eq!(
        (t.next_match.unwrap().round.as_str(), t.overdue.len()),
        ("Matchday 2", 0)
    );

    // In a cup, an unplayed tie holds the team up: overdue, and no next match.
    let fa = cup(Format::Knockout, false);
    let mut ties = fa_cup();
    ties.retain(|m| m.date < day("2024-02-28"));
    ties.push(game("2024-02-28", "Round of 16", "Liverpool", "Southampton", ""));
    let t = target(&fa, &ties, "Liverpool", Some("2024-03-05"));
    assert_eq!(t.status, TargetStatus::Alive);
    assert_eq!(t.next_match, None);
    assert_eq!(t.overdue.len(), 1);
    assert_eq!(t.overdue[0].date, Some(day("2024-02-28")));
    assert_eq!(
        serde_json::to_value(&t).unwrap()["overdue"][0]["round"],
        "Round of 16"
    );
}

#[test]
fn a_league_is_finished_only_when_every_meeting_is_played() {
    let mut league = cup(Format::League, false);
    league.name = "Premier League".into();
    // Two of the six rounds of a double round robin of four, and no fixtures stored.
    let two_rounds = [
        game("2024-01-20", "Matchday 1", "Liverpool", "Chelsea", "4-1"),
        game("2024-01-20", "Matchday 1", "Arsenal", "Norwich", "0-0"),
        game("2024-01-27", "Matchday 2", "Chelsea", "Arsenal", "2-2"),
        game("2024-01-27", "Matchday 2", "Norwich", "Liverpool", "0-3"),
    ];
    let t = target(&league, &two_rounds, "Liverpool", None);
    assert_eq!((t.status, t.position), (TargetStatus::Alive, Some(1)));
    assert_eq!(t.next_match, None);
    let season = CompetitionSeason {
        competition: &league,
        matches: &two_rounds,
        deductions: &[],
        decisions: &[],
        tier: None,
    };
    let honours = Honours::compute(id("Liverpool"), [season], &name).unwrap();
    assert!(honours.trophies.is_empty());
    // Meeting once, the four teams need six matches; with them all played the league is over.
    league.set_structure(crate::Structure::league(1).unwrap());
    let mut all = two_rounds.to_vec();
    all.push(game("2024-02-03", "Matchday 3", "Liverpool", "Arsenal", "1-0"));
    all.push(game("2024-02-03", "Matchday 3", "Chelsea", "Norwich", "1-1"));
    assert_eq!(
        target(&league, &all, "Liverpool", None).status,
        TargetStatus::Finished
    );
    all.pop();
    assert_eq!(
        target(&league, &all, "Liverpool", None).status,
        TargetStatus::Alive
    );
}

#[test]
fn honours_list_trophies_and_finals() {
    let mut efl = cup(Format::Knockout, false);
    efl.name = "League Cup".into();
    let mut el = cup(Format::GroupsKnockout, false);
    el.name = "Europa League".into();
    el.season = Season::starting(2015);
    let mut league = cup(Format::League, false);
    league.name = "Premier League".into();
    let cup_final = [game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet")];
    let lost_final = [game("2016-05-18", "Final", "Liverpool", "Roma", "1-3")];
    let title = [
        game("2024-01-20", "Matchday 1", "Liverpool", "Chelsea", "4-1"),
        game("2024-01-27", "Matchday 2", "Chelsea", "Liverpool", "0-0"),
    ];
    let mut seasons = [
        (&efl, &cup_final[..]),
        (&league, &title[..]),
        (&el, &lost_final[..]),
    ]
    .map(|(competition, matches)| CompetitionSeason {
        competition,
        matches,
        deductions: &[],
        decisions: &[],
        tier: None,
    });
    // The catalogue gives the league the top tier.
    seasons[1].tier = Some(Tier::TOP);
    let honours = Honours::compute(id("Liverpool"), seasons, &name).unwrap();
    let trophies: Vec<&str> = honours.trophies.iter().map(|t| t.competition.as_str()).collect();
    // Oldest first: the league was decided on its last day, before the cup final.
    assert_eq!(trophies, ["Premier League", "League Cup"]);
    let finals: Vec<(String, bool, String)> = honours
        .finals
        .iter()
        .map(|f| {
            let score = f.tie.score().last_match_for_first().unwrap().final_score;
            (name(f.opponent), f.won, score.to_string())
        })
        .collect();
    assert_eq!(
        finals,
        [
            ("Roma".to_string(), false, "1-3".to_string()),
            ("Chelsea".to_string(), true, "0-1".to_string())
        ]
    );
    let chelsea = Honours::compute(id("Chelsea"), seasons, &name).unwrap();
    assert!(chelsea.trophies.is_empty());
    assert_eq!(chelsea.finals.len(), 1);
    // By kind: a league title, a cup, a European final lost.
    let kinds: Vec<TrophyKind> = honours.trophies.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [TrophyKind::League, TrophyKind::Cup]);
    assert_eq!(
        (honours.won(TrophyKind::League), honours.won(TrophyKind::European)),
        (1, 0)
    );
    let lost: Vec<(&str, TrophyKind)> = honours
        .finals_lost()
        .map(|f| (f.competition.as_str(), f.kind))
        .collect();
    assert_eq!(lost, [("Europa League", TrophyKind::European)]);
    // A club's teams together: each trophy says whose it is.
    let club = Honours::of_club(&[id("Chelsea"), id("Liverpool")], &seasons, &name).unwrap();
    assert_eq!(club.trophies.len(), 2);
    assert!(club.trophies.iter().all(|t| t.team == id("Liverpool")));
    assert_eq!(club.finals.len(), 3);
    let seasons: Vec<Season> = club.finals.iter().map(|f| f.season).collect();
    assert!(seasons.is_sorted());
}

fn check(competition: &Competition, matches: &[Match], new: &Match) -> Result<(), KnockoutError> {
    check_new_cup_match(competition, matches, new)
}

fn bad_leg(round: Round, fault: crate::LegFault) -> Result<(), KnockoutError> {
    Err(KnockoutError::BadLeg { round, fault })
}

#[test]
fn a_new_cup_match_fails_on_a_decided_tie_or_an_eliminated_team() {
    let fa = cup(Format::Knockout, false);
    let stored = fa_cup();
    let again = game("2024-01-29", "Round 4", "Liverpool", "Norwich", "1-0");
    assert_eq!(
        check(&fa, &stored, &again).unwrap_err(),
        KnockoutError::TieDecided {
            round: Round::Numbered(4),
            first: id("Liverpool"),
            second: id("Norwich"),
            winner: id("Liverpool"),
        }
    );
    let out = game("2024-02-28", "Round of 16", "Norwich", "Tottenham", "1-0");
    assert_eq!(
        check(&fa, &stored, &out).unwrap_err(),
        KnockoutError::Eliminated {
            team: id("Norwich"),
            round: Round::Numbered(4),
            by: id("Liverpool"),
        }
    );
    let other = game("2024-02-28", "Round of 16", "Chelsea", "Southampton", "1-0");
    assert_eq!(
        check(&fa, &stored, &other).unwrap_err(),
        KnockoutError::Eliminated {
            team: id("Chelsea"),
            round: Round::Numbered(3),
            by: id("Watford"),
        }
    );
    let mut drawn = stored[..9].to_vec();
    drawn.push(game("2024-02-28", "Round of 16", "Liverpool", "Southampton", ""));
    let clash = game("2024-02-27", "Round of 16", "Liverpool", "Blackburn", "1-0");
    assert_eq!(
        check(&fa, &drawn, &clash).unwrap_err(),
        KnockoutError::OtherOpponent {
            team: id("Liverpool"),
            round: Round::RoundOf(16),
            opponent: id("Southampton"),
        }
    );
    // Completing the stored fixture is fine.
    let result = game("2024-02-28", "Round of 16", "Liverpool", "Southampton", "3-0");
    assert_eq!(check(&fa, &drawn, &result), Ok(()));
    let unknown = game(
        "2024-02-28",
        "Fifth round proper",
        "Liverpool",
        "Southampton",
        "3-0",
    );
    assert!(matches!(
        check(&fa, &drawn, &unknown),
        Err(KnockoutError::UnknownRound(_))
    ));
}

#[test]
fn a_new_cup_match_fails_on_legs_and_replays_that_make_no_sense() {
    let el = cup(Format::GroupsKnockout, false);
    let stored = europa();
    let leg2 = |home: &str, away: &str, n: Option<u8>| {
        let mut m = game("2024-03-14", "Round of 16", home, away, "2-0");
        m.leg = n;
        m
    };
    let same_ground = leg2("Roma", "Atalanta", Some(2));
    let r16 = Round::RoundOf(16);
    assert_eq!(
        check(&el, &stored, &same_ground),
        bad_leg(r16, crate::LegFault::SameGround(id("Roma")))
    );
    assert_eq!(
        check(&el, &stored, &leg2("Atalanta", "Roma", None)),
        bad_leg(r16, crate::LegFault::LegNeeded)
    );
    assert_eq!(
        check(&el, &stored, &leg2("Atalanta", "Roma", Some(3))),
        bad_leg(r16, crate::LegFault::Number(3))
    );
    assert_eq!(
        check(&el, &stored, &leg2("Atalanta", "Roma", Some(1))),
        bad_leg(r16, crate::LegFault::AlreadyStored(1))
    );
    assert_eq!(check(&el, &stored, &leg2("Atalanta", "Roma", Some(2))), Ok(()));
    let mut fresh = leg2("Atalanta", "Norwich", Some(2));
    fresh.round = Some("Quarterfinals".into());
    assert_eq!(
        check(&el, &stored, &fresh),
        bad_leg(Round::QuarterFinal, crate::LegFault::NoFirstLeg)
    );
    let spurs = leg2("Tottenham", "Feyenoord", Some(1));
    assert_eq!(
        check(&el, &stored, &spurs).unwrap_err(),
        KnockoutError::OutInGroup {
            team: id("Tottenham")
        }
    );

    let fa = cup(Format::Knockout, false);
    let mut stored = fa_cup();
    stored.truncate(9);
    let legged = leg(
        2,
        game("2024-02-10", "Round of 16", "Chelsea", "Liverpool", "1-0"),
    );
    assert!(check(&fa, &stored, &legged).is_err());
    let needless = replay(game(
        "2024-02-28",
        "Round of 16",
        "Liverpool",
        "Southampton",
        "1-0",
    ));
    assert_eq!(
        check(&fa, &stored, &needless).unwrap_err(),
        KnockoutError::NoReplayDue {
            round: Round::RoundOf(16),
            first: id("Liverpool"),
            second: id("Southampton"),
        }
    );
    let mut level = stored[..7].to_vec();
    level.push(game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1"));
    let due = replay(game("2024-02-06", "Round 4", "Southampton", "Watford", "3-0"));
    assert_eq!(check(&fa, &level, &due), Ok(()));
    let group_game = game("2023-09-21", "Group A", "Liverpool", "Roma", "2-0");
    assert_eq!(check(&el, &europa(), &group_game), Ok(()));
}

/// Three groups of four meeting once; the top two and the best two of three thirds go on.
fn tournament(porto_margin: u32) -> (Competition, Vec<Match>) {
    let mut euro = cup(Format::GroupsKnockout, false);
    euro.set_structure(
        crate::Structure::groups_then_knockout(1, crate::Qualification::top_and_best(2, 2), false).unwrap(),
    );
    let groups: [(&str, [&str; 4]); 3] = [
        ("A", ["Liverpool", "Chelsea", "Norwich", "Sporting"]),
        ("B", ["Atalanta", "Roma", "Feyenoord", "Tottenham"]),
        ("C", ["Ajax", "Arsenal", "Porto", "Blackburn"]),
    ];
    let mut matches = Vec::new();
    for (g, (label, [t1, t2, t3, t4])) in groups.into_iter().enumerate() {
        // The stronger team wins 1-0, the third beats the fourth by a margin; Group B's
        // second and third draw, so its third has four points.
        let margin = match label {
            "C" => porto_margin,
            _ => 1,
        };
        let t3_t4 = format!("{margin}-0");
        let t2_t3 = if label == "B" { "0-0" } else { "1-0" };
        let t2_t4 = if label == "B" { "2-0" } else { "1-0" };
        let day = |n: u32| format!("2024-06-{:02}", 10 + 3 * n + g as u32);
        for (n, (home, away, score)) in [
            (t1, t2, "1-0"),
            (t3, t4, t3_t4.as_str()),
            (t1, t3, "1-0"),
            (t2, t4, t2_t4),
            (t4, t1, "0-1"),
            (t2, t3, t2_t3),
        ]
        .into_iter()
        .enumerate()
        {
            let mut m = game(&day(n as u32 / 2), &format!("Group {label}"), home, away, score);
            m.group = Some(label.to_string());
            matches.push(m);
        }
    }
    (euro, matches)
}

#[test]
fn the_best_thirds_go_through_and_the_rest_are_out() {
    let (euro, matches) = tournament(2);
    let ranking = PlacedRanking::compute(&euro, &matches, &[], None).unwrap();
    let order: Vec<(String, u16, Line)> = ranking
        .teams
        .iter()
        .map(|s| (name(s.row.team), s.rank, s.line))
        .collect();
    assert_eq!(
        order,
        [
            ("Feyenoord".to_string(), 1, Line::Through),
            ("Porto".to_string(), 2, Line::Through),
            ("Norwich".to_string(), 3, Line::Out),
        ]
    );
    assert!(ranking.complete);
    assert!(out_in_group(&euro, &matches, id("Norwich")));
    assert!(!out_in_group(&euro, &matches, id("Porto")));
    assert!(out_in_group(&euro, &matches, id("Sporting")));
    let norwich = target(&euro, &matches, "Norwich", None);
    assert_eq!(norwich.status, TargetStatus::Eliminated);
    let Some(DecidedBy::GroupFinish {
        position: 3,
        among: Some(among),
        ..
    }) = &norwich.decided_by
    else {
        panic!("{:?}", norwich.decided_by);
    };
    assert_eq!((among.rank, among.line), (3, Line::Out));
    let porto = target(&euro, &matches, "Porto", None);
    assert_eq!(porto.status, TargetStatus::Alive);
    assert_eq!(
        porto.leads_to,
        Some(crate::PlaceVerdict::Through(crate::Destination::NextStage))
    );
    // A best third may play the next round; a third below the line may not.
    let last_16 = |home: &str| game("2024-06-30", "Round of 16", home, "Liverpool", "1-0");
    assert_eq!(check(&euro, &matches, &last_16("Porto")), Ok(()));
    assert_eq!(
        check(&euro, &matches, &last_16("Norwich")).unwrap_err(),
        KnockoutError::OutInGroup { team: id("Norwich") }
    );
    // While Group C is still playing, Norwich's fate is open.
    let mut early = matches.clone();
    early.last_mut().unwrap().status = MatchStatus::Scheduled;
    assert!(!out_in_group(&euro, &early, id("Norwich")));
    assert!(!PlacedRanking::compute(&euro, &early, &[], None).unwrap().complete);
}

#[test]
fn thirds_level_on_everything_across_the_line_are_not_yet_out() {
    let (euro, matches) = tournament(1);
    let ranking = PlacedRanking::compute(&euro, &matches, &[], None).unwrap();
    let lines: Vec<(u16, bool, Line)> = ranking.teams.iter().map(|s| (s.rank, s.shared, s.line)).collect();
    assert_eq!(
        lines,
        [
            (1, false, Line::Through),
            (2, true, Line::Level),
            (2, true, Line::Level)
        ]
    );
    assert!(!out_in_group(&euro, &matches, id("Norwich")));
    assert!(!out_in_group(&euro, &matches, id("Porto")));
    assert_eq!(
        target(&euro, &matches, "Norwich", None).status,
        TargetStatus::Alive
    );
}

#[test]
fn top_two_only_leaves_every_third_out() {
    let (mut euro, matches) = tournament(2);
    euro.set_structure(
        crate::Structure::groups_then_knockout(1, crate::Qualification::top(2), true).unwrap(),
    );
    assert_eq!(PlacedRanking::compute(&euro, &matches, &[], None), None);
    for third in ["Norwich", "Feyenoord", "Porto"] {
        assert!(out_in_group(&euro, &matches, id(third)), "{third}");
    }
}

#[test]
fn a_league_phase_counts_each_team_s_first_matches_and_says_where_places_lead() {
    use crate::{Advance, Destination, Phase, PhaseKind, PlaceVerdict, Qualification, Round, Structure};
    let mut ucl = cup(Format::GroupsKnockout, false);
    let places = Qualification::from_rules(vec![
        Advance::Places {
            first: 1,
            last: 2,
            to: Destination::Round(Round::SemiFinal),
        },
        Advance::Places {
            first: 3,
            last: 4,
            to: Destination::Round(Round::Playoff),
        },
    ]);
    ucl.set_structure(
        Structure::new(vec![
            Phase::new(
                "League phase",
                PhaseKind::LeaguePhase {
                    teams: 6,
                    matches_each: 2,
                },
                places,
            ),
            Phase::new(
                "Knockout stage",
                PhaseKind::Knockout { third_place: false },
                Qualification::none(),
            ),
        ])
        .unwrap(),
    );
    let mut matches: Vec<Match> = [
        ("2024-09-17", "Liverpool", "Chelsea", "2-0"),
        ("2024-09-17", "Norwich", "Sporting", "1-0"),
        ("2024-09-17", "Atalanta", "Roma", "0-0"),
        ("2024-10-01", "Chelsea", "Norwich", "1-1"),
        ("2024-10-01", "Sporting", "Atalanta", "0-3"),
        ("2024-10-01", "Roma", "Liverpool", "0-1"),
    ]
    .into_iter()
    .map(|(date, home, away, score)| game(date, &format!("Matchday {}", &date[6..7]), home, away, score))
    .collect();
    // A play-off labelled by matchday, as the files do: not part of the league phase's table.
    matches.push(game("2025-02-11", "Matchday 1", "Norwich", "Atalanta", "5-0"));
    let early = target(&ucl, &matches, "Atalanta", Some("2024-09-20"));
    assert_eq!(stage_of(&early.stage).as_deref(), Some("League phase"));
    assert_eq!(early.status, TargetStatus::Alive);
    let t = target(&ucl, &matches, "Atalanta", Some("2024-10-02"));
    assert_eq!(t.position, Some(2));
    assert_eq!(
        t.leads_to,
        Some(PlaceVerdict::Through(Destination::Round(Round::SemiFinal)))
    );
    let norwich = target(&ucl, &matches, "Norwich", Some("2024-10-02"));
    assert_eq!(norwich.position, Some(3), "the play-off's 5-0 is not counted");
    assert_eq!(
        norwich.leads_to,
        Some(PlaceVerdict::Through(Destination::Round(Round::Playoff)))
    );
    let sporting = target(&ucl, &matches, "Sporting", Some("2024-10-02"));
    assert_eq!(
        (sporting.position, sporting.leads_to),
        (Some(6), Some(PlaceVerdict::Out))
    );
    assert_eq!(sporting.status, TargetStatus::Eliminated);
}

/// Laws of the ranking across groups, over many made-up tournaments: no more than
/// `count` teams are through, none of them below a team that is out, and teams are
/// left level across the line only when the line cannot be drawn by results.
#[test]
fn the_qualifying_line_keeps_its_laws() {
    let (euro, base) = tournament(2);
    let mut seed: u64 = 0x5eed;
    let mut goals = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % 4) as u32
    };
    for _ in 0..300 {
        let matches: Vec<Match> = base
            .iter()
            .map(|m| {
                let mut m = m.clone();
                let score = crate::Score::new(goals(), goals()).unwrap();
                m.status = MatchStatus::Played(crate::MatchResult::new(score, None, None, None).unwrap());
                m
            })
            .collect();
        let ranking = PlacedRanking::compute(&euro, &matches, &[], None).unwrap();
        let through: Vec<&PlacedStanding> =
            ranking.teams.iter().filter(|s| s.line == Line::Through).collect();
        let level = ranking.teams.iter().filter(|s| s.line == Line::Level).count();
        assert!(through.len() <= 2);
        assert!(level == 0 || (through.len() < 2 && through.len() + level > 2));
        for out in ranking.teams.iter().filter(|s| s.line == Line::Out) {
            assert!(
                through
                    .iter()
                    .all(|t| t.row.points >= out.row.points && t.rank < out.rank)
            );
            assert!(out_in_group(&euro, &matches, out.row.team));
        }
        for t in &through {
            assert!(!out_in_group(&euro, &matches, t.row.team));
        }
    }
}

/// A finished double round robin of three that Liverpool win, as `competition` of `tier`.
fn title_season<'a>(
    competition: &'a Competition,
    matches: &'a [Match],
    tier: Option<Tier>,
) -> CompetitionSeason<'a> {
    CompetitionSeason {
        competition,
        matches,
        deductions: &[],
        decisions: &[],
        tier,
    }
}

#[test]
fn only_a_top_flight_title_is_a_league_title() {
    let mut league = cup(Format::League, false);
    league.name = "Second Division".into();
    let title = [
        game("2024-01-20", "Matchday 1", "Liverpool", "Chelsea", "4-1"),
        game("2024-01-27", "Matchday 2", "Chelsea", "Liverpool", "0-0"),
    ];
    let kinds = |tier: Option<Tier>| -> Vec<(TrophyKind, Option<u8>)> {
        Honours::compute(id("Liverpool"), [title_season(&league, &title, tier)], &name)
            .unwrap()
            .trophies
            .iter()
            .map(|t| (t.kind, t.tier.map(Tier::level)))
            .collect()
    };
    // The second tier's title is an honour of its own, not a league title.
    let second = Tier::new(2);
    assert_eq!(kinds(second), [(TrophyKind::OtherLeague, Some(2))]);
    let honours = Honours::compute(id("Liverpool"), [title_season(&league, &title, second)], &name).unwrap();
    assert_eq!(
        (
            honours.won(TrophyKind::League),
            honours.won(TrophyKind::OtherLeague)
        ),
        (0, 1)
    );
    // The top flight's is.
    assert_eq!(kinds(Some(Tier::TOP)), [(TrophyKind::League, Some(1))]);
    // A league the catalogue does not know: nothing says it was the top flight.
    assert_eq!(kinds(None), [(TrophyKind::OtherLeague, None)]);
    // The tracker carries the tier as it is given.
    let target = TrophyTarget::compute(
        title_season(&league, &title, second),
        id("Liverpool"),
        None,
        &name,
    )
    .unwrap();
    assert_eq!((target.tier, target.is_league_champion()), (second, true));
}

/// A split league of four, two in each section after a double round robin, the
/// points halved and rounded down as in Austria: Liverpool lead by three at the
/// split (16 to 13, both halved to 8 and 6 with half a point rounded away), Chelsea
/// win the section by a point (12 to 11), yet on all matches counted as one table the
/// two are level on 19 and Liverpool's goals put them first.
fn split_league() -> (Competition, Vec<Match>) {
    use crate::{CarryOver, SplitRules, SplitSection, Structure};
    let mut league = cup(Format::League, false);
    league.name = "Split Mini".into();
    let section = |name: &str, first, last| SplitSection {
        name: name.into(),
        first,
        last,
    };
    let rules = SplitRules::new(
        6,
        4,
        vec![section("Championship", 1, 2), section("Relegation", 3, 4)],
        CarryOver::HalvedRoundedDown,
    )
    .unwrap();
    league.set_structure(Structure::split_league(2, rules).unwrap());
    let mut matches = Vec::new();
    let mut round = |date: &str, n: u8, pairs: [(&str, &str, &str); 2]| {
        for (home, away, score) in pairs {
            matches.push(game(date, &format!("Matchday {n}"), home, away, score));
        }
    };
    round(
        "2024-01-06",
        1,
        [("Liverpool", "Chelsea", "1-0"), ("Norwich", "Sporting", "1-1")],
    );
    round(
        "2024-01-13",
        2,
        [("Liverpool", "Norwich", "5-0"), ("Chelsea", "Sporting", "1-0")],
    );
    round(
        "2024-01-20",
        3,
        [("Liverpool", "Sporting", "5-0"), ("Chelsea", "Norwich", "1-0")],
    );
    round(
        "2024-01-27",
        4,
        [("Chelsea", "Liverpool", "1-1"), ("Sporting", "Norwich", "1-1")],
    );
    round(
        "2024-02-03",
        5,
        [("Norwich", "Liverpool", "0-5"), ("Sporting", "Chelsea", "0-1")],
    );
    round(
        "2024-02-10",
        6,
        [("Sporting", "Liverpool", "0-5"), ("Norwich", "Chelsea", "0-1")],
    );
    // The sections: Chelsea win once and draw three times with Liverpool.
    round(
        "2024-02-17",
        7,
        [("Chelsea", "Liverpool", "1-0"), ("Norwich", "Sporting", "0-0")],
    );
    round(
        "2024-02-24",
        8,
        [("Liverpool", "Chelsea", "0-0"), ("Sporting", "Norwich", "0-0")],
    );
    round(
        "2024-03-02",
        9,
        [("Chelsea", "Liverpool", "0-0"), ("Norwich", "Sporting", "0-0")],
    );
    round(
        "2024-03-09",
        10,
        [("Liverpool", "Chelsea", "0-0"), ("Sporting", "Norwich", "0-0")],
    );
    (league, matches)
}

#[test]
fn a_split_league_ends_in_the_order_of_its_sections() {
    let (league, matches) = split_league();
    let season = title_season(&league, &matches, Some(Tier::TOP));
    // All matches as one table: level on points, Liverpool first on goal difference.
    let teams: Vec<TeamId> = ["Liverpool", "Chelsea", "Norwich", "Sporting"].map(id).to_vec();
    let combined = crate::Standings::compute(&league, &teams, &matches, &[], crate::TableOptions::default());
    let order: Vec<(String, i32)> = combined.rows.iter().map(|r| (name(r.team), r.points)).collect();
    assert_eq!(
        &order[..2],
        [("Liverpool".to_string(), 19), ("Chelsea".to_string(), 19)]
    );
    // The league's order is the Championship section's: Chelsea are champions.
    let chelsea = TrophyTarget::compute(season, id("Chelsea"), None, &name).unwrap();
    assert_eq!(
        (chelsea.status, chelsea.position),
        (TargetStatus::Finished, Some(1))
    );
    assert_eq!(chelsea.stage, Some(StageReached::Section("Championship".into())));
    assert_eq!(chelsea.points_clear, Some(1), "12 to 11 in the section");
    assert!(chelsea.is_league_champion());
    let liverpool = TrophyTarget::compute(season, id("Liverpool"), None, &name).unwrap();
    assert_eq!(
        (liverpool.position, liverpool.points_behind_leader),
        (Some(2), Some(1))
    );
    // Every club of the bottom section is below every club of the top one.
    let norwich = TrophyTarget::compute(season, id("Norwich"), None, &name).unwrap();
    assert_eq!(norwich.stage, Some(StageReached::Section("Relegation".into())));
    assert!(norwich.position > Some(2));
    let titles = |team: &str| {
        Honours::compute(id(team), [season], &name)
            .unwrap()
            .won(TrophyKind::League)
    };
    assert_eq!((titles("Chelsea"), titles("Liverpool")), (1, 0));
    // Before the split the one table is the order, as it stands.
    let early = TrophyTarget::compute(season, id("Liverpool"), Some(day("2024-02-04")), &name).unwrap();
    assert_eq!(
        (early.position, early.stage, early.status),
        (Some(1), None, TargetStatus::Alive)
    );
}

/// A second tier of four whose 2nd and 3rd play off in a one-match final after it.
fn league_with_play_offs(final_score: &str) -> (Competition, Vec<Match>) {
    use crate::{Advance, Destination, Phase, PhaseKind, Qualification, Structure, Zone};
    let mut league = cup(Format::League, false);
    league.name = "Mini Championship".into();
    league.set_structure(
        Structure::new(vec![
            Phase::new(
                "League",
                PhaseKind::League { meetings: 1 },
                Qualification::from_rules(vec![Advance::Places {
                    first: 2,
                    last: 3,
                    to: Destination::NextStage,
                }]),
            ),
            Phase::new(
                "Play-offs",
                PhaseKind::Knockout { third_place: false },
                Qualification::none(),
            ),
        ])
        .unwrap(),
    );
    league.zones = ["champions=1", "promotion=1", "promotion-play-off=2-3"]
        .iter()
        .map(|z| z.parse::<Zone>().unwrap())
        .collect();
    let mut matches = vec![
        game("2024-01-06", "Matchday 1", "Liverpool", "Chelsea", "1-0"),
        game("2024-01-06", "Matchday 1", "Southampton", "Norwich", "2-0"),
        game("2024-01-13", "Matchday 2", "Liverpool", "Southampton", "1-0"),
        game("2024-01-13", "Matchday 2", "Chelsea", "Norwich", "2-0"),
        game("2024-01-20", "Matchday 3", "Liverpool", "Norwich", "1-0"),
        game("2024-01-20", "Matchday 3", "Chelsea", "Southampton", "1-0"),
    ];
    let mut play_off = game("2024-02-03", "Final", "Chelsea", "Southampton", final_score);
    // The store types a league's play-off rounds as knockout stages.
    play_off.stage = Some(crate::Stage::Knockout(Round::Final));
    matches.push(play_off);
    (league, matches)
}

#[test]
fn a_league_s_play_offs_decide_a_place_after_it() {
    let (league, matches) = league_with_play_offs("0-1");
    let season = title_season(&league, &matches, Tier::new(2));
    let southampton = TrophyTarget::compute(season, id("Southampton"), None, &name).unwrap();
    // The league is over, the play-off matches no part of it: Southampton 3rd on 3 points.
    assert_eq!(
        (southampton.status, southampton.position),
        (TargetStatus::Finished, Some(3))
    );
    assert_eq!(
        southampton.leads_to,
        Some(PlaceVerdict::Through(crate::Destination::NextStage))
    );
    assert_eq!(southampton.zones, ["promotion-play-off"]);
    let run = southampton.play_offs.expect("in the play-offs");
    assert_eq!(run.stage, "Play-offs");
    assert_eq!((run.status, run.round), (TargetStatus::Won, Some(Round::Final)));
    assert_eq!(run.ties_to_win, Some(0));
    let chelsea = TrophyTarget::compute(season, id("Chelsea"), None, &name).unwrap();
    let run = chelsea.play_offs.expect("in the play-offs");
    assert_eq!(
        (run.status, run.eliminated_by),
        (TargetStatus::RunnerUp, Some(id("Southampton")))
    );
    // The champions and the last are not in them; the play-off final is no league title.
    let liverpool = TrophyTarget::compute(season, id("Liverpool"), None, &name).unwrap();
    assert_eq!((liverpool.play_offs, liverpool.zones.len()), (None, 2));
    assert_eq!(liverpool.leads_to, Some(PlaceVerdict::Out));
    assert!(
        Honours::compute(id("Southampton"), [season], &name)
            .unwrap()
            .trophies
            .is_empty()
    );
    // Before the final is played, Southampton are alive in the play-offs with the final next.
    let (league, pending) = league_with_play_offs("");
    let season = title_season(&league, &pending, Tier::new(2));
    let waiting = TrophyTarget::compute(season, id("Southampton"), Some(day("2024-01-27")), &name).unwrap();
    assert_eq!(waiting.status, TargetStatus::Finished);
    let run = waiting.play_offs.expect("in the play-offs");
    assert_eq!(
        (run.status, run.round, run.ties_to_win),
        (TargetStatus::Alive, Some(Round::Final), Some(1))
    );
    assert_eq!(
        run.next_match.and_then(|n| n.opponent),
        Some(Opponent::Team(id("Chelsea")))
    );
    // While the league is on, the place only says where it leads.
    let mid = TrophyTarget::compute(season, id("Southampton"), Some(day("2024-01-14")), &name).unwrap();
    assert_eq!((mid.status, mid.play_offs), (TargetStatus::Alive, None));
    assert!(mid.next_match.is_some_and(|n| n.round == "Matchday 3"));
}
