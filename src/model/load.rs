//! The model stage's loader: drives stage 1 (files -> spanned trees) file by
//! file on all cores, and while each file's trees are at hand validates them
//! against their kind's schema (`schema`), reads the typed bodies and checks
//! the values' formats. The trees are dropped afterwards (`load::FileTrees`
//! rebuilds them when a finding needs a span), which keeps memory flat.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::check_values::check_values;
use super::{Body, Document};
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
    if !root.is_dir() {
        return Err(Fatal::NotADirectory(root.to_path_buf()));
    }
    let mut sources = Sources {
        root: root.to_path_buf(),
        files: Vec::new(),
    };
    let mut findings = Vec::new();
    let (config, config_source) = load_config(root, &mut sources, &mut findings);
    let paths = load::discover(root, &config.exclude, &mut findings, &mut sources)?;
    let first_id = sources.files.len() as FileId;
    let limits = FileLimits {
        max_file_bytes: config.limits.max_file_bytes,
        yaml: config.limits.yaml(),
    };

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

/// Reads and validates `stratc.yaml`; a broken config is reported and the
/// defaults are used so the rest of the run still happens.
fn load_config(
    root: &Path,
    sources: &mut Sources,
    findings: &mut Vec<Finding>,
) -> (Config, Option<(FileId, Node)>) {
    let Some((id, node)) = load::read_config(root, sources, findings) else {
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

struct FileResult {
    source: crate::source::SourceFile,
    docs: Vec<Document>,
    invalid: Vec<InvalidDoc>,
    findings: Vec<Finding>,
}

/// Reads one file and turns its trees into typed documents.
fn load_file(
    id: FileId,
    rel: &str,
    full: &Path,
    limits: FileLimits,
    options: &LoadOptions,
) -> FileResult {
    let read = load::read_file(id, rel, full, limits);
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
        let node = repaired.unwrap_or(node);
        match Body::from_node(kind, &node) {
            Ok(body) => {
                let doc = Document {
                    file: id,
                    span: node.span,
                    index: index as u32,
                    trees: trees.clone(),
                    body,
                };
                // The tree is dropped after this: check what needs it now.
                check_values(&doc, &node, &mut result.findings);
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
