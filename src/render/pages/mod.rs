//! The page builders. Each document gets one page: its own fields as facts
//! and tables, and its links in both directions through the graph (an
//! objective lists the initiatives that advance it and the KPIs that measure
//! it, a role the decisions it is accountable for, and so on). The builders
//! of document pages are grouped by the family of their kinds; the
//! site-wide pages, playbooks and scorecards have their own files.

mod alignment;
mod builder;
mod channels;
mod charts;
mod data;
mod governance;
pub(crate) mod index;
mod kpis;
mod planning;
pub(crate) mod playbooks;
mod pricing;
pub(crate) mod scorecards;
mod status;

use serde::Serialize;

use super::site::Site;
use super::view::{DocView, Fact, MapView, Section, SiteInfo, to_value};
use crate::model::{Body, DocId};
use builder::Builder;

/// The context of `site/page.md`.
#[derive(Serialize)]
struct PageContext<'a> {
    site: &'a SiteInfo,
    doc: DocView,
    facts: Vec<Fact>,
    sections: Vec<Section>,
    map: Option<MapView>,
    /// The document as written, for templates that want any other field.
    data: &'a Body,
}

pub(crate) use pricing::deals;

pub(crate) fn page(site: &Site<'_>, page: &str, d: DocId) -> minijinja::Value {
    let mut b = Builder {
        site,
        page,
        facts: Vec::new(),
        sections: Vec::new(),
    };
    let doc = &site.model.docs[d];
    let mut map = None;
    match &doc.body {
        Body::Goal(g) => {
            b.goal(d, g);
            map = Some(alignment::goal_map(site, page, d));
        }
        Body::Objective(o) => {
            b.objective(d, o);
            map = Some(alignment::objective_map(site, page, d));
        }
        Body::Kpi(k) => b.kpi(d, k),
        Body::Initiative(i) => b.initiative(d, i),
        Body::Role(r) => b.role_page(d, r),
        Body::DecisionRights(r) => b.decision_rights(d, r),
        Body::Market(m) => b.market(d, m),
        Body::Channel(c) => b.channel(d, c),
        Body::ChannelPolicy(p) => b.channel_policy(p),
        Body::PricingPolicy(p) => b.pricing_policy(d, p),
        Body::StageGate(g) => b.stage_gate(d, g),
        Body::Exception(e) => b.exception(e),
        Body::Segment(s) => b.segment(d, s),
        Body::Budget(x) => b.budget(d, x),
        Body::DataPolicy(p) => b.data_policy(p),
        Body::Trigger(t) => b.trigger(t),
        Body::Experiment(x) => b.experiment(d, x),
        Body::Scenario(x) => b.scenario(d, x),
        Body::Brand(x) => b.brand(d, x),
        Body::Deal(x) => b.deal(d, x),
        // Scorecards and playbooks have their own templates; this is the
        // fallback an override of `site/page.md` may still be given.
        Body::Scorecard(_) | Body::Playbook(_) => {}
    }
    let context = PageContext {
        site: &site.info,
        doc: site.doc_view(page, d),
        facts: b.facts,
        sections: b.sections,
        map,
        data: &doc.body,
    };
    to_value(&context)
}
