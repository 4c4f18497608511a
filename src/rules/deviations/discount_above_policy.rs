//! `discount-above-policy`: an initiative's discount is above the maximum
//! discount the pricing policy allows for its categories.

use std::collections::HashMap;

use super::exception_approver;
use crate::finding::Finding;
use crate::model::kinds::{Initiative, PriceCategory, PricingPolicy};
use crate::model::{DocId, KindOf};
use crate::numbers::{greater, less, pct};
use crate::rules::ctx::Ctx;
use crate::words::and_list;

crate::rule! {
    "DV005" "discount-above-policy", Deviation, Error, governance;
    summary: "An initiative offers a discount above the pricing policy's maximum for its categories.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Finds the PricingPolicy documents that cover the initiative's `markets` (a
policy covers the markets it lists, or every market when it lists none; an
initiative that lists no markets is covered by every policy) and compares the initiative's
`discount_pct` with the `max_discount_pct` of each category in its
`categories`, as defined in those policies. Each policy is reported once,
naming every category whose limit the discount exceeds.

An initiative without `categories` is compared with the strictest (lowest)
`max_discount_pct` of the policies covering its markets. Initiatives in
markets that no policy covers are not compared (a category that no covering
policy defines is reported by `dangling-reference`).

It is a governance rule: only an approved Exception for the initiative waives
it. The decision concerned is the policy's `approvals.decision`: the finding
names its Accountable, then up the reporting line.

## Why it matters
The maximum discount of a category protects its floor margin. A deeper
discount sells below the margin the business agreed to, and if it goes
unapproved it becomes the new price expectation of customers and partners.
"#;
    fix: r#"Keep the discount within the category's maximum:

```yaml
discount_pct: 20
```

or, when the deeper discount is a deliberate one-off, have the Accountable of
the policy's approval decision approve an Exception:

```yaml
kind: Exception
id: tent-clearance-discount-exception
subject: tent-clearance
rule: discount-above-policy
decision: pricing.exception
approved_by: cco               # Accountable of pricing.exception
approved_on: 2027-06-14
expires: 2027-12-31
rationale: Clear the PFAS-treated tents before the ban instead of writing them off.
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let index = ctx.policies();
    // Category id -> the policies declaring it (first declaration in each),
    // in document order: an initiative is compared only with the policies
    // that price its categories, not with every policy of its markets.
    let mut by_category: HashMap<&str, Vec<(DocId, usize)>> = HashMap::new();
    for (p, policy) in model.all::<PricingPolicy>() {
        for (k, c) in policy.categories.iter().enumerate() {
            let list = by_category.entry(c.id.as_str()).or_default();
            if list.last().is_none_or(|&(last, _)| last != p) {
                list.push((p, k));
            }
        }
    }
    for (d, init) in model.all::<Initiative>() {
        let Some(discount) = init.discount_pct.map(|p| p.0) else {
            continue;
        };
        if init.categories.is_empty() {
            let policies = index.covering(&init.markets);
            if let Some(finding) = strictest_breach(ctx, d, init, discount, &policies) {
                out.push(finding);
            }
            continue;
        }
        let mut categories: Vec<&str> = Vec::new();
        for c in &init.categories {
            if !categories.contains(&c.as_str()) {
                categories.push(c);
            }
        }
        // (policy, the breached categories in the initiative's order).
        let mut breached: Vec<Breached<'_>> = Vec::new();
        for c in &categories {
            for &(p, k) in by_category.get(c).into_iter().flatten() {
                let Some(policy) = <PricingPolicy as KindOf>::from_body(&model.docs[p].body) else {
                    continue;
                };
                let category = &policy.categories[k];
                if !greater(discount, category.max_discount_pct.0) || !covers(policy, &init.markets)
                {
                    continue;
                }
                match breached.iter_mut().find(|(q, _, _)| *q == p) {
                    Some((_, _, list)) => list.push((k, category)),
                    None => breached.push((p, policy, vec![(k, category)])),
                }
            }
        }
        breached.sort_by_key(|&(p, _, _)| p);
        for (p, policy, breaches) in breached {
            let limits = match breaches.as_slice() {
                [(_, one)] => format!(
                    "the maximum discount of {} for `{}`",
                    pct(one.max_discount_pct.0),
                    one.id
                ),
                many => format!(
                    "the maximum discount for {}",
                    and_list(many.iter().map(|(_, c)| format!(
                        "`{}` ({})",
                        c.id,
                        pct(c.max_discount_pct.0)
                    )))
                ),
            };
            let lowest = breaches
                .iter()
                .map(|(_, c)| c.max_discount_pct.0)
                .fold(f64::INFINITY, f64::min);
            let message = format!(
                "the initiative `{}` offers {} off, above {limits} in the pricing policy `{}`",
                init.id,
                pct(discount),
                policy.id
            );
            let mut finding = ctx
                .finding(&RULE, d, "/discount_pct", message)
                .help(fix_help(ctx, init, policy, lowest));
            for (k, c) in &breaches {
                finding = finding.related(ctx.related(
                    p,
                    &format!("/categories/{k}/max_discount_pct"),
                    format!("`{}` allows at most {}", c.id, pct(c.max_discount_pct.0)),
                ));
            }
            if let Some(approvals) = &policy.approvals {
                finding = finding.decision(approvals.decision.clone());
            }
            out.push(finding);
        }
    }
}

/// A policy and the categories of it an initiative's discount exceeds
/// (with their index in the policy).
type Breached<'m> = (DocId, &'m PricingPolicy, Vec<(usize, &'m PriceCategory)>);

/// Whether a policy applies in these markets: it names one of them or none
/// (it covers all); an initiative without markets meets every policy.
fn covers(policy: &PricingPolicy, markets: &[String]) -> bool {
    markets.is_empty()
        || policy.markets.is_empty()
        || policy.markets.iter().any(|m| markets.contains(m))
}

/// Without categories: the discount against the strictest category of the
/// policies covering the initiative's markets.
fn strictest_breach(
    ctx: &Ctx<'_>,
    d: DocId,
    init: &Initiative,
    discount: f64,
    policies: &[(DocId, &PricingPolicy)],
) -> Option<Finding> {
    let mut strictest: Option<(DocId, &PricingPolicy, usize, &PriceCategory)> = None;
    for &(p, policy) in policies {
        for (k, c) in policy.categories.iter().enumerate() {
            if strictest.is_none_or(|(_, _, _, s)| less(c.max_discount_pct.0, s.max_discount_pct.0))
            {
                strictest = Some((p, policy, k, c));
            }
        }
    }
    let (p, policy, k, category) = strictest?;
    let limit = category.max_discount_pct.0;
    if !greater(discount, limit) {
        return None;
    }
    let message = format!(
        "the initiative `{}` offers {} off, above {}, the strictest maximum discount (`{}`) of the \
         pricing policy `{}` that covers its markets; it names no `categories` to compare with",
        init.id,
        pct(discount),
        pct(limit),
        category.id,
        policy.id
    );
    let mut finding = ctx
        .finding(&RULE, d, "/discount_pct", message)
        .related(ctx.related(
            p,
            &format!("/categories/{k}/max_discount_pct"),
            format!("`{}` allows at most {}", category.id, pct(limit)),
        ))
        .help(format!(
            "list the pricing `categories` the discount applies to, so each is checked against its own \
             limit; {}",
            fix_help(ctx, init, policy, limit)
        ));
    if let Some(approvals) = &policy.approvals {
        finding = finding.decision(approvals.decision.clone());
    }
    Some(finding)
}

/// How to fix: lower the discount, or get an Exception from the Accountable
/// of the policy's approval decision (or of the strategy deviation decision).
fn fix_help(ctx: &Ctx<'_>, init: &Initiative, policy: &PricingPolicy, limit: f64) -> String {
    let decision = policy.approvals.as_ref().map(|a| a.decision.as_str());
    let approver = exception_approver(ctx, decision);
    format!(
        "lower `discount_pct` to {} or less, or, for a deliberate one-off, have {approver} approve an \
         Exception for `discount-above-policy` on `{}`",
        pct(limit),
        init.id
    )
}
