//! KPI and trigger states as sentences, for document pages, listings,
//! playbooks and scorecards alike.

use crate::metrics;
use crate::model::kinds::{CompareTo, DeviationDirection, Trigger};
use crate::numbers::{in_unit, pct};
use crate::render::site::Site;

/// "the actual is worse than the target by more than 10% for 2 consecutive periods".
pub(crate) fn trigger_condition(t: &Trigger) -> String {
    let reference = match t.when.compare_to {
        CompareTo::Target => "target",
        CompareTo::Forecast => "forecast",
    };
    let n = t.when.consecutive_periods.max(1);
    let periods = if n == 1 {
        "in the latest period".to_owned()
    } else {
        format!("for {n} consecutive periods")
    };
    let way = match t.when.direction.unwrap_or(DeviationDirection::Adverse) {
        DeviationDirection::Adverse => "worse than",
        DeviationDirection::Favourable => "better than",
        DeviationDirection::Either => "off",
    };
    format!(
        "the actual is {way} the {reference} by more than {} {periods}",
        pct(t.when.deviation_above_pct.0)
    )
}

/// "fired: 2 periods in a row beyond the limit (2027-Q1, 2027-Q2)" or why not.
pub(crate) fn trigger_state(e: &metrics::TriggerEvaluation<'_>) -> String {
    let periods: Vec<&str> = e.periods.iter().map(|b| b.row.period.0.as_str()).collect();
    if e.fired {
        format!(
            "fired: {} consecutive period(s) beyond the limit ({})",
            periods.len(),
            periods.join(", ")
        )
    } else if e.recent.is_empty() {
        "not fired: no actuals yet".to_owned()
    } else if periods.is_empty() {
        "not fired: the latest period is within the limit".to_owned()
    } else {
        format!(
            "not fired: {} of the {} consecutive periods needed are beyond the limit",
            periods.len(),
            e.required
        )
    }
}

/// "13.3%", "on or better", or why there is no number.
pub(crate) fn deviation_text(deviation: Option<f64>, has_reference: bool) -> String {
    match deviation {
        Some(d) if d > 0.0 => pct(d),
        Some(_) => "on or better".to_owned(),
        None if has_reference => "worse than a reference of 0".to_owned(),
        None => "no reference".to_owned(),
    }
}

/// `fired` or `not fired`: a trigger's state in listings.
pub(crate) fn fired_text(site: &Site<'_>, t: &Trigger) -> &'static str {
    if metrics::evaluate_trigger(site.model, t).fired {
        "fired"
    } else {
        "not fired"
    }
}

/// A KPI's status in one sentence, for tables on goal, objective and KPI pages.
pub(crate) fn kpi_status_text(site: &Site<'_>, kpi: &str) -> String {
    let Some(status) = metrics::kpi_status(site.model, kpi) else {
        return "not a KPI".to_owned();
    };
    let unit = &status.kpi.unit;
    let Some(latest) = status.latest else {
        return "no actuals yet".to_owned();
    };
    let actual = format!("{} in {}", in_unit(latest.actual, unit), latest.period.0);
    match (status.rag, status.target) {
        (Some(rag), Some(target)) => {
            let against = match status.deviation_pct {
                Some(d) if d > 0.0 => format!(
                    "{} worse than the target of {}",
                    pct(d),
                    in_unit(target, unit)
                ),
                Some(_) => format!("on or better than the target of {}", in_unit(target, unit)),
                None => format!("worse than the target of {}", in_unit(target, unit)),
            };
            format!("{}: {actual}, {against}", rag.as_str())
        }
        _ => format!("{actual} (no target for that period)"),
    }
}
