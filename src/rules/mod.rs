//! Stage 4: the rules. One file per rule, grouped by family folder, with its
//! documentation beside its code (`stratc explain` and the SARIF help read
//! that one text); [`registry`] is the one table of them, [`ctx`] what a
//! rule reads and [`engine`] what runs them and applies exceptions and the
//! configuration.

pub mod ctx;
mod cycle;
mod engine;
mod index;
pub mod registry;

// Each family's shared helpers; the rule files themselves are declared by
// the registry table.
pub mod channels;
pub mod config;
pub mod data;
pub mod deviations;
pub mod exceptions;
pub mod kpis;
pub mod pricing;

pub use crate::finding::structure;
pub use crate::finding::{Family, Rule};
pub use ctx::Ctx;
pub use engine::{Timings, escalation_path, run, run_timed, run_until};
pub use registry::{Check, lookup, registry};
