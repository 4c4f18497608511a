//! `stratc check`: load, validate, link and analyse; print every finding.

use std::io::Write;
use std::path::PathBuf;

use super::common::{Terminal, emit, exit};
use crate::analysis::{self, analyse};
use crate::baseline;
use crate::diagnostics::{self, Format};
use crate::error::Fatal;
use crate::load::LoadOptions;
use crate::model::values::Date;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The strategy repository (default: the current folder).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Evaluate the strategy at this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Fail (exit 1) on warnings too: `--deny warnings`.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Only read and parse the YAML (measures the parsing floor).
    #[arg(long, hide = true)]
    pub parse_only: bool,
    /// Print the time of each phase to standard error (for benchmarks).
    #[arg(long, hide = true)]
    pub timings: bool,
    /// Report only findings not recorded in this baseline (see --write-baseline);
    /// says how many were baselined.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE as the accepted baseline (JSON), so
    /// later runs with --baseline FILE report only new findings.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "changed_since"])]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings in documents changed since this git revision (and
    /// untracked files) and in the documents that depend on them.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Check again after every change to the strategy's files, printing only
    /// the findings that are new or fixed since the run before.
    #[arg(long, conflicts_with_all = ["baseline", "write_baseline", "changed_since"])]
    pub watch: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    Warnings,
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2027-06-30"))
}

pub fn run(args: Args, term: Terminal, out: &mut dyn Write) -> Result<u8, Fatal> {
    let options = analysis::Options {
        as_of: args.as_of,
        load: LoadOptions {
            parse_only: args.parse_only,
        },
        ..Default::default()
    };
    if args.watch {
        if args.format != Format::Human {
            return Err(Fatal::Usage(
                "--watch prints findings for people: use it with --format human".into(),
            ));
        }
        return super::watch::watch(&args.root, None, term, out, || {
            Ok(super::watch::Outcome {
                analysis: analyse(&args.root, &options)?,
                tail: String::new(),
            })
        });
    }
    let analysis = analyse(&args.root, &options)?;
    if args.timings {
        let mut err = std::io::stderr().lock();
        for phase in &analysis.timings {
            let peak = phase.peak_kib.map_or_else(String::new, |k| {
                format!("{:>7.0} MiB peak", k as f64 / 1024.0)
            });
            let _ = writeln!(
                err,
                "{:>9.1} ms {peak}  {}",
                phase.wall.as_secs_f64() * 1000.0,
                phase.name
            );
        }
        // Rules run in parallel, so these overlap: they show which rules
        // are worth making faster, not where the wall time went.
        let _ = writeln!(err, "slowest rules (each on one thread):");
        for (rule, time) in analysis.rule_timings.iter().take(8) {
            let _ = writeln!(
                err,
                "{:>9.1} ms  {} {}",
                time.as_secs_f64() * 1000.0,
                rule.code,
                rule.name
            );
        }
    }
    let narrowing = baseline::Narrowing {
        changed_since: args.changed_since.as_deref(),
        baseline: args.baseline.as_deref(),
        write_baseline: args.write_baseline.as_deref(),
    };
    let narrowed = baseline::narrow(&args.root, &analysis, &narrowing)?;
    let text = diagnostics::render_laid_out(
        args.format,
        &narrowed.findings,
        &analysis.model.sources,
        term.layout(),
    );
    emit(out, &text)?;
    for note in &narrowed.notes {
        match args.format {
            Format::Human => emit(out, &format!("stratc: {note}\n"))?,
            Format::Markdown => emit(out, &format!("\n{}\n", diagnostics::markdown::cell(note)))?,
            _ => {}
        }
    }
    let summary = diagnostics::Summary::of(&narrowed.findings);
    let failed = summary.errors > 0 || (args.deny == Some(Deny::Warnings) && summary.warnings > 0);
    drop(narrowed);
    // Freeing a model of 100,000 documents costs a noticeable fraction of a
    // check; the process is about to exit and returns the memory at once.
    std::mem::forget(analysis);
    Ok(if failed { exit::FINDINGS } else { exit::CLEAN })
}
