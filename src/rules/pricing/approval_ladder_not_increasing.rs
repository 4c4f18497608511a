//! `approval-ladder-not-increasing`: each step of a discount approval ladder
//! must allow a higher discount than the steps before it.

use super::math::not_increasing;
use super::pct_pair;
use crate::finding::Finding;
use crate::model::kinds::{ApprovalTier, PricingPolicy};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR001" "approval-ladder-not-increasing", Pricing, Error;
    summary: "A step of the discount approval ladder does not allow a higher discount than the steps before it.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
Reads the `approvals.tiers` of each PricingPolicy in the order written and
checks that every tier's `max_discount_pct` is higher than that of every
earlier tier of the same ladder. Tiers without `customer_tiers` apply to all
customers and form the main ladder; tiers limited to some `customer_tiers`
(e.g. `strategic`) form a separate ladder for each customer tier they name.
A `max_deal_size` does not start a new ladder. The finding points at the
tier's `max_discount_pct` and shows the earlier tier it does not rise above.

## Why it matters
An approval ladder sends larger discounts to more senior approvers. When a
later step allows the same or a smaller discount than an earlier one, it is
unclear who approves what: the senior approver's step adds nothing, or a
junior approver can sign off more than their manager.
"#;
    fix: r#"List the tiers from the smallest discount to the largest, each allowing more
than the one before:

```yaml
  tiers:
    - {max_discount_pct: 10, approver: pricing-manager}
    - {max_discount_pct: 20, approver: head-of-pricing}
    - {max_discount_pct: 35, approver: cco}
```
"#;
}

/// One ladder: the customer tier it is for (`None`: all customers) and the
/// indexes of its tiers in the policy.
struct Ladder<'a> {
    customer_tier: Option<&'a str>,
    tiers: Vec<usize>,
}

fn ladders(tiers: &[ApprovalTier]) -> Vec<Ladder<'_>> {
    let mut out = vec![Ladder {
        customer_tier: None,
        tiers: Vec::new(),
    }];
    for (i, tier) in tiers.iter().enumerate() {
        if tier.customer_tiers.is_empty() {
            out[0].tiers.push(i);
        }
        for name in &tier.customer_tiers {
            match out
                .iter_mut()
                .find(|l| l.customer_tier == Some(name.as_str()))
            {
                Some(ladder) => ladder.tiers.push(i),
                None => out.push(Ladder {
                    customer_tier: Some(name),
                    tiers: vec![i],
                }),
            }
        }
    }
    out
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, _, approvals) in ctx.model.all_with(|x: &PricingPolicy| x.approvals.as_ref()) {
        let tiers = &approvals.tiers;
        let mut reported = vec![false; tiers.len()];
        for ladder in ladders(tiers) {
            let values: Vec<f64> = ladder
                .tiers
                .iter()
                .map(|&i| tiers[i].max_discount_pct.0)
                .collect();
            for (at, earlier) in not_increasing(&values) {
                let (i, e) = (ladder.tiers[at], ladder.tiers[earlier]);
                if std::mem::replace(&mut reported[i], true) {
                    continue;
                }
                let (mine, theirs) =
                    pct_pair(tiers[i].max_discount_pct.0, tiers[e].max_discount_pct.0);
                let whose = match ladder.customer_tier {
                    None => String::new(),
                    Some(name) => format!(" for `{name}` customers"),
                };
                let message = format!(
                    "Approval tier {}{whose} (approver `{}`) allows discounts up to {mine}, \
                     no more than the earlier tier {} (approver `{}`, up to {theirs}): \
                     each step up the ladder must allow a higher discount",
                    i + 1,
                    tiers[i].approver,
                    e + 1,
                    tiers[e].approver,
                );
                out.push(
                    ctx.finding(
                        &RULE,
                        doc,
                        &format!("/approvals/tiers/{i}/max_discount_pct"),
                        message,
                    )
                    .related(ctx.related(
                        doc,
                        &format!("/approvals/tiers/{e}/max_discount_pct"),
                        format!("tier {} already allows {theirs}", e + 1),
                    ))
                    .help(
                        "List the tiers from the smallest discount to the largest, each allowing \
                         more than the one before; merge tiers that allow the same discount.",
                    ),
                );
            }
        }
    }
}
