//! `map-below-floor-price`: a minimum advertised price lets a category be
//! advertised below the price that earns its floor margin.

use super::math::floor_price_ratio;
use super::{pad_decimals, plain_pair};
use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::numbers::{less, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR004" "map-below-floor-price", Pricing, Error;
    summary: "A minimum advertised price is below the floor price of a category it covers.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
For each minimum advertised price (MAP) rule of a PricingPolicy and each
category it covers, computes the category's floor price as a ratio of list
price

    (1 − list margin) / (1 − floor margin)

and reports a `min_price_ratio` below it, naming the category and its floor
ratio. For example a 55% list margin and a 30% floor margin give
0.45 / 0.70 = 0.643: advertising below 64.3% of list price sells under the
floor margin. Categories the policy does not define are skipped.

## Why it matters
The MAP is the lowest price resellers may advertise. If it sits below the
floor price, the policy itself allows partners to advertise prices the
business has decided it cannot afford, and enforcement against them has no
footing.
"#;
    fix: r#"Raise the ratio to the floor price or above:

```yaml
map:
  - categories: [hardgoods]
    min_price_ratio: 0.80
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, policy) in ctx.model.all::<PricingPolicy>() {
        for (r, rule) in policy.map.iter().enumerate() {
            for name in &rule.categories {
                let Some((c, category)) = policy
                    .categories
                    .iter()
                    .enumerate()
                    .find(|(_, c)| &c.id == name)
                else {
                    continue;
                };
                let (m, f) = (category.list_margin_pct.0, category.floor_margin_pct.0);
                let Some(floor) = floor_price_ratio(m, f) else {
                    continue;
                };
                if !less(rule.min_price_ratio, floor) {
                    continue;
                }
                let (ratio_text, floor_text) = plain_pair(rule.min_price_ratio, floor, 3);
                let (ratio_text, floor_text) = (pad_decimals(ratio_text), pad_decimals(floor_text));
                // Rounded up, so the suggestion is itself above the floor.
                let suggestion = (floor * 1000.0).ceil() / 1000.0;
                out.push(
                    ctx.finding(
                        &RULE,
                        doc,
                        &format!("/map/{r}/min_price_ratio"),
                        format!(
                            "MAP rule {} lets category `{name}` be advertised at {ratio_text} of \
                             list price, below its floor price of {floor_text} of list price \
                             (list margin {}, floor margin {}): partners could advertise prices \
                             that earn less than the floor margin",
                            r + 1,
                            pct(m),
                            pct(f)
                        ),
                    )
                    .related(ctx.related(
                        doc,
                        &format!("/categories/{c}/floor_margin_pct"),
                        format!("`{name}`: floor price {floor_text} of list"),
                    ))
                    .help(format!(
                        "Raise min_price_ratio to {} or more ((1 − list margin) / (1 − floor \
                         margin)), or move `{name}` to a MAP rule with a higher ratio.",
                        pad_decimals(plain(suggestion, 3))
                    )),
                );
            }
        }
    }
}
