//! `waterfall-leakage-actual`: the actual leakage of a price-waterfall
//! component, from the actuals CSV, is above its cap.

use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::numbers::{greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR021" "waterfall-leakage-actual", Pricing, Error;
    summary: "Actual price-waterfall leakage is above its cap.";
    examples: "policies/pricing-policy.yaml", "policies/pricing-policy.yaml";
    doc: r#"## What it does
For a PricingPolicy whose `waterfall` names `actuals_kpi` — a KPI id with
`{component}` standing for each component's name in kebab-case, e.g.
`leakage-{component}` gives `leakage-on-invoice-discount` — reads the actuals
of each component's KPI and reports a component whose actual leakage is
above its `max_pct` in any period, and a period whose components, all
reported, add up to more than `max_leakage_pct`. In the example the
on-invoice discount is capped at 10% and was 11.2% in 2027-Q2; with volume
rebates at 4.1% (cap 4%) the quarter leaked 15.3% in total, above the 14%
limit.

## Why it matters
Caps that add up are only a plan (`waterfall-over-leakage` checks that). What
matters is the pocket price: every point of leakage beyond the cap is a point
of margin given away off-invoice, where no approval ladder sees it.
"#;
    fix: r#"Find where the leakage comes from (which accounts, which deals) and bring
it back under the cap, or raise the cap by decision:

```
kpi,period,actual
leakage-on-invoice-discount,2027-Q2,9.6
leakage-volume-rebate,2027-Q2,3.8
```
"#;
}

/// A component's name as it appears in a KPI id: `on-invoice discount` →
/// `on-invoice-discount`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, policy, waterfall) in ctx.model.all_with(|p: &PricingPolicy| p.waterfall.as_ref()) {
        let Some(pattern) = waterfall.actuals_kpi.as_deref() else {
            continue;
        };
        let mut components: Vec<(String, &[_])> = Vec::new();
        for (i, component) in waterfall.components.iter().enumerate() {
            let kpi = pattern.replace("{component}", &kebab(&component.name));
            let rows = ctx.model.actuals.rows(&kpi);
            let cap = component.max_pct.0;
            let over: Vec<_> = rows.iter().filter(|r| greater(r.actual, cap)).collect();
            if let Some(latest) = over.last() {
                let periods: Vec<String> = over
                    .iter()
                    .map(|r| format!("{} in {}", pct(r.actual), r.period))
                    .collect();
                let mut finding = ctx
                    .finding(
                        &RULE,
                        d,
                        &format!("/waterfall/components/{i}/max_pct"),
                        format!(
                            "actual {} leakage (`{kpi}`) was {}, above its cap of {} in `{}`",
                            component.name,
                            crate::words::and_list(periods),
                            pct(cap),
                            policy.id
                        ),
                    )
                    .related(latest.label().with_text(format!(
                        "{}: {} against a cap of {}",
                        latest.period,
                        pct(latest.actual),
                        pct(cap)
                    )));
                for row in over.iter().rev().skip(1).take(3) {
                    finding = finding.related(row.label().with_text(format!("{}", row.period)));
                }
                out.push(finding.help(format!(
                    "find the deals and accounts behind the {} leakage and bring it under {}, or \
                     raise the cap by decision",
                    component.name,
                    pct(cap)
                )));
            }
            components.push((kpi, rows));
        }
        // The periods in which every component reported, and their sum is
        // above the policy's total leakage limit.
        let limit = waterfall.max_leakage_pct.0;
        let Some((_, first)) = components.first() else {
            continue;
        };
        for row in first.iter() {
            let in_period: Option<Vec<_>> = components
                .iter()
                .map(|(_, rows)| rows.iter().find(|r| r.period == row.period))
                .collect();
            let Some(in_period) = in_period else {
                continue;
            };
            let total: f64 = in_period.iter().map(|r| r.actual).sum();
            if !greater(total, limit) {
                continue;
            }
            let parts: Vec<String> = components
                .iter()
                .zip(&in_period)
                .map(|((kpi, _), r)| format!("`{kpi}` {}", pct(r.actual)))
                .collect();
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    "/waterfall/max_leakage_pct",
                    format!(
                        "actual leakage in {} was {} in total ({}), above the limit of {} in `{}`",
                        row.period,
                        pct(total),
                        crate::words::and_list(parts),
                        pct(limit),
                        policy.id
                    ),
                )
                .help("bring the components over their caps back under them; the total follows"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_names_become_kpi_ids() {
        assert_eq!(kebab("on-invoice discount"), "on-invoice-discount");
        assert_eq!(kebab("Early-payment  Discount "), "early-payment-discount");
    }
}
