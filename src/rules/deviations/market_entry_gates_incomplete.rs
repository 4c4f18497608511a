//! `market-entry-gates-incomplete`: an initiative that a stage-gate process
//! applies to has reached a status without having passed the gates required
//! by it.

use super::governing;
use crate::finding::Finding;
use crate::model::kinds::{Gate, Initiative, InitiativeStatus, StageGate};
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "DV007" "market-entry-gates-incomplete", Deviation, Error, governance;
    summary: "An initiative has reached a status without having passed the gates its stage-gate process requires by then.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Finds the StageGate process of each initiative: the one named in its `gates`,
or, when it names none, every StageGate whose `applies_to` lists the
initiative's `type` (the finding then also says that the initiative names no
gate process). The process applies only when its `applies_to` lists the
initiative's type. Each gate says from which initiative status it must have
been passed: its `required_by`, by default `launched` (so `launched` and
`completed` initiatives must have passed every gate); a gate that another
gate comes `after` is due no later than that gate. A gate is missing when
the initiative's `status` is at or past that status in the lifecycle
(proposed, approved, in progress, launched, completed; `cancelled` needs no
gate) and the gate is not in its `gate_log`; the finding names the gates
missing. It points at the `gate_log`, or at the `status` when there is no log
at all. (A log entry naming a gate the process does not define is reported by
`dangling-reference`.)

Worked example: with `business-case` `required_by: in_progress` and
`launch-readiness` left at the default, an `in_progress` entry that has
passed `opportunity` and `business-case` is fine; once it is `launched`
without `launch-readiness` in its log, that gate is missing.

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

/// Where a status is in the lifecycle; `None` for `cancelled`, which
/// requires no gate.
fn stage(status: InitiativeStatus) -> Option<u8> {
    match status {
        InitiativeStatus::Proposed => Some(0),
        InitiativeStatus::Approved => Some(1),
        InitiativeStatus::InProgress => Some(2),
        InitiativeStatus::Launched => Some(3),
        InitiativeStatus::Completed => Some(4),
        InitiativeStatus::Cancelled => None,
    }
}

/// Whether an initiative at `status` has reached `required`.
fn reached(status: InitiativeStatus, required: InitiativeStatus) -> bool {
    matches!((stage(status), stage(required)), (Some(a), Some(b)) if a >= b)
}

/// The status from which each gate is due: its own `required_by`, or
/// earlier when a gate that comes after it is due earlier (a business case
/// due `in_progress` needs the opportunity gate before it by then too).
fn due_by(process: &StageGate) -> Vec<InitiativeStatus> {
    let mut due: Vec<InitiativeStatus> = (0..process.gates.len())
        .map(|k| process.required_by_of(k))
        .collect();
    let position = |id: &str| process.gates.iter().position(|g| g.id == id);
    // Relaxation over the `after` edges; each pass only moves statuses
    // earlier, so it ends within one pass per gate (cycles included).
    for _ in 0..process.gates.len() {
        let mut changed = false;
        for j in 0..process.gates.len() {
            for before in process.after_of(j) {
                if let Some(k) = position(before)
                    && stage(due[j]) < stage(due[k])
                {
                    due[k] = due[j];
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    due
}

/// The status before `status` in the lifecycle, to set an initiative back to.
fn before(status: InitiativeStatus) -> InitiativeStatus {
    match status {
        InitiativeStatus::Completed => InitiativeStatus::Launched,
        InitiativeStatus::Launched => InitiativeStatus::InProgress,
        InitiativeStatus::InProgress => InitiativeStatus::Approved,
        _ => InitiativeStatus::Proposed,
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, init) in model.all::<Initiative>() {
        if !reached(init.status, InitiativeStatus::Approved) {
            continue;
        }
        let governing = governing(ctx, d, init);
        for &(g, process) in &governing.processes {
            let due = due_by(process);
            let missing: Vec<(usize, &Gate)> = process
                .gates
                .iter()
                .enumerate()
                .filter(|&(k, gate)| {
                    reached(init.status, due[k]) && !init.gate_log.iter().any(|r| r.gate == gate.id)
                })
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
            let earliest = missing
                .iter()
                .map(|&(k, _)| due[k])
                .min_by_key(|&s| stage(s))
                .unwrap_or(InitiativeStatus::Launched);
            help.push_str(&format!(
                "record each gate in `gate_log` once it is passed (gate, passed date, approved_by), or \
                 set `status` back to `{}` until {} {} passed",
                before(earliest).as_str(),
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
                let mut text = format!("gate `{}`, approved by `{}`", gate.id, gate.approver);
                if due[*k] != InitiativeStatus::Launched {
                    text.push_str(&format!(", required from `{}`", due[*k].as_str()));
                }
                finding = finding.related(ctx.related(g, &format!("/gates/{k}/id"), text));
            }
            out.push(finding.decision(process.decision.clone()));
        }
    }
}
