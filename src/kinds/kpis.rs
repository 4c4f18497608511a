//! Performance kinds: KPIs, scorecards, triggers and playbooks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

choice! {
    /// Which way a KPI should move.
    pub enum Direction { HigherIsBetter = "higher_is_better", LowerIsBetter = "lower_is_better" }
}

choice! {
    /// The family a KPI belongs to.
    pub enum KpiCategory { Financial = "financial", Customer = "customer", Market = "market", Operational = "operational", Esg = "esg", People = "people" }
}

choice! {
    /// How often a KPI is reported.
    pub enum Cadence { Weekly = "weekly", Monthly = "monthly", Quarterly = "quarterly", Annual = "annual" }
}

/// A KPI target for one period.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiTarget {
    /// The period the target applies to.
    pub period: Period,
    /// The target value, in the KPI's unit.
    pub value: f64,
}

/// Red/amber/green thresholds: the deviation from target, in percent, at which
/// a KPI turns amber and then red. `red_pct` must be above `amber_pct`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Adverse deviation from target (percent) at which the KPI turns amber.
    pub amber_pct: Pct,
    /// Adverse deviation from target (percent) at which the KPI turns red.
    pub red_pct: Pct,
}

document! {
    /// A key performance indicator: CAC, LTV, market share, conversion, ESG metrics.
    pub struct Kpi {
        /// `currency:XXX` (e.g. `currency:EUR`), `percent`, `ratio`, `count`, `days` or `hours`.
        #[schemars(regex(pattern = r"^(currency:[A-Z]{3}|percent|ratio|count|days|hours)$"))]
        pub unit: String,
        /// Which way is better.
        pub direction: Direction,
        /// The KPI family.
        pub category: Option<KpiCategory>,
        /// How often actuals are reported; older actuals are stale.
        pub cadence: Option<Cadence>,
        /// Targets per period.
        #[serde(default)]
        pub targets: Vec<KpiTarget>,
        /// When the KPI turns amber and red.
        pub thresholds: Option<Thresholds>,
        /// An arithmetic formula over other KPI ids, e.g. `ltv / cac`.
        pub formula: Option<String>,
    }
}

/// A section of a scorecard.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScorecardSection {
    /// Section heading.
    pub title: String,
    /// KPIs shown.
    pub kpis: Vec<String>,
    /// Whether the section judges short-term results or long-term (brand) health.
    pub horizon: Option<SectionHorizon>,
    /// What the section holds: KPIs (the default) or an external benchmark.
    #[serde(rename = "type")]
    pub section_type: Option<SectionType>,
    /// For a benchmark: how it is measured (mystery shopping, session replay, panel survey).
    pub method: Option<String>,
}

choice! {
    /// The time horizon a scorecard section judges.
    pub enum SectionHorizon {
        /// This quarter's sales and margin.
        Short = "short",
        /// Brand equity, loyalty and other slow-moving health.
        Long = "long",
    }
}

choice! {
    /// What a scorecard section holds.
    pub enum SectionType {
        /// Our own KPIs against their targets.
        Kpis = "kpis",
        /// Customer experience measured against competitors or a standard.
        Benchmark = "benchmark",
    }
}

/// A review at which a scorecard was discussed.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScorecardReview {
    /// The date of the review.
    pub on: DateText,
    /// The Role that chaired it.
    pub by: String,
}

document! {
    /// A scorecard for business reviews.
    pub struct Scorecard {
        /// Roles the scorecard is for.
        #[serde(default)]
        pub audience: Vec<String>,
        /// How often it is reviewed.
        pub cadence: Option<Cadence>,
        /// Sections of KPIs.
        pub sections: Vec<ScorecardSection>,
        /// Reviews held, in any order; the latest one starts the next `cadence`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub reviews: Vec<ScorecardReview>,
    }
}

choice! {
    /// What actuals are compared with.
    pub enum CompareTo { Target = "target", Forecast = "forecast" }
}

/// When a trigger fires.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriggerCondition {
    /// Compare actuals with the target or with the forecast.
    pub compare_to: CompareTo,
    /// Adverse deviation, percent of the reference, that counts.
    pub deviation_above_pct: Pct,
    /// How many periods in a row the deviation must last.
    #[serde(default = "one")]
    pub consecutive_periods: u32,
    /// Which deviations count: `adverse` (default, worse than the reference
    /// in the KPI's direction), `favourable` (better) or `either`.
    pub direction: Option<DeviationDirection>,
}

choice! {
    /// Which way a deviation from the reference must go to count for a trigger.
    pub enum DeviationDirection {
        /// Worse than the reference, in the KPI's direction.
        Adverse = "adverse",
        /// Better than the reference.
        Favourable = "favourable",
        /// Either way ("deviates more than 10% from forecast").
        Either = "either",
    }
}

fn one() -> u32 {
    1
}

/// What happens when a trigger fires.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriggerAction {
    /// The Playbook to run.
    pub playbook: Option<String>,
    /// The Role to escalate to.
    pub escalate_to: Option<String>,
}

document! {
    /// A strategic reassessment trigger on a KPI.
    pub struct Trigger {
        /// The KPI watched.
        pub kpi: String,
        /// When it fires.
        pub when: TriggerCondition,
        /// What happens then.
        pub action: TriggerAction,
    }
}

/// One step of a playbook.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaybookStep {
    /// What to do.
    pub title: String,
    /// The Role that does it.
    pub owner: String,
    /// Deadline, in days from the start of the playbook.
    pub within_days: Option<u32>,
}

document! {
    /// An operational playbook, post-mortem or scenario plan.
    pub struct Playbook {
        /// The Trigger that starts it, if any.
        pub trigger: Option<String>,
        /// The steps, in order.
        pub steps: Vec<PlaybookStep>,
        /// The Segment this playbook is written for (an onboarding journey).
        pub segment: Option<String>,
    }
}
