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

use super::{Ctx, Rule};
use crate::diagnostics::Label;
use crate::load::yaml::Span;
use crate::metrics::formula::{Formula, SyntaxError};
use crate::model::kinds::Kpi;
use crate::model::{DocId, Model};

pub(crate) const RULES: &[&Rule] = &[
    &kpi_without_target::RULE,
    &thresholds_inverted::RULE,
    &scorecard_unknown_kpi::RULE,
    &formula_unknown_kpi::RULE,
    &formula_cycle::RULE,
    &formula_unit_mismatch::RULE,
    &trigger_fired::RULE,
    &kpi_actuals_stale::RULE,
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

/// The place of the bytes `start..end` of a KPI's formula in its YAML file.
/// The YAML value may be quoted or a block scalar, so the formula text is
/// looked up inside the value's span; when it cannot be found verbatim (a
/// quoted formula with escapes) the whole value is used.
pub(crate) fn formula_label(ctx: &Ctx<'_>, doc: DocId, start: usize, end: usize) -> Label {
    let d = &ctx.model.docs[doc];
    let value = d.span("/formula");
    let formula = match &d.body {
        crate::model::Body::Kpi(k) => k.formula.as_deref().unwrap_or(""),
        _ => "",
    };
    let text = &ctx.model.sources.file(d.file).text;
    let raw = text
        .get(value.start as usize..value.end as usize)
        .unwrap_or("");
    match raw.find(formula).filter(|_| !formula.is_empty()) {
        Some(at) => {
            let base = value.start as usize + at;
            Label::new(
                d.file,
                Span::new((base + start) as u32, (base + end) as u32),
            )
        }
        None => Label::new(d.file, value),
    }
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
