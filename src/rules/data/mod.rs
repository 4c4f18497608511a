//! Customers and data rules (SPEC section 4): privacy basis of segments,
//! retention limits, master-data ownership, integration failover and budget
//! allocations.

/// A market for messages: `Germany (`de`)`, or `` `de` `` without a title.
pub(crate) fn market_name(doc: &crate::model::Document) -> String {
    match doc.body.common().title {
        Some(title) => format!("{title} (`{}`)", doc.id()),
        None => format!("`{}`", doc.id()),
    }
}
