//! The channel and partner rules (SPEC section 4, "Channels and partners"):
//! partner SLAs against the channel policy, inventory allocation per market,
//! commission schedules and partner contract deadlines.

use crate::model::kinds::ChannelType;

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
