//! `scenario-outside-data`: a scenario shock on periods the KPI has no data
//! for. The definition of "the data" is [`crate::scenario::check_shock`],
//! which `stratc scenario` applies too.

use crate::finding::Finding;
use crate::model::kinds::{Kpi, Scenario};
use crate::rules::ctx::Ctx;
use crate::scenario::{OutsideData, check_shock, data_span};

crate::rule! {
    "KP020" "scenario-outside-data", Kpis, Error;
    summary: "A scenario shocks a KPI in periods before or after the KPI's actuals and targets.";
    examples: "scenarios/downturn.yaml", "scenarios/downturn.yaml";
    doc: r#"## What it does
Checks every shock of every Scenario against the data of the KPI it names.
The data of a KPI runs from its first actual (or, without actuals, its
first target) to the end of the last period it has an actual or a target
for. A shock covers `periods` periods from `from`, each of the granularity
`from` is written in (`from: 2027-Q3`, `periods: 2` is 2027-Q3 and
2027-Q4). The finding points at `from` when:

- a shocked period starts before the KPI's data: with the first actual of
  `cac` in 2026-Q1, a shock `from: 2025-Q4` has no actual to start from;
- a shocked period ends after it: with the last target of `cac` for 2028, a
  shock `from: 2028-Q3` for 3 quarters reaches 2029-Q1, for which there is
  neither an actual nor a target to hold the shocked value against;
- `from` is written at another granularity than the KPI's actuals (a year
  `2028` on quarterly actuals);
- the KPI has neither actuals nor targets.

`stratc scenario` leaves such a shock out of its report and says so. A
shock naming an id that is not a KPI is `dangling-reference`.

## Why it matters
A stress test is only as good as the numbers it moves. A shock outside the
data is computed from nothing (no actual to carry forward) or judged
against nothing (no target), so the report would say "no target missed"
for a period nobody planned — false comfort in exactly the place the
scenario was written to examine.
"#;
    fix: r#"Move the shock inside the KPI's data, or give the KPI a target for the
periods the scenario looks at:

```yaml
shocks:
  - kpi: cac
    change_pct: 12
    from: 2028-Q1
    periods: 4        # 2028-Q1 to 2028-Q4, inside the 2028 target
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, scenario) in model.all::<Scenario>() {
        for (i, shock) in scenario.shocks.iter().enumerate() {
            let Some((k, kpi)) = model.get::<Kpi>(&shock.kpi) else {
                continue;
            };
            let Err(why) = check_shock(model, kpi, shock) else {
                continue;
            };
            let span = data_span(model, kpi)
                .map(|(first, last)| format!("{first} to {last}"))
                .unwrap_or_default();
            let (reason, help) = match &why {
                OutsideData::NoData => (
                    format!("`{}` has no actuals and no targets", kpi.id),
                    format!(
                        "add actuals for `{}` to the CSV or targets to the KPI, or shock another KPI",
                        kpi.id
                    ),
                ),
                OutsideData::Before { period, first } => (
                    format!(
                        "{period} is before the data of `{}`, which starts in {first}",
                        kpi.id
                    ),
                    format!("start the shock in {span}, where `{}` has actuals", kpi.id),
                ),
                OutsideData::After { period, last } => (
                    format!(
                        "{period} is after the data of `{}`, whose last actual or target is for {last}",
                        kpi.id
                    ),
                    format!(
                        "keep the shock within {span}, or give `{}` a target for {period}",
                        kpi.id
                    ),
                ),
                OutsideData::Granularity { written, actuals } => (
                    format!(
                        "`from` is a {} but `{}` is reported by {}",
                        written.word(),
                        kpi.id,
                        actuals.word()
                    ),
                    format!(
                        "write `from` as a {} (e.g. `2027-Q3`) and count `periods` in {}s",
                        actuals.word(),
                        actuals.word()
                    ),
                ),
            };
            let message = format!(
                "the shock on `{}` in scenario `{}` is outside the data: {reason}; the scenario cannot apply it",
                kpi.id, scenario.id
            );
            out.push(
                ctx.finding(&RULE, d, &format!("/shocks/{i}/from"), message)
                    .related(ctx.related(k, "/id", format!("the KPI `{}`", kpi.id)))
                    .help(help),
            );
        }
    }
}
