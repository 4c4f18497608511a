//! Stage 6: the docs site, playbooks and scorecards rendered from the model
//! with minijinja templates.
//!
//! Rendering happens in memory: every page is a pure function of the
//! analysis (no timestamps, model order everywhere), so the same inputs give
//! byte-identical output. [`output`] then writes the pages atomically and
//! keeps a manifest of what stratc wrote, so a rebuild removes only its own
//! stale files.
//!
//! Text from YAML reaches the pages only through the escaping formatter of
//! [`templates`] (see [`escape`]); the Rust side builds plain data.

mod docs;
pub mod escape;
mod index;
pub mod output;
mod playbooks;
mod scorecards;
pub mod templates;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use minijinja::value::{Serde, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::diagnostics::{Finding, Severity};
use crate::error::Fatal;
use crate::graph::Graph;
use crate::model::kinds::Role;
use crate::model::{Body, DocId, Kind, Model};
use crate::source::FileId;
use crate::source::Span;
use templates::Templates;

/// The file `stratc build` writes into `--out` to remember what it wrote.
pub use crate::load::MANIFEST;

/// The folder under `--out` that holds the Markdown pages (mkdocs `docs_dir`).
pub const DOCS_DIR: &str = "docs";

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files of the site (pages, `mkdocs.yml`), without the manifest.
    pub written: usize,
    /// Of those, the files that were new or different from the previous build.
    pub changed: usize,
    /// Files of an earlier build that this one no longer produces, removed.
    pub removed: Vec<String>,
}

/// Renders the whole site and writes it into `out` atomically.
pub fn build(analysis: &Analysis, root: &Path, out: &Path) -> Result<Report, Fatal> {
    output::check_out_dir(root, out)?;
    let files = render(analysis, root)?;
    output::write(out, &files)
}

/// Renders every file of the site in memory: path relative to `--out`
/// (with `/`) and content. Templates come from the binary, replaced by the
/// ones under `root/templates/`.
pub fn render(analysis: &Analysis, root: &Path) -> Result<BTreeMap<String, String>, Fatal> {
    let templates = Templates::load(root)?;
    let site = Site::new(analysis);
    let jobs = site.jobs();
    let rendered: Vec<Result<(String, String), Fatal>> = jobs
        .par_iter()
        .map(|job| {
            let (path, template, context) = site.context(job);
            let text = templates.render(template, context)?;
            Ok((path, tidy(&text)))
        })
        .collect();
    let mut files = BTreeMap::new();
    for result in rendered {
        let (path, text) = result?;
        files.insert(path, text);
    }
    Ok(files)
}

/// Collapses runs of blank lines that template logic leaves behind and
/// ends the file with exactly one newline; lines inside code fences are
/// left alone.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut in_fence = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if line.is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One output file to render.
#[derive(Debug, Clone)]
enum Job {
    Index,
    Findings,
    Mkdocs,
    KindIndex(Kind),
    Doc(DocId),
    PlaybookIndex,
    Escalation(String),
    PricingLadder(DocId),
    Gates(DocId),
}

// ---------------------------------------------------------------------------
// Plain data handed to templates. Every string is user text or our own
// wording; the template formatter escapes all of it.

/// A piece of text, optionally linking somewhere (a relative page path or
/// an `http(s)` URL).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Link {
    pub text: String,
    pub href: Option<String>,
}

impl Link {
    pub fn text(text: impl Into<String>) -> Link {
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
    pub errors: usize,
    pub warnings: usize,
}

/// A Mermaid flowchart: nodes with generated ids (`n0`, `n1`…) so no
/// document id can break the diagram, and edges between them.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Map {
    pub nodes: Vec<MapNode>,
    pub edges: Vec<MapEdge>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MapNode {
    pub key: String,
    pub label: String,
    pub class: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MapEdge {
    pub from: String,
    pub to: String,
}

// ---------------------------------------------------------------------------

/// The folder of each kind's pages and its heading.
pub(crate) fn kind_folder(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Goal => ("goals", "Goals"),
        Kind::Objective => ("objectives", "Objectives"),
        Kind::Kpi => ("kpis", "KPIs"),
        Kind::Initiative => ("initiatives", "Initiatives"),
        Kind::Role => ("roles", "Roles"),
        Kind::DecisionRights => ("decisions", "Decision rights"),
        Kind::Market => ("markets", "Markets"),
        Kind::Channel => ("channels", "Channels"),
        Kind::ChannelPolicy => ("channel-policies", "Channel policies"),
        Kind::PricingPolicy => ("pricing-policies", "Pricing policies"),
        Kind::StageGate => ("stage-gates", "Stage gates"),
        Kind::Exception => ("exceptions", "Exceptions"),
        Kind::Segment => ("segments", "Segments"),
        Kind::Budget => ("budgets", "Budgets"),
        Kind::DataPolicy => ("data-policies", "Data policies"),
        Kind::Scorecard => ("scorecards", "Scorecards"),
        Kind::Trigger => ("triggers", "Triggers"),
        Kind::Playbook => ("playbooks", "Playbooks"),
    }
}

/// The kind as a reader says it: `Goal`, `KPI`, `Decision rights`.
pub(crate) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Kpi => "KPI",
        Kind::DecisionRights => "Decision rights",
        Kind::ChannelPolicy => "Channel policy",
        Kind::PricingPolicy => "Pricing policy",
        Kind::StageGate => "Stage gate",
        Kind::DataPolicy => "Data policy",
        other => other.name(),
    }
}

/// A file name from an id: lower-case letters, digits, `-`, `_` and `.`;
/// anything else becomes `-`; never empty, never hidden.
pub(crate) fn slug(id: &str) -> String {
    let mut s: String = id
        .chars()
        .take(100)
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    while s.starts_with('.') {
        s.replace_range(..1, "-");
    }
    if s.is_empty() { "page".to_owned() } else { s }
}

/// Page paths of every output page, assigned once in model order.
pub(crate) struct Pages {
    /// The page of each document.
    pub doc: Vec<String>,
    /// The generated escalation playbook of each decision.
    pub escalation: BTreeMap<String, String>,
    /// The generated exception ladder of each pricing policy with approvals.
    pub ladder: HashMap<DocId, String>,
    /// The generated market-entry gates page of each stage gate.
    pub gates: HashMap<DocId, String>,
}

impl Pages {
    fn assign(model: &Model) -> Pages {
        let mut used: HashSet<String> = HashSet::new();
        let mut unique = |folder: &str, id: &str| {
            let base = slug(id);
            let mut n = 1;
            loop {
                let name = if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                let path = format!("{folder}/{name}.md");
                // `index` is each folder's own listing.
                if name != "index" && used.insert(path.clone()) {
                    return path;
                }
                n += 1;
            }
        };
        let mut doc = vec![String::new(); model.docs.len()];
        for &kind in Kind::ALL {
            let (folder, _) = kind_folder(kind);
            for (d, document) in model.of_kind(kind) {
                doc[d] = unique(folder, document.id());
            }
        }
        let mut escalation = BTreeMap::new();
        let mut ladder = HashMap::new();
        let mut gates = HashMap::new();
        for (d, document) in model.of_kind(Kind::DecisionRights) {
            if let Body::DecisionRights(rights) = &document.body {
                for (i, decision) in rights.decisions.iter().enumerate() {
                    let declared_here = model
                        .decisions
                        .get(&decision.id)
                        .is_some_and(|r| r.doc == d && r.index == i);
                    if declared_here {
                        let path = unique("playbooks/escalation", &decision.id);
                        escalation.insert(decision.id.clone(), path);
                    }
                }
            }
        }
        for (d, document) in model.of_kind(Kind::PricingPolicy) {
            if let Body::PricingPolicy(p) = &document.body
                && p.approvals.is_some()
            {
                ladder.insert(d, unique("playbooks/pricing", document.id()));
            }
        }
        for (d, document) in model.of_kind(Kind::StageGate) {
            gates.insert(d, unique("playbooks/gates", document.id()));
        }
        Pages {
            doc,
            escalation,
            ladder,
            gates,
        }
    }
}

/// The path of `to` relative to the folder of page `from` (both relative to
/// the docs folder, with `/`).
pub(crate) fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = String::new();
    for _ in common..from_dirs.len() {
        out.push_str("../");
    }
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Everything the page builders share: the analysis, page paths, site
/// settings and the findings of each document.
pub(crate) struct Site<'a> {
    pub analysis: &'a Analysis,
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub pages: Pages,
    pub info: SiteInfo,
    repo: Option<(String, String)>,
    /// Indexes into `analysis.findings`, per document.
    findings_by_doc: Vec<Vec<usize>>,
    /// The page each finding is shown on.
    finding_doc: Vec<Option<DocId>>,
}

impl<'a> Site<'a> {
    fn new(analysis: &'a Analysis) -> Site<'a> {
        let model = &analysis.model;
        let pages = Pages::assign(model);
        let site = &analysis.config.site;
        let repo = site
            .repo_url
            .as_deref()
            .map(|u| {
                u.trim()
                    .trim_end_matches('/')
                    .trim_end_matches(".git")
                    .to_owned()
            })
            .filter(|u| {
                let lower = u.to_ascii_lowercase();
                (lower.starts_with("https://") || lower.starts_with("http://"))
                    && escape::href(u).is_some()
            })
            .map(|u| {
                let branch = site
                    .edit_branch
                    .clone()
                    .unwrap_or_else(|| "main".to_owned());
                (u, branch)
            });
        let (findings_by_doc, finding_doc) = findings_per_doc(model, &analysis.findings);
        let summary = crate::diagnostics::Summary::of(&analysis.findings);
        let info = SiteInfo {
            title: site.title.clone().unwrap_or_else(|| "Strategy".to_owned()),
            as_of: analysis.as_of.to_string(),
            repo_url: repo.as_ref().map(|(u, _)| u.clone()),
            errors: summary.errors,
            warnings: summary.warnings,
        };
        Site {
            analysis,
            model,
            graph: &analysis.graph,
            pages,
            info,
            repo,
            findings_by_doc,
            finding_doc,
        }
    }

    /// Every file to render, in a fixed order.
    fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Index, Job::Findings, Job::Mkdocs, Job::PlaybookIndex];
        for &kind in Kind::ALL {
            if self.model.of_kind(kind).next().is_some() && kind != Kind::Playbook {
                jobs.push(Job::KindIndex(kind));
            }
        }
        jobs.extend((0..self.model.docs.len()).map(Job::Doc));
        jobs.extend(self.pages.escalation.keys().cloned().map(Job::Escalation));
        for (d, _) in self.model.of_kind(Kind::PricingPolicy) {
            if self.pages.ladder.contains_key(&d) {
                jobs.push(Job::PricingLadder(d));
            }
        }
        for (d, _) in self.model.of_kind(Kind::StageGate) {
            jobs.push(Job::Gates(d));
        }
        jobs
    }

    /// The output path (relative to `--out`), template and context of a job.
    fn context(&self, job: &Job) -> (String, &'static str, Value) {
        let docs = |page: &str| format!("{DOCS_DIR}/{page}");
        match job {
            Job::Index => (docs("index.md"), "site/index.md", index::index(self)),
            Job::Findings => (
                docs("findings.md"),
                "site/findings.md",
                index::findings(self),
            ),
            Job::Mkdocs => (
                "mkdocs.yml".to_owned(),
                "site/mkdocs.yml.jinja",
                index::mkdocs(self),
            ),
            Job::KindIndex(kind) => {
                let page = format!("{}/index.md", kind_folder(*kind).0);
                let ctx = index::kind_index(self, &page, *kind);
                (docs(&page), "site/kind-index.md", ctx)
            }
            Job::PlaybookIndex => (
                docs("playbooks/index.md"),
                "playbooks/index.md",
                playbooks::index(self, "playbooks/index.md"),
            ),
            Job::Doc(d) => {
                let page = &self.pages.doc[*d];
                let (template, ctx) = match self.model.docs[*d].kind() {
                    Kind::Playbook => {
                        ("playbooks/playbook.md", playbooks::playbook(self, page, *d))
                    }
                    Kind::Scorecard => (
                        "scorecards/scorecard.md",
                        scorecards::scorecard(self, page, *d),
                    ),
                    _ => ("site/page.md", docs::page(self, page, *d)),
                };
                (docs(page), template, ctx)
            }
            Job::Escalation(decision) => {
                let page = &self.pages.escalation[decision];
                let ctx = playbooks::escalation(self, page, decision);
                (docs(page), "playbooks/escalation.md", ctx)
            }
            Job::PricingLadder(d) => {
                let page = &self.pages.ladder[d];
                let ctx = playbooks::pricing_ladder(self, page, *d);
                (docs(page), "playbooks/pricing-ladder.md", ctx)
            }
            Job::Gates(d) => {
                let page = &self.pages.gates[d];
                let ctx = playbooks::gates(self, page, *d);
                (docs(page), "playbooks/market-entry-gates.md", ctx)
            }
        }
    }

    // -- links -------------------------------------------------------------

    /// A link from page `from` to the page of document `d`.
    pub fn doc_link(&self, from: &str, d: DocId) -> Link {
        Link {
            text: self.model.docs[d].display_name().to_owned(),
            href: Some(relative(from, &self.pages.doc[d])),
        }
    }

    /// A link to the document with this id, or the id as text when there is
    /// none (a dangling reference, already reported as a finding).
    pub fn id_link(&self, from: &str, id: &str) -> Link {
        match self.model.by_id.get(id) {
            Some(&d) => self.doc_link(from, d),
            None => Link::text(format!("{id} (not found)")),
        }
    }

    /// A link to a role, with the person holding it: "CCO (Dana Fox)".
    pub fn role_link(&self, from: &str, id: &str) -> Link {
        match self.model.get::<Role>(id) {
            Some((d, role)) => {
                let mut link = self.doc_link(from, d);
                if let Some(holder) = &role.holder {
                    link.text = format!("{} ({holder})", link.text);
                }
                link
            }
            None => Link::text(format!("{id} (not a declared role)")),
        }
    }

    pub fn id_links(&self, from: &str, ids: &[String]) -> Cell {
        ids.iter().map(|id| self.id_link(from, id)).collect()
    }

    pub fn role_links(&self, from: &str, ids: &[String]) -> Cell {
        ids.iter().map(|id| self.role_link(from, id)).collect()
    }

    /// A link to the generated escalation playbook of a decision.
    pub fn decision_link(&self, from: &str, decision: &str) -> Link {
        match self.pages.escalation.get(decision) {
            Some(page) => Link {
                text: match self.model.decision(decision) {
                    Some((_, dec)) => match &dec.title {
                        Some(t) => format!("{t} ({decision})"),
                        None => decision.to_owned(),
                    },
                    None => decision.to_owned(),
                },
                href: Some(relative(from, page)),
            },
            None => Link::text(format!("{decision} (not a declared decision)")),
        }
    }

    pub fn page_link(&self, from: &str, to: &str, text: impl Into<String>) -> Link {
        Link {
            text: text.into(),
            href: Some(relative(from, to)),
        }
    }

    // -- sources -----------------------------------------------------------

    /// The source of a span in a file: path, line and repository links.
    pub fn source(&self, file: FileId, span: Span) -> Source {
        let f = self.model.sources.file(file);
        let line = f.line_col(span.start).line;
        let (url, edit_url) = match &self.repo {
            Some((repo, branch)) => {
                let path = escape::url_path(&f.path);
                let branch = escape::url_path(branch);
                (
                    Some(format!("{repo}/blob/{branch}/{path}#L{line}")),
                    Some(format!("{repo}/edit/{branch}/{path}")),
                )
            }
            None => (None, None),
        };
        Source {
            path: f.path.clone(),
            line,
            url,
            edit_url,
        }
    }

    /// The source of a document (its first line).
    pub fn doc_source(&self, d: DocId) -> Source {
        let doc = &self.model.docs[d];
        self.source(doc.file, doc.span)
    }

    /// The source of a field of a document.
    pub fn field_source(&self, d: DocId, pointer: &str) -> Source {
        let doc = &self.model.docs[d];
        self.source(doc.file, doc.span(pointer))
    }

    // -- findings ----------------------------------------------------------

    /// The findings of document `d`, for its own page (so without a link
    /// to the page itself).
    pub fn findings_of(&self, from: &str, d: DocId) -> Vec<FindingView> {
        self.findings_by_doc[d]
            .iter()
            .map(|&i| FindingView {
                page: None,
                ..self.finding_view(from, i)
            })
            .collect()
    }

    pub fn finding_view(&self, from: &str, i: usize) -> FindingView {
        let f: &Finding = &self.analysis.findings[i];
        let location = f.primary.as_ref().map(|l| {
            let file = self.model.sources.file(l.file);
            format!("{}:{}", file.path, file.line_col(l.span.start).line)
        });
        FindingView {
            severity: match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: f.rule.code,
            rule: f.rule.name,
            message: f.message.clone(),
            location,
            help: f.help.clone(),
            page: self.finding_doc[i].map(|d| self.doc_link(from, d)),
            escalation: f
                .escalation
                .iter()
                .map(|r| self.role_link(from, r))
                .collect(),
        }
    }

    /// The common part of every document page context.
    pub fn doc_view(&self, from: &str, d: DocId) -> DocView {
        let doc = &self.model.docs[d];
        let common = doc.body.common();
        DocView {
            id: doc.id().to_owned(),
            kind: doc.kind().name(),
            kind_label: kind_label(doc.kind()),
            kind_index: Link {
                text: kind_folder(doc.kind()).1.to_owned(),
                href: Some(relative(
                    from,
                    &format!("{}/index.md", kind_folder(doc.kind()).0),
                )),
            },
            title: doc.display_name().to_owned(),
            description: common.description.map(str::to_owned),
            owner: common.owner.map(|o| self.role_link(from, o)),
            tags: common.tags.to_vec(),
            links: common
                .links
                .iter()
                .map(|l| Link {
                    text: l.title.clone(),
                    href: escape::href(&l.url).map(|_| l.url.clone()),
                })
                .collect(),
            valid_from: common.valid_from.map(|d| d.0.clone()),
            valid_until: common.valid_until.map(|d| d.0.clone()),
            source: self.doc_source(d),
            findings: self.findings_of(from, d),
        }
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

/// Which document each finding belongs to: its subject, or else the
/// document whose span contains the finding's primary location.
fn findings_per_doc(model: &Model, findings: &[Finding]) -> (Vec<Vec<usize>>, Vec<Option<DocId>>) {
    let mut by_file: HashMap<FileId, Vec<DocId>> = HashMap::new();
    for (d, doc) in model.docs.iter().enumerate() {
        by_file.entry(doc.file).or_default().push(d);
    }
    let mut per_doc = vec![Vec::new(); model.docs.len()];
    let mut owner = Vec::with_capacity(findings.len());
    for (i, f) in findings.iter().enumerate() {
        let by_subject = f
            .subject
            .as_deref()
            .and_then(|id| model.by_id.get(id).copied());
        let by_place = || {
            let label = f.primary.as_ref()?;
            by_file.get(&label.file)?.iter().copied().find(|&d| {
                let span = model.docs[d].span;
                span.start <= label.span.start && label.span.start <= span.end
            })
        };
        let d = by_subject.or_else(by_place);
        if let Some(d) = d {
            per_doc[d].push(i);
        }
        owner.push(d);
    }
    (per_doc, owner)
}

/// Serialises a page context for a template.
pub(crate) fn to_value<T: Serialize>(value: &T) -> Value {
    Value::from(Serde(value))
}

/// `in_progress` → `in progress`.
pub(crate) fn words(value: &str) -> String {
    value.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_pages() {
        assert_eq!(relative("index.md", "goals/a.md"), "goals/a.md");
        assert_eq!(
            relative("goals/a.md", "objectives/b.md"),
            "../objectives/b.md"
        );
        assert_eq!(relative("goals/a.md", "goals/c.md"), "c.md");
        assert_eq!(
            relative("playbooks/escalation/x.md", "roles/r.md"),
            "../../roles/r.md"
        );
        assert_eq!(
            relative("playbooks/gates/g.md", "playbooks/index.md"),
            "../index.md"
        );
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("eu-dtc-growth"), "eu-dtc-growth");
        assert_eq!(slug("pricing.exception"), "pricing.exception");
        assert_eq!(slug("../../etc/passwd"), "-.-..-etc-passwd");
        assert_eq!(slug(".hidden"), "-hidden");
        assert_eq!(slug(""), "page");
        assert_eq!(slug("A B<c>"), "a-b-c-");
    }

    #[test]
    fn tidy_collapses_blank_lines_outside_fences() {
        assert_eq!(tidy("\n\na\n\n\n\nb  \n\n"), "a\n\nb\n");
        assert_eq!(tidy("```\nx\n\n\ny\n```\n"), "```\nx\n\n\ny\n```\n");
    }
}
