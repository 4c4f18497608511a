//! Scenario arithmetic (SPEC 2, `Scenario`): shocks applied to the latest
//! actuals, propagated through KPI formulas, held against the KPIs' targets
//! and the triggers watching them. The rule `scenario-outside-data` and the
//! `stratc scenario` report both read this module, so a shock the rule
//! accepts is exactly a shock the report applies.
//!
//! # The rules of a projection
//!
//! - A shock covers `periods` periods from `from`, each of the granularity
//!   `from` is written in (`2027-Q3` for 2 periods is 2027-Q3 and 2027-Q4).
//!   The scenario's periods are those of all its shocks, in calendar order.
//! - The *baseline* of a KPI in a period is its actual for that period when
//!   the CSV has one; else its latest actual before the period (the latest
//!   actuals, carried forward); else, for a KPI without actuals, its target
//!   for the period ([`crate::metrics::target_for`]).
//! - A shock with `change_pct` multiplies the value by `1 + change_pct/100`;
//!   one with `value` replaces it. Several shocks on one KPI and period apply
//!   in the order written.
//! - A KPI with a `formula` is *affected* in a period when one of the KPIs
//!   its formula names is affected (shocked, or affected through its own
//!   formula); it is then recomputed from their scenario values, and its
//!   own shocks, if any, apply on top. A KPI that is not affected keeps its
//!   baseline.
//! - Every affected KPI is held against its target for the period: the
//!   adverse deviation and red/amber/green are those of
//!   [`crate::metrics`], for the baseline and for the scenario value.
//! - A trigger on an affected KPI is evaluated ([`evaluate_trigger_on`]) on
//!   the KPI's actuals with the scenario's periods replaced by their
//!   projection, at the end of each scenario period in turn; the first
//!   period at whose end it fires is reported.
//!
//! # The data a scenario may speak about
//!
//! A shock is *outside the data* ([`check_shock`]) when its KPI has neither
//! actuals nor targets, when a shocked period starts before the KPI's first
//! actual (or first target, without actuals) or ends after the KPI's last
//! target or actual, or when `from` is written at another granularity than
//! the KPI's actuals (a year shock on quarterly actuals).

use std::collections::{HashMap, HashSet};

use crate::load::actuals::{ActualRow, period_key};
use crate::metrics::{
    Rag, TriggerResponse, adverse_deviation_pct, evaluate_trigger, evaluate_trigger_on,
    playbooks_by_trigger, rag_for, target_for, trigger_response,
};
use crate::model::kinds::{Kpi, Scenario, Shock, Trigger};
use crate::model::values::{Date, Period};
use crate::model::{DocId, Model};

/// Year, quarter or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Year,
    Quarter,
    Month,
}

impl Granularity {
    pub fn of(period: &Period) -> Option<Granularity> {
        period.range()?;
        let s = period.0.as_str();
        Some(if s.len() == 4 {
            Granularity::Year
        } else if s.contains('Q') {
            Granularity::Quarter
        } else {
            Granularity::Month
        })
    }

    pub fn word(self) -> &'static str {
        match self {
            Granularity::Year => "year",
            Granularity::Quarter => "quarter",
            Granularity::Month => "month",
        }
    }
}

/// The period after `period`, of the same granularity.
pub fn next_period(period: &Period) -> Option<Period> {
    let granularity = Granularity::of(period)?;
    let start = period.range()?.last.add_days(1);
    Some(Period(match granularity {
        Granularity::Year => format!("{}", start.year),
        Granularity::Quarter => format!("{}-Q{}", start.year, (start.month - 1) / 3 + 1),
        Granularity::Month => format!("{}-{:02}", start.year, start.month),
    }))
}

/// The periods a shock covers, `from` first; `None` when `from` is not a period.
pub fn shock_window(shock: &Shock) -> Option<Vec<Period>> {
    let mut out = vec![shock.from.clone()];
    shock.from.range()?;
    for _ in 1..shock.periods.max(1) {
        let next = next_period(out.last()?)?;
        out.push(next);
    }
    Some(out)
}

/// Why a shock cannot be applied (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub enum OutsideData {
    /// The KPI has no actuals and no targets.
    NoData,
    /// A shocked period starts before the KPI's data does.
    Before { period: Period, first: Period },
    /// A shocked period ends after the KPI's data does.
    After { period: Period, last: Period },
    /// `from` is not at the granularity of the KPI's actuals.
    Granularity {
        written: Granularity,
        actuals: Granularity,
    },
}

/// The first and last period of a KPI's data: its actuals and targets.
pub fn data_span(model: &Model, kpi: &Kpi) -> Option<(Period, Period)> {
    let rows = model.actuals.rows(&kpi.id);
    let mut periods: Vec<&Period> = rows.iter().map(|r| &r.period).collect();
    periods.extend(kpi.targets.iter().map(|t| &t.period));
    periods.retain(|p| p.range().is_some());
    let first = match rows.first() {
        Some(row) => &row.period,
        None => *periods.iter().min_by_key(|p| period_key(p))?,
    };
    let last = periods
        .iter()
        .max_by_key(|p| p.range().map(|r| (r.last, std::cmp::Reverse(r.first))))?;
    Some((first.clone(), (*last).clone()))
}

/// Whether a shock on `kpi` lies inside the KPI's data; `Ok` with its
/// periods when it does. A `from` that is not a period is `malformed-value`
/// (`Ok` with no periods here).
pub fn check_shock(model: &Model, kpi: &Kpi, shock: &Shock) -> Result<Vec<Period>, OutsideData> {
    let Some(window) = shock_window(shock) else {
        return Ok(Vec::new());
    };
    let (first, last) = data_span(model, kpi).ok_or(OutsideData::NoData)?;
    if let (Some(written), Some(actuals)) = (
        Granularity::of(&shock.from),
        model
            .actuals
            .latest(&kpi.id)
            .and_then(|r| Granularity::of(&r.period)),
    ) && written != actuals
    {
        return Err(OutsideData::Granularity { written, actuals });
    }
    let (Some(first_range), Some(last_range)) = (first.range(), last.range()) else {
        return Ok(window);
    };
    for p in &window {
        let Some(r) = p.range() else { continue };
        if r.first < first_range.first {
            return Err(OutsideData::Before {
                period: p.clone(),
                first,
            });
        }
        if r.last > last_range.last {
            return Err(OutsideData::After {
                period: p.clone(),
                last,
            });
        }
    }
    Ok(window)
}

/// Where a baseline comes from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "source", content = "period", rename_all = "snake_case")]
pub enum Baseline {
    /// The actual of the period itself.
    Actual(Period),
    /// The latest actual before the period, carried forward.
    Latest(Period),
    /// The KPI's target for the period (it has no actuals).
    Target,
}

/// One KPI in one scenario period.
#[derive(Debug, Clone)]
pub struct KpiPeriod {
    pub period: Period,
    pub baseline: Option<f64>,
    pub baseline_from: Option<Baseline>,
    pub value: Option<f64>,
    /// Indexes of the scenario's shocks applied to this KPI in this period.
    pub shocks: Vec<usize>,
    /// Recomputed from its formula in this period.
    pub through_formula: bool,
    pub target: Option<f64>,
    pub baseline_deviation_pct: Option<f64>,
    pub deviation_pct: Option<f64>,
    pub baseline_rag: Option<Rag>,
    pub rag: Option<Rag>,
}

/// An affected KPI through the scenario's periods.
#[derive(Debug, Clone)]
pub struct KpiProjection<'a> {
    pub doc: DocId,
    pub kpi: &'a Kpi,
    pub periods: Vec<KpiPeriod>,
}

impl KpiProjection<'_> {
    /// The worst status the KPI reaches in the scenario (`None` when no
    /// period has a target).
    pub fn worst_rag(&self) -> Option<Rag> {
        self.periods.iter().filter_map(|p| p.rag).max()
    }
    /// The worst status of the baseline over the same periods.
    pub fn worst_baseline_rag(&self) -> Option<Rag> {
        self.periods.iter().filter_map(|p| p.baseline_rag).max()
    }
}

/// One breaching period of a trigger under the scenario.
#[derive(Debug, Clone)]
pub struct TriggerBreach {
    pub period: Period,
    pub value: f64,
    pub reference: f64,
    pub deviation_pct: f64,
}

/// A trigger the scenario fires.
#[derive(Debug, Clone)]
pub struct FiredTrigger<'a> {
    pub doc: DocId,
    pub trigger: &'a Trigger,
    pub kpi: &'a Kpi,
    /// The first scenario period at whose end it fires.
    pub fires_in: Period,
    /// The run of breaching periods then, oldest first.
    pub breaches: Vec<TriggerBreach>,
    /// It fires on the actuals alone, without the scenario.
    pub already_firing: bool,
    pub response: TriggerResponse<'a>,
}

/// A shock the projection leaves out, and why.
#[derive(Debug, Clone)]
pub enum Skipped {
    /// Its KPI is not a Kpi (`dangling-reference`).
    UnknownKpi,
    /// Outside the KPI's data (`scenario-outside-data`).
    Outside(OutsideData),
}

/// A scenario, projected.
#[derive(Debug, Clone)]
pub struct Projection<'a> {
    pub scenario: &'a Scenario,
    /// The scenario's periods, in calendar order.
    pub periods: Vec<Period>,
    /// Every affected KPI, in model (path) order.
    pub kpis: Vec<KpiProjection<'a>>,
    /// The triggers it fires, in model order.
    pub triggers: Vec<FiredTrigger<'a>>,
    /// The shocks left out, by index.
    pub skipped: Vec<(usize, Skipped)>,
}

impl Projection<'_> {
    /// The projection of one KPI, if the scenario affects it.
    pub fn kpi(&self, id: &str) -> Option<&KpiProjection<'_>> {
        self.kpis.iter().find(|k| k.kpi.id == id)
    }
}

/// Projects a scenario (see the module documentation).
pub fn project<'a>(model: &'a Model, scenario: &'a Scenario) -> Projection<'a> {
    let mut skipped = Vec::new();
    // (kpi, period) -> shocks applied, in the order written.
    let mut shocked: HashMap<(&str, Period), Vec<usize>> = HashMap::new();
    let mut periods: Vec<Period> = Vec::new();
    for (i, shock) in scenario.shocks.iter().enumerate() {
        let Some((_, kpi)) = model.get::<Kpi>(&shock.kpi) else {
            skipped.push((i, Skipped::UnknownKpi));
            continue;
        };
        match check_shock(model, kpi, shock) {
            Ok(window) => {
                for p in window {
                    if !periods.contains(&p) {
                        periods.push(p.clone());
                    }
                    shocked.entry((kpi.id.as_str(), p)).or_default().push(i);
                }
            }
            Err(why) => skipped.push((i, Skipped::Outside(why))),
        }
    }
    periods.sort_by_key(period_key);

    // Formula inputs of every KPI with a formula that parses.
    let inputs: HashMap<&str, Vec<String>> = model
        .kpi_formulas()
        .filter_map(|(_, kpi, f)| {
            let f = f.as_ref().ok()?;
            Some((
                kpi.id.as_str(),
                f.references().into_iter().map(|r| r.id).collect(),
            ))
        })
        .collect();
    let mut p = Projector {
        model,
        scenario,
        shocked: &shocked,
        inputs: &inputs,
        memo: HashMap::new(),
        visiting: HashSet::new(),
    };
    let mut kpis = Vec::new();
    for (doc, kpi) in model.all::<Kpi>() {
        let mut rows = Vec::new();
        let mut any = false;
        for period in &periods {
            let v = p.value(&kpi.id, period);
            any |= v.affected;
            rows.push((period, v));
        }
        if !any {
            continue;
        }
        let periods = rows
            .into_iter()
            .map(|(period, v)| {
                let (baseline, baseline_from) = baseline(model, kpi, period);
                let target = target_for(kpi, period);
                let dev = |x: Option<f64>| match (x, target) {
                    (Some(x), Some(t)) => adverse_deviation_pct(x, t, kpi.direction),
                    _ => None,
                };
                let rag = |x: Option<f64>| {
                    (x.is_some() && target.is_some())
                        .then(|| rag_for(dev(x), kpi.thresholds.as_ref()))
                };
                KpiPeriod {
                    period: period.clone(),
                    baseline,
                    baseline_from,
                    value: v.value,
                    shocks: shocked
                        .get(&(kpi.id.as_str(), period.clone()))
                        .cloned()
                        .unwrap_or_default(),
                    through_formula: v.through_formula,
                    target,
                    baseline_deviation_pct: dev(baseline),
                    deviation_pct: dev(v.value),
                    baseline_rag: rag(baseline),
                    rag: rag(v.value),
                }
            })
            .collect();
        kpis.push(KpiProjection { doc, kpi, periods });
    }

    let mut playbooks = None;
    let mut triggers = Vec::new();
    for (doc, trigger) in model.all::<Trigger>() {
        let Some(projection) = kpis.iter().find(|k| k.kpi.id == trigger.kpi) else {
            continue;
        };
        let Some(fired) = fire(model, projection, trigger) else {
            continue;
        };
        let (fires_in, breaches) = fired;
        let kpi = projection.kpi;
        let response = trigger_response(trigger, kpi, || {
            playbooks
                .get_or_insert_with(|| playbooks_by_trigger(model))
                .get(trigger.id.as_str())
                .copied()
        });
        triggers.push(FiredTrigger {
            doc,
            trigger,
            kpi,
            fires_in,
            breaches,
            already_firing: evaluate_trigger(model, trigger).fired,
            response,
        });
    }
    Projection {
        scenario,
        periods,
        kpis,
        triggers,
        skipped,
    }
}

/// The baseline of a KPI in a period, and where it comes from.
fn baseline(model: &Model, kpi: &Kpi, period: &Period) -> (Option<f64>, Option<Baseline>) {
    let rows = model.actuals.rows(&kpi.id);
    if let Some(row) = rows.iter().find(|r| r.period == *period) {
        return (Some(row.actual), Some(Baseline::Actual(row.period.clone())));
    }
    let start = period.range().map(|r| r.first);
    let before = rows
        .iter()
        .rev()
        .find(|r| r.period.range().zip(start).is_some_and(|(a, s)| a.last < s));
    if let Some(row) = before {
        return (Some(row.actual), Some(Baseline::Latest(row.period.clone())));
    }
    match target_for(kpi, period) {
        Some(t) => (Some(t), Some(Baseline::Target)),
        None => (None, None),
    }
}

#[derive(Debug, Clone, Copy)]
struct Value {
    value: Option<f64>,
    affected: bool,
    through_formula: bool,
}

struct Projector<'p, 'a> {
    model: &'a Model,
    scenario: &'a Scenario,
    shocked: &'p HashMap<(&'a str, Period), Vec<usize>>,
    inputs: &'p HashMap<&'a str, Vec<String>>,
    memo: HashMap<(String, Period), Value>,
    visiting: HashSet<String>,
}

impl Projector<'_, '_> {
    fn value(&mut self, id: &str, period: &Period) -> Value {
        let key = (id.to_owned(), period.clone());
        if let Some(v) = self.memo.get(&key) {
            return *v;
        }
        let unaffected = |model: &Model| Value {
            value: model
                .get::<Kpi>(id)
                .and_then(|(_, k)| baseline(model, k, period).0),
            affected: false,
            through_formula: false,
        };
        if !self.visiting.insert(id.to_owned()) {
            // A formula cycle (its own finding): the loop adds nothing.
            return unaffected(self.model);
        }
        let mut v = unaffected(self.model);
        if let Some(inputs) = self.inputs.get(id).cloned() {
            let values: Vec<(String, Value)> = inputs
                .iter()
                .map(|i| (i.clone(), self.value(i, period)))
                .collect();
            if values.iter().any(|(_, x)| x.affected) {
                let formula = self
                    .model
                    .get::<Kpi>(id)
                    .and_then(|(d, _)| self.model.formulas.get(&d))
                    .and_then(|f| f.as_ref().ok());
                v = Value {
                    value: formula.and_then(|f| {
                        f.evaluate(|name| {
                            values
                                .iter()
                                .find(|(i, _)| i == name)
                                .and_then(|(_, x)| x.value)
                        })
                    }),
                    affected: true,
                    through_formula: true,
                };
            }
        }
        if let Some(shocks) = self.shocked.get(&(id, period.clone())) {
            v.affected = true;
            for &i in shocks {
                let shock = &self.scenario.shocks[i];
                v.value = match (shock.value, shock.change_pct) {
                    (Some(value), _) => Some(value),
                    (None, Some(change)) => v.value.map(|x| x * (1.0 + change / 100.0)),
                    (None, None) => v.value,
                };
            }
        }
        self.visiting.remove(id);
        self.memo.insert(key, v);
        v
    }
}

/// The first scenario period at whose end the trigger fires, with its run
/// of breaches; `None` when it never does.
fn fire(
    model: &Model,
    projection: &KpiProjection<'_>,
    trigger: &Trigger,
) -> Option<(Period, Vec<TriggerBreach>)> {
    let kpi = projection.kpi;
    let actual = model.actuals.rows(&kpi.id);
    // A projected row keeps the place and forecast of the CSV row of its
    // period when there is one, else the place of the KPI's latest row
    // (places are never shown in a scenario report).
    let fallback = actual.last();
    let mut rows: Vec<ActualRow> = actual
        .iter()
        .filter(|r| !projection.periods.iter().any(|p| p.period == r.period))
        .cloned()
        .collect();
    for p in &projection.periods {
        let Some(value) = p.value else { continue };
        let same = actual.iter().find(|r| r.period == p.period);
        let place = same.or(fallback);
        rows.push(ActualRow {
            kpi: kpi.id.clone(),
            period: p.period.clone(),
            actual: value,
            forecast: same.and_then(|r| r.forecast),
            file: place.map_or(0, |r| r.file),
            span: place.map_or(crate::source::Span::new(0, 0), |r| r.span),
            kpi_span: place.map_or(crate::source::Span::new(0, 0), |r| r.kpi_span),
        });
    }
    rows.sort_by_key(|r| period_key(&r.period));
    for p in &projection.periods {
        let end = p.period.range().map_or(Date::ymd(0, 1, 1), |r| r.last);
        let upto = rows
            .iter()
            .take_while(|r| r.period.range().is_some_and(|x| x.last <= end))
            .count();
        let evaluation = evaluate_trigger_on(kpi, &rows[..upto], trigger);
        if evaluation.fired {
            let breaches = evaluation
                .periods
                .iter()
                .map(|b| TriggerBreach {
                    period: b.row.period.clone(),
                    value: b.row.actual,
                    reference: b.reference,
                    deviation_pct: b.deviation_pct,
                })
                .collect();
            return Some((p.period.clone(), breaches));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period(s.into())
    }

    #[test]
    fn periods_step_at_their_own_granularity() {
        assert_eq!(next_period(&p("2027-Q4")), Some(p("2028-Q1")));
        assert_eq!(next_period(&p("2027-Q2")), Some(p("2027-Q3")));
        assert_eq!(next_period(&p("2027-12")), Some(p("2028-01")));
        assert_eq!(next_period(&p("2027-03")), Some(p("2027-04")));
        assert_eq!(next_period(&p("2027")), Some(p("2028")));
        assert_eq!(next_period(&p("2027-Q5")), None);
    }

    fn shock(kpi: &str, from: &str, periods: u32) -> Shock {
        Shock {
            kpi: kpi.into(),
            change_pct: Some(10.0),
            value: None,
            from: p(from),
            periods,
        }
    }

    #[test]
    fn acme_cac_data_runs_from_the_first_actual_to_the_last_target() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let analysis = crate::analysis::analyse(&root, &Default::default()).unwrap();
        let model = &analysis.model;
        let (_, cac) = model.get::<Kpi>("cac").unwrap();
        assert_eq!(data_span(model, cac), Some((p("2026-Q1"), p("2028"))));
        assert_eq!(
            check_shock(model, cac, &shock("cac", "2027-Q4", 3)),
            Ok(vec![p("2027-Q4"), p("2028-Q1"), p("2028-Q2")])
        );
        assert_eq!(
            check_shock(model, cac, &shock("cac", "2028-Q4", 2)),
            Err(OutsideData::After {
                period: p("2029-Q1"),
                last: p("2028")
            })
        );
        assert_eq!(
            check_shock(model, cac, &shock("cac", "2025-Q4", 1)),
            Err(OutsideData::Before {
                period: p("2025-Q4"),
                first: p("2026-Q1")
            })
        );
        assert_eq!(
            check_shock(model, cac, &shock("cac", "2028", 1)),
            Err(OutsideData::Granularity {
                written: Granularity::Year,
                actuals: Granularity::Quarter
            })
        );
    }

    #[test]
    fn a_shocked_input_reaches_its_formula_and_stops_there() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let analysis = crate::analysis::analyse(&root, &Default::default()).unwrap();
        let model = &analysis.model;
        let scenario = Scenario {
            id: "s".into(),
            title: None,
            description: None,
            owner: None,
            tags: Vec::new(),
            links: Vec::new(),
            valid_from: None,
            valid_until: None,
            shocks: vec![shock("cac", "2027-Q3", 1)],
            assumptions: Vec::new(),
        };
        let projection = project(model, &scenario);
        let ids: Vec<&str> = projection.kpis.iter().map(|k| k.kpi.id.as_str()).collect();
        assert_eq!(ids, ["cac", "ltv-cac-ratio"]);
        let ratio = &projection.kpi("ltv-cac-ratio").unwrap().periods[0];
        // ltv 148.2 (latest actual) / (cac 51.3 x 1.1) = 2.626.
        assert!((ratio.value.unwrap() - 148.2 / (51.3 * 1.1)).abs() < 1e-9);
        assert!(ratio.through_formula && ratio.shocks.is_empty());
        assert_eq!(ratio.baseline, Some(2.89));
        assert!(
            projection
                .triggers
                .iter()
                .any(|t| t.trigger.id == "cac-overrun")
        );
    }
}
