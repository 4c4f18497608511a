//! What the builders of document pages share: a page under construction
//! (its facts and sections) and the links and cells they fill it with.

use super::{charts, status};
use crate::model::kinds::Kpi;
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind};
use crate::numbers::{in_unit, pct, plain};
use crate::render::format::{amount, objective_status, or_dash, readable, share_of};
use crate::render::site::Site;
use crate::render::svg::Figure;
use crate::render::view::{Cell, Fact, Link, Section, Table, cell};

/// How a status rolls up, in the words every "Status explained" section ends with.
pub(crate) const ROLLUP_RULE: &str = " Each KPI and supporting objective counts green 0, amber 1, red 2; the status is their weighted mean, rounded (half rounds up); parts without a status do not count.";

/// A document page under construction.
pub(crate) struct Builder<'s, 'a> {
    pub(crate) site: &'s Site<'a>,
    pub(crate) page: &'s str,
    pub(crate) facts: Vec<Fact>,
    pub(crate) sections: Vec<Section>,
}

impl<'s, 'a> Builder<'s, 'a> {
    pub(crate) fn fact(&mut self, label: &str, value: Cell) {
        if !value.is_empty() {
            self.facts.push(Fact {
                label: label.to_owned(),
                value,
            });
        }
    }

    pub(crate) fn text(&mut self, label: &str, value: Option<String>) {
        if let Some(v) = value {
            self.fact(label, cell(v));
        }
    }

    pub(crate) fn table(
        &mut self,
        title: &str,
        columns: &[&str],
        rows: Vec<Vec<Cell>>,
        empty: Option<&str>,
    ) {
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

    /// Puts a picture on the section just added (when there is one).
    pub(crate) fn figure(&mut self, figure: Option<Figure>) {
        if let Some(section) = self.sections.last_mut() {
            section.figure = figure;
        }
    }

    /// The explained status of a goal or objective (SPEC 8): the rolled-up
    /// red/amber/green, what pulled it down and every part with its weight.
    pub(crate) fn status_explained(&mut self, d: DocId) {
        let Some(e) = charts::explained(self.site, self.page, d) else {
            return;
        };
        let rows: Vec<Vec<Cell>> = e
            .parts
            .into_iter()
            .map(|p| vec![vec![p.link], cell(p.kind), cell(p.weight), cell(p.status)])
            .collect();
        // The badge says the status in words; without one, the note does.
        let mut note = match e.badge {
            Some(_) => String::new(),
            None => format!("{}. ", e.status),
        };
        if let Some(pulled) = e.pulled {
            note.push_str(&pulled);
            note.push(' ');
        }
        note.push_str(ROLLUP_RULE.trim());
        self.sections.push(Section {
            title: "Status explained".to_owned(),
            note: Some(note),
            table: (!rows.is_empty()).then(|| Table {
                columns: vec![
                    "Part".into(),
                    "Kind".into(),
                    "Weight".into(),
                    "Status".into(),
                ],
                rows,
            }),
            figure: e.badge,
            ..Section::default()
        });
    }

    pub(crate) fn list(&mut self, title: &str, items: Vec<Cell>, empty: Option<&str>) {
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
    pub(crate) fn incoming(&self, d: DocId, edge: Edge, kind: Option<Kind>) -> Vec<DocId> {
        let mut out = self.site.graph.linked_from(d, edge);
        out.retain(|&s| kind.is_none_or(|k| self.site.model.docs[s].kind() == k));
        out
    }

    /// A list of the documents pointing at `d` through `edge` (see
    /// [`Builder::incoming`]); left out when there are none.
    pub(crate) fn incoming_list(&mut self, title: &str, d: DocId, edge: Edge, kind: Option<Kind>) {
        let docs = self.incoming(d, edge, kind);
        let items = self.links(&docs);
        self.list(title, items, None);
    }

    pub(crate) fn link(&self, d: DocId) -> Link {
        self.site.doc_link(self.page, d)
    }

    pub(crate) fn links(&self, docs: &[DocId]) -> Vec<Cell> {
        docs.iter().map(|&d| vec![self.link(d)]).collect()
    }

    pub(crate) fn id(&self, id: &str) -> Link {
        self.site.id_link(self.page, id)
    }

    pub(crate) fn ids(&self, ids: &[String]) -> Cell {
        self.site.id_links(self.page, ids)
    }

    pub(crate) fn role(&self, id: &str) -> Link {
        self.site.role_link(self.page, id)
    }

    pub(crate) fn owner_cell(&self, d: DocId) -> Cell {
        self.site.owner_cell(self.page, d)
    }

    /// A value in the unit of the KPI with this id (plain when unknown).
    pub(crate) fn kpi_value(&self, kpi: &str, value: f64) -> String {
        match self.site.model.get::<Kpi>(kpi) {
            Some((_, k)) => in_unit(value, &k.unit),
            None => plain(value, 2),
        }
    }

    /// Status of an initiative or objective, for tables.
    pub(crate) fn status_of(&self, d: DocId) -> Cell {
        match &self.site.model.docs[d].body {
            Body::Initiative(i) => cell(readable(i.status.as_str())),
            Body::Objective(o) => cell(objective_status(o)),
            _ => Vec::new(),
        }
    }

    /// The KPI's status in one short sentence: "red: EUR 51.3 in 2027-Q2, 14% worse than target".
    pub(crate) fn kpi_status_text(&self, kpi: &str) -> String {
        status::kpi_status_text(self.site, kpi)
    }

    pub(crate) fn funded_by(&mut self, d: DocId) {
        let id = self.site.model.docs[d].id().to_owned();
        let mut rows = Vec::new();
        for b in self.incoming(d, Edge::Funds, Some(Kind::Budget)) {
            if let Body::Budget(budget) = &self.site.model.docs[b].body {
                for a in budget.allocations.iter().filter(|a| a.to == id) {
                    rows.push(vec![
                        vec![self.link(b)],
                        cell(budget.period.0.clone()),
                        cell(pct(a.share_pct.0)),
                        cell(share_of(&budget.total, a.share_pct.0)),
                        cell(or_dash(a.spent.as_ref().map(amount))),
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
}
