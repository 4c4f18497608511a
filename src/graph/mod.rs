//! Stage 3: the strategy as one petgraph graph. Every document (and every
//! decision of a RACI matrix) is a node; every resolved reference is a typed
//! edge that remembers the field it was written in, so a rule walking the
//! graph can still point at the exact line.

mod dependents;
pub mod export;
mod pages;
pub mod query;
mod usage;

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::refs::Edge;
use crate::model::resolve::{Link, Target};
use crate::model::{Body, DocId, Model};

/// A node: a document, or a decision declared inside a DecisionRights document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeRef {
    Doc(DocId),
    Decision { id: String, declared_in: DocId },
}

/// An edge: its type and the JSON pointer of the field that made it.
#[derive(Debug, Clone)]
pub struct EdgeData {
    pub edge: Edge,
    pointer: Pointer,
}

/// Where an edge's field pointer is kept: most are a document's reference
/// (shared with the model, so building the graph copies no strings).
#[derive(Debug, Clone)]
enum Pointer {
    Reference { doc: u32, index: u32 },
    Fixed(&'static str),
    Own(Box<str>),
}

#[derive(Debug, Default)]
pub struct Graph {
    graph: DiGraph<NodeRef, EdgeData>,
    doc_nodes: Vec<NodeIndex>,
    decision_nodes: HashMap<String, NodeIndex>,
    outgoing: Adjacency,
    incoming: Adjacency,
    /// Each document's references, for the pointers of the edges.
    references: Vec<std::sync::Arc<[crate::model::refs::Reference]>>,
}

/// Each node's edges in one direction, grouped by type, each group in
/// insertion (document) order. Rules ask "which objectives does this
/// initiative advance" about a million times per check; petgraph answers by
/// walking every edge of the node, newest first (a market has tens of
/// thousands), so `neighbours` reads one short slice of this instead.
#[derive(Debug, Default)]
struct Adjacency {
    /// Where each node's edges start in `edges`, and one more entry.
    start: Vec<u32>,
    edges: Vec<Adjacent>,
}

#[derive(Debug, Clone, Copy)]
struct Adjacent {
    edge: Edge,
    /// The document at the other end, or [`Adjacent::NOT_A_DOC`].
    doc: u32,
    /// The edge's index in the petgraph graph (for its pointer).
    index: u32,
}

impl Adjacent {
    const NOT_A_DOC: u32 = u32::MAX;
}

impl Adjacency {
    fn build(graph: &DiGraph<NodeRef, EdgeData>, direction: Direction) -> Adjacency {
        let ends = |e: &petgraph::graph::Edge<EdgeData>| match direction {
            Direction::Outgoing => (e.source(), e.target()),
            Direction::Incoming => (e.target(), e.source()),
        };
        let mut start = vec![0u32; graph.node_count() + 1];
        for e in graph.raw_edges() {
            start[ends(e).0.index() + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let blank = Adjacent {
            edge: Edge::Supports,
            doc: Adjacent::NOT_A_DOC,
            index: 0,
        };
        let mut edges = vec![blank; graph.edge_count()];
        for (index, e) in graph.raw_edges().iter().enumerate() {
            let (at, other) = ends(e);
            let doc = match graph[other] {
                NodeRef::Doc(d) => u32::try_from(d).unwrap_or(Adjacent::NOT_A_DOC),
                NodeRef::Decision { .. } => Adjacent::NOT_A_DOC,
            };
            let slot = &mut next[at.index()];
            edges[*slot as usize] = Adjacent {
                edge: e.weight.edge,
                doc,
                index: index as u32,
            };
            *slot += 1;
        }
        // Stable: within one type the edges stay in insertion order.
        for node in start.windows(2) {
            edges[node[0] as usize..node[1] as usize].sort_by_key(|a| a.edge);
        }
        Adjacency { start, edges }
    }

    /// The edges of one type at a node, in insertion order.
    fn of(&self, node: NodeIndex, edge: Edge) -> &[Adjacent] {
        let (Some(&from), Some(&to)) = (
            self.start.get(node.index()),
            self.start.get(node.index() + 1),
        ) else {
            return &[];
        };
        let all = &self.edges[from as usize..to as usize];
        let first = all.partition_point(|a| a.edge < edge);
        let end = first + all[first..].partition_point(|a| a.edge == edge);
        &all[first..end]
    }
}

impl Graph {
    /// Builds the graph once from the resolved links. Edges point at the
    /// documents' references for their field pointers rather than copying
    /// them (a large repository has millions of links).
    pub fn build(model: &Model, links: Vec<Vec<Link>>) -> Graph {
        let edges = links.iter().map(Vec::len).sum();
        let mut graph = DiGraph::with_capacity(model.docs.len() + model.decisions.len(), edges);
        let doc_nodes: Vec<NodeIndex> = (0..model.docs.len())
            .map(|d| graph.add_node(NodeRef::Doc(d)))
            .collect();
        let mut decision_nodes = HashMap::with_capacity(model.decisions.len());
        // Decisions in document order, so node indexes are deterministic.
        for (d, doc) in model.docs.iter().enumerate() {
            if let Body::DecisionRights(rights) = &doc.body {
                for (i, dec) in rights.decisions.iter().enumerate() {
                    let owner = model.decisions.get(&dec.id);
                    if owner.is_some_and(|r| r.doc == d && r.index == i) {
                        let n = graph.add_node(NodeRef::Decision {
                            id: dec.id.clone(),
                            declared_in: d,
                        });
                        graph.add_edge(
                            doc_nodes[d],
                            n,
                            EdgeData {
                                edge: Edge::Declares,
                                pointer: Pointer::Own(format!("/decisions/{i}").into()),
                            },
                        );
                        decision_nodes.insert(dec.id.clone(), n);
                    }
                }
            }
        }
        for link in links.into_iter().flatten() {
            let Link {
                from,
                edge,
                reference,
                to,
            } = link;
            let Some(to) = to else { continue };
            let target = match &to {
                Target::Doc(t) => doc_nodes[*t],
                Target::Decision(id) => match decision_nodes.get(id) {
                    Some(&n) => n,
                    None => continue,
                },
            };
            let (pointer, written) = match reference {
                Some(index) => (
                    Pointer::Reference {
                        doc: from as u32,
                        index,
                    },
                    model.docs[from].references()[index as usize]
                        .pointer
                        .as_str(),
                ),
                None => (Pointer::Fixed("/formula"), "/formula"),
            };
            // RACI edges start at the decision, not at the matrix document.
            let source = match edge {
                Edge::Accountable | Edge::Responsible | Edge::Consulted | Edge::Informed => {
                    decision_at(model, from, written)
                        .and_then(|id| decision_nodes.get(id).copied())
                        .unwrap_or(doc_nodes[from])
                }
                _ => doc_nodes[from],
            };
            graph.add_edge(source, target, EdgeData { edge, pointer });
        }
        let references = model.docs.iter().map(|d| d.refs.clone()).collect();
        Graph::from_parts(graph, doc_nodes, decision_nodes, references)
    }

    /// The graph with its adjacency indexes, once every edge is added.
    fn from_parts(
        graph: DiGraph<NodeRef, EdgeData>,
        doc_nodes: Vec<NodeIndex>,
        decision_nodes: HashMap<String, NodeIndex>,
        references: Vec<std::sync::Arc<[crate::model::refs::Reference]>>,
    ) -> Graph {
        let (outgoing, incoming) = crate::load::pool().join(
            || Adjacency::build(&graph, Direction::Outgoing),
            || Adjacency::build(&graph, Direction::Incoming),
        );
        Graph {
            graph,
            doc_nodes,
            decision_nodes,
            outgoing,
            incoming,
            references,
        }
    }

    /// The JSON pointer of the field an edge was written in.
    pub fn pointer<'g>(&'g self, edge: &'g EdgeData) -> &'g str {
        match &edge.pointer {
            Pointer::Reference { doc, index } => self
                .references
                .get(*doc as usize)
                .and_then(|refs| refs.get(*index as usize))
                .map_or("", |r| r.pointer.as_str()),
            Pointer::Fixed(p) => p,
            Pointer::Own(p) => p,
        }
    }

    pub fn node_of(&self, doc: DocId) -> NodeIndex {
        self.doc_nodes[doc]
    }

    pub fn decision_node(&self, id: &str) -> Option<NodeIndex> {
        self.decision_nodes.get(id).copied()
    }

    /// Documents `doc` points to through `edge`, with the pointer of the field.
    pub fn targets(&self, doc: DocId, edge: Edge) -> impl Iterator<Item = (DocId, &str)> + '_ {
        self.neighbours(self.doc_nodes[doc], edge, Direction::Outgoing)
    }

    /// Documents pointing to `doc` through `edge`, with the pointer of their field.
    pub fn sources(&self, doc: DocId, edge: Edge) -> impl Iterator<Item = (DocId, &str)> + '_ {
        self.neighbours(self.doc_nodes[doc], edge, Direction::Incoming)
    }

    /// Documents linked to a node through `edge` in a direction, in
    /// insertion (document) order, so results are stable.
    pub fn neighbours(
        &self,
        node: NodeIndex,
        edge: Edge,
        direction: Direction,
    ) -> impl Iterator<Item = (DocId, &str)> + '_ {
        let adjacency = match direction {
            Direction::Outgoing => &self.outgoing,
            Direction::Incoming => &self.incoming,
        };
        let edges = self.graph.raw_edges();
        adjacency
            .of(node, edge)
            .iter()
            .filter(|a| a.doc != Adjacent::NOT_A_DOC)
            .map(move |a| {
                (
                    a.doc as DocId,
                    self.pointer(&edges[a.index as usize].weight),
                )
            })
    }
}

/// The decision id a RACI pointer (`/decisions/3/responsible/0`) belongs to.
fn decision_at<'m>(model: &'m Model, doc: DocId, pointer: &str) -> Option<&'m str> {
    let index: usize = pointer.split('/').nth(2)?.parse().ok()?;
    match &model.docs[doc].body {
        Body::DecisionRights(r) => r.decisions.get(index).map(|d| d.id.as_str()),
        _ => None,
    }
}
