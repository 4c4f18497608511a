//! Governance rules: decision rights (RACI), approvers, succession and
//! reporting lines (SPEC section 4, "Governance").

pub mod approver_without_rights;
pub mod critical_role_without_successor;
pub mod decision_accountable_count;
pub mod decision_without_responsible;
pub mod reports_to_cycle;
pub mod succession_cycle;
pub mod unknown_audience_role;
pub mod unknown_role;

use super::{Ctx, Rule};
use crate::diagnostics::Finding;
use crate::model::DocId;

pub(crate) const RULES: &[&Rule] = &[
    &decision_accountable_count::RULE,
    &decision_without_responsible::RULE,
    &unknown_role::RULE,
    &approver_without_rights::RULE,
    &critical_role_without_successor::RULE,
    &succession_cycle::RULE,
    &reports_to_cycle::RULE,
    &unknown_audience_role::RULE,
];

/// A finding about a field that is empty or missing: at the field's key
/// (`responsible:`) when it is written, at `fallback` (the id of the item or
/// document) when it is left out.
pub(crate) fn at_field_or(
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    d: DocId,
    pointer: &str,
    fallback: &str,
    message: String,
) -> Finding {
    if ctx.model.docs[d].has(pointer) {
        ctx.finding(rule, d, pointer, message)
            .at(ctx.key_label(d, pointer))
    } else {
        ctx.finding(rule, d, fallback, message)
    }
}
