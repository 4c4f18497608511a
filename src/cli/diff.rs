//! `stratc diff`: the semantic change report between a git revision and the
//! work tree, for pull-request review.

use std::io::Write;
use std::path::PathBuf;

use super::check::parse_date;
use super::common::{emit, exit};
use crate::analysis::{self, analyse};
use crate::diff;
use crate::error::Fatal;
use crate::git::Repo;
use crate::model::values::Date;

const AFTER_HELP: &str = "\
Reads the base revision from git and compares it with the work tree: documents
added, removed and changed field by field; findings introduced and resolved;
the initiatives and scorecards affected through the strategy graph; and the
decision owners (Accountable roles, with their GitHub handles) who must approve.

Exit codes: 0 when the change introduces no finding at error level (warnings,
and findings that were already there, do not count); 1 when it introduces at
least one error; 2 on a usage, git or I/O problem.

Example (in CI): stratc diff --base origin/main > stratc-diff.md";

/// Compare the strategy with a git revision, for pull-request review.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The strategy repository, a folder inside a git clone (default: the current folder).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// The git revision to compare with: a branch, tag or commit (e.g. `origin/main`).
    #[arg(long, value_name = "REV")]
    pub base: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Evaluate both revisions at this date (YYYY-MM-DD) instead of the work tree's `as_of` or today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Output formats of `stratc diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Markdown for a pull-request comment.
    Markdown,
    /// The same report as JSON, for other tools.
    Json,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    let repo = Repo::open(&args.root)?;
    let commit = repo.resolve(&args.base)?;
    let head = analyse(
        &args.root,
        &analysis::Options {
            as_of: args.as_of,
            ..Default::default()
        },
    )?;
    let tree = repo.materialise(&commit)?;
    // Both sides at the same date, so time alone changes nothing.
    let base = analyse(
        tree.root(),
        &analysis::Options {
            as_of: Some(head.as_of),
            ..Default::default()
        },
    )?;
    let report = diff::compare(&base, &head, &args.base, &commit);
    let text = match args.format {
        DiffFormat::Markdown => diff::to_markdown(&report),
        DiffFormat::Json => diff::to_json(&report),
    };
    emit(out, &text)?;
    Ok(if report.summary.introduced_errors > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}
