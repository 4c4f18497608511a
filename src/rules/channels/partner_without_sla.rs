//! `partner-without-sla`: an active partner channel without agreed service
//! levels.

use super::{is_partner_type, type_words};
use crate::finding::Finding;
use crate::model::kinds::{Channel, ChannelStatus};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH001" "partner-without-sla", Channels, Error;
    summary: "An active partner channel has no `sla`.";
    examples: "channels/alpenhaus-retail.yaml", "channels/alpenhaus-retail.yaml";
    doc: r#"## What it does
Reports every Channel with `status: active` whose `type` is run by a
partner — `marketplace`, `retail_partner`, `reseller` or `distributor` — and
that declares no `sla` (response time, fulfilment accuracy, on-time
delivery). Channels still onboarding and owned DTC channels are not
checked.

## Why it matters
Customers blame the brand, not the partner, for a late or wrong delivery.
Without agreed service levels there is nothing to measure the partner
against, nothing to escalate on, and the channel policy's SLA floors cannot
be enforced.
"#;
    fix: r#"Record the service levels agreed in the partner contract:

```yaml
sla:
  response_time_hours: 36
  fulfillment_accuracy_pct: 98.5
  on_time_delivery_pct: 94.0
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, channel) in ctx.model.all::<Channel>() {
        if channel.status != ChannelStatus::Active
            || !is_partner_type(channel.kind)
            || channel.sla.is_some()
        {
            continue;
        }
        let partner = channel
            .partner
            .as_ref()
            .map(|p| format!(" ({})", p.name))
            .unwrap_or_default();
        out.push(
            ctx.finding(
                &RULE,
                doc,
                "/type",
                format!(
                    "Channel `{}`{partner} is an active {} but has no agreed service levels \
                     (`sla`): its delivery and service cannot be measured or enforced",
                    channel.id,
                    type_words(channel.kind)
                ),
            )
            .help(
                "Add an `sla` with the response_time_hours, fulfillment_accuracy_pct and \
                 on_time_delivery_pct agreed in the partner contract.",
            ),
        );
    }
}
