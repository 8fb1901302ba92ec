//! Playing one match or one knockout tie of a simulated tournament.
//!
//! 90 minutes are drawn from the [`MatchModel`]'s score grid (Dixon-Coles, with the
//! home edge, or none on neutral ground). Extra time is a shorter match: each side
//! scores as a Poisson count at a third of its 90-minute rate (30 minutes of 90,
//! no low-score correction). A penalty shoot-out is a coin toss: published records
//! of shoot-outs show the stronger side, or the side kicking first, winning barely
//! more than half of them, so the model gives each side exactly one half.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt};

use crate::MatchModel;
use crate::simulate::{AliasCell, alias_table, draw};

/// How a knockout tie is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TiePlay {
    /// One match; extra time and penalties when level.
    Single,
    /// One match, replayed at the other ground while level; the replay goes to
    /// extra time and penalties.
    Replayed,
    /// Two legs, the first at the first team's ground; aggregate, then away goals
    /// where the competition counts them, then extra time in the second leg, then penalties.
    TwoLegs,
}

/// What is known of a tie before the simulation plays the rest of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TieStart {
    /// How it is played.
    pub play: TiePlay,
    /// Played at a neutral ground (a single match or replay).
    pub neutral: bool,
    /// The first leg's 90-minute score from the first team's side (two legs).
    pub first_leg: Option<(u8, u8)>,
    /// Meetings already played and level (replayed ties): the next one is at the
    /// ground of the team that played away in the last.
    pub level_meetings: u8,
}

impl TieStart {
    /// A tie not begun.
    pub fn fresh(play: TiePlay, neutral: bool) -> TieStart {
        TieStart {
            play,
            neutral,
            first_leg: None,
            level_meetings: 0,
        }
    }
}

/// Score grids and rates for every pair of the teams still in, ready to draw from.
pub(crate) struct Pitch<'m> {
    model: &'m MatchModel,
    n: usize,
    /// `home[a * n + b]`: a at home to b; empty when every match is on neutral ground.
    home: Vec<Vec<AliasCell>>,
    /// `neutral[a * n + b]`: a and b on neutral ground.
    neutral: Vec<Vec<AliasCell>>,
    size: usize,
    away_goals: bool,
}

impl<'m> Pitch<'m> {
    /// Grids for the teams `alive` (model indices; others are never drawn), home and
    /// away unless `all_neutral`.
    pub fn new(
        model: &'m MatchModel,
        n: usize,
        alive: &[bool],
        all_neutral: bool,
        away_goals: bool,
    ) -> Pitch<'m> {
        let grids = |neutral: bool| -> Vec<Vec<AliasCell>> {
            (0..n * n)
                .map(|cell| {
                    let (a, b) = (cell / n, cell % n);
                    if a == b || !alive[a] || !alive[b] {
                        Vec::new()
                    } else {
                        alias_table(&model.score_grid_at(a, b, neutral))
                    }
                })
                .collect()
        };
        Pitch {
            model,
            n,
            home: if all_neutral { Vec::new() } else { grids(false) },
            neutral: grids(true),
            size: usize::from(model.max_goals()) + 1,
            away_goals,
        }
    }

    /// 90 minutes between `a` (at home unless `neutral`) and `b`: a's goals, b's goals.
    pub fn ninety(&self, rng: &mut Xoshiro256PlusPlus, a: usize, b: usize, neutral: bool) -> (u8, u8) {
        let grids = if neutral || self.home.is_empty() {
            &self.neutral
        } else {
            &self.home
        };
        let cell = draw(&grids[a * self.n + b], rng.next_u64());
        ((cell / self.size) as u8, (cell % self.size) as u8)
    }

    /// Extra time between `a` (at home unless `neutral`) and `b`: a third of each side's rate.
    pub fn extra_time(&self, rng: &mut Xoshiro256PlusPlus, a: usize, b: usize, neutral: bool) -> (u8, u8) {
        let (la, lb) = if neutral || self.home.is_empty() {
            self.model.expected_goals_neutral(a, b)
        } else {
            self.model.expected_goals(a, b)
        };
        (poisson(rng, la / 3.0), poisson(rng, lb / 3.0))
    }

    /// Whether `a` wins a shoot-out against `b`: a coin toss (see the module notes).
    pub fn penalties(rng: &mut Xoshiro256PlusPlus) -> bool {
        rng.next_u64() >> 63 == 0
    }

    /// A single match decided on the day: 90 minutes, then extra time, then penalties.
    /// Whether `a` goes through.
    fn decided_on_the_day(&self, rng: &mut Xoshiro256PlusPlus, a: usize, b: usize, neutral: bool) -> bool {
        let (ga, gb) = self.ninety(rng, a, b, neutral);
        if ga != gb {
            return ga > gb;
        }
        let (ea, eb) = self.extra_time(rng, a, b, neutral);
        if ea != eb {
            return ea > eb;
        }
        Pitch::penalties(rng)
    }

    /// Plays the rest of the tie between `a` (first named) and `b`: whether `a` goes through.
    pub fn tie(&self, rng: &mut Xoshiro256PlusPlus, a: usize, b: usize, start: TieStart) -> bool {
        match start.play {
            TiePlay::Single => self.decided_on_the_day(rng, a, b, start.neutral),
            TiePlay::Replayed => {
                // The first meeting at a's ground, a replay at b's, and so on; the
                // first replay is the last, settled on the day.
                if start.level_meetings == 0 {
                    let (ga, gb) = self.ninety(rng, a, b, start.neutral);
                    if ga != gb {
                        return ga > gb;
                    }
                }
                let a_at_home = start.level_meetings.max(1).is_multiple_of(2);
                if a_at_home || start.neutral {
                    self.decided_on_the_day(rng, a, b, start.neutral)
                } else {
                    !self.decided_on_the_day(rng, b, a, start.neutral)
                }
            }
            TiePlay::TwoLegs => {
                let (a1, b1) = match start.first_leg {
                    Some(leg) => leg,
                    None => self.ninety(rng, a, b, false),
                };
                // The second leg at b's ground: b's goals first.
                let (b2, a2) = self.ninety(rng, b, a, false);
                self.after_two_legs(rng, a, b, (a1, b1), (b2, a2))
            }
        }
    }

    /// Who goes through once both legs' 90 minutes are known: `first` is a's home leg
    /// (a's goals, b's), `second` b's home leg (b's goals, a's). Whether `a` goes through.
    pub fn after_two_legs(
        &self,
        rng: &mut Xoshiro256PlusPlus,
        a: usize,
        b: usize,
        first: (u8, u8),
        second: (u8, u8),
    ) -> bool {
        let total_a = u32::from(first.0) + u32::from(second.1);
        let total_b = u32::from(first.1) + u32::from(second.0);
        if total_a != total_b {
            return total_a > total_b;
        }
        // Away goals: a's in the second leg, b's in the first.
        if self.away_goals && second.1 != first.1 {
            return second.1 > first.1;
        }
        let (eb, ea) = self.extra_time(rng, b, a, false);
        if ea != eb {
            return ea > eb;
        }
        // Goals in extra time were scored away by a, so a level extra time with goals
        // sends a through where away goals count.
        if self.away_goals && ea > 0 {
            return true;
        }
        Pitch::penalties(rng)
    }
}

/// A Poisson count with mean `lambda` (small, as extra time's rates are): Knuth's product of uniforms.
fn poisson(rng: &mut Xoshiro256PlusPlus, lambda: f64) -> u8 {
    let limit = (-lambda).exp();
    let mut product: f64 = rng.random();
    let mut count = 0u8;
    while product > limit && count < 30 {
        count += 1;
        product *= rng.random::<f64>();
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ModelOptions, PlayedResult};
    use chrono::NaiveDate;
    use rand::SeedableRng;

    /// Two teams: 0 much stronger than 1, from results between them.
    fn lopsided() -> MatchModel {
        let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let results: Vec<PlayedResult> = (0..20)
            .map(|i| PlayedResult {
                home: i % 2,
                away: 1 - i % 2,
                home_goals: if i % 2 == 0 { 4 } else { 0 },
                away_goals: if i % 2 == 0 { 0 } else { 3 },
                date: day,
            })
            .collect();
        MatchModel::fit_results(2, &results, Some(day), &ModelOptions::default())
    }

    fn even() -> MatchModel {
        MatchModel::fit_results(2, &[], None, &ModelOptions::default())
    }

    fn share(pitch: &Pitch<'_>, start: TieStart, runs: u32) -> f64 {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let won = (0..runs).filter(|_| pitch.tie(&mut rng, 0, 1, start)).count();
        won as f64 / f64::from(runs)
    }

    #[test]
    fn the_aggregate_decides_two_legs_before_anything_else() {
        let model = even();
        let pitch = Pitch::new(&model, 2, &[true, true], false, true);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        // 2-1 at home, 0-0 away: a through on aggregate.
        assert!(pitch.after_two_legs(&mut rng, 0, 1, (2, 1), (0, 0)));
        // 0-1 at home, 2-0 away for b: b through 3-0.
        assert!(!pitch.after_two_legs(&mut rng, 0, 1, (0, 1), (2, 0)));
    }

    #[test]
    fn away_goals_separate_a_level_aggregate_only_where_they_count() {
        let model = even();
        let counted = Pitch::new(&model, 2, &[true, true], false, true);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        // 1-1 at home, 2-2 away: 3-3 on aggregate, a scored 2 away and b 1.
        assert!(counted.after_two_legs(&mut rng, 0, 1, (1, 1), (2, 2)));
        // 2-2 at home, 1-1 away: b scored 2 away, a 1.
        assert!(!counted.after_two_legs(&mut rng, 0, 1, (2, 2), (1, 1)));
        // Without away goals the same tie goes to extra time and penalties: either may win.
        let plain = Pitch::new(&model, 2, &[true, true], false, false);
        let wins = (0..2000)
            .filter(|_| plain.after_two_legs(&mut rng, 0, 1, (2, 2), (1, 1)))
            .count();
        assert!((800..1200).contains(&wins), "{wins}");
    }

    #[test]
    fn penalties_are_a_coin_toss() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let heads = (0..100_000).filter(|_| Pitch::penalties(&mut rng)).count();
        assert!((49_000..51_000).contains(&heads), "{heads}");
    }

    #[test]
    fn equal_teams_on_neutral_ground_are_even_and_the_stronger_side_is_favoured() {
        let model = even();
        let pitch = Pitch::new(&model, 2, &[true, true], true, false);
        let p = share(&pitch, TieStart::fresh(TiePlay::Single, true), 40_000);
        assert!((p - 0.5).abs() < 0.015, "{p}");
        let strong = lopsided();
        let pitch = Pitch::new(&strong, 2, &[true, true], false, false);
        for play in [TiePlay::Single, TiePlay::Replayed, TiePlay::TwoLegs] {
            let p = share(&pitch, TieStart::fresh(play, false), 20_000);
            assert!(p > 0.8, "{play:?}: {p}");
        }
    }

    #[test]
    fn a_first_leg_played_counts_toward_the_aggregate() {
        let model = even();
        let pitch = Pitch::new(&model, 2, &[true, true], false, false);
        let start = TieStart {
            first_leg: Some((5, 0)),
            ..TieStart::fresh(TiePlay::TwoLegs, false)
        };
        // Five goals up after the first leg between equal sides: almost always through.
        assert!(share(&pitch, start, 10_000) > 0.99);
    }

    #[test]
    fn extra_time_scores_about_a_third_of_a_match() {
        let model = even();
        let pitch = Pitch::new(&model, 2, &[true, true], true, false);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        let runs = 50_000;
        let (mut ninety, mut extra) = (0u32, 0u32);
        for _ in 0..runs {
            let (a, b) = pitch.ninety(&mut rng, 0, 1, true);
            ninety += u32::from(a) + u32::from(b);
            let (a, b) = pitch.extra_time(&mut rng, 0, 1, true);
            extra += u32::from(a) + u32::from(b);
        }
        let ratio = f64::from(extra) / f64::from(ninety);
        assert!((ratio - 1.0 / 3.0).abs() < 0.03, "{ratio}");
    }
}
