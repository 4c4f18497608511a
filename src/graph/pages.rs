//! Queries the docs site needs: documents linked to a node each once in
//! model order, and the RACI decisions that name a role.

use petgraph::Direction;
use petgraph::visit::EdgeRef;

use super::{Graph, NodeRef};
use crate::model::DocId;
use crate::model::refs::Edge;

impl Graph {
    /// Documents pointing to `doc` through `edge`, each once, in model order.
    pub(crate) fn linked_from(&self, doc: DocId, edge: Edge) -> Vec<DocId> {
        sorted(self.sources(doc, edge).map(|(d, _)| d))
    }

    /// Documents that name `decision` through `edge` (e.g. `approved_under`),
    /// each once, in model order; none for an undeclared decision.
    pub(crate) fn naming_decision(&self, decision: &str, edge: Edge) -> Vec<DocId> {
        match self.decision_node(decision) {
            Some(node) => sorted(
                self.neighbours(node, edge, Direction::Incoming)
                    .map(|(d, _)| d),
            ),
            None => Vec::new(),
        }
    }

    /// The decisions whose RACI matrix names document `doc` (a role), with
    /// the edge of its part in each, in the order the edges were added.
    pub(crate) fn decisions_naming(&self, doc: DocId) -> Vec<(&str, Edge)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(self.node_of(doc), Direction::Incoming)
            .filter_map(|e| match &self.graph[e.source()] {
                NodeRef::Decision { id, .. } => Some((e.id(), id.as_str(), e.weight().edge)),
                NodeRef::Doc(_) => None,
            })
            .collect();
        edges.sort_by_key(|(e, _, _)| *e);
        edges.into_iter().map(|(_, id, edge)| (id, edge)).collect()
    }
}

fn sorted(docs: impl Iterator<Item = DocId>) -> Vec<DocId> {
    let mut v: Vec<DocId> = docs.collect();
    v.sort_unstable();
    v.dedup();
    v
}
