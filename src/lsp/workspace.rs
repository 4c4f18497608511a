//! The strategy as the editor sees it: the files on disk with the open
//! buffers laid over them, loaded once, then kept up to date one file at a
//! time. A re-check re-loads only the files that changed; every other file
//! keeps its loaded documents, and the model, graph and rules are rebuilt
//! from them (`analysis::analyse_loaded`).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{self, Analysis, Laps, analyse_loaded};
use crate::error::Fatal;
use crate::finding::Finding;
use crate::load::{self, CONFIG_FILE, FileLimits, MANIFEST};
use crate::model::load::{Loaded, file_limits, load_text, load_with_config};
use crate::schema::InvalidDoc;
use crate::source::{FileId, SourceFile};

/// What changed since the last check.
#[derive(Debug, Default)]
struct Pending {
    /// Strategy files (relative paths) to load again.
    files: BTreeSet<String>,
    /// The configuration or actuals changed: everything is loaded again.
    everything: bool,
    /// The last check was interrupted: its documents are loaded, but the
    /// rest must run again.
    unfinished: bool,
}

pub struct Workspace {
    pub root: PathBuf,
    options: analysis::Options,
    limits: FileLimits,
    /// The text of every open buffer, by path relative to the root; it wins
    /// over the file on disk.
    open: HashMap<String, Arc<str>>,
    /// What the loader found in each file (syntax, schema, value errors) and
    /// in the configuration and actuals: kept across re-checks, replaced
    /// file by file.
    load_findings: Vec<Finding>,
    invalid: Vec<InvalidDoc>,
    /// The last check; its model owns the loaded documents between checks.
    analysis: Option<Analysis>,
    pending: Pending,
}

impl Workspace {
    pub fn new(root: PathBuf, options: analysis::Options) -> Workspace {
        Workspace {
            root,
            options,
            limits: file_limits(&Default::default()),
            open: HashMap::new(),
            load_findings: Vec::new(),
            invalid: Vec::new(),
            analysis: None,
            pending: Pending {
                everything: true,
                ..Pending::default()
            },
        }
    }

    pub fn analysis(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }

    /// Forgets the last check: the next one loads everything again.
    pub fn reset(&mut self) {
        self.analysis = None;
        self.pending.everything = true;
    }

    pub fn is_dirty(&self) -> bool {
        self.pending.everything || self.pending.unfinished || !self.pending.files.is_empty()
    }

    /// The path of a file relative to the root, when it is one of the
    /// strategy's own (not outside the root, not built output).
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rel = load::walk::relative(&self.root, path)?;
        if rel.is_empty() || rel.starts_with("../") {
            return None;
        }
        let known = self
            .analysis
            .as_ref()
            .is_some_and(|a| a.model.sources.find(&rel).is_some());
        if !known && !self.could_be_strategy(&rel) {
            return None;
        }
        let mut dir = path.parent();
        while let Some(d) = dir {
            if !d.starts_with(&self.root) {
                break;
            }
            if d.join(MANIFEST).exists() {
                return None;
            }
            dir = d.parent();
        }
        Some(rel)
    }

    /// Whether a file the last load did not find would be part of the
    /// strategy (a new file): not hidden (`.github/`), not excluded in
    /// `stratc.yaml`, and YAML, CSV or the configuration.
    fn could_be_strategy(&self, rel: &str) -> bool {
        if rel.split('/').any(|c| c.starts_with('.')) {
            return false;
        }
        let typed = [".yaml", ".yml", ".csv"].iter().any(|e| rel.ends_with(e));
        let excluded = self.analysis.as_ref().is_some_and(|a| {
            a.config
                .exclude
                .iter()
                .filter_map(|g| globset::Glob::new(g).ok())
                .any(|g| g.compile_matcher().is_match(rel))
        });
        typed && !excluded
    }

    /// A buffer was opened or edited.
    pub fn set_buffer(&mut self, path: &Path, text: Arc<str>) {
        let Some(rel) = self.relative(path) else {
            return;
        };
        let unchanged = self.open.get(&rel).is_some_and(|t| *t == text)
            || (!self.open.contains_key(&rel)
                && self.current_text(&rel).is_some_and(|t| **t == *text));
        self.open.insert(rel.clone(), text);
        if !unchanged {
            self.changed(rel);
        }
    }

    /// A buffer was closed: the file on disk counts again.
    pub fn close_buffer(&mut self, path: &Path) {
        if let Some(rel) = self.relative(path)
            && self.open.remove(&rel).is_some()
        {
            self.changed(rel);
        }
    }

    /// A file changed on disk (saved, created, deleted, or changed by git).
    pub fn file_changed(&mut self, path: &Path) {
        if let Some(rel) = self.relative(path)
            && !self.open.contains_key(&rel)
        {
            self.changed(rel);
        }
    }

    fn changed(&mut self, rel: String) {
        let is_yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
        if rel == CONFIG_FILE || !is_yaml {
            // The configuration sets limits, excludes and where actuals
            // live; a CSV file holds actuals: load everything again.
            self.pending.everything = true;
        } else {
            self.pending.files.insert(rel);
        }
    }

    /// The text a file has in the last check; `None` when that text is not
    /// the file's own (a file that is not UTF-8 is kept as a lossy copy, so
    /// an editor's decoded buffer of it matches it yet is a change).
    fn current_text(&self, rel: &str) -> Option<&Arc<str>> {
        let sources = &self.analysis.as_ref()?.model.sources;
        let id = sources.find(rel)?;
        let lossy = self.load_findings.iter().any(|f| {
            std::ptr::eq(f.rule, &crate::finding::structure::not_utf8::RULE)
                && f.primary.as_ref().is_some_and(|l| l.file == id)
        });
        (!lossy).then(|| &sources.file(id).text)
    }

    /// Checks again what changed since the last check, to the end.
    pub fn check(&mut self) -> Result<&Analysis, Fatal> {
        self.check_until(&analysis::Interrupt::default())
    }

    /// [`Workspace::check`], stopping early when `interrupt` is set (newer
    /// edits are waiting). The documents loaded so far are kept and the
    /// workspace stays dirty, so the next check finishes the work; an
    /// interrupted analysis ([`Analysis::interrupted`]) must not be shown.
    pub fn check_until(&mut self, interrupt: &analysis::Interrupt) -> Result<&Analysis, Fatal> {
        let pending = std::mem::take(&mut self.pending);
        let options = analysis::Options {
            interrupt: interrupt.clone(),
            ..self.options.clone()
        };
        let analysis = match self.analysis.take() {
            Some(previous) if !pending.everything => {
                self.recheck(previous, &pending.files, &options)
            }
            _ => self.load_all(&options)?,
        };
        self.pending.unfinished = analysis.interrupted;
        Ok(self.analysis.insert(analysis))
    }

    /// The first load, and after the configuration or actuals changed.
    fn load_all(&mut self, options: &analysis::Options) -> Result<Analysis, Fatal> {
        let mut laps = Laps::start();
        let config = self.open.get(CONFIG_FILE).cloned();
        let mut loaded = load_with_config(&self.root, &self.options.load, config)?;
        self.limits = file_limits(&loaded.config);
        let overrides: Vec<(String, Arc<str>)> = self
            .open
            .iter()
            .map(|(rel, text)| (rel.clone(), text.clone()))
            .collect();
        for (rel, text) in overrides {
            if rel == CONFIG_FILE {
                // Already read from its buffer above.
                continue;
            }
            let on_disk = loaded
                .sources
                .find(&rel)
                .is_some_and(|id| *loaded.sources.file(id).text == *text);
            if !on_disk {
                self.replace(&mut loaded, &rel, Some(text));
            }
        }
        let actuals = load::actuals::load(
            &self.root,
            loaded.config.actuals.as_deref(),
            &mut loaded.sources,
            &mut loaded.findings,
        );
        laps.lap("load");
        self.load_findings = std::mem::take(&mut loaded.findings);
        self.invalid = loaded.invalid.clone();
        loaded.findings = self.load_findings.clone();
        Ok(analyse_loaded(loaded, actuals, options, laps))
    }

    /// Loads the changed files again and rebuilds the rest from the
    /// documents the last check holds.
    fn recheck(
        &mut self,
        previous: Analysis,
        files: &BTreeSet<String>,
        options: &analysis::Options,
    ) -> Analysis {
        let mut laps = Laps::start();
        let Analysis {
            model,
            graph,
            findings,
            config: previous_config,
            ..
        } = previous;
        // The old graph and findings are a million small strings at 100,000
        // entities: free them on another thread, while this one works,
        // rather than before the diagnostics can be published.
        let _ = std::thread::Builder::new()
            .name("stratc-free".into())
            .spawn(move || drop((graph, findings)));
        let mut loaded = Loaded {
            sources: model.sources,
            docs: model.docs,
            invalid: std::mem::take(&mut self.invalid),
            findings: std::mem::take(&mut self.load_findings),
            config: previous_config,
            config_source: model.config_source,
        };
        for rel in files {
            let text = self.open.get(rel).cloned();
            self.replace(&mut loaded, rel, text);
        }
        laps.lap("load");
        self.load_findings = std::mem::take(&mut loaded.findings);
        self.invalid = loaded.invalid.clone();
        loaded.findings = self.load_findings.clone();
        analyse_loaded(loaded, model.actuals, options, laps)
    }

    /// Loads one file again, from its buffer or from disk, in place of what
    /// was loaded from it before.
    fn replace(&self, loaded: &mut Loaded, rel: &str, text: Option<Arc<str>>) {
        let full = self.root.join(rel);
        let text = text.or_else(|| std::fs::read_to_string(&full).ok().map(Arc::from));
        let id = match loaded.sources.find(rel) {
            Some(id) => id,
            None if text.is_some() => {
                loaded
                    .sources
                    .add(SourceFile::new(rel.to_owned(), full.clone(), "".into()))
            }
            None => return,
        };
        // The documents are in path order, so a file's are together: the
        // new ones take the old ones' place and the order holds, and the
        // model need not sort a hundred thousand documents again (a new
        // file's go last, and the model sorts them in).
        let first = loaded.docs.iter().position(|d| d.file == id);
        let mut old = match first {
            Some(first) => {
                let count = loaded.docs[first..]
                    .iter()
                    .take_while(|d| d.file == id)
                    .count();
                first..first + count
            }
            None => loaded.docs.len()..loaded.docs.len(),
        };
        if loaded.docs[old.end..].iter().any(|d| d.file == id) {
            // Out of order after all: take them out the slow way.
            loaded.docs.retain(|d| d.file != id);
            old = loaded.docs.len()..loaded.docs.len();
        }
        loaded.invalid.retain(|d| d.file != id);
        loaded
            .findings
            .retain(|f| f.primary.as_ref().is_none_or(|l| l.file != id));
        let Some(text) = text else {
            // Deleted: nothing of it is left.
            loaded.docs.drain(old);
            loaded.sources.files[id as usize] = SourceFile::new(rel.to_owned(), full, "".into());
            return;
        };
        let result = load_text(id, rel, &full, text, self.limits, &self.options.load);
        loaded.sources.files[id as usize] = result.source;
        loaded.docs.splice(old, result.docs);
        loaded.invalid.extend(result.invalid);
        loaded.findings.extend(result.findings);
    }

    /// The file a path names in the last check.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        let rel = self.relative(path)?;
        self.analysis.as_ref()?.model.sources.find(&rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn an_interrupted_check_is_finished_by_the_next_one() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let mut ws = Workspace::new(root.clone(), analysis::Options::default());
        let fresh = ws.check().expect("acme loads").findings_without_positions();
        let waiting = Arc::new(AtomicUsize::new(1));
        let interrupt = analysis::Interrupt::new(waiting.clone());
        let path = root.join("goals/profitable-growth.yaml");
        let text = std::fs::read_to_string(&path).expect("acme has goals/profitable-growth.yaml");
        ws.set_buffer(&path, format!("{text}\n# an edit\n").into());
        let stopped = ws.check_until(&interrupt).expect("a re-check");
        assert!(stopped.interrupted);
        assert!(stopped.findings.is_empty());
        assert!(ws.is_dirty(), "the work is still to do");
        waiting.store(0, std::sync::atomic::Ordering::Release);
        let finished = ws.check_until(&interrupt).expect("a re-check");
        assert!(!finished.interrupted);
        assert_eq!(finished.findings_without_positions(), fresh);
        assert!(!ws.is_dirty());
    }

    /// Copies a directory tree (the example repository) to a temporary one.
    fn copy_tree(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).expect("a readable folder") {
            let entry = entry.expect("a readable entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("a file type").is_dir() {
                std::fs::create_dir_all(&target).expect("a folder");
                copy_tree(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("a copy");
            }
        }
    }

    /// A re-check reuses the references it resolved before only while no
    /// document id changed: renaming an objective must make what advances
    /// it dangle, and renaming it back must clear that, exactly as a fresh
    /// check of the same files says.
    #[test]
    fn resolved_references_are_reused_only_while_the_ids_are_the_same() {
        let acme = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_tree(&acme, dir.path());
        let root = dir.path().to_path_buf();
        let mut ws = Workspace::new(root.clone(), analysis::Options::default());
        let before = ws.check().expect("acme loads").findings_without_positions();
        let objective = root.join("objectives/grow-dtc-profitably.yaml");
        let text = std::fs::read_to_string(&objective).expect("the objective");
        let initiative = root.join("initiatives/dtc-checkout-redesign.yaml");
        let initiative_text = std::fs::read_to_string(&initiative).expect("the initiative");
        let fresh = |files: &[(&Path, &str)]| {
            let copy = tempfile::tempdir().expect("a temporary folder");
            copy_tree(&root, copy.path());
            for (path, text) in files {
                let rel = path.strip_prefix(&root).expect("inside the root");
                std::fs::write(copy.path().join(rel), text).expect("a write");
            }
            analysis::analyse(copy.path(), &analysis::Options::default())
                .expect("the copy checks")
                .findings_without_positions()
        };

        // An edit that keeps every id: the cache is used.
        let edited = initiative_text.replace(
            "advances: [grow-dtc-profitably]",
            "advances: [grow-dtc-profitabl]",
        );
        assert_ne!(edited, initiative_text);
        ws.set_buffer(&initiative, edited.as_str().into());
        let dangling = ws.check().expect("a re-check").findings_without_positions();
        assert_eq!(dangling, fresh(&[(&initiative, &edited)]));
        assert!(
            dangling.iter().any(|f| f.contains("grow-dtc-profitabl`")),
            "{dangling:#?}"
        );
        ws.set_buffer(&initiative, initiative_text.as_str().into());
        assert_eq!(
            ws.check().expect("a re-check").findings_without_positions(),
            before
        );

        // Renaming the objective changes the ids: nothing cached is trusted.
        let renamed = text.replace("id: grow-dtc-profitably", "id: grow-dtc-profitably-2");
        assert_ne!(renamed, text);
        ws.set_buffer(&objective, renamed.as_str().into());
        let after = ws.check().expect("a re-check").findings_without_positions();
        assert_eq!(after, fresh(&[(&objective, &renamed)]));
        assert_ne!(after, before, "what advances the old id now dangles");
        ws.set_buffer(&objective, text.as_str().into());
        assert_eq!(
            ws.check().expect("a re-check").findings_without_positions(),
            before
        );
    }
}
