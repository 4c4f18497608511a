//! `experiment-on-protected-segment`: a discount test shown to a segment
//! whose price integrity the pricing policy protects.

use super::exception_approver;
use crate::finding::Finding;
use crate::model::kinds::Experiment;
use crate::numbers::{greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV031" "experiment-on-protected-segment", Deviation, Error, governance;
    summary: "An experiment with a discount variant targets a segment the pricing policy protects.";
    examples: "experiments.yaml", "experiments.yaml";
    doc: r#"## What it does
For every experiment with at least one variant whose `discount_pct` is above
0, looks at the PricingPolicy documents covering its `markets` (every policy
when it lists none) and reports each of its `segments` that one of them
lists in `protected_segments`. The finding points at the segment in
`segments` and names the policy and the deepest variant.

Worked example: the policy protects `mountain-pros` (professional buyers
served by the retail partner at list price). An experiment on the
segments `outdoor-newcomers` and `mountain-pros` with a 25% variant is
reported once, for `mountain-pros`; the same experiment testing only page
layouts (every variant at 0%) is not.

It is a governance rule: only an approved Exception waives it; the decision
concerned is the policy's `approvals.decision`.

## Why it matters
Protected segments are where the business promised price integrity —
to partners who serve them, or to customers who pay list price for
service. A test that shows a quarter of them a discount breaks that promise
for real customers and leaks the discount to everyone they talk to.
"#;
    fix: r#"Leave the protected segment out of the experiment:

```yaml
segments: [outdoor-newcomers]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let index = ctx.policies();
    for (d, x) in model.all::<Experiment>() {
        let Some(deepest) = x
            .variants
            .iter()
            .filter(|v| v.discount_pct.is_some_and(|p| greater(p.0, 0.0)))
            .max_by(|a, b| {
                let key = |v: &&crate::model::kinds::Variant| v.discount_pct.map_or(0.0, |p| p.0);
                key(a).total_cmp(&key(b))
            })
        else {
            continue;
        };
        let policies = index.covering(&x.markets);
        for (i, segment) in x.segments.iter().enumerate() {
            let Some((p, policy, k)) = policies.iter().find_map(|&(p, policy)| {
                policy
                    .protected_segments
                    .iter()
                    .position(|s| s == segment)
                    .map(|k| (p, policy, k))
            }) else {
                continue;
            };
            let decision = policy.approvals.as_ref().map(|a| a.decision.clone());
            let approver = exception_approver(ctx, decision.as_deref());
            let message = format!(
                "experiment `{}` shows the segment `{segment}` a discount (variant `{}`, {} off), but the pricing policy `{}` protects the price integrity of `{segment}`",
                x.id,
                deepest.id,
                pct(deepest.discount_pct.map_or(0.0, |p| p.0)),
                policy.id
            );
            let mut finding = ctx
                .finding(&RULE, d, &format!("/segments/{i}"), message)
                .related(ctx.related(
                    p,
                    &format!("/protected_segments/{k}"),
                    format!("`{segment}` is protected here"),
                ))
                .help(format!(
                    "remove `{segment}` from the experiment's `segments`, or have {approver} approve an \
                     Exception for `experiment-on-protected-segment` on `{}`",
                    x.id
                ));
            if let Some(decision) = decision {
                finding = finding.decision(decision);
            }
            out.push(finding);
        }
    }
}
