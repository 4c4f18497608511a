//! `alignment-weights-not-100`: the `weight_pct` of the objectives
//! supporting one goal or objective do not add up to 100.

use crate::finding::Finding;
use crate::model::kinds::{Goal, Objective};
use crate::model::refs::Edge;
use crate::model::{DocId, Kind, KindOf};
use crate::numbers::{approx_eq, pct, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL003" "alignment-weights-not-100", Alignment, Error;
    summary: "The weights of the objectives supporting a goal or objective do not add up to 100%.";
    examples: "goals/profitable-growth.yaml", "goals/profitable-growth.yaml";
    doc: r#"## What it does
For every goal and objective that at least one child supports with a
`weight_pct` (the child's share of the parent's progress), adds up the
weights of all its children and reports the parent when the sum is not 100%.
Children that support it without a weight count as 0% and are shown.

## Why it matters
Weights turn the progress of objectives into the progress of a goal: a
scorecard can only explain why a goal is amber if its parts add up to the
whole. Weights that add up to 90% leave a tenth of the goal unexplained;
110% overstate it.
"#;
    fix: r#"Adjust the weights so they add up to 100:

```yaml
supports:
  - {id: profitable-growth, weight_pct: 40}    # 60 + 40 = 100
```
"#;
}

/// One child's support of a parent: the child, the index in its `supports`
/// and its weight, if any.
struct Child {
    doc: DocId,
    index: usize,
    weight: Option<f64>,
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let parents = ctx
        .model
        .all::<Goal>()
        .map(|(d, _)| d)
        .chain(ctx.model.all::<Objective>().map(|(d, _)| d));
    for parent in parents {
        let children: Vec<Child> = ctx
            .graph
            .sources(parent, Edge::Supports)
            .filter_map(|(doc, pointer)| {
                let index: usize = pointer.split('/').nth(2)?.parse().ok()?;
                let objective = Objective::from_body(&ctx.model.docs[doc].body)?;
                let weight = objective.supports.get(index)?.weight_pct();
                Some(Child { doc, index, weight })
            })
            .collect();
        if children.iter().all(|c| c.weight.is_none()) {
            continue;
        }
        let sum: f64 = children.iter().filter_map(|c| c.weight).sum();
        if approx_eq(sum, 100.0) {
            continue;
        }
        let doc = &ctx.model.docs[parent];
        let kind = if doc.kind() == Kind::Goal {
            "goal"
        } else {
            "objective"
        };
        let gap = 100.0 - sum;
        let mut f = ctx.finding(
            &RULE,
            parent,
            "/id",
            format!(
                "the weights of the objectives supporting {kind} `{}` add up to {}, not 100%",
                doc.id(),
                pct(sum)
            ),
        );
        for c in &children {
            let child = ctx.model.docs[c.doc].id();
            f = f.related(match c.weight {
                Some(w) => ctx.related(
                    c.doc,
                    &format!("/supports/{}/weight_pct", c.index),
                    format!("`{child}`: {}", pct(w)),
                ),
                None => ctx.related(
                    c.doc,
                    &format!("/supports/{}", c.index),
                    format!("`{child}` has no weight (counts as 0%)"),
                ),
            });
        }
        let direction = if gap > 0.0 {
            format!("{} percentage points are missing", plain(gap, 1))
        } else {
            format!("they are {} percentage points too many", plain(-gap, 1))
        };
        out.push(f.help(format!(
            "each weight is an objective's share of the {kind}'s progress: adjust the \
             `weight_pct` values so they add up to 100% ({direction})"
        )));
    }
}
