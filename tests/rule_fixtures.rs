//! Every rule has fixtures under `tests/fixtures/rules/<rule-name>/`:
//! `fail/` is a small strategy repository that breaks the rule, with
//! `fail/expected.txt` listing each expected finding as `CODE path:line`;
//! `pass/` follows it and must produce no finding of that rule (and no
//! structural error). The human output of every `fail/` is a snapshot.
//!
//! `STRATC_FIXTURE=name-prefix cargo test --test rule_fixtures` runs a subset.

use std::path::Path;

use stratc::analysis::{Options, analyse};
use stratc::diagnostics::{Format, render};
use stratc::rules::{Family, registry};

fn fixtures_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules"))
}

fn selected(name: &str) -> bool {
    std::env::var("STRATC_FIXTURE").map_or(true, |p| name.starts_with(&p))
}

fn findings_as_lines(root: &Path) -> (Vec<String>, String, Vec<String>) {
    let analysis = analyse(root, &Options::default()).expect("fixture loads");
    let sources = &analysis.model.sources;
    let mut lines = Vec::new();
    let mut structural = Vec::new();
    for f in &analysis.findings {
        let place = f.primary.as_ref().map(|l| {
            let file = sources.file(l.file);
            format!("{}:{}", file.path, file.line_col(l.span.start).line)
        });
        let line = format!("{} {}", f.rule.code, place.unwrap_or_default());
        if f.rule.family == Family::Structure {
            structural.push(format!("{line} {}", f.message));
        }
        lines.push(format!("{line} {}", f.rule.name));
    }
    let human = render(Format::Human, &analysis.findings, sources, false);
    (lines, human, structural)
}

#[test]
fn every_code_starts_with_its_family_prefix() {
    let mut wrong = Vec::new();
    for rule in registry() {
        let prefix = match rule.family {
            Family::Structure => "ST",
            Family::Alignment => "AL",
            Family::Deviation => "DV",
            Family::Exceptions => "EX",
            Family::Governance => "GV",
            Family::Pricing => "PR",
            Family::Channels => "CH",
            Family::Data => "DA",
            Family::Kpis => "KP",
            Family::Config => "CF",
        };
        let digits = rule.code.strip_prefix(prefix);
        if !digits.is_some_and(|d| d.len() == 3 && d.bytes().all(|b| b.is_ascii_digit())) {
            wrong.push(format!(
                "{} ({}) is in family {}",
                rule.code,
                rule.name,
                rule.family.name()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "codes without their family's prefix: {wrong:?}"
    );
}

/// The examples of `stratc explain` are the fixtures themselves (the
/// `rule!` macro includes them), so they are checked by the test below.
#[test]
fn every_rule_documents_a_failing_and_a_passing_example() {
    for rule in registry() {
        for section in ["## Example that fails\n", "## Example that passes\n"] {
            assert!(
                rule.doc.contains(section),
                "{} lacks {section:?}",
                rule.name
            );
        }
    }
}

#[test]
fn every_rule_with_a_check_has_fixtures() {
    let mut missing = Vec::new();
    for rule in registry() {
        let dir = fixtures_root().join(rule.name);
        if !dir.join("fail/expected.txt").is_file() || !dir.join("pass").is_dir() {
            missing.push(rule.name);
        }
    }
    assert!(
        missing.is_empty(),
        "rules without fail/ and pass/ fixtures: {missing:?}"
    );
}

#[test]
fn fixtures_fail_and_pass_as_expected() {
    let mut problems = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(fixtures_root())
        .expect("fixtures folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    for name in entries.into_iter().filter(|n| selected(n)) {
        let Some(rule) = registry().iter().find(|r| r.name == name) else {
            problems.push(format!("{name}: no rule has this name"));
            continue;
        };
        let dir = fixtures_root().join(&name);
        // fail/: every expected finding is present, and no other finding of this rule.
        let fail = dir.join("fail");
        if fail.is_dir() {
            let expected_text =
                std::fs::read_to_string(fail.join("expected.txt")).unwrap_or_default();
            let mut expected: Vec<String> = expected_text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned)
                .collect();
            expected.sort();
            let (lines, human, _) = findings_as_lines(&fail);
            let mut actual: Vec<String> = lines
                .iter()
                .filter(|l| l.ends_with(&format!(" {}", rule.name)))
                .map(|l| l.rsplit_once(' ').map_or(l.clone(), |(a, _)| a.to_owned()))
                .collect();
            actual.sort();
            if expected.is_empty() {
                problems.push(format!("{name}/fail: expected.txt lists no finding"));
            }
            if actual != expected {
                problems.push(format!(
                    "{name}/fail: expected {expected:?}\n  got {actual:?}\n  all findings: {lines:#?}"
                ));
            }
            insta::with_settings!({snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false}, {
                insta::assert_snapshot!(format!("{name}"), human);
            });
        }
        let pass = dir.join("pass");
        if pass.is_dir() {
            let (lines, _, structural) = findings_as_lines(&pass);
            let own: Vec<&String> = lines
                .iter()
                .filter(|l| l.ends_with(&format!(" {}", rule.name)))
                .collect();
            if !own.is_empty() {
                problems.push(format!("{name}/pass: unexpected findings {own:?}"));
            }
            if !structural.is_empty() && rule.family != Family::Structure {
                problems.push(format!("{name}/pass: structural errors {structural:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
