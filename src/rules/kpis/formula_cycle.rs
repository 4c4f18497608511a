//! `formula-cycle`: KPI formulas that depend on each other in a circle
//! (`a` uses `b`, `b` uses `a`), so none of them can be computed.

use crate::finding::Finding;
use crate::model::DocId;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP005" "formula-cycle", Kpis, Error;
    summary: "KPI formulas depend on each other in a circle.";
    examples: "kpis/kpis.yaml", "kpis/kpis.yaml";
    doc: r#"## What it does
Follows the KPI ids named in each Kpi's `formula` and reports every circle:
a KPI computed from itself, or `a` computed from `b` while `b` is computed
from `a` (through any number of steps). The finding points at the first KPI
of the circle (in file order) and shows every step as a related place.

## Why it matters
A circle has no starting point: none of its KPIs can be computed, so their
scorecard rows stay empty. It usually means one of them should be measured
directly and the other computed from it.
"#;
    fix: r#"Measure one of the KPIs directly (remove its `formula` and report its
actuals):

```yaml
kind: Kpi
id: ltv
unit: currency:EUR
direction: higher_is_better
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    // Formula references are graph edges (the model links each KPI to the
    // KPIs its formula names), so the circles are the graph's own cycles.
    for cycle in ctx.graph.cycles_by(Edge::Formula, |d| model.order_key(d)) {
        let members: Vec<DocId> = cycle.steps.iter().map(|(d, _)| *d).collect();
        let ids: Vec<&str> = members.iter().map(|&d| model.docs[d].id()).collect();
        let path = ids
            .iter()
            .chain(std::iter::once(&ids[0]))
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(" → ");
        // Step `i` points at the first place the formula of member `i`
        // names member `i + 1`.
        let step = |i: usize| {
            let next = ids[(i + 1) % ids.len()];
            let (offset, len) = match model.formulas.get(&members[i]) {
                Some(Ok(formula)) => formula
                    .references()
                    .into_iter()
                    .find(|r| r.id == next)
                    .map_or((0, 0), |r| (r.offset, r.id.len())),
                _ => (0, 0),
            };
            ctx.text_label(members[i], "/formula", offset, offset + len)
        };
        let message = if ids.len() == 1 {
            format!(
                "the formula of `{}` uses `{}` itself, so it can never be computed",
                ids[0], ids[0]
            )
        } else {
            format!("KPI formulas go round in a circle: {path}; none of these KPIs can be computed")
        };
        let help = if ids.len() == 1 {
            format!(
                "write the formula of `{}` without `{}`, or remove the formula and report its actuals",
                ids[0], ids[0]
            )
        } else {
            "measure one of these KPIs directly (remove its `formula` and report its actuals) \
             so the others can be computed from it"
                .to_owned()
        };
        let first = step(0).with_text(format!("`{}` uses `{}`", ids[0], ids[1 % ids.len()]));
        let mut finding = Finding::new(&RULE, message)
            .at(first)
            .subject(ids[0], "/formula")
            .help(help);
        for i in 1..ids.len() {
            let next = ids[(i + 1) % ids.len()];
            finding = finding.related(step(i).with_text(format!("`{}` uses `{next}`", ids[i])));
        }
        out.push(finding);
    }
}
