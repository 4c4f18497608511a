//! `--format markdown`: a table for pull-request comments and job summaries.

use std::fmt::Write as _;

use super::report::{Summary, place};
use crate::finding::Finding;
use crate::source::Sources;

/// Escapes text for a Markdown table cell, so YAML text cannot inject markup.
/// Backtick code spans are kept (they render as code and nothing inside
/// them is interpreted); only `|` needs escaping there, which GitHub
/// honours inside table cells.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            _ if in_code => out.push(c),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    if in_code {
        // An unbalanced backtick would swallow the rest of the table row.
        out.push('`');
    }
    out
}

pub fn render(findings: &[Finding], sources: &Sources) -> String {
    let summary = Summary::of(findings);
    let mut out = String::from("## stratc check\n\n");
    if findings.is_empty() {
        out.push_str("No problems found.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} error(s), {} warning(s).\n",
        summary.errors, summary.warnings
    );
    out.push_str("| severity | rule | where | message |\n|---|---|---|---|\n");
    for f in findings {
        let place = match place(f, sources) {
            p if p.is_empty() => p,
            p => format!("`{p}`"),
        };
        let mut message = cell(&f.message);
        if !f.escalation.is_empty() {
            let _ = write!(
                message,
                "<br>escalate to: {}",
                cell(&f.escalation.join(" → "))
            );
        }
        if let Some(help) = &f.help {
            let _ = write!(message, "<br>help: {}", cell(help));
        }
        let _ = writeln!(
            out,
            "| {} | `{}` {} | {place} | {message} |",
            f.severity.as_str(),
            f.rule.code,
            f.rule.name
        );
    }
    out
}
