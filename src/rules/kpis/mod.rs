//! KPI, scorecard and trigger rules (SPEC section 4, "KPIs, scorecards,
//! triggers", and the stale-actuals check of section 8). The arithmetic —
//! targets, deviations, trigger evaluation, formulas — lives in
//! [`crate::metrics`], shared with the scorecard renderer.

pub mod formula_cycle;
pub mod formula_unit_mismatch;
pub mod formula_unknown_kpi;
pub mod kpi_actuals_stale;
pub mod kpi_without_target;
pub mod scorecard_unknown_kpi;
pub mod thresholds_inverted;
pub mod trigger_fired;

use crate::metrics::formula::{Formula, SyntaxError};
use crate::model::kinds::Kpi;
use crate::model::{DocId, Model};

pub(crate) const RULES: &[super::Entry] = &[
    (&kpi_without_target::RULE, Some(kpi_without_target::check)),
    (&thresholds_inverted::RULE, Some(thresholds_inverted::check)),
    (
        &scorecard_unknown_kpi::RULE,
        Some(scorecard_unknown_kpi::check),
    ),
    (&formula_unknown_kpi::RULE, Some(formula_unknown_kpi::check)),
    (&formula_cycle::RULE, Some(formula_cycle::check)),
    (
        &formula_unit_mismatch::RULE,
        Some(formula_unit_mismatch::check),
    ),
    (&trigger_fired::RULE, Some(trigger_fired::check)),
    (&kpi_actuals_stale::RULE, Some(kpi_actuals_stale::check)),
];

/// Every KPI with a formula, parsed, in model order.
pub(crate) fn formulas(model: &Model) -> Vec<(DocId, &Kpi, Result<Formula, SyntaxError>)> {
    model
        .all::<Kpi>()
        .filter_map(|(d, kpi)| {
            let text = kpi.formula.as_deref()?;
            Some((d, kpi, Formula::parse(text)))
        })
        .collect()
}

/// Every KPI id, sorted, for "did you mean" suggestions.
pub(crate) fn kpi_ids(model: &Model) -> Vec<&str> {
    let mut ids: Vec<&str> = model.all::<Kpi>().map(|(_, k)| k.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

/// A KPI for messages: `` `nps` (Net Promoter Score) ``, or with a comma
/// when the title has parentheses of its own (`` `cac`, Customer acquisition
/// cost (CAC), ``), or `` `cac` `` without a title.
pub(crate) fn kpi_name(kpi: &Kpi) -> String {
    match &kpi.title {
        Some(title) if title.contains('(') => format!("`{}`, {title},", kpi.id),
        Some(title) => format!("`{}` ({title})", kpi.id),
        None => format!("`{}`", kpi.id),
    }
}
