//! `scorecard-review-overdue`: the latest review of a scorecard is more
//! than one cadence old.

use crate::finding::Finding;
use crate::metrics::{cadence_words, overdue};
use crate::model::kinds::Scorecard;
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP010" "scorecard-review-overdue", Kpis, Warning;
    summary: "A scorecard has not been reviewed within its cadence.";
    examples: "scorecards/qbr.yaml", "scorecards/qbr.yaml";
    doc: r#"## What it does
For every Scorecard with a `cadence` and at least one entry in `reviews`,
takes the latest review date and adds one cadence (a week, a month, a
quarter, a year). When the evaluation date (`--as-of`, the `as_of` of
stratc.yaml, or today) is after that day, the next review is overdue. In the
example, the quarterly business review was last held on 2027-03-10, so the
next one was due by 2027-06-10; on 2027-07-01 it is 21 days overdue. A
scorecard with no review recorded is not judged: recording the first review
starts the clock.

## Why it matters
A quarterly business review is where the executive board holds commerce to
the corporate strategy. When it slips, red KPIs stay red for another quarter
without anyone deciding what to do, and triggers fire into an empty room.
"#;
    fix: r#"Hold the review and record it:

```yaml
reviews:
  - {on: 2027-03-10, by: head-of-strategy}
  - {on: 2027-06-16, by: head-of-strategy}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, scorecard) in ctx.model.all::<Scorecard>() {
        let Some(cadence) = scorecard.cadence else {
            continue;
        };
        let latest = scorecard
            .reviews
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.on.date().map(|date| (date, i)))
            .max();
        let Some((last, i)) = latest else {
            continue;
        };
        let Some((due, late)) = overdue(last, cadence, ctx.as_of) else {
            continue;
        };
        out.push(
            ctx.finding(
                &RULE,
                d,
                &format!("/reviews/{i}/on"),
                format!(
                    "scorecard `{}` is reviewed {}, but its latest review was on {last}: the next \
                     was due by {due}, {late} days before {}",
                    scorecard.id,
                    cadence_words(cadence),
                    ctx.as_of
                ),
            )
            .related(ctx.related(
                d,
                "/cadence",
                format!("reviewed {}", cadence_words(cadence)),
            ))
            .help(format!(
                "hold the review and add it under `reviews` with its date and chair, or change \
                 `cadence` if `{}` is reviewed less often",
                scorecard.id
            )),
        );
    }
}
