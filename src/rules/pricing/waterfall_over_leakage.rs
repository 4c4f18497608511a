//! `waterfall-over-leakage`: the caps of the price-waterfall components add
//! up to more than the leakage the policy accepts.

use super::pct_pair;
use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::numbers::{greater, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR010" "waterfall-over-leakage", Pricing, Error;
    summary: "The caps of the price-waterfall components add up to more than `max_leakage_pct`.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
Adds up the `max_pct` of every component of a PricingPolicy's `waterfall`
(on-invoice discount, rebates, freight, co-op marketing, payment terms, …)
and reports when the sum is above `max_leakage_pct`, naming the sum.

## Why it matters
The waterfall is the way from list price to pocket price. If every
component may use its full cap at once, the price can leak more than the
policy accepts in total — each cap looks reasonable on its own while the
whole breaks the margin plan.
"#;
    fix: r#"Lower the component caps so they fit within the total (or accept a higher
total leakage deliberately):

```yaml
waterfall:
  max_leakage_pct: 20
  components:
    - {name: on-invoice discount, max_pct: 10}
    - {name: volume rebate, max_pct: 6}
    - {name: freight allowance, max_pct: 4}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, _, waterfall) in ctx.model.all_with(|x: &PricingPolicy| x.waterfall.as_ref()) {
        let sum: f64 = waterfall.components.iter().map(|c| c.max_pct.0).sum();
        let limit = waterfall.max_leakage_pct.0;
        if !greater(sum, limit) {
            continue;
        }
        let (sum_text, limit_text) = pct_pair(sum, limit);
        let parts: Vec<String> = waterfall
            .components
            .iter()
            .map(|c| format!("{} {}", c.name, pct(c.max_pct.0)))
            .collect();
        out.push(
            ctx.finding(
                &RULE,
                doc,
                "/waterfall",
                format!(
                    "The price-waterfall components may together take {sum_text} off the list \
                     price ({}), more than the {limit_text} total leakage the policy accepts",
                    parts.join(" + ")
                ),
            )
            .at(ctx.key_label(doc, "/waterfall"))
            .related(ctx.related(
                doc,
                "/waterfall/max_leakage_pct",
                format!("at most {limit_text} in total"),
            ))
            .help(format!(
                "Lower the components' max_pct by {} percentage points in total, or raise \
                 max_leakage_pct if the higher leakage is intended.",
                plain(sum - limit, 2)
            )),
        );
    }
}
