//! Pages of the alignment family: goals, objectives and initiatives, and
//! the alignment map (goals → objectives → initiatives) of the index and of
//! each goal.

use std::collections::HashMap;

use super::builder::Builder;
use crate::model::kinds::{Goal, Initiative, Kpi, Objective, StageGate};
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind};
use crate::numbers::pct;
use crate::render::format::{amount, objective_status, pct_or_dash, readable, signed, text_list};
use crate::render::site::Site;
use crate::render::view::{Map, MapEdge, MapNode, cell};

/// Most nodes drawn in one Mermaid map; beyond it a map is unreadable and
/// Mermaid refuses large diagrams.
const MAX_MAP_NODES: usize = 150;

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

/// The map of one goal: the goal, every objective that leads to it through
/// `supports`, and the initiatives advancing those objectives.
pub(crate) fn goal_map(site: &Site<'_>, goal: DocId) -> Map {
    alignment_map(site, Some(goal))
}

/// Goals → objectives → initiatives as a Mermaid flowchart; for one goal
/// (`focus`) or the whole strategy. Too many nodes: initiatives are left
/// out first, then the map is replaced by a note.
pub(crate) fn alignment_map(site: &Site<'_>, focus: Option<DocId>) -> Map {
    let model = site.model;
    let graph = site.graph;
    let (goals, objectives, initiatives) = match focus {
        None => (
            model
                .of_kind(Kind::Goal)
                .map(|(d, _)| d)
                .collect::<Vec<_>>(),
            model
                .of_kind(Kind::Objective)
                .map(|(d, _)| d)
                .collect::<Vec<_>>(),
            model
                .of_kind(Kind::Initiative)
                .map(|(d, _)| d)
                .collect::<Vec<_>>(),
        ),
        Some(goal) => {
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
            (vec![goal], objectives, initiatives)
        }
    };
    let total = goals.len() + objectives.len() + initiatives.len();
    let (initiatives, note) = if total <= MAX_MAP_NODES {
        (initiatives, None)
    } else if goals.len() + objectives.len() <= MAX_MAP_NODES {
        let note = format!(
            "{} initiatives are left out of this map to keep it readable; see the tables below and each objective's page.",
            initiatives.len()
        );
        (Vec::new(), Some(note))
    } else {
        return Map {
            note: Some(format!(
                "The alignment map has {total} goals, objectives and initiatives, too many to draw on one page; each goal's page shows its own map."
            )),
            ..Map::default()
        };
    };
    let mut keys: HashMap<DocId, String> = HashMap::new();
    let mut nodes = Vec::new();
    for (docs, class) in [
        (&goals, "goal"),
        (&objectives, "objective"),
        (&initiatives, "initiative"),
    ] {
        for &d in docs.iter() {
            let key = format!("n{}", nodes.len());
            let mut label = model.docs[d].display_name().to_owned();
            if let Body::Initiative(i) = &model.docs[d].body {
                label = format!("{label} ({})", readable(i.status.as_str()));
            }
            keys.insert(d, key.clone());
            nodes.push(MapNode { key, label, class });
        }
    }
    let mut edges = Vec::new();
    let mut push = |from: DocId, to: DocId| {
        if let (Some(f), Some(t)) = (keys.get(&from), keys.get(&to)) {
            let edge = MapEdge {
                from: f.clone(),
                to: t.clone(),
            };
            if !edges
                .iter()
                .any(|e: &MapEdge| e.from == edge.from && e.to == edge.to)
            {
                edges.push(edge);
            }
        }
    };
    for &o in &objectives {
        for (parent, _) in graph.targets(o, Edge::Supports) {
            push(parent, o);
        }
    }
    for &i in &initiatives {
        for (o, _) in graph.targets(i, Edge::Advances) {
            push(o, i);
        }
    }
    Map { nodes, edges, note }
}
