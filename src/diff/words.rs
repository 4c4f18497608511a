//! Field titles, values with their units and change sentences, for the
//! diff report.
//!
//! The schemas describe each field in a sentence; a change needs a short
//! title, so the title is the field name read as words (`max_discount_pct`
//! → "max discount"), its unit suffix becoming the unit of the value
//! (`_pct` → `%`, `_days` → days, `_hours` → h), with a few names that read
//! badly spelled out ([`TITLES`]).

use serde_json::Value;

use super::report::FieldChange;
use crate::diagnostics::markdown::cell;
use crate::numbers::{money, pct, plain};

/// Field names whose title is not their words.
const TITLES: &[(&str, &str)] = &[
    ("sla", "SLA"),
    ("minimum_sla", "minimum SLA"),
    ("map", "MAP rules"),
    ("kpis", "KPIs"),
    ("kpi", "KPI"),
    ("geo", "geo pricing"),
    ("accountable", "Accountable"),
    ("responsible", "Responsible"),
    ("consulted", "Consulted"),
    ("informed", "Informed"),
    ("on_time_delivery_pct", "on-time delivery"),
    ("owned_dtc", "owned DTC"),
    ("coop_funds", "co-op funds"),
    ("rate_limit_rps", "rate limit"),
    ("type", "type"),
];

/// Unit suffixes of field names, as the words of the title drop them.
const UNIT_SUFFIXES: &[&str] = &["_pct", "_days", "_hours", "_rps"];

/// The title of a field, from its name.
pub(crate) fn field_title(key: &str) -> String {
    if let Some((_, title)) = TITLES.iter().find(|(k, _)| *k == key) {
        return (*title).to_owned();
    }
    let base = UNIT_SUFFIXES
        .iter()
        .find_map(|s| key.strip_suffix(s))
        .unwrap_or(key);
    base.replace('_', " ")
}

/// A number in the unit its field name gives.
fn number_text(key: &str, n: f64) -> String {
    if key.ends_with("_pct") {
        pct(n)
    } else if key.ends_with("_days") || key == "days" {
        format!("{} days", plain(n, 1))
    } else if key.ends_with("_hours") {
        format!("{} h", plain(n, 1))
    } else if key.ends_with("_rps") {
        format!("{}/s", plain(n, 2))
    } else {
        plain(n, 6)
    }
}

/// A value as the report shows it: numbers in their unit, money as
/// `EUR 1.2M`, lists joined, an item by its fields.
pub(crate) fn value_text(key: &str, v: &Value) -> String {
    match v {
        Value::Null => "none".to_owned(),
        Value::Bool(b) => (if *b { "yes" } else { "no" }).to_owned(),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |f| number_text(key, f)),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".to_owned(),
        Value::Array(items) => items
            .iter()
            .map(|i| value_text(key, i))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) => {
            if let (Some(amount), Some(Value::String(currency))) =
                (o.get("amount").and_then(Value::as_f64), o.get("currency"))
            {
                return money(amount, currency);
            }
            // An item: its fields in words, nested lists and mappings counted.
            o.iter()
                .filter(|(k, _)| k.as_str() != "id")
                .map(|(k, v)| match v {
                    Value::Array(a) if a.iter().any(Value::is_object) => {
                        format!("{} ({})", field_title(k), a.len())
                    }
                    Value::Object(o) if !o.contains_key("amount") => {
                        format!("{} ({})", field_title(k), o.len())
                    }
                    _ => format!("{} {}", field_title(k), value_text(k, v)),
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Markdown text as inline code when it can be (escaped otherwise).
pub(crate) fn code(s: &str) -> String {
    if s.is_empty() || s.contains(['`', '\n', '\r']) {
        cell(s)
    } else {
        format!("`{}`", s.replace('|', "\\|"))
    }
}

/// Longest value text in a sentence; longer ones are shortened.
const MAX_VALUE: usize = 120;

fn short(text: &str) -> String {
    if text.chars().count() > MAX_VALUE {
        let mut t: String = text.chars().take(MAX_VALUE - 1).collect();
        t.push('…');
        t
    } else {
        text.to_owned()
    }
}

/// The elements of a list of plain values added and removed.
fn list_delta(before: &[Value], after: &[Value]) -> (Vec<String>, Vec<String>) {
    let text = |v: &Value| value_text("", v);
    let added = after
        .iter()
        .filter(|v| !before.contains(v))
        .map(text)
        .collect();
    let removed = before
        .iter()
        .filter(|v| !after.contains(v))
        .map(text)
        .collect();
    (added, removed)
}

/// A change as one sentence, in Markdown: "`apparel`: max discount 30% →
/// 40% (loosened)", "markets: added `fr`", "`outlet` added (…)". Text from
/// the strategy is escaped; `field` is already Markdown.
pub(crate) fn sentence(c: &FieldChange) -> String {
    let field = if c.field.is_empty() {
        "the document".to_owned()
    } else {
        c.field.clone()
    };
    let value = |t: &Option<String>| cell(&short(t.as_deref().unwrap_or("")));
    let mut out = match (&c.before, &c.after) {
        (Some(Value::Array(b)), Some(Value::Array(a))) => {
            let (added, removed) = list_delta(b, a);
            let list =
                |items: &[String]| items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ");
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("added {}", list(&added)));
            }
            if !removed.is_empty() {
                parts.push(format!("removed {}", list(&removed)));
            }
            if parts.is_empty() {
                parts.push(format!("reordered to {}", value(&c.after_text)));
            }
            format!("{field}: {}", parts.join("; "))
        }
        (None, Some(Value::Object(_))) => format!("{field} added ({})", value(&c.after_text)),
        (Some(Value::Object(_)), None) => format!("{field} removed"),
        (None, Some(_)) => format!("{field} set to {}", value(&c.after_text)),
        (Some(_), None) => format!("{field} removed (was {})", value(&c.before_text)),
        _ => format!(
            "{field} {} → {}",
            value(&c.before_text),
            value(&c.after_text)
        ),
    };
    if let Some(d) = c.direction {
        out.push_str(&format!(" ({})", d.word()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn titles_drop_the_unit_and_read_as_words() {
        assert_eq!(field_title("max_discount_pct"), "max discount");
        assert_eq!(field_title("max_retention_days"), "max retention");
        assert_eq!(field_title("minimum_sla"), "minimum SLA");
        assert_eq!(field_title("min_price_ratio"), "min price ratio");
    }

    #[test]
    fn values_carry_their_unit() {
        assert_eq!(value_text("max_discount_pct", &json!(30.0)), "30%");
        assert_eq!(value_text("max_retention_days", &json!(365)), "365 days");
        assert_eq!(value_text("response_time_hours", &json!(24)), "24 h");
        assert_eq!(value_text("min_price_ratio", &json!(0.85)), "0.85");
        assert_eq!(
            value_text("budget", &json!({"amount": 1200000.0, "currency": "EUR"})),
            "EUR 1.2M"
        );
        assert_eq!(
            value_text(
                "",
                &json!({"id": "x", "list_margin_pct": 40, "max_discount_pct": 50})
            ),
            "list margin 40%, max discount 50%"
        );
    }

    #[test]
    fn sentences_escape_strategy_text() {
        let c = FieldChange {
            pointer: "/title".into(),
            field: "title".into(),
            before: Some(json!("a")),
            after: Some(json!("<b>|")),
            before_text: Some("a".into()),
            after_text: Some("<b>|".into()),
            direction: None,
        };
        assert_eq!(sentence(&c), "title a → &lt;b&gt;\\|");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), cell("a`b"));
    }
}
