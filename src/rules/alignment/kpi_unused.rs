//! `kpi-unused`: nothing names a KPI — no objective, goal target, scorecard,
//! trigger, formula of another KPI or initiative's expected impact.

use crate::finding::Finding;
use crate::model::kinds::Kpi;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

crate::rule! {
    "AL008" "kpi-unused", Alignment, Warning;
    summary: "No objective, goal, scorecard, trigger, formula or initiative uses a KPI.";
    examples: "kpis/catalogue-response-rate.yaml", "kpis/cac.yaml";
    doc: r#"## What it does
Reports every KPI that nothing names: not an objective's `kpis`, a goal's
`targets`, a scorecard section, a trigger, the `formula` of another KPI or an
initiative's `expected_impact`. In formulas, ids are read as written:
`ltv-cac` is one id, `ltv - cac` (with spaces) is a subtraction.

## Why it matters
Every KPI costs effort: someone defines it, collects actuals and answers
questions about it. A KPI that measures no objective and appears in no review
is either forgotten — the objective it was meant for lost its measurement —
or dead weight that should be removed.
"#;
    fix: r#"Measure an objective with it, show it on a scorecard — or delete it:

```yaml
kind: Objective
id: delight-customers
supports: [customer-first-brand]
kpis: [nps, catalogue-response-rate]
```
"#;
}

/// The links that make a KPI used.
const USES: &[Edge] = &[
    Edge::MeasuredBy,
    Edge::TargetsKpi,
    Edge::Shows,
    Edge::Watches,
    Edge::Impacts,
    Edge::Formula,
];

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let mut used = ctx.graph.referenced_by(USES, ctx.model.docs.len());
    // The graph's formula edges come from formulas that parse; a KPI named
    // in a formula that does not parse (reported by `formula-unknown-kpi`
    // and friends) still counts as used, so the text is scanned as well.
    for (d, _, formula) in ctx.model.all_with(|x: &Kpi| x.formula.as_ref()) {
        for id in formula_ids(formula) {
            if let Some((k, _)) = ctx.model.get::<Kpi>(id)
                && k != d
            {
                used[k] = true;
            }
        }
    }
    for (d, kpi) in ctx.model.all::<Kpi>() {
        if used[d] {
            continue;
        }
        let id = &kpi.id;
        out.push(
            ctx.finding(
                &RULE,
                d,
                "/id",
                format!(
                    "KPI `{id}` is not used: no objective, goal target, scorecard, trigger, \
                     formula or initiative impact names it"
                ),
            )
            .help(format!(
                "measure an objective with it (`kpis: [{id}]`) or show it on a scorecard; \
                 delete it if nobody tracks it any more"
            )),
        );
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// The ids a formula may name. An id is `[a-z0-9][a-z0-9-]*`; a dash joins
/// two words when nothing separates it from them (`ltv-cac` is one id,
/// `ltv - cac` and `ltv -cac` are subtractions). A dash written before a
/// digit (`share-2027`) may be either an id or a subtraction, so both
/// readings are returned.
pub(crate) fn formula_ids(formula: &str) -> Vec<&str> {
    let bytes = formula.as_bytes();
    let mut ids = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        // Where a dash before a digit could end the id.
        let mut cuts = Vec::new();
        while i < bytes.len() {
            if is_word(bytes[i]) {
                i += 1;
            } else if bytes[i] == b'-' && bytes.get(i + 1).copied().is_some_and(is_word) {
                if bytes[i + 1].is_ascii_digit() {
                    cuts.push(i);
                }
                i += 1;
            } else {
                break;
            }
        }
        ids.push(&formula[start..i]);
        let mut piece = start;
        for cut in cuts {
            ids.push(&formula[piece..cut]);
            piece = cut + 1;
        }
        if piece != start {
            ids.push(&formula[piece..i]);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::formula_ids;

    #[test]
    fn kebab_ids_stay_whole_and_spaced_dashes_subtract() {
        assert_eq!(formula_ids("ltv / cac"), ["ltv", "cac"]);
        assert_eq!(formula_ids("net-revenue - cogs"), ["net-revenue", "cogs"]);
        assert_eq!(
            formula_ids("(gross-margin*net-revenue)/100"),
            ["gross-margin", "net-revenue", "100"]
        );
        assert_eq!(formula_ids("a -b"), ["a", "b"]);
        assert_eq!(formula_ids("co2-per-order"), ["co2-per-order"]);
    }

    #[test]
    fn a_dash_before_a_digit_is_read_both_ways() {
        assert_eq!(formula_ids("share-2027"), ["share-2027", "share", "2027"]);
        assert_eq!(
            formula_ids("revenue-1 + x"),
            ["revenue-1", "revenue", "1", "x"]
        );
    }
}
