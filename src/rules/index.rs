//! Shared analysis several rules read, built once per run on the first rule
//! that asks for it ([`crate::rules::ctx::Ctx`] holds them): which pricing
//! policies cover a market and which stage-gate processes apply to an
//! initiative type. (KPI formulas are parsed once by the model.)

use std::collections::HashMap;

use crate::model::kinds::{InitiativeType, PricingPolicy, StageGate};
use crate::model::{DocId, Model};

/// The pricing policies that cover each market, built once for every rule (on [`crate::rules::ctx::Ctx`]). A
/// policy covers the markets it lists; one that lists none covers every
/// market (as when pricing categories are resolved while loading).
pub(crate) struct PolicyIndex<'m> {
    all: Vec<(DocId, &'m PricingPolicy)>,
    by_market: HashMap<&'m str, Vec<(DocId, &'m PricingPolicy)>>,
    everywhere: Vec<(DocId, &'m PricingPolicy)>,
}

impl<'m> PolicyIndex<'m> {
    pub(crate) fn new(model: &'m Model) -> PolicyIndex<'m> {
        let all: Vec<(DocId, &PricingPolicy)> = model.all::<PricingPolicy>().collect();
        let mut by_market: HashMap<&str, Vec<(DocId, &PricingPolicy)>> = HashMap::new();
        let mut everywhere = Vec::new();
        for &(d, policy) in &all {
            if policy.markets.is_empty() {
                everywhere.push((d, policy));
            }
            for market in &policy.markets {
                let list = by_market.entry(market.as_str()).or_default();
                if list.last().is_none_or(|&(last, _)| last != d) {
                    list.push((d, policy));
                }
            }
        }
        PolicyIndex {
            all,
            by_market,
            everywhere,
        }
    }

    /// The policies covering any of these markets, each once, in document
    /// order; with no markets at all, every policy (the initiative is not
    /// limited to a market).
    pub(crate) fn covering(&self, markets: &[String]) -> Vec<(DocId, &'m PricingPolicy)> {
        if markets.is_empty() {
            return self.all.clone();
        }
        let mut found: Vec<(DocId, &PricingPolicy)> = markets
            .iter()
            .filter_map(|m| self.by_market.get(m.as_str()))
            .flatten()
            .chain(&self.everywhere)
            .copied()
            .collect();
        found.sort_by_key(|&(d, _)| d);
        found.dedup_by_key(|&mut (d, _)| d);
        found
    }
}

/// The stage-gate processes of the repository, by the initiative types they
/// apply to, built once for every rule (on [`crate::rules::ctx::Ctx`]).
pub(crate) struct GateIndex<'m> {
    by_type: HashMap<InitiativeType, Vec<(DocId, &'m StageGate)>>,
}

impl<'m> GateIndex<'m> {
    pub(crate) fn new(model: &'m Model) -> GateIndex<'m> {
        let mut by_type: HashMap<InitiativeType, Vec<(DocId, &StageGate)>> = HashMap::new();
        for (d, gate) in model.all::<StageGate>() {
            let mut types = gate.applies_to.clone();
            types.sort_unstable();
            types.dedup();
            for t in types {
                by_type.entry(t).or_default().push((d, gate));
            }
        }
        GateIndex { by_type }
    }

    /// Every StageGate whose `applies_to` contains this initiative type.
    pub(crate) fn applying_to(&self, kind: InitiativeType) -> &[(DocId, &'m StageGate)] {
        self.by_type.get(&kind).map_or(&[], Vec::as_slice)
    }
}
