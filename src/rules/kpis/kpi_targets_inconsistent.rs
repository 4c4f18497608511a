//! `kpi-targets-inconsistent`: a formula KPI's target disagrees with its
//! formula evaluated on its inputs' targets for the same period.

use super::kpi_name;
use crate::finding::Finding;
use crate::metrics::target_for;
use crate::model::formula::Unit;
use crate::model::kinds::Kpi;
use crate::numbers::{greater, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP009" "kpi-targets-inconsistent", Kpis, Error;
    summary: "A formula KPI's target differs from its formula computed on its inputs' targets for the same period.";
    examples: "kpis/kpis.yaml", "kpis/kpis.yaml";
    doc: r#"## What it does
For each KPI with a `formula` and each of its `targets`, computes the
formula on the targets of the KPIs it names for the same period (a year
target stands in for a quarter that has none, as everywhere else) and
reports the target when the two differ by more than the KPI's
`thresholds.amber_pct` — or 5% without thresholds — measured relative to
the target: `|computed − target| / |target| × 100`. The finding names both
numbers:

    LTV 120 / CAC 45 = 2.67, but the target of ltv-cac-ratio for 2027 is 3

(11.1% apart, above an amber threshold of 5%). Periods for which an input
has no target are skipped.

## Why it matters
Targets that contradict each other cannot all be met: the finance team
plans with an LTV:CAC of 3 while marketing is held to LTV and CAC targets
that give 2.67. One of the three numbers is wrong, and each team will
defend the one that suits it at the review.
"#;
    fix: r#"Make the targets agree: change the formula KPI's target, or the inputs'.

```yaml
targets:
  - {period: 2027, value: 2.7}
```
"#;
}

/// Tolerance for a formula KPI without thresholds, in percent.
const DEFAULT_TOLERANCE_PCT: f64 = 5.0;

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, kpi, formula) in model.kpi_formulas() {
        let Ok(formula) = formula else {
            continue;
        };
        let refs = formula.references();
        if refs.is_empty() {
            continue;
        }
        // A formula whose units do not give the KPI's own unit (a share
        // computed as a fraction for a percent KPI) is `formula-unit-mismatch`:
        // its numbers cannot be compared with the target.
        let unit_of = |id: &str| model.get::<Kpi>(id).and_then(|(_, k)| Unit::parse(&k.unit));
        match (formula.infer_unit(unit_of), Unit::parse(&kpi.unit)) {
            (Ok(Some(computed)), Some(own)) if computed == own => {}
            _ => continue,
        }
        let tolerance = kpi
            .thresholds
            .as_ref()
            .map_or(DEFAULT_TOLERANCE_PCT, |t| t.amber_pct.0);
        for (i, target) in kpi.targets.iter().enumerate() {
            let input = |id: &str| {
                let (_, input) = model.get::<Kpi>(id)?;
                target_for(input, &target.period)
            };
            let Some(computed) = formula.evaluate(input) else {
                continue;
            };
            if target.value == 0.0 {
                continue;
            }
            let gap = (computed - target.value).abs() / target.value.abs() * 100.0;
            if !greater(gap, tolerance) {
                continue;
            }
            // The formula with each input's target written after its id:
            // "ltv 120 / cac 45".
            let mut worked = String::new();
            let mut at = 0;
            for r in &refs {
                worked.push_str(&formula.text[at..r.offset]);
                let value = input(&r.id).map_or_else(|| "?".to_owned(), |v| plain(v, 2));
                worked.push_str(&format!("{} {value}", acronym(&r.id)));
                at = r.offset + r.id.len();
            }
            worked.push_str(&formula.text[at..]);
            let message = format!(
                "{} = {}, but the target of {} for {} is {} ({} apart, more than {})",
                worked.trim(),
                plain(computed, 2),
                kpi.id,
                target.period.0,
                plain(target.value, 2),
                pct(gap),
                match &kpi.thresholds {
                    Some(_) => format!("its amber threshold of {}", pct(tolerance)),
                    None => format!("{} without thresholds", pct(tolerance)),
                }
            );
            let mut finding = ctx
                .finding(&RULE, d, &format!("/targets/{i}/value"), message)
                .help(format!(
                    "make the targets agree: set the {} target of {} to {}, or change the targets of \
                     the KPIs its formula uses",
                    target.period.0,
                    kpi_name(kpi),
                    plain(computed, 2)
                ));
            let mut shown: Vec<&str> = Vec::new();
            for r in &refs {
                if shown.contains(&r.id.as_str()) {
                    continue;
                }
                shown.push(&r.id);
                let Some((k, input_kpi)) = model.get::<Kpi>(&r.id) else {
                    continue;
                };
                let Some(j) = input_kpi
                    .targets
                    .iter()
                    .position(|t| t.period == target.period)
                else {
                    continue;
                };
                finding = finding.related(ctx.related(
                    k,
                    &format!("/targets/{j}/value"),
                    format!(
                        "`{}` target for {}: {}",
                        r.id,
                        target.period.0,
                        plain(input_kpi.targets[j].value, 2)
                    ),
                ));
            }
            out.push(finding);
        }
    }
}

/// Short ids read as acronyms in the worked formula ("LTV 120 / CAC 45");
/// longer ones stay as written.
fn acronym(id: &str) -> String {
    if id.len() <= 4 && id.bytes().all(|b| b.is_ascii_alphabetic()) {
        id.to_uppercase()
    } else {
        id.to_owned()
    }
}
