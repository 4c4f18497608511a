//! Stage 2: the typed documents of a strategy repository and the indexes
//! every later stage uses (ids, decisions, categories).

pub mod build;
pub(crate) mod check_values;
pub mod formula;
pub mod load;
pub use crate::kinds::{self, Body, Common, Kind, KindOf};
pub mod org;
pub mod refs;
pub(crate) mod resolve;
pub(crate) mod resolved;
pub mod revision;
pub use crate::values;

use std::collections::HashMap;

use crate::load::actuals::Actuals;
use crate::load::yaml::{Node, Value};
use crate::source::Span;
use crate::source::{FileId, Sources};
use kinds::{Decision, Kpi};

/// A map keyed by id, with a fast hasher: the model's indexes are looked up
/// once per reference (a million times in a large repository), and ids are
/// the repository's own text, not an attacker's.
pub type IdMap<V> = HashMap<String, V, foldhash::fast::FixedState>;

/// Index of a document in `Model::docs`.
pub type DocId = usize;

/// One loaded, schema-valid document.
///
/// The span tree of a document is about as large as its typed body and is
/// needed only to point at a field when there is something to report, so it
/// is not kept after loading: `tree()` rebuilds the trees of the document's
/// file from its text the first time one of them is asked for.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: FileId,
    /// Where the whole document is in its file.
    pub span: Span,
    /// Position among the documents of its file (for `tree()`).
    pub(crate) index: u32,
    pub(crate) trees: std::sync::Arc<crate::load::FileTrees>,
    pub body: Body,
    /// Every `_pct` field written with a number, found while the tree was
    /// at hand (for `percent-looks-like-fraction`).
    pub(crate) pct: Box<[WrittenPct]>,
    /// List items dropped with a bad required field, as (list pointer, id):
    /// references to them are not reported as dangling on top of it.
    pub(crate) withheld: Box<[(String, String)]>,
    /// Every reference the body makes (`refs::references`), listed once
    /// when the document is loaded: a re-check in the editor resolves the
    /// references of a hundred thousand unchanged documents again, and
    /// listing them (a pointer string each) was a third of that work. The
    /// graph shares them for the pointers of its edges.
    pub(crate) refs: std::sync::Arc<[refs::Reference]>,
    /// What each of `refs` resolved to in the last build of a model, and
    /// under which ids (`resolve::Resolved`): the language server's next
    /// build reuses it for every document it did not re-load, when no
    /// document id, kind or decision changed in between.
    pub(crate) resolved: resolved::Resolved,
}

/// A `_pct` field written with a number: where, which field, and the value.
#[derive(Debug, Clone)]
pub(crate) struct WrittenPct {
    pub(crate) pointer: Box<str>,
    pub(crate) field: Box<str>,
    pub(crate) value: f64,
}

impl Document {
    #[inline]
    pub fn id(&self) -> &str {
        self.body.id()
    }
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }
    /// Every reference the document makes, in the order it writes them.
    pub fn references(&self) -> &[refs::Reference] {
        &self.refs
    }

    /// The title, or the id when there is none.
    pub fn display_name(&self) -> &str {
        self.body.common().title.unwrap_or_else(|| self.id())
    }

    /// The document as written, with the span of every key and value.
    pub fn tree(&self) -> &Node {
        self.trees.get(self.index)
    }

    /// Whether the field a JSON pointer names is written in the file (an
    /// empty list that is written differs from one left out).
    pub fn has(&self, pointer: &str) -> bool {
        self.tree().walk(pointer).complete
    }

    /// The span a JSON pointer names; a missing field resolves to the
    /// nearest enclosing value that exists.
    pub fn span(&self, pointer: &str) -> Span {
        span_in(self.tree(), pointer)
    }

    /// The span of the key of the field a pointer names (falls back to the value).
    pub fn key_span(&self, pointer: &str) -> Span {
        let walked = self.tree().walk(pointer);
        match (walked.complete, walked.key_span) {
            (true, Some(k)) if !pointer.ends_with(|c: char| c.is_ascii_digit()) => k,
            _ => walked.node.span,
        }
    }
}

/// [`Document::span`] on a tree at hand.
pub fn span_in(tree: &Node, pointer: &str) -> Span {
    let walked = tree.walk(pointer);
    match (&walked.node.value, walked.key_span) {
        // A mapping or list has no text of its own to underline: show
        // the key that introduces it (`when:`, `advances:`).
        (Value::Map(_) | Value::Seq(_), Some(key)) if walked.complete => key,
        // A mapping inside a list: show its first key (`- gate: entry`).
        (Value::Map(entries), None) if walked.complete && !entries.is_empty() => {
            entries[0].key_span
        }
        _ => walked.node.span,
    }
}

/// Where a decision is declared: the DecisionRights document and the index
/// in its `decisions` list.
#[derive(Debug, Clone, Copy)]
pub struct DecisionRef {
    pub doc: DocId,
    pub index: usize,
}

/// The whole validated strategy: documents, indexes and actuals.
#[derive(Debug)]
pub struct Model {
    pub sources: Sources,
    pub docs: Vec<Document>,
    /// First definition of each document id.
    pub by_id: IdMap<DocId>,
    /// Each decision id declared in a DecisionRights document.
    pub decisions: IdMap<DecisionRef>,
    /// Documents of each kind, in deterministic (path) order.
    pub by_kind: HashMap<Kind, Vec<DocId>>,
    pub actuals: Actuals,
    /// Every KPI formula, parsed once, by the KPI's document.
    pub formulas: HashMap<DocId, Result<formula::Formula, formula::SyntaxError>>,
    /// `stratc.yaml` as parsed, for findings about the configuration.
    pub config_source: Option<(FileId, Node)>,
    /// The kind and id of each document that failed to load (a schema
    /// error, or half-typed in an editor) and whose id no loaded document
    /// has: what names it is not reported as naming nothing, since the
    /// document's own error says what is wrong.
    pub failed: IdMap<Kind>,
}

impl Model {
    /// The pointer index: whether the field a JSON pointer names is written
    /// in the document's file (an empty list written differs from none).
    pub fn written(&self, doc: DocId, pointer: &str) -> bool {
        self.docs[doc].has(pointer)
    }

    /// The file `stratc.yaml` was read from, when there is one.
    pub fn config_file(&self) -> Option<FileId> {
        self.config_source.as_ref().map(|(file, _)| *file)
    }

    /// A document's place in an order that does not depend on how its file
    /// lists its documents: its file's path, then its id. Rules that must
    /// pick one of several documents to start from (a cycle's first member)
    /// pick by this, so moving documents inside a file moves only lines.
    pub fn order_key(&self, doc: DocId) -> (&str, &str) {
        let d = &self.docs[doc];
        (self.sources.file(d.file).path.as_str(), d.id())
    }

    /// Whether a document of `kind` with this id exists but failed to load.
    pub fn failed_to_load(&self, id: &str, kind: Kind) -> bool {
        self.failed.get(id) == Some(&kind)
    }

    pub fn doc(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&d| &self.docs[d])
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = (DocId, &Document)> + '_ {
        self.by_kind
            .get(&kind)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(move |&d| (d, &self.docs[d]))
    }

    pub fn decision(&self, id: &str) -> Option<(&Document, &Decision)> {
        let r = self.decisions.get(id)?;
        let doc = &self.docs[r.doc];
        match &doc.body {
            Body::DecisionRights(rights) => rights.decisions.get(r.index).map(|d| (doc, d)),
            _ => None,
        }
    }
}

impl Model {
    /// Every document of kind `T`, typed, in path order.
    pub fn all<T: KindOf>(&self) -> impl Iterator<Item = (DocId, &T)> + '_ {
        self.of_kind(T::KIND)
            .filter_map(|(d, doc)| T::from_body(&doc.body).map(|t| (d, t)))
    }

    /// Every document of kind `T` that has the optional part `part` picks
    /// (its `thresholds`, its `partner`), with that part, in path order.
    pub fn all_with<'m, T: KindOf, P: 'm>(
        &'m self,
        part: impl Fn(&'m T) -> Option<&'m P> + 'm,
    ) -> impl Iterator<Item = (DocId, &'m T, &'m P)> + 'm {
        self.all::<T>()
            .filter_map(move |(d, t)| part(t).map(|p| (d, t, p)))
    }

    /// Every KPI with a formula, with the formula as parsed once, in path order.
    pub fn kpi_formulas(
        &self,
    ) -> impl Iterator<Item = (DocId, &Kpi, &Result<formula::Formula, formula::SyntaxError>)> + '_
    {
        self.all::<Kpi>()
            .filter_map(|(d, kpi)| Some((d, kpi, self.formulas.get(&d)?)))
    }

    /// The document with this id, if it is of kind `T`.
    pub fn get<T: KindOf>(&self, id: &str) -> Option<(DocId, &T)> {
        let &d = self.by_id.get(id)?;
        T::from_body(&self.docs[d].body).map(|t| (d, t))
    }

    /// The pricing policy a deal is priced under: the first (in path order)
    /// that lists the deal's market, else the first that lists no markets
    /// (it covers every market).
    pub fn deal_policy(&self, deal: &kinds::Deal) -> Option<(DocId, &kinds::PricingPolicy)> {
        let mut everywhere = None;
        for (d, policy) in self.all::<kinds::PricingPolicy>() {
            if policy.markets.contains(&deal.market) {
                return Some((d, policy));
            }
            if policy.markets.is_empty() && everywhere.is_none() {
                everywhere = Some((d, policy));
            }
        }
        everywhere
    }
}
