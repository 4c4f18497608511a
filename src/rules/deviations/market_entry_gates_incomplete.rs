//! `market-entry-gates-incomplete`: an initiative that a stage-gate process
//! applies to is under way without having passed every gate.

use super::governing;
use crate::finding::Finding;
use crate::model::kinds::{Gate, Initiative, InitiativeStatus};
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "DV007" "market-entry-gates-incomplete", Deviation, Error, governance;
    summary: "An initiative is under way without having passed every gate of its stage-gate process.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Finds the StageGate process of each initiative: the one named in its `gates`,
or, when it names none, every StageGate whose `applies_to` lists the
initiative's `type` (the finding then also says that the initiative names no
gate process). The process applies only when its `applies_to` lists the
initiative's type. Once the initiative's `status` is `in_progress`,
`launched` or `completed`, every gate of the process must appear in its
`gate_log`; the finding names the gates missing. It points at the `gate_log`,
or at the `status` when there is no log at all. (A log entry naming a gate the
process does not define is reported by `dangling-reference`.)

It is a governance rule: only an approved Exception for the initiative waives
it. The decision concerned is the StageGate's `decision`: the finding names
its Accountable, then up the reporting line.

## Why it matters
Stage gates exist so that money is committed step by step: no spend beyond
the business case before it is approved, no go-live before launch readiness.
An initiative running ahead of its gates spends and commits without the
approvals the process asks for.
"#;
    fix: r#"Record each gate once it is passed, as in the example that passes, or set
the status back until it is.
"#;
}

/// Statuses from which every gate must have been passed.
fn under_way(status: InitiativeStatus) -> bool {
    matches!(
        status,
        InitiativeStatus::InProgress | InitiativeStatus::Launched | InitiativeStatus::Completed
    )
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, init) in model.all::<Initiative>() {
        if !under_way(init.status) {
            continue;
        }
        let governing = governing(ctx, d, init);
        for &(g, process) in &governing.processes {
            let missing: Vec<(usize, &Gate)> = process
                .gates
                .iter()
                .enumerate()
                .filter(|(_, gate)| !init.gate_log.iter().any(|r| r.gate == gate.id))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let noun = if missing.len() == 1 { "gate" } else { "gates" };
            let mut message = format!(
                "the initiative `{}` is {} but has not passed {noun} {} of `{}`",
                init.id,
                init.status.as_str().replace('_', " "),
                id_list(missing.iter().map(|(_, gate)| gate.id.as_str())),
                process.id,
            );
            if !governing.named {
                message.push_str(&format!(
                    "; it names no gate process (`gates`), and `{}` applies to {} initiatives",
                    process.id,
                    init.kind.as_str().replace('_', " "),
                ));
            }
            let pointer = if init.gate_log.is_empty() {
                "/status"
            } else {
                "/gate_log"
            };
            let mut help = String::new();
            if !governing.named {
                help.push_str(&format!("add `gates: {}`; ", process.id));
            }
            help.push_str(&format!(
                "record each gate in `gate_log` once it is passed (gate, passed date, approved_by), or \
                 set `status` back to `approved` until {} {} passed",
                id_list(missing.iter().map(|(_, gate)| gate.id.as_str())),
                if missing.len() == 1 { "is" } else { "are" },
            ));
            // A whole log is shown by its key: the sequence itself spans many lines.
            let place = if pointer == "/status" {
                ctx.label(d, pointer)
            } else {
                ctx.key_label(d, pointer)
            };
            let mut finding = ctx.finding(&RULE, d, pointer, message).at(place).help(help);
            if pointer != "/status" {
                finding = finding.related(ctx.related(
                    d,
                    "/status",
                    format!("status: {}", init.status.as_str()),
                ));
            }
            for (k, gate) in &missing {
                finding = finding.related(ctx.related(
                    g,
                    &format!("/gates/{k}/id"),
                    format!("gate `{}`, approved by `{}`", gate.id, gate.approver),
                ));
            }
            out.push(finding.decision(process.decision.clone()));
        }
    }
}
