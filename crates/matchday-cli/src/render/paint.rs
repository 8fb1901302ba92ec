//! Colour where it helps: text with the styles it is shown in on a colour
//! terminal, the palette, and how each zone of a table looks.
//!
//! Colour is only ever added: the same text without it says everything (a
//! zone is named in its column, form is W/D/L), so output without colour
//! loses nothing but the quick glance.

use anstyle::{AnsiColor, Color, Style};

const fn fg(colour: AnsiColor) -> Style {
    Style::new().fg_color(Some(Color::Ansi(colour)))
}

/// A win in a form guide, a club moving up.
pub const WIN: Style = fg(AnsiColor::Green);
/// A draw in a form guide.
pub const DRAW: Style = fg(AnsiColor::Yellow);
/// A defeat in a form guide, a club moving down.
pub const LOSS: Style = fg(AnsiColor::Red);
/// What matters less: notes, empty places.
pub const DIM: Style = Style::new().dimmed();
/// Something settled mathematically.
pub const SETTLED: Style = fg(AnsiColor::Cyan);

/// How zones look, by name: the winners bold green, places that go up or on
/// green, the lesser European places and play-offs blue, relegation red.
/// A zone not named here gets [`zone_style`]'s rule.
const ZONES: &[(&str, Style)] = &[
    ("champions", fg(AnsiColor::Green).bold()),
    ("promotion", fg(AnsiColor::Green).bold()),
    ("champions-league", fg(AnsiColor::Green)),
    ("knockout", fg(AnsiColor::Green)),
    ("round-of-16", fg(AnsiColor::Green)),
    ("round-of-32", fg(AnsiColor::Green)),
    ("europa-league", fg(AnsiColor::Blue)),
    ("conference-league", fg(AnsiColor::Cyan)),
    ("third-place", fg(AnsiColor::Cyan)),
    ("promotion-play-off", fg(AnsiColor::Cyan)),
    ("knockout-play-off", fg(AnsiColor::Cyan)),
    ("relegation-play-off", fg(AnsiColor::Yellow)),
    ("relegation", fg(AnsiColor::Red)),
];

/// Short labels for zones where a narrow table cannot name them whole.
const ZONE_LABELS: &[(&str, &str)] = &[
    ("champions", "C"),
    ("promotion", "P"),
    ("champions-league", "CL"),
    ("europa-league", "EL"),
    ("conference-league", "ECL"),
    ("knockout", "KO"),
    ("knockout-play-off", "KPO"),
    ("round-of-16", "R16"),
    ("round-of-32", "R32"),
    ("third-place", "3rd"),
    ("promotion-play-off", "PO"),
    ("relegation-play-off", "RPO"),
    ("relegation", "R"),
];

/// The style a zone is shown in: by its name, else by what the name says.
pub fn zone_style(zone: &str) -> Style {
    if let Some((_, style)) = ZONES.iter().find(|(name, _)| *name == zone) {
        return *style;
    }
    match (zone.contains("relegation"), zone.contains("play-off")) {
        (true, true) => fg(AnsiColor::Yellow),
        (true, false) => fg(AnsiColor::Red),
        (false, true) => fg(AnsiColor::Cyan),
        (false, false) => fg(AnsiColor::Green),
    }
}

/// A short label for a zone: "CL", "R", else the initials of its words.
pub fn zone_label(zone: &str) -> String {
    match ZONE_LABELS.iter().find(|(name, _)| *name == zone) {
        Some((_, label)) => label.to_string(),
        None => zone
            .split(['-', ' ', '_'])
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

/// The key to zone labels a narrow table shows: "C champions, CL champions-league",
/// each zone once, in the order met; `None` for no zones.
pub fn zone_key<'a>(zones: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for zone in zones {
        if !seen.contains(&zone) {
            seen.push(zone);
        }
    }
    let key: Vec<String> = seen.iter().map(|z| format!("{} {z}", zone_label(z))).collect();
    (!key.is_empty()).then(|| key.join(", "))
}

/// Text in spans, each with the style it is shown in when colour is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Painted {
    spans: Vec<(String, Style)>,
}

impl Painted {
    /// Text without colour.
    pub fn plain(text: impl Into<String>) -> Painted {
        Painted::styled(text, Style::new())
    }

    /// Text in one style.
    pub fn styled(text: impl Into<String>, style: Style) -> Painted {
        Painted {
            spans: vec![(text.into(), style)],
        }
    }

    /// Adds `text` in `style`.
    pub fn push(&mut self, text: impl Into<String>, style: Style) -> &mut Painted {
        self.spans.push((text.into(), style));
        self
    }

    /// The same text in bold throughout (the club asked about).
    pub fn strong(mut self) -> Painted {
        for (_, style) in &mut self.spans {
            *style = style.bold();
        }
        self
    }

    /// The text without colour.
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.spans.iter().map(|(t, _)| t.as_str()).collect()
    }

    /// The same text broken into lines no wider than `width`: at spaces, and a word
    /// wider than `width` cut with "…" (see [`super::grid::fit_words`]). The styles
    /// stay on the characters they were on.
    pub fn wrapped(&self, width: usize) -> Painted {
        let plain: String = self.spans.iter().map(|(t, _)| t.as_str()).collect();
        let mut fates = super::grid::fit_words(&plain, width).into_iter();
        // Each character keeps its span; only its fate changes it.
        let spans = self
            .spans
            .iter()
            .map(|(text, style)| {
                let out = text
                    .chars()
                    .filter_map(|c| fates.next().unwrap_or(super::grid::Fate::Kept).befall(c))
                    .collect();
                (out, *style)
            })
            .collect();
        Painted { spans }
    }

    /// The text as drawn: control characters escaped (stored text is never sent
    /// raw), then wrapped in ANSI styles when `colour`, line by line.
    pub fn draw(&self, colour: bool) -> String {
        let mut out = String::new();
        for (text, style) in &self.spans {
            let lines: Vec<String> = text.split('\n').map(|l| super::escaped(l).into_owned()).collect();
            if !colour || style.is_plain() {
                out.push_str(&lines.join("\n"));
            } else {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        if l.is_empty() {
                            String::new()
                        } else {
                            format!("{style}{l}{style:#}")
                        }
                    })
                    .collect();
                out.push_str(&lines.join("\n"));
            }
        }
        out
    }
}

impl From<String> for Painted {
    fn from(text: String) -> Painted {
        Painted::plain(text)
    }
}

impl From<&str> for Painted {
    fn from(text: &str) -> Painted {
        Painted::plain(text)
    }
}

/// A form guide with each result coloured: W green, D yellow, L red.
pub fn form(text: &str) -> Painted {
    let mut painted = Painted::default();
    for c in text.chars() {
        let style = match c {
            'W' => WIN,
            'D' => DRAW,
            'L' => LOSS,
            _ => Style::new(),
        };
        painted.push(c.to_string(), style);
    }
    painted
}

/// Places moved since the previous matchday: "▲2" up, "▼1" down, "" none.
pub fn movement(places_up: i32) -> Painted {
    match places_up {
        0 => Painted::default(),
        n if n > 0 => Painted::styled(format!("▲{n}"), WIN),
        n => Painted::styled(format!("▼{}", -n), LOSS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_is_added_only_when_asked_and_never_hides_escapes() {
        let text = form("WDL");
        assert_eq!(text.draw(false), "WDL");
        let coloured = text.draw(true);
        assert!(coloured.contains("\x1b[32mW\x1b[0m"), "{coloured:?}");
        let hostile = Painted::styled("Zed\x1b[2J", LOSS);
        assert_eq!(hostile.draw(false), "Zed\\u{1b}[2J");
        assert!(!hostile.draw(true).contains("\x1b[2J"));
    }

    #[test]
    fn zones_look_as_their_names_say() {
        assert_eq!(zone_style("relegation"), fg(AnsiColor::Red));
        assert_eq!(zone_style("second-tier-relegation"), fg(AnsiColor::Red));
        assert_eq!(zone_style("some-play-off"), fg(AnsiColor::Cyan));
        assert_eq!(zone_label("champions-league"), "CL");
        assert_eq!(zone_label("super-cup-place"), "SCP");
        assert_eq!(
            zone_key(["relegation", "champions", "relegation"]).as_deref(),
            Some("R relegation, C champions")
        );
        assert_eq!(zone_key([]), None);
    }

    #[test]
    fn movement_reads_with_arrows() {
        assert_eq!(movement(2).text(), "▲2");
        assert_eq!(movement(-1).text(), "▼1");
        assert_eq!(movement(0).text(), "");
    }
}
