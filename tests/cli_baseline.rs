//! `stratc check --write-baseline / --baseline` (ratchet) and
//! `--changed-since REV` (change-scoped runs) on temporary repositories.

mod common;

use common::{git, write};

use std::path::Path;
use std::process::Command;

/// Two initiatives with a dangling objective each, and a clean chain
/// goal ← objective ← initiative measured by a KPI.
const STRATEGY: &[(&str, &str)] = &[
    ("stratc.yaml", "as_of: 2027-07-01\n"),
    (
        "goals.yaml",
        "kind: Goal\nid: growth\ntitle: Growth\nhorizon: 2029\n",
    ),
    (
        "objectives.yaml",
        "kind: Objective\nid: grow-dtc\ntitle: Grow the web shop\nsupports: [growth]\nkpis: [conversion]\n",
    ),
    (
        "kpis/conversion.yaml",
        "kind: Kpi
id: conversion
title: Conversion rate
unit: percent
direction: higher_is_better
targets:
  - {period: 2027, value: 3.2}
",
    ),
    (
        "initiatives/alpha.yaml",
        "kind: Initiative\nid: alpha\ntitle: Alpha\nadvances: [nowhere-a]\ntype: product\nstatus: proposed\n",
    ),
    (
        "initiatives/beta.yaml",
        "kind: Initiative\nid: beta\ntitle: Beta\nadvances: [nowhere-b]\ntype: product\nstatus: proposed\n",
    ),
    (
        "initiatives/gamma.yaml",
        "kind: Initiative\nid: gamma\ntitle: Gamma\nadvances: [grow-dtc]\ntype: product\nstatus: proposed\n",
    ),
];

fn strategy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in STRATEGY {
        write(dir.path(), path, text);
    }
    dir
}

fn stratc(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    common::stratc_in(cwd, args)
}

/// (subject, rule) of every finding of a JSON report.
fn subjects(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON report");
    let mut out: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["subject"].as_str().unwrap_or("").to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn has_subject(json: &str, id: &str) -> bool {
    subjects(json).iter().any(|(s, _)| s == id)
}

#[test]
fn a_baseline_hides_recorded_findings_and_reports_new_ones() {
    let dir = strategy();
    let root = dir.path();
    // Before: both dangling objectives are errors.
    let (code, _, _) = stratc(root, &["check", "."]);
    assert_eq!(code, 1);

    let (code, stdout, stderr) = stratc(root, &["check", ".", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("stratc: recorded "), "{stdout}");
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["version"], 1);
    let entry = recorded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["subject"] == "alpha" && e["rule"] == "dangling-reference")
        .expect("alpha's finding is recorded");
    assert_eq!(entry["pointer"], "/advances/0");
    assert_eq!(entry["file"], "initiatives/alpha.yaml");
    assert!(entry.get("line").is_none(), "no line numbers in the key");

    // Everything recorded: a clean run that says how much was baselined.
    let (code, stdout, _) = stratc(root, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("stratc: no problems found"), "{stdout}");
    assert!(
        stdout.contains("in the baseline baseline.json and were not reported"),
        "{stdout}"
    );

    // Lines moved by an edit above the finding: still baselined.
    write(
        root,
        "initiatives/alpha.yaml",
        &format!(
            "# Alpha: waiting for its objective.\n# (added later)\n{}",
            STRATEGY[4].1
        ),
    );
    let (code, stdout, _) = stratc(root, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stdout}");

    // A new problem is reported, and only it.
    write(
        root,
        "initiatives/delta.yaml",
        "kind: Initiative\nid: delta\ntitle: Delta\nadvances: [nowhere-d]\ntype: product\nstatus: proposed\n",
    );
    let (code, stdout, _) = stratc(
        root,
        &[
            "check",
            ".",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(has_subject(&stdout, "delta"), "{stdout}");
    assert!(!has_subject(&stdout, "alpha"), "{stdout}");
    assert!(!has_subject(&stdout, "beta"), "{stdout}");

    // Fixing a baselined problem: the stale entry is pointed out (the ratchet).
    std::fs::remove_file(root.join("initiatives/delta.yaml")).unwrap();
    write(
        root,
        "initiatives/beta.yaml",
        &STRATEGY[5].1.replace("nowhere-b", "grow-dtc"),
    );
    let (code, stdout, _) = stratc(root, &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("of the baseline no longer occur"),
        "{stdout}"
    );
    assert!(
        stdout.contains("--write-baseline baseline.json"),
        "{stdout}"
    );
}

#[test]
fn baseline_file_is_deterministic() {
    let dir = strategy();
    stratc(dir.path(), &["check", ".", "--write-baseline", "a.json"]);
    stratc(dir.path(), &["check", ".", "--write-baseline", "b.json"]);
    let a = std::fs::read_to_string(dir.path().join("a.json")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("b.json")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_missing_or_broken_baseline_is_an_error() {
    let dir = strategy();
    let (code, _, stderr) = stratc(dir.path(), &["check", ".", "--baseline", "nope.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nope.json"), "{stderr}");
    write(dir.path(), "broken.json", "{\"findings\": 3}");
    let (code, _, stderr) = stratc(dir.path(), &["check", ".", "--baseline", "broken.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a stratc baseline"), "{stderr}");
    let (code, _, _) = stratc(
        dir.path(),
        &[
            "check",
            ".",
            "--baseline",
            "a.json",
            "--write-baseline",
            "a.json",
        ],
    );
    assert_eq!(code, 2, "the two flags exclude each other");
}

/// A git repository with the strategy committed under `strategy/`.
fn committed() -> Option<tempfile::TempDir> {
    if Command::new("git").arg("--version").output().is_err() {
        println!("note: git is not installed; skipping");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    for (path, text) in STRATEGY {
        write(dir.path(), &format!("strategy/{path}"), text);
    }
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    Some(dir)
}

fn changed_since(dir: &Path) -> (i32, String) {
    let (code, stdout, stderr) = stratc(
        dir,
        &[
            "check",
            "strategy",
            "--changed-since",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_ne!(code, 2, "{stderr}");
    (code, stdout)
}

#[test]
fn changed_since_reports_only_changed_documents() {
    let Some(dir) = committed() else { return };
    let root = dir.path();
    // Nothing changed: nothing reported, although alpha and beta are broken.
    let (code, stdout) = changed_since(root);
    assert_eq!(code, 0, "{stdout}");
    assert!(subjects(&stdout).is_empty(), "{stdout}");
    // The human output says what was left out.
    let (_, human, _) = stratc(root, &["check", "strategy", "--changed-since", "HEAD"]);
    assert!(
        human.contains(
            "outside the documents changed since HEAD and those depending on them were not reported"
        ),
        "{human}"
    );

    // An edit to alpha (not committed) brings alpha's findings back, not beta's.
    write(
        root,
        "strategy/initiatives/alpha.yaml",
        &STRATEGY[4].1.replace("title: Alpha", "title: Alpha v2"),
    );
    let (code, stdout) = changed_since(root);
    assert_eq!(code, 1, "{stdout}");
    assert!(has_subject(&stdout, "alpha"), "{stdout}");
    assert!(!has_subject(&stdout, "beta"), "{stdout}");

    // Untracked files count as changed.
    write(
        root,
        "strategy/initiatives/omega.yaml",
        "kind: Initiative\nid: omega\ntitle: Omega\nadvances: [nowhere-o]\ntype: product\nstatus: proposed\n",
    );
    let (_, stdout) = changed_since(root);
    assert!(has_subject(&stdout, "omega"), "{stdout}");
}

#[test]
fn changed_since_follows_documents_that_depend_on_the_change() {
    let Some(dir) = committed() else { return };
    let root = dir.path();
    // Deleting the KPI breaks the objective that names it; the objective did
    // not change, but it depends on the KPI, so its finding is reported.
    std::fs::remove_file(root.join("strategy/kpis/conversion.yaml")).unwrap();
    let (code, stdout) = changed_since(root);
    assert_eq!(code, 1, "{stdout}");
    assert!(has_subject(&stdout, "grow-dtc"), "{stdout}");
    assert!(!has_subject(&stdout, "alpha"), "{stdout}");
    assert!(!has_subject(&stdout, "beta"), "{stdout}");
}

#[test]
fn changed_since_needs_git_and_a_known_revision() {
    let dir = strategy();
    let (code, _, stderr) = stratc(dir.path(), &["check", ".", "--changed-since", "HEAD"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a git repository"), "{stderr}");
    let Some(repo) = committed() else { return };
    let (code, _, stderr) = stratc(
        repo.path(),
        &["check", "strategy", "--changed-since", "no-such-branch"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`no-such-branch` is not a commit"),
        "{stderr}"
    );
}
