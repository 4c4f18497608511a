//! The diff report: the one structure `--format json` prints and the
//! Markdown comment is written from.

use serde::Serialize;
use serde_json::Value;

/// The whole report; `--format json` prints exactly this structure.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DiffReport {
    pub(crate) version: u32,
    /// The base revision as given (`origin/main`).
    pub(crate) base: String,
    /// The commit it resolved to.
    pub(crate) base_commit: String,
    /// One line: whether the change can merge as it is, and why not.
    pub(crate) verdict: String,
    /// Labels a workflow can apply to the pull request, sorted.
    pub(crate) labels: Vec<&'static str>,
    /// Destructive and loosening changes, in the order of the labels list.
    pub(crate) attention: Vec<Attention>,
    pub(crate) summary: DiffSummary,
    pub(crate) renamed: Vec<Rename>,
    pub(crate) added: Vec<DocSummary>,
    pub(crate) removed: Vec<DocSummary>,
    pub(crate) changed: Vec<DocChange>,
    /// Changes to `stratc.yaml`.
    pub(crate) config: Vec<FieldChange>,
    pub(crate) introduced: Vec<FindingView>,
    pub(crate) resolved: Vec<FindingView>,
    /// Initiatives and scorecards affected by the change.
    pub(crate) affected: Vec<Affected>,
    /// The decision owners who must approve the change.
    pub(crate) approvals: Vec<Approval>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct DiffSummary {
    pub(crate) added: usize,
    pub(crate) removed: usize,
    pub(crate) changed: usize,
    pub(crate) renamed: usize,
    pub(crate) attention: usize,
    pub(crate) introduced: usize,
    /// Introduced findings at error level (these make `stratc diff` exit 1).
    pub(crate) introduced_errors: usize,
    pub(crate) resolved: usize,
    pub(crate) affected_initiatives: usize,
    pub(crate) affected_scorecards: usize,
}

/// A document added or removed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocSummary {
    pub(crate) kind: &'static str,
    pub(crate) id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    pub(crate) file: String,
}

/// A document present on both sides whose content changed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocChange {
    pub(crate) kind: &'static str,
    pub(crate) id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    pub(crate) file: String,
    /// The file it was in at the base, when it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) moved_from: Option<String>,
    /// Its kind at the base, when the kind changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) kind_before: Option<&'static str>,
    pub(crate) fields: Vec<FieldChange>,
}

/// One changed field: the field in words (`` `apparel`: max discount ``,
/// Markdown), the values before (absent when added) and after (absent when
/// removed) as data and in words with their unit, the direction when the
/// field is a limit, and the JSON pointer into the document for tools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct FieldChange {
    pub(crate) field: String,
    pub(crate) pointer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) before: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) after: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) before_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) after_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) direction: Option<Direction>,
}

/// A document with the same content under a new id or in a new file.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Rename {
    pub(crate) kind: &'static str,
    pub(crate) id: String,
    /// Its id at the base, when the id changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) old_id: Option<String>,
    pub(crate) file: String,
    /// Its file at the base, when the file changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) old_file: Option<String>,
}

/// A destructive or loosening change a reviewer must look at.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Attention {
    /// The label a workflow can apply for it (`pricing-loosened`, …).
    pub(crate) label: &'static str,
    /// The document concerned.
    pub(crate) id: String,
    /// What happened, one sentence in Markdown.
    pub(crate) text: String,
}

/// A finding as the report shows it (file and line on its own side).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FindingView {
    pub(crate) code: &'static str,
    pub(crate) rule: &'static str,
    pub(crate) severity: &'static str,
    pub(crate) message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) help: Option<String>,
    /// The decision whose Accountable approves or waives this deviation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) decision: Option<String>,
    /// Roles to escalate to, nearest first (governance deviations only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) escalation: Vec<String>,
}

/// An initiative or scorecard affected by the change, and why.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Affected {
    pub(crate) kind: &'static str,
    pub(crate) id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    /// The changed document it is affected through.
    pub(crate) because: String,
    /// The links from this document to the changed one (empty when it
    /// changed itself). Each step is one reference: `from` names `to`.
    pub(crate) via: Vec<Step>,
}

/// One reference of the strategy graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Step {
    pub(crate) from: String,
    pub(crate) edge: &'static str,
    pub(crate) to: String,
}

/// A decision whose Accountable must approve the change.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Approval {
    pub(crate) decision: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    pub(crate) accountable: Vec<Approver>,
    /// The changed documents (or `stratc.yaml`) that touch this decision area.
    pub(crate) because: Vec<String>,
    /// The introduced findings that escalate to this decision
    /// (`CODE on subject`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) findings: Vec<String>,
    /// What is wrong when nobody can be named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Approver {
    pub(crate) role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) github: Option<String>,
}

/// The report as pretty JSON.
pub(crate) fn to_json(r: &DiffReport) -> String {
    let mut text = serde_json::to_string_pretty(r).unwrap_or_default();
    text.push('\n');
    text
}

/// Which way a change of a limit goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Direction {
    /// The limit allows more than before (a higher maximum discount, a
    /// lower margin floor, a later expiry, a limit removed).
    Loosened,
    /// The limit allows less than before.
    Tightened,
}

impl Direction {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Direction::Loosened => "loosened",
            Direction::Tightened => "tightened",
        }
    }
}
