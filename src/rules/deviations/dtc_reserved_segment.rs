//! `dtc-reserved-segment`: an initiative on an own (DTC) channel targets a
//! segment that a partner channel in one of its markets reserves.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::kinds::{Channel, ChannelType, Initiative};
use crate::model::refs::Edge;
use crate::model::{DocId, KindOf};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV004" "dtc-reserved-segment", Deviation, Error, governance;
    summary: "An initiative on an own (DTC) channel targets a segment that a partner channel reserves in the same market.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
For each initiative that uses at least one `owned_dtc` channel, looks at every
segment in its `segments`. If a partner channel (any other channel type:
marketplace, retail partner, reseller, distributor) sells in one of the
initiative's `markets` and lists that segment in its `reserved_segments`, the
segment item is reported, naming the partner and the market.

It is a governance rule: only an approved Exception for the initiative waives
it, and the finding names whom to escalate to (the Accountable of the
`governance.deviation_decision` of stratc.yaml, then up the reporting line).

## Why it matters
Reserved segments are promises to partners — often written into the contract
— that the brand will not go after their customers directly. Targeting them
from the own web shop breaches that promise, invites channel conflict and can
cost the partnership.
"#;
    fix: r#"Target another segment on the own channel, or serve the reserved segment
through the partner:

```yaml
kind: Initiative
id: pro-webshop-offer
type: promotion
advances: [grow-dtc-profitably]
markets: [de]
channels: [webshop-eu]
segments: [outdoor-newcomers]
status: approved
```
"#;
}

/// One reservation: the partner channel and the index of the segment in its
/// `reserved_segments`.
type Reservation = (DocId, usize);

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    // (market, segment) -> partner channels reserving the segment there.
    let mut reserved: HashMap<(&str, &str), Vec<Reservation>> = HashMap::new();
    for (c, channel) in model.all::<Channel>() {
        if channel.kind == ChannelType::OwnedDtc {
            continue;
        }
        for market in &channel.markets {
            for (j, segment) in channel.reserved_segments.iter().enumerate() {
                reserved.entry((market, segment)).or_default().push((c, j));
            }
        }
    }
    if reserved.is_empty() {
        return;
    }
    for (d, init) in model.all::<Initiative>() {
        let dtc: Vec<(DocId, &str)> = ctx
            .graph
            .targets(d, Edge::Uses)
            .filter(|&(c, _)| {
                <Channel as KindOf>::from_body(&model.docs[c].body)
                    .is_some_and(|ch| ch.kind == ChannelType::OwnedDtc)
            })
            .collect();
        let Some(&(first_dtc, dtc_pointer)) = dtc.first() else {
            continue;
        };
        for (s, pointer) in ctx.graph.targets(d, Edge::Targets) {
            let segment = model.docs[s].id();
            // Partner channels reserving the segment, each with the markets concerned.
            let mut partners: Vec<(Reservation, Vec<&str>)> = Vec::new();
            for market in &init.markets {
                for &r in reserved
                    .get(&(market.as_str(), segment))
                    .into_iter()
                    .flatten()
                {
                    match partners.iter_mut().find(|(seen, _)| *seen == r) {
                        Some((_, markets)) if !markets.contains(&market.as_str()) => {
                            markets.push(market)
                        }
                        Some(_) => {}
                        None => partners.push((r, vec![market])),
                    }
                }
            }
            if partners.is_empty() {
                continue;
            }
            partners.sort_by_key(|&((c, _), _)| c);
            let who: Vec<String> = partners
                .iter()
                .map(|((c, _), markets)| {
                    let kind = <Channel as KindOf>::from_body(&model.docs[*c].body).map_or_else(
                        || "partner".to_owned(),
                        |ch| ch.kind.as_str().replace('_', " "),
                    );
                    format!(
                        "`{}` ({kind}) in {}",
                        model.docs[*c].id(),
                        markets.join(", ")
                    )
                })
                .collect();
            let message = format!(
                "the initiative `{}` targets segment `{segment}` through the own channel `{}`, \
                 but the segment is reserved for {}",
                init.id,
                model.docs[first_dtc].id(),
                who.join(" and "),
            );
            let mut finding = ctx
                .finding(&RULE, d, pointer, message)
                .related(ctx.related(d, dtc_pointer, "own (DTC) channel"))
                .help(format!(
                    "target another segment on the own channel, serve `{segment}` through the partner, \
                     or agree the change with the partner and remove `{segment}` from its `reserved_segments`"
                ));
            for ((c, j), markets) in &partners {
                finding = finding.related(ctx.related(
                    *c,
                    &format!("/reserved_segments/{j}"),
                    format!(
                        "`{}` reserves `{segment}` in {}",
                        model.docs[*c].id(),
                        markets.join(", ")
                    ),
                ));
            }
            out.push(finding);
        }
    }
}
