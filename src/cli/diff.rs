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
    let options = analysis::Options {
        as_of: args.as_of,
        ..Default::default()
    };
    // The two sides are independent until compared: analyse them at the
    // same time (diff costs about one check more than a check, not two).
    let (head, based) = std::thread::scope(|scope| {
        let base_side = scope.spawn(|| {
            let tree = repo.materialise(&commit)?;
            let base = analyse(tree.root(), &options)?;
            Ok::<_, Fatal>((tree, base))
        });
        let head = analyse(&args.root, &options);
        let based = base_side
            .join()
            .unwrap_or_else(|_| Err(Fatal::Git("reading the base revision failed".into())));
        (head, based)
    });
    let head = head?;
    let (tree, mut base) = based?;
    // Both sides at the same date, so time alone changes nothing: when the
    // base's `as_of` differs from the work tree's, analyse it again at the
    // work tree's date.
    if base.as_of != head.as_of {
        base = analyse(
            tree.root(),
            &analysis::Options {
                as_of: Some(head.as_of),
                ..Default::default()
            },
        )?;
    }
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
