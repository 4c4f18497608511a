//! Stage 7: the semantic diff of two revisions of a strategy, for
//! pull-request review (SPEC section 7).
//!
//! `crate::git` reads a base revision into a temporary folder; `compare`
//! takes the analyses of the base and of the work tree and reports:
//!
//! - documents added, removed and changed, field by field (the typed body of
//!   each document, matched by id, compared as JSON; list items that carry an
//!   `id` are matched by id, lists of plain values are shown whole);
//! - findings introduced and resolved, matched by their `FindingKey` (rule
//!   name, subject and field, or file and message for findings without a
//!   subject), so a finding that only moved lines is neither (`findings`);
//! - the initiatives and scorecards affected, found through the graph
//!   (`affected`);
//! - the decision owners who must approve (`approvals`).
//!
//! `markdown` writes the pull-request comment; `--format json` prints the
//! `DiffReport` as it is.

mod affected;
mod approvals;
mod documents;
mod fields;
mod findings;
mod markdown;
mod report;

use serde_json::Value;

use crate::analysis::Analysis;
use crate::finding::Severity;
use crate::model::Kind;
use documents::Touched;
use fields::field_changes;
pub(crate) use markdown::to_markdown;
pub(crate) use report::{DiffReport, DiffSummary, to_json};

/// Compares the analysis of the base revision with the work tree's.
pub(crate) fn compare(
    base: &Analysis,
    head: &Analysis,
    base_rev: &str,
    base_commit: &str,
) -> DiffReport {
    let (added, removed, changed) = documents::documents(base, head);
    let config = field_changes(
        &serde_json::to_value(&base.config).unwrap_or(Value::Null),
        &serde_json::to_value(&head.config).unwrap_or(Value::Null),
    );
    let (introduced, resolved) = findings::findings(base, head);
    let touched = Touched {
        added: &added,
        removed: &removed,
        changed: &changed,
    };
    let affected = affected::affected(base, head, &touched);
    let approvals = approvals::approvals(base, head, &touched, !config.is_empty());
    let summary = DiffSummary {
        added: added.len(),
        removed: removed.len(),
        changed: changed.len(),
        introduced: introduced.len(),
        introduced_errors: introduced
            .iter()
            .filter(|f| f.severity == Severity::Error.as_str())
            .count(),
        resolved: resolved.len(),
        affected_initiatives: affected
            .iter()
            .filter(|a| a.kind == Kind::Initiative.name())
            .count(),
        affected_scorecards: affected
            .iter()
            .filter(|a| a.kind == Kind::Scorecard.name())
            .count(),
    };
    DiffReport {
        version: 1,
        base: base_rev.to_owned(),
        base_commit: base_commit.to_owned(),
        summary,
        added,
        removed,
        changed,
        config,
        introduced,
        resolved,
        affected,
        approvals,
    }
}
