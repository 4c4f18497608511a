//! The command line (SPEC section 5): one file per subcommand with its
//! arguments and its `run` function. Commands write to the writers they are
//! given and return an exit code; `main` only wires them to the terminal.

pub mod build;
pub mod check;
pub mod codeowners;
pub(crate) mod common;
pub mod diff;
pub mod explain;
pub mod graph;
pub mod init;
pub mod lsp;
pub mod scenario;
pub mod schema;
pub mod watch;

use std::io::Write;

use clap::{Parser, Subcommand};

use crate::error::Fatal;
pub use common::{Terminal, exit};

/// stratc — compiler and linter for commerce strategy kept as code.
#[derive(Debug, Parser)]
#[command(name = "stratc", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a strategy repository and report every problem.
    Check(check::Args),
    /// Render the docs site, playbooks and scorecards into a folder.
    Build(build::Args),
    /// Write the JSON Schemas of every document kind and of stratc.yaml.
    Schema(schema::Args),
    /// Explain one rule (by code or name), or list them all.
    Explain(explain::Args),
    /// Create a new strategy repository from a template.
    Init(init::Args),
    /// Compare the strategy with a git revision, for pull-request review.
    Diff(diff::Args),
    /// Export the strategy graph as Graphviz DOT, Mermaid or JSON.
    Graph(graph::Args),
    /// Write a GitHub CODEOWNERS file from the decision rights (RACI).
    Codeowners(codeowners::Args),
    /// Run the language server over standard input and output (for editors).
    Lsp(lsp::Args),
    /// Run a Scenario: shocks to KPIs, held against targets and triggers.
    Scenario(scenario::Args),
}

/// Runs one subcommand.
pub fn run(cli: Cli, term: Terminal, out: &mut dyn Write) -> Result<u8, Fatal> {
    match cli.command {
        Command::Check(args) => check::run(args, term, out),
        Command::Build(args) => build::run(args, term, out),
        Command::Schema(args) => schema::run(args, out),
        Command::Explain(args) => explain::run(args, out),
        Command::Init(args) => init::run(args, out),
        Command::Diff(args) => diff::run(args, out),
        Command::Graph(args) => graph::run(args, out),
        Command::Codeowners(args) => codeowners::run(args, out),
        // `main` starts the server itself, before it locks standard output.
        Command::Lsp(args) => lsp::run(args),
        Command::Scenario(args) => scenario::run(args, out),
    }
}
