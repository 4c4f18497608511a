//! `stratc diff` on real temporary git repositories: a base commit, then
//! changes in the work tree; the Markdown report is a snapshot.

mod common;

use common::{git, write};

use std::path::Path;
use std::process::Command;

/// A small, clean strategy (in `strategy/` of the repository).
const BASE: &[(&str, &str)] = &[
    (
        "stratc.yaml",
        "as_of: 2027-07-01\ngovernance:\n  deviation_decision: strategy.deviation\n",
    ),
    (
        "roles/roles.yaml",
        "kind: Role
id: ceo
title: Chief Executive Officer
github: \"@acme/executive-board\"
---
kind: Role
id: cco
title: Chief Commercial Officer
reports_to: ceo
github: \"@acme/commercial\"
---
kind: Role
id: head-of-pricing
title: Head of Pricing
reports_to: cco
",
    ),
    (
        "decisions/rights.yaml",
        "kind: DecisionRights
id: decision-rights
title: Decision rights
decisions:
  - id: strategy.deviation
    title: Approve a deviation from the strategy
    accountable: ceo
    responsible: [cco]
  - id: pricing.exception
    title: Approve discounts and pricing exceptions
    accountable: cco
    responsible: [head-of-pricing]
  - id: pricing.list-price
    title: Set list prices
    accountable: head-of-pricing
    responsible: [head-of-pricing]
",
    ),
    (
        "goals/profitable-growth.yaml",
        "kind: Goal\nid: profitable-growth\ntitle: Profitable growth\nhorizon: 2029\n",
    ),
    (
        "objectives/grow-dtc.yaml",
        "kind: Objective
id: grow-dtc
title: Grow the web shop
supports: [profitable-growth]
priority: balanced
markets: [de]
kpis: [conversion]
horizon: 2028
",
    ),
    (
        "kpis/conversion.yaml",
        "kind: Kpi
id: conversion
title: Web shop conversion rate
unit: percent
direction: higher_is_better
targets:
  - {period: 2027, value: 3.2}
thresholds: {amber_pct: 5, red_pct: 10}
",
    ),
    (
        "markets/de.yaml",
        "kind: Market\nid: de\ntitle: Germany\ncurrency: EUR\n",
    ),
    (
        "initiatives/checkout-redesign.yaml",
        "kind: Initiative
id: checkout-redesign
title: One-page checkout
advances: [grow-dtcc]
type: product
priority: balanced
markets: [de]
status: approved
start: 2027-03-01
end: 2027-12-31
",
    ),
    (
        "scorecards/commerce-review.yaml",
        "kind: Scorecard
id: commerce-review
title: Commerce review
audience: [cco]
sections:
  - title: Web shop
    kpis: [conversion]
",
    ),
    (
        "policies/pricing.yaml",
        "kind: PricingPolicy
id: pricing
title: Pricing policy
markets: [de]
categories:
  - {id: apparel, list_margin_pct: 58, floor_margin_pct: 35, max_discount_pct: 30}
approvals:
  decision: pricing.exception
  tiers:
    - {max_discount_pct: 15, approver: head-of-pricing}
    - {max_discount_pct: 30, approver: cco}
",
    ),
    (
        "playbooks/price-war.yaml",
        "kind: Playbook
id: price-war
title: Price war response
steps:
  - {title: Freeze promotions, owner: cco, within_days: 2}
",
    ),
];

fn git_available() -> bool {
    let ok = Command::new("git").arg("--version").output().is_ok();
    if !ok {
        println!("note: git is not installed; skipping");
    }
    ok
}

/// A repository with the base strategy committed on `main` under `strategy/`.
fn repo_with_base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    write(dir.path(), "README.md", "not a strategy file\n");
    for (path, text) in BASE {
        write(dir.path(), &format!("strategy/{path}"), text);
    }
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    dir
}

fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let path = dir.join("strategy").join(path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Runs stratc in `cwd`; returns (exit code, stdout, stderr).
fn stratc(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    common::stratc_in(cwd, args)
}

/// Commit ids depend on the git version's object format details; hide them.
fn redact_commit(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() && c.is_ascii_lowercase() || c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        if run.len() == 12 || run.len() == 40 {
            out.push_str("<commit>");
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "snapshots/cli_diff", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

/// The change every report test reviews: a KPI target raised, an approval
/// tier lowered, a decision handed to another role, an initiative fixed
/// (its dangling objective), one added with a new problem and markup in
/// its title, and a playbook removed.
fn make_changes(dir: &Path) {
    edit(dir, "kpis/conversion.yaml", "value: 3.2", "value: 3.5");
    edit(
        dir,
        "policies/pricing.yaml",
        "{max_discount_pct: 15, approver: head-of-pricing}",
        "{max_discount_pct: 10, approver: head-of-pricing}",
    );
    edit(
        dir,
        "decisions/rights.yaml",
        "accountable: head-of-pricing",
        "accountable: cco",
    );
    edit(
        dir,
        "initiatives/checkout-redesign.yaml",
        "advances: [grow-dtcc]",
        "advances: [grow-dtc]",
    );
    write(
        dir,
        "strategy/initiatives/summer-sale.yaml",
        "kind: Initiative
id: summer-sale
title: '<b>Summer</b> | sale \"2027\"'
advances: [grow-dtc]
type: promotion
priority: balanced
markets: [de]
channels: [marketplace-x]
status: proposed
",
    );
    std::fs::remove_file(dir.join("strategy/playbooks/price-war.yaml")).unwrap();
}

#[test]
fn markdown_report_of_a_pull_request() {
    if !git_available() {
        return;
    }
    let dir = repo_with_base();
    make_changes(dir.path());
    let (code, stdout, stderr) = stratc(dir.path(), &["diff", "strategy", "--base", "main"]);
    assert_eq!(
        code, 1,
        "an introduced error fails the run\n{stdout}{stderr}"
    );
    // Documents, field by field.
    assert!(
        stdout.contains("| `/targets/0/value` | 3.2 | 3.5 |"),
        "{stdout}"
    );
    assert!(
        stdout.contains("| `/approvals/tiers/0/max_discount_pct` | 15 | 10 |"),
        "{stdout}"
    );
    assert!(
        stdout.contains("| `/decisions/2/accountable` | head-of-pricing | cco |"),
        "{stdout}"
    );
    // Findings: the dangling objective is resolved, the dangling channel introduced.
    assert!(stdout.contains("### Findings introduced"), "{stdout}");
    assert!(stdout.contains("marketplace-x"), "{stdout}");
    assert!(stdout.contains("### Findings resolved"), "{stdout}");
    assert!(stdout.contains("grow-dtcc"), "{stdout}");
    // Affected through the graph.
    assert!(
        stdout.contains("| Scorecard | `commerce-review` | Commerce review | `commerce-review` shows `conversion` |"),
        "{stdout}"
    );
    // Approvers with their GitHub handles; the old and new Accountable of a handed-over decision.
    assert!(stdout.contains("| `pricing.exception` (Approve discounts and pricing exceptions) | Chief Commercial Officer (`cco`) | @acme/commercial | `pricing` |"), "{stdout}");
    assert!(
        stdout.contains("Head of Pricing (`head-of-pricing`)"),
        "{stdout}"
    );
    assert!(stdout.contains("(no `github` handle)"), "{stdout}");
    assert!(stdout.contains("@acme/executive-board"), "{stdout}");
    // Text from YAML cannot inject markup.
    assert!(!stdout.contains("<b>"), "{stdout}");
    assert!(
        stdout.contains("&lt;b&gt;Summer&lt;/b&gt; \\| sale"),
        "{stdout}"
    );
    snap!("pull_request.md", redact_commit(&stdout));
}

#[test]
fn json_report_has_the_same_content() {
    if !git_available() {
        return;
    }
    let dir = repo_with_base();
    make_changes(dir.path());
    let (code, stdout, stderr) = stratc(
        dir.path(),
        &["diff", "strategy", "--base", "main", "--format", "json"],
    );
    assert_eq!(code, 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["base"], "main");
    assert_eq!(v["base_commit"].as_str().unwrap().len(), 40);
    let s = &v["summary"];
    assert_eq!(s["added"], 1, "{stdout}");
    assert_eq!(s["removed"], 1, "{stdout}");
    assert_eq!(s["changed"], 4, "{stdout}");
    assert!(s["introduced_errors"].as_u64().unwrap() >= 1, "{stdout}");
    assert!(s["resolved"].as_u64().unwrap() >= 1, "{stdout}");
    assert_eq!(v["removed"][0]["id"], "price-war");
    assert_eq!(v["added"][0]["title"], "<b>Summer</b> | sale \"2027\"");
    let kpi = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "conversion")
        .unwrap();
    assert_eq!(kpi["fields"][0]["pointer"], "/targets/0/value");
    assert_eq!(kpi["fields"][0]["before"], 3.2);
    assert_eq!(kpi["fields"][0]["after"], 3.5);
    // A changed KPI reaches the initiatives advancing the objectives it measures.
    let affected = v["affected"].as_array().unwrap();
    let checkout = affected
        .iter()
        .find(|a| a["id"] == "checkout-redesign")
        .unwrap();
    assert_eq!(checkout["kind"], "Initiative");
    let decisions: Vec<&str> = v["approvals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["decision"].as_str().unwrap())
        .collect();
    assert_eq!(
        decisions,
        [
            "pricing.exception",
            "pricing.list-price",
            "strategy.deviation"
        ]
    );
}

#[test]
fn walk_through_the_graph_names_the_path() {
    if !git_available() {
        return;
    }
    let dir = repo_with_base();
    edit(
        dir.path(),
        "initiatives/checkout-redesign.yaml",
        "advances: [grow-dtcc]",
        "advances: [grow-dtc]",
    );
    git(dir.path(), &["commit", "-q", "-am", "fix the objective"]);
    edit(
        dir.path(),
        "kpis/conversion.yaml",
        "value: 3.2",
        "value: 3.4",
    );
    let (code, stdout, stderr) = stratc(
        dir.path(),
        &["diff", "strategy", "--base", "main", "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let affected = v["affected"].as_array().unwrap();
    let ids: Vec<&str> = affected.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["checkout-redesign", "commerce-review"], "{stdout}");
    // checkout-redesign advances grow-dtc, which is measured by conversion.
    let via = &affected[0]["via"];
    assert_eq!(via[0]["from"], "checkout-redesign");
    assert_eq!(via[0]["edge"], "advances");
    assert_eq!(via[0]["to"], "grow-dtc");
    assert_eq!(via[1]["from"], "grow-dtc");
    assert_eq!(via[1]["edge"], "measured_by");
    assert_eq!(via[1]["to"], "conversion");
    assert_eq!(affected[0]["because"], "conversion");
    // A KPI is governed by the general deviation decision.
    assert_eq!(v["approvals"][0]["decision"], "strategy.deviation");
    assert_eq!(
        v["approvals"][0]["accountable"][0]["github"],
        "@acme/executive-board"
    );
}

#[test]
fn unchanged_strategy_reports_nothing_and_exits_0() {
    if !git_available() {
        return;
    }
    let dir = repo_with_base();
    // A comment and a reordered file change no meaning.
    edit(
        dir.path(),
        "markets/de.yaml",
        "kind: Market",
        "# Germany is the home market.\nkind: Market",
    );
    let (code, stdout, stderr) = stratc(dir.path(), &["diff", "strategy", "--base", "main"]);
    assert_eq!(code, 0, "{stderr}");
    snap!("unchanged.md", redact_commit(&stdout));
}

#[test]
fn warnings_and_existing_errors_do_not_fail_the_diff() {
    if !git_available() {
        return;
    }
    let dir = repo_with_base();
    // The base already has an error (the dangling objective); a title change adds none.
    edit(
        dir.path(),
        "objectives/grow-dtc.yaml",
        "title: Grow the web shop",
        "title: Grow the web shop profitably",
    );
    let (code, stdout, stderr) = stratc(dir.path(), &["diff", "strategy", "--base", "main"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("| `/title` | Grow the web shop | Grow the web shop profitably |"),
        "{stdout}"
    );
    assert!(!stdout.contains("### Findings introduced"), "{stdout}");
}

#[test]
fn a_strategy_new_in_the_branch_is_all_added() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    write(dir.path(), "README.md", "empty\n");
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "empty"]);
    for (path, text) in BASE {
        write(dir.path(), &format!("strategy/{path}"), text);
    }
    let (_, stdout, stderr) = stratc(
        dir.path(),
        &["diff", "strategy", "--base", "main", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
    // Three roles and nine other documents.
    assert_eq!(v["summary"]["added"], 12, "{stdout}");
    assert_eq!(v["summary"]["removed"], 0);
}

#[test]
fn strategy_at_the_repository_top_and_a_commit_id_as_base() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    for (path, text) in BASE {
        write(dir.path(), path, text);
    }
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    let head = Command::new("git")
        .arg("-C")
        .arg(dir.path())
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap().trim().to_owned();
    std::fs::remove_file(dir.path().join("playbooks/price-war.yaml")).unwrap();
    let (code, stdout, stderr) = stratc(dir.path(), &["diff", "--base", &head, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["base_commit"], head.as_str());
    assert_eq!(v["removed"][0]["file"], "playbooks/price-war.yaml");
}

#[test]
fn unknown_revision_is_an_error_that_says_how_to_fetch() {
    if !git_available() {
        return;
    }
    let dir = repo_with_base();
    let (code, stdout, stderr) = stratc(dir.path(), &["diff", "strategy", "--base", "origin/main"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("`origin/main` is not a commit"), "{stderr}");
    assert!(stderr.contains("fetch-depth: 0"), "{stderr}");
    let (code, _, stderr) = stratc(dir.path(), &["diff", "strategy", "--base=-x"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn outside_a_git_repository_is_an_error() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in BASE {
        write(dir.path(), path, text);
    }
    let (code, _, stderr) = stratc(dir.path(), &["diff", ".", "--base", "main"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a git repository"), "{stderr}");
}

#[test]
fn help_documents_the_exit_codes() {
    let (code, stdout, _) = stratc(Path::new("."), &["diff", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Exit codes: 0 when the change introduces no finding at error level"));
}
