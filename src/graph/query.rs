//! Graph queries the rules share: which documents reach a set of documents
//! along one edge type, the cycles of one edge type, and the smallest value
//! reachable along one edge type. Each query is computed once for the whole
//! graph, in time linear in its size, so a rule asking about every
//! initiative does not search the graph once per initiative.
//!
//! Strongly connected components come from petgraph's `kosaraju_scc`, which
//! is iterative: a chain of 100,000 `supports` or `reports_to` links does not
//! exhaust the stack (petgraph's `tarjan_scc` recurses once per node).

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{EdgeData, Graph, NodeRef};
use crate::model::DocId;
use crate::model::refs::Edge;

/// The documents from which at least one seed is reachable along one edge
/// type (the seeds included), computed by one backward search from the seeds.
#[derive(Debug, Clone)]
pub struct Reach {
    reaches: Vec<bool>,
    /// How many edges of the type the search examined: each at most once.
    pub edges_walked: usize,
}

impl Reach {
    /// Whether a seed is reachable from `doc`.
    pub fn contains(&self, graph: &Graph, doc: DocId) -> bool {
        self.reaches[graph.node_of(doc).index()]
    }
}

/// One cycle of an edge type, in the order the links run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// Each member with the pointer of its field that links it to the next
    /// member (the last links back to the first). The first member is the
    /// one that comes first in path order.
    pub steps: Vec<(DocId, String)>,
    /// Documents caught in the same loop but not on this particular cycle
    /// (when several cycles share members), in path order.
    pub others: Vec<DocId>,
}

impl Graph {
    /// The edges of one type leaving (or entering) a node, in insertion
    /// (document) order.
    fn typed_edges(
        &self,
        node: NodeIndex,
        edge: Edge,
        direction: Direction,
    ) -> Vec<EdgeReference<'_, EdgeData>> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(node, direction)
            .filter(|e| e.weight().edge == edge)
            .collect();
        edges.sort_by_key(|e| e.id());
        edges
    }

    /// Every document from which one of `seeds` is reachable through `edge`
    /// links, found by one breadth-first search backwards from the seeds.
    pub fn reaching(&self, seeds: impl IntoIterator<Item = DocId>, edge: Edge) -> Reach {
        let mut reaches = vec![false; self.graph.node_count()];
        let mut queue = VecDeque::new();
        for seed in seeds {
            let n = self.node_of(seed);
            if !reaches[n.index()] {
                reaches[n.index()] = true;
                queue.push_back(n);
            }
        }
        let mut edges_walked = 0;
        while let Some(n) = queue.pop_front() {
            for e in self.graph.edges_directed(n, Direction::Incoming) {
                if e.weight().edge != edge {
                    continue;
                }
                edges_walked += 1;
                let source = e.source();
                if !reaches[source.index()] {
                    reaches[source.index()] = true;
                    queue.push_back(source);
                }
            }
        }
        Reach {
            reaches,
            edges_walked,
        }
    }

    /// The strongly connected components of the graph restricted to `edge`.
    fn components(&self, edge: Edge) -> Vec<Vec<NodeIndex>> {
        // Only nodes with a link of this type can be in a loop of it, and
        // there are few of them (objectives, roles): the components are
        // computed on that small subgraph rather than on the whole graph.
        let mut local = vec![u32::MAX; self.graph.node_count()];
        let mut sub: DiGraph<NodeIndex, ()> = DiGraph::new();
        let mut node = |sub: &mut DiGraph<NodeIndex, ()>, n: NodeIndex| {
            if local[n.index()] == u32::MAX {
                local[n.index()] = sub.add_node(n).index() as u32;
            }
            NodeIndex::new(local[n.index()] as usize)
        };
        for e in self.graph.edge_references() {
            if e.weight().edge == edge {
                let (a, b) = (node(&mut sub, e.source()), node(&mut sub, e.target()));
                sub.add_edge(a, b, ());
            }
        }
        kosaraju_scc(&sub)
            .into_iter()
            .map(|component| component.into_iter().map(|n| sub[n]).collect())
            .collect()
    }

    /// Every cycle of `edge` links between documents: one per group of
    /// documents caught in a loop (a strongly connected component with more
    /// than one member, or a document linking to itself), in path order of
    /// their first member.
    pub fn cycles(&self, edge: Edge) -> Vec<Cycle> {
        self.cycles_by(edge, |d| d)
    }

    /// [`Graph::cycles`] with the documents ordered by `key` rather than by
    /// their number: each cycle starts at its smallest member, the search
    /// tries smaller members first, and the cycles come in that order. Rules
    /// pass the id, so what they report does not depend on the order the
    /// documents are written in a file.
    pub fn cycles_by<K: Ord>(&self, edge: Edge, key: impl Fn(DocId) -> K) -> Vec<Cycle> {
        let key = |d: DocId| (key(d), d);
        let mut in_component = vec![usize::MAX; self.graph.node_count()];
        let mut on_cycle = vec![false; self.doc_nodes.len()];
        let mut cycles = Vec::new();
        for (c, component) in self.components(edge).iter().enumerate() {
            for n in component {
                in_component[n.index()] = c;
            }
            let mut docs: Vec<(DocId, NodeIndex)> = component
                .iter()
                .filter_map(|&n| match self.graph[n] {
                    NodeRef::Doc(d) => Some((d, n)),
                    NodeRef::Decision { .. } => None,
                })
                .collect();
            docs.sort_unstable_by_key(|&(d, _)| key(d));
            let Some(&(_, first)) = docs.first() else {
                continue;
            };
            let self_loop = self
                .typed_edges(first, edge, Direction::Outgoing)
                .into_iter()
                .find(|e| e.target() == first);
            if docs.len() == 1 && self_loop.is_none() {
                continue;
            }
            let steps = self.shortest_cycle_through(
                first,
                edge,
                |n| in_component[n.index()] == c,
                |n| match self.graph[n] {
                    NodeRef::Doc(d) => Some(key(d)),
                    NodeRef::Decision { .. } => None,
                },
            );
            for (d, _) in &steps {
                on_cycle[*d] = true;
            }
            let others = docs
                .iter()
                .map(|&(d, _)| d)
                .filter(|&d| !on_cycle[d])
                .collect();
            for (d, _) in &steps {
                on_cycle[*d] = false;
            }
            cycles.push(Cycle { steps, others });
        }
        cycles.sort_by_cached_key(|c| c.steps.first().map(|&(d, _)| key(d)));
        cycles
    }

    /// The shortest cycle of `edge` links from `start` back to itself,
    /// staying inside the nodes `inside` accepts (one strongly connected
    /// component, so a cycle exists).
    fn shortest_cycle_through<K: Ord>(
        &self,
        start: NodeIndex,
        edge: Edge,
        inside: impl Fn(NodeIndex) -> bool,
        key: impl Fn(NodeIndex) -> Option<K>,
    ) -> Vec<(DocId, String)> {
        // The edge by which the search first reached each node (a map, not
        // a vector over the whole graph: there may be many small cycles).
        let mut came_by: HashMap<NodeIndex, EdgeReference<'_, EdgeData>> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        let mut closing = None;
        'search: while let Some(n) = queue.pop_front() {
            let mut edges = self.typed_edges(n, edge, Direction::Outgoing);
            // Smaller targets first (then link order, which is field order
            // inside one document): of equally short cycles, the one found
            // is the same however the documents are numbered.
            edges.sort_by_cached_key(|e| key(e.target()));
            for e in edges {
                let t = e.target();
                if t == start {
                    closing = Some(e);
                    break 'search;
                }
                if inside(t) && !came_by.contains_key(&t) {
                    came_by.insert(t, e);
                    queue.push_back(t);
                }
            }
        }
        // Walk back from the closing edge to the start.
        let mut reversed = Vec::new();
        let mut e = closing;
        while let Some(link) = e {
            let NodeRef::Doc(d) = self.graph[link.source()] else {
                break;
            };
            reversed.push((d, self.pointer(link.weight()).to_owned()));
            if link.source() == start {
                break;
            }
            e = came_by.get(&link.source()).copied();
        }
        reversed.reverse();
        reversed
    }

    /// For every document, the smallest `seed` value among the documents
    /// reachable from it through `edge` links (itself included), with the
    /// graph condensed to its strongly connected components so each node
    /// and edge is visited once. Indexed by `DocId`.
    pub fn min_reachable<K: Ord + Clone>(
        &self,
        edge: Edge,
        seed: impl Fn(DocId) -> Option<K>,
    ) -> Vec<Option<K>> {
        let components = self.components(edge);
        let mut component_of = vec![usize::MAX; self.graph.node_count()];
        for (c, component) in components.iter().enumerate() {
            for n in component {
                component_of[n.index()] = c;
            }
        }
        // Components come in reverse topological order: the targets of a
        // component's links are settled before the component itself.
        let mut best: Vec<Option<K>> = vec![None; components.len()];
        for (c, component) in components.iter().enumerate() {
            let mut value = None;
            for &n in component {
                if let NodeRef::Doc(d) = self.graph[n] {
                    value = smaller(value, seed(d));
                }
                for e in self.graph.edges_directed(n, Direction::Outgoing) {
                    if e.weight().edge != edge {
                        continue;
                    }
                    let t = component_of[e.target().index()];
                    if t != c {
                        debug_assert!(t < c, "components out of topological order");
                        value = smaller(value, best[t].clone());
                    }
                }
            }
            best[c] = value;
        }
        // A document without links of this type is in no component: it
        // reaches only itself.
        self.doc_nodes
            .iter()
            .enumerate()
            .map(|(d, n)| match component_of[n.index()] {
                usize::MAX => seed(d),
                c => best[c].clone(),
            })
            .collect()
    }
}

fn smaller<K: Ord>(a: Option<K>, b: Option<K>) -> Option<K> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::DiGraph;

    use super::*;

    /// A graph of `n` documents (DocId = index) and typed links.
    fn graph(n: usize, links: &[(DocId, DocId, Edge)]) -> Graph {
        let mut graph = DiGraph::new();
        let doc_nodes: Vec<NodeIndex> = (0..n).map(|d| graph.add_node(NodeRef::Doc(d))).collect();
        let mut count: HashMap<(DocId, Edge), usize> = HashMap::new();
        for &(from, to, edge) in links {
            let i = count.entry((from, edge)).or_default();
            graph.add_edge(
                doc_nodes[from],
                doc_nodes[to],
                EdgeData {
                    edge,
                    pointer: crate::graph::Pointer::Own(format!("/{}/{i}", edge.name()).into()),
                },
            );
            *i += 1;
        }
        Graph::from_parts(graph, doc_nodes, HashMap::new(), Vec::new())
    }

    #[test]
    fn reachability_to_goals_is_computed_once_for_every_initiative() {
        // goal(0) <- o1(1) <- o2(2) <- initiatives 4 and 5; o3(3) supports nothing,
        // initiative 6 advances o3.
        let g = graph(
            7,
            &[
                (1, 0, Edge::Supports),
                (2, 1, Edge::Supports),
                (4, 2, Edge::Advances),
                (5, 2, Edge::Advances),
                (6, 3, Edge::Advances),
            ],
        );
        let reach = g.reaching([0], Edge::Supports);
        // One search answers for every objective: each supports link walked once.
        assert_eq!(reach.edges_walked, 2);
        assert!(reach.contains(&g, 1) && reach.contains(&g, 2));
        assert!(!reach.contains(&g, 3));
        let aligned = |i: DocId| {
            g.targets(i, Edge::Advances)
                .any(|(o, _)| reach.contains(&g, o))
        };
        assert!(aligned(4) && aligned(5));
        assert!(!aligned(6));
    }

    #[test]
    fn reachability_walks_each_link_once_on_a_long_chain() {
        let n = 50_000;
        let links: Vec<_> = (1..n).map(|d| (d, d - 1, Edge::Supports)).collect();
        let g = graph(n, &links);
        let reach = g.reaching([0], Edge::Supports);
        assert_eq!(reach.edges_walked, n - 1);
        assert!(reach.contains(&g, n - 1));
    }

    #[test]
    fn cycles_are_reported_once_from_their_first_member() {
        // 3 -> 1 -> 2 -> 3 is a loop; 0 -> 1 leads into it; 4 -> 4 links to itself;
        // 5 -> 6 is no loop; a reports_to link 2 -> 0 is another edge type.
        let g = graph(
            7,
            &[
                (0, 1, Edge::Supports),
                (3, 1, Edge::Supports),
                (1, 2, Edge::Supports),
                (2, 3, Edge::Supports),
                (4, 4, Edge::Supports),
                (5, 6, Edge::Supports),
                (2, 0, Edge::ReportsTo),
            ],
        );
        let cycles = g.cycles(Edge::Supports);
        assert_eq!(cycles.len(), 2);
        let members: Vec<DocId> = cycles[0].steps.iter().map(|(d, _)| *d).collect();
        assert_eq!(members, [1, 2, 3]);
        assert_eq!(cycles[0].steps[2].1, "/supports/0");
        assert!(cycles[0].others.is_empty());
        assert_eq!(cycles[1].steps, [(4, "/supports/0".to_owned())]);
        assert!(g.cycles(Edge::ReportsTo).is_empty());
    }

    #[test]
    fn cycles_sharing_members_are_one_loop() {
        // 0 -> 1 -> 0 and 1 -> 2 -> 1: one loop of three, shortest cycle through 0.
        let g = graph(
            3,
            &[
                (0, 1, Edge::SucceededBy),
                (1, 2, Edge::SucceededBy),
                (1, 0, Edge::SucceededBy),
                (2, 1, Edge::SucceededBy),
            ],
        );
        let cycles = g.cycles(Edge::SucceededBy);
        assert_eq!(cycles.len(), 1);
        let members: Vec<DocId> = cycles[0].steps.iter().map(|(d, _)| *d).collect();
        assert_eq!(members, [0, 1]);
        assert_eq!(cycles[0].steps[1].1, "/succeeded_by/1");
        assert_eq!(cycles[0].others, [2]);
    }

    #[test]
    fn long_chains_do_not_exhaust_the_stack() {
        let n = 100_000;
        let mut links: Vec<_> = (1..n).map(|d| (d, d - 1, Edge::ReportsTo)).collect();
        links.push((0, n - 1, Edge::ReportsTo));
        let g = graph(n, &links);
        let cycles = g.cycles(Edge::ReportsTo);
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].steps.len(), n);
    }

    #[test]
    fn many_small_cycles_stay_linear() {
        let n = 60_000;
        let links: Vec<_> = (0..n).map(|d| (d, d ^ 1, Edge::SucceededBy)).collect();
        let g = graph(n, &links);
        let cycles = g.cycles(Edge::SucceededBy);
        assert_eq!(cycles.len(), n / 2);
        assert!(
            cycles
                .iter()
                .all(|c| c.steps.len() == 2 && c.others.is_empty())
        );
    }

    #[test]
    fn smallest_reachable_value_flows_up_the_links() {
        // Goals 0 (value 2028) and 1 (value 2030); o2 supports both; o3 supports o2;
        // o4 and o5 support each other and goal 1; o6 supports nothing.
        let g = graph(
            7,
            &[
                (2, 0, Edge::Supports),
                (2, 1, Edge::Supports),
                (3, 2, Edge::Supports),
                (4, 5, Edge::Supports),
                (5, 4, Edge::Supports),
                (5, 1, Edge::Supports),
            ],
        );
        let horizon = |d: DocId| match d {
            0 => Some(2028),
            1 => Some(2030),
            _ => None,
        };
        let best = g.min_reachable(Edge::Supports, horizon);
        assert_eq!(
            best,
            [
                Some(2028),
                Some(2030),
                Some(2028),
                Some(2028),
                Some(2030),
                Some(2030),
                None
            ]
        );
    }
}
