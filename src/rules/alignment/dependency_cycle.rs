//! `dependency-cycle`: initiatives wait for each other in a loop.

use crate::finding::Finding;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;
use crate::rules::cycle::{CycleWords, report_cycles};

crate::rule! {
    "AL021" "dependency-cycle", Alignment, Error;
    summary: "Initiatives depend on each other in a loop.";
    examples: "initiatives/roadmap.yaml", "initiatives/roadmap.yaml";
    doc: r#"## What it does
Follows the `depends_on` links between initiatives and reports every loop —
an initiative that depends on itself, or `a` waits for `b` which waits for
`a` — once, at the loop's first initiative in path order, with every link of
the loop shown.

## Why it matters
A joint IT and commerce roadmap is a sequence: the PIM migration delivers
clean product data, then the marketplace feeds are rebuilt on it. When two
initiatives each wait for the other, neither can finish first: the plan
cannot be scheduled, and whichever team starts builds on something that does
not exist yet. In the example, `pim-migration` (March to September 2027)
waits for `marketplace-feed-rebuild` (April to October 2027), which waits for
`pim-migration`.
"#;
    fix: r#"Decide which initiative delivers first and remove the other link:

```yaml
kind: Initiative
id: marketplace-feed-rebuild
depends_on: [pim-migration]   # and pim-migration depends on nothing
```
"#;
}

const WORDS: CycleWords = CycleWords {
    self_loop: |id| format!("initiative `{id}` depends on itself"),
    loop_path: |path| format!("initiatives wait for each other in a loop: {path}"),
    step: |from, to| format!("`{from}` depends on `{to}`"),
    others_at: Some(|ctx, d| ctx.field_label(d, "/depends_on")),
    help: "decide which initiative delivers first and remove its `depends_on` link to the \
             other, so the roadmap can be put in order",
};

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    report_cycles(ctx, &RULE, Edge::DependsOn, &WORDS, out);
}
