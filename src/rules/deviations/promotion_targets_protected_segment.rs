//! `promotion-targets-protected-segment`: a flash sale or competitor match
//! aimed at a segment the pricing policy protects or excludes.

use super::{exception_approver, mechanic_words};
use crate::finding::Finding;
use crate::model::kinds::{Initiative, PromotionMechanic};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV012" "promotion-targets-protected-segment", Deviation, Error, governance;
    summary: "A flash sale or competitor match targets a segment the pricing policy protects or excludes from it.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
For each initiative whose `promotion.mechanic` is `flash_sale` or
`competitor_match`, compares its `segments` with every PricingPolicy covering
its markets: a segment in the policy's `protected_segments`, or in the
`exclude_segments` of the mechanic (`promotions.flash_sales` or
`promotions.match_competitors`), is reported at that segment, naming why it
is protected. A 30% flash sale aimed at `summit-club`, the loyalty segment
the policy protects, is one finding; the same sale for `lapsed-buyers` is
none.

It is a governance rule: only an approved Exception for the initiative waives
it. The decision concerned is the policy's `approvals.decision`: the finding
names its Accountable, then up the reporting line.

## Why it matters
Protected segments pay full price because they trust it: loyalty members and
professional buyers who see a flash-sale price once stop believing the list
price, and the long-term value the protection was meant to keep is lost for
a few hours of volume.
"#;
    fix: r#"Aim the promotion at other segments:

```yaml
segments: [lapsed-buyers]
```

or offer protected segments a benefit that is not a price cut (early access,
service), or have the Accountable approve an Exception.
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, init, promotion) in ctx.model.all_with(|x: &Initiative| x.promotion.as_ref()) {
        if init.segments.is_empty() {
            continue;
        }
        for (p, policy) in ctx.policies().covering(&init.markets) {
            let (excluded, excluded_pointer) = match (promotion.mechanic, &policy.promotions) {
                (PromotionMechanic::FlashSale, Some(rules)) => (
                    rules
                        .flash_sales
                        .as_ref()
                        .map_or(&[][..], |f| &f.exclude_segments),
                    "/promotions/flash_sales/exclude_segments",
                ),
                (PromotionMechanic::CompetitorMatch, Some(rules)) => (
                    rules
                        .match_competitors
                        .as_ref()
                        .map_or(&[][..], |m| &m.exclude_segments),
                    "/promotions/match_competitors/exclude_segments",
                ),
                (PromotionMechanic::FlashSale | PromotionMechanic::CompetitorMatch, None) => {
                    (&[][..], "")
                }
                _ => continue,
            };
            for (i, segment) in init.segments.iter().enumerate() {
                let protected = policy.protected_segments.iter().position(|s| s == segment);
                let excluded_at = excluded.iter().position(|s| s == segment);
                let why = match (protected, excluded_at) {
                    (Some(_), Some(_)) => format!(
                        "a segment the pricing policy `{}` protects and excludes from {}s",
                        policy.id,
                        mechanic_words(promotion.mechanic)
                    ),
                    (Some(_), None) => {
                        format!("a segment the pricing policy `{}` protects", policy.id)
                    }
                    (None, Some(_)) => format!(
                        "a segment the pricing policy `{}` excludes from {}s",
                        policy.id,
                        mechanic_words(promotion.mechanic)
                    ),
                    (None, None) => continue,
                };
                let message = format!(
                    "the {} `{}` targets `{segment}`, {why}",
                    mechanic_words(promotion.mechanic),
                    init.id
                );
                let decision = policy.approvals.as_ref().map(|a| a.decision.as_str());
                let mut finding = ctx
                    .finding(&RULE, d, &format!("/segments/{i}"), message)
                    .help(format!(
                        "remove `{segment}` from `segments`, or have {} approve an Exception for \
                         `promotion-targets-protected-segment` on `{}`",
                        exception_approver(ctx, decision),
                        init.id
                    ));
                if let Some(k) = protected {
                    finding = finding.related(ctx.related(
                        p,
                        &format!("/protected_segments/{k}"),
                        format!("`{segment}` is protected"),
                    ));
                }
                if let Some(k) = excluded_at {
                    finding = finding.related(ctx.related(
                        p,
                        &format!("{excluded_pointer}/{k}"),
                        format!("no {}s for `{segment}`", mechanic_words(promotion.mechanic)),
                    ));
                }
                if let Some(decision) = decision {
                    finding = finding.decision(decision);
                }
                out.push(finding);
            }
        }
    }
}
