//! Scorecards: each KPI of each section with its target, latest actual,
//! trend over the last periods, red/amber/green status and fired triggers.
//! Every number comes from [`crate::metrics`]; a KPI without actuals says
//! so instead of showing a number.

use std::collections::HashSet;

use serde::Serialize;

use super::builder::ROLLUP_RULE;
use super::charts::{self, Explained};
use super::status::{trigger_condition, trigger_state};
use crate::metrics::{self, KpiStatus, Rag};
use crate::model::kinds::{Direction, Kpi, Scorecard, Trigger};
use crate::model::refs::Edge;
use crate::model::values::Period;
use crate::model::{Body, DocId, Kind, KindOf};
use crate::numbers::{approx_eq, in_unit, pct};
use crate::render::site::Site;
use crate::render::svg::Figure;
use crate::render::view::{Cell, DocView, Link, SiteInfo, to_value};

#[derive(Serialize)]
struct KpiRow {
    kpi: Link,
    target: String,
    actual: String,
    trend: String,
    /// `red`, `amber`, `green`, or none when there is no status.
    rag: Option<&'static str>,
    /// The status colour with its word (SVG and text).
    badge: Option<Figure>,
    /// Actuals against the target and bands, linking to the KPI (SVG).
    sparkline: Option<Figure>,
    status: String,
    triggers: Cell,
}

#[derive(Serialize)]
struct SectionView {
    title: String,
    rows: Vec<KpiRow>,
    /// The horizon the section judges and, for a benchmark, how it is measured.
    note: Option<String>,
}

#[derive(Serialize)]
struct FiredView {
    trigger: Link,
    kpi: Link,
    condition: String,
    state: String,
    periods: Vec<String>,
    playbook: Option<Link>,
    escalate_to: Option<Link>,
}

#[derive(Serialize, Default)]
struct Counts {
    red: usize,
    amber: usize,
    green: usize,
    no_actuals: usize,
    no_target: usize,
}

#[derive(Serialize)]
struct ScorecardContext<'a> {
    site: &'a SiteInfo,
    doc: DocView,
    audience: Cell,
    cadence: Option<&'static str>,
    /// The latest review held: its date and chair.
    last_review: Option<(String, Link)>,
    summary: String,
    counts: Counts,
    sections: Vec<SectionView>,
    fired: Vec<FiredView>,
    /// Goals and objectives measured by this scorecard's KPIs, with why
    /// they are red, amber or green.
    explained: Vec<Explained>,
    /// How a status rolls up, in words.
    rollup_rule: &'static str,
    data: &'a Body,
}

/// The month of the evaluation date as a period, to find the target in
/// force for a KPI that has no actuals yet.
fn as_of_period(site: &Site<'_>) -> Period {
    let d = site.analysis.as_of;
    Period(format!("{:04}-{:02}", d.year, d.month))
}

fn counts(site: &Site<'_>, s: &Scorecard) -> Counts {
    let mut c = Counts::default();
    let mut seen = HashSet::new();
    for id in s.sections.iter().flat_map(|x| &x.kpis) {
        if !seen.insert(id.as_str()) {
            continue;
        }
        let Some(status) = metrics::kpi_status(site.model, id) else {
            continue;
        };
        match (status.latest, status.rag) {
            (None, _) => c.no_actuals += 1,
            (Some(_), None) => c.no_target += 1,
            (Some(_), Some(Rag::Red)) => c.red += 1,
            (Some(_), Some(Rag::Amber)) => c.amber += 1,
            (Some(_), Some(Rag::Green)) => c.green += 1,
        }
    }
    c
}

fn counts_text(c: &Counts) -> String {
    let mut parts = vec![
        format!("{} red", c.red),
        format!("{} amber", c.amber),
        format!("{} green", c.green),
    ];
    if c.no_actuals > 0 {
        parts.push(format!("{} without actuals yet", c.no_actuals));
    }
    if c.no_target > 0 {
        parts.push(format!("{} without a target", c.no_target));
    }
    parts.join(", ")
}

/// "2 red, 1 amber, 5 green, 1 without actuals yet", for the index.
pub(crate) fn summary(site: &Site<'_>, s: &Scorecard) -> String {
    counts_text(&counts(site, s))
}

pub(crate) fn scorecard(site: &Site<'_>, page: &str, d: DocId) -> minijinja::Value {
    let model = site.model;
    let doc = &model.docs[d];
    let Body::Scorecard(s) = &doc.body else {
        return to_value(&());
    };
    let mut fired = Vec::new();
    let mut fired_seen = HashSet::new();
    let sections = s
        .sections
        .iter()
        .map(|section| SectionView {
            note: section_note(section),
            title: section.title.clone(),
            rows: section
                .kpis
                .iter()
                .map(|id| kpi_row(site, page, id, &mut fired, &mut fired_seen))
                .collect(),
        })
        .collect();
    let c = counts(site, s);
    to_value(&ScorecardContext {
        site: &site.info,
        doc: site.doc_view(page, d),
        audience: site.role_links(page, &s.audience),
        cadence: s.cadence.map(|c| c.as_str()),
        last_review: s
            .reviews
            .iter()
            .max_by(|a, b| a.on.0.cmp(&b.on.0))
            .map(|r| (r.on.0.clone(), site.role_link(page, &r.by))),
        summary: counts_text(&c),
        counts: c,
        sections,
        fired,
        explained: explained_here(site, page, s),
        rollup_rule: ROLLUP_RULE.trim(),
        data: &doc.body,
    })
}

fn kpi_row(
    site: &Site<'_>,
    page: &str,
    id: &str,
    fired: &mut Vec<FiredView>,
    fired_seen: &mut HashSet<DocId>,
) -> KpiRow {
    let model = site.model;
    let Some(status) = metrics::kpi_status(model, id) else {
        return KpiRow {
            kpi: Link::text(format!("{id} (not a KPI)")),
            target: "—".to_owned(),
            actual: "—".to_owned(),
            trend: "—".to_owned(),
            rag: None,
            badge: None,
            sparkline: None,
            status: "unknown KPI: declare it or fix the scorecard".to_owned(),
            triggers: Vec::new(),
        };
    };
    let kpi = status.kpi;
    let unit = kpi.unit.as_str();
    let target = match status.latest {
        Some(row) => match status.target {
            Some(t) => format!("{} for {}", in_unit(t, unit), row.period.0),
            None => format!("no target for {}", row.period.0),
        },
        None => match metrics::target_for(kpi, &as_of_period(site)) {
            Some(t) => format!("{}, in force on {}", in_unit(t, unit), site.analysis.as_of),
            None => format!("no target in force on {}", site.analysis.as_of),
        },
    };
    let actual = match status.latest {
        Some(row) => format!("{} in {}", in_unit(row.actual, unit), row.period.0),
        None => "no actuals yet".to_owned(),
    };
    let kpi_doc = model.get::<Kpi>(id).map(|(k, _)| k);
    let mut triggers = Vec::new();
    if let Some(k) = kpi_doc {
        for t in site.graph.linked_from(k, Edge::Watches) {
            let Some(trigger) = Trigger::from_body(&model.docs[t].body) else {
                continue;
            };
            let evaluation = metrics::evaluate_trigger(model, trigger);
            if !evaluation.fired {
                continue;
            }
            triggers.push(site.doc_link(page, t));
            if fired_seen.insert(t) {
                let periods = evaluation
                    .periods
                    .iter()
                    .map(|b| {
                        format!(
                            "{}: {} against {}, {} worse",
                            b.row.period.0,
                            in_unit(b.row.actual, unit),
                            in_unit(b.reference, unit),
                            pct(b.deviation_pct)
                        )
                    })
                    .collect();
                fired.push(FiredView {
                    trigger: site.doc_link(page, t),
                    kpi: site.id_link(page, id),
                    condition: trigger_condition(trigger),
                    state: trigger_state(&evaluation),
                    periods,
                    playbook: trigger
                        .action
                        .playbook
                        .as_ref()
                        .map(|p| site.id_link(page, p)),
                    escalate_to: trigger
                        .action
                        .escalate_to
                        .as_ref()
                        .map(|r| site.role_link(page, r)),
                });
            }
        }
    }
    KpiRow {
        kpi: site.id_link(page, id),
        target,
        actual,
        trend: trend(&status),
        rag: status.rag.map(Rag::as_str),
        badge: status
            .rag
            .map(|r| charts::rag_badge(r, &status_text(&status))),
        sparkline: charts::kpi_sparkline(site, page, id),
        status: status_text(&status),
        triggers,
    }
}

/// "red: 14% worse than target", "green: on or better than target".
fn status_text(status: &KpiStatus<'_>) -> String {
    match (status.latest, status.rag) {
        (None, _) => "no actuals yet".to_owned(),
        (Some(row), None) => format!("no target for {}", row.period.0),
        (Some(_), Some(rag)) => match status.deviation_pct {
            Some(d) if d > 0.0 => format!("{}: {} worse than target", rag.as_str(), pct(d)),
            Some(_) => format!("{}: on or better than target", rag.as_str()),
            None => format!("{}: worse than a target of 0", rag.as_str()),
        },
    }
}

/// The last periods, oldest first, and whether the latest move was for the
/// better: "EUR 47.6 → EUR 51.8 → EUR 52.1 → EUR 51.3 (better)".
fn trend(status: &KpiStatus<'_>) -> String {
    let unit = status.kpi.unit.as_str();
    let values: Vec<String> = status
        .trend
        .iter()
        .map(|(_, v)| in_unit(*v, unit))
        .collect();
    if values.is_empty() {
        return "—".to_owned();
    }
    let mut text = values.join(" → ");
    if let [.., (_, before), (_, last)] = status.trend.as_slice() {
        let better = match status.kpi.direction {
            Direction::HigherIsBetter => last > before,
            Direction::LowerIsBetter => last < before,
        };
        let word = if approx_eq(*last, *before) {
            "flat"
        } else if better {
            "better"
        } else {
            "worse"
        };
        text.push_str(&format!(" ({word})"));
    }
    text
}

/// The objectives measured by a KPI of the scorecard and every goal and
/// objective they lead to through `supports`, goals first, in model order,
/// each explained.
fn explained_here(site: &Site<'_>, page: &str, s: &Scorecard) -> Vec<Explained> {
    let model = site.model;
    let mut shown = vec![false; model.docs.len()];
    let mut stack = Vec::new();
    for id in s.sections.iter().flat_map(|x| &x.kpis) {
        let Some((k, _)) = model.get::<Kpi>(id) else {
            continue;
        };
        for o in site.graph.linked_from(k, Edge::MeasuredBy) {
            stack.push(o);
        }
        for g in site.graph.linked_from(k, Edge::TargetsKpi) {
            stack.push(g);
        }
    }
    while let Some(d) = stack.pop() {
        if shown[d] {
            continue;
        }
        shown[d] = true;
        for (parent, _) in site.graph.targets(d, Edge::Supports) {
            stack.push(parent);
        }
    }
    let mut out = Vec::new();
    for kind in [Kind::Goal, Kind::Objective] {
        for (d, _) in model.of_kind(kind) {
            if shown[d]
                && let Some(e) = charts::explained(site, page, d)
            {
                out.push(e);
            }
        }
    }
    out
}

/// "Long term · benchmark: quarterly mystery shopping …", or nothing.
fn section_note(section: &crate::model::kinds::ScorecardSection) -> Option<String> {
    use crate::model::kinds::{SectionHorizon, SectionType};
    let mut parts = Vec::new();
    match section.horizon {
        Some(SectionHorizon::Short) => parts.push("Short term".to_owned()),
        Some(SectionHorizon::Long) => parts.push("Long term".to_owned()),
        None => {}
    }
    if section.section_type == Some(SectionType::Benchmark) {
        parts.push(match &section.method {
            Some(method) => format!("Benchmark: {method}"),
            None => "Benchmark".to_owned(),
        });
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}
