//! `approval-ladder-gap`: the discount approval ladder leaves discounts the
//! policy allows without an approver.

use super::math::{LadderGap, LadderStep, ladder_gap};
use super::pct_pair;
use crate::finding::Finding;
use crate::model::kinds::{ApprovalTier, PricingPolicy};
use crate::numbers::{greater, money, pct};
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "PR002" "approval-ladder-gap", Pricing, Error;
    summary: "The approval ladder leaves a range of allowed discounts without an approver.";
    examples: "policies/eu-pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
Takes the highest `max_discount_pct` of the PricingPolicy's categories — the
largest discount the policy allows anywhere — and checks that the
`approvals.tiers` give every discount up to it an approver. Each tier
approves discounts from 0 up to its `max_discount_pct`. Only tiers that
apply to all customers (no `customer_tiers`) count, since a tier for
`strategic` accounts leaves every other customer without an approver. A
tier with a `max_deal_size` covers only deals up to that size, so the
largest deals need a tier without one. The message names the uncovered
range, e.g. "discounts from 20% to 25% have no approver". A policy without
`approvals` or without categories is not checked.

## Why it matters
A discount that the policy allows but nobody may approve is either blocked
in the middle of a negotiation or, more often, granted without approval.
Either way the decision rights written in the strategy do not match what
the sales team can actually do.
"#;
    fix: r#"Add a tier that reaches the highest allowed discount (or lower the
categories' `max_discount_pct` to what the ladder covers):

```yaml
    - {max_discount_pct: 25, approver: cco}   # a new top tier under `tiers`
```
"#;
}

/// The largest deal-size limits of the tiers that reach above `from`, one
/// per currency in order of appearance: `EUR 250k` or `EUR 250k / USD 300k`.
fn largest_deal_sizes(tiers: &[&ApprovalTier], from: f64) -> String {
    let mut per_currency: Vec<(&str, f64)> = Vec::new();
    for tier in tiers.iter().filter(|t| greater(t.max_discount_pct.0, from)) {
        let Some(size) = &tier.max_deal_size else {
            continue;
        };
        match per_currency.iter_mut().find(|(c, _)| *c == size.currency) {
            Some((_, amount)) => *amount = amount.max(size.amount),
            None => per_currency.push((&size.currency, size.amount)),
        }
    }
    per_currency
        .iter()
        .map(|(currency, amount)| money(*amount, currency))
        .collect::<Vec<_>>()
        .join(" / ")
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, policy, approvals) in ctx.model.all_with(|x: &PricingPolicy| x.approvals.as_ref()) {
        // The category allowing the largest discount (the first on ties).
        let Some((top_cat, top)) =
            policy
                .categories
                .iter()
                .enumerate()
                .fold(None::<(usize, f64)>, |best, (i, c)| match best {
                    Some((_, b)) if c.max_discount_pct.0 <= b => best,
                    _ => Some((i, c.max_discount_pct.0)),
                })
        else {
            continue;
        };
        let general: Vec<&ApprovalTier> = approvals
            .tiers
            .iter()
            .filter(|t| t.customer_tiers.is_empty())
            .collect();
        let steps: Vec<LadderStep> = general
            .iter()
            .map(|t| LadderStep {
                max_discount_pct: t.max_discount_pct.0,
                deal_size_bounded: t.max_deal_size.is_some(),
            })
            .collect();
        let category = &policy.categories[top_cat].id;
        let (message, help) = match ladder_gap(&steps, top) {
            LadderGap::None => continue,
            LadderGap::AllDeals { from, to } => {
                let (from_text, to_text) = pct_pair(from, to);
                let range = if from > 0.0 {
                    format!("Discounts from {from_text} to {to_text} have no approver")
                } else {
                    format!("Discounts up to {to_text} have no approver")
                };
                let why = if approvals.tiers.is_empty() {
                    "the approval ladder has no tiers".to_owned()
                } else if general.is_empty() {
                    "no approval tier applies to all customers".to_owned()
                } else {
                    format!("the approval ladder for all customers stops at {from_text}")
                };
                let mut special: Vec<&str> = Vec::new();
                for tier in approvals
                    .tiers
                    .iter()
                    .filter(|t| greater(t.max_discount_pct.0, from))
                {
                    for name in &tier.customer_tiers {
                        if !special.contains(&name.as_str()) {
                            special.push(name);
                        }
                    }
                }
                let only = if special.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (only {} customers have an approver above {from_text})",
                        id_list(&special)
                    )
                };
                (
                    format!(
                        "{range}: {why}, but category `{category}` allows discounts up to {to_text}{only}"
                    ),
                    format!(
                        "Add an approval tier for all customers that approves discounts up to \
                         {to_text} (e.g. for the commercial director), or lower the categories' \
                         max_discount_pct to {from_text}."
                    ),
                )
            }
            LadderGap::LargeDeals { from, to } => {
                let (from_text, to_text) = pct_pair(from, to);
                let sizes = largest_deal_sizes(&general, from);
                let range = if from > 0.0 {
                    format!("discounts from {from_text} to {to_text} have no approver")
                } else {
                    format!("no discount up to {to_text} has an approver")
                };
                (
                    format!(
                        "For deals above {sizes}, {range}: the tiers that reach {to_text} \
                         (allowed by category `{category}`) are limited by max_deal_size"
                    ),
                    format!(
                        "Add a tier without max_deal_size that approves discounts up to \
                         {to_text}, or remove the deal-size limit of the top tier, so that \
                         large deals have an approver too."
                    ),
                )
            }
        };
        let mut finding = ctx
            .finding(&RULE, doc, "/approvals", message)
            .at(ctx.key_label(doc, "/approvals"))
            .related(ctx.related(
                doc,
                &format!("/categories/{top_cat}/max_discount_pct"),
                format!("category `{category}` allows up to {}", pct(top)),
            ))
            .help(help);
        // The tier for all customers that reaches highest (the first on ties).
        let highest_tier = approvals
            .tiers
            .iter()
            .enumerate()
            .filter(|(_, t)| t.customer_tiers.is_empty())
            .fold(None::<(usize, &ApprovalTier)>, |best, (i, t)| match best {
                Some((_, b)) if t.max_discount_pct.0 <= b.max_discount_pct.0 => best,
                _ => Some((i, t)),
            });
        if let Some((i, tier)) = highest_tier {
            let caption = match &tier.max_deal_size {
                Some(size) => format!(
                    "highest tier: up to {}, for deals up to {}",
                    pct(tier.max_discount_pct.0),
                    money(size.amount, &size.currency)
                ),
                _ => format!("highest tier: up to {}", pct(tier.max_discount_pct.0)),
            };
            finding = finding.related(ctx.related(
                doc,
                &format!("/approvals/tiers/{i}/max_discount_pct"),
                caption,
            ));
        }
        out.push(finding);
    }
}
