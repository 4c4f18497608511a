//! `docs/rules/`: one page per rule, the target of the links the language
//! server's diagnostics and the SARIF report carry (`Rule::docs_url`). The
//! pages are `Rule::page`, the text `stratc explain` prints, so this test
//! fails when a rule's documentation changes and its page does not, and
//! rewrites them when asked:
//!
//! ```sh
//! STRATC_UPDATE_DOCS=1 cargo test --test rule_docs
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use stratc::rules::registry;

/// Every file `docs/rules/` must hold, by name.
fn expected() -> BTreeMap<String, String> {
    let mut rules: Vec<_> = registry().iter().collect();
    rules.sort_by_key(|r| r.code);
    let mut index = String::from(
        "# stratc rules\n\nEvery rule stratc checks, by code. `stratc explain CODE` prints the same page in a terminal.\n\n| code | rule | family | default | what it finds |\n|---|---|---|---|---|\n",
    );
    let mut out = BTreeMap::new();
    for rule in rules {
        index.push_str(&format!(
            "| {} | [{}]({}.md) | {} | {} | {} |\n",
            rule.code,
            rule.name,
            rule.name,
            rule.family.name(),
            rule.default_severity.as_str(),
            rule.summary.replace('|', "\\|"),
        ));
        out.insert(format!("{}.md", rule.name), rule.page());
    }
    out.insert("README.md".to_owned(), index);
    out
}

#[test]
fn every_rule_has_its_page_and_no_page_is_stale() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let expected = expected();
    if std::env::var_os("STRATC_UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).expect("docs/rules");
        for entry in std::fs::read_dir(&dir).expect("docs/rules").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && !expected.contains_key(&name) {
                std::fs::remove_file(entry.path()).expect("remove a stale page");
            }
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).expect("write a page");
        }
    }
    let mut problems = Vec::new();
    for (name, text) in &expected {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(found) if found == *text => {}
            Ok(_) => problems.push(format!("docs/rules/{name} is out of date")),
            Err(_) => problems.push(format!("docs/rules/{name} is missing")),
        }
    }
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !expected.contains_key(&name) {
            problems.push(format!("docs/rules/{name} belongs to no rule"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nrun `STRATC_UPDATE_DOCS=1 cargo test --test rule_docs` to write the pages again",
        problems.join("\n")
    );
}

#[test]
fn every_link_names_its_page() {
    for rule in registry() {
        let url = rule.docs_url();
        assert!(
            url.starts_with("https://github.com/stratc-dev/stratc/blob/v")
                && url.ends_with(&format!("/docs/rules/{}.md", rule.name)),
            "{url}"
        );
    }
}
