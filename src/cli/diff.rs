//! `stratc diff`: the semantic change report between a git revision and the
//! work tree, for pull-request review.

use std::io::Write;
use std::path::PathBuf;

use super::check::parse_date;
use super::common::{emit, exit};
use crate::analysis::{self, Laps, analyse_loaded};
use crate::diff;
use crate::error::Fatal;
use crate::git::Repo;
use crate::load::{self, LoadOptions};
use crate::model::load::load;
use crate::model::revision::{Revision, load_revision};
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
    // Git lists the base and what changed while the work tree loads.
    let (head, listed) = std::thread::scope(|scope| {
        let listing = scope.spawn(|| {
            Ok::<_, Fatal>(Revision {
                root: args.root.clone(),
                files: repo.tree(&commit)?,
                changed: repo.changed_since(&commit)?.into_iter().collect(),
            })
        });
        let head = load(&args.root, &LoadOptions::default());
        let listed = listing
            .join()
            .unwrap_or_else(|_| Err(Fatal::Git("listing the base revision failed".into())));
        (head, listed)
    });
    let mut head = head?;
    let revision = listed?;
    let head_actuals = load::actuals::load(
        &args.root,
        head.config.actuals.as_deref(),
        &mut head.sources,
        &mut head.findings,
    );
    // The base is read from git into memory; the files the work tree holds
    // unchanged are copied from its load, not parsed again.
    let (base, base_actuals) = load_revision(
        &revision,
        &|objects| repo.blobs(objects),
        Some(&head),
        &LoadOptions::default(),
    )?;
    // Both sides at the work tree's date, so time alone changes nothing.
    let as_of = args
        .as_of
        .or_else(|| head.config.as_of.as_ref().and_then(|text| text.date()))
        .unwrap_or_else(Date::today);
    let head_options = analysis::Options {
        as_of: args.as_of,
        ..Default::default()
    };
    let base_options = analysis::Options {
        as_of: Some(as_of),
        ..Default::default()
    };
    // The two sides are independent until compared: analyse them at the
    // same time.
    let (base, head) = std::thread::scope(|scope| {
        let base_side =
            scope.spawn(|| analyse_loaded(base, base_actuals, &base_options, Laps::start()));
        let head = analyse_loaded(head, head_actuals, &head_options, Laps::start());
        let base = base_side
            .join()
            .map_err(|_| Fatal::Git("analysing the base revision failed".into()));
        (base, head)
    });
    let base = base?;
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
