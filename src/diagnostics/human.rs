//! Human output: rustc-style reports through miette, with the source
//! snippet, the span underlined, related places and a help line.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::report::Summary;
use crate::finding::{Finding, Label, Severity};
use crate::source::Sources;

/// How human output is laid out: in colour or not, and wrapped at a fixed
/// width (for a person at a terminal) or not at all (for a file or a CI
/// log, where a line break inside a message only hinders search).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub color: bool,
    pub wrap: bool,
}

/// Width used for wrapping; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

pub fn render(findings: &[Finding], sources: &Sources, layout: Layout) -> String {
    let theme = if layout.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_wrap_lines(layout.wrap)
        // An id, a path or a number is searched for and copied whole: a
        // line may break only at a space, never at a hyphen or inside a
        // word, and never inside a `code span`.
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_word_separator(textwrap::WordSeparator::Custom(words_outside_code))
        .with_links(false);
    let mut out = String::new();
    for finding in findings {
        let report = Report::new(finding, sources);
        if handler.render_report(&mut out, &report).is_err() {
            let _ = writeln!(out, "{}", finding.message);
        }
        out.push('\n');
    }
    out.push_str(&summary_line(Summary::of(findings)));
    out
}

/// The words of a line for wrapping: split at spaces, except inside a
/// `` `code span` `` (`` `kpis: [net-revenue]` `` stays on one line).
fn words_outside_code(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b' ' if !in_code => {
                let mut end = i;
                while end < bytes.len() && bytes[end] == b' ' {
                    end += 1;
                }
                words.push(textwrap::core::Word::from(&line[start..end]));
                start = end;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

/// `2 errors, 1 warning` or `no problems found`.
pub fn summary_line(summary: Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (summary.errors, summary.warnings) {
        (0, 0) => "stratc: no problems found\n".to_owned(),
        (e, w) => format!("stratc: {}, {}\n", plural(e, "error"), plural(w, "warning")),
    }
}

/// One finding as a miette diagnostic. Labels in the primary file are shown
/// in its snippet; places in other files become nested related reports.
struct Report<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<&'a Label>,
    others: Vec<Related>,
    header: String,
}

struct Related {
    message: String,
    source: NamedSource<Arc<str>>,
    label: LabeledSpan,
}

fn named(sources: &Sources, file: u32) -> NamedSource<Arc<str>> {
    let f = sources.file(file);
    NamedSource::new(&f.path, f.text.clone()).with_language("yaml")
}

fn labeled(label: &Label, default: Option<&str>) -> LabeledSpan {
    let len = (label.span.end - label.span.start) as usize;
    LabeledSpan::new(
        label.text.clone().or(default.map(str::to_owned)),
        label.span.start as usize,
        len,
    )
}

impl<'a> Report<'a> {
    fn new(finding: &'a Finding, sources: &Sources) -> Report<'a> {
        let primary_file = finding.primary.as_ref().map(|l| l.file);
        let mut labels: Vec<&Label> = finding.primary.iter().collect();
        let mut others = Vec::new();
        for r in &finding.related {
            if Some(r.file) == primary_file {
                labels.push(r);
            } else {
                others.push(Related {
                    message: r.text.clone().unwrap_or_else(|| "related".to_owned()),
                    source: named(sources, r.file),
                    label: labeled(r, Some("here")),
                });
            }
        }
        let mut header = finding.message.clone();
        if !finding.escalation.is_empty() {
            let _ = write!(header, "\nescalate to: {}", finding.escalation.join(" → "));
        }
        Report {
            finding,
            source: primary_file.map(|f| named(sources, f)),
            labels,
            others,
            header,
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let rule = self.finding.rule;
        Some(Box::new(format!("{}({})", rule.code, rule.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().enumerate().map(|(i, l)| {
            let mut span = labeled(l, None);
            if i == 0 {
                span = LabeledSpan::new_primary_with_span(
                    span.label().map(str::to_owned),
                    *span.inner(),
                );
            }
            span
        })))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.others.is_empty() {
            return None;
        }
        Some(Box::new(self.others.iter().map(|r| r as &dyn Diagnostic)))
    }
}

impl fmt::Debug for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Related {}

impl Diagnostic for Related {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_outside_code_spans_only() {
        let opts = textwrap::Options::new(30)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .word_separator(textwrap::WordSeparator::Custom(words_outside_code));
        let text = "escalate to `chief-commercial-officer` or list `kpis: [net-revenue]` in \
                    policies/de-sports-marketplace.yaml at 12.5%";
        let lines = textwrap::wrap(text, opts);
        for whole in [
            "`chief-commercial-officer`",
            "`kpis: [net-revenue]`",
            "policies/de-sports-marketplace.yaml",
            "12.5%",
        ] {
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole}: {lines:#?}"
            );
        }
    }
}
