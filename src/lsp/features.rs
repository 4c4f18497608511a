//! The requests: definition, references, rename, completion, hover, code
//! actions and symbols, each answered from the last check and the text of
//! the file as the editor has it.

use std::collections::HashMap;

use lsp_types as lsp;
use lsp_types::request::{self as req, Request as _};
use serde_json::Value as Json;

use super::convert::{self, Refusal, location, range, uri_path};
use super::workspace::Workspace;
use crate::analysis::Analysis;
use crate::finding::Finding;
use crate::load::yaml::{Node, Value};
use crate::model::refs::{Edge, Expect};
use crate::model::{Body, DocId, Kind};
use crate::source::{FileId, SourceFile, Span};

type Answer = Result<Json, Refusal>;

pub(super) fn answer(ws: &Workspace, a: &Analysis, method: &str, params: Json) -> Answer {
    fn parse<T: serde::de::DeserializeOwned>(params: Json) -> Result<T, Refusal> {
        serde_json::from_value(params)
            .map_err(|e| Refusal::invalid(format!("invalid parameters: {e}")))
    }
    let json = |v: Result<Json, Refusal>| v;
    json(match method {
        req::GotoDefinition::METHOD => {
            let p: lsp::GotoDefinitionParams = parse(params)?;
            to_json(definition(ws, a, &p.text_document_position_params))
        }
        req::References::METHOD => {
            let p: lsp::ReferenceParams = parse(params)?;
            to_json(references_of(
                ws,
                a,
                &p.text_document_position,
                p.context.include_declaration,
            ))
        }
        req::PrepareRenameRequest::METHOD => {
            let p: lsp::TextDocumentPositionParams = parse(params)?;
            prepare_rename(ws, a, &p).and_then(|r| to_json(Some(r)))
        }
        req::Rename::METHOD => {
            let p: lsp::RenameParams = parse(params)?;
            rename(ws, a, &p).and_then(|r| to_json(Some(r)))
        }
        req::Completion::METHOD => {
            let p: lsp::CompletionParams = parse(params)?;
            to_json(completion(ws, a, &p.text_document_position))
        }
        req::HoverRequest::METHOD => {
            let p: lsp::HoverParams = parse(params)?;
            to_json(hover(ws, a, &p.text_document_position_params))
        }
        req::CodeActionRequest::METHOD => {
            let p: lsp::CodeActionParams = parse(params)?;
            to_json(code_actions(ws, a, &p))
        }
        req::DocumentSymbolRequest::METHOD => {
            let p: lsp::DocumentSymbolParams = parse(params)?;
            to_json(document_symbols(ws, a, &p.text_document.uri))
        }
        req::WorkspaceSymbolRequest::METHOD => {
            let p: lsp::WorkspaceSymbolParams = parse(params)?;
            to_json(workspace_symbols(a, &p.query))
        }
        _ => Err(Refusal {
            code: lsp_server::ErrorCode::MethodNotFound,
            message: format!("stratc does not answer {method}"),
        }),
    })
}

fn to_json<T: serde::Serialize>(value: T) -> Answer {
    serde_json::to_value(value).map_err(|e| Refusal::invalid(e.to_string()))
}

/// What the cursor is on.
struct At<'a> {
    file: FileId,
    source: &'a SourceFile,
    offset: u32,
}

fn at<'a>(
    ws: &Workspace,
    a: &'a Analysis,
    pos: &lsp::TextDocumentPositionParams,
) -> Option<At<'a>> {
    let path = uri_path(&pos.text_document.uri)?;
    let file = ws.file_id(&path)?;
    let source = a.model.sources.file(file);
    Some(At {
        file,
        source,
        offset: convert::offset(source, pos.position),
    })
}

/// The scalar or key under an offset in a tree, with its JSON pointer.
struct Hit<'t> {
    pointer: String,
    span: Span,
    key: bool,
    node: Option<&'t Node>,
}

/// Where a node's text begins (a mapping's or list's own span is only its
/// first character, so its first key or item says more).
fn begins(node: &Node) -> u32 {
    match &node.value {
        Value::Map(entries) => entries
            .first()
            .map_or(node.span.start, |e| e.key_span.start),
        Value::Seq(items) => node.span.start.min(items.first().map_or(u32::MAX, begins)),
        _ => node.span.start,
    }
}

fn hit(node: &Node, offset: u32) -> Option<Hit<'_>> {
    fn walk<'t>(node: &'t Node, offset: u32, pointer: String) -> Option<Hit<'t>> {
        match &node.value {
            Value::Map(entries) => {
                // The entry the offset is in: the last one starting before it.
                let e = entries.iter().rev().find(|e| e.key_span.start <= offset)?;
                let here = format!("{pointer}/{}", crate::words::escape_pointer(&e.key));
                if offset <= e.key_span.end {
                    return Some(Hit {
                        pointer: here,
                        span: e.key_span,
                        key: true,
                        node: None,
                    });
                }
                walk(&e.value, offset, here)
            }
            Value::Seq(items) => {
                let (i, n) = items
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, n)| begins(n) <= offset)?;
                walk(n, offset, format!("{pointer}/{i}"))
            }
            _ => (node.span.start <= offset && offset <= node.span.end).then_some(Hit {
                pointer,
                span: node.span,
                key: false,
                node: Some(node),
            }),
        }
    }
    walk(node, offset, String::new())
}

/// The documents of one file with where each begins and ends, in order.
fn docs_in(a: &Analysis, file: FileId) -> Vec<(DocId, Span)> {
    let mut docs: Vec<(DocId, u32)> = a
        .model
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.file == file)
        .map(|(i, d)| (i, begins(d.tree())))
        .collect();
    docs.sort_by_key(|&(_, start)| start);
    let len = a.model.sources.file(file).text.len() as u32;
    (0..docs.len())
        .map(|i| {
            let end = docs.get(i + 1).map_or(len, |next| {
                // Up to the `---` line before the next document.
                let text = &a.model.sources.file(file).text[..next.1 as usize];
                text.trim_end().rfind('\n').map_or(next.1, |n| n as u32)
            });
            (docs[i].0, Span::new(docs[i].1, end.max(docs[i].1)))
        })
        .collect()
}

/// The id the cursor is on: a document's own id, a reference, an exception
/// subject, an id in `stratc.yaml` or the KPI of an actuals row.
struct IdAt {
    id: String,
    /// Where it is written (without quotes).
    span: Span,
    /// The document or decision it names.
    target: Option<Target>,
}

#[derive(Clone)]
enum Target {
    Doc(DocId),
    Decision(String),
}

fn resolve(a: &Analysis, id: &str, expect: Option<Expect>) -> Option<Target> {
    if expect == Some(Expect::Decision) {
        return a
            .model
            .decisions
            .contains_key(id)
            .then(|| Target::Decision(id.to_owned()));
    }
    if let Some(&d) = a.model.by_id.get(id) {
        return Some(Target::Doc(d));
    }
    a.model
        .decisions
        .contains_key(id)
        .then(|| Target::Decision(id.to_owned()))
}

/// The written text of a scalar without its quotes.
fn unquoted(source: &SourceFile, span: Span) -> Span {
    let text = source
        .text
        .get(span.start as usize..span.end as usize)
        .unwrap_or_default();
    let quoted = text.len() >= 2
        && (text.starts_with('"') && text.ends_with('"')
            || text.starts_with('\'') && text.ends_with('\''));
    if quoted {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

fn id_at(a: &Analysis, at: &At) -> Option<IdAt> {
    // The KPI cell of an actuals row.
    for rows in a.model.actuals.by_kpi.values() {
        for row in rows {
            if row.file == at.file
                && row.kpi_span.start <= at.offset
                && at.offset <= row.kpi_span.end
            {
                return Some(IdAt {
                    id: row.kpi.clone(),
                    span: row.kpi_span,
                    target: resolve(a, &row.kpi, Some(Expect::Kinds(&[Kind::Kpi]))),
                });
            }
        }
    }
    if let Some((config, node)) = &a.model.config_source
        && *config == at.file
    {
        let hit = hit(node, at.offset)?;
        let text = hit.node?.as_str()?;
        let target = resolve(a, text, None)?;
        return Some(IdAt {
            id: text.to_owned(),
            span: unquoted(at.source, hit.span),
            target: Some(target),
        });
    }
    for (d, span) in docs_in(a, at.file) {
        let doc = &a.model.docs[d];
        if !(span.start <= at.offset && at.offset <= span.end) {
            continue;
        }
        let hit = hit(doc.tree(), at.offset)?;
        if hit.key {
            return None;
        }
        let text = hit.node?.as_str()?;
        if hit.pointer == "/id" {
            return Some(IdAt {
                id: text.to_owned(),
                span: unquoted(at.source, hit.span),
                target: Some(Target::Doc(d)),
            });
        }
        if let Body::DecisionRights(_) = &doc.body
            && hit.pointer.starts_with("/decisions/")
            && hit.pointer.ends_with("/id")
        {
            return Some(IdAt {
                id: text.to_owned(),
                span: unquoted(at.source, hit.span),
                target: Some(Target::Decision(text.to_owned())),
            });
        }
        let reference = doc.references().iter().find(|r| r.pointer == hit.pointer)?;
        return Some(IdAt {
            target: resolve(a, &reference.target, Some(reference.expect)),
            id: reference.target.clone(),
            span: unquoted(at.source, hit.span),
        });
    }
    None
}

/// Where a target is defined: its `id` value.
fn definition_place(a: &Analysis, target: &Target) -> Option<(FileId, Span)> {
    match target {
        Target::Doc(d) => {
            let doc = &a.model.docs[*d];
            Some((
                doc.file,
                unquoted(a.model.sources.file(doc.file), doc.span("/id")),
            ))
        }
        Target::Decision(id) => {
            let r = a.model.decisions.get(id)?;
            let doc = &a.model.docs[r.doc];
            let span = doc.span(&format!("/decisions/{}/id", r.index));
            Some((doc.file, unquoted(a.model.sources.file(doc.file), span)))
        }
    }
}

fn place(a: &Analysis, (file, span): (FileId, Span)) -> lsp::Location {
    location(a.model.sources.file(file), span)
}

fn definition(
    ws: &Workspace,
    a: &Analysis,
    pos: &lsp::TextDocumentPositionParams,
) -> Option<lsp::GotoDefinitionResponse> {
    let at = at(ws, a, pos)?;
    let id = id_at(a, &at)?;
    let place = definition_place(a, id.target.as_ref()?)?;
    Some(lsp::GotoDefinitionResponse::Scalar(self::place(a, place)))
}

/// Every place an id is written: its definition (when asked), references,
/// exception subjects, `stratc.yaml` and actuals rows.
fn occurrences(a: &Analysis, id: &str, declaration: bool) -> Vec<(FileId, Span)> {
    let mut out = Vec::new();
    let target = resolve(a, id, None);
    if declaration && let Some(t) = &target {
        out.extend(definition_place(a, t));
    }
    for doc in &a.model.docs {
        for r in doc.references().iter().filter(|r| r.target == id) {
            // A formula names KPIs inside its text: not a place of its own.
            if r.edge == Edge::Formula {
                continue;
            }
            out.push((
                doc.file,
                unquoted(a.model.sources.file(doc.file), doc.span(&r.pointer)),
            ));
        }
    }
    if let Some((file, node)) = &a.model.config_source {
        let source = a.model.sources.file(*file);
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match &n.value {
                Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
                Value::Seq(items) => stack.extend(items.iter()),
                Value::Str(s) if s == id => out.push((*file, unquoted(source, n.span))),
                _ => {}
            }
        }
    }
    for row in a.model.actuals.rows(id) {
        out.push((row.file, row.kpi_span));
    }
    out.sort_by(|x, y| {
        (a.model.sources.file(x.0).path.as_str(), x.1)
            .cmp(&(a.model.sources.file(y.0).path.as_str(), y.1))
    });
    out.dedup();
    out
}

fn references_of(
    ws: &Workspace,
    a: &Analysis,
    pos: &lsp::TextDocumentPositionParams,
    declaration: bool,
) -> Option<Vec<lsp::Location>> {
    let at = at(ws, a, pos)?;
    let id = id_at(a, &at)?;
    Some(
        occurrences(a, &id.id, declaration)
            .into_iter()
            .map(|p| place(a, p))
            .collect(),
    )
}

/// The id under the cursor and its range, or the refusal a client shows
/// when the cursor is not on an id (prepareRename and rename share it).
fn renamable(
    ws: &Workspace,
    a: &Analysis,
    pos: &lsp::TextDocumentPositionParams,
) -> Result<(lsp::Range, String), Refusal> {
    let refuse = || {
        Refusal::invalid(
            "only an id can be renamed: put the cursor on a document id or a reference to one",
        )
    };
    let at = at(ws, a, pos).ok_or_else(refuse)?;
    let id = id_at(a, &at)
        .filter(|id| id.target.is_some())
        .ok_or_else(refuse)?;
    Ok((range(at.source, id.span), id.id))
}

fn prepare_rename(
    ws: &Workspace,
    a: &Analysis,
    pos: &lsp::TextDocumentPositionParams,
) -> Result<lsp::PrepareRenameResponse, Refusal> {
    let (range, id) = renamable(ws, a, pos)?;
    // `placeholder` is LSP's name for the text the client pre-fills in its
    // rename box: the current id.
    Ok(lsp::PrepareRenameResponse::RangeWithPlaceholder {
        range,
        placeholder: id,
    })
}

fn rename(
    ws: &Workspace,
    a: &Analysis,
    p: &lsp::RenameParams,
) -> Result<lsp::WorkspaceEdit, Refusal> {
    let pos = &p.text_document_position;
    let (_, old) = renamable(ws, a, pos)?;
    let decision = matches!(resolve(a, &old, None), Some(Target::Decision(_)));
    let valid = if decision {
        crate::values::is_valid_decision_id(&p.new_name)
    } else {
        crate::values::is_valid_id(&p.new_name)
    };
    if !valid {
        return Err(Refusal::invalid(format!(
            "`{}` is not a valid id: ids are kebab-case (lowercase letters, digits and `-`{})",
            p.new_name,
            if decision {
                ", with `.` between areas"
            } else {
                ""
            }
        )));
    }
    if resolve(a, &p.new_name, None).is_some() {
        return Err(Refusal::invalid(format!(
            "`{}` is already an id in this strategy",
            p.new_name
        )));
    }
    // The protocol's own type: a map keyed by URI. The URI type caches
    // its parse, which clippy reads as a mutable key; it is never mutated.
    #[allow(clippy::mutable_key_type)]
    let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
    for (file, span) in occurrences(a, &old, true) {
        let source = a.model.sources.file(file);
        changes
            .entry(convert::uri(&source.full_path))
            .or_default()
            .push(lsp::TextEdit {
                range: range(source, span),
                new_text: p.new_name.clone(),
            });
    }
    Ok(lsp::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    })
}

// ---------------------------------------------------------------- hover

fn hover(
    ws: &Workspace,
    a: &Analysis,
    pos: &lsp::TextDocumentPositionParams,
) -> Option<lsp::Hover> {
    let at = at(ws, a, pos)?;
    let id = id_at(a, &at)?;
    let text = match id.target.as_ref()? {
        Target::Doc(d) => describe(a, *d),
        Target::Decision(dec) => {
            let (doc, decision) = a.model.decision(dec)?;
            let mut s = format!(
                "**{}** — decision in `{}`",
                decision.title.as_deref().unwrap_or(dec),
                doc.id()
            );
            if let Some(role) = decision.accountable.single() {
                s.push_str(&format!("\n\nAccountable: `{role}`"));
            }
            s
        }
    };
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range(at.source, id.span)),
    })
}

/// A document in a few lines: title, kind, owner, status, what it aligns
/// to up to the goals and, for a KPI, its latest actual.
fn describe(a: &Analysis, d: DocId) -> String {
    let doc = &a.model.docs[d];
    let common = doc.body.common();
    let mut s = format!("**{}** — {} `{}`", doc.display_name(), doc.kind(), doc.id());
    let mut facts = Vec::new();
    if let Some(owner) = common.owner {
        facts.push(format!("owner: `{owner}`"));
    }
    if let Some(status) = doc.tree().get("status").and_then(Node::as_str) {
        facts.push(format!("status: {status}"));
    }
    if !facts.is_empty() {
        s.push_str(&format!("\n\n{}", facts.join(" · ")));
    }
    let path = alignment_path(a, d);
    if path.len() > 1 {
        let names: Vec<String> = path
            .iter()
            .map(|&p| format!("`{}`", a.model.docs[p].id()))
            .collect();
        s.push_str(&format!("\n\nalignment: {}", names.join(" → ")));
    }
    if doc.kind() == Kind::Kpi
        && let Some(status) = crate::metrics::kpi_status(&a.model, doc.id())
    {
        match status.latest {
            Some(row) => {
                s.push_str(&format!(
                    "\n\nlatest actual: {} ({})",
                    crate::numbers::compact(row.actual),
                    row.period
                ));
                if let Some(target) = status.target {
                    s.push_str(&format!(", target {}", crate::numbers::compact(target)));
                }
                if let Some(rag) = status.rag {
                    s.push_str(&format!(" — **{rag}**"));
                }
            }
            None => s.push_str("\n\nno actuals yet"),
        }
    }
    s
}

/// The first path from a document up the `advances` and `supports` edges
/// to a goal (the document itself first).
fn alignment_path(a: &Analysis, d: DocId) -> Vec<DocId> {
    let mut path = vec![d];
    let mut here = d;
    while path.len() < 32 {
        let next = a
            .graph
            .targets(here, Edge::Advances)
            .chain(a.graph.targets(here, Edge::Supports))
            .map(|(t, _)| t)
            .find(|t| !path.contains(t));
        match next {
            Some(t) => {
                path.push(t);
                here = t;
            }
            None => break,
        }
    }
    path
}

// ---------------------------------------------------------------- symbols

fn symbol_kind(kind: Kind) -> lsp::SymbolKind {
    match kind {
        Kind::Goal | Kind::Objective => lsp::SymbolKind::MODULE,
        Kind::Kpi => lsp::SymbolKind::NUMBER,
        Kind::Initiative => lsp::SymbolKind::EVENT,
        Kind::Role => lsp::SymbolKind::CLASS,
        Kind::DecisionRights | Kind::StageGate | Kind::Exception => lsp::SymbolKind::INTERFACE,
        _ => lsp::SymbolKind::OBJECT,
    }
}

fn document_symbols(
    ws: &Workspace,
    a: &Analysis,
    uri: &lsp::Uri,
) -> Option<lsp::DocumentSymbolResponse> {
    let file = ws.file_id(&uri_path(uri)?)?;
    let source = a.model.sources.file(file);
    #[allow(deprecated)] // `deprecated` is a required field of the type
    let symbols = docs_in(a, file)
        .into_iter()
        .map(|(d, span)| {
            let doc = &a.model.docs[d];
            lsp::DocumentSymbol {
                name: doc.id().to_owned(),
                detail: Some(format!("{} — {}", doc.kind(), doc.display_name())),
                kind: symbol_kind(doc.kind()),
                tags: None,
                deprecated: None,
                range: range(source, span),
                selection_range: range(source, unquoted(source, doc.span("/id"))),
                children: None,
            }
        })
        .collect();
    Some(lsp::DocumentSymbolResponse::Nested(symbols))
}

fn workspace_symbols(a: &Analysis, query: &str) -> Vec<lsp::SymbolInformation> {
    let query = query.to_lowercase();
    #[allow(deprecated)]
    a.model
        .docs
        .iter()
        .filter(|doc| {
            query.is_empty()
                || doc.id().contains(&query)
                || doc.display_name().to_lowercase().contains(&query)
        })
        .take(256)
        .map(|doc| lsp::SymbolInformation {
            name: doc.id().to_owned(),
            kind: symbol_kind(doc.kind()),
            tags: None,
            deprecated: None,
            location: location(
                a.model.sources.file(doc.file),
                unquoted(a.model.sources.file(doc.file), doc.span("/id")),
            ),
            container_name: Some(doc.kind().name().to_owned()),
        })
        .collect()
}

// ---------------------------------------------------------------- code actions

/// The suggestion a finding's help or message makes ("did you mean `x`?").
fn suggestion(f: &Finding) -> Option<&str> {
    [f.help.as_deref(), Some(f.message.as_str())]
        .into_iter()
        .flatten()
        .find_map(|text| {
            let rest = &text[text.find("did you mean `")? + "did you mean `".len()..];
            Some(&rest[..rest.find('`')?])
        })
}

fn code_actions(
    ws: &Workspace,
    a: &Analysis,
    p: &lsp::CodeActionParams,
) -> Vec<lsp::CodeActionOrCommand> {
    let Some(file) = uri_path(&p.text_document.uri).and_then(|path| ws.file_id(&path)) else {
        return Vec::new();
    };
    let source = a.model.sources.file(file);
    let wanted = Span::new(
        convert::offset(source, p.range.start),
        convert::offset(source, p.range.end),
    );
    let mut actions = Vec::new();
    for f in &a.findings {
        let Some(primary) = f.primary.as_ref().filter(|l| l.file == file) else {
            continue;
        };
        if primary.span.end < wanted.start || primary.span.start > wanted.end {
            continue;
        }
        let diagnostic = convert::diagnostic(f, &a.model.sources);
        let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(p.text_document.uri.clone(), edits)])),
            ..Default::default()
        };
        if let Some(word) = suggestion(f) {
            actions.push(lsp::CodeAction {
                title: format!("Replace with `{word}`"),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone().map(|d| vec![d]),
                edit: Some(edit(vec![lsp::TextEdit {
                    range: range(source, unquoted(source, primary.span)),
                    new_text: word.to_owned(),
                }])),
                is_preferred: Some(true),
                ..Default::default()
            });
        }
        if let Some(field) = missing_field(f) {
            let line = source.line_span(primary.span.start);
            let line_text = &source.text[line.start as usize..line.end as usize];
            let indent = line_text.len() - line_text.trim_start_matches([' ', '-']).len();
            let at_key = source
                .text
                .get(primary.span.start as usize..primary.span.end as usize)
                == Some("kind");
            let indent = if at_key { indent } else { indent + 2 };
            let insert = convert::position(source, line.end);
            actions.push(lsp::CodeAction {
                title: format!("Add the required field `{field}`"),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone().map(|d| vec![d]),
                edit: Some(edit(vec![lsp::TextEdit {
                    range: lsp::Range {
                        start: insert,
                        end: insert,
                    },
                    new_text: format!("\n{}{field}: ", " ".repeat(indent)),
                }])),
                ..Default::default()
            });
        }
        if let Some(action) = exception_action(ws, a, f, diagnostic) {
            actions.push(action);
        }
    }
    actions
        .into_iter()
        .map(lsp::CodeActionOrCommand::CodeAction)
        .collect()
}

fn missing_field(f: &Finding) -> Option<&str> {
    let rest = &f.message
        [f.message.find("missing required field `")? + "missing required field `".len()..];
    Some(&rest[..rest.find('`')?])
}

/// "Create the Exception this deviation needs": a new file with the rule,
/// the subject, the decision it is approved under and that decision's
/// Accountable, approved today and valid for a year (or until the subject
/// ends, when that is later).
fn exception_action(
    ws: &Workspace,
    a: &Analysis,
    f: &Finding,
    diagnostic: Option<lsp::Diagnostic>,
) -> Option<lsp::CodeAction> {
    if !f.rule.governance {
        return None;
    }
    let subject = f.subject.as_deref()?;
    let decision = f
        .decision
        .clone()
        .or_else(|| a.config.governance.deviation_decision.clone())?;
    let approver = a
        .model
        .decision(&decision)?
        .1
        .accountable
        .single()?
        .to_owned();
    let approved = a.as_of;
    let mut expires = approved.add_days(365);
    if let Some(end) = a
        .model
        .doc(subject)
        .and_then(|d| d.tree().get("end"))
        .and_then(|n| match &n.value {
            Value::Str(s) => crate::values::Date::parse(s),
            _ => None,
        })
        && end > expires
    {
        expires = end;
    }
    let mut id = format!("{subject}-{}", f.rule.name);
    let mut n = 2;
    while a.model.by_id.contains_key(&id) {
        id = format!("{subject}-{}-{n}", f.rule.name);
        n += 1;
    }
    let rel = format!("exceptions/{id}.yaml");
    let path = ws.root.join(&rel);
    let uri = convert::uri(&path);
    let text = format!(
        "kind: Exception\nid: {id}\ntitle: \"Exception: {subject} ({rule})\"\nsubject: {subject}\nrule: {rule}\ndecision: {decision}\napproved_by: {approver}\napproved_on: {approved}\nexpires: {expires}\nrationale: >-\n  Why this deviation is accepted, and what ends it: {message}\n",
        rule = f.rule.name,
        message = f.message.replace('\n', " "),
    );
    let create = lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
        uri: uri.clone(),
        options: Some(lsp::CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(true),
        }),
        annotation_id: None,
    }));
    let fill = lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: vec![lsp::OneOf::Left(lsp::TextEdit {
            range: lsp::Range::default(),
            new_text: text,
        })],
    });
    Some(lsp::CodeAction {
        title: format!("Create the Exception `{id}` for this deviation (approved by `{approver}`)"),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(vec![create, fill])),
            ..Default::default()
        }),
        ..Default::default()
    })
}

// ---------------------------------------------------------------- completion

fn completion(
    ws: &Workspace,
    a: &Analysis,
    pos: &lsp::TextDocumentPositionParams,
) -> Option<lsp::CompletionResponse> {
    let at = at(ws, a, pos)?;
    let context = super::complete::context(&at.source.text, at.offset as usize)?;
    let (items, incomplete) = super::complete::items(a, &context);
    let start = convert::position(at.source, context.start as u32);
    let end = convert::position(at.source, at.offset);
    let items = items
        .into_iter()
        .map(|mut item| {
            let insert = item
                .insert_text
                .take()
                .unwrap_or_else(|| item.label.clone());
            item.text_edit = Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range: lsp::Range { start, end },
                new_text: insert,
            }));
            item
        })
        .collect();
    Some(lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: incomplete,
        items,
    }))
}
