//! Explainable status (SPEC 8): the red/amber/green of a goal or objective,
//! rolled up from the KPIs that measure it and the objectives that support
//! it, with the weight of each, so a page can say what pulled it down.
//!
//! The rule, shown on the pages in these words: each part counts green 0,
//! amber 1, red 2; the status is the weighted mean, rounded (half rounds
//! up). An objective's parts are its KPIs and the objectives supporting it
//! (a retired one does not count); a goal's are the KPIs of its targets and
//! the objectives supporting it. A supporting objective weighs what its
//! `supports` entry says; parts without a weight share what is left of
//! 100% equally (or, when the written weights already make 100% or more,
//! weigh as much as the average written weight). Parts without a status
//! (no actuals, no target) are listed but do not count.

use std::collections::HashMap;

use crate::graph::Graph;
use crate::metrics::{self, Rag};
use crate::model::kinds::{ObjectiveStatus, Support};
use crate::model::refs::Edge;
use crate::model::{Body, DocId, Kind, Model};

/// One thing a status is rolled up from.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    /// The KPI or objective (`None`: a KPI id that names nothing).
    pub doc: Option<DocId>,
    pub id: String,
    pub kpi: bool,
    /// Share of the parent, percent (all parts of a parent add up to 100).
    pub weight: f64,
    /// The weight is written in YAML (not an equal share).
    pub written: bool,
    pub rag: Option<Rag>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Rollup {
    pub rag: Option<Rag>,
    /// The weighted mean, 0 (all green) to 2 (all red).
    pub score: Option<f64>,
    pub parts: Vec<Part>,
}

impl Rollup {
    /// The parts that are amber or red, the heaviest pull first
    /// (weight × score), then in the order written.
    pub(crate) fn pulling_down(&self) -> Vec<&Part> {
        let mut v: Vec<&Part> = self
            .parts
            .iter()
            .filter(|p| matches!(p.rag, Some(Rag::Amber | Rag::Red)))
            .collect();
        v.sort_by(|a, b| pull(b).total_cmp(&pull(a)));
        v
    }
}

fn pull(p: &Part) -> f64 {
    p.weight * p.rag.map_or(0.0, score)
}

fn score(rag: Rag) -> f64 {
    match rag {
        Rag::Green => 0.0,
        Rag::Amber => 1.0,
        Rag::Red => 2.0,
    }
}

/// The rollup of every goal and objective (`None` for other kinds).
pub(crate) fn rollups(model: &Model, graph: &Graph) -> Vec<Option<Rollup>> {
    rollups_with(model, graph, &|_| None)
}

/// [`rollups`] with some KPIs' statuses replaced (a scenario's): where
/// `replaced(kpi)` is `Some`, it is the KPI's status instead of its own.
pub(crate) fn rollups_with(
    model: &Model,
    graph: &Graph,
    replaced: &dyn Fn(&str) -> Option<Option<Rag>>,
) -> Vec<Option<Rollup>> {
    let mut r = Roller {
        model,
        graph,
        replaced,
        kpis: HashMap::new(),
        done: vec![None; model.docs.len()],
        visiting: vec![false; model.docs.len()],
    };
    for d in 0..model.docs.len() {
        if matches!(model.docs[d].kind(), Kind::Goal | Kind::Objective) {
            r.rollup(d);
        }
    }
    r.done
}

struct Roller<'a> {
    model: &'a Model,
    graph: &'a Graph,
    replaced: &'a dyn Fn(&str) -> Option<Option<Rag>>,
    kpis: HashMap<&'a str, Option<Rag>>,
    done: Vec<Option<Rollup>>,
    visiting: Vec<bool>,
}

impl<'a> Roller<'a> {
    fn kpi_rag(&mut self, id: &'a str) -> Option<Rag> {
        if let Some(rag) = (self.replaced)(id) {
            return rag;
        }
        let model = self.model;
        *self
            .kpis
            .entry(id)
            .or_insert_with(|| metrics::kpi_status(model, id).and_then(|s| s.rag))
    }

    fn rollup(&mut self, d: DocId) -> Option<Rag> {
        if let Some(r) = &self.done[d] {
            return r.rag;
        }
        if self.visiting[d] {
            // A support cycle (its own finding): the loop adds nothing.
            return None;
        }
        self.visiting[d] = true;
        let model = self.model;
        let kpi_ids: Vec<&'a str> = match &model.docs[d].body {
            Body::Objective(o) => o.kpis.iter().map(String::as_str).collect(),
            Body::Goal(g) => g.targets.iter().map(|t| t.kpi.as_str()).collect(),
            _ => Vec::new(),
        };
        let mut parts: Vec<Part> = Vec::new();
        for id in kpi_ids {
            if parts.iter().any(|p| p.kpi && p.id == id) {
                continue;
            }
            let rag = self.kpi_rag(id);
            parts.push(Part {
                doc: model.by_id.get(id).copied(),
                id: id.to_owned(),
                kpi: true,
                weight: 0.0,
                written: false,
                rag,
            });
        }
        let parent_id = model.docs[d].id();
        for child in self.graph.linked_from(d, Edge::Supports) {
            let Body::Objective(o) = &model.docs[child].body else {
                continue;
            };
            if o.status == Some(ObjectiveStatus::Retired) {
                continue;
            }
            let weight = o
                .supports
                .iter()
                .find(|s| s.id() == parent_id)
                .and_then(Support::weight_pct);
            let rag = self.rollup(child);
            parts.push(Part {
                doc: Some(child),
                id: model.docs[child].id().to_owned(),
                kpi: false,
                weight: weight.unwrap_or(0.0),
                written: weight.is_some(),
                rag,
            });
        }
        share_weights(&mut parts);
        let known: Vec<&Part> = parts.iter().filter(|p| p.rag.is_some()).collect();
        let total: f64 = known.iter().map(|p| p.weight).sum();
        let score = (!known.is_empty() && total > 0.0).then(|| {
            known
                .iter()
                .map(|p| p.weight * p.rag.map_or(0.0, score))
                .sum::<f64>()
                / total
        });
        let rag = score.map(|s| {
            if s >= 1.5 {
                Rag::Red
            } else if s >= 0.5 {
                Rag::Amber
            } else {
                Rag::Green
            }
        });
        self.visiting[d] = false;
        self.done[d] = Some(Rollup { rag, score, parts });
        rag
    }
}

/// Gives the parts without a written weight their share, then scales all
/// to add up to 100.
fn share_weights(parts: &mut [Part]) {
    let written: Vec<f64> = parts
        .iter()
        .filter(|p| p.written)
        .map(|p| p.weight)
        .collect();
    let unwritten = parts.len() - written.len();
    let sum: f64 = written.iter().sum();
    if unwritten > 0 {
        let share = if sum < 100.0 {
            (100.0 - sum) / unwritten as f64
        } else {
            sum / written.len() as f64
        };
        for p in parts.iter_mut().filter(|p| !p.written) {
            p.weight = share;
        }
    }
    let total: f64 = parts.iter().map(|p| p.weight).sum();
    if total > 0.0 {
        for p in parts.iter_mut() {
            p.weight = p.weight * 100.0 / total;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(weight: Option<f64>, rag: Option<Rag>) -> Part {
        Part {
            doc: None,
            id: String::new(),
            kpi: weight.is_none(),
            weight: weight.unwrap_or(0.0),
            written: weight.is_some(),
            rag,
        }
    }

    #[test]
    fn unwritten_weights_share_what_is_left() {
        let mut parts = vec![part(Some(60.0), None), part(None, None), part(None, None)];
        share_weights(&mut parts);
        let w: Vec<f64> = parts.iter().map(|p| p.weight).collect();
        assert_eq!(w, vec![60.0, 20.0, 20.0]);
        let mut parts = vec![
            part(Some(80.0), None),
            part(Some(40.0), None),
            part(None, None),
        ];
        share_weights(&mut parts);
        let w: Vec<f64> = parts.iter().map(|p| p.weight.round()).collect();
        assert_eq!(w, vec![44.0, 22.0, 33.0]);
    }

    #[test]
    fn the_heaviest_pull_comes_first() {
        let r = Rollup {
            rag: Some(Rag::Amber),
            score: Some(1.0),
            parts: vec![
                part(Some(20.0), Some(Rag::Red)),
                part(Some(50.0), Some(Rag::Amber)),
                part(Some(30.0), Some(Rag::Green)),
            ],
        };
        let pulled: Vec<f64> = r.pulling_down().iter().map(|p| p.weight).collect();
        assert_eq!(pulled, vec![50.0, 20.0]);
    }
}
