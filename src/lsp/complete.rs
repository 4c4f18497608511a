//! Completion: where the cursor is read from the text of the line and the
//! lines above it (so half-typed YAML still completes), then field names
//! and allowed values come from the kind's JSON Schema, and ids from the
//! model, of the kind the field expects.

use lsp_types as lsp;
use serde_json::Value as Json;

use crate::analysis::Analysis;
use crate::model::refs::Expect;
use crate::model::{DocId, Kind};

/// Where a completion is asked for.
#[derive(Debug, PartialEq, Eq)]
pub struct Context {
    /// The document's `kind`, when it is written.
    pub kind: Option<Kind>,
    /// Keys from the document down to the field (list items left out).
    pub path: Vec<String>,
    /// A value is being typed (else a key).
    pub value: bool,
    /// What is typed so far, and where it starts (byte offset).
    pub prefix: String,
    pub start: usize,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A `key:` line opening a block: the key.
fn opening_key(body: &str) -> Option<&str> {
    let body = body.split(" #").next()?.trim_end();
    let key = body.strip_suffix(':')?;
    (!key.is_empty() && !key.contains(": ")).then_some(key.trim_matches(['"', '\'']))
}

pub fn context(text: &str, offset: usize) -> Option<Context> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    let mut at = indent(line);
    let mut rest = &line[at..];
    let mut item = false;
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r;
        at += 2;
        item = true;
    }
    if rest == "-" {
        rest = "";
        item = true;
    }
    let (mut path, dash_at) = if item {
        (Vec::new(), Some(at - 2))
    } else {
        (Vec::new(), None)
    };
    let (value, key, prefix) = match rest
        .find(": ")
        .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
    {
        Some(colon) => {
            let raw = rest[colon + 1..].trim_start();
            // Inside a flow list `[a, b`: only the last item.
            let prefix = raw.rsplit(['[', ',']).next().unwrap_or(raw).trim_start();
            (true, Some(rest[..colon].trim().to_owned()), prefix)
        }
        None => (item, None, rest),
    };
    // The keys above: the nearest shallower `key:` line, then its parent...
    let mut limit = if key.is_some() || !item {
        at
    } else {
        dash_at.unwrap_or(at)
    };
    let mut dash = item && key.is_none();
    let mut ancestors = Vec::new();
    for prev in text[..line_start].lines().rev() {
        if prev.starts_with("---") || prev.starts_with("...") {
            break;
        }
        let content = prev.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let li = indent(prev);
        if let Some(body) = content
            .strip_prefix("- ")
            .or((content == "-").then_some(""))
        {
            if li < limit {
                limit = li;
                dash = true;
                if let Some(k) = opening_key(body)
                    && li + 2 < at
                {
                    ancestors.push(k.to_owned());
                }
            }
            continue;
        }
        if let Some(k) = opening_key(content)
            && (li < limit || (dash && li <= limit))
        {
            ancestors.push(k.to_owned());
            limit = li;
            dash = false;
        }
        if limit == 0 && !dash {
            break;
        }
    }
    ancestors.reverse();
    path.extend(ancestors);
    path.extend(key);
    Some(Context {
        kind: kind_of(text, offset),
        path,
        value,
        prefix: prefix.to_owned(),
        start: offset - prefix.len(),
    })
}

/// The `kind:` of the document around an offset.
fn kind_of(text: &str, offset: usize) -> Option<Kind> {
    let is_marker = |l: &str| l.starts_with("---");
    let before = &text[..offset];
    let start = before
        .match_indices("\n---")
        .last()
        .map_or(0, |(i, _)| i + 1);
    let end = text[offset..]
        .find("\n---")
        .map_or(text.len(), |i| offset + i);
    text[start..end]
        .lines()
        .filter(|l| !is_marker(l))
        .find_map(|l| l.strip_prefix("kind:"))
        .and_then(|k| Kind::from_name(k.split('#').next()?.trim().trim_matches(['"', '\''])))
}

// ------------------------------------------------------------- the schema

fn deref<'a>(root: &'a Json, schema: &'a Json) -> &'a Json {
    let mut s = schema;
    for _ in 0..16 {
        match s
            .get("$ref")
            .and_then(Json::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(pointer) => match root.pointer(pointer) {
                Some(t) => s = t,
                None => break,
            },
            None => break,
        }
    }
    s
}

/// The variants of a schema: itself, or the arms of its anyOf / oneOf.
fn variants<'a>(root: &'a Json, schema: &'a Json) -> Vec<&'a Json> {
    let s = deref(root, schema);
    let mut out = vec![s];
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(arms) = s.get(key).and_then(Json::as_array) {
            out.extend(arms.iter().map(|a| deref(root, a)));
        }
    }
    out
}

/// The schema of a field's items when it is a list, else the field's own.
fn element<'a>(root: &'a Json, schema: &'a Json) -> Vec<&'a Json> {
    let mut out = Vec::new();
    for v in variants(root, schema) {
        match v.get("items") {
            Some(items) => out.extend(variants(root, items)),
            None => out.push(v),
        }
    }
    out
}

fn properties<'a>(root: &'a Json, schemas: &[&'a Json]) -> Vec<(&'a String, &'a Json)> {
    let mut out = Vec::new();
    for s in schemas {
        for v in variants(root, s) {
            if let Some(props) = v.get("properties").and_then(Json::as_object) {
                out.extend(props.iter());
            }
        }
    }
    out
}

/// The schemas a path leads to (several when a field accepts alternatives).
fn at_path<'a>(root: &'a Json, path: &[String]) -> Vec<&'a Json> {
    let mut here = vec![root];
    for key in path {
        let next: Vec<&Json> = properties(root, &here)
            .into_iter()
            .filter(|(k, _)| *k == key)
            .flat_map(|(_, s)| element(root, s))
            .collect();
        here = next;
    }
    here
}

fn description(root: &Json, schema: &Json) -> Option<String> {
    deref(root, schema)
        .get("description")
        .or_else(|| schema.get("description"))
        .and_then(Json::as_str)
        .map(str::to_owned)
}

/// The values a schema allows (enums, constants, booleans).
fn allowed(root: &Json, schemas: &[&Json]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for s in schemas {
        for v in variants(root, s) {
            if let Some(values) = v.get("enum").and_then(Json::as_array) {
                out.extend(
                    values
                        .iter()
                        .filter_map(|x| x.as_str())
                        .map(|x| (x.to_owned(), None)),
                );
            }
            if let Some(c) = v.get("const").and_then(Json::as_str) {
                out.push((
                    c.to_owned(),
                    v.get("description")
                        .and_then(Json::as_str)
                        .map(str::to_owned),
                ));
            }
            if v.get("type").and_then(Json::as_str) == Some("boolean") {
                out.extend(["true", "false"].map(|b| (b.to_owned(), None)));
            }
        }
    }
    out.dedup();
    out
}

// ------------------------------------------------------------- ids

/// What ids a field takes: learned from the reference table over the
/// documents of the same kind, with the common fields as a fallback when no
/// document uses the field yet.
fn expected(a: &Analysis, kind: Kind, path: &[String]) -> Option<Expect> {
    let wanted = path.join("/");
    for (_, doc) in a.model.of_kind(kind) {
        for r in doc.references() {
            let shape: Vec<&str> = r
                .pointer
                .split('/')
                .skip(1)
                .filter(|t| t.parse::<usize>().is_err())
                .collect();
            if shape.join("/") == wanted {
                return Some(r.expect);
            }
        }
    }
    const ROLE_FIELDS: &[&str] = &[
        "owner",
        "approved_by",
        "approver",
        "accountable",
        "responsible",
        "consulted",
        "informed",
        "reports_to",
        "successors",
        "steward",
        "escalate_to",
        "audience",
    ];
    let last = path.last()?.as_str();
    Some(match (kind, last) {
        (_, f) if ROLE_FIELDS.contains(&f) => Expect::Role,
        (Kind::Initiative, "advances") => Expect::Kinds(&[Kind::Objective]),
        (Kind::Objective, "supports" | "id") => Expect::Kinds(&[Kind::Goal, Kind::Objective]),
        (_, "markets") => Expect::Kinds(&[Kind::Market]),
        (_, "channels") => Expect::Kinds(&[Kind::Channel]),
        (_, "segments") => Expect::Kinds(&[Kind::Segment]),
        (_, "kpi" | "kpis") => Expect::Kinds(&[Kind::Kpi]),
        (_, "decision") => Expect::Decision,
        (Kind::Exception, "subject") => Expect::AnyUnchecked,
        (_, "gates") => Expect::Kinds(&[Kind::StageGate]),
        _ => return None,
    })
}

fn ids(a: &Analysis, expect: Expect) -> Vec<(String, String)> {
    let docs = |kinds: &[Kind]| -> Vec<DocId> {
        kinds
            .iter()
            .flat_map(|k| a.model.of_kind(*k).map(|(d, _)| d))
            .collect()
    };
    let chosen: Vec<DocId> = match expect {
        Expect::Kinds(kinds) => docs(kinds),
        Expect::Role | Expect::AudienceRole => docs(&[Kind::Role]),
        Expect::KpiUnchecked => docs(&[Kind::Kpi]),
        Expect::AnyUnchecked => (0..a.model.docs.len()).collect(),
        Expect::Decision => {
            let mut out: Vec<(String, String)> = a
                .model
                .decisions
                .keys()
                .filter_map(|id| {
                    let (_, d) = a.model.decision(id)?;
                    Some((
                        id.clone(),
                        d.title.clone().unwrap_or_else(|| "decision".into()),
                    ))
                })
                .collect();
            out.sort();
            return out;
        }
    };
    chosen
        .into_iter()
        .map(|d| {
            let doc = &a.model.docs[d];
            (
                doc.id().to_owned(),
                format!("{} — {}", doc.kind(), doc.display_name()),
            )
        })
        .collect()
}

/// At most this many items go back; the list is then marked incomplete so
/// the editor asks again as more is typed.
const MAX_ITEMS: usize = 200;

/// A completion item as built here: label, detail, kind, text to insert.
type Item = (String, Option<String>, lsp::CompletionItemKind, String);

/// Every kind's name, offered as the value of `kind`.
fn kind_names(out: &mut Vec<Item>) {
    out.extend(Kind::ALL.iter().map(|k| {
        (
            k.name().into(),
            None,
            lsp::CompletionItemKind::ENUM_MEMBER,
            k.name().into(),
        )
    }));
}

pub fn items(a: &Analysis, c: &Context) -> (Vec<lsp::CompletionItem>, bool) {
    let mut out: Vec<Item> = Vec::new();
    let root;
    match c.kind {
        None => {
            if c.path.is_empty() && !c.value {
                out.push((
                    "kind".into(),
                    Some("The document kind.".into()),
                    lsp::CompletionItemKind::FIELD,
                    "kind: ".into(),
                ));
            }
            if c.path == ["kind"] && c.value {
                kind_names(&mut out);
            }
        }
        Some(kind) => {
            root = crate::schema::kind_schema(kind);
            if c.value {
                let last = c.path.last().map(String::as_str);
                if kind == Kind::Exception && c.path == ["rule"] {
                    for rule in crate::rules::registry::registry() {
                        out.push((
                            rule.name.into(),
                            Some(format!("{} — {}", rule.code, rule.summary)),
                            lsp::CompletionItemKind::ENUM_MEMBER,
                            rule.name.into(),
                        ));
                    }
                } else if last == Some("kind") && c.path.len() == 1 {
                    kind_names(&mut out);
                } else {
                    let schemas = at_path(&root, &c.path);
                    for (v, d) in allowed(&root, &schemas) {
                        out.push((v.clone(), d, lsp::CompletionItemKind::ENUM_MEMBER, v));
                    }
                    if out.is_empty()
                        && let Some(expect) = expected(a, kind, &c.path)
                    {
                        for (id, detail) in ids(a, expect) {
                            if id.contains(&c.prefix) {
                                out.push((
                                    id.clone(),
                                    Some(detail),
                                    lsp::CompletionItemKind::REFERENCE,
                                    id,
                                ));
                            }
                        }
                    }
                }
            } else {
                let schemas = at_path(&root, &c.path);
                for (name, schema) in properties(&root, &schemas) {
                    out.push((
                        name.clone(),
                        description(&root, schema),
                        lsp::CompletionItemKind::FIELD,
                        format!("{name}: "),
                    ));
                }
            }
        }
    }
    out.retain(|(label, ..)| label.starts_with(&c.prefix) || label.contains(&c.prefix));
    let mut seen = std::collections::HashSet::new();
    out.retain(|(label, ..)| seen.insert(label.clone()));
    let incomplete = out.len() > MAX_ITEMS;
    out.truncate(MAX_ITEMS);
    let items = out
        .into_iter()
        .map(|(label, detail, kind, insert)| lsp::CompletionItem {
            label,
            kind: Some(kind),
            detail,
            insert_text: Some(insert),
            ..Default::default()
        })
        .collect();
    (items, incomplete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text: &str) -> Context {
        let offset = text.find('|').unwrap();
        let text = text.replace('|', "");
        context(&text, offset).unwrap()
    }

    #[test]
    fn reads_where_the_cursor_is_from_the_lines_above() {
        let c = ctx("kind: Initiative\nid: x\nadvances:\n  - obj-a\n  - gr|\n");
        assert_eq!(
            (c.kind, c.path.clone(), c.value, c.prefix.as_str()),
            (
                Some(Kind::Initiative),
                vec!["advances".to_owned()],
                true,
                "gr"
            )
        );
        let c = ctx("kind: Initiative\nadvances:\n- a\n- |\n");
        assert_eq!(
            (c.path.clone(), c.value),
            (vec!["advances".to_owned()], true)
        );
        let c = ctx("kind: Initiative\ngate_log:\n  - gate: entry\n    approved_by: c|\n");
        assert_eq!(c.path, ["gate_log", "approved_by"]);
        let c = ctx("kind: Initiative\ngate_log:\n  - gate: entry\n    appr|\n");
        assert_eq!(
            (c.path.clone(), c.value),
            (vec!["gate_log".to_owned()], false)
        );
        let c = ctx("kind: Kpi\nid: x\ndir|");
        assert_eq!(
            (c.path.clone(), c.value, c.prefix.as_str()),
            (vec![], false, "dir")
        );
        let c = ctx("kind: Kpi\ndirection: |");
        assert_eq!(
            (c.path.clone(), c.value),
            (vec!["direction".to_owned()], true)
        );
        let c = ctx("kind: Goal\n---\nkind: Initiative\nadvances: [a, b|");
        assert_eq!((c.kind, c.prefix.as_str()), (Some(Kind::Initiative), "b"));
    }
}
