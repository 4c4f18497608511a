//! `objective-supports-nothing`: an objective names no goal or parent
//! objective in `supports`.

use crate::finding::Finding;
use crate::model::kinds::{Goal, Objective, ObjectiveStatus};
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL002" "objective-supports-nothing", Alignment, Error;
    summary: "An objective supports no goal and no parent objective.";
    examples: "objectives/pop-up-presence.yaml", "objectives/checkout-conversion.yaml";
    doc: r#"## What it does
Reports objectives whose `supports` list is missing or empty. Retired
objectives are not checked: they are kept for the record.

## Why it matters
An objective is a commitment made to reach a goal. One that supports nothing
floats free of the strategy: nobody can say which goal suffers when it is
missed, and every initiative that advances it is unaligned too.
"#;
    fix: r#"Name the goal (or parent objective) it contributes to:

```yaml
kind: Objective
id: grow-dtc-profitably
kpis: [ltv-cac-ratio]
supports: [profitable-growth]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let help = match ctx.model.all::<Goal>().next() {
        Some((_, goal)) => format!(
            "name under `supports` the goal (or parent objective) this objective \
             contributes to, e.g. `supports: [{}]`",
            goal.id
        ),
        None => "name under `supports` the goal (or parent objective) this objective \
                 contributes to; write the corporate goals down as Goal documents first"
            .to_owned(),
    };
    for (d, objective) in ctx.model.all::<Objective>() {
        if !objective.supports.is_empty() || objective.status == Some(ObjectiveStatus::Retired) {
            continue;
        }
        out.push(
            ctx.finding_at_field(
                &RULE,
                d,
                "/supports",
                "/id",
                format!(
                    "objective `{}` supports no goal and no parent objective",
                    objective.id
                ),
            )
            .help(help.clone()),
        );
    }
}
