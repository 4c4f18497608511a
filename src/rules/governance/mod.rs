//! Governance rules: decision rights (RACI), approvers, succession and
//! reporting lines (SPEC section 4, "Governance").

pub mod approver_without_rights;
pub mod critical_role_without_successor;
pub mod decision_accountable_count;
pub mod decision_without_responsible;
pub mod reports_to_cycle;
pub mod succession_cycle;
pub mod unknown_audience_role;
pub mod unknown_role;

pub(crate) const RULES: &[super::Entry] = &[
    (
        &decision_accountable_count::RULE,
        Some(decision_accountable_count::check),
    ),
    (
        &decision_without_responsible::RULE,
        Some(decision_without_responsible::check),
    ),
    (&unknown_role::RULE, None),
    (
        &approver_without_rights::RULE,
        Some(approver_without_rights::check),
    ),
    (
        &critical_role_without_successor::RULE,
        Some(critical_role_without_successor::check),
    ),
    (&succession_cycle::RULE, Some(succession_cycle::check)),
    (&reports_to_cycle::RULE, Some(reports_to_cycle::check)),
    (&unknown_audience_role::RULE, None),
];
