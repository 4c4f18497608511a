//! `stratc codeowners`: review routing from the RACI, inside and outside a
//! git repository, printed and written with `--out`.

mod common;

use std::path::Path;
use std::process::Command;

const STRATEGY: &[(&str, &str)] = &[
    ("stratc.yaml", "as_of: 2027-07-01\n"),
    (
        "roles.yaml",
        "kind: Role
id: ceo
title: Chief Executive Officer
github: \"@acme/executive-board\"
---
kind: Role
id: cco
title: Chief Commercial Officer
reports_to: ceo
github: acme-cco
---
kind: Role
id: head-of-pricing
title: Head of Pricing
reports_to: cco
",
    ),
    (
        "decisions/commercial.yaml",
        "kind: DecisionRights
id: commercial-rights
decisions:
  - id: pricing.exception
    accountable: cco
    responsible: [head-of-pricing]
  - id: pricing.list-price
    accountable: head-of-pricing
    responsible: [head-of-pricing]
",
    ),
    (
        "decisions/corporate.yaml",
        "kind: DecisionRights
id: corporate-rights
decisions:
  - id: market.entry
    accountable: ceo
    responsible: [cco]
",
    ),
    (
        "policies/pricing policy.yaml",
        "kind: PricingPolicy
id: pricing
markets: []
categories: []
approvals:
  decision: pricing.exception
  tiers:
    - {max_discount_pct: 30, approver: cco}
",
    ),
    (
        "gates.yaml",
        "kind: StageGate
id: entry-gates
applies_to: [market_entry]
decision: market.entry
gates:
  - {id: business-case, approver: ceo}
---
kind: Exception
id: clearance-exception
subject: pricing
rule: discount-above-policy
decision: pricing.exception
approved_by: cco
approved_on: 2027-05-01
expires: 2027-12-31
rationale: Clearance of discontinued stock.
",
    ),
    ("goals.yaml", "kind: Goal\nid: growth\nhorizon: 2029\n"),
];

fn write_strategy(dir: &Path) {
    for (path, text) in STRATEGY {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn stratc(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    common::stratc_in(cwd, args)
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "snapshots/cli_codeowners", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn paths_are_relative_to_the_git_top_level() {
    if Command::new("git").arg("--version").output().is_err() {
        println!("note: git is not installed; skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let init = Command::new("git")
        .arg("-C")
        .arg(dir.path())
        .args(["init", "-q"])
        .output()
        .unwrap();
    assert!(init.status.success());
    let root = dir.path().join("strategy");
    std::fs::create_dir(&root).unwrap();
    write_strategy(&root);
    let (code, stdout, stderr) = stratc(dir.path(), &["codeowners", "strategy"]);
    assert_eq!(code, 0, "{stderr}");
    // The Accountable of the policy's approval decision owns it (`@` added).
    assert!(
        stdout.contains("/strategy/policies/pricing\\ policy.yaml @acme-cco\n"),
        "{stdout}"
    );
    // Several decisions in one file: every owner, sorted, once.
    assert!(
        stdout.contains("/strategy/gates.yaml @acme-cco @acme/executive-board\n"),
        "{stdout}"
    );
    // A role without a github handle is a warning, and its file has no owner line.
    assert!(
        stdout.contains("# warning: role `head-of-pricing` (Head of Pricing), Accountable for `pricing.list-price`, has no `github` handle"),
        "{stdout}"
    );
    // Without an owner role and without `codeowners.default`, a file is
    // listed as unowned, with a warning saying how to fix it.
    assert!(
        stdout.contains("# /strategy/goals.yaml has no owner (see the warnings above)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "# warning: some files have no owner: set `codeowners.default` in stratc.yaml"
        ),
        "{stdout}"
    );
    let (_, again, _) = stratc(dir.path(), &["codeowners", "strategy"]);
    assert_eq!(stdout, again, "deterministic");
    snap!("in_git", stdout);
}

#[test]
fn outside_git_paths_are_relative_to_the_root() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (code, stdout, stderr) = stratc(dir.path(), &["codeowners", "."]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("\n/gates.yaml @acme-cco @acme/executive-board\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n/decisions/corporate.yaml @acme/executive-board\n"),
        "{stdout}"
    );
    // Only the cco of the two Accountables has a handle.
    assert!(
        stdout.contains("\n/decisions/commercial.yaml @acme-cco\n"),
        "{stdout}"
    );
}

#[test]
fn out_writes_the_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (_, printed, _) = stratc(dir.path(), &["codeowners", "."]);
    let (code, stdout, stderr) = stratc(
        dir.path(),
        &["codeowners", ".", "--out", ".github/CODEOWNERS"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("stratc: wrote .github/CODEOWNERS"),
        "{stdout}"
    );
    assert!(stdout.contains("1 warning"), "{stdout}");
    let written = std::fs::read_to_string(dir.path().join(".github/CODEOWNERS")).unwrap();
    assert_eq!(written, printed);
}

#[test]
fn undeclared_decisions_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    std::fs::remove_file(dir.path().join("decisions/corporate.yaml")).unwrap();
    let (code, stdout, stderr) = stratc(dir.path(), &["codeowners", "."]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("# warning: gates.yaml: decision `market.entry` is not declared in any DecisionRights document"),
        "{stdout}"
    );
}

/// The test strategy with a default owner and an owned goal.
fn write_routed_strategy(dir: &Path) {
    write_strategy(dir);
    std::fs::write(
        dir.join("stratc.yaml"),
        "as_of: 2027-07-01\ncodeowners:\n  default: [\"@acme/strategy-office\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("goals.yaml"),
        "kind: Goal\nid: growth\nowner: cco\nhorizon: 2029\n",
    )
    .unwrap();
}

#[test]
fn owner_roles_own_their_files_and_the_default_owns_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write_routed_strategy(dir.path());
    let (code, stdout, stderr) = stratc(dir.path(), &["codeowners", "."]);
    assert_eq!(code, 0, "{stderr}");
    // The catch-all comes first: in CODEOWNERS the last matching line wins.
    let catch_all = stdout
        .find("\n* @acme/strategy-office\n")
        .expect("catch-all line");
    assert!(
        catch_all < stdout.find("\n/goals.yaml").unwrap(),
        "{stdout}"
    );
    // A document's owner role owns its file through its github handle.
    assert!(
        stdout.contains("# owner cco\n/goals.yaml @acme-cco\n"),
        "{stdout}"
    );
    // Files nobody else owns go to codeowners.default, stratc.yaml included.
    assert!(
        stdout.contains("# codeowners.default\n/roles.yaml @acme/strategy-office\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("# codeowners.default\n/stratc.yaml @acme/strategy-office\n"),
        "{stdout}"
    );
    // A multi-document file gets every owner involved.
    assert!(
        stdout.contains("# decisions market.entry, pricing.exception\n/gates.yaml @acme-cco @acme/executive-board\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("has no owner"), "{stdout}");
    snap!("routed", stdout);
}

#[test]
fn every_acme_file_gets_an_owner() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, stderr) = common::stratc_at_root(&["codeowners", "examples/acme"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("has no owner"), "{stdout}");
    let mut checked = 0;
    let mut stack = vec![root.join("examples/acme")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "yaml" | "yml" | "csv") {
                continue;
            }
            // Inside the stratc repository, paths start at its top.
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let line = stdout
                .lines()
                .find(|l| l.split(' ').next() == Some(&format!("/{rel}")))
                .unwrap_or_else(|| panic!("no owner line for {rel}\n{stdout}"));
            assert!(line.contains(" @"), "{line}");
            checked += 1;
        }
    }
    assert!(checked >= 70, "only {checked} strategy files found");
}

#[test]
fn check_fails_with_the_lines_to_change_when_the_file_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    write_routed_strategy(dir.path());
    let out = ".github/CODEOWNERS";
    // Missing: stale too.
    let (code, stdout, _) = stratc(dir.path(), &["codeowners", ".", "--out", out, "--check"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(".github/CODEOWNERS does not exist"),
        "{stdout}"
    );
    let (code, _, stderr) = stratc(dir.path(), &["codeowners", ".", "--out", out]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = stratc(dir.path(), &["codeowners", ".", "--out", out, "--check"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, "stratc: .github/CODEOWNERS is up to date\n");
    // The CCO's team changes: the committed file is stale.
    let roles = dir.path().join("roles.yaml");
    let text = std::fs::read_to_string(&roles).unwrap();
    std::fs::write(
        &roles,
        text.replace("github: acme-cco", "github: acme/commercial"),
    )
    .unwrap();
    let before = std::fs::read_to_string(dir.path().join(out)).unwrap();
    let (code, stdout, _) = stratc(dir.path(), &["codeowners", ".", "--out", out, "--check"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("-  "), "{stdout}");
    assert!(stdout.contains("/goals.yaml @acme/commercial"), "{stdout}");
    // --check never writes.
    assert_eq!(
        std::fs::read_to_string(dir.path().join(out)).unwrap(),
        before
    );
    snap!("check_stale", stdout);
    // --check needs the file to compare with.
    let (code, _, stderr) = stratc(dir.path(), &["codeowners", ".", "--check"]);
    assert_eq!(code, 2, "{stderr}");
}
