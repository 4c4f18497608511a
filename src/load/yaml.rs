//! YAML text -> a tree of spanned nodes. This is the only module that knows
//! the YAML crate (serde-saphyr, pinned): every key and value keeps its byte
//! range so a finding anywhere later can point at the exact line.
//!
//! serde-saphyr was chosen over the libyaml forks and saphyr: it rejects
//! duplicate keys everywhere, stops alias bombs and deep nesting with a budget
//! instead of burning CPU or overflowing the stack, and gives byte spans for
//! keys and values (see DEPENDENCIES.md for the measurements).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
}

/// One YAML value with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

/// A mapping entry: the key text, where the key is, and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

impl Node {
    /// The entry of a mapping by key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Walks a JSON pointer (`/advances/1`); returns the deepest node reached
    /// and whether the whole pointer resolved, plus the span of the last key
    /// crossed (a missing field is best shown at its parent's key).
    pub fn walk(&self, pointer: &str) -> Walked<'_> {
        let mut node = self;
        let mut key_span = None;
        let mut complete = true;
        for token in pointer.split('/').skip(1) {
            let token = unescape_pointer(token);
            let next = match &node.value {
                Value::Map(entries) => entries.iter().find(|e| e.key == token).map(|e| {
                    key_span = Some(e.key_span);
                    &e.value
                }),
                Value::Seq(items) => token.parse::<usize>().ok().and_then(|i| {
                    // Inside a list the item has no key of its own.
                    key_span = None;
                    items.get(i)
                }),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => {
                    complete = false;
                    break;
                }
            }
        }
        Walked {
            node,
            key_span,
            complete,
        }
    }

    /// Converts to JSON for schema validation and typed deserialisation.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

fn unescape_pointer(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

pub struct Walked<'a> {
    pub node: &'a Node,
    pub key_span: Option<Span>,
    pub complete: bool,
}

/// Limits that keep a hostile or broken file from exhausting the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_nodes: 250_000,
            max_aliases: 1_000,
        }
    }
}

/// Why a file could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub message: String,
    /// Byte offset of the problem, when the parser knows it.
    pub offset: Option<u32>,
    /// 1-based line and column, when the parser knows them.
    pub line_col: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    Syntax,
    DuplicateKey,
    Budget,
}

/// Parses every document of a file. Empty documents are skipped.
pub fn parse_documents(text: &str, limits: Limits) -> Result<Vec<Node>, ParseError> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits.max_depth,
            max_nodes: limits.max_nodes,
            max_aliases: limits.max_aliases,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        // YAML 1.2 core schema: `NO` and `yes` stay strings, `017` and
        // `1_000` are not silently turned into numbers.
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        legacy_octal_numbers: false,
        with_snippet: false,
    };
    serde_saphyr::from_multiple_with_options::<Node>(text, options).map_err(|e| convert_error(&e))
}

fn convert_error(error: &serde_saphyr::Error) -> ParseError {
    use serde_saphyr::Error as E;
    let mut error = error;
    while let E::WithSnippet { error: inner, .. } | E::AliasError { error: inner, .. } = error {
        error = inner;
    }
    let kind = match error {
        E::DuplicateMappingKey { .. } => ParseErrorKind::DuplicateKey,
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => ParseErrorKind::Budget,
        _ => ParseErrorKind::Syntax,
    };
    let mut message = match error {
        E::Budget { breach, .. } => budget_message(breach),
        E::DuplicateMappingKey { key: Some(key), .. } => {
            format!("the key `{key}` appears twice in the same mapping")
        }
        E::DuplicateMappingKey { key: None, .. } => {
            "a key appears twice in the same mapping".to_owned()
        }
        _ => error.render(),
    };
    // The parser reports runaway flow nesting as a plain message.
    let kind = if kind == ParseErrorKind::Syntax && message.contains("recursion limit") {
        message = "the YAML is nested too deeply".to_owned();
        ParseErrorKind::Budget
    } else {
        kind
    };
    let location = error.location();
    let offset = location
        .and_then(|l| l.span().byte_offset())
        .and_then(|o| u32::try_from(o).ok());
    let line_col = location
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as u32, l.column() as u32));
    // The crate appends " at line X column Y"; we print positions ourselves.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    ParseError {
        kind,
        message,
        offset,
        line_col,
    }
}

fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { depth } => format!(
            "the YAML is nested more than {} levels deep (limit `limits.max_depth`)",
            depth - 1
        ),
        B::Nodes { nodes } => format!(
            "the file expands to more than {} YAML values, counting aliases (limit `limits.max_nodes`)",
            nodes - 1
        ),
        B::Aliases { aliases } => format!(
            "the file uses more than {} aliases (limit `limits.max_aliases`)",
            aliases - 1
        ),
        other => format!("the file exceeds a YAML size budget ({other:?})"),
    }
}

fn span_of(location: &serde_saphyr::Location) -> Span {
    let s = location.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(start), Some(len)) => {
            let start = u32::try_from(start).unwrap_or(u32::MAX);
            Span::new(start, start.saturating_add(u32::try_from(len).unwrap_or(0)))
        }
        _ => Span::default(),
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<ValueSeed>::deserialize(d)?;
        Ok(Node {
            span: span_of(&spanned.referenced),
            value: spanned.value.0,
        })
    }
}

/// Deserialises the value part of a node; children are full `Node`s.
struct ValueSeed(Value);

impl<'de> Deserialize<'de> for ValueSeed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor).map(ValueSeed)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4));
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8));
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value::<Node>()?;
            entries.push(Entry {
                key: key.value.0,
                key_span: span_of(&key.referenced),
                value,
            });
        }
        Ok(Value::Map(entries))
    }
}

/// A mapping key: any scalar, as text. Complex keys are rejected.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a plain mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_string<E>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
            fn visit_bool<E>(self, v: bool) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_i64<E>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_f64<E>(self, v: f64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_unit<E>(self) -> Result<String, E> {
                Ok(String::new())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
                Err(de::Error::custom("a list cannot be used as a mapping key"))
            }
        }
        d.deserialize_any(KeyVisitor).map(KeyText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let mut docs = parse_documents(text, Limits::default()).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let text = "kind: Goal\nid: grow\nlist:\n  - a\n  - bb\n";
        let node = one(text);
        let e = node.entry("id").unwrap();
        assert_eq!(&text[e.key_span.start as usize..e.key_span.end as usize], "id");
        assert_eq!(
            &text[e.value.span.start as usize..e.value.span.end as usize],
            "grow"
        );
        let w = node.walk("/list/1");
        assert!(w.complete);
        assert_eq!(&text[w.node.span.start as usize..w.node.span.end as usize], "bb");
    }

    #[test]
    fn yaml_1_2_scalars_stay_strings() {
        let node = one("a: NO\nb: yes\nc: 017\nd: 1_000\ne: 12\nf: 1.5\ng: true\nh: ~\n");
        let j = node.to_json();
        assert_eq!(j["a"], "NO");
        assert_eq!(j["b"], "yes");
        assert_eq!(j["c"], "017");
        assert_eq!(j["d"], "1_000");
        assert_eq!(j["e"], 12);
        assert_eq!(j["f"], 1.5);
        assert_eq!(j["g"], true);
        assert!(j["h"].is_null());
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let e = parse_documents("a: 1\nb: 2\na: 3\n", Limits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::DuplicateKey);
        assert_eq!(e.line_col.map(|l| l.0), Some(3));
    }

    /// Debug builds need far more stack per nesting level than release
    /// builds; the loader runs on threads with large stacks, and so does this.
    fn on_big_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(crate::load::PARSER_STACK_BYTES)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn alias_bombs_and_deep_nesting_stop() {
        on_big_stack(alias_bombs_and_deep_nesting_stop_inner);
    }

    fn alias_bombs_and_deep_nesting_stop_inner() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            bomb.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let e = parse_documents(&bomb, Limits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Budget, "{e:?}");

        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse_documents(&deep, Limits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Budget, "{e:?}");

        let mut block = String::new();
        for i in 0..20_000 {
            block.push_str(&" ".repeat(i));
            block.push_str("k:\n");
        }
        let e = parse_documents(&block, Limits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Budget, "{e:?}");
    }

    #[test]
    fn multiple_documents() {
        let docs = parse_documents("a: 1\n---\nb: 2\n---\n", Limits::default()).unwrap();
        assert_eq!(docs.len(), 2);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse_documents("a: [1, 2\nb: 3\n", Limits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert!(e.line_col.is_some());
    }
}
