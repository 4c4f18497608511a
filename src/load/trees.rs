//! The source map's span trees: the trees of a file are about as large as
//! its typed documents and are needed only to point at a field when there is
//! something to report, so they are not kept after loading; this parses a
//! file's text again the first time one of its trees is asked for.

use super::yaml::{Node, Value};
use crate::source::Span;

/// The span trees of one file, parsed again on first use.
#[derive(Debug)]
pub struct FileTrees {
    text: std::sync::Arc<str>,
    /// The limits the file was first parsed with, so the second parse takes
    /// the same path (and cannot fail where the first one succeeded).
    limits: super::yaml::Limits,
    trees: std::sync::OnceLock<Vec<Node>>,
}

impl FileTrees {
    pub fn new(text: std::sync::Arc<str>, limits: super::yaml::Limits) -> FileTrees {
        FileTrees {
            text,
            limits,
            trees: std::sync::OnceLock::new(),
        }
    }

    /// The tree of the file's `index`-th document.
    pub fn get(&self, index: u32) -> &Node {
        /// Stands in should the text ever fail to parse again.
        static EMPTY: Node = Node {
            span: Span::new(0, 0),
            value: Value::Null,
        };
        let trees = self.trees.get_or_init(|| {
            super::yaml::parse_documents(&self.text, self.limits).unwrap_or_default()
        });
        trees.get(index as usize).unwrap_or(&EMPTY)
    }
}
