//! `initiative-market-outside-objectives`: an initiative runs in a market
//! that none of the objectives it advances covers.

use crate::finding::Finding;
use crate::model::kinds::{Initiative, Objective};
use crate::model::refs::Edge;
use crate::model::{DocId, KindOf};
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "DV002" "initiative-market-outside-objectives", Deviation, Error, governance;
    summary: "An initiative runs in a market that none of the objectives it advances covers.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
For each market in an initiative's `markets`, checks that at least one of the
objectives in its `advances` lists that market in its own `markets`, and
reports each market item that none covers.

An objective that lists no markets is not limited to any market: it covers
them all. So the rule only compares when every objective the initiative
advances lists its markets; if one of them lists none, there is nothing to
compare against and the rule stays silent.

It is a governance rule: only an approved Exception for the initiative waives
it, and the finding names whom to escalate to (the Accountable of the
`governance.deviation_decision` of stratc.yaml, then up the reporting line).

## Why it matters
Objectives say where the company has decided to compete. An initiative that
spends money in another market is either a new market bet nobody approved, or
a sign that the objective's scope is out of date — both need a decision.
"#;
    fix: r#"Keep the initiative inside the objective's markets, advance an objective that
covers the other market, or widen the objective (with its owner):

```yaml
kind: Initiative
id: nordics-launch-campaign
type: promotion
advances: [win-nordics]
markets: [nordics]
status: approved
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, init) in model.all::<Initiative>() {
        let mut objectives: Vec<(DocId, &Objective)> = Vec::new();
        for (o, _) in ctx.graph.targets(d, Edge::Advances) {
            if let Some(objective) = KindOf::from_body(&model.docs[o].body)
                && !objectives.iter().any(|&(seen, _)| seen == o)
            {
                objectives.push((o, objective));
            }
        }
        // Nothing to compare: no objective, or one that is not limited to markets.
        if objectives.is_empty() || objectives.iter().any(|(_, o)| o.markets.is_empty()) {
            continue;
        }
        for (m, pointer) in ctx.graph.targets(d, Edge::RunsIn) {
            let market = model.docs[m].id();
            if objectives
                .iter()
                .any(|(_, o)| o.markets.iter().any(|x| x == market))
            {
                continue;
            }
            let scope: Vec<String> = objectives
                .iter()
                .map(|(_, o)| format!("`{}` covers {}", o.id, o.markets.join(", ")))
                .collect();
            let advanced = if objectives.len() == 1 {
                "the objective it advances"
            } else {
                "any of the objectives it advances"
            };
            let message = format!(
                "the initiative `{}` runs in market `{market}`, which is outside {advanced} ({})",
                init.id,
                scope.join("; ")
            );
            let mut finding = ctx.finding(&RULE, d, pointer, message).help(format!(
                "remove `{market}` from `markets`, advance an objective that covers `{market}`, or add \
                 `{market}` to the `markets` of {} if that objective's owner agrees it belongs there",
                id_list(objectives.iter().map(|(_, o)| o.id.as_str()))
            ));
            for &(o, objective) in &objectives {
                finding = finding.related(ctx.related(
                    o,
                    "/markets",
                    format!(
                        "objective `{}` covers {}",
                        objective.id,
                        objective.markets.join(", ")
                    ),
                ));
            }
            out.push(finding);
        }
    }
}
