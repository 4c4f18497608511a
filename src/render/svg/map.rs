//! The alignment map as SVG: one column per layer (goals, objectives,
//! sub-objectives, initiatives), each node a box coloured by its status
//! with its kind and status in words, linking to its page.

use std::fmt::Write as _;

use super::layout::{Layered, layout};
use super::{Figure, Tone, clip, href, num, open, xml};

/// One box on the map.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub title: String,
    /// Kind and status in words: "Objective · amber".
    pub caption: String,
    pub tone: Tone,
    /// The node's page, relative to the page showing the map (`.html`).
    pub href: Option<String>,
    pub layer: usize,
    /// Drawn with a heavier outline: the subject of a goal's or objective's map.
    pub focus: bool,
}

/// A map to draw: nodes and edges `(from, to)` between their indexes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Spec {
    pub label: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<(usize, usize)>,
}

const NODE_W: f64 = 190.0;
const NODE_H: f64 = 40.0;
const COLUMN_GAP: f64 = 48.0;
const PITCH: f64 = 50.0;
const DUMMY_PITCH: f64 = 14.0;
const MARGIN: f64 = 8.0;
/// Characters of a title that fit the box at 12px.
const TITLE_CHARS: usize = 27;

/// Draws the map; `None` when it has no nodes.
pub(crate) fn draw(spec: &Spec) -> Option<Figure> {
    if spec.nodes.is_empty() {
        return None;
    }
    let g = Layered {
        layers: spec.nodes.iter().map(|n| n.layer).collect(),
        edges: spec.edges.clone(),
    };
    let p = layout(&g, PITCH, DUMMY_PITCH);
    let columns = p.order.len().max(1) as f64;
    let width = MARGIN * 2.0 + columns * NODE_W + (columns - 1.0) * COLUMN_GAP;
    let height = MARGIN * 2.0 + p.height;
    let x_of = |layer: usize| MARGIN + layer as f64 * (NODE_W + COLUMN_GAP);
    let y_of = |y: f64| MARGIN + y;
    let mut out = String::with_capacity(400 + spec.nodes.len() * 600);
    out.push_str("<figure class=\"stratc-figure stratc-map\">");
    open(&mut out, width, height, "stratc-map-svg", &spec.label);
    out.push_str("\n<g fill=\"none\" stroke=\"#8a94a6\" stroke-width=\"1.2\">");
    for (e, route) in p.routes.iter().enumerate() {
        let (from, to) = spec.edges[e];
        if route.is_empty() {
            // Not downward (a cycle, reported as a finding): a straight line.
            let (a, b) = (&spec.nodes[from], &spec.nodes[to]);
            let _ = write!(
                out,
                "\n<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-dasharray=\"4 3\"/>",
                num(x_of(a.layer) + NODE_W / 2.0),
                num(y_of(p.y[from])),
                num(x_of(b.layer) + NODE_W / 2.0),
                num(y_of(p.y[to])),
            );
            continue;
        }
        let mut d = String::new();
        let (l0, y0) = route[0];
        let _ = write!(d, "M{} {}", num(x_of(l0) + NODE_W), num(y_of(y0)));
        for (i, w) in route.windows(2).enumerate() {
            let ((_, ya), (lb, yb)) = (w[0], w[1]);
            let xa = if i == 0 {
                x_of(l0) + NODE_W
            } else {
                x_of(w[0].0) + NODE_W
            };
            let xb = x_of(lb);
            let mid = (xa + xb) / 2.0;
            let _ = write!(
                d,
                " C{} {} {} {} {} {}",
                num(mid),
                num(y_of(ya)),
                num(mid),
                num(y_of(yb)),
                num(xb),
                num(y_of(yb))
            );
            // Through a dummy: straight across its column.
            if i + 2 < route.len() {
                let _ = write!(d, " H{}", num(xb + NODE_W));
            }
        }
        let _ = write!(out, "\n<path d=\"{d}\"/>");
    }
    out.push_str("\n</g>");
    for (i, node) in spec.nodes.iter().enumerate() {
        let (fill, stroke, ink) = node.tone.colours();
        let x = x_of(node.layer);
        let y = y_of(p.y[i]) - NODE_H / 2.0;
        let full = format!("{} ({})", node.title.trim(), node.caption);
        out.push('\n');
        let link = node.href.as_deref().and_then(href);
        if let Some(h) = &link {
            let _ = write!(out, "<a href=\"{h}\">");
        }
        let _ = write!(
            out,
            "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/><rect x=\"{}\" y=\"{}\" width=\"5\" height=\"{}\" rx=\"2\" fill=\"{stroke}\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{ink}\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"600\" fill=\"{ink}\">{}</text></g>",
            xml(&full),
            num(x),
            num(y),
            num(NODE_W),
            num(NODE_H),
            if node.focus { "2.5" } else { "1" },
            num(x),
            num(y),
            num(NODE_H),
            num(x + 12.0),
            num(y + 15.0),
            xml(&clip(&node.caption, TITLE_CHARS + 6)),
            num(x + 12.0),
            num(y + 31.0),
            xml(&clip(&node.title, TITLE_CHARS)),
        );
        if link.is_some() {
            out.push_str("</a>");
        }
    }
    out.push_str("\n</svg></figure>");
    Some(Figure(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(title: &str, layer: usize, href: Option<&str>) -> Node {
        Node {
            title: title.to_owned(),
            caption: "Goal".to_owned(),
            tone: Tone::Amber,
            href: href.map(str::to_owned),
            layer,
            focus: false,
        }
    }

    #[test]
    fn nodes_are_links_and_titles_stay_text() {
        let spec = Spec {
            label: "Map".into(),
            nodes: vec![
                node("<script>alert(1)</script>", 0, Some("goals/a.html")),
                node("\"/><g onload=x>", 1, Some("javascript:alert(1)")),
            ],
            edges: vec![(0, 1)],
        };
        let svg = draw(&spec).unwrap().0;
        assert!(svg.contains("<a href=\"goals/a.html\">"));
        assert!(!svg.contains("javascript:"));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<g onload"));
        assert!(svg.contains("&lt;script&gt;"));
        assert_eq!(svg.matches("<a ").count(), 1);
        assert!(!svg.contains("\n\n"), "no blank line ends the HTML block");
    }

    #[test]
    fn an_empty_map_draws_nothing() {
        assert!(draw(&Spec::default()).is_none());
    }
}
