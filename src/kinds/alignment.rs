//! Alignment kinds: goals, objectives and the initiatives that advance them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

/// A weighted alignment to a parent goal or objective.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeightedSupport {
    /// The Goal or Objective supported.
    pub id: String,
    /// This child's share of the parent's progress, 0–100.
    pub weight_pct: Pct,
}

/// A parent this objective supports: an id, or an id with a weight.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Support {
    /// The Goal or Objective supported, unweighted.
    Plain(String),
    /// The parent with this child's weight.
    Weighted(WeightedSupport),
}

impl Support {
    pub fn id(&self) -> &str {
        match self {
            Support::Plain(id) => id,
            Support::Weighted(w) => &w.id,
        }
    }
    pub fn weight_pct(&self) -> Option<f64> {
        match self {
            Support::Plain(_) => None,
            Support::Weighted(w) => Some(w.weight_pct.0),
        }
    }
}

/// A measurable target of a goal.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalTarget {
    /// The Kpi that measures the goal.
    pub kpi: String,
    /// The value to reach, in the KPI's unit.
    pub value: f64,
    /// The period by which the value is reached.
    pub by: Period,
}

document! {
    /// A corporate goal: where the company wants to be by a horizon.
    pub struct Goal {
        /// The period the goal is set for, e.g. `2028`.
        pub horizon: Period,
        /// Measurable targets. A goal may be qualitative: its objectives' KPIs then measure it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub targets: Vec<GoalTarget>,
    }
}

choice! {
    /// The business area of an objective.
    pub enum ObjectiveCategory { Growth = "growth", Profitability = "profitability", Customer = "customer", Operations = "operations", People = "people", Esg = "esg" }
}

choice! {
    /// Lifecycle of an objective.
    pub enum ObjectiveStatus { Draft = "draft", Active = "active", Retired = "retired" }
}

document! {
    /// A commerce objective aligned to corporate goals or parent objectives.
    pub struct Objective {
        /// The Goals or Objectives this objective contributes to, optionally weighted.
        #[serde(default)]
        pub supports: Vec<Support>,
        /// What the objective optimises for first.
        pub priority: Option<Priority>,
        /// Markets the objective covers.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub markets: Vec<String>,
        /// KPIs that measure progress.
        #[serde(default)]
        pub kpis: Vec<String>,
        /// The period the objective is set for.
        pub horizon: Option<Period>,
        /// Business area; `esg` objectives need a KPI with a target.
        pub category: Option<ObjectiveCategory>,
        /// Lifecycle status (default `active`).
        pub status: Option<ObjectiveStatus>,
    }
}

choice! {
    /// The kind of change an initiative makes.
    pub enum InitiativeType { MarketEntry = "market_entry", Channel = "channel", Pricing = "pricing", Promotion = "promotion", Product = "product", Capability = "capability", Esg = "esg" }
}

choice! {
    /// Lifecycle of an initiative, in order.
    pub enum InitiativeStatus { Proposed = "proposed", Approved = "approved", InProgress = "in_progress", Launched = "launched", Completed = "completed", Cancelled = "cancelled" }
}

/// A stage gate passed by an initiative.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateRecord {
    /// The gate id within the initiative's StageGate.
    pub gate: String,
    /// The date the gate was passed.
    pub passed: DateText,
    /// The Role that approved the gate.
    pub approved_by: String,
}

/// The effect an initiative is expected to have on a KPI.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectedImpact {
    /// The Kpi affected.
    pub kpi: String,
    /// The expected change, in the KPI's unit.
    pub delta: f64,
}

document! {
    /// A commerce initiative: a funded piece of work that advances objectives.
    pub struct Initiative {
        /// The Objectives this initiative advances.
        #[serde(default)]
        pub advances: Vec<String>,
        /// What kind of change it makes.
        #[serde(rename = "type")]
        pub kind: InitiativeType,
        /// What the initiative optimises for first.
        pub priority: Option<Priority>,
        /// Markets where it runs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub markets: Vec<String>,
        /// Channels it uses.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub channels: Vec<String>,
        /// Customer segments it targets.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub segments: Vec<String>,
        /// Pricing categories it touches (for discount checks).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub categories: Vec<String>,
        /// Lifecycle status.
        pub status: InitiativeStatus,
        /// Start date.
        pub start: Option<DateText>,
        /// End date.
        pub end: Option<DateText>,
        /// Approved budget.
        pub budget: Option<Money>,
        /// The StageGate process it goes through.
        pub gates: Option<String>,
        /// Gates passed so far, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub gate_log: Vec<GateRecord>,
        /// The discount it offers, in percent of list price.
        pub discount_pct: Option<Pct>,
        /// Expected effect on KPIs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub expected_impact: Vec<ExpectedImpact>,
        /// Initiatives whose results this one needs: it cannot finish before they do.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub depends_on: Vec<String>,
        /// Where the lessons of a cancelled or missed initiative are written down: a Playbook id or a link.
        pub post_mortem: Option<PostMortem>,
        /// Build or buy, with the total cost of ownership, for capability initiatives.
        pub sourcing: Option<Sourcing>,
        /// Marketing messages the initiative sends each targeted customer per week.
        pub messages_per_week: Option<f64>,
        /// What kind of promotion it is, for `type: promotion` initiatives: its
        /// own `start`, `end`, `markets`, `channels`, `segments`, `categories`
        /// and `discount_pct` say when, where and how deep.
        pub promotion: Option<Promotion>,
    }
}

/// Where a post-mortem is written down.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PostMortem {
    /// The Playbook that records the post-mortem and its follow-up steps.
    Playbook(String),
    /// A document elsewhere (a wiki page, a slide deck).
    Link(Link),
}

choice! {
    /// Whether a capability is built in-house or bought.
    pub enum SourcingChoice { Build = "build", Buy = "buy" }
}

/// The build-or-buy decision of a capability and what it costs over its life.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sourcing {
    /// Build in-house or buy (licence, SaaS, agency).
    pub choice: SourcingChoice,
    /// Total cost of ownership of the chosen option over `horizon_years`.
    pub tco: Money,
    /// Years the total cost of ownership covers.
    pub horizon_years: Option<u32>,
    /// Total cost of ownership of the option not chosen, over the same years.
    pub alternative_tco: Option<Money>,
}

choice! {
    /// The mechanic of a promotion; flash sales and competitor matches have
    /// their own guard rails in the pricing policy's `promotions`.
    pub enum PromotionMechanic {
        /// A short, deep sale (hours, not weeks), bound by `promotions.flash_sales`.
        FlashSale = "flash_sale",
        /// Matching a competitor's price, bound by `promotions.match_competitors`.
        CompetitorMatch = "competitor_match",
        /// A seasonal sale (spring, summer, Black Friday).
        Seasonal = "seasonal",
        /// Clearing end-of-line or old stock.
        Clearance = "clearance",
        /// Several categories sold together at one price (`bundle_categories`).
        Bundle = "bundle",
    }
}

/// The promotion an initiative runs.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// Flash sale, competitor match, seasonal, clearance or bundle.
    pub mechanic: PromotionMechanic,
    /// How long the promotion runs, in hours (a flash sale's length is checked
    /// against `promotions.flash_sales.max_duration_hours`).
    pub duration_hours: Option<f64>,
    /// The pricing categories a bundle combines; checked against the
    /// `exclusive_categories` of partner channels in the same markets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bundle_categories: Vec<String>,
}
