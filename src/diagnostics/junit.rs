//! `--format junit`: one test case per rule that ran into findings, one
//! failure per finding, for CI systems that display JUnit reports.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::report::place;
use crate::finding::{Finding, Severity};
use crate::source::Sources;
use crate::words::escape_each;

pub fn escape_xml(s: &str) -> String {
    escape_each(s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        // XML 1.0 has no other control characters: drop them.
        c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => Some(""),
        _ => None,
    })
}

pub fn render(findings: &[Finding], sources: &Sources) -> String {
    let mut by_rule: BTreeMap<(&str, &str), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_rule
            .entry((f.rule.code, f.rule.name))
            .or_default()
            .push(f);
    }
    let failures = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"stratc\" tests=\"{}\" failures=\"{failures}\">",
        findings.len().max(1)
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"stratc check\" tests=\"{}\" failures=\"{failures}\">",
        findings.len().max(1)
    );
    if findings.is_empty() {
        out.push_str("    <testcase name=\"strategy\" classname=\"stratc\"/>\n");
    }
    for ((code, name), list) in by_rule {
        for f in list {
            let place = place(f, sources);
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{code}.{name}\" file=\"{}\">",
                escape_xml(&format!("{name} at {place}")),
                escape_xml(place.split(':').next().unwrap_or(""))
            );
            let tag = if f.severity == Severity::Error {
                "failure"
            } else {
                "system-out"
            };
            let mut body = format!("{place}: {}", f.message);
            if let Some(help) = &f.help {
                let _ = write!(body, "\nhelp: {help}");
            }
            if tag == "failure" {
                let _ = writeln!(
                    out,
                    "      <failure type=\"{code}\" message=\"{}\">{}</failure>",
                    escape_xml(&f.message),
                    escape_xml(&body)
                );
            } else {
                let _ = writeln!(
                    out,
                    "      <system-out>warning: {}</system-out>",
                    escape_xml(&body)
                );
            }
            out.push_str("    </testcase>\n");
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
