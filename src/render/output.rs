//! Writing the rendered site into `--out` atomically and only ever touching
//! stratc's own files.
//!
//! Every file is first written into a temporary sibling folder
//! (`DIR.stratc-tmp-…`, same file system, so moves are renames). A first
//! build renames that folder to `--out`. A rebuild completes the new site in
//! it (unchanged pages and files someone else put in `--out` are hard-linked
//! in) and swaps it with `--out` in one atomic exchange (Linux `renameat2`),
//! so a reader, or a build killed at any moment, sees either the whole old
//! site or the whole new one. Where the exchange is not available, changed
//! files move into place one atomic rename each. A failure before that
//! leaves `--out` as it was; temporary folders of killed builds are removed
//! by the next build. The manifest
//! (`DIR/.stratc-manifest.json`) lists what stratc wrote: a rebuild removes
//! the files of the previous manifest that it no longer produces, never a
//! file someone else put there, and refuses to overwrite such a file.

use std::collections::{BTreeMap, BTreeSet};
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::Fatal;

pub use crate::load::MANIFEST;

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files of the site (pages, `mkdocs.yml`), without the manifest.
    pub written: usize,
    /// Of those, the files that were new or different from the previous build.
    pub changed: usize,
    /// Files of an earlier build that this one no longer produces, removed.
    pub removed: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    generator: String,
    note: String,
    files: Vec<String>,
}

/// Refuses an `--out` that is the strategy folder, contains it, or is a file.
pub(crate) fn check_out_dir(root: &Path, out: &Path) -> Result<(), Fatal> {
    let root_abs = std::fs::canonicalize(root).map_err(|e| Fatal::Read {
        path: root.to_owned(),
        source: e,
    })?;
    let out_abs = absolute(out)?;
    if out_abs == root_abs {
        return Err(Fatal::Usage(format!(
            "--out {} is the strategy folder itself; stratc build writes into a folder of its own, e.g. --out {}",
            out.display(),
            root.join("site").display()
        )));
    }
    if root_abs.starts_with(&out_abs) {
        return Err(Fatal::Usage(format!(
            "--out {} contains the strategy folder {}; choose a folder outside it or below it, e.g. --out {}",
            out.display(),
            root.display(),
            root.join("site").display()
        )));
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return Err(Fatal::Usage(format!(
            "--out {} is a file; stratc build needs a folder",
            out.display()
        )));
    }
    Ok(())
}

/// The absolute, symlink-resolved form of a path that may not exist yet:
/// its nearest existing ancestor resolved, the rest appended.
fn absolute(path: &Path) -> Result<PathBuf, Fatal> {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .map_err(|e| Fatal::Read {
                path: PathBuf::from("."),
                source: e,
            })?
            .join(path)
    };
    let mut rest = Vec::new();
    let mut current = joined.as_path();
    loop {
        if let Ok(resolved) = std::fs::canonicalize(current) {
            let mut out = resolved;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return Ok(out);
        }
        match (current.parent(), current.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                current = parent;
            }
            _ => return Ok(joined),
        }
    }
}

/// A manifest path as a safe relative path below `out`, or `None` when it
/// tries to leave the folder.
fn inside(out: &Path, rel: &str) -> Option<PathBuf> {
    if rel.is_empty() || rel.starts_with('/') || rel.contains('\\') {
        return None;
    }
    let mut path = out.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains(':') {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

fn read_manifest(out: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .ok()
        .and_then(|text| serde_json::from_str::<Manifest>(&text).ok())
        .map(|m| m.files.into_iter().collect())
        .unwrap_or_default()
}

fn manifest_text(files: &BTreeMap<String, String>) -> String {
    let manifest = Manifest {
        generator: "stratc build".to_owned(),
        note: "Files written by stratc; a rebuild removes the ones it no longer produces and nothing else.".to_owned(),
        files: files.keys().cloned().collect(),
    };
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    text
}

/// Removes `NAME.stratc-tmp-PID-N` folders beside `out` left by builds that
/// were killed: their process no longer runs.
fn remove_stale_temps(parent: &Path, name: &str) {
    let prefix = format!("{name}.stratc-tmp-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !process_runs(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process runs; where that cannot be known, assume it does (the
/// folder then stays).
fn process_runs(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// A new, empty temporary folder next to `out`.
fn temp_sibling(out: &Path) -> Result<PathBuf, Fatal> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Fatal::write(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".to_owned());
    remove_stale_temps(&parent, &name);
    let pid = std::process::id();
    for n in 0..1000 {
        let candidate = parent.join(format!("{name}.stratc-tmp-{pid}-{n}"));
        match std::fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Fatal::write(&candidate, e)),
        }
    }
    Err(Fatal::Usage(format!(
        "cannot create a temporary folder next to {}; remove old {name}.stratc-tmp-* folders",
        out.display()
    )))
}

/// Writes `files` (paths relative to `out`) and the manifest into `out`.
pub(crate) fn write(out: &Path, files: &BTreeMap<String, String>) -> Result<Report, Fatal> {
    let tmp = temp_sibling(out)?;
    let result = write_via(&tmp, out, files);
    // Whatever happened, the temporary folder goes.
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

fn write_via(tmp: &Path, out: &Path, files: &BTreeMap<String, String>) -> Result<Report, Fatal> {
    let existing = out.exists();
    let previous = if existing {
        read_manifest(out)
    } else {
        BTreeSet::new()
    };
    if existing {
        refuse_foreign_files(out, files, &previous)?;
    }
    // Files of the previous build that are already right stay untouched
    // (fewer writes, and their modification times stay).
    // Reading, comparing and writing thousands of small files is mostly
    // kernel time: spread it over the cores. Errors are reported for the
    // first file in path order, whichever thread met one first.
    let entries: Vec<(&String, &String)> = files.iter().collect();
    let changed: Vec<&String> = entries
        .par_iter()
        .filter(|(rel, text)| {
            !(previous.contains(*rel)
                && inside(out, rel)
                    .and_then(|p| std::fs::read(p).ok())
                    .is_some_and(|old| old == text.as_bytes()))
        })
        .map(|(rel, _)| *rel)
        .collect();
    create_folders(tmp, changed.iter().copied())?;
    let written: Vec<Result<(), Fatal>> = changed
        .par_iter()
        .map(|rel| {
            let path = inside(tmp, rel)
                .ok_or_else(|| Fatal::Usage(format!("refusing to write outside --out: {rel}")))?;
            std::fs::write(&path, &files[*rel]).map_err(|e| Fatal::write(&path, e))
        })
        .collect();
    written.into_iter().collect::<Result<(), Fatal>>()?;
    let manifest = tmp.join(MANIFEST);
    std::fs::write(&manifest, manifest_text(files)).map_err(|e| Fatal::write(&manifest, e))?;

    if !existing {
        // First build: the whole folder moves into place at once.
        std::fs::rename(tmp, out).map_err(|e| Fatal::write(out, e))?;
        return Ok(Report {
            written: files.len(),
            changed: files.len(),
            removed: Vec::new(),
        });
    }

    let removed: Vec<String> = previous
        .iter()
        .filter(|rel| !files.contains_key(*rel))
        .filter(|rel| inside(out, rel).is_some_and(|p| p.is_file()))
        .cloned()
        .collect();
    let unchanged: Vec<&String> = {
        let changed: BTreeSet<&String> = changed.iter().copied().collect();
        files.keys().filter(|rel| !changed.contains(rel)).collect()
    };
    // A link named as --out stays a link: its target is updated file by file.
    let link = out
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if !link && complete_tree(tmp, out, &unchanged, &previous).is_ok() && exchange(tmp, out).is_ok()
    {
        // `tmp` now holds the previous site; `write` removes it.
        return Ok(Report {
            written: files.len(),
            changed: changed.len(),
            removed,
        });
    }

    create_folders(out, changed.iter().copied())?;
    for rel in &changed {
        let (Some(from), Some(to)) = (inside(tmp, rel), inside(out, rel)) else {
            continue;
        };
        if to.is_dir() {
            return Err(Fatal::Usage(format!(
                "{} is a folder; stratc needs to write a file there",
                to.display()
            )));
        }
        std::fs::rename(&from, &to).map_err(|e| Fatal::write(&to, e))?;
    }
    let mut removed = Vec::new();
    for rel in previous.iter().filter(|rel| !files.contains_key(*rel)) {
        let Some(path) = inside(out, rel) else {
            continue;
        };
        let Ok(meta) = path.symlink_metadata() else {
            continue;
        };
        if meta.is_dir() {
            continue;
        }
        std::fs::remove_file(&path).map_err(|e| Fatal::write(&path, e))?;
        removed.push(rel.clone());
        // Folders emptied by the removal go too; a folder with anything
        // else in it stays (remove_dir only removes empty folders).
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == out || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    let target = out.join(MANIFEST);
    std::fs::rename(&manifest, &target).map_err(|e| Fatal::write(&target, e))?;
    Ok(Report {
        written: files.len(),
        changed: changed.len(),
        removed,
    })
}

/// Makes `tmp` (which holds the changed files and the manifest) the whole
/// new `out`: the unchanged files of the previous build, and everything in
/// `out` that stratc did not write, are hard-linked (or copied) in. Files of
/// the previous build that this one no longer produces stay behind, and so
/// do folders that held only them.
fn complete_tree(
    tmp: &Path,
    out: &Path,
    unchanged: &[&String],
    previous: &BTreeSet<String>,
) -> std::io::Result<()> {
    let link = |from: &Path, to: &Path| -> std::io::Result<()> {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(drop))
    };
    for rel in unchanged {
        if let (Some(from), Some(to)) = (inside(out, rel), inside(tmp, rel)) {
            link(&from, &to)?;
        }
    }
    // Everything else in `out` belongs to someone else: it moves along.
    let mut todo = vec![(out.to_path_buf(), String::new())];
    while let Some((dir, rel_dir)) = todo.pop() {
        let mut empty = true;
        for entry in std::fs::read_dir(&dir)? {
            empty = false;
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return Err(std::io::Error::other("a file name that is not UTF-8"));
            };
            let rel = if rel_dir.is_empty() {
                name.to_owned()
            } else {
                format!("{rel_dir}/{name}")
            };
            if rel == MANIFEST || previous.contains(&rel) {
                continue;
            }
            let kind = entry.file_type()?;
            let to = tmp.join(&rel);
            if kind.is_dir() {
                todo.push((entry.path(), rel));
            } else if kind.is_file() {
                if to.symlink_metadata().is_err() {
                    link(&entry.path(), &to)?;
                }
            } else if kind.is_symlink() {
                copy_symlink(&entry.path(), &to)?;
            } else {
                return Err(std::io::Error::other("neither a file, a folder nor a link"));
            }
        }
        if empty && !rel_dir.is_empty() {
            std::fs::create_dir_all(tmp.join(&rel_dir))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn copy_symlink(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::os::unix::fs::symlink(std::fs::read_link(from)?, to)
}

#[cfg(not(unix))]
fn copy_symlink(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("links are copied on Unix only"))
}

/// Swaps two folders in one atomic step.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use nix::fcntl::{AT_FDCWD, RenameFlags, renameat2};
    renameat2(AT_FDCWD, a, AT_FDCWD, b, RenameFlags::RENAME_EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this platform"))
}

/// Refuses to overwrite a file in `out` that the previous build did not write.
fn refuse_foreign_files(
    out: &Path,
    files: &BTreeMap<String, String>,
    previous: &BTreeSet<String>,
) -> Result<(), Fatal> {
    let foreign: Vec<&String> = files
        .keys()
        .filter(|rel| !previous.contains(*rel))
        .filter(|rel| inside(out, rel).is_some_and(|p| p.symlink_metadata().is_ok()))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = foreign.iter().take(5).map(|s| s.as_str()).collect();
    Err(Fatal::Usage(format!(
        "{} already holds {} file(s) that stratc did not write ({}{}); move them away or choose another --out",
        out.display(),
        foreign.len(),
        shown.join(", "),
        if foreign.len() > shown.len() {
            ", …"
        } else {
            ""
        }
    )))
}

/// Creates the folders of `files` below `base`, each once.
fn create_folders<'f>(base: &Path, files: impl Iterator<Item = &'f String>) -> Result<(), Fatal> {
    let folders: BTreeSet<&str> = files
        .filter_map(|rel| rel.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for folder in folders {
        let path = inside(base, folder)
            .ok_or_else(|| Fatal::Usage(format!("refusing to write outside --out: {folder}")))?;
        std::fs::create_dir_all(&path).map_err(|e| Fatal::write(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_cannot_leave_the_folder() {
        let out = Path::new("/x/site");
        assert_eq!(
            inside(out, "docs/a.md"),
            Some(PathBuf::from("/x/site/docs/a.md"))
        );
        assert_eq!(inside(out, "../a.md"), None);
        assert_eq!(inside(out, "/etc/passwd"), None);
        assert_eq!(inside(out, "docs//a.md"), None);
        assert_eq!(inside(out, "a\\..\\b"), None);
        assert_eq!(inside(out, ""), None);
    }
}
