//! `percent-looks-like-fraction`: a percentage written as a fraction
//! (`0.15` for 15%) where the values it sits beside are whole percentages.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::Kpi;
use crate::numbers::plain;
use crate::rules::ctx::Ctx;

crate::rule! {
    "ST020" "percent-looks-like-fraction", Structure, Warning;
    summary: "A percentage between 0 and 1 where the values beside it are whole percentages: a fraction written for a percent.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Every `_pct` field and every actual of a KPI with `unit: percent` is a
percentage from 0 to 100: `15` is 15%, and `0.15` is fifteen hundredths of a
percent. This rule reports a value between 0 and 1 when the values it is
compared with are whole percentages and the value × 100 would sit among them:

- a `_pct` field, against the fields of the same name across the repository
  (`max_discount_pct` and `discount_pct` count as one name, as do the `min_`
  forms): `discount_pct: 0.3` next to policies allowing `max_discount_pct: 25`;
- a KPI actual in the CSV files, against the KPI's targets and its other
  actuals: an actual of `0.17` for a margin targeted at `18`.

"Sit among them" means within half the smallest and twice the largest of
those values, so a realistic small percentage — a 0.5% commission next to
rates of 8% and 12% — is not reported.

## Why it matters
A fraction passes every check meant for a percentage: a discount of 0.3%
never exceeds a policy's maximum, an SLA of 0.99% is simply reported as far
below the policy, and a margin actual of 0.17% turns a KPI red. The author
meant 30%, 99% and 17%, and the checks built on those numbers quietly check
something else.
"#;
    fix: r#"Write the percentage, not the fraction:

```yaml
discount_pct: 30
```
"#;
}

/// `max_discount_pct`, `min_discount_pct` and `discount_pct` are compared
/// with one another: a bound and the value it bounds share one scale.
fn stem(field: &str) -> &str {
    field
        .strip_prefix("max_")
        .or_else(|| field.strip_prefix("min_"))
        .unwrap_or(field)
}

/// A written `_pct` value: its document, JSON pointer, field and number.
struct Written<'a> {
    doc: DocId,
    pointer: &'a str,
    field: &'a str,
    value: f64,
}

/// The whole percentages a value is compared with, as their range.
#[derive(Clone, Copy)]
struct Range {
    low: f64,
    high: f64,
}

impl Range {
    fn of(values: impl IntoIterator<Item = f64>) -> Option<Range> {
        values
            .into_iter()
            .filter(|v| *v >= 1.0)
            .fold(None, |range: Option<Range>, v| {
                Some(range.map_or(Range { low: v, high: v }, |r| Range {
                    low: r.low.min(v),
                    high: r.high.max(v),
                }))
            })
    }

    /// `value` is a fraction that, × 100, reads like one of these percentages.
    fn takes_for_fraction(self, value: f64) -> bool {
        let scaled = value * 100.0;
        value > 0.0 && value < 1.0 && scaled >= self.low / 2.0 && scaled <= self.high * 2.0
    }

    fn text(self) -> String {
        if self.low == self.high {
            format!("{}%", plain(self.low, 2))
        } else {
            format!("{}% to {}%", plain(self.low, 2), plain(self.high, 2))
        }
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    check_fields(ctx, out);
    check_actuals(ctx, out);
}

fn check_fields(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    // The loader collected the `_pct` numbers while each tree was at hand:
    // turning the documents into JSON to find them cost 185 ms at 100,000
    // entities.
    let written: Vec<Written<'_>> = ctx
        .model
        .docs
        .iter()
        .enumerate()
        .flat_map(|(doc, document)| {
            document.pct.iter().map(move |p| Written {
                doc,
                pointer: &p.pointer,
                field: &p.field,
                value: p.value,
            })
        })
        .collect();
    // One range per field name, computed once: the fields are many (one per
    // category, tier and SLA of every policy), so a range per value would
    // make the rule quadratic (3.8 s at 100,000 entities).
    let mut by_stem: HashMap<&str, Vec<f64>> = HashMap::new();
    for w in &written {
        by_stem.entry(stem(w.field)).or_default().push(w.value);
    }
    let ranges: HashMap<&str, Range> = by_stem
        .into_iter()
        .filter_map(|(stem, values)| Some((stem, Range::of(values)?)))
        .collect();
    for w in &written {
        let Some(&range) = ranges.get(stem(w.field)) else {
            continue;
        };
        if !range.takes_for_fraction(w.value) {
            continue;
        }
        let as_written = plain(w.value, 6);
        let meant = plain(w.value * 100.0, 4);
        out.push(
            ctx.finding(
                &RULE,
                w.doc,
                w.pointer,
                format!(
                    "`{}: {as_written}` reads as {as_written}%, but the `{}` values beside it are \
                     whole percentages ({}); it looks like a fraction for {meant}%",
                    w.field,
                    stem(w.field),
                    range.text()
                ),
            )
            .help(format!(
                "percentages are written from 0 to 100: write `{}: {meant}` if you mean {meant}%",
                w.field
            )),
        );
    }
}

fn check_actuals(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (doc, kpi) in model.all::<Kpi>() {
        if kpi.unit != "percent" {
            continue;
        }
        let rows = model.actuals.rows(&kpi.id);
        let compared = kpi
            .targets
            .iter()
            .map(|t| t.value)
            .chain(rows.iter().map(|r| r.actual));
        let Some(range) = Range::of(compared) else {
            continue;
        };
        for row in rows.iter().filter(|r| range.takes_for_fraction(r.actual)) {
            let as_written = plain(row.actual, 6);
            let meant = plain(row.actual * 100.0, 4);
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the actual of `{}` for {} is {as_written}, which reads as \
                         {as_written}%, but its targets and other actuals are whole \
                         percentages ({}); it looks like a fraction for {meant}%",
                        kpi.id,
                        row.period,
                        range.text()
                    ),
                )
                .at(row.label())
                .subject(&kpi.id, "/targets")
                .related(ctx.related(doc, "/unit", "the KPI is in percent"))
                .help(format!(
                    "percentages are written from 0 to 100: write {meant} in the actuals CSV if \
                     the actual is {meant}%"
                )),
            );
        }
    }
}
