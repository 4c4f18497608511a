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
        stdout.contains("- targets `2027`: value 3.2 → 3.5\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "- approvals › tiers `head-of-pricing`: max discount 15% → 10% (tightened)\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("- `pricing.list-price`: Accountable head-of-pricing → cco\n"),
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
    assert_eq!(v["version"], 2);
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
    assert_eq!(kpi["fields"][0]["field"], "targets `2027`: value");
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
        stdout.contains("- title Grow the web shop → Grow the web shop profitably\n"),
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

/// The report as JSON (the exit code is checked by the caller's snapshot).
fn json_report(dir: &Path) -> serde_json::Value {
    let (_, stdout, stderr) = stratc(
        dir,
        &["diff", "strategy", "--base", "main", "--format", "json"],
    );
    serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stdout}{stderr}"))
}

fn markdown_report(dir: &Path) -> String {
    let (_, stdout, _) = stratc(dir, &["diff", "strategy", "--base", "main"]);
    redact_commit(&stdout)
}

fn labels(v: &serde_json::Value) -> Vec<&str> {
    v["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect()
}

/// The base with the initiative's dangling objective fixed, committed, so
/// only the change under test is reported.
fn clean_repo() -> tempfile::TempDir {
    let dir = repo_with_base();
    edit(
        dir.path(),
        "initiatives/checkout-redesign.yaml",
        "advances: [grow-dtcc]",
        "advances: [grow-dtc]",
    );
    git(dir.path(), &["commit", "-q", "-am", "fix the objective"]);
    dir
}

#[test]
fn a_loosened_discount_and_a_tightened_floor_read_in_business_words() {
    if !git_available() {
        return;
    }
    let dir = clean_repo();
    edit(
        dir.path(),
        "policies/pricing.yaml",
        "floor_margin_pct: 35, max_discount_pct: 30}",
        "floor_margin_pct: 38, max_discount_pct: 40}",
    );
    let md = markdown_report(dir.path());
    assert!(
        md.contains("- `apparel`: max discount 30% → 40% (loosened)\n"),
        "{md}"
    );
    assert!(
        md.contains("- `apparel`: floor margin 35% → 38% (tightened)\n"),
        "{md}"
    );
    assert!(
        md.contains("needs attention: 1 pricing limit loosened."),
        "{md}"
    );
    assert!(md.contains("**Labels:** `pricing-loosened`"), "{md}");
    // The tightened floor needs no attention; the loosened discount does.
    assert!(
        md.contains("- PricingPolicy `pricing`: `apparel`: max discount 30% → 40% (loosened) `pricing-loosened`"),
        "{md}"
    );
    assert!(!md.contains("`/categories"), "no JSON pointers: {md}");
    let v = json_report(dir.path());
    assert_eq!(labels(&v), ["pricing-loosened"]);
    let fields = &v["changed"][0]["fields"];
    assert_eq!(fields[0]["direction"], "tightened");
    assert_eq!(fields[0]["before_text"], "35%");
    assert_eq!(fields[1]["direction"], "loosened");
    assert_eq!(fields[1]["after_text"], "40%");
    snap!("loosened_and_tightened.md", md);
}

#[test]
fn a_removed_objective_that_orphans_an_initiative_needs_attention() {
    if !git_available() {
        return;
    }
    let dir = clean_repo();
    std::fs::remove_file(dir.path().join("strategy/objectives/grow-dtc.yaml")).unwrap();
    let md = markdown_report(dir.path());
    assert!(md.contains("### Needs attention"), "{md}");
    assert!(
        md.contains("- Objective `grow-dtc` (Grow the web shop) removed `goal-removed`"),
        "{md}"
    );
    assert!(
        md.contains("- Initiative `checkout-redesign` is orphaned: it no longer advances any objective (it advanced `grow-dtc`) `alignment-broken`"),
        "{md}"
    );
    assert!(md.contains("**Verdict:** ❌ Not ready"), "{md}");
    let v = json_report(dir.path());
    assert_eq!(labels(&v), ["alignment-broken", "goal-removed"]);
    snap!("objective_removed.md", md);
}

#[test]
fn a_changed_accountable_is_named_and_both_owners_approve() {
    if !git_available() {
        return;
    }
    let dir = clean_repo();
    edit(
        dir.path(),
        "decisions/rights.yaml",
        "    accountable: cco",
        "    accountable: ceo",
    );
    let md = markdown_report(dir.path());
    assert!(
        md.contains("- `pricing.exception`: Accountable cco → ceo `raci-changed`"),
        "{md}"
    );
    let v = json_report(dir.path());
    assert_eq!(labels(&v), ["raci-changed"]);
    let approval = &v["approvals"][0];
    assert_eq!(approval["decision"], "pricing.exception");
    let roles: Vec<&str> = approval["accountable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["ceo", "cco"]);
    snap!("accountable_changed.md", md);
}

#[test]
fn an_added_exception_needs_attention() {
    if !git_available() {
        return;
    }
    let dir = clean_repo();
    write(
        dir.path(),
        "strategy/exceptions/summer-discount.yaml",
        "kind: Exception
id: summer-discount
subject: checkout-redesign
rule: discount-above-policy
decision: pricing.exception
approved_by: cco
approved_on: 2027-05-01
expires: 2027-09-30
rationale: Launch offer.
",
    );
    let md = markdown_report(dir.path());
    assert!(
        md.contains("- Exception `summer-discount` added: waives `discount-above-policy` for `checkout-redesign` until 2027-09-30 (approved by `cco` under `pricing.exception`) `exception-added`"),
        "{md}"
    );
    let v = json_report(dir.path());
    assert!(labels(&v).contains(&"exception-added"), "{v}");
    snap!("exception_added.md", md);
    // Extending it later is a loosening of the same kind.
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "exception"]);
    edit(
        dir.path(),
        "exceptions/summer-discount.yaml",
        "expires: 2027-09-30",
        "expires: 2027-12-31",
    );
    let md = markdown_report(dir.path());
    assert!(
        md.contains("- Exception `summer-discount` extended: expires 2027-09-30 → 2027-12-31 (loosened) `exception-added`"),
        "{md}"
    );
}

#[test]
fn renamed_files_and_ids_are_shown_as_renames() {
    if !git_available() {
        return;
    }
    let dir = clean_repo();
    git(
        dir.path(),
        &[
            "mv",
            "strategy/markets/de.yaml",
            "strategy/markets/germany.yaml",
        ],
    );
    std::fs::remove_file(dir.path().join("strategy/playbooks/price-war.yaml")).unwrap();
    write(
        dir.path(),
        "strategy/playbooks/price-war-response.yaml",
        "kind: Playbook
id: price-war-response
title: Price war response
steps:
  - {title: Freeze promotions, owner: cco, within_days: 2}
",
    );
    let md = markdown_report(dir.path());
    assert!(md.contains("### Documents renamed"), "{md}");
    assert!(
        md.contains("| Market | `de` | (same id) | `markets/de.yaml` → `markets/germany.yaml` |"),
        "{md}"
    );
    assert!(
        md.contains("| Playbook | `price-war-response` | `price-war` | `playbooks/price-war.yaml` → `playbooks/price-war-response.yaml` |"),
        "{md}"
    );
    assert!(!md.contains("### Documents removed"), "{md}");
    assert!(!md.contains("### Documents added"), "{md}");
    let v = json_report(dir.path());
    assert_eq!(v["summary"]["renamed"], 2);
    snap!("renamed.md", md);
}

#[test]
fn a_nested_list_change_names_items_not_indexes() {
    if !git_available() {
        return;
    }
    let dir = clean_repo();
    edit(
        dir.path(),
        "policies/pricing.yaml",
        "    - {max_discount_pct: 30, approver: cco}\n",
        "    - {max_discount_pct: 35, approver: cco}\n    - {max_discount_pct: 50, approver: ceo}\n",
    );
    edit(
        dir.path(),
        "policies/pricing.yaml",
        "categories:\n",
        "categories:\n  - {id: outlet, list_margin_pct: 40, floor_margin_pct: 20, max_discount_pct: 50}\n",
    );
    let md = markdown_report(dir.path());
    assert!(
        md.contains("- `outlet` added (list margin 40%, floor margin 20%, max discount 50%)\n"),
        "{md}"
    );
    assert!(
        md.contains("- approvals › tiers `cco`: max discount 30% → 35% (loosened)\n"),
        "{md}"
    );
    assert!(
        md.contains("- approvals › tiers `ceo` added (max discount 50%, approver ceo)\n"),
        "{md}"
    );
    assert!(!md.contains("/tiers/"), "{md}");
    assert!(!md.contains('{'), "no JSON: {md}");
    snap!("nested_list.md", md);
}

#[test]
fn approvals_are_the_decisions_the_findings_escalate_to() {
    if !git_available() {
        return;
    }
    let dir = clean_repo();
    // A discount above the category's maximum escalates to the Accountable
    // of the pricing decision (the CCO), not to the owner of general
    // deviations (the CEO).
    edit(
        dir.path(),
        "initiatives/checkout-redesign.yaml",
        "status: approved",
        "status: approved\ncategories: [apparel]\ndiscount_pct: 45",
    );
    let v = json_report(dir.path());
    let introduced = v["introduced"].as_array().unwrap();
    let escalated: std::collections::BTreeSet<&str> = introduced
        .iter()
        .filter(|f| f["escalation"].as_array().is_some_and(|e| !e.is_empty()))
        .map(|f| f["decision"].as_str().unwrap())
        .collect();
    assert_eq!(
        escalated.iter().copied().collect::<Vec<_>>(),
        ["pricing.exception"],
        "{v}"
    );
    let decisions: Vec<&str> = v["approvals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["decision"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["pricing.exception"], "{v}");
    let approval = &v["approvals"][0];
    assert_eq!(approval["accountable"][0]["role"], "cco");
    assert_eq!(
        approval["accountable"][0]["role"], introduced[0]["escalation"][0],
        "the approver is the first role the finding escalates to"
    );
    assert_eq!(approval["findings"][0], "DV005 on checkout-redesign");
    let md = markdown_report(dir.path());
    assert!(!md.contains("strategy.deviation"), "{md}");
    snap!("approvals_follow_escalation.md", md);
}

/// The base is read from git into memory, not checked out: it must load as
/// a checkout would (ignored and hidden files left out, the same findings
/// at the same lines), whether a file is parsed again or copied from the
/// work tree's load because it did not change.
#[test]
fn the_base_loads_from_memory_as_a_checkout_would() {
    if !git_available() {
        return;
    }
    let dir = repo_with_base();
    let broken = "kind: Market\nid: [broken\n";
    write(dir.path(), "strategy/.gitignore", "drafts/\n");
    write(dir.path(), "strategy/drafts/idea.yaml", broken);
    write(dir.path(), "strategy/.hidden/idea.yaml", broken);
    // Unchanged in the work tree: its finding is neither introduced nor resolved.
    write(
        dir.path(),
        "strategy/markets/fr.yaml",
        "kind: Market\nid: fr\ntitle: France\ncurrency: EUR\npriority: profitabilty\n",
    );
    // Fixed in the work tree: its finding is resolved, at its line in the base.
    write(
        dir.path(),
        "strategy/markets/es.yaml",
        "kind: Market\nid: es\ntitle: Spain\n\ncurrency: euro\npriority: growth\n",
    );
    git(dir.path(), &["add", "-A", "-f"]);
    git(dir.path(), &["commit", "-q", "-m", "drafts"]);
    edit(
        dir.path(),
        "markets/es.yaml",
        "currency: euro",
        "currency: EUR",
    );
    let v = json_report(dir.path());
    assert_eq!(v["summary"]["introduced"], 0, "{v:#}");
    assert_eq!(v["summary"]["resolved"], 1, "{v:#}");
    let resolved = &v["resolved"][0];
    assert!(
        resolved.to_string().contains("markets/es.yaml") && resolved.to_string().contains("euro"),
        "{resolved:#}"
    );
    assert_eq!(resolved["line"], 5, "{resolved:#}");
}
