//! Field by field comparison of two JSON values (the typed body of a
//! document, or `stratc.yaml`), as JSON pointers.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::report::FieldChange;
use crate::words::escape_pointer;

/// The fields that differ between two JSON values, as JSON pointers.
pub(crate) fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_values("", before, after, &mut out);
    out
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// The `id` of every item, when every item is an object with a distinct string id.
fn item_ids(items: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = items
        .iter()
        .map(|v| v.get("id").and_then(Value::as_str))
        .collect::<Option<_>>()?;
    let distinct: HashSet<&str> = ids.iter().copied().collect();
    (distinct.len() == ids.len()).then_some(ids)
}

fn diff_values(pointer: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    if before == after {
        return;
    }
    let change = |before: Option<&Value>, after: Option<&Value>| FieldChange {
        pointer: if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer.to_owned()
        },
        before: before.cloned(),
        after: after.cloned(),
    };
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            for (key, bv) in b {
                let p = format!("{pointer}/{}", escape_pointer(key));
                match a.get(key) {
                    Some(av) => diff_values(&p, bv, av, out),
                    None => out.push(FieldChange {
                        pointer: p,
                        before: Some(bv.clone()),
                        after: None,
                    }),
                }
            }
            for (key, av) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                out.push(FieldChange {
                    pointer: format!("{pointer}/{}", escape_pointer(key)),
                    before: None,
                    after: Some(av.clone()),
                });
            }
        }
        (Value::Array(b), Value::Array(a)) if b.iter().chain(a).all(is_scalar) => {
            // `markets: [de, fr]` → `[fr]` reads best whole.
            out.push(change(Some(before), Some(after)));
        }
        (Value::Array(b), Value::Array(a)) => match (item_ids(b), item_ids(a)) {
            (Some(b_ids), Some(a_ids)) => {
                let b_index: HashMap<&str, usize> =
                    b_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
                for (i, (id, av)) in a_ids.iter().zip(a).enumerate() {
                    let p = format!("{pointer}/{i}");
                    match b_index.get(id) {
                        Some(&j) => diff_values(&p, &b[j], av, out),
                        None => out.push(FieldChange {
                            pointer: p,
                            before: None,
                            after: Some(av.clone()),
                        }),
                    }
                }
                let a_set: HashSet<&str> = a_ids.iter().copied().collect();
                for (j, (id, bv)) in b_ids.iter().zip(b).enumerate() {
                    if !a_set.contains(id) {
                        out.push(FieldChange {
                            pointer: format!("{pointer}/{j}"),
                            before: Some(bv.clone()),
                            after: None,
                        });
                    }
                }
            }
            _ => {
                for i in 0..b.len().max(a.len()) {
                    let p = format!("{pointer}/{i}");
                    match (b.get(i), a.get(i)) {
                        (Some(bv), Some(av)) => diff_values(&p, bv, av, out),
                        (bv, av) => out.push(FieldChange {
                            pointer: p,
                            before: bv.cloned(),
                            after: av.cloned(),
                        }),
                    }
                }
            }
        },
        _ => out.push(change(Some(before), Some(after))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pointers(changes: &[FieldChange]) -> Vec<&str> {
        changes.iter().map(|c| c.pointer.as_str()).collect()
    }

    #[test]
    fn nested_fields_are_reported_as_pointers() {
        let before = json!({"id": "p", "geo": {"max_price_gap_pct": 10.0}, "title": "a/b"});
        let after = json!({"id": "p", "geo": {"max_price_gap_pct": 15.0}, "owner": "cfo"});
        let changes = field_changes(&before, &after);
        assert_eq!(
            pointers(&changes),
            ["/geo/max_price_gap_pct", "/title", "/owner"]
        );
        assert_eq!(changes[0].before, Some(json!(10.0)));
        assert_eq!(changes[1].after, None);
        assert_eq!(changes[2].before, None);
    }

    #[test]
    fn items_with_ids_are_matched_by_id() {
        let before = json!({"categories": [{"id": "a", "max": 1}, {"id": "b", "max": 2}]});
        let after = json!({"categories": [{"id": "b", "max": 3}, {"id": "c", "max": 4}]});
        let changes = field_changes(&before, &after);
        // b changed (now at index 0), c added at 1, a removed (was at 0).
        assert_eq!(
            pointers(&changes),
            ["/categories/0/max", "/categories/1", "/categories/0"]
        );
        assert_eq!(changes[0].before, Some(json!(2)));
        assert_eq!(changes[2].after, None);
    }

    #[test]
    fn lists_of_plain_values_are_shown_whole() {
        let changes = field_changes(
            &json!({"markets": ["de", "fr"]}),
            &json!({"markets": ["fr"]}),
        );
        assert_eq!(
            changes,
            [FieldChange {
                pointer: "/markets".into(),
                before: Some(json!(["de", "fr"])),
                after: Some(json!(["fr"])),
            }]
        );
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        let changes = field_changes(&json!({"a/b~c": 1}), &json!({"a/b~c": 2}));
        assert_eq!(pointers(&changes), ["/a~1b~0c"]);
    }
}
