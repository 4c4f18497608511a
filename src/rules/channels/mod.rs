//! The channel and partner rules (SPEC section 4, "Channels and partners"):
//! partner SLAs against the channel policy, inventory allocation per market,
//! commission schedules and partner contract deadlines.

pub mod commission_tiers_overlapping;
pub mod inventory_shares_not_100;
pub mod partner_contract_ending;
pub mod partner_without_sla;
pub mod sla_below_policy;

use crate::model::kinds::ChannelType;

pub(crate) const RULES: &[super::Entry] = &[
    (&partner_without_sla::RULE, Some(partner_without_sla::check)),
    (&sla_below_policy::RULE, Some(sla_below_policy::check)),
    (
        &inventory_shares_not_100::RULE,
        Some(inventory_shares_not_100::check),
    ),
    (
        &commission_tiers_overlapping::RULE,
        Some(commission_tiers_overlapping::check),
    ),
    (
        &partner_contract_ending::RULE,
        Some(partner_contract_ending::check),
    ),
];

/// The channel type in words, for messages: `retail partner`.
pub(crate) fn type_words(kind: ChannelType) -> &'static str {
    match kind {
        ChannelType::OwnedDtc => "own direct-to-consumer channel",
        ChannelType::Marketplace => "marketplace",
        ChannelType::RetailPartner => "retail partner",
        ChannelType::Reseller => "reseller",
        ChannelType::Distributor => "distributor",
    }
}

/// The channel type in words, plural: `retail partners`.
pub(crate) fn type_plural(kind: ChannelType) -> &'static str {
    match kind {
        ChannelType::OwnedDtc => "own direct-to-consumer channels",
        ChannelType::Marketplace => "marketplaces",
        ChannelType::RetailPartner => "retail partners",
        ChannelType::Reseller => "resellers",
        ChannelType::Distributor => "distributors",
    }
}

/// Channel types run by a partner, which need an agreed SLA.
pub(crate) fn is_partner_type(kind: ChannelType) -> bool {
    !matches!(kind, ChannelType::OwnedDtc)
}
