//! Git plumbing through the `git` command line, for the stages that compare
//! with a revision (`stratc diff`, `check --changed-since`, `codeowners`):
//! locating the repository, resolving a revision, listing and reading the
//! files at it (into memory), and listing changed files.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Fatal;

/// The strategy root inside its git repository.
#[derive(Debug, Clone)]
pub(crate) struct Repo {
    /// The strategy root as given.
    pub(crate) root: PathBuf,
    /// The root relative to the top, `/`-separated, ending in `/` (empty at the top).
    pub(crate) prefix: String,
}

/// `git -C dir args…`, never taking optional locks (a concurrent `git`
/// in the same clone must not fail because stratc is reading).
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0");
    command
}

fn cannot_run(e: std::io::Error) -> Fatal {
    Fatal::Git(format!(
        "cannot run git ({e}); install git and make sure it is on the PATH"
    ))
}

/// Runs git to completion and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Fatal> {
    let output = command(dir, args)
        .stdin(Stdio::null())
        .output()
        .map_err(cannot_run)?;
    if !output.status.success() {
        return Err(Fatal::Git(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}

fn check_rev(rev: &str) -> Result<(), Fatal> {
    if rev.is_empty() || rev.starts_with('-') || rev.contains(['\n', '\0']) {
        return Err(Fatal::Usage(format!(
            "`{rev}` is not a git revision; give a branch, tag or commit such as `origin/main`"
        )));
    }
    Ok(())
}

impl Repo {
    /// The repository holding `root`, or an error saying it is not in one.
    pub(crate) fn open(root: &Path) -> Result<Repo, Fatal> {
        if !root.is_dir() {
            return Err(Fatal::NotADirectory(root.to_path_buf()));
        }
        let out = git(root, &["rev-parse", "--show-toplevel", "--show-prefix"]).map_err(|e| match e {
            Fatal::Git(msg) if msg.contains("not a git repository") => Fatal::Git(format!(
                "{} is not inside a git repository; stratc compares with git revisions, so run it in a clone of the strategy repository",
                root.display()
            )),
            other => other,
        })?;
        let text = String::from_utf8_lossy(&out);
        // Line 1 is the top level (asked for so that a folder with no work
        // tree, such as `.git` itself, fails here); line 2 the prefix.
        let prefix = text.lines().nth(1).unwrap_or_default().to_owned();
        Ok(Repo {
            root: root.to_path_buf(),
            prefix,
        })
    }

    /// The repository holding `root`, if there is one (and git is installed).
    pub(crate) fn locate(root: &Path) -> Option<Repo> {
        Repo::open(root).ok()
    }

    /// The commit a revision names, or an error that says how to fetch it.
    pub(crate) fn resolve(&self, rev: &str) -> Result<String, Fatal> {
        check_rev(rev)?;
        let spec = format!("{rev}^{{commit}}");
        match git(&self.root, &["rev-parse", "--verify", "--quiet", &spec]) {
            Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
            Err(_) => Err(Fatal::Git(format!(
                "`{rev}` is not a commit of this repository; fetch it first (e.g. `git fetch origin main`), and in GitHub Actions check out with `fetch-depth: 0`"
            ))),
        }
    }

    /// The regular files under the root at `commit` (no symlinks, no
    /// submodules), as paths relative to the root with their object names,
    /// sorted by path.
    pub(crate) fn tree(&self, commit: &str) -> Result<Vec<(String, String)>, Fatal> {
        check_rev(commit)?;
        // Run in the root, `ls-tree` lists only what is below it, relative to it.
        let listing = git(&self.root, &["ls-tree", "-r", "-z", commit])?;
        let mut files = Vec::new();
        for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            let record = String::from_utf8_lossy(record);
            let Some((meta, path)) = record.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (mode, kind, object) = (meta.next(), meta.next(), meta.next());
            if kind != Some("blob") || mode == Some("120000") {
                continue;
            }
            let plain = Path::new(path)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
            if let (Some(object), true) = (object, plain) {
                files.push((path.to_owned(), object.to_owned()));
            }
        }
        files.sort();
        Ok(files)
    }

    /// The contents of objects by name, all through one `git cat-file`
    /// process; `None` for an object that is missing.
    pub(crate) fn blobs(&self, objects: &[String]) -> Result<Vec<Option<Vec<u8>>>, Fatal> {
        let mut out = vec![None; objects.len()];
        cat_file(&self.root, objects, |i, content| {
            out[i] = content.map(<[u8]>::to_vec);
            Ok(())
        })?;
        Ok(out)
    }

    /// The contents of files (paths relative to the root) at `commit`;
    /// `None` for a file that did not exist there.
    pub(crate) fn read_at(
        &self,
        commit: &str,
        paths: &[String],
    ) -> Result<Vec<Option<Vec<u8>>>, Fatal> {
        let names: Vec<String> = paths
            .iter()
            .map(|p| format!("{commit}:{}{p}", self.prefix))
            .collect();
        let mut out = vec![None; paths.len()];
        cat_file(&self.root, &names, |i, content| {
            out[i] = content.map(<[u8]>::to_vec);
            Ok(())
        })?;
        Ok(out)
    }

    /// Files under the root changed since `rev` (committed, staged or
    /// not) plus untracked files, relative to the root, sorted.
    pub(crate) fn changed_since(&self, rev: &str) -> Result<Vec<String>, Fatal> {
        let commit = self.resolve(rev)?;
        let diff = git(
            &self.root,
            &[
                "diff",
                "--name-only",
                "-z",
                "--no-renames",
                "--relative",
                &commit,
                "--",
                ".",
            ],
        )?;
        let untracked = git(
            &self.root,
            &[
                "ls-files",
                "--others",
                "--exclude-standard",
                "-z",
                "--",
                ".",
            ],
        )?;
        let mut files: Vec<String> = diff
            .split(|&b| b == 0)
            .chain(untracked.split(|&b| b == 0))
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        files.sort();
        files.dedup();
        Ok(files)
    }
}

/// Streams objects through `git cat-file --batch`; `each` gets the
/// index of the name and the content (`None` when missing).
fn cat_file(
    dir: &Path,
    names: &[String],
    mut each: impl FnMut(usize, Option<&[u8]>) -> Result<(), Fatal>,
) -> Result<(), Fatal> {
    if names.is_empty() {
        return Ok(());
    }
    let mut child = command(dir, &["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(cannot_run)?;
    #[allow(clippy::expect_used, reason = "stdin was set to piped above")]
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input: String = names
        .iter()
        .map(|n| format!("{}\n", n.replace('\n', " ")))
        .collect();
    // Feed names from another thread so a full pipe cannot deadlock.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let broken = |what: &str| Fatal::Git(format!("unexpected output from `git cat-file`: {what}"));
    #[allow(clippy::expect_used, reason = "stdout was set to piped above")]
    let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut result = Ok(());
    for i in 0..names.len() {
        let mut header = String::new();
        if reader
            .read_line(&mut header)
            .map_err(|e| Fatal::Git(e.to_string()))?
            == 0
        {
            result = Err(broken("output ended early"));
            break;
        }
        let header = header.trim_end();
        if header.ends_with(" missing") || header.ends_with(" ambiguous") {
            result = result.and(each(i, None));
            continue;
        }
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| broken(header))?;
        let mut content = vec![0; size.checked_add(1).ok_or_else(|| broken(header))?];
        reader
            .read_exact(&mut content)
            .map_err(|e| Fatal::Git(e.to_string()))?;
        content.pop();
        result = result.and(each(i, Some(&content)));
    }
    let _ = writer.join();
    drop(reader);
    let _ = child.wait();
    result
}
