//! `exception-expires-before-subject`: an exception expires while the
//! initiative it covers still runs.

use crate::finding::Finding;
use crate::model::kinds::{Exception, Initiative, InitiativeStatus};
use crate::rules::ctx::Ctx;

crate::rule! {
    "EX006" "exception-expires-before-subject", Exceptions, Warning;
    summary: "An exception expires before the initiative it covers ends.";
    examples: "exceptions.yaml", "exceptions.yaml";
    doc: r#"## What it does
For each Exception whose `subject` is an Initiative that is neither
completed nor cancelled and has an `end`, warns when the exception
`expires` before that end, naming both dates and the days in between. An
exception for a discount that expires on 2027-09-15 while the initiative
runs until 2027-10-31 is a warning (46 days without approval); one that
expires on 2027-10-31 or later is none.

## Why it matters
On the day the exception expires, the deviation it approved becomes an
unapproved one, while the initiative carries on: the build starts failing
in the middle of the campaign, or, worse, nobody notices that the approval
ran out.
"#;
    fix: r#"Have the Accountable extend the exception to the initiative's end, or plan
the initiative to end when the approval does:

```yaml
expires: 2027-10-31
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, exception) in model.all::<Exception>() {
        let Some(expires) = exception.expires.date() else {
            continue;
        };
        let Some((s, init)) = model.get::<Initiative>(&exception.subject) else {
            continue;
        };
        if matches!(
            init.status,
            InitiativeStatus::Completed | InitiativeStatus::Cancelled
        ) {
            continue;
        }
        let Some(end) = init.end.as_ref().and_then(|e| e.date()) else {
            continue;
        };
        if expires >= end {
            continue;
        }
        let gap = end.days_since_epoch() - expires.days_since_epoch();
        out.push(
            ctx.finding(
                &RULE,
                d,
                "/expires",
                format!(
                    "the exception `{}` expires on {expires}, {gap} days before `{}` ends on {end}: \
                     from then on `{}` is an unapproved deviation while the initiative still runs",
                    exception.id, init.id, exception.rule
                ),
            )
            .related(ctx.related(s, "/end", format!("`{}` ends on {end}", init.id)))
            .help(format!(
                "have the Accountable extend `expires` to {end} or later, or end the initiative by {expires}"
            )),
        );
    }
}
