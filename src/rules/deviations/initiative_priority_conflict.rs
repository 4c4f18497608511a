//! `initiative-priority-conflict`: an initiative that puts market share first
//! in a market or for an objective that puts profitability first, or the
//! other way round.

use super::priority_words;
use crate::finding::Finding;
use crate::model::kinds::{Initiative, Market, Objective, Priority};
use crate::model::refs::Edge;
use crate::model::{DocId, KindOf};
use crate::rules::ctx::Ctx;
use crate::words::{id_list, noun};

crate::rule! {
    "DV001" "initiative-priority-conflict", Deviation, Error, governance;
    summary: "An initiative chases market share where the strategy asks for profitability, or the other way round.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Compares the `priority` of each initiative with the `priority` of every market
it runs in (`markets`) and of every objective it advances (`advances`).
`market_share` against `profitability` — either way round — is a conflict.
`balanced`, or no priority at all, conflicts with nothing. The finding names
every market and objective the initiative conflicts with.

It is a governance rule: only an approved Exception for the initiative waives
it, and the finding names whom to escalate to (the Accountable of the
`governance.deviation_decision` of stratc.yaml, then up the reporting line).

## Why it matters
A market run for margin and an initiative that buys share with discounts
pull the same P&L in opposite directions. Usually one of the two was set
without the other in mind; if the clash is deliberate, the people accountable
for the market strategy should say so.
"#;
    fix: r#"Align the initiative with the market (or change the market's strategy, with
its owner), or make it `balanced`:

```yaml
kind: Initiative
id: de-share-push
type: promotion
priority: profitability
advances: [defend-home-market-margin]
markets: [de]
status: approved
```

If the clash is intended, record an approved Exception for
`initiative-priority-conflict` with the initiative as its subject.
"#;
}

/// Whether two priorities pull in opposite directions: market share against
/// profitability, either way. `balanced` and a missing priority conflict
/// with nothing.
pub(crate) fn conflicts(a: Option<Priority>, b: Option<Priority>) -> bool {
    matches!(
        (a, b),
        (Some(Priority::MarketShare), Some(Priority::Profitability))
            | (Some(Priority::Profitability), Some(Priority::MarketShare))
    )
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, init) in model.all::<Initiative>() {
        let Some(own @ (Priority::MarketShare | Priority::Profitability)) = init.priority else {
            continue;
        };
        let mut markets: Vec<DocId> = Vec::new();
        for (m, _) in ctx.graph.targets(d, Edge::RunsIn) {
            let market: Option<&Market> = KindOf::from_body(&model.docs[m].body);
            if market.is_some_and(|x| conflicts(Some(own), x.priority)) && !markets.contains(&m) {
                markets.push(m);
            }
        }
        let mut objectives: Vec<DocId> = Vec::new();
        for (o, _) in ctx.graph.targets(d, Edge::Advances) {
            let objective: Option<&Objective> = KindOf::from_body(&model.docs[o].body);
            if objective.is_some_and(|x| conflicts(Some(own), x.priority))
                && !objectives.contains(&o)
            {
                objectives.push(o);
            }
        }
        if markets.is_empty() && objectives.is_empty() {
            continue;
        }
        let other = match own {
            Priority::MarketShare => Priority::Profitability,
            _ => Priority::MarketShare,
        };
        let mut parts = Vec::new();
        for (docs, one, many) in [
            (&markets, "market", "markets"),
            (&objectives, "objective", "objectives"),
        ] {
            if !docs.is_empty() {
                let ids = id_list(docs.iter().map(|&d| model.docs[d].id()));
                parts.push(format!("{} {ids}", noun(docs.len(), one, many)));
            }
        }
        let verb = if markets.len() + objectives.len() == 1 {
            "puts"
        } else {
            "put"
        };
        let message = format!(
            "the initiative `{}` puts {} first, but {} {verb} {} first",
            init.id,
            priority_words(own),
            parts.join(" and "),
            priority_words(other),
        );
        let mut finding = ctx.finding(&RULE, d, "/priority", message).help(format!(
            "align the initiative with the strategy it serves (set `priority: {other}` or `balanced`), \
             change the priority of the market or objective with its owner, or, if the clash is \
             intended, record an approved Exception for `initiative-priority-conflict` on `{}`",
            init.id
        ));
        let first = priority_words(other);
        for (docs, what) in [(&markets, "market"), (&objectives, "objective")] {
            for &d in docs {
                let text = format!("{what} `{}` puts {first} first", model.docs[d].id());
                finding = finding.related(ctx.related(d, "/priority", text));
            }
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_and_profit_conflict_either_way() {
        let share = Some(Priority::MarketShare);
        let profit = Some(Priority::Profitability);
        assert!(conflicts(share, profit));
        assert!(conflicts(profit, share));
    }

    #[test]
    fn balanced_missing_and_equal_priorities_conflict_with_nothing() {
        let all = [
            None,
            Some(Priority::MarketShare),
            Some(Priority::Profitability),
            Some(Priority::Balanced),
        ];
        for p in all {
            assert!(!conflicts(Some(Priority::Balanced), p));
            assert!(!conflicts(p, Some(Priority::Balanced)));
            assert!(!conflicts(None, p));
            assert!(!conflicts(p, None));
            assert!(!conflicts(p, p));
        }
    }
}
