//! One page per document: the document's own fields as facts and tables,
//! and its links in both directions through the graph (an objective lists
//! the initiatives that advance it and the KPIs that measure it, a role the
//! decisions it is accountable for, and so on).

use petgraph::Direction;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::{
    Cell, DocView, Fact, Link, Map, Section, Site, SiteInfo, Table, cell, index, to_value, words,
};
use crate::graph::NodeRef;
use crate::metrics;
use crate::model::kinds::*;
use crate::model::refs::Edge;
use crate::model::values::Money;
use crate::model::{Body, DocId, Kind};
use crate::numbers::{in_unit, money, pct, plain};

/// The context of `site/page.md`.
#[derive(Serialize)]
struct PageContext<'a> {
    site: &'a SiteInfo,
    doc: DocView,
    facts: Vec<Fact>,
    sections: Vec<Section>,
    map: Option<Map>,
    /// The document as written, for templates that want any other field.
    data: &'a Body,
}

pub(super) fn page(site: &Site<'_>, page: &str, d: DocId) -> minijinja::Value {
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
            map = Some(index::goal_map(site, d));
        }
        Body::Objective(o) => b.objective(d, o),
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

pub(super) struct Builder<'s, 'a> {
    pub site: &'s Site<'a>,
    pub page: &'s str,
    pub facts: Vec<Fact>,
    pub sections: Vec<Section>,
}

/// A money amount: `EUR 1.2M`.
pub(super) fn amount(m: &Money) -> String {
    money(m.amount, &m.currency)
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

impl<'s, 'a> Builder<'s, 'a> {
    fn fact(&mut self, label: &str, value: Cell) {
        if !value.is_empty() {
            self.facts.push(Fact {
                label: label.to_owned(),
                value,
            });
        }
    }

    fn text(&mut self, label: &str, value: Option<String>) {
        if let Some(v) = value {
            self.fact(label, cell(v));
        }
    }

    fn table(&mut self, title: &str, columns: &[&str], rows: Vec<Vec<Cell>>, empty: Option<&str>) {
        if rows.is_empty() && empty.is_none() {
            return;
        }
        self.sections.push(Section {
            title: title.to_owned(),
            table: (!rows.is_empty()).then(|| Table {
                columns: columns.iter().map(|c| (*c).to_owned()).collect(),
                rows,
            }),
            empty: empty.map(str::to_owned),
            ..Section::default()
        });
    }

    fn list(&mut self, title: &str, items: Vec<Cell>, empty: Option<&str>) {
        if items.is_empty() && empty.is_none() {
            return;
        }
        self.sections.push(Section {
            title: title.to_owned(),
            list: items,
            empty: empty.map(str::to_owned),
            ..Section::default()
        });
    }

    /// Documents pointing at `d` through `edge`, optionally of one kind,
    /// each once, in model order.
    fn incoming(&self, d: DocId, edge: Edge, kind: Option<Kind>) -> Vec<DocId> {
        let mut out: Vec<DocId> = self
            .site
            .graph
            .sources(d, edge)
            .map(|(s, _)| s)
            .filter(|&s| kind.is_none_or(|k| self.site.model.docs[s].kind() == k))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn link(&self, d: DocId) -> Link {
        self.site.doc_link(self.page, d)
    }

    fn links(&self, docs: &[DocId]) -> Vec<Cell> {
        docs.iter().map(|&d| vec![self.link(d)]).collect()
    }

    fn id(&self, id: &str) -> Link {
        self.site.id_link(self.page, id)
    }

    fn ids(&self, ids: &[String]) -> Cell {
        self.site.id_links(self.page, ids)
    }

    fn role(&self, id: &str) -> Link {
        self.site.role_link(self.page, id)
    }

    fn owner_cell(&self, d: DocId) -> Cell {
        self.site.model.docs[d]
            .body
            .common()
            .owner
            .map(|o| vec![self.role(o)])
            .unwrap_or_default()
    }

    /// A value in the unit of the KPI with this id (plain when unknown).
    fn kpi_value(&self, kpi: &str, value: f64) -> String {
        match self.site.model.get::<Kpi>(kpi) {
            Some((_, k)) => in_unit(value, &k.unit),
            None => plain(value, 2),
        }
    }

    /// Status of an initiative or objective, for tables.
    fn status_of(&self, d: DocId) -> Cell {
        match &self.site.model.docs[d].body {
            Body::Initiative(i) => cell(words(i.status.as_str())),
            Body::Objective(o) => cell(words(o.status.map_or("active", |s| s.as_str()))),
            _ => Vec::new(),
        }
    }

    /// The KPI's status in one short sentence: "red: EUR 51.3 in 2027-Q2, 14% worse than target".
    pub(super) fn kpi_status_text(&self, kpi: &str) -> String {
        kpi_status_text(self.site, kpi)
    }

    // -- kinds -------------------------------------------------------------

    fn goal(&mut self, d: DocId, g: &Goal) {
        self.text("Horizon", Some(g.horizon.0.clone()));
        self.fact("Owner", self.owner_cell(d));
        let rows = g
            .targets
            .iter()
            .map(|t| {
                vec![
                    vec![self.id(&t.kpi)],
                    cell(self.kpi_value(&t.kpi, t.value)),
                    cell(t.by.0.clone()),
                    cell(self.kpi_status_text(&t.kpi)),
                ]
            })
            .collect();
        self.table(
            "Targets",
            &["KPI", "Target", "By", "Latest status"],
            rows,
            Some("A qualitative goal: the KPIs of its objectives measure it."),
        );
        let objectives = self.incoming(d, Edge::Supports, Some(Kind::Objective));
        let rows = objectives
            .iter()
            .map(|&o| {
                let weight = self.support_weight(o, d);
                let initiatives = self.incoming(o, Edge::Advances, Some(Kind::Initiative));
                vec![
                    vec![self.link(o)],
                    cell(weight),
                    self.status_of(o),
                    initiatives.iter().map(|&i| self.link(i)).collect(),
                ]
            })
            .collect();
        self.table(
            "Objectives supporting this goal",
            &["Objective", "Weight", "Status", "Initiatives advancing it"],
            rows,
            Some("No objective supports this goal yet."),
        );
    }

    /// The weight an objective gives a parent, as written.
    fn support_weight(&self, child: DocId, parent: DocId) -> String {
        let parent_id = self.site.model.docs[parent].id();
        match &self.site.model.docs[child].body {
            Body::Objective(o) => o
                .supports
                .iter()
                .find(|s| s.id() == parent_id)
                .and_then(|s| s.weight_pct())
                .map(pct)
                .unwrap_or_else(|| "—".to_owned()),
            _ => "—".to_owned(),
        }
    }

    fn objective(&mut self, d: DocId, o: &Objective) {
        self.text(
            "Status",
            Some(words(o.status.map_or("active", |s| s.as_str()))),
        );
        self.text("Priority", o.priority.map(|p| words(p.as_str())));
        self.text("Category", o.category.map(|c| c.as_str().to_owned()));
        self.text("Horizon", o.horizon.as_ref().map(|h| h.0.clone()));
        self.fact("Markets", self.ids(&o.markets));
        self.fact("Owner", self.owner_cell(d));
        let rows = o
            .supports
            .iter()
            .map(|s| {
                vec![
                    vec![self.id(s.id())],
                    cell(s.weight_pct().map(pct).unwrap_or_else(|| "—".to_owned())),
                ]
            })
            .collect();
        self.table(
            "Supports",
            &["Goal or objective", "Weight"],
            rows,
            Some("This objective supports no goal yet."),
        );
        let children = self.incoming(d, Edge::Supports, Some(Kind::Objective));
        let rows = children
            .iter()
            .map(|&c| {
                vec![
                    vec![self.link(c)],
                    cell(self.support_weight(c, d)),
                    self.status_of(c),
                ]
            })
            .collect();
        self.table(
            "Supported by objectives",
            &["Objective", "Weight", "Status"],
            rows,
            None,
        );
        let initiatives = self.incoming(d, Edge::Advances, Some(Kind::Initiative));
        let rows = initiatives
            .iter()
            .map(|&i| {
                let kind = match &self.site.model.docs[i].body {
                    Body::Initiative(x) => words(x.kind.as_str()),
                    _ => String::new(),
                };
                vec![
                    vec![self.link(i)],
                    self.status_of(i),
                    cell(kind),
                    self.owner_cell(i),
                ]
            })
            .collect();
        self.table(
            "Initiatives advancing this objective",
            &["Initiative", "Status", "Type", "Owner"],
            rows,
            Some("No initiative advances this objective yet."),
        );
        let rows = o
            .kpis
            .iter()
            .map(|k| vec![vec![self.id(k)], cell(self.kpi_status_text(k))])
            .collect();
        self.table(
            "Measured by",
            &["KPI", "Latest status"],
            rows,
            Some("No KPI measures this objective yet."),
        );
        self.funded_by(d);
    }

    fn funded_by(&mut self, d: DocId) {
        let id = self.site.model.docs[d].id().to_owned();
        let mut rows = Vec::new();
        for b in self.incoming(d, Edge::Funds, Some(Kind::Budget)) {
            if let Body::Budget(budget) = &self.site.model.docs[b].body {
                for a in budget.allocations.iter().filter(|a| a.to == id) {
                    rows.push(vec![
                        vec![self.link(b)],
                        cell(budget.period.0.clone()),
                        cell(pct(a.share_pct.0)),
                        cell(money(
                            budget.total.amount * a.share_pct.0 / 100.0,
                            &budget.total.currency,
                        )),
                        cell(
                            a.spent
                                .as_ref()
                                .map(amount)
                                .unwrap_or_else(|| "—".to_owned()),
                        ),
                    ]);
                }
            }
        }
        self.table(
            "Budget",
            &["Budget", "Period", "Share", "Amount", "Spent"],
            rows,
            None,
        );
    }

    fn kpi(&mut self, d: DocId, k: &Kpi) {
        let model = self.site.model;
        let id = model.docs[d].id().to_owned();
        self.text("Status", Some(self.kpi_status_text(&id)));
        self.text("Unit", Some(k.unit.clone()));
        self.text("Direction", Some(words(k.direction.as_str())));
        self.text("Category", k.category.map(|c| c.as_str().to_owned()));
        self.text("Cadence", k.cadence.map(|c| c.as_str().to_owned()));
        self.text(
            "Thresholds",
            k.thresholds.as_ref().map(|t| {
                format!(
                    "amber from {} worse than target, red from {}",
                    pct(t.amber_pct.0),
                    pct(t.red_pct.0)
                )
            }),
        );
        self.text("Formula", k.formula.clone());
        self.fact("Owner", self.owner_cell(d));
        let rows = k
            .targets
            .iter()
            .map(|t| vec![cell(t.period.0.clone()), cell(in_unit(t.value, &k.unit))])
            .collect();
        self.table(
            "Targets",
            &["Period", "Target"],
            rows,
            Some("No target set yet."),
        );
        let actuals = model.actuals.rows(&id);
        let shown = &actuals[actuals.len().saturating_sub(12)..];
        let rows = shown
            .iter()
            .rev()
            .map(|row| {
                let target = metrics::target_for(k, &row.period);
                let source = self.site.source(row.file, row.span);
                vec![
                    cell(row.period.0.clone()),
                    cell(in_unit(row.actual, &k.unit)),
                    cell(
                        row.forecast
                            .map(|f| in_unit(f, &k.unit))
                            .unwrap_or_else(|| "—".to_owned()),
                    ),
                    cell(
                        target
                            .map(|t| in_unit(t, &k.unit))
                            .unwrap_or_else(|| "—".to_owned()),
                    ),
                    vec![Link {
                        text: format!("{}:{}", source.path, source.line),
                        href: source.url,
                    }],
                ]
            })
            .collect();
        self.table(
            "Actuals (latest first)",
            &["Period", "Actual", "Forecast", "Target", "Source"],
            rows,
            Some("No actuals yet."),
        );
        let objectives = self.incoming(d, Edge::MeasuredBy, Some(Kind::Objective));
        let items = self.links(&objectives);
        self.list("Measures objectives", items, None);
        let goals = self.incoming(d, Edge::TargetsKpi, Some(Kind::Goal));
        let items = self.links(&goals);
        self.list("Target of goals", items, None);
        let scorecards = self.incoming(d, Edge::Shows, Some(Kind::Scorecard));
        let items = self.links(&scorecards);
        self.list("Shown on scorecards", items, None);
        let mut rows = Vec::new();
        for t in self.incoming(d, Edge::Watches, Some(Kind::Trigger)) {
            if let Body::Trigger(trigger) = &model.docs[t].body {
                let fired = metrics::evaluate_trigger(model, trigger).fired;
                rows.push(vec![
                    vec![self.link(t)],
                    cell(if fired { "fired" } else { "not fired" }),
                ]);
            }
        }
        self.table("Watched by triggers", &["Trigger", "State"], rows, None);
        let mut rows = Vec::new();
        for i in self.incoming(d, Edge::Impacts, Some(Kind::Initiative)) {
            if let Body::Initiative(init) = &model.docs[i].body {
                for e in init.expected_impact.iter().filter(|e| e.kpi == id) {
                    rows.push(vec![vec![self.link(i)], cell(signed(e.delta, &k.unit))]);
                }
            }
        }
        self.table(
            "Initiatives expecting an impact",
            &["Initiative", "Expected change"],
            rows,
            None,
        );
        let uses: Vec<DocId> = self
            .site
            .graph
            .targets(d, Edge::Formula)
            .map(|(t, _)| t)
            .collect();
        let items = self.links(&uses);
        self.list("Computed from", items, None);
        let used_by = self.incoming(d, Edge::Formula, Some(Kind::Kpi));
        let items = self.links(&used_by);
        self.list("Used in the formula of", items, None);
    }

    fn initiative(&mut self, d: DocId, i: &Initiative) {
        self.text("Status", Some(words(i.status.as_str())));
        self.text("Type", Some(words(i.kind.as_str())));
        self.text("Priority", i.priority.map(|p| words(p.as_str())));
        self.fact("Owner", self.owner_cell(d));
        self.fact("Markets", self.ids(&i.markets));
        self.fact("Channels", self.ids(&i.channels));
        self.fact("Segments", self.ids(&i.segments));
        self.text(
            "Pricing categories",
            (!i.categories.is_empty()).then(|| i.categories.join(", ")),
        );
        self.text("Start", i.start.as_ref().map(|s| s.0.clone()));
        self.text("End", i.end.as_ref().map(|s| s.0.clone()));
        self.text("Budget", i.budget.as_ref().map(amount));
        self.text("Discount", i.discount_pct.map(|p| pct(p.0)));
        if let Some(g) = &i.gates {
            let mut value = vec![self.id(g)];
            if let Some((gd, _)) = self.site.model.get::<StageGate>(g)
                && let Some(page) = self.site.pages.gates.get(&gd)
            {
                value.push(self.site.page_link(self.page, page, "gate status"));
            }
            self.fact("Stage gates", value);
        }
        let rows = i
            .advances
            .iter()
            .map(|o| {
                let goals = match self.site.model.by_id.get(o.as_str()) {
                    Some(&od) => self.goals_above(od),
                    None => Vec::new(),
                };
                vec![
                    vec![self.id(o)],
                    goals.iter().map(|&g| self.link(g)).collect(),
                ]
            })
            .collect();
        self.table(
            "Advances",
            &["Objective", "Towards goals"],
            rows,
            Some("This initiative advances no objective: it is not aligned to any goal."),
        );
        let rows = i
            .gate_log
            .iter()
            .map(|g| {
                vec![
                    cell(g.gate.clone()),
                    cell(g.passed.0.clone()),
                    vec![self.role(&g.approved_by)],
                ]
            })
            .collect();
        self.table(
            "Gates passed",
            &["Gate", "Passed on", "Approved by"],
            rows,
            None,
        );
        let rows = i
            .expected_impact
            .iter()
            .map(|e| {
                let unit = self
                    .site
                    .model
                    .get::<Kpi>(&e.kpi)
                    .map(|(_, k)| k.unit.clone());
                vec![
                    vec![self.id(&e.kpi)],
                    cell(signed(e.delta, unit.as_deref().unwrap_or("ratio"))),
                ]
            })
            .collect();
        self.table("Expected impact", &["KPI", "Expected change"], rows, None);
        self.funded_by(d);
        let mut rows = Vec::new();
        for e in self.incoming(d, Edge::Waives, Some(Kind::Exception)) {
            if let Body::Exception(x) = &self.site.model.docs[e].body {
                rows.push(vec![
                    vec![self.link(e)],
                    cell(x.rule.clone()),
                    cell(x.expires.0.clone()),
                ]);
            }
        }
        self.table(
            "Approved exceptions",
            &["Exception", "Rule waived", "Expires"],
            rows,
            None,
        );
    }

    /// The goals an objective leads to through `supports`, in model order.
    fn goals_above(&self, start: DocId) -> Vec<DocId> {
        let mut seen = vec![start];
        let mut stack = vec![start];
        let mut goals = Vec::new();
        while let Some(o) = stack.pop() {
            for (t, _) in self.site.graph.targets(o, Edge::Supports) {
                if seen.contains(&t) {
                    continue;
                }
                seen.push(t);
                match self.site.model.docs[t].kind() {
                    Kind::Goal => goals.push(t),
                    Kind::Objective => stack.push(t),
                    _ => {}
                }
            }
        }
        goals.sort_unstable();
        goals
    }

    fn role_page(&mut self, d: DocId, r: &Role) {
        self.text("Holder", r.holder.clone());
        self.text("Department", r.department.clone());
        if let Some(to) = &r.reports_to {
            self.fact("Reports to", vec![self.role(to)]);
        }
        self.text("GitHub", r.github.clone());
        self.text("Critical role", Some(yes_no(r.critical).to_owned()));
        self.fact("Successors", self.site.role_links(self.page, &r.successors));
        // RACI edges start at the decision nodes of the graph.
        let graph = self.site.graph;
        let mut raci: Vec<_> = graph
            .graph
            .edges_directed(graph.node_of(d), Direction::Incoming)
            .filter_map(|e| match &graph.graph[e.source()] {
                NodeRef::Decision { id, .. } => Some((e.id(), id.clone(), e.weight().edge)),
                NodeRef::Doc(_) => None,
            })
            .collect();
        raci.sort_by_key(|(e, _, _)| *e);
        let rows = raci
            .iter()
            .filter_map(|(_, id, edge)| {
                let part = match edge {
                    Edge::Accountable => "Accountable",
                    Edge::Responsible => "Responsible",
                    Edge::Consulted => "Consulted",
                    Edge::Informed => "Informed",
                    _ => return None,
                };
                Some(vec![
                    vec![self.site.decision_link(self.page, id)],
                    cell(part),
                ])
            })
            .collect();
        self.table("Decision rights", &["Decision", "Role in it"], rows, None);
        let reports = self.incoming(d, Edge::ReportsTo, Some(Kind::Role));
        let items = self.links(&reports);
        self.list("Direct reports", items, None);
        let successor_of = self.incoming(d, Edge::SucceededBy, Some(Kind::Role));
        let items = self.links(&successor_of);
        self.list("Successor for", items, None);
        let owned: Vec<DocId> = {
            let mut v: Vec<DocId> = graph
                .sources(d, Edge::OwnedBy)
                .filter(|(_, p)| *p == "/owner")
                .map(|(s, _)| s)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let rows = owned
            .iter()
            .map(|&o| {
                vec![
                    vec![self.link(o)],
                    cell(super::kind_label(self.site.model.docs[o].kind())),
                ]
            })
            .collect();
        self.table("Owns", &["Document", "Kind"], rows, None);
        let steps: Vec<Cell> = {
            let mut v: Vec<(DocId, usize)> = graph
                .sources(d, Edge::OwnedBy)
                .filter_map(|(s, p)| {
                    Some((
                        s,
                        p.strip_prefix("/steps/")?.split('/').next()?.parse().ok()?,
                    ))
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v.iter()
                .filter_map(|&(s, i)| match &self.site.model.docs[s].body {
                    Body::Playbook(p) => p.steps.get(i).map(|step| {
                        vec![
                            self.link(s),
                            Link::text(format!("step {}: {}", i + 1, step.title)),
                        ]
                    }),
                    _ => None,
                })
                .collect()
        };
        self.list("Playbook steps", steps, None);
        let approves = self.incoming(d, Edge::Approves, None);
        let rows = approves
            .iter()
            .map(|&a| {
                vec![
                    vec![self.link(a)],
                    cell(super::kind_label(self.site.model.docs[a].kind())),
                ]
            })
            .collect();
        self.table("Approves in", &["Document", "Kind"], rows, None);
        let escalations = self.incoming(d, Edge::EscalatesTo, Some(Kind::Trigger));
        let items = self.links(&escalations);
        self.list("Escalation target of triggers", items, None);
        let audience = self.incoming(d, Edge::Audience, None);
        let items = self.links(&audience);
        self.list("Audience of", items, None);
        let stewards = self.incoming(d, Edge::Stewards, None);
        let items = self.links(&stewards);
        self.list("Data steward in", items, None);
    }

    fn decision_rights(&mut self, _d: DocId, r: &DecisionRights) {
        let rows = r
            .decisions
            .iter()
            .map(|dec| {
                let title = dec.title.clone().unwrap_or_else(|| dec.id.clone());
                let first = match self.site.pages.escalation.get(&dec.id) {
                    Some(page) => self.site.page_link(self.page, page, title),
                    None => Link::text(title),
                };
                vec![
                    vec![first],
                    cell(dec.id.clone()),
                    self.site.role_links(self.page, dec.accountable.roles()),
                    self.site.role_links(self.page, &dec.responsible),
                    self.site.role_links(self.page, &dec.consulted),
                    self.site.role_links(self.page, &dec.informed),
                ]
            })
            .collect();
        self.table(
            "Decisions",
            &[
                "Decision",
                "Id",
                "Accountable",
                "Responsible",
                "Consulted",
                "Informed",
            ],
            rows,
            Some("No decision declared."),
        );
    }

    fn market(&mut self, d: DocId, m: &Market) {
        self.text("Region", m.region.clone());
        self.text("Currency", Some(m.currency.clone()));
        self.text("Positioning", m.positioning.map(|p| words(p.as_str())));
        self.text("Priority", m.priority.map(|p| words(p.as_str())));
        self.text("Price index", m.price_index.map(|p| plain(p, 3)));
        self.text("Pricing autonomy", m.pricing_autonomy_pct.map(|p| pct(p.0)));
        self.text("Privacy regime", m.privacy_regime.clone());
        self.text(
            "Longest data retention",
            m.max_retention_days.map(|d| format!("{d} days")),
        );
        self.fact("Owner", self.owner_cell(d));
        for (title, edge, kind) in [
            ("Objectives in this market", Edge::RunsIn, Kind::Objective),
            ("Initiatives in this market", Edge::RunsIn, Kind::Initiative),
            ("Channels selling here", Edge::SellsIn, Kind::Channel),
            ("Segments", Edge::RunsIn, Kind::Segment),
            ("Pricing policies", Edge::Covers, Kind::PricingPolicy),
            ("Data policies", Edge::Covers, Kind::DataPolicy),
        ] {
            let docs = self.incoming(d, edge, Some(kind));
            let rows = docs
                .iter()
                .map(|&x| vec![vec![self.link(x)], self.status_of(x)])
                .collect::<Vec<_>>();
            if matches!(kind, Kind::Objective | Kind::Initiative) {
                self.table(title, &[super::kind_label(kind), "Status"], rows, None);
            } else {
                let items = self.links(&docs);
                self.list(title, items, None);
            }
        }
        self.funded_by(d);
    }

    fn channel(&mut self, d: DocId, c: &Channel) {
        self.text("Type", Some(words(c.kind.as_str())));
        self.text("Status", Some(c.status.as_str().to_owned()));
        self.fact("Markets", self.ids(&c.markets));
        self.fact("Owner", self.owner_cell(d));
        if let Some(p) = &c.partner {
            self.text("Partner", Some(p.name.clone()));
            self.text(
                "Contract ends",
                p.contract_end.as_ref().map(|x| x.0.clone()),
            );
            self.text(
                "Exit notice",
                p.exit_notice_days.map(|n| format!("{n} days")),
            );
            self.text(
                "Renewal",
                p.renewal
                    .as_ref()
                    .map(|r| format!("{} (decided {})", r.decision.as_str(), r.decided_on.0)),
            );
        }
        self.text("Inventory share", c.inventory_share_pct.map(|p| pct(p.0)));
        self.fact("Reserved segments", self.ids(&c.reserved_segments));
        if let Some(sla) = &c.sla {
            self.table(
                "Service levels",
                &["Measure", "Agreed"],
                sla_rows(sla),
                None,
            );
        }
        let mut from = 0.0;
        let rows = c
            .commission
            .iter()
            .map(|t| {
                let band = match t.up_to {
                    Some(up) => format!("{} – {}", plain(from, 2), plain(up, 2)),
                    None => format!("above {}", plain(from, 2)),
                };
                if let Some(up) = t.up_to {
                    from = up;
                }
                vec![cell(band), cell(pct(t.rate_pct.0))]
            })
            .collect();
        self.table("Commission", &["Revenue", "Rate"], rows, None);
        let users = self.incoming(d, Edge::Uses, Some(Kind::Initiative));
        let rows = users
            .iter()
            .map(|&i| vec![vec![self.link(i)], self.status_of(i)])
            .collect();
        self.table(
            "Initiatives using this channel",
            &["Initiative", "Status"],
            rows,
            None,
        );
        self.funded_by(d);
    }

    fn channel_policy(&mut self, p: &ChannelPolicy) {
        let rows = [
            ChannelType::OwnedDtc,
            ChannelType::Marketplace,
            ChannelType::RetailPartner,
            ChannelType::Reseller,
            ChannelType::Distributor,
        ]
        .into_iter()
        .filter_map(|t| {
            let sla = p.minimum_sla.for_type(t)?;
            Some(vec![
                cell(words(t.as_str())),
                cell(
                    sla.response_time_hours
                        .map(|h| format!("{} h", plain(h, 1)))
                        .unwrap_or_else(|| "—".into()),
                ),
                cell(
                    sla.fulfillment_accuracy_pct
                        .map(|x| pct(x.0))
                        .unwrap_or_else(|| "—".into()),
                ),
                cell(
                    sla.on_time_delivery_pct
                        .map(|x| pct(x.0))
                        .unwrap_or_else(|| "—".into()),
                ),
            ])
        })
        .collect();
        self.table(
            "Minimum service levels",
            &[
                "Channel type",
                "Response time (at most)",
                "Fulfilment accuracy (at least)",
                "On-time delivery (at least)",
            ],
            rows,
            None,
        );
        if let Some(o) = &p.onboarding {
            self.text(
                "Onboarding: minimum new reach",
                o.min_incremental_reach_pct.map(|x| pct(x.0)),
            );
            self.text(
                "Onboarding: maximum margin erosion",
                o.max_margin_erosion_pct.map(|x| pct(x.0)),
            );
        }
        if let Some(c) = &p.coop_funds {
            self.text(
                "Co-op funds",
                Some(format!("{} of partner revenue", pct(c.share_pct.0))),
            );
            self.text(
                "Co-op funds need brand compliance",
                Some(yes_no(c.requires_brand_compliance).to_owned()),
            );
        }
    }

    fn pricing_policy(&mut self, d: DocId, p: &PricingPolicy) {
        self.fact("Markets", self.ids(&p.markets));
        self.fact("Owner", self.owner_cell(d));
        self.fact("Protected segments", self.ids(&p.protected_segments));
        self.text(
            "Largest price gap between markets",
            p.geo.as_ref().map(|g| pct(g.max_price_gap_pct.0)),
        );
        if let Some(a) = &p.approvals {
            let mut value = vec![self.site.decision_link(self.page, &a.decision)];
            if let Some(page) = self.site.pages.ladder.get(&d) {
                value.push(self.site.page_link(self.page, page, "exception ladder"));
            }
            self.fact("Discount approvals", value);
        }
        let rows = p
            .categories
            .iter()
            .map(|c| {
                vec![
                    cell(c.id.clone()),
                    cell(pct(c.list_margin_pct.0)),
                    cell(pct(c.floor_margin_pct.0)),
                    cell(pct(c.max_discount_pct.0)),
                ]
            })
            .collect();
        self.table(
            "Categories",
            &[
                "Category",
                "List margin",
                "Margin floor",
                "Largest discount",
            ],
            rows,
            None,
        );
        let rows = p
            .map
            .iter()
            .map(|m| {
                vec![
                    cell(m.categories.join(", ")),
                    cell(format!("{} of list price", pct(m.min_price_ratio * 100.0))),
                    cell(
                        m.monitoring
                            .map(|x| x.as_str().to_owned())
                            .unwrap_or_else(|| "—".into()),
                    ),
                    m.sanctions.iter().map(Link::text).collect(),
                ]
            })
            .collect();
        self.table(
            "Minimum advertised prices",
            &[
                "Categories",
                "Lowest advertised price",
                "Monitoring",
                "Sanctions",
            ],
            rows,
            None,
        );
        if let Some(w) = &p.waterfall {
            let mut rows: Vec<Vec<Cell>> = w
                .components
                .iter()
                .map(|c| vec![cell(c.name.clone()), cell(pct(c.max_pct.0))])
                .collect();
            rows.push(vec![
                cell("Total leakage allowed"),
                cell(pct(w.max_leakage_pct.0)),
            ]);
            self.table("Price waterfall", &["Component", "Cap"], rows, None);
        }
        if let Some(promo) = &p.promotions {
            if let Some(m) = &promo.match_competitors {
                self.text(
                    "Competitor price matching",
                    Some(match (m.allowed, m.max_discount_pct) {
                        (false, _) => "not allowed".to_owned(),
                        (true, Some(x)) => format!("allowed up to {}", pct(x.0)),
                        (true, None) => "allowed".to_owned(),
                    }),
                );
                self.fact("Never matched for", self.ids(&m.exclude_segments));
            }
            if let Some(f) = &promo.flash_sales {
                let mut text = format!("up to {}", pct(f.max_discount_pct.0));
                if let Some(h) = f.max_duration_hours {
                    text.push_str(&format!(", at most {} hours", plain(h, 1)));
                }
                self.text("Flash sales", Some(text));
                self.fact("No flash sales for", self.ids(&f.exclude_segments));
            }
        }
        if let Some(s) = &p.subscriptions {
            let rows = s
                .tiers
                .iter()
                .map(|t| vec![cell(t.id.clone()), cell(amount(&t.monthly))])
                .collect();
            self.table("Subscription tiers", &["Tier", "Monthly price"], rows, None);
        }
        if let Some(m) = &p.monitoring {
            self.text(
                "Monitored SKUs",
                (!m.skus.is_empty()).then(|| m.skus.join(", ")),
            );
            self.text("Price alert at a gap of", m.alert_gap_pct.map(|x| pct(x.0)));
            self.text("Response to an alert", m.response.clone());
        }
    }

    fn stage_gate(&mut self, d: DocId, g: &StageGate) {
        self.text(
            "Applies to",
            Some(
                g.applies_to
                    .iter()
                    .map(|t| words(t.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        );
        self.fact(
            "Decision",
            vec![self.site.decision_link(self.page, &g.decision)],
        );
        self.fact("Owner", self.owner_cell(d));
        if let Some(page) = self.site.pages.gates.get(&d) {
            self.fact(
                "Initiatives",
                vec![self.site.page_link(
                    self.page,
                    page,
                    "status of every initiative at each gate",
                )],
            );
        }
        let rows = g
            .gates
            .iter()
            .enumerate()
            .map(|(i, gate)| {
                vec![
                    cell((i + 1).to_string()),
                    cell(gate.id.clone()),
                    vec![self.role(&gate.approver)],
                    gate.checks.iter().map(Link::text).collect(),
                ]
            })
            .collect();
        self.table(
            "Gates, in order",
            &["#", "Gate", "Approver", "Checks"],
            rows,
            None,
        );
    }

    fn exception(&mut self, e: &Exception) {
        self.fact("Subject", vec![self.id(&e.subject)]);
        let rule = crate::rules::lookup(&e.rule)
            .map(|r| format!("{} ({})", r.name, r.code))
            .unwrap_or_else(|| format!("{} (not a known rule)", e.rule));
        self.text("Rule waived", Some(rule));
        self.fact(
            "Decision",
            vec![self.site.decision_link(self.page, &e.decision)],
        );
        self.fact("Approved by", vec![self.role(&e.approved_by)]);
        self.text("Approved on", Some(e.approved_on.0.clone()));
        let expired = e
            .expires
            .date()
            .is_some_and(|x| x < self.site.analysis.as_of);
        self.text(
            "Expires",
            Some(if expired {
                format!(
                    "{} (expired on the evaluation date {})",
                    e.expires.0, self.site.analysis.as_of
                )
            } else {
                e.expires.0.clone()
            }),
        );
        self.text("Rationale", Some(e.rationale.clone()));
    }

    fn segment(&mut self, d: DocId, s: &Segment) {
        self.text("Basis", Some(s.basis.as_str().to_owned()));
        self.text("Definition", s.definition.clone());
        self.text(
            "Data sources",
            (!s.data_sources.is_empty()).then(|| {
                s.data_sources
                    .iter()
                    .map(|x| words(x.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        );
        self.fact("Markets", self.ids(&s.markets));
        self.text("Legal basis", s.legal_basis.clone());
        self.text(
            "Shared with",
            (!s.shared_with.is_empty()).then(|| s.shared_with.join(", ")),
        );
        self.text(
            "Contact limit",
            s.suppression
                .as_ref()
                .map(|x| format!("{} messages per week", x.max_messages_per_week)),
        );
        self.fact("Owner", self.owner_cell(d));
        for (title, edge, kind) in [
            ("Reserved by channels", Edge::Reserves, Some(Kind::Channel)),
            (
                "Targeted by initiatives",
                Edge::Targets,
                Some(Kind::Initiative),
            ),
            (
                "Price integrity protected by",
                Edge::Protects,
                Some(Kind::PricingPolicy),
            ),
            (
                "Excluded from promotions of",
                Edge::Excludes,
                Some(Kind::PricingPolicy),
            ),
        ] {
            let docs = self.incoming(d, edge, kind);
            let items = self.links(&docs);
            self.list(title, items, None);
        }
        self.funded_by(d);
    }

    fn budget(&mut self, d: DocId, b: &Budget) {
        self.text("Period", Some(b.period.0.clone()));
        self.text("Total", Some(amount(&b.total)));
        self.fact("Owner", self.owner_cell(d));
        let rows = b
            .allocations
            .iter()
            .map(|a| {
                let planned = b.total.amount * a.share_pct.0 / 100.0;
                vec![
                    vec![self.id(&a.to)],
                    cell(pct(a.share_pct.0)),
                    cell(money(planned, &b.total.currency)),
                    cell(a.spent.as_ref().map(amount).unwrap_or_else(|| "—".into())),
                    cell(
                        a.expected_roi
                            .map(|r| format!("{}×", plain(r, 2)))
                            .unwrap_or_else(|| "—".into()),
                    ),
                ]
            })
            .collect();
        self.table(
            "Allocations",
            &["To", "Share", "Amount", "Spent", "Expected return"],
            rows,
            Some("No allocation yet."),
        );
    }

    fn data_policy(&mut self, p: &DataPolicy) {
        let rows = p
            .master_data
            .iter()
            .map(|m| {
                vec![
                    cell(m.attribute.clone()),
                    cell(m.owner_system.clone()),
                    m.steward
                        .as_ref()
                        .map(|s| vec![self.role(s)])
                        .unwrap_or_default(),
                ]
            })
            .collect();
        self.table(
            "Master data",
            &["Attribute", "System of record", "Steward"],
            rows,
            None,
        );
        let rows = p
            .retention
            .iter()
            .map(|r| {
                vec![
                    cell(r.data.clone()),
                    self.ids(&r.markets),
                    cell(format!("{} days", r.days)),
                ]
            })
            .collect();
        self.table("Retention", &["Data", "Markets", "Kept for"], rows, None);
        let rows = p
            .integrations
            .iter()
            .map(|i| {
                vec![
                    cell(i.id.clone()),
                    cell(i.criticality.as_str()),
                    cell(
                        i.rate_limit_rps
                            .map(|r| format!("{} per second", plain(r, 1)))
                            .unwrap_or_else(|| "—".into()),
                    ),
                    cell(i.failover.clone().unwrap_or_else(|| "none".into())),
                ]
            })
            .collect();
        self.table(
            "Integrations",
            &["Integration", "Criticality", "Rate limit", "Failover"],
            rows,
            None,
        );
        let rows = p
            .dashboards
            .iter()
            .map(|x| {
                vec![
                    cell(x.id.clone()),
                    self.site.role_links(self.page, &x.roles),
                ]
            })
            .collect();
        self.table(
            "Dashboards",
            &["Dashboard", "Roles with access"],
            rows,
            None,
        );
    }

    fn trigger(&mut self, t: &Trigger) {
        let model = self.site.model;
        self.fact("KPI", vec![self.id(&t.kpi)]);
        self.text("Fires when", Some(trigger_condition(t)));
        if let Some(p) = &t.action.playbook {
            self.fact("Runs playbook", vec![self.id(p)]);
        }
        if let Some(r) = &t.action.escalate_to {
            self.fact("Escalates to", vec![self.role(r)]);
        }
        let evaluation = metrics::evaluate_trigger(model, t);
        self.text("State", Some(trigger_state(&evaluation)));
        let unit = model
            .get::<Kpi>(&t.kpi)
            .map(|(_, k)| k.unit.clone())
            .unwrap_or_default();
        let rows = evaluation
            .recent
            .iter()
            .map(|c| {
                vec![
                    cell(c.row.period.0.clone()),
                    cell(in_unit(c.row.actual, &unit)),
                    cell(
                        c.reference
                            .map(|r| in_unit(r, &unit))
                            .unwrap_or_else(|| "—".into()),
                    ),
                    cell(deviation_text(c.deviation_pct, c.reference.is_some())),
                    cell(if c.breach { "yes" } else { "no" }),
                ]
            })
            .collect();
        let reference = match t.when.compare_to {
            CompareTo::Target => "Target",
            CompareTo::Forecast => "Forecast",
        };
        self.table(
            "Latest periods",
            &[
                "Period",
                "Actual",
                reference,
                "Worse by",
                "Beyond the limit",
            ],
            rows,
            Some("No actuals yet."),
        );
    }
}

/// The measures of an SLA as table rows.
fn sla_rows(sla: &crate::model::kinds::Sla) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    if let Some(h) = sla.response_time_hours {
        rows.push(vec![
            cell("Response time"),
            cell(format!("{} h", plain(h, 1))),
        ]);
    }
    if let Some(x) = sla.fulfillment_accuracy_pct {
        rows.push(vec![cell("Fulfilment accuracy"), cell(pct(x.0))]);
    }
    if let Some(x) = sla.on_time_delivery_pct {
        rows.push(vec![cell("On-time delivery"), cell(pct(x.0))]);
    }
    rows
}

/// A change with its sign: `+2.5%`, `-EUR 3`.
fn signed(delta: f64, unit: &str) -> String {
    if delta > 0.0 {
        format!("+{}", in_unit(delta, unit))
    } else {
        in_unit(delta, unit)
    }
}

/// "the actual is worse than the target by more than 10% for 2 consecutive periods".
pub(super) fn trigger_condition(t: &Trigger) -> String {
    let reference = match t.when.compare_to {
        CompareTo::Target => "target",
        CompareTo::Forecast => "forecast",
    };
    let n = t.when.consecutive_periods.max(1);
    let periods = if n == 1 {
        "in the latest period".to_owned()
    } else {
        format!("for {n} consecutive periods")
    };
    format!(
        "the actual is worse than the {reference} by more than {} {periods}",
        pct(t.when.deviation_above_pct.0)
    )
}

/// "fired: 2 periods in a row beyond the limit (2027-Q1, 2027-Q2)" or why not.
pub(super) fn trigger_state(e: &metrics::TriggerEvaluation<'_>) -> String {
    let periods: Vec<&str> = e.periods.iter().map(|b| b.row.period.0.as_str()).collect();
    if e.fired {
        format!(
            "fired: {} consecutive period(s) beyond the limit ({})",
            periods.len(),
            periods.join(", ")
        )
    } else if e.recent.is_empty() {
        "not fired: no actuals yet".to_owned()
    } else if periods.is_empty() {
        "not fired: the latest period is within the limit".to_owned()
    } else {
        format!(
            "not fired: {} of the {} consecutive periods needed are beyond the limit",
            periods.len(),
            e.required
        )
    }
}

/// "13.3%", "on or better", or why there is no number.
pub(super) fn deviation_text(deviation: Option<f64>, has_reference: bool) -> String {
    match deviation {
        Some(d) if d > 0.0 => pct(d),
        Some(_) => "on or better".to_owned(),
        None if has_reference => "worse than a reference of 0".to_owned(),
        None => "no reference".to_owned(),
    }
}

/// A KPI's status in one sentence, for tables on goal, objective and KPI pages.
pub(super) fn kpi_status_text(site: &Site<'_>, kpi: &str) -> String {
    let Some(status) = metrics::kpi_status(site.model, kpi) else {
        return "not a KPI".to_owned();
    };
    let unit = &status.kpi.unit;
    let Some(latest) = status.latest else {
        return "no actuals yet".to_owned();
    };
    let actual = format!("{} in {}", in_unit(latest.actual, unit), latest.period.0);
    match (status.rag, status.target) {
        (Some(rag), Some(target)) => {
            let against = match status.deviation_pct {
                Some(d) if d > 0.0 => format!(
                    "{} worse than the target of {}",
                    pct(d),
                    in_unit(target, unit)
                ),
                Some(_) => format!("on or better than the target of {}", in_unit(target, unit)),
                None => format!("worse than the target of {}", in_unit(target, unit)),
            };
            format!("{}: {actual}, {against}", rag.as_str())
        }
        _ => format!("{actual} (no target for that period)"),
    }
}
