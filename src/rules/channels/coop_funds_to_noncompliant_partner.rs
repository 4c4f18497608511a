//! `coop-funds-to-noncompliant-partner`: the co-op budget funds a partner
//! whose brand compliance the channel policy requires but that is not
//! brand-compliant (or not assessed).

use crate::finding::Finding;
use crate::model::kinds::{BrandControl, Budget, Channel, ChannelPolicy};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH012" "coop-funds-to-noncompliant-partner", Channels, Error;
    summary: "The co-op budget funds a partner that is not brand-compliant.";
    examples: "budget.yaml", "budget.yaml";
    doc: r#"## What it does
When a ChannelPolicy's `coop_funds` has `requires_brand_compliance: true` and
names the `budget` the funds are paid from, checks every allocation of that
Budget that goes to a Channel: the channel's `assessment.brand_control` must
be `full` (we run the storefront) or `guidelines` (the partner presents us
under our brand guidelines and we approve the creative). `none`, or no
assessment, is reported. In the example the co-op budget gives 25% (EUR
350k of EUR 1.4M) to `discount-outdoor`, whose brand control is `none`.

## Why it matters
Co-op funds pay for the partner's marketing of our brand. Paid to a partner
that does not follow the brand guidelines, they finance discount banners and
off-brand creative — the opposite of what the funds are for — and make the
compliance condition of every other partner's contract unenforceable.
"#;
    fix: r#"Move the allocation to brand-compliant partners, or record that the partner
now follows the guidelines:

```yaml
kind: Channel
id: discount-outdoor
assessment:
  brand_control: guidelines
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (p, policy) in ctx.model.all::<ChannelPolicy>() {
        let Some(coop) = &policy.coop_funds else {
            continue;
        };
        if !coop.requires_brand_compliance {
            continue;
        }
        let Some((b, budget)) = coop
            .budget
            .as_deref()
            .and_then(|id| ctx.model.get::<Budget>(id))
        else {
            continue;
        };
        for (i, allocation) in budget.allocations.iter().enumerate() {
            let Some((c, channel)) = ctx.model.get::<Channel>(&allocation.to) else {
                continue;
            };
            let control = channel.assessment.as_ref().and_then(|a| a.brand_control);
            let why = match control {
                Some(BrandControl::Full | BrandControl::Guidelines) => continue,
                Some(BrandControl::None) => {
                    "does not follow our brand guidelines (brand control `none`)"
                }
                None => "has no recorded brand-control assessment",
            };
            let amount = allocation.share_pct.0 / 100.0 * budget.total.amount;
            let mut finding = ctx
                .finding(
                    &RULE,
                    b,
                    &format!("/allocations/{i}/to"),
                    format!(
                        "the co-op budget `{}` gives {} ({}) to `{}`, which {why}; `{}` pays co-op \
                         funds only against brand-compliant creative",
                        budget.id,
                        crate::numbers::pct(allocation.share_pct.0),
                        crate::numbers::money(amount, &budget.total.currency),
                        channel.id,
                        policy.id
                    ),
                )
                .related(ctx.related(
                    p,
                    "/coop_funds/requires_brand_compliance",
                    "co-op funds require brand compliance",
                ));
            finding = if control.is_some() {
                finding.related(ctx.related(
                    c,
                    "/assessment/brand_control",
                    format!("brand control of `{}`", channel.id),
                ))
            } else {
                finding.related(ctx.related(c, "/id", format!("`{}` is defined here", channel.id)))
            };
            out.push(finding.help(format!(
                "move the allocation to brand-compliant partners, or record under \
                 `assessment.brand_control` of `{}` that it follows the guidelines once it does",
                channel.id
            )));
        }
    }
}
