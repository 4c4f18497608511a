//! End to end on generated strategies: the corpus generator
//! (`examples/gen-corpus.rs`, built by `cargo test` like every example)
//! writes a clean repository, and one with known injected defects whose
//! expected findings (rule, file, line) it records. stratc must find every
//! injected defect and nothing else.

use std::path::{Path, PathBuf};
use std::process::Command;

use stratc::analysis::{Options, analyse};

/// `target/<profile>/examples/gen-corpus`, next to this test's `deps/`.
fn generator() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let path = profile_dir
        .join("examples")
        .join(format!("gen-corpus{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is missing: `cargo test` builds the examples; run `cargo build --examples`",
        path.display()
    );
    path
}

fn generate(out: &Path, entities: usize, defects: Option<usize>) {
    let mut cmd = Command::new(generator());
    cmd.arg(out).args([
        "--entities",
        &entities.to_string(),
        "--seed",
        "7",
        "--force",
    ]);
    if let Some(k) = defects {
        cmd.args(["--defects", &k.to_string()]);
    }
    let status = cmd.output().expect("generator runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn findings(root: &Path) -> Vec<(String, String, u32)> {
    let analysis = analyse(root, &Options::default()).expect("corpus loads");
    let sources = &analysis.model.sources;
    let mut out: Vec<(String, String, u32)> = analysis
        .findings
        .iter()
        .map(|f| {
            let (file, line) = f.primary.as_ref().map_or((String::new(), 0), |l| {
                let file = sources.file(l.file);
                (file.path.clone(), file.line_col(l.span.start).line)
            });
            (f.rule.name.to_owned(), file, line)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_generated_corpus_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 1500, None);
    let found = findings(dir.path());
    assert!(found.is_empty(), "a clean corpus has findings: {found:#?}");
}

#[test]
fn every_injected_defect_is_found_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    // Two of each of the generator's defect kinds.
    generate(dir.path(), 1500, Some(18));
    let expected_text = std::fs::read_to_string(dir.path().join("expected-findings.json")).unwrap();
    let expected: Vec<serde_json::Value> = serde_json::from_str(&expected_text).unwrap();
    let mut expected: Vec<(String, String, u32)> = expected
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap().to_owned(),
                e["file"].as_str().unwrap().to_owned(),
                e["line"].as_u64().unwrap() as u32,
            )
        })
        .collect();
    expected.sort();
    let kinds: std::collections::BTreeSet<&str> = expected.iter().map(|e| e.0.as_str()).collect();
    assert!(kinds.len() >= 9, "defect kinds: {kinds:?}");
    let found = findings(dir.path());
    let missing: Vec<_> = expected.iter().filter(|e| !found.contains(e)).collect();
    let extra: Vec<_> = found.iter().filter(|f| !expected.contains(f)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
}
