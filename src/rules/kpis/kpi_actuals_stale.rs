//! `kpi-actuals-stale`: a KPI reported on a cadence whose latest actual is
//! more than one cadence old at the evaluation date (SPEC section 8).

use crate::finding::Finding;
use crate::metrics::next_actual_due;
use crate::model::kinds::{Cadence, Kpi};
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP008" "kpi-actuals-stale", Kpis, Warning;
    summary: "A KPI's latest actual is older than its reporting cadence.";
    examples: "kpis/kpis.yaml", "kpis/kpis.yaml";
    doc: r#"## What it does
For every Kpi with a `cadence` and at least one actual, takes the period of
its latest actual and adds one cadence (a week, a month, a quarter, a year)
after that period ends. When the evaluation date (`--as-of`, the `as_of` of
stratc.yaml, or today) is after that, a newer actual was due and is missing.
Example: a quarterly KPI whose latest actual is 2027-Q1 (ends 31 March) is
stale from 1 July 2027, when the 2027-Q2 figure was due. KPIs without actuals
at all are not reported.

## Why it matters
Scorecards and triggers judge the latest actual. When it is old, a KPI shows
green on last quarter's number and a trigger cannot fire however bad this
quarter is: the strategy is steered on stale data.
"#;
    fix: r#"Add the missing actual to the CSV file (or correct the `cadence` if the KPI
is reported less often):

```
kpi,period,actual
nps,2027-Q1,40
nps,2027-Q2,41
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, kpi) in model.all::<Kpi>() {
        let Some(cadence) = kpi.cadence else {
            continue;
        };
        let Some(latest) = model.actuals.latest(&kpi.id) else {
            continue;
        };
        let Some(due) = next_actual_due(&latest.period, cadence) else {
            continue;
        };
        if due >= ctx.as_of {
            continue;
        }
        let ended = latest.period.range().map(|r| r.last);
        let every = match cadence {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
            Cadence::Annual => "yearly",
        };
        let ended = ended.map(|e| format!(", ended {e}")).unwrap_or_default();
        out.push(
            ctx.finding(
                &RULE,
                d,
                "/cadence",
                format!(
                    "the latest actual of `{}` is for {}{ended}; it is reported {every}, so a newer \
                     actual was due by {due} (evaluated on {})",
                    kpi.id, latest.period, ctx.as_of
                ),
            )
            .related(
                latest.label()
                    .with_text(format!("latest actual of `{}`", kpi.id)),
            )
            .help(format!(
                "add the actuals of `{}` for the periods since {} to the actuals CSV, or change \
                 `cadence` if it is reported less often",
                kpi.id, latest.period
            )),
        );
    }
}
