//! Graph queries the rules need, so no rule walks the petgraph graph raw.

use petgraph::visit::EdgeRef;

use super::{Graph, NodeRef};
use crate::model::refs::Edge;

impl Graph {
    /// For every document (by `DocId`), whether another node points at it
    /// through an edge of one of these types.
    pub fn referenced_by(&self, edges: &[Edge], docs: usize) -> Vec<bool> {
        let mut referenced = vec![false; docs];
        for e in self.graph.edge_references() {
            if !edges.contains(&e.weight().edge) || e.source() == e.target() {
                continue;
            }
            if let NodeRef::Doc(d) = self.graph[e.target()] {
                referenced[d] = true;
            }
        }
        referenced
    }
}
