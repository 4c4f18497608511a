//! Stage 5: the one finding type every stage produces, and the renderers
//! (one file per output format) that turn findings into text.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod key;
pub mod markdown;
pub mod resolve;
pub mod sarif;

use std::cmp::Ordering;

use serde::Serialize;

use crate::source::{LineCol, Sources};

pub use crate::finding::{Finding, Label, Severity};

/// The deterministic order of every output: file, position, rule, message.
fn sort_key<'a>(f: &'a Finding, sources: &'a Sources) -> impl Ord + 'a {
    let (path, start, end) = match &f.primary {
        Some(l) => (sources.file(l.file).path.as_str(), l.span.start, l.span.end),
        None => ("", 0, 0),
    };
    (path, start, end, f.rule.code, f.message.as_str())
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

/// The output formats of `stratc check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Markdown,
}

/// Renders findings in the chosen format.
pub fn render(format: Format, findings: &[Finding], sources: &Sources, color: bool) -> String {
    match format {
        Format::Human => human::render(findings, sources, color),
        Format::Json => json::render(findings, sources),
        Format::Sarif => sarif::render(findings, sources),
        Format::Github => github::render(findings, sources),
        Format::Junit => junit::render(findings, sources),
        Format::Markdown => markdown::render(findings, sources),
    }
}
