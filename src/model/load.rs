//! The model stage's loader: drives stage 1 (files -> spanned trees) file by
//! file on all cores, and while each file's trees are at hand validates them
//! against their kind's schema (`schema`), reads the typed bodies and checks
//! the values' formats. The trees are dropped afterwards (`load::FileTrees`
//! rebuilds them when a finding needs a span), which keeps memory flat.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::check_values::check_values;
use super::{Body, Document, Kind};
use crate::config::Config;
use crate::error::Fatal;
use crate::finding::structure as st;
use crate::finding::{Finding, Label};
use crate::load::yaml::Node;
use crate::load::{self, FileLimits, FileTrees, LoadOptions, pool};
use crate::schema::{InvalidDoc, schema_finding, validate_document, validators};
use crate::source::{FileId, Sources};

/// Everything read from a strategy root.
#[derive(Debug)]
pub struct Loaded {
    pub sources: Sources,
    pub docs: Vec<Document>,
    /// Documents with a known kind and id that failed validation: their ids
    /// still count for duplicates, and references to them are not reported
    /// again as dangling.
    pub invalid: Vec<InvalidDoc>,
    pub findings: Vec<Finding>,
    pub config: Config,
    /// `stratc.yaml` as parsed, when there is one.
    pub config_source: Option<(FileId, Node)>,
}

/// Loads the strategy at `root`.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Loaded, Fatal> {
    load_with_config(root, options, None)
}

/// [`load`], with the text of `stratc.yaml` given rather than read from
/// disk when `config` is some: the language server's unsaved buffer of the
/// configuration counts as much as any other buffer.
pub fn load_with_config(
    root: &Path,
    options: &LoadOptions,
    config: Option<Arc<str>>,
) -> Result<Loaded, Fatal> {
    if !root.is_dir() {
        return Err(Fatal::NotADirectory(root.to_path_buf()));
    }
    let mut sources = Sources {
        root: root.to_path_buf(),
        files: Vec::new(),
    };
    let mut findings = Vec::new();
    let parsed = match config {
        Some(text) => load::config_from_bytes(
            root.join(load::CONFIG_FILE),
            text.as_bytes().to_vec(),
            &mut sources,
            &mut findings,
        ),
        None => load::read_config(root, &mut sources, &mut findings),
    };
    let (config, config_source) = typed_config(parsed, &mut findings);
    let paths = load::discover(root, &config.exclude, &mut findings, &mut sources)?;
    let first_id = sources.files.len() as FileId;
    let limits = file_limits(&config);

    let results: Vec<FileResult> = pool().install(|| {
        paths
            .par_iter()
            .enumerate()
            .map(|(i, (rel, full))| load_file(first_id + i as FileId, rel, full, limits, options))
            .collect()
    });

    // Sized up front: 100,000 documents would otherwise be copied at every
    // doubling of the vector.
    let mut docs = Vec::with_capacity(results.iter().map(|r| r.docs.len()).sum());
    let mut invalid = Vec::new();
    for result in results {
        sources.add(result.source);
        docs.extend(result.docs);
        invalid.extend(result.invalid);
        findings.extend(result.findings);
    }
    Ok(Loaded {
        sources,
        docs,
        invalid,
        findings,
        config,
        config_source,
    })
}

/// Validates `stratc.yaml` as parsed and reads it into the configuration.
pub(crate) fn typed_config(
    config: Option<(FileId, Node)>,
    findings: &mut Vec<Finding>,
) -> (Config, Option<(FileId, Node)>) {
    let Some((id, node)) = config else {
        return (Config::default(), None);
    };
    let json = node.to_json();
    let errors = validators().validate_config(&json);
    if !errors.is_empty() {
        for e in errors {
            findings.push(schema_finding(id, &node, None, e, "stratc.yaml"));
        }
        return (Config::default(), Some((id, node)));
    }
    match serde_json::from_value::<Config>(json) {
        Ok(config) => (config, Some((id, node))),
        Err(e) => {
            findings.push(
                Finding::new(
                    &st::schema_violation::RULE,
                    format!("invalid configuration: {e}"),
                )
                .at(Label::new(id, node.span)),
            );
            (Config::default(), Some((id, node)))
        }
    }
}

/// One strategy file loaded: its source, typed documents, the documents that
/// failed validation and the file's own findings.
pub struct FileResult {
    pub source: crate::source::SourceFile,
    pub docs: Vec<Document>,
    pub invalid: Vec<InvalidDoc>,
    pub findings: Vec<Finding>,
}

/// The limits `stratc.yaml` sets for reading each strategy file.
pub fn file_limits(config: &Config) -> FileLimits {
    FileLimits {
        max_file_bytes: config.limits.max_file_bytes,
        yaml: config.limits.yaml(),
    }
}

/// Loads one strategy file from text at hand (an editor's unsaved buffer)
/// instead of the disk, exactly as [`load`] would load the saved file: the
/// language server re-loads only the file that was edited.
pub fn load_text(
    id: FileId,
    rel: &str,
    full: &Path,
    text: Arc<str>,
    limits: FileLimits,
    options: &LoadOptions,
) -> FileResult {
    let mut read = load::FileRead {
        source: crate::source::SourceFile::new(rel.to_owned(), full.to_path_buf(), text.clone()),
        trees: Vec::new(),
        findings: Vec::new(),
    };
    if text.len() as u64 > limits.max_file_bytes {
        read.findings.push(
            Finding::new(
                &st::file_too_large::RULE,
                format!(
                    "{rel} is {} bytes, more than the limit of {} bytes; it was not read",
                    text.len(),
                    limits.max_file_bytes
                ),
            )
            .at(Label::new(id, crate::source::Span::default()))
            .help("move large data out of the strategy folder, add it to `exclude`, or raise `limits.max_file_bytes` in stratc.yaml"),
        );
        read.source = crate::source::SourceFile::new(rel.to_owned(), full.to_path_buf(), "".into());
        return type_trees(id, read, limits, options);
    }
    match load::yaml::parse_documents(&text, limits.yaml) {
        Ok(trees) => {
            read.trees = trees;
            type_trees(id, read, limits, options)
        }
        Err(e) => {
            let segments = document_segments(&text);
            if segments.len() < 2 {
                read.findings
                    .push(load::parse_error_finding(id, &read.source, &e));
                return type_trees(id, read, limits, options);
            }
            // Half-typed YAML in one document of a buffer must not take
            // its neighbours with it (their ids would vanish and every
            // reference to them turn dangling): each document is parsed on
            // its own, in a copy of the text where the others are blanked
            // out, so every offset stays that of the buffer.
            let mut result = type_trees(id, read, limits, options);
            for range in segments {
                let masked: Arc<str> = mask_outside(&text, range.clone()).into();
                let read = load::FileRead {
                    source: crate::source::SourceFile::new(
                        rel.to_owned(),
                        full.to_path_buf(),
                        masked.clone(),
                    ),
                    trees: Vec::new(),
                    findings: Vec::new(),
                };
                let part = match load::yaml::parse_documents(&masked, limits.yaml) {
                    Ok(trees) => type_trees(id, load::FileRead { trees, ..read }, limits, options),
                    Err(e) => {
                        result
                            .findings
                            .push(load::parse_error_finding(id, &read.source, &e));
                        // Its id still counts: references to the document
                        // being typed are not reported as dangling meanwhile.
                        result.invalid.extend(written_id(id, &text, range));
                        continue;
                    }
                };
                result.docs.extend(part.docs);
                result.invalid.extend(part.invalid);
                result.findings.extend(part.findings);
            }
            result
        }
    }
}

/// The `kind:` and `id:` written at the top level of a document that does
/// not parse, read from its lines.
fn written_id(file: FileId, text: &str, range: std::ops::Range<usize>) -> Option<InvalidDoc> {
    let mut kind = None;
    let mut id = None;
    let mut offset = range.start;
    for line in text[range].split_inclusive('\n') {
        let value = |key: &str| {
            let rest = line.strip_prefix(key)?;
            let v = rest.split(" #").next()?.trim();
            let v = v.trim_matches(['"', '\'']);
            let start = offset + key.len() + rest.find(v)?;
            (!v.is_empty()).then(|| (v.to_owned(), start))
        };
        if let Some((k, _)) = value("kind:") {
            kind = Kind::from_name(&k);
        }
        if let Some((v, start)) = value("id:") {
            id = Some((v, start));
        }
        offset += line.len();
    }
    let (id, start) = id?;
    Some(InvalidDoc {
        span: crate::source::Span::new(start as u32, (start + id.len()) as u32),
        id,
        kind: kind?,
        file,
    })
}

/// The byte ranges of a text's YAML documents: each starts at a `---`
/// marker line (the first also at the start of the text).
fn document_segments(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let marker = line.strip_prefix("---").is_some_and(|rest| {
            rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_whitespace())
        });
        if marker && offset > 0 {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.push(text.len());
    starts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// The text with every byte outside `keep` blanked (line breaks kept), so
/// that spans found in it are spans of the original.
fn mask_outside(text: &str, keep: std::ops::Range<usize>) -> String {
    let bytes: Vec<u8> = text
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            if keep.contains(&i) || b == b'\n' {
                b
            } else {
                b' '
            }
        })
        .collect();
    // Only ASCII was written and `keep` starts and ends at line starts.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Reads one file and turns its trees into typed documents.
pub fn load_file(
    id: FileId,
    rel: &str,
    full: &Path,
    limits: FileLimits,
    options: &LoadOptions,
) -> FileResult {
    let read = load::read_file(id, rel, full, limits);
    // A syntax error in one document of a saved file costs only that
    // document, as it does in an editor's buffer (`load_text`): its
    // neighbours keep their ids and nothing that refers to them turns
    // dangling. `check` and the language server then agree (a property test
    // holds it). Only files that failed to parse take this path.
    let syntax_error = read.trees.is_empty()
        && read.findings.iter().any(|f| {
            std::ptr::eq(f.rule, &st::yaml_syntax::RULE)
                || std::ptr::eq(f.rule, &st::duplicate_key::RULE)
        });
    if syntax_error && document_segments(&read.source.text).len() >= 2 {
        let text = read.source.text.clone();
        return load_text(id, rel, full, text, limits, options);
    }
    type_trees(id, read, limits, options)
}

/// Validates a file's trees and reads them into typed documents.
pub(crate) fn type_trees(
    id: FileId,
    read: load::FileRead,
    limits: FileLimits,
    options: &LoadOptions,
) -> FileResult {
    let mut result = FileResult {
        source: read.source,
        docs: Vec::new(),
        invalid: Vec::new(),
        findings: read.findings,
    };
    if read.trees.is_empty() && !result.findings.is_empty() {
        // A file that does not parse still declares its documents: their
        // ids count, so what refers to them is not reported as dangling
        // on top of the one syntax error.
        result.invalid = declared_ids(id, &result.source.text);
    }
    if options.parse_only || read.trees.is_empty() {
        return result;
    }
    let validators = validators();
    // Most files hold one document; an exact capacity keeps a growing
    // vector's spare slots from holding on to memory.
    result.docs.reserve_exact(read.trees.len());
    let trees = Arc::new(FileTrees::new(result.source.text.clone(), limits.yaml));
    for (index, node) in read.trees.into_iter().enumerate() {
        let (kind, repaired) = match validate_document(id, &node, validators, &mut result.findings)
        {
            Ok(checked) => checked,
            Err(Some(bad)) => {
                result.invalid.push(bad);
                continue;
            }
            Err(None) => continue,
        };
        // A document with a schema error keeps its valid fields: only the
        // bad ones (already reported) are left out of the model.
        let (node, withheld) = match repaired {
            Some(r) => (r.tree, r.withheld),
            None => (node, Vec::new()),
        };
        match Body::from_node(kind, &node) {
            Ok(body) => {
                let mut doc = Document {
                    file: id,
                    span: node.span,
                    index: index as u32,
                    trees: trees.clone(),
                    body,
                    pct: Box::default(),
                    withheld: withheld.into_boxed_slice(),
                    refs: std::sync::Arc::new([]),
                    resolved: Default::default(),
                };
                let mut refs = Vec::new();
                super::refs::references(&doc.body, &mut refs);
                doc.refs = refs.into();
                // The tree is dropped after this: check what needs it now.
                doc.pct = check_values(&doc, &node, &mut result.findings).into_boxed_slice();
                result.docs.push(doc);
            }
            Err(e) => {
                let id_text = node.get("id").and_then(Node::as_str).unwrap_or_default();
                result.findings.push(
                    Finding::new(
                        &st::schema_violation::RULE,
                        format!("{} `{id_text}` cannot be read: {e}", kind.name()),
                    )
                    .at(Label::new(id, node.span)),
                );
                if let Some(bad) = InvalidDoc::of(kind, id, &node) {
                    result.invalid.push(bad);
                }
            }
        }
    }
    result
}

/// The `kind:` and `id:` lines at the top level of a file the parser
/// refused, read line by line.
fn declared_ids(file: FileId, text: &str) -> Vec<InvalidDoc> {
    let mut found = Vec::new();
    let mut kind = None;
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end();
        if line == "---" {
            kind = None;
        } else if let Some(name) = line.strip_prefix("kind:") {
            kind = crate::kinds::Kind::from_name(name.split('#').next().unwrap_or("").trim());
        } else if let (Some(value), Some(kind)) = (line.strip_prefix("id:"), kind) {
            let value = value.split(" #").next().unwrap_or("");
            let id = value.trim().trim_matches(['"', '\'']);
            if id.is_empty() {
                continue;
            }
            let at = start + line.find(id).unwrap_or(0);
            found.push(InvalidDoc {
                id: id.to_owned(),
                kind,
                file,
                span: crate::source::Span::new(at as u32, (at + id.len()) as u32),
            });
        }
    }
    found
}
