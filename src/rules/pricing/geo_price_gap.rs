//! `geo-price-gap`: two markets of one pricing policy whose price levels are
//! further apart than the policy allows.

use super::math::price_gap_pct;
use super::{pct_pair, ratio_text};
use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::{Market, PricingPolicy};
use crate::numbers::{greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR006" "geo-price-gap", Pricing, Error;
    summary: "Two markets of a pricing policy have price indexes further apart than `geo.max_price_gap_pct`.";
    examples: "policies/pricing.yaml", "policies/eu-pricing.yaml";
    doc: r#"## What it does
For each PricingPolicy with a `geo` section, compares the `price_index` of
every pair of its `markets` (1.0 is list price). The gap between two markets
is measured relative to the cheaper one:

    (higher − lower) / lower × 100

so indexes 1.08 and 0.95 are 13.7% apart. Each pair above
`max_price_gap_pct` is reported once, naming both markets and the gap.
Markets without a `price_index` are skipped.

When `geo.neighbours` lists pairs of markets (`[de, fr]`), only those pairs
are compared, in either order: arbitrage needs goods to cross a border, so
a 13.7% gap between the Nordics (1.08) and the US (0.95) is no finding when
they are not neighbours, while 1.08 against Germany's 0.92 (17.4%) is one
above a 15% limit.

## Why it matters
When the same product costs much more in one market than in a neighbour,
customers and grey-market traders buy where it is cheap: the expensive
market loses sales, the cheap one loses margin, and partners complain
about unequal treatment.
"#;
    fix: r#"Bring the price indexes closer in the Market documents, or accept a wider
gap explicitly:

```yaml
geo:
  max_price_gap_pct: 15
```
"#;
}

/// A market of the policy with a price index.
struct Priced<'a> {
    doc: DocId,
    id: &'a str,
    index: f64,
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, policy, geo) in ctx.model.all_with(|x: &PricingPolicy| x.geo.as_ref()) {
        let max_gap = geo.max_price_gap_pct.0;
        let mut priced: Vec<Priced<'_>> = Vec::new();
        for id in &policy.markets {
            let Some((market_doc, market)) = ctx.model.get::<Market>(id) else {
                continue;
            };
            let Some(index) = market.price_index else {
                continue;
            };
            if priced.iter().all(|p| p.doc != market_doc) {
                priced.push(Priced {
                    doc: market_doc,
                    id,
                    index,
                });
            }
        }
        // With `neighbours`, only the pairs that border each other (in either
        // order) are compared: goods cross from Germany to France, not to the US.
        let compared = |a: &str, b: &str| {
            geo.neighbours.is_empty()
                || geo
                    .neighbours
                    .iter()
                    .any(|[x, y]| (x == a && y == b) || (x == b && y == a))
        };
        for (i, a) in priced.iter().enumerate() {
            for b in &priced[i + 1..] {
                if !compared(a.id, b.id) {
                    continue;
                }
                let Some(gap) = price_gap_pct(a.index, b.index) else {
                    continue;
                };
                if !greater(gap, max_gap) {
                    continue;
                }
                let (gap_text, max_text) = pct_pair(gap, max_gap);
                let (cheap, dear) = if a.index <= b.index { (a, b) } else { (b, a) };
                out.push(
                    ctx.finding(
                        &RULE,
                        doc,
                        "/geo",
                        format!(
                            "Markets `{}` (price index {}) and `{}` (price index {}) are \
                             {gap_text} apart, more than the {max_text} this policy allows \
                             between {}",
                            a.id,
                            ratio_text(a.index),
                            b.id,
                            ratio_text(b.index),
                            if geo.neighbours.is_empty() {
                                "any two of its markets"
                            } else {
                                "neighbouring markets"
                            }
                        ),
                    )
                    .at(ctx.key_label(doc, "/geo"))
                    .related(ctx.related(
                        doc,
                        "/geo/max_price_gap_pct",
                        format!("at most {} allowed", pct(max_gap)),
                    ))
                    .related(ctx.related(
                        a.doc,
                        "/price_index",
                        format!("`{}`: price index {}", a.id, ratio_text(a.index)),
                    ))
                    .related(ctx.related(
                        b.doc,
                        "/price_index",
                        format!("`{}`: price index {}", b.id, ratio_text(b.index)),
                    ))
                    .help(format!(
                        "The gap is (higher − lower) / lower index. Bring the indexes closer \
                         (raise `{}` or lower `{}`), or widen geo.max_price_gap_pct if the \
                         difference is intended.",
                        cheap.id, dear.id
                    )),
                );
            }
        }
    }
}
