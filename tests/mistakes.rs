//! The mistakes a new author makes (issue #17), one small repository each
//! under `tests/fixtures/mistakes/<name>/`: every finding of each, as a
//! list (`expected.txt`, `CODE path:line` in output order, so a root cause
//! must come first) and as the human output (a snapshot).

use std::path::Path;

use stratc::analysis::{Options, analyse};
use stratc::diagnostics::{Format, render};

fn root() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mistakes"
    ))
}

#[test]
fn each_mistake_is_reported_once_at_its_root() {
    let mut names: Vec<String> = std::fs::read_dir(root())
        .expect("mistakes folder")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut problems = Vec::new();
    for name in names {
        let dir = root().join(&name);
        let analysis = analyse(&dir, &Options::default()).expect("fixture loads");
        let sources = &analysis.model.sources;
        let actual: Vec<String> = analysis
            .findings
            .iter()
            .map(|f| {
                let place = f.primary.as_ref().map(|l| {
                    let file = sources.file(l.file);
                    format!("{}:{}", file.path, file.line_col(l.span.start).line)
                });
                format!("{} {}", f.rule.code, place.unwrap_or_default())
            })
            .collect();
        let expected: Vec<String> = std::fs::read_to_string(dir.join("expected.txt"))
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        if actual != expected {
            problems.push(format!("{name}: expected {expected:#?}\n  got {actual:#?}"));
        }
        let human = render(Format::Human, &analysis.findings, sources, false);
        insta::with_settings!({snapshot_path => "snapshots/mistakes", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name.clone(), human);
        });
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
