//! `channel-in-exclusive-territory`: a partner channel sells in a market
//! another partner holds as its exclusive territory.

use crate::finding::Finding;
use crate::model::kinds::{Channel, ChannelStatus};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH013" "channel-in-exclusive-territory", Channels, Error;
    summary: "A partner channel sells in a market another partner holds exclusively.";
    examples: "channels/channels.yaml", "channels/channels.yaml";
    doc: r#"## What it does
A Channel's `territories` are the markets where that partner holds exclusive
rights. Every other partner channel — marketplace, retail partner, reseller,
distributor — that is not `terminating` and lists one of those markets in
`markets` is reported, at that market. Our own DTC channels are not covered:
partner contracts bind the brand's other partners, and what the brand keeps
away from its own shop is in `reserved_segments` (`dtc-reserved-segment`).
In the example `trailhead-distribution` holds `us` exclusively, and the
reseller `peak-resellers` is set up to sell in `us` as well.

## Why it matters
Territory exclusivity is what a distributor pays for with volume
commitments and marketing. A second partner in the same territory breaks
the contract, invites a claim for damages, and sets the two partners
against each other on price.
"#;
    fix: r#"Take the market out of the other channel, or renegotiate the exclusivity:

```yaml
kind: Channel
id: peak-resellers
markets: [ca]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let partners: Vec<(usize, &Channel)> = ctx
        .model
        .all::<Channel>()
        .filter(|(_, c)| super::is_partner_type(c.kind) && c.status != ChannelStatus::Terminating)
        .collect();
    // Few channels hold territories: compare every channel with those only.
    let holders: Vec<(usize, &Channel)> = partners
        .iter()
        .copied()
        .filter(|(_, c)| !c.territories.is_empty())
        .collect();
    if holders.is_empty() {
        return;
    }
    for &(d, channel) in &partners {
        for (j, market) in channel.markets.iter().enumerate() {
            for &(h, holder) in &holders {
                if h == d {
                    continue;
                }
                let Some(k) = holder.territories.iter().position(|t| t == market) else {
                    continue;
                };
                out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        &format!("/markets/{j}"),
                        format!(
                            "{} `{}` sells in `{market}`, which `{}` holds as its exclusive \
                             territory",
                            super::type_words(channel.kind),
                            channel.id,
                            holder.id
                        ),
                    )
                    .related(ctx.related(
                        h,
                        &format!("/territories/{k}"),
                        format!("`{}` holds `{market}` exclusively", holder.id),
                    ))
                    .help(format!(
                        "remove `{market}` from the markets of `{}`, or renegotiate the \
                         exclusivity of `{}` and remove it from its `territories`",
                        channel.id, holder.id
                    )),
                );
            }
        }
    }
}
