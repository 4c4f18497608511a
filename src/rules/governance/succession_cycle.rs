//! `succession-cycle`: successors lead back to the role they should
//! replace (`a` → `b` → `a`).

use crate::diagnostics::{Finding, Severity};
use crate::model::refs::Edge;
use crate::rules::{Ctx, CycleWords, Family, Rule, cycle_finding};

pub static RULE: Rule = Rule {
    code: "GV006",
    name: "succession-cycle",
    family: Family::Governance,
    default_severity: Severity::Error,
    governance: false,
    summary: "Successors lead back to the role they should replace.",
    doc: r#"# succession-cycle (GV006)

Successors lead back to the role they should replace.

## What it does
Follows the `successors` of every Role and reports each loop — a role that is
its own successor, or `a` names `b` whose successors name `a` — once, at the
loop's first role in path order, with every link of the loop shown.

## Why it matters
A succession plan must end with someone who can step up without opening
another gap. When two roles only cover each other, the bench has no depth:
the day one holder leaves, the other must do both jobs and nobody is left to
succeed either.

## Example that fails
```yaml
kind: Role
id: cco
critical: true
successors: [head-of-ecommerce]
---
kind: Role
id: head-of-ecommerce
critical: true
successors: [cco]
```

## How to fix
Name a successor outside the loop for one of the roles:

```yaml
kind: Role
id: head-of-ecommerce
critical: true
successors: [head-of-marketplaces]
```
"#,
};

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for cycle in ctx.graph.cycles(Edge::SucceededBy) {
        let words = CycleWords {
            self_loop: |id| format!("`{id}` names itself as its successor"),
            loop_path: |path| {
                format!(
                    "succession goes round in a circle: {path} (each names the next as successor)"
                )
            },
            step: |from, to| format!("`{from}` names `{to}` as successor"),
        };
        let Some(mut f) = cycle_finding(ctx, &RULE, &cycle, &words) else {
            continue;
        };
        for &d in &cycle.others {
            f = f.related(ctx.related(
                d,
                "/successors",
                format!("`{}` is caught in the same loop", ctx.model.docs[d].id()),
            ));
        }
        out.push(f.help(
            "name, for one of these roles, a successor outside the loop, so that succession \
             leads to someone who can step up without leaving another gap",
        ));
    }
}
