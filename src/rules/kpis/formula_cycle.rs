//! `formula-cycle`: KPI formulas that depend on each other in a circle
//! (`a` uses `b`, `b` uses `a`), so none of them can be computed.

use std::collections::{HashMap, VecDeque};

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::Kpi;
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP005" "formula-cycle", Kpis, Error;
    summary: "KPI formulas depend on each other in a circle.";
    examples: "kpis/kpis.yaml", "kpis/kpis.yaml";
    doc: r#"## What it does
Follows the KPI ids named in each Kpi's `formula` and reports every circle:
a KPI computed from itself, or `a` computed from `b` while `b` is computed
from `a` (through any number of steps). The finding points at the first KPI
of the circle (in file order) and shows every step as a related place.

## Why it matters
A circle has no starting point: none of its KPIs can be computed, so their
scorecard rows stay empty. It usually means one of them should be measured
directly and the other computed from it.
"#;
    fix: r#"Measure one of the KPIs directly (remove its `formula` and report its
actuals):

```yaml
kind: Kpi
id: ltv
unit: currency:EUR
direction: higher_is_better
```
"#;
}

/// A formula edge: from a KPI to a KPI its formula names, at `offset`.
#[derive(Debug, Clone, Copy)]
struct Uses {
    offset: usize,
    len: usize,
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let parsed = ctx.formulas();
    let mut graph: DiGraph<DocId, Uses> = DiGraph::new();
    let mut nodes: HashMap<DocId, NodeIndex> = HashMap::new();
    for (d, _, _) in parsed {
        nodes.insert(*d, graph.add_node(*d));
    }
    for (d, _, formula) in parsed {
        let Ok(formula) = formula else { continue };
        for r in formula.references() {
            let Some((target, _)) = model.get::<Kpi>(&r.id) else {
                continue;
            };
            // A KPI without formula cannot close a circle.
            let Some(&to) = nodes.get(&target) else {
                continue;
            };
            let from = nodes[d];
            if graph.find_edge(from, to).is_none() {
                graph.add_edge(
                    from,
                    to,
                    Uses {
                        offset: r.offset,
                        len: r.id.len(),
                    },
                );
            }
        }
    }
    // kosaraju_scc is iterative; tarjan_scc recurses once per KPI and a long
    // chain of formulas would overflow the stack.
    let mut cycles: Vec<Vec<NodeIndex>> = kosaraju_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || graph.find_edge(scc[0], scc[0]).is_some())
        .map(|scc| cycle_in(&graph, scc))
        .collect();
    cycles.sort_by_key(|c| graph[c[0]]);
    for cycle in cycles {
        let ids: Vec<&str> = cycle.iter().map(|&n| model.docs[graph[n]].id()).collect();
        let path = ids
            .iter()
            .chain(std::iter::once(&ids[0]))
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(" → ");
        let step = |i: usize| {
            let from = cycle[i];
            let to = cycle[(i + 1) % cycle.len()];
            let e = graph.find_edge(from, to).map(|e| graph[e]);
            let (offset, len) = e.map_or((0, 0), |u| (u.offset, u.len));
            ctx.text_label(graph[from], "/formula", offset, offset + len)
        };
        let message = if cycle.len() == 1 {
            format!(
                "the formula of `{}` uses `{}` itself, so it can never be computed",
                ids[0], ids[0]
            )
        } else {
            format!("KPI formulas go round in a circle: {path}; none of these KPIs can be computed")
        };
        let help = if cycle.len() == 1 {
            format!(
                "write the formula of `{}` without `{}`, or remove the formula and report its actuals",
                ids[0], ids[0]
            )
        } else {
            "measure one of these KPIs directly (remove its `formula` and report its actuals) \
             so the others can be computed from it"
                .to_owned()
        };
        let first = step(0).with_text(format!("`{}` uses `{}`", ids[0], ids[1 % ids.len()]));
        let mut finding = Finding::new(&RULE, message)
            .at(first)
            .subject(ids[0], "/formula")
            .help(help);
        for i in 1..cycle.len() {
            let next = ids[(i + 1) % ids.len()];
            finding = finding.related(step(i).with_text(format!("`{}` uses `{next}`", ids[i])));
        }
        out.push(finding);
    }
}

/// One circle through a strongly connected component, starting at its
/// member that comes first in the model, following the shortest path back.
fn cycle_in(graph: &DiGraph<DocId, Uses>, scc: Vec<NodeIndex>) -> Vec<NodeIndex> {
    let start = scc
        .iter()
        .copied()
        .min_by_key(|&n| graph[n])
        .unwrap_or(scc[0]);
    if graph.find_edge(start, start).is_some() {
        return vec![start];
    }
    let members: std::collections::HashSet<NodeIndex> = scc.iter().copied().collect();
    // Breadth-first from start; successors in document order for determinism.
    let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let mut next: Vec<NodeIndex> = graph.neighbors(n).filter(|m| members.contains(m)).collect();
        next.sort_by_key(|&m| graph[m]);
        for m in next {
            if m == start {
                let mut path = vec![n];
                let mut at = n;
                while at != start {
                    at = previous[&at];
                    path.push(at);
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(m) {
                e.insert(n);
                queue.push_back(m);
            }
        }
    }
    scc
}
