//! Stage 1: files -> sources with spans. Finds every strategy file under the
//! root (honouring `.gitignore` and the config's excludes), reads and parses
//! them in parallel, validates each document against its kind's schema and
//! deserialises the typed body. Every problem becomes a finding; loading
//! never stops at the first bad file.

pub mod actuals;
pub mod de;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{Finding, Label};
use crate::error::Fatal;
use crate::model::build::check_values;
use crate::model::{Body, Document, FileTrees, Kind};
use crate::finding::structure as st;
use crate::schema::{did_you_mean, validators};
use crate::source::{FileId, SourceFile, Sources};
use crate::source::Span;
use yaml::{Node, ParseErrorKind, Value};

/// Stack size of the loader threads. The YAML tree is built without
/// recursion; schema validation and typed deserialisation recurse once per
/// nesting level (at most `limits.max_depth`), and debug builds use large
/// frames.
pub const PARSER_STACK_BYTES: usize = 64 << 20;

/// The worker pool for loading: the machine's cores, with large stacks.
pub fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(PARSER_STACK_BYTES)
            .thread_name(|i| format!("stratc-load-{i}"))
            .build()
            .expect("a thread pool can be created")
    })
}

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

/// A document that did not pass schema validation, by kind and id.
#[derive(Debug, Clone)]
pub struct InvalidDoc {
    pub id: String,
    pub kind: Kind,
    pub file: FileId,
    /// The span of the `id` value.
    pub span: Span,
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Stop after parsing: no schema validation, no typed documents
    /// (used to measure the parsing floor).
    pub parse_only: bool,
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
    let paths = discover(root, &config, &mut findings, &mut sources)?;
    let first_id = sources.files.len() as FileId;
    let limits = config.limits.clone();

    let results: Vec<FileResult> = pool().install(|| {
        paths
            .par_iter()
            .enumerate()
            .map(|(i, (rel, full))| load_file(first_id + i as FileId, rel, full, &limits, options))
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
    let path = root.join(CONFIG_FILE);
    let Ok(bytes) = std::fs::read(&path) else {
        return (Config::default(), None);
    };
    let text: Arc<str> = match String::from_utf8(bytes) {
        Ok(t) => t.into(),
        Err(e) => {
            let id = sources.add(SourceFile::new(CONFIG_FILE.into(), path, "".into()));
            findings.push(
                Finding::new(
                    &st::not_utf8::RULE,
                    format!(
                        "{CONFIG_FILE} is not UTF-8 text (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                )
                .at(Label::new(id, Span::default()))
                .help("save the file as UTF-8"),
            );
            return (Config::default(), None);
        }
    };
    let id = sources.add(SourceFile::new(CONFIG_FILE.into(), path, text.clone()));
    let nodes = match yaml::parse_documents(&text, yaml::Limits::default()) {
        Ok(nodes) => nodes,
        Err(e) => {
            findings.push(parse_error_finding(id, &sources.files[id as usize], &e));
            return (Config::default(), None);
        }
    };
    let Some(node) = nodes.into_iter().next() else {
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

/// Every strategy file under the root, sorted by relative path so the run
/// does not depend on the order of files on disk.
fn discover(
    root: &Path,
    config: &Config,
    findings: &mut Vec<Finding>,
    sources: &mut Sources,
) -> Result<Vec<(String, PathBuf)>, Fatal> {
    let mut excludes = globset::GlobSetBuilder::new();
    for pattern in &config.exclude {
        match globset::Glob::new(pattern) {
            Ok(g) => {
                excludes.add(g);
            }
            Err(e) => findings.push(config_finding(
                sources,
                format!("`{pattern}` is not a valid glob pattern: {e}"),
                "/exclude",
            )),
        }
    }
    let excludes = excludes
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty());
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .parents(false)
        .filter_entry(|entry| {
            // A folder stratc built (it holds our manifest) is output, not input.
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && entry.path().join(crate::render::MANIFEST).exists())
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                findings.push(Finding::new(
                    &st::unreadable_file::RULE,
                    format!("cannot read part of the strategy folder: {e}"),
                ));
                continue;
            }
        };
        if !entry
            .file_type()
            .is_some_and(|t| t.is_file() || t.is_symlink())
        {
            continue;
        }
        let path = entry.path();
        let is_yaml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "yaml" || e == "yml");
        if !is_yaml {
            continue;
        }
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel == CONFIG_FILE || excludes.is_match(&rel) {
            continue;
        }
        out.push((rel, path.to_path_buf()));
    }
    out.sort();
    Ok(out)
}

fn config_finding(sources: &Sources, message: String, _pointer: &str) -> Finding {
    let finding = Finding::new(&st::schema_violation::RULE, message);
    match sources.find(CONFIG_FILE) {
        Some(id) => finding.at(Label::new(id, Span::default())),
        None => finding,
    }
}

struct FileResult {
    source: SourceFile,
    docs: Vec<Document>,
    invalid: Vec<InvalidDoc>,
    findings: Vec<Finding>,
}

fn load_file(
    id: FileId,
    rel: &str,
    full: &Path,
    limits: &crate::config::LimitsConfig,
    options: &LoadOptions,
) -> FileResult {
    let mut result = FileResult {
        source: SourceFile::new(rel.to_owned(), full.to_path_buf(), "".into()),
        docs: Vec::new(),
        invalid: Vec::new(),
        findings: Vec::new(),
    };
    let here = Label::new(id, Span::default());
    // One open, one stat of the open file, one read.
    let unreadable = |e: std::io::Error| {
        Finding::new(
            &st::unreadable_file::RULE,
            format!("cannot read {rel}: {e}"),
        )
        .at(here.clone())
    };
    let mut file = match std::fs::File::open(full) {
        Ok(f) => f,
        Err(e) => {
            result.findings.push(unreadable(e));
            return result;
        }
    };
    let len = match file.metadata() {
        Ok(meta) => meta.len(),
        Err(e) => {
            result.findings.push(unreadable(e));
            return result;
        }
    };
    if len > limits.max_file_bytes {
        result.findings.push(
            Finding::new(
                &st::file_too_large::RULE,
                format!(
                    "{rel} is {len} bytes, more than the limit of {} bytes; it was not read",
                    limits.max_file_bytes
                ),
            )
            .at(here.clone())
            .help("move large data out of the strategy folder, add it to `exclude`, or raise `limits.max_file_bytes` in stratc.yaml"),
        );
        return result;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    if let Err(e) = std::io::Read::read_to_end(&mut file, &mut bytes) {
        result.findings.push(unreadable(e));
        return result;
    }
    drop(file);
    let text: Arc<str> = match String::from_utf8(bytes) {
        Ok(t) => t.into(),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy: Arc<str> = String::from_utf8_lossy(e.as_bytes()).into();
            // The lossy text keeps offsets up to the first bad byte.
            result.source = SourceFile::new(rel.to_owned(), full.to_path_buf(), lossy);
            result.findings.push(
                Finding::new(
                    &st::not_utf8::RULE,
                    format!("{rel} is not UTF-8 text: invalid byte at offset {valid}"),
                )
                .at(Label::new(id, Span::new(valid as u32, valid as u32 + 1)))
                .help("save the file with UTF-8 encoding"),
            );
            return result;
        }
    };
    result.source = SourceFile::new(rel.to_owned(), full.to_path_buf(), text.clone());
    let nodes = match yaml::parse_documents(&text, limits.yaml()) {
        Ok(nodes) => nodes,
        Err(e) => {
            result
                .findings
                .push(parse_error_finding(id, &result.source, &e));
            return result;
        }
    };
    if options.parse_only {
        return result;
    }
    let validators = validators();
    // Most files hold one document; an exact capacity keeps a growing
    // vector's spare slots from holding on to memory.
    result.docs.reserve_exact(nodes.len());
    let trees = Arc::new(FileTrees::new(text, limits.yaml()));
    for (index, node) in nodes.into_iter().enumerate() {
        match validate_document(id, &node, validators, &mut result.findings) {
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
            Err(Some(bad)) => result.invalid.push(bad),
            Err(None) => {}
        }
    }
    result
}

fn parse_error_finding(id: FileId, source: &SourceFile, e: &yaml::ParseError) -> Finding {
    let offset = match (e.offset, e.line_col) {
        (Some(o), _) => o,
        (None, Some((line, col))) => source.offset_of(line, col),
        (None, None) => 0,
    };
    let end = (offset + 1).min(source.text.len() as u32).max(offset);
    let label = Label::new(id, Span::new(offset, end));
    match e.kind {
        ParseErrorKind::Syntax => Finding::new(
            &st::yaml_syntax::RULE,
            format!("invalid YAML: {}", e.message),
        )
        .at(label.with_text("here"))
        .help("check brackets, quotes, colons and indentation (spaces only) around this place"),
        ParseErrorKind::DuplicateKey => Finding::new(
            &st::duplicate_key::RULE,
            e.message.clone(),
        )
        .at(label.with_text("repeated here"))
        .help("keep only one of the repeated keys; YAML tools disagree on which one wins"),
        ParseErrorKind::Budget => Finding::new(
            &st::yaml_budget_exceeded::RULE,
            format!("{}; the file was not checked", e.message),
        )
        .at(label)
        .help("write values out instead of multiplying them with aliases, or raise `limits` in stratc.yaml"),
    }
}

/// Checks kind, id and schema of one document and deserialises it.
fn validate_document(
    file: FileId,
    node: &Node,
    validators: &crate::schema::Validators,
    findings: &mut Vec<Finding>,
) -> Result<Body, Option<InvalidDoc>> {
    let doc_label = Label::new(file, node.span);
    if !matches!(node.value, Value::Map(_)) {
        findings.push(
            Finding::new(
                &st::unknown_kind::RULE,
                "a strategy document must be a mapping of fields with `kind` and `id`",
            )
            .at(doc_label)
            .help("start the document with `kind:` and `id:` lines"),
        );
        return Err(None);
    }
    let kind_entry = node.entry("kind");
    let kind_name = kind_entry.and_then(|e| e.value.as_str());
    let Some(kind) = kind_name.and_then(Kind::from_name) else {
        let finding = match (kind_entry, kind_name) {
            (None, _) => Finding::new(&st::unknown_kind::RULE, "document has no `kind`")
                .at(doc_label)
                .help(format!("add `kind:` with one of: {}", kind_names())),
            (Some(e), name) => {
                let name = name.unwrap_or("");
                let help = match did_you_mean(name, Kind::ALL.iter().map(|k| k.name())) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("use one of: {}", kind_names()),
                };
                Finding::new(
                    &st::unknown_kind::RULE,
                    format!("`{name}` is not a document kind"),
                )
                .at(Label::new(file, e.value.span))
                .help(help)
            }
        };
        findings.push(finding);
        return Err(None);
    };
    let id = node.get("id").and_then(Node::as_str).map(str::to_owned);
    let invalid = |node: &Node| {
        let entry = node.entry("id")?;
        Some(InvalidDoc {
            id: entry.value.as_str()?.to_owned(),
            kind,
            file,
            span: entry.value.span,
        })
    };
    let json = node.to_json();
    let errors = validators.validate(kind, &json);
    if !errors.is_empty() {
        for e in errors {
            findings.push(schema_finding(file, node, id.as_deref(), e, kind.name()));
        }
        return Err(invalid(node));
    }
    drop(json);
    match Body::from_node(kind, node) {
        Ok(body) => Ok(body),
        Err(e) => {
            findings.push(
                Finding::new(
                    &st::schema_violation::RULE,
                    format!(
                        "{} `{}` cannot be read: {e}",
                        kind.name(),
                        id.unwrap_or_default()
                    ),
                )
                .at(doc_label),
            );
            Err(invalid(node))
        }
    }
}

fn kind_names() -> String {
    Kind::ALL
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn schema_finding(
    file: FileId,
    node: &Node,
    id: Option<&str>,
    error: crate::schema::SchemaError,
    what: &str,
) -> Finding {
    let walked = node.walk(&error.pointer);
    let span = if error.at_key {
        walked
            .key_span
            .filter(|_| walked.complete || error.pointer.is_empty())
            .unwrap_or(walked.node.span)
    } else {
        walked.node.span
    };
    // A missing field of the document itself is best shown at its `kind`.
    let span = if error.pointer.is_empty() {
        node.entry("kind").map_or(span, |e| e.key_span)
    } else {
        span
    };
    let message = match id {
        Some(id) => format!("{what} `{id}`: {}", error.message),
        None => format!("{what}: {}", error.message),
    };
    let mut finding = Finding::new(&st::schema_violation::RULE, message).at(Label::new(file, span));
    if let Some(help) = error.help {
        finding = finding.help(help);
    }
    if let Some(id) = id {
        finding = finding.subject(id, error.pointer);
    }
    finding
}
