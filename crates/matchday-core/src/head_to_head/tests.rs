//! The record's rules on hand-made meetings, and its laws on generated ones.

use chrono::NaiveDate;

use super::*;
use crate::{ExtraTimeAfter, MatchResult, MatchStatus, Pairing, Score, Settlement, Side};

const A: TeamId = TeamId(1);
const B: TeamId = TeamId(2);

fn competition(slug: &str, name: &str, season: i32) -> Competition {
    Competition {
        slug: slug.into(),
        name: name.into(),
        season: Season::starting(season),
        ..crate::testing::competition()
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn game(date: &str, home: TeamId, away: TeamId, result: MatchResult) -> Match {
    Match::new(
        day(date),
        Pairing::new(home, away).unwrap(),
        MatchStatus::Played(result),
    )
}

fn ft(home: u32, away: u32) -> MatchResult {
    MatchResult::full_time(Score::new(home, away).unwrap())
}

fn score(text: &str) -> Score {
    text.parse().unwrap()
}

/// A catalogue that knows no competition: each counts under its own slug.
fn no_catalogue() -> Catalogue {
    Catalogue::parse("", "no catalogue").unwrap()
}

fn everything(catalogue: &Catalogue) -> Scope<'_> {
    Scope {
        catalogue,
        competition: None,
        since: None,
    }
}

fn record(stored: &[(Competition, Match)]) -> HeadToHead {
    let catalogue = no_catalogue();
    HeadToHead::between(
        A,
        B,
        stored.iter().map(|(c, m)| (c, m.clone())),
        everything(&catalogue),
    )
    .unwrap()
}

#[test]
fn extra_time_wins_and_its_goals_count_and_a_shoot_out_is_a_draw_with_its_winner_kept() {
    let cup = competition("cup", "Cup", 2023);
    // B at home lose 1-2 after extra time (1-1 after 90 minutes).
    let aet = MatchResult::new(score("1-1"), None, Some(score("1-2")), None).unwrap();
    // A at home, 2-2 after extra time, B win the shoot-out 3-4.
    let pens = MatchResult::new(score("1-1"), None, Some(score("2-2")), Some(score("3-4"))).unwrap();
    let h2h = record(&[
        (cup.clone(), game("2023-10-01", B, A, aet)),
        (cup, game("2024-01-10", A, B, pens)),
    ]);
    let [won_aet, shoot_out] = h2h.meetings() else {
        panic!("two meetings")
    };
    assert_eq!(won_aet.verdict(), Verdict::Won(Rival::First));
    assert_eq!(
        (won_aet.goals(Rival::First), won_aet.goals(Rival::Second)),
        (2, 1)
    );
    assert_eq!(won_aet.settled_for(), None);
    assert_eq!(won_aet.home(), Rival::Second);
    assert_eq!(shoot_out.verdict(), Verdict::Drawn);
    assert_eq!(shoot_out.settled_for(), Some(Rival::Second));
    let totals = h2h.totals();
    assert_eq!(
        (
            totals.played(),
            totals.won(Rival::First),
            totals.drawn(),
            totals.won(Rival::Second)
        ),
        (2, 1, 1, 0)
    );
    // The shoot-out's kicks are not goals.
    assert_eq!((totals.goals(Rival::First), totals.goals(Rival::Second)), (4, 3));
    // A lost shoot-out does not end an unbeaten run.
    assert_eq!(h2h.current_unbeaten(Rival::First).map(|r| r.length()), Some(2));
    assert_eq!(h2h.current_unbeaten(Rival::Second).map(|r| r.length()), Some(1));
}

#[test]
fn a_level_match_settled_without_kicks_is_a_draw_sending_its_winner_through() {
    let cup = competition("league-cup", "League Cup", 1970);
    let level = MatchResult::full_time(score("1-1"))
        .settled(Settlement::NotRecorded(Side::Home), ExtraTimeAfter::LevelMatch)
        .unwrap();
    let h2h = record(&[(cup, game("1970-10-07", B, A, level))]);
    assert_eq!(h2h.meetings()[0].verdict(), Verdict::Drawn);
    assert_eq!(h2h.meetings()[0].settled_for(), Some(Rival::Second));
    assert_eq!(h2h.totals().drawn(), 1);
}

#[test]
fn each_leg_of_a_two_legged_tie_is_a_meeting() {
    let cup = competition("cup", "Cup", 2023);
    let mut first_leg = game("2024-01-10", A, B, ft(2, 0));
    first_leg.leg = Some(1);
    let mut second_leg = game("2024-01-24", B, A, ft(3, 0));
    second_leg.leg = Some(2);
    let h2h = record(&[(cup.clone(), second_leg), (cup, first_leg)]);
    let totals = h2h.totals();
    // A won the first leg, B the second (and the tie, 3-2 on aggregate): two meetings.
    assert_eq!(
        (
            totals.played(),
            totals.won(Rival::First),
            totals.won(Rival::Second)
        ),
        (2, 1, 1)
    );
    assert_eq!(h2h.meetings()[0].game().leg, Some(1), "oldest first");
}

#[test]
fn only_matches_with_a_result_that_counts_are_meetings() {
    let league = competition("league", "League", 2023);
    let mut fixture = game("2024-05-01", A, B, ft(0, 0));
    fixture.status = MatchStatus::Scheduled;
    let mut abandoned = game("2024-04-01", B, A, ft(0, 0));
    abandoned.status = MatchStatus::Abandoned;
    let mut awarded = game("2024-03-01", B, A, ft(0, 0));
    awarded.status = MatchStatus::Awarded(ft(3, 0));
    let h2h = record(&[
        (league.clone(), fixture),
        (league.clone(), abandoned),
        (league, awarded),
    ]);
    assert_eq!(h2h.meetings().len(), 1);
    assert_eq!(h2h.totals().won(Rival::Second), 1);
}

#[test]
fn a_team_against_itself_or_a_match_of_other_teams_is_refused() {
    let league = competition("league", "League", 2023);
    let catalogue = no_catalogue();
    let all = everything(&catalogue);
    let m = game("2024-01-01", A, B, ft(1, 0));
    assert_eq!(
        HeadToHead::between(A, A, [(&league, m.clone())], all),
        Err(MeetingError::SameTeam)
    );
    let other = game("2024-01-01", A, TeamId(3), ft(1, 0));
    assert_eq!(
        HeadToHead::between(A, B, [(&league, other)], all),
        Err(MeetingError::OtherTeams {
            date: day("2024-01-01")
        })
    );
    // Named the other way round, the same record mirrored.
    let h2h = HeadToHead::between(B, A, [(&league, m)], all).unwrap();
    assert_eq!(h2h.totals().won(Rival::Second), 1);
    assert_eq!(h2h.team(Rival::First), B);
}

#[test]
fn runs_biggest_wins_and_the_last_meetings() {
    let league = competition("league", "League", 2000);
    // From A's side: W 3-0, D, L, W 4-1, W 1-0, D, W 5-2.
    let results = [
        ("2000-09-01", A, B, ft(3, 0)),
        ("2001-01-01", B, A, ft(1, 1)),
        ("2001-09-01", A, B, ft(0, 2)),
        ("2002-01-01", B, A, ft(1, 4)),
        ("2002-09-01", A, B, ft(1, 0)),
        ("2003-01-01", B, A, ft(2, 2)),
        ("2003-09-01", A, B, ft(5, 2)),
    ];
    let stored: Vec<(Competition, Match)> = results
        .iter()
        .map(|(d, h, a, r)| (league.clone(), game(d, *h, *a, *r)))
        .collect();
    let h2h = record(&stored);
    let longest = h2h.longest_unbeaten(Rival::First).unwrap();
    assert_eq!((longest.length(), longest.won(), longest.drawn()), (4, 3, 1));
    assert_eq!(
        (longest.from(), longest.to()),
        (day("2002-01-01"), day("2003-09-01"))
    );
    assert!(longest.ongoing());
    assert_eq!(h2h.current_unbeaten(Rival::First), Some(longest));
    // B's runs: the draw of 2001, then the win and the draw: 2 each, the first kept.
    let b = h2h.longest_unbeaten(Rival::Second).unwrap();
    assert_eq!((b.length(), b.from()), (2, day("2001-01-01")));
    assert_eq!(h2h.current_unbeaten(Rival::Second), None);
    // Biggest by margin, then goals: 3-0 and 4-1 and 5-2 are all by three.
    let biggest: Vec<NaiveDate> = h2h
        .biggest_wins(Rival::First, 2)
        .iter()
        .map(|m| m.date())
        .collect();
    assert_eq!(biggest, [day("2003-09-01"), day("2002-01-01")]);
    assert_eq!(h2h.biggest_wins(Rival::Second, 5).len(), 1);
    let last: Vec<NaiveDate> = h2h.last(2).iter().map(Meeting::date).collect();
    assert_eq!(last, [day("2003-01-01"), day("2003-09-01")]);
    assert_eq!(h2h.last(100).len(), 7);
}

#[test]
fn competitions_are_grouped_by_slug_named_as_in_their_latest_season() {
    let milk = competition("league-cup", "Milk Cup", 1983);
    let carling = competition("league-cup", "Carling Cup", 2004);
    let first = competition("first-division", "First Division", 1983);
    let h2h = record(&[
        (carling, game("2004-11-10", A, B, ft(1, 0))),
        (milk, game("1984-03-25", A, B, ft(0, 0))),
        (first, game("1983-11-06", B, A, ft(0, 5))),
    ]);
    let comps = h2h.competitions();
    assert_eq!(comps.len(), 2);
    assert_eq!(comps[0].slug(), "first-division");
    assert_eq!(comps[1].name(), "Carling Cup");
    assert_eq!(
        (comps[1].first(), comps[1].last()),
        (Season::starting(1983), Season::starting(2004))
    );
    assert_eq!(comps[1].totals().played(), 2);
}

#[test]
fn the_catalogue_gathers_a_competitions_names_and_a_scope_keeps_one() {
    let catalogue = Catalogue::bundled();
    // engsoccerdata's "League Cup" is an edition of the EFL Cup; the First Division and
    // the Premier League are two competitions.
    let league_cup = competition("league-cup", "League Cup", 1983);
    let efl_cup = competition("efl-cup", "EFL Cup", 2023);
    let first = competition("first-division", "First Division", 1983);
    let premier = competition("premier-league", "Premier League", 2023);
    assert_eq!(counted_under(catalogue, &league_cup), "efl-cup");
    assert_eq!(counted_under(catalogue, &first), "first-division");
    // Unknown to the catalogue: its own slug.
    assert_eq!(
        counted_under(catalogue, &competition("derby-cup", "Derby Cup", 2023)),
        "derby-cup"
    );
    let stored = [
        (&league_cup, game("1984-03-25", A, B, ft(0, 0))),
        (&efl_cup, game("2023-09-27", B, A, ft(1, 3))),
        (&first, game("1983-11-06", B, A, ft(0, 5))),
        (&premier, game("2023-10-21", A, B, ft(2, 0))),
    ];
    let all = HeadToHead::between(A, B, stored.clone(), everything(catalogue)).unwrap();
    let names: Vec<(&str, &str, u32)> = all
        .competitions()
        .iter()
        .map(|c| (c.slug(), c.name(), c.totals().played()))
        .collect();
    assert_eq!(
        names,
        [
            ("first-division", "First Division", 1),
            ("efl-cup", "EFL Cup", 2),
            ("premier-league", "Premier League", 1)
        ]
    );
    let scope = Scope {
        competition: Some("efl-cup"),
        ..everything(catalogue)
    };
    let cup = HeadToHead::between(A, B, stored, scope).unwrap();
    assert_eq!(cup.totals().played(), 2);
    assert_eq!(cup.meetings()[0].counted_under(), "efl-cup");
}

#[test]
fn since_leaves_out_what_came_before() {
    let old = competition("league", "League", 1989);
    let new = competition("league", "League", 1990);
    let stored = [
        (&old, game("1990-04-01", A, B, ft(1, 0))),
        (&new, game("1990-09-01", A, B, ft(2, 0))),
    ];
    let catalogue = no_catalogue();
    let since = |s: &str| {
        let scope = Scope {
            since: Some(s.parse().unwrap()),
            ..everything(&catalogue)
        };
        HeadToHead::between(A, B, stored.clone(), scope)
            .unwrap()
            .meetings()
            .len()
    };
    assert_eq!(since("1990-91"), 1);
    assert_eq!(since("1989-90"), 2);
    assert_eq!(since("1990-04-01"), 2);
    assert_eq!(since("1990-04-02"), 1);
}

/// A generated meeting: who is at home, the 90-minute score, extra time's goals and a
/// shoot-out's winner where the match stayed level, its competition and a day.
type Generated = (bool, (u32, u32), Option<(u32, u32)>, bool, usize, u32);

fn generated() -> impl proptest::strategy::Strategy<Value = Vec<Generated>> {
    use proptest::prelude::*;
    proptest::collection::vec(
        (
            any::<bool>(),
            (0u32..6, 0u32..6),
            proptest::option::of((0u32..3, 0u32..3)),
            any::<bool>(),
            0usize..3,
            0u32..20_000,
        ),
        0..60,
    )
}

fn stored_of(generated: &[Generated]) -> Vec<(Competition, Match)> {
    let comps = [
        competition("league", "League", 1990),
        competition("cup", "Cup", 1990),
        competition("league-cup", "League Cup", 1990),
    ];
    generated
        .iter()
        .map(|&(a_home, (h, a), extra, first_wins_shoot_out, comp, offset)| {
            let (home, away) = if a_home { (A, B) } else { (B, A) };
            let ninety = Score::new(h, a).unwrap();
            // Extra time and a shoot-out only after a level match, as a single match has them.
            let extra = extra
                .filter(|_| h == a)
                .map(|(eh, ea)| Score::new(h + eh, a + ea).unwrap());
            let kicks = match extra {
                Some(e) if e.is_level() && first_wins_shoot_out => Some(score("5-4")),
                Some(e) if e.is_level() => Some(score("2-4")),
                _ => None,
            };
            let result = MatchResult::new(ninety, None, extra, kicks).unwrap();
            let date = day("1950-01-01") + chrono::Days::new(u64::from(offset));
            (comps[comp].clone(), game(&date.to_string(), home, away, result))
        })
        .collect()
}

proptest::proptest! {
    /// The laws of a record: every meeting is won by one side or drawn; the goals are
    /// the meetings' goals; the competitions add up to the whole; and named the other
    /// way round it is the same record mirrored.
    #[test]
    fn the_record_adds_up(generated in generated()) {
        let stored = stored_of(&generated);
        let h2h = record(&stored);
        let totals = h2h.totals();
        proptest::prop_assert_eq!(
            totals.won(Rival::First) + totals.won(Rival::Second) + totals.drawn(),
            totals.played()
        );
        proptest::prop_assert_eq!(totals.played() as usize, stored.len());
        for rival in Rival::BOTH {
            let goals: u32 = h2h.meetings().iter().map(|m| m.goals(rival)).sum();
            proptest::prop_assert_eq!(totals.goals(rival), goals);
            let unbeaten = h2h.meetings().iter().filter(|m| m.unbeaten(rival)).count() as u32;
            proptest::prop_assert_eq!(unbeaten, totals.won(rival) + totals.drawn());
            if let (Some(longest), Some(current)) = (h2h.longest_unbeaten(rival), h2h.current_unbeaten(rival)) {
                proptest::prop_assert!(longest.length() >= current.length());
            }
            proptest::prop_assert_eq!(h2h.longest_unbeaten(rival).is_none(), unbeaten == 0);
        }
        let mut summed = Totals::default();
        for c in h2h.competitions() {
            let t = c.totals();
            summed.won[0] += t.won(Rival::First);
            summed.won[1] += t.won(Rival::Second);
            summed.drawn += t.drawn();
            summed.goals[0] += t.goals(Rival::First);
            summed.goals[1] += t.goals(Rival::Second);
        }
        proptest::prop_assert_eq!(summed, totals);
        proptest::prop_assert!(h2h.meetings().windows(2).all(|w| w[0].date() <= w[1].date()));
        let catalogue = no_catalogue();
        let mirrored = HeadToHead::between(B, A, stored.iter().map(|(c, m)| (c, m.clone())), everything(&catalogue)).unwrap();
        let m = mirrored.totals();
        proptest::prop_assert_eq!(
            (m.won(Rival::First), m.drawn(), m.won(Rival::Second), m.goals(Rival::First), m.goals(Rival::Second)),
            (totals.won(Rival::Second), totals.drawn(), totals.won(Rival::First), totals.goals(Rival::Second), totals.goals(Rival::First))
        );
    }
}
