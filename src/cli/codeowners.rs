//! `stratc codeowners`: review routing (SPEC sections 7 and 8). Every
//! strategy file gets an owner: the `owner` role of each document in it
//! (through the role's `github` handle), the Accountable of each decision
//! the file declares or is approved under, and `codeowners.default` from
//! `stratc.yaml` for the files nobody else owns. `--check` compares the
//! result with the committed file, for CI.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use super::common::{emit, exit};
use crate::analysis::{self, Analysis, analyse};
use crate::error::Fatal;
use crate::git::Repo;
use crate::model::kinds::Role;
use crate::model::{Body, Model};

const AFTER_HELP: &str = "\
Every strategy file gets an owner. A document's `owner` role owns its file
through the role's `github` handle. The Accountable role of each decision owns
the files that declare or are approved under the decision: a PricingPolicy its
`approvals.decision`, a StageGate and an Exception their `decision`, a
DecisionRights matrix every decision it declares. A file with several documents
gets every owner involved. `codeowners.default` in stratc.yaml owns the files
nobody else owns, and anything added later (the first, catch-all line). Paths
are relative to the top of the git repository when the strategy is inside one
(as GitHub expects), else to the strategy root. What could not be routed is
listed as warning comments in the file.

With --check, nothing is written: the output is compared with the file given
by --out, and a difference (or a missing file) exits 1 with the lines to change.

Example: stratc codeowners --out .github/CODEOWNERS
In CI:   stratc codeowners --out .github/CODEOWNERS --check";

/// Write a GitHub CODEOWNERS file that routes every strategy file to its owners.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The strategy repository (default: the current folder).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Write the CODEOWNERS file here instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Check that the file given by --out is up to date instead of writing it (exit 1 when stale).
    #[arg(long, requires = "out")]
    pub check: bool,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    let analysis = analyse(&args.root, &analysis::Options::default())?;
    let prefix = Repo::locate(&args.root)
        .map(|r| r.prefix)
        .unwrap_or_default();
    let owners = Codeowners::from_analysis(&analysis, &prefix);
    let text = owners.render();
    match &args.out {
        None => emit(out, &text)?,
        Some(path) if args.check => {
            let committed = match std::fs::read_to_string(path) {
                Ok(t) => Some(t),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(source) => {
                    return Err(Fatal::Read {
                        path: path.clone(),
                        source,
                    });
                }
            };
            let shown = path.display();
            match committed {
                Some(c) if c == text => {
                    emit(out, &format!("stratc: {shown} is up to date\n"))?;
                }
                Some(c) => {
                    let mut report = format!(
                        "stratc: {shown} is stale: run `stratc codeowners --out {shown}` and commit it. Lines to change (- committed, + expected):\n"
                    );
                    report.push_str(&line_diff(&c, &text));
                    emit(out, &report)?;
                    return Ok(exit::FINDINGS);
                }
                None => {
                    emit(
                        out,
                        &format!(
                            "stratc: {shown} does not exist: run `stratc codeowners --out {shown}` and commit it\n"
                        ),
                    )?;
                    return Ok(exit::FINDINGS);
                }
            }
        }
        Some(path) => {
            crate::atomic::write(path, &text)?;
            emit(
                out,
                &format!(
                    "stratc: wrote {} ({} with owners, {})\n",
                    path.display(),
                    plural(owners.files.len(), "file", "files"),
                    plural(owners.warnings.len(), "warning", "warnings"),
                ),
            )?;
        }
    }
    Ok(exit::CLEAN)
}

/// The lines removed (`-`) and added (`+`) from `old` to `new`, each with
/// its line number in its own file, from a longest common subsequence
/// (CODEOWNERS files are small).
fn line_diff(old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "-{:>4}: {}", i + 1, a[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+{:>4}: {}", j + 1, b[j]);
            j += 1;
        }
    }
    out
}

/// The owners of each strategy file, and what could not be routed.
#[derive(Debug, Default)]
pub struct Codeowners {
    /// The catch-all pattern for the strategy root (`/strategy/`, or `*`).
    pub root_pattern: String,
    /// `codeowners.default`, as handles.
    pub default: Vec<String>,
    /// Path (with its leading `/`) → why it is owned, and its owner handles.
    pub files: BTreeMap<String, FileOwners>,
    /// Sentences explaining missing owners, sorted.
    pub warnings: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct FileOwners {
    /// Decisions declared or governed there.
    pub decisions: BTreeSet<String>,
    /// Owner roles of the documents there.
    pub roles: BTreeSet<String>,
    pub handles: BTreeSet<String>,
}

/// The decisions a document declares or is governed by.
fn governing_decisions(body: &Body) -> Vec<&str> {
    match body {
        Body::PricingPolicy(p) => p.approvals.iter().map(|a| a.decision.as_str()).collect(),
        Body::StageGate(g) => vec![g.decision.as_str()],
        Body::Exception(e) => vec![e.decision.as_str()],
        Body::DecisionRights(r) => r.decisions.iter().map(|d| d.id.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn joined(items: &BTreeSet<String>, separator: &str) -> String {
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    items.join(separator)
}

/// A handle as CODEOWNERS expects it: `@user`, `@org/team` or an email.
fn handle(github: &str) -> String {
    let github = github.trim();
    if github.contains('@') {
        github.to_owned()
    } else {
        format!("@{github}")
    }
}

/// A path pattern with the characters CODEOWNERS treats specially escaped.
fn pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if matches!(c, ' ' | '#' | '\\' | '*' | '?' | '[' | ']' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What stands in for an owner that could not be routed.
enum Why<'a> {
    Accountable(&'a str),
    Owner,
}

impl Codeowners {
    /// Routes every strategy file to its owners' handles. `prefix` is the
    /// strategy root relative to the git top level (`strategy/` or empty).
    pub fn from_analysis(analysis: &Analysis, prefix: &str) -> Codeowners {
        let model: &Model = &analysis.model;
        let mut owners = Codeowners {
            root_pattern: if prefix.is_empty() {
                "*".to_owned()
            } else {
                format!("/{}", pattern(prefix))
            },
            default: analysis
                .config
                .codeowners
                .default
                .iter()
                .filter(|h| !h.trim().is_empty())
                .map(|h| handle(h))
                .collect(),
            ..Codeowners::default()
        };
        let path_of = |file| format!("/{prefix}{}", model.sources.file(file).path);
        // Every file read, documents or not (stratc.yaml, actuals), has a line.
        for file in 0..model.sources.files.len() {
            owners.files.entry(path_of(file as u32)).or_default();
        }
        for doc in &model.docs {
            let rel = &model.sources.file(doc.file).path;
            let path = path_of(doc.file);
            if let Some(role) = doc.body.common().owner {
                owners
                    .files
                    .entry(path.clone())
                    .or_default()
                    .roles
                    .insert(role.to_owned());
                owners.route(model, &path, rel, role, Why::Owner);
            }
            for decision in governing_decisions(&doc.body) {
                owners
                    .files
                    .entry(path.clone())
                    .or_default()
                    .decisions
                    .insert(decision.to_owned());
                let Some((_, dec)) = model.decision(decision) else {
                    owners.warnings.insert(format!(
                        "{rel}: decision `{decision}` is not declared in any DecisionRights document, so nobody owns it"
                    ));
                    continue;
                };
                let roles = dec.accountable.roles();
                if roles.is_empty() {
                    owners.warnings.insert(format!(
                        "decision `{decision}` has no Accountable role; name one so its files get an owner"
                    ));
                }
                for role_id in roles {
                    owners.route(model, &path, rel, role_id, Why::Accountable(decision));
                }
            }
        }
        owners
    }

    /// Adds the handle of `role_id` to the file's owners, or a warning.
    fn route(&mut self, model: &Model, path: &str, rel: &str, role_id: &str, why: Why<'_>) {
        let what = match why {
            Why::Accountable(decision) => format!("Accountable for `{decision}`"),
            Why::Owner => format!("owner of documents in {rel}"),
        };
        match model.get::<Role>(role_id) {
            None => {
                self.warnings.insert(format!(
                    "`{role_id}`, {what}, is not a Role of the strategy"
                ));
            }
            Some((r, role)) => match role.github.as_deref().filter(|g| !g.trim().is_empty()) {
                Some(github) => {
                    self.files
                        .entry(path.to_owned())
                        .or_default()
                        .handles
                        .insert(handle(github));
                }
                None => {
                    let title = role
                        .title
                        .as_deref()
                        .map(|t| format!(" ({t})"))
                        .unwrap_or_default();
                    self.warnings.insert(format!(
                        "role `{role_id}`{title}, {what}, has no `github` handle; add one in {} so it reviews these changes",
                        model.sources.file(model.docs[r].file).path
                    ));
                }
            },
        }
    }

    /// Files owned by nobody but `codeowners.default` (or nobody at all).
    pub fn unowned(&self) -> impl Iterator<Item = &str> {
        self.files
            .iter()
            .filter(|(_, o)| o.handles.is_empty())
            .map(|(p, _)| p.as_str())
    }

    /// The CODEOWNERS text: the catch-all line first (in CODEOWNERS the
    /// last matching line wins), then every file, sorted by path.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# CODEOWNERS generated by `stratc codeowners` from the strategy: document owners,\n\
             # decision Accountables (RACI) and `codeowners.default` in stratc.yaml.\n\
             # Do not edit by hand: change the strategy, then run `stratc codeowners --out <this file>`.\n",
        );
        let mut warnings = self.warnings.clone();
        if self.default.is_empty() && self.unowned().next().is_some() {
            warnings.insert(
                "some files have no owner: set `codeowners.default` in stratc.yaml to the handles that own the rest"
                    .to_owned(),
            );
        }
        if !warnings.is_empty() {
            out.push('\n');
            for w in &warnings {
                let _ = writeln!(out, "# warning: {}", w.replace('\n', " "));
            }
        }
        let default = self.default.join(" ");
        if !self.default.is_empty() {
            let _ = writeln!(
                out,
                "\n# Everything else in the strategy: codeowners.default\n{} {default}",
                self.root_pattern
            );
        }
        for (path, owners) in &self.files {
            let mut why = Vec::new();
            if !owners.roles.is_empty() {
                why.push(format!("owner {}", joined(&owners.roles, ", ")));
            }
            if !owners.decisions.is_empty() {
                why.push(format!("decisions {}", joined(&owners.decisions, ", ")));
            }
            if owners.handles.is_empty() {
                if self.default.is_empty() {
                    let _ = writeln!(
                        out,
                        "\n# {} has no owner (see the warnings above)",
                        pattern(path)
                    );
                    continue;
                }
                why.push("codeowners.default".to_owned());
                let _ = writeln!(
                    out,
                    "\n# {}\n{} {default}",
                    why.join("; ").replace('\n', " "),
                    pattern(path)
                );
            } else {
                let handles = joined(&owners.handles, " ");
                let _ = writeln!(
                    out,
                    "\n# {}\n{} {handles}",
                    why.join("; ").replace('\n', " "),
                    pattern(path)
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_get_an_at_sign_and_emails_stay() {
        assert_eq!(handle("@org/team"), "@org/team");
        assert_eq!(handle("octocat"), "@octocat");
        assert_eq!(handle("a@b.com"), "a@b.com");
    }

    #[test]
    fn line_diff_names_the_lines_to_change() {
        assert_eq!(
            line_diff("a\nb\nc\n", "a\nx\nc\nd\n"),
            "-   2: b\n+   2: x\n+   4: d\n"
        );
        assert_eq!(line_diff("same\n", "same\n"), "");
    }

    #[test]
    fn special_characters_in_paths_are_escaped() {
        assert_eq!(pattern("/my policies/#1.yaml"), "/my\\ policies/\\#1.yaml");
    }
}
