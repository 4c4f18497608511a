//! `succession-cycle`: successors lead back to the role they should
//! replace (`a` → `b` → `a`).

use crate::finding::Finding;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;
use crate::rules::cycle::{CycleWords, report_cycles};

crate::rule! {
    "GV006" "succession-cycle", Governance, Error;
    summary: "Successors lead back to the role they should replace.";
    examples: "roles/a-cco.yaml", "roles/a-cco.yaml";
    doc: r#"## What it does
Follows the `successors` of every Role and reports each loop — a role that is
its own successor, or `a` names `b` whose successors name `a` — once, at the
loop's first role in path order, with every link of the loop shown.

## Why it matters
A succession plan must end with someone who can step up without opening
another gap. When two roles only cover each other, the bench has no depth:
the day one holder leaves, the other must do both jobs and nobody is left to
succeed either.
"#;
    fix: r#"Name a successor outside the loop for one of the roles:

```yaml
kind: Role
id: head-of-ecommerce
critical: true
successors: [head-of-marketplaces]
```
"#;
}

const WORDS: CycleWords = CycleWords {
    self_loop: |id| format!("`{id}` names itself as its successor"),
    loop_path: |path| {
        format!("succession goes round in a circle: {path} (each names the next as successor)")
    },
    step: |from, to| format!("`{from}` names `{to}` as successor"),
    others_at: Some(|ctx, d| ctx.label(d, "/successors")),
    help: "name, for one of these roles, a successor outside the loop, so that succession \
             leads to someone who can step up without leaving another gap",
};

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    report_cycles(ctx, &RULE, Edge::SucceededBy, &WORDS, out);
}
