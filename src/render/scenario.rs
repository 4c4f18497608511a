//! The report of `stratc scenario` and of each scenario's page: the
//! projection of [`crate::scenario`] with, for every goal and objective the
//! scenario touches, its explainable status with and without the scenario
//! ([`super::rollup`]), and the playbooks and escalations of the triggers it
//! fires. One structure; the JSON is its serialisation, the human and
//! Markdown formats read it.

use serde::Serialize;

use super::rollup::{Rollup, rollups, rollups_with};
use crate::analysis::Analysis;
use crate::metrics::Rag;
use crate::model::kinds::{Kpi, Playbook, Role, Scenario};
use crate::model::{Body, DocId, Kind};
use crate::numbers::{in_unit, pct, plain};
use crate::scenario::{Baseline, OutsideData, Projection, Skipped, project};

/// The whole report of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioReport {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub assumptions: Vec<String>,
    /// The scenario's periods, in calendar order.
    pub periods: Vec<String>,
    /// One line: what the scenario does to the strategy.
    pub verdict: String,
    pub shocks: Vec<ShockView>,
    /// Every KPI the scenario affects, period by period.
    pub kpis: Vec<KpiView>,
    /// Every (KPI, period) whose scenario value misses its target.
    pub targets_missed: Vec<MissView>,
    /// Goals and objectives the scenario touches that are amber or red with it.
    pub statuses: Vec<StatusView>,
    /// Triggers the scenario fires, with their playbooks and escalations.
    pub triggers: Vec<TriggerView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShockView {
    pub kpi: String,
    pub change_pct: Option<f64>,
    pub value: Option<f64>,
    pub from: String,
    pub periods: Vec<String>,
    /// What the shock does, in words: "−15% from 2027-Q3 for 2 quarters".
    pub text: String,
    /// Why it was not applied (a finding of `stratc check`).
    pub not_applied: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiView {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub direction: &'static str,
    pub formula: Option<String>,
    pub periods: Vec<KpiPeriodView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiPeriodView {
    pub period: String,
    pub baseline: Option<f64>,
    pub baseline_from: Option<Baseline>,
    pub value: Option<f64>,
    /// Change from the baseline, percent.
    pub change_pct: Option<f64>,
    pub shocked: bool,
    pub through_formula: bool,
    pub target: Option<f64>,
    pub baseline_deviation_pct: Option<f64>,
    pub deviation_pct: Option<f64>,
    pub baseline_status: Option<Rag>,
    pub status: Option<Rag>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissView {
    pub kpi: String,
    pub period: String,
    pub value: f64,
    pub target: f64,
    /// Scenario value minus target, in the KPI's unit.
    pub gap: f64,
    /// Adverse deviation from the target, percent.
    pub deviation_pct: Option<f64>,
    pub status: Option<Rag>,
    /// The baseline already misses the target in this period.
    pub missed_without_scenario: bool,
    pub baseline_deviation_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub status: Rag,
    /// The status today, at the latest actuals.
    pub status_without_scenario: Option<Rag>,
    /// The status is worse than today.
    pub turns: bool,
    /// The parts pulling it down with the scenario, heaviest first.
    pub pulled_down_by: Vec<PartView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub id: String,
    pub kind: &'static str,
    pub weight_pct: f64,
    pub status: Rag,
    /// A KPI the scenario affects.
    pub affected: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TriggerView {
    pub id: String,
    pub title: String,
    pub kpi: String,
    pub fires_in: String,
    pub deviation_above_pct: f64,
    pub breaches: Vec<BreachView>,
    pub already_firing: bool,
    pub playbook: Option<PlaybookView>,
    pub escalate_to: Option<RoleView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BreachView {
    pub period: String,
    pub value: f64,
    pub reference: f64,
    pub deviation_pct: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaybookView {
    pub id: String,
    pub title: String,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub title: String,
    pub owner: String,
    pub within_days: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub id: String,
    pub holder: Option<String>,
}

/// The scenario documents, by id, in path order.
pub fn scenario_ids(analysis: &Analysis) -> Vec<&str> {
    analysis
        .model
        .all::<Scenario>()
        .map(|(_, s)| s.id.as_str())
        .collect()
}

/// The report of scenario `d`.
pub fn report(analysis: &Analysis, d: DocId) -> Option<ScenarioReport> {
    let model = &analysis.model;
    let Body::Scenario(scenario) = &model.docs[d].body else {
        return None;
    };
    let projection = project(model, scenario);
    // "Without the scenario" is the status today, at the latest actuals:
    // what the scorecards show now and what the scenario would turn.
    let without = rollups(model, &analysis.graph);
    let with = rollups_with(model, &analysis.graph, &|id| {
        projection.kpi(id)?.worst_rag().map(Some)
    });
    let shocks = shocks(model, scenario, &projection);
    let kpis: Vec<KpiView> = projection
        .kpis
        .iter()
        .map(|k| KpiView {
            id: k.kpi.id.clone(),
            title: model.docs[k.doc].display_name().to_owned(),
            unit: k.kpi.unit.clone(),
            direction: k.kpi.direction.as_str(),
            formula: k.kpi.formula.clone(),
            periods: k
                .periods
                .iter()
                .map(|p| KpiPeriodView {
                    period: p.period.0.clone(),
                    baseline: p.baseline,
                    baseline_from: p.baseline_from.clone(),
                    value: p.value,
                    change_pct: match (p.baseline, p.value) {
                        (Some(b), Some(v)) if b != 0.0 => Some((v - b) / b.abs() * 100.0),
                        _ => None,
                    },
                    shocked: !p.shocks.is_empty(),
                    through_formula: p.through_formula,
                    target: p.target,
                    baseline_deviation_pct: p.baseline_deviation_pct,
                    deviation_pct: p.deviation_pct,
                    baseline_status: p.baseline_rag,
                    status: p.rag,
                })
                .collect(),
        })
        .collect();
    let mut targets_missed = Vec::new();
    for k in &kpis {
        for p in &k.periods {
            let (Some(value), Some(target)) = (p.value, p.target) else {
                continue;
            };
            if p.deviation_pct.is_some_and(|d| d <= 0.0) {
                continue;
            }
            targets_missed.push(MissView {
                kpi: k.id.clone(),
                period: p.period.clone(),
                value,
                target,
                gap: value - target,
                deviation_pct: p.deviation_pct,
                status: p.status,
                missed_without_scenario: p.baseline_deviation_pct.is_none_or(|d| d > 0.0),
                baseline_deviation_pct: p.baseline_deviation_pct,
            });
        }
    }
    let touched = touched(model, &with, &projection);
    let mut statuses = Vec::new();
    for (g, rollup) in with.iter().enumerate() {
        let Some(rollup) = rollup else { continue };
        let Some(status) = rollup.rag.filter(|r| *r != Rag::Green) else {
            continue;
        };
        if !touched[g] {
            continue;
        }
        let before = without.get(g).and_then(|r| r.as_ref()).and_then(|r| r.rag);
        statuses.push(StatusView {
            id: model.docs[g].id().to_owned(),
            kind: match model.docs[g].kind() {
                Kind::Goal => "goal",
                _ => "objective",
            },
            title: model.docs[g].display_name().to_owned(),
            status,
            status_without_scenario: before,
            turns: before.is_none_or(|b| b < status),
            pulled_down_by: rollup
                .pulling_down()
                .into_iter()
                .filter_map(|part| {
                    Some(PartView {
                        id: part.id.clone(),
                        kind: if part.kpi { "kpi" } else { "objective" },
                        weight_pct: part.weight,
                        status: part.rag?,
                        affected: part.kpi && projection.kpi(&part.id).is_some(),
                    })
                })
                .collect(),
        });
    }
    // Goals first, then objectives; those that turn before those already so.
    statuses.sort_by_key(|s| (s.kind != "goal", !s.turns));
    let triggers: Vec<TriggerView> = projection
        .triggers
        .iter()
        .map(|t| TriggerView {
            id: t.trigger.id.clone(),
            title: model.docs[t.doc].display_name().to_owned(),
            kpi: t.kpi.id.clone(),
            fires_in: t.fires_in.0.clone(),
            deviation_above_pct: t.trigger.when.deviation_above_pct.0,
            breaches: t
                .breaches
                .iter()
                .map(|b| BreachView {
                    period: b.period.0.clone(),
                    value: b.value,
                    reference: b.reference,
                    deviation_pct: b.deviation_pct,
                })
                .collect(),
            already_firing: t.already_firing,
            playbook: t
                .response
                .playbook
                .map(|id| match model.get::<Playbook>(id) {
                    Some((pd, p)) => PlaybookView {
                        id: id.to_owned(),
                        title: model.docs[pd].display_name().to_owned(),
                        steps: p
                            .steps
                            .iter()
                            .map(|s| StepView {
                                title: s.title.clone(),
                                owner: s.owner.clone(),
                                within_days: s.within_days,
                            })
                            .collect(),
                    },
                    None => PlaybookView {
                        id: id.to_owned(),
                        title: id.to_owned(),
                        steps: Vec::new(),
                    },
                }),
            escalate_to: t.response.escalate_to.map(|id| RoleView {
                id: id.to_owned(),
                holder: model.get::<Role>(id).and_then(|(_, r)| r.holder.clone()),
            }),
        })
        .collect();
    let verdict = verdict(&targets_missed, &statuses, &triggers);
    Some(ScenarioReport {
        id: scenario.id.clone(),
        title: model.docs[d].display_name().to_owned(),
        description: scenario.description.clone(),
        assumptions: scenario.assumptions.clone(),
        periods: projection.periods.iter().map(|p| p.0.clone()).collect(),
        verdict,
        shocks,
        kpis,
        targets_missed,
        statuses,
        triggers,
    })
}

fn shocks(
    model: &crate::model::Model,
    scenario: &Scenario,
    projection: &Projection<'_>,
) -> Vec<ShockView> {
    scenario
        .shocks
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let window = crate::scenario::shock_window(s).unwrap_or_default();
            let unit = model.get::<Kpi>(&s.kpi).map(|(_, k)| k.unit.as_str());
            let change = match (s.value, s.change_pct) {
                (Some(v), _) => format!("set to {}", unit.map_or(plain(v, 2), |u| in_unit(v, u))),
                (None, Some(c)) => signed_pct(c),
                (None, None) => "unchanged".to_owned(),
            };
            let granularity =
                crate::scenario::Granularity::of(&s.from).map_or("period", |g| g.word());
            let length = match window.len() {
                1 => format!("in {}", s.from),
                n => format!("from {} for {n} {granularity}s", s.from),
            };
            let not_applied = projection
                .skipped
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, why)| skipped_words(&s.kpi, why));
            ShockView {
                kpi: s.kpi.clone(),
                change_pct: s.change_pct,
                value: s.value,
                from: s.from.0.clone(),
                periods: window.iter().map(|p| p.0.clone()).collect(),
                text: format!("`{}` {change} {length}", s.kpi),
                not_applied,
            }
        })
        .collect()
}

/// Why a shock was left out, in words (the message of `scenario-outside-data`).
pub fn outside_words(kpi: &str, why: &OutsideData) -> String {
    match why {
        OutsideData::NoData => {
            format!("`{kpi}` has no actuals and no targets, so there is nothing to shock")
        }
        OutsideData::Before { period, first } => {
            format!("{period} is before the data of `{kpi}`, which starts in {first}")
        }
        OutsideData::After { period, last } => format!(
            "{period} is after the data of `{kpi}`, whose last actual or target is for {last}"
        ),
        OutsideData::Granularity { written, actuals } => format!(
            "`from` is a {} but the actuals of `{kpi}` are reported by {}",
            written.word(),
            actuals.word()
        ),
    }
}

fn skipped_words(kpi: &str, why: &Skipped) -> String {
    match why {
        Skipped::UnknownKpi => format!("`{kpi}` is not a KPI"),
        Skipped::Outside(o) => outside_words(kpi, o),
    }
}

/// `+20%`, `−15%`.
pub fn signed_pct(value: f64) -> String {
    if value < 0.0 {
        format!("−{}", shown_pct(-value))
    } else {
        format!("+{}", shown_pct(value))
    }
}

/// Which goals and objectives the scenario touches: one of their KPIs is
/// affected, or one of the objectives they roll up from is touched.
fn touched(
    model: &crate::model::Model,
    rollups: &[Option<Rollup>],
    projection: &Projection<'_>,
) -> Vec<bool> {
    let mut out = vec![false; model.docs.len()];
    // Supports chains are short; repeat until nothing changes (cycles are
    // their own finding and end the loop like any fixpoint).
    loop {
        let mut changed = false;
        for (d, r) in rollups.iter().enumerate() {
            let Some(r) = r else { continue };
            if out[d] {
                continue;
            }
            let hit = r.parts.iter().any(|p| {
                if p.kpi {
                    projection.kpi(&p.id).is_some()
                } else {
                    p.doc.is_some_and(|c| out[c])
                }
            });
            if hit {
                out[d] = true;
                changed = true;
            }
        }
        if !changed {
            return out;
        }
    }
}

fn verdict(missed: &[MissView], statuses: &[StatusView], triggers: &[TriggerView]) -> String {
    let new_misses = missed.iter().filter(|m| !m.missed_without_scenario).count();
    let turning = statuses.iter().filter(|s| s.turns).count();
    let count = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    format!(
        "{} ({} of them met without the scenario); {} amber or red; {}",
        count(missed.len(), "KPI target missed", "KPI targets missed"),
        new_misses,
        count(
            turning,
            "goal or objective turns",
            "goals and objectives turn"
        ),
        count(triggers.len(), "trigger fires", "triggers fire"),
    )
}

// -- formats ---------------------------------------------------------------

/// The report for a terminal.
pub fn human(r: &ScenarioReport) -> String {
    let mut out = String::new();
    let line = |out: &mut String, s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(&mut out, format!("scenario `{}`: {}", r.id, r.title));
    line(&mut out, r.verdict.clone());
    if !r.assumptions.is_empty() {
        line(&mut out, "\nAssumptions".into());
        for a in &r.assumptions {
            line(&mut out, format!("  - {a}"));
        }
    }
    line(&mut out, "\nShocks".into());
    for s in &r.shocks {
        match &s.not_applied {
            Some(why) => line(&mut out, format!("  - {} — not applied: {why}", s.text)),
            None => line(&mut out, format!("  - {}", s.text)),
        }
    }
    line(&mut out, "\nKPIs".into());
    for k in &r.kpis {
        let how = match &k.formula {
            Some(f) if k.periods.iter().any(|p| p.through_formula) => format!(" = {f}"),
            _ => String::new(),
        };
        let name = if k.title == k.id {
            format!("`{}`", k.id)
        } else {
            format!("{} ({})", k.title, k.id)
        };
        line(&mut out, format!("  {name}{how}"));
        for p in &k.periods {
            line(&mut out, format!("    {}", kpi_period_words(k, p)));
        }
    }
    line(&mut out, "\nTargets missed".into());
    if r.targets_missed.is_empty() {
        line(&mut out, "  none".into());
    }
    for m in &r.targets_missed {
        line(&mut out, format!("  - {}", miss_words(r, m)));
    }
    line(&mut out, "\nGoals and objectives".into());
    if r.statuses.is_empty() {
        line(&mut out, "  none turns amber or red".into());
    }
    for s in &r.statuses {
        line(&mut out, format!("  - {}", status_words(s)));
    }
    line(&mut out, "\nTriggers".into());
    if r.triggers.is_empty() {
        line(&mut out, "  none fires".into());
    }
    for t in &r.triggers {
        line(&mut out, format!("  - {}", trigger_words(r, t)));
        if let Some(p) = &t.playbook {
            line(&mut out, format!("    playbook `{}`: {}", p.id, p.title));
            for s in &p.steps {
                line(&mut out, format!("      {}", step_words(s)));
            }
        }
        if let Some(e) = &t.escalate_to {
            line(&mut out, format!("    escalate to {}", role_words(e)));
        }
    }
    out
}

/// The report as Markdown, for a pull request or a page.
pub fn markdown(r: &ScenarioReport) -> String {
    let mut out = String::new();
    let esc = super::escape::inline_with_code;
    out.push_str(&format!("# Scenario: {}\n\n", esc(&r.title)));
    out.push_str(&format!("**{}**\n\n", esc(&r.verdict)));
    if let Some(d) = &r.description {
        out.push_str(&format!("{}\n\n", super::escape::block(d)));
    }
    if !r.assumptions.is_empty() {
        out.push_str("## Assumptions\n\n");
        for a in &r.assumptions {
            out.push_str(&format!("- {}\n", esc(a)));
        }
        out.push('\n');
    }
    out.push_str("## Shocks\n\n");
    for s in &r.shocks {
        match &s.not_applied {
            Some(why) => out.push_str(&format!("- {} — not applied: {}\n", esc(&s.text), esc(why))),
            None => out.push_str(&format!("- {}\n", esc(&s.text))),
        }
    }
    out.push_str("\n## KPIs\n\n| KPI | Period | Without the scenario | With it | Target | Status |\n|---|---|---|---|---|---|\n");
    for k in &r.kpis {
        for p in &k.periods {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                esc(&k.title),
                p.period,
                opt_unit(p.baseline, &k.unit),
                with_change(k, p),
                opt_unit(p.target, &k.unit),
                status_change(p.baseline_status, p.status),
            ));
        }
    }
    out.push_str("\n## Targets missed\n\n");
    if r.targets_missed.is_empty() {
        out.push_str("None.\n");
    }
    for m in &r.targets_missed {
        out.push_str(&format!("- {}\n", esc(&miss_words(r, m))));
    }
    out.push_str("\n## Goals and objectives\n\n");
    if r.statuses.is_empty() {
        out.push_str("None turns amber or red.\n");
    }
    for s in &r.statuses {
        out.push_str(&format!("- {}\n", esc(&status_words(s))));
    }
    out.push_str("\n## Triggers, playbooks and escalations\n\n");
    if r.triggers.is_empty() {
        out.push_str("None fires.\n");
    }
    for t in &r.triggers {
        out.push_str(&format!("- {}\n", esc(&trigger_words(r, t))));
        if let Some(p) = &t.playbook {
            out.push_str(&format!("  - playbook `{}`: {}\n", p.id, esc(&p.title)));
            for s in &p.steps {
                out.push_str(&format!("    - {}\n", esc(&step_words(s))));
            }
        }
        if let Some(e) = &t.escalate_to {
            out.push_str(&format!("  - escalate to {}\n", esc(&role_words(e))));
        }
    }
    out
}

fn opt_unit(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "—".to_owned(), |v| shown(v, unit))
}

/// A computed value in its unit, rounded as a report shows it (two
/// decimals; the JSON keeps every digit).
pub fn shown(v: f64, unit: &str) -> String {
    in_unit((v * 100.0).round() / 100.0, unit)
}

/// A computed percentage with one decimal.
pub fn shown_pct(v: f64) -> String {
    pct((v * 10.0).round() / 10.0)
}

fn with_change(k: &KpiView, p: &KpiPeriodView) -> String {
    match (p.value, p.change_pct) {
        (Some(v), Some(c)) if c.abs() >= 0.05 => {
            format!("{} ({})", shown(v, &k.unit), signed_pct(c))
        }
        (v, _) => opt_unit(v, &k.unit),
    }
}

fn status_change(before: Option<Rag>, after: Option<Rag>) -> String {
    match (before, after) {
        (Some(b), Some(a)) if a != b => format!("{b} → {a}"),
        (_, Some(a)) => a.to_string(),
        _ => "no target".to_owned(),
    }
}

fn kpi_period_words(k: &KpiView, p: &KpiPeriodView) -> String {
    let from = match &p.baseline_from {
        Some(Baseline::Actual(period)) => format!("actual {period}"),
        Some(Baseline::Latest(period)) => format!("latest actual, {period}"),
        Some(Baseline::Target) => "target".to_owned(),
        None => "no baseline".to_owned(),
    };
    let target = match (p.target, p.deviation_pct) {
        (Some(t), Some(d)) if d > 0.0 => format!(
            "; target {}: {} {}",
            shown(t, &k.unit),
            shown_pct(d),
            worse_word(k.direction)
        ),
        (Some(t), Some(_)) => format!("; target {}: met", shown(t, &k.unit)),
        (Some(t), None) => format!("; target {}: missed", shown(t, &k.unit)),
        (None, _) => "; no target".to_owned(),
    };
    format!(
        "{}: {} → {} ({from}){target}; {}",
        p.period,
        opt_unit(p.baseline, &k.unit),
        with_change(k, p),
        status_change(p.baseline_status, p.status)
    )
}

fn worse_word(direction: &str) -> &'static str {
    if direction == "lower_is_better" {
        "above"
    } else {
        "below"
    }
}

fn miss_words(r: &ScenarioReport, m: &MissView) -> String {
    let k = r.kpis.iter().find(|k| k.id == m.kpi);
    let unit = k.map_or("ratio", |k| k.unit.as_str());
    let direction = k.map_or("higher_is_better", |k| k.direction);
    let by = m.deviation_pct.map_or_else(
        || "worse than a target of 0".to_owned(),
        |d| format!("{} {}", shown_pct(d), worse_word(direction)),
    );
    let status = m.status.map_or(String::new(), |s| format!(", {s}"));
    let without = if m.missed_without_scenario {
        match m.baseline_deviation_pct {
            Some(d) => format!("; missed by {} without the scenario", shown_pct(d)),
            None => "; missed without the scenario too".to_owned(),
        }
    } else {
        "; met without the scenario".to_owned()
    };
    format!(
        "`{}` {}: {} against a target of {} — {} (gap {}){status}{without}",
        m.kpi,
        m.period,
        shown(m.value, unit),
        shown(m.target, unit),
        by,
        signed_in_unit(m.gap, unit),
    )
}

/// A gap in the KPI's unit; between percentages it is in points.
fn signed_in_unit(v: f64, unit: &str) -> String {
    let sign = if v < 0.0 { "−" } else { "+" };
    let v = (v.abs() * 100.0).round() / 100.0;
    if unit == "percent" {
        format!("{sign}{}", crate::numbers::pp(v))
    } else {
        format!("{sign}{}", shown(v, unit))
    }
}

fn status_words(s: &StatusView) -> String {
    let change = match (s.turns, s.status_without_scenario) {
        (true, Some(b)) => format!("turns {} (without the scenario: {b})", s.status),
        (true, None) => format!("turns {} (no status without the scenario)", s.status),
        (false, _) => format!("{} already without the scenario", s.status),
    };
    let parts: Vec<String> = s
        .pulled_down_by
        .iter()
        .map(|p| {
            format!(
                "`{}` ({}, {} of the status, {}{})",
                p.id,
                if p.kind == "kpi" { "KPI" } else { "objective" },
                shown_pct(p.weight_pct),
                p.status,
                if p.affected { ", in the scenario" } else { "" }
            )
        })
        .collect();
    let pulled = if parts.is_empty() {
        String::new()
    } else {
        format!("; pulled down by {}", parts.join(", "))
    };
    format!("{} `{}` {change}{pulled}", s.kind, s.id)
}

fn trigger_words(r: &ScenarioReport, t: &TriggerView) -> String {
    let k = r.kpis.iter().find(|k| k.id == t.kpi);
    let unit = k.map_or("ratio", |k| k.unit.as_str());
    let direction = k.map_or("higher_is_better", |k| k.direction);
    let breaches: Vec<String> = t
        .breaches
        .iter()
        .map(|b| {
            format!(
                "{} {} against {} ({} {})",
                b.period,
                shown(b.value, unit),
                shown(b.reference, unit),
                shown_pct(b.deviation_pct),
                worse_word(direction)
            )
        })
        .collect();
    let already = if t.already_firing {
        " (it fires on the actuals already)"
    } else {
        ""
    };
    format!(
        "`{}` fires in {}{already}: `{}` more than {} {}: {}",
        t.id,
        t.fires_in,
        t.kpi,
        shown_pct(t.deviation_above_pct),
        if direction == "lower_is_better" {
            "above its reference"
        } else {
            "below its reference"
        },
        breaches.join(", ")
    )
}

fn step_words(s: &StepView) -> String {
    match s.within_days {
        Some(d) => format!("{} — {}, within {d} days", s.title, s.owner),
        None => format!("{} — {}", s.title, s.owner),
    }
}

fn role_words(e: &RoleView) -> String {
    match &e.holder {
        Some(h) => format!("`{}` ({h})", e.id),
        None => format!("`{}`", e.id),
    }
}
