//! `decision-without-responsible`: a decision names no Responsible role.

use crate::finding::Finding;
use crate::model::kinds::DecisionRights;
use crate::rules::ctx::Ctx;

crate::rule! {
    "GV002" "decision-without-responsible", Governance, Error;
    summary: "A decision names no Responsible role.";
    examples: "decisions/commercial.yaml", "decisions/commercial.yaml";
    doc: r#"## What it does
Checks every decision of every DecisionRights matrix and reports those whose
`responsible` list is missing or empty.

## Why it matters
The Responsible roles prepare and carry out the decision: they run the
analysis, draft the price change, onboard the partner. A decision with an
Accountable but nobody Responsible either lands on the Accountable's desk
unprepared or is not made at all.
"#;
    fix: r#"```yaml
  - id: data.retention
    accountable: coo
    responsible: [head-of-data]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, rights) in ctx.model.all::<DecisionRights>() {
        for (i, decision) in rights.decisions.iter().enumerate() {
            if !decision.responsible.is_empty() {
                continue;
            }
            out.push(
                ctx.finding_at_field(
                    &RULE,
                    d,
                    &format!("/decisions/{i}/responsible"),
                    &format!("/decisions/{i}/id"),
                    format!("decision `{}` has no Responsible role", decision.id),
                )
                .help(
                    "name under `responsible` the roles that prepare and carry out this decision, \
                     e.g. `responsible: [head-of-pricing]`",
                ),
            );
        }
    }
}
