//! `gate-approved-by-wrong-role`: a gate in an initiative's `gate_log` was
//! approved by a role other than the gate's approver.

use super::named_process;
use crate::finding::Finding;
use crate::model::kinds::{Initiative, Role};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV009" "gate-approved-by-wrong-role", Deviation, Error, governance;
    summary: "A stage gate was approved by a role other than the gate's approver.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Reads each initiative's `gate_log` against the StageGate process named in
its `gates` and compares each entry's `approved_by` with the `approver` of that
gate. Entries approved by an id that is not a Role are left to
`unknown-role`.

It is a governance rule: only an approved Exception for the initiative waives
it. The decision concerned is the StageGate's `decision`: the finding names
its Accountable, then up the reporting line.

## Why it matters
Each gate is approved by the role that owns its risk: the CFO signs off the
business case, the CEO the go-live. A gate passed on someone else's say-so —
even a senior one — has not had the scrutiny the process promises.
"#;
    fix: r#"Have the gate's approver approve it and record that:

```yaml
  - {gate: business-case, passed: 2026-09-15, approved_by: cfo}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, init) in model.all::<Initiative>() {
        if init.gate_log.is_empty() {
            continue;
        }
        let Some((g, process)) = named_process(ctx, d) else {
            continue;
        };
        for (i, record) in init.gate_log.iter().enumerate() {
            let Some((k, gate)) = process
                .gates
                .iter()
                .enumerate()
                .find(|(_, x)| x.id == record.gate)
            else {
                continue;
            };
            if gate.approver == record.approved_by
                || model.get::<Role>(&record.approved_by).is_none()
            {
                continue;
            }
            let message = format!(
                "gate `{}` of the initiative `{}` was approved by `{}`, but `{}` requires `{}` to approve it",
                record.gate, init.id, record.approved_by, process.id, gate.approver
            );
            out.push(
                ctx.finding(&RULE, d, &format!("/gate_log/{i}/approved_by"), message)
                    .related(ctx.related(
                        g,
                        &format!("/gates/{k}/approver"),
                        format!("`{}` approves gate `{}`", gate.approver, gate.id),
                    ))
                    .help(format!(
                        "have `{}` approve the gate and record `approved_by: {}`; if the approver of the \
                         gate has changed, update `{}` instead",
                        gate.approver, gate.approver, process.id
                    ))
                    .decision(process.decision.clone()),
            );
        }
    }
}
