use super::*;
use crate::{ModelOptions, PlayedResult};
use matchday_core::testing::{fixture, played};
use matchday_core::{KnockoutDraw, Phase, PhaseKind, Qualification, RuleSet, Stage, Structure};
use proptest::prelude::*;

fn cup() -> Competition {
    let mut c = crate::testing::competition();
    c.rules = RuleSet::Plain;
    c.zones.clear();
    c.set_structure(Structure::knockout(false));
    c
}

fn in_round(mut m: Match, round: &str) -> Match {
    m.round = Some(round.to_string());
    m.stage = Some(Stage::of(&m).unwrap());
    m
}

fn teams(n: i64) -> Vec<TeamId> {
    (1..=n).map(TeamId).collect()
}

/// Quarter-finals of eight: 1 beat 2 and 3 beat 4 on the 5th; 5-6 and 7-8 play on the 20th.
fn quarter_finals() -> Vec<Match> {
    vec![
        in_round(played(5, 1, 2, 2, 0), "Quarterfinals"),
        in_round(played(5, 3, 4, 0, 1), "Quarterfinals"),
        in_round(fixture(20, 5, 6), "Quarterfinals"),
        in_round(fixture(20, 7, 8), "Quarterfinals"),
    ]
}

fn equal(n: usize) -> MatchModel {
    MatchModel::fit_results(n, &[], None, &ModelOptions::default())
}

fn run(
    competition: &Competition,
    n: i64,
    matches: &[Match],
    rules: &KnockoutRules,
    sims: u64,
) -> TournamentForecast {
    let options = SimulationOptions { sims, seed: 11 };
    simulate_tournament(
        competition,
        &teams(n),
        matches,
        Some(crate::testing::day(10)),
        (rules, &[]),
        &equal(n as usize),
        &options,
    )
    .unwrap()
}

fn column_sums(f: &TournamentForecast) -> Vec<f64> {
    (0..f.rounds.len())
        .map(|i| f.teams.iter().map(|t| t.reach[i]).sum())
        .collect()
}

#[test]
fn decided_ties_give_zero_and_one_exactly_and_every_round_sums_to_its_places() {
    let f = run(&cup(), 8, &quarter_finals(), &KnockoutRules::default(), 20_000);
    let rounds: Vec<(Round, bool)> = f
        .rounds
        .iter()
        .map(|r| (r.round, r.drawn_by_simulation))
        .collect();
    assert_eq!(
        rounds,
        vec![
            (Round::QuarterFinal, false),
            (Round::SemiFinal, true),
            (Round::Final, true)
        ]
    );
    let team = |id: i64| &f.teams[id as usize - 1];
    // The winners are in the semi-finals for sure, the losers out for sure.
    for winner in [1, 4] {
        assert_eq!(team(winner).reach[..2], [1.0, 1.0]);
    }
    for loser in [2, 3] {
        assert_eq!(team(loser).reach, vec![1.0, 0.0, 0.0]);
        assert_eq!(team(loser).win, 0.0);
        assert_eq!(
            team(loser).settled,
            vec![Some(true), Some(false), Some(false), Some(false)]
        );
    }
    assert_eq!(team(1).settled, vec![Some(true), Some(true), None, None]);
    assert_eq!(team(5).settled, vec![Some(true), None, None, None]);
    for open in 5..=8 {
        let p = team(open).reach[1];
        assert!(p > 0.4 && p < 0.6, "team {open}: {p}");
    }
    let sums = column_sums(&f);
    for (sum, places) in sums.iter().zip([8.0, 4.0, 2.0]) {
        assert!((sum - places).abs() < 1e-9, "{sums:?}");
    }
    let won: f64 = f.teams.iter().map(|t| t.win).sum();
    assert!((won - 1.0).abs() < 1e-9);
}

#[test]
fn a_finished_cup_has_its_winner_at_one_and_everyone_else_at_zero() {
    let mut matches = quarter_finals();
    matches[2] = in_round(played(6, 5, 6, 1, 0), "Quarterfinals");
    matches[3] = in_round(played(6, 7, 8, 1, 0), "Quarterfinals");
    matches.push(in_round(played(8, 1, 4, 1, 0), "Semifinals"));
    matches.push(in_round(played(8, 5, 7, 1, 0), "Semifinals"));
    matches.push(in_round(played(9, 1, 5, 3, 0), "Final"));
    let f = run(&cup(), 8, &matches, &KnockoutRules::default(), 1000);
    assert_eq!(f.rounds.len(), 1, "only the final is left to show");
    for t in &f.teams {
        let expected = if t.team == TeamId(1) { 1.0 } else { 0.0 };
        assert_eq!(t.win, expected, "{t:?}");
        assert_eq!(t.settled[1], Some(t.team == TeamId(1)), "{t:?}");
        let finalist = [TeamId(1), TeamId(5)].contains(&t.team);
        assert_eq!(t.reach[0], if finalist { 1.0 } else { 0.0 });
    }
}

#[test]
fn the_same_seed_gives_the_same_answer_whatever_the_threads() {
    let competition = cup();
    let matches = quarter_finals();
    let with = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| run(&competition, 8, &matches, &KnockoutRules::default(), 10_000))
    };
    assert_eq!(with(1), with(2));
}

#[test]
fn a_big_first_leg_lead_carries_the_tie() {
    let mut first_leg = in_round(played(5, 5, 6, 5, 0), "Quarterfinals");
    first_leg.leg = Some(1);
    let mut second_leg = in_round(fixture(20, 6, 5), "Quarterfinals");
    second_leg.leg = Some(2);
    let mut matches = quarter_finals();
    matches.splice(2..3, [first_leg, second_leg]);
    let rules = KnockoutRules {
        two_legged: vec![Round::QuarterFinal, Round::SemiFinal],
        ..KnockoutRules::default()
    };
    let f = run(&cup(), 8, &matches, &rules, 20_000);
    assert!(f.teams[4].reach[1] > 0.99, "{:?}", f.teams[4]);
}

/// Six groups of four, the top two and the four best thirds to the round of 16.
fn euro() -> (Competition, Vec<Match>) {
    let mut c = cup();
    c.rules = RuleSet::UefaEuroFinals;
    c.set_structure(
        Structure::new(vec![
            Phase::new(
                "Group stage",
                PhaseKind::Groups { meetings: 1 },
                Qualification::top_and_best(2, 4),
            ),
            Phase::new(
                "Knockout stage",
                PhaseKind::Knockout { third_place: false },
                Qualification::none(),
            ),
        ])
        .unwrap(),
    );
    let mut matches = Vec::new();
    for g in 0..6i64 {
        let t = |k: i64| g * 4 + k + 1;
        for (i, (a, b)) in [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)]
            .into_iter()
            .enumerate()
        {
            let mut m = fixture(11 + i as u32, t(a), t(b));
            m.group = Some(["A", "B", "C", "D", "E", "F"][g as usize].to_string());
            m.stage = Some(Stage::Group);
            matches.push(m);
        }
    }
    (c, matches)
}

#[test]
fn a_group_stage_with_best_thirds_fills_the_round_of_16() {
    let (competition, matches) = euro();
    let rules = KnockoutRules {
        draw: KnockoutDraw::Bracket,
        neutral_grounds: true,
        ..KnockoutRules::default()
    };
    let f = run(&competition, 24, &matches, &rules, 20_000);
    assert!(f.table_stage);
    assert_eq!(f.rounds[0].round, Round::RoundOf(16));
    assert!(f.rounds.iter().all(|r| r.drawn_by_simulation));
    let sums = column_sums(&f);
    for (sum, places) in sums.iter().zip([16.0, 8.0, 4.0, 2.0]) {
        assert!((sum - places).abs() < 1e-9, "{sums:?}");
    }
    // Sixteen of 24 equal teams go through: two in three each.
    for t in &f.teams {
        assert!((t.reach[0] - 2.0 / 3.0).abs() < 0.03, "{t:?}");
    }
}

#[test]
fn a_round_the_structure_cannot_fill_is_refused() {
    // A semi-final already due with a club the competition does not list.
    let mut matches = quarter_finals();
    matches.push(in_round(fixture(8, 1, 9), "Semifinals"));
    let options = SimulationOptions { sims: 100, seed: 1 };
    let forecast = |matches: &[Match]| {
        simulate_tournament(
            &cup(),
            &teams(8),
            matches,
            Some(crate::testing::day(10)),
            (&KnockoutRules::default(), &[]),
            &equal(8),
            &options,
        )
    };
    assert_eq!(forecast(&matches), Err(TournamentError::UnknownTeam(TeamId(9))));
    // A round of 16 of four ties: its four winners cannot fill the quarter-finals.
    let short: Vec<Match> = (0..4)
        .map(|k| in_round(played(5, 2 * k + 1, 2 * k + 2, 1, 0), "Round of 16"))
        .collect();
    assert_eq!(
        forecast(&short),
        Err(TournamentError::RoundSize {
            round: Round::QuarterFinal,
            teams: 4,
            expected: 8
        })
    );
}

/// A model in which team `i` is stronger the lower its index, from made-up results.
fn graded(n: usize, spread: u8) -> MatchModel {
    let day = crate::testing::day(1);
    let mut results = Vec::new();
    for a in 0..n {
        for b in 0..n {
            if a < b {
                results.push(PlayedResult {
                    home: a,
                    away: b,
                    home_goals: spread,
                    away_goals: 0,
                    date: day,
                });
            }
        }
    }
    MatchModel::fit_results(n, &results, Some(day), &ModelOptions::default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// However many quarter-finals are decided, and however strong the teams, each
    /// round's chances add up to its places and the cup has exactly one winner.
    #[test]
    fn each_rounds_chances_sum_to_its_places(decided in proptest::collection::vec(any::<bool>(), 4), spread in 0u8..4, seed in 0u64..1000) {
        let mut matches = Vec::new();
        for (k, &done) in decided.iter().enumerate() {
            let (a, b) = (2 * k as i64 + 1, 2 * k as i64 + 2);
            matches.push(in_round(if done { played(5, a, b, 1, 0) } else { fixture(20, a, b) }, "Quarterfinals"));
        }
        let options = SimulationOptions { sims: 3000, seed };
        let f = simulate_tournament(&cup(), &teams(8), &matches, Some(crate::testing::day(10)),
            (&KnockoutRules::default(), &[]), &graded(8, spread), &options).unwrap();
        let sums = column_sums(&f);
        for (sum, column) in sums.iter().zip(&f.rounds) {
            let places = f64::from(column.round.teams().unwrap());
            prop_assert!((sum - places).abs() < 1e-9, "{:?}", sums);
        }
        let won: f64 = f.teams.iter().map(|t| t.win).sum();
        prop_assert!((won - 1.0).abs() < 1e-9);
        for t in &f.teams {
            // Reaching a later round never beats reaching an earlier one.
            prop_assert!(t.reach.windows(2).all(|w| w[1] <= w[0]) && t.win <= t.reach[t.reach.len() - 1]);
        }
    }
}

#[test]
fn clubs_entering_in_a_later_round_join_it() {
    // A first round of four clubs drawn, and two clubs whose first match is stored in
    // the semi-finals, not yet drawn on the 10th: they enter there.
    let matches = vec![
        in_round(fixture(20, 1, 2), "Quarterfinals"),
        in_round(fixture(20, 3, 4), "Quarterfinals"),
        in_round(fixture(30, 5, 1), "Semifinals"),
        in_round(fixture(30, 6, 3), "Semifinals"),
    ];
    let f = run(&cup(), 6, &matches, &KnockoutRules::default(), 10_000);
    let rounds: Vec<Round> = f.rounds.iter().map(|r| r.round).collect();
    assert_eq!(rounds, [Round::QuarterFinal, Round::SemiFinal, Round::Final]);
    for entrant in [4usize, 5] {
        assert_eq!(f.teams[entrant].reach[..2], [0.0, 1.0]);
        assert_eq!(f.teams[entrant].settled[..2], [Some(false), Some(true)]);
    }
    for (sum, places) in column_sums(&f).iter().zip([4.0, 4.0, 2.0]) {
        assert!((sum - places).abs() < 1e-9);
    }
}
