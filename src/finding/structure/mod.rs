//! Structure and references: problems found while loading and linking.

pub mod dangling_reference;
pub mod duplicate_id;
pub mod duplicate_key;
pub mod file_too_large;
pub mod malformed_value;
pub mod not_utf8;
pub mod schema_violation;
pub mod unknown_kind;
pub mod unreadable_file;
pub mod wrong_kind_reference;
pub mod yaml_budget_exceeded;
pub mod yaml_syntax;

use super::Rule;

/// The rules whose findings the loader and the model produce.
pub const RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &duplicate_key::RULE,
    &yaml_budget_exceeded::RULE,
    &file_too_large::RULE,
    &not_utf8::RULE,
    &schema_violation::RULE,
    &malformed_value::RULE,
    &duplicate_id::RULE,
    &dangling_reference::RULE,
    &wrong_kind_reference::RULE,
    &unreadable_file::RULE,
    &unknown_kind::RULE,
];
