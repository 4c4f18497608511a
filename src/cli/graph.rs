//! `stratc graph`: export the strategy graph as Graphviz DOT, Mermaid or JSON.

use std::io::Write;
use std::path::PathBuf;

use super::common::{emit, exit};
use crate::analysis::{self, analyse};
use crate::error::Fatal;
use crate::graph::export::{self, GraphFormat};
use crate::schema::did_you_mean;

const AFTER_HELP: &str = "\
Every document (and every decision of a RACI matrix) is a node labelled with
its kind, id and title; every reference is an edge labelled with its type
(advances, measured_by, ...).

Examples:
  stratc graph --format dot | dot -Tsvg > strategy.svg
  stratc graph --format mermaid --focus eu-dtc-growth --depth 2";

/// Export the strategy graph as Graphviz DOT, Mermaid or JSON.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The strategy repository (default: the current folder).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Show only the neighbourhood of this document or decision id.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// With `--focus`: how many links away from it to show, either direction (default 2).
    #[arg(long, value_name = "N", requires = "focus")]
    pub depth: Option<usize>,
}

/// Default `--depth` with `--focus`.
const DEFAULT_DEPTH: usize = 2;

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    let analysis = analyse(&args.root, &analysis::Options::default())?;
    let (model, graph) = (&analysis.model, &analysis.graph);
    let keys = export::node_keys(model, graph);
    let selection = match &args.focus {
        None => None,
        Some(focus) => {
            let Some(node) = export::find_focus(&keys, focus) else {
                let candidates = keys
                    .iter()
                    .map(|(_, k)| k.strip_prefix("decision:").unwrap_or(k));
                let hint = did_you_mean(focus, candidates)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(Fatal::Usage(format!(
                    "--focus `{focus}` is not the id of any document or decision in {}{hint}",
                    args.root.display()
                )));
            };
            Some(export::neighbourhood(
                graph,
                node,
                args.depth.unwrap_or(DEFAULT_DEPTH),
            ))
        }
    };
    let view = export::view(model, graph, &keys, selection.as_ref());
    emit(out, &export::render(&view, args.format))?;
    Ok(exit::CLEAN)
}
