//! `formula-unknown-kpi`: a KPI formula names an id that is not a KPI. A
//! formula that cannot be read at all is reported here too, as
//! `malformed-value`, at the character where reading stopped.

use super::kpi_ids;
use crate::finding::Finding;
use crate::finding::structure::malformed_value;
use crate::model::Model;
use crate::model::kinds::Kpi;
use crate::rules::ctx::Ctx;
use crate::schema::did_you_mean;
use crate::words::article;

crate::rule! {
    "KP004" "formula-unknown-kpi", Kpis, Error;
    summary: "A KPI formula names a KPI that does not exist.";
    examples: "kpis/computed.yaml", "kpis/computed.yaml";
    doc: r#"## What it does
Reads the `formula` of every Kpi (KPI ids, numbers, `+ - * /` and
parentheses) and checks that each id in it is a Kpi. The finding points at the
id inside the formula, with a "did you mean" when a KPI id is close.

KPI ids contain dashes, so a `-` directly between letters belongs to the id:
`ltv-cac` is one id. Write subtraction with spaces: `ltv - cac`. When an
unknown id is two known KPIs joined by a dash, the help says so.

A formula that cannot be read at all (an unknown character, a missing
operand, an unclosed parenthesis) is reported as `malformed-value` at the
place where reading stopped.

## Why it matters
A computed KPI whose inputs do not exist cannot be computed: its scorecard
row stays empty and its triggers never fire, silently.
"#;
    fix: r#"Name existing KPI ids:

```yaml
formula: ltv / cac
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let mut ids: Option<Vec<&str>> = None;
    for (d, kpi, parsed) in ctx.model.kpi_formulas() {
        let formula = match parsed {
            Ok(f) => f,
            Err(e) => {
                out.push(
                    Finding::new(
                        &malformed_value::RULE,
                        format!("the formula of `{}` cannot be read: {}", kpi.id, e.message),
                    )
                    .at(ctx.text_label(d, "/formula", e.start, e.end))
                    .subject(kpi.id.as_str(), "/formula")
                    .help(
                        "write the formula with KPI ids, numbers, + - * / and parentheses, and put \
                         spaces around a `-` that subtracts, e.g. `(net-revenue - cogs) / net-revenue`",
                    ),
                );
                continue;
            }
        };
        for r in formula.references() {
            if model.get::<Kpi>(&r.id).is_some() {
                continue;
            }
            let here = ctx.text_label(d, "/formula", r.offset, r.offset + r.id.len());
            let message = match model.doc(&r.id) {
                Some(other) => format!(
                    "the formula of `{}` uses `{}`, which is {} {}, not a KPI",
                    kpi.id,
                    r.id,
                    article(other.kind().name()),
                    other.kind()
                ),
                None => format!(
                    "the formula of `{}` uses `{}`, but no KPI has that id",
                    kpi.id, r.id
                ),
            };
            let help = match split_subtraction(model, &r.id) {
                Some((a, b)) => format!(
                    "to subtract `{b}` from `{a}`, put spaces around the minus: `{a} - {b}`"
                ),
                None => {
                    let candidates = ids.get_or_insert_with(|| kpi_ids(model));
                    match did_you_mean(&r.id, candidates.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if model.doc(&r.id).is_some() => {
                            format!("replace `{}` with the id of a KPI", r.id)
                        }
                        None => format!(
                            "name an existing KPI, or add a Kpi document with the id `{}`",
                            r.id
                        ),
                    }
                }
            };
            out.push(
                Finding::new(&RULE, message)
                    .at(here)
                    .subject(kpi.id.as_str(), "/formula")
                    .help(help),
            );
        }
    }
}

/// `ltv-cac` → (`ltv`, `cac`) when both halves around one of its dashes are
/// KPI ids: the author meant a subtraction.
fn split_subtraction<'a>(model: &Model, id: &'a str) -> Option<(&'a str, &'a str)> {
    id.match_indices('-')
        .map(|(i, _)| (&id[..i], &id[i + 1..]))
        .find(|(a, b)| model.get::<Kpi>(a).is_some() && model.get::<Kpi>(b).is_some())
}
