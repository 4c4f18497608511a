//! stratc: a compiler and linter for commerce strategy kept as code.
//!
//! The crate is a pipeline, one module per stage (SPEC sections 1–7), and
//! imports flow one way, down the list below: [`load`] reads files into
//! spanned YAML trees, [`schema`] validates them against the [`kinds`],
//! [`model`] turns them into typed, indexed documents, [`graph`] links them,
//! [`rules`] analyses the graph (naming fields, never spans),
//! [`diagnostics`] resolves places and renders findings, and [`render`] and
//! [`diff`] produce the docs site and pull-request reports.
//! The library never prints; only the CLI writes to the terminal.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// Data from files, git and the environment must never panic the run: every
// unwrap or expect outside tests carries an `allow` that says why it holds.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

// Shared by every stage, bottom first: errors, numbers and words, value
// types, the source map with spans, and the finding type with the rule
// descriptor. tests/layering.rs keeps the imports flowing down this list.
pub mod error;
pub mod atomic;
pub mod numbers;
pub mod words;
pub mod values;
pub mod source;
pub mod finding;

// The pipeline: files -> spanned trees -> kinds and configuration -> schema
// validation -> the typed, cross-referenced model -> the graph -> KPI
// arithmetic -> rules -> diagnostics, and the whole run in one call.
pub mod load;
pub mod kinds;
pub mod config;
pub mod schema;
pub mod model;
pub mod graph;
pub mod metrics;
pub mod scenario;
pub mod rules;
pub mod diagnostics;
pub mod analysis;

// What is built from a checked strategy, and the command line.
pub(crate) mod git;
pub mod baseline;
pub mod diff;
pub mod render;
pub mod lsp;
pub mod cli;
