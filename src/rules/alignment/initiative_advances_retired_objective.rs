//! `initiative-advances-retired-objective`: a running or planned initiative
//! advances an objective whose `status` is `retired`.

use crate::diagnostics::{Finding, Severity};
use crate::model::KindOf;
use crate::model::kinds::{Initiative, InitiativeStatus, Objective, ObjectiveStatus};
use crate::model::refs::Edge;
use crate::rules::{Ctx, Family, Rule};

pub static RULE: Rule = Rule {
    code: "AL010",
    name: "initiative-advances-retired-objective",
    family: Family::Alignment,
    default_severity: Severity::Error,
    governance: false,
    summary: "An initiative advances a retired objective.",
    doc: r#"# initiative-advances-retired-objective (AL010)

An initiative advances a retired objective.

## What it does
Reports each entry of an initiative's `advances` that names an objective with
`status: retired`. Completed and cancelled initiatives are not checked: their
work is over.

## Why it matters
An objective is retired when the company stops pursuing it. Initiatives
still advancing it spend budget on a direction that was abandoned — or they
serve something else and their alignment was never updated.

## Example that fails
```yaml
kind: Objective
id: catalogue-loyalty-relaunch
status: retired
supports: [customer-first-brand]
---
kind: Initiative
id: catalogue-autumn-mailing
type: promotion
status: approved
advances: [catalogue-loyalty-relaunch]
```

## How to fix
Advance an active objective instead, or cancel the initiative:

```yaml
advances: [delight-customers]
```
"#,
};

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, initiative) in ctx.model.all::<Initiative>() {
        if matches!(
            initiative.status,
            InitiativeStatus::Completed | InitiativeStatus::Cancelled
        ) {
            continue;
        }
        for (o, pointer) in ctx.graph.targets(d, Edge::Advances) {
            let Some(objective) = Objective::from_body(&ctx.model.docs[o].body) else {
                continue;
            };
            if objective.status != Some(ObjectiveStatus::Retired) {
                continue;
            }
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    pointer,
                    format!(
                        "initiative `{}` advances `{}`, an objective that was retired",
                        initiative.id, objective.id
                    ),
                )
                .related(ctx.related(o, "/status", format!("`{}` is retired here", objective.id)))
                .help(
                    "a retired objective no longer counts towards the strategy: advance an active \
                     objective instead, or cancel the initiative",
                ),
            );
        }
    }
}
