//! `check --watch` and `build --watch`: run once, then again after every
//! change to the strategy's files (debounced: a save that touches several
//! files, or an editor's write-then-rename, is one re-run), printing only
//! what changed since the run before — findings that are new and findings
//! that are fixed.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::Watcher;

use super::common::{Terminal, emit};
use crate::analysis::Analysis;
use crate::diagnostics::{self, Finding, Format, Summary};
use crate::error::Fatal;

/// How long the files must stay quiet before a re-run.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// What a finding is, independent of the line it is on (an edit above it
/// moves it without changing it).
type Key = (&'static str, String, String);

fn key(f: &Finding, analysis: &Analysis) -> Key {
    let file = f
        .primary
        .as_ref()
        .map(|l| analysis.model.sources.file(l.file).path.clone())
        .unwrap_or_default();
    (f.rule.code, file, f.message.clone())
}

/// One run's outcome as the watcher compares it.
pub struct Outcome {
    pub analysis: Analysis,
    /// Printed after the findings on every run (e.g. what `build` wrote).
    pub tail: String,
}

/// Runs `once` now and after every change under `root` (except inside
/// `skip`, e.g. `build`'s output folder) until the process is stopped.
pub fn watch(
    root: &Path,
    skip: Option<&Path>,
    term: Terminal,
    out: &mut dyn Write,
    mut once: impl FnMut() -> Result<Outcome, Fatal>,
) -> Result<u8, Fatal> {
    let (tx, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = tx.send(event);
    })
    .map_err(|e| Fatal::Usage(format!("cannot watch {}: {e}", root.display())))?;
    watcher
        .watch(root, notify::RecursiveMode::Recursive)
        .map_err(|e| Fatal::Usage(format!("cannot watch {}: {e}", root.display())))?;
    let skip: Option<PathBuf> =
        skip.map(|s| std::fs::canonicalize(s).unwrap_or_else(|_| s.to_path_buf()));
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let relevant = |path: &Path| {
        let inside_skip = skip.as_ref().is_some_and(|s| path.starts_with(s));
        let hidden = path.strip_prefix(&root_abs).ok().is_some_and(|rel| {
            rel.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        });
        let ours = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "csv" | "j2" | "md" | "html"));
        ours && !inside_skip && !hidden
    };

    let mut previous: Option<BTreeSet<Key>> = None;
    loop {
        let outcome = once();
        match outcome {
            Ok(outcome) => {
                let a = &outcome.analysis;
                let keys: BTreeSet<Key> = a.findings.iter().map(|f| key(f, a)).collect();
                let text = match &previous {
                    None => diagnostics::render(
                        Format::Human,
                        &a.findings,
                        &a.model.sources,
                        term.color,
                    ),
                    Some(before) => changes(a, before, &keys, term),
                };
                emit(out, &text)?;
                emit(out, &outcome.tail)?;
                previous = Some(keys);
            }
            // A run that cannot happen (the folder is gone) is reported and
            // the watch goes on.
            Err(e) => emit(out, &format!("error: {e}\n"))?,
        }
        emit(
            out,
            &format!(
                "stratc: watching {} for changes (Ctrl-C to stop)\n",
                root.display()
            ),
        )?;
        // Wait for a change, then for the files to settle.
        loop {
            let event = events
                .recv()
                .map_err(|_| Fatal::Usage("the file watcher stopped".into()))?;
            // Reading the files (our own run included) is not a change.
            let change = |e: &notify::Event| !matches!(e.kind, notify::EventKind::Access(_));
            if event.is_ok_and(|e| change(&e) && e.paths.iter().any(|p| relevant(p))) {
                break;
            }
        }
        while events.recv_timeout(DEBOUNCE).is_ok() {}
    }
}

/// What changed since the last run: the new findings in full, the fixed
/// ones by place and message, and the count.
fn changes(a: &Analysis, before: &BTreeSet<Key>, now: &BTreeSet<Key>, term: Terminal) -> String {
    let new: Vec<Finding> = a
        .findings
        .iter()
        .filter(|f| !before.contains(&key(f, a)))
        .cloned()
        .collect();
    let fixed: Vec<&Key> = before.difference(now).collect();
    let summary = Summary::of(&a.findings);
    let mut text = format!(
        "\nstratc: {} new, {} fixed since the last run; {}\n",
        new.len(),
        fixed.len(),
        diagnostics::human::summary_line(summary)
            .trim_end()
            .trim_start_matches("stratc: ")
    );
    if new.is_empty() && fixed.is_empty() {
        return text;
    }
    if !new.is_empty() {
        let rendered = diagnostics::render(Format::Human, &new, &a.model.sources, term.color);
        // The count of the new ones alone would read as the total.
        let count = diagnostics::human::summary_line(Summary::of(&new));
        text.push_str(rendered.strip_suffix(&count).unwrap_or(&rendered));
    }
    for (code, file, message) in fixed {
        text.push_str(&format!("fixed: {file}: [{code}] {message}\n"));
    }
    text
}
