//! `goal-target-mismatch`: a Goal's target for a KPI that the KPI's own
//! target for that period does not reach.

use crate::finding::Finding;
use crate::metrics::target_for;
use crate::model::kinds::{Direction, Goal, Kpi};
use crate::numbers::{greater, in_unit, less};
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL011" "goal-target-mismatch", Alignment, Error;
    summary: "A goal's target for a KPI is not reached by the KPI's own target for that period.";
    examples: "goals.yaml", "goals.yaml";
    doc: r#"## What it does
For each target of a Goal (`kpi`, `value`, `by`), takes the KPI's own target
for the period `by` (a year target for a quarter, as everywhere else) and
reports the goal's target when the KPI target falls short of it in the
KPI's `direction`: below it for `higher_is_better`, above it for
`lower_is_better`. A goal of €345m net revenue by 2029 with a net-revenue
target of €320m for 2029 is one finding (the KPI target would be met and the
goal still missed); a target of €345m or more is none. Goals whose KPI has
no target for that period are left to `kpi-without-target`.

## Why it matters
The goal is what the board was promised; the KPI target is what the teams
are measured on. When the second is lower, every team can hit its number
while the company misses its goal.
"#;
    fix: r#"Raise the KPI's target for the period to the goal, or change the goal:

```yaml
targets:
  - {period: 2029, value: 345000000}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, goal) in model.all::<Goal>() {
        for (i, target) in goal.targets.iter().enumerate() {
            let Some((k, kpi)) = model.get::<Kpi>(&target.kpi) else {
                continue;
            };
            let Some(kpi_target) = target_for(kpi, &target.by) else {
                continue;
            };
            let short = match kpi.direction {
                Direction::HigherIsBetter => less(kpi_target, target.value),
                Direction::LowerIsBetter => greater(kpi_target, target.value),
            };
            if !short {
                continue;
            }
            let (need, falls) = match kpi.direction {
                Direction::HigherIsBetter => ("at least", "below"),
                Direction::LowerIsBetter => ("at most", "above"),
            };
            let message = format!(
                "the goal `{}` needs `{}` {need} {} by {}, but the KPI's own target for {} is {}, {falls} \
                 it: the KPI target can be met while the goal is missed",
                goal.id,
                kpi.id,
                in_unit(target.value, &kpi.unit),
                target.by.0,
                target.by.0,
                in_unit(kpi_target, &kpi.unit),
            );
            let mut finding = ctx
                .finding(&RULE, d, &format!("/targets/{i}/value"), message)
                .help(format!(
                    "set the {} target of `{}` to {} (or {} it), or change the goal's target",
                    target.by.0,
                    kpi.id,
                    in_unit(target.value, &kpi.unit),
                    if kpi.direction == Direction::HigherIsBetter {
                        "above"
                    } else {
                        "below"
                    }
                ));
            let place = kpi
                .targets
                .iter()
                .position(|t| t.period == target.by)
                .map_or_else(|| "/targets".to_owned(), |j| format!("/targets/{j}/value"));
            finding = finding.related(ctx.related(
                k,
                &place,
                format!(
                    "`{}` target for {}: {}",
                    kpi.id,
                    target.by.0,
                    in_unit(kpi_target, &kpi.unit)
                ),
            ));
            out.push(finding);
        }
    }
}
