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

/// Width used for wrapping; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

pub fn render(findings: &[Finding], sources: &Sources, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
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
