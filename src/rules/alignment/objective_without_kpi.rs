//! `objective-without-kpi`: an objective names no KPI to measure it.

use crate::finding::Finding;
use crate::model::kinds::{Objective, ObjectiveStatus};
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL005" "objective-without-kpi", Alignment, Error;
    summary: "An objective names no KPI to measure its progress.";
    examples: "objectives/scale-us.yaml", "objectives/grow-dtc.yaml";
    doc: r#"## What it does
Reports objectives whose `kpis` list is missing or empty. Retired objectives
are not checked: they are kept for the record.

## Why it matters
An objective without a KPI cannot be reviewed: nobody can tell in the
quarterly business review whether it is on track, and the goals it supports
lose part of their measurement.
"#;
    fix: r#"Name the KPIs that show progress:

```yaml
kind: Objective
id: delight-customers
supports: [customer-first-brand]
kpis: [nps, return-rate]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, objective) in ctx.model.all::<Objective>() {
        if !objective.kpis.is_empty() || objective.status == Some(ObjectiveStatus::Retired) {
            continue;
        }
        out.push(
            ctx.finding_at_field(
                &RULE,
                d,
                "/kpis",
                "/id",
                format!(
                    "objective `{}` has no KPI, so nobody can tell whether it is on track",
                    objective.id
                ),
            )
            .help(
                "list under `kpis` the KPIs that show this objective's progress \
                 (add them as Kpi documents if they do not exist yet)",
            ),
        );
    }
}
