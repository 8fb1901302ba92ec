//! Shared by the integration tests.

#![allow(dead_code)]

pub mod england;

use matchday_forecast::{PointsScheme, PositionRange};

/// Best and worst positions by trying every outcome of `fixtures`.
pub fn brute_force(points: &[i32], fixtures: &[(usize, usize)], scheme: PointsScheme) -> Vec<PositionRange> {
    let n = points.len();
    let mut ranges = vec![
        PositionRange {
            best: n as u16,
            worst: 1,
            exact: true
        };
        n
    ];
    let mut finals = vec![0i32; n];
    for code in 0..3usize.pow(fixtures.len() as u32) {
        finals.copy_from_slice(points);
        let mut c = code;
        for &(h, a) in fixtures {
            let (ph, pa) = match c % 3 {
                0 => (scheme.win, scheme.loss),
                1 => (scheme.draw, scheme.draw),
                _ => (scheme.loss, scheme.win),
            };
            finals[h] += i32::from(ph);
            finals[a] += i32::from(pa);
            c /= 3;
        }
        for x in 0..n {
            let above = finals.iter().filter(|&&p| p > finals[x]).count() as u16;
            let level_or_above = finals.iter().filter(|&&p| p >= finals[x]).count() as u16;
            ranges[x].best = ranges[x].best.min(1 + above);
            ranges[x].worst = ranges[x].worst.max(level_or_above);
        }
    }
    ranges
}
