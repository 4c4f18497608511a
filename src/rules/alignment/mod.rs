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

pub(crate) const RULES: &[super::Entry] = &[
    (
        &initiative_without_goal::RULE,
        Some(initiative_without_goal::check),
    ),
    (
        &objective_supports_nothing::RULE,
        Some(objective_supports_nothing::check),
    ),
    (
        &alignment_weights_not_100::RULE,
        Some(alignment_weights_not_100::check),
    ),
    (&objective_cycle::RULE, Some(objective_cycle::check)),
    (
        &objective_without_kpi::RULE,
        Some(objective_without_kpi::check),
    ),
    (
        &esg_objective_without_target::RULE,
        Some(esg_objective_without_target::check),
    ),
    (
        &goal_without_objective::RULE,
        Some(goal_without_objective::check),
    ),
    (&kpi_unused::RULE, Some(kpi_unused::check)),
    (
        &initiative_beyond_goal_horizon::RULE,
        Some(initiative_beyond_goal_horizon::check),
    ),
    (
        &initiative_advances_retired_objective::RULE,
        Some(initiative_advances_retired_objective::check),
    ),
];

/// `a`, `b` and `c` as inline code, for messages listing ids.
pub(crate) fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| format!("`{id}`")).collect();
    match ids.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
