//! `trigger-fired`: a strategic reassessment trigger whose condition holds
//! at the latest actuals. The evaluation is
//! [`crate::metrics::evaluate_trigger`].

use std::collections::HashMap;

use super::kpi_name;
use crate::finding::Finding;
use crate::metrics::{evaluate_trigger, playbooks_by_trigger, trigger_response};
use crate::model::kinds::{CompareTo, DeviationDirection, Direction, Kpi, Trigger};
use crate::numbers::{in_unit, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP007" "trigger-fired", Kpis, Warning;
    summary: "A KPI has deviated from its target or forecast (by default: been worse) long enough to fire a reassessment trigger.";
    examples: "triggers/triggers.yaml", "triggers/triggers.yaml";
    doc: r#"## What it does
Evaluates every Trigger against the KPI actuals (the CSV files). A period
breaches when its actual is worse than the reference — the KPI's target for
that period (`compare_to: target`; a year target applies to its quarters and
months when there is no target for the period itself) or the forecast in the
CSV row (`compare_to: forecast`) — by more than `deviation_above_pct`,
measured relative to the reference: `|actual − reference| / |reference| ×
100`, also for KPIs in percent. Only deviations in the KPI's adverse
`direction` count by default (`when.direction: adverse`); `favourable`
counts only better-than-reference periods and `either` counts both, for
"reassess when share deviates more than 10% from forecast": Nordics share
0.46% against a 0.40% forecast is |0.46 − 0.40| / 0.40 = 15% off, a breach
of a 10% `either` trigger though no adverse one.
The trigger fires when the latest `consecutive_periods` periods all breach
and follow each other without a gap (Q1 and Q3 with no Q2 row are not
consecutive). A period without a target or forecast breaks the run.

The finding points at the trigger's `when`, names the KPI, each breaching
period with its deviation, the playbook to run and whom to escalate to
(`action.escalate_to`, else the KPI's owner); the CSV rows are related
places. It is a warning by default: a fired trigger is news, not an error in
the strategy.

## Why it matters
Triggers are the commitments a strategy makes to itself: "if CAC runs more
than 10% over target for two quarters, we reassess". Without someone
checking, the condition is met and nothing happens until the annual review.
"#;
    fix: r#"Run the playbook and escalate. The warning clears when the latest periods are
back within the threshold. If the trigger itself is wrong, change its
condition with its owner:

```yaml
when:
  compare_to: target
  deviation_above_pct: 15
  consecutive_periods: 2
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let mut playbooks: Option<HashMap<&str, &str>> = None;
    for (d, trigger) in model.all::<Trigger>() {
        let evaluation = evaluate_trigger(model, trigger);
        if !evaluation.fired {
            continue;
        }
        let Some((_, kpi)) = model.get::<Kpi>(&trigger.kpi) else {
            continue;
        };
        let reference = match trigger.when.compare_to {
            CompareTo::Target => "target",
            CompareTo::Forecast => "forecast",
        };
        let worse = match (
            kpi.direction,
            trigger
                .when
                .direction
                .unwrap_or(DeviationDirection::Adverse),
        ) {
            (_, DeviationDirection::Either) => "away from",
            (Direction::LowerIsBetter, DeviationDirection::Adverse)
            | (Direction::HigherIsBetter, DeviationDirection::Favourable) => "higher than",
            _ => "lower than",
        };
        // Above or below, per period: with `either` the periods may differ.
        let side = |actual: f64, reference: f64| {
            if actual > reference { "above" } else { "below" }
        };
        let periods: Vec<String> = evaluation
            .periods
            .iter()
            .map(|b| {
                format!(
                    "{} {} against {} ({} {})",
                    b.row.period,
                    in_unit(b.row.actual, &kpi.unit),
                    in_unit(b.reference, &kpi.unit),
                    pct(b.deviation_pct),
                    side(b.row.actual, b.reference)
                )
            })
            .collect();
        let run = evaluation.periods.len();
        let span = if run == 1 {
            "in the latest period".to_owned()
        } else if run > evaluation.required {
            format!(
                "for the last {run} periods in a row ({} required)",
                evaluation.required
            )
        } else {
            format!("for {run} periods in a row")
        };
        let response = trigger_response(trigger, kpi, || {
            let by_trigger = playbooks.get_or_insert_with(|| playbooks_by_trigger(model));
            by_trigger.get(trigger.id.as_str()).copied()
        });
        let (playbook, escalate) = (response.playbook, response.escalate_to);
        let action = match (playbook, escalate) {
            (Some(p), Some(r)) => format!("run the playbook `{p}` and escalate to `{r}`"),
            (Some(p), None) => format!("run the playbook `{p}` (nobody is named to escalate to)"),
            (None, Some(r)) => format!("escalate to `{r}` (no playbook is set for this trigger)"),
            (None, None) => {
                "no playbook and nobody to escalate to are set for this trigger".to_owned()
            }
        };
        let message = format!(
            "trigger `{}` fired: {} has been more than {} {worse} {reference} {span}: {}; {action}",
            trigger.id,
            kpi_name(kpi),
            pct(trigger.when.deviation_above_pct.0),
            periods.join(", ")
        );
        let help = if playbook.is_none() || escalate.is_none() {
            "set `action.playbook` and `action.escalate_to` so that a fired trigger starts a known response; \
             the warning clears when the KPI is back within the threshold"
                .to_owned()
        } else {
            format!(
                "start the playbook and inform `{}`; the warning clears when the latest {} back within {} of {reference}",
                escalate.unwrap_or_default(),
                if evaluation.required == 1 {
                    "period is"
                } else {
                    "periods are"
                },
                pct(trigger.when.deviation_above_pct.0),
            )
        };
        let mut finding = ctx.finding(&RULE, d, "/when", message).help(help);
        for b in &evaluation.periods {
            finding = finding.related(b.row.label().with_text(format!(
                "{}: {} {} {reference}",
                b.row.period,
                pct(b.deviation_pct),
                side(b.row.actual, b.reference)
            )));
        }
        out.push(finding);
    }
}
