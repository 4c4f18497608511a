//! Stage 7: the semantic diff of two revisions of a strategy, for
//! pull-request review (SPEC section 7).
//!
//! [`git`] reads a base revision out of git into a temporary folder;
//! [`compare`] takes the analyses of the base and of the work tree and
//! reports:
//!
//! - documents added, removed and changed, field by field (the typed body of
//!   each document, matched by id, compared as JSON; list items that carry an
//!   `id` are matched by id, lists of plain values are shown whole);
//! - findings introduced and resolved, matched by rule name, subject and
//!   field (or by file and message for findings without a subject), so a
//!   finding that only moved lines is neither;
//! - the initiatives and scorecards affected, found through the graph (see
//!   `affected`);
//! - the decision owners who must approve (see `approvals`).
//!
//! [`dependents_by_name`] is the walk behind `stratc check --changed-since`.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use serde_json::Value;

use crate::analysis::Analysis;
use crate::baseline::{FindingKey, key_of};
use crate::diagnostics::markdown::cell;
use crate::diagnostics::{Finding, Severity};
use crate::graph::{Graph, NodeRef};
use crate::model::kinds::{DecisionRights, Role};
use crate::model::refs::{Edge, Reference, references};
use crate::model::{Body, DocId, Kind, Model};
use crate::numbers::plain;

/// The whole report; `--format json` prints exactly this structure.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub version: u32,
    /// The base revision as given (`origin/main`).
    pub base: String,
    /// The commit it resolved to.
    pub base_commit: String,
    pub summary: DiffSummary,
    pub added: Vec<DocSummary>,
    pub removed: Vec<DocSummary>,
    pub changed: Vec<DocChange>,
    /// Changes to `stratc.yaml`.
    pub config: Vec<FieldChange>,
    pub introduced: Vec<FindingView>,
    pub resolved: Vec<FindingView>,
    /// Initiatives and scorecards affected by the change.
    pub affected: Vec<Affected>,
    /// The decision owners who must approve the change.
    pub approvals: Vec<Approval>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DiffSummary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub introduced: usize,
    /// Introduced findings at error level (these make `stratc diff` exit 1).
    pub introduced_errors: usize,
    pub resolved: usize,
    pub affected_initiatives: usize,
    pub affected_scorecards: usize,
}

/// A document added or removed.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub file: String,
}

/// A document present on both sides whose content changed.
#[derive(Debug, Clone, Serialize)]
pub struct DocChange {
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub file: String,
    /// The file it was in at the base, when it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    /// Its kind at the base, when the kind changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind_before: Option<&'static str>,
    pub fields: Vec<FieldChange>,
}

/// One changed field: a JSON pointer into the document, the value before
/// (absent when added) and after (absent when removed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub pointer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

/// A finding as the report shows it (file and line on its own side).
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// An initiative or scorecard affected by the change, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Affected {
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The changed document it is affected through.
    pub because: String,
    /// The links from this document to the changed one (empty when it
    /// changed itself). Each step is one reference: `from` names `to`.
    pub via: Vec<Step>,
}

/// One reference of the strategy graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub from: String,
    pub edge: &'static str,
    pub to: String,
}

/// A decision whose Accountable must approve the change.
#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    pub decision: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub accountable: Vec<Approver>,
    /// The changed documents (or `stratc.yaml`) that touch this decision area.
    pub because: Vec<String>,
    /// What is wrong when nobody can be named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Approver {
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
}

/// Compares the analysis of the base revision with the work tree's.
pub fn compare(base: &Analysis, head: &Analysis, base_rev: &str, base_commit: &str) -> DiffReport {
    let (added, removed, changed) = documents(base, head);
    let config = field_changes(
        &serde_json::to_value(&base.config).unwrap_or(Value::Null),
        &serde_json::to_value(&head.config).unwrap_or(Value::Null),
    );
    let (introduced, resolved) = findings(base, head);
    let touched = Touched {
        added: &added,
        removed: &removed,
        changed: &changed,
    };
    let affected = affected(base, head, &touched);
    let approvals = approvals(base, head, &touched, !config.is_empty());
    let summary = DiffSummary {
        added: added.len(),
        removed: removed.len(),
        changed: changed.len(),
        introduced: introduced.len(),
        introduced_errors: introduced
            .iter()
            .filter(|f| f.severity == Severity::Error.as_str())
            .count(),
        resolved: resolved.len(),
        affected_initiatives: affected
            .iter()
            .filter(|a| a.kind == Kind::Initiative.name())
            .count(),
        affected_scorecards: affected
            .iter()
            .filter(|a| a.kind == Kind::Scorecard.name())
            .count(),
    };
    DiffReport {
        version: 1,
        base: base_rev.to_owned(),
        base_commit: base_commit.to_owned(),
        summary,
        added,
        removed,
        changed,
        config,
        introduced,
        resolved,
        affected,
        approvals,
    }
}

fn file_of(model: &Model, doc: DocId) -> String {
    model.sources.file(model.docs[doc].file).path.clone()
}

fn summary_of(model: &Model, doc: DocId) -> DocSummary {
    let d = &model.docs[doc];
    DocSummary {
        kind: d.kind().name(),
        id: d.id().to_owned(),
        title: d.body.common().title.map(str::to_owned),
        file: file_of(model, doc),
    }
}

/// The first definition of each id, in path order.
fn first_definitions(model: &Model) -> impl Iterator<Item = DocId> + '_ {
    (0..model.docs.len()).filter(|&d| model.by_id.get(model.docs[d].id()) == Some(&d))
}

fn documents(
    base: &Analysis,
    head: &Analysis,
) -> (Vec<DocSummary>, Vec<DocSummary>, Vec<DocChange>) {
    let (bm, hm) = (&base.model, &head.model);
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for d in first_definitions(hm) {
        let doc = &hm.docs[d];
        let Some(&b) = bm.by_id.get(doc.id()) else {
            added.push(summary_of(hm, d));
            continue;
        };
        let before = &bm.docs[b];
        let fields = field_changes(
            &serde_json::to_value(&before.body).unwrap_or(Value::Null),
            &serde_json::to_value(&doc.body).unwrap_or(Value::Null),
        );
        let (file, old_file) = (file_of(hm, d), file_of(bm, b));
        let kind_before = (before.kind() != doc.kind()).then(|| before.kind().name());
        if fields.is_empty() && file == old_file && kind_before.is_none() {
            continue;
        }
        changed.push(DocChange {
            kind: doc.kind().name(),
            id: doc.id().to_owned(),
            title: doc.body.common().title.map(str::to_owned),
            moved_from: (file != old_file).then_some(old_file),
            file,
            kind_before,
            fields,
        });
    }
    let removed = first_definitions(bm)
        .filter(|&b| !hm.by_id.contains_key(bm.docs[b].id()))
        .map(|b| summary_of(bm, b))
        .collect();
    (added, removed, changed)
}

/// The fields that differ between two JSON values, as JSON pointers.
pub fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_values("", before, after, &mut out);
    out
}

fn escape_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// The `id` of every item, when every item is an object with a distinct string id.
fn item_ids(items: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = items
        .iter()
        .map(|v| v.get("id").and_then(Value::as_str))
        .collect::<Option<_>>()?;
    let distinct: HashSet<&str> = ids.iter().copied().collect();
    (distinct.len() == ids.len()).then_some(ids)
}

fn diff_values(pointer: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    if before == after {
        return;
    }
    let change = |before: Option<&Value>, after: Option<&Value>| FieldChange {
        pointer: if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer.to_owned()
        },
        before: before.cloned(),
        after: after.cloned(),
    };
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            for (key, bv) in b {
                let p = format!("{pointer}/{}", escape_token(key));
                match a.get(key) {
                    Some(av) => diff_values(&p, bv, av, out),
                    None => out.push(FieldChange {
                        pointer: p,
                        before: Some(bv.clone()),
                        after: None,
                    }),
                }
            }
            for (key, av) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                out.push(FieldChange {
                    pointer: format!("{pointer}/{}", escape_token(key)),
                    before: None,
                    after: Some(av.clone()),
                });
            }
        }
        (Value::Array(b), Value::Array(a)) if b.iter().chain(a).all(is_scalar) => {
            // `markets: [de, fr]` → `[fr]` reads best whole.
            out.push(change(Some(before), Some(after)));
        }
        (Value::Array(b), Value::Array(a)) => match (item_ids(b), item_ids(a)) {
            (Some(b_ids), Some(a_ids)) => {
                let b_index: HashMap<&str, usize> =
                    b_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
                for (i, (id, av)) in a_ids.iter().zip(a).enumerate() {
                    let p = format!("{pointer}/{i}");
                    match b_index.get(id) {
                        Some(&j) => diff_values(&p, &b[j], av, out),
                        None => out.push(FieldChange {
                            pointer: p,
                            before: None,
                            after: Some(av.clone()),
                        }),
                    }
                }
                let a_set: HashSet<&str> = a_ids.iter().copied().collect();
                for (j, (id, bv)) in b_ids.iter().zip(b).enumerate() {
                    if !a_set.contains(id) {
                        out.push(FieldChange {
                            pointer: format!("{pointer}/{j}"),
                            before: Some(bv.clone()),
                            after: None,
                        });
                    }
                }
            }
            _ => {
                for i in 0..b.len().max(a.len()) {
                    let p = format!("{pointer}/{i}");
                    match (b.get(i), a.get(i)) {
                        (Some(bv), Some(av)) => diff_values(&p, bv, av, out),
                        (bv, av) => out.push(FieldChange {
                            pointer: p,
                            before: bv.cloned(),
                            after: av.cloned(),
                        }),
                    }
                }
            }
        },
        _ => out.push(change(Some(before), Some(after))),
    }
}

fn view_of(f: &Finding, model: &Model) -> FindingView {
    let place = f.primary.as_ref().map(|l| {
        let file = model.sources.file(l.file);
        (file.path.clone(), file.line_col(l.span.start).line)
    });
    FindingView {
        code: f.rule.code,
        rule: f.rule.name,
        severity: f.severity.as_str(),
        message: f.message.clone(),
        line: place.as_ref().map(|p| p.1),
        file: place.map(|p| p.0),
        subject: f.subject.clone(),
        pointer: f.pointer.clone(),
        help: f.help.clone(),
    }
}

/// Findings present on one side and not the other; matched as a multiset
/// so two equal findings on the head and one at the base introduce one.
fn one_sided(mine: &Analysis, theirs: &Analysis) -> Vec<FindingView> {
    let mut counts: HashMap<FindingKey, usize> = HashMap::new();
    for f in &theirs.findings {
        *counts.entry(key_of(f, &theirs.model.sources)).or_default() += 1;
    }
    mine.findings
        .iter()
        .filter(|f| match counts.get_mut(&key_of(f, &mine.model.sources)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .map(|f| view_of(f, &mine.model))
        .collect()
}

fn findings(base: &Analysis, head: &Analysis) -> (Vec<FindingView>, Vec<FindingView>) {
    (one_sided(head, base), one_sided(base, head))
}

/// The documents touched by the change.
struct Touched<'a> {
    added: &'a [DocSummary],
    removed: &'a [DocSummary],
    changed: &'a [DocChange],
}

impl Touched<'_> {
    /// Ids of every touched document: changed and added first (head path
    /// order), then removed.
    fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<(&str, &str)> = self
            .changed
            .iter()
            .map(|c| (c.file.as_str(), c.id.as_str()))
            .chain(self.added.iter().map(|a| (a.file.as_str(), a.id.as_str())))
            .collect();
        ids.sort();
        ids.into_iter()
            .map(|(_, id)| id)
            .chain(self.removed.iter().map(|r| r.id.as_str()))
            .collect()
    }
}

/// Links along which a change travels to the documents that depend on it:
/// a document that names another through one of these depends on it.
const DEPENDS_ON: &[Edge] = &[
    Edge::Supports,
    Edge::Advances,
    Edge::MeasuredBy,
    Edge::TargetsKpi,
    Edge::Impacts,
    Edge::Formula,
    Edge::Shows,
    Edge::Watches,
    Edge::GatedBy,
    Edge::Uses,
    Edge::RunsIn,
    Edge::SellsIn,
    Edge::Targets,
    Edge::Reserves,
    Edge::Covers,
    Edge::Funds,
];

/// Links from a changed document to the KPIs that report on it.
const MEASURED_THROUGH: &[Edge] = &[
    Edge::MeasuredBy,
    Edge::TargetsKpi,
    Edge::Impacts,
    Edge::Watches,
    Edge::Formula,
];

/// Links from a changed policy, budget or exception to what it governs.
const GOVERNS: &[Edge] = &[Edge::Covers, Edge::Funds, Edge::Waives];

/// How many links a change travels to its dependents.
const AFFECT_DEPTH: usize = 6;

/// The initiatives and scorecards a change affects. From each added,
/// changed or removed document (in the work tree's graph, and in the base's
/// graph for changed and removed ones):
///
/// 1. the document itself, when it is an initiative or a scorecard;
/// 2. its dependents: documents that name it through a strategy link
///    ([`DEPENDS_ON`]: supports, advances, measured_by, shows, …), and
///    their dependents, up to six links — a changed KPI reaches the
///    scorecards showing it, the objectives measured by it and the
///    initiatives advancing those;
/// 3. the KPIs it is measured by, targets, impacts or watches, and the
///    scorecards showing them — a changed objective shows on the scorecards
///    reporting its KPIs;
/// 4. what it governs: the markets a pricing or data policy covers and the
///    initiatives running in them, the initiatives a budget funds, the
///    subject of an exception.
///
/// Only documents that exist in the work tree are listed; each appears once,
/// with the first path found.
fn affected(base: &Analysis, head: &Analysis, touched: &Touched<'_>) -> Vec<Affected> {
    let removed: HashSet<&str> = touched.removed.iter().map(|r| r.id.as_str()).collect();
    let added: HashSet<&str> = touched.added.iter().map(|a| a.id.as_str()).collect();
    let ids = touched.ids();
    let starts = |side: &Analysis, skip: &HashSet<&str>| -> Vec<DocId> {
        ids.iter()
            .filter(|id| !skip.contains(*id))
            .filter_map(|id| side.model.by_id.get(*id).copied())
            .collect()
    };
    let reached = walk(&head.model, &head.graph, &starts(head, &removed))
        .into_iter()
        .map(|r| (&head.model, r))
        .chain(
            walk(&base.model, &base.graph, &starts(base, &added))
                .into_iter()
                .map(|r| (&base.model, r)),
        );
    let mut found: Vec<Affected> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (model, (target, via, because)) in reached {
        let target_id = model.docs[target].id();
        let Some(&h) = head.model.by_id.get(target_id) else {
            continue;
        };
        let hd = &head.model.docs[h];
        if !matches!(hd.kind(), Kind::Initiative | Kind::Scorecard)
            || !seen.insert(target_id.to_owned())
        {
            continue;
        }
        found.push(Affected {
            kind: hd.kind().name(),
            id: target_id.to_owned(),
            title: hd.body.common().title.map(str::to_owned),
            because: model.docs[because].id().to_owned(),
            via,
        });
    }
    // Initiatives first, then scorecards; within each, in the order found.
    found.sort_by_key(|a| a.kind != Kind::Initiative.name());
    found
}

fn step(model: &Model, graph: &Graph, edge: petgraph::graph::EdgeIndex) -> Option<Step> {
    let (from, to) = graph.graph.edge_endpoints(edge)?;
    let name = |n: NodeIndex| match &graph.graph[n] {
        NodeRef::Doc(d) => model.docs[*d].id().to_owned(),
        NodeRef::Decision { id, .. } => id.clone(),
    };
    Some(Step {
        from: name(from),
        edge: graph.graph[edge].edge.name(),
        to: name(to),
    })
}

/// Documents reached from the changed documents `starts` by the walk of
/// `affected`, each with the references on the way and the changed document
/// it was reached from. One walk from all starts at once, so the cost is
/// linear in the size of the graph however many documents changed; the
/// order is deterministic (starts first, then by distance).
fn walk(model: &Model, graph: &Graph, starts: &[DocId]) -> Vec<(DocId, Vec<Step>, DocId)> {
    let doc_of = |n: NodeIndex| match graph.graph[n] {
        NodeRef::Doc(d) => Some(d),
        NodeRef::Decision { .. } => None,
    };
    let edges_of = |node: NodeIndex, direction: Direction, kinds: &[Edge]| {
        let mut edges: Vec<_> = graph
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
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // (node, path to it, links left, the changed document it comes from)
    let mut queue: VecDeque<(NodeIndex, Vec<Step>, usize, DocId)> = VecDeque::new();
    // 1: the changed documents themselves.
    for &start in starts {
        let node = graph.node_of(start);
        if seen.insert(node) {
            out.push((start, Vec::new(), start));
            queue.push_back((node, Vec::new(), AFFECT_DEPTH, start));
        }
    }
    // 4: what they govern; only what depends on it directly.
    for &start in starts {
        for (e, governed) in edges_of(graph.node_of(start), Direction::Outgoing, GOVERNS) {
            if seen.insert(governed) {
                let via: Vec<Step> = step(model, graph, e).into_iter().collect();
                if let Some(d) = doc_of(governed) {
                    out.push((d, via.clone(), start));
                }
                queue.push_back((governed, via, 1, start));
            }
        }
    }
    // 2: their dependents, breadth first.
    while let Some((node, via, budget, start)) = queue.pop_front() {
        if budget == 0 {
            continue;
        }
        for (e, dependent) in edges_of(node, Direction::Incoming, DEPENDS_ON) {
            if !seen.insert(dependent) {
                continue;
            }
            let mut path: Vec<Step> = step(model, graph, e).into_iter().collect();
            path.extend(via.iter().cloned());
            if let Some(d) = doc_of(dependent) {
                out.push((d, path.clone(), start));
            }
            queue.push_back((dependent, path, budget - 1, start));
        }
    }
    // 3: scorecards showing the KPIs the changed documents report through.
    let mut kpis_done = HashSet::new();
    for &start in starts {
        for (e, kpi) in edges_of(graph.node_of(start), Direction::Outgoing, MEASURED_THROUGH) {
            if !kpis_done.insert(kpi) {
                continue;
            }
            for (s, scorecard) in edges_of(kpi, Direction::Incoming, &[Edge::Shows]) {
                if let Some(d) = doc_of(scorecard).filter(|_| seen.insert(scorecard)) {
                    let via = [step(model, graph, s), step(model, graph, e)]
                        .into_iter()
                        .flatten()
                        .collect();
                    out.push((d, via, start));
                }
            }
        }
    }
    out
}

/// The decision areas a change touches, and their Accountable roles:
///
/// - a PricingPolicy: its `approvals.decision`;
/// - a StageGate or an Exception: its `decision`;
/// - a DecisionRights matrix: every decision added, removed or changed in it;
/// - any other document, and `stratc.yaml`: `governance.deviation_decision`.
///
/// The base version counts too (a policy moved to another decision needs
/// both owners). Decisions and roles are looked up in the work tree first,
/// then at the base. Sorted by decision id.
fn approvals(
    base: &Analysis,
    head: &Analysis,
    touched: &Touched<'_>,
    config_changed: bool,
) -> Vec<Approval> {
    let mut areas: Vec<(String, String)> = Vec::new();
    let mut no_decision: Vec<String> = Vec::new();
    let deviation = head
        .config
        .governance
        .deviation_decision
        .clone()
        .or_else(|| base.config.governance.deviation_decision.clone());
    let mut general = |who: &str, areas: &mut Vec<(String, String)>| match &deviation {
        Some(d) => areas.push((d.clone(), who.to_owned())),
        None => no_decision.push(who.to_owned()),
    };
    for id in touched.ids() {
        let before = base.model.doc(id).map(|d| &d.body);
        let after = head.model.doc(id).map(|d| &d.body);
        let mut decisions: Vec<String> = Vec::new();
        let mut governed = false;
        for body in [before, after].into_iter().flatten() {
            match body {
                Body::PricingPolicy(p) => {
                    if let Some(a) = &p.approvals {
                        decisions.push(a.decision.clone());
                        governed = true;
                    }
                }
                Body::StageGate(g) => {
                    decisions.push(g.decision.clone());
                    governed = true;
                }
                Body::Exception(e) => {
                    decisions.push(e.decision.clone());
                    governed = true;
                }
                Body::DecisionRights(_) => governed = true,
                _ => {}
            }
        }
        if rights(before).is_some() || rights(after).is_some() {
            decisions.extend(changed_decisions(rights(before), rights(after)));
        }
        if governed {
            for d in decisions {
                areas.push((d, id.to_owned()));
            }
        } else {
            general(id, &mut areas);
        }
    }
    if config_changed {
        general(crate::config::CONFIG_FILE, &mut areas);
    }
    let mut by_decision: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (decision, who) in areas {
        let list = by_decision.entry(decision).or_default();
        if !list.contains(&who) {
            list.push(who);
        }
    }
    let mut out: Vec<Approval> = by_decision
        .into_iter()
        .map(|(decision, because)| approval(base, head, decision, because))
        .collect();
    if !no_decision.is_empty() {
        out.push(Approval {
            decision: String::new(),
            title: None,
            accountable: Vec::new(),
            because: no_decision,
            note: Some(
                "no decision area covers these changes: set `governance.deviation_decision` in stratc.yaml to the decision under which strategy changes are approved".to_owned(),
            ),
        });
    }
    out
}

/// The matrix, when the body is a DecisionRights document.
fn rights(body: Option<&Body>) -> Option<&DecisionRights> {
    match body {
        Some(Body::DecisionRights(r)) => Some(r),
        _ => None,
    }
}

/// Decision ids added, removed or changed between two versions of a matrix.
fn changed_decisions(
    before: Option<&DecisionRights>,
    after: Option<&DecisionRights>,
) -> Vec<String> {
    let value = |r: Option<&DecisionRights>| -> Vec<(String, Value)> {
        r.map(|r| {
            r.decisions
                .iter()
                .map(|d| (d.id.clone(), serde_json::to_value(d).unwrap_or(Value::Null)))
                .collect()
        })
        .unwrap_or_default()
    };
    let (b, a) = (value(before), value(after));
    let b_map: HashMap<&str, &Value> = b.iter().map(|(id, v)| (id.as_str(), v)).collect();
    let a_map: HashMap<&str, &Value> = a.iter().map(|(id, v)| (id.as_str(), v)).collect();
    let mut out: Vec<String> = a
        .iter()
        .filter(|(id, v)| b_map.get(id.as_str()) != Some(&v))
        .map(|(id, _)| id.clone())
        .collect();
    out.extend(
        b.iter()
            .filter(|(id, _)| !a_map.contains_key(id.as_str()))
            .map(|(id, _)| id.clone()),
    );
    out
}

/// The approval of one decision area. Its Accountable in the work tree
/// approves; when the change hands the decision to another role, the
/// Accountable at the base approves too.
fn approval(base: &Analysis, head: &Analysis, decision: String, because: Vec<String>) -> Approval {
    let now = head.model.decision(&decision).map(|(_, d)| d);
    let before = base.model.decision(&decision).map(|(_, d)| d);
    let Some(dec) = now.or(before) else {
        return Approval {
            note: Some(format!(
                "`{decision}` is not declared in any DecisionRights document, so nobody can approve this change"
            )),
            decision,
            title: None,
            accountable: Vec::new(),
            because,
        };
    };
    let mut roles: Vec<&String> = dec.accountable.roles().iter().collect();
    for role in before.map_or(&[][..], |d| d.accountable.roles()) {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    let accountable: Vec<Approver> = roles
        .into_iter()
        .map(|role| {
            let r = head
                .model
                .get::<Role>(role)
                .or_else(|| base.model.get::<Role>(role))
                .map(|(_, r)| r);
            Approver {
                role: role.clone(),
                title: r.and_then(|r| r.title.clone()),
                github: r.and_then(|r| r.github.clone()),
            }
        })
        .collect();
    let note = match dec.accountable.roles().len() {
        0 => Some(format!(
            "`{decision}` has no Accountable role: name one in its DecisionRights matrix"
        )),
        1 => None,
        n => Some(format!(
            "`{decision}` has {n} Accountable roles; exactly one is expected"
        )),
    };
    Approval {
        title: dec.title.clone(),
        decision,
        accountable,
        because,
        note,
    }
}

/// How many links `--changed-since` follows to the documents depending on
/// a changed one.
pub const DOWNSTREAM_LIMIT: usize = 16;

/// The ids depending on `start` (and `start` itself): every document whose
/// references name one of them, transitively, up to `limit` links. The walk
/// goes by the names written in the documents, not only by resolved graph
/// edges, so documents that still name a deleted or renamed id are reached
/// too. A reached DecisionRights matrix brings in the decisions it declares.
pub fn dependents_by_name(
    model: &Model,
    start: impl IntoIterator<Item = String>,
    limit: usize,
) -> HashSet<String> {
    let mut named_by: HashMap<String, Vec<DocId>> = HashMap::new();
    let mut refs: Vec<Reference> = Vec::new();
    for (d, doc) in model.docs.iter().enumerate() {
        refs.clear();
        references(&doc.body, &mut refs);
        let targets: BTreeSet<&str> = refs.iter().map(|r| r.target.as_str()).collect();
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

/// Markdown text safe in a table cell, as inline code when it can be.
fn code(s: &str) -> String {
    if s.is_empty() || s.contains(['`', '\n', '\r']) {
        cell(s)
    } else {
        format!("`{}`", s.replace('|', "\\|"))
    }
}

/// A value in a table cell: strings as written, numbers without trailing
/// zeros, lists and mappings as compact JSON; long values shortened.
fn value_cell(v: Option<&Value>) -> String {
    const MAX: usize = 120;
    let Some(v) = v else { return "—".to_owned() };
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |f| plain(f, 6)),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    };
    let text = if text.chars().count() > MAX {
        let mut t: String = text.chars().take(MAX - 1).collect();
        t.push('…');
        t
    } else {
        text
    };
    cell(&text)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn doc_table(out: &mut String, docs: &[DocSummary]) {
    out.push_str("| kind | id | title | file |\n|---|---|---|---|\n");
    for d in docs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            d.kind,
            code(&d.id),
            cell(d.title.as_deref().unwrap_or("")),
            code(&d.file)
        );
    }
    out.push('\n');
}

fn field_table(out: &mut String, fields: &[FieldChange]) {
    out.push_str("| field | before | after |\n|---|---|---|\n");
    for f in fields {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            code(&f.pointer),
            value_cell(f.before.as_ref()),
            value_cell(f.after.as_ref())
        );
    }
    out.push('\n');
}

fn place(f: &FindingView) -> String {
    match (&f.file, f.line) {
        (Some(file), Some(line)) => code(&format!("{file}:{line}")),
        (Some(file), None) => code(file),
        _ => String::new(),
    }
}

/// The report as Markdown for a pull-request comment. Every text taken from
/// the strategy is escaped so it cannot inject markup.
pub fn to_markdown(r: &DiffReport) -> String {
    let mut out = String::new();
    let short = r.base_commit.get(..12).unwrap_or(&r.base_commit);
    let _ = writeln!(
        out,
        "## stratc diff against {} ({})\n",
        code(&r.base),
        code(short)
    );
    let s = &r.summary;
    let nothing = s.added + s.removed + s.changed == 0 && r.config.is_empty();
    if nothing && s.introduced + s.resolved == 0 {
        out.push_str("No changes to the strategy.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**Documents:** {} added, {} changed, {} removed · **Findings:** {} introduced ({}), {} resolved · **Affected:** {}, {}\n",
        s.added,
        s.changed,
        s.removed,
        s.introduced,
        plural(s.introduced_errors, "error", "errors"),
        s.resolved,
        plural(s.affected_initiatives, "initiative", "initiatives"),
        plural(s.affected_scorecards, "scorecard", "scorecards"),
    );
    if !r.approvals.is_empty() {
        out.push_str("### Approval needed\n\n| decision | accountable | GitHub | because of |\n|---|---|---|---|\n");
        for a in &r.approvals {
            let decision = if a.decision.is_empty() {
                "—".to_owned()
            } else {
                match &a.title {
                    Some(t) => format!("{} ({})", code(&a.decision), cell(t)),
                    None => code(&a.decision),
                }
            };
            let mut who = a
                .accountable
                .iter()
                .map(|p| match &p.title {
                    Some(t) => format!("{} ({})", cell(t), code(&p.role)),
                    None => code(&p.role),
                })
                .collect::<Vec<_>>()
                .join(", ");
            if let Some(note) = &a.note {
                if !who.is_empty() {
                    who.push_str("<br>");
                }
                let _ = write!(who, "⚠️ {}", cell(note));
            }
            let github = a
                .accountable
                .iter()
                .map(|p| {
                    p.github
                        .as_deref()
                        .map_or_else(|| "(no `github` handle)".to_owned(), cell)
                })
                .collect::<Vec<_>>()
                .join(", ");
            let because = a
                .because
                .iter()
                .map(|b| code(b))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(out, "| {decision} | {who} | {github} | {because} |");
        }
        out.push('\n');
    }
    if !r.introduced.is_empty() {
        out.push_str(
            "### Findings introduced\n\n| severity | rule | where | message |\n|---|---|---|---|\n",
        );
        for f in &r.introduced {
            let mut message = cell(&f.message);
            if let Some(help) = &f.help {
                let _ = write!(message, "<br>help: {}", cell(help));
            }
            let _ = writeln!(
                out,
                "| {} | `{}` {} | {} | {message} |",
                f.severity,
                f.code,
                f.rule,
                place(f)
            );
        }
        out.push('\n');
    }
    if !r.resolved.is_empty() {
        out.push_str(
            "### Findings resolved\n\n| rule | where (at the base) | message |\n|---|---|---|\n",
        );
        for f in &r.resolved {
            let _ = writeln!(
                out,
                "| `{}` {} | {} | {} |",
                f.code,
                f.rule,
                place(f),
                cell(&f.message)
            );
        }
        out.push('\n');
    }
    if !r.affected.is_empty() {
        out.push_str("### Initiatives and scorecards affected\n\n| kind | id | title | why |\n|---|---|---|---|\n");
        for a in &r.affected {
            let why = if a.via.is_empty() && r.added.iter().any(|d| d.id == a.id) {
                "added in this pull request".to_owned()
            } else if a.via.is_empty() {
                "changed in this pull request".to_owned()
            } else {
                a.via
                    .iter()
                    .map(|s| {
                        format!(
                            "{} {} {}",
                            code(&s.from),
                            s.edge.replace('_', " "),
                            code(&s.to)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {why} |",
                a.kind,
                code(&a.id),
                cell(a.title.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }
    if !r.added.is_empty() {
        out.push_str("### Documents added\n\n");
        doc_table(&mut out, &r.added);
    }
    if !r.removed.is_empty() {
        out.push_str("### Documents removed\n\n");
        doc_table(&mut out, &r.removed);
    }
    if !r.changed.is_empty() {
        out.push_str("### Documents changed\n\n");
        for c in &r.changed {
            let title = c
                .title
                .as_deref()
                .map(|t| format!(" — {}", cell(t)))
                .unwrap_or_default();
            let _ = writeln!(out, "#### {} {}{title}\n", c.kind, code(&c.id));
            let _ = write!(out, "In {}", code(&c.file));
            if let Some(from) = &c.moved_from {
                let _ = write!(out, " (moved from {})", code(from));
            }
            if let Some(kind) = c.kind_before {
                let _ = write!(out, "; it was a {kind}");
            }
            out.push_str(".\n\n");
            if !c.fields.is_empty() {
                field_table(&mut out, &c.fields);
            }
        }
    }
    if !r.config.is_empty() {
        out.push_str("### Configuration changed (`stratc.yaml`)\n\n");
        field_table(&mut out, &r.config);
    }
    out
}

/// The report as pretty JSON.
pub fn to_json(r: &DiffReport) -> String {
    let mut text = serde_json::to_string_pretty(r).unwrap_or_default();
    text.push('\n');
    text
}

/// Git access through the `git` command line: locating the repository,
/// reading a revision into a temporary folder, and listing changed files.
pub mod git {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::path::{Component, Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::error::Fatal;

    /// The strategy root inside its git repository.
    #[derive(Debug, Clone)]
    pub struct Repo {
        /// The strategy root as given.
        pub root: PathBuf,
        /// The repository's top-level folder.
        pub top: PathBuf,
        /// The root relative to the top, `/`-separated, ending in `/` (empty at the top).
        pub prefix: String,
    }

    fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Fatal> {
        let output = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| {
                Fatal::Git(format!(
                    "cannot run git ({e}); install git and make sure it is on the PATH"
                ))
            })?;
        if !output.status.success() {
            return Err(Fatal::Git(format!(
                "`git {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        Ok(output.stdout)
    }

    fn check_rev(rev: &str) -> Result<(), Fatal> {
        if rev.is_empty() || rev.starts_with('-') || rev.contains(['\n', '\0']) {
            return Err(Fatal::Usage(format!(
                "`{rev}` is not a git revision; give a branch, tag or commit such as `origin/main`"
            )));
        }
        Ok(())
    }

    impl Repo {
        /// The repository holding `root`, or an error saying it is not in one.
        pub fn open(root: &Path) -> Result<Repo, Fatal> {
            if !root.is_dir() {
                return Err(Fatal::NotADirectory(root.to_path_buf()));
            }
            let out = git(root, &["rev-parse", "--show-toplevel", "--show-prefix"]).map_err(|e| match e {
                Fatal::Git(msg) if msg.contains("not a git repository") => Fatal::Git(format!(
                    "{} is not inside a git repository; stratc compares with git revisions, so run it in a clone of the strategy repository",
                    root.display()
                )),
                other => other,
            })?;
            let text = String::from_utf8_lossy(&out);
            let mut lines = text.lines();
            let top = PathBuf::from(lines.next().unwrap_or_default());
            let prefix = lines.next().unwrap_or_default().to_owned();
            Ok(Repo {
                root: root.to_path_buf(),
                top,
                prefix,
            })
        }

        /// The repository holding `root`, if there is one (and git is installed).
        pub fn locate(root: &Path) -> Option<Repo> {
            Repo::open(root).ok()
        }

        /// The commit a revision names, or an error that says how to fetch it.
        pub fn resolve(&self, rev: &str) -> Result<String, Fatal> {
            check_rev(rev)?;
            let spec = format!("{rev}^{{commit}}");
            match git(&self.root, &["rev-parse", "--verify", "--quiet", &spec]) {
                Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
                Err(_) => Err(Fatal::Git(format!(
                    "`{rev}` is not a commit of this repository; fetch it first (e.g. `git fetch origin main`), and in GitHub Actions check out with `fetch-depth: 0`"
                ))),
            }
        }

        /// Writes the strategy root as it was at `commit` into a new
        /// temporary folder (removed when the returned value is dropped).
        pub fn materialise(&self, commit: &str) -> Result<TempTree, Fatal> {
            let tree = TempTree::new()?;
            let listing = git(&self.root, &["ls-tree", "-r", "-z", commit])?;
            let mut blobs: Vec<(String, PathBuf)> = Vec::new();
            for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
                let record = String::from_utf8_lossy(record);
                let Some((meta, path)) = record.split_once('\t') else {
                    continue;
                };
                let mut meta = meta.split(' ');
                let (mode, kind, object) = (meta.next(), meta.next(), meta.next());
                // Regular files only: no symlinks, no submodules.
                if kind != Some("blob") || mode == Some("120000") {
                    continue;
                }
                let (Some(object), Some(dest)) = (object, safe_join(tree.root(), path)) else {
                    continue;
                };
                blobs.push((object.to_owned(), dest));
            }
            let names: Vec<String> = blobs.iter().map(|(o, _)| o.clone()).collect();
            let mut dests = blobs.into_iter().map(|(_, d)| d);
            cat_file(&self.root, &names, |_, content| {
                let dest = dests.next().expect("one destination per object");
                let Some(content) = content else {
                    return Ok(());
                };
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Fatal::write(parent, e))?;
                }
                std::fs::write(&dest, content).map_err(|e| Fatal::write(&dest, e))
            })?;
            Ok(tree)
        }

        /// The contents of files (paths relative to the root) at `commit`;
        /// `None` for a file that did not exist there.
        pub fn read_at(
            &self,
            commit: &str,
            paths: &[String],
        ) -> Result<Vec<Option<Vec<u8>>>, Fatal> {
            let names: Vec<String> = paths
                .iter()
                .map(|p| format!("{commit}:{}{p}", self.prefix))
                .collect();
            let mut out = vec![None; paths.len()];
            cat_file(&self.root, &names, |i, content| {
                out[i] = content.map(<[u8]>::to_vec);
                Ok(())
            })?;
            Ok(out)
        }

        /// Files under the root changed since `rev` (committed, staged or
        /// not) plus untracked files, relative to the root, sorted.
        pub fn changed_since(&self, rev: &str) -> Result<Vec<String>, Fatal> {
            let commit = self.resolve(rev)?;
            let diff = git(
                &self.root,
                &[
                    "diff",
                    "--name-only",
                    "-z",
                    "--no-renames",
                    "--relative",
                    &commit,
                    "--",
                    ".",
                ],
            )?;
            let untracked = git(
                &self.root,
                &[
                    "ls-files",
                    "--others",
                    "--exclude-standard",
                    "-z",
                    "--",
                    ".",
                ],
            )?;
            let mut files: Vec<String> = diff
                .split(|&b| b == 0)
                .chain(untracked.split(|&b| b == 0))
                .filter(|p| !p.is_empty())
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            files.sort();
            files.dedup();
            Ok(files)
        }
    }

    /// `root/path` when `path` is a plain relative path (no `..`, not absolute).
    fn safe_join(root: &Path, path: &str) -> Option<PathBuf> {
        let rel = Path::new(path);
        rel.components()
            .all(|c| matches!(c, Component::Normal(_)))
            .then(|| root.join(rel))
    }

    /// Streams objects through `git cat-file --batch`; `each` gets the
    /// index of the name and the content (`None` when missing).
    fn cat_file(
        dir: &Path,
        names: &[String],
        mut each: impl FnMut(usize, Option<&[u8]>) -> Result<(), Fatal>,
    ) -> Result<(), Fatal> {
        if names.is_empty() {
            return Ok(());
        }
        let mut child = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["cat-file", "--batch"])
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                Fatal::Git(format!(
                    "cannot run git ({e}); install git and make sure it is on the PATH"
                ))
            })?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let input: String = names
            .iter()
            .map(|n| format!("{}\n", n.replace('\n', " ")))
            .collect();
        // Feed names from another thread so a full pipe cannot deadlock.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let broken =
            |what: &str| Fatal::Git(format!("unexpected output from `git cat-file`: {what}"));
        let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut result = Ok(());
        for i in 0..names.len() {
            let mut header = String::new();
            if reader
                .read_line(&mut header)
                .map_err(|e| Fatal::Git(e.to_string()))?
                == 0
            {
                result = Err(broken("output ended early"));
                break;
            }
            let header = header.trim_end();
            if header.ends_with(" missing") || header.ends_with(" ambiguous") {
                result = result.and(each(i, None));
                continue;
            }
            let size: usize = header
                .rsplit(' ')
                .next()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| broken(header))?;
            let mut content = vec![0; size + 1];
            reader
                .read_exact(&mut content)
                .map_err(|e| Fatal::Git(e.to_string()))?;
            content.pop();
            result = result.and(each(i, Some(&content)));
        }
        let _ = writer.join();
        drop(reader);
        let _ = child.wait();
        result
    }

    /// A temporary folder, removed with everything in it when dropped.
    #[derive(Debug)]
    pub struct TempTree {
        root: PathBuf,
    }

    impl TempTree {
        fn new() -> Result<TempTree, Fatal> {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let base = std::env::temp_dir();
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            loop {
                let n = COUNTER.fetch_add(1, Ordering::Relaxed);
                let root = base.join(format!("stratc-base-{}-{nanos}-{n}", std::process::id()));
                match std::fs::create_dir(&root) {
                    Ok(()) => return Ok(TempTree { root }),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(Fatal::write(root, e)),
                }
            }
        }

        pub fn root(&self) -> &Path {
            &self.root
        }
    }

    impl Drop for TempTree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pointers(changes: &[FieldChange]) -> Vec<&str> {
        changes.iter().map(|c| c.pointer.as_str()).collect()
    }

    #[test]
    fn nested_fields_are_reported_as_pointers() {
        let before = json!({"id": "p", "geo": {"max_price_gap_pct": 10.0}, "title": "a/b"});
        let after = json!({"id": "p", "geo": {"max_price_gap_pct": 15.0}, "owner": "cfo"});
        let changes = field_changes(&before, &after);
        assert_eq!(
            pointers(&changes),
            ["/geo/max_price_gap_pct", "/title", "/owner"]
        );
        assert_eq!(changes[0].before, Some(json!(10.0)));
        assert_eq!(changes[1].after, None);
        assert_eq!(changes[2].before, None);
    }

    #[test]
    fn items_with_ids_are_matched_by_id() {
        let before = json!({"categories": [{"id": "a", "max": 1}, {"id": "b", "max": 2}]});
        let after = json!({"categories": [{"id": "b", "max": 3}, {"id": "c", "max": 4}]});
        let changes = field_changes(&before, &after);
        // b changed (now at index 0), c added at 1, a removed (was at 0).
        assert_eq!(
            pointers(&changes),
            ["/categories/0/max", "/categories/1", "/categories/0"]
        );
        assert_eq!(changes[0].before, Some(json!(2)));
        assert_eq!(changes[2].after, None);
    }

    #[test]
    fn lists_of_plain_values_are_shown_whole() {
        let changes = field_changes(
            &json!({"markets": ["de", "fr"]}),
            &json!({"markets": ["fr"]}),
        );
        assert_eq!(
            changes,
            [FieldChange {
                pointer: "/markets".into(),
                before: Some(json!(["de", "fr"])),
                after: Some(json!(["fr"])),
            }]
        );
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        let changes = field_changes(&json!({"a/b~c": 1}), &json!({"a/b~c": 2}));
        assert_eq!(pointers(&changes), ["/a~1b~0c"]);
    }

    #[test]
    fn values_in_cells_are_escaped_and_shortened() {
        assert_eq!(value_cell(Some(&json!("<script>|x"))), "&lt;script&gt;\\|x");
        assert_eq!(value_cell(Some(&json!(30.0))), "30");
        assert_eq!(value_cell(None), "—");
        assert!(value_cell(Some(&json!("x".repeat(500)))).ends_with('…'));
        assert_eq!(code("a|b"), "`a\\|b`");
        // Backticks in the text: left to the cell escaping.
        assert_eq!(code("a`b"), cell("a`b"));
    }
}
