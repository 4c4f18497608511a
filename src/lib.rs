//! stratc: a compiler and linter for commerce strategy kept as code.
//!
//! The crate is a pipeline, one module per stage (SPEC sections 1–7):
//! [`load`] reads files into spanned YAML trees, [`schema`] validates them,
//! [`model`] turns them into typed, indexed documents, [`graph`] links them,
//! [`rules`] analyses the graph, [`diagnostics`] renders findings, and
//! [`render`] and [`diff`] produce the docs site and pull-request reports.
//! The library never prints; only the CLI writes to the terminal.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod error;
pub mod finding;
pub(crate) mod git;
pub mod graph;
pub mod kinds;
pub mod load;
pub mod metrics;
pub mod model;
pub mod numbers;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
pub mod values;
pub mod words;
