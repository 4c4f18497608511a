//! What every page builder shares: the analysis, the page paths, site
//! settings, and links, sources and findings as pages show them.

use std::collections::HashMap;

use super::escape;
use super::format::{kind_folder, kind_label, readable};
use super::paths::{Pages, relative};
use super::rollup::{Rollup, rollups};
use super::svg::{self, Tone};
use super::view::{Cell, DocView, FindingView, Link, SiteInfo, Source, cell};
use crate::analysis::Analysis;
use crate::diagnostics::Summary;
use crate::finding::Finding;
use crate::graph::Graph;
use crate::metrics::Rag;
use crate::model::kinds::{InitiativeStatus, ObjectiveStatus, Role};
use crate::model::{Body, DocId, Model};
use crate::source::{FileId, Span};

/// Everything the page builders share: the analysis, page paths, site
/// settings and the findings of each document.
pub(crate) struct Site<'a> {
    pub analysis: &'a Analysis,
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub pages: Pages,
    pub info: SiteInfo,
    /// The explainable status of every goal and objective.
    pub rollups: Vec<Option<Rollup>>,
    repo: Option<(String, String)>,
    /// Indexes into `analysis.findings`, per document.
    findings_by_doc: Vec<Vec<usize>>,
    /// The page each finding is shown on.
    finding_doc: Vec<Option<DocId>>,
}

impl<'a> Site<'a> {
    pub(crate) fn new(analysis: &'a Analysis) -> Site<'a> {
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
        let summary = Summary::of(&analysis.findings);
        let info = SiteInfo {
            title: site.title.clone().unwrap_or_else(|| "Strategy".to_owned()),
            as_of: analysis.as_of.to_string(),
            repo_url: repo.as_ref().map(|(u, _)| u.clone()),
            theme: site.theme.unwrap_or_default().name(),
            errors: summary.errors,
            warnings: summary.warnings,
        };
        Site {
            analysis,
            model,
            graph: &analysis.graph,
            pages,
            info,
            rollups: rollups(model, &analysis.graph),
            repo,
            findings_by_doc,
            finding_doc,
        }
    }

    // -- links -------------------------------------------------------------

    /// A link from page `from` to the page of document `d`.
    pub(crate) fn doc_link(&self, from: &str, d: DocId) -> Link {
        Link {
            text: self.model.docs[d].display_name().to_owned(),
            href: Some(relative(from, &self.pages.doc[d])),
        }
    }

    /// A link to the document with this id, or the id as text when there is
    /// none (a dangling reference, already reported as a finding).
    pub(crate) fn id_link(&self, from: &str, id: &str) -> Link {
        match self.model.by_id.get(id) {
            Some(&d) => self.doc_link(from, d),
            None => Link::text(format!("{id} (not found)")),
        }
    }

    /// A link to a role, with the person holding it: "CCO (Dana Fox)".
    pub(crate) fn role_link(&self, from: &str, id: &str) -> Link {
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

    /// One row per document: its link and its kind.
    pub(crate) fn doc_kind_rows(&self, from: &str, docs: &[DocId]) -> Vec<Vec<Cell>> {
        docs.iter()
            .map(|&d| {
                vec![
                    vec![self.doc_link(from, d)],
                    cell(kind_label(self.model.docs[d].kind())),
                ]
            })
            .collect()
    }

    /// The owner of document `d` as a cell (empty when it names none).
    pub(crate) fn owner_cell(&self, from: &str, d: DocId) -> Cell {
        self.model.docs[d]
            .body
            .common()
            .owner
            .map(|o| vec![self.role_link(from, o)])
            .unwrap_or_default()
    }

    pub(crate) fn id_links(&self, from: &str, ids: &[String]) -> Cell {
        ids.iter().map(|id| self.id_link(from, id)).collect()
    }

    pub(crate) fn role_links(&self, from: &str, ids: &[String]) -> Cell {
        ids.iter().map(|id| self.role_link(from, id)).collect()
    }

    /// A link to the generated escalation playbook of a decision.
    pub(crate) fn decision_link(&self, from: &str, decision: &str) -> Link {
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

    pub(crate) fn page_link(&self, from: &str, to: &str, text: impl Into<String>) -> Link {
        Link {
            text: text.into(),
            href: Some(relative(from, to)),
        }
    }

    /// The URL of document `d`'s built page from page `from`, for links in
    /// pictures (raw HTML, which mkdocs does not rewrite).
    pub(crate) fn page_url(&self, from: &str, d: DocId) -> String {
        svg::page_url(&relative(from, &self.pages.doc[d]))
    }

    // -- status ------------------------------------------------------------

    /// The rolled-up red/amber/green of a goal or objective, if known.
    pub(crate) fn rag_of(&self, d: DocId) -> Option<Rag> {
        self.rollups.get(d)?.as_ref()?.rag
    }

    /// How a goal, objective or initiative is shown on a map: its colour
    /// and its status in words.
    pub(crate) fn tone_of(&self, d: DocId) -> (Tone, String) {
        let doc = &self.model.docs[d];
        let retired =
            matches!(&doc.body, Body::Objective(o) if o.status == Some(ObjectiveStatus::Retired));
        if let Some(rag) = self.rag_of(d).filter(|_| !retired) {
            return (rag_tone(rag), rag.as_str().to_owned());
        }
        match &doc.body {
            Body::Initiative(i) => {
                let tone = match i.status {
                    InitiativeStatus::Proposed => Tone::Planned,
                    InitiativeStatus::Approved | InitiativeStatus::InProgress => Tone::Active,
                    InitiativeStatus::Launched | InitiativeStatus::Completed => Tone::Done,
                    InitiativeStatus::Cancelled => Tone::Muted,
                };
                (tone, readable(i.status.as_str()))
            }
            Body::Objective(o) => match o.status {
                Some(ObjectiveStatus::Retired) => (Tone::Muted, "retired".to_owned()),
                Some(ObjectiveStatus::Draft) => (Tone::Planned, "draft".to_owned()),
                _ => (Tone::Active, "no KPI status yet".to_owned()),
            },
            _ => (Tone::Active, "no KPI status yet".to_owned()),
        }
    }

    // -- sources -----------------------------------------------------------

    /// The source of a span in a file: path, line and repository links.
    pub(crate) fn source(&self, file: FileId, span: Span) -> Source {
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
    pub(crate) fn doc_source(&self, d: DocId) -> Source {
        let doc = &self.model.docs[d];
        self.source(doc.file, doc.span)
    }

    /// The source of a field of a document.
    pub(crate) fn field_source(&self, d: DocId, pointer: &str) -> Source {
        let doc = &self.model.docs[d];
        self.source(doc.file, doc.span(pointer))
    }

    // -- findings ----------------------------------------------------------

    /// The findings of document `d`, for its own page (so without a link
    /// to the page itself).
    pub(crate) fn findings_of(&self, from: &str, d: DocId) -> Vec<FindingView> {
        self.findings_by_doc[d]
            .iter()
            .map(|&i| FindingView {
                page: None,
                ..self.finding_view(from, i)
            })
            .collect()
    }

    pub(crate) fn finding_view(&self, from: &str, i: usize) -> FindingView {
        let f: &Finding = &self.analysis.findings[i];
        let location = f.primary.as_ref().map(|l| {
            let file = self.model.sources.file(l.file);
            format!("{}:{}", file.path, file.line_col(l.span.start).line)
        });
        FindingView {
            severity: f.severity.as_str(),
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
    pub(crate) fn doc_view(&self, from: &str, d: DocId) -> DocView {
        let doc = &self.model.docs[d];
        let common = doc.body.common();
        DocView {
            id: doc.id().to_owned(),
            kind: doc.kind().name(),
            kind_label: kind_label(doc.kind()),
            kind_index: {
                let (folder, title) = kind_folder(doc.kind());
                self.page_link(from, &format!("{folder}/index.md"), title)
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

/// The colour of a red/amber/green status.
pub(crate) fn rag_tone(rag: Rag) -> Tone {
    match rag {
        Rag::Red => Tone::Red,
        Rag::Amber => Tone::Amber,
        Rag::Green => Tone::Green,
    }
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
