//! Unapproved deviations (SPEC section 4): places where an initiative, a
//! market or a budget departs from the strategy, the pricing policy or the
//! stage gates. All are governance rules: only a valid `Exception` naming the
//! rule and the finding's subject waives them, and every finding names whom
//! to escalate to (the Accountable of the decision concerned, then up
//! `reports_to`).
//!
//! This module also holds the lookups several of these rules share: which
//! pricing policies cover a market, and which stage-gate process governs an
//! initiative.

pub mod budget_overspent;
pub mod discount_above_policy;
pub mod dtc_reserved_segment;
pub mod gate_approved_by_wrong_role;
pub mod gate_out_of_order;
pub mod initiative_channel_outside_markets;
pub mod initiative_market_outside_objectives;
pub mod initiative_priority_conflict;
pub mod market_entry_gates_incomplete;
pub mod price_autonomy_exceeded;

use std::collections::HashMap;

use super::Ctx;
use crate::model::kinds::{Initiative, InitiativeType, PricingPolicy, Priority, StageGate};
use crate::model::refs::Edge;
use crate::model::{DocId, Model};

pub(crate) const RULES: &[super::Entry] = &[
    (
        &initiative_priority_conflict::RULE,
        Some(initiative_priority_conflict::check),
    ),
    (
        &initiative_market_outside_objectives::RULE,
        Some(initiative_market_outside_objectives::check),
    ),
    (
        &initiative_channel_outside_markets::RULE,
        Some(initiative_channel_outside_markets::check),
    ),
    (
        &dtc_reserved_segment::RULE,
        Some(dtc_reserved_segment::check),
    ),
    (
        &discount_above_policy::RULE,
        Some(discount_above_policy::check),
    ),
    (
        &price_autonomy_exceeded::RULE,
        Some(price_autonomy_exceeded::check),
    ),
    (
        &market_entry_gates_incomplete::RULE,
        Some(market_entry_gates_incomplete::check),
    ),
    (&gate_out_of_order::RULE, Some(gate_out_of_order::check)),
    (
        &gate_approved_by_wrong_role::RULE,
        Some(gate_approved_by_wrong_role::check),
    ),
    (&budget_overspent::RULE, Some(budget_overspent::check)),
];

/// A priority in words, for messages: "market share", "profitability".
pub(crate) fn priority_words(priority: Priority) -> &'static str {
    match priority {
        Priority::MarketShare => "market share",
        Priority::Profitability => "profitability",
        Priority::Balanced => "a balance of share and profit",
    }
}

/// Items as a readable list: `a, b and c`.
pub(crate) fn and_list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Ids as a readable list: `` `a`, `b` and `c` ``.
pub(crate) fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    and_list(ids.into_iter().map(|id| format!("`{id}`")))
}

/// Who can approve an Exception, for help lines: the Accountable of the
/// decision concerned, or of `governance.deviation_decision` without one.
pub(crate) fn exception_approver(ctx: &Ctx<'_>, decision: Option<&str>) -> String {
    let decision = decision.or(ctx.config.governance.deviation_decision.as_deref());
    match decision {
        Some(dec) => match ctx
            .model
            .decision(dec)
            .and_then(|(_, x)| x.accountable.single())
        {
            Some(role) => format!("`{role}` (Accountable of `{dec}`)"),
            None => format!("the Accountable of `{dec}`"),
        },
        None => "the manager on the escalation path".to_owned(),
    }
}

/// The pricing policies that cover each market, built once per rule run. A
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
/// apply to, built once per rule run.
pub(crate) struct GateIndex<'m> {
    by_type: HashMap<InitiativeType, Vec<(DocId, &'m StageGate)>>,
}

/// The stage-gate processes that govern one initiative.
pub(crate) struct Governing<'m> {
    pub processes: Vec<(DocId, &'m StageGate)>,
    /// Whether the initiative names its process in `gates`.
    pub named: bool,
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

    /// The processes whose `applies_to` contains the initiative's type: the
    /// one named in `gates` if it names one (nothing when that name does not
    /// resolve: `dangling-reference` reports it), otherwise every StageGate
    /// that applies to its type.
    pub(crate) fn governing(&self, ctx: &Ctx<'m>, doc: DocId, init: &Initiative) -> Governing<'m> {
        if init.gates.is_some() {
            let processes = named_process(ctx, doc)
                .filter(|(_, g)| g.applies_to.contains(&init.kind))
                .into_iter()
                .collect();
            return Governing {
                processes,
                named: true,
            };
        }
        Governing {
            processes: self.by_type.get(&init.kind).cloned().unwrap_or_default(),
            named: false,
        }
    }
}

/// The StageGate an initiative names in `gates`, when the reference
/// resolves. Its `gate_log` refers to the gates of this process (a log
/// without `gates` is reported by `dangling-reference`).
pub(crate) fn named_process<'m>(ctx: &Ctx<'m>, doc: DocId) -> Option<(DocId, &'m StageGate)> {
    let model: &'m Model = ctx.model;
    let (target, _) = ctx.graph.targets(doc, Edge::GatedBy).next()?;
    let gate = crate::model::KindOf::from_body(&model.docs[target].body)?;
    Some((target, gate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_like_prose() {
        assert_eq!(id_list([]), "");
        assert_eq!(id_list(["de"]), "`de`");
        assert_eq!(id_list(["de", "fr"]), "`de` and `fr`");
        assert_eq!(id_list(["de", "fr", "uk"]), "`de`, `fr` and `uk`");
    }
}
