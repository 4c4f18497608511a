//! The command line as a user runs it: exit codes, every output format,
//! `explain`, `schema` and `init`, on small strategy repositories.

mod common;

use std::path::{Path, PathBuf};

fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Runs stratc from the repository root; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    common::stratc_at_root(args)
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "snapshots/cli", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

const BROKEN: &str = "tests/fixtures/cli/broken";

#[test]
fn acme_example_checks_without_errors() {
    let (code, stdout, stderr) = run(&["check", "examples/acme"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stdout.contains("error["), "{stdout}");
}

#[test]
fn one_run_reports_every_kind_of_broken_input() {
    let (code, stdout, _) = run(&["check", BROKEN]);
    assert_eq!(code, 1);
    for rule in [
        "yaml-syntax",
        "duplicate-key",
        "yaml-budget-exceeded",
        "schema-violation",
        "duplicate-id",
        "dangling-reference",
    ] {
        assert!(
            stdout.contains(&format!("({rule})")),
            "missing {rule} in:\n{stdout}"
        );
    }
    assert!(stdout.contains("unknown field `budgett`"));
    assert!(stdout.contains("`discount_pct` must be a number"));
    snap!("broken-human", stdout);
}

#[test]
fn every_format_renders_the_broken_repository() {
    for format in ["json", "github", "junit", "markdown", "sarif"] {
        let (code, stdout, stderr) = run(&["check", BROKEN, "--format", format]);
        assert_eq!(code, 1, "{format}: {stderr}");
        snap!(format!("broken-{format}"), stdout);
    }
}

#[test]
fn json_output_has_file_line_and_column() {
    let (_, stdout, _) = run(&["check", BROKEN, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let dangling = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "dangling-reference")
        .expect("dangling reference reported");
    assert_eq!(dangling["file"], "initiatives/dangling.yaml");
    assert_eq!(dangling["line"], 5);
    assert_eq!(dangling["column"], 12);
    assert_eq!(dangling["help"], "did you mean `grow-share`?");
}

#[test]
fn sarif_output_follows_the_official_schema() {
    let schema_path = repo_path("../shared/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&schema_path).expect("the SARIF 2.1.0 schema in shared/schemas"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let (_, stdout, _) = run(&["check", BROKEN, "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let (_, clean, _) = run(&["check", "examples/acme", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&clean).expect("valid JSON");
    assert!(validator.is_valid(&log));
}

#[test]
fn exit_code_two_for_usage_and_io_errors() {
    let (code, _, stderr) = run(&["check", "does/not/exist"]);
    assert_eq!(code, 2);
    snap!("missing-root", stderr);
    let (code, _, stderr) = run(&["check", BROKEN, "--as-of", "2027-13-01"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a date"), "{stderr}");
    let (code, _, _) = run(&["frobnicate"]);
    assert_eq!(code, 2);
    let (code, _, stderr) = run(&["explain", "initiative-without-gaol"]);
    assert_eq!(code, 2);
    snap!("explain-unknown", stderr);
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let dir = tempfile::tempdir().unwrap();
    // A valid repository whose only finding is a warning (an unused suppression).
    std::fs::write(
        dir.path().join("stratc.yaml"),
        "as_of: 2027-07-01\nsuppressions:\n  - rule: kpi-unused\n    ids: [home]\n    reason: test\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        "kind: Market\nid: home\ncurrency: EUR\n",
    )
    .unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, stdout, _) = run(&["check", root]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("suppression-unused"), "{stdout}");
    let (code, _, _) = run(&["check", root, "--deny", "warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn explain_documents_every_rule() {
    let (code, list, _) = run(&["explain", "--list"]);
    assert_eq!(code, 0);
    snap!("explain-list", list);
    for rule in stratc::rules::registry() {
        let (code, text, _) = run(&["explain", rule.code]);
        assert_eq!(code, 0);
        for section in [
            "## What it does",
            "## Why it matters",
            "## Example that fails",
            "## How to fix",
        ] {
            assert!(text.contains(section), "{} lacks {section}", rule.name);
        }
        let (_, by_name, _) = run(&["explain", rule.name]);
        assert_eq!(text, by_name);
    }
    let (_, text, _) = run(&["explain", "dangling-reference"]);
    snap!("explain-dangling-reference", text);
    // A load-time rule whose input no text file can show: examples in words.
    let (_, text, _) = run(&["explain", "not-utf8"]);
    snap!("explain-not-utf8", text);
}

#[test]
fn rule_codes_and_names_are_unique_and_well_formed() {
    let rules = stratc::rules::registry();
    let mut codes: Vec<&str> = rules.iter().map(|r| r.code).collect();
    let mut names: Vec<&str> = rules.iter().map(|r| r.name).collect();
    codes.sort_unstable();
    names.sort_unstable();
    let (n_codes, n_names) = (codes.len(), names.len());
    codes.dedup();
    names.dedup();
    assert_eq!(codes.len(), n_codes, "duplicate rule codes");
    assert_eq!(names.len(), n_names, "duplicate rule names");
    for r in rules {
        assert!(stratc::model::values::is_valid_id(r.name), "{}", r.name);
    }
}

#[test]
fn committed_schemas_are_up_to_date() {
    let dir = repo_path("schemas");
    if std::env::var_os("STRATC_UPDATE_SCHEMAS").is_some() {
        stratc::cli::schema::write_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for (name, text) in stratc::schema::all_schemas() {
        let committed = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        if committed != text {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/ is stale for {stale:?}: run `STRATC_UPDATE_SCHEMAS=1 cargo test --test cli committed_schemas` or `stratc schema --out schemas`"
    );
    // `stratc schema --out` writes the same bytes.
    let out = tempfile::tempdir().unwrap();
    let (code, _, _) = run(&["schema", "--out", out.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    for (name, text) in stratc::schema::all_schemas() {
        assert_eq!(
            std::fs::read_to_string(out.path().join(&name)).unwrap(),
            text,
            "{name}"
        );
    }
}

#[test]
fn acme_documents_validate_against_the_document_schema() {
    // Editors use schemas/document.schema.json; it must accept what stratc accepts.
    let schema: serde_json::Value =
        serde_json::from_str(&stratc::schema::all_schemas()["document.schema.json"]).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let analysis =
        stratc::analysis::analyse(&repo_path("examples/acme"), &Default::default()).unwrap();
    for doc in &analysis.model.docs {
        let json = doc.tree().to_json();
        assert!(
            validator.is_valid(&json),
            "{} rejected by document.schema.json",
            doc.id()
        );
    }
    let bad = serde_json::json!({"kind": "Goal", "id": "g", "horizn": 2027});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn init_writes_a_repository_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("strategy");
    let (code, stdout, _) = run(&["init", target.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("created a strategy repository"));
    let (code, stdout, _) = run(&["check", target.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("no problems found"), "{stdout}");
    let (code, _, stderr) = run(&["init", target.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not empty"), "{stderr}");

    // #17: evaluation follows today's date, and nothing points at a host
    // the project does not serve (the schemas are in the repository).
    let config = std::fs::read_to_string(target.join("stratc.yaml")).unwrap();
    assert!(!config.lines().any(|l| l.starts_with("as_of:")), "{config}");
    let mut files = Vec::new();
    collect(&target, &target, &mut files);
    for file in files.iter().filter(|f| !f.starts_with("schemas")) {
        let text = std::fs::read_to_string(target.join(file)).unwrap();
        assert!(!text.contains("stratc.dev"), "{}", file.display());
    }
    for name in stratc::schema::all_schemas().keys() {
        assert!(target.join("schemas").join(name).is_file(), "{name}");
    }
    // Every folder with strategy YAML is mapped onto the document schema.
    let settings: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(target.join(".vscode/settings.json")).unwrap(),
    )
    .unwrap();
    let globs = settings["yaml.schemas"]["./schemas/document.schema.json"].to_string();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
    {
        if file != Path::new("stratc.yaml") {
            let folder = file
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_str()
                .unwrap();
            assert!(globs.contains(&format!("{folder}/**/*.yaml")), "{folder}");
        }
    }
    // The starter shows every kind of document (SPEC section 2), each with
    // comments that say what it is for.
    let starter: Vec<String> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
        .map(|f| std::fs::read_to_string(target.join(f)).unwrap())
        .collect();
    for kind in stratc::model::Kind::ALL {
        let line = format!("kind: {}", kind.name());
        assert!(
            starter.iter().any(|t| t.lines().any(|l| l == line)),
            "the starter has no {}",
            kind.name()
        );
    }
    assert!(starter.iter().filter(|t| t.contains("# ")).count() >= 12);
}

#[test]
fn output_does_not_depend_on_file_order_on_disk() {
    // Copy the broken repository twice, writing files in opposite orders.
    let src = repo_path(BROKEN);
    let mut files = Vec::new();
    collect(&src, &src, &mut files);
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for (dir, order) in [(a.path(), false), (b.path(), true)] {
        let mut list = files.clone();
        if order {
            list.reverse();
        }
        for rel in list {
            let to = dir.join(&rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(src.join(&rel), to).unwrap();
        }
    }
    let (_, out_a, _) = run(&["check", a.path().to_str().unwrap(), "--format", "json"]);
    let (_, out_b, _) = run(&["check", b.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out_a, out_b);
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            out.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
    out.sort();
}

#[test]
fn an_impossible_as_of_date_is_shown_in_stratc_yaml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("stratc.yaml"),
        "# evaluation date\nas_of: 2027-02-30\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("goal.yaml"),
        "kind: Goal\nid: grow\nhorizon: 2029\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let shown: String = stdout
        .lines()
        .skip_while(|l| !l.contains("as_of"))
        .take(8)
        .collect::<Vec<_>>()
        .join("\n");
    snap!("as-of-invalid", shown);
}

/// #17: `explain KIND` documents a kind from its schema, with the starter's
/// document of that kind as the example (the init test checks it clean).
#[test]
fn explain_documents_a_kind() {
    let (code, stdout, stderr) = run(&["explain", "PricingPolicy"]);
    assert_eq!(code, 0, "{stderr}");
    snap!("explain-kind-pricing-policy", stdout);
    let (code, stdout, _) = run(&["explain", "Initiative"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("- `start` (a date (YYYY-MM-DD), optional): Start date."),
        "{stdout}"
    );
    assert!(stdout.contains("  - `balanced`: "), "{stdout}");
    let (code, stdout, _) = run(&["explain", "--kinds"]);
    assert_eq!(code, 0);
    snap!("explain-kinds", stdout);
}
