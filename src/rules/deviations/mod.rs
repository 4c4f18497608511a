//! Unapproved deviations (SPEC section 4): places where an initiative, a
//! market or a budget departs from the strategy, the pricing policy or the
//! stage gates. All are governance rules: only a valid `Exception` naming the
//! rule and the finding's subject waives them, and every finding names whom
//! to escalate to (the Accountable of the decision concerned, then up
//! `reports_to`).
//!
//! This module also holds the lookups several of these rules share: which
//! stage-gate process governs an initiative (over the gate index built once
//! on [`Ctx`]), who approves an exception.

use crate::model::kinds::{Initiative, Priority, StageGate};
use crate::model::refs::Edge;
use crate::model::{DocId, Model};
use crate::rules::ctx::Ctx;

/// A priority in words, for messages: "market share", "profitability".
pub(crate) fn priority_words(priority: Priority) -> &'static str {
    match priority {
        Priority::MarketShare => "market share",
        Priority::Profitability => "profitability",
        Priority::Balanced => "a balance of share and profit",
    }
}

/// Who can approve an Exception, for help lines: the Accountable of the
/// decision concerned, or of `governance.deviation_decision` without one.
pub(crate) fn exception_approver(ctx: &Ctx<'_>, decision: Option<&str>) -> String {
    let decision = decision.or(ctx.deviation_decision());
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

/// The processes whose `applies_to` contains the initiative's type: the
/// one named in `gates` if it names one (nothing when that name does not
/// resolve: `dangling-reference` reports it), otherwise every StageGate
/// that applies to its type.
pub(crate) fn governing<'m>(ctx: &Ctx<'m>, doc: DocId, init: &Initiative) -> Governing<'m> {
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
        processes: ctx.gates().applying_to(init.kind).to_vec(),
        named: false,
    }
}

/// The stage-gate processes that govern one initiative.
pub(crate) struct Governing<'m> {
    pub processes: Vec<(DocId, &'m StageGate)>,
    /// Whether the initiative names its process in `gates`.
    pub named: bool,
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

/// A promotion mechanic in words: "flash sale", "competitor match".
pub(crate) fn mechanic_words(mechanic: crate::model::kinds::PromotionMechanic) -> String {
    mechanic.as_str().replace('_', " ")
}

/// The steps of an approval ladder that apply to a deal's size and customer
/// tier, whatever its discount: no `max_deal_size` or one in the deal's
/// currency at least its size, and no `customer_tiers` or one naming the
/// deal's. (A step bounded in another currency cannot be compared and does
/// not apply.)
pub(crate) fn steps_for_deal<'p>(
    approvals: &'p crate::model::kinds::Approvals,
    deal: &crate::model::kinds::Deal,
) -> impl Iterator<Item = (usize, &'p crate::model::kinds::ApprovalTier)> {
    let size = deal.deal_size.clone();
    let tier = deal.customer_tier.clone();
    approvals.tiers.iter().enumerate().filter(move |(_, step)| {
        let size_ok = step.max_deal_size.as_ref().is_none_or(|max| {
            max.currency == size.currency && !crate::numbers::greater(size.amount, max.amount)
        });
        let tier_ok = step.customer_tiers.is_empty()
            || tier
                .as_ref()
                .is_some_and(|t| step.customer_tiers.contains(t));
        size_ok && tier_ok
    })
}

/// The lowest step of the ladder (in its order) that covers the deal: it
/// applies to the deal's size and tier and allows its discount.
pub(crate) fn covering_step<'p>(
    approvals: &'p crate::model::kinds::Approvals,
    deal: &crate::model::kinds::Deal,
) -> Option<(usize, &'p crate::model::kinds::ApprovalTier)> {
    steps_for_deal(approvals, deal)
        .find(|(_, step)| !crate::numbers::greater(deal.discount_pct.0, step.max_discount_pct.0))
}

/// A deal in words for messages: "the deal `x` (Bergwelt Sport, tier `strategic`, EUR 400k)".
pub(crate) fn deal_words(deal: &crate::model::kinds::Deal) -> String {
    let mut parts = vec![deal.customer.clone()];
    if let Some(t) = &deal.customer_tier {
        parts.push(format!("tier `{t}`"));
    }
    parts.push(crate::numbers::money(
        deal.deal_size.amount,
        &deal.deal_size.currency,
    ));
    format!("the deal `{}` ({})", deal.id, parts.join(", "))
}
