//! `deal-above-ladder`: a deal's discount is above what any step of the
//! approval ladder allows for its size and customer tier.

use super::{deal_words, exception_approver, steps_for_deal};
use crate::finding::Finding;
use crate::model::kinds::Deal;
use crate::numbers::{greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV015" "deal-above-ladder", Deviation, Error, governance;
    summary: "A deal's discount is above what the approval ladder allows for its size and customer tier.";
    examples: "deals.yaml", "deals.yaml";
    doc: r#"## What it does
Finds the PricingPolicy a Deal is priced under (the first that lists its
`market`, else one that lists no markets) and the steps of its
`approvals.tiers` that apply to the deal: a step applies when its
`max_deal_size` (if any, in the deal's currency) is at least the
`deal_size` and its `customer_tiers` (if any) name the deal's
`customer_tier`. The deal is reported at its `discount_pct` when no
applying step allows that discount, naming the largest discount the ladder
does allow for it.

With a ladder of 10% up to €50k (pricing manager), 20% up to €250k (head of
pricing) and 35% for `strategic` customers only (CCO), a €400k deal with a
`key` customer at 18% is one finding (no step applies to €400k outside
`strategic`); the same deal for a `strategic` customer is none.

It is a governance rule: only an approved Exception for the deal waives it.
The decision concerned is the policy's `approvals.decision`: the finding
names its Accountable, then up the reporting line.

## Why it matters
The ladder is how the company decided who may give away how much margin on
which customer. A discount above it has no approver by design: it is the
case the exception process exists for, and it should not be signed in a
sales meeting.
"#;
    fix: r#"Bring the discount within the ladder for the deal's size and tier, or
raise the request as an Exception:

```yaml
discount_pct: 18
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, deal) in ctx.model.all::<Deal>() {
        let Some((p, policy)) = ctx.model.deal_policy(deal) else {
            continue;
        };
        let Some(approvals) = &policy.approvals else {
            continue;
        };
        let discount = deal.discount_pct.0;
        let best = steps_for_deal(approvals, deal)
            .max_by(|a, b| a.1.max_discount_pct.0.total_cmp(&b.1.max_discount_pct.0));
        let limit = best.map(|(_, step)| step.max_discount_pct.0);
        if limit.is_some_and(|l| !greater(discount, l)) {
            continue;
        }
        let message = match limit {
            Some(l) => format!(
                "{} asks {} off, above the {} the approval ladder of `{}` allows for its size and tier",
                deal_words(deal),
                pct(discount),
                pct(l),
                policy.id
            ),
            None => format!(
                "{} asks {} off, but no step of the approval ladder of `{}` applies to a deal of its size and tier",
                deal_words(deal),
                pct(discount),
                policy.id
            ),
        };
        let approver = exception_approver(ctx, Some(&approvals.decision));
        let mut finding = ctx
            .finding(&RULE, d, "/discount_pct", message)
            .help(match limit {
                Some(l) => format!(
                    "lower `discount_pct` to {} or less, or have {approver} approve an Exception for \
                     `deal-above-ladder` on `{}`",
                    pct(l),
                    deal.id
                ),
                None => format!(
                    "check `deal_size` and `customer_tier`, or have {approver} approve an Exception \
                     for `deal-above-ladder` on `{}`",
                    deal.id
                ),
            })
            .decision(approvals.decision.clone());
        if let Some((k, step)) = best {
            finding = finding.related(ctx.related(
                p,
                &format!("/approvals/tiers/{k}/max_discount_pct"),
                format!(
                    "the highest step for this deal: up to {}, approved by `{}`",
                    pct(step.max_discount_pct.0),
                    step.approver
                ),
            ));
        } else {
            finding = finding.related(
                ctx.key_label(p, "/approvals/tiers")
                    .with_text("no step applies to this size and tier"),
            );
        }
        out.push(finding);
    }
}
