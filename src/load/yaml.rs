//! YAML text -> a tree of spanned nodes. This is the only module that knows
//! the YAML crate (serde-saphyr, pinned): every key and value keeps its byte
//! range so a finding anywhere later can point at the exact line.
//!
//! serde-saphyr was chosen over the libyaml forks and saphyr: it rejects
//! duplicate keys everywhere, stops alias bombs and deep nesting with a budget
//! instead of burning CPU or overflowing the stack, and gives byte spans for
//! keys and values (see DEPENDENCIES.md for the measurements).

pub use crate::source::Span;

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
            let token = crate::words::unescape_pointer(token);
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
    /// Valid YAML that stratc does not accept: a list or mapping as a key.
    UnsupportedKey,
}

/// Parses every document of a file. Empty documents are skipped.
///
/// The tree is built from the parser's event stream with an explicit stack
/// (no recursion, so deep nesting cannot overflow the stack). Scalars follow
/// the YAML 1.2 core schema, for plain scalars only:
/// - `null`, `Null`, `NULL`, `~` and nothing at all are null;
/// - `true`/`True`/`TRUE`/`false`/`False`/`FALSE` are booleans (`yes`, `no`,
///   `on`, `off` stay text);
/// - `[-+]?[0-9]+`, `0x…` and `0o…` are integers, but a leading zero (`017`)
///   or an underscore (`1_000`) keeps the text as it is;
/// - decimals, exponents, `.inf` and `.nan` are floats.
///
/// Quoted and block scalars are always text; so is a scalar tagged `!!str`
/// or `!` (the non-specific tag). Other tags are ignored. A plain `<<` key
/// merges mappings in (`<<: *defaults`, `<<: [*a, *b]`): keys written in the
/// mapping win, then earlier mappings in the list; merged values keep the
/// spans where the anchor wrote them. Aliases
/// are expanded by copying the anchored value; copies count against
/// `limits.max_nodes` and `limits.max_depth`; the copy's own span is the
/// alias, the values inside keep the spans where the anchor wrote them.
/// Mapping keys must be scalars; a plain key is its resolved value as text
/// (`~` is the empty key, `1.50` is `1.5`).
pub fn parse_documents(text: &str, limits: Limits) -> Result<Vec<Node>, ParseError> {
    let mut options = gp::Options::default();
    // Our own depth budget stops nesting first; the parser's limits only
    // guard the parser itself.
    options.flow_nesting_limit = options
        .flow_nesting_limit
        .max(limits.max_depth.saturating_add(1));
    options.block_nesting_limit = options
        .block_nesting_limit
        .max(limits.max_depth.saturating_add(1));
    let mut parser = gp::Parser::new_from_str_with_options(text, options);
    let mut docs = Vec::new();
    build(&mut parser, text, limits, &mut docs).map_err(|mut e| {
        if e.line_col.is_none() {
            e.line_col = e.offset.map(|o| line_col(text, o));
        }
        e
    })?;
    Ok(docs)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: u32) -> (u32, u32) {
    let offset = (offset as usize).min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line as u32, col as u32)
}

fn build<'a>(
    parser: &mut gp::Parser<'a, gp::StrInput<'a>>,
    text: &str,
    limits: Limits,
    docs: &mut Vec<Node>,
) -> Result<(), ParseError> {
    let mut builder = Builder::new(limits);
    let mut indents = Indents::default();
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| scan_error(&e))?;
        match event {
            Event::DocumentStart(..) => builder.start_document(),
            Event::DocumentEnd => {
                if let Some(root) = builder.root.take()
                    && !is_empty_document(&root)
                {
                    docs.push(root);
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let force_str = tag
                    .as_deref()
                    .is_some_and(|t| t.is_yaml_core_schema_tag("str") || is_non_specific(t));
                let plain = style == ScalarStyle::Plain && !force_str;
                let span = to_span(&span);
                if style != ScalarStyle::Plain && indents.flow_depth == 0 {
                    check_continuation(text, span.start, span.end, indents.block(), false)?;
                }
                builder.scalar(value, plain, anchor, span)?;
            }
            Event::SequenceStart(style, anchor, _) => {
                indents.open(style, &span);
                builder.start(Frame::Seq, anchor, to_span(&span))?;
            }
            Event::MappingStart(style, anchor, _) => {
                indents.open(style, &span);
                builder.start(
                    Frame::Map {
                        key: None,
                        seen: None,
                        merged: None,
                    },
                    anchor,
                    to_span(&span),
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(start) = indents.close() {
                    let end = to_span(&span).end;
                    check_continuation(text, start, end, indents.block(), true)?;
                }
                builder.end()?;
            }
            Event::Alias(anchor) => builder.alias(anchor, to_span(&span))?,
            _ => {}
        }
    }
    Ok(())
}

use serde_saphyr::granit_parser::{self as gp, Event, ScalarStyle, StructureStyle};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// A document that holds nothing (`---` alone, or `--- ~`).
fn is_empty_document(root: &Node) -> bool {
    matches!(root.value, Value::Null)
}

/// The tag `!` alone: "not resolved by the plain-scalar rules", so text.
fn is_non_specific(tag: &gp::Tag) -> bool {
    matches!((tag.handle(), tag.suffix()), ("!", "") | ("", "!"))
}

/// The indentation of the open block collections, and where the outermost
/// open flow collection starts. The parser misses three indentation errors
/// (yaml-test-suite 9C9N, QB6E, DK95): lines that continue a flow collection
/// or a quoted scalar must be indented, with spaces, more than the block
/// collection that holds them.
#[derive(Default)]
struct Indents {
    /// Column of each open block collection, innermost last; flow
    /// collections push nothing.
    block: Vec<usize>,
    flow_depth: usize,
    /// Byte offset where the outermost open flow collection starts.
    flow_start: u32,
    /// Per open collection, innermost last: whether it is a flow one.
    flow: Vec<bool>,
}

impl Indents {
    fn open(&mut self, style: StructureStyle, span: &gp::Span) {
        let flow = style == StructureStyle::Flow;
        self.flow.push(flow);
        if flow {
            if self.flow_depth == 0 {
                self.flow_start = to_span(span).start;
            }
            self.flow_depth += 1;
        } else {
            self.block.push(span.start.col());
        }
    }

    /// Closes the innermost collection; returns where the outermost flow
    /// collection started when this closes it.
    fn close(&mut self) -> Option<u32> {
        match self.flow.pop() {
            Some(true) => {
                self.flow_depth = self.flow_depth.saturating_sub(1);
                (self.flow_depth == 0).then_some(self.flow_start)
            }
            Some(false) => {
                self.block.pop();
                None
            }
            None => None,
        }
    }

    /// The indentation continuation lines must exceed (-1 at the top).
    fn block(&self) -> isize {
        self.block.last().map_or(-1, |&c| c as isize)
    }
}

/// Every line after the first of `text[start..end]` that holds content must
/// start with more than `indent` spaces. Blank lines do not count, nor (in
/// a flow collection) comment lines.
fn check_continuation(
    text: &str,
    start: u32,
    end: u32,
    indent: isize,
    flow: bool,
) -> Result<(), ParseError> {
    let Some(slice) = text.get(start as usize..end as usize) else {
        return Ok(());
    };
    let mut offset = start as usize;
    for (i, line) in slice.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        if i == 0 {
            continue;
        }
        let spaces = line.bytes().take_while(|&b| b == b' ').count();
        let rest = line[spaces..].trim_start_matches([' ', '\t']);
        let blank = rest.trim_end_matches(['\r', '\n']).is_empty();
        if blank || (flow && rest.starts_with('#')) {
            continue;
        }
        if spaces as isize <= indent {
            let what = if flow {
                "a list or mapping in brackets"
            } else {
                "a quoted text"
            };
            let message = format!(
                "this line continues {what} and must be indented (with spaces) more than the key or list it belongs to"
            );
            return Err(syntax_error(
                &message,
                Span::new(
                    line_start as u32 + spaces as u32,
                    line_start as u32 + spaces as u32,
                ),
            ));
        }
    }
    Ok(())
}

fn to_span(span: &gp::Span) -> Span {
    let start = span.start.byte_offset().unwrap_or(0);
    let end = span.end.byte_offset().unwrap_or(start).max(start);
    Span::new(
        u32::try_from(start).unwrap_or(u32::MAX),
        u32::try_from(end).unwrap_or(u32::MAX),
    )
}

fn scan_error(e: &gp::ScanError) -> ParseError {
    let marker = e.marker();
    let mut message = e.info();
    let mut kind = ParseErrorKind::Syntax;
    if matches!(e.kind(), gp::ErrorKind::RecursionLimitExceeded)
        || message.contains("recursion limit")
    {
        message = "the YAML is nested too deeply".to_owned();
        kind = ParseErrorKind::Budget;
    } else if matches!(e.kind(), gp::ErrorKind::UnknownAnchor) {
        message = "alias references unknown anchor".to_owned();
    }
    ParseError {
        kind,
        message,
        offset: marker.byte_offset().and_then(|o| u32::try_from(o).ok()),
        line_col: (marker.line() > 0).then(|| (marker.line() as u32, marker.col() as u32 + 1)),
    }
}

/// A mapping or list still being read. Its children wait in the builder's
/// shared buffers (from `Open::start` on), so each finished collection is
/// allocated once at its exact size.
enum Frame {
    Seq,
    Map {
        /// The key read, waiting for its value.
        key: Option<Key>,
        /// Keys of a large mapping, to find duplicates without a quadratic scan.
        seen: Option<HashSet<String>>,
        /// Entries merged in by `<<`, and how many entries of the mapping's
        /// own came before the `<<` (they are placed there).
        merged: Option<(usize, Vec<Entry>)>,
    },
}

struct Key {
    text: String,
    span: Span,
    /// A plain `<<`: its value is merged in, not kept as an entry.
    merge: bool,
}

/// Above this many entries, duplicate keys are found through a hash set.
const LINEAR_KEY_SCAN: usize = 16;

struct Open {
    frame: Frame,
    /// Where this collection's children start in the shared buffer.
    start: usize,
    span: Span,
    anchor: usize,
}

struct Builder {
    limits: Limits,
    stack: Vec<Open>,
    items: Vec<Node>,
    entries: Vec<Entry>,
    root: Option<Node>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    aliases: usize,
}

impl Builder {
    fn new(limits: Limits) -> Builder {
        Builder {
            limits,
            stack: Vec::with_capacity(8),
            items: Vec::with_capacity(64),
            entries: Vec::with_capacity(64),
            root: None,
            anchors: HashMap::new(),
            nodes: 0,
            aliases: 0,
        }
    }

    fn start_document(&mut self) {
        self.stack.clear();
        self.items.clear();
        self.entries.clear();
        self.root = None;
        self.anchors.clear();
        self.nodes = 0;
        self.aliases = 0;
    }

    fn count_node(&mut self, span: Span) -> Result<(), ParseError> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(budget_error(
                format!(
                    "the file expands to more than {} YAML values, counting aliases (limit `limits.max_nodes`)",
                    self.limits.max_nodes
                ),
                span,
            ));
        }
        Ok(())
    }

    fn check_depth(&self, depth: usize, span: Span) -> Result<(), ParseError> {
        if depth > self.limits.max_depth {
            return Err(budget_error(
                format!(
                    "the YAML is nested more than {} levels deep (limit `limits.max_depth`)",
                    self.limits.max_depth
                ),
                span,
            ));
        }
        Ok(())
    }

    /// True when the next node is a mapping key.
    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Open {
                frame: Frame::Map { key: None, .. },
                ..
            })
        )
    }

    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        plain: bool,
        anchor: usize,
        span: Span,
    ) -> Result<(), ParseError> {
        self.count_node(span)?;
        if self.expects_key() {
            if !plain {
                // An anchor on a quoted or `!!str` key can be used again
                // (spec example 6.23, `&a "foo": bar`).
                if anchor != 0 {
                    let value = Value::Str(text.to_string());
                    self.anchors.insert(anchor, Node { span, value });
                }
                return self.key(text.into_owned(), span, false);
            }
            let merge = text == "<<";
            // A plain key reads as its value would (`~` and an empty key are
            // the empty key, `1.50` is `1.5`), as the key text.
            let value = resolve_plain(&text);
            let key = match &value {
                Value::Str(_) => text.into_owned(),
                other => scalar_text(other).unwrap_or_default(),
            };
            if anchor != 0 {
                self.anchors.insert(anchor, Node { span, value });
            }
            return self.key(key, span, merge);
        }
        let value = if plain {
            resolve_plain(&text)
        } else {
            Value::Str(text.into_owned())
        };
        self.attach(Node { span, value }, anchor)
    }

    fn start(&mut self, frame: Frame, anchor: usize, span: Span) -> Result<(), ParseError> {
        self.count_node(span)?;
        if self.expects_key() {
            return Err(unsupported_key(span));
        }
        self.check_depth(self.stack.len() + 1, span)?;
        let start = match frame {
            Frame::Seq => self.items.len(),
            Frame::Map { .. } => self.entries.len(),
        };
        self.stack.push(Open {
            frame,
            start,
            span,
            anchor,
        });
        Ok(())
    }

    fn end(&mut self) -> Result<(), ParseError> {
        let Some(open) = self.stack.pop() else {
            return Ok(());
        };
        let value = match open.frame {
            Frame::Seq => Value::Seq(self.items.drain(open.start..).collect()),
            Frame::Map { merged, .. } => {
                let mut own: Vec<Entry> = self.entries.drain(open.start..).collect();
                if let Some((at, merged)) = merged {
                    let kept: Vec<Entry> = merged
                        .into_iter()
                        .filter(|m| !own.iter().any(|e| e.key == m.key))
                        .collect();
                    let at = at.min(own.len());
                    own.splice(at..at, kept);
                }
                Value::Map(own)
            }
        };
        self.attach(
            Node {
                span: open.span,
                value,
            },
            open.anchor,
        )
    }

    fn alias(&mut self, anchor: usize, span: Span) -> Result<(), ParseError> {
        self.aliases += 1;
        if self.aliases > self.limits.max_aliases {
            return Err(budget_error(
                format!(
                    "the file uses more than {} aliases (limit `limits.max_aliases`)",
                    self.limits.max_aliases
                ),
                span,
            ));
        }
        let Some(target) = self.anchors.get(&anchor) else {
            return Err(syntax_error("this alias refers to an unknown anchor", span));
        };
        // Count the copy before making it, so a bomb stops at the budget.
        let base = self.stack.len();
        let mut nodes = self.nodes;
        let mut todo: Vec<(&Node, usize, Option<Span>)> = vec![(target, 0, None)];
        while let Some((node, depth, key_span)) = todo.pop() {
            if let Some(key_span) = key_span {
                nodes += 1;
                if nodes > self.limits.max_nodes {
                    self.nodes = nodes - 1;
                    return self.count_node(key_span);
                }
            }
            nodes += 1;
            if nodes > self.limits.max_nodes {
                self.nodes = nodes - 1;
                return self.count_node(node.span);
            }
            match &node.value {
                Value::Seq(items) => {
                    self.check_depth(base + depth + 1, node.span)?;
                    todo.extend(items.iter().rev().map(|n| (n, depth + 1, None)));
                }
                Value::Map(entries) => {
                    self.check_depth(base + depth + 1, node.span)?;
                    todo.extend(
                        entries
                            .iter()
                            .rev()
                            .map(|e| (&e.value, depth + 1, Some(e.key_span))),
                    );
                }
                _ => {}
            }
        }
        self.nodes = nodes;
        if self.expects_key() {
            let Some(key) = scalar_text(&target.value) else {
                return Err(unsupported_key(span));
            };
            return self.key(key, span, false);
        }
        // The copy is shown where the alias is; the values inside it keep
        // the place where they were written (after the anchor).
        let mut node = target.clone();
        node.span = span;
        self.attach(node, 0)
    }

    fn key(&mut self, text: String, span: Span, merge: bool) -> Result<(), ParseError> {
        let Some(Open {
            frame: Frame::Map { key, seen, .. },
            start,
            ..
        }) = self.stack.last_mut()
        else {
            return Ok(());
        };
        let entries = &self.entries[*start..];
        let duplicate = match seen {
            Some(seen) => !seen.insert(text.clone()),
            None => {
                let dup = entries.iter().any(|e| e.key == text);
                if !dup && entries.len() >= LINEAR_KEY_SCAN {
                    let mut set: HashSet<String> = entries.iter().map(|e| e.key.clone()).collect();
                    set.insert(text.clone());
                    *seen = Some(set);
                }
                dup
            }
        };
        if duplicate {
            let message = format!("the key `{text}` appears twice in the same mapping");
            let mut e = syntax_error(&message, span);
            e.kind = ParseErrorKind::DuplicateKey;
            return Err(e);
        }
        *key = Some(Key { text, span, merge });
        Ok(())
    }

    /// Places a finished node into its parent (or as the document root).
    fn attach(&mut self, node: Node, anchor: usize) -> Result<(), ParseError> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open {
                frame: Frame::Seq, ..
            }) => self.items.push(node),
            Some(Open {
                frame: Frame::Map { key, merged, .. },
                start,
                ..
            }) => match key.take() {
                Some(Key {
                    span, merge: true, ..
                }) => {
                    let mut entries = Vec::new();
                    match node.value {
                        Value::Map(map) => entries = map,
                        // Earlier mappings in the list win over later ones.
                        Value::Seq(items) => {
                            for item in items {
                                let Value::Map(map) = item.value else {
                                    return Err(merge_error(item.span));
                                };
                                for entry in map {
                                    if !entries.iter().any(|e: &Entry| e.key == entry.key) {
                                        entries.push(entry);
                                    }
                                }
                            }
                        }
                        _ => return Err(merge_error(span)),
                    }
                    *merged = Some((self.entries.len() - *start, entries));
                }
                Some(Key { text, span, .. }) => self.entries.push(Entry {
                    key: text,
                    key_span: span,
                    value: node,
                }),
                None => {}
            },
        }
        Ok(())
    }
}

fn budget_error(message: String, span: Span) -> ParseError {
    ParseError {
        kind: ParseErrorKind::Budget,
        message,
        offset: Some(span.start),
        line_col: None,
    }
}

fn merge_error(span: Span) -> ParseError {
    syntax_error(
        "`<<` merges mappings into this one: its value must be an alias of a mapping (`<<: *defaults`) or a list of them",
        span,
    )
}

fn unsupported_key(span: Span) -> ParseError {
    ParseError {
        kind: ParseErrorKind::UnsupportedKey,
        message: "a list or mapping is used as a key; stratc accepts only text or number keys"
            .to_owned(),
        offset: Some(span.start),
        line_col: None,
    }
}

fn syntax_error(message: &str, span: Span) -> ParseError {
    ParseError {
        kind: ParseErrorKind::Syntax,
        message: message.to_owned(),
        offset: Some(span.start),
        line_col: None,
    }
}

/// The text of a scalar used as a mapping key; `None` for a collection.
fn scalar_text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => s.clone(),
        Value::Seq(_) | Value::Map(_) => return None,
    })
}

/// YAML 1.2 core-schema resolution of a plain scalar.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let bytes = text.as_bytes();
    let first = bytes[0];
    // Cheap exit for the common case: ordinary words.
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return Value::Str(text.to_owned());
    }
    if let Some(v) = resolve_number(text) {
        return v;
    }
    Value::Str(text.to_owned())
}

fn resolve_number(text: &str) -> Option<Value> {
    let (negative, body) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    match body {
        ".inf" | ".Inf" | ".INF" => {
            return Some(Value::Float(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
        }
        ".nan" | ".NaN" | ".NAN" if body.len() == text.len() => {
            return Some(Value::Float(f64::NAN));
        }
        _ => {}
    }
    if body.len() == text.len() {
        if let Some(hex) = body.strip_prefix("0x") {
            return radix_int(hex, 16);
        }
        if let Some(oct) = body.strip_prefix("0o") {
            return radix_int(oct, 8);
        }
    }
    let b = body.as_bytes();
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_digits > 1 && b[0] == b'0' {
        // `017`: a leading zero keeps the text.
        return None;
    }
    if int_digits == b.len() {
        if int_digits == 0 {
            return None;
        }
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(text.parse::<f64>().ok()?),
        });
    }
    // Float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let mut i = int_digits;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            frac_digits += 1;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    text.parse::<f64>().ok().map(Value::Float)
}

fn radix_int(digits: &str, radix: u32) -> Option<Value> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(match i64::from_str_radix(digits, radix) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Float(u128::from_str_radix(digits, radix).ok()? as f64),
    })
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
        assert_eq!(
            &text[e.key_span.start as usize..e.key_span.end as usize],
            "id"
        );
        assert_eq!(
            &text[e.value.span.start as usize..e.value.span.end as usize],
            "grow"
        );
        let w = node.walk("/list/1");
        assert!(w.complete);
        assert_eq!(
            &text[w.node.span.start as usize..w.node.span.end as usize],
            "bb"
        );
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

    /// The tree is built without recursion: even deep nesting runs on a
    /// small stack, in debug builds too.
    fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn alias_bombs_and_deep_nesting_stop() {
        on_small_stack(alias_bombs_and_deep_nesting_stop_inner);
    }

    fn alias_bombs_and_deep_nesting_stop_inner() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
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
    fn core_schema_numbers_and_tags() {
        let node = one(
            "a: 0x1F\nb: 0o17\nc: .inf\nd: -.inf\ne: .nan\nf: 1e3\ng: .5\nh: -2e3\n\
             i: +12\nj: -0\nk: True\nl: FALSE\nm: Null\nn: \"12\"\no: '1.5'\n\
             p: !!str 12\nq: !custom 12\nr: 01.5\ns: off\nt: |\n  12\nu:\n",
        );
        let v = |k: &str| node.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Value::Int(31));
        assert_eq!(v("b"), Value::Int(15));
        assert_eq!(v("c"), Value::Float(f64::INFINITY));
        assert_eq!(v("d"), Value::Float(f64::NEG_INFINITY));
        assert!(matches!(v("e"), Value::Float(f) if f.is_nan()));
        assert_eq!(v("f"), Value::Float(1000.0));
        assert_eq!(v("g"), Value::Float(0.5));
        assert_eq!(v("h"), Value::Float(-2000.0));
        assert_eq!(v("i"), Value::Int(12));
        assert_eq!(v("j"), Value::Int(0));
        assert_eq!(v("k"), Value::Bool(true));
        assert_eq!(v("l"), Value::Bool(false));
        assert_eq!(v("m"), Value::Null);
        assert_eq!(v("n"), Value::Str("12".into()));
        assert_eq!(v("o"), Value::Str("1.5".into()));
        assert_eq!(v("p"), Value::Str("12".into()));
        assert_eq!(v("q"), Value::Int(12));
        assert_eq!(v("r"), Value::Str("01.5".into()));
        assert_eq!(v("s"), Value::Str("off".into()));
        assert_eq!(v("t"), Value::Str("12\n".into()));
        assert_eq!(v("u"), Value::Null);
    }

    #[test]
    fn quoted_and_flow_spans() {
        let text = "a: \"x y\"\nb: [1, 'two']\nc: {d: 3}\n";
        let node = one(text);
        let slice = |s: Span| &text[s.start as usize..s.end as usize];
        assert_eq!(slice(node.get("a").unwrap().span), "\"x y\"");
        assert_eq!(slice(node.walk("/b/1").node.span), "'two'");
        assert_eq!(slice(node.walk("/c/d").node.span), "3");
        assert_eq!(slice(node.entry("c").unwrap().key_span), "c");
    }

    #[test]
    fn aliases_are_expanded() {
        let text = "a: &x {b: 1}\nc: *x\nd: [*x]\n";
        let node = one(text);
        assert_eq!(node.walk("/c/b").node.value, Value::Int(1));
        assert_eq!(node.walk("/d/0/b").node.value, Value::Int(1));
        // The copy itself is shown at the alias.
        let c = node.get("c").unwrap().span;
        assert_eq!(&text[c.start as usize..c.end as usize], "*x");

        let limits = Limits {
            max_aliases: 2,
            ..Limits::default()
        };
        let e = parse_documents("a: &x 1\nb: [*x, *x, *x]\n", limits).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Budget);
        assert_eq!(e.line_col, Some((2, 13)));
    }

    #[test]
    fn complex_keys_are_rejected() {
        let e = parse_documents("? [a]\n: 1\n", Limits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::UnsupportedKey);
        assert_eq!(
            e.message,
            "a list or mapping is used as a key; stratc accepts only text or number keys"
        );
    }

    #[test]
    fn anchors_on_quoted_and_tagged_keys() {
        // Spec example 6.23.
        let node = one("!!str &a1 \"foo\":\n  !!str bar\n&a2 baz : *a1\n");
        assert_eq!(node.get("foo").unwrap().value, Value::Str("bar".into()));
        assert_eq!(node.get("baz").unwrap().value, Value::Str("foo".into()));
        let node = one("&k 'x': 1\ny: *k\n");
        assert_eq!(node.get("y").unwrap().value, Value::Str("x".into()));
    }

    #[test]
    fn merge_keys() {
        let text = "base: &b {a: 1, b: 2}\nmore: &m {c: 3, a: 9}\n\
                    one:\n  <<: *b\n  b: 20\n\
                    two:\n  x: 0\n  <<: [*b, *m]\n";
        let node = one(text);
        let slice = |s: Span| &text[s.start as usize..s.end as usize];
        let keys = |n: &Node| match &n.value {
            Value::Map(e) => e.iter().map(|e| e.key.clone()).collect::<Vec<_>>(),
            _ => vec![],
        };
        let one_ = node.get("one").unwrap();
        // The override wins; merged keys take the place of `<<`.
        assert_eq!(keys(one_), ["a", "b"]);
        assert_eq!(one_.get("b").unwrap().value, Value::Int(20));
        // A merged value keeps the span where the anchor wrote it.
        let a = one_.entry("a").unwrap();
        assert_eq!(a.value.value, Value::Int(1));
        assert_eq!(a.value.span.start, text.find("1,").unwrap() as u32);
        assert_eq!(slice(a.key_span), "a");
        assert_eq!(slice(one_.entry("b").unwrap().value.span), "20");
        // Earlier mappings in the list win.
        let two = node.get("two").unwrap();
        assert_eq!(keys(two), ["x", "a", "b", "c"]);
        assert_eq!(two.get("a").unwrap().value, Value::Int(1));
        // A quoted `<<` is an ordinary key.
        let node = one("'<<': 1\n");
        assert_eq!(node.get("<<").unwrap().value, Value::Int(1));
        // Only mappings merge.
        for bad in ["a: &x 1\nb:\n  <<: *x\n", "a: &x [1]\nb:\n  <<: [*x]\n"] {
            let e = parse_documents(bad, Limits::default()).unwrap_err();
            assert_eq!(e.kind, ParseErrorKind::Syntax, "{bad}");
            assert!(
                e.message.starts_with("`<<` merges mappings"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn continuation_lines_must_be_indented() {
        for bad in [
            "flow: [a,\nb,\nc]\n",
            "quoted: \"a\nb\nc\"\n",
            "foo: \"bar\n\tbaz\"\n",
            "- a: 'x\n  y'\n  b: {c: 1,\n  d: 2}\n",
        ] {
            let e = parse_documents(bad, Limits::default()).unwrap_err();
            assert_eq!(e.kind, ParseErrorKind::Syntax, "{bad}");
            assert!(
                e.message.starts_with("this line continues"),
                "{}",
                e.message
            );
        }
        for good in [
            "flow: [a,\n  b,\n# note\n\n  c]\n",
            "quoted: \"a\n\n  b\"\n",
            "[a,\nb]\n",
            "\"top\nlevel\"\n",
            "- a: 'x\n   y'\n",
        ] {
            parse_documents(good, Limits::default()).unwrap_or_else(|e| panic!("{good}: {e:?}"));
        }
    }

    #[test]
    fn non_specific_tag_keeps_text() {
        let node = one("a: ! 12\nb: !!int 12\n");
        assert_eq!(node.get("a").unwrap().value, Value::Str("12".into()));
        assert_eq!(node.get("b").unwrap().value, Value::Int(12));
    }

    #[test]
    fn duplicate_keys_in_large_mappings() {
        let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k42: again\n");
        let e = parse_documents(&text, Limits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::DuplicateKey);
        assert_eq!(e.message, "the key `k42` appears twice in the same mapping");
        assert_eq!(e.line_col, Some((101, 1)));
    }

    #[test]
    fn empty_documents_are_skipped() {
        let docs = parse_documents("---\n--- ~\n...\n---\na: 1\n", Limits::default()).unwrap();
        assert_eq!(docs.len(), 1);
        assert!(parse_documents("", Limits::default()).unwrap().is_empty());
        assert!(
            parse_documents("# only a comment\n", Limits::default())
                .unwrap()
                .is_empty()
        );
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
