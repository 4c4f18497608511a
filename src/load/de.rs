//! Typed documents straight from the span tree. The tree is converted to
//! JSON once for schema validation; reading the typed body from the tree
//! instead of from that JSON saves walking and allocating a second copy of
//! every document. The rules match `Node::to_json` exactly (non-finite
//! numbers read as null), so a document that passed validation reads the
//! same either way.

use serde::de::value::{BorrowedStrDeserializer, Error, MapAccessDeserializer};
use serde::de::{self, DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};

use super::yaml::{Entry, Node, Value};

/// A deserializer over one node of the tree.
pub struct NodeDe<'a> {
    node: &'a Node,
    /// A key of this mapping to leave out (`kind` of a document: the typed
    /// body has no such field).
    skip: Option<&'static str>,
}

impl<'a> NodeDe<'a> {
    /// A whole document, without its `kind` field.
    pub fn document(node: &'a Node) -> NodeDe<'a> {
        NodeDe {
            node,
            skip: Some("kind"),
        }
    }

    fn new(node: &'a Node) -> NodeDe<'a> {
        NodeDe { node, skip: None }
    }

    /// Null, or a number JSON cannot hold (as `to_json` maps it).
    fn is_null(&self) -> bool {
        match self.node.value {
            Value::Null => true,
            Value::Float(f) => !f.is_finite(),
            _ => false,
        }
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            return visitor.visit_unit();
        }
        match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(Seq(items.iter())),
            Value::Map(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                skip: self.skip,
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Str(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            Value::Map(entries) => visitor.visit_enum(MapAccessDeserializer::new(Map {
                entries: entries.iter(),
                skip: None,
                value: None,
            })),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

struct Seq<'a>(std::slice::Iter<'a, Node>);

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|node| seed.deserialize(NodeDe::new(node)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map<'a> {
    entries: std::slice::Iter<'a, Entry>,
    skip: Option<&'static str>,
    value: Option<&'a Node>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for entry in self.entries.by_ref() {
            if self.skip == Some(entry.key.as_str()) {
                continue;
            }
            self.value = Some(&entry.value);
            return seed
                .deserialize(BorrowedStrDeserializer::new(&entry.key))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self
            .value
            .take()
            .ok_or_else(|| Error::custom("a value was asked for before its key"))?;
        seed.deserialize(NodeDe::new(node))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::load::yaml::{Limits, parse_documents};
    use crate::model::{Body, Kind};

    /// Every document of the showcase repository reads the same from the
    /// tree as from its JSON.
    #[test]
    fn reads_like_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let mut checked = 0;
        for entry in ignore::WalkBuilder::new(&root).build().flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "yaml") || path.ends_with("stratc.yaml") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            for node in parse_documents(&text, Limits::default()).unwrap() {
                let kind = Kind::from_name(node.get("kind").unwrap().as_str().unwrap()).unwrap();
                let mut json = node.to_json();
                json.as_object_mut().unwrap().shift_remove("kind");
                let from_json = Body::from_json(kind, &json).unwrap();
                let from_tree = Body::from_node(kind, &node).unwrap();
                assert_eq!(
                    serde_json::to_value(&from_json).unwrap(),
                    serde_json::to_value(&from_tree).unwrap(),
                    "{}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 20, "only {checked} documents found");
    }

    #[test]
    fn options_nulls_and_enums() {
        let text = "kind: Kpi\nid: k\nunit: percent\ndirection: higher_is_better\ntitle: null\n";
        let node = parse_documents(text, Limits::default()).unwrap().remove(0);
        let Body::Kpi(kpi) = Body::from_node(Kind::Kpi, &node).unwrap() else {
            panic!("not a KPI");
        };
        assert_eq!(kpi.id, "k");
        assert!(kpi.title.is_none());
        let bad = "kind: Kpi\nid: k\nunit: percent\ndirection: sideways\n";
        let node = parse_documents(bad, Limits::default()).unwrap().remove(0);
        let error = Body::from_node(Kind::Kpi, &node).unwrap_err().to_string();
        assert!(error.contains("sideways"), "{error}");
    }
}
