//! The decision owners who must approve a change.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::documents::Touched;
use super::report::{Approval, Approver, FindingView};
use crate::analysis::Analysis;
use crate::model::Body;
use crate::model::kinds::{DecisionRights, Role};

/// The decisions whose Accountable must approve, and why:
///
/// - every decision an introduced finding escalates to (its `decision`, or
///   `governance.deviation_decision` for a deviation without one), so the
///   approvals are the same people the findings name;
/// - the decision areas the change touches: a PricingPolicy's
///   `approvals.decision`; a StageGate's or an Exception's `decision`;
///   every decision added, removed or changed in a DecisionRights matrix;
/// - for any other document, and `stratc.yaml`,
///   `governance.deviation_decision` — unless an introduced finding about
///   that document already escalates it: a changed initiative whose
///   discount escalates to the pricing decision is approved there, not
///   also by the owner of general deviations.
///
/// The base version counts too (a policy moved to another decision needs
/// both owners). Decisions and roles are looked up in the work tree first,
/// then at the base. Sorted by decision id.
pub(crate) fn approvals(
    base: &Analysis,
    head: &Analysis,
    touched: &Touched<'_>,
    config_changed: bool,
    introduced: &[FindingView],
) -> Vec<Approval> {
    let mut areas: Vec<(String, String)> = Vec::new();
    let mut escalated: Vec<(String, String)> = Vec::new();
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
    let mut escalated_subjects: Vec<&str> = Vec::new();
    let mut unrouted: Vec<(String, String)> = Vec::new();
    for f in introduced.iter().filter(|f| !f.escalation.is_empty()) {
        let what = match &f.subject {
            Some(s) => format!("{} on {s}", f.code),
            None => f.code.to_owned(),
        };
        if let Some(s) = &f.subject {
            escalated_subjects.push(s);
        }
        match f.decision.as_ref().or(deviation.as_ref()) {
            Some(d) => escalated.push((d.clone(), what)),
            None => unrouted.push((f.escalation[0].clone(), what)),
        }
    }
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
        } else if !escalated_subjects.contains(&id) {
            general(id, &mut areas);
        }
    }
    if config_changed {
        general(crate::config::CONFIG_FILE, &mut areas);
    }
    let mut by_decision: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (decision, who) in areas {
        let list = &mut by_decision.entry(decision).or_default().0;
        if !list.contains(&who) {
            list.push(who);
        }
    }
    for (decision, what) in escalated {
        let list = &mut by_decision.entry(decision).or_default().1;
        if !list.contains(&what) {
            list.push(what);
        }
    }
    let mut out: Vec<Approval> = by_decision
        .into_iter()
        .map(|(decision, (because, findings))| {
            let mut a = approval(base, head, decision, because);
            a.findings = findings;
            a
        })
        .collect();
    // Deviations no decision covers escalate to the subject owner's manager.
    for (role, what) in unrouted {
        let r = head.model.get::<Role>(&role).map(|(_, r)| r);
        out.push(Approval {
            decision: String::new(),
            title: None,
            accountable: vec![Approver {
                title: r.and_then(|r| r.title.clone()),
                github: r.and_then(|r| r.github.clone()),
                role,
            }],
            because: Vec::new(),
            findings: vec![what],
            note: Some("no decision covers this deviation: it escalates to the manager of the document's owner".to_owned()),
        });
    }
    if !no_decision.is_empty() {
        out.push(Approval {
            decision: String::new(),
            title: None,
            accountable: Vec::new(),
            because: no_decision,
            findings: Vec::new(),
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
            findings: Vec::new(),
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
        findings: Vec::new(),
        note,
    }
}
