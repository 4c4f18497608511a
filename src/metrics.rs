//! KPI arithmetic shared by the rules and the scorecard renderer: which target
//! applies to an actual, how far an actual is from it in the adverse
//! direction, red/amber/green status, trigger evaluation, stale actuals, and
//! KPI formulas ([`formula`]).
//!
//! Everything here reads the validated [`Model`] and its CSV actuals; nothing
//! invents a number. Where a value cannot be computed (no actuals, no target,
//! a reference of 0) the result says so with `None`.
//!
//! # Deviation
//!
//! The *adverse deviation* of an actual from a reference value (a target or a
//! forecast) is `|actual − reference| / |reference| × 100`, measured relative
//! to the reference (also for percent KPIs: 29.4% against a 27% target is
//! 8.9% worse, not 2.4 points), and counted only in the adverse direction of
//! the KPI's `direction`: an actual on or better than the reference has
//! deviation 0. A reference of 0 gives no relative deviation: on or better
//! than 0 is still 0, worse than 0 is *undefined* (`None`).

pub use crate::model::formula;

use crate::load::actuals::ActualRow;
use crate::model::Model;
use crate::model::kinds::{
    Cadence, CompareTo, DeviationDirection, Direction, Kpi, Thresholds, Trigger,
};
use crate::model::values::{Date, Period};
use crate::numbers::{greater, less};

/// The target of `kpi` that applies to an actual of `period`.
///
/// The rule: a target whose period is exactly the actual's period wins;
/// otherwise the target of the *smallest* period that contains it (for a
/// month, a quarter target before a year target; for a quarter, the year
/// target). A target of a shorter period never applies to a longer one (a
/// quarter target says nothing about the year), so a year actual with only
/// quarter targets has no target. When two targets name the same period the
/// first one written counts.
///
/// Note: a year target applied to a quarter is right for rates, averages and
/// ratios (CAC, conversion, margin), not for totals (revenue, order counts);
/// totals need targets at the period of their actuals.
pub fn target_for(kpi: &Kpi, period: &Period) -> Option<f64> {
    let range = period.range()?;
    let mut containing: Option<(i64, f64)> = None;
    for target in &kpi.targets {
        let Some(r) = target.period.range() else {
            continue;
        };
        if r == range {
            return Some(target.value);
        }
        if r.first <= range.first && range.last <= r.last {
            let length = r.last.days_since_epoch() - r.first.days_since_epoch();
            if containing.is_none_or(|(shortest, _)| length < shortest) {
                containing = Some((length, target.value));
            }
        }
    }
    containing.map(|(_, value)| value)
}

/// The adverse deviation of `actual` from `reference`, in percent of the
/// reference (see the module documentation). `Some(0.0)` when the actual is
/// on or better than the reference; `None` when the reference is 0 and the
/// actual is worse (a relative deviation from 0 is undefined).
///
/// Worked example: CAC (lower is better) 52.1 against a target of 46 is
/// `|52.1 − 46| / 46 × 100 = 13.3%` worse; 44 against 46 is 0.
pub fn adverse_deviation_pct(actual: f64, reference: f64, direction: Direction) -> Option<f64> {
    let worse = match direction {
        Direction::HigherIsBetter => less(actual, reference),
        Direction::LowerIsBetter => greater(actual, reference),
    };
    if !worse {
        Some(0.0)
    } else if reference == 0.0 {
        None
    } else {
        Some((actual - reference).abs() / reference.abs() * 100.0)
    }
}

/// The deviation of `actual` from `reference` that a trigger counts, in
/// percent of the reference: the adverse one ([`adverse_deviation_pct`]),
/// the favourable one (the adverse one of the opposite direction), or
/// either way (`|actual − reference| / |reference| × 100`). `Some(0.0)` when
/// the actual deviates the other way; `None` when the reference is 0 and the
/// actual deviates the way that counts.
///
/// Worked example: market share 0.46% against a forecast of 0.40% is 15%
/// off: 0 adverse (higher is better), 15% favourable, 15% either way.
pub fn trigger_deviation_pct(
    actual: f64,
    reference: f64,
    direction: Direction,
    counts: DeviationDirection,
) -> Option<f64> {
    let opposite = match direction {
        Direction::HigherIsBetter => Direction::LowerIsBetter,
        Direction::LowerIsBetter => Direction::HigherIsBetter,
    };
    match counts {
        DeviationDirection::Adverse => adverse_deviation_pct(actual, reference, direction),
        DeviationDirection::Favourable => adverse_deviation_pct(actual, reference, opposite),
        DeviationDirection::Either => {
            let adverse = adverse_deviation_pct(actual, reference, direction)?;
            let favourable = adverse_deviation_pct(actual, reference, opposite)?;
            Some(adverse.max(favourable))
        }
    }
}

/// Red, amber or green status of a KPI against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    /// `green`, `amber` or `red`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

impl std::fmt::Display for Rag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status for an adverse deviation (`None`: undefined, i.e. worse than
/// a target of 0).
///
/// - On or better than target (deviation 0) is always green.
/// - With `thresholds`: red when the deviation is at least `red_pct`, amber
///   when it is at least `amber_pct`, green below.
/// - Without thresholds the target is a hard line: any adverse deviation is
///   red (there is no amber band unless someone declares one).
/// - An undefined deviation (worse than a target of 0) is red.
pub fn rag_for(deviation_pct: Option<f64>, thresholds: Option<&Thresholds>) -> Rag {
    let Some(deviation) = deviation_pct else {
        return Rag::Red;
    };
    if !greater(deviation, 0.0) {
        return Rag::Green;
    }
    match thresholds {
        None => Rag::Red,
        Some(t) if !less(deviation, t.red_pct.0) => Rag::Red,
        Some(t) if !less(deviation, t.amber_pct.0) => Rag::Amber,
        Some(_) => Rag::Green,
    }
}

/// Where a KPI stands: its latest actual against the target for that period.
#[derive(Debug, Clone)]
pub struct KpiStatus<'a> {
    pub kpi: &'a Kpi,
    /// The latest actual row; `None` when the KPI has no actuals.
    pub latest: Option<&'a ActualRow>,
    /// The target for the latest actual's period ([`target_for`]); `None`
    /// without actuals or without an applicable target.
    pub target: Option<f64>,
    /// Adverse deviation of the latest actual from `target`, percent
    /// (positive = worse, 0 = on or better); `None` without target, or when
    /// the target is 0 and the actual is worse.
    pub deviation_pct: Option<f64>,
    /// `None` without actuals or without a target ([`rag_for`] otherwise).
    pub rag: Option<Rag>,
    /// The last (up to) 4 actuals, oldest first.
    pub trend: Vec<(Period, f64)>,
}

/// The status of the KPI `kpi_id`; `None` when no Kpi has that id.
pub fn kpi_status<'a>(model: &'a Model, kpi_id: &str) -> Option<KpiStatus<'a>> {
    let (_, kpi) = model.get::<Kpi>(kpi_id)?;
    let rows = model.actuals.rows(kpi_id);
    let latest = rows.last();
    let target = latest.and_then(|row| target_for(kpi, &row.period));
    let deviation_pct = match (latest, target) {
        (Some(row), Some(t)) => adverse_deviation_pct(row.actual, t, kpi.direction),
        _ => None,
    };
    let rag = target
        .filter(|_| latest.is_some())
        .map(|_| rag_for(deviation_pct, kpi.thresholds.as_ref()));
    let trend = rows[rows.len().saturating_sub(4)..]
        .iter()
        .map(|row| (row.period.clone(), row.actual))
        .collect();
    Some(KpiStatus {
        kpi,
        latest,
        target,
        deviation_pct,
        rag,
        trend,
    })
}

/// The value an actual row is compared with: the target for its period or
/// the forecast written in the row.
pub fn reference_for(kpi: &Kpi, row: &ActualRow, compare_to: CompareTo) -> Option<f64> {
    match compare_to {
        CompareTo::Target => target_for(kpi, &row.period),
        CompareTo::Forecast => row.forecast,
    }
}

/// `later` starts the day after `earlier` ends (2027-Q1 then 2027-Q2, 2027-03
/// then 2027-04, 2027-Q4 then 2028-Q1).
pub fn adjacent(earlier: &Period, later: &Period) -> bool {
    match (earlier.range(), later.range()) {
        (Some(a), Some(b)) => a.last.add_days(1) == b.first,
        _ => false,
    }
}

/// One period of a trigger's KPI that breaches the trigger's condition.
#[derive(Debug, Clone, Copy)]
pub struct Breach<'a> {
    pub row: &'a ActualRow,
    /// The target or forecast compared with.
    pub reference: f64,
    /// Deviation from the reference in the direction the trigger counts,
    /// percent (above the threshold).
    pub deviation_pct: f64,
}

/// One of the latest periods of a trigger's KPI, breaching or not.
#[derive(Debug, Clone, Copy)]
pub struct PeriodCheck<'a> {
    pub row: &'a ActualRow,
    /// `None` when the period has no target (or no forecast) to compare with.
    pub reference: Option<f64>,
    /// `None` without reference, or worse than a reference of 0.
    pub deviation_pct: Option<f64>,
    pub breach: bool,
}

/// The outcome of a trigger at the latest actuals.
#[derive(Debug, Clone)]
pub struct TriggerEvaluation<'a> {
    /// The latest `required` periods all breach.
    pub fired: bool,
    /// `consecutive_periods` of the trigger (at least 1).
    pub required: usize,
    /// The run of consecutive breaching periods that ends at the latest
    /// actual, oldest first (empty when the latest period does not breach).
    /// It may be longer than `required`.
    pub periods: Vec<Breach<'a>>,
    /// The latest `required` periods (fewer if there are fewer actuals),
    /// oldest first, with their deviations: what the trigger looked at, for
    /// showing a near miss.
    pub recent: Vec<PeriodCheck<'a>>,
}

/// Evaluates a trigger against the actuals of its KPI.
///
/// A period *breaches* when its actual is worse than the reference
/// (`compare_to: target` → [`target_for`], `forecast` → the row's forecast)
/// by more than `deviation_above_pct` ([`adverse_deviation_pct`]); better
/// than it with `when.direction: favourable`, either way with `either`
/// ([`trigger_deviation_pct`]). The
/// trigger *fires* when the latest `consecutive_periods` periods all breach
/// and are consecutive: consecutive in the KPI's actual rows *and* adjacent
/// in the calendar ([`adjacent`]), so Q1 and Q3 with Q2 missing are not
/// consecutive. A period without reference (no target, no forecast, or a
/// reference of 0 with a worse actual) breaks the run. Fewer actuals than
/// required → not fired. `consecutive_periods: 0` counts as 1. A trigger on
/// an id that is not a Kpi never fires.
pub fn evaluate_trigger<'a>(model: &'a Model, trigger: &Trigger) -> TriggerEvaluation<'a> {
    let required = trigger.when.consecutive_periods.max(1) as usize;
    let Some((_, kpi)) = model.get::<Kpi>(&trigger.kpi) else {
        return TriggerEvaluation {
            fired: false,
            required,
            periods: Vec::new(),
            recent: Vec::new(),
        };
    };
    evaluate_rows(kpi, model.actuals.rows(&trigger.kpi), trigger, required)
}

/// [`evaluate_trigger`] on a series of rows other than the CSV's: a
/// scenario's projection of the trigger's KPI (`rows` sorted by period).
pub fn evaluate_trigger_on<'a>(
    kpi: &Kpi,
    rows: &'a [ActualRow],
    trigger: &Trigger,
) -> TriggerEvaluation<'a> {
    let required = trigger.when.consecutive_periods.max(1) as usize;
    evaluate_rows(kpi, rows, trigger, required)
}

/// Who responds when a trigger fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerResponse<'a> {
    /// The Playbook to run: the trigger's `action.playbook`, else the first
    /// Playbook (in file order) whose `trigger` names it.
    pub playbook: Option<&'a str>,
    /// The Role to escalate to: `action.escalate_to`, else the KPI's owner.
    pub escalate_to: Option<&'a str>,
}

/// The response to a fired trigger; `playbooks` is [`playbooks_by_trigger`].
pub fn trigger_response<'a>(
    trigger: &'a Trigger,
    kpi: &'a Kpi,
    playbooks: impl FnOnce() -> Option<&'a str>,
) -> TriggerResponse<'a> {
    TriggerResponse {
        playbook: trigger.action.playbook.as_deref().or_else(playbooks),
        escalate_to: trigger
            .action
            .escalate_to
            .as_deref()
            .or(kpi.owner.as_deref()),
    }
}

/// The first Playbook (in file order) that names each trigger in `trigger`.
pub fn playbooks_by_trigger(model: &Model) -> std::collections::HashMap<&str, &str> {
    let mut index = std::collections::HashMap::new();
    for (_, playbook) in model.all::<crate::model::kinds::Playbook>() {
        if let Some(trigger) = playbook.trigger.as_deref() {
            index.entry(trigger).or_insert(playbook.id.as_str());
        }
    }
    index
}

fn evaluate_rows<'a>(
    kpi: &Kpi,
    rows: &'a [ActualRow],
    trigger: &Trigger,
    required: usize,
) -> TriggerEvaluation<'a> {
    let threshold = trigger.when.deviation_above_pct.0;
    let counts = trigger
        .when
        .direction
        .unwrap_or(DeviationDirection::Adverse);
    let check = |row: &'a ActualRow| {
        let reference = reference_for(kpi, row, trigger.when.compare_to);
        let deviation_pct =
            reference.and_then(|r| trigger_deviation_pct(row.actual, r, kpi.direction, counts));
        PeriodCheck {
            row,
            reference,
            deviation_pct,
            breach: deviation_pct.is_some_and(|d| greater(d, threshold)),
        }
    };
    let mut periods = Vec::new();
    for (i, row) in rows.iter().enumerate().rev() {
        if rows
            .get(i + 1)
            .is_some_and(|next| !adjacent(&row.period, &next.period))
        {
            break;
        }
        let c = check(row);
        match (c.breach, c.reference, c.deviation_pct) {
            (true, Some(reference), Some(deviation_pct)) => periods.push(Breach {
                row,
                reference,
                deviation_pct,
            }),
            _ => break,
        }
    }
    periods.reverse();
    let recent = rows[rows.len().saturating_sub(required)..]
        .iter()
        .map(check)
        .collect();
    TriggerEvaluation {
        fired: periods.len() >= required,
        required,
        periods,
        recent,
    }
}

/// The last day by which the actual *after* `latest` should exist for a KPI
/// reported every `cadence`: the end of one cadence after `latest` ends
/// (2027-Q1 quarterly → 2027-06-30; 2027-05 monthly → 2027-06-30; weekly: 7
/// days after). Actuals are stale when the evaluation date is after it.
pub fn next_actual_due(latest: &Period, cadence: Cadence) -> Option<Date> {
    let last = latest.range()?.last;
    let months = match cadence {
        Cadence::Weekly => return Some(last.add_days(7)),
        Cadence::Monthly => 1,
        Cadence::Quarterly => 3,
        Cadence::Annual => 12,
    };
    // Periods end on a month's last day, so the next one starts on a 1st.
    let start = last.add_days(1);
    let month_index = i64::from(start.year) * 12 + i64::from(start.month) - 1 + months;
    let after = Date::ymd(
        month_index.div_euclid(12) as i32,
        (month_index.rem_euclid(12) + 1) as u8,
        1,
    );
    Some(after.add_days(-1))
}

/// When a review or audit held on `last` is overdue on `as_of`: the day it
/// was due ([`next_due`]) and how many days late it is; `None` while it is
/// not yet due.
pub fn overdue(last: Date, cadence: Cadence, as_of: Date) -> Option<(Date, i64)> {
    let due = next_due(last, cadence);
    (due < as_of).then(|| (due, as_of.days_since_epoch() - due.days_since_epoch()))
}

/// The day a review or audit held on `last` is due again, one `cadence`
/// later (2027-04-15 quarterly → 2027-07-15; from a 31st, a shorter month's
/// last day). It is overdue when the evaluation date is after that day.
pub fn next_due(last: Date, cadence: Cadence) -> Date {
    let months = match cadence {
        Cadence::Weekly => return last.add_days(7),
        Cadence::Monthly => 1,
        Cadence::Quarterly => 3,
        Cadence::Annual => 12,
    };
    let month_index = i64::from(last.year) * 12 + i64::from(last.month) - 1 + months;
    let (year, month) = (
        month_index.div_euclid(12) as i32,
        (month_index.rem_euclid(12) + 1) as u8,
    );
    let next_month = month_index + 1;
    let month_end = Date::ymd(
        next_month.div_euclid(12) as i32,
        (next_month.rem_euclid(12) + 1) as u8,
        1,
    )
    .add_days(-1);
    Date::ymd(year, month, last.day.min(month_end.day))
}

/// How an expected impact of `delta` turned out: the actual of the period an
/// initiative started in (or the latest before it), the latest actual, and
/// whether the change between them falls short of `delta` (a rise smaller
/// than a positive delta, a fall smaller than a negative one). `None` when
/// the actuals do not reach both sides.
pub fn impact_outcome(
    rows: &[ActualRow],
    start: Date,
    delta: f64,
) -> Option<(&ActualRow, &ActualRow, bool)> {
    let baseline = rows
        .iter()
        .rev()
        .find(|r| r.period.range().is_some_and(|p| p.first <= start))?;
    let latest = rows.last()?;
    if latest.period == baseline.period {
        return None;
    }
    let change = latest.actual - baseline.actual;
    let missed = if delta >= 0.0 {
        less(change, delta)
    } else {
        greater(change, delta)
    };
    Some((baseline, latest, missed))
}

/// A cadence in words, for messages: `quarterly`.
pub fn cadence_words(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Weekly => "weekly",
        Cadence::Monthly => "monthly",
        Cadence::Quarterly => "quarterly",
        Cadence::Annual => "yearly",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::{KpiTarget, TriggerAction, TriggerCondition};
    use crate::model::values::Pct;

    #[test]
    fn reviews_are_due_one_cadence_later() {
        let d = |y, m, day| Date::ymd(y, m, day);
        assert_eq!(next_due(d(2027, 4, 15), Cadence::Quarterly), d(2027, 7, 15));
        assert_eq!(next_due(d(2027, 1, 31), Cadence::Monthly), d(2027, 2, 28));
        assert_eq!(
            next_due(d(2027, 11, 30), Cadence::Quarterly),
            d(2028, 2, 29)
        );
        assert_eq!(next_due(d(2027, 12, 28), Cadence::Weekly), d(2028, 1, 4));
        assert_eq!(next_due(d(2026, 9, 1), Cadence::Annual), d(2027, 9, 1));
    }

    fn kpi(direction: Direction, targets: &[(&str, f64)]) -> Kpi {
        serde_json::from_value(serde_json::json!({
            "id": "k",
            "unit": "currency:EUR",
            "direction": direction.as_str(),
        }))
        .map(|mut k: Kpi| {
            k.targets = targets
                .iter()
                .map(|(p, v)| KpiTarget {
                    period: Period((*p).to_owned()),
                    value: *v,
                })
                .collect();
            k
        })
        .unwrap()
    }

    fn row(period: &str, actual: f64, forecast: Option<f64>) -> ActualRow {
        ActualRow {
            kpi: "k".into(),
            period: Period(period.into()),
            actual,
            forecast,
            file: 0,
            span: crate::source::Span::new(0, 1),
            kpi_span: crate::source::Span::new(0, 1),
        }
    }

    fn trigger(compare_to: CompareTo, above: f64, n: u32) -> Trigger {
        serde_json::from_value::<Trigger>(serde_json::json!({
            "id": "t", "kpi": "k",
            "when": {"compare_to": "target", "deviation_above_pct": 1},
            "action": {}
        }))
        .map(|mut t| {
            t.when = TriggerCondition {
                compare_to,
                deviation_above_pct: Pct(above),
                consecutive_periods: n,
                direction: None,
            };
            t.action = TriggerAction {
                playbook: None,
                escalate_to: None,
            };
            t
        })
        .unwrap()
    }

    fn p(s: &str) -> Period {
        Period(s.into())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.05
    }

    #[test]
    fn target_exact_period_first_then_smallest_containing_period() {
        let k = kpi(
            Direction::LowerIsBetter,
            &[("2027", 45.0), ("2027-Q2", 44.0), ("2027-Q1", 46.0)],
        );
        assert_eq!(target_for(&k, &p("2027-Q1")), Some(46.0));
        assert_eq!(target_for(&k, &p("2027-Q3")), Some(45.0));
        assert_eq!(target_for(&k, &p("2027-05")), Some(44.0)); // quarter before year
        assert_eq!(target_for(&k, &p("2027-09")), Some(45.0));
        assert_eq!(target_for(&k, &p("2027")), Some(45.0));
        assert_eq!(target_for(&k, &p("2028-Q1")), None);
        let quarters_only = kpi(Direction::LowerIsBetter, &[("2027-Q1", 46.0)]);
        assert_eq!(target_for(&quarters_only, &p("2027")), None);
    }

    #[test]
    fn triggers_count_the_direction_they_name() {
        use DeviationDirection::*;
        // Share 0.46 against a forecast of 0.40: 15% better, 0 worse.
        let up = |counts| trigger_deviation_pct(0.46, 0.40, Direction::HigherIsBetter, counts);
        assert_eq!(up(Adverse), Some(0.0));
        assert!(close(up(Favourable).unwrap(), 15.0));
        assert!(close(up(Either).unwrap(), 15.0));
        // 0.34 against 0.40: 15% worse.
        let down = |counts| trigger_deviation_pct(0.34, 0.40, Direction::HigherIsBetter, counts);
        assert!(close(down(Adverse).unwrap(), 15.0));
        assert_eq!(down(Favourable), Some(0.0));
        assert!(close(down(Either).unwrap(), 15.0));
    }

    #[test]
    fn deviation_counts_only_the_adverse_direction() {
        // CAC 52.1 vs 46: |52.1 - 46| / 46 = 13.26%.
        let d = adverse_deviation_pct(52.1, 46.0, Direction::LowerIsBetter).unwrap();
        assert!(close(d, 13.26));
        assert_eq!(
            adverse_deviation_pct(44.0, 46.0, Direction::LowerIsBetter),
            Some(0.0)
        );
        // Market share 0.21% vs forecast 0.25%: 16% below, relative, not 0.04 points.
        let d = adverse_deviation_pct(0.21, 0.25, Direction::HigherIsBetter).unwrap();
        assert!(close(d, 16.0));
        assert_eq!(
            adverse_deviation_pct(0.3, 0.25, Direction::HigherIsBetter),
            Some(0.0)
        );
        // Negative reference: relative to |reference|. -8 vs -10 target, lower is better.
        let d = adverse_deviation_pct(-8.0, -10.0, Direction::LowerIsBetter).unwrap();
        assert!(close(d, 20.0));
        // Reference 0: on or better is 0, worse is undefined.
        assert_eq!(
            adverse_deviation_pct(0.0, 0.0, Direction::LowerIsBetter),
            Some(0.0)
        );
        assert_eq!(
            adverse_deviation_pct(-1.0, 0.0, Direction::LowerIsBetter),
            Some(0.0)
        );
        assert_eq!(
            adverse_deviation_pct(3.0, 0.0, Direction::LowerIsBetter),
            None
        );
    }

    #[test]
    fn rag_from_thresholds_or_hard_line_without() {
        let t = Thresholds {
            amber_pct: Pct(5.0),
            red_pct: Pct(10.0),
        };
        assert_eq!(rag_for(Some(0.0), Some(&t)), Rag::Green);
        assert_eq!(rag_for(Some(4.9), Some(&t)), Rag::Green);
        assert_eq!(rag_for(Some(5.0), Some(&t)), Rag::Amber);
        assert_eq!(rag_for(Some(9.99), Some(&t)), Rag::Amber);
        assert_eq!(rag_for(Some(10.0), Some(&t)), Rag::Red);
        assert_eq!(rag_for(Some(0.1), None), Rag::Red);
        assert_eq!(rag_for(Some(0.0), None), Rag::Green);
        assert_eq!(rag_for(None, Some(&t)), Rag::Red);
        assert_eq!(Rag::Amber.as_str(), "amber");
    }

    #[test]
    fn acme_cac_fires_after_two_quarters_above_ten_percent() {
        // Quarterly targets 46 and 45; actuals 52.1 (13.3% above) and 51.3 (14.0% above).
        let k = kpi(
            Direction::LowerIsBetter,
            &[("2026", 49.0), ("2027-Q1", 46.0), ("2027-Q2", 45.0)],
        );
        let rows = [
            row("2026-Q3", 47.6, None),
            row("2026-Q4", 51.8, None), // 5.7% above the 2026 target of 49: no breach
            row("2027-Q1", 52.1, None),
            row("2027-Q2", 51.3, None),
        ];
        let e = evaluate_rows(&k, &rows, &trigger(CompareTo::Target, 10.0, 2), 2);
        assert!(e.fired);
        assert_eq!(e.periods.len(), 2);
        assert!(close(e.periods[0].deviation_pct, 13.26));
        assert!(close(e.periods[1].deviation_pct, 14.0));
        assert_eq!(e.periods[1].reference, 45.0);
        assert_eq!(e.recent.len(), 2);
        // Three in a row required: the run of two is not enough.
        let e = evaluate_rows(&k, &rows, &trigger(CompareTo::Target, 10.0, 3), 3);
        assert!(!e.fired);
        assert_eq!(e.periods.len(), 2);
    }

    #[test]
    fn acme_return_rate_near_miss_does_not_fire() {
        // 29.4 vs 27 = 8.9% above (breach at 8%), 28.5 vs 26.5 = 7.5% (no breach).
        let k = kpi(
            Direction::LowerIsBetter,
            &[("2027-Q1", 27.0), ("2027-Q2", 26.5)],
        );
        let rows = [row("2027-Q1", 29.4, None), row("2027-Q2", 28.5, None)];
        let e = evaluate_rows(&k, &rows, &trigger(CompareTo::Target, 8.0, 2), 2);
        assert!(!e.fired);
        assert!(e.periods.is_empty());
        assert!(e.recent[0].breach && !e.recent[1].breach);
        assert!(close(e.recent[0].deviation_pct.unwrap(), 8.89));
        assert!(close(e.recent[1].deviation_pct.unwrap(), 7.55));
    }

    #[test]
    fn a_missing_period_breaks_the_run() {
        // Q1 and Q3 both 20% above target, Q2 missing: not consecutive.
        let k = kpi(Direction::LowerIsBetter, &[("2027", 100.0)]);
        let rows = [row("2027-Q1", 120.0, None), row("2027-Q3", 120.0, None)];
        let e = evaluate_rows(&k, &rows, &trigger(CompareTo::Target, 10.0, 2), 2);
        assert!(!e.fired);
        assert_eq!(e.periods.len(), 1);
        assert_eq!(e.periods[0].row.period, p("2027-Q3"));
        // Across a year end they are adjacent.
        let rows = [row("2027-Q4", 120.0, None), row("2028-Q1", 120.0, None)];
        let k = kpi(
            Direction::LowerIsBetter,
            &[("2027", 100.0), ("2028", 100.0)],
        );
        assert!(evaluate_rows(&k, &rows, &trigger(CompareTo::Target, 10.0, 2), 2).fired);
    }

    #[test]
    fn periods_without_reference_or_with_reference_zero_break_the_run() {
        let k = kpi(Direction::LowerIsBetter, &[]);
        // Forecast: 2027-Q1 has none, so only Q2 counts.
        let rows = [
            row("2027-Q1", 130.0, None),
            row("2027-Q2", 130.0, Some(100.0)),
        ];
        let e = evaluate_rows(&k, &rows, &trigger(CompareTo::Forecast, 10.0, 2), 2);
        assert!(!e.fired);
        assert_eq!(e.periods.len(), 1);
        assert!(close(e.periods[0].deviation_pct, 30.0));
        assert_eq!(e.recent[0].reference, None);
        // Forecast 0 with a worse actual: undefined, breaks the run.
        let rows = [
            row("2027-Q1", 5.0, Some(0.0)),
            row("2027-Q2", 130.0, Some(100.0)),
        ];
        let e = evaluate_rows(&k, &rows, &trigger(CompareTo::Forecast, 10.0, 2), 2);
        assert!(!e.fired);
        assert_eq!(e.recent[0].deviation_pct, None);
        // No actuals or too few: not fired.
        let e = evaluate_rows(&k, &rows[1..], &trigger(CompareTo::Forecast, 10.0, 2), 2);
        assert!(!e.fired && e.periods.len() == 1);
        let e = evaluate_rows(&k, &[], &trigger(CompareTo::Forecast, 10.0, 1), 1);
        assert!(!e.fired && e.recent.is_empty());
    }

    #[test]
    fn exactly_at_the_threshold_is_not_more_than_it() {
        // 110 vs 100 is exactly 10%: "more than 10%" is not met.
        let k = kpi(Direction::LowerIsBetter, &[("2027", 100.0)]);
        let rows = [row("2027-Q1", 110.0, None)];
        assert!(!evaluate_rows(&k, &rows, &trigger(CompareTo::Target, 10.0, 1), 1).fired);
        let rows = [row("2027-Q1", 110.2, None)];
        assert!(evaluate_rows(&k, &rows, &trigger(CompareTo::Target, 10.0, 1), 1).fired);
    }

    #[test]
    fn acme_statuses_and_triggers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let analysis = crate::analysis::analyse(&root, &Default::default()).unwrap();
        let model = &analysis.model;
        // CAC 2027-Q2: 51.3 against the quarter target 45 = 14% worse: red (red at 10%).
        let cac = kpi_status(model, "cac").unwrap();
        assert_eq!(cac.latest.unwrap().period, p("2027-Q2"));
        assert_eq!(cac.target, Some(45.0));
        assert!(close(cac.deviation_pct.unwrap(), 14.0));
        assert_eq!(cac.rag, Some(Rag::Red));
        assert_eq!(cac.trend.len(), 4);
        assert_eq!(cac.trend[0], (p("2026-Q3"), 47.6));
        // NPS 41 against the 2027 target 42 = 2.4% worse: green (amber at 5%).
        let nps = kpi_status(model, "nps").unwrap();
        assert_eq!(nps.target, Some(42.0));
        assert!(close(nps.deviation_pct.unwrap(), 2.38));
        assert_eq!(nps.rag, Some(Rag::Green));
        assert!(kpi_status(model, "de").is_none());
        let fired = |id: &str| {
            let (_, t) = model.get::<Trigger>(id).unwrap();
            evaluate_trigger(model, t)
        };
        assert!(fired("cac-overrun").fired);
        let returns = fired("return-rate-spike");
        assert!(!returns.fired);
        assert!(returns.recent[0].breach && !returns.recent[1].breach);
        assert!(!fired("nordics-share-shortfall").fired);
    }

    #[test]
    fn actuals_fall_due_one_cadence_after_the_latest_period() {
        for (period, cadence, due) in [
            ("2027-Q1", Cadence::Quarterly, Date::ymd(2027, 6, 30)),
            ("2027-Q4", Cadence::Quarterly, Date::ymd(2028, 3, 31)),
            ("2027-01", Cadence::Monthly, Date::ymd(2027, 2, 28)),
            ("2026", Cadence::Annual, Date::ymd(2027, 12, 31)),
            ("2027-03", Cadence::Weekly, Date::ymd(2027, 4, 7)),
        ] {
            assert_eq!(next_actual_due(&p(period), cadence), Some(due), "{period}");
        }
    }
}
