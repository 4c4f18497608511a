//! Customers and data rules (SPEC section 4): privacy basis of segments,
//! retention limits, master-data ownership, integration failover and budget
//! allocations.

pub mod budget_shares_not_100;
pub mod integration_without_failover;
pub mod master_data_conflict;
pub mod retention_above_limit;
pub mod third_party_data_without_legal_basis;

use super::Rule;

pub(crate) const RULES: &[&Rule] = &[
    &third_party_data_without_legal_basis::RULE,
    &retention_above_limit::RULE,
    &master_data_conflict::RULE,
    &integration_without_failover::RULE,
    &budget_shares_not_100::RULE,
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
