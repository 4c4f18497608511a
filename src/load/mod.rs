//! Stage 1: files -> spanned YAML trees. Finds every strategy file under the
//! root (honouring `.gitignore` and the config's excludes) and reads and
//! parses one file at a time into trees of spanned nodes; the model stage
//! (`model::load`) drives it file by file in parallel, validating and typing
//! each tree while it is at hand. Every problem becomes a finding; loading
//! never stops at the first bad file.

pub mod actuals;
pub mod de;
mod messages;
pub(crate) mod trees;
pub(crate) mod walk;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::error::Fatal;
use crate::finding::structure as st;
use crate::finding::{Finding, Label};
use crate::source::Span;
use crate::source::{FileId, SourceFile, Sources};
pub use trees::FileTrees;
use yaml::{Node, ParseErrorKind};

/// The configuration file at the root of a strategy repository.
pub const CONFIG_FILE: &str = "stratc.yaml";

/// The manifest `stratc build` writes into its output folder: a folder that
/// holds one is output, never input.
pub const MANIFEST: &str = ".stratc-manifest.json";

/// Stack size of the loader threads. The YAML tree is built without
/// recursion; schema validation and typed deserialisation recurse once per
/// nesting level (at most `limits.max_depth`), and debug builds use large
/// frames.
pub const PARSER_STACK_BYTES: usize = 64 << 20;

/// The worker pool for loading: the machine's cores, with large stacks.
#[allow(
    clippy::expect_used,
    reason = "fails only when the OS cannot start threads, where nothing could run"
)]
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

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Stop after parsing: no schema validation, no typed documents
    /// (used to measure the parsing floor).
    pub parse_only: bool,
}

/// Reads and parses `stratc.yaml`, when there is one; the model stage
/// validates it. Unreadable or invalid YAML is reported and the defaults apply.
pub fn read_config(
    root: &Path,
    sources: &mut Sources,
    findings: &mut Vec<Finding>,
) -> Option<(FileId, Node)> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).ok()?;
    config_from_bytes(path, bytes, sources, findings)
}

/// Parses `stratc.yaml` from its bytes (read from disk, or from a git
/// revision held in memory).
pub fn config_from_bytes(
    path: PathBuf,
    bytes: Vec<u8>,
    sources: &mut Sources,
    findings: &mut Vec<Finding>,
) -> Option<(FileId, Node)> {
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
            return None;
        }
    };
    let id = sources.add(SourceFile::new(CONFIG_FILE.into(), path, text.clone()));
    let nodes = match yaml::parse_documents(&text, yaml::Limits::default()) {
        Ok(nodes) => nodes,
        Err(e) => {
            findings.push(parse_error_finding(id, &sources.files[id as usize], &e));
            return None;
        }
    };
    nodes.into_iter().next().map(|node| (id, node))
}

/// Every strategy file under the root, sorted by relative path so the run
/// does not depend on the order of files on disk.
pub fn discover(
    root: &Path,
    exclude: &[String],
    findings: &mut Vec<Finding>,
    sources: &mut Sources,
) -> Result<Vec<(String, PathBuf)>, Fatal> {
    let excludes = excludes(exclude, findings, sources);
    let mut out = Vec::new();
    let walker = walk::walker(root)
        .filter_entry(|entry| {
            // A folder stratc built (it holds our manifest) is output, not input.
            !(entry.file_type().is_some_and(|t| t.is_dir()) && entry.path().join(MANIFEST).exists())
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
        let Some(rel) = walk::relative(root, path) else {
            continue;
        };
        if rel == CONFIG_FILE || excludes.is_match(&rel) {
            continue;
        }
        out.push((rel, path.to_path_buf()));
    }
    out.sort();
    Ok(out)
}

/// The config's `exclude` patterns as one matcher; a pattern that is not a
/// valid glob is reported and left out.
pub fn excludes(
    exclude: &[String],
    findings: &mut Vec<Finding>,
    sources: &Sources,
) -> globset::GlobSet {
    let mut excludes = globset::GlobSetBuilder::new();
    for pattern in exclude {
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
    excludes
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty())
}

fn config_finding(sources: &Sources, message: String, _pointer: &str) -> Finding {
    let finding = Finding::new(&st::schema_violation::RULE, message);
    match sources.find(CONFIG_FILE) {
        Some(id) => finding.at(Label::new(id, Span::default())),
        None => finding,
    }
}

/// One file read and parsed: its text, its documents' trees, its problems.
pub struct FileRead {
    pub source: SourceFile,
    /// One tree per YAML document of the file.
    pub trees: Vec<Node>,
    pub findings: Vec<Finding>,
}

/// The limits a file is read under.
#[derive(Debug, Clone, Copy)]
pub struct FileLimits {
    pub max_file_bytes: u64,
    pub yaml: yaml::Limits,
}

/// Reads one strategy file and parses it into spanned trees.
pub fn read_file(id: FileId, rel: &str, full: &Path, limits: FileLimits) -> FileRead {
    let mut result = FileRead {
        source: SourceFile::new(rel.to_owned(), full.to_path_buf(), "".into()),
        trees: Vec::new(),
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
        result.findings.push(too_large(rel, len, limits, here));
        return result;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    if let Err(e) = std::io::Read::read_to_end(&mut file, &mut bytes) {
        result.findings.push(unreadable(e));
        return result;
    }
    drop(file);
    read_bytes(id, rel, full, bytes, limits)
}

/// Parses one strategy file from its bytes, exactly as [`read_file`] does
/// once it has read them: a git revision held in memory loads with the
/// same spans, paths and findings as a checkout of it.
pub fn read_bytes(
    id: FileId,
    rel: &str,
    full: &Path,
    bytes: Vec<u8>,
    limits: FileLimits,
) -> FileRead {
    let mut result = FileRead {
        source: SourceFile::new(rel.to_owned(), full.to_path_buf(), "".into()),
        trees: Vec::new(),
        findings: Vec::new(),
    };
    let here = Label::new(id, Span::default());
    let len = bytes.len() as u64;
    if len > limits.max_file_bytes {
        result.findings.push(too_large(rel, len, limits, here));
        return result;
    }
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
    result.trees = match yaml::parse_documents(&text, limits.yaml) {
        Ok(nodes) => nodes,
        Err(e) => {
            result
                .findings
                .push(parse_error_finding(id, &result.source, &e));
            return result;
        }
    };
    result
}

fn too_large(rel: &str, len: u64, limits: FileLimits, here: Label) -> Finding {
    Finding::new(
        &st::file_too_large::RULE,
        format!(
            "{rel} is {len} bytes, more than the limit of {} bytes; it was not read",
            limits.max_file_bytes
        ),
    )
    .at(here)
    .help("move large data out of the strategy folder, add it to `exclude`, or raise `limits.max_file_bytes` in stratc.yaml")
}

pub(crate) fn parse_error_finding(
    id: FileId,
    source: &SourceFile,
    e: &yaml::ParseError,
) -> Finding {
    let offset = match (e.offset, e.line_col) {
        (Some(o), _) => o,
        (None, Some((line, col))) => source.offset_of(line, col),
        (None, None) => 0,
    };
    let end = (offset + 1).min(source.text.len() as u32).max(offset);
    let label = Label::new(id, Span::new(offset, end));
    let line = source.line_col(offset).line as usize;
    let explained = match e.kind {
        ParseErrorKind::Syntax => messages::syntax(source, line, &e.message),
        ParseErrorKind::DuplicateKey => messages::duplicate_key(source, line),
        ParseErrorKind::Budget | ParseErrorKind::UnsupportedKey => None,
    };
    if let Some(explained) = explained {
        let rule = match e.kind {
            ParseErrorKind::DuplicateKey => &st::duplicate_key::RULE,
            _ => &st::yaml_syntax::RULE,
        };
        let line_label = Label::new(id, source.line_span(offset));
        return Finding::new(rule, explained.message)
            .at(line_label.with_text("here"))
            .help(explained.help);
    }
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
        // Valid YAML, so not "invalid YAML": say what stratc accepts instead.
        ParseErrorKind::UnsupportedKey => Finding::new(&st::yaml_syntax::RULE, e.message.clone())
            .at(label.with_text("this key"))
            .help("write the key as text, for example `\"a, b\": ...`, or move the list into the value"),
        ParseErrorKind::Budget => Finding::new(
            &st::yaml_budget_exceeded::RULE,
            format!("{}; the file was not checked", e.message),
        )
        .at(label)
        .help("write values out instead of multiplying them with aliases, or raise `limits` in stratc.yaml"),
    }
}
