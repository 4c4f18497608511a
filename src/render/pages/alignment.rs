//! Pages of the alignment family: goals, objectives and initiatives, and
//! the alignment map (goals → objectives → initiatives) of the index and of
//! each goal.

use std::collections::HashMap;

use super::builder::Builder;
use crate::model::kinds::{Goal, Initiative, Kpi, Objective, PostMortem, StageGate};
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind};
use crate::numbers::pct;
use crate::render::format::{
    amount, kind_label, objective_status, pct_or_dash, readable, signed, text_list,
};
use crate::render::site::Site;
use crate::render::svg::{Figure, map};
use crate::render::view::{MapView, cell};

impl Builder<'_, '_> {
    pub(crate) fn goal(&mut self, d: DocId, g: &Goal) {
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
        self.status_explained(d);
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
        let weight = match &self.site.model.docs[child].body {
            Body::Objective(o) => o
                .supports
                .iter()
                .find(|s| s.id() == parent_id)
                .and_then(|s| s.weight_pct()),
            _ => None,
        };
        pct_or_dash(weight)
    }

    pub(crate) fn objective(&mut self, d: DocId, o: &Objective) {
        self.text("Status", Some(objective_status(o)));
        self.text("Priority", o.priority.map(|p| readable(p.as_str())));
        self.text("Category", o.category.map(|c| c.as_str().to_owned()));
        self.text("Horizon", o.horizon.as_ref().map(|h| h.0.clone()));
        self.fact("Markets", self.ids(&o.markets));
        if let Some(rag) = self.site.rag_of(d) {
            self.text("Rolled-up status", Some(rag.as_str().to_owned()));
        }
        self.fact("Owner", self.owner_cell(d));
        let rows = o
            .supports
            .iter()
            .map(|s| vec![vec![self.id(s.id())], cell(pct_or_dash(s.weight_pct()))])
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
                    Body::Initiative(x) => readable(x.kind.as_str()),
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
        self.status_explained(d);
        self.funded_by(d);
    }

    pub(crate) fn initiative(&mut self, d: DocId, i: &Initiative) {
        self.text("Status", Some(readable(i.status.as_str())));
        self.text("Type", Some(readable(i.kind.as_str())));
        self.text("Priority", i.priority.map(|p| readable(p.as_str())));
        self.fact("Owner", self.owner_cell(d));
        self.fact("Markets", self.ids(&i.markets));
        self.fact("Channels", self.ids(&i.channels));
        self.fact("Segments", self.ids(&i.segments));
        self.text("Pricing categories", text_list(&i.categories));
        self.text("Start", i.start.as_ref().map(|s| s.0.clone()));
        self.text("End", i.end.as_ref().map(|s| s.0.clone()));
        self.text("Budget", i.budget.as_ref().map(amount));
        self.text("Discount", i.discount_pct.map(|p| pct(p.0)));
        self.fact("Depends on", self.ids(&i.depends_on));
        match &i.post_mortem {
            Some(PostMortem::Playbook(p)) => self.fact("Post-mortem", vec![self.id(p)]),
            Some(PostMortem::Link(l)) => {
                self.text("Post-mortem", Some(format!("{} ({})", l.title, l.url)));
            }
            None => {}
        }
        if let Some(s) = &i.sourcing {
            let years = s
                .horizon_years
                .map(|y| format!(" over {y} years"))
                .unwrap_or_default();
            let other = s
                .alternative_tco
                .as_ref()
                .map(|a| format!("; the other option: {}", amount(a)))
                .unwrap_or_default();
            self.text(
                "Sourcing",
                Some(format!(
                    "{}: total cost of ownership {}{years}{other}",
                    s.choice.as_str(),
                    amount(&s.tco)
                )),
            );
        }
        self.text(
            "Messages per customer",
            i.messages_per_week
                .map(|m| format!("{} a week", crate::numbers::plain(m, 2))),
        );
        if let Some(promo) = &i.promotion {
            let mut text = readable(promo.mechanic.as_str());
            if let Some(h) = promo.duration_hours {
                text.push_str(&format!(", {} hours", crate::numbers::plain(h, 1)));
            }
            if !promo.bundle_categories.is_empty() {
                text.push_str(&format!(", bundles {}", promo.bundle_categories.join(", ")));
            }
            self.text("Promotion", Some(text));
        }
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
}

/// Most boxes drawn on one map. Beyond it a map is split (per goal, then
/// per objective) and the page says where the rest is.
const MAX_MAP_NODES: usize = 80;

/// The map of the whole strategy for the index: everything when it fits;
/// else goals and objectives, with initiatives on each goal's map; else
/// one map per goal, linked.
pub(crate) fn index_map(site: &Site<'_>, page: &str) -> MapView {
    let model = site.model;
    let goals: Vec<DocId> = model.of_kind(Kind::Goal).map(|(d, _)| d).collect();
    let objectives: Vec<DocId> = model.of_kind(Kind::Objective).map(|(d, _)| d).collect();
    let initiatives: Vec<DocId> = model.of_kind(Kind::Initiative).map(|(d, _)| d).collect();
    let total = goals.len() + objectives.len() + initiatives.len();
    let label = "Alignment map: goals, the objectives that support them and the initiatives that advance them";
    if total <= MAX_MAP_NODES {
        let docs = [goals, objectives, initiatives].concat();
        return MapView::drawn(draw(site, page, label, &docs, None), None, Vec::new());
    }
    let goal_links = goals.iter().map(|&g| site.doc_link(page, g)).collect();
    if goals.len() + objectives.len() <= MAX_MAP_NODES {
        let note = format!(
            "The {} initiatives are left out of this map to keep it readable: each goal's page draws its objectives with the initiatives advancing them.",
            initiatives.len()
        );
        let docs = [goals, objectives].concat();
        return MapView::drawn(draw(site, page, label, &docs, None), Some(note), goal_links);
    }
    MapView {
        svg: None,
        note: Some(format!(
            "The strategy has {total} goals, objectives and initiatives, too many to read in one picture: each goal's page draws its own map."
        )),
        parts: goal_links,
    }
}

/// The map of one goal: the goal, every objective that leads to it through
/// `supports`, and the initiatives advancing those objectives; when that is
/// too large, the objectives alone (each objective's page draws its
/// initiatives), and when even that is too large, the objectives that
/// support the goal directly.
pub(crate) fn goal_map(site: &Site<'_>, page: &str, goal: DocId) -> MapView {
    let model = site.model;
    let graph = site.graph;
    let mut objectives = Vec::new();
    let mut seen = vec![goal];
    let mut stack = vec![goal];
    while let Some(parent) = stack.pop() {
        for (child, _) in graph.sources(parent, Edge::Supports) {
            if model.docs[child].kind() == Kind::Objective && !seen.contains(&child) {
                seen.push(child);
                objectives.push(child);
                stack.push(child);
            }
        }
    }
    objectives.sort_unstable();
    let mut initiatives: Vec<DocId> = objectives
        .iter()
        .flat_map(|&o| graph.sources(o, Edge::Advances).map(|(i, _)| i))
        .filter(|&i| model.docs[i].kind() == Kind::Initiative)
        .collect();
    initiatives.sort_unstable();
    initiatives.dedup();
    let label = format!(
        "Alignment map of the goal {}: its objectives and the initiatives advancing them",
        model.docs[goal].display_name()
    );
    if 1 + objectives.len() + initiatives.len() <= MAX_MAP_NODES {
        let docs = [vec![goal], objectives, initiatives].concat();
        return MapView::drawn(
            draw(site, page, &label, &docs, Some(goal)),
            None,
            Vec::new(),
        );
    }
    let (shown, note) = if objectives.len() < MAX_MAP_NODES {
        (
            objectives,
            format!(
                "The {} initiatives are left out of this map to keep it readable: each objective's page draws the initiatives advancing it.",
                initiatives.len()
            ),
        )
    } else {
        let direct = site.graph.linked_from(goal, Edge::Supports);
        let direct: Vec<DocId> = direct
            .into_iter()
            .filter(|&o| model.docs[o].kind() == Kind::Objective)
            .collect();
        let note = format!(
            "{} objectives and {} initiatives lead to this goal, too many for one picture: this map shows the {} objectives that support it directly; each objective's page draws what supports it in turn.",
            objectives.len(),
            initiatives.len(),
            direct.len()
        );
        (direct, note)
    };
    let parts = shown.iter().map(|&o| site.doc_link(page, o)).collect();
    let docs = [vec![goal], shown].concat();
    MapView::drawn(
        draw(site, page, &label, &docs, Some(goal)),
        Some(note),
        parts,
    )
}

/// The map of one objective: what it supports, the objectives supporting
/// it and the initiatives advancing it.
pub(crate) fn objective_map(site: &Site<'_>, page: &str, objective: DocId) -> MapView {
    let model = site.model;
    let graph = site.graph;
    let mut docs: Vec<DocId> = graph
        .targets(objective, Edge::Supports)
        .map(|(p, _)| p)
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs.push(objective);
    for (edge, kind) in [
        (Edge::Supports, Kind::Objective),
        (Edge::Advances, Kind::Initiative),
    ] {
        for c in graph.linked_from(objective, edge) {
            if model.docs[c].kind() == kind && !docs.contains(&c) {
                docs.push(c);
            }
        }
    }
    let label = format!(
        "Alignment map of the objective {}: what it supports, and the objectives and initiatives behind it",
        model.docs[objective].display_name()
    );
    MapView::drawn(
        draw(site, page, &label, &docs, Some(objective)),
        None,
        Vec::new(),
    )
}

/// Draws `docs` (goals, objectives, initiatives) with the supports and
/// advances edges between them: goals in the first column, each objective
/// one column right of what it supports, initiatives in the last column.
fn draw(
    site: &Site<'_>,
    page: &str,
    label: &str,
    docs: &[DocId],
    focus: Option<DocId>,
) -> Option<Figure> {
    let model = site.model;
    let graph = site.graph;
    let index: HashMap<DocId, usize> = docs.iter().enumerate().map(|(i, &d)| (d, i)).collect();
    // Edges parent → child, each once.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (i, &d) in docs.iter().enumerate() {
        let (edge, kind) = match model.docs[d].kind() {
            Kind::Objective => (Edge::Supports, None),
            Kind::Initiative => (Edge::Advances, Some(Kind::Objective)),
            _ => continue,
        };
        for (parent, _) in graph.targets(d, edge) {
            if kind.is_some_and(|k| model.docs[parent].kind() != k) {
                continue;
            }
            if let Some(&p) = index.get(&parent)
                && !edges.contains(&(p, i))
            {
                edges.push((p, i));
            }
        }
    }
    edges.sort_unstable();
    // Layers: goals 0; objectives one right of their deepest parent on the
    // map (objectives with none start next to the goals, or first when the
    // map has no goal); initiatives after the deepest objective. A support
    // cycle stops the relaxation after as many rounds as there are boxes.
    let has_goal = docs.iter().any(|&d| model.docs[d].kind() == Kind::Goal);
    let base = usize::from(has_goal);
    let mut layer: Vec<usize> = docs
        .iter()
        .map(|&d| match model.docs[d].kind() {
            Kind::Goal => 0,
            _ => base,
        })
        .collect();
    for _ in 0..docs.len() {
        let mut changed = false;
        for &(p, c) in &edges {
            if model.docs[docs[c]].kind() == Kind::Objective
                && layer[c] < layer[p] + 1
                && layer[p] < docs.len()
            {
                layer[c] = layer[p] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let deepest = docs
        .iter()
        .zip(&layer)
        .filter(|(d, _)| model.docs[**d].kind() != Kind::Initiative)
        .map(|(_, &l)| l)
        .max()
        .map_or(0, |l| l + 1);
    for (i, &d) in docs.iter().enumerate() {
        if model.docs[d].kind() == Kind::Initiative {
            layer[i] = deepest;
        }
    }
    let nodes = docs
        .iter()
        .zip(&layer)
        .map(|(&d, &l)| {
            let (tone, status) = site.tone_of(d);
            map::Node {
                title: model.docs[d].display_name().to_owned(),
                caption: format!("{} · {status}", kind_label(model.docs[d].kind())),
                tone,
                href: Some(site.page_url(page, d)),
                layer: l,
                focus: focus == Some(d),
            }
        })
        .collect();
    map::draw(&map::Spec {
        label: label.to_owned(),
        nodes,
        edges,
    })
}
