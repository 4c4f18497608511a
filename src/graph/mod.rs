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
use petgraph::visit::EdgeRef;

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
    pub pointer: String,
}

#[derive(Debug, Default)]
pub struct Graph {
    graph: DiGraph<NodeRef, EdgeData>,
    doc_nodes: Vec<NodeIndex>,
    decision_nodes: HashMap<String, NodeIndex>,
}

impl Graph {
    /// Builds the graph once from the resolved links, taking their field
    /// pointers over rather than copying them (a large repository has
    /// millions of links).
    pub fn build(model: &Model, links: Vec<Link>) -> Graph {
        let mut graph =
            DiGraph::with_capacity(model.docs.len() + model.decisions.len(), links.len());
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
                                pointer: format!("/decisions/{i}"),
                            },
                        );
                        decision_nodes.insert(dec.id.clone(), n);
                    }
                }
            }
        }
        for link in links {
            let Link {
                from,
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
            // RACI edges start at the decision, not at the matrix document.
            let source = match reference.edge {
                Edge::Accountable | Edge::Responsible | Edge::Consulted | Edge::Informed => {
                    decision_at(model, from, &reference.pointer)
                        .and_then(|id| decision_nodes.get(id).copied())
                        .unwrap_or(doc_nodes[from])
                }
                _ => doc_nodes[from],
            };
            graph.add_edge(
                source,
                target,
                EdgeData {
                    edge: reference.edge,
                    pointer: reference.pointer,
                },
            );
        }
        Graph {
            graph,
            doc_nodes,
            decision_nodes,
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

    /// Documents linked to a node through `edge` in a direction. Edges are
    /// returned in insertion order (document order), so results are stable.
    pub fn neighbours(
        &self,
        node: NodeIndex,
        edge: Edge,
        direction: Direction,
    ) -> impl Iterator<Item = (DocId, &str)> + '_ {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(node, direction)
            .filter(move |e| e.weight().edge == edge)
            .collect();
        edges.sort_by_key(|e| e.id());
        edges.into_iter().filter_map(move |e| {
            let other = match direction {
                Direction::Outgoing => e.target(),
                Direction::Incoming => e.source(),
            };
            match &self.graph[other] {
                NodeRef::Doc(d) => Some((*d, e.weight().pointer.as_str())),
                NodeRef::Decision { .. } => None,
            }
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
