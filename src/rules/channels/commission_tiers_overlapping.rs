//! `commission-tiers-overlapping`: a channel's commission tiers whose
//! revenue bounds do not rise, or an open-ended tier before the last.

use crate::finding::Finding;
use crate::model::kinds::Channel;
use crate::numbers::{compact, greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH004" "commission-tiers-overlapping", Channels, Error;
    summary: "A channel's commission tiers overlap: `up_to` bounds do not rise, or a tier before the last has none.";
    examples: "channels/amazon-eu.yaml", "channels/amazon-eu.yaml";
    doc: r#"## What it does
Reads the `commission` tiers of each Channel in order. Each tier's `up_to`
(revenue in the market currency) must be higher than the bound of the tier
before it, and only the last tier may leave `up_to` out to run open-ended.
The finding points at the offending tier's `up_to`, or at the tier when an
open-ended tier is not the last one.

## Why it matters
Commission tiers decide which rate applies to each euro of partner revenue.
Overlapping or unordered bounds make two rates apply to the same revenue —
or none — so partner statements cannot be computed without a dispute.
"#;
    fix: r#"Order the tiers by rising revenue and leave only the last one open-ended:

```yaml
commission:
  - {up_to: 2000000, rate_pct: 15}
  - {up_to: 5000000, rate_pct: 12}
  - {rate_pct: 10}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, channel) in ctx.model.all::<Channel>() {
        let tiers = &channel.commission;
        // The previous bound: its tier and value.
        let mut previous: Option<(usize, f64)> = None;
        for (i, tier) in tiers.iter().enumerate() {
            let Some(bound) = tier.up_to else {
                if i + 1 < tiers.len() {
                    out.push(
                        ctx.finding(
                            &RULE,
                            doc,
                            &format!("/commission/{i}"),
                            format!(
                                "Commission tier {} of channel `{}` ({} commission) has no \
                                 `up_to`, so it covers all revenue above it, yet tier {} follows \
                                 it: only the last tier may be open-ended",
                                i + 1,
                                channel.id,
                                pct(tier.rate_pct.0),
                                i + 2
                            ),
                        )
                        // The tier's own line (a list item has no key of its own).
                        .at(ctx.key_label(doc, &format!("/commission/{i}/rate_pct")))
                        .help(
                            "Give this tier an `up_to` revenue bound, or move it to the end of \
                             the list.",
                        ),
                    );
                }
                continue;
            };
            if let Some((p, before)) = previous
                && !greater(bound, before)
            {
                out.push(
                    ctx.finding(
                        &RULE,
                        doc,
                        &format!("/commission/{i}/up_to"),
                        format!(
                            "Commission tier {} of channel `{}` ends at a revenue of {}, not \
                                 above the {} where tier {} ends: the tiers overlap, so two \
                                 rates claim the same revenue",
                            i + 1,
                            channel.id,
                            compact(bound),
                            compact(before),
                            p + 1
                        ),
                    )
                    .related(ctx.related(
                        doc,
                        &format!("/commission/{p}/up_to"),
                        format!("tier {} ends at {}", p + 1, compact(before)),
                    ))
                    .help(
                        "Order the commission tiers by rising revenue: each `up_to` must be \
                             higher than the one before.",
                    ),
                );
                continue;
            }
            previous = Some((i, bound));
        }
    }
}
