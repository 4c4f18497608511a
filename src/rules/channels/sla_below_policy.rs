//! `sla-below-policy`: a channel's agreed service level is weaker than the
//! channel policy's minimum for its type.

use super::type_plural;
use crate::finding::Finding;
use crate::model::kinds::{Channel, ChannelPolicy, Sla};
use crate::numbers::{greater, less, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH002" "sla-below-policy", Channels, Error;
    summary: "A channel's SLA is weaker than the channel policy's minimum for its type.";
    examples: "channels/alpenhaus-retail.yaml", "channels/alpenhaus-retail.yaml";
    doc: r#"## What it does
Compares each figure of a Channel's `sla` with the `minimum_sla` that the
ChannelPolicy sets for the channel's `type`, and reports every weaker
figure separately, pointing at it: a `response_time_hours` above the
minimum (lower is better), or a `fulfillment_accuracy_pct` or
`on_time_delivery_pct` below it (higher is better). Figures that either side
leaves out are not compared.

## Why it matters
The channel policy's SLA floors are the service customers get from the
brand whichever channel they buy in. A partner contract agreed below the
floor means customers of that channel get worse service, and the policy is
not what the contracts say.
"#;
    fix: r#"Agree service levels at least as strong as the policy minimum:

```yaml
sla:
  response_time_hours: 36
  on_time_delivery_pct: 94
```
"#;
}

/// One SLA figure: its field, its name in a message, whether lower is
/// better, and how to read it from an `Sla`.
struct Figure {
    field: &'static str,
    words: &'static str,
    lower_is_better: bool,
    read: fn(&Sla) -> Option<f64>,
}

const FIGURES: &[Figure] = &[
    Figure {
        field: "response_time_hours",
        words: "response time",
        lower_is_better: true,
        read: |s| s.response_time_hours,
    },
    Figure {
        field: "fulfillment_accuracy_pct",
        words: "fulfilment accuracy",
        lower_is_better: false,
        read: |s| s.fulfillment_accuracy_pct.map(|p| p.0),
    },
    Figure {
        field: "on_time_delivery_pct",
        words: "on-time delivery",
        lower_is_better: false,
        read: |s| s.on_time_delivery_pct.map(|p| p.0),
    },
];

fn show(figure: &Figure, value: f64) -> String {
    if figure.lower_is_better {
        format!("{} h", plain(value, 1))
    } else {
        pct(value)
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let policies: Vec<_> = ctx.model.all::<ChannelPolicy>().collect();
    if policies.is_empty() {
        return;
    }
    for (doc, channel, sla) in ctx.model.all_with(|x: &Channel| x.sla.as_ref()) {
        for &(policy_doc, policy) in &policies {
            let Some(minimum) = policy.minimum_sla.for_type(channel.kind) else {
                continue;
            };
            for figure in FIGURES {
                let (Some(agreed), Some(floor)) = ((figure.read)(sla), (figure.read)(minimum))
                else {
                    continue;
                };
                let weaker = if figure.lower_is_better {
                    greater(agreed, floor)
                } else {
                    less(agreed, floor)
                };
                if !weaker {
                    continue;
                }
                let (agreed_text, floor_text) = (show(figure, agreed), show(figure, floor));
                let comparison = if figure.lower_is_better {
                    "slower than"
                } else {
                    "below"
                };
                let kind = type_plural(channel.kind);
                out.push(
                    ctx.finding(
                        &RULE,
                        doc,
                        &format!("/sla/{}", figure.field),
                        format!(
                            "The {} agreed with channel `{}` is {agreed_text}, {comparison} the \
                             {floor_text} that channel policy `{}` requires of {kind}",
                            figure.words, channel.id, policy.id
                        ),
                    )
                    .related(ctx.related(
                        policy_doc,
                        &format!("/minimum_sla/{}/{}", channel.kind.as_str(), figure.field),
                        format!("minimum for {kind}: {floor_text}"),
                    ))
                    .help(format!(
                        "{} with the partner and update the sla, or change the policy's \
                         minimum_sla if the floor is wrong.",
                        if figure.lower_is_better {
                            format!(
                                "Bring the agreed {} down to {floor_text} or less",
                                figure.words
                            )
                        } else {
                            format!("Raise the agreed {} to {floor_text} or more", figure.words)
                        }
                    )),
                );
            }
        }
    }
}
