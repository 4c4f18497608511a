//! Planning kinds of the second release: experiments (A/B tests of pricing
//! pages and discount framing), scenarios (stress tests against macro,
//! supply and regulatory shocks) and brands (the brand architecture).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

choice! {
    /// Lifecycle of an experiment.
    pub enum ExperimentStatus { Planned = "planned", Running = "running", Concluded = "concluded", Stopped = "stopped" }
}

/// A KPI an experiment must not harm, and by how much at most.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guardrail {
    /// The Kpi watched while the experiment runs.
    pub kpi: String,
    /// Largest adverse move of the KPI (percent of its value in the control) before the test is stopped.
    pub max_adverse_pct: Pct,
}

/// One arm of an experiment.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Unique within the experiment (`control`, `percent-off`).
    pub id: String,
    /// The discount this arm shows, in percent of list price.
    pub discount_pct: Option<Pct>,
    /// What this arm shows customers.
    pub description: Option<String>,
}

/// The outcome of an experiment.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExperimentResult {
    /// The variant id that won (or `none` when no arm beat the control).
    pub winner: String,
    /// When the result was decided.
    pub decided_on: DateText,
}

document! {
    /// An A/B test of a pricing page, a discount framing or an offer.
    pub struct Experiment {
        /// What the experiment expects to show, in one sentence.
        pub hypothesis: Option<String>,
        /// The primary Kpi that decides the winner.
        pub kpi: String,
        /// KPIs that must not get worse by more than a limit while it runs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub guardrails: Vec<Guardrail>,
        /// Markets where it runs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub markets: Vec<String>,
        /// Channels where it runs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub channels: Vec<String>,
        /// Customer segments exposed to it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub segments: Vec<String>,
        /// Pricing categories its discounts apply to (for discount checks).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub categories: Vec<String>,
        /// The arms, the control first.
        pub variants: Vec<Variant>,
        /// Smallest number of customers per variant before a winner is called.
        pub min_sample: Option<u64>,
        /// Start date.
        pub start: Option<DateText>,
        /// End date.
        pub end: Option<DateText>,
        /// Lifecycle status.
        pub status: ExperimentStatus,
        /// The outcome, once decided.
        pub result: Option<ExperimentResult>,
        /// The decision id under which the experiment is approved.
        pub decision: Option<String>,
    }
}

/// One shock of a scenario: a KPI moved by a percentage, or set to a value,
/// for a run of periods. Write `change_pct` or `value`, not both.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shock {
    /// The Kpi shocked.
    pub kpi: String,
    /// Change applied to the KPI's baseline, percent (`-15` is 15% lower).
    pub change_pct: Option<f64>,
    /// The value the KPI takes instead, in its unit.
    pub value: Option<f64>,
    /// The first period shocked, e.g. `2027-Q3`.
    pub from: Period,
    /// How many periods in a row the shock lasts, `from` included.
    #[serde(default = "one_period")]
    #[schemars(range(min = 1))]
    pub periods: u32,
}

fn one_period() -> u32 {
    1
}

document! {
    /// A stress test: shocks to KPIs, propagated through KPI formulas and
    /// held against targets, triggers and playbooks (`stratc scenario`).
    pub struct Scenario {
        /// The shocks, applied in the order written.
        pub shocks: Vec<Shock>,
        /// What the scenario takes for granted, in words.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub assumptions: Vec<String>,
    }
}

choice! {
    /// How a brand relates to its parent.
    pub enum BrandArchitecture {
        /// The master brand other brands sit under.
        Umbrella = "umbrella",
        /// A brand of its own under the parent's name.
        SubBrand = "sub_brand",
        /// A brand of its own that the parent endorses.
        Endorsed = "endorsed",
    }
}

document! {
    /// A brand and its place in the brand architecture.
    pub struct Brand {
        /// The Brand this one sits under.
        pub parent: Option<String>,
        /// Umbrella, sub-brand or endorsed brand.
        pub architecture: BrandArchitecture,
        /// Customer segments the brand targets.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub segments: Vec<String>,
        /// Channels the brand sells through.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub channels: Vec<String>,
        /// The positioning statement, in words.
        pub positioning: Option<String>,
    }
}
