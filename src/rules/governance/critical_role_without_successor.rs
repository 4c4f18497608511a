//! `critical-role-without-successor`: a role marked `critical` names no
//! successor.

use crate::finding::Finding;
use crate::model::kinds::Role;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

crate::rule! {
    "GV005" "critical-role-without-successor", Governance, Error;
    summary: "A critical role names no successor.";
    examples: "roles/roles.yaml", "roles/roles.yaml";
    doc: r#"## What it does
Reports every Role with `critical: true` whose `successors` list is missing
or empty.

## Why it matters
A role is critical when the business stops without it: decisions it is
Accountable for cannot be approved and escalations end with it. When the
holder leaves or falls ill, someone must be ready to step in — named in
advance, not searched for during the crisis.
"#;
    fix: r#"Name the roles ready to take over, in order:

```yaml
kind: Role
id: cfo
reports_to: ceo
critical: true
successors: [head-of-fpa]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let without_successor = |(_, r): &(_, &Role)| r.critical && r.successors.is_empty();
    for (d, role) in ctx.model.all::<Role>().filter(without_successor) {
        let reports: Vec<String> = ctx
            .graph
            .sources(d, Edge::ReportsTo)
            .map(|(r, _)| format!("`{}`", ctx.model.docs[r].id()))
            .collect();
        let hint = if reports.is_empty() {
            String::new()
        } else {
            format!(" (its direct reports: {})", reports.join(", "))
        };
        out.push(
            ctx.finding_at_field(
                &RULE,
                d,
                "/successors",
                "/critical",
                format!("`{}` is a critical role but names no successor", role.id),
            )
            .help(format!(
                "name under `successors` the roles ready to take over, in order{hint}"
            )),
        );
    }
}
