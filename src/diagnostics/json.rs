//! `--format json`: one stable, documented structure for machines.
//!
//! ```json
//! {"version": 1, "summary": {"errors": 1, "warnings": 0},
//!  "findings": [{"code": "ST004", "rule": "dangling-reference",
//!    "family": "structure", "severity": "error", "message": "…",
//!    "file": "initiatives/x.yaml", "line": 4, "column": 5,
//!    "end_line": 4, "end_column": 12, "subject": "x", "pointer": "/advances/0",
//!    "help": "…", "escalation": [], "related": [{"file": …, "line": …}]}]}
//! ```

use serde::Serialize;

use super::report::{Summary, resolve};
use crate::finding::Finding;
use crate::source::Sources;

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub code: &'static str,
    pub rule: &'static str,
    pub family: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub escalation: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
pub struct JsonPlace<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
}

pub fn to_json<'a>(f: &'a Finding, sources: &'a Sources) -> JsonFinding<'a> {
    let primary = f.primary.as_ref().map(|l| resolve(sources, l));
    JsonFinding {
        code: f.rule.code,
        rule: f.rule.name,
        family: f.rule.family.name(),
        severity: f.severity.as_str(),
        message: &f.message,
        file: primary.as_ref().map(|p| p.file),
        line: primary.as_ref().map(|p| p.start.line),
        column: primary.as_ref().map(|p| p.start.column),
        end_line: primary.as_ref().map(|p| p.end.line),
        end_column: primary.as_ref().map(|p| p.end.column),
        subject: f.subject.as_deref(),
        pointer: f.pointer.as_deref(),
        help: f.help.as_deref(),
        escalation: &f.escalation,
        related: f
            .related
            .iter()
            .map(|l| {
                let r = resolve(sources, l);
                JsonPlace {
                    file: r.file,
                    line: r.start.line,
                    column: r.start.column,
                    label: r.label,
                }
            })
            .collect(),
    }
}

pub fn render(findings: &[Finding], sources: &Sources) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        summary: Summary,
        findings: Vec<JsonFinding<'a>>,
    }
    let out = Out {
        version: 1,
        summary: Summary::of(findings),
        findings: findings.iter().map(|f| to_json(f, sources)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}
