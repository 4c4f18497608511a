//! `stratc codeowners`: review routing from decision rights (SPEC section 8).
//! The Accountable role of each decision owns, through its `github` handle,
//! the files that declare or govern that decision, so the right owner must
//! approve every pull request that changes them.

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
The Accountable role of each decision owns, through its `github` handle, the
files that declare or govern the decision: a PricingPolicy its
`approvals.decision`, a StageGate and an Exception their `decision`, a
DecisionRights matrix every decision it declares. Paths are relative to the top
of the git repository when the strategy is inside one (as GitHub expects), else
to the strategy root. Roles without a `github` handle are listed as warning
comments in the file.

Example: stratc codeowners --out .github/CODEOWNERS";

/// Write a GitHub CODEOWNERS file from the decision rights (RACI).
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The strategy repository (default: the current folder).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Write the CODEOWNERS file here instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
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
        Some(path) => {
            crate::atomic::write(path, &text)?;
            emit(
                out,
                &format!(
                    "stratc: wrote {} ({} {} with owners, {} {})\n",
                    path.display(),
                    owners.files.len(),
                    if owners.files.len() == 1 {
                        "file"
                    } else {
                        "files"
                    },
                    owners.warnings.len(),
                    if owners.warnings.len() == 1 {
                        "warning"
                    } else {
                        "warnings"
                    },
                ),
            )?;
        }
    }
    Ok(exit::CLEAN)
}

/// The owners of each governed file, and what could not be routed.
#[derive(Debug, Default)]
pub struct Codeowners {
    /// Path (with its leading `/`) → decisions governed there and owner handles.
    pub files: BTreeMap<String, FileOwners>,
    /// Sentences explaining missing owners, sorted.
    pub warnings: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct FileOwners {
    pub decisions: BTreeSet<String>,
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

impl Codeowners {
    /// Routes every governed file to the Accountable roles' handles.
    /// `prefix` is the strategy root relative to the git top level (`strategy/`
    /// or empty).
    pub fn from_analysis(analysis: &Analysis, prefix: &str) -> Codeowners {
        let model: &Model = &analysis.model;
        let mut owners = Codeowners::default();
        for doc in &model.docs {
            let decisions = governing_decisions(&doc.body);
            if decisions.is_empty() {
                continue;
            }
            let rel = &model.sources.file(doc.file).path;
            let path = format!("/{prefix}{rel}");
            let entry = owners.files.entry(path).or_default();
            for decision in decisions {
                entry.decisions.insert(decision.to_owned());
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
                    match model.get::<Role>(role_id) {
                        None => {
                            owners.warnings.insert(format!(
                                "`{role_id}`, Accountable for `{decision}`, is not a Role of the strategy"
                            ));
                        }
                        Some((r, role)) => {
                            match role.github.as_deref().filter(|g| !g.trim().is_empty()) {
                                Some(github) => {
                                    entry.handles.insert(handle(github));
                                }
                                None => {
                                    let title = role
                                        .title
                                        .as_deref()
                                        .map(|t| format!(" ({t})"))
                                        .unwrap_or_default();
                                    owners.warnings.insert(format!(
                                    "role `{role_id}`{title}, Accountable for `{decision}`, has no `github` handle; add one in {} so it reviews these changes",
                                    model.sources.file(model.docs[r].file).path
                                ));
                                }
                            }
                        }
                    }
                }
            }
        }
        owners
    }

    /// The CODEOWNERS text, sorted by path.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# CODEOWNERS generated by `stratc codeowners` from the decision rights (RACI).\n\
             # The Accountable role of each decision owns the files that declare or govern it.\n\
             # Do not edit by hand: change the roles and decisions, then run `stratc codeowners --out <this file>`.\n",
        );
        if !self.warnings.is_empty() {
            out.push('\n');
            for w in &self.warnings {
                let _ = writeln!(out, "# warning: {}", w.replace('\n', " "));
            }
        }
        for (path, owners) in &self.files {
            let decisions = joined(&owners.decisions, ", ");
            let _ = writeln!(out, "\n# {}", decisions.replace('\n', " "));
            if owners.handles.is_empty() {
                let _ = writeln!(
                    out,
                    "# {} has no owner with a github handle (see the warnings above)",
                    pattern(path)
                );
            } else {
                let handles = joined(&owners.handles, " ");
                let _ = writeln!(out, "{} {handles}", pattern(path));
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
    fn special_characters_in_paths_are_escaped() {
        assert_eq!(pattern("/my policies/#1.yaml"), "/my\\ policies/\\#1.yaml");
    }
}
