//! `docs/coverage.md` is the proof that stratc covers the 56 decisions of
//! DECISIONS.md: one row per decision with the kinds and fields that hold
//! it, the rules that check it, the `examples/acme` file that shows it and
//! whether it is checked or only documented. This test keeps the table
//! honest against the registry and the example repository.

use std::collections::BTreeSet;
use std::path::Path;

fn repo_path(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// One row of the table.
struct Row {
    id: String,
    cells: Vec<String>,
}

impl Row {
    fn rules(&self) -> Vec<String> {
        backticked(&self.cells[3])
    }
    fn acme(&self) -> Vec<String> {
        backticked(&self.cells[4])
    }
    fn status(&self) -> &str {
        self.cells[5].trim()
    }
    fn why(&self) -> &str {
        self.cells[6].trim()
    }
}

/// The texts between backticks in a cell.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The rows whose first cell is a decision number (`1.1` … `8.7`).
fn rows(text: &str) -> Vec<Row> {
    text.lines()
        .filter_map(|line| {
            let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
            let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_owned()).collect();
            let id = cells.first()?.clone();
            let (area, n) = id.split_once('.')?;
            (area.parse::<u8>().is_ok() && n.parse::<u8>().is_ok()).then_some(Row { id, cells })
        })
        .collect()
}

fn table() -> Vec<Row> {
    let text = std::fs::read_to_string(repo_path("docs/coverage.md")).expect("docs/coverage.md");
    rows(&text)
}

#[test]
fn the_table_has_one_row_per_decision() {
    let rows = table();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let expected: Vec<String> = (1..=8)
        .flat_map(|area| (1..=7).map(move |n| format!("{area}.{n}")))
        .collect();
    assert_eq!(ids, expected, "rows 1.1 to 8.7, seven per area, in order");
    assert_eq!(rows.len(), 56);
    for row in &rows {
        assert_eq!(row.cells.len(), 7, "{}: expected 7 columns", row.id);
    }
}

#[test]
fn no_row_is_left_to_model() {
    let mut problems = Vec::new();
    for row in table() {
        if row
            .cells
            .iter()
            .any(|c| c.to_ascii_lowercase().contains("to model"))
        {
            problems.push(format!("{}: says \"to model\"", row.id));
        }
        match row.status() {
            "checked" if row.rules().is_empty() => {
                problems.push(format!("{}: checked, but names no rule", row.id));
            }
            "checked" => {}
            "documented" if row.why().is_empty() => {
                problems.push(format!(
                    "{}: documented, but does not say why no rule can judge it",
                    row.id
                ));
            }
            "documented" => {}
            other => problems.push(format!(
                "{}: status `{other}`, expected checked or documented",
                row.id
            )),
        }
        if row.cells[2].is_empty() {
            problems.push(format!("{}: names no kind or field", row.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_named_is_in_the_registry() {
    let known: BTreeSet<&str> = stratc::rules::registry().iter().map(|r| r.name).collect();
    let mut unknown = Vec::new();
    for row in table() {
        for rule in row.rules() {
            if !known.contains(rule.as_str()) {
                unknown.push(format!("{}: `{rule}`", row.id));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "rules named in docs/coverage.md that the registry does not have:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn every_acme_file_named_exists() {
    let acme = repo_path("examples/acme");
    let mut missing = Vec::new();
    for row in table() {
        let files = row.acme();
        if files.is_empty() {
            missing.push(format!("{}: names no file of examples/acme", row.id));
        }
        for file in files {
            if !acme.join(&file).exists() {
                missing.push(format!("{}: examples/acme/{file}", row.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "files named in docs/coverage.md that examples/acme does not have:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_readme_links_the_table() {
    let readme = std::fs::read_to_string(repo_path("README.md")).expect("README.md");
    assert!(
        readme.contains("(docs/coverage.md)"),
        "the README links docs/coverage.md"
    );
}

#[test]
fn rows_are_parsed_from_table_lines_only() {
    let text = "| # | decision |\n|---|---|\n| 1.1 | a | b | `r` | `f` | checked | |\ntext 1.2\n";
    let rows = rows(text);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].rules(), vec!["r".to_owned()]);
    assert_eq!(rows[0].status(), "checked");
}
