//! `subscription-tiers-not-increasing`: subscription tiers whose monthly
//! price does not rise in the order listed.

use super::math::not_increasing;
use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::numbers::money;
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR009" "subscription-tiers-not-increasing", Pricing, Error;
    summary: "A subscription tier does not cost more per month than the tiers listed before it.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
Reads `subscriptions.tiers` of each PricingPolicy in the order written and
checks that each tier's `monthly` price is higher than that of every earlier
tier in the same currency. Tiers in different currencies are not compared
with each other.

## Why it matters
Subscription tiers are a ladder of value: each step up adds benefits and
costs more. A higher tier that costs the same as or less than a lower one
makes the lower tier pointless (or the higher one a giveaway), and confuses
customers comparing plans.
"#;
    fix: r#"List the tiers from the cheapest to the most expensive:

```yaml
subscriptions:
  tiers:
    - {id: club-basecamp, monthly: {amount: 4.99, currency: EUR}}
    - {id: club-summit, monthly: {amount: 9.99, currency: EUR}}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, _, subscriptions) in ctx
        .model
        .all_with(|x: &PricingPolicy| x.subscriptions.as_ref())
    {
        let tiers = &subscriptions.tiers;
        // The tiers of each currency, in order of first appearance.
        let mut by_currency: Vec<(&str, Vec<usize>)> = Vec::new();
        for (i, tier) in tiers.iter().enumerate() {
            let currency = tier.monthly.currency.as_str();
            match by_currency.iter_mut().find(|(c, _)| *c == currency) {
                Some((_, list)) => list.push(i),
                None => by_currency.push((currency, vec![i])),
            }
        }
        for (currency, list) in &by_currency {
            let prices: Vec<f64> = list.iter().map(|&i| tiers[i].monthly.amount).collect();
            for (at, earlier) in not_increasing(&prices) {
                let (i, e) = (list[at], list[earlier]);
                let price = money(tiers[i].monthly.amount, currency);
                let earlier_price = money(tiers[e].monthly.amount, currency);
                out.push(
                    ctx.finding(
                        &RULE,
                        doc,
                        &format!("/subscriptions/tiers/{i}/monthly/amount"),
                        format!(
                            "Subscription tier `{}` costs {price} a month, no more than the \
                             earlier tier `{}` ({earlier_price}): tiers must get more expensive \
                             in the order listed",
                            tiers[i].id, tiers[e].id
                        ),
                    )
                    .related(ctx.related(
                        doc,
                        &format!("/subscriptions/tiers/{e}/monthly/amount"),
                        format!("`{}` costs {earlier_price} a month", tiers[e].id),
                    ))
                    .help(
                        "List the tiers from the cheapest to the most expensive, each costing \
                         more per month than the one before, or change the prices.",
                    ),
                );
            }
        }
    }
}
