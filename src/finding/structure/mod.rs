//! Problems found while loading and linking: structure and references
//! (and the two governance rules about roles no Role document declares).
//! They sit below the loader so that it can report them; the rule registry
//! (`rules::registry`) adds them to its table. Adding one is its file plus
//! one line in the list below.

use super::Rule;

/// Declares each rule module and lists its `RULE`.
macro_rules! structure_rules {
    ($($rule:ident,)*) => {
        $(pub mod $rule;)*

        /// The rules whose findings the loader and the model produce.
        pub const RULES: &[&Rule] = &[$(&$rule::RULE,)*];
    };
}

structure_rules! {
    yaml_syntax,
    duplicate_key,
    yaml_budget_exceeded,
    file_too_large,
    not_utf8,
    schema_violation,
    malformed_value,
    duplicate_id,
    dangling_reference,
    wrong_kind_reference,
    unreadable_file,
    unknown_kind,
    // Governance rules the model reports while it resolves role references.
    unknown_role,
    unknown_audience_role,
}
