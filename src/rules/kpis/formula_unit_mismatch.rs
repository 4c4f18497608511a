//! `formula-unit-mismatch`: a KPI formula combines units that do not go
//! together (EUR + a count, EUR − USD), or gives a unit other than the KPI's
//! own (a ratio for a KPI in percent). The unit rules are in
//! [`crate::metrics::formula`].

use crate::finding::Finding;
use crate::metrics::formula::Unit;
use crate::model::kinds::Kpi;
use crate::rules::ctx::Ctx;

crate::rule! {
    "KP006" "formula-unit-mismatch", Kpis, Error;
    summary: "A KPI formula mixes units, or gives a unit other than the KPI's.";
    examples: "kpis/computed.yaml", "kpis/computed.yaml";
    doc: r#"## What it does
Works out the unit of every Kpi `formula` from the `unit` of the KPIs it
names:

- adding or subtracting needs the same unit on both sides (EUR + EUR, percent
  − percent); EUR + USD or EUR + a count is a mismatch;
- dividing two values of the same unit gives a ratio (EUR / EUR); an amount
  divided by a count, ratio or percentage stays an amount (revenue / orders
  is EUR); a value per EUR, per day or per hour is not a KPI unit;
- an amount times a count, ratio or percentage stays an amount (EUR × ratio
  is EUR); two amounts cannot be multiplied;
- a ratio times 100 is a percentage, a percentage divided by 100 a ratio.

The finding points at the part of the formula where the units clash, or, when
the formula works out, at the formula whose unit differs from the KPI's
`unit`.

## Why it matters
A formula that adds euros to order counts, or dollars to euros without a
conversion, produces a number that means nothing — and it looks as precise as
any other number on the scorecard.
"#;
    fix: r#"Declare the unit the formula gives, or convert in the formula:

```yaml
kind: Kpi
id: ltv-cac-ratio
unit: ratio
direction: higher_is_better
formula: ltv / cac
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let unit_of = |id: &str| model.get::<Kpi>(id).and_then(|(_, k)| Unit::parse(&k.unit));
    for (d, kpi, parsed) in ctx.model.kpi_formulas() {
        let Ok(formula) = parsed else { continue };
        match formula.infer_unit(unit_of) {
            Err(mismatch) => {
                let mut finding = Finding::new(
                    &RULE,
                    format!(
                        "the formula of `{}` mixes units: {}",
                        kpi.id, mismatch.message
                    ),
                )
                .at(ctx.text_label(d, "/formula", mismatch.start, mismatch.end))
                .subject(kpi.id.as_str(), "/formula");
                let mut seen = Vec::new();
                let mut currencies: Vec<&str> = Vec::new();
                for r in formula.references() {
                    let inside = r.offset >= mismatch.start && r.offset < mismatch.end;
                    let Some((k, other)) = model.get::<Kpi>(&r.id).filter(|_| inside) else {
                        continue;
                    };
                    if seen.contains(&k) {
                        continue;
                    }
                    seen.push(k);
                    if let Some(code) = other.unit.strip_prefix("currency:")
                        && !currencies.contains(&code)
                    {
                        currencies.push(code);
                    }
                    finding = finding.related(ctx.related(
                        k,
                        "/unit",
                        format!("`{}` has the unit `{}`", other.id, other.unit),
                    ));
                }
                let help = if currencies.len() > 1 {
                    "amounts in different currencies cannot be added up as they are: use KPIs \
                     reported in one currency (converted at budget rates), or correct the `unit` \
                     of the KPIs involved"
                } else {
                    "combine values of the same unit (e.g. EUR with EUR, a count with a count), \
                     or correct the `unit` of the KPIs involved"
                };
                out.push(finding.help(help));
            }
            Ok(Some(inferred)) => {
                let Some(declared) = Unit::parse(&kpi.unit) else {
                    continue;
                };
                if inferred == declared {
                    continue;
                }
                let text = kpi.formula.as_deref().unwrap_or("");
                let help = match (&inferred, &declared) {
                    (Unit::Ratio, Unit::Percent) => format!(
                        "multiply by 100 to get a percentage (`({text}) * 100`), or set `unit: ratio`"
                    ),
                    (Unit::Percent, Unit::Ratio) => format!(
                        "divide by 100 to get a ratio (`({text}) / 100`), or set `unit: percent`"
                    ),
                    _ => format!("set `unit: {inferred}`, or correct the formula"),
                };
                out.push(
                    Finding::new(
                        &RULE,
                        format!(
                            "the formula of `{}` (`{text}`) gives {}, but the KPI is in {}",
                            kpi.id,
                            inferred.words(),
                            declared.words()
                        ),
                    )
                    .at(ctx.text_label(d, "/formula", 0, text.len()))
                    .subject(kpi.id.as_str(), "/formula")
                    .related(ctx.related(d, "/unit", format!("the KPI's unit is `{}`", kpi.unit)))
                    .help(help),
                );
            }
            Ok(None) => {}
        }
    }
}
