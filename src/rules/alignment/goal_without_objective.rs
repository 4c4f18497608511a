//! `goal-without-objective`: no active objective supports a goal.

use crate::finding::Finding;
use crate::model::KindOf;
use crate::model::kinds::{Goal, Objective, ObjectiveStatus};
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "AL007" "goal-without-objective", Alignment, Warning;
    summary: "No objective (other than retired ones) supports a goal.";
    examples: "goals/climate-2030.yaml", "goals/customer-first.yaml";
    doc: r#"## What it does
Reports every Goal that no objective names in its `supports`, and goals that
only retired objectives support.

## Why it matters
A goal is reached through objectives that commerce teams own and measure. A
goal nobody has broken down into objectives is a wish: no initiative can be
aligned to it and its progress is nobody's job.
"#;
    fix: r#"Add the objectives that deliver it:

```yaml
kind: Objective
id: reduce-footprint
category: esg
supports: [climate-2030]
kpis: [co2-per-order]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, goal) in ctx.model.all::<Goal>() {
        let mut retired = Vec::new();
        let mut active = false;
        for (o, _) in ctx.graph.sources(d, Edge::Supports) {
            let Some(objective) = Objective::from_body(&ctx.model.docs[o].body) else {
                continue;
            };
            if objective.status == Some(ObjectiveStatus::Retired) {
                if !retired.contains(&o) {
                    retired.push(o);
                }
            } else {
                active = true;
                break;
            }
        }
        if active {
            continue;
        }
        let id = &goal.id;
        let help = format!(
            "break the goal down into objectives (an Objective with `supports: [{id}]`), \
             or remove the goal if it was dropped"
        );
        if retired.is_empty() {
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    "/id",
                    format!("no objective supports goal `{id}`"),
                )
                .help(help),
            );
        } else {
            let names: Vec<&str> = retired.iter().map(|&o| ctx.model.docs[o].id()).collect();
            let mut f = ctx.finding(
                &RULE,
                d,
                "/id",
                format!(
                    "goal `{id}` is supported only by retired objectives: {}",
                    id_list(names)
                ),
            );
            for &o in &retired {
                f = f.related(ctx.related(
                    o,
                    "/status",
                    format!("`{}` is retired", ctx.model.docs[o].id()),
                ));
            }
            out.push(f.help(help));
        }
    }
}
