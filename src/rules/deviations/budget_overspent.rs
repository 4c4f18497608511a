//! `budget-overspent`: a budget allocation has spent more than its share of
//! the budget's total.

use crate::finding::Finding;
use crate::model::kinds::Budget;
use crate::numbers::{greater, money, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DV010" "budget-overspent", Deviation, Error, governance;
    summary: "A budget allocation has spent more than its share of the budget.";
    examples: "budget.yaml", "budget.yaml";
    doc: r#"## What it does
For every allocation of a Budget that records `spent`, compares the amount
spent with the allocation's share of the total, `share_pct / 100 × total`,
and reports the `spent` when it is higher. The finding's subject is the
Budget, so an Exception for it names the budget's id.

Amounts are only compared in the same currency: an allocation whose `spent`
is in another currency than the budget's `total` is not checked, since
converting would hide an exchange-rate question behind an overspend.

It is a governance rule: only an approved Exception for the budget waives it,
and the finding names whom to escalate to (the Accountable of the
`governance.deviation_decision` of stratc.yaml, then up the reporting line).

## Why it matters
An allocation that spends beyond its share takes money from the others or
from the bottom line. Budgets are moved between allocations by decision, not
by running over.
"#;
    fix: r#"Stop the spend, or reallocate by decision (shares still sum to 100):

```yaml
allocations:
  - to: webshop-eu
    share_pct: 70
    spent: {amount: 700000, currency: EUR}
  - to: amazon-eu
    share_pct: 30
    spent: {amount: 150000, currency: EUR}
```
"#;
}

/// The amount an allocation may spend: its share of the total.
pub(crate) fn allowance(share_pct: f64, total: f64) -> f64 {
    share_pct / 100.0 * total
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, budget) in model.all::<Budget>() {
        let total = &budget.total;
        for (i, allocation) in budget.allocations.iter().enumerate() {
            let Some(spent) = &allocation.spent else {
                continue;
            };
            if spent.currency != total.currency {
                continue;
            }
            let share = allocation.share_pct.0;
            let allowed = allowance(share, total.amount);
            if !greater(spent.amount, allowed) {
                continue;
            }
            let currency = &total.currency;
            let message = format!(
                "`{}` has spent {} of the budget `{}`, {} more than its {} share ({} of {})",
                allocation.to,
                money(spent.amount, currency),
                budget.id,
                money(spent.amount - allowed, currency),
                pct(share),
                money(allowed, currency),
                money(total.amount, currency),
            );
            out.push(
                ctx.finding(&RULE, d, &format!("/allocations/{i}/spent/amount"), message)
                    .related(ctx.related(
                        d,
                        &format!("/allocations/{i}/share_pct"),
                        format!("{} of {}", pct(share), money(total.amount, currency)),
                    ))
                    .help(reallocation_help(
                        &allocation.to,
                        spent.amount,
                        total.amount,
                    )),
            );
        }
    }
}

/// How to fix: stop spending or raise the share (rounded up to one decimal,
/// so the share named really covers the spend).
fn reallocation_help(to: &str, spent: f64, total: f64) -> String {
    if total <= 0.0 {
        return format!(
            "stop spending on `{to}`, or give the budget a `total` that covers the spend"
        );
    }
    let needed = (spent / total * 1000.0).ceil() / 10.0;
    format!(
        "stop spending on `{to}`, or reallocate by decision: raise its `share_pct` to at least {} and \
         lower another allocation so the shares still sum to 100",
        pct(needed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowance_is_the_share_of_the_total() {
        assert!((allowance(45.0, 9_600_000.0) - 4_320_000.0).abs() < 1e-6);
        assert!(!greater(4_320_000.0, allowance(45.0, 9_600_000.0)));
        assert!(greater(4_330_000.0, allowance(45.0, 9_600_000.0)));
    }
}
