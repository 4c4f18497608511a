//! Benchmarks of each phase of a check, on a synthetic corpus.
//!
//! ```text
//! cargo bench --bench phases
//! STRATC_BENCH_ENTITIES=10000 cargo bench --bench phases
//! STRATC_BENCH_CORPUS=/path/to/strategy cargo bench --bench phases
//! ```
//!
//! The corpus is generated once per run into a temporary folder with
//! `examples/gen-corpus.rs` (2,000 entities, seed 1, unless
//! `STRATC_BENCH_ENTITIES` says otherwise), or read from
//! `STRATC_BENCH_CORPUS`. The phases are chained as `analysis::analyse`
//! chains them; each benchmark times one phase, with its inputs prepared
//! outside the timed part. See bench/README.md.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use stratc::analysis::{self, Analysis};
use stratc::config::Config;
use stratc::diagnostics::Finding;
use stratc::graph::Graph;
use stratc::load::LoadOptions;
use stratc::load::actuals::{self, Actuals};
use stratc::model::Model;
use stratc::model::build::Built;
use stratc::model::build::build_model;
use stratc::model::load::{self as load, Loaded};
use stratc::model::values::Date;
use stratc::render;
use stratc::rules::{self, Ctx};

#[allow(dead_code)]
#[path = "../examples/gen-corpus.rs"]
mod gen_corpus;

// Measure with the allocator the binary uses (see src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_ENTITIES: usize = 2_000;
const SEED: u64 = 1;

/// The strategy folder every benchmark reads.
static ROOT: OnceLock<PathBuf> = OnceLock::new();

fn root() -> &'static Path {
    ROOT.get().expect("main sets the corpus folder")
}

fn main() {
    // As the binary does (src/main.rs): small pages for this workload.
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
    // Kept until the benchmarks are done; dropping it removes the corpus.
    let mut generated = None;
    let root = match std::env::var_os("STRATC_BENCH_CORPUS") {
        Some(path) => PathBuf::from(path),
        None => {
            let entities = match std::env::var("STRATC_BENCH_ENTITIES") {
                Ok(n) => n
                    .parse()
                    .expect("STRATC_BENCH_ENTITIES is a number of entities"),
                Err(_) => DEFAULT_ENTITIES,
            };
            let dir = tempfile::tempdir().expect("a temporary folder for the corpus");
            let args = gen_corpus::Args {
                out: dir.path().to_path_buf(),
                entities,
                seed: SEED,
                defects: None,
                force: false,
            };
            gen_corpus::run(&args).expect("the corpus is generated");
            let root = dir.path().to_path_buf();
            generated = Some(dir);
            root
        }
    };
    ROOT.set(root).expect("set once");
    divan::main();
    drop(generated);
}

fn load_with(root: &Path, parse_only: bool) -> Loaded {
    load::load(root, &LoadOptions { parse_only }).expect("the corpus loads")
}

/// What `build_model` takes, read from disk as `analysis::analyse` reads it.
struct ModelInputs {
    loaded: Loaded,
    actuals: Actuals,
}

fn model_inputs(root: &Path) -> ModelInputs {
    let mut loaded = load_with(root, false);
    let actuals = actuals::load(
        root,
        loaded.config.actuals.as_deref(),
        &mut loaded.sources,
        &mut loaded.findings,
    );
    ModelInputs { loaded, actuals }
}

/// The result of `build_model`, with what the later phases need.
struct Stage {
    built: Built,
    config: Config,
    as_of: Date,
    findings: Vec<Finding>,
}

fn build(inputs: ModelInputs) -> Stage {
    let ModelInputs { loaded, actuals } = inputs;
    let Loaded {
        sources,
        docs,
        invalid,
        mut findings,
        config,
        config_source,
    } = loaded;
    // `analyse` also reports a malformed `as_of`; the generated corpus has none.
    let as_of = config
        .as_of
        .as_ref()
        .and_then(|text| text.date())
        .unwrap_or_else(Date::today);
    let built = build_model(
        sources,
        docs,
        &invalid,
        actuals,
        config_source,
        &mut findings,
    );
    Stage {
        built,
        config,
        as_of,
        findings,
    }
}

/// Everything `rules::run` takes.
struct RulesInputs {
    model: Model,
    graph: Graph,
    config: Config,
    as_of: Date,
    findings: Vec<Finding>,
}

fn rules_inputs(root: &Path) -> RulesInputs {
    let stage = build(model_inputs(root));
    let graph = Graph::build(&stage.built.model, stage.built.links);
    RulesInputs {
        model: stage.built.model,
        graph,
        config: stage.config,
        as_of: stage.as_of,
        findings: stage.findings,
    }
}

fn analyse(root: &Path) -> Analysis {
    analysis::analyse(root, &analysis::Options::default()).expect("the corpus checks")
}

// Each timed closure returns what it made (and what it was given), so
// divan drops it after the sample instead of timing the drop.

/// Discover, read and parse every file; no validation (`check --parse-only`).
#[divan::bench(sample_count = 20)]
fn parse_only(bencher: Bencher) {
    bencher.bench_local(|| load_with(root(), true));
}

/// Discover, read, parse and validate every file, and deserialise the documents.
#[divan::bench(sample_count = 20)]
fn load(bencher: Bencher) {
    bencher.bench_local(|| load_with(root(), false));
}

/// Build the model and resolve references (`build_model`), from loaded
/// documents and actuals.
#[divan::bench(sample_count = 20)]
fn model(bencher: Bencher) {
    bencher
        .with_inputs(|| model_inputs(root()))
        .bench_local_values(build);
}

/// Build the strategy graph from the model and its resolved links. Cheap,
/// so it keeps divan's default of 100 samples.
#[divan::bench]
fn graph(bencher: Bencher) {
    let stage = build(model_inputs(root()));
    let model = &stage.built.model;
    bencher
        .with_inputs(|| stage.built.links.clone())
        .bench_local_values(|links| Graph::build(model, links));
}

/// Run every rule, then exceptions, severities and suppressions.
///
/// Each iteration gets a fresh model: documents re-parse their span trees on
/// first use and keep them, so a shared model would get faster after the
/// first iteration.
#[divan::bench(sample_count = 20)]
fn rules(bencher: Bencher) {
    bencher
        .with_inputs(|| rules_inputs(root()))
        .bench_local_values(|inputs| {
            let RulesInputs {
                model,
                graph,
                config,
                as_of,
                findings,
            } = inputs;
            let ctx = Ctx::new(&model, &graph, &config, as_of);
            let findings = rules::run(&ctx, findings);
            (findings, model, graph, config)
        });
}

/// Render the docs site, playbooks and scorecards in memory (no writes).
/// A fresh analysis per iteration, for the same reason as `rules`.
#[divan::bench(sample_count = 10)]
fn render(bencher: Bencher) {
    bencher
        .with_inputs(|| analyse(root()))
        .bench_local_values(|analysis| {
            let files = render::render(&analysis, root()).expect("the site renders");
            (files, analysis)
        });
}

/// The whole check (`analysis::analyse`): load, actuals, model, graph,
/// rules, sort.
#[divan::bench(sample_count = 10)]
fn check(bencher: Bencher) {
    bencher.bench_local(|| analyse(root()));
}
