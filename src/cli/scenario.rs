//! `stratc scenario`: run a Scenario against the latest actuals and report
//! what it does to the targets, goals, objectives and triggers.

use std::io::Write;
use std::path::PathBuf;

use super::common::{emit, exit};
use crate::analysis::{self, analyse};
use crate::error::Fatal;
use crate::finding::Severity;
use crate::model::kinds::Scenario;
use crate::render::scenario::{human, markdown, report, scenario_ids};
use crate::schema::did_you_mean;

const AFTER_HELP: &str = "\
The shocks apply to the latest actuals (or to the targets of a KPI without
actuals) and propagate through KPI formulas. The report lists every KPI the
scenario affects with and without it, the targets it misses and by how much,
the goals and objectives it turns amber or red (and what pulled them down),
and the triggers it fires with their playbooks and whom to escalate to.

Exit codes: 0 the report was printed, whatever it says — a scenario that
misses targets is news, like a diff, not a failure; 2 the scenario id is
unknown (the message suggests the nearest one) or the repository cannot be
read. Shocks `stratc check` reports as outside the data are listed as not
applied.

Examples:
  stratc scenario examples/acme consumer-demand-shock
  stratc scenario . freight-cost-spike --format markdown >> $GITHUB_STEP_SUMMARY";

/// Run a Scenario: shocks to KPIs, held against targets and triggers.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// `[ROOT] ID`: the strategy repository (default: the current folder)
    /// and the id of the Scenario to run.
    #[arg(value_names = ["ROOT", "ID"], num_args = 1..=2, required = true)]
    pub target: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScenarioFormat::Human)]
    pub format: ScenarioFormat,
}

/// The formats of `stratc scenario`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScenarioFormat {
    /// Plain text for a terminal.
    Human,
    /// The report as JSON, for other tools.
    Json,
    /// Markdown, for a pull request or a job summary.
    Markdown,
}

impl Args {
    /// The repository and the scenario id.
    fn split(&self) -> (PathBuf, &str) {
        match self.target.as_slice() {
            [root, id] => (PathBuf::from(root), id),
            [id] => (PathBuf::from("."), id),
            _ => (PathBuf::from("."), ""),
        }
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    let (root, id) = args.split();
    let analysis = analyse(&root, &analysis::Options::default())?;
    let model = &analysis.model;
    let Some((d, _)) = model.get::<Scenario>(id) else {
        let root = root.display();
        let message = if let Some(doc) = model.doc(id) {
            format!("`{}` is a {}, not a Scenario, in {root}", id, doc.kind())
        } else if analysis
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.subject.as_deref() == Some(id))
        {
            format!(
                "the scenario `{}` could not be loaded; run `stratc check {root}` to see why",
                id
            )
        } else {
            let ids = scenario_ids(&analysis);
            let hint = match did_you_mean(id, ids.iter().copied()) {
                Some(s) => format!("; did you mean `{s}`?"),
                None if ids.is_empty() => "; it declares no Scenario".to_owned(),
                None => format!(
                    "; its scenarios are {}",
                    ids.iter()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            format!("`{}` is not the id of a Scenario in {root}{hint}", id)
        };
        return Err(Fatal::Usage(message));
    };
    let Some(r) = report(&analysis, d) else {
        return Err(Fatal::Usage(format!("`{}` is not a Scenario", id)));
    };
    let text = match args.format {
        ScenarioFormat::Human => human(&r),
        ScenarioFormat::Markdown => markdown(&r),
        ScenarioFormat::Json => {
            let mut s = serde_json::to_string_pretty(&r)
                .map_err(|e| Fatal::Usage(format!("cannot write the report as JSON: {e}")))?;
            s.push('\n');
            s
        }
    };
    emit(out, &text)?;
    Ok(exit::CLEAN)
}
