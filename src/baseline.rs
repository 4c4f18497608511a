//! Narrowing what `stratc check` reports (SPEC section 8): baselines, so a
//! large strategy can adopt stratc without fixing everything on day one,
//! and change-scoped runs (`--changed-since REV`).
//!
//! A baseline is a JSON file listing accepted findings:
//!
//! ```json
//! {"version": 1, "findings": [{"code": "AL001", "rule": "initiative-without-goal",
//!   "subject": "eu-launch", "pointer": "/advances", "file": "initiatives/eu-launch.yaml",
//!   "message": "…"}]}
//! ```
//!
//! A finding matches an entry by its `FindingKey` (`diagnostics::key`): rule
//! name, subject and field; or, for findings without a subject, rule name,
//! file and message. Line numbers are not part of the key, so edits
//! elsewhere in a file do not invalidate the baseline. `stratc diff` matches
//! findings the same way.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::config::CONFIG_FILE;
use crate::diagnostics::key::{FindingKey, KeyCounts, file_of};
use crate::error::Fatal;
use crate::finding::Finding;
use crate::git::Repo;
use crate::graph::Graph;
use crate::load::yaml;
use crate::model::Body;
use crate::source::{FileId, Sources};

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct BaselineEntry {
    /// The file of the finding, relative to the strategy root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) file: Option<String>,
    /// The rule's code at the time (informative; matching uses the name).
    #[serde(default)]
    pub(crate) code: String,
    /// The rule's name.
    pub(crate) rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) pointer: Option<String>,
    pub(crate) message: String,
}

impl BaselineEntry {
    pub(crate) fn key(&self) -> FindingKey {
        FindingKey::new(
            &self.rule,
            self.subject.as_deref(),
            self.pointer.as_deref(),
            self.file.as_deref(),
            &self.message,
        )
    }
}

/// A recorded set of accepted findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Baseline {
    pub(crate) version: u32,
    pub(crate) findings: Vec<BaselineEntry>,
}

impl Baseline {
    /// Records findings, sorted so the file is the same for the same findings.
    pub(crate) fn record(findings: &[Finding], sources: &Sources) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                file: file_of(f, sources).map(str::to_owned),
                code: f.rule.code.to_owned(),
                rule: f.rule.name.to_owned(),
                subject: f.subject.clone(),
                pointer: f.pointer.clone(),
                message: f.message.clone(),
            })
            .collect();
        entries.sort();
        Baseline {
            version: 1,
            findings: entries,
        }
    }

    pub(crate) fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub(crate) fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if baseline.version != 1 {
            return Err(format!(
                "version {} is not supported (expected 1)",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    pub(crate) fn read(path: &Path) -> Result<Baseline, Fatal> {
        let text = std::fs::read_to_string(path).map_err(|source| Fatal::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Baseline::parse(&text).map_err(|e| {
            Fatal::Usage(format!(
                "{} is not a stratc baseline ({e}); write one with `stratc check --write-baseline {}`",
                path.display(),
                path.display()
            ))
        })
    }

    /// Writes the file through a temporary sibling, so a failed write
    /// never leaves half a baseline.
    pub(crate) fn write(&self, path: &Path) -> Result<(), Fatal> {
        crate::atomic::write(path, &self.to_json())
    }
}

/// Findings not in the baseline, and counts for the summary.
#[derive(Debug)]
pub(crate) struct Filtered {
    pub(crate) findings: Vec<Finding>,
    /// Findings hidden because the baseline lists them.
    pub(crate) baselined: usize,
    /// Baseline entries that no finding matches any more (fixed since).
    pub(crate) stale: usize,
}

/// Removes the findings the baseline lists. Entries are matched as a
/// multiset: one entry hides one finding. `all` are every finding of the
/// run (to count stale entries even when `findings` were narrowed).
pub(crate) fn filter(
    findings: Vec<Finding>,
    all: &[Finding],
    baseline: &Baseline,
    sources: &Sources,
) -> Filtered {
    let mut counts = KeyCounts::new(baseline.findings.iter().map(BaselineEntry::key));
    let mut unused = counts.clone();
    for f in all {
        unused.take(&FindingKey::of(f, sources));
    }
    let stale = unused.left();
    let before = findings.len();
    let findings: Vec<Finding> = findings
        .into_iter()
        .filter(|f| !counts.take(&FindingKey::of(f, sources)))
        .collect();
    Filtered {
        baselined: before - findings.len(),
        findings,
        stale,
    }
}

/// The part of a strategy a change touches, for `--changed-since`.
#[derive(Debug, Clone)]
pub(crate) struct ChangeScope {
    /// Changed files (and untracked ones), relative to the strategy root.
    pub(crate) files: HashSet<String>,
    /// Ids of the changed documents and of everything depending on them.
    pub(crate) ids: HashSet<String>,
    /// `stratc.yaml` changed: severities may have changed everywhere.
    pub(crate) everything: bool,
    /// Rows of actuals (file, start of the row or of its `kpi` cell) of the
    /// KPIs in scope, for findings about actuals, which have no subject.
    pub(crate) actual_rows: HashSet<(FileId, u32)>,
}

impl ChangeScope {
    /// Whether a finding concerns the changed part of the strategy: its
    /// subject is in scope, or it points into a changed file.
    pub(crate) fn keeps(&self, f: &Finding, sources: &Sources) -> bool {
        if self.everything {
            return true;
        }
        if f.subject.as_ref().is_some_and(|s| self.ids.contains(s)) {
            return true;
        }
        match &f.primary {
            Some(l) => {
                self.files.contains(&sources.file(l.file).path)
                    || self.actual_rows.contains(&(l.file, l.span.start))
            }
            // Findings about the run as a whole.
            None => f.subject.is_none(),
        }
    }
}

/// Document ids (and declared decision ids) in a YAML text; used for the
/// base version of changed files, so ids that were removed or renamed still
/// bring in the documents that name them.
fn ids_in_yaml(text: &str) -> Vec<String> {
    let Ok(nodes) = yaml::parse_documents(text, yaml::Limits::default()) else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for node in nodes {
        if let Some(id) = node.get("id").and_then(yaml::Node::as_str) {
            ids.push(id.to_owned());
        }
        if let Some(yaml::Value::Seq(decisions)) = node.get("decisions").map(|n| &n.value) {
            ids.extend(
                decisions
                    .iter()
                    .filter_map(|d| d.get("id").and_then(yaml::Node::as_str))
                    .map(str::to_owned),
            );
        }
    }
    ids
}

/// Finds what changed since `rev` in the git repository holding `root`: the
/// documents in changed files (now and at `rev`), the KPIs whose actuals
/// changed, and every document depending on them (see
/// [`Graph::dependents_by_name`]).
pub(crate) fn change_scope(
    root: &Path,
    analysis: &Analysis,
    rev: &str,
) -> Result<ChangeScope, Fatal> {
    let repo = Repo::open(root)?;
    let commit = repo.resolve(rev)?;
    let files: HashSet<String> = repo.changed_since(&commit)?.into_iter().collect();
    let model = &analysis.model;
    let mut start: Vec<String> = Vec::new();
    for doc in &model.docs {
        if files.contains(&model.sources.file(doc.file).path) {
            start.push(doc.id().to_owned());
            if let Body::DecisionRights(r) = &doc.body {
                start.extend(r.decisions.iter().map(|d| d.id.clone()));
            }
        }
    }
    let yaml_files: Vec<String> = {
        let mut v: Vec<String> = files
            .iter()
            .filter(|p| p.ends_with(".yaml") || p.ends_with(".yml"))
            .cloned()
            .collect();
        v.sort();
        v
    };
    for content in repo.read_at(&commit, &yaml_files)?.into_iter().flatten() {
        start.extend(ids_in_yaml(&String::from_utf8_lossy(&content)));
    }
    for (kpi, rows) in &model.actuals.by_kpi {
        if rows
            .iter()
            .any(|r| files.contains(&model.sources.file(r.file).path))
        {
            start.push(kpi.clone());
        }
    }
    let ids = Graph::dependents_by_name(model, start, DOWNSTREAM_LIMIT);
    let actual_rows = model
        .actuals
        .by_kpi
        .iter()
        .filter(|(kpi, _)| ids.contains(*kpi))
        .flat_map(|(_, rows)| rows)
        .flat_map(|r| [(r.file, r.span.start), (r.file, r.kpi_span.start)])
        .collect();
    Ok(ChangeScope {
        everything: files.contains(CONFIG_FILE),
        ids,
        files,
        actual_rows,
    })
}

/// How many links `--changed-since` follows to the documents depending on
/// a changed one.
const DOWNSTREAM_LIMIT: usize = 16;

/// How `stratc check` narrows its report.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Narrowing<'a> {
    pub(crate) changed_since: Option<&'a str>,
    pub(crate) baseline: Option<&'a Path>,
    pub(crate) write_baseline: Option<&'a Path>,
}

/// The findings to report and notes on what was left out.
#[derive(Debug)]
pub(crate) struct Narrowed {
    pub(crate) findings: Vec<Finding>,
    /// One sentence each, for the human and Markdown outputs.
    pub(crate) notes: Vec<String>,
}

/// Applies `--changed-since`, then `--baseline` (or writes the baseline
/// first with `--write-baseline`, which then hides everything it recorded).
pub(crate) fn narrow(
    root: &Path,
    analysis: &Analysis,
    how: &Narrowing<'_>,
) -> Result<Narrowed, Fatal> {
    let sources = &analysis.model.sources;
    let mut findings = analysis.findings.clone();
    let mut notes = Vec::new();
    if let Some(rev) = how.changed_since {
        let scope = change_scope(root, analysis, rev)?;
        let before = findings.len();
        findings.retain(|f| scope.keeps(f, sources));
        let hidden = before - findings.len();
        if hidden > 0 {
            notes.push(format!(
                "{hidden} {} outside the documents changed since {rev} and those depending on them {} not reported",
                if hidden == 1 { "finding" } else { "findings" },
                if hidden == 1 { "was" } else { "were" },
            ));
        }
    }
    let baseline = match (how.write_baseline, how.baseline) {
        (Some(path), _) => {
            let recorded = Baseline::record(&analysis.findings, sources);
            recorded.write(path)?;
            notes.push(format!(
                "recorded {} {} in the baseline {}",
                recorded.findings.len(),
                if recorded.findings.len() == 1 {
                    "finding"
                } else {
                    "findings"
                },
                path.display()
            ));
            Some((recorded, path))
        }
        (None, Some(path)) => Some((Baseline::read(path)?, path)),
        (None, None) => None,
    };
    if let Some((baseline, path)) = baseline {
        let filtered = filter(findings, &analysis.findings, &baseline, sources);
        findings = filtered.findings;
        if how.write_baseline.is_none() && filtered.baselined > 0 {
            notes.push(format!(
                "{} {} in the baseline {} and {} not reported",
                filtered.baselined,
                if filtered.baselined == 1 {
                    "finding is"
                } else {
                    "findings are"
                },
                path.display(),
                if filtered.baselined == 1 {
                    "was"
                } else {
                    "were"
                },
            ));
        }
        if filtered.stale > 0 {
            notes.push(format!(
                "{} {} of the baseline no longer {} (fixed); run `stratc check --write-baseline {}` to tighten it",
                filtered.stale,
                if filtered.stale == 1 { "entry" } else { "entries" },
                if filtered.stale == 1 { "occurs" } else { "occur" },
                path.display()
            ));
        }
    }
    Ok(Narrowed { findings, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_documents_and_decisions_are_read_from_yaml() {
        let text = "kind: Kpi\nid: cac\n---\nkind: DecisionRights\nid: raci\ndecisions:\n  - id: pricing.exception\n";
        assert_eq!(ids_in_yaml(text), ["cac", "raci", "pricing.exception"]);
        assert!(ids_in_yaml(": : :\n\t- [").is_empty());
    }

    #[test]
    fn baseline_round_trips_and_rejects_other_versions() {
        let b = Baseline {
            version: 1,
            findings: vec![BaselineEntry {
                file: Some("a.yaml".into()),
                code: "AL001".into(),
                rule: "initiative-without-goal".into(),
                subject: Some("x".into()),
                pointer: Some("/advances".into()),
                message: "m".into(),
            }],
        };
        assert_eq!(Baseline::parse(&b.to_json()), Ok(b));
        assert!(Baseline::parse(r#"{"version": 2, "findings": []}"#).is_err());
    }

    #[test]
    fn keys_ignore_messages_when_there_is_a_subject() {
        let entry = |message: &str, subject: Option<&str>| BaselineEntry {
            file: Some("a.yaml".into()),
            code: "X".into(),
            rule: "r".into(),
            subject: subject.map(str::to_owned),
            pointer: Some("/p".into()),
            message: message.into(),
        };
        assert_eq!(entry("35%", Some("x")).key(), entry("36%", Some("x")).key());
        assert_ne!(entry("35%", None).key(), entry("36%", None).key());
    }
}
