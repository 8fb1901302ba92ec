//! A match's closing betting odds: the market's last word before kick-off, kept as
//! the bookmaker gave them (decimal odds) with where they came from.

use serde::{Deserialize, Serialize};

/// Whose closing odds a match carries, best first: a file's row gives the first of
/// these it has whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OddsSource {
    /// Pinnacle's closing odds: the sharpest, with the smallest margin.
    Pinnacle,
    /// The average of the bookmakers' closing odds.
    MarketAverage,
    /// Bet365's closing odds.
    Bet365,
}

impl OddsSource {
    /// Every source, best first.
    pub const ALL: [OddsSource; 3] = [
        OddsSource::Pinnacle,
        OddsSource::MarketAverage,
        OddsSource::Bet365,
    ];

    /// The name stored and shown: `pinnacle`, `market_average`, `bet365`.
    pub fn as_str(self) -> &'static str {
        match self {
            OddsSource::Pinnacle => "pinnacle",
            OddsSource::MarketAverage => "market_average",
            OddsSource::Bet365 => "bet365",
        }
    }
}

impl std::fmt::Display for OddsSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for OddsSource {
    type Err = OddsError;

    fn from_str(text: &str) -> Result<OddsSource, OddsError> {
        OddsSource::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| OddsError::UnknownSource(text.to_string()))
    }
}

/// Decimal odds that cannot be a bookmaker's price, or a source not known.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OddsError {
    /// Odds of 1 or less pay nothing back (or less than the stake); NaN and infinity are no price.
    #[error("{0} is not a decimal price: odds must be a finite number above 1")]
    NotAPrice(f64),
    /// A source name that is none of [`OddsSource::ALL`].
    #[error("unknown odds source '{0}': use pinnacle, market_average or bet365")]
    UnknownSource(String),
}

/// One match's closing decimal odds on a home win, a draw and an away win, as given,
/// with their source. Every price is finite and above 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ClosingOddsParts", into = "ClosingOddsParts")]
pub struct ClosingOdds {
    source: OddsSource,
    home: f64,
    draw: f64,
    away: f64,
}

// Every price is finite (the constructor's check), so equality is total.
impl Eq for ClosingOdds {}

/// [`ClosingOdds`] as plain fields, for (de)serialising through [`ClosingOdds::new`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClosingOddsParts {
    /// Whose odds.
    pub source: OddsSource,
    /// Decimal odds on a home win.
    pub home: f64,
    /// On a draw.
    pub draw: f64,
    /// On an away win.
    pub away: f64,
}

impl TryFrom<ClosingOddsParts> for ClosingOdds {
    type Error = OddsError;

    fn try_from(p: ClosingOddsParts) -> Result<ClosingOdds, OddsError> {
        ClosingOdds::new(p.source, p.home, p.draw, p.away)
    }
}

impl From<ClosingOdds> for ClosingOddsParts {
    fn from(o: ClosingOdds) -> ClosingOddsParts {
        ClosingOddsParts {
            source: o.source,
            home: o.home,
            draw: o.draw,
            away: o.away,
        }
    }
}

impl ClosingOdds {
    /// Closing odds from `source` on a home win, a draw and an away win.
    ///
    /// # Errors
    /// [`OddsError::NotAPrice`] naming the first price that is not finite and above 1.
    ///
    /// ```
    /// use matchday_core::{ClosingOdds, OddsSource};
    /// let odds = ClosingOdds::new(OddsSource::Pinnacle, 2.0, 3.6, 4.0)?;
    /// assert_eq!(odds.home(), 2.0);
    /// assert!(ClosingOdds::new(OddsSource::Bet365, 1.0, 3.6, 4.0).is_err());
    /// # Ok::<(), matchday_core::OddsError>(())
    /// ```
    pub fn new(source: OddsSource, home: f64, draw: f64, away: f64) -> Result<ClosingOdds, OddsError> {
        if let Some(bad) = [home, draw, away]
            .into_iter()
            .find(|o| !(o.is_finite() && *o > 1.0))
        {
            return Err(OddsError::NotAPrice(bad));
        }
        Ok(ClosingOdds {
            source,
            home,
            draw,
            away,
        })
    }

    /// Whose odds these are.
    pub fn source(&self) -> OddsSource {
        self.source
    }

    /// Decimal odds on a home win.
    pub fn home(&self) -> f64 {
        self.home
    }

    /// Decimal odds on a draw.
    pub fn draw(&self) -> f64 {
        self.draw
    }

    /// Decimal odds on an away win.
    pub fn away(&self) -> f64 {
        self.away
    }

    /// The bookmaker's margin (overround): the implied probabilities' sum less one.
    pub fn margin(&self) -> f64 {
        1.0 / self.home + 1.0 / self.draw + 1.0 / self.away - 1.0
    }

    /// Home win, draw and away win probabilities with the margin taken out
    /// proportionally: each outcome's implied probability (1 / odds) divided by the
    /// three's sum. The simplest of the usual methods (others, such as Shin's, move
    /// more of the margin onto long shots); it is what the published comparisons of
    /// forecasts against closing odds mostly use.
    ///
    /// ```
    /// use matchday_core::{ClosingOdds, OddsSource};
    /// let p = ClosingOdds::new(OddsSource::Pinnacle, 2.0, 4.0, 4.0)?.probabilities();
    /// assert_eq!(p, [0.5, 0.25, 0.25]);
    /// # Ok::<(), matchday_core::OddsError>(())
    /// ```
    pub fn probabilities(&self) -> [f64; 3] {
        let implied = [1.0 / self.home, 1.0 / self.draw, 1.0 / self.away];
        let sum: f64 = implied.iter().sum();
        implied.map(|p| p / sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_finite_prices_above_one_are_odds() {
        for bad in [1.0, 0.5, 0.0, -2.0, f64::NAN, f64::INFINITY] {
            for at in 0..3 {
                let mut prices = [2.0, 3.0, 4.0];
                prices[at] = bad;
                let made = ClosingOdds::new(OddsSource::Pinnacle, prices[0], prices[1], prices[2]);
                assert!(matches!(made, Err(OddsError::NotAPrice(_))), "{prices:?}");
            }
        }
        assert!(ClosingOdds::new(OddsSource::Bet365, 1.01, 26.0, 101.0).is_ok());
    }

    #[test]
    fn the_margin_is_taken_out_proportionally() {
        // A 5% book: 1/1.9 + 1/3.5 + 1/4.2 = 1.0499...
        let odds = ClosingOdds::new(OddsSource::MarketAverage, 1.9, 3.5, 4.2).unwrap();
        let sum = 1.0 / 1.9 + 1.0 / 3.5 + 1.0 / 4.2;
        assert!((odds.margin() - (sum - 1.0)).abs() < 1e-15);
        let p = odds.probabilities();
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        for (got, price) in p.iter().zip([1.9, 3.5, 4.2]) {
            assert!((got - 1.0 / price / sum).abs() < 1e-15);
        }
        // Ordered as the prices: the shortest price is the likeliest.
        assert!(p[0] > p[1] && p[1] > p[2]);
    }

    #[test]
    fn serde_goes_through_the_check() {
        let odds = ClosingOdds::new(OddsSource::Pinnacle, 2.1, 3.4, 3.5).unwrap();
        let json = serde_json::to_string(&odds).unwrap();
        assert_eq!(json, r#"{"source":"pinnacle","home":2.1,"draw":3.4,"away":3.5}"#);
        assert_eq!(serde_json::from_str::<ClosingOdds>(&json).unwrap(), odds);
        let bad = r#"{"source":"pinnacle","home":0.9,"draw":3.4,"away":3.5}"#;
        assert!(serde_json::from_str::<ClosingOdds>(bad).is_err());
        let unknown = r#"{"source":"tote","home":2.1,"draw":3.4,"away":3.5}"#;
        assert!(serde_json::from_str::<ClosingOdds>(unknown).is_err());
    }

    #[test]
    fn sources_read_back_from_their_names() {
        for source in OddsSource::ALL {
            assert_eq!(source.as_str().parse::<OddsSource>().unwrap(), source);
        }
        assert!("betfair".parse::<OddsSource>().is_err());
    }
}
