//! `segment-review-overdue`: a segment's definition has not been reviewed
//! within its review cadence.

use crate::finding::Finding;
use crate::metrics::{cadence_words, overdue};
use crate::model::kinds::Segment;
use crate::rules::ctx::Ctx;

crate::rule! {
    "DA012" "segment-review-overdue", Data, Warning;
    summary: "A segment's definition has not been reviewed within its review cadence.";
    examples: "segments/segments.yaml", "segments/segments.yaml";
    doc: r#"## What it does
For every Segment with a `review_cadence`, adds one cadence to `reviewed_on`
and warns when the evaluation date (`--as-of`, the `as_of` of stratc.yaml,
or today) is after that day; a segment with a cadence but no `reviewed_on`
has never been reviewed. In the example, `lapsed-buyers` is reviewed
quarterly and was last reviewed on 2027-02-20, so the next review was due by
2027-05-20: on 2027-07-01 it is 42 days overdue.

## Why it matters
Segments drift: a "lapsed buyer" defined on 13 to 30 months without an order
means something else after a price change or a new loyalty programme.
Budgets, suppression limits and privacy decisions are all taken per segment,
so a definition nobody has looked at for a year steers money and messages to
the wrong customers.
"#;
    fix: r#"Review the definition and record the date:

```yaml
kind: Segment
id: lapsed-buyers
review_cadence: quarterly
reviewed_on: 2027-05-18
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, segment) in ctx.model.all::<Segment>() {
        let Some(cadence) = segment.review_cadence else {
            continue;
        };
        let every = cadence_words(cadence);
        let Some(last) = segment.reviewed_on.as_ref() else {
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    "/review_cadence",
                    format!(
                        "segment `{}` is to be reviewed {every}, but no review is recorded",
                        segment.id
                    ),
                )
                .help("review the segment's definition and record the date under `reviewed_on`"),
            );
            continue;
        };
        let Some(last) = last.date() else {
            continue;
        };
        let Some((due, late)) = overdue(last, cadence, ctx.as_of) else {
            continue;
        };
        out.push(
            ctx.finding(
                &RULE,
                d,
                "/reviewed_on",
                format!(
                    "segment `{}` is reviewed {every}, but was last reviewed on {last}: the next \
                     review was due by {due}, {late} days before {}",
                    segment.id, ctx.as_of
                ),
            )
            .related(ctx.related(d, "/review_cadence", format!("reviewed {every}")))
            .help(
                "review the segment's definition with marketing, sales and service, and record \
                 the date under `reviewed_on`",
            ),
        );
    }
}
