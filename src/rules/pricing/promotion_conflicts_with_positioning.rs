//! `promotion-conflicts-with-positioning`: a deep discount or competitor
//! matching in a market positioned on differentiation.

use crate::finding::Finding;
use crate::model::kinds::{Initiative, Market, Positioning, PromotionMechanic};
use crate::numbers::{greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR011" "promotion-conflicts-with-positioning", Pricing, Warning;
    summary: "A promotion matches competitors or discounts deeply in a market positioned on differentiation.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
For each initiative with a `promotion`, looks at the Markets in its
`markets` whose `positioning` is `differentiation` and warns when

- its `promotion.mechanic` is `competitor_match`, or
- its `discount_pct` is deep: above 25% off list price, where customers
  start to remember the promotional price as the price.

A seasonal sale at 30% in Germany (differentiation) is one warning; at 25% it
is none, and the same 30% sale in the US (`focus`) is none; a competitor
match in France (differentiation) is one, at any depth. It is a warning: the positioning is a
strategic choice, and the warning asks whether the promotion is one too.

## Why it matters
A differentiated brand asks customers to pay for something competitors do
not offer. Matching their prices or cutting deep says the opposite, and the
price customers remember is the promotional one.
"#;
    fix: r#"Compete on what differentiates, or keep the discount shallow:

```yaml
discount_pct: 15
promotion:
  mechanic: seasonal
```
"#;
}

/// Above a quarter off, customers start to remember the promotional price
/// as the price: the line between a sale and a repositioning.
const DEEP_PCT: f64 = 25.0;

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, init, promotion) in model.all_with(|x: &Initiative| x.promotion.as_ref()) {
        for market_id in &init.markets {
            let Some((m, market)) = model.get::<Market>(market_id) else {
                continue;
            };
            if market.positioning != Some(Positioning::Differentiation) {
                continue;
            }
            let positioned = ctx.related(
                m,
                "/positioning",
                format!("`{market_id}` is positioned on differentiation"),
            );
            if promotion.mechanic == PromotionMechanic::CompetitorMatch {
                out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        "/promotion/mechanic",
                        format!(
                            "the initiative `{}` matches competitors' prices in `{market_id}`, a market positioned on differentiation",
                            init.id
                        ),
                    )
                    .related(positioned)
                    .help("compete on what differentiates the offer (service, range, exclusives), or reconsider the market's positioning"),
                );
                continue;
            }
            let Some(discount) = init.discount_pct.map(|x| x.0) else {
                continue;
            };
            let deep = DEEP_PCT;
            let why = format!("deeper than {}", pct(DEEP_PCT));
            if !greater(discount, deep) {
                continue;
            }
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    "/discount_pct",
                    format!(
                        "the {} `{}` offers {} off in `{market_id}`, {why}, in a market positioned on differentiation",
                        promotion.mechanic.as_str().replace('_', " "),
                        init.id,
                        pct(discount)
                    ),
                )
                .related(positioned)
                .help(format!("keep the discount at {} or less in `{market_id}`, or run the promotion where the positioning is on cost", pct(deep))),
            );
        }
    }
}
