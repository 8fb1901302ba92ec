//! A club's league history as one chart: its final place each season, drawn on
//! the pyramid's scale (see [`matchday_core::Pyramid`]) over bands for the tiers,
//! so that a season in the Second Division lies below the First Division's band.
//! The words (the caption, the tiers' names) come in with the values.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use matchday_core::{Band, Season, Tier};

use crate::ReportError;
use crate::chart::{BACKGROUND, GRID, INK, ZONE_INK, with_head};

/// One season of a club's league history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryPoint {
    /// The season.
    pub season: Season,
    /// The tiers' bands that season, top first ([`matchday_core::Pyramid::bands`]).
    pub bands: Vec<Band>,
    /// The team's final place on the pyramid's scale; none in a season it played
    /// no league the bands cover (or none at all: the wars).
    pub place: Option<u32>,
    /// Whether it won its league that season: the point is drawn larger.
    pub champion: bool,
}

/// What [`history_svg`] draws.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryChart {
    /// The caption: "Liverpool: league position 1893-94 to 2022-23".
    pub title: String,
    /// Every season from the first to the last, oldest first.
    pub seasons: Vec<HistoryPoint>,
    /// The names each tier's leagues had ("First Division", "Premier League"), written
    /// one a line under "Tier 1" beside its band.
    pub tier_names: Vec<(Tier, Vec<String>)>,
}

const WIDTH: u32 = 960;
const HEIGHT: u32 = 540;
/// Room on the right for the tiers' names.
const NAMES_WIDTH: u32 = 190;
/// The line and its points.
const LINE: RGBColor = RGBColor(0xC8, 0x10, 0x2E);
/// Points of a season won.
const TITLE: RGBColor = RGBColor(0xD4, 0xA0, 0x17);
/// Band shades, tier 1 first; deeper tiers take them again.
const BANDS: [RGBColor; 4] = [
    RGBColor(0x2E, 0x8B, 0x57),
    RGBColor(0x1F, 0x77, 0xB4),
    RGBColor(0xFF, 0x7F, 0x0E),
    RGBColor(0x94, 0x67, 0xBD),
];

/// The chart as a standalone SVG document (no XML prolog).
///
/// # Errors
/// [`ReportError::NothingToChart`] when no season has a place on the scale.
pub fn history_svg(chart: &HistoryChart) -> Result<String, ReportError> {
    if chart.seasons.iter().all(|s| s.place.is_none()) {
        return Err(ReportError::NothingToChart);
    }
    let mut svg = String::new();
    draw(&mut svg, chart).map_err(|e| ReportError::Drawing(e.to_string()))?;
    with_head(&mut svg, &chart.title);
    Ok(svg)
}

fn year(season: Season) -> f64 {
    f64::from(season.start_year())
}

fn draw(svg: &mut String, chart: &HistoryChart) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&BACKGROUND)?;
    let (plot_area, _) = root.split_horizontally(WIDTH - NAMES_WIDTH);
    let first = chart.seasons.first().map_or(0.0, |s| year(s.season));
    let last = chart.seasons.last().map_or(0.0, |s| year(s.season));
    let deepest = chart
        .seasons
        .iter()
        .flat_map(|s| s.bands.iter().map(|b| b.last).chain(s.place))
        .max()
        .unwrap_or(1);
    // Places are drawn negated, so the top of the pyramid is at the top.
    let y_low = -f64::from(deepest) - 0.5;
    let mut plot = ChartBuilder::on(&plot_area)
        .caption(&chart.title, ("sans-serif", 22).into_font().color(&INK))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(first - 0.5..last + 0.5, y_low..-0.5)?;
    plot.configure_mesh()
        .disable_x_mesh()
        .disable_y_mesh()
        .axis_style(INK)
        .x_labels(0)
        .y_labels(0)
        .x_desc("Season (the year it began)")
        .y_desc("Place down the league pyramid")
        .axis_desc_style(("sans-serif", 14).into_font().color(&INK))
        .draw()?;

    // Bands: one rectangle per run of seasons in which a tier kept its places.
    let mut runs: Vec<(Band, f64, f64)> = Vec::new();
    for point in &chart.seasons {
        let x = year(point.season);
        for band in &point.bands {
            match runs.iter_mut().rev().find(|(b, ..)| b.tier == band.tier) {
                Some((b, _, end)) if b == band && (x - *end - 1.0).abs() < 1e-9 => *end = x,
                _ => runs.push((*band, x, x)),
            }
        }
    }
    for (band, from, to) in &runs {
        let shade = BANDS[usize::from(band.tier.level() - 1) % BANDS.len()];
        plot.draw_series(std::iter::once(Rectangle::new(
            [
                (from - 0.5, -f64::from(band.first) + 0.5),
                (to + 0.5, -f64::from(band.last) - 0.5),
            ],
            shade.mix(0.14).filled(),
        )))?;
    }

    let label_style = ("sans-serif", 13).into_font().color(&INK);
    let (x_left, y_foot) = plot.backend_coord(&(first - 0.5, y_low));
    let (x_right, _) = plot.backend_coord(&(last + 0.5, y_low));
    for key in place_keys(deepest) {
        let (_, y) = plot.backend_coord(&(first, -f64::from(key)));
        root.draw(&PathElement::new(
            vec![(x_left, y), (x_right, y)],
            GRID.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            key.to_string(),
            (x_left - 6, y),
            label_style.pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
    }
    let decade = |y: f64| (y / 10.0).ceil() as i32 * 10;
    let mut tick = decade(first - 0.5);
    while f64::from(tick) <= last + 0.5 {
        let (x, _) = plot.backend_coord(&(f64::from(tick), y_low));
        root.draw(&PathElement::new(
            vec![(x, y_foot), (x, y_foot + 5)],
            INK.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            tick.to_string(),
            (x, y_foot + 7),
            label_style.pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        tick += 10;
    }

    // The line breaks where a season has no place (no league played): the wars.
    let mut stretch: Vec<(f64, f64)> = Vec::new();
    let mut stretches = Vec::new();
    let mut previous: Option<f64> = None;
    for point in &chart.seasons {
        let x = year(point.season);
        match point.place {
            Some(place) => {
                if previous.is_some_and(|p| x - p > 1.0 + 1e-9) {
                    stretches.push(std::mem::take(&mut stretch));
                }
                stretch.push((x, -f64::from(place)));
                previous = Some(x);
            }
            None => {
                stretches.push(std::mem::take(&mut stretch));
                previous = None;
            }
        }
    }
    stretches.push(stretch);
    // A season alone is its point only.
    for stretch in stretches.into_iter().filter(|s| s.len() > 1) {
        plot.draw_series(LineSeries::new(stretch, LINE.stroke_width(2)))?;
    }
    for point in &chart.seasons {
        let Some(place) = point.place else { continue };
        let at = (year(point.season), -f64::from(place));
        let marker = if point.champion {
            Circle::new(at, 4, TITLE.filled())
        } else {
            Circle::new(at, 2, LINE.filled())
        };
        plot.draw_series(std::iter::once(marker))?;
    }

    // The tiers' names on the right, level with their bands in the last season drawn.
    let name_x = (WIDTH - NAMES_WIDTH) as i32 + 6;
    let mut named = Vec::new();
    for (band, _, to) in runs.iter().rev() {
        if named.contains(&band.tier) {
            continue;
        }
        named.push(band.tier);
        let middle = -(f64::from(band.first) + f64::from(band.last)) / 2.0;
        let (_, y) = plot.backend_coord(&(*to, middle));
        let names = chart
            .tier_names
            .iter()
            .find(|(t, _)| *t == band.tier)
            .map_or(&[][..], |(_, n)| n.as_slice());
        let lines = std::iter::once(format!("Tier {}", band.tier)).chain(names.iter().cloned());
        // The lines centred on the band's middle, 16 pixels apart.
        let top = y - 8 * i32::try_from(names.len()).unwrap_or(0);
        let shade = BANDS[usize::from(band.tier.level() - 1) % BANDS.len()];
        root.draw(&Rectangle::new(
            [(name_x, top - 6), (name_x + 10, top + 6)],
            shade.mix(0.5).filled(),
        ))?;
        for (i, line) in lines.enumerate() {
            let style = ("sans-serif", 14)
                .into_font()
                .style(if i == 0 {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                })
                .color(&ZONE_INK)
                .pos(Pos::new(HPos::Left, VPos::Center));
            let line_y = top + 16 * i32::try_from(i).unwrap_or(0);
            root.draw(&Text::new(line, (name_x + 15, line_y), style))?;
        }
    }
    root.present()?;
    Ok(())
}

/// Places marked on the vertical axis: 1, then every tenth.
fn place_keys(deepest: u32) -> Vec<u32> {
    std::iter::once(1).chain((10..=deepest).step_by(10)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(level: u8) -> Tier {
        Tier::new(level).unwrap()
    }

    fn band(level: u8, first: u32, last: u32) -> Band {
        Band {
            tier: tier(level),
            first,
            last,
        }
    }

    /// Four seasons: 1st in the second tier, promoted, 22nd in the top flight, then
    /// a season with no league (a war), then champions.
    fn chart() -> HistoryChart {
        let bands = vec![band(1, 1, 22), band(2, 23, 44)];
        let point = |year, place, champion| HistoryPoint {
            season: Season::starting(year),
            bands: bands.clone(),
            place,
            champion,
        };
        HistoryChart {
            title: "<Liverpool & Co>: league position".into(),
            seasons: vec![
                point(1893, Some(23), true),
                point(1894, Some(22), false),
                HistoryPoint {
                    season: Season::starting(1895),
                    bands: Vec::new(),
                    place: None,
                    champion: false,
                },
                point(1896, Some(1), true),
            ],
            tier_names: vec![(tier(1), vec!["First Division".into(), "Premier League".into()])],
        }
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).expect("the SVG is XML")
    }

    #[test]
    fn the_second_tier_is_drawn_below_the_first() {
        let svg = history_svg(&chart()).unwrap();
        let doc = parse(&svg);
        let circles: Vec<(f64, f64)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .map(|n| {
                let at = |a| n.attribute(a).unwrap().parse::<f64>().unwrap();
                (at("cx"), at("cy"))
            })
            .collect();
        assert_eq!(circles.len(), 3, "one point a season with a place");
        // 1st of the second tier (23) lies below 22nd of the first, which lies below 1st.
        assert!(circles[0].1 > circles[1].1, "{circles:?}");
        assert!(circles[1].1 > circles[2].1, "{circles:?}");
        assert!(circles[0].0 < circles[1].0 && circles[1].0 < circles[2].0);
    }

    #[test]
    fn the_line_breaks_where_no_league_was_played() {
        let svg = history_svg(&chart()).unwrap();
        let lines = parse(&svg)
            .descendants()
            .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#C8102E"))
            .count();
        assert_eq!(lines, 1, "1893-94 to 1894-95 joined; 1896-97 a point alone");
    }

    #[test]
    fn bands_are_named_titles_marked_and_words_escaped() {
        let svg = history_svg(&chart()).unwrap();
        let doc = parse(&svg);
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or("").trim().to_string())
            .collect();
        for words in ["Tier 1", "First Division", "Premier League"] {
            assert!(texts.contains(&words.to_string()), "{words} in {texts:?}");
        }
        assert!(
            texts.contains(&"Tier 2".to_string()),
            "an unnamed tier by its number"
        );
        assert!(texts.iter().any(|t| t.starts_with("Season")), "axis titles");
        assert!(texts.iter().any(|t| t.starts_with("Place down")), "axis titles");
        let titles = doc
            .descendants()
            .filter(|n| n.has_tag_name("circle") && n.attribute("fill") == Some("#D4A017"))
            .count();
        assert_eq!(titles, 2);
        assert!(svg.contains("&lt;Liverpool &amp; Co&gt;"));
        assert!(svg.contains("prefers-color-scheme: dark"));
    }

    #[test]
    fn nothing_to_chart_without_a_place() {
        let mut empty = chart();
        for point in &mut empty.seasons {
            point.place = None;
        }
        assert!(matches!(history_svg(&empty), Err(ReportError::NothingToChart)));
    }

    #[test]
    fn the_axis_marks_first_place_and_every_tenth() {
        assert_eq!(place_keys(44), vec![1, 10, 20, 30, 40]);
        assert_eq!(place_keys(8), vec![1]);
    }
}
