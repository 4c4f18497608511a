//! The alignment rules (SPEC section 4).

use super::Rule;

pub(crate) const RULES: &[&Rule] = &[];
