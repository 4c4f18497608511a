//! Resource kinds: budgets and data policies.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;
use super::kpis::Cadence;

/// One allocation of a budget.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// What receives the money: an Initiative, Channel, Segment or Market id.
    pub to: String,
    /// Share of the total, percent.
    pub share_pct: Pct,
    /// Expected return on investment (e.g. 3.2 for 3.2×).
    pub expected_roi: Option<f64>,
    /// Spent so far.
    pub spent: Option<Money>,
}

document! {
    /// A budget: personalization, acquisition, co-op funds.
    pub struct Budget {
        /// The period the budget covers.
        pub period: Period,
        /// The total amount.
        pub total: Money,
        /// How the total is split; shares sum to 100.
        pub allocations: Vec<Allocation>,
        /// The lowest expected return an allocation may promise (e.g. 1.5 for 1.5×).
        pub min_roi: Option<f64>,
    }
}

/// Which system owns a master-data attribute.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MasterData {
    /// The attribute (e.g. `product.price`).
    pub attribute: String,
    /// The system of record.
    pub owner_system: String,
    /// The Role stewarding the attribute.
    pub steward: Option<String>,
}

/// A retention limit.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// The data kept (e.g. `order-history`).
    pub data: String,
    /// Markets the limit applies to.
    #[serde(default)]
    pub markets: Vec<String>,
    /// Days the data is kept.
    pub days: u32,
}

choice! {
    /// How much the business depends on an integration.
    pub enum Criticality { Low = "low", Medium = "medium", High = "high" }
}

/// A system integration.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Integration {
    /// Unique within the policy.
    pub id: String,
    /// How much the business depends on it.
    pub criticality: Criticality,
    /// Agreed request rate, per second.
    pub rate_limit_rps: Option<f64>,
    /// What takes over when it fails.
    pub failover: Option<String>,
}

/// A dashboard and who may see it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dashboard {
    /// Unique within the policy.
    pub id: String,
    /// Roles with access.
    #[serde(default)]
    pub roles: Vec<String>,
}

document! {
    /// Data governance: master data, retention, integrations and dashboards.
    pub struct DataPolicy {
        /// Systems of record per attribute.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub master_data: Vec<MasterData>,
        /// Retention limits.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub retention: Vec<Retention>,
        /// System integrations.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub integrations: Vec<Integration>,
        /// Dashboards and their audiences.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub dashboards: Vec<Dashboard>,
        /// Recurring audits of integrations (e.g. order-to-finance synchronisation).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub audits: Vec<Audit>,
    }
}

/// A recurring audit of an integration.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// Unique within the policy.
    pub id: String,
    /// The integration of this policy that is audited.
    pub of: String,
    /// How often it is audited.
    pub cadence: Cadence,
    /// When it was last audited.
    pub last: Option<DateText>,
}
