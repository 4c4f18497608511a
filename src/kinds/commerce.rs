//! Commerce kinds: markets, channels, channel and pricing policies, segments.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;
use super::kpis::Cadence;

choice! {
    /// Competitive positioning in a market.
    pub enum Positioning { CostLeadership = "cost_leadership", Differentiation = "differentiation", Focus = "focus" }
}

document! {
    /// A market: regional strategy, geo-pricing and privacy.
    pub struct Market {
        /// Region, free text (e.g. `eu`, `north-america`).
        pub region: Option<String>,
        /// ISO 4217 currency of the market.
        pub currency: String,
        /// Competitive positioning.
        pub positioning: Option<Positioning>,
        /// What the market strategy optimises for first.
        pub priority: Option<Priority>,
        /// Price level relative to list price (1.0 is list price).
        pub price_index: Option<f64>,
        /// How far (percent) local teams may move the price index from 1.0.
        pub pricing_autonomy_pct: Option<Pct>,
        /// Privacy regime in force (e.g. `gdpr`, `ccpa`, `lgpd`).
        pub privacy_regime: Option<String>,
        /// Longest retention of customer data allowed, in days.
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// Renew, renegotiate or terminate.
    pub decision: RenewalDecision,
    /// When it was decided.
    pub decided_on: DateText,
}

/// The partner behind a channel and its contract.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Partner company name.
    pub name: String,
    /// Last day of the contract.
    pub contract_end: Option<DateText>,
    /// Notice period to exit or renegotiate, in days.
    pub exit_notice_days: Option<u32>,
    /// The renewal decision, once taken.
    pub renewal: Option<Renewal>,
}

/// Service levels of a partner channel.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    /// Hours to answer a customer (lower is better).
    pub response_time_hours: Option<f64>,
    /// Orders fulfilled without error, percent.
    pub fulfillment_accuracy_pct: Option<Pct>,
    /// Orders delivered on time, percent.
    pub on_time_delivery_pct: Option<Pct>,
}

/// One tier of a commission schedule.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommissionTier {
    /// Upper bound of revenue for this rate, in the market currency; left out on the last tier.
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
        pub partner: Option<Partner>,
        /// Agreed service levels.
        pub sla: Option<Sla>,
        /// Commission schedule, tiers in increasing revenue.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub commission: Vec<CommissionTier>,
        /// Share of inventory allocated to this channel in its markets, percent.
        pub inventory_share_pct: Option<Pct>,
        /// Segments reserved to this channel; DTC initiatives must not target them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub reserved_segments: Vec<String>,
        /// Lifecycle status.
        pub status: ChannelStatus,
        /// Markets where this partner holds exclusive rights: no other partner channel may sell there.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub territories: Vec<String>,
        /// The assessment behind the decision to use the channel: reach, margin, brand control, fulfilment.
        pub assessment: Option<ChannelAssessment>,
        /// Pricing categories this partner sells exclusively in its markets: our
        /// own channels must not bundle them there.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub exclusive_categories: Vec<String>,
    }
}

choice! {
    /// How much say we have over how the brand is presented on a channel.
    pub enum BrandControl {
        /// We run the storefront (own shop, brand store).
        Full = "full",
        /// The partner presents us under our brand guidelines and we approve the creative.
        Guidelines = "guidelines",
        /// The partner presents us as it likes.
        None = "none",
    }
}

choice! {
    /// Who ships the orders of a channel.
    pub enum Fulfilment {
        /// We ship from our own warehouses.
        Own = "own",
        /// The partner ships from its stock.
        Partner = "partner",
        /// The platform ships from its warehouses (e.g. Fulfilment by Amazon).
        Platform = "platform",
    }
}

/// The assessment of a channel: what it brings and what it costs.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelAssessment {
    /// New customers the channel reaches that no other channel does, percent.
    pub reach_pct: Option<Pct>,
    /// Margin lost to commissions, fees and price pressure, percentage points.
    pub margin_erosion_pct: Option<Pct>,
    /// How much say we have over the brand's presentation.
    pub brand_control: Option<BrandControl>,
    /// Who ships the orders.
    pub fulfilment: Option<Fulfilment>,
    /// When the assessment was made.
    pub assessed_on: Option<DateText>,
}

/// SLA floors per channel type.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinimumSla {
    /// Floor for DTC channels.
    pub owned_dtc: Option<Sla>,
    /// Floor for marketplaces.
    pub marketplace: Option<Sla>,
    /// Floor for retail partners.
    pub retail_partner: Option<Sla>,
    /// Floor for resellers.
    pub reseller: Option<Sla>,
    /// Floor for distributors.
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Onboarding {
    /// Minimum new reach the channel must bring, percent.
    pub min_incremental_reach_pct: Option<Pct>,
    /// Maximum margin the channel may erode, percent.
    pub max_margin_erosion_pct: Option<Pct>,
}

/// Co-operative marketing funds offered to partners.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoopFunds {
    /// Share of partner revenue returned as co-op funds, percent.
    pub share_pct: Pct,
    /// Whether funds require brand-compliant creative.
    #[serde(default)]
    pub requires_brand_compliance: bool,
    /// The Budget the co-op funds are paid from.
    pub budget: Option<String>,
}

document! {
    /// Channel governance: SLA floors, onboarding criteria and co-op funds.
    pub struct ChannelPolicy {
        /// SLA floors per channel type.
        #[serde(default)]
        pub minimum_sla: MinimumSla,
        /// Conditions to onboard a new channel.
        pub onboarding: Option<Onboarding>,
        /// Co-op funds.
        pub coop_funds: Option<CoopFunds>,
        /// The standard commission schedule of resellers and distributors, tiers in increasing revenue.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub commission: Vec<CommissionTier>,
    }
}

/// A pricing category and its margin guard rails.
#[serde_with::skip_serializing_none]
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapRule {
    /// Categories the rule covers.
    pub categories: Vec<String>,
    /// Lowest advertised price as a ratio of list price (e.g. 0.85).
    pub min_price_ratio: f64,
    /// How often advertised prices are checked.
    pub monitoring: Option<MonitoringFrequency>,
    /// Escalating sanctions for violations, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sanctions: Vec<String>,
    /// Channel types the rule covers (e.g. `[marketplace]`); all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel_types: Vec<ChannelType>,
}

/// Geographic price consistency.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeoPricing {
    /// Largest allowed gap between the price indexes of two markets, percent.
    pub max_price_gap_pct: Pct,
    /// Pairs of neighbouring Market ids (`[de, fr]`) between which goods can
    /// cross; when given, only these pairs are compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub neighbours: Vec<[String; 2]>,
}

/// One step of the discount approval ladder.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalTier {
    /// Highest discount this approver may grant, percent.
    pub max_discount_pct: Pct,
    /// Largest deal this approver may sign off.
    pub max_deal_size: Option<Money>,
    /// Customer tiers this step applies to (ids of the policy's `customer_tiers`, e.g. `strategic`); all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer_tiers: Vec<String>,
    /// The Role that approves.
    pub approver: String,
}

/// Who approves which discount.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approvals {
    /// The decision id under which pricing exceptions are approved.
    pub decision: String,
    /// The ladder, from the smallest discount to the largest.
    pub tiers: Vec<ApprovalTier>,
}

/// One component of the price waterfall.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaterfallComponent {
    /// On-invoice discount, freight, rebate, …
    pub name: String,
    /// Cap, percent of list price.
    pub max_pct: Pct,
}

/// The price waterfall from list to pocket price.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waterfall {
    /// Largest total leakage from list to pocket price, percent.
    pub max_leakage_pct: Pct,
    /// The components and their caps.
    pub components: Vec<WaterfallComponent>,
    /// The KPI ids under which actual leakage is reported, with `{component}`
    /// for the component's name in kebab-case (`leakage-{component}`).
    #[schemars(regex(pattern = r"\{component\}"))]
    pub actuals_kpi: Option<String>,
}

/// Competitor price matching.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchCompetitors {
    /// Whether matching is allowed.
    pub allowed: bool,
    /// Largest discount a match may reach, percent.
    pub max_discount_pct: Option<Pct>,
    /// Segments never offered matched prices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_segments: Vec<String>,
}

/// Flash sales.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlashSales {
    /// Largest flash-sale discount, percent.
    pub max_discount_pct: Pct,
    /// Longest flash sale, hours.
    pub max_duration_hours: Option<f64>,
    /// Segments never offered flash sales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_segments: Vec<String>,
}

/// Promotion guard rails.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promotions {
    /// Competitor price matching.
    pub match_competitors: Option<MatchCompetitors>,
    /// Flash sales.
    pub flash_sales: Option<FlashSales>,
    /// The decision under which conflicts of the promotional calendar are
    /// resolved; overlapping promotions escalate to its Accountable.
    pub calendar_decision: Option<String>,
}

/// A subscription tier.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionTier {
    /// Unique within the policy.
    pub id: String,
    /// Monthly price.
    pub monthly: Money,
}

/// Subscription pricing.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subscriptions {
    /// Tiers from the cheapest to the most expensive.
    pub tiers: Vec<SubscriptionTier>,
}

/// Price monitoring of key SKUs.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceMonitoring {
    /// SKUs watched.
    #[serde(default)]
    pub skus: Vec<String>,
    /// Gap to competitors (percent) that raises an alert.
    pub alert_gap_pct: Option<Pct>,
    /// What happens on an alert.
    pub response: Option<String>,
    /// The Role that responds to an alert.
    pub response_owner: Option<String>,
    /// The Playbook run on an alert.
    pub response_playbook: Option<String>,
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
        pub geo: Option<GeoPricing>,
        /// The discount approval ladder.
        pub approvals: Option<Approvals>,
        /// The price waterfall.
        pub waterfall: Option<Waterfall>,
        /// Segments whose price integrity is protected.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub protected_segments: Vec<String>,
        /// Promotion guard rails.
        pub promotions: Option<Promotions>,
        /// Subscription pricing.
        pub subscriptions: Option<Subscriptions>,
        /// Price monitoring.
        pub monitoring: Option<PriceMonitoring>,
        /// The customer tiers the approval ladder and deals name (e.g. `strategic`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub customer_tiers: Vec<CustomerTier>,
    }
}

/// A customer tier declared by a pricing policy.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerTier {
    /// Unique within the policy; named by `approvals.tiers[].customer_tiers` and `Deal.customer_tier`.
    pub id: String,
    /// The tier's name, e.g. "Strategic accounts".
    pub title: Option<String>,
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
#[serde_with::skip_serializing_none]
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
        pub definition: Option<String>,
        /// Where the data comes from.
        #[serde(default)]
        pub data_sources: Vec<DataSource>,
        /// Markets where the segment is used.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub markets: Vec<String>,
        /// Legal basis for processing (e.g. `consent`, `legitimate_interest`).
        pub legal_basis: Option<String>,
        /// Parties the segment is shared with.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub shared_with: Vec<String>,
        /// Contact pressure limits.
        pub suppression: Option<Suppression>,
        /// When the segment's definition was last reviewed.
        pub reviewed_on: Option<DateText>,
        /// How often the definition is reviewed.
        pub review_cadence: Option<Cadence>,
    }
}

choice! {
    /// Where a deal stands.
    pub enum DealOutcome {
        /// Still being negotiated.
        Open = "open",
        /// Signed.
        Won = "won",
        /// Lost to a competitor or abandoned.
        Lost = "lost",
    }
}

document! {
    /// An exception pricing request for one customer: checked against the
    /// approval ladder of the pricing policy of its market, and the record
    /// of why deals are won or lost.
    pub struct Deal {
        /// The customer, free text (a company name).
        pub customer: String,
        /// The customer tier, one of the `customer_tiers` of the pricing policy of its market.
        pub customer_tier: Option<String>,
        /// Whether the customer is a named strategic account.
        #[serde(default)]
        pub strategic_account: bool,
        /// The Market the deal is priced in.
        pub market: String,
        /// Pricing categories the deal covers.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub categories: Vec<String>,
        /// Total value of the deal at list price.
        pub deal_size: Money,
        /// The discount requested, percent of list price.
        pub discount_pct: Pct,
        /// When the discount was requested.
        pub requested_on: Option<DateText>,
        /// The Role that approved the discount.
        pub approved_by: Option<String>,
        /// When it was approved.
        pub approved_on: Option<DateText>,
        /// Open, won or lost.
        pub outcome: DealOutcome,
        /// Why the deal was won or lost, in words (shown per segment on the docs site).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub reasons: Vec<String>,
        /// The customer Segment the deal belongs to, for win-loss per segment.
        pub segment: Option<String>,
    }
}
