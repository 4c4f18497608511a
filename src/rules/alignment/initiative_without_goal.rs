//! `initiative-without-goal` (G): no path leads from an initiative, through
//! the objectives it advances and the objectives or goals they support, to a
//! corporate goal. Which objectives lead to a goal is computed once, by one
//! backward search from the goals, and then read for every initiative.

use crate::finding::Finding;
use crate::model::kinds::{Goal, Initiative, InitiativeStatus};
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "AL001" "initiative-without-goal", Alignment, Error, governance;
    summary: "An initiative does not lead, through its objectives, to any corporate goal.";
    examples: "initiatives/pop-up-stores.yaml", "initiatives/checkout-redesign.yaml";
    doc: r#"## What it does
Follows each initiative's `advances` to its objectives, then each objective's
`supports` up through parent objectives, and reports initiatives from which no
such path reaches a Goal: initiatives that advance nothing, and initiatives
whose objectives support nothing or only each other. Cancelled initiatives are
not checked. This is a governance rule: only an approved Exception waives it,
and the finding names whom to escalate to.

## Why it matters
Every funded initiative should be explainable as a step towards a goal the
board agreed. Work that serves no goal competes for budget and people with
work that does — often it is a pet project, or a goal that was never written
down.
"#;
    fix: r#"Advance an objective that supports a goal (or make the objective support one):

```yaml
kind: Objective
id: social-commerce-reach
supports: [profitable-growth]
kpis: [net-revenue]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let goals = ctx.model.all::<Goal>().map(|(d, _)| d);
    let reach = ctx.graph.reaching(goals, Edge::Supports);
    for (d, initiative) in ctx.model.all::<Initiative>() {
        if initiative.status == InitiativeStatus::Cancelled {
            continue;
        }
        let mut objectives = Vec::new();
        for (o, _) in ctx.graph.targets(d, Edge::Advances) {
            if !objectives.contains(&o) {
                objectives.push(o);
            }
        }
        if objectives.iter().any(|&o| reach.contains(ctx.graph, o)) {
            continue;
        }
        let id = &initiative.id;
        let mut finding = if initiative.advances.is_empty() {
            ctx.finding_at_field(
                &RULE,
                d,
                "/advances",
                "/id",
                format!("initiative `{id}` advances no objective, so it serves no corporate goal"),
            )
            .help(
                "list under `advances` the objectives this initiative moves forward; \
                 each must support a goal, directly or through a parent objective",
            )
        } else if objectives.is_empty() {
            ctx.finding_at_field(&RULE,
                d,
                "/advances",
                "/id",
                format!(
                    "none of the objectives initiative `{id}` advances exists, so it serves no corporate goal"
                ),
            )
            .help("correct the objective ids under `advances`, or add the missing objectives")
        } else {
            let names: Vec<&str> = objectives.iter().map(|&o| ctx.model.docs[o].id()).collect();
            let mut f = ctx.finding_at_field(&RULE,
                d,
                "/advances",
                "/id",
                format!(
                    "initiative `{id}` serves no corporate goal: {} {} no goal, directly or through other objectives",
                    id_list(names.iter().copied()),
                    if names.len() == 1 {
                        "supports"
                    } else {
                        "support"
                    }
                ),
            );
            for &o in &objectives {
                let label = ctx.field_label(o, "/supports");
                f = f.related(
                    label.with_text(format!("`{}` leads to no goal", ctx.model.docs[o].id())),
                );
            }
            f.help(
                "advance an objective that supports a goal, or make the objective's `supports` \
                 name a goal (or an objective that leads to one)",
            )
        };
        if let Some(decision) = ctx.deviation_decision() {
            finding = finding.decision(decision);
        }
        out.push(finding);
    }
}
