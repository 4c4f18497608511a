//! Governance rules: decision rights (RACI), approvers, succession and
//! reporting lines (SPEC section 4, "Governance").

pub mod unknown_audience_role;
pub mod unknown_role;

use super::Rule;

pub(crate) const RULES: &[&Rule] = &[&unknown_role::RULE, &unknown_audience_role::RULE];
