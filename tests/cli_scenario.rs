//! `stratc scenario`: each scenario of `examples/acme` is recomputed here
//! from the actuals CSV, the KPI files and the scenario file with this
//! file's own arithmetic (latest actual × (1 + change), formulas evaluated
//! left to right, targets of the period or its year, deviations relative to
//! the target, triggers over the actuals plus the projection), and compared
//! with the JSON report; the three formats are snapshotted; usage errors
//! exit 2.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

const SCENARIOS: &[&str] = &[
    "consumer-demand-shock",
    "freight-cost-spike",
    "privacy-ruling-de",
];

fn acme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme")
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str::<Value>(&text).unwrap()
}

/// Every document of one folder of acme, by id (a file may hold several).
fn docs(folder: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(acme().join(folder)).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for v in serde_saphyr::from_str_multiple::<Value, Vec<Value>>(&text).unwrap() {
            out.insert(v["id"].as_str().unwrap().to_owned(), v);
        }
    }
    out
}

/// `kpi -> [(period, actual)]` from every CSV file, in file order.
fn actuals() -> BTreeMap<String, Vec<(String, f64)>> {
    let mut out: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(acme().join("actuals"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        for line in std::fs::read_to_string(f).unwrap().lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            out.entry(cells[0].to_owned())
                .or_default()
                .push((cells[1].to_owned(), cells[2].parse().unwrap()));
        }
    }
    out
}

/// `2027-Q4` -> `2028-Q1` (acme's scenarios are quarterly).
fn next_quarter(p: &str) -> String {
    let (y, q) = p.split_once("-Q").unwrap();
    let (y, q): (i32, i32) = (y.parse().unwrap(), q.parse().unwrap());
    if q == 4 {
        format!("{}-Q1", y + 1)
    } else {
        format!("{y}-Q{}", q + 1)
    }
}

/// The target for a quarter: the quarter's own, else its year's.
fn target(kpi: &Value, period: &str) -> Option<f64> {
    let targets = kpi["targets"].as_array()?;
    let find = |p: &str| {
        targets
            .iter()
            .find(|t| period_text(&t["period"]) == p)
            .and_then(|t| t["value"].as_f64())
    };
    find(period).or_else(|| find(&period[..4]))
}

fn period_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A formula of ids, numbers, `*` and `/`, evaluated left to right.
fn evaluate(formula: &str, value: &dyn Fn(&str) -> f64) -> f64 {
    let tokens: Vec<&str> = formula.split_whitespace().collect();
    let operand = |t: &str| t.parse::<f64>().unwrap_or_else(|_| value(t));
    let mut acc = operand(tokens[0]);
    for pair in tokens[1..].chunks(2) {
        let rhs = operand(pair[1]);
        match pair[0] {
            "*" => acc *= rhs,
            "/" => acc /= rhs,
            op => panic!("the test evaluates only * and /, not {op}"),
        }
    }
    acc
}

/// Adverse deviation in percent of the target (0 when on or better).
fn deviation(value: f64, target: f64, lower_is_better: bool) -> f64 {
    let worse = if lower_is_better {
        value > target
    } else {
        value < target
    };
    if worse {
        (value - target).abs() / target.abs() * 100.0
    } else {
        0.0
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// kpi -> period -> the shocks on it, as (change_pct, value).
type Shocks = BTreeMap<String, BTreeMap<String, Vec<(Option<f64>, Option<f64>)>>>;

/// What this file expects of one scenario.
struct Expected {
    /// kpi -> period -> scenario value.
    values: BTreeMap<String, BTreeMap<String, f64>>,
    /// (kpi, period, target, deviation) of every target missed.
    missed: Vec<(String, String, f64, f64)>,
    /// (trigger, first period it fires, playbook, escalate_to).
    fired: Vec<(String, String, String, String)>,
}

fn expected(id: &str) -> Expected {
    let scenario = yaml(&acme().join(format!("scenarios/{id}.yaml")));
    let kpis = docs("kpis");
    let actuals = actuals();
    let latest = |kpi: &str| actuals[kpi].last().unwrap().1;
    // Shocks: kpi -> period -> list of (change_pct | value).
    let mut shocks: Shocks = BTreeMap::new();
    let mut periods: Vec<String> = Vec::new();
    for s in scenario["shocks"].as_array().unwrap() {
        let mut p = period_text(&s["from"]);
        for _ in 0..s["periods"].as_u64().unwrap_or(1) {
            shocks
                .entry(s["kpi"].as_str().unwrap().to_owned())
                .or_default()
                .entry(p.clone())
                .or_default()
                .push((s["change_pct"].as_f64(), s["value"].as_f64()));
            if !periods.contains(&p) {
                periods.push(p.clone());
            }
            p = next_quarter(&p);
        }
    }
    periods.sort();
    // Scenario value of a KPI in a period, and whether it is affected.
    fn value(
        kpi: &str,
        period: &str,
        kpis: &BTreeMap<String, Value>,
        shocks: &Shocks,
        latest: &dyn Fn(&str) -> f64,
    ) -> (f64, bool) {
        let mut v = latest(kpi);
        let mut affected = false;
        if let Some(formula) = kpis[kpi]["formula"].as_str() {
            let inputs: Vec<&str> = formula
                .split_whitespace()
                .filter(|t| kpis.contains_key(*t))
                .collect();
            if inputs
                .iter()
                .any(|i| value(i, period, kpis, shocks, latest).1)
            {
                v = evaluate(formula, &|i| value(i, period, kpis, shocks, latest).0);
                affected = true;
            }
        }
        for (change, set) in shocks
            .get(kpi)
            .and_then(|m| m.get(period))
            .into_iter()
            .flatten()
        {
            affected = true;
            v = match (set, change) {
                (Some(x), _) => *x,
                (None, Some(c)) => v * (1.0 + c / 100.0),
                (None, None) => v,
            };
        }
        (v, affected)
    }
    let mut values: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut missed = Vec::new();
    for (id, kpi) in &kpis {
        for p in &periods {
            let (v, affected) = value(id, p, &kpis, &shocks, &latest);
            if !affected {
                continue;
            }
            values.entry(id.clone()).or_default().insert(p.clone(), v);
            let lower = kpi["direction"] == "lower_is_better";
            if let Some(t) = target(kpi, p) {
                let d = deviation(v, t, lower);
                if d > 0.0 {
                    missed.push((id.clone(), p.clone(), t, d));
                }
            }
        }
    }
    // Triggers on affected KPIs: the latest N rows (actuals, then the
    // projection) all more than the threshold worse than target, adjacent.
    let playbooks = docs("playbooks");
    let mut fired = Vec::new();
    for (tid, trigger) in docs("triggers") {
        let kpi_id = trigger["kpi"].as_str().unwrap();
        let Some(projected) = values.get(kpi_id) else {
            continue;
        };
        let kpi = &kpis[kpi_id];
        let lower = kpi["direction"] == "lower_is_better";
        let n = trigger["when"]["consecutive_periods"].as_u64().unwrap_or(1) as usize;
        let threshold = trigger["when"]["deviation_above_pct"].as_f64().unwrap();
        let mut series: Vec<(String, f64)> = actuals[kpi_id]
            .iter()
            .filter(|(p, _)| !projected.contains_key(p))
            .cloned()
            .collect();
        let mut first = None;
        for (p, v) in projected {
            series.push((p.clone(), *v));
            let tail = &series[series.len().saturating_sub(n)..];
            let adjacent = tail.windows(2).all(|w| next_quarter(&w[0].0) == w[1].0);
            let breach = tail
                .iter()
                .all(|(p, v)| target(kpi, p).is_some_and(|t| deviation(*v, t, lower) > threshold));
            if tail.len() == n && adjacent && breach {
                first = Some(p.clone());
                break;
            }
        }
        if let Some(p) = first {
            let playbook = trigger["action"]["playbook"].as_str().unwrap().to_owned();
            assert!(playbooks.contains_key(&playbook));
            let escalate = trigger["action"]["escalate_to"]
                .as_str()
                .unwrap()
                .to_owned();
            fired.push((tid, p, playbook, escalate));
        }
    }
    Expected {
        values,
        missed,
        fired,
    }
}

fn report(id: &str, format: &str) -> String {
    let (code, stdout, stderr) =
        common::stratc_at_root(&["scenario", "examples/acme", id, "--format", format]);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn every_acme_scenario_matches_an_independent_computation() {
    for id in SCENARIOS {
        let want = expected(id);
        let got: Value = serde_json::from_str(&report(id, "json")).unwrap();
        // Every affected KPI, every period, the same value and target.
        let mut seen: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
        for k in got["kpis"].as_array().unwrap() {
            let kid = k["id"].as_str().unwrap();
            for p in k["periods"].as_array().unwrap() {
                seen.entry(kid.to_owned()).or_default().insert(
                    p["period"].as_str().unwrap().to_owned(),
                    p["value"].as_f64().unwrap(),
                );
                let t = target(&docs("kpis")[kid], p["period"].as_str().unwrap());
                assert_eq!(p["target"].as_f64(), t, "{id}: target of {kid}");
            }
        }
        assert_eq!(
            seen.keys().collect::<Vec<_>>(),
            want.values.keys().collect::<Vec<_>>(),
            "{id}: affected KPIs"
        );
        for (kid, periods) in &want.values {
            for (p, v) in periods {
                assert!(
                    close(seen[kid][p], *v),
                    "{id}: {kid} {p}: {} vs {v}",
                    seen[kid][p]
                );
            }
        }
        // Every target missed, by the same deviation.
        let missed = got["targets_missed"].as_array().unwrap();
        assert_eq!(missed.len(), want.missed.len(), "{id}: targets missed");
        for (kid, p, t, d) in &want.missed {
            let m = missed
                .iter()
                .find(|m| m["kpi"] == kid.as_str() && m["period"] == p.as_str())
                .unwrap_or_else(|| panic!("{id}: {kid} {p} not reported as missed"));
            assert!(close(m["target"].as_f64().unwrap(), *t));
            assert!(
                close(m["deviation_pct"].as_f64().unwrap(), *d),
                "{id}: {kid} {p}"
            );
            assert!(close(m["gap"].as_f64().unwrap(), want.values[kid][p] - t));
        }
        // The same triggers fire, in the same period, with their responses.
        let fired: Vec<(String, String, String, String)> = got["triggers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["id"].as_str().unwrap().to_owned(),
                    t["fires_in"].as_str().unwrap().to_owned(),
                    t["playbook"]["id"].as_str().unwrap().to_owned(),
                    t["escalate_to"]["id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let mut want_fired = want.fired.clone();
        want_fired.sort();
        let mut fired_sorted = fired.clone();
        fired_sorted.sort();
        assert_eq!(fired_sorted, want_fired, "{id}: triggers");
    }
}

#[test]
fn the_worked_numbers_of_the_acme_scenarios() {
    // The numbers the scenario files and the README quote.
    let demand = expected("consumer-demand-shock");
    assert!(close(demand.values["orders"]["2027-Q3"], 511_700.0));
    assert!(close(demand.values["net-revenue"]["2027-Q3"], 51_170_000.0));
    assert!(
        demand
            .fired
            .iter()
            .any(|(t, p, _, _)| t == "revenue-shortfall" && p == "2027-Q3")
    );
    let freight = expected("freight-cost-spike");
    assert!(close(
        freight.values["fulfilment-cost-ratio"]["2027-Q3"],
        9.84
    ));
    assert!(
        freight
            .fired
            .iter()
            .any(|(t, p, _, _)| t == "fulfilment-cost-overrun" && p == "2027-Q4")
    );
    let privacy = expected("privacy-ruling-de");
    assert!(close(privacy.values["market-share-de"]["2028-Q1"], 4.0));
}

#[test]
fn scenario_reports_are_deterministic_and_snapshotted() {
    for id in SCENARIOS {
        for format in ["human", "markdown", "json"] {
            let first = report(id, format);
            assert_eq!(first, report(id, format), "{id} {format}");
            insta::assert_snapshot!(format!("scenario_{id}_{format}"), first);
        }
    }
}

#[test]
fn an_unknown_scenario_is_a_usage_error_with_a_suggestion() {
    let (code, stdout, stderr) =
        common::stratc_at_root(&["scenario", "examples/acme", "freight-cost-spik"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    insta::assert_snapshot!("scenario_unknown_id", stderr);
    let (code, _, stderr) = common::stratc_at_root(&["scenario", "examples/acme", "cac"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("scenario_not_a_scenario", stderr);
}

#[test]
fn the_readme_example_is_what_stratc_prints() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = "$ stratc scenario examples/acme freight-cost-spike\n";
    let at = readme
        .find(start)
        .expect("README shows the freight scenario")
        + start.len();
    let example = &readme[at..at + readme[at..].find("```").unwrap()];
    let printed = report("freight-cost-spike", "human");
    let lines: Vec<&str> = printed.lines().collect();
    for line in example.lines().filter(|l| l.trim() != "...") {
        assert!(lines.contains(&line), "README line not printed: {line:?}");
    }
}

/// A shock on a misspelt KPI is `dangling-reference` with a suggestion; one
/// outside the data is `scenario-outside-data`; the report leaves both out
/// and says why, and still exits 0.
#[test]
fn shocks_that_cannot_apply_are_findings_and_are_listed_as_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "stratc.yaml", "as_of: 2027-07-01\n");
    common::write(
        root,
        "kpis.yaml",
        "kind: Kpi\nid: cac\nunit: currency:EUR\ndirection: lower_is_better\ntargets:\n  - {period: 2027, value: 45}\n",
    );
    common::write(
        root,
        "actuals/actuals.csv",
        "kpi,period,actual\ncac,2027-Q1,52.1\ncac,2027-Q2,51.3\n",
    );
    common::write(
        root,
        "scenario.yaml",
        "kind: Scenario\nid: downturn\nshocks:\n  - {kpi: cak, change_pct: 12, from: 2027-Q3}\n  - {kpi: cac, change_pct: 12, from: 2028-Q1}\n  - {kpi: cac, change_pct: 10, from: 2027-Q3, periods: 2}\n",
    );
    let (code, stdout, _) = common::stratc_in(root, &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let findings: Value = serde_json::from_str(&stdout).unwrap();
    let codes: Vec<(&str, &str)> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert!(
        codes
            .iter()
            .any(|(_, m)| m.contains("`cak`") && m.contains("no Kpi has that id")),
        "{codes:?}"
    );
    let (_, human, _) = common::stratc_in(root, &["check"]);
    assert!(human.contains("did you mean `cac`?"), "{human}");
    assert!(codes.iter().any(|(c, _)| *c == "KP020"), "{codes:?}");
    let (code, stdout, stderr) = common::stratc_in(root, &["scenario", ".", "downturn"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("scenario_not_applied", stdout);
    // `ID` alone runs in the current folder.
    let (code, alone, _) = common::stratc_in(root, &["scenario", "downturn"]);
    assert_eq!(code, 0);
    assert_eq!(alone, stdout);
}

/// A shock moves its KPI by `change_pct` or sets `value`: exactly one.
#[test]
fn a_shock_writes_change_pct_or_value_not_both_nor_neither() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "stratc.yaml", "as_of: 2027-07-01\n");
    common::write(
        root,
        "kpis.yaml",
        "kind: Kpi\nid: cac\nunit: currency:EUR\ndirection: lower_is_better\ntargets:\n  - {period: 2027, value: 45}\n",
    );
    common::write(
        root,
        "scenario.yaml",
        "kind: Scenario\nid: downturn\nshocks:\n  - {kpi: cac, from: 2027-Q3}\n  - {kpi: cac, value: 50, change_pct: 10, from: 2027-Q3}\n",
    );
    let (code, stdout, _) = common::stratc_in(root, &["check"]);
    assert_eq!(code, 1);
    let shown: String = stdout
        .split("\n\n")
        .filter(|block| block.contains("the shock on"))
        .collect::<Vec<_>>()
        .join("\n\n");
    insta::assert_snapshot!("scenario_shock_shape", shown);
}
