//! Charts of a league season: every team's place, points or gap to the leader
//! after each match day ([`Progress`]), drawn as SVG with plotters.
//!
//! The SVG needs no font files: plotters' SVG backend writes `<text>`
//! elements and leaves the glyphs to the viewer, and nothing here measures
//! text except to keep the names at the line ends apart, which goes by line
//! height alone. The chart has its own light background, so it reads the same
//! printed and on a dark page; a viewer that prefers a dark scheme gets dark
//! colours on screen from a `prefers-color-scheme` rule inside the SVG, and
//! prints light whatever the screen prefers.

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use matchday_core::TeamId;

use crate::{Progress, ReportError, TeamProgress, escape};

/// What the chart's vertical axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartKind {
    /// The place in the table, first at the top; zones shaded.
    #[default]
    Position,
    /// Points so far, after deductions.
    Points,
    /// Points behind the leader, the leader at the top.
    Gap,
}

/// What to chart, and how.
#[derive(Debug, Clone, Default)]
pub struct ChartOptions {
    /// What the vertical axis shows.
    pub kind: ChartKind,
    /// The teams to draw, in this order; empty: every team.
    pub teams: Vec<TeamId>,
    /// A team drawn thicker than the others.
    pub highlight: Option<TeamId>,
    /// The caption, such as "Premier League 2023-24".
    pub title: String,
}

/// The SVG's size in pixels.
const WIDTH: u32 = 960;
const HEIGHT: u32 = 540;
/// Room on the right for the names at the line ends.
const NAMES_WIDTH: u32 = 200;
/// The least distance between two names at the line ends.
const NAME_SPACING: i32 = 15;

/// Colours written into the SVG; the dark-scheme rule finds elements by them, so
/// each is used for one thing only and none is a team's colour.
pub(crate) const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFE);
pub(crate) const INK: RGBColor = RGBColor(0x22, 0x22, 0x23);
pub(crate) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDE);
const FAINT_GRID: RGBColor = RGBColor(0xEE, 0xEE, 0xEF);
pub(crate) const ZONE_INK: RGBColor = RGBColor(0x55, 0x55, 0x56);
/// The thin line from a line's end to its name, grey so that each team's colour draws one line only.
const CONNECTOR: RGBColor = RGBColor(0xA0, 0xA0, 0xA1);
const DARK_SCHEME: &str = "@media screen and (prefers-color-scheme: dark) {\
rect[fill=\"#FFFFFE\"] { fill: #16181D }\
text[fill=\"#222223\"] { fill: #E4E4E4 }\
text[fill=\"#555556\"] { fill: #A8A8A8 }\
line[stroke=\"#222223\"], polyline[stroke=\"#222223\"] { stroke: #C8C8C8 }\
line[stroke=\"#DDDDDE\"], polyline[stroke=\"#DDDDDE\"] { stroke: #3A3D44 }\
line[stroke=\"#EEEEEF\"], polyline[stroke=\"#EEEEEF\"] { stroke: #2A2D33 }\
}";

/// Team colours, chosen to stay apart from one another and readable on white and on near-black.
const PALETTE: [RGBColor; 20] = [
    RGBColor(0xD6, 0x27, 0x28),
    RGBColor(0x1F, 0x77, 0xB4),
    RGBColor(0x2C, 0xA0, 0x2C),
    RGBColor(0xFF, 0x7F, 0x0E),
    RGBColor(0x94, 0x67, 0xBD),
    RGBColor(0x8C, 0x56, 0x4B),
    RGBColor(0xE3, 0x77, 0xC2),
    RGBColor(0x17, 0xBE, 0xCF),
    RGBColor(0xBC, 0xBD, 0x22),
    RGBColor(0x7F, 0x7F, 0x7F),
    RGBColor(0x1B, 0x9E, 0x77),
    RGBColor(0xD9, 0x5F, 0x02),
    RGBColor(0x75, 0x70, 0xB3),
    RGBColor(0xE7, 0x29, 0x8A),
    RGBColor(0x66, 0xA6, 0x1E),
    RGBColor(0xE6, 0xAB, 0x02),
    RGBColor(0xA6, 0x76, 0x1D),
    RGBColor(0xB1, 0x59, 0x28),
    RGBColor(0x6A, 0x3D, 0x9A),
    RGBColor(0x5E, 0x81, 0xAC),
];

/// Zone shades: places at the top, and places at the foot of the table.
const TOP_ZONE: RGBColor = RGBColor(0x2E, 0x8B, 0x57);
const BOTTOM_ZONE: RGBColor = RGBColor(0xC0, 0x39, 0x2B);

/// The colour a chart gives its `index`th team, as `#RRGGBB`.
pub fn team_colour(index: usize) -> String {
    let RGBColor(r, g, b) = PALETTE[index % PALETTE.len()];
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The chart as a standalone SVG document (no XML prolog, so it can also sit inside HTML).
pub fn chart_svg(
    progress: &Progress,
    name: &dyn Fn(TeamId) -> String,
    options: &ChartOptions,
) -> Result<String, ReportError> {
    let (Some(&first_day), Some(&last_day)) = (progress.dates.first(), progress.dates.last()) else {
        return Err(ReportError::NothingToChart);
    };
    let lines: Vec<&TeamProgress> = if options.teams.is_empty() {
        progress.lines.iter().filter(|l| !l.steps.is_empty()).collect()
    } else {
        options
            .teams
            .iter()
            .map(|&t| {
                progress
                    .line(t)
                    .filter(|l| !l.steps.is_empty())
                    .ok_or_else(|| ReportError::NoLine(name(t)))
            })
            .collect::<Result<_, _>>()?
    };
    let mut svg = String::new();
    draw(&mut svg, progress, &lines, name, options, first_day, last_day)
        .map_err(|e| ReportError::Drawing(e.to_string()))?;
    with_head(
        &mut svg,
        &format!("{}: {}", options.title, kind_caption(options.kind)),
    );
    Ok(svg)
}

/// Puts a title for screen readers and the dark-scheme rule just inside the `<svg>` element.
pub(crate) fn with_head(svg: &mut String, title: &str) {
    let open_end = svg.find('>').map_or(0, |i| i + 1);
    let head = format!("\n<title>{}</title>\n<style>{DARK_SCHEME}</style>", escape(title));
    svg.insert_str(open_end, &head);
    if svg.starts_with("<svg ") {
        svg.insert_str(4, " role=\"img\"");
    }
}

fn kind_caption(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Position => "place after each match day",
        ChartKind::Points => "points after each match day",
        ChartKind::Gap => "points behind the leader after each match day",
    }
}

/// The value a step is drawn at; places and gaps are drawn negated so the best is on top.
fn value(kind: ChartKind, step: &crate::Step) -> f64 {
    match kind {
        ChartKind::Position => -f64::from(step.position),
        ChartKind::Points => f64::from(step.points),
        ChartKind::Gap => -f64::from(step.gap_to_leader),
    }
}

fn days(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64
}

fn draw(
    svg: &mut String,
    progress: &Progress,
    lines: &[&TeamProgress],
    name: &dyn Fn(TeamId) -> String,
    options: &ChartOptions,
    first_day: NaiveDate,
    last_day: NaiveDate,
) -> Result<(), Box<dyn std::error::Error>> {
    let kind = options.kind;
    let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&BACKGROUND)?;
    let (plot_area, _) = root.split_horizontally(WIDTH - NAMES_WIDTH);

    let x_end = days(first_day, last_day).max(1.0);
    // The first of each month in the season, for the date axis.
    let mut months = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(first_day.year(), first_day.month(), 1).expect("a month");
    while month <= last_day {
        if month >= first_day {
            months.push(days(first_day, month));
        }
        month = month.checked_add_months(chrono::Months::new(1)).expect("a month");
    }
    let values = lines.iter().flat_map(|l| l.steps.iter().map(|s| value(kind, s)));
    let (low, high) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (y_low, y_high, y_keys): (f64, f64, Vec<f64>) = match kind {
        ChartKind::Position => {
            let places = f64::from(progress.places.max(1));
            (
                -places - 0.5,
                -0.5,
                (1..=progress.places).map(|p| -f64::from(p)).collect(),
            )
        }
        // Below zero too, for a side that starts a season on minus points.
        ChartKind::Points => (
            low.min(0.0) - 1.0,
            high.max(1.0) + 2.0,
            nice_keys(low.min(0.0), high.max(1.0)),
        ),
        ChartKind::Gap => (low.min(-1.0) - 1.0, 0.5, nice_keys(low.min(-1.0), 0.0)),
    };
    let first_label = first_day;
    let mut chart = ChartBuilder::on(&plot_area)
        .caption(
            format!("{}: {}", options.title, kind_caption(kind)),
            ("sans-serif", 24).into_font().color(&INK),
        )
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(36)
        .build_cartesian_2d(-1.0..x_end + 1.0, y_low..y_high)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_y_mesh()
        .bold_line_style(GRID)
        .light_line_style(FAINT_GRID)
        .axis_style(INK)
        .label_style(("sans-serif", 13).into_font().color(&INK))
        // Months and round values are drawn below: plotters would pick round numbers of days.
        .x_labels(0)
        .y_labels(0)
        .draw()?;
    let label_style = ("sans-serif", 16).into_font().color(&INK);
    let (x_left, y_foot) = chart.backend_coord(&(-1.0, y_low));
    let (x_right, _) = chart.backend_coord(&(x_end + 1.0, y_low));
    for &key in &y_keys {
        let (_, y) = chart.backend_coord(&(-1.0, key));
        root.draw(&PathElement::new(
            vec![(x_left, y), (x_right, y)],
            GRID.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            format!("{}", key.abs().round()),
            (x_left - 6, y),
            label_style.pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
    }
    for &month in &months {
        let (x, _) = chart.backend_coord(&(month, y_low));
        let day = first_label + chrono::Duration::days(month.round() as i64);
        let text = if day.month() == 1 || months.first() == Some(&month) {
            day.format("%b %Y").to_string()
        } else {
            day.format("%b").to_string()
        };
        root.draw(&PathElement::new(
            vec![(x, y_foot), (x, y_foot + 5)],
            INK.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            text,
            (x + 3, y_foot + 6),
            label_style.pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }

    if kind == ChartKind::Position {
        let half = f64::from(progress.places) / 2.0;
        let mut zones: Vec<&matchday_core::Zone> = progress.zones.iter().collect();
        // Wide zones first, so a narrow one inside (champions within the Champions League places) shows on top.
        zones.sort_by_key(|z| std::cmp::Reverse(z.last - z.first));
        for zone in zones {
            let shade = if f64::from(zone.first) > half {
                BOTTOM_ZONE
            } else {
                TOP_ZONE
            };
            let top = -f64::from(zone.first) + 0.5;
            let bottom = -f64::from(zone.last) - 0.5;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(-1.0, top), (x_end + 1.0, bottom)],
                shade.mix(0.10).filled(),
            )))?;
            let label_at = if f64::from(zone.first) > half { top } else { bottom };
            let v = if f64::from(zone.first) > half {
                VPos::Top
            } else {
                VPos::Bottom
            };
            chart.draw_series(std::iter::once(Text::new(
                zone.name.clone(),
                (0.0, label_at),
                ("sans-serif", 15)
                    .into_font()
                    .color(&ZONE_INK)
                    .pos(Pos::new(HPos::Left, v)),
            )))?;
        }
    }

    let mut ends = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let width = if options.highlight == Some(line.team) {
            4
        } else {
            2
        };
        // A place holds until the next match day: the line steps rather than slopes.
        let mut points = Vec::with_capacity(line.steps.len() * 2);
        for s in &line.steps {
            let at = (days(first_day, s.date), value(kind, s));
            if let Some(&(_, before)) = points.last() {
                points.push((at.0, before));
            }
            points.push(at);
        }
        chart.draw_series(LineSeries::new(points, colour.stroke_width(width)))?;
        let last = line.steps.last().expect("only lines with steps");
        let end = chart.backend_coord(&(days(first_day, last.date), value(kind, last)));
        let label = match kind {
            ChartKind::Position => name(line.team),
            ChartKind::Points => format!("{} {}", name(line.team), last.points),
            ChartKind::Gap if last.gap_to_leader == 0 => name(line.team),
            ChartKind::Gap => format!("{} -{}", name(line.team), last.gap_to_leader),
        };
        ends.push((end, label, colour, width));
    }
    // Names at the line ends, moved apart where lines end close together.
    let wanted: Vec<i32> = ends.iter().map(|(end, ..)| end.1).collect();
    let placed = spread(&wanted, NAME_SPACING, 20, HEIGHT as i32 - 20);
    let name_x = (WIDTH - NAMES_WIDTH) as i32 + 10;
    for ((end, label, colour, width), y) in ends.into_iter().zip(placed) {
        root.draw(&PathElement::new(
            vec![end, (name_x - 4, y)],
            CONNECTOR.stroke_width(1),
        ))?;
        let style = ("sans-serif", 17)
            .into_font()
            .style(if width > 2 {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            })
            .color(&colour)
            .pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(label, (name_x, y), style))?;
    }
    root.present()?;
    Ok(())
}

/// Five or so round values from `low` to `high` for an axis.
fn nice_keys(low: f64, high: f64) -> Vec<f64> {
    let span = (high - low).max(1.0);
    let raw = span / 6.0;
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0]
        .into_iter()
        .find(|&s| s >= raw)
        .unwrap_or(100.0);
    let mut keys = Vec::new();
    let mut k = (low / step).ceil() * step;
    while k <= high + 1e-9 {
        keys.push(k);
        k += step;
    }
    keys
}

/// Positions for labels wanted at `wanted` (pixels, any order), each at least `gap`
/// from the next, all within `top..=bottom`, each as near its wish as that allows.
fn spread(wanted: &[i32], gap: i32, top: i32, bottom: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| wanted[i]);
    let mut placed: Vec<i32> = order.iter().map(|&i| wanted[i].clamp(top, bottom)).collect();
    for k in 1..placed.len() {
        placed[k] = placed[k].max(placed[k - 1] + gap);
    }
    // Pushed past the foot: push back up from the bottom.
    if let Some(last) = placed.last_mut() {
        *last = (*last).min(bottom);
    }
    for k in (0..placed.len().saturating_sub(1)).rev() {
        placed[k] = placed[k].min(placed[k + 1] - gap);
    }
    let mut out = vec![0; wanted.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = placed[k];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_keeps_labels_apart_and_in_order() {
        let placed = spread(&[100, 100, 101, 300], 14, 0, 500);
        assert_eq!(placed[0], 100);
        assert!(placed[1] - placed[0] >= 14 && placed[2] - placed[1] >= 14);
        assert_eq!(placed[3], 300);
    }

    #[test]
    fn spread_pushes_back_up_at_the_foot() {
        let placed = spread(&[495, 498, 500], 14, 0, 500);
        assert_eq!(placed, vec![472, 486, 500]);
    }

    #[test]
    fn nice_keys_are_round() {
        assert_eq!(nice_keys(0.0, 91.0), vec![0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(nice_keys(-7.0, 0.0), vec![-6.0, -4.0, -2.0, 0.0]);
    }
}

#[cfg(test)]
mod svg_tests {
    use super::*;
    use crate::testing::{competition, deductions, matches, name, teams};

    fn progress() -> Progress {
        Progress::compute(&competition(), &teams(), &matches(), &deductions(), &[], None)
    }

    fn texts(doc: &roxmltree::Document<'_>) -> Vec<(String, String)> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                (
                    n.text().unwrap_or("").trim().to_string(),
                    n.attribute("fill").unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn every_team_has_one_line_in_its_colour_and_its_name_at_the_end() {
        for kind in [ChartKind::Position, ChartKind::Points, ChartKind::Gap] {
            let options = ChartOptions {
                kind,
                title: "Mini League 2023-24".into(),
                ..ChartOptions::default()
            };
            let svg = chart_svg(&progress(), &name, &options).unwrap();
            let doc = roxmltree::Document::parse(&svg).expect("the SVG is XML");
            let texts = texts(&doc);
            for (i, line) in progress().lines.iter().enumerate() {
                let colour = team_colour(i);
                let label = texts
                    .iter()
                    .find(|(t, _)| t.starts_with(&name(line.team)))
                    .unwrap_or_else(|| panic!("{} named in {kind:?}", name(line.team)));
                assert_eq!(label.1, colour);
                let paths = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(&colour))
                    .count();
                assert_eq!(paths, 1, "one line for {}", name(line.team));
            }
        }
    }

    #[test]
    fn minus_points_stay_inside_the_plot() {
        let mut deductions = deductions();
        deductions.push(matchday_core::Deduction {
            team: TeamId(4),
            points: 12,
            effective: crate::testing::day(1),
            reason: "administration".into(),
        });
        let progress = Progress::compute(&competition(), &teams(), &matches(), &deductions, &[], None);
        let options = ChartOptions {
            kind: ChartKind::Points,
            title: "Mini".into(),
            ..ChartOptions::default()
        };
        let svg = chart_svg(&progress, &name, &options).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let colour = team_colour(progress.lines.iter().position(|l| l.team == TeamId(4)).unwrap());
        let line = doc
            .descendants()
            .find(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(&colour))
            .unwrap();
        // Plotters pins what lies outside the axes to their edge: -12 must be drawn below 0, not on it.
        let zero: i32 = doc
            .descendants()
            .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some("0"))
            .and_then(|n| n.attribute("y"))
            .unwrap()
            .parse()
            .unwrap();
        let first = line
            .attribute("points")
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        let y: i32 = first.split(',').nth(1).unwrap().parse().unwrap();
        assert!(y > zero + 5, "-12 at {y}, below 0 at {zero}");
    }

    #[test]
    fn zones_are_shaded_and_named_in_the_place_chart() {
        let options = ChartOptions {
            title: "Mini".into(),
            ..ChartOptions::default()
        };
        let svg = chart_svg(&progress(), &name, &options).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts = texts(&doc);
        assert!(texts.iter().any(|(t, _)| t == "champions"));
        assert!(texts.iter().any(|(t, _)| t == "relegation"));
        assert!(svg.contains("prefers-color-scheme: dark"));
        assert!(svg.contains("&lt;West &amp; Co&gt;"), "names escaped");
    }

    #[test]
    fn chosen_teams_only_and_unknown_ones_refused() {
        let options = ChartOptions {
            teams: vec![TeamId(2), TeamId(1)],
            title: "Mini".into(),
            ..ChartOptions::default()
        };
        let svg = chart_svg(&progress(), &name, &options).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let names: Vec<String> = texts(&doc).into_iter().map(|(t, _)| t).collect();
        assert!(names.contains(&"South".to_string()) && names.contains(&"North".to_string()));
        assert!(!names.contains(&"East".to_string()));
        let options = ChartOptions {
            teams: vec![TeamId(9)],
            ..ChartOptions::default()
        };
        let missing = |t: TeamId| if t.0 == 9 { "Nine".to_string() } else { name(t) };
        assert!(
            matches!(chart_svg(&progress(), &missing, &options), Err(ReportError::NoLine(n)) if n == "Nine")
        );
        let empty = Progress::compute(&competition(), &teams(), &[], &[], &[], None);
        assert!(matches!(
            chart_svg(&empty, &name, &ChartOptions::default()),
            Err(ReportError::NothingToChart)
        ));
    }
}
