//! `kpi-without-target`: a KPI with no targets. (Its unit and direction are
//! required by the schema, so a KPI without them is a `schema-violation`.)

use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::kinds::{Goal, Kpi};
use crate::numbers::plain;
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP001" "kpi-without-target", Kpis, Error;
    summary: "A KPI has no targets.";
    examples: "kpis/co2-per-order.yaml", "kpis/co2-per-order.yaml";
    doc: r#"## What it does
Reports every Kpi whose `targets` list is missing or empty. (`unit` and
`direction` are required fields: a KPI without them is already a
`schema-violation`.) When a Goal sets a target for the KPI, the help points
at it.

## Why it matters
A KPI without a target can be reported but not judged: the scorecard cannot
show it red, amber or green, triggers comparing it with a target never fire,
and nobody is accountable for a number. It is measurement, not management.
"#;
    fix: r#"Add a target per period you manage the KPI for:

```yaml
kind: Kpi
id: nps
unit: percent
direction: higher_is_better
targets:
  - {period: 2027, value: 42}
  - {period: 2028, value: 50}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    // The first goal target naming each KPI, for the help line.
    let mut goal_targets: HashMap<&str, (&str, f64, &str)> = HashMap::new();
    for (_, goal) in model.all::<Goal>() {
        for t in &goal.targets {
            goal_targets.entry(t.kpi.as_str()).or_insert((
                goal.id.as_str(),
                t.value,
                t.by.0.as_str(),
            ));
        }
    }
    for (d, kpi) in model.all::<Kpi>() {
        if !kpi.targets.is_empty() {
            continue;
        }
        let written = ctx.written(d, "/targets");
        let pointer = if written { "/targets" } else { "/id" };
        let help = match goal_targets.get(kpi.id.as_str()) {
            Some(&(goal, value, by)) => format!(
                "add `targets` to `{}`: the goal `{goal}` aims for {} by {by}; set that target and the \
                 steps towards it, e.g. `targets: [{{period: {by}, value: {}}}]`",
                kpi.id,
                plain(value, 4),
                plain(value, 4)
            ),
            None => format!(
                "add `targets` to `{}` with a value per period, e.g. `targets: [{{period: 2027, value: …}}]`",
                kpi.id
            ),
        };
        out.push(
            ctx.finding(
                &RULE,
                d,
                pointer,
                format!(
                    "the KPI `{}` has no target: scorecards cannot show it red, amber or green and \
                     triggers cannot compare it with a target",
                    kpi.id
                ),
            )
            .help(help),
        );
    }
}
