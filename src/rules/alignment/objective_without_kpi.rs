//! `objective-without-kpi`: an objective names no KPI to measure it.

use crate::diagnostics::{Finding, Severity};
use crate::model::kinds::{Objective, ObjectiveStatus};
use crate::rules::{Ctx, Family, Rule};

pub static RULE: Rule = Rule {
    code: "AL005",
    name: "objective-without-kpi",
    family: Family::Alignment,
    default_severity: Severity::Error,
    governance: false,
    summary: "An objective names no KPI to measure its progress.",
    doc: r#"# objective-without-kpi (AL005)

An objective names no KPI to measure its progress.

## What it does
Reports objectives whose `kpis` list is missing or empty. Retired objectives
are not checked: they are kept for the record.

## Why it matters
An objective without a KPI cannot be reviewed: nobody can tell in the
quarterly business review whether it is on track, and the goals it supports
lose part of their measurement.

## Example that fails
```yaml
kind: Objective
id: delight-customers
supports: [customer-first-brand]
```

## How to fix
Name the KPIs that show progress:

```yaml
kind: Objective
id: delight-customers
supports: [customer-first-brand]
kpis: [nps, return-rate]
```
"#,
};

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
