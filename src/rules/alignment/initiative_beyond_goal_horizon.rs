//! `initiative-beyond-goal-horizon`: an initiative ends after the horizon of
//! a goal it serves. The earliest goal horizon reachable from every
//! objective is computed once for the whole graph.

use crate::finding::Finding;
use crate::model::KindOf;
use crate::model::kinds::{Goal, Initiative, InitiativeStatus};
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL009" "initiative-beyond-goal-horizon", Alignment, Error;
    summary: "An initiative ends after the horizon of a goal it serves.";
    examples: "initiatives/e-bikes.yaml", "initiatives/e-bikes.yaml";
    doc: r#"## What it does
Follows each initiative's `advances` to its objectives and up their
`supports` to the goals they serve, takes the goal whose `horizon` ends first
and reports the initiative when its `end` date is after the last day of that
horizon (the horizon `2028` ends on 2028-12-31, `2028-Q2` on 2028-06-30).
Cancelled initiatives and initiatives without an `end` are not checked.

## Why it matters
A goal's horizon is the date by which the board expects it reached. Work
that is still running after that date cannot contribute to it: either the
plan is late before it starts, or the initiative really serves a later goal
and its alignment is wrong.
"#;
    fix: r#"Finish within the horizon, or align the initiative to a goal with a later
horizon:

```yaml
end: 2028-12-31
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    // For every document: the goal with the earliest horizon end reachable
    // through `supports` (ties go to the goal first in path order).
    let earliest = ctx.graph.min_reachable(Edge::Supports, |d| {
        let goal = Goal::from_body(&ctx.model.docs[d].body)?;
        Some((goal.horizon.range()?.last, d))
    });
    for (d, initiative) in ctx.model.all::<Initiative>() {
        if initiative.status == InitiativeStatus::Cancelled {
            continue;
        }
        let Some(end) = initiative.end.as_ref().and_then(|e| e.date()) else {
            continue;
        };
        let strictest = ctx
            .graph
            .targets(d, Edge::Advances)
            .filter_map(|(o, pointer)| earliest[o].map(|(last, goal)| (last, goal, o, pointer)))
            .min_by_key(|&(last, goal, _, _)| (last, goal));
        let Some((last, g, objective, pointer)) = strictest else {
            continue;
        };
        if end <= last {
            continue;
        }
        let Some(goal) = Goal::from_body(&ctx.model.docs[g].body) else {
            continue;
        };
        let objective_id = ctx.model.docs[objective].id();
        out.push(
            ctx.finding(
                &RULE,
                d,
                "/end",
                format!(
                    "initiative `{}` ends on {end}, but goal `{}`, which it serves through \
                     `{objective_id}`, has the horizon {} (ending {last})",
                    initiative.id, goal.id, goal.horizon
                ),
            )
            .related(ctx.related(
                g,
                "/horizon",
                format!("the horizon of `{}` ends on {last}", goal.id),
            ))
            .related(ctx.related(d, pointer, format!("`{objective_id}` serves `{}`", goal.id)))
            .help(format!(
                "finish the initiative by {last}, or, if the work really runs longer, align it to \
                 a goal with a later horizon (or ask the goal's owner to extend `{}`'s horizon)",
                goal.id
            )),
        );
    }
}
