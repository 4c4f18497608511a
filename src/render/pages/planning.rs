//! Pages of the planning kinds: experiments, scenarios and brands.

use super::builder::{Builder, ROLLUP_RULE};
use crate::model::kinds::Kpi;
use crate::model::kinds::{Brand, Experiment, Scenario};
use crate::model::refs::Edge;
use crate::model::{DocId, Kind};
use crate::numbers::pct;
use crate::render::format::{or_dash, readable};
use crate::render::scenario::{report, shown, shown_pct, signed_pct};
use crate::render::view::cell;

impl Builder<'_, '_> {
    pub(crate) fn experiment(&mut self, d: DocId, x: &Experiment) {
        self.text("Hypothesis", x.hypothesis.clone());
        self.text("Status", Some(x.status.as_str().to_owned()));
        self.fact("Primary KPI", vec![self.id(&x.kpi)]);
        self.fact("Markets", self.ids(&x.markets));
        self.fact("Channels", self.ids(&x.channels));
        self.fact("Segments", self.ids(&x.segments));
        self.text(
            "Categories",
            (!x.categories.is_empty()).then(|| x.categories.join(", ")),
        );
        self.text(
            "Runs",
            match (&x.start, &x.end) {
                (Some(s), Some(e)) => Some(format!("{} to {}", s.0, e.0)),
                (Some(s), None) => Some(format!("from {}", s.0)),
                (None, Some(e)) => Some(format!("until {}", e.0)),
                (None, None) => None,
            },
        );
        self.text(
            "Minimum sample",
            x.min_sample.map(|n| format!("{n} customers per variant")),
        );
        self.text(
            "Result",
            x.result
                .as_ref()
                .map(|r| format!("`{}` won, decided on {}", r.winner, r.decided_on.0)),
        );
        if let Some(decision) = &x.decision {
            self.fact(
                "Approved under",
                vec![self.site.decision_link(self.page, decision)],
            );
        }
        self.fact("Owner", self.owner_cell(d));
        let rows = x
            .variants
            .iter()
            .map(|v| {
                vec![
                    cell(v.id.clone()),
                    cell(or_dash(v.discount_pct.map(|p| pct(p.0)))),
                    cell(or_dash(v.description.clone())),
                ]
            })
            .collect();
        self.table(
            "Variants",
            &["Variant", "Discount", "What customers see"],
            rows,
            Some("No variant yet."),
        );
        let rows = x
            .guardrails
            .iter()
            .map(|g| {
                vec![
                    vec![self.id(&g.kpi)],
                    cell(format!("{} worse at most", pct(g.max_adverse_pct.0))),
                ]
            })
            .collect();
        self.table(
            "Guardrails",
            &["KPI", "Limit"],
            rows,
            Some("No guardrail: nothing stops the test if it harms another KPI."),
        );
    }

    pub(crate) fn brand(&mut self, d: DocId, b: &Brand) {
        self.text("Architecture", Some(readable(b.architecture.as_str())));
        if let Some(parent) = &b.parent {
            self.fact("Parent brand", vec![self.id(parent)]);
        }
        self.text("Positioning", b.positioning.clone());
        self.fact("Segments", self.ids(&b.segments));
        self.fact("Channels", self.ids(&b.channels));
        self.fact("Owner", self.owner_cell(d));
        self.incoming_list("Brands under it", d, Edge::ParentBrand, Some(Kind::Brand));
    }
}

impl Builder<'_, '_> {
    /// A scenario's page: its report (the same as `stratc scenario`'s), with
    /// every KPI, objective, trigger, playbook and role linked to its page.
    pub(crate) fn scenario(&mut self, d: DocId, _: &Scenario) {
        let Some(r) = report(self.site.analysis, d) else {
            return;
        };
        self.text("Verdict", Some(r.verdict.clone()));
        self.text(
            "Periods",
            (!r.periods.is_empty()).then(|| r.periods.join(", ")),
        );
        self.fact("Owner", self.owner_cell(d));
        let items = r.assumptions.iter().map(|a| cell(a.clone())).collect();
        self.list("Assumptions", items, None);
        let rows = r
            .shocks
            .iter()
            .map(|s| {
                let change = match (s.value, s.change_pct) {
                    (Some(v), _) => format!("set to {}", self.scenario_value(&s.kpi, v)),
                    (None, Some(c)) => signed_pct(c),
                    (None, None) => "unchanged".to_owned(),
                };
                vec![
                    vec![self.id(&s.kpi)],
                    cell(change),
                    cell(s.periods.join(", ")),
                    cell(or_dash(
                        s.not_applied.clone().map(|w| format!("not applied: {w}")),
                    )),
                ]
            })
            .collect();
        self.table(
            "Shocks",
            &["KPI", "Change", "Periods", "Note"],
            rows,
            Some("No shock."),
        );
        let mut rows = Vec::new();
        for k in &r.kpis {
            for p in &k.periods {
                let value = |v: Option<f64>| or_dash(v.map(|v| shown(v, &k.unit)));
                let with = match (p.value, p.change_pct) {
                    (Some(v), Some(c)) if c.abs() >= 0.05 => {
                        format!("{} ({})", shown(v, &k.unit), signed_pct(c))
                    }
                    (v, _) => value(v),
                };
                rows.push(vec![
                    vec![self.id(&k.id)],
                    cell(p.period.clone()),
                    cell(value(p.baseline)),
                    cell(with),
                    cell(value(p.target)),
                    cell(or_dash(p.baseline_status.map(|s| s.to_string()))),
                    cell(or_dash(p.status.map(|s| s.to_string()))),
                ]);
            }
        }
        self.table(
            "KPIs with and without the scenario",
            &[
                "KPI",
                "Period",
                "Without",
                "With",
                "Target",
                "Status without",
                "Status with",
            ],
            rows,
            Some("The scenario affects no KPI."),
        );
        let rows = r
            .targets_missed
            .iter()
            .map(|m| {
                vec![
                    vec![self.id(&m.kpi)],
                    cell(m.period.clone()),
                    cell(self.scenario_value(&m.kpi, m.value)),
                    cell(self.scenario_value(&m.kpi, m.target)),
                    cell(or_dash(m.deviation_pct.map(pct))),
                    cell(if m.missed_without_scenario {
                        or_dash(
                            m.baseline_deviation_pct
                                .map(|d| format!("missed by {}", shown_pct(d))),
                        )
                    } else {
                        "met".to_owned()
                    }),
                ]
            })
            .collect();
        self.table(
            "Targets missed",
            &[
                "KPI",
                "Period",
                "With the scenario",
                "Target",
                "Missed by",
                "Without the scenario",
            ],
            rows,
            Some("No KPI target is missed."),
        );
        let rows = r
            .statuses
            .iter()
            .map(|s| {
                let pulled = s
                    .pulled_down_by
                    .iter()
                    .map(|p| {
                        let mut link = self.id(&p.id);
                        link.text = format!(
                            "{} ({}, {}{})",
                            link.text,
                            shown_pct(p.weight_pct),
                            p.status,
                            if p.affected { ", in the scenario" } else { "" }
                        );
                        link
                    })
                    .collect();
                vec![
                    vec![self.id(&s.id)],
                    cell(s.status.to_string()),
                    cell(or_dash(s.status_without_scenario.map(|x| x.to_string()))),
                    pulled,
                ]
            })
            .collect();
        self.table(
            "Goals and objectives amber or red",
            &[
                "Goal or objective",
                "With the scenario",
                "Without",
                "Pulled down by (weight)",
            ],
            rows,
            Some("No goal or objective the scenario touches is amber or red."),
        );
        if let Some(section) = self.sections.last_mut() {
            section.note = Some(format!(
                "A KPI counts with the worst status it reaches in the scenario's periods.{ROLLUP_RULE}"
            ));
        }
        let rows = r
            .triggers
            .iter()
            .map(|t| {
                let breaches = t
                    .breaches
                    .iter()
                    .map(|b| {
                        format!(
                            "{} {} against {} ({})",
                            b.period,
                            self.scenario_value(&t.kpi, b.value),
                            self.scenario_value(&t.kpi, b.reference),
                            shown_pct(b.deviation_pct)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![
                    vec![self.id(&t.id)],
                    cell(if t.already_firing {
                        format!("{} (fires already)", t.fires_in)
                    } else {
                        t.fires_in.clone()
                    }),
                    cell(breaches),
                    t.playbook
                        .as_ref()
                        .map(|p| vec![self.id(&p.id)])
                        .unwrap_or_default(),
                    t.escalate_to
                        .as_ref()
                        .map(|e| vec![self.role(&e.id)])
                        .unwrap_or_default(),
                ]
            })
            .collect();
        self.table(
            "Triggers that fire, playbooks and escalations",
            &["Trigger", "Fires in", "Breaches", "Playbook", "Escalate to"],
            rows,
            Some("No trigger fires."),
        );
    }
}

impl Builder<'_, '_> {
    /// A computed value in the unit of the KPI with this id, rounded as reports show it.
    fn scenario_value(&self, kpi: &str, value: f64) -> String {
        match self.site.model.get::<Kpi>(kpi) {
            Some((_, k)) => shown(value, &k.unit),
            None => shown(value, "ratio"),
        }
    }
}
