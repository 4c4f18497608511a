//! Stage 7: the semantic diff of two revisions of a strategy, for
//! pull-request review (SPEC section 7).
//!
//! `crate::git` lists and reads a base revision into memory and
//! `model::revision` loads it (copying what the work tree holds unchanged);
//! `compare` takes the analyses of the base and of the work tree and reports:
//!
//! - a one-line verdict, the destructive and loosening changes that need
//!   attention and the labels a workflow can apply for them (`attention`);
//! - documents added, removed, renamed and changed, field by field in
//!   business words (the typed body of each document, matched by id,
//!   compared as JSON; list items matched by their id or another naming
//!   field; limits with the direction of their change: `fields`, `words`);
//! - findings introduced and resolved, matched by their `FindingKey` (rule
//!   name, subject and field, or file and message for findings without a
//!   subject), so a finding that only moved lines is neither (`findings`);
//! - the initiatives and scorecards affected, found through the graph
//!   (`affected`);
//! - the decision owners who must approve: those the introduced findings
//!   escalate to, and those of the decision areas touched (`approvals`).
//!
//! `markdown` writes the pull-request comment; `--format json` prints the
//! `DiffReport` as it is.

mod affected;
mod approvals;
mod attention;
mod documents;
mod fields;
mod findings;
mod markdown;
mod report;
mod words;

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
    let docs = documents::documents(base, head);
    let config = field_changes(
        None,
        &serde_json::to_value(&base.config).unwrap_or(Value::Null),
        &serde_json::to_value(&head.config).unwrap_or(Value::Null),
    );
    let (introduced, resolved) = findings::findings(base, head);
    let touched = Touched {
        added: &docs.added,
        removed: &docs.removed,
        changed: &docs.changed,
        renamed: &docs.renamed,
    };
    let affected = affected::affected(base, head, &touched);
    let approvals = approvals::approvals(base, head, &touched, !config.is_empty(), &introduced);
    let (attention, labels) = attention::attention(&base.model, &head.model, &docs);
    let summary = DiffSummary {
        added: docs.added.len(),
        removed: docs.removed.len(),
        changed: docs.changed.len(),
        renamed: docs.renamed.len(),
        attention: attention.len(),
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
        version: 2,
        base: base_rev.to_owned(),
        base_commit: base_commit.to_owned(),
        verdict: attention::verdict(&summary, &attention, !config.is_empty()),
        labels,
        attention,
        summary,
        renamed: docs.renamed,
        added: docs.added,
        removed: docs.removed,
        changed: docs.changed,
        config,
        introduced,
        resolved,
        affected,
        approvals,
    }
}
