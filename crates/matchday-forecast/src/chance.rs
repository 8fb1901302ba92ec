//! A chance written as people read it, the same in the terminal and on the season page.

/// A probability as people read it: "100%" and "0%" only when `certain` says the
/// exact method settled it (true: certain of it, false: certain to miss it), so a
/// rare outcome no simulation hit still reads "<0.1%" and one every simulation hit
/// ">99.9%"; a tenth of a percent near either end, whole percents between.
///
/// ```
/// use matchday_forecast::chance_text;
/// assert_eq!(chance_text(1.0, None), ">99.9%");
/// assert_eq!(chance_text(1.0, Some(true)), "100%");
/// assert_eq!(chance_text(0.456, None), "46%");
/// ```
pub fn chance_text(p: f64, certain: Option<bool>) -> String {
    match certain {
        Some(true) => "100%".into(),
        Some(false) => "0%".into(),
        None if p >= 0.9995 => ">99.9%".into(),
        None if p < 0.0005 => "<0.1%".into(),
        None if !(0.01..=0.99).contains(&p) => format!("{:.1}%", p * 100.0),
        None => format!("{:.0}%", p * 100.0),
    }
}

#[cfg(test)]
mod tests {
    use super::chance_text;

    #[test]
    fn only_what_is_settled_reads_100_or_0() {
        assert_eq!(chance_text(1.0, None), ">99.9%");
        assert_eq!(chance_text(0.0, None), "<0.1%");
        assert_eq!(chance_text(0.0004, None), "<0.1%");
        assert_eq!(chance_text(0.9996, None), ">99.9%");
        assert_eq!(chance_text(0.9994, None), "99.9%");
        assert_eq!(chance_text(1.0, Some(true)), "100%");
        assert_eq!(chance_text(0.0, Some(false)), "0%");
        assert_eq!(chance_text(0.004, None), "0.4%");
        assert_eq!(chance_text(0.996, None), "99.6%");
        assert_eq!(chance_text(0.5, None), "50%");
    }
}
