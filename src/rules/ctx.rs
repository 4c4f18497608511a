//! What every rule reads: the model, the graph, the configuration, the
//! evaluation date and the shared analysis built from them once, and the
//! helpers that name a place as a document and a field path.

use std::sync::OnceLock;

use crate::config::Config;
use crate::finding::{Finding, Label, Part, Rule};
use crate::graph::Graph;
use crate::model::values::Date;
use crate::model::{DocId, Model};
use crate::rules::index::{GateIndex, PolicyIndex};

/// What every rule reads: the model, the graph, the configuration and the
/// evaluation date. Built once; rules never see raw YAML.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub config: &'a Config,
    pub as_of: Date,
    // Shared analysis, built by the first rule that asks (rules run in
    // parallel; `OnceLock` makes the others wait for that one build).
    policies: OnceLock<PolicyIndex<'a>>,
    gates: OnceLock<GateIndex<'a>>,
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model, graph: &'a Graph, config: &'a Config, as_of: Date) -> Ctx<'a> {
        Ctx {
            model,
            graph,
            config,
            as_of,
            policies: OnceLock::new(),
            gates: OnceLock::new(),
        }
    }

    /// The pricing policies covering each market.
    pub(crate) fn policies(&self) -> &PolicyIndex<'a> {
        self.policies.get_or_init(|| PolicyIndex::new(self.model))
    }

    /// The stage-gate processes by the initiative types they apply to.
    pub(crate) fn gates(&self) -> &GateIndex<'a> {
        self.gates.get_or_init(|| GateIndex::new(self.model))
    }

    /// `governance.deviation_decision` of stratc.yaml when it names a declared
    /// decision; a misspelt one is `config-dangling-reference`, and escalation
    /// then starts at the reporting line rather than at a decision nobody
    /// declared.
    pub fn deviation_decision(&self) -> Option<&'a str> {
        let decision = self.config.governance.deviation_decision.as_deref()?;
        self.model
            .decisions
            .contains_key(decision)
            .then_some(decision)
    }

    /// The value a JSON pointer names in a document.
    pub fn label(&self, doc: DocId, pointer: &str) -> Label {
        Label::field(self.model.docs[doc].file, doc, pointer, Part::Value)
    }

    /// The key of the field a JSON pointer names (for "this field" findings).
    pub fn key_label(&self, doc: DocId, pointer: &str) -> Label {
        Label::field(self.model.docs[doc].file, doc, pointer, Part::Key)
    }

    /// Bytes `start..end` of the text a field holds (a token of a formula).
    pub fn text_label(&self, doc: DocId, pointer: &str, start: usize, end: usize) -> Label {
        let part = Part::Text {
            start: start as u32,
            end: end as u32,
        };
        Label::field(self.model.docs[doc].file, doc, pointer, part)
    }

    /// A finding about `doc` at `pointer`, with its subject set.
    pub fn finding(
        &self,
        rule: &'static Rule,
        doc: DocId,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(rule, message)
            .at(self.label(doc, pointer))
            .subject(self.model.docs[doc].id(), pointer)
    }

    /// A finding about a field that may be empty or left out: at the field's
    /// key (`supports:`) when it is written, else at `fallback` (the id of
    /// the document or of the list item) — an empty list that is written
    /// differs from one left out.
    pub fn finding_at_field(
        &self,
        rule: &'static Rule,
        doc: DocId,
        pointer: &str,
        fallback: &str,
        message: impl Into<String>,
    ) -> Finding {
        if self.written(doc, pointer) {
            self.finding(rule, doc, pointer, message)
                .at(self.key_label(doc, pointer))
        } else {
            self.finding(rule, doc, fallback, message)
        }
    }

    /// Whether the field a pointer names is written in the document (the
    /// model's pointer index; an empty list written differs from none).
    pub fn written(&self, doc: DocId, pointer: &str) -> bool {
        self.model.written(doc, pointer)
    }

    /// The key of a field when it is written, else the document's id.
    pub fn field_label(&self, doc: DocId, pointer: &str) -> Label {
        if self.written(doc, pointer) {
            self.key_label(doc, pointer)
        } else {
            self.label(doc, "/id")
        }
    }

    /// A related place: "`label` here".
    pub fn related(&self, doc: DocId, pointer: &str, text: impl Into<String>) -> Label {
        self.label(doc, pointer).with_text(text)
    }
}
