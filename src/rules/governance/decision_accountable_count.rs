//! `decision-accountable-count`: a decision has no Accountable role, or more
//! than one.

use crate::finding::Finding;
use crate::model::kinds::DecisionRights;
use crate::rules::ctx::Ctx;

crate::rule! {
    "GV001" "decision-accountable-count", Governance, Error;
    summary: "A decision has no Accountable role, or several.";
    examples: "decisions/commercial.yaml", "decisions/commercial.yaml";
    doc: r#"## What it does
Checks every decision of every DecisionRights matrix: `accountable` must name
exactly one Role. A missing or empty `accountable` and a list of several roles
are reported.

## Why it matters
The Accountable is the one person who answers for the decision: who approves
exceptions, who deviations are escalated to, who must review changes to the
policy. With nobody accountable, escalations stop; with two, each can assume
the other decided — and approvals can be shopped around.
"#;
    fix: r#"Keep one Accountable; the others are Consulted (or Responsible):

```yaml
  - id: pricing.exception
    accountable: cco
    responsible: [head-of-pricing]
    consulted: [cfo]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, rights) in ctx.model.all::<DecisionRights>() {
        for (i, decision) in rights.decisions.iter().enumerate() {
            let roles = decision.accountable.roles();
            if roles.len() == 1 {
                continue;
            }
            let pointer = format!("/decisions/{i}/accountable");
            let fallback = format!("/decisions/{i}/id");
            let id = &decision.id;
            let finding = if roles.is_empty() {
                ctx.finding_at_field(
                    &RULE,
                    d,
                    &pointer,
                    &fallback,
                    format!("decision `{id}` has no Accountable role"),
                )
                .help(
                    "name under `accountable` the one role that answers for this decision; \
                     it approves exceptions and receives escalations",
                )
            } else {
                let names: Vec<String> = roles.iter().map(|r| format!("`{r}`")).collect();
                ctx.finding_at_field(&RULE,
                    d,
                    &pointer,
                    &fallback,
                    format!(
                        "decision `{id}` has {} Accountable roles ({}); exactly one role must answer for it",
                        roles.len(),
                        names.join(", ")
                    ),
                )
                .help(
                    "keep one role under `accountable` and move the others to `responsible` \
                     or `consulted`",
                )
            };
            out.push(finding);
        }
    }
}
