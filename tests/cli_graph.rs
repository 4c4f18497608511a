//! `stratc graph`: DOT (accepted by the real Graphviz), Mermaid and JSON
//! exports of a small strategy, `--focus`/`--depth`, and usage errors.

mod common;

use std::path::Path;
use std::process::Command;

/// A small strategy whose titles need escaping and whose ids are awkward
/// for Mermaid (`end` is a keyword there).
const STRATEGY: &[(&str, &str)] = &[
    ("stratc.yaml", "as_of: 2027-07-01\n"),
    (
        "goals.yaml",
        "kind: Goal\nid: profitable-growth\ntitle: 'Grow \"profitably\" \\ sustainably'\nhorizon: 2029\n",
    ),
    (
        "objectives.yaml",
        "kind: Objective\nid: end\ntitle: The <end> of churn\nsupports: [profitable-growth]\nkpis: [repeat-rate]\n",
    ),
    (
        "kpis.yaml",
        "kind: Kpi\nid: repeat-rate\ntitle: 'Repeat purchase rate (#1 loyalty signal)'\nunit: percent\ndirection: higher_is_better\ntargets:\n  - {period: 2027, value: 30}\n",
    ),
    (
        "initiatives.yaml",
        "kind: Initiative\nid: loyalty-app\ntitle: Loyalty app\nadvances: [end]\ntype: product\nstatus: proposed\nowner: cmo\n",
    ),
    (
        "roles.yaml",
        "kind: Role\nid: cmo\ntitle: Chief Marketing Officer\n",
    ),
    (
        "decisions.yaml",
        "kind: DecisionRights\nid: rights\ndecisions:\n  - id: marketing.spend\n    title: Approve marketing spend\n    accountable: cmo\n    responsible: [cmo]\n",
    ),
];

fn write_strategy(dir: &Path) {
    for (path, text) in STRATEGY {
        std::fs::write(dir.join(path), text).expect("write fixture");
    }
}

/// Runs stratc; returns (exit code, stdout, stderr).
fn stratc(args: &[&str]) -> (i32, String, String) {
    common::stratc_at_root(args)
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "snapshots/cli_graph", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

fn graph(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let root = dir.to_str().expect("utf-8 path");
    let mut args = vec!["graph", root];
    args.extend_from_slice(extra);
    stratc(&args)
}

#[test]
fn dot_export_escapes_labels_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (code, dot, stderr) = graph(dir.path(), &["--format", "dot"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        dot.contains(r#"Grow \"profitably\" \\ sustainably"#),
        "{dot}"
    );
    let (_, again, _) = graph(dir.path(), &["--format", "dot"]);
    assert_eq!(dot, again, "same input, same output");
    snap!("dot", dot);
}

#[test]
fn graphviz_accepts_the_dot_export() {
    if Command::new("dot").arg("-V").output().is_err() {
        // CI installs Graphviz (.ci/run): there, a missing `dot` is a failure.
        assert!(
            std::env::var("CI").is_err(),
            "Graphviz `dot` is not installed but CI is set"
        );
        println!("note: Graphviz `dot` is not installed; skipping (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (_, dot, _) = graph(dir.path(), &["--format", "dot"]);
    let dot_file = dir.path().join("graph.dot");
    std::fs::write(&dot_file, &dot).unwrap();
    let out = Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_file)
        .output()
        .expect("dot runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dot rejected the export: {stderr}\n{dot}"
    );
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}");
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(svg.contains("<svg"), "{svg}");
    assert!(
        svg.contains("loyalty&#45;app"),
        "node ids reach the picture: {svg}"
    );

    // The whole showcase repository renders too.
    let acme = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let (code, dot, stderr) = stratc(&["graph", acme.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::write(&dot_file, &dot).unwrap();
    let out = Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dot rejected the acme export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn mermaid_export_sanitises_ids_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (code, mermaid, stderr) = graph(dir.path(), &["--format", "mermaid"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(mermaid.starts_with("flowchart LR\n"));
    // `end` would close the flowchart; ids are prefixed and dots replaced.
    assert!(mermaid.contains("  n_end[\""), "{mermaid}");
    assert!(mermaid.contains("n_decision_marketing_spend"), "{mermaid}");
    assert!(mermaid.contains("#lt;end#gt;"), "{mermaid}");
    assert!(!mermaid.contains("<end>"), "{mermaid}");
    snap!("mermaid", mermaid);
}

#[test]
fn json_export_lists_nodes_and_typed_edges() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (code, json, stderr) = graph(dir.path(), &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let nodes = v["nodes"].as_array().unwrap();
    // 6 documents and one decision.
    assert_eq!(nodes.len(), 7, "{json}");
    let edges = v["edges"].as_array().unwrap();
    let has = |from: &str, edge: &str, to: &str| {
        edges
            .iter()
            .any(|e| e["from"] == from && e["edge"] == edge && e["to"] == to)
    };
    assert!(has("loyalty-app", "advances", "end"), "{json}");
    assert!(has("end", "supports", "profitable-growth"), "{json}");
    assert!(has("end", "measured_by", "repeat-rate"), "{json}");
    assert!(
        has("rights", "declares", "decision:marketing.spend"),
        "{json}"
    );
    assert!(
        has("decision:marketing.spend", "accountable", "cmo"),
        "{json}"
    );
    let initiative = nodes.iter().find(|n| n["id"] == "loyalty-app").unwrap();
    assert_eq!(initiative["kind"], "Initiative");
    assert_eq!(initiative["file"], "initiatives.yaml");
    assert_eq!(initiative["line"], 1);
}

#[test]
fn focus_keeps_only_nodes_within_depth_in_either_direction() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let (code, json, stderr) = graph(dir.path(), &args);
        assert_eq!(code, 0, "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut ids: Vec<String> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["key"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    // One hop from the objective: the goal it supports, its KPI, the
    // initiative advancing it (incoming).
    assert_eq!(
        ids(&["--focus", "end", "--depth", "1"]),
        ["end", "loyalty-app", "profitable-growth", "repeat-rate"]
    );
    // Two hops also reach the initiative's owner.
    assert_eq!(
        ids(&["--focus", "end", "--depth", "2"]),
        [
            "cmo",
            "end",
            "loyalty-app",
            "profitable-growth",
            "repeat-rate"
        ]
    );
    // A decision can be the focus, by its id.
    assert_eq!(
        ids(&["--focus", "marketing.spend", "--depth", "1"]),
        ["cmo", "decision:marketing.spend", "rights"]
    );
    // Depth 0: the node alone, and no edges.
    let (_, dot, _) = graph(dir.path(), &["--focus", "cmo", "--depth", "0"]);
    assert!(!dot.contains("->"), "{dot}");
    assert!(dot.contains("\"cmo\""), "{dot}");
}

#[test]
fn unknown_focus_is_a_usage_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (code, stdout, stderr) = graph(dir.path(), &["--focus", "loyalty-ap"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("`loyalty-ap` is not the id"), "{stderr}");
    assert!(stderr.contains("did you mean `loyalty-app`?"), "{stderr}");
}

#[test]
fn depth_needs_a_focus() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    let (code, _, stderr) = graph(dir.path(), &["--depth", "2"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--focus"), "{stderr}");
}

/// A KPI's formula links it to the KPIs it is computed from (the edges the
/// docs site's "Computed from" lists and `formula-cycle` read); a name in
/// the formula that is not a KPI makes no edge.
#[test]
fn formula_references_are_edges() {
    let dir = tempfile::tempdir().unwrap();
    write_strategy(dir.path());
    std::fs::write(
        dir.path().join("computed.yaml"),
        "kind: Kpi\nid: repeat-index\nunit: ratio\ndirection: higher_is_better\nformula: repeat-rate / 100 + repeat-rate + cmo\n",
    )
    .unwrap();
    let (code, dot, stderr) = graph(dir.path(), &["--format", "dot"]);
    assert!(code == 0 || code == 1, "{stderr}");
    let formula_edges: Vec<&str> = dot.lines().filter(|l| l.contains("formula")).collect();
    assert_eq!(
        formula_edges,
        ["  \"repeat-index\" -> \"repeat-rate\" [label=\"formula\"];"],
        "{dot}"
    );
}
