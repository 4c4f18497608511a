//! `stratc build ROOT --out DIR`: check the strategy, then render the docs
//! site, playbooks and scorecards into DIR (SPEC section 6).

use std::io::Write;
use std::path::PathBuf;

use super::check::parse_date;
use super::common::{Terminal, emit, exit};
use crate::analysis::{self, analyse};
use crate::diagnostics::{self, Format, Summary};
use crate::error::Fatal;
use crate::model::values::Date;
use crate::render::{self, templates};

/// Render the docs site (mkdocs), playbooks and scorecards.
///
/// The pages go to DIR/docs and the mkdocs configuration to DIR/mkdocs.yml;
/// turn them into a website with `cd DIR && mkdocs build --strict`
/// (pip install mkdocs pymdown-extensions). A `templates/` folder in the
/// strategy repository replaces built-in templates of the same name.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The strategy repository (default: the current folder).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// The folder to write into; only files stratc wrote there before are replaced or removed.
    #[arg(long, value_name = "DIR", required_unless_present = "print_template")]
    pub out: Option<PathBuf>,
    /// Evaluate the strategy at this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Build even when the check finds errors; the findings are shown on the pages.
    #[arg(long)]
    pub allow_errors: bool,
    /// Print a built-in template (e.g. site/page.md) to start an override from, and exit.
    #[arg(long, value_name = "NAME")]
    pub print_template: Option<String>,
    /// Build again after every change to the strategy's files (and its
    /// templates), printing only what changed since the build before.
    #[arg(long)]
    pub watch: bool,
}

pub fn run(args: Args, term: Terminal, out: &mut dyn Write) -> Result<u8, Fatal> {
    if let Some(name) = &args.print_template {
        return match templates::builtin(name) {
            Some(text) => {
                emit(out, text)?;
                Ok(exit::CLEAN)
            }
            None => {
                let names: Vec<&str> = templates::BUILTIN.iter().map(|(n, _)| *n).collect();
                Err(Fatal::Usage(format!(
                    "there is no built-in template `{name}`; the templates are: {}",
                    names.join(", ")
                )))
            }
        };
    }
    let Some(dir) = args.out else {
        return Err(Fatal::Usage("--out DIR is required".to_owned()));
    };
    // Refuse a bad --out before spending time on the analysis.
    render::output::check_out_dir(&args.root, &dir)?;
    let options = analysis::Options {
        as_of: args.as_of,
        ..Default::default()
    };
    if args.watch {
        return super::watch::watch(&args.root, Some(&dir), term, out, || {
            let analysis = analyse(&args.root, &options)?;
            let errors = Summary::of(&analysis.findings).errors;
            let tail = if errors > 0 && !args.allow_errors {
                format!("not building: the check found {errors} error(s)\n")
            } else {
                let report = render::build(&analysis, &args.root, &dir)?;
                format!(
                    "wrote {} file(s) to {} ({} new or changed, {} removed)\n",
                    report.written,
                    dir.display(),
                    report.changed,
                    report.removed.len()
                )
            };
            Ok(super::watch::Outcome { analysis, tail })
        });
    }
    let analysis = analyse(&args.root, &options)?;
    let summary = Summary::of(&analysis.findings);
    if !analysis.findings.is_empty() {
        let text = diagnostics::render_laid_out(
            Format::Human,
            &analysis.findings,
            &analysis.model.sources,
            term.layout(),
        );
        emit(out, &text)?;
    }
    if summary.errors > 0 && !args.allow_errors {
        emit(
            out,
            &format!(
                "not building: the check found {} error(s); fix them, or build anyway with --allow-errors (the findings then show on the pages)\n",
                summary.errors
            ),
        )?;
        return Ok(exit::FINDINGS);
    }
    let report = render::build(&analysis, &args.root, &dir)?;
    let removed = match report.removed.len() {
        0 => String::new(),
        n => format!(", removed {n} file(s) of the previous build"),
    };
    emit(
        out,
        &format!(
            "wrote {} file(s) to {} ({} new or changed){removed}\nnext: cd {} && mkdocs build --strict\n",
            report.written,
            dir.display(),
            report.changed,
            dir.display()
        ),
    )?;
    Ok(exit::CLEAN)
}
