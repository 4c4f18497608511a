//! What every renderer shares: the output order, locations as path, line and
//! column, and the counts by severity.

use std::cmp::Ordering;

use serde::Serialize;

use crate::finding::{Family, Finding, Label, Severity};
use crate::source::{LineCol, Sources};

/// The deterministic order of every output: root causes first — what is
/// wrong in the text itself (syntax, schema, references, a fraction for a
/// percentage) before what the rules conclude from it — then file,
/// position, rule, message.
fn sort_key<'a>(f: &'a Finding, sources: &'a Sources) -> impl Ord + 'a {
    let (path, start, end) = match &f.primary {
        Some(l) => (sources.file(l.file).path.as_str(), l.span.start, l.span.end),
        None => ("", 0, 0),
    };
    let follows = f.rule.family != Family::Structure;
    (follows, path, start, end, f.rule.code, f.message.as_str())
}

/// Sorts findings in output order and removes exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>, sources: &Sources) {
    findings.sort_by(|a, b| {
        sort_key(a, sources)
            .cmp(&sort_key(b, sources))
            .then_with(|| compare_related(a, b))
    });
    findings.dedup_by(|a, b| {
        a.rule.code == b.rule.code && a.message == b.message && a.primary == b.primary
    });
}

fn compare_related(a: &Finding, b: &Finding) -> Ordering {
    let key = |f: &Finding| {
        f.related
            .iter()
            .map(|l| (l.file, l.span.start))
            .collect::<Vec<_>>()
    };
    key(a).cmp(&key(b))
}

/// A location resolved to path, line and column, for machine formats.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved<'a> {
    pub file: &'a str,
    pub start: LineCol,
    pub end: LineCol,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
}

pub fn resolve<'a>(sources: &'a Sources, label: &'a Label) -> Resolved<'a> {
    let file = sources.file(label.file);
    Resolved {
        file: &file.path,
        start: file.line_col(label.span.start),
        end: file.line_col(label.span.end),
        label: label.text.as_deref(),
    }
}

/// Where a finding is, as `path:line:column`; empty when it has no place.
pub fn place(f: &Finding, sources: &Sources) -> String {
    f.primary
        .as_ref()
        .map(|l| {
            let p = resolve(sources, l);
            format!("{}:{}:{}", p.file, p.start.line, p.start.column)
        })
        .unwrap_or_default()
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        Summary {
            errors,
            warnings: findings.len() - errors,
        }
    }
}
