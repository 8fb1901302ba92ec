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

use std::collections::HashMap;

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
    /// Drawn for a phone's width (420 by 440 rather than 960 by 540, larger text, shorter
    /// month labels, the caption without the kind), so its text stays legible at 390 pixels.
    pub narrow: bool,
}

/// Sizes of one layout of the chart, in SVG pixels.
struct Layout {
    width: u32,
    height: u32,
    /// Room on the right for the names at the line ends.
    names_width: u32,
    caption: u32,
    label: u32,
    name: u32,
    zone: u32,
    /// The least distance between two names at the line ends.
    name_spacing: i32,
}

const WIDE: Layout = Layout {
    width: 960,
    height: 540,
    names_width: 200,
    caption: 24,
    label: 16,
    name: 17,
    zone: 15,
    name_spacing: 15,
};

/// Shown about 0.87 times its size on a 390-pixel phone, so its text is drawn larger.
const NARROW: Layout = Layout {
    width: 420,
    height: 440,
    names_width: 150,
    caption: 20,
    label: 18,
    name: 18,
    zone: 16,
    name_spacing: 17,
};

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

/// The colour of each team in `progress`, as `#RRGGBB`: picked by the team's place in
/// the alphabetical list of the league's (or group's) teams, not by the table, so a team
/// keeps its colour in every chart of the season (any `--teams`, kind or day, and on the
/// season page), and no two teams of one league share a colour.
pub fn team_colours(progress: &Progress, name: &dyn Fn(TeamId) -> String) -> HashMap<TeamId, String> {
    colours(progress, name)
        .into_iter()
        .map(|(team, RGBColor(r, g, b))| (team, format!("#{r:02X}{g:02X}{b:02X}")))
        .collect()
}

fn colours(progress: &Progress, name: &dyn Fn(TeamId) -> String) -> HashMap<TeamId, RGBColor> {
    let mut teams: Vec<(String, TeamId)> = progress
        .lines
        .iter()
        .map(|l| (matchday_core::normalize_name(&name(l.team)), l.team))
        .collect();
    teams.sort();
    teams
        .into_iter()
        .enumerate()
        .map(|(i, (_, team))| (team, colour(i)))
        .collect()
}

/// The `index`th colour: the palette, then (for the 36 clubs of a league phase) hues a
/// golden angle apart at two lightnesses, none of them a palette colour.
fn colour(index: usize) -> RGBColor {
    if let Some(&c) = PALETTE.get(index) {
        return c;
    }
    let k = index - PALETTE.len();
    let hue = (k as f64 * 137.508 + 15.0) % 360.0;
    let lightness = if k.is_multiple_of(2) { 0.38 } else { 0.52 };
    let HSLColor(h, s, l) = HSLColor(hue / 360.0, 0.75, lightness);
    let RGBAColor(r, g, b, _) = HSLColor(h, s, l).to_rgba();
    RGBColor(r, g, b)
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
    let layout = if options.narrow { &NARROW } else { &WIDE };
    let root = SVGBackend::with_string(svg, (layout.width, layout.height)).into_drawing_area();
    root.fill(&BACKGROUND)?;
    let (plot_area, _) = root.split_horizontally(layout.width - layout.names_width);

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
    let caption = if options.narrow {
        options.title.clone()
    } else {
        format!("{}: {}", options.title, kind_caption(kind))
    };
    let mut chart = ChartBuilder::on(&plot_area)
        .caption(caption, ("sans-serif", layout.caption).into_font().color(&INK))
        .margin(12)
        // Room for the month labels and the axis title under them, and for the
        // values and the axis title beside them.
        .x_label_area_size(layout.label * 3)
        .y_label_area_size(layout.label * 3 + 8)
        .build_cartesian_2d(-1.0..x_end + 1.0, y_low..y_high)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_y_mesh()
        .bold_line_style(GRID)
        .light_line_style(FAINT_GRID)
        .axis_style(INK)
        // Months and round values are drawn below: plotters would pick round numbers of days.
        .x_labels(0)
        .y_labels(0)
        .draw()?;
    let label_style = ("sans-serif", layout.label).into_font().color(&INK);
    let (x_left, y_foot) = chart.backend_coord(&(-1.0, y_low));
    let (x_right, y_top) = chart.backend_coord(&(x_end + 1.0, y_high));
    for &key in &y_keys {
        let (_, y) = chart.backend_coord(&(-1.0, key));
        root.draw(&PathElement::new(
            vec![(x_left, y), (x_right, y)],
            GRID.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            y_label(kind, key),
            (x_left - 6, y),
            label_style.pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
    }
    // On a narrow chart every month would crowd its neighbours: every other one, or fewer.
    let month_width = (x_right - x_left) as f64 / (x_end / 30.4).max(1.0);
    let room = f64::from(layout.label) * if options.narrow { 3.0 } else { 2.2 };
    let every = (room / month_width).ceil().max(1.0) as usize;
    for (i, &month) in months.iter().enumerate() {
        let (x, _) = chart.backend_coord(&(month, y_low));
        let day = first_day + chrono::Duration::days(month.round() as i64);
        root.draw(&PathElement::new(
            vec![(x, y_foot), (x, y_foot + 5)],
            INK.stroke_width(1),
        ))?;
        if i % every != 0 {
            continue;
        }
        let text = match (day.month() == 1 || i == 0, options.narrow) {
            (true, false) => day.format("%b %Y").to_string(),
            (true, true) => day.format("%b %y").to_string(),
            (false, _) => day.format("%b").to_string(),
        };
        root.draw(&Text::new(
            text,
            (x + 3, y_foot + 6),
            label_style.pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }
    // The axis titles: the date under the months, the value beside the values.
    let title_style = ("sans-serif", layout.label).into_font().color(&ZONE_INK);
    root.draw(&Text::new(
        "Date",
        ((x_left + x_right) / 2, y_foot + 8 + layout.label as i32 + 4),
        title_style.pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    root.draw(&Text::new(
        axis_title(kind),
        (12, (y_top + y_foot) / 2),
        title_style
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;

    // Zones shaded under the lines; their names are written over the lines, last.
    let mut zone_names = Vec::new();
    if kind == ChartKind::Position {
        let mut zones: Vec<&matchday_core::Zone> = progress.zones.iter().collect();
        // Wide zones first, so a narrow one inside (champions within the Champions League places) shows on top.
        zones.sort_by_key(|z| std::cmp::Reverse(z.last - z.first));
        let half = f64::from(progress.places) / 2.0;
        for zone in zones {
            let shade = if zone.is_relegation() {
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
            // In the band, at its edge nearer the middle of the table.
            let at_foot = f64::from(zone.first) > half;
            let label_at = if at_foot { top } else { bottom };
            let (x, y) = chart.backend_coord(&(0.0, label_at));
            zone_names.push((
                zone.name.clone(),
                (x, if at_foot { y + 2 } else { y - 2 }),
                at_foot,
            ));
        }
    }

    let colours = colours(progress, name);
    let mut ends = Vec::with_capacity(lines.len());
    for line in lines {
        let colour = colours[&line.team];
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
            ChartKind::Gap => format!("{} {}", name(line.team), -last.gap_to_leader),
        };
        ends.push((end, label, colour, width));
    }
    // Zone names on a pale box over the lines, so no line hides them.
    for (text, (x, y), at_foot) in zone_names {
        let font = f64::from(layout.zone);
        let wide = (text.chars().count() as f64 * font * 0.47) as i32 + 6;
        let tall = font as i32 + 2;
        let (top, v) = if at_foot {
            (y - 1, VPos::Top)
        } else {
            (y - tall + 1, VPos::Bottom)
        };
        root.draw(&Rectangle::new(
            [(x - 3, top), (x - 3 + wide, top + tall)],
            BACKGROUND.mix(0.85).filled(),
        ))?;
        root.draw(&Text::new(
            text,
            (x, y),
            ("sans-serif", layout.zone)
                .into_font()
                .color(&ZONE_INK)
                .pos(Pos::new(HPos::Left, v)),
        ))?;
    }
    // Names at the line ends, moved apart where lines end close together.
    let wanted: Vec<i32> = ends.iter().map(|(end, ..)| end.1).collect();
    let placed = spread(&wanted, layout.name_spacing, 20, layout.height as i32 - 20);
    let name_x = (layout.width - layout.names_width) as i32 + 10;
    for ((end, label, colour, width), y) in ends.into_iter().zip(placed) {
        root.draw(&PathElement::new(
            vec![end, (name_x - 4, y)],
            CONNECTOR.stroke_width(1),
        ))?;
        let style = ("sans-serif", layout.name)
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

/// A value on the vertical axis as written: places and points as they are, a gap
/// as minus the points behind, as the names at the line ends write it.
fn y_label(kind: ChartKind, key: f64) -> String {
    match kind {
        ChartKind::Position => format!("{}", -key.round()),
        ChartKind::Points | ChartKind::Gap => format!("{}", key.round() + 0.0),
    }
}

fn axis_title(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Position => "Place",
        ChartKind::Points => "Points",
        ChartKind::Gap => "Points from the leader",
    }
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
            let colours = team_colours(&progress(), &name);
            for line in &progress().lines {
                let colour = colours[&line.team].clone();
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
        let colour = team_colours(&progress, &name)[&TeamId(4)].clone();
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

    /// The stroke colour of the line of the team named `team` (by its label's fill).
    fn colour_of(svg: &str, team: &str) -> String {
        let doc = roxmltree::Document::parse(svg).unwrap();
        texts(&doc)
            .into_iter()
            .find(|(t, _)| t.starts_with(team))
            .map(|(_, fill)| fill)
            .unwrap_or_else(|| panic!("{team} named"))
    }

    #[test]
    fn a_team_keeps_its_colour_whichever_teams_are_drawn_and_no_two_share_one() {
        let all = chart_svg(&progress(), &name, &ChartOptions::default()).unwrap();
        let two = ChartOptions {
            teams: vec![TeamId(3), TeamId(1)],
            kind: ChartKind::Points,
            narrow: true,
            ..ChartOptions::default()
        };
        let two = chart_svg(&progress(), &name, &two).unwrap();
        for team in ["North", "East"] {
            assert_eq!(colour_of(&all, team), colour_of(&two, team), "{team}");
        }
        // By name: East first, then North, South and <West & Co>.
        assert_eq!(
            colour_of(&all, "East"),
            format!("#{:02X}{:02X}{:02X}", 0xD6, 0x27, 0x28)
        );
        let mut colours: Vec<String> = ["North", "South", "East", "&lt;West"]
            .iter()
            .map(|t| colour_of(&all, &t.replace("&lt;", "<")))
            .collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), 4);
        // Beyond the palette, still one colour each: a league phase's 36 clubs.
        let many: Vec<RGBColor> = (0..36).map(colour).collect();
        for (i, a) in many.iter().enumerate() {
            assert!(many[i + 1..].iter().all(|b| b != a), "colour {i} repeated");
        }
    }

    #[test]
    fn the_gap_chart_writes_its_values_with_the_sign_of_its_labels() {
        let options = ChartOptions {
            kind: ChartKind::Gap,
            ..ChartOptions::default()
        };
        let svg = chart_svg(&progress(), &name, &options).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<String> = texts(&doc).into_iter().map(|(t, _)| t).collect();
        // East ends 3 points behind North: "-3" at its line's end, and the axis below 0 negative.
        assert!(texts.iter().any(|t| t == "East -3"), "{texts:?}");
        let values: Vec<i32> = texts.iter().filter_map(|t| t.parse().ok()).collect();
        assert!(values.contains(&0) && values.iter().any(|&v| v < 0), "{values:?}");
        assert!(
            values.iter().all(|&v| v <= 0),
            "no positive gap on the axis: {values:?}"
        );
        assert!(texts.iter().any(|t| t == "Points from the leader") && texts.iter().any(|t| t == "Date"));
    }

    #[test]
    fn zone_names_are_written_over_the_lines_on_a_pale_box() {
        let svg = chart_svg(&progress(), &name, &ChartOptions::default()).unwrap();
        // The teams' lines (the thin grey connectors to the names come last of all).
        let last_line = svg
            .match_indices("<polyline")
            .map(|(i, _)| i)
            .filter(|&i| !svg[i..].split('>').next().unwrap().contains("#A0A0A1"))
            .max()
            .unwrap();
        for zone in ["champions", "relegation"] {
            let at = svg
                .find(&format!(">\n{zone}\n</text>"))
                .or_else(|| svg.find(&format!(">{zone}</text>")));
            let at = at.unwrap_or_else(|| panic!("{zone} written: {svg}"));
            assert!(at > last_line, "{zone} after the lines");
        }
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let boxes = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name("rect")
                    && n.attribute("fill") == Some("#FFFFFE")
                    && n.attribute("opacity") == Some("0.85")
            })
            .count();
        assert_eq!(boxes, 2, "a box behind each zone's name");
        let texts: Vec<String> = texts(&doc).into_iter().map(|(t, _)| t).collect();
        assert!(texts.iter().any(|t| t == "Place"), "the axis title");
    }

    #[test]
    fn the_narrow_chart_is_drawn_for_a_phone() {
        let options = ChartOptions {
            narrow: true,
            title: "Mini League 2023-24".into(),
            ..ChartOptions::default()
        };
        let svg = chart_svg(&progress(), &name, &options).unwrap();
        assert!(svg.contains("viewBox=\"0 0 420 440\""), "{}", &svg[..200]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(texts(&doc).iter().any(|(t, _)| t == "Mini League 2023-24"));
    }
}
