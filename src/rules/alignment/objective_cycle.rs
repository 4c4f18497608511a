//! `objective-cycle`: objectives support each other in a loop.

use crate::finding::Finding;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;
use crate::rules::cycle::{CycleWords, report_cycles};

crate::rule! {
    "AL004" "objective-cycle", Alignment, Error;
    summary: "Objectives support each other in a loop.";
    examples: "objectives/b-checkout.yaml", "objectives/b-checkout.yaml";
    doc: r#"## What it does
Follows the `supports` links between objectives and reports every loop — an
objective that supports itself, or `a` supports `b` supports `a` — once, at
the loop's first objective in path order, with every link of the loop shown.

## Why it matters
Alignment flows upwards, from initiatives through objectives to goals. In a
loop, each objective justifies the other and none of them reaches a goal: the
progress of one is counted in the other, and the goal tree cannot be drawn.
"#;
    fix: r#"Break the loop: the broader objective supports a goal, the narrower one
supports the broader one.

```yaml
kind: Objective
id: grow-dtc-profitably
supports: [profitable-growth]
---
kind: Objective
id: marketplace-excellence
supports: [grow-dtc-profitably]
```
"#;
}

const WORDS: CycleWords = CycleWords {
    self_loop: |id| format!("objective `{id}` supports itself"),
    loop_path: |path| format!("objectives support each other in a loop: {path}"),
    step: |from, to| format!("`{from}` supports `{to}`"),
    others_at: Some(|ctx, d| ctx.field_label(d, "/supports")),
    help: "alignment runs upwards to a goal: remove one `supports` link of the loop, so the \
             broader objective supports a goal and the narrower one supports the broader one",
};

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    report_cycles(ctx, &RULE, Edge::Supports, &WORDS, out);
}
