//! Alignment rules (SPEC section 4, "Alignment"): every initiative serves a
//! corporate goal through objectives, objectives are measured, weighted and
//! free of loops, and KPIs are used.

pub mod alignment_weights_not_100;
pub mod esg_objective_without_target;
pub mod goal_without_objective;
pub mod initiative_advances_retired_objective;
pub mod initiative_beyond_goal_horizon;
pub mod initiative_without_goal;
pub mod kpi_unused;
pub mod objective_cycle;
pub mod objective_supports_nothing;
pub mod objective_without_kpi;

use super::{Ctx, Rule};
use crate::diagnostics::{Finding, Label};
use crate::model::DocId;

pub(crate) const RULES: &[&Rule] = &[
    &initiative_without_goal::RULE,
    &objective_supports_nothing::RULE,
    &alignment_weights_not_100::RULE,
    &objective_cycle::RULE,
    &objective_without_kpi::RULE,
    &esg_objective_without_target::RULE,
    &goal_without_objective::RULE,
    &kpi_unused::RULE,
    &initiative_beyond_goal_horizon::RULE,
    &initiative_advances_retired_objective::RULE,
];

/// Where to point for a list field that may be empty or missing: its key
/// (`supports:`) when it is written, the document's id when it is left out.
/// Returns the pointer the finding is about and the label.
pub(crate) fn list_field(ctx: &Ctx<'_>, d: DocId, pointer: &'static str) -> (&'static str, Label) {
    if ctx.model.docs[d].has(pointer) {
        (pointer, ctx.key_label(d, pointer))
    } else {
        ("/id", ctx.label(d, "/id"))
    }
}

/// A finding about a list field that is empty or missing (see [`list_field`]).
pub(crate) fn at_list_field(
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    d: DocId,
    pointer: &'static str,
    message: String,
) -> Finding {
    let (pointer, label) = list_field(ctx, d, pointer);
    ctx.finding(rule, d, pointer, message).at(label)
}

/// `a`, `b` and `c` as inline code, for messages listing ids.
pub(crate) fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| format!("`{id}`")).collect();
    match ids.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
