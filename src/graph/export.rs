//! Graph exports (DOT, Mermaid, JSON) for `stratc graph`.
//!
//! Every export shows the same selection of the petgraph model: all nodes,
//! or the neighbourhood of one focus node (`--focus ID --depth N`, hops in
//! either direction). Nodes come out in graph order (documents in path
//! order, then decisions in declaration order) and edges in insertion
//! order, so the same strategy always gives byte-identical output.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::{Graph, NodeRef};
use crate::model::{Kind, Model};
use crate::words::escape_each;

/// The export formats of `stratc graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg strategy.dot > strategy.svg`).
    Dot,
    /// A Mermaid flowchart (renders in GitHub Markdown and the docs site).
    Mermaid,
    /// Nodes and edges as JSON, for other tools.
    Json,
}

/// One node as the exports show it.
#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    /// Stable, unique name: the document id, or `decision:<id>` for a decision.
    pub key: String,
    /// The document kind, or `Decision`.
    pub kind: String,
    /// The document or decision id.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The file that declares it, relative to the strategy root.
    pub file: String,
    pub line: u32,
}

/// One edge as the exports show it.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeView {
    /// Key of the node the reference is written in.
    pub from: String,
    /// Key of the node it names.
    pub to: String,
    /// The edge type (`advances`, `measured_by`, …).
    pub edge: &'static str,
    /// The field the reference is written in (JSON pointer).
    pub pointer: String,
}

/// The selected part of the graph, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct GraphView {
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
}

/// Every node key of the graph (document ids and `decision:<id>`), for
/// "did you mean" and `--focus`.
pub fn node_keys(model: &Model, graph: &Graph) -> Vec<(NodeIndex, String)> {
    let mut used: HashSet<String> = HashSet::with_capacity(graph.graph.node_count());
    graph
        .graph
        .node_indices()
        .map(|n| {
            let base = match &graph.graph[n] {
                NodeRef::Doc(d) => model.docs[*d].id().to_owned(),
                NodeRef::Decision { id, .. } => format!("decision:{id}"),
            };
            // A duplicated id (already reported) still gets a distinct node.
            let mut key = base.clone();
            let mut i = 2;
            while !used.insert(key.clone()) {
                key = format!("{base}~{i}");
                i += 1;
            }
            (n, key)
        })
        .collect()
}

/// Finds the node a `--focus` value names: a document id, a decision id,
/// or a `decision:<id>` key.
pub fn find_focus(keys: &[(NodeIndex, String)], focus: &str) -> Option<NodeIndex> {
    let decision_key = format!("decision:{focus}");
    keys.iter()
        .find(|(_, k)| k == focus)
        .or_else(|| keys.iter().find(|(_, k)| *k == decision_key))
        .map(|(n, _)| *n)
}

/// The nodes within `depth` hops of `focus`, following edges either way.
pub fn neighbourhood(graph: &Graph, focus: NodeIndex, depth: usize) -> HashSet<NodeIndex> {
    let mut seen = HashSet::from([focus]);
    let mut queue = VecDeque::from([(focus, 0usize)]);
    while let Some((node, dist)) = queue.pop_front() {
        if dist == depth {
            continue;
        }
        for next in graph.graph.neighbors_undirected(node) {
            if seen.insert(next) {
                queue.push_back((next, dist + 1));
            }
        }
    }
    seen
}

/// Builds the view of the selected nodes (all when `selection` is `None`).
pub fn view(
    model: &Model,
    graph: &Graph,
    keys: &[(NodeIndex, String)],
    selection: Option<&HashSet<NodeIndex>>,
) -> GraphView {
    let key_of: HashMap<NodeIndex, &str> = keys.iter().map(|(n, k)| (*n, k.as_str())).collect();
    let selected = |n: NodeIndex| selection.is_none_or(|s| s.contains(&n));
    let nodes = graph
        .graph
        .node_indices()
        .filter(|&n| selected(n))
        .map(|n| {
            let key = key_of[&n].to_owned();
            match &graph.graph[n] {
                NodeRef::Doc(d) => {
                    let doc = &model.docs[*d];
                    let file = model.sources.file(doc.file);
                    NodeView {
                        key,
                        kind: doc.kind().name().to_owned(),
                        id: doc.id().to_owned(),
                        title: doc.body.common().title.map(str::to_owned),
                        file: file.path.clone(),
                        line: file.line_col(doc.span.start).line,
                    }
                }
                NodeRef::Decision { id, declared_in } => {
                    let doc = &model.docs[*declared_in];
                    let title = model.decision(id).and_then(|(_, dec)| dec.title.clone());
                    let pointer = model
                        .decisions
                        .get(id)
                        .map(|r| format!("/decisions/{}", r.index))
                        .unwrap_or_default();
                    let file = model.sources.file(doc.file);
                    NodeView {
                        key,
                        kind: "Decision".to_owned(),
                        id: id.clone(),
                        title,
                        file: file.path.clone(),
                        line: file.line_col(doc.span(&pointer).start).line,
                    }
                }
            }
        })
        .collect();
    let mut edges: Vec<_> = graph
        .graph
        .edge_references()
        .filter(|e| selected(e.source()) && selected(e.target()))
        .collect();
    edges.sort_by_key(|e| e.id());
    let edges = edges
        .into_iter()
        .map(|e| EdgeView {
            from: key_of[&e.source()].to_owned(),
            to: key_of[&e.target()].to_owned(),
            edge: e.weight().edge.name(),
            pointer: graph.pointer(e.weight()).to_owned(),
        })
        .collect();
    GraphView { nodes, edges }
}

/// Renders the view in a format.
pub fn render(view: &GraphView, format: GraphFormat) -> String {
    match format {
        GraphFormat::Dot => to_dot(view),
        GraphFormat::Mermaid => to_mermaid(view),
        GraphFormat::Json => to_json(view),
    }
}

/// The label of a node: kind, id and title on separate lines.
fn label_lines(node: &NodeView) -> Vec<String> {
    let mut lines = vec![node.kind.clone(), node.id.clone()];
    if let Some(title) = node.title.as_deref().filter(|t| *t != node.id) {
        // Titles are one line in every export.
        lines.push(title.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    lines
}

/// The shape and fill colour of a kind in DOT.
fn dot_style(kind: &str) -> (&'static str, &'static str) {
    match Kind::from_name(kind) {
        Some(Kind::Goal) => ("doubleoctagon", "#fde68a"),
        Some(Kind::Objective) => ("box", "#bfdbfe"),
        Some(Kind::Kpi) => ("ellipse", "#bbf7d0"),
        Some(Kind::Initiative) => ("box", "#fecaca"),
        Some(Kind::Role) => ("house", "#e9d5ff"),
        Some(Kind::DecisionRights | Kind::StageGate | Kind::Exception) => ("note", "#fed7aa"),
        Some(Kind::PricingPolicy | Kind::ChannelPolicy | Kind::DataPolicy) => ("note", "#e5e7eb"),
        Some(Kind::Scorecard | Kind::Trigger | Kind::Playbook) => ("component", "#cffafe"),
        Some(_) => ("box", "#f3f4f6"),
        None => ("diamond", "#fbcfe8"),
    }
}

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks
/// removed (labels join their lines with `\n` themselves).
pub fn dot_quote(text: &str) -> String {
    let inner = escape_each(text, |c| match c {
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        '\n' | '\r' => Some(" "),
        _ => None,
    });
    format!("\"{inner}\"")
}

fn to_dot(view: &GraphView) -> String {
    let mut out = String::from(
        "digraph strategy {\n  rankdir=LR;\n  node [style=filled, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for node in &view.nodes {
        let (shape, fill) = dot_style(&node.kind);
        // Each line is quoted separately, then joined with DOT's `\n`.
        let label = label_lines(node)
            .iter()
            .map(|l| {
                let q = dot_quote(l);
                q[1..q.len() - 1].to_owned()
            })
            .collect::<Vec<_>>()
            .join("\\n");
        let _ = writeln!(
            out,
            "  {} [label=\"{label}\", shape={shape}, fillcolor=\"{fill}\"];",
            dot_quote(&node.key)
        );
    }
    for edge in &view.edges {
        let _ = writeln!(
            out,
            "  {} -> {} [label={}];",
            dot_quote(&edge.from),
            dot_quote(&edge.to),
            dot_quote(edge.edge)
        );
    }
    out.push_str("}\n");
    out
}

/// Mermaid node ids: `n_` plus the key with every character outside
/// `[A-Za-z0-9_]` replaced by `_` (so `end`, `o`, `x` and dots cannot
/// break the syntax), made unique with a numeric suffix.
pub fn mermaid_ids(keys: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<String> {
    let mut used = HashSet::new();
    keys.into_iter()
        .map(|key| {
            let base: String = std::iter::once("n_".to_owned())
                .chain(key.as_ref().chars().map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_string()
                    } else {
                        "_".to_owned()
                    }
                }))
                .collect();
            let mut id = base.clone();
            let mut i = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}_{i}");
                i += 1;
            }
            id
        })
        .collect()
}

/// Text inside a Mermaid `["…"]` label: quotes and markup as entities.
pub fn mermaid_text(text: &str) -> String {
    escape_each(text, |c| match c {
        '"' => Some("#quot;"),
        '<' => Some("#lt;"),
        '>' => Some("#gt;"),
        '#' => Some("#35;"),
        '\n' | '\r' => Some(" "),
        _ => None,
    })
}

fn to_mermaid(view: &GraphView) -> String {
    let ids = mermaid_ids(view.nodes.iter().map(|n| &n.key));
    let id_of: HashMap<&str, &str> = view
        .nodes
        .iter()
        .zip(&ids)
        .map(|(n, id)| (n.key.as_str(), id.as_str()))
        .collect();
    let mut out = String::from("flowchart LR\n");
    for (node, id) in view.nodes.iter().zip(&ids) {
        let label = label_lines(node)
            .iter()
            .map(|l| mermaid_text(l))
            .collect::<Vec<_>>()
            .join("<br/>");
        let _ = writeln!(out, "  {id}[\"{label}\"]");
    }
    for edge in &view.edges {
        let _ = writeln!(
            out,
            "  {} -->|{}| {}",
            id_of[edge.from.as_str()],
            edge.edge,
            id_of[edge.to.as_str()]
        );
    }
    out
}

fn to_json(view: &GraphView) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        #[serde(flatten)]
        view: &'a GraphView,
    }
    let mut text = serde_json::to_string_pretty(&Out { version: 1, view }).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_strings_escape_quotes_and_backslashes() {
        assert_eq!(dot_quote(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
        assert_eq!(dot_quote("two\nlines"), "\"two lines\"");
    }

    #[test]
    fn mermaid_ids_are_safe_and_unique() {
        let ids = mermaid_ids(["end", "a-b", "a.b", "decision:x.y"]);
        assert_eq!(ids, ["n_end", "n_a_b", "n_a_b_2", "n_decision_x_y"]);
    }

    #[test]
    fn mermaid_text_has_no_raw_quotes_or_markup() {
        assert_eq!(
            mermaid_text(r#"<b>"Q1" #1</b>"#),
            "#lt;b#gt;#quot;Q1#quot; #35;1#lt;/b#gt;"
        );
    }
}
