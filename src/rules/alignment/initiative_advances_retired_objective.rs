//! `initiative-advances-retired-objective`: a running or planned initiative
//! advances an objective whose `status` is `retired`.

use crate::finding::Finding;
use crate::model::KindOf;
use crate::model::kinds::{Initiative, InitiativeStatus, Objective, ObjectiveStatus};
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL010" "initiative-advances-retired-objective", Alignment, Error;
    summary: "An initiative advances a retired objective.";
    examples: "initiatives/autumn-mailing.yaml", "initiatives/autumn-mailing.yaml";
    doc: r#"## What it does
Reports each entry of an initiative's `advances` that names an objective with
`status: retired`. Completed and cancelled initiatives are not checked: their
work is over.

## Why it matters
An objective is retired when the company stops pursuing it. Initiatives
still advancing it spend budget on a direction that was abandoned — or they
serve something else and their alignment was never updated.
"#;
    fix: r#"Advance an active objective instead, or cancel the initiative:

```yaml
advances: [delight-customers]
```
"#;
}

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
