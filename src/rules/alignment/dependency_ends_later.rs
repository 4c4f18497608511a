//! `dependency-ends-later`: an initiative is planned to end before an
//! initiative it depends on.

use crate::finding::Finding;
use crate::model::KindOf;
use crate::model::kinds::Initiative;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL022" "dependency-ends-later", Alignment, Error;
    summary: "An initiative ends before an initiative it depends on.";
    examples: "initiatives/roadmap.yaml", "initiatives/roadmap.yaml";
    doc: r#"## What it does
For every initiative with an `end` date and `depends_on`, compares its end
with the end of each initiative it depends on and reports each one that ends
later. Initiatives without an end date are not compared. In the example,
`marketplace-feed-rebuild` ends on 2027-10-31 but depends on `pim-migration`,
which ends on 2027-11-30: 30 days later.

## Why it matters
An initiative that depends on another needs what the other delivers. If it
is planned to finish first, either the plan is wrong (it cannot really finish
on that date) or the dependency is (it does not need the other at all). Both
mislead the roadmap review: the launch date promised to the business is one
that the IT plan cannot keep.
"#;
    fix: r#"Move the end date after the dependency's end, or bring the dependency forward:

```yaml
kind: Initiative
id: marketplace-feed-rebuild
end: 2027-12-15               # after pim-migration ends on 2027-11-30
depends_on: [pim-migration]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, initiative) in ctx.model.all::<Initiative>() {
        let Some(end) = initiative.end.as_ref().and_then(|e| e.date()) else {
            continue;
        };
        for (t, pointer) in ctx.graph.targets(d, Edge::DependsOn) {
            let Some(dependency) = Initiative::from_body(&ctx.model.docs[t].body) else {
                continue;
            };
            let Some(dependency_end) = dependency.end.as_ref().and_then(|e| e.date()) else {
                continue;
            };
            if dependency_end <= end {
                continue;
            }
            let days = dependency_end.days_since_epoch() - end.days_since_epoch();
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    pointer,
                    format!(
                        "`{}` ends on {end} but depends on `{}`, which ends {days} days later, on \
                         {dependency_end}",
                        initiative.id, dependency.id
                    ),
                )
                .related(ctx.related(d, "/end", format!("`{}` ends here", initiative.id)))
                .related(ctx.related(
                    t,
                    "/end",
                    format!("`{}` ends on {dependency_end}", dependency.id),
                ))
                .help(format!(
                    "move the end of `{}` after {dependency_end}, bring `{}` forward, or remove the \
                     dependency if it is not needed",
                    initiative.id, dependency.id
                )),
            );
        }
    }
}
