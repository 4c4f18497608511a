//! KPI, scorecard and trigger rules (SPEC section 4, "KPIs, scorecards,
//! triggers", and the stale-actuals check of section 8). The arithmetic —
//! targets, deviations, trigger evaluation, formulas — lives in
//! [`crate::metrics`], shared with the scorecard renderer.

use crate::model::Model;
use crate::model::kinds::Kpi;

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
