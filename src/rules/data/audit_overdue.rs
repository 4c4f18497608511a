//! `audit-overdue`: a recurring data audit has not been held within its
//! cadence.

use crate::finding::Finding;
use crate::metrics::{cadence_words, overdue};
use crate::model::kinds::DataPolicy;
use crate::rules::ctx::Ctx;

crate::rule! {
    "DA013" "audit-overdue", Data, Warning;
    summary: "A recurring data audit has not been held within its cadence.";
    examples: "policies/data-policy.yaml", "policies/data-policy.yaml";
    doc: r#"## What it does
For every entry of a DataPolicy's `audits`, adds one `cadence` to `last` and
warns when the evaluation date (`--as-of`, the `as_of` of stratc.yaml, or
today) is after that day; an audit without `last` has never been held. In
the example, the order-to-finance audit of `shop-to-erp-orders` is quarterly
and was last held on 2027-02-28, so the next was due by 2027-05-28: on
2027-07-01 it is 34 days overdue.

## Why it matters
Orders that reach the shop but not the ledger are revenue nobody invoices;
refunds booked twice are margin lost twice. The quarterly audit of the
order-to-finance synchronisation is the control auditors and the CFO rely
on. A skipped audit means the numbers on every scorecard rest on an
integration nobody has reconciled.
"#;
    fix: r#"Hold the audit and record the date:

```yaml
audits:
  - id: order-to-finance-sync
    of: shop-to-erp-orders
    cadence: quarterly
    last: 2027-05-30
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, policy) in ctx.model.all::<DataPolicy>() {
        for (i, audit) in policy.audits.iter().enumerate() {
            let every = cadence_words(audit.cadence);
            let Some(last) = audit.last.as_ref() else {
                out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        &format!("/audits/{i}/id"),
                        format!(
                            "audit `{}` of `{}` is {every}, but it has never been held (no `last`)",
                            audit.id, audit.of
                        ),
                    )
                    .help("hold the audit and record its date under `last`"),
                );
                continue;
            };
            let Some(last) = last.date() else {
                continue;
            };
            let Some((due, late)) = overdue(last, audit.cadence, ctx.as_of) else {
                continue;
            };
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    &format!("/audits/{i}/last"),
                    format!(
                        "audit `{}` of `{}` is {every}, but was last held on {last}: the next was \
                         due by {due}, {late} days before {}",
                        audit.id, audit.of, ctx.as_of
                    ),
                )
                .related(ctx.related(d, &format!("/audits/{i}/cadence"), every.to_owned()))
                .help("hold the audit, reconcile what it finds, and record its date under `last`"),
            );
        }
    }
}
