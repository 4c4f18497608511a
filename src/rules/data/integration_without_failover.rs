//! `integration-without-failover`: a business-critical integration with no
//! failover.

use crate::finding::Finding;
use crate::model::kinds::{Criticality, DataPolicy};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DA004" "integration-without-failover", Data, Error;
    summary: "An integration of high criticality has no failover.";
    examples: "policies/data-policy.yaml", "policies/data-policy.yaml";
    doc: r#"## What it does
Checks every `integrations` entry of a DataPolicy: one with
`criticality: high` must say in `failover` what takes over when it fails.
The finding points at its `criticality`.

## Why it matters
High criticality means the business stops when the integration stops: orders
are not booked, stock is oversold on marketplaces. Deciding what happens in
an outage during the outage is too late; the failover has to be agreed,
built and tested in advance.
"#;
    fix: r#"Describe the failover (or lower the criticality if the business can live
without the integration for a while):

```yaml
integrations:
  - id: shop-to-erp-orders
    criticality: high
    rate_limit_rps: 50
    failover: Orders queue in the event bus and replay to the ERP in sequence.
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, policy) in ctx.model.all::<DataPolicy>() {
        for (i, integration) in policy.integrations.iter().enumerate() {
            let has_failover = integration
                .failover
                .as_deref()
                .is_some_and(|f| !f.trim().is_empty());
            if integration.criticality != Criticality::High || has_failover {
                continue;
            }
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    &format!("/integrations/{i}/criticality"),
                    format!(
                        "the integration `{}` is business-critical (`criticality: high`) but has no failover",
                        integration.id
                    ),
                )
                .help(format!(
                    "add `failover` to `{}` saying what takes over when it is down (a queue, a \
                     second connection, a manual procedure), or lower its criticality",
                    integration.id
                )),
            );
        }
    }
}
