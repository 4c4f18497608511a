//! Value formats no schema can express: every id, period, date and
//! currency, checked by field name while a document's tree is at hand.

use super::values::{Period, is_currency_code, is_valid_decision_id, is_valid_id};
use super::{Body, Document, WrittenPct};
use crate::finding::structure as st;
use crate::finding::{Finding, Label};
use crate::load::yaml::{Node, Value};
use crate::words::escape_pointer;

const DATE_FIELDS: &[&str] = &[
    "valid_from",
    "valid_until",
    "start",
    "end",
    "passed",
    "decided_on",
    "contract_end",
    "approved_on",
    "expires",
    "reviewed_on",
    "on",
    "last",
    "assessed_on",
];
const PERIOD_FIELDS: &[&str] = &["horizon", "by", "period", "from"];

/// Walks the document's tree once and checks every id, period, date and
/// currency by field name. Runs while loading, when the tree is at hand;
/// the same walk collects the `_pct` numbers `percent-looks-like-fraction`
/// compares, so that rule needs no copy of the document.
pub(crate) fn check_values(
    doc: &Document,
    tree: &Node,
    findings: &mut Vec<Finding>,
) -> Vec<WrittenPct> {
    let mut pct = Vec::new();
    if !is_valid_id(doc.id()) {
        findings.push(malformed_id(doc, "/id", doc.id()));
    }
    if let Body::DecisionRights(rights) = &doc.body {
        for (i, dec) in rights.decisions.iter().enumerate() {
            if !is_valid_decision_id(&dec.id) {
                let pointer = format!("/decisions/{i}/id");
                findings.push(
                    Finding::new(&st::malformed_value::RULE, format!("`{}` is not a valid decision id", dec.id))
                        .at(Label::new(doc.file, crate::model::span_in(tree, &pointer)))
                        .subject(doc.id(), pointer)
                        .help("decision ids use lower-case words joined by dashes, grouped with dots, e.g. `pricing.exception`"),
                );
            }
        }
    }
    if let Body::Scenario(scenario) = &doc.body {
        check_shocks(doc, tree, scenario, findings);
    }
    if let Body::Experiment(experiment) = &doc.body {
        check_winner(doc, tree, experiment, findings);
    }
    // Depth-first walk with the path kept as segments; the JSON pointer is
    // only written out when a value is reported.
    let mut path: Vec<Segment<'_>> = Vec::new();
    let mut stack: Vec<(&Node, usize, Option<Segment<'_>>)> = vec![(tree, 0, None)];
    while let Some((node, depth, segment)) = stack.pop() {
        path.truncate(depth.saturating_sub(1));
        if let Some(segment) = segment {
            path.push(segment);
        }
        match &node.value {
            Value::Map(entries) => {
                for e in entries {
                    check_field(doc, &e.key, &e.value, &path, findings);
                    let number = match e.value.value {
                        Value::Int(i) => Some(i as f64),
                        Value::Float(f) => Some(f),
                        _ => None,
                    };
                    if let (true, Some(value)) = (e.key.ends_with("_pct"), number) {
                        pct.push(WrittenPct {
                            pointer: pointer_of(&path, &e.key).into(),
                            field: e.key.as_str().into(),
                            value,
                        });
                    }
                }
                for e in entries {
                    if matches!(e.value.value, Value::Map(_) | Value::Seq(_)) {
                        stack.push((&e.value, depth + 1, Some(Segment::Key(&e.key))));
                    }
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item.value, Value::Map(_) | Value::Seq(_)) {
                        stack.push((item, depth + 1, Some(Segment::Index(i))));
                    }
                }
            }
            _ => {}
        }
    }
    pct
}

/// One step of a JSON pointer.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer of `key` in the mapping at `path`.
fn pointer_of(path: &[Segment<'_>], key: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(k) => {
                out.push('/');
                out.push_str(&escape_pointer(k));
            }
            Segment::Index(i) => {
                let _ = write!(out, "/{i}");
            }
        }
    }
    out.push('/');
    out.push_str(&escape_pointer(key));
    out
}

fn check_field(
    doc: &Document,
    key: &str,
    value: &Node,
    path: &[Segment<'_>],
    findings: &mut Vec<Finding>,
) {
    let is_date = DATE_FIELDS.contains(&key);
    let is_period = !is_date && PERIOD_FIELDS.contains(&key);
    if !(is_date || is_period || key == "currency" || key == "unit") {
        return;
    }
    let bad = |message: String, help: &str| {
        Finding::new(&st::malformed_value::RULE, message)
            .at(Label::new(doc.file, value.span))
            .subject(doc.id(), pointer_of(path, key))
            .help(help.to_owned())
    };
    let text: std::borrow::Cow<'_, str> = match &value.value {
        Value::Str(s) => s.as_str().into(),
        Value::Int(i) => i.to_string().into(),
        _ => return,
    };
    let text = text.as_ref();
    if is_date {
        if crate::model::values::Date::parse(text).is_none() {
            findings.push(bad(
                format!("`{text}` is not a valid date for `{key}`"),
                "write dates as YYYY-MM-DD, e.g. 2027-03-31",
            ));
        }
    } else if is_period {
        // The pointer starts with `/allocations` (periods there are checked elsewhere).
        let under_allocations = match path.first() {
            Some(Segment::Key(k)) => k.starts_with("allocations"),
            Some(Segment::Index(_)) | None => false,
        };
        // A scorecard review's `by` is the Role that chaired it, not a period.
        let review_chair = key == "by" && matches!(path.first(), Some(Segment::Key("reviews")));
        // A scorecard section's `horizon` is short or long term, not a period.
        let section_horizon =
            key == "horizon" && matches!(path.first(), Some(Segment::Key("sections")));
        if !under_allocations
            && !review_chair
            && !section_horizon
            && Period(text.to_owned()).range().is_none()
        {
            findings.push(bad(
                format!("`{text}` is not a period for `{key}`"),
                "write periods as a year (2027), a quarter (2027-Q1) or a month (2027-03)",
            ));
        }
    } else if key == "currency" {
        if !is_currency_code(text) {
            let hint = if text.len() == 3 {
                "use an ISO 4217 code, e.g. EUR, USD, GBP, SEK".to_owned()
            } else {
                format!(
                    "use the three-letter ISO 4217 code, e.g. {}",
                    currency_hint(text)
                )
            };
            findings.push(bad(
                format!("`{text}` is not an ISO 4217 currency code"),
                &hint,
            ));
        }
    } else if let Some(code) = text.strip_prefix("currency:")
        && !is_currency_code(code)
    {
        // `unit` (the only field left): a currency unit needs a real code.
        findings.push(bad(
            format!("`{code}` in `{text}` is not an ISO 4217 currency code"),
            "write the unit as currency:XXX with an ISO 4217 code, e.g. currency:EUR",
        ));
    }
}

fn currency_hint(text: &str) -> &'static str {
    match text.to_ascii_uppercase().as_str() {
        "EURO" | "EUROS" | "€" => "EUR",
        "DOLLAR" | "DOLLARS" | "US$" | "$" => "USD",
        "POUND" | "POUNDS" | "£" => "GBP",
        _ => "EUR",
    }
}

pub(crate) fn malformed_id(doc: &Document, pointer: &str, id: &str) -> Finding {
    let suggestion = kebab(id);
    Finding::new(
        &st::malformed_value::RULE,
        format!("`{id}` is not a valid id"),
    )
    .at(Label::new(doc.file, doc.span(pointer)))
    .subject(doc.id(), pointer)
    .help(format!(
        "ids use lower-case letters, digits and dashes, e.g. `{suggestion}`"
    ))
}

fn kebab(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "my-id".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// A scenario shock moves its KPI by `change_pct` or sets it to `value`:
/// exactly one of the two (a JSON Schema `oneOf` would say so only in
/// schema words).
fn check_shocks(
    doc: &Document,
    tree: &Node,
    scenario: &crate::kinds::Scenario,
    findings: &mut Vec<Finding>,
) {
    for (i, shock) in scenario.shocks.iter().enumerate() {
        let (pointer, message, help) = match (shock.change_pct, shock.value) {
            (Some(_), Some(_)) => (
                format!("/shocks/{i}/value"),
                format!(
                    "the shock on `{}` writes both `change_pct` and `value`",
                    shock.kpi
                ),
                "keep `change_pct` to move the KPI by a percentage of its baseline, or `value` to set it",
            ),
            (None, None) => (
                format!("/shocks/{i}"),
                format!(
                    "the shock on `{}` writes neither `change_pct` nor `value`",
                    shock.kpi
                ),
                "add `change_pct: -15` to move the KPI by a percentage of its baseline, or `value:` to set it",
            ),
            _ => continue,
        };
        findings.push(
            Finding::new(&st::schema_violation::RULE, message)
                .at(Label::new(doc.file, crate::model::span_in(tree, &pointer)))
                .subject(doc.id(), pointer)
                .help(help),
        );
    }
}

/// An experiment's `result.winner` names one of its variants (or `none`,
/// when no arm beat the control): the variants are items of the document,
/// not documents, so the graph cannot check it.
fn check_winner(
    doc: &Document,
    tree: &Node,
    experiment: &crate::kinds::Experiment,
    findings: &mut Vec<Finding>,
) {
    let Some(result) = &experiment.result else {
        return;
    };
    let ids: Vec<&str> = experiment.variants.iter().map(|v| v.id.as_str()).collect();
    if result.winner == "none" || ids.contains(&result.winner.as_str()) {
        return;
    }
    let pointer = "/result/winner";
    let help = match crate::schema::did_you_mean(&result.winner, ids.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "name one of the variants ({}), or `none` when no variant beat the control",
            ids.iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    findings.push(
        Finding::new(
            &st::dangling_reference::RULE,
            format!(
                "`result.winner` names `{}`, which is not a variant of experiment `{}`",
                result.winner, experiment.id
            ),
        )
        .at(Label::new(doc.file, crate::model::span_in(tree, pointer)))
        .subject(doc.id(), pointer)
        .help(help),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_kebab_case() {
        assert_eq!(kebab("EU_Growth 2027"), "eu-growth-2027");
    }
}
