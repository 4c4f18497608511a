//! The initiatives and scorecards a change affects, found through the
//! strategy graph of each side.

use std::collections::{HashSet, VecDeque};

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::documents::Touched;
use super::report::{Affected, Step};
use crate::analysis::Analysis;
use crate::graph::Graph;
use crate::model::refs::Edge;
use crate::model::{DocId, Kind, Model};

/// Links along which a change travels to the documents that depend on it:
/// a document that names another through one of these depends on it.
const DEPENDS_ON: &[Edge] = &[
    Edge::Supports,
    Edge::Advances,
    Edge::MeasuredBy,
    Edge::TargetsKpi,
    Edge::Impacts,
    Edge::Formula,
    Edge::Shows,
    Edge::Watches,
    Edge::GatedBy,
    Edge::Uses,
    Edge::RunsIn,
    Edge::SellsIn,
    Edge::Targets,
    Edge::Reserves,
    Edge::Covers,
    Edge::Funds,
];

/// Links from a changed document to the KPIs that report on it.
const MEASURED_THROUGH: &[Edge] = &[
    Edge::MeasuredBy,
    Edge::TargetsKpi,
    Edge::Impacts,
    Edge::Watches,
    Edge::Formula,
];

/// Links from a changed policy, budget or exception to what it governs.
const GOVERNS: &[Edge] = &[Edge::Covers, Edge::Funds, Edge::Waives];

/// How many links a change travels to its dependents.
const AFFECT_DEPTH: usize = 6;

/// The initiatives and scorecards a change affects. From each added,
/// changed or removed document (in the work tree's graph, and in the base's
/// graph for changed and removed ones):
///
/// 1. the document itself, when it is an initiative or a scorecard;
/// 2. its dependents: documents that name it through a strategy link
///    ([`DEPENDS_ON`]: supports, advances, measured_by, shows, …), and
///    their dependents, up to six links — a changed KPI reaches the
///    scorecards showing it, the objectives measured by it and the
///    initiatives advancing those;
/// 3. the KPIs it is measured by, targets, impacts or watches, and the
///    scorecards showing them — a changed objective shows on the scorecards
///    reporting its KPIs;
/// 4. what it governs: the markets a pricing or data policy covers and the
///    initiatives running in them, the initiatives a budget funds, the
///    subject of an exception.
///
/// Only documents that exist in the work tree are listed; each appears once,
/// with the first path found.
pub(crate) fn affected(base: &Analysis, head: &Analysis, touched: &Touched<'_>) -> Vec<Affected> {
    let removed: HashSet<&str> = touched.removed.iter().map(|r| r.id.as_str()).collect();
    let added: HashSet<&str> = touched.added.iter().map(|a| a.id.as_str()).collect();
    let ids = touched.ids();
    let starts = |side: &Analysis, skip: &HashSet<&str>| -> Vec<DocId> {
        ids.iter()
            .filter(|id| !skip.contains(*id))
            .filter_map(|id| side.model.by_id.get(*id).copied())
            .collect()
    };
    let reached = walk(&head.model, &head.graph, &starts(head, &removed))
        .into_iter()
        .map(|r| (&head.model, r))
        .chain(
            walk(&base.model, &base.graph, &starts(base, &added))
                .into_iter()
                .map(|r| (&base.model, r)),
        );
    let mut found: Vec<Affected> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (model, (target, via, because)) in reached {
        let target_id = model.docs[target].id();
        let Some(&h) = head.model.by_id.get(target_id) else {
            continue;
        };
        let hd = &head.model.docs[h];
        if !matches!(hd.kind(), Kind::Initiative | Kind::Scorecard)
            || !seen.insert(target_id.to_owned())
        {
            continue;
        }
        found.push(Affected {
            kind: hd.kind().name(),
            id: target_id.to_owned(),
            title: hd.body.common().title.map(str::to_owned),
            because: model.docs[because].id().to_owned(),
            via,
        });
    }
    // Initiatives first, then scorecards; within each, in the order found.
    found.sort_by_key(|a| a.kind != Kind::Initiative.name());
    found
}

fn step(model: &Model, graph: &Graph, edge: EdgeIndex) -> Option<Step> {
    let link = graph.link_ends(model, edge)?;
    Some(Step {
        from: link.from,
        edge: link.edge.name(),
        to: link.to,
    })
}

/// Documents reached from the changed documents `starts` by the walk of
/// `affected`, each with the references on the way and the changed document
/// it was reached from. One walk from all starts at once, so the cost is
/// linear in the size of the graph however many documents changed; the
/// order is deterministic (starts first, then by distance).
fn walk(model: &Model, graph: &Graph, starts: &[DocId]) -> Vec<(DocId, Vec<Step>, DocId)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // (node, path to it, links left, the changed document it comes from)
    let mut queue: VecDeque<(NodeIndex, Vec<Step>, usize, DocId)> = VecDeque::new();
    // 1: the changed documents themselves.
    for &start in starts {
        let node = graph.node_of(start);
        if seen.insert(node) {
            out.push((start, Vec::new(), start));
            queue.push_back((node, Vec::new(), AFFECT_DEPTH, start));
        }
    }
    // 4: what they govern; only what depends on it directly.
    for &start in starts {
        for (e, governed) in graph.linked(graph.node_of(start), Direction::Outgoing, GOVERNS) {
            if seen.insert(governed) {
                let via: Vec<Step> = step(model, graph, e).into_iter().collect();
                if let Some(d) = graph.doc_at(governed) {
                    out.push((d, via.clone(), start));
                }
                queue.push_back((governed, via, 1, start));
            }
        }
    }
    // 2: their dependents, breadth first.
    while let Some((node, via, budget, start)) = queue.pop_front() {
        if budget == 0 {
            continue;
        }
        for (e, dependent) in graph.linked(node, Direction::Incoming, DEPENDS_ON) {
            if !seen.insert(dependent) {
                continue;
            }
            let mut path: Vec<Step> = step(model, graph, e).into_iter().collect();
            path.extend(via.iter().cloned());
            if let Some(d) = graph.doc_at(dependent) {
                out.push((d, path.clone(), start));
            }
            queue.push_back((dependent, path, budget - 1, start));
        }
    }
    // 3: scorecards showing the KPIs the changed documents report through.
    let mut kpis_done = HashSet::new();
    for &start in starts {
        for (e, kpi) in graph.linked(graph.node_of(start), Direction::Outgoing, MEASURED_THROUGH) {
            if !kpis_done.insert(kpi) {
                continue;
            }
            for (s, scorecard) in graph.linked(kpi, Direction::Incoming, &[Edge::Shows]) {
                if let Some(d) = graph.doc_at(scorecard).filter(|_| seen.insert(scorecard)) {
                    let via = [step(model, graph, s), step(model, graph, e)]
                        .into_iter()
                        .flatten()
                        .collect();
                    out.push((d, via, start));
                }
            }
        }
    }
    out
}
