//! `budget-shares-not-100`: the `share_pct` of a budget's allocations do not
//! add up to 100.

use crate::finding::Finding;
use crate::model::kinds::Budget;
use crate::numbers::{money, pct, plain};
use crate::rules::ctx::Ctx;

/// Sums within this many percentage points of 100 pass, so shares rounded to
/// two decimals (33.33 + 33.33 + 33.33) are accepted.
pub const TOLERANCE_PP: f64 = 0.01;

crate::rule! {
    "DA005" "budget-shares-not-100", Data, Error;
    summary: "The allocations of a budget do not add up to 100% of its total.";
    examples: "budgets/acquisition-2027.yaml", "budgets/acquisition-2027.yaml";
    doc: r#"## What it does
Adds up the `share_pct` of every allocation of a Budget. When the sum differs
from 100 by more than 0.01 percentage points, the finding points at
`allocations` and names the sum and the amount left unallocated or allocated
twice.

## Why it matters
Below 100%, part of the approved money has no owner and tends to be spent
without a decision; above 100%, the plan promises more than was approved and
someone's allocation will be cut during the year.
"#;
    fix: r#"Allocate the rest, or correct the shares so that they add up to 100:

```yaml
allocations:
  - {to: webshop-eu, share_pct: 60}
  - {to: nordics-market-entry, share_pct: 25}
  - {to: amazon-eu, share_pct: 15}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, budget) in ctx.model.all::<Budget>() {
        let sum: f64 = budget.allocations.iter().map(|a| a.share_pct.0).sum();
        let gap = 100.0 - sum;
        if gap.abs() <= TOLERANCE_PP + crate::numbers::EPSILON {
            continue;
        }
        let amount = money(
            gap.abs() / 100.0 * budget.total.amount,
            &budget.total.currency,
        );
        let total = money(budget.total.amount, &budget.total.currency);
        let message = if budget.allocations.is_empty() {
            format!("the budget `{}` ({total}) has no allocations", budget.id)
        } else if gap > 0.0 {
            format!(
                "the allocations of `{}` add up to {} of the total, not 100%: {} ({amount} of {total}) is not allocated",
                budget.id,
                pct_exact(sum),
                pct_exact(gap)
            )
        } else {
            format!(
                "the allocations of `{}` add up to {} of the total, not 100%: {} more than the {total} approved is allocated",
                budget.id,
                pct_exact(sum),
                amount
            )
        };
        out.push(ctx.finding(&RULE, d, "/allocations", message).help(
            "change the `share_pct` of the allocations (or add one for the rest) so that \
                 they add up to 100",
        ));
    }
}

/// A percentage with enough decimals that a sum just off 100 does not read
/// as 100%: `99.97%`, `95%`.
fn pct_exact(value: f64) -> String {
    let one_decimal = pct(value);
    if one_decimal == "100%" || one_decimal == "0%" {
        format!("{}%", plain(value, 2))
    } else {
        one_decimal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_near_100_are_shown_with_two_decimals() {
        for (share, text) in [
            (99.97, "99.97%"),
            (95.0, "95%"),
            (0.03, "0.03%"),
            (112.5, "112.5%"),
        ] {
            assert_eq!(pct_exact(share), text);
        }
    }
}
