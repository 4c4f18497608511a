//! `price-autonomy-exceeded`: a market's price index is further from list
//! price than the market's pricing autonomy allows.

use super::exception_approver;
use crate::finding::Finding;
use crate::model::kinds::Market;
use crate::numbers::{greater, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV006" "price-autonomy-exceeded", Deviation, Error, governance;
    summary: "A market's price index is further from list price than its pricing autonomy allows.";
    examples: "markets.yaml", "markets.yaml";
    doc: r#"## What it does
For every Market with both a `price_index` (1.0 is the list price) and a
`pricing_autonomy_pct`, computes how far the market's prices are from list
price, `|price_index − 1| × 100` percent, and reports the `price_index` when
that is above the autonomy. A price index of 1.12 is 12% above list price;
0.93 is 7% below.

It is a governance rule: only an approved Exception for the market waives it.
The decision concerned is the `approvals.decision` of a pricing policy that
covers the market (if any): the finding names its Accountable, then up the
reporting line.

## Why it matters
Pricing autonomy is how far local teams may move prices without head office.
Beyond it, prices drift apart between markets, invite grey imports and
partner arbitrage, and erode the list price everyone else defends.
"#;
    fix: r#"Bring the price index within the autonomy (here 0.92 to 1.08):

```yaml
kind: Market
id: uk
currency: GBP
price_index: 1.06
pricing_autonomy_pct: 8
```

or, if the higher level is justified (duties, VAT), have the Accountable of
the pricing approval decision approve an Exception for the market.
"#;
}

/// How far a price index is from list price, in percent: `|index − 1| × 100`.
pub(crate) fn distance_from_list_pct(price_index: f64) -> f64 {
    (price_index - 1.0).abs() * 100.0
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let index = ctx.policies();
    for (d, market) in model.all::<Market>() {
        let (Some(price_index), Some(autonomy)) = (market.price_index, market.pricing_autonomy_pct)
        else {
            continue;
        };
        let autonomy = autonomy.0;
        let distance = distance_from_list_pct(price_index);
        if !greater(distance, autonomy) {
            continue;
        }
        let side = if price_index > 1.0 { "above" } else { "below" };
        let message = format!(
            "market `{}` is priced at index {}, {} {side} list price, beyond its pricing autonomy of {}",
            market.id,
            plain(price_index, 4),
            pct(distance),
            pct(autonomy),
        );
        let low = plain(1.0 - autonomy / 100.0, 4);
        let high = plain(1.0 + autonomy / 100.0, 4);
        let decision = index
            .covering(std::slice::from_ref(&market.id))
            .into_iter()
            .find_map(|(_, policy)| policy.approvals.as_ref().map(|a| a.decision.clone()));
        let approver = exception_approver(ctx, decision.as_deref());
        let mut finding = ctx
            .finding(&RULE, d, "/price_index", message)
            .related(ctx.related(
                d,
                "/pricing_autonomy_pct",
                format!("local teams may move prices by up to {}", pct(autonomy)),
            ))
            .help(format!(
                "bring `price_index` between {low} and {high}, or, if the price level is justified, have \
                 {approver} approve an Exception for `price-autonomy-exceeded` on `{}`",
                market.id
            ));
        if let Some(decision) = decision {
            finding = finding.decision(decision);
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_symmetric_around_list_price() {
        assert!((distance_from_list_pct(1.12) - 12.0).abs() < 1e-9);
        assert!((distance_from_list_pct(0.93) - 7.0).abs() < 1e-9);
        assert_eq!(distance_from_list_pct(1.0), 0.0);
    }

    #[test]
    fn autonomy_limit_is_inclusive() {
        // 1.08 is exactly 8% from list: within an 8% autonomy despite float noise.
        assert!(!greater(distance_from_list_pct(1.08), 8.0));
        assert!(!greater(distance_from_list_pct(0.92), 8.0));
        assert!(greater(distance_from_list_pct(1.081), 8.0));
        assert!(greater(distance_from_list_pct(0.9), 8.0));
    }
}
