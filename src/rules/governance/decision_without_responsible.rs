//! `decision-without-responsible`: a decision names no Responsible role.

use crate::diagnostics::{Finding, Severity};
use crate::model::kinds::DecisionRights;
use crate::rules::{Ctx, Family, Rule};

pub static RULE: Rule = Rule {
    code: "GV002",
    name: "decision-without-responsible",
    family: Family::Governance,
    default_severity: Severity::Error,
    governance: false,
    summary: "A decision names no Responsible role.",
    doc: r#"# decision-without-responsible (GV002)

A decision names no Responsible role.

## What it does
Checks every decision of every DecisionRights matrix and reports those whose
`responsible` list is missing or empty.

## Why it matters
The Responsible roles prepare and carry out the decision: they run the
analysis, draft the price change, onboard the partner. A decision with an
Accountable but nobody Responsible either lands on the Accountable's desk
unprepared or is not made at all.

## Example that fails
```yaml
kind: DecisionRights
id: data-esg-decision-rights
decisions:
  - id: data.retention
    accountable: coo
```

## How to fix
```yaml
  - id: data.retention
    accountable: coo
    responsible: [head-of-data]
```
"#,
};

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
