//! Pages of the KPI family: KPIs with their targets and actuals, and
//! triggers with their latest evaluation.

use super::builder::Builder;
use super::status::{deviation_text, fired_text, trigger_condition, trigger_state};
use crate::metrics;
use crate::model::kinds::{CompareTo, Kpi, Trigger};
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind};
use crate::numbers::{in_unit, pct};
use crate::render::format::{or_dash, readable, signed, yes_no};
use crate::render::view::cell;

impl Builder<'_, '_> {
    pub(crate) fn kpi(&mut self, d: DocId, k: &Kpi) {
        let model = self.site.model;
        let id = model.docs[d].id().to_owned();
        self.text("Status", Some(self.kpi_status_text(&id)));
        self.text("Unit", Some(k.unit.clone()));
        self.text("Direction", Some(readable(k.direction.as_str())));
        self.text("Category", k.category.map(|c| c.as_str().to_owned()));
        self.text("Cadence", k.cadence.map(|c| c.as_str().to_owned()));
        self.text(
            "Thresholds",
            k.thresholds.as_ref().map(|t| {
                format!(
                    "amber from {} worse than target, red from {}",
                    pct(t.amber_pct.0),
                    pct(t.red_pct.0)
                )
            }),
        );
        self.text("Formula", k.formula.clone());
        self.fact("Owner", self.owner_cell(d));
        let rows = k
            .targets
            .iter()
            .map(|t| vec![cell(t.period.0.clone()), cell(in_unit(t.value, &k.unit))])
            .collect();
        self.table(
            "Targets",
            &["Period", "Target"],
            rows,
            Some("No target set yet."),
        );
        let actuals = model.actuals.rows(&id);
        let shown = &actuals[actuals.len().saturating_sub(12)..];
        let rows = shown
            .iter()
            .rev()
            .map(|row| {
                let target = metrics::target_for(k, &row.period);
                let source = self.site.source(row.file, row.span);
                vec![
                    cell(row.period.0.clone()),
                    cell(in_unit(row.actual, &k.unit)),
                    cell(or_dash(row.forecast.map(|f| in_unit(f, &k.unit)))),
                    cell(or_dash(target.map(|t| in_unit(t, &k.unit)))),
                    vec![source.link()],
                ]
            })
            .collect();
        self.table(
            "Actuals (latest first)",
            &["Period", "Actual", "Forecast", "Target", "Source"],
            rows,
            Some("No actuals yet."),
        );
        self.figure(super::charts::kpi_sparkline(self.site, self.page, &id));
        self.incoming_list(
            "Measures objectives",
            d,
            Edge::MeasuredBy,
            Some(Kind::Objective),
        );
        self.incoming_list("Target of goals", d, Edge::TargetsKpi, Some(Kind::Goal));
        self.incoming_list("Shown on scorecards", d, Edge::Shows, Some(Kind::Scorecard));
        let mut rows = Vec::new();
        for t in self.incoming(d, Edge::Watches, Some(Kind::Trigger)) {
            if let Body::Trigger(trigger) = &model.docs[t].body {
                rows.push(vec![
                    vec![self.link(t)],
                    cell(fired_text(self.site, trigger)),
                ]);
            }
        }
        self.table("Watched by triggers", &["Trigger", "State"], rows, None);
        let mut rows = Vec::new();
        for i in self.incoming(d, Edge::Impacts, Some(Kind::Initiative)) {
            if let Body::Initiative(init) = &model.docs[i].body {
                for e in init.expected_impact.iter().filter(|e| e.kpi == id) {
                    rows.push(vec![vec![self.link(i)], cell(signed(e.delta, &k.unit))]);
                }
            }
        }
        self.table(
            "Initiatives expecting an impact",
            &["Initiative", "Expected change"],
            rows,
            None,
        );
        let uses: Vec<DocId> = self
            .site
            .graph
            .targets(d, Edge::Formula)
            .map(|(t, _)| t)
            .collect();
        let items = self.links(&uses);
        self.list("Computed from", items, None);
        self.incoming_list("Used in the formula of", d, Edge::Formula, Some(Kind::Kpi));
    }

    pub(crate) fn trigger(&mut self, t: &Trigger) {
        let model = self.site.model;
        self.fact("KPI", vec![self.id(&t.kpi)]);
        self.text("Fires when", Some(trigger_condition(t)));
        if let Some(p) = &t.action.playbook {
            self.fact("Runs playbook", vec![self.id(p)]);
        }
        if let Some(r) = &t.action.escalate_to {
            self.fact("Escalates to", vec![self.role(r)]);
        }
        let evaluation = metrics::evaluate_trigger(model, t);
        self.text("State", Some(trigger_state(&evaluation)));
        let unit = model
            .get::<Kpi>(&t.kpi)
            .map(|(_, k)| k.unit.clone())
            .unwrap_or_default();
        let rows = evaluation
            .recent
            .iter()
            .map(|c| {
                vec![
                    cell(c.row.period.0.clone()),
                    cell(in_unit(c.row.actual, &unit)),
                    cell(or_dash(c.reference.map(|r| in_unit(r, &unit)))),
                    cell(deviation_text(c.deviation_pct, c.reference.is_some())),
                    cell(yes_no(c.breach)),
                ]
            })
            .collect();
        let reference = match t.when.compare_to {
            CompareTo::Target => "Target",
            CompareTo::Forecast => "Forecast",
        };
        self.table(
            "Latest periods",
            &[
                "Period",
                "Actual",
                reference,
                "Worse by",
                "Beyond the limit",
            ],
            rows,
            Some("No actuals yet."),
        );
    }
}
