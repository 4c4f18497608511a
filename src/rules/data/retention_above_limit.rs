//! `retention-above-limit`: a retention entry of a DataPolicy keeps data
//! longer than `max_retention_days` of one of its markets.

use super::market_name;
use crate::finding::Finding;
use crate::model::kinds::{DataPolicy, Market};
use crate::rules::ctx::Ctx;
use crate::words::and_list;

crate::rule! {
    "DA002" "retention-above-limit", Data, Error;
    summary: "Data is kept longer than a market it applies to allows.";
    examples: "policies/data-policy.yaml", "policies/data-policy.yaml";
    doc: r#"## What it does
Compares the `days` of every `retention` entry of a DataPolicy with the
`max_retention_days` of each market the entry lists. When the entry keeps
the data longer than a market allows, the finding points at `days` and names
each market and its limit.

## Why it matters
Retention limits come from privacy law and from the company's own privacy
commitments. Keeping customer data longer than allowed is a compliance breach
in that market, and one retention rule for several markets is only as long as
the strictest of them allows.
"#;
    fix: r#"Shorten the retention to the strictest limit, or split the entry per market:

```yaml
retention:
  - {data: order-history, markets: [de], days: 1095}
  - {data: order-history-nordics, markets: [nordics], days: 730}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, policy) in model.all::<DataPolicy>() {
        for (i, entry) in policy.retention.iter().enumerate() {
            let mut over = Vec::new();
            for id in &entry.markets {
                let Some((m, market)) = model.get::<Market>(id) else {
                    continue;
                };
                match market.max_retention_days {
                    Some(limit) if entry.days > limit && !over.iter().any(|&(o, _)| o == m) => {
                        over.push((m, limit));
                    }
                    _ => {}
                }
            }
            if over.is_empty() {
                continue;
            }
            let limits = and_list(
                over.iter()
                    .map(|&(m, limit)| format!("{limit} days in {}", market_name(&model.docs[m]))),
            );
            let strictest = over.iter().map(|&(_, limit)| limit).min().unwrap_or(0);
            let noun = if over.len() == 1 {
                "limit is"
            } else {
                "limits are"
            };
            let mut finding = ctx
                .finding(
                    &RULE,
                    d,
                    &format!("/retention/{i}/days"),
                    format!(
                        "`{}` is kept for {} days, but the {noun} {limits}",
                        entry.data, entry.days
                    ),
                )
                .help(format!(
                    "shorten the retention of `{}` to {strictest} days, or split the entry so that \
                     each market gets a retention within its own limit",
                    entry.data
                ));
            for &(m, limit) in &over {
                finding = finding.related(ctx.related(
                    m,
                    "/max_retention_days",
                    format!("`{}` allows {limit} days", model.docs[m].id()),
                ));
            }
            out.push(finding);
        }
    }
}
