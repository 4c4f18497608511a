//! What a reviewer must look at: destructive and loosening changes, the
//! labels a workflow can apply for them, and the one-line verdict.

use std::collections::BTreeSet;

use super::documents::Documents;
use super::report::{Attention, DiffSummary, Direction};
use super::words::{code, sentence};
use crate::diagnostics::markdown::cell;
use crate::model::kinds::{Exception, Initiative, Objective};
use crate::model::{Body, Kind, Model};

/// Every label, in the order the attention list shows them, with what one
/// and several of them are in the verdict.
pub(crate) const LABELS: &[(&str, &str, &str)] = &[
    (
        "goal-removed",
        "goal or objective removed",
        "goals or objectives removed",
    ),
    (
        "alignment-broken",
        "document orphaned",
        "documents orphaned",
    ),
    (
        "pricing-loosened",
        "pricing limit loosened",
        "pricing limits loosened",
    ),
    (
        "limit-loosened",
        "other limit loosened",
        "other limits loosened",
    ),
    (
        "raci-changed",
        "Accountable changed",
        "Accountables changed",
    ),
    (
        "exception-added",
        "exception added or extended",
        "exceptions added or extended",
    ),
];

/// The needs-attention list and the labels. `raci-changed` is also given
/// for a change to who is Responsible, Consulted or Informed, which needs
/// no special attention.
pub(crate) fn attention(
    base: &Model,
    head: &Model,
    docs: &Documents,
) -> (Vec<Attention>, Vec<&'static str>) {
    let mut out = Vec::new();
    let mut raci = false;
    for r in &docs.removed {
        if r.kind == Kind::Goal.name() || r.kind == Kind::Objective.name() {
            let title = r
                .title
                .as_deref()
                .map(|t| format!(" ({})", cell(t)))
                .unwrap_or_default();
            out.push(Attention {
                label: "goal-removed",
                id: r.id.clone(),
                text: format!("{} {}{title} removed", r.kind, code(&r.id)),
            });
        }
    }
    orphans(base, head, &mut out);
    for c in &docs.changed {
        for f in c
            .fields
            .iter()
            .filter(|f| f.direction == Some(Direction::Loosened))
        {
            let label = if c.kind == Kind::PricingPolicy.name() {
                "pricing-loosened"
            } else if c.kind == Kind::Exception.name() {
                "exception-added"
            } else {
                "limit-loosened"
            };
            let text = if label == "exception-added" {
                format!("Exception {} extended: {}", code(&c.id), sentence(f))
            } else {
                format!("{} {}: {}", c.kind, code(&c.id), sentence(f))
            };
            out.push(Attention {
                label,
                id: c.id.clone(),
                text,
            });
        }
    }
    for (id, before, after) in decision_changes(base, head) {
        raci = true;
        match (before, after) {
            (Some(b), Some(a)) if b.0 != a.0 => out.push(Attention {
                label: "raci-changed",
                id: id.clone(),
                text: format!(
                    "{}: Accountable {} → {}",
                    code(&id),
                    roles(&b.0),
                    roles(&a.0)
                ),
            }),
            (Some(b), None) => out.push(Attention {
                label: "raci-changed",
                id: id.clone(),
                text: format!(
                    "decision {} removed (its Accountable was {})",
                    code(&id),
                    roles(&b.0)
                ),
            }),
            _ => {}
        }
    }
    for a in &docs.added {
        let Some((_, e)) = head.get::<Exception>(&a.id) else {
            continue;
        };
        out.push(Attention {
            label: "exception-added",
            id: a.id.clone(),
            text: format!(
                "Exception {} added: waives {} for {} until {} (approved by {} under {})",
                code(&a.id),
                code(&e.rule),
                code(&e.subject),
                cell(&e.expires.0),
                code(&e.approved_by),
                code(&e.decision)
            ),
        });
    }
    let order = |l: &str| LABELS.iter().position(|(x, _, _)| *x == l);
    out.sort_by_key(|a| order(a.label));
    let mut labels: BTreeSet<&'static str> = out.iter().map(|a| a.label).collect();
    if raci {
        labels.insert("raci-changed");
    }
    (out, labels.into_iter().collect())
}

fn roles(r: &[String]) -> String {
    if r.is_empty() {
        "nobody".to_owned()
    } else {
        r.iter().map(|x| cell(x)).collect::<Vec<_>>().join(" and ")
    }
}

/// The Accountable roles and the whole RACI of a decision, as compared.
type Raci = (Vec<String>, serde_json::Value);

/// Every decision whose RACI differs between the sides, by id.
fn decision_changes(base: &Model, head: &Model) -> Vec<(String, Option<Raci>, Option<Raci>)> {
    let raci = |m: &Model, id: &str| -> Option<Raci> {
        let (_, d) = m.decision(id)?;
        Some((
            d.accountable.roles().to_vec(),
            serde_json::to_value(d).unwrap_or_default(),
        ))
    };
    let ids: BTreeSet<&String> = base.decisions.keys().chain(head.decisions.keys()).collect();
    ids.into_iter()
        .filter_map(|id| {
            let (b, a) = (raci(base, id), raci(head, id));
            (b.as_ref().map(|x| &x.1) != a.as_ref().map(|x| &x.1)).then(|| (id.clone(), b, a))
        })
        .collect()
}

/// Initiatives that advanced an objective at the base and advance none in
/// the work tree, and objectives that supported a goal and support none.
fn orphans(base: &Model, head: &Model, out: &mut Vec<Attention>) {
    let resolves = |m: &Model, id: &str, kind: Kind| m.doc(id).is_some_and(|d| d.kind() == kind);
    for doc in &head.docs {
        let (targets_now, kind, word): (Vec<&str>, Kind, &str) = match &doc.body {
            Body::Initiative(i) => (
                i.advances.iter().map(String::as_str).collect(),
                Kind::Objective,
                "objective",
            ),
            Body::Objective(o) => (
                o.supports.iter().map(|s| s.id()).collect(),
                Kind::Goal,
                "goal",
            ),
            _ => continue,
        };
        let id = doc.id();
        let targets_before: Vec<String> = match doc.kind() {
            Kind::Initiative => base.get::<Initiative>(id).map(|(_, i)| i.advances.clone()),
            _ => base
                .get::<Objective>(id)
                .map(|(_, o)| o.supports.iter().map(|s| s.id().to_owned()).collect()),
        }
        .unwrap_or_default();
        let lost: Vec<&String> = targets_before
            .iter()
            .filter(|t| resolves(base, t, kind))
            .collect();
        if lost.is_empty() || targets_now.iter().any(|t| resolves(head, t, kind)) {
            continue;
        }
        let was = lost.iter().map(|t| code(t)).collect::<Vec<_>>().join(", ");
        out.push(Attention {
            label: "alignment-broken",
            id: id.to_owned(),
            text: format!(
                "{} {} is orphaned: it no longer {} any {word} (it {} {was})",
                doc.kind().name(),
                code(id),
                if kind == Kind::Goal {
                    "supports"
                } else {
                    "advances"
                },
                if kind == Kind::Goal {
                    "supported"
                } else {
                    "advanced"
                },
            ),
        });
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line verdict.
pub(crate) fn verdict(s: &DiffSummary, attention: &[Attention], config_changed: bool) -> String {
    let counts: Vec<String> = LABELS
        .iter()
        .filter_map(|(label, one, many)| {
            let n = attention.iter().filter(|a| a.label == *label).count();
            (n > 0).then(|| plural(n, one, many))
        })
        .collect();
    if s.introduced_errors > 0 {
        let mut v = format!(
            "❌ Not ready: the change introduces {}",
            plural(s.introduced_errors, "error", "errors")
        );
        if !counts.is_empty() {
            v.push_str(&format!("; needs attention: {}", counts.join(", ")));
        }
        return v + ".";
    }
    if !counts.is_empty() {
        return format!("⚠️ Needs attention: {}.", counts.join(", "));
    }
    if s.added + s.removed + s.changed + s.renamed == 0 && !config_changed {
        return "✅ No changes to the strategy.".to_owned();
    }
    format!(
        "✅ Nothing needs attention: {} added, {} changed, {} removed, {} renamed.",
        s.added, s.changed, s.removed, s.renamed
    )
}
