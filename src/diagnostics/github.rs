//! `--format github`: GitHub Actions workflow commands, so findings show as
//! annotations on the pull request's changed lines.

use std::fmt::Write as _;

use super::report::resolve;
use crate::finding::{Finding, Severity};
use crate::source::Sources;

/// Workflow-command values escape `%`, CR and LF; properties also `:` and `,`.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let title = escape_property(&format!("{} {}", f.rule.code, f.rule.name));
        let mut message = f.message.clone();
        if !f.escalation.is_empty() {
            let _ = write!(message, "\nescalate to: {}", f.escalation.join(" → "));
        }
        if let Some(help) = &f.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        match f.primary.as_ref().map(|l| resolve(sources, l)) {
            Some(p) => {
                let _ = writeln!(
                    out,
                    "::{level} file={},line={},col={},endLine={},endColumn={},title={title}::{}",
                    escape_property(p.file),
                    p.start.line,
                    p.start.column,
                    p.end.line,
                    p.end.column,
                    escape_data(&message)
                );
            }
            None => {
                let _ = writeln!(out, "::{level} title={title}::{}", escape_data(&message));
            }
        }
    }
    out
}
