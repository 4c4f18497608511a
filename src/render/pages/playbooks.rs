//! Playbooks: every `Playbook` document, plus the ones stratc derives from
//! the strategy itself — the escalation path of every decision, the
//! exception ladder of every pricing policy and the market-entry gates of
//! every stage-gate process with where each initiative stands.

use std::collections::HashSet;

use serde::Serialize;

use super::status::{trigger_condition, trigger_state};
use crate::metrics;
use crate::model::kinds::{Initiative, InitiativeStatus, Playbook, Role, Trigger};
use crate::model::org::LineEnd;
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind, KindOf};
use crate::numbers::pct;
use crate::render::format::{amount, readable, readable_list};
use crate::render::site::Site;
use crate::render::view::{Cell, DocView, Link, SiteInfo, Source, Table, cell, to_value};

// -- Playbook documents -------------------------------------------------------

#[derive(Serialize)]
struct TriggerView {
    link: Link,
    kpi: Link,
    condition: String,
    state: String,
    fired: bool,
    escalate_to: Option<Link>,
}

#[derive(Serialize)]
struct StepView {
    number: usize,
    title: String,
    owner: Link,
    deadline: String,
}

#[derive(Serialize)]
struct PlaybookContext<'a> {
    site: &'a SiteInfo,
    doc: DocView,
    triggers: Vec<TriggerView>,
    steps: Vec<StepView>,
    /// The segment the playbook is written for (an onboarding journey).
    segment: Option<Link>,
    data: &'a Body,
}

fn trigger_view(site: &Site<'_>, page: &str, t: DocId, trigger: &Trigger) -> TriggerView {
    let evaluation = metrics::evaluate_trigger(site.model, trigger);
    TriggerView {
        link: site.doc_link(page, t),
        kpi: site.id_link(page, &trigger.kpi),
        condition: trigger_condition(trigger),
        state: trigger_state(&evaluation),
        fired: evaluation.fired,
        escalate_to: trigger
            .action
            .escalate_to
            .as_ref()
            .map(|r| site.role_link(page, r)),
    }
}

pub(crate) fn playbook(site: &Site<'_>, page: &str, d: DocId) -> minijinja::Value {
    let model = site.model;
    let doc = &model.docs[d];
    let Body::Playbook(p) = &doc.body else {
        return to_value(&());
    };
    // The trigger it names, then every trigger that runs it.
    let mut trigger_docs: Vec<DocId> = site.graph.targets(d, Edge::Runs).map(|(t, _)| t).collect();
    let mut runners: Vec<DocId> = site.graph.sources(d, Edge::Runs).map(|(t, _)| t).collect();
    runners.sort_unstable();
    trigger_docs.extend(runners);
    let mut seen = HashSet::new();
    trigger_docs.retain(|t| seen.insert(*t));
    let triggers = trigger_docs
        .iter()
        .filter_map(|&t| match &model.docs[t].body {
            Body::Trigger(trigger) => Some(trigger_view(site, page, t, trigger)),
            _ => None,
        })
        .collect();
    let steps = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepView {
            number: i + 1,
            title: s.title.clone(),
            owner: site.role_link(page, &s.owner),
            deadline: match s.within_days {
                Some(1) => "within 1 day".to_owned(),
                Some(n) => format!("within {n} days"),
                None => "no deadline set".to_owned(),
            },
        })
        .collect();
    to_value(&PlaybookContext {
        site: &site.info,
        doc: site.doc_view(page, d),
        triggers,
        steps,
        segment: p.segment.as_deref().map(|s| site.id_link(page, s)),
        data: &doc.body,
    })
}

// -- Index of all playbooks ---------------------------------------------------

#[derive(Serialize)]
struct PlaybooksIndexContext<'a> {
    site: &'a SiteInfo,
    playbooks: Table,
    escalation: Table,
    ladders: Vec<Link>,
    gates: Vec<Link>,
}

pub(crate) fn index(site: &Site<'_>, page: &str) -> minijinja::Value {
    let model = site.model;
    let playbooks = Table {
        columns: vec![
            "Playbook".into(),
            "Started by".into(),
            "State".into(),
            "Steps".into(),
        ],
        rows: model
            .all::<Playbook>()
            .map(|(d, p)| {
                let runners: Vec<(DocId, &Trigger)> = site
                    .graph
                    .targets(d, Edge::Runs)
                    .chain(site.graph.sources(d, Edge::Runs))
                    .filter_map(|(t, _)| Trigger::from_body(&model.docs[t].body).map(|x| (t, x)))
                    .collect();
                let fired = runners
                    .iter()
                    .any(|(_, t)| metrics::evaluate_trigger(model, t).fired);
                let mut started: Cell = runners
                    .iter()
                    .map(|(t, _)| site.doc_link(page, *t))
                    .collect();
                started.dedup();
                vec![
                    vec![site.doc_link(page, d)],
                    started,
                    cell(if runners.is_empty() {
                        "run by hand"
                    } else if fired {
                        "triggered"
                    } else {
                        "not triggered"
                    }),
                    cell(p.steps.len().to_string()),
                ]
            })
            .collect(),
    };
    let escalation = Table {
        columns: vec![
            "Decision".into(),
            "Accountable".into(),
            "Then, in order".into(),
        ],
        rows: site
            .pages
            .escalation
            .keys()
            .map(|id| {
                let (accountable, chain) = match model.decision(id) {
                    Some((_, dec)) => {
                        let chain: Cell = match dec.accountable.single() {
                            Some(a) => {
                                let w = model.reporting_line(a);
                                let mut chain: Cell = w
                                    .steps
                                    .iter()
                                    .skip(1)
                                    .map(|s| site.role_link(page, s))
                                    .collect();
                                if chain.is_empty() && matches!(w.end, LineEnd::Top) {
                                    chain.push(Link::text("none: the Accountable is at the top"));
                                }
                                chain
                            }
                            None => vec![Link::text("none: no single Accountable")],
                        };
                        (site.role_links(page, dec.accountable.roles()), chain)
                    }
                    None => (Vec::new(), Vec::new()),
                };
                vec![vec![site.decision_link(page, id)], accountable, chain]
            })
            .collect(),
    };
    let ladders = model
        .of_kind(Kind::PricingPolicy)
        .filter_map(|(d, doc)| {
            let p = site.pages.ladder.get(&d)?;
            Some(site.page_link(page, p, doc.display_name()))
        })
        .collect();
    let gates = model
        .of_kind(Kind::StageGate)
        .filter_map(|(d, doc)| {
            let p = site.pages.gates.get(&d)?;
            Some(site.page_link(page, p, doc.display_name()))
        })
        .collect();
    to_value(&PlaybooksIndexContext {
        site: &site.info,
        playbooks,
        escalation,
        ladders,
        gates,
    })
}

// -- Escalation paths ---------------------------------------------------------

#[derive(Serialize)]
struct PathStep {
    number: usize,
    role: Link,
    department: Option<String>,
    note: String,
}

#[derive(Serialize)]
struct DecisionView {
    id: String,
    title: String,
    declared_in: Link,
    source: Source,
    accountable: Cell,
    responsible: Cell,
    consulted: Cell,
    informed: Cell,
}

#[derive(Serialize)]
struct EscalationContext<'a> {
    site: &'a SiteInfo,
    decision: DecisionView,
    path: Vec<PathStep>,
    problem: Option<String>,
    used_by: Table,
    deviations: bool,
}

pub(crate) fn escalation(site: &Site<'_>, page: &str, id: &str) -> minijinja::Value {
    let model = site.model;
    let Some(r) = model.decisions.get(id).copied() else {
        return to_value(&());
    };
    let Some((_, dec)) = model.decision(id) else {
        return to_value(&());
    };
    let pointer = format!("/decisions/{}", r.index);
    let decision = DecisionView {
        id: id.to_owned(),
        title: dec.title.clone().unwrap_or_else(|| id.to_owned()),
        declared_in: site.doc_link(page, r.doc),
        source: site.field_source(r.doc, &pointer),
        accountable: site.role_links(page, dec.accountable.roles()),
        responsible: site.role_links(page, &dec.responsible),
        consulted: site.role_links(page, &dec.consulted),
        informed: site.role_links(page, &dec.informed),
    };
    let mut path = Vec::new();
    let problem = match dec.accountable.roles() {
        [] => Some(
            "This decision has no Accountable role, so an escalation has nowhere to start. \
                 Name exactly one role as accountable."
                .to_owned(),
        ),
        [one] => {
            let w = model.reporting_line(one);
            for (i, role) in w.steps.iter().enumerate() {
                let department = model
                    .get::<Role>(role)
                    .and_then(|(_, r)| r.department.clone());
                path.push(PathStep {
                    number: i + 1,
                    role: site.role_link(page, role),
                    department,
                    note: if i == 0 {
                        "Accountable for the decision: decides first".to_owned()
                    } else {
                        format!("Line manager of step {i}: decides when step {i} cannot")
                    },
                });
            }
            match w.end {
                LineEnd::Top => None,
                LineEnd::Unknown(role) => Some(format!(
                    "The reporting line stops at {role}, which is not a declared role; declare it or fix reports_to."
                )),
                LineEnd::Loop(role) => Some(format!(
                    "The reporting line loops back to {role}; fix reports_to so the line ends at the top of the organisation."
                )),
            }
        }
        several => Some(format!(
            "This decision has {} Accountable roles ({}); exactly one must be accountable before an escalation path exists.",
            several.len(),
            several.join(", ")
        )),
    };
    let used = site.graph.naming_decision(id, Edge::ApprovedUnder);
    let used_by = Table {
        columns: vec!["Document".into(), "Kind".into()],
        rows: site.doc_kind_rows(page, &used),
    };
    let deviations = site
        .analysis
        .config
        .governance
        .deviation_decision
        .as_deref()
        == Some(id);
    to_value(&EscalationContext {
        site: &site.info,
        decision,
        path,
        problem,
        used_by,
        deviations,
    })
}

// -- Pricing exception ladder -------------------------------------------------

#[derive(Serialize)]
struct TierView {
    discount: String,
    deal_size: String,
    customer_tiers: String,
    approver: Link,
}

#[derive(Serialize)]
struct LadderContext<'a> {
    site: &'a SiteInfo,
    doc: DocView,
    policy: Link,
    decision: Link,
    markets: Cell,
    tiers: Vec<TierView>,
    highest: Option<String>,
    beyond: Vec<Link>,
    categories: Table,
}

pub(crate) fn pricing_ladder(site: &Site<'_>, page: &str, d: DocId) -> minijinja::Value {
    let model = site.model;
    let Body::PricingPolicy(p) = &model.docs[d].body else {
        return to_value(&());
    };
    let Some(approvals) = &p.approvals else {
        return to_value(&());
    };
    let mut previous: Option<f64> = None;
    let tiers = approvals
        .tiers
        .iter()
        .map(|t| {
            let max = t.max_discount_pct.0;
            let discount = match previous {
                Some(prev) if prev < max => format!("above {} up to {}", pct(prev), pct(max)),
                _ => format!("up to {}", pct(max)),
            };
            previous = Some(max);
            TierView {
                discount,
                deal_size: t
                    .max_deal_size
                    .as_ref()
                    .map(|m| format!("up to {}", amount(m)))
                    .unwrap_or_else(|| "any size".to_owned()),
                customer_tiers: if t.customer_tiers.is_empty() {
                    "all customers".to_owned()
                } else {
                    t.customer_tiers.join(", ")
                },
                approver: site.role_link(page, &t.approver),
            }
        })
        .collect();
    let highest = approvals
        .tiers
        .iter()
        .map(|t| t.max_discount_pct.0)
        .fold(None, |acc: Option<f64>, x| {
            Some(acc.map_or(x, |a| a.max(x)))
        })
        .map(pct);
    let beyond = match model
        .decision(&approvals.decision)
        .and_then(|(_, dec)| dec.accountable.single())
    {
        Some(a) => model
            .reporting_line(a)
            .steps
            .iter()
            .map(|r| site.role_link(page, r))
            .collect(),
        None => Vec::new(),
    };
    let categories = Table {
        columns: vec![
            "Category".into(),
            "List margin".into(),
            "Margin floor".into(),
            "Largest discount".into(),
            "Highest discount that keeps the floor".into(),
        ],
        rows: p
            .categories
            .iter()
            .map(|c| {
                let (m, f) = (c.list_margin_pct.0 / 100.0, c.floor_margin_pct.0 / 100.0);
                let safe = if f < 1.0 {
                    pct((1.0 - (1.0 - m) / (1.0 - f)) * 100.0)
                } else {
                    "—".to_owned()
                };
                vec![
                    cell(c.id.clone()),
                    cell(pct(c.list_margin_pct.0)),
                    cell(pct(c.floor_margin_pct.0)),
                    cell(pct(c.max_discount_pct.0)),
                    cell(safe),
                ]
            })
            .collect(),
    };
    to_value(&LadderContext {
        site: &site.info,
        doc: site.doc_view(page, d),
        policy: site.doc_link(page, d),
        decision: site.decision_link(page, &approvals.decision),
        markets: site.id_links(page, &p.markets),
        tiers,
        highest,
        beyond,
        categories,
    })
}

// -- Market-entry gates -------------------------------------------------------

#[derive(Serialize)]
struct GateView {
    number: usize,
    id: String,
    approver: Link,
    checks: Vec<String>,
    /// "after business-case", "—" when it waits for no gate.
    after: String,
    /// The initiative status from which it must be passed.
    required_by: String,
}

#[derive(Serialize)]
struct GatesContext<'a> {
    site: &'a SiteInfo,
    doc: DocView,
    process: Link,
    decision: Link,
    applies_to: String,
    gates: Vec<GateView>,
    initiatives: Table,
}

pub(crate) fn gates(site: &Site<'_>, page: &str, d: DocId) -> minijinja::Value {
    let model = site.model;
    let Body::StageGate(g) = &model.docs[d].body else {
        return to_value(&());
    };
    let gates = g
        .gates
        .iter()
        .enumerate()
        .map(|(i, gate)| {
            let after = g.after_of(i);
            GateView {
                number: i + 1,
                id: gate.id.clone(),
                approver: site.role_link(page, &gate.approver),
                checks: gate.checks.clone(),
                after: if after.is_empty() {
                    "—".to_owned()
                } else {
                    after.join(", ")
                },
                required_by: g.required_by_of(i).as_str().replace('_', " "),
            }
        })
        .collect();
    // Initiatives linked to this process, and those of a type it applies to
    // that name no process.
    let mut going: Vec<DocId> = site
        .graph
        .sources(d, Edge::GatedBy)
        .map(|(i, _)| i)
        .collect();
    for (i, init) in model.all::<Initiative>() {
        if init.gates.is_none() && g.applies_to.contains(&init.kind) {
            going.push(i);
        }
    }
    going.sort_unstable();
    going.dedup();
    let mut columns = vec!["Initiative".to_owned(), "Status".to_owned()];
    columns.extend(g.gates.iter().map(|gate| gate.id.clone()));
    columns.push("Where it stands".to_owned());
    let rows = going
        .iter()
        .filter_map(|&i| {
            let init = Initiative::from_body(&model.docs[i].body)?;
            let mut row = vec![
                vec![site.doc_link(page, i)],
                cell(readable(init.status.as_str())),
            ];
            let mut missing = Vec::new();
            for gate in &g.gates {
                match init.gate_log.iter().find(|r| r.gate == gate.id) {
                    Some(r) => {
                        let by = model
                            .get::<Role>(&r.approved_by)
                            .map(|(rd, _)| model.docs[rd].display_name().to_owned())
                            .unwrap_or_else(|| r.approved_by.clone());
                        row.push(cell(format!("passed {} ({by})", r.passed.0)));
                    }
                    None => {
                        missing.push(gate.id.clone());
                        row.push(cell("not passed"));
                    }
                }
            }
            let underway = init.status >= InitiativeStatus::InProgress
                && init.status != InitiativeStatus::Cancelled;
            let linked = init.gates.as_deref() == Some(model.docs[d].id());
            let stands = if missing.is_empty() {
                "all gates passed".to_owned()
            } else if init.status == InitiativeStatus::Cancelled {
                "cancelled".to_owned()
            } else if underway {
                format!(
                    "{} without passing {}",
                    readable(init.status.as_str()),
                    missing.join(", ")
                )
            } else {
                format!("next gate: {}", missing[0])
            };
            let stands = if linked {
                stands
            } else {
                format!("{stands}; does not name this process under gates")
            };
            row.push(cell(stands));
            Some(row)
        })
        .collect();
    let applies_to = readable_list(g.applies_to.iter().map(|t| t.as_str()));
    to_value(&GatesContext {
        site: &site.info,
        doc: site.doc_view(page, d),
        process: site.doc_link(page, d),
        decision: site.decision_link(page, &g.decision),
        applies_to,
        gates,
        initiatives: Table { columns, rows },
    })
}
