//! Graph queries for change review: what depends on a changed document,
//! by resolved links (`stratc diff`) or by the names written in the
//! documents (`stratc check --changed-since`).

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{Graph, NodeRef};
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Model};

/// One resolved reference, by the ids at its ends: `from` names `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkEnds {
    pub(crate) from: String,
    pub(crate) edge: Edge,
    pub(crate) to: String,
}

impl Graph {
    /// The document a node stands for; `None` for a declared decision.
    pub(crate) fn doc_at(&self, node: NodeIndex) -> Option<DocId> {
        match self.graph[node] {
            NodeRef::Doc(d) => Some(d),
            NodeRef::Decision { .. } => None,
        }
    }

    /// The id a node is known by: the document's id or the decision's.
    pub(crate) fn node_id<'a>(&'a self, model: &'a Model, node: NodeIndex) -> &'a str {
        match &self.graph[node] {
            NodeRef::Doc(d) => model.docs[*d].id(),
            NodeRef::Decision { id, .. } => id,
        }
    }

    /// The edges of any of the `kinds` at `node` in `direction`, each with
    /// the node at its other end, in insertion order (so results are stable).
    pub(crate) fn linked(
        &self,
        node: NodeIndex,
        direction: Direction,
        kinds: &[Edge],
    ) -> Vec<(EdgeIndex, NodeIndex)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(node, direction)
            .filter(|e| kinds.contains(&e.weight().edge))
            .map(|e| {
                let other = match direction {
                    Direction::Outgoing => e.target(),
                    Direction::Incoming => e.source(),
                };
                (e.id(), other)
            })
            .collect();
        edges.sort();
        edges
    }

    /// The ends of an edge by id, and its kind.
    pub(crate) fn link_ends(&self, model: &Model, edge: EdgeIndex) -> Option<LinkEnds> {
        let (from, to) = self.graph.edge_endpoints(edge)?;
        Some(LinkEnds {
            from: self.node_id(model, from).to_owned(),
            edge: self.graph[edge].edge,
            to: self.node_id(model, to).to_owned(),
        })
    }

    /// The ids depending on `start` (and `start` itself): every document
    /// whose references name one of them, transitively, up to `limit` links.
    /// The walk goes by the names written in the documents, not by resolved
    /// graph edges, so documents that still name a deleted or renamed id are
    /// reached too (which is why it needs only the model). A reached
    /// DecisionRights matrix brings in the decisions it declares.
    pub(crate) fn dependents_by_name(
        model: &Model,
        start: impl IntoIterator<Item = String>,
        limit: usize,
    ) -> HashSet<String> {
        let mut named_by: HashMap<String, Vec<DocId>> = HashMap::new();
        for (d, doc) in model.docs.iter().enumerate() {
            let targets: BTreeSet<&str> =
                doc.references().iter().map(|r| r.target.as_str()).collect();
            for t in targets {
                named_by.entry(t.to_owned()).or_default().push(d);
            }
        }
        let mut seen: HashSet<String> = HashSet::new();
        let mut queue: VecDeque<(String, usize)> = VecDeque::new();
        for id in start {
            if seen.insert(id.clone()) {
                queue.push_back((id, 0));
            }
        }
        while let Some((id, depth)) = queue.pop_front() {
            if depth == limit {
                continue;
            }
            for &d in named_by.get(&id).map_or(&[][..], Vec::as_slice) {
                let doc = &model.docs[d];
                let mut names = vec![doc.id().to_owned()];
                if let Body::DecisionRights(r) = &doc.body {
                    names.extend(r.decisions.iter().map(|dec| dec.id.clone()));
                }
                for name in names {
                    if seen.insert(name.clone()) {
                        queue.push_back((name, depth + 1));
                    }
                }
            }
        }
        seen
    }
}
