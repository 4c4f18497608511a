//! `experiment-discount-above-policy`: an A/B test variant shows a discount
//! above what the pricing policy allows in the experiment's markets.

use super::exception_approver;
use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::{Experiment, PriceCategory, PricingPolicy};
use crate::numbers::{greater, less, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV030" "experiment-discount-above-policy", Deviation, Error, governance;
    summary: "An experiment variant shows a discount above the pricing policy's maximum.";
    examples: "experiments.yaml", "experiments.yaml";
    doc: r#"## What it does
Finds the PricingPolicy documents that cover the experiment's `markets`
(every policy when it lists none) and compares the `discount_pct` of each
variant with the `max_discount_pct` of the experiment's `categories` in
those policies — or, when the experiment names no categories, with the
strictest (lowest) maximum of any category of those policies. The finding
points at the variant's `discount_pct` and names the limit; with several
policies, the strictest one breached is named.

Worked example: the policy caps `technical-apparel` at 30%. An experiment
on `technical-apparel` with the variants `control` (0%), `percent-off` (25%)
and `deep-percent-off` (35%) breaks it with `deep-percent-off`: 35% is 5
points above the 30% maximum.

It is a governance rule: only an approved Exception for the experiment
waives it. The decision concerned is the policy's `approvals.decision`.

## Why it matters
A test arm is a real price, seen by real customers: a variant that shows
35% off where the policy stops at 30% sells below the floor margin the
maximum protects, and teaches customers a price the business never agreed
to. "It is only a test" is how unapproved discounts become the default.
"#;
    fix: r#"Keep every variant within the policy, or have the Accountable of the
policy's approval decision approve an Exception for the experiment:

```yaml
variants:
  - {id: control, discount_pct: 0}
  - {id: percent-off, discount_pct: 25}
  - {id: euro-off, discount_pct: 25, description: "EUR 40 off instead of 25%"}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let index = ctx.policies();
    for (d, x) in model.all::<Experiment>() {
        let policies = index.covering(&x.markets);
        // The strictest cap that applies: (policy doc, policy, category index, category).
        let mut strictest: Option<(DocId, &PricingPolicy, usize, &PriceCategory)> = None;
        for &(p, policy) in &policies {
            for (k, c) in policy.categories.iter().enumerate() {
                if !x.categories.is_empty() && !x.categories.contains(&c.id) {
                    continue;
                }
                if strictest
                    .is_none_or(|(_, _, _, s)| less(c.max_discount_pct.0, s.max_discount_pct.0))
                {
                    strictest = Some((p, policy, k, c));
                }
            }
        }
        let Some((p, policy, k, category)) = strictest else {
            continue;
        };
        let limit = category.max_discount_pct.0;
        for (j, v) in x.variants.iter().enumerate() {
            let Some(discount) = v.discount_pct.map(|x| x.0) else {
                continue;
            };
            if !greater(discount, limit) {
                continue;
            }
            let scope = if x.categories.is_empty() {
                format!(
                    "the strictest maximum discount of the pricing policy `{}` (`{}`; the experiment names no `categories`)",
                    policy.id, category.id
                )
            } else {
                format!(
                    "the maximum discount for `{}` in the pricing policy `{}`",
                    category.id, policy.id
                )
            };
            let message = format!(
                "the variant `{}` of experiment `{}` shows {} off, {} above {}, {scope}",
                v.id,
                x.id,
                pct(discount),
                crate::numbers::pp(discount - limit),
                pct(limit)
            );
            let decision = policy.approvals.as_ref().map(|a| a.decision.clone());
            let approver = exception_approver(ctx, decision.as_deref());
            let mut finding = ctx
                .finding(&RULE, d, &format!("/variants/{j}/discount_pct"), message)
                .related(ctx.related(
                    p,
                    &format!("/categories/{k}/max_discount_pct"),
                    format!("`{}` allows at most {}", category.id, pct(limit)),
                ))
                .help(format!(
                    "lower the variant's `discount_pct` to {} or less, or have {approver} approve an \
                     Exception for `experiment-discount-above-policy` on `{}`",
                    pct(limit),
                    x.id
                ));
            if let Some(decision) = decision {
                finding = finding.decision(decision);
            }
            out.push(finding);
        }
    }
}
