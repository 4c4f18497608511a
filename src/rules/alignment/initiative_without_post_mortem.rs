//! `initiative-without-post-mortem`: a cancelled initiative, or a completed
//! one that missed its expected impact, records no post-mortem.

use crate::finding::Finding;
use crate::metrics::impact_outcome;
use crate::model::kinds::{Initiative, InitiativeStatus};
use crate::numbers::plain;
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL023" "initiative-without-post-mortem", Alignment, Warning;
    summary: "A cancelled initiative, or a completed one that missed its expected impact, has no post-mortem.";
    examples: "initiatives/initiatives.yaml", "initiatives/initiatives.yaml";
    doc: r#"## What it does
Warns about every initiative without `post_mortem` (a Playbook id or a link)
that is `cancelled`, or `completed` with an `expected_impact` it missed. The
impact is measured from the actuals: from the KPI's actual in the period the
initiative started (or the latest before it) to the KPI's latest actual. A
positive `delta` is missed when the change is smaller, a negative one when
the KPI did not fall as far; an impact without actuals on both sides is not
judged. In the example `dtc-checkout-redesign` started in 2026-03 and
expected `dtc-conversion-rate` to rise by 0.2: it went from 2.31 (2026-Q1)
to 2.38 (2026-Q3), +0.07.

## Why it matters
Failed and cancelled initiatives are where the strategy learns most, and
the lessons are lost within a quarter if nobody writes them down. The next
business case then promises the same impact on the same assumptions.
"#;
    fix: r#"Hold the post-mortem and link it:

```yaml
kind: Initiative
id: dtc-checkout-redesign
status: completed
post_mortem: checkout-redesign-post-mortem     # a Playbook
# or: post_mortem: {title: Post-mortem, url: https://wiki.example.com/checkout}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, initiative) in ctx.model.all::<Initiative>() {
        if initiative.post_mortem.is_some() {
            continue;
        }
        match initiative.status {
            InitiativeStatus::Cancelled => out.push(
                ctx.finding(
                    &RULE,
                    d,
                    "/status",
                    format!(
                        "initiative `{}` was cancelled and records no post-mortem",
                        initiative.id
                    ),
                )
                .help(help(&initiative.id)),
            ),
            InitiativeStatus::Completed => {
                let Some(start) = initiative.start.as_ref().and_then(|s| s.date()) else {
                    continue;
                };
                for (i, impact) in initiative.expected_impact.iter().enumerate() {
                    let rows = ctx.model.actuals.rows(&impact.kpi);
                    let Some((baseline, latest, true)) = impact_outcome(rows, start, impact.delta)
                    else {
                        continue;
                    };
                    let change = latest.actual - baseline.actual;
                    out.push(
                        ctx.finding(
                            &RULE,
                            d,
                            &format!("/expected_impact/{i}/delta"),
                            format!(
                                "completed initiative `{}` expected `{}` to change by {}, but it \
                                 went from {} ({}) to {} ({}), {}; no post-mortem is recorded",
                                initiative.id,
                                impact.kpi,
                                signed(impact.delta),
                                plain(baseline.actual, 2),
                                baseline.period,
                                plain(latest.actual, 2),
                                latest.period,
                                signed(change)
                            ),
                        )
                        .related(
                            baseline
                                .label()
                                .with_text(format!("{} actual", baseline.period)),
                        )
                        .related(latest.label().with_text("latest actual"))
                        .help(help(&initiative.id)),
                    );
                }
            }
            _ => {}
        }
    }
}

fn signed(value: f64) -> String {
    if value > 0.0 {
        format!("+{}", plain(value, 2))
    } else {
        plain(value, 2)
    }
}

fn help(id: &str) -> String {
    format!(
        "hold a post-mortem of `{id}` and record it under `post_mortem`: a Playbook id, or \
         `{{title, url}}` of the write-up"
    )
}
