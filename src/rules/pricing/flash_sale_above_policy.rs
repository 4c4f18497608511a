//! `flash-sale-above-policy`: flash sales may discount more than a category
//! of the policy allows.

use super::pct_pair;
use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::numbers::{greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR008" "flash-sale-above-policy", Pricing, Error;
    summary: "Flash sales may discount more than a category's maximum discount.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
Compares `promotions.flash_sales.max_discount_pct` of each PricingPolicy
with the `max_discount_pct` of each of its categories, and reports a flash
sale allowed to go deeper than any of them, naming the strictest category
it exceeds.

## Why it matters
Flash sales run on every category. A flash-sale ceiling above a category's
own maximum discount is a back door around that maximum — and around the
margin floor it protects — without any approval.
"#;
    fix: r#"Keep the flash-sale ceiling at or below the strictest category's maximum:

```yaml
promotions:
  flash_sales:
    max_discount_pct: 20
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, policy) in ctx.model.all::<PricingPolicy>() {
        let Some(flash) = policy
            .promotions
            .as_ref()
            .and_then(|p| p.flash_sales.as_ref())
        else {
            continue;
        };
        let ceiling = flash.max_discount_pct.0;
        let exceeded: Vec<usize> = policy
            .categories
            .iter()
            .enumerate()
            .filter(|(_, c)| greater(ceiling, c.max_discount_pct.0))
            .map(|(i, _)| i)
            .collect();
        // The strictest category exceeded (the first on ties).
        let Some(&strictest) = exceeded.iter().min_by(|&&a, &&b| {
            let (a, b) = (
                policy.categories[a].max_discount_pct.0,
                policy.categories[b].max_discount_pct.0,
            );
            a.total_cmp(&b)
        }) else {
            continue;
        };
        let category = &policy.categories[strictest];
        let (ceiling_text, max_text) = pct_pair(ceiling, category.max_discount_pct.0);
        let others = match exceeded.len() - 1 {
            0 => String::new(),
            1 => "; it is above 1 other category's maximum too".to_owned(),
            n => format!("; it is above {n} other categories' maximums too"),
        };
        out.push(
            ctx.finding(
                &RULE,
                doc,
                "/promotions/flash_sales/max_discount_pct",
                format!(
                    "Flash sales may discount up to {ceiling_text}, more than category `{}` \
                     allows ({max_text}){others}",
                    category.id
                ),
            )
            .related(ctx.related(
                doc,
                &format!("/categories/{strictest}/max_discount_pct"),
                format!(
                    "`{}` allows at most {}",
                    category.id,
                    pct(category.max_discount_pct.0)
                ),
            ))
            .help(format!(
                "Lower promotions.flash_sales.max_discount_pct to {max_text} or less, so no flash \
                 sale discounts a category deeper than its own maximum discount."
            )),
        );
    }
}
