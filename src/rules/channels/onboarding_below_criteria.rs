//! `onboarding-below-criteria`: a channel being onboarded has no
//! assessment against the policy's onboarding criteria, or misses them.

use crate::finding::Finding;
use crate::model::kinds::{Channel, ChannelPolicy, ChannelStatus};
use crate::numbers::{greater, less, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH011" "onboarding-below-criteria", Channels, Error;
    summary: "A channel being onboarded misses the policy's onboarding criteria, or was not assessed against them.";
    examples: "channels/channels.yaml", "channels/channels.yaml";
    doc: r#"## What it does
For every Channel with `status: onboarding`, compares its `assessment` with
the `onboarding` criteria of each ChannelPolicy: `reach_pct` must be at
least `min_incremental_reach_pct`, and `margin_erosion_pct` at most
`max_margin_erosion_pct`. A channel without the assessment figure a
criterion needs is reported too. In the example the policy asks for 15% new
reach and at most 4 points of margin erosion; `outlet-marketplace` brings
9% new reach (6 points short) and erodes 5.5 points of margin (1.5 over).

## Why it matters
Every new partner adds complexity: feeds, SLAs, price monitoring,
negotiations. The onboarding bar says a partner is worth it only if it
brings customers no other channel reaches at a margin cost the plan allows.
A channel onboarded below the bar — or without anyone checking — dilutes
margin and channel control for little new business.
"#;
    fix: r#"Record the assessment, and onboard only a channel that clears the bar (or
approve the exception):

```yaml
status: onboarding
assessment:
  reach_pct: 18
  margin_erosion_pct: 3.5
  brand_control: guidelines
  fulfilment: partner
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (p, policy) in ctx.model.all::<ChannelPolicy>() {
        let Some(criteria) = &policy.onboarding else {
            continue;
        };
        for (d, channel) in ctx.model.all::<Channel>() {
            if channel.status != ChannelStatus::Onboarding {
                continue;
            }
            let assessment = channel.assessment.as_ref();
            let mut missing = Vec::new();
            if let Some(min) = criteria.min_incremental_reach_pct {
                let criterion = ctx.related(
                    p,
                    "/onboarding/min_incremental_reach_pct",
                    format!("at least {} new reach", pct(min.0)),
                );
                match assessment.and_then(|a| a.reach_pct) {
                    Some(reach) if less(reach.0, min.0) => out.push(
                        ctx.finding(
                            &RULE,
                            d,
                            "/assessment/reach_pct",
                            format!(
                                "`{}` is being onboarded with {} new reach, {} short of the {} \
                                 that `{}` requires",
                                channel.id,
                                pct(reach.0),
                                crate::numbers::pp(min.0 - reach.0),
                                pct(min.0),
                                policy.id
                            ),
                        )
                        .related(criterion)
                        .help("stop the onboarding, or approve it with an Exception naming rule `onboarding-below-criteria`"),
                    ),
                    Some(_) => {}
                    None => missing.push(("reach_pct", "new reach", criterion)),
                }
            }
            if let Some(max) = criteria.max_margin_erosion_pct {
                let criterion = ctx.related(
                    p,
                    "/onboarding/max_margin_erosion_pct",
                    format!("at most {} of margin erosion", crate::numbers::pp(max.0)),
                );
                match assessment.and_then(|a| a.margin_erosion_pct) {
                    Some(erosion) if greater(erosion.0, max.0) => out.push(
                        ctx.finding(
                            &RULE,
                            d,
                            "/assessment/margin_erosion_pct",
                            format!(
                                "`{}` is being onboarded with {} of margin erosion, {} over the {} \
                                 that `{}` allows",
                                channel.id,
                                crate::numbers::pp(erosion.0),
                                crate::numbers::pp(erosion.0 - max.0),
                                crate::numbers::pp(max.0),
                                policy.id
                            ),
                        )
                        .related(criterion)
                        .help("renegotiate the terms, or approve the onboarding with an Exception naming rule `onboarding-below-criteria`"),
                    ),
                    Some(_) => {}
                    None => missing.push(("margin_erosion_pct", "margin erosion", criterion)),
                }
            }
            if !missing.is_empty() {
                out.push(not_assessed(ctx, d, &channel.id, missing));
            }
        }
    }
}

/// A channel being onboarded without the figures the criteria need.
fn not_assessed(
    ctx: &Ctx<'_>,
    d: usize,
    channel: &str,
    missing: Vec<(&str, &str, crate::finding::Label)>,
) -> Finding {
    let pointer = if ctx.written(d, "/assessment") {
        "/assessment"
    } else {
        "/status"
    };
    let what = crate::words::and_list(missing.iter().map(|m| m.1));
    let fields = crate::words::and_list(missing.iter().map(|m| format!("`assessment.{}`", m.0)));
    let mut finding = ctx.finding(
        &RULE,
        d,
        pointer,
        format!(
            "`{channel}` is being onboarded without an assessment of its {what}, so nobody has \
             checked it against the onboarding criteria"
        ),
    );
    for (_, _, criterion) in missing {
        finding = finding.related(criterion);
    }
    finding.help(format!(
        "assess the channel and record {fields} before onboarding it"
    ))
}
