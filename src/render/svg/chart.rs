//! Small charts: a KPI's sparkline against its target and bands, and
//! horizontal bar charts (the approval ladder, the price waterfall, budget
//! allocations). Callers format the numbers; this file only draws.

use std::fmt::Write as _;

use super::{Figure, Tone, clip, href, num, open, xml};

/// One period of a KPI.
#[derive(Debug, Clone)]
pub(crate) struct Point {
    pub actual: f64,
    pub target: Option<f64>,
    /// The period and values in words, for the picture's title.
    pub text: String,
}

/// A KPI's actuals over time with what they are measured against.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    pub label: String,
    pub points: Vec<Point>,
    pub higher_is_better: bool,
    /// The amber and red bands, in percent worse than target; without them
    /// any shortfall is red (the target is a hard line).
    pub amber_pct: Option<f64>,
    pub red_pct: Option<f64>,
    /// Tone of the latest point (its red/amber/green status).
    pub latest: Option<Tone>,
    pub href: Option<String>,
}

const SPARK_W: f64 = 200.0;
const SPARK_H: f64 = 44.0;
const SPARK_PAD: f64 = 5.0;

impl Series {
    /// The value `pct` percent worse than `target`.
    fn worse_by(&self, target: f64, pct: f64) -> f64 {
        let d = target.abs() * pct / 100.0;
        if self.higher_is_better {
            target - d
        } else {
            target + d
        }
    }
}

/// The sparkline; `None` without actuals.
pub(crate) fn sparkline(s: &Series) -> Option<Figure> {
    if s.points.is_empty() {
        return None;
    }
    let mut values: Vec<f64> = s.points.iter().map(|p| p.actual).collect();
    for p in &s.points {
        if let Some(t) = p.target {
            values.push(t);
            if let Some(a) = s.amber_pct {
                values.push(s.worse_by(t, a));
            }
        }
    }
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let span = if hi - lo > f64::EPSILON {
        hi - lo
    } else {
        hi.abs().max(1.0)
    };
    let (lo, hi) = (lo - span * 0.12, hi + span * 0.12);
    let plot_h = SPARK_H - 2.0 * SPARK_PAD;
    let y = |v: f64| SPARK_PAD + (hi - v) / (hi - lo) * plot_h;
    let n = s.points.len();
    let step = (SPARK_W - 2.0 * SPARK_PAD) / n as f64;
    let x = |i: usize| SPARK_PAD + step * (i as f64 + 0.5);
    let clamp = |v: f64| v.clamp(SPARK_PAD, SPARK_H - SPARK_PAD);
    let title = format!(
        "{}: {}",
        s.label,
        s.points
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut out = String::with_capacity(1200);
    let link = s.href.as_deref().and_then(href);
    if let Some(h) = &link {
        let _ = write!(out, "<a href=\"{h}\" class=\"stratc-spark-link\">");
    }
    open(&mut out, SPARK_W, SPARK_H, "stratc-sparkline", &title);
    let _ = write!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#fbfbfc\" stroke=\"#d5d9e0\"/>",
        num(SPARK_W),
        num(SPARK_H)
    );
    // Bands and target line, one step per period (targets change by period).
    let (bottom, top) = (SPARK_H - SPARK_PAD, SPARK_PAD);
    let worse_edge = if s.higher_is_better { bottom } else { top };
    for (i, p) in s.points.iter().enumerate() {
        let Some(t) = p.target else { continue };
        let x0 = x(i) - step / 2.0;
        let band = |out: &mut String, a: f64, b: f64, tone: Tone| {
            let (y0, y1) = (clamp(a.min(b)), clamp(a.max(b)));
            if y1 - y0 > 0.05 {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" opacity=\"0.7\"/>",
                    num(x0),
                    num(y0),
                    num(step),
                    num(y1 - y0),
                    tone.colours().0
                );
            }
        };
        match (s.amber_pct, s.red_pct) {
            (Some(a), Some(r)) => {
                band(
                    &mut out,
                    y(s.worse_by(t, a)),
                    y(s.worse_by(t, r)),
                    Tone::Amber,
                );
                band(&mut out, y(s.worse_by(t, r)), worse_edge, Tone::Red);
            }
            _ => band(&mut out, y(t), worse_edge, Tone::Red),
        }
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{ty}\" x2=\"{}\" y2=\"{ty}\" stroke=\"#1e7b34\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>",
            num(x0),
            num(x0 + step),
            ty = num(clamp(y(t)))
        );
    }
    let points: Vec<String> = s
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{},{}", num(x(i)), num(y(p.actual))))
        .collect();
    let _ = write!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f2937\" stroke-width=\"1.8\"/>",
        points.join(" ")
    );
    for (i, p) in s.points.iter().enumerate() {
        let last = i + 1 == n;
        let fill = match (last, s.latest) {
            (true, Some(t)) => t.strong(),
            _ => "#1f2937",
        };
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\"/>",
            num(x(i)),
            num(y(p.actual)),
            if last { "3.5" } else { "2" }
        );
    }
    out.push_str("</svg>");
    if link.is_some() {
        out.push_str("</a>");
    }
    Some(Figure(out))
}

/// A stretch of a bar, from `from` to `to` on the chart's scale.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub from: f64,
    pub to: f64,
    pub tone: Tone,
    /// Drawn as a thinner bar over the others (spent over planned).
    pub inner: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub label: String,
    pub href: Option<String>,
    pub segments: Vec<Segment>,
    /// What the bar says in words, right of it.
    pub note: String,
}

/// A vertical line across the chart: a limit, with its words.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    pub at: f64,
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone)]
pub(crate) struct Bars {
    pub label: String,
    pub bars: Vec<Bar>,
    pub marks: Vec<Mark>,
    /// Axis ticks: position and text.
    pub ticks: Vec<(f64, String)>,
    pub max: f64,
}

const LABEL_W: f64 = 190.0;
const PLOT_W: f64 = 340.0;
const NOTE_W: f64 = 250.0;
const ROW_H: f64 = 26.0;
const BAR_H: f64 = 16.0;
const TOP: f64 = 22.0;
const AXIS_H: f64 = 20.0;

/// A horizontal bar chart; `None` without bars.
pub(crate) fn bars(c: &Bars) -> Option<Figure> {
    if c.bars.is_empty() {
        return None;
    }
    let max = c
        .bars
        .iter()
        .flat_map(|b| b.segments.iter().map(|s| s.to.max(s.from)))
        .chain(c.marks.iter().map(|m| m.at))
        .fold(c.max, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let width = LABEL_W + PLOT_W + NOTE_W;
    let height = TOP + c.bars.len() as f64 * ROW_H + AXIS_H;
    let x = |v: f64| LABEL_W + v.clamp(0.0, max) / max * PLOT_W;
    let mut out = String::with_capacity(600 + c.bars.len() * 500);
    out.push_str("<figure class=\"stratc-figure stratc-chart\">");
    open(&mut out, width, height, "stratc-chart-svg", &c.label);
    let axis_y = TOP + c.bars.len() as f64 * ROW_H;
    let _ = write!(
        out,
        "\n<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#9aa3b2\"/>",
        num(LABEL_W),
        num(axis_y),
        num(LABEL_W + PLOT_W),
        num(axis_y)
    );
    for (at, text) in &c.ticks {
        let _ = write!(
            out,
            "\n<line x1=\"{tx}\" y1=\"{}\" x2=\"{tx}\" y2=\"{}\" stroke=\"#e3e6eb\"/><text x=\"{tx}\" y=\"{}\" font-size=\"10\" fill=\"#4b5563\" text-anchor=\"middle\">{}</text>",
            num(TOP - 4.0),
            num(axis_y + 3.0),
            num(axis_y + 14.0),
            xml(text),
            tx = num(x(*at)),
        );
    }
    for (row, bar) in c.bars.iter().enumerate() {
        let y0 = TOP + row as f64 * ROW_H + (ROW_H - BAR_H) / 2.0;
        let label = xml(&clip(&bar.label, 28));
        let _ = write!(
            out,
            "\n<g><title>{}: {}</title>",
            xml(&bar.label),
            xml(&bar.note)
        );
        let link = bar.href.as_deref().and_then(href);
        let label_el = format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#1f2937\" text-anchor=\"end\">{label}</text>",
            num(LABEL_W - 8.0),
            num(y0 + BAR_H - 4.0)
        );
        match &link {
            Some(h) => {
                let _ = write!(out, "<a href=\"{h}\">{label_el}</a>");
            }
            None => out.push_str(&label_el),
        }
        for s in &bar.segments {
            let (fill, stroke, _) = s.tone.colours();
            let (a, b) = (x(s.from.min(s.to)), x(s.from.max(s.to)));
            let (h, dy, colour) = if s.inner {
                (BAR_H / 2.0, BAR_H / 4.0, stroke)
            } else {
                (BAR_H, 0.0, fill)
            };
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" stroke=\"{stroke}\" stroke-width=\"0.8\"/>",
                num(a),
                num(y0 + dy),
                num((b - a).max(1.0)),
                num(h)
            );
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#374151\">{}</text></g>",
            num(LABEL_W + PLOT_W + 8.0),
            num(y0 + BAR_H - 4.0),
            xml(&clip(&bar.note, 40))
        );
    }
    for m in &c.marks {
        let mx = num(x(m.at));
        let _ = write!(
            out,
            "\n<g><title>{t}</title><line x1=\"{mx}\" y1=\"{}\" x2=\"{mx}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"{mx}\" y=\"{}\" font-size=\"10\" fill=\"{}\" text-anchor=\"middle\">{}</text></g>",
            num(TOP - 6.0),
            num(axis_y),
            m.tone.strong(),
            num(TOP - 9.0),
            m.tone.strong(),
            xml(&clip(&m.text, 40)),
            t = xml(&m.text),
        );
    }
    out.push_str("\n</svg></figure>");
    Some(Figure(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(higher: bool) -> Series {
        Series {
            label: "CAC <b>".into(),
            points: vec![
                Point {
                    actual: 47.0,
                    target: Some(46.0),
                    text: "2027-Q1: 47".into(),
                },
                Point {
                    actual: 52.0,
                    target: Some(46.0),
                    text: "2027-Q2: 52".into(),
                },
            ],
            higher_is_better: higher,
            amber_pct: Some(5.0),
            red_pct: Some(10.0),
            latest: Some(Tone::Red),
            href: Some("../kpis/cac.html".into()),
        }
    }

    #[test]
    fn a_sparkline_links_to_its_kpi_and_draws_bands_and_target() {
        let svg = sparkline(&series(false)).unwrap().0;
        assert!(svg.starts_with("<a href=\"../kpis/cac.html\""));
        assert!(svg.contains("<polyline"));
        assert_eq!(
            svg.matches("stroke-dasharray=\"3 2\"").count(),
            2,
            "a target step per period"
        );
        assert!(svg.contains(Tone::Red.colours().0) && svg.contains(Tone::Amber.colours().0));
        assert!(svg.contains("CAC &lt;b&gt;"));
        // Lower is better: the worse side is up, so the red band touches the top.
        assert!(svg.contains(&format!("y=\"{}\"", num(SPARK_PAD))));
    }

    #[test]
    fn no_actuals_no_sparkline_and_no_bars_no_chart() {
        let mut s = series(true);
        s.points.clear();
        assert!(sparkline(&s).is_none());
        let c = Bars {
            label: "x".into(),
            bars: vec![],
            marks: vec![],
            ticks: vec![],
            max: 1.0,
        };
        assert!(bars(&c).is_none());
    }

    #[test]
    fn bars_scale_to_the_largest_value_or_mark() {
        let c = Bars {
            label: "Waterfall".into(),
            bars: vec![Bar {
                label: "a".into(),
                href: None,
                segments: vec![Segment {
                    from: 0.0,
                    to: 10.0,
                    tone: Tone::Active,
                    inner: false,
                }],
                note: "10%".into(),
            }],
            marks: vec![Mark {
                at: 20.0,
                text: "limit 20%".into(),
                tone: Tone::Red,
            }],
            ticks: vec![(0.0, "0%".into())],
            max: 0.0,
        };
        let svg = bars(&c).unwrap().0;
        // 10 of 20: half the plot.
        assert!(
            svg.contains(&format!("width=\"{}\"", num(PLOT_W / 2.0))),
            "{svg}"
        );
        assert!(svg.contains("limit 20%"));
    }
}
