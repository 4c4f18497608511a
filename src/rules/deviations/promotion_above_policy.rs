//! `promotion-above-policy`: a flash sale or competitor match deeper or
//! longer than the pricing policy's `promotions` allow.

use super::{exception_approver, mechanic_words};
use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::{Initiative, PricingPolicy, PromotionMechanic};
use crate::numbers::{greater, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV011" "promotion-above-policy", Deviation, Error, governance;
    summary: "A flash sale or competitor match is deeper or longer than the pricing policy's promotion rules allow.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Reads the `promotion` of each initiative and compares it with the
`promotions` of every PricingPolicy covering its markets:

- a `flash_sale` whose `discount_pct` is above
  `promotions.flash_sales.max_discount_pct`, or whose
  `promotion.duration_hours` is above `max_duration_hours`;
- a `competitor_match` when `promotions.match_competitors.allowed` is
  false, or whose `discount_pct` is above its `max_discount_pct`.

A 30% flash sale under a policy whose flash sales go up to 10% is reported
at its `discount_pct`, even though its category allows 25% in general
(`discount-above-policy` compares with the category, this rule with the
mechanic); a 72-hour flash sale against a 48-hour limit is reported at its
`duration_hours`. Seasonal, clearance and bundle promotions are compared with
their categories only.

It is a governance rule: only an approved Exception for the initiative waives
it. The decision concerned is the policy's `approvals.decision`: the finding
names its Accountable, then up the reporting line.

## Why it matters
Flash sales and price matches are allowed because they are short and
shallow. A deeper or longer one teaches customers to wait for the next sale
and moves the reference price for everybody, not only for the few hours the
policy had in mind.
"#;
    fix: r#"Bring the promotion within the limits:

```yaml
discount_pct: 10
promotion:
  mechanic: flash_sale
  duration_hours: 48
```

or, for a deliberate one-off, have the Accountable of the policy's approval
decision approve an Exception for `promotion-above-policy` on the initiative.
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, init, promotion) in ctx.model.all_with(|x: &Initiative| x.promotion.as_ref()) {
        let discount = init.discount_pct.map(|p| p.0);
        for (p, policy) in ctx.policies().covering(&init.markets) {
            let Some(rules) = &policy.promotions else {
                continue;
            };
            match promotion.mechanic {
                PromotionMechanic::FlashSale => {
                    let Some(flash) = &rules.flash_sales else {
                        continue;
                    };
                    let limit = flash.max_discount_pct.0;
                    if let Some(discount) = discount.filter(|&x| greater(x, limit)) {
                        let message = format!(
                            "the flash sale `{}` offers {} off, above the {} the pricing policy `{}` allows for flash sales",
                            init.id,
                            pct(discount),
                            pct(limit),
                            policy.id
                        );
                        let help = format!("lower `discount_pct` to {} or less", pct(limit));
                        out.push(deviation(
                            ctx,
                            (d, init),
                            (p, policy),
                            (
                                "/discount_pct",
                                "/promotions/flash_sales/max_discount_pct",
                                format!("flash sales go up to {}", pct(limit)),
                            ),
                            message,
                            help,
                        ));
                    }
                    if let (Some(hours), Some(max)) =
                        (promotion.duration_hours, flash.max_duration_hours)
                        && greater(hours, max)
                    {
                        let message = format!(
                            "the flash sale `{}` runs {} hours, longer than the {} hours the pricing policy `{}` allows",
                            init.id,
                            plain(hours, 1),
                            plain(max, 1),
                            policy.id
                        );
                        let help = format!(
                            "shorten `promotion.duration_hours` to {} or less, or run it as a seasonal promotion within the category limits",
                            plain(max, 1)
                        );
                        out.push(deviation(
                            ctx,
                            (d, init),
                            (p, policy),
                            (
                                "/promotion/duration_hours",
                                "/promotions/flash_sales/max_duration_hours",
                                format!("flash sales last at most {} hours", plain(max, 1)),
                            ),
                            message,
                            help,
                        ));
                    }
                }
                PromotionMechanic::CompetitorMatch => {
                    let Some(matching) = &rules.match_competitors else {
                        continue;
                    };
                    if !matching.allowed {
                        let message = format!(
                            "the initiative `{}` matches competitors' prices, which the pricing policy `{}` does not allow",
                            init.id, policy.id
                        );
                        out.push(deviation(
                            ctx,
                            (d, init),
                            (p, policy),
                            (
                                "/promotion/mechanic",
                                "/promotions/match_competitors/allowed",
                                "competitor matching is not allowed".to_owned(),
                            ),
                            message,
                            "choose another mechanic".to_owned(),
                        ));
                        continue;
                    }
                    let Some(limit) = matching.max_discount_pct.map(|x| x.0) else {
                        continue;
                    };
                    if let Some(discount) = discount.filter(|&x| greater(x, limit)) {
                        let message = format!(
                            "the {} `{}` offers {} off, above the {} up to which the pricing policy `{}` matches competitors",
                            mechanic_words(promotion.mechanic),
                            init.id,
                            pct(discount),
                            pct(limit),
                            policy.id
                        );
                        out.push(deviation(
                            ctx,
                            (d, init),
                            (p, policy),
                            (
                                "/discount_pct",
                                "/promotions/match_competitors/max_discount_pct",
                                format!("matches go up to {}", pct(limit)),
                            ),
                            message,
                            format!("lower `discount_pct` to {} or less", pct(limit)),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
}

/// One finding: at the initiative's field, the policy's limit as a related
/// place, escalated under the policy's approval decision.
fn deviation(
    ctx: &Ctx<'_>,
    (d, init): (DocId, &Initiative),
    (p, policy): (DocId, &PricingPolicy),
    (pointer, limit_pointer, limit_text): (&str, &str, String),
    message: String,
    fix: String,
) -> Finding {
    let decision = policy.approvals.as_ref().map(|a| a.decision.as_str());
    let approver = exception_approver(ctx, decision);
    let mut finding = ctx
        .finding(&RULE, d, pointer, message)
        .related(ctx.related(p, limit_pointer, limit_text))
        .help(format!(
            "{fix}, or, for a deliberate one-off, have {approver} approve an Exception for \
             `promotion-above-policy` on `{}`",
            init.id
        ));
    if let Some(decision) = decision {
        finding = finding.decision(decision);
    }
    finding
}
