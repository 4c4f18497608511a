//! `objective-not-on-scorecard`: an active objective of the current horizon
//! whose KPIs appear on no scorecard.

use std::collections::HashSet;

use crate::finding::Finding;
use crate::model::kinds::{Objective, ObjectiveStatus, Scorecard};
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "AL020" "objective-not-on-scorecard", Alignment, Warning;
    summary: "An active objective of the current horizon has none of its KPIs on a scorecard.";
    examples: "objectives/objectives.yaml", "objectives/objectives.yaml";
    doc: r#"## What it does
For every active Objective (no `status` counts as active) whose `horizon` has
not ended at the evaluation date (`--as-of`, the `as_of` of stratc.yaml, or
today; no horizon counts as current) and that names KPIs, looks for each of
its KPIs in the sections of every Scorecard. When none of them appears, the
objective is reported. In the example, `win-nordics` (horizon 2027, active
on 2027-07-01) is measured by `market-share-nordics` and
`nordics-net-revenue`; the one scorecard shows `net-revenue` and
`gross-margin` only, so 0 of its 2 KPIs are reviewed. Objectives without
KPIs are `objective-without-kpi`; a repository without any Scorecard is not
judged (there is no scorecard to revise yet).

## Why it matters
Scorecards are revised each quarter for new priorities. An objective that is
on no scorecard is reviewed by nobody: it stays in the strategy while its
KPIs go red unseen, and the quarterly business review discusses last year's
priorities instead.
"#;
    fix: r#"Show at least one of the objective's KPIs on a scorecard:

```yaml
kind: Scorecard
id: executive-qbr
sections:
  - title: Nordics
    kpis: [market-share-nordics]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    // The rule is about revising scorecards for new priorities: a strategy
    // that keeps no scorecard yet has none to revise.
    if ctx.model.all::<Scorecard>().next().is_none() {
        return;
    }
    let shown: HashSet<&str> = ctx
        .model
        .all::<Scorecard>()
        .flat_map(|(_, s)| s.sections.iter().flat_map(|sec| sec.kpis.iter()))
        .map(String::as_str)
        .collect();
    for (d, objective) in ctx.model.all::<Objective>() {
        if objective.status.unwrap_or(ObjectiveStatus::Active) != ObjectiveStatus::Active
            || objective.kpis.is_empty()
        {
            continue;
        }
        let ended = objective
            .horizon
            .as_ref()
            .and_then(|h| h.range())
            .is_some_and(|r| r.last < ctx.as_of);
        if ended || objective.kpis.iter().any(|k| shown.contains(k.as_str())) {
            continue;
        }
        let horizon = objective
            .horizon
            .as_ref()
            .map(|h| format!(" (horizon {h})"))
            .unwrap_or_default();
        out.push(
            ctx.finding(
                &RULE,
                d,
                "/kpis",
                format!(
                    "active objective `{}`{horizon} is measured by {}, and none of them is on a \
                     scorecard: no review looks at it",
                    objective.id,
                    id_list(&objective.kpis)
                ),
            )
            .at(ctx.key_label(d, "/kpis"))
            .help(format!(
                "add {} to a section of the scorecard that reviews this priority, or retire the \
                 objective if it no longer is one",
                id_list(&objective.kpis)
            )),
        );
    }
}
