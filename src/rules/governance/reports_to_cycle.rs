//! `reports-to-cycle`: reporting lines lead back to where they started.

use crate::finding::Finding;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;
use crate::rules::cycle::{CycleWords, report_cycles};

crate::rule! {
    "GV007" "reports-to-cycle", Governance, Error;
    summary: "Reporting lines lead back to where they started.";
    examples: "roles/a-ceo.yaml", "roles/a-ceo.yaml";
    doc: r#"## What it does
Follows `reports_to` from every Role and reports each loop — a role that
reports to itself, or `a` reports to `b` who reports to `a` — once, at the
loop's first role in path order, with every link of the loop shown.

## Why it matters
Deviations and fired triggers are escalated up `reports_to` until they reach
the top of the organisation. In a loop, an escalation goes round in circles
and never reaches anyone with the authority to decide.
"#;
    fix: r#"The top of the organisation reports to nobody:

```yaml
kind: Role
id: ceo
---
kind: Role
id: cfo
reports_to: ceo
```
"#;
}

const WORDS: CycleWords = CycleWords {
    self_loop: |id| format!("`{id}` reports to itself"),
    loop_path: |path| {
        format!("reporting lines go round in a circle: {path} (each reports to the next)")
    },
    step: |from, to| format!("`{from}` reports to `{to}`"),
    others_at: None,
    help: "escalations follow `reports_to` up to the top of the organisation: remove \
             `reports_to` from the top role (e.g. the CEO), or correct the line that closes the loop",
};

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    report_cycles(ctx, &RULE, Edge::ReportsTo, &WORDS, out);
}
