//! `esg-objective-without-target`: an objective of category `esg` has no
//! KPI with at least one target.

use crate::finding::Finding;
use crate::model::KindOf;
use crate::model::kinds::{Kpi, Objective, ObjectiveCategory, ObjectiveStatus};
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "AL006" "esg-objective-without-target", Alignment, Error;
    summary: "An ESG objective has no KPI with a target.";
    examples: "objectives/go-circular.yaml", "objectives/reduce-footprint.yaml";
    doc: r#"## What it does
For every objective of `category: esg` (except retired ones), looks at the
KPIs in its `kpis` and reports the objective when none of them has at least
one entry in `targets`.

## Why it matters
Sustainability commitments are reported publicly (CSRD, annual reports) and
audited. An ESG objective without a dated, quantified target cannot be
verified — and an unverifiable claim is a greenwashing risk.
"#;
    fix: r#"Give one of its KPIs a target:

```yaml
kind: Kpi
id: co2-per-order
unit: ratio
direction: lower_is_better
targets:
  - {period: 2027, value: 2.7}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, objective) in ctx.model.all::<Objective>() {
        if objective.category != Some(ObjectiveCategory::Esg)
            || objective.status == Some(ObjectiveStatus::Retired)
        {
            continue;
        }
        let mut kpis = Vec::new();
        for (k, _) in ctx.graph.targets(d, Edge::MeasuredBy) {
            if !kpis.contains(&k) {
                kpis.push(k);
            }
        }
        let with_target = kpis.iter().any(|&k| {
            Kpi::from_body(&ctx.model.docs[k].body).is_some_and(|kpi| !kpi.targets.is_empty())
        });
        if with_target {
            continue;
        }
        let id = &objective.id;
        let message = if objective.kpis.is_empty() {
            format!("ESG objective `{id}` has no KPI with a target: it names no KPI")
        } else if kpis.is_empty() {
            format!("ESG objective `{id}` has no KPI with a target: none of its KPIs exists")
        } else {
            let names: Vec<&str> = kpis.iter().map(|&k| ctx.model.docs[k].id()).collect();
            format!(
                "ESG objective `{id}` has no KPI with a target: {} {} no targets",
                id_list(names),
                if kpis.len() == 1 { "has" } else { "have" }
            )
        };
        let mut f = ctx.finding_at_field(&RULE, d, "/kpis", "/id", message);
        for &k in &kpis {
            let label = ctx.field_label(k, "/targets");
            f = f.related(label.with_text(format!("`{}` has no targets", ctx.model.docs[k].id())));
        }
        let help = if kpis.is_empty() {
            "ESG commitments must be measurable against a dated target: name under `kpis` a KPI \
             that has `targets` (a period and a value), e.g. a CO₂e or recycled-share KPI"
        } else {
            "ESG commitments must be measurable against a dated target: add `targets` (a period \
             and a value) to one of its KPIs, e.g. `targets: [{period: 2027, value: 2.7}]`"
        };
        out.push(f.help(help));
    }
}
