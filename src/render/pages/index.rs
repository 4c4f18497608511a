//! The pages that show the whole strategy: the index (the strategy on one
//! page with its alignment map), one listing per kind, the findings page and
//! the mkdocs configuration with the navigation.

use serde::Serialize;

use super::alignment::index_map;
use super::scorecards;
use super::status::{fired_text, kpi_status_text};
use crate::finding::Severity;
use crate::model::kinds::{Goal, Initiative, Objective, Scorecard};
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind};
use crate::numbers::pct;
use crate::render::format::{amount, kind_folder, kind_label, objective_status, readable};
use crate::render::site::Site;
use crate::render::view::{FindingView, Link, MapView, SiteInfo, Table, cell, to_value};

/// Longest list of pages in one navigation section. mkdocs renders the
/// whole navigation into every page, so a navigation of thousands of pages
/// makes the build quadratic; longer lists are reached through the listing
/// page of their section instead.
const NAV_PAGES_PER_LIST: usize = 60;

/// How many findings the index shows before linking to the findings page.
const TOP_FINDINGS: usize = 10;

/// The order of kinds in the navigation and on the index.
pub(crate) const NAV_ORDER: &[Kind] = &[
    Kind::Goal,
    Kind::Objective,
    Kind::Initiative,
    Kind::Kpi,
    Kind::Scorecard,
    Kind::Playbook,
    Kind::Trigger,
    Kind::Role,
    Kind::DecisionRights,
    Kind::Market,
    Kind::Channel,
    Kind::ChannelPolicy,
    Kind::PricingPolicy,
    Kind::StageGate,
    Kind::Exception,
    Kind::Segment,
    Kind::Budget,
    Kind::DataPolicy,
    Kind::Experiment,
    Kind::Scenario,
    Kind::Brand,
    Kind::Deal,
];

#[derive(Serialize)]
struct Browse {
    link: Link,
    count: usize,
}

#[derive(Serialize)]
struct FindingsSummary {
    errors: usize,
    warnings: usize,
    top: Vec<FindingView>,
    more: usize,
    link: Link,
}

#[derive(Serialize)]
struct ScorecardSummary {
    link: Link,
    summary: String,
}

#[derive(Serialize)]
struct IndexContext<'a> {
    site: &'a SiteInfo,
    map: MapView,
    goals: Table,
    objectives: Table,
    initiatives: Table,
    scorecards: Vec<ScorecardSummary>,
    playbooks: Link,
    findings: FindingsSummary,
    browse: Vec<Browse>,
}

pub(crate) fn index(site: &Site<'_>) -> minijinja::Value {
    let page = "index.md";
    let model = site.model;
    let link = |d: DocId| site.doc_link(page, d);
    let owner = |d: DocId| site.owner_cell(page, d);
    let goals = Table {
        columns: vec![
            "Goal".into(),
            "Horizon".into(),
            "Objectives".into(),
            "Owner".into(),
        ],
        rows: model
            .all::<Goal>()
            .map(|(d, g)| {
                let objectives = objectives_of(site, d);
                vec![
                    vec![link(d)],
                    cell(g.horizon.0.clone()),
                    objectives.iter().map(|&o| link(o)).collect(),
                    owner(d),
                ]
            })
            .collect(),
    };
    let objectives = Table {
        columns: vec![
            "Objective".into(),
            "Supports".into(),
            "Status".into(),
            "KPIs".into(),
        ],
        rows: model
            .all::<Objective>()
            .map(|(d, o)| {
                vec![
                    vec![link(d)],
                    o.supports
                        .iter()
                        .map(|s| site.id_link(page, s.id()))
                        .collect(),
                    cell(objective_status(o)),
                    site.id_links(page, &o.kpis),
                ]
            })
            .collect(),
    };
    let initiatives = Table {
        columns: vec![
            "Initiative".into(),
            "Status".into(),
            "Type".into(),
            "Advances".into(),
            "Owner".into(),
        ],
        rows: model
            .all::<Initiative>()
            .map(|(d, i)| {
                vec![
                    vec![link(d)],
                    cell(readable(i.status.as_str())),
                    cell(readable(i.kind.as_str())),
                    site.id_links(page, &i.advances),
                    owner(d),
                ]
            })
            .collect(),
    };
    let scorecards = model
        .all::<Scorecard>()
        .map(|(d, s)| ScorecardSummary {
            link: link(d),
            summary: scorecards::summary(site, s),
        })
        .collect();
    let findings = &site.analysis.findings;
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].severity != Severity::Error);
    let top: Vec<FindingView> = order
        .iter()
        .take(TOP_FINDINGS)
        .map(|&i| site.finding_view(page, i))
        .collect();
    let context = IndexContext {
        site: &site.info,
        map: index_map(site, page),
        goals,
        objectives,
        initiatives,
        scorecards,
        playbooks: site.page_link(page, "playbooks/index.md", "Playbooks"),
        findings: FindingsSummary {
            errors: site.info.errors,
            warnings: site.info.warnings,
            more: findings.len().saturating_sub(top.len()),
            top,
            link: site.page_link(page, "findings.md", "All findings"),
        },
        browse: browse(site, page),
    };
    to_value(&context)
}

fn browse(site: &Site<'_>, page: &str) -> Vec<Browse> {
    NAV_ORDER
        .iter()
        .filter_map(|&kind| {
            let count = site.model.of_kind(kind).count();
            (count > 0).then(|| {
                let (folder, title) = kind_folder(kind);
                Browse {
                    link: site.page_link(page, &format!("{folder}/index.md"), title),
                    count,
                }
            })
        })
        .collect()
}

/// Objectives that support goal `d` directly.
fn objectives_of(site: &Site<'_>, d: DocId) -> Vec<DocId> {
    let mut v = site.graph.linked_from(d, Edge::Supports);
    v.retain(|&s| site.model.docs[s].kind() == Kind::Objective);
    v
}

#[derive(Serialize)]
struct KindIndexContext<'a> {
    site: &'a SiteInfo,
    kind: &'static str,
    kind_label: &'static str,
    title: &'static str,
    table: Table,
}

pub(crate) fn kind_index(site: &Site<'_>, page: &str, kind: Kind) -> minijinja::Value {
    let rows = site
        .model
        .of_kind(kind)
        .map(|(d, doc)| {
            vec![
                vec![site.doc_link(page, d)],
                cell(doc.id()),
                site.owner_cell(page, d),
                cell(details(site, &doc.body)),
            ]
        })
        .collect();
    let context = KindIndexContext {
        site: &site.info,
        kind: kind.name(),
        kind_label: kind_label(kind),
        title: kind_folder(kind).1,
        table: Table {
            columns: vec!["Name".into(), "Id".into(), "Owner".into(), "Details".into()],
            rows,
        },
    };
    to_value(&context)
}

/// One short line about a document for its kind's listing.
fn details(site: &Site<'_>, body: &Body) -> String {
    match body {
        Body::Goal(g) => format!("horizon {}", g.horizon.0),
        Body::Objective(o) => objective_status(o),
        Body::Initiative(i) => format!(
            "{}, {}",
            readable(i.status.as_str()),
            readable(i.kind.as_str())
        ),
        Body::Kpi(k) => kpi_status_text(site, &k.id),
        Body::Role(r) => r.holder.clone().unwrap_or_default(),
        Body::DecisionRights(r) => format!("{} decisions", r.decisions.len()),
        Body::Market(m) => match &m.region {
            Some(region) => format!("{region}, {}", m.currency),
            None => m.currency.clone(),
        },
        Body::Channel(c) => format!("{}, {}", readable(c.kind.as_str()), c.status.as_str()),
        Body::ChannelPolicy(_) => String::new(),
        Body::PricingPolicy(p) => format!("{} categories", p.categories.len()),
        Body::StageGate(g) => format!("{} gates", g.gates.len()),
        Body::Exception(e) => format!("waives {} for {} until {}", e.rule, e.subject, e.expires.0),
        Body::Segment(s) => s.basis.as_str().to_owned(),
        Body::Budget(b) => format!("{}, {}", b.period.0, amount(&b.total)),
        Body::DataPolicy(_) => String::new(),
        Body::Scorecard(s) => scorecards::summary(site, s),
        Body::Trigger(t) => fired_text(site, t).to_owned(),
        Body::Playbook(p) => format!("{} steps", p.steps.len()),
        Body::Experiment(x) => format!("{}, {} variants", x.status.as_str(), x.variants.len()),
        Body::Scenario(x) => match x.shocks.len() {
            1 => "1 shock".to_owned(),
            n => format!("{n} shocks"),
        },
        Body::Brand(b) => readable(b.architecture.as_str()),
        Body::Deal(x) => format!(
            "{}, {} off {}",
            x.outcome.as_str(),
            pct(x.discount_pct.0),
            amount(&x.deal_size)
        ),
    }
}

#[derive(Serialize)]
struct FindingsContext<'a> {
    site: &'a SiteInfo,
    errors: Vec<FindingView>,
    warnings: Vec<FindingView>,
}

pub(crate) fn findings(site: &Site<'_>) -> minijinja::Value {
    let page = "findings.md";
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for (i, f) in site.analysis.findings.iter().enumerate() {
        let view = site.finding_view(page, i);
        match f.severity {
            Severity::Error => errors.push(view),
            Severity::Warning => warnings.push(view),
        }
    }
    to_value(&FindingsContext {
        site: &site.info,
        errors,
        warnings,
    })
}

#[derive(Serialize)]
struct NavSection {
    title: String,
    pages: Vec<String>,
    groups: Vec<NavGroup>,
}

#[derive(Serialize)]
struct NavGroup {
    title: String,
    pages: Vec<String>,
}

#[derive(Serialize)]
struct MkdocsContext<'a> {
    site: &'a SiteInfo,
    nav: Vec<NavSection>,
    /// Every page is in the navigation (no list was too long).
    complete: bool,
}

pub(crate) fn mkdocs(site: &Site<'_>) -> minijinja::Value {
    let mut nav = Vec::new();
    let mut complete = true;
    // A long list leaves the navigation to the listing page of its section.
    let mut listed = |pages: Vec<String>| {
        if pages.len() > NAV_PAGES_PER_LIST {
            complete = false;
            Vec::new()
        } else {
            pages
        }
    };
    for &kind in NAV_ORDER {
        let (folder, title) = kind_folder(kind);
        let docs: Vec<String> = site
            .model
            .of_kind(kind)
            .map(|(d, _)| site.pages.doc[d].clone())
            .collect();
        if kind == Kind::Playbook {
            let escalation: Vec<String> = site.pages.escalation.values().cloned().collect();
            let ladders: Vec<String> = site
                .model
                .of_kind(Kind::PricingPolicy)
                .filter_map(|(d, _)| site.pages.ladder.get(&d).cloned())
                .collect();
            let gates: Vec<String> = site
                .model
                .of_kind(Kind::StageGate)
                .filter_map(|(d, _)| site.pages.gates.get(&d).cloned())
                .collect();
            let mut groups = Vec::new();
            for (title, pages) in [
                ("Escalation paths", escalation),
                ("Pricing exception ladders", ladders),
                ("Market-entry gates", gates),
            ] {
                let pages = listed(pages);
                if !pages.is_empty() {
                    groups.push(NavGroup {
                        title: title.to_owned(),
                        pages,
                    });
                }
            }
            let mut pages = vec!["playbooks/index.md".to_owned()];
            pages.extend(listed(docs));
            nav.push(NavSection {
                title: title.to_owned(),
                pages,
                groups,
            });
            continue;
        }
        if docs.is_empty() {
            continue;
        }
        let mut pages = vec![format!("{folder}/index.md")];
        if kind == Kind::Deal {
            // The deals of each policy, open, won and lost, before the deals themselves.
            pages.extend(
                site.model
                    .of_kind(Kind::PricingPolicy)
                    .filter_map(|(d, _)| site.pages.deals.get(&d).cloned()),
            );
        }
        pages.extend(listed(docs));
        nav.push(NavSection {
            title: title.to_owned(),
            pages,
            groups: Vec::new(),
        });
    }
    to_value(&MkdocsContext {
        site: &site.info,
        nav,
        complete,
    })
}
