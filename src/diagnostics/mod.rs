//! Stage 5: the one finding type every stage produces, and the renderers
//! (one file per output format) that turn findings into text.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use std::cmp::Ordering;

use serde::Serialize;

use crate::load::sources::{FileId, LineCol, Sources};
use crate::load::yaml::Span;
use crate::rules::Rule;

/// How serious a finding is. `Off` only appears in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a source file, with an optional caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub text: Option<String>,
}

impl Label {
    pub fn new(file: FileId, span: Span) -> Label {
        Label {
            file,
            span,
            text: None,
        }
    }
    pub fn with_text(mut self, text: impl Into<String>) -> Label {
        self.text = Some(text.into());
        self
    }
}

/// One problem found in the strategy. Rules return these as data; they
/// never format output.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub primary: Option<Label>,
    pub related: Vec<Label>,
    pub help: Option<String>,
    /// The id of the document the finding is about (for exceptions,
    /// suppressions, baselines and change-scoped runs).
    pub subject: Option<String>,
    /// The field path inside the subject (JSON pointer).
    pub pointer: Option<String>,
    /// The decision whose Accountable approves or waives this deviation.
    pub decision: Option<String>,
    /// Roles to escalate to, nearest first (governance deviations only).
    pub escalation: Vec<String>,
}

impl Finding {
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            primary: None,
            related: Vec::new(),
            help: None,
            subject: None,
            pointer: None,
            decision: None,
            escalation: Vec::new(),
        }
    }

    pub fn at(mut self, label: Label) -> Finding {
        self.primary = Some(label);
        self
    }

    pub fn related(mut self, label: Label) -> Finding {
        self.related.push(label);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn subject(mut self, id: impl Into<String>, pointer: impl Into<String>) -> Finding {
        self.subject = Some(id.into());
        self.pointer = Some(pointer.into());
        self
    }

    pub fn decision(mut self, decision: impl Into<String>) -> Finding {
        self.decision = Some(decision.into());
        self
    }

    /// The deterministic order of every output: file, position, rule, message.
    pub fn sort_key<'a>(&'a self, sources: &'a Sources) -> impl Ord + 'a {
        let (path, start, end) = match &self.primary {
            Some(l) => (sources.file(l.file).path.as_str(), l.span.start, l.span.end),
            None => ("", 0, 0),
        };
        (path, start, end, self.rule.code, self.message.as_str())
    }
}

/// Sorts findings in output order and removes exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>, sources: &Sources) {
    findings.sort_by(|a, b| {
        a.sort_key(sources)
            .cmp(&b.sort_key(sources))
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
