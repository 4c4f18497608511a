//! A strategy root at a git revision, loaded from memory: its files are
//! listed and read from git (no checkout written to disk), found with the
//! rules a walk of the folder follows (YAML only, no hidden files, no built
//! site, `.gitignore` / `.ignore` and `exclude` honoured), and loaded with
//! the loader of a folder, so every path, span and finding is that of a
//! checkout. A file the work tree holds unchanged is not parsed again: its
//! documents and findings are copied from the work tree's load.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rayon::prelude::*;

use super::Document;
use super::load::{FileResult, Loaded, file_limits, type_trees, typed_config};
use crate::error::Fatal;
use crate::finding::structure as st;
use crate::finding::{Finding, Label};
use crate::load::actuals::{self, Actuals};
use crate::load::{self, CONFIG_FILE, LoadOptions, MANIFEST, pool};
use crate::schema::InvalidDoc;
use crate::source::{FileId, SourceFile, Sources};

/// The files of a revision, as git lists them.
pub struct Revision {
    /// The work tree's strategy root: the revision's files are named as if
    /// checked out there.
    pub root: PathBuf,
    /// Every regular file below the root at the revision: its path relative
    /// to the root and the name of its content (a git object), sorted.
    pub files: Vec<(String, String)>,
    /// Paths (relative to the root) whose content differs between the
    /// revision and the work tree, or that exist in only one of them.
    pub changed: BTreeSet<String>,
}

/// Reads the contents of objects by name (`None`: missing).
pub type ReadObjects<'a> = dyn Fn(&[String]) -> Result<Vec<Option<Vec<u8>>>, Fatal> + Sync + 'a;

/// Loads a revision and its actuals. `work_tree` is the work tree's load
/// (with its actuals in its sources): the files it holds unchanged are
/// copied from it instead of read and parsed again, unless `stratc.yaml`
/// changed (its limits and excludes decide how every file loads).
pub fn load_revision(
    revision: &Revision,
    read: &ReadObjects<'_>,
    work_tree: Option<&Loaded>,
    options: &LoadOptions,
) -> Result<(Loaded, Actuals), Fatal> {
    let root = revision.root.as_path();
    let object: HashMap<&str, &str> = revision
        .files
        .iter()
        .map(|(path, object)| (path.as_str(), object.as_str()))
        .collect();
    let fetch = |paths: &[&str]| -> Result<HashMap<String, Vec<u8>>, Fatal> {
        let (paths, names): (Vec<&str>, Vec<String>) = paths
            .iter()
            .filter_map(|p| object.get(p).map(|o| (*p, (*o).to_owned())))
            .unzip();
        let contents = read(&names)?;
        Ok(paths
            .into_iter()
            .zip(contents)
            .filter_map(|(p, c)| Some((p.to_owned(), c?)))
            .collect())
    };

    // The configuration and the ignore files decide which files count.
    let mut first: Vec<&str> = revision
        .files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| is_ignore_file(p))
        .collect();
    first.push(CONFIG_FILE);
    let mut early = fetch(&first)?;

    let mut sources = Sources {
        root: root.to_path_buf(),
        files: Vec::new(),
    };
    let mut findings = Vec::new();
    let config = early.remove(CONFIG_FILE).and_then(|bytes| {
        load::config_from_bytes(root.join(CONFIG_FILE), bytes, &mut sources, &mut findings)
    });
    let (config, config_source) = typed_config(config, &mut findings);
    let limits = file_limits(&config);
    let ignores = Ignores::new(root, early);
    let excludes = load::excludes(&config.exclude, &mut findings, &sources);
    let built: Vec<&str> = revision
        .files
        .iter()
        .filter_map(|(p, _)| p.strip_suffix(MANIFEST))
        .filter(|dir| dir.is_empty() || dir.ends_with('/'))
        .collect();
    let counts = |path: &str| {
        !path.split('/').any(|c| c.starts_with('.'))
            && !built.iter().any(|dir| path.starts_with(dir))
            && !ignores.ignored(root, path)
    };
    let strategy: Vec<&str> = revision
        .files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| p.ends_with(".yaml") || p.ends_with(".yml"))
        .filter(|p| *p != CONFIG_FILE && !excludes.is_match(p) && counts(p))
        .collect();
    let actuals_files = actuals_files(revision, config.actuals.as_deref(), &counts);

    // What the work tree holds unchanged is copied; the rest is read.
    let reuse = work_tree.filter(|_| !revision.changed.contains(CONFIG_FILE));
    let reused: HashMap<&str, FileId> = reuse
        .map(|loaded| {
            loaded
                .sources
                .files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.as_str(), i as FileId))
                .collect()
        })
        .unwrap_or_default();
    let same = |path: &str| {
        (!revision.changed.contains(path))
            .then(|| reused.get(path).copied())
            .flatten()
    };
    let to_read: Vec<&str> = strategy
        .iter()
        .chain(&actuals_files)
        .copied()
        .filter(|p| same(p).is_none())
        .collect();
    let mut contents = fetch(&to_read)?;
    let copied = reuse.map(ByFile::new);

    let first_id = sources.files.len() as FileId;
    let inputs: Vec<(FileId, &str, Input)> = strategy
        .iter()
        .enumerate()
        .map(|(i, rel)| {
            let input = match (same(rel), &copied) {
                (Some(from), Some(_)) => Input::Copy(from),
                _ => Input::Read(contents.remove(*rel)),
            };
            (first_id + i as FileId, *rel, input)
        })
        .collect();
    let results: Vec<FileResult> = pool().install(|| {
        inputs
            .into_par_iter()
            .map(|(id, rel, input)| {
                let full = root.join(rel);
                match (input, &copied) {
                    (Input::Copy(from), Some(copied)) => copied.result(from, id),
                    (Input::Read(Some(bytes)), _) => type_trees(
                        id,
                        load::read_bytes(id, rel, &full, bytes, limits),
                        limits,
                        options,
                    ),
                    _ => missing(id, rel, full),
                }
            })
            .collect()
    });
    let mut docs = Vec::with_capacity(results.iter().map(|r| r.docs.len()).sum());
    let mut invalid = Vec::new();
    for result in results {
        sources.add(result.source);
        docs.extend(result.docs);
        invalid.extend(result.invalid);
        findings.extend(result.findings);
    }

    let actuals = if options.parse_only {
        Actuals::default()
    } else {
        let mut texts = Vec::new();
        for rel in actuals_files {
            let full = root.join(rel);
            let text = match (same(rel), reuse) {
                (Some(from), Some(loaded)) => Ok(loaded.sources.file(from).text.clone()),
                _ => match contents.remove(rel).map(String::from_utf8) {
                    Some(Ok(text)) => Ok(Arc::from(text)),
                    Some(Err(_)) => Err("stream did not contain valid UTF-8"),
                    None => Err("it is missing from the revision"),
                },
            };
            match text {
                Ok(text) => texts.push((rel.to_owned(), full, text)),
                Err(e) => findings.push(Finding::new(
                    &st::unreadable_file::RULE,
                    format!("cannot read actuals file {rel}: {e}"),
                )),
            }
        }
        actuals::from_texts(texts, &mut sources, &mut findings)
    };
    Ok((
        Loaded {
            sources,
            docs,
            invalid,
            findings,
            config,
            config_source,
        },
        actuals,
    ))
}

enum Input {
    /// The work tree's file of this id holds the same content.
    Copy(FileId),
    Read(Option<Vec<u8>>),
}

fn missing(id: FileId, rel: &str, full: PathBuf) -> FileResult {
    FileResult {
        source: SourceFile::new(rel.to_owned(), full, "".into()),
        docs: Vec::new(),
        invalid: Vec::new(),
        findings: vec![
            Finding::new(
                &st::unreadable_file::RULE,
                format!("cannot read {rel}: it is missing from the revision"),
            )
            .at(Label::new(id, crate::source::Span::default())),
        ],
    }
}

fn is_ignore_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == ".gitignore" || name == ".ignore"
}

/// The actuals files of the revision, as `actuals::discover` finds them in
/// a folder.
fn actuals_files<'a>(
    revision: &'a Revision,
    setting: Option<&str>,
    counts: &dyn Fn(&str) -> bool,
) -> Vec<&'a str> {
    let pattern = actuals::pattern(setting, |folder| {
        let folder = format!("{}/", folder.trim_end_matches('/'));
        revision.files.iter().any(|(p, _)| p.starts_with(&folder))
    });
    let Ok(glob) = globset::Glob::new(&pattern).map(|g| g.compile_matcher()) else {
        return Vec::new();
    };
    revision
        .files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| glob.is_match(p) && counts(p))
        .collect()
}

/// The `.ignore` and `.gitignore` files of a revision, by folder.
struct Ignores {
    /// Folder (relative, empty for the root) -> its `.ignore` and `.gitignore`.
    by_dir: HashMap<String, [Option<Gitignore>; 2]>,
}

impl Ignores {
    fn new(root: &Path, files: HashMap<String, Vec<u8>>) -> Ignores {
        let mut by_dir: HashMap<String, [Option<Gitignore>; 2]> = HashMap::new();
        for (path, bytes) in files {
            let (dir, name) = match path.rsplit_once('/') {
                Some((dir, name)) => (dir.to_owned(), name),
                None => (String::new(), path.as_str()),
            };
            let mut builder = GitignoreBuilder::new(root.join(&dir));
            for line in String::from_utf8_lossy(&bytes).lines() {
                // A line git would not understand is skipped, as by a walk.
                let _ = builder.add_line(None, line);
            }
            let Ok(matcher) = builder.build() else {
                continue;
            };
            let slot = usize::from(name == ".gitignore");
            by_dir.entry(dir).or_default()[slot] = Some(matcher);
        }
        Ignores { by_dir }
    }

    /// Whether a file is ignored: the nearest folder with a rule about it
    /// decides, `.ignore` before `.gitignore`.
    fn ignored(&self, root: &Path, path: &str) -> bool {
        if self.by_dir.is_empty() {
            return false;
        }
        let full = root.join(path);
        let mut dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        loop {
            for matcher in self.by_dir.get(dir).into_iter().flatten().flatten() {
                match matcher.matched_path_or_any_parents(&full, false) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
            if dir.is_empty() {
                return false;
            }
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        }
    }
}

/// The work tree's load, by file, for copying.
struct ByFile<'a> {
    loaded: &'a Loaded,
    docs: HashMap<FileId, Vec<&'a Document>>,
    invalid: HashMap<FileId, Vec<&'a InvalidDoc>>,
    findings: HashMap<FileId, Vec<&'a Finding>>,
}

impl<'a> ByFile<'a> {
    fn new(loaded: &'a Loaded) -> ByFile<'a> {
        let mut by = ByFile {
            loaded,
            docs: HashMap::new(),
            invalid: HashMap::new(),
            findings: HashMap::new(),
        };
        for doc in &loaded.docs {
            by.docs.entry(doc.file).or_default().push(doc);
        }
        for doc in &loaded.invalid {
            by.invalid.entry(doc.file).or_default().push(doc);
        }
        for finding in &loaded.findings {
            if let Some(label) = &finding.primary {
                by.findings.entry(label.file).or_default().push(finding);
            }
        }
        by
    }

    /// What loading the work tree's file `from` gave, as file `id`.
    fn result(&self, from: FileId, id: FileId) -> FileResult {
        let source = self.loaded.sources.file(from);
        let renumber = |label: &Label| Label {
            file: if label.file == from { id } else { label.file },
            ..label.clone()
        };
        FileResult {
            source: SourceFile::new(
                source.path.clone(),
                source.full_path.clone(),
                source.text.clone(),
            ),
            docs: self
                .docs
                .get(&from)
                .into_iter()
                .flatten()
                .map(|doc| Document {
                    file: id,
                    ..(*doc).clone()
                })
                .collect(),
            invalid: self
                .invalid
                .get(&from)
                .into_iter()
                .flatten()
                .map(|doc| InvalidDoc {
                    file: id,
                    ..(*doc).clone()
                })
                .collect(),
            findings: self
                .findings
                .get(&from)
                .into_iter()
                .flatten()
                .map(|f| Finding {
                    primary: f.primary.as_ref().map(renumber),
                    related: f.related.iter().map(renumber).collect(),
                    ..(*f).clone()
                })
                .collect(),
        }
    }
}
