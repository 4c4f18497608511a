//! Customers and data rules (SPEC section 4): privacy basis of segments,
//! retention limits, master-data ownership, integration failover and budget
//! allocations.

pub mod budget_shares_not_100;
pub mod integration_without_failover;
pub mod master_data_conflict;
pub mod retention_above_limit;
pub mod third_party_data_without_legal_basis;

pub(crate) const RULES: &[super::Entry] = &[
    (
        &third_party_data_without_legal_basis::RULE,
        Some(third_party_data_without_legal_basis::check),
    ),
    (
        &retention_above_limit::RULE,
        Some(retention_above_limit::check),
    ),
    (
        &master_data_conflict::RULE,
        Some(master_data_conflict::check),
    ),
    (
        &integration_without_failover::RULE,
        Some(integration_without_failover::check),
    ),
    (
        &budget_shares_not_100::RULE,
        Some(budget_shares_not_100::check),
    ),
];

/// Items as a readable list: `a, b and c`.
pub(crate) fn and_list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A market for messages: `Germany (`de`)`, or `` `de` `` without a title.
pub(crate) fn market_name(doc: &crate::model::Document) -> String {
    match doc.body.common().title {
        Some(title) => format!("{title} (`{}`)", doc.id()),
        None => format!("`{}`", doc.id()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_like_prose() {
        assert_eq!(and_list(Vec::new()), "");
        assert_eq!(and_list(["a".to_owned()]), "a");
        assert_eq!(
            and_list(["a".to_owned(), "b".to_owned(), "c".to_owned()]),
            "a, b and c"
        );
    }
}
