//! `gate-out-of-order`: an initiative passed the gates of its stage-gate
//! process in a different order from the process's.

use super::named_process;
use crate::finding::Finding;
use crate::model::kinds::{Initiative, StageGate};
use crate::model::values::Date;
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV008" "gate-out-of-order", Deviation, Error, governance;
    summary: "An initiative passed the gates of its stage-gate process out of order.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
For each initiative, walks its `gate_log` against the StageGate process
named in its `gates`. A gate comes after the gates its `after` lists, by
default the gate before it in the list (so the gates form a sequence), with
`after: []` for none; it also comes after whatever those gates come after. A
gate entry is reported when a gate that comes after it

- is recorded before it in the `gate_log` (the log lists gates in the order
  they were passed), or
- has a `passed` date before its own.

Gates that do not come after one another — legal, logistics and tax, each
`after: [business-case]` — may be passed in any order, even on the same
day; passing `tax` on 10 January before the `business-case` it waits for
(1 February) is out of order. Entries naming a gate the process does not
define, and `after` naming no gate of the process, are reported by
`dangling-reference`.

It is a governance rule: only an approved Exception for the initiative waives
it. The decision concerned is the StageGate's `decision`: the finding names
its Accountable, then up the reporting line.

## Why it matters
Each gate relies on the one before: a business case approved before the
opportunity was assessed, or a go-live before launch readiness, means money
or customers were committed on an unchecked basis.
"#;
    fix: r#"Record the gates in the order they were passed, with their real dates; if a
gate was really skipped, the initiative needs an approved Exception:

```yaml
gate_log:
  - {gate: opportunity, passed: 2026-05-12, approved_by: head-of-strategy}
  - {gate: business-case, passed: 2026-09-15, approved_by: cfo}
  - {gate: go-live, passed: 2027-02-24, approved_by: ceo}
```
"#;
}

/// One `gate_log` entry placed in its process: the gate's step (0-based
/// position in the StageGate) and the date it was passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Passed {
    pub step: usize,
    pub on: Option<Date>,
}

/// Why an entry is out of order, relative to a later gate `culprit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disorder {
    /// The later gate has an earlier `passed` date.
    PassedEarlier { culprit: usize },
    /// The later gate is recorded before it in the log (dates agree or are missing).
    RecordedEarlier { culprit: usize },
}

/// For each entry of a gate log (`None` for gates the process does not
/// define), the first entry of a later gate (`later(step, other)`: the
/// gate at `other` comes after the one at `step`) that was passed earlier
/// or is recorded before it.
pub(crate) fn disorders(
    log: &[Option<Passed>],
    later: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, Disorder)> {
    let mut found = Vec::new();
    for (i, entry) in log.iter().enumerate() {
        let Some(entry) = entry else { continue };
        let mut recorded: Option<usize> = None;
        let mut passed: Option<usize> = None;
        for (j, other) in log.iter().enumerate() {
            let Some(other) = other else { continue };
            if j == i || !later(entry.step, other.step) {
                continue;
            }
            if let (Some(mine), Some(theirs)) = (entry.on, other.on)
                && theirs < mine
                && passed.is_none()
            {
                passed = Some(j);
            }
            if j < i && recorded.is_none() {
                recorded = Some(j);
            }
        }
        if let Some(culprit) = passed {
            found.push((i, Disorder::PassedEarlier { culprit }));
        } else if let Some(culprit) = recorded {
            found.push((i, Disorder::RecordedEarlier { culprit }));
        }
    }
    found
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, init) in model.all::<Initiative>() {
        if init.gate_log.len() < 2 {
            continue;
        }
        let Some((g, process)) = named_process(ctx, d) else {
            continue;
        };
        let log: Vec<Option<Passed>> = init
            .gate_log
            .iter()
            .map(|r| {
                let step = process.gates.iter().position(|gate| gate.id == r.gate)?;
                Some(Passed {
                    step,
                    on: r.passed.date(),
                })
            })
            .collect();
        let after = comes_after(process);
        for (i, disorder) in disorders(&log, |a, b| after[b][a]) {
            let record = &init.gate_log[i];
            let (pointer, culprit, message) = match disorder {
                Disorder::PassedEarlier { culprit } => {
                    let later = &init.gate_log[culprit];
                    (
                        format!("/gate_log/{i}/passed"),
                        culprit,
                        format!(
                            "the initiative `{}` passed gate `{}` on {}, after the later gate `{}` \
                             (passed on {}); `{}` requires `{}` before `{}`",
                            init.id,
                            record.gate,
                            record.passed.0,
                            later.gate,
                            later.passed.0,
                            process.id,
                            record.gate,
                            later.gate
                        ),
                    )
                }
                Disorder::RecordedEarlier { culprit } => {
                    let later = &init.gate_log[culprit];
                    (
                        format!("/gate_log/{i}/gate"),
                        culprit,
                        format!(
                            "the gate log of `{}` records gate `{}` after the later gate `{}`; `{}` \
                             requires `{}` before `{}`",
                            init.id, record.gate, later.gate, process.id, record.gate, later.gate
                        ),
                    )
                }
            };
            let later = &init.gate_log[culprit];
            let total = process.gates.len();
            let step_of = |gate: &str| process.gates.iter().position(|x| x.id == gate);
            let mut finding = ctx
                .finding(&RULE, d, &pointer, message)
                .related(ctx.related(
                    d,
                    &format!("/gate_log/{culprit}/gate"),
                    format!("later gate `{}`, passed on {}", later.gate, later.passed.0),
                ))
                .help(format!(
                    "record the gates in the order they were passed, with their real dates; if `{}` was \
                     really passed before `{}`, the initiative skipped a gate and needs an approved \
                     Exception for `gate-out-of-order`",
                    later.gate, record.gate
                ));
            // A process that writes `after` anywhere is not a plain sequence:
            // say which gate waits for which rather than step numbers.
            let explicit = process.gates.iter().any(|x| x.after.is_some());
            if let Some(b) = step_of(&later.gate).filter(|_| explicit) {
                let pointer = if process.gates[b].after.is_some() {
                    format!("/gates/{b}/after")
                } else {
                    format!("/gates/{b}/id")
                };
                finding = finding.related(ctx.related(
                    g,
                    &pointer,
                    format!("`{}` comes after `{}`", later.gate, record.gate),
                ));
            } else if let (Some(a), Some(b)) = (step_of(&record.gate), step_of(&later.gate)) {
                finding = finding.related(ctx.related(
                    g,
                    &format!("/gates/{a}/id"),
                    format!(
                        "`{}` is step {} of {total}; `{}` is step {}",
                        record.gate,
                        a + 1,
                        later.gate,
                        b + 1
                    ),
                ));
            }
            out.push(finding.decision(process.decision.clone()));
        }
    }
}

/// `after[j][k]`: gate `j` of the process comes after gate `k`, directly
/// (its `after`, by default the gate before it) or through other gates.
fn comes_after(process: &StageGate) -> Vec<Vec<bool>> {
    let n = process.gates.len();
    let position = |id: &str| process.gates.iter().position(|g| g.id == id);
    let mut after = vec![vec![false; n]; n];
    for (j, row) in after.iter_mut().enumerate() {
        for before in process.after_of(j) {
            if let Some(k) = position(before) {
                row[k] = true;
            }
        }
    }
    // Transitive closure (Floyd–Warshall); processes have a handful of gates.
    for m in 0..n {
        let through = after[m].clone();
        for row in after.iter_mut() {
            if row[m] {
                for (k, &via) in through.iter().enumerate() {
                    row[k] |= via;
                }
            }
        }
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(step: usize, day: u8) -> Option<Passed> {
        Some(Passed {
            step,
            on: Some(Date::ymd(2027, 1, day)),
        })
    }

    fn disorders_in_line(log: &[Option<Passed>]) -> Vec<(usize, Disorder)> {
        disorders(log, |a, b| b > a)
    }

    #[test]
    fn parallel_gates_pass_in_any_order() {
        // business-case (1) then legal (2), logistics (3), tax (4) in parallel after it.
        let after = |a: usize, b: usize| a == 0 || (a == 1 && b > 1);
        assert!(disorders(&[at(0, 1), at(1, 2), at(4, 3), at(2, 4), at(3, 5)], after).is_empty());
        // tax passed before the business case it comes after.
        let found = disorders(&[at(0, 1), at(4, 2), at(1, 3)], after);
        assert_eq!(found, vec![(2, Disorder::PassedEarlier { culprit: 1 })]);
    }

    #[test]
    fn gates_in_order_are_fine() {
        assert!(disorders_in_line(&[at(0, 1), at(1, 2), at(2, 2), at(3, 9)]).is_empty());
        // Unknown gates and partial logs are not an ordering problem.
        assert!(disorders_in_line(&[at(0, 1), None, at(2, 5)]).is_empty());
    }

    #[test]
    fn a_later_gate_passed_earlier_is_reported_once() {
        // go-live (step 2) dated before business-case (step 1), listed in process order.
        let found = disorders_in_line(&[at(0, 1), at(1, 9), at(2, 5)]);
        assert_eq!(found, vec![(1, Disorder::PassedEarlier { culprit: 2 })]);
    }

    #[test]
    fn a_later_gate_recorded_first_is_reported() {
        // Listed go-live before business-case, dates consistent with the process.
        let found = disorders_in_line(&[at(0, 1), at(2, 9), at(1, 5)]);
        assert_eq!(found, vec![(2, Disorder::RecordedEarlier { culprit: 1 })]);
        // Swapped both in the log and in time: one finding, about the dates.
        let found = disorders_in_line(&[at(0, 1), at(2, 5), at(1, 9)]);
        assert_eq!(found, vec![(2, Disorder::PassedEarlier { culprit: 1 })]);
    }
}
