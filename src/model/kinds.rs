//! The document kinds of SPEC section 2 as Rust types. These types are the
//! single source of truth: the JSON Schemas under `schemas/` are generated from
//! them and their doc comments become the schema descriptions and the docs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::values::{DateText, Money, Pct, Period};

/// A link to related material.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the link points to.
    pub title: String,
    /// The address.
    pub url: String,
}

/// Declares a document kind with the fields every kind shares
/// (`id`, `title`, `description`, `owner`, `tags`, `links`, `valid_from`,
/// `valid_until`) followed by its own.
macro_rules! document {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Unique id across the repository, kebab-case (`eu-dtc-growth`).
            pub id: String,
            /// Human-readable name shown in reports and on the docs site.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub title: Option<String>,
            /// Longer explanation, in Markdown.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub description: Option<String>,
            /// The Role that owns this document.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub owner: Option<String>,
            /// Free labels for grouping and search.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub tags: Vec<String>,
            /// Links to related material.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub links: Vec<Link>,
            /// First day this document is in force (ISO date).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub valid_from: Option<DateText>,
            /// Last day this document is in force (ISO date).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub valid_until: Option<DateText>,
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }
    };
}

/// Declares a closed enum whose YAML spelling is given beside each variant.
macro_rules! choice {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, as written in YAML.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The value as written in YAML.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice! {
    /// What a strategy optimises for first.
    pub enum Priority {
        /// Grow share, accepting lower margins.
        MarketShare = "market_share",
        /// Protect and grow margin, accepting slower growth.
        Profitability = "profitability",
        /// No bias either way; conflicts with nothing.
        Balanced = "balanced",
    }
}

/// A weighted alignment to a parent goal or objective.
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub priority: Option<Priority>,
        /// Markets the objective covers.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub markets: Vec<String>,
        /// KPIs that measure progress.
        #[serde(default)]
        pub kpis: Vec<String>,
        /// The period the objective is set for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub horizon: Option<Period>,
        /// Business area; `esg` objectives need a KPI with a target.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub category: Option<ObjectiveCategory>,
        /// Lifecycle status (default `active`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<ObjectiveStatus>,
    }
}

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
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub category: Option<KpiCategory>,
        /// How often actuals are reported; older actuals are stale.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub cadence: Option<Cadence>,
        /// Targets per period.
        #[serde(default)]
        pub targets: Vec<KpiTarget>,
        /// When the KPI turns amber and red.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub thresholds: Option<Thresholds>,
        /// An arithmetic formula over other KPI ids, e.g. `ltv / cac`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub formula: Option<String>,
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub start: Option<DateText>,
        /// End date.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<DateText>,
        /// Approved budget.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub budget: Option<Money>,
        /// The StageGate process it goes through.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub gates: Option<String>,
        /// Gates passed so far, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub gate_log: Vec<GateRecord>,
        /// The discount it offers, in percent of list price.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub discount_pct: Option<Pct>,
        /// Expected effect on KPIs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub expected_impact: Vec<ExpectedImpact>,
    }
}

document! {
    /// A role: a position with decision rights, a line manager and successors.
    pub struct Role {
        /// The Role this one reports to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reports_to: Option<String>,
        /// Department.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub department: Option<String>,
        /// The person holding the role.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub holder: Option<String>,
        /// GitHub user or team handle (`@org/team`), for review routing.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub github: Option<String>,
        /// Whether the business depends on this role; critical roles need successors.
        #[serde(default)]
        pub critical: bool,
        /// Roles ready to take over, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub successors: Vec<String>,
    }
}

/// One decision of a RACI matrix.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Unique across the repository; dots group areas (`pricing.exception`).
    pub id: String,
    /// What is decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The one Role answerable for the decision. A list is accepted so that
    /// a wrong count is reported as a finding rather than a type error.
    #[serde(default)]
    pub accountable: Accountable,
    /// Roles that do the work.
    #[serde(default)]
    pub responsible: Vec<String>,
    /// Roles consulted before deciding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    /// Roles informed after deciding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<String>,
}

/// The Accountable of a decision: exactly one Role is expected.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Accountable {
    /// None declared.
    #[default]
    None,
    /// One Role.
    One(String),
    /// Several Roles (a finding: exactly one is expected).
    Many(Vec<String>),
}

impl Accountable {
    pub fn roles(&self) -> &[String] {
        match self {
            Accountable::None => &[],
            Accountable::One(r) => std::slice::from_ref(r),
            Accountable::Many(rs) => rs,
        }
    }
    /// The single Accountable, when exactly one is declared.
    pub fn single(&self) -> Option<&str> {
        match self.roles() {
            [one] => Some(one),
            _ => None,
        }
    }
}

document! {
    /// A RACI matrix of decision rights.
    pub struct DecisionRights {
        /// The decisions and who is Responsible, Accountable, Consulted and Informed.
        pub decisions: Vec<Decision>,
    }
}

choice! {
    /// Competitive positioning in a market.
    pub enum Positioning { CostLeadership = "cost_leadership", Differentiation = "differentiation", Focus = "focus" }
}

document! {
    /// A market: regional strategy, geo-pricing and privacy.
    pub struct Market {
        /// Region, free text (e.g. `eu`, `north-america`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub region: Option<String>,
        /// ISO 4217 currency of the market.
        pub currency: String,
        /// Competitive positioning.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub positioning: Option<Positioning>,
        /// What the market strategy optimises for first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub priority: Option<Priority>,
        /// Price level relative to list price (1.0 is list price).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub price_index: Option<f64>,
        /// How far (percent) local teams may move the price index from 1.0.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pricing_autonomy_pct: Option<Pct>,
        /// Privacy regime in force (e.g. `gdpr`, `ccpa`, `lgpd`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub privacy_regime: Option<String>,
        /// Longest retention of customer data allowed, in days.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_retention_days: Option<u32>,
    }
}

choice! {
    /// How a channel reaches customers.
    pub enum ChannelType { OwnedDtc = "owned_dtc", Marketplace = "marketplace", RetailPartner = "retail_partner", Reseller = "reseller", Distributor = "distributor" }
}

choice! {
    /// Lifecycle of a channel.
    pub enum ChannelStatus { Onboarding = "onboarding", Active = "active", Terminating = "terminating" }
}

choice! {
    /// A recorded decision on a partner contract.
    pub enum RenewalDecision { Renew = "renew", Renegotiate = "renegotiate", Terminate = "terminate" }
}

/// The decision recorded on a partner contract's renewal.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// Renew, renegotiate or terminate.
    pub decision: RenewalDecision,
    /// When it was decided.
    pub decided_on: DateText,
}

/// The partner behind a channel and its contract.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Partner company name.
    pub name: String,
    /// Last day of the contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_end: Option<DateText>,
    /// Notice period to exit or renegotiate, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_notice_days: Option<u32>,
    /// The renewal decision, once taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
}

/// Service levels of a partner channel.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    /// Hours to answer a customer (lower is better).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_time_hours: Option<f64>,
    /// Orders fulfilled without error, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfillment_accuracy_pct: Option<Pct>,
    /// Orders delivered on time, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_time_delivery_pct: Option<Pct>,
}

/// One tier of a commission schedule.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommissionTier {
    /// Upper bound of revenue for this rate, in the market currency; left out on the last tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<f64>,
    /// Commission rate, percent of revenue.
    pub rate_pct: Pct,
}

document! {
    /// A sales channel: DTC, marketplace, retail partner, reseller, distributor.
    pub struct Channel {
        /// How the channel reaches customers.
        #[serde(rename = "type")]
        pub kind: ChannelType,
        /// Markets the channel sells in.
        #[serde(default)]
        pub markets: Vec<String>,
        /// The partner and contract, for partner channels.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub partner: Option<Partner>,
        /// Agreed service levels.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sla: Option<Sla>,
        /// Commission schedule, tiers in increasing revenue.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub commission: Vec<CommissionTier>,
        /// Share of inventory allocated to this channel in its markets, percent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub inventory_share_pct: Option<Pct>,
        /// Segments reserved to this channel; DTC initiatives must not target them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub reserved_segments: Vec<String>,
        /// Lifecycle status.
        pub status: ChannelStatus,
    }
}

/// SLA floors per channel type.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinimumSla {
    /// Floor for DTC channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_dtc: Option<Sla>,
    /// Floor for marketplaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketplace: Option<Sla>,
    /// Floor for retail partners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retail_partner: Option<Sla>,
    /// Floor for resellers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reseller: Option<Sla>,
    /// Floor for distributors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distributor: Option<Sla>,
}

impl MinimumSla {
    pub fn for_type(&self, t: ChannelType) -> Option<&Sla> {
        match t {
            ChannelType::OwnedDtc => self.owned_dtc.as_ref(),
            ChannelType::Marketplace => self.marketplace.as_ref(),
            ChannelType::RetailPartner => self.retail_partner.as_ref(),
            ChannelType::Reseller => self.reseller.as_ref(),
            ChannelType::Distributor => self.distributor.as_ref(),
        }
    }
}

/// Conditions to onboard a new channel.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Onboarding {
    /// Minimum new reach the channel must bring, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_incremental_reach_pct: Option<Pct>,
    /// Maximum margin the channel may erode, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_margin_erosion_pct: Option<Pct>,
}

/// Co-operative marketing funds offered to partners.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoopFunds {
    /// Share of partner revenue returned as co-op funds, percent.
    pub share_pct: Pct,
    /// Whether funds require brand-compliant creative.
    #[serde(default)]
    pub requires_brand_compliance: bool,
}

document! {
    /// Channel governance: SLA floors, onboarding criteria and co-op funds.
    pub struct ChannelPolicy {
        /// SLA floors per channel type.
        #[serde(default)]
        pub minimum_sla: MinimumSla,
        /// Conditions to onboard a new channel.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub onboarding: Option<Onboarding>,
        /// Co-op funds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub coop_funds: Option<CoopFunds>,
    }
}

/// A pricing category and its margin guard rails.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceCategory {
    /// Unique within the policy.
    pub id: String,
    /// Margin at list price, percent.
    pub list_margin_pct: Pct,
    /// Lowest acceptable margin after discounts, percent.
    pub floor_margin_pct: Pct,
    /// Largest discount allowed, percent of list price.
    pub max_discount_pct: Pct,
}

choice! {
    /// How often minimum advertised prices are monitored.
    pub enum MonitoringFrequency { Daily = "daily", Weekly = "weekly", Monthly = "monthly" }
}

/// A minimum advertised price (MAP) rule.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapRule {
    /// Categories the rule covers.
    pub categories: Vec<String>,
    /// Lowest advertised price as a ratio of list price (e.g. 0.85).
    pub min_price_ratio: f64,
    /// How often advertised prices are checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<MonitoringFrequency>,
    /// Escalating sanctions for violations, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sanctions: Vec<String>,
}

/// Geographic price consistency.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeoPricing {
    /// Largest allowed gap between the price indexes of two markets, percent.
    pub max_price_gap_pct: Pct,
}

/// One step of the discount approval ladder.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalTier {
    /// Highest discount this approver may grant, percent.
    pub max_discount_pct: Pct,
    /// Largest deal this approver may sign off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_deal_size: Option<Money>,
    /// Customer tiers this step applies to (e.g. `strategic`); all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer_tiers: Vec<String>,
    /// The Role that approves.
    pub approver: String,
}

/// Who approves which discount.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approvals {
    /// The decision id under which pricing exceptions are approved.
    pub decision: String,
    /// The ladder, from the smallest discount to the largest.
    pub tiers: Vec<ApprovalTier>,
}

/// One component of the price waterfall.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaterfallComponent {
    /// On-invoice discount, freight, rebate, …
    pub name: String,
    /// Cap, percent of list price.
    pub max_pct: Pct,
}

/// The price waterfall from list to pocket price.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waterfall {
    /// Largest total leakage from list to pocket price, percent.
    pub max_leakage_pct: Pct,
    /// The components and their caps.
    pub components: Vec<WaterfallComponent>,
}

/// Competitor price matching.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchCompetitors {
    /// Whether matching is allowed.
    pub allowed: bool,
    /// Largest discount a match may reach, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_discount_pct: Option<Pct>,
    /// Segments never offered matched prices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_segments: Vec<String>,
}

/// Flash sales.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlashSales {
    /// Largest flash-sale discount, percent.
    pub max_discount_pct: Pct,
    /// Longest flash sale, hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration_hours: Option<f64>,
    /// Segments never offered flash sales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_segments: Vec<String>,
}

/// Promotion guard rails.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promotions {
    /// Competitor price matching.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_competitors: Option<MatchCompetitors>,
    /// Flash sales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flash_sales: Option<FlashSales>,
}

/// A subscription tier.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionTier {
    /// Unique within the policy.
    pub id: String,
    /// Monthly price.
    pub monthly: Money,
}

/// Subscription pricing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subscriptions {
    /// Tiers from the cheapest to the most expensive.
    pub tiers: Vec<SubscriptionTier>,
}

/// Price monitoring of key SKUs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceMonitoring {
    /// SKUs watched.
    #[serde(default)]
    pub skus: Vec<String>,
    /// Gap to competitors (percent) that raises an alert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_gap_pct: Option<Pct>,
    /// What happens on an alert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
}

document! {
    /// The pricing architecture of a set of markets.
    pub struct PricingPolicy {
        /// Markets the policy covers.
        #[serde(default)]
        pub markets: Vec<String>,
        /// Pricing categories with their margin guard rails.
        #[serde(default)]
        pub categories: Vec<PriceCategory>,
        /// Minimum advertised price rules.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub map: Vec<MapRule>,
        /// Geographic price consistency.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub geo: Option<GeoPricing>,
        /// The discount approval ladder.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub approvals: Option<Approvals>,
        /// The price waterfall.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub waterfall: Option<Waterfall>,
        /// Segments whose price integrity is protected.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub protected_segments: Vec<String>,
        /// Promotion guard rails.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub promotions: Option<Promotions>,
        /// Subscription pricing.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub subscriptions: Option<Subscriptions>,
        /// Price monitoring.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub monitoring: Option<PriceMonitoring>,
    }
}

/// One gate of a stage-gate process.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// Unique within the process.
    pub id: String,
    /// The Role that approves passing the gate.
    pub approver: String,
    /// What must be true to pass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<String>,
}

document! {
    /// A stage-gate process, e.g. for market entry.
    pub struct StageGate {
        /// Initiative types that must go through it.
        pub applies_to: Vec<InitiativeType>,
        /// The decision id under which gates are approved and escalated.
        pub decision: String,
        /// The gates, in order.
        pub gates: Vec<Gate>,
    }
}

document! {
    /// A formal, approved exception to a rule for one subject.
    pub struct Exception {
        /// The id of the document the exception applies to.
        pub subject: String,
        /// The rule waived, by name (e.g. `discount-above-policy`) or code.
        pub rule: String,
        /// The decision id under which the exception is approved.
        pub decision: String,
        /// The Role that approved it; must be the decision's Accountable.
        pub approved_by: String,
        /// When it was approved.
        pub approved_on: DateText,
        /// Last day it is valid.
        pub expires: DateText,
        /// Why the deviation is accepted.
        pub rationale: String,
    }
}

choice! {
    /// How a segment is defined.
    pub enum SegmentBasis { Demographic = "demographic", Behavioral = "behavioral", Firmographic = "firmographic", Geographic = "geographic", Psychographic = "psychographic" }
}

choice! {
    /// Where segment data comes from.
    pub enum DataSource { ZeroParty = "zero_party", FirstParty = "first_party", SecondParty = "second_party", ThirdParty = "third_party" }
}

/// Contact pressure limits.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// Most marketing messages per customer per week.
    pub max_messages_per_week: u32,
}

document! {
    /// A customer segment, its data and its privacy basis.
    pub struct Segment {
        /// How the segment is defined.
        pub basis: SegmentBasis,
        /// The definition, in words or as a rule.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub definition: Option<String>,
        /// Where the data comes from.
        #[serde(default)]
        pub data_sources: Vec<DataSource>,
        /// Markets where the segment is used.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub markets: Vec<String>,
        /// Legal basis for processing (e.g. `consent`, `legitimate_interest`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub legal_basis: Option<String>,
        /// Parties the segment is shared with.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub shared_with: Vec<String>,
        /// Contact pressure limits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub suppression: Option<Suppression>,
    }
}

/// One allocation of a budget.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// What receives the money: an Initiative, Channel, Segment or Market id.
    pub to: String,
    /// Share of the total, percent.
    pub share_pct: Pct,
    /// Expected return on investment (e.g. 3.2 for 3.2×).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_roi: Option<f64>,
    /// Spent so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    }
}

/// Which system owns a master-data attribute.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MasterData {
    /// The attribute (e.g. `product.price`).
    pub attribute: String,
    /// The system of record.
    pub owner_system: String,
    /// The Role stewarding the attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steward: Option<String>,
}

/// A retention limit.
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
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Integration {
    /// Unique within the policy.
    pub id: String,
    /// How much the business depends on it.
    pub criticality: Criticality,
    /// Agreed request rate, per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_rps: Option<f64>,
    /// What takes over when it fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover: Option<String>,
}

/// A dashboard and who may see it.
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
    }
}

/// A section of a scorecard.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScorecardSection {
    /// Section heading.
    pub title: String,
    /// KPIs shown.
    pub kpis: Vec<String>,
}

document! {
    /// A scorecard for business reviews.
    pub struct Scorecard {
        /// Roles the scorecard is for.
        #[serde(default)]
        pub audience: Vec<String>,
        /// How often it is reviewed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub cadence: Option<Cadence>,
        /// Sections of KPIs.
        pub sections: Vec<ScorecardSection>,
    }
}

choice! {
    /// What actuals are compared with.
    pub enum CompareTo { Target = "target", Forecast = "forecast" }
}

/// When a trigger fires.
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
}

fn one() -> u32 {
    1
}

/// What happens when a trigger fires.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriggerAction {
    /// The Playbook to run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playbook: Option<String>,
    /// The Role to escalate to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaybookStep {
    /// What to do.
    pub title: String,
    /// The Role that does it.
    pub owner: String,
    /// Deadline, in days from the start of the playbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_days: Option<u32>,
}

document! {
    /// An operational playbook, post-mortem or scenario plan.
    pub struct Playbook {
        /// The Trigger that starts it, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trigger: Option<String>,
        /// The steps, in order.
        pub steps: Vec<PlaybookStep>,
    }
}
