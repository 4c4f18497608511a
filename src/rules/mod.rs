//! Stage 4: the rule registry and the engine that runs every rule over the
//! model once, applies approved exceptions, escalation paths and the
//! configuration (severities and suppressions), and returns sorted findings.
//!
//! Each rule lives in its own file, grouped by family, with its
//! documentation beside its code; `stratc explain` and the SARIF help read
//! that one text.

pub mod alignment;
pub mod channels;
pub mod config;
pub mod data;
pub mod deviations;
pub mod exceptions;
pub mod governance;
pub mod kpis;
pub mod pricing;
pub use crate::finding::structure;

use std::collections::HashSet;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::Config;
use crate::finding::{Finding, Label, Part};
use crate::graph::Graph;
use crate::model::values::Date;
use crate::model::{DocId, Model};

pub use crate::finding::{Family, Rule};

/// A rule's check: reads the context, pushes findings.
pub type Check = fn(&Ctx<'_>, &mut Vec<Finding>);

/// A rule and its check; `None` for problems found while loading.
pub(crate) type Entry = (&'static Rule, Option<Check>);

/// Every rule with its check, in code order.
pub(crate) fn entries() -> &'static [Entry] {
    static ALL: OnceLock<Vec<Entry>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Entry> = [
            structure_entries(),
            alignment::RULES,
            deviations::RULES,
            exceptions::RULES,
            governance::RULES,
            pricing::RULES,
            channels::RULES,
            data::RULES,
            kpis::RULES,
            config::RULES,
        ]
        .concat();
        all.sort_by_key(|(r, _)| r.code);
        all
    })
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| entries().iter().map(|(r, _)| *r).collect())
}

/// Finds a rule by code or name (case-insensitive for codes).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    registry()
        .iter()
        .copied()
        .find(|r| r.name == code_or_name || r.code.eq_ignore_ascii_case(code_or_name))
}

/// What every rule reads: the model, the graph, the configuration and the
/// evaluation date. Built once; rules never see raw YAML.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub config: &'a Config,
    pub as_of: Date,
}

impl Ctx<'_> {
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

/// Runs every rule and post-processes the findings.
pub fn run(ctx: &Ctx<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    run_timed(ctx, findings).0
}

/// [`run`], also telling how long each rule's check took (for
/// `check --timings`), slowest first.
pub fn run_timed(
    ctx: &Ctx<'_>,
    mut findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<(&'static Rule, std::time::Duration)>) {
    let produced: Vec<(Vec<Finding>, &'static Rule, std::time::Duration)> = entries()
        .par_iter()
        .filter_map(|(rule, check)| check.map(|check| (*rule, check)))
        .map(|(rule, check)| {
            let start = std::time::Instant::now();
            let mut out = Vec::new();
            check(ctx, &mut out);
            (out, rule, start.elapsed())
        })
        .collect();
    let mut timings = Vec::with_capacity(produced.len());
    for (out, rule, time) in produced {
        findings.extend(out);
        timings.push((rule, time));
    }
    timings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(b.0.code)));
    let mut findings = exceptions::apply(ctx, findings);
    for f in &mut findings {
        if f.rule.governance && f.escalation.is_empty() {
            f.escalation = escalation_path(ctx, f);
        }
    }
    (config::apply(ctx, findings), timings)
}

/// The roles to escalate a deviation to: the Accountable of the decision
/// concerned, then up `reports_to`. Without a decision, the subject's
/// owner's line manager and up.
pub fn escalation_path(ctx: &Ctx<'_>, finding: &Finding) -> Vec<String> {
    let model = ctx.model;
    let decision = finding
        .decision
        .clone()
        .or_else(|| ctx.config.governance.deviation_decision.clone());
    let start = decision
        .and_then(|d| {
            model
                .decision(&d)
                .and_then(|(_, dec)| dec.accountable.single().map(str::to_owned))
        })
        .or_else(|| {
            let subject = model.doc(finding.subject.as_deref()?)?;
            let owner = subject.body.common().owner?;
            let (_, role) = model.get::<crate::model::kinds::Role>(owner)?;
            role.reports_to.clone()
        });
    let mut path = Vec::new();
    let mut seen = HashSet::new();
    let mut current = start;
    while let Some(role_id) = current {
        if !seen.insert(role_id.clone()) {
            break;
        }
        current = model
            .get::<crate::model::kinds::Role>(&role_id)
            .and_then(|(_, r)| r.reports_to.clone());
        path.push(role_id);
    }
    path
}

/// How a cycle rule words its finding.
pub(crate) struct CycleWords {
    /// The message when a document links to itself (`id`).
    pub self_loop: fn(&str) -> String,
    /// The message for a longer loop, given the path `` `a` → `b` → `a` ``.
    pub loop_path: fn(&str) -> String,
    /// The caption of each further step (`from`, `to`).
    pub step: fn(&str, &str) -> String,
}

/// The finding for one cycle of the graph: at its first member, with every
/// other step of the loop as a related place. Shared by the cycle rules.
pub(crate) fn cycle_finding(
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    cycle: &crate::graph::query::Cycle,
    words: &CycleWords,
) -> Option<Finding> {
    let (first, pointer) = cycle.steps.first()?;
    let ids: Vec<&str> = cycle
        .steps
        .iter()
        .map(|(d, _)| ctx.model.docs[*d].id())
        .collect();
    let message = if ids.len() == 1 {
        (words.self_loop)(ids[0])
    } else {
        let mut path: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
        path.push(format!("`{}`", ids[0]));
        (words.loop_path)(&path.join(" → "))
    };
    let mut f = ctx.finding(rule, *first, pointer, message);
    for (k, (d, pointer)) in cycle.steps.iter().enumerate().skip(1) {
        let next = ids[(k + 1) % ids.len()];
        f = f.related(ctx.related(*d, pointer, (words.step)(ids[k], next)));
    }
    Some(f)
}

fn structure_entries() -> &'static [Entry] {
    static ALL: OnceLock<Vec<Entry>> = OnceLock::new();
    ALL.get_or_init(|| structure::RULES.iter().map(|r| (*r, None)).collect())
}
