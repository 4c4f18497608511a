//! `thresholds-inverted`: a KPI whose red threshold is not above its amber
//! threshold.

use crate::finding::Finding;
use crate::model::kinds::Kpi;
use crate::numbers::{approx_eq, greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP002" "thresholds-inverted", Kpis, Error;
    summary: "A KPI turns red at a deviation no larger than the one where it turns amber.";
    examples: "kpis/cac.yaml", "kpis/cac.yaml";
    doc: r#"## What it does
Checks the `thresholds` of every Kpi: `red_pct` (the adverse deviation from
target at which the KPI turns red) must be above `amber_pct` (where it turns
amber). The finding points at `red_pct`.

## Why it matters
Amber is the early warning, red the breach. With the thresholds swapped or
equal, a KPI jumps from green straight to red — or is red before it would
be amber — so the scorecard never gives the early warning it exists for.
"#;
    fix: r#"Set `red_pct` above `amber_pct`:

```yaml
thresholds:
  amber_pct: 5
  red_pct: 10
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, kpi, t) in ctx.model.all_with(|x: &Kpi| x.thresholds.as_ref()) {
        let (amber, red) = (t.amber_pct.0, t.red_pct.0);
        if greater(red, amber) {
            continue;
        }
        let (message, help) = if approx_eq(red, amber) {
            (
                format!(
                    "the KPI `{}` turns amber and red at the same deviation ({}): it never shows amber",
                    kpi.id,
                    pct(red)
                ),
                "set `red_pct` above `amber_pct`: amber is the early warning, red the breach"
                    .to_owned(),
            )
        } else {
            (
                format!(
                    "the KPI `{}` turns red at {} off target, before it turns amber at {}",
                    kpi.id,
                    pct(red),
                    pct(amber)
                ),
                format!(
                    "swap the two values (`amber_pct: {}`, `red_pct: {}`): amber is the early warning, red the breach",
                    crate::numbers::plain(red, 2),
                    crate::numbers::plain(amber, 2)
                ),
            )
        };
        out.push(
            ctx.finding(&RULE, d, "/thresholds/red_pct", message)
                .related(ctx.related(
                    d,
                    "/thresholds/amber_pct",
                    format!("amber at {}", pct(amber)),
                ))
                .help(help),
        );
    }
}
