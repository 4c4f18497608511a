//! `deal-approved-by-wrong-role`: a deal approved by someone other than the
//! approver of the lowest ladder step that covers it, or a manager above.

use super::{covering_step, deal_words, exception_approver};
use crate::finding::Finding;
use crate::model::kinds::Deal;
use crate::numbers::pct;
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV016" "deal-approved-by-wrong-role", Deviation, Error, governance;
    summary: "A deal is approved by a role other than the ladder's approver for it or a manager above that approver.";
    examples: "deals.yaml", "deals.yaml";
    doc: r#"## What it does
For each Deal with `approved_by`, finds the lowest step of the approval
ladder of its PricingPolicy that covers it — the first step, in the
ladder's order, that applies to its size and customer tier (see
`deal-above-ladder`) and allows its `discount_pct` — and reports the
approval when `approved_by` is neither that step's `approver` nor a role
above the approver in `reports_to`. A deal the ladder does not cover is
`deal-above-ladder`'s, not this rule's.

With a ladder of 10% up to €50k (pricing manager) and 20% up to €250k (head
of pricing, who reports to the CCO), a €120k deal at 15% approved by the
pricing manager is one finding; approved by the head of pricing or the CCO
it is none.

It is a governance rule: only an approved Exception for the deal waives it.
The decision concerned is the policy's `approvals.decision`: the finding
names its Accountable, then up the reporting line.

## Why it matters
A discount signed below the level the ladder asks for is a decision taken by
someone the company did not give that right; at quarter end, it is how
margin leaks one reasonable-looking deal at a time.
"#;
    fix: r#"Have the step's approver (or a manager above) approve it:

```yaml
approved_by: head-of-pricing
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, deal) in model.all::<Deal>() {
        let Some(approved_by) = deal.approved_by.as_deref() else {
            continue;
        };
        let Some((p, policy)) = model.deal_policy(deal) else {
            continue;
        };
        let Some(approvals) = &policy.approvals else {
            continue;
        };
        let Some((k, step)) = covering_step(approvals, deal) else {
            continue;
        };
        let line = model.reporting_line(&step.approver);
        if line.steps.iter().any(|r| r == approved_by) {
            continue;
        }
        let message = format!(
            "{} at {} off is approved by `{approved_by}`, but step {} of the approval ladder of `{}` \
             (up to {}) is approved by `{}`",
            deal_words(deal),
            pct(deal.discount_pct.0),
            k + 1,
            policy.id,
            pct(step.max_discount_pct.0),
            step.approver
        );
        let above = if line.steps.len() > 1 {
            format!(" or a manager above (`{}`)", line.steps[1..].join("`, `"))
        } else {
            String::new()
        };
        out.push(
            ctx.finding(&RULE, d, "/approved_by", message)
                .related(ctx.related(
                    p,
                    &format!("/approvals/tiers/{k}/approver"),
                    format!("the lowest step covering this deal: `{}`", step.approver),
                ))
                .help(format!(
                    "have `{}`{above} approve the deal, or have {} approve an Exception for \
                     `deal-approved-by-wrong-role` on `{}`",
                    step.approver,
                    exception_approver(ctx, Some(&approvals.decision)),
                    deal.id
                ))
                .decision(approvals.decision.clone()),
        );
    }
}
