//! The pipeline of SPEC section 3–4 in one call: load, build the model,
//! build the graph, run the rules. `check`, `build`, `diff` and the
//! benchmarks all go through here, so they see exactly the same findings.

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::places::resolve;
use crate::diagnostics::{Finding, Label, sort_findings};
use crate::error::Fatal;
use crate::graph::Graph;
use crate::load::actuals::Actuals;
use crate::load::{self, LoadOptions};
use crate::model::Model;
use crate::model::build::build_model;
use crate::model::load::{Loaded, load};
use crate::model::values::Date;
use crate::rules::{self, Ctx};

/// Everything known about a strategy after checking it.
pub struct Analysis {
    pub model: Model,
    pub graph: Graph,
    pub config: Config,
    pub as_of: Date,
    /// Sorted, with exceptions, severities and suppressions applied.
    pub findings: Vec<Finding>,
    /// Each phase, for `check --timings` and the benchmarks.
    pub timings: Vec<Phase>,
    /// Each rule's check, slowest first.
    pub rule_timings: Vec<(&'static rules::Rule, std::time::Duration)>,
    /// The check stopped early for newer work ([`Options::interrupt`]): the
    /// model holds the documents, but the graph and the findings are not
    /// complete and must not be shown.
    pub interrupted: bool,
}

impl Analysis {
    /// Each finding as one line without its positions: what it says, about
    /// what, in which file, and to whom it escalates; sorted. Two runs on
    /// the same strategy laid out differently (documents moved within a
    /// file, another YAML style, an editor's incremental re-check) must give
    /// the same lines; the property tests and the fuzz targets compare them.
    pub fn findings_without_positions(&self) -> Vec<String> {
        let path = |id| self.model.sources.file(id).path.as_str();
        let mut out: Vec<String> = self
            .findings
            .iter()
            .map(|f| {
                let related: Vec<(&str, &Option<String>)> =
                    f.related.iter().map(|l| (path(l.file), &l.text)).collect();
                format!(
                    "{} {} {:?} | {} | help {:?} | subject {:?} {:?} | decision {:?} {:?} | at {:?} | related {related:?}",
                    f.rule.code,
                    f.rule.name,
                    f.severity,
                    f.message,
                    f.help,
                    f.subject,
                    f.pointer,
                    f.decision,
                    f.escalation,
                    f.primary.as_ref().map(|l| (path(l.file), &l.text)),
                )
            })
            .collect();
        out.sort();
        out
    }
}

/// How long one phase took and the process's peak memory when it ended.
#[derive(Debug, Clone, Copy)]
pub struct Phase {
    pub name: &'static str,
    pub wall: std::time::Duration,
    /// Peak resident memory so far in KiB, where the platform tells it.
    pub peak_kib: Option<u64>,
}

/// The process's peak resident set so far (Linux `VmHWM`).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Evaluation date; overrides `as_of` in stratc.yaml; default today.
    pub as_of: Option<Date>,
    pub load: LoadOptions,
    /// Newer work waiting: the check stops early, between phases and
    /// between rules, when it says so (the language server, when an edit
    /// arrives during a check of the previous text).
    pub interrupt: Interrupt,
}

/// A count of newer pieces of work waiting, shared with whoever queues
/// them; a check with an interrupt of zero runs to the end.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Option<std::sync::Arc<std::sync::atomic::AtomicUsize>>);

impl Interrupt {
    pub fn new(waiting: std::sync::Arc<std::sync::atomic::AtomicUsize>) -> Interrupt {
        Interrupt(Some(waiting))
    }

    pub fn is_set(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|w| w.load(std::sync::atomic::Ordering::Acquire) > 0)
    }
}

pub fn analyse(root: &Path, options: &Options) -> Result<Analysis, Fatal> {
    let mut laps = Laps::start();
    let mut loaded = load(root, &options.load)?;
    laps.lap("load, parse and validate");
    let actuals = if options.load.parse_only {
        Default::default()
    } else {
        load::actuals::load(
            root,
            loaded.config.actuals.as_deref(),
            &mut loaded.sources,
            &mut loaded.findings,
        )
    };
    laps.lap("actuals");
    Ok(analyse_loaded(loaded, actuals, options, laps))
}

/// The phases' clock: each lap records the time since the previous one.
pub struct Laps {
    clock: std::time::Instant,
    timings: Vec<Phase>,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            clock: std::time::Instant::now(),
            timings: Vec::new(),
        }
    }

    pub fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.timings.push(Phase {
            name,
            wall: now - self.clock,
            peak_kib: peak_kib(),
        });
        self.clock = now;
    }
}

/// Everything after loading: model, graph, rules and places, from files
/// already loaded and actuals already read. The language server calls this
/// with the documents it keeps per file, after re-loading only the file
/// that was edited.
pub fn analyse_loaded(
    loaded: Loaded,
    actuals: Actuals,
    options: &Options,
    mut laps: Laps,
) -> Analysis {
    let mut findings = loaded.findings;
    let sources = loaded.sources;
    let config = loaded.config;
    let config_as_of = config.as_of.as_ref().and_then(|text| match text.date() {
        Some(d) => Some(d),
        None => {
            let mut f = Finding::new(
                &rules::structure::malformed_value::RULE,
                format!("`{}` is not a valid date for `as_of`", text.0),
            )
            .help("write dates as YYYY-MM-DD, e.g. 2027-06-30");
            if let Some((file, _)) = &loaded.config_source {
                f = f.at(Label::config(*file, "/as_of", false));
            }
            findings.push(f);
            None
        }
    });
    let as_of = options.as_of.or(config_as_of).unwrap_or_else(Date::today);
    let built = build_model(
        sources,
        loaded.docs,
        &loaded.invalid,
        actuals,
        loaded.config_source,
        &mut findings,
    );
    laps.lap("model and references");
    let interrupted = |model: Model, graph: Option<Graph>, laps: Laps| Analysis {
        graph: graph.unwrap_or_else(|| Graph::build(&model, Vec::new())),
        model,
        config: config.clone(),
        as_of,
        findings: Vec::new(),
        timings: laps.timings,
        rule_timings: Vec::new(),
        interrupted: true,
    };
    if options.interrupt.is_set() {
        return interrupted(built.model, None, laps);
    }
    let graph = Graph::build(&built.model, built.links);
    laps.lap("graph");
    let model = built.model;
    if options.interrupt.is_set() {
        return interrupted(model, Some(graph), laps);
    }
    let mut rule_timings = Vec::new();
    let findings = if options.load.parse_only {
        findings
    } else {
        let ctx = Ctx::new(&model, &graph, &config, as_of);
        let stop = || options.interrupt.is_set();
        match rules::run_until(&ctx, findings, &stop) {
            Some((findings, timings)) => {
                rule_timings = timings;
                findings
            }
            None => {
                drop(ctx);
                return interrupted(model, Some(graph), laps);
            }
        }
    };
    laps.lap("rules");
    let mut findings = findings;
    resolve(&model, &mut findings);
    sort_findings(&mut findings, &model.sources);
    laps.lap("sort");
    Analysis {
        model,
        graph,
        config,
        as_of,
        findings,
        timings: laps.timings,
        rule_timings,
        interrupted: false,
    }
}
