//! Pages of the governance family: roles, decision rights, stage gates and
//! approved exceptions.

use super::builder::Builder;
use crate::model::kinds::{DecisionRights, Exception, Role, StageGate};
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind};
use crate::render::format::{readable_list, yes_no};
use crate::render::view::{Cell, Link, cell};

impl Builder<'_, '_> {
    pub(crate) fn role_page(&mut self, d: DocId, r: &Role) {
        self.text("Holder", r.holder.clone());
        self.text("Department", r.department.clone());
        if let Some(to) = &r.reports_to {
            self.fact("Reports to", vec![self.role(to)]);
        }
        self.text("GitHub", r.github.clone());
        self.text("Critical role", Some(yes_no(r.critical).to_owned()));
        self.fact("Successors", self.site.role_links(self.page, &r.successors));
        let rows = r
            .incentives
            .iter()
            .map(|x| {
                vec![
                    vec![self.id(&x.kpi)],
                    cell(crate::numbers::pct(x.weight_pct.0)),
                ]
            })
            .collect();
        self.table("Incentive plan", &["KPI", "Weight"], rows, None);
        // RACI edges start at the decision nodes of the graph.
        let graph = self.site.graph;
        let rows = graph
            .decisions_naming(d)
            .into_iter()
            .filter_map(|(id, edge)| {
                let part = match edge {
                    Edge::Accountable => "Accountable",
                    Edge::Responsible => "Responsible",
                    Edge::Consulted => "Consulted",
                    Edge::Informed => "Informed",
                    _ => return None,
                };
                Some(vec![
                    vec![self.site.decision_link(self.page, id)],
                    cell(part),
                ])
            })
            .collect();
        self.table("Decision rights", &["Decision", "Role in it"], rows, None);
        self.incoming_list("Direct reports", d, Edge::ReportsTo, Some(Kind::Role));
        self.incoming_list("Successor for", d, Edge::SucceededBy, Some(Kind::Role));
        let owned: Vec<DocId> = {
            let mut v: Vec<DocId> = graph
                .sources(d, Edge::OwnedBy)
                .filter(|(_, p)| *p == "/owner")
                .map(|(s, _)| s)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let rows = self.site.doc_kind_rows(self.page, &owned);
        self.table("Owns", &["Document", "Kind"], rows, None);
        let steps: Vec<Cell> = {
            let mut v: Vec<(DocId, usize)> = graph
                .sources(d, Edge::OwnedBy)
                .filter_map(|(s, p)| {
                    Some((
                        s,
                        p.strip_prefix("/steps/")?.split('/').next()?.parse().ok()?,
                    ))
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v.iter()
                .filter_map(|&(s, i)| match &self.site.model.docs[s].body {
                    Body::Playbook(p) => p.steps.get(i).map(|step| {
                        vec![
                            self.link(s),
                            Link::text(format!("step {}: {}", i + 1, step.title)),
                        ]
                    }),
                    _ => None,
                })
                .collect()
        };
        self.list("Playbook steps", steps, None);
        let approves = self.incoming(d, Edge::Approves, None);
        let rows = self.site.doc_kind_rows(self.page, &approves);
        self.table("Approves in", &["Document", "Kind"], rows, None);
        self.incoming_list(
            "Escalation target of triggers",
            d,
            Edge::EscalatesTo,
            Some(Kind::Trigger),
        );
        self.incoming_list("Audience of", d, Edge::Audience, None);
        self.incoming_list("Data steward in", d, Edge::Stewards, None);
    }

    pub(crate) fn decision_rights(&mut self, _d: DocId, r: &DecisionRights) {
        let rows = r
            .decisions
            .iter()
            .map(|dec| {
                let title = dec.title.clone().unwrap_or_else(|| dec.id.clone());
                let first = match self.site.pages.escalation.get(&dec.id) {
                    Some(page) => self.site.page_link(self.page, page, title),
                    None => Link::text(title),
                };
                vec![
                    vec![first],
                    cell(dec.id.clone()),
                    self.site.role_links(self.page, dec.accountable.roles()),
                    self.site.role_links(self.page, &dec.responsible),
                    self.site.role_links(self.page, &dec.consulted),
                    self.site.role_links(self.page, &dec.informed),
                ]
            })
            .collect();
        self.table(
            "Decisions",
            &[
                "Decision",
                "Id",
                "Accountable",
                "Responsible",
                "Consulted",
                "Informed",
            ],
            rows,
            Some("No decision declared."),
        );
    }

    pub(crate) fn stage_gate(&mut self, d: DocId, g: &StageGate) {
        self.text(
            "Applies to",
            Some(readable_list(g.applies_to.iter().map(|t| t.as_str()))),
        );
        self.fact(
            "Decision",
            vec![self.site.decision_link(self.page, &g.decision)],
        );
        self.fact("Owner", self.owner_cell(d));
        if let Some(page) = self.site.pages.gates.get(&d) {
            self.fact(
                "Initiatives",
                vec![self.site.page_link(
                    self.page,
                    page,
                    "status of every initiative at each gate",
                )],
            );
        }
        let rows = g
            .gates
            .iter()
            .enumerate()
            .map(|(i, gate)| {
                vec![
                    cell((i + 1).to_string()),
                    cell(gate.id.clone()),
                    vec![self.role(&gate.approver)],
                    gate.checks.iter().map(Link::text).collect(),
                ]
            })
            .collect();
        self.table(
            "Gates, in order",
            &["#", "Gate", "Approver", "Checks"],
            rows,
            None,
        );
    }

    pub(crate) fn exception(&mut self, e: &Exception) {
        self.fact("Subject", vec![self.id(&e.subject)]);
        let rule = crate::rules::lookup(&e.rule)
            .map(|r| format!("{} ({})", r.name, r.code))
            .unwrap_or_else(|| format!("{} (not a known rule)", e.rule));
        self.text("Rule waived", Some(rule));
        self.fact(
            "Decision",
            vec![self.site.decision_link(self.page, &e.decision)],
        );
        self.fact("Approved by", vec![self.role(&e.approved_by)]);
        self.text("Approved on", Some(e.approved_on.0.clone()));
        let expired = e
            .expires
            .date()
            .is_some_and(|x| x < self.site.analysis.as_of);
        self.text(
            "Expires",
            Some(if expired {
                format!(
                    "{} (expired on the evaluation date {})",
                    e.expires.0, self.site.analysis.as_of
                )
            } else {
                e.expires.0.clone()
            }),
        );
        self.text("Rationale", Some(e.rationale.clone()));
    }
}
