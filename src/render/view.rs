//! The plain data handed to templates: links, cells, tables, sections,
//! sources and findings as a page shows them. Every string is user text or
//! our own wording; the template formatter escapes all of it.

use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::svg::Figure;

/// A piece of text, optionally linking somewhere (a relative page path or
/// an `http(s)` URL).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Link {
    pub text: String,
    pub href: Option<String>,
}

impl Link {
    pub(crate) fn text(text: impl Into<String>) -> Link {
        Link {
            text: text.into(),
            href: None,
        }
    }
}

/// A table cell or a fact's value: several links or texts, shown comma-separated.
pub(crate) type Cell = Vec<Link>;

pub(crate) fn cell(text: impl Into<String>) -> Cell {
    vec![Link::text(text)]
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Fact {
    pub label: String,
    pub value: Cell,
}

#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A titled part of a page: an optional note, then a table or a list; when
/// both are empty, the `empty` sentence (or the section is left out).
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Section {
    pub title: String,
    pub note: Option<String>,
    pub link: Option<Link>,
    pub table: Option<Table>,
    pub list: Vec<Cell>,
    pub empty: Option<String>,
    /// A picture stratc drew for the section, shown before its table.
    pub figure: Option<Figure>,
}

/// Where a page or a row comes from: the YAML file and line, with links to
/// the repository when `site.repo_url` is configured.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Source {
    pub path: String,
    pub line: u32,
    pub url: Option<String>,
    pub edit_url: Option<String>,
}

impl Source {
    /// `path:line`, linking to the repository when there is one.
    pub(crate) fn link(self) -> Link {
        Link {
            text: format!("{}:{}", self.path, self.line),
            href: self.url,
        }
    }
}

/// A finding as shown on a page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FindingView {
    pub severity: &'static str,
    pub code: &'static str,
    pub rule: &'static str,
    pub message: String,
    pub location: Option<String>,
    pub help: Option<String>,
    pub page: Option<Link>,
    pub escalation: Vec<Link>,
}

/// The site-wide values every template gets as `site`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteInfo {
    pub title: String,
    pub as_of: String,
    pub repo_url: Option<String>,
    /// The mkdocs theme: `mkdocs` or `material`.
    pub theme: &'static str,
    pub errors: usize,
    pub warnings: usize,
}

/// An alignment map as a page shows it: the picture, a note when it had
/// to be split or left things out, and links to where the rest is drawn.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct MapView {
    pub svg: Option<Figure>,
    pub note: Option<String>,
    pub parts: Vec<Link>,
}

impl MapView {
    pub(crate) fn drawn(svg: Option<Figure>, note: Option<String>, parts: Vec<Link>) -> MapView {
        MapView { svg, note, parts }
    }
}

/// The fields every document page shows.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocView {
    pub id: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub kind_index: Link,
    pub title: String,
    pub description: Option<String>,
    pub owner: Option<Link>,
    pub tags: Vec<String>,
    pub links: Vec<Link>,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    pub source: Source,
    pub findings: Vec<FindingView>,
}

/// Serialises a page context for a template.
pub(crate) fn to_value<T: Serialize>(value: &T) -> Value {
    Value::from(Serde(value))
}
