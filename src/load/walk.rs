//! Walking the strategy folder: one walker and one way of naming a file
//! relative to the root, for strategy files and actuals alike.

use std::path::{Path, PathBuf};

/// A walker below `base` that honours `.gitignore` and `.git/info/exclude`
/// but not the user's global ignore file or folders above the root, so that
/// every machine sees the same files; hidden files are skipped.
pub fn walker(base: &Path) -> ignore::WalkBuilder {
    let mut builder = ignore::WalkBuilder::new(base);
    builder
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .parents(false);
    builder
}

/// `path` relative to `root` with `/` separators (stable across platforms,
/// used in every output), or `None` outside the root.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Every file below `base` whose relative path `keep` accepts, sorted by
/// relative path so that no result depends on the order of files on disk.
pub fn files(root: &Path, base: &Path, keep: impl Fn(&str) -> bool) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = walker(base)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| {
            let rel = relative(root, e.path())?;
            keep(&rel).then(|| (rel, e.path().to_path_buf()))
        })
        .collect();
    out.sort();
    out
}
