//! `initiative-channel-outside-markets`: an initiative uses a channel that
//! sells in none of the initiative's markets.

use crate::finding::Finding;
use crate::model::KindOf;
use crate::model::kinds::{Channel, Initiative};
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV003" "initiative-channel-outside-markets", Deviation, Error, governance;
    summary: "An initiative uses a channel that sells in none of the initiative's markets.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
For each channel in an initiative's `channels`, checks that the channel's
`markets` share at least one market with the initiative's `markets`, and
reports each channel item that shares none. Initiatives that list no markets,
and channels that list no markets, are not compared (there is nothing to
compare).

It is a governance rule: only an approved Exception for the initiative waives
it, and the finding names whom to escalate to (the Accountable of the
`governance.deviation_decision` of stratc.yaml, then up the reporting line).

## Why it matters
A channel that does not sell where the initiative runs cannot deliver it:
either the initiative plans to open the channel in a new market (which is a
channel decision of its own, with contracts and SLAs) or the plan names the
wrong channel and its budget and targets are built on sand.
"#;
    fix: r#"Use a channel that sells in the initiative's markets, or extend the channel
to the market first (through the channel onboarding decision):

```yaml
kind: Initiative
id: de-specialty-retail
type: channel
advances: [defend-home-market-margin]
markets: [de]
channels: [alpenhaus-retail]
status: approved
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, init) in ctx.model.all::<Initiative>() {
        if init.markets.is_empty() {
            continue;
        }
        for (c, pointer) in ctx.graph.targets(d, Edge::Uses) {
            let Some(channel) = <Channel as KindOf>::from_body(&ctx.model.docs[c].body) else {
                continue;
            };
            if channel.markets.is_empty()
                || channel.markets.iter().any(|m| init.markets.contains(m))
            {
                continue;
            }
            let message = format!(
                "the initiative `{}` uses channel `{}`, which sells in {} but in none of the \
                 initiative's markets ({})",
                init.id,
                channel.id,
                channel.markets.join(", "),
                init.markets.join(", "),
            );
            out.push(
                ctx.finding(&RULE, d, pointer, message)
                    .related(ctx.related(
                        c,
                        "/markets",
                        format!("`{}` sells in {}", channel.id, channel.markets.join(", ")),
                    ))
                    .help(format!(
                        "use a channel that sells in {}, remove `{}` from `channels`, or extend `{}` \
                         to the market first (add it to the channel's `markets` once it really sells there)",
                        init.markets.join(" or "),
                        channel.id,
                        channel.id,
                    )),
            );
        }
    }
}
