//! `experiment-overdue`: an experiment concluded, or past its end, without
//! a recorded result.

use crate::finding::Finding;
use crate::model::kinds::{Experiment, ExperimentStatus};
use crate::rules::ctx::Ctx;

crate::rule! {
    "GV020" "experiment-overdue", Governance, Warning;
    summary: "An experiment is concluded, or past its end date, without a recorded result.";
    examples: "experiments.yaml", "experiments.yaml";
    doc: r#"## What it does
Reports every Experiment without a `result` that is either `concluded`
(at `status`) or `planned` or `running` with an `end` date before the
evaluation date (`--as-of`, else `as_of` in `stratc.yaml`, else today; at
`end`). Stopped experiments need no result.

Worked example: evaluated on 2027-07-01, a running experiment that ended on
2027-06-15 is 16 days overdue; one ending on 2027-07-31 is not.

## Why it matters
A test whose result is never written down is paid for twice: once to run
it, and again when someone runs it next year because nobody remembers the
answer. A running test past its end keeps showing customers an arm nobody
decided to keep.
"#;
    fix: r#"Record the result and the date it was decided (or set `status: stopped`):

```yaml
status: concluded
result:
  winner: euro-off
  decided_on: 2027-06-20
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, x) in ctx.model.all::<Experiment>() {
        if x.result.is_some() {
            continue;
        }
        match x.status {
            ExperimentStatus::Concluded => out.push(
                ctx.finding(
                    &RULE,
                    d,
                    "/status",
                    format!("experiment `{}` is concluded but records no `result`", x.id),
                )
                .help("record `result: {winner: <variant id>, decided_on: <date>}`"),
            ),
            ExperimentStatus::Planned | ExperimentStatus::Running => {
                let Some(end) = x.end.as_ref().and_then(|e| e.date()) else {
                    continue;
                };
                if end >= ctx.as_of {
                    continue;
                }
                let days = ctx.as_of.days_since_epoch() - end.days_since_epoch();
                out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        "/end",
                        format!(
                            "experiment `{}` is still {} {days} days after its end on {end} (as of {}), with no `result`",
                            x.id,
                            x.status.as_str(),
                            ctx.as_of
                        ),
                    )
                    .help("conclude it and record `result`, set `status: stopped`, or move `end` with its owner"),
                );
            }
            ExperimentStatus::Stopped => {}
        }
    }
}
