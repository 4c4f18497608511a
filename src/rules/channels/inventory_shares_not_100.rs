//! `inventory-shares-not-100`: the inventory shares of the active channels
//! selling in a market do not add up to 100%.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::{Channel, ChannelStatus};
use crate::model::refs::Edge;
use crate::numbers::{approx_eq, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH003" "inventory-shares-not-100", Channels, Error;
    summary: "The inventory shares of the active channels selling in a market do not add up to 100%.";
    examples: "channels/alpenhaus-retail.yaml", "channels/alpenhaus-retail.yaml";
    doc: r#"## What it does
For each market, adds up the `inventory_share_pct` of the active channels
that sell there and declare one, and reports a sum other than 100, naming
the market and the sum. Markets where no active channel declares a share
are not checked; a channel selling in several markets counts its share in
each of them. The finding points at the share of the first channel selling
in the market; the other channels' shares are shown beside it.

## Why it matters
Inventory shares split a market's stock between its channels. Shares that
add up to less than 100% leave stock allocated to nobody; more than 100%
promises channels stock that does not exist, and the first to order wins.
"#;
    fix: r#"Make the shares of the active channels in each market add up to 100:

```yaml
inventory_share_pct: 35
```
"#;
}

/// The active channels of one market that declare a share, in model order.
struct MarketShares {
    market: DocId,
    channels: Vec<(DocId, f64)>,
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let mut markets: Vec<MarketShares> = Vec::new();
    let mut index: HashMap<DocId, usize> = HashMap::new();
    for (doc, channel) in ctx.model.all::<Channel>() {
        if channel.status != ChannelStatus::Active {
            continue;
        }
        let Some(share) = channel.inventory_share_pct else {
            continue;
        };
        let mut seen: Vec<DocId> = Vec::new();
        for (market, _) in ctx.graph.targets(doc, Edge::SellsIn) {
            if seen.contains(&market) {
                continue;
            }
            seen.push(market);
            let slot = *index.entry(market).or_insert_with(|| {
                markets.push(MarketShares {
                    market,
                    channels: Vec::new(),
                });
                markets.len() - 1
            });
            markets[slot].channels.push((doc, share.0));
        }
    }
    for shares in &markets {
        let sum: f64 = shares.channels.iter().map(|(_, s)| s).sum();
        if approx_eq(sum, 100.0) {
            continue;
        }
        let market = ctx.model.docs[shares.market].id();
        let id_of = |d: DocId| ctx.model.docs[d].id();
        let parts: Vec<String> = shares
            .channels
            .iter()
            .map(|&(d, s)| format!("`{}` {}", id_of(d), pct(s)))
            .collect();
        let consequence = if sum < 100.0 {
            format!(
                "{} of the stock is allocated to no channel",
                pct(100.0 - sum)
            )
        } else {
            format!(
                "the channels are promised {} more stock than there is",
                pct(sum - 100.0)
            )
        };
        let (first, _) = shares.channels[0];
        let mut finding = ctx
            .finding(
                &RULE,
                first,
                "/inventory_share_pct",
                format!(
                    "In market `{market}`, the inventory shares of the active channels add up \
                     to {} ({}), not 100%: {consequence}",
                    pct(sum),
                    parts.join(" + ")
                ),
            )
            .related(ctx.related(shares.market, "/id", format!("market `{market}`")));
        for &(d, s) in &shares.channels[1..] {
            finding = finding.related(ctx.related(
                d,
                "/inventory_share_pct",
                format!("`{}`: {}", id_of(d), pct(s)),
            ));
        }
        out.push(finding.help(format!(
            "Adjust the inventory_share_pct of the active channels selling in `{market}` so they \
             add up to 100%."
        )));
    }
}
