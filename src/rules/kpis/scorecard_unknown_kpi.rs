//! `scorecard-unknown-kpi`: a scorecard section lists an id that is not a
//! KPI. Reference resolution leaves scorecard KPIs to this rule.

use crate::finding::Finding;
use crate::model::Kind;
use crate::model::kinds::{Kpi, Scorecard};
use crate::rules::ctx::Ctx;
use crate::schema::did_you_mean;
use crate::words::article;

crate::rule! {
    "KP003" "scorecard-unknown-kpi", Kpis, Error;
    summary: "A scorecard shows a KPI that does not exist.";
    examples: "scorecards/executive-qbr.yaml", "scorecards/executive-qbr.yaml";
    doc: r#"## What it does
Checks every id in the `kpis` of each scorecard section against the Kpi
documents. An id that no document has, or that belongs to a document of
another kind (a market, an objective), is reported where it is written, with
a "did you mean" when a KPI id is close.

## Why it matters
A scorecard row for a KPI that does not exist renders as an empty line in the
business review: the audience sees a gap, or worse, does not notice that a
number they rely on is missing.
"#;
    fix: r#"Name existing KPIs (or add the missing Kpi):

```yaml
sections:
  - title: Customer
    kpis: [nps, repeat-purchase-rate]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let mut ids: Option<Vec<&str>> = None;
    for (d, scorecard) in model.all::<Scorecard>() {
        for (i, section) in scorecard.sections.iter().enumerate() {
            for (j, id) in section.kpis.iter().enumerate() {
                // A KPI document that does not load has its own error.
                if model.get::<Kpi>(id).is_some() || model.failed_to_load(id, Kind::Kpi) {
                    continue;
                }
                let pointer = format!("/sections/{i}/kpis/{j}");
                let candidates = ids.get_or_insert_with(|| super::kpi_ids(model));
                let suggestion = did_you_mean(id, candidates.iter().copied());
                let mut finding = match model.by_id.get(id.as_str()).map(|&o| (o, &model.docs[o])) {
                    Some((o, other)) => ctx
                        .finding(
                            &RULE,
                            d,
                            &pointer,
                            format!(
                                "the section \"{}\" of `{}` shows `{id}`, which is {} {}, not a KPI",
                                section.title,
                                scorecard.id,
                                article(other.kind().name()),
                                other.kind()
                            ),
                        )
                        .related(ctx.related(o, "/id", format!("`{id}` is defined here"))),
                    None => ctx.finding(
                        &RULE,
                        d,
                        &pointer,
                        format!(
                            "the section \"{}\" of `{}` shows `{id}`, but no KPI has that id",
                            section.title, scorecard.id
                        ),
                    ),
                };
                finding = finding.help(match (suggestion, model.doc(id)) {
                    (Some(s), _) => format!("did you mean `{s}`?"),
                    (None, Some(_)) => format!("replace `{id}` with the id of a KPI"),
                    (None, None) => {
                        format!("name an existing KPI, or add a Kpi document with the id `{id}`")
                    }
                });
                out.push(finding);
            }
        }
    }
}
