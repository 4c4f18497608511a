//! `discount-breaks-margin-floor`: a category allows discounts deeper than
//! its margin floor can carry.

use super::math::{SafeDiscount, safe_discount_pct};
use super::pct_pair;
use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::numbers::{greater, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR003" "discount-breaks-margin-floor", Pricing, Error;
    summary: "A category's maximum discount takes its margin below the floor margin.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
For each category of a PricingPolicy, with list margin m and floor margin
f (as fractions), computes the highest safe discount

    1 − (1 − m) / (1 − f)

and reports a `max_discount_pct` above it, saying the computed limit. For
example m = 55% and f = 30% give 1 − 0.45 / 0.70 = 35.7%. A floor margin
equal to the list margin leaves no safe discount (0%); a floor margin above
the list margin means the category is below its floor already at list
price, which is reported instead.

## Why it matters
A discount comes straight out of margin: at 30% off, a product with a 50%
list margin keeps only 1 − 0.5 / 0.7 = 28.6% margin. A maximum discount
above the safe limit lets every approved deal sell below the margin the
business decided it needs.
"#;
    fix: r#"Lower the maximum discount to the safe limit or below (or revisit the
margins):

```yaml
  - id: footwear
    list_margin_pct: 50
    floor_margin_pct: 30
    max_discount_pct: 25        # safe up to 28.6%
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, policy) in ctx.model.all::<PricingPolicy>() {
        for (i, category) in policy.categories.iter().enumerate() {
            let (m, f, max) = (
                category.list_margin_pct.0,
                category.floor_margin_pct.0,
                category.max_discount_pct.0,
            );
            let (message, help) = match safe_discount_pct(m, f) {
                SafeDiscount::BelowFloorAtList => (
                    format!(
                        "Category `{}` is below its margin floor already at list price: its \
                         floor margin ({}) is above its list margin ({}), so no discount is safe",
                        category.id,
                        pct(f),
                        pct(m)
                    ),
                    "Raise the list price (and with it the list margin) above the floor margin, \
                     or lower the floor margin; until then set max_discount_pct to 0."
                        .to_owned(),
                ),
                SafeDiscount::UpTo(safe) if greater(max, safe) => {
                    let (max_text, safe_text) = pct_pair(max, safe);
                    let zero = safe <= 0.0;
                    let limit = if !zero {
                        format!(
                            "with a {} list margin and a {} floor margin the highest safe \
                             discount is {safe_text} (1 − (1 − list margin) / (1 − floor margin))",
                            pct(m),
                            pct(f)
                        )
                    } else {
                        format!(
                            "its floor margin equals its list margin ({}), so no discount is safe",
                            pct(m)
                        )
                    };
                    // Rounded down, so the suggestion is itself safe.
                    let suggestion = (safe * 10.0).floor() / 10.0;
                    let (consequence, help) = if zero {
                        (
                            "any discount sells below the margin floor".to_owned(),
                            "Set max_discount_pct to 0, or lower the floor margin below the list \
                             margin."
                                .to_owned(),
                        )
                    } else {
                        (
                            "deeper discounts sell below the margin floor".to_owned(),
                            format!(
                                "Lower max_discount_pct to {}% or less, or revisit the list and \
                                 floor margins.",
                                plain(suggestion, 1)
                            ),
                        )
                    };
                    (
                        format!(
                            "Category `{}` allows discounts up to {max_text}, but {limit}: \
                             {consequence}",
                            category.id
                        ),
                        help,
                    )
                }
                SafeDiscount::UpTo(_) => continue,
            };
            out.push(
                ctx.finding(
                    &RULE,
                    doc,
                    &format!("/categories/{i}/max_discount_pct"),
                    message,
                )
                .related(ctx.related(
                    doc,
                    &format!("/categories/{i}/list_margin_pct"),
                    format!("list margin {}", pct(m)),
                ))
                .related(ctx.related(
                    doc,
                    &format!("/categories/{i}/floor_margin_pct"),
                    format!("floor margin {}", pct(f)),
                ))
                .help(help),
            );
        }
    }
}
