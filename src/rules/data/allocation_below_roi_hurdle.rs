//! `allocation-below-roi-hurdle`: a budget allocation expects a return
//! below the budget's minimum.

use crate::finding::Finding;
use crate::model::kinds::Budget;
use crate::numbers::{less, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DA010" "allocation-below-roi-hurdle", Data, Error;
    summary: "A budget allocation expects a return below the budget's ROI hurdle.";
    examples: "budgets/personalisation.yaml", "budgets/personalisation.yaml";
    doc: r#"## What it does
For every Budget with a `min_roi`, reports each allocation whose
`expected_roi` is below it, and each allocation that states no expected
return at all (it cannot show that it clears the hurdle). In the example the
personalisation budget requires 2.0×: `summit-club` expects 3.4× and clears
it, `lapsed-buyers` expects 1.6× — 0.4 below the hurdle — and
`outdoor-newcomers` states no return.

## Why it matters
Budget disputes are settled on incremental return: the pilot markets showed
which segments and channels pay back. A hurdle that allocations may ignore
settles nothing — the money goes to whoever argues loudest, and the
allocations that would have cleared it get less.
"#;
    fix: r#"Move the share to allocations that clear the hurdle, or lower the hurdle by
decision:

```yaml
min_roi: 2.0
allocations:
  - {to: summit-club, share_pct: 70, expected_roi: 3.4}
  - {to: lapsed-buyers, share_pct: 30, expected_roi: 2.1}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, budget) in ctx.model.all::<Budget>() {
        let Some(hurdle) = budget.min_roi else {
            continue;
        };
        for (i, allocation) in budget.allocations.iter().enumerate() {
            let hurdle_label = ctx.related(d, "/min_roi", format!("hurdle {}×", plain(hurdle, 2)));
            match allocation.expected_roi {
                Some(roi) if less(roi, hurdle) => out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        &format!("/allocations/{i}/expected_roi"),
                        format!(
                            "`{}` expects a return of {}× from the budget `{}`, {} below its \
                             hurdle of {}×",
                            allocation.to,
                            plain(roi, 2),
                            budget.id,
                            plain(hurdle - roi, 2),
                            plain(hurdle, 2)
                        ),
                    )
                    .related(hurdle_label)
                    .help(format!(
                        "move the {}% share of `{}` to allocations that clear {}×, or lower \
                         `min_roi` by decision",
                        plain(allocation.share_pct.0, 1),
                        allocation.to,
                        plain(hurdle, 2)
                    )),
                ),
                Some(_) => {}
                None => out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        &format!("/allocations/{i}/to"),
                        format!(
                            "`{}` states no expected return, so it cannot show that it clears the \
                             budget's hurdle of {}×",
                            allocation.to,
                            plain(hurdle, 2)
                        ),
                    )
                    .related(hurdle_label)
                    .help("add `expected_roi` from the pilot or business case, or move the share"),
                ),
            }
        }
    }
}
