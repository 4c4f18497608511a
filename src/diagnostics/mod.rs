//! After the rules: places become spans (`places`), findings are sorted
//! (`report`), and one renderer per output format turns them into text.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod key;
pub mod markdown;
pub(crate) mod places;
pub mod report;
pub mod sarif;

use crate::source::Sources;

pub use crate::finding::{Finding, Label, Severity};
pub use human::Layout;
pub use report::{Resolved, Summary, resolve, sort_findings};

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

/// Renders findings in the chosen format, human output wrapped as at a
/// terminal.
pub fn render(format: Format, findings: &[Finding], sources: &Sources, color: bool) -> String {
    render_laid_out(format, findings, sources, Layout { color, wrap: true })
}

/// Renders findings in the chosen format, human output laid out as asked.
pub fn render_laid_out(
    format: Format,
    findings: &[Finding],
    sources: &Sources,
    layout: Layout,
) -> String {
    match format {
        Format::Human => human::render(findings, sources, layout),
        Format::Json => json::render(findings, sources),
        Format::Sarif => sarif::render(findings, sources),
        Format::Github => github::render(findings, sources),
        Format::Junit => junit::render(findings, sources),
        Format::Markdown => markdown::render(findings, sources),
    }
}
