//! Field by field comparison of two JSON values (the typed body of a
//! document, or `stratc.yaml`), read back in business words: list items by
//! their id (or another naming field), fields by their title, values with
//! their unit, and each change of a limit with its direction.
//!
//! Every change keeps its JSON pointer for tools; the words are what people
//! read ("`technical-apparel`: max discount 30% → 40% (loosened)").

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::report::{Direction, FieldChange};
use super::words::{field_title, value_text};
use crate::model::Kind;
use crate::words::escape_pointer;

/// One step of the path to a changed value.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    /// A mapping key.
    Key(String),
    /// A list item, by its name; `by_id` when named by its `id` (the list's
    /// key is then left out of the words: the id says enough).
    Item { name: String, by_id: bool },
}

/// Fields that name a list item, in order of preference: items are matched
/// between the two sides by the first of these that every item has, with
/// distinct values, on both sides.
const NAMING_KEYS: &[&str] = &[
    "id",
    "name",
    "data",
    "attribute",
    "approver",
    "gate",
    "kpi",
    "period",
    "title",
];

/// The fields that differ between two JSON values. `kind` is the kind of
/// the document (none for `stratc.yaml`); it tells which fields are limits.
pub(crate) fn field_changes(kind: Option<Kind>, before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut diff = Differ {
        kind,
        out: Vec::new(),
    };
    diff.values("", &mut Vec::new(), before, after);
    diff.out
}

struct Differ {
    kind: Option<Kind>,
    out: Vec<FieldChange>,
}

/// A value compared whole: scalars, and money (`{amount, currency}`).
fn is_atomic(v: &Value) -> bool {
    match v {
        Value::Array(_) => false,
        Value::Object(o) => o.len() == 2 && o.contains_key("amount") && o.contains_key("currency"),
        _ => true,
    }
}

/// The naming field shared by every item of both lists, with distinct
/// values on each side.
fn naming_key(before: &[Value], after: &[Value]) -> Option<&'static str> {
    NAMING_KEYS.iter().copied().find(|key| {
        [before, after].iter().all(|items| {
            let names: Option<Vec<String>> = items.iter().map(|v| name_of(v, key)).collect();
            names.is_some_and(|n| n.iter().collect::<HashSet<_>>().len() == n.len())
        })
    })
}

/// An item's value for a naming field, as text (periods may be numbers).
fn name_of(item: &Value, key: &str) -> Option<String> {
    match item.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Differ {
    fn push(&mut self, pointer: &str, path: &[Seg], before: Option<&Value>, after: Option<&Value>) {
        let direction = self.direction(path, before, after);
        let field = words_of(path);
        let key = leaf_key(path);
        let text = |v: Option<&Value>| v.map(|v| value_text(key, v));
        self.out.push(FieldChange {
            pointer: if pointer.is_empty() {
                "/".to_owned()
            } else {
                pointer.to_owned()
            },
            field,
            before_text: text(before),
            after_text: text(after),
            direction,
            before: before.cloned(),
            after: after.cloned(),
        });
    }

    fn values(&mut self, pointer: &str, path: &mut Vec<Seg>, before: &Value, after: &Value) {
        if before == after {
            return;
        }
        match (before, after) {
            (Value::Object(b), Value::Object(a)) if !is_atomic(before) && !is_atomic(after) => {
                for (key, bv) in b {
                    let p = format!("{pointer}/{}", escape_pointer(key));
                    path.push(Seg::Key(key.clone()));
                    match a.get(key) {
                        Some(av) => self.values(&p, path, bv, av),
                        None => self.push(&p, path, Some(bv), None),
                    }
                    path.pop();
                }
                for (key, av) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                    let p = format!("{pointer}/{}", escape_pointer(key));
                    path.push(Seg::Key(key.clone()));
                    self.push(&p, path, None, Some(av));
                    path.pop();
                }
            }
            (Value::Array(b), Value::Array(a)) if b.iter().chain(a).all(is_atomic) => {
                // `markets: [de, fr]` → `[fr]` reads best as what was added
                // and removed; the words say it (see `words::value_text`).
                self.push(pointer, path, Some(before), Some(after));
            }
            (Value::Array(b), Value::Array(a)) => match naming_key(b, a) {
                Some(key) => self.named_items(pointer, path, key, b, a),
                None => {
                    for i in 0..b.len().max(a.len()) {
                        let p = format!("{pointer}/{i}");
                        path.push(Seg::Item {
                            name: format!("#{}", i + 1),
                            by_id: false,
                        });
                        match (b.get(i), a.get(i)) {
                            (Some(bv), Some(av)) => self.values(&p, path, bv, av),
                            (bv, av) => self.push(&p, path, bv, av),
                        }
                        path.pop();
                    }
                }
            },
            _ => self.push(pointer, path, Some(before), Some(after)),
        }
    }

    /// Lists whose items are matched by a naming field: changed items in
    /// the work tree's order, then added ones at their place, then removed.
    fn named_items(
        &mut self,
        pointer: &str,
        path: &mut Vec<Seg>,
        key: &str,
        b: &[Value],
        a: &[Value],
    ) {
        let by_id = key == "id";
        let names = |items: &[Value]| -> Vec<String> {
            items.iter().filter_map(|v| name_of(v, key)).collect()
        };
        let (b_names, a_names) = (names(b), names(a));
        let b_index: HashMap<&str, usize> = b_names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        for (i, (name, av)) in a_names.iter().zip(a).enumerate() {
            let p = format!("{pointer}/{i}");
            path.push(Seg::Item {
                name: name.clone(),
                by_id,
            });
            match b_index.get(name.as_str()) {
                Some(&j) => self.values(&p, path, &b[j], av),
                None => self.push(&p, path, None, Some(av)),
            }
            path.pop();
        }
        let a_set: HashSet<&str> = a_names.iter().map(String::as_str).collect();
        for (j, (name, bv)) in b_names.iter().zip(b).enumerate() {
            if !a_set.contains(name.as_str()) {
                path.push(Seg::Item {
                    name: name.clone(),
                    by_id,
                });
                self.push(&format!("{pointer}/{j}"), path, Some(bv), None);
                path.pop();
            }
        }
    }

    /// The direction of a change of a limit; none for other fields.
    fn direction(
        &self,
        path: &[Seg],
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Option<Direction> {
        let kind = self.kind?;
        let keys: Vec<&str> = path
            .iter()
            .filter_map(|s| match s {
                Seg::Key(k) => Some(k.as_str()),
                Seg::Item { .. } => None,
            })
            .collect();
        let leaf = *keys.last()?;
        if !matches!(path.last(), Some(Seg::Key(_))) {
            return None;
        }
        let higher_is_looser = limit_sense(kind, &keys, leaf)?;
        let (b, a) = match (before, after) {
            // A limit set where there was none tightens; one removed loosens.
            (None, Some(_)) => return Some(Direction::Tightened),
            (Some(_), None) => return Some(Direction::Loosened),
            (Some(b), Some(a)) => (b, a),
            (None, None) => return None,
        };
        let ordering = match (b, a) {
            (Value::String(b), Value::String(a)) => b.cmp(a),
            _ => {
                let number = |v: &Value| {
                    v.as_f64()
                        .or_else(|| v.get("amount").and_then(Value::as_f64))
                };
                number(b)?.partial_cmp(&number(a)?)?
            }
        };
        let raised = match ordering {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => return None,
        };
        Some(if raised == higher_is_looser {
            Direction::Loosened
        } else {
            Direction::Tightened
        })
    }
}

/// Whether a field is a limit, and if so whether a higher value allows
/// more (`Some(true)`: a maximum) or less (`Some(false)`: a floor).
fn limit_sense(kind: Kind, keys: &[&str], leaf: &str) -> Option<bool> {
    match kind {
        // A later expiry keeps the deviation allowed for longer.
        Kind::Exception => (leaf == "expires").then_some(true),
        Kind::ChannelPolicy if keys.first() == Some(&"minimum_sla") => {
            Some(leaf == "response_time_hours")
        }
        Kind::DataPolicy if keys.first() == Some(&"retention") => (leaf == "days").then_some(true),
        Kind::PricingPolicy
        | Kind::ChannelPolicy
        | Kind::Market
        | Kind::DataPolicy
        | Kind::Segment => {
            if leaf.starts_with("max_") || leaf == "pricing_autonomy_pct" {
                Some(true)
            } else if leaf.starts_with("min_") || leaf.starts_with("floor_") {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The mapping key the value sits under (`max_discount_pct`), which tells
/// its unit; empty for a list item.
fn leaf_key(path: &[Seg]) -> &str {
    match path.last() {
        Some(Seg::Key(k)) => k,
        _ => "",
    }
}

/// The path in words: "`apparel`: max discount", "minimum SLA ›
/// marketplace › on-time delivery", "targets `2027`: value".
fn words_of(path: &[Seg]) -> String {
    let mut out = String::new();
    for (i, seg) in path.iter().enumerate() {
        let next_is_id = matches!(path.get(i + 1), Some(Seg::Item { by_id: true, .. }));
        match seg {
            Seg::Key(_) if next_is_id => continue,
            Seg::Key(k) => {
                if !out.is_empty() && !out.ends_with(':') {
                    out.push_str(" ›");
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&field_title(k));
            }
            Seg::Item { name, .. } => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&super::words::code(name));
                if i + 1 < path.len() {
                    out.push(':');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pointers(changes: &[FieldChange]) -> Vec<&str> {
        changes.iter().map(|c| c.pointer.as_str()).collect()
    }

    fn words(changes: &[FieldChange]) -> Vec<&str> {
        changes.iter().map(|c| c.field.as_str()).collect()
    }

    #[test]
    fn nested_fields_keep_their_pointers_and_read_as_titles() {
        let before = json!({"id": "p", "geo": {"max_price_gap_pct": 10.0}, "title": "a/b"});
        let after = json!({"id": "p", "geo": {"max_price_gap_pct": 15.0}, "owner": "cfo"});
        let changes = field_changes(Some(Kind::PricingPolicy), &before, &after);
        assert_eq!(
            pointers(&changes),
            ["/geo/max_price_gap_pct", "/title", "/owner"]
        );
        assert_eq!(
            words(&changes),
            ["geo pricing › max price gap", "title", "owner"]
        );
        assert_eq!(changes[0].before_text.as_deref(), Some("10%"));
        assert_eq!(changes[0].direction, Some(Direction::Loosened));
        assert_eq!(changes[1].after, None);
        assert_eq!(changes[2].before, None);
        assert_eq!(changes[2].direction, None);
    }

    #[test]
    fn items_with_ids_are_matched_and_named_by_id() {
        let before = json!({"categories": [{"id": "a", "max_discount_pct": 1}, {"id": "b", "floor_margin_pct": 2}]});
        let after = json!({"categories": [{"id": "b", "floor_margin_pct": 3}, {"id": "c", "max_discount_pct": 4}]});
        let changes = field_changes(Some(Kind::PricingPolicy), &before, &after);
        // b changed (now at index 0), c added at 1, a removed (was at 0).
        assert_eq!(
            pointers(&changes),
            [
                "/categories/0/floor_margin_pct",
                "/categories/1",
                "/categories/0"
            ]
        );
        assert_eq!(words(&changes), ["`b`: floor margin", "`c`", "`a`"]);
        // A higher floor allows less.
        assert_eq!(changes[0].direction, Some(Direction::Tightened));
    }

    #[test]
    fn items_without_ids_are_matched_by_a_naming_field_or_position() {
        let before = json!({"approvals": {"tiers": [{"approver": "x", "max_discount_pct": 10}, {"approver": "y", "max_discount_pct": 20}]},
            "map": [{"categories": ["a"], "min_price_ratio": 0.85}]});
        let after = json!({"approvals": {"tiers": [{"approver": "y", "max_discount_pct": 20}, {"approver": "x", "max_discount_pct": 5}]},
            "map": [{"categories": ["a"], "min_price_ratio": 0.8}]});
        let changes = field_changes(Some(Kind::PricingPolicy), &before, &after);
        assert_eq!(
            words(&changes),
            [
                "approvals › tiers `x`: max discount",
                "MAP rules `#1`: min price ratio"
            ]
        );
        assert_eq!(changes[0].direction, Some(Direction::Tightened));
        assert_eq!(changes[1].direction, Some(Direction::Loosened));
    }

    #[test]
    fn limits_know_which_way_is_looser() {
        let sla = field_changes(
            Some(Kind::ChannelPolicy),
            &json!({"minimum_sla": {"marketplace": {"on_time_delivery_pct": 95, "response_time_hours": 24}}}),
            &json!({"minimum_sla": {"marketplace": {"on_time_delivery_pct": 90, "response_time_hours": 48}}}),
        );
        assert!(
            sla.iter().all(|c| c.direction == Some(Direction::Loosened)),
            "{sla:?}"
        );
        let expiry = field_changes(
            Some(Kind::Exception),
            &json!({"expires": "2027-06-30"}),
            &json!({"expires": "2027-12-31"}),
        );
        assert_eq!(expiry[0].direction, Some(Direction::Loosened));
        let retention = field_changes(
            Some(Kind::DataPolicy),
            &json!({"retention": [{"data": "orders", "days": 365}]}),
            &json!({"retention": [{"data": "orders", "days": 180}]}),
        );
        assert_eq!(retention[0].direction, Some(Direction::Tightened));
        assert_eq!(retention[0].field, "retention `orders`: days");
        // A KPI target is no limit.
        let kpi = field_changes(Some(Kind::Kpi), &json!({"max_x": 1}), &json!({"max_x": 2}));
        assert_eq!(kpi[0].direction, None);
    }

    #[test]
    fn lists_of_plain_values_and_money_are_compared_whole() {
        let changes = field_changes(
            Some(Kind::Initiative),
            &json!({"markets": ["de", "fr"], "budget": {"amount": 1000.0, "currency": "EUR"}}),
            &json!({"markets": ["fr"], "budget": {"amount": 2500000.0, "currency": "EUR"}}),
        );
        assert_eq!(pointers(&changes), ["/markets", "/budget"]);
        assert_eq!(changes[1].after_text.as_deref(), Some("EUR 2.5M"));
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        let changes = field_changes(None, &json!({"a/b~c": 1}), &json!({"a/b~c": 2}));
        assert_eq!(pointers(&changes), ["/a~1b~0c"]);
    }
}
