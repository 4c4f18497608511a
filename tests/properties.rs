//! Property tests: what stratc reports depends on what the strategy says, not
//! on how it happens to be laid out.
//!
//! - The order files are written to disk in changes nothing, byte for byte,
//!   in every output format.
//! - The order of the documents inside a file changes nothing but the line
//!   numbers: the same findings, with the same messages, in every format once
//!   positions are set aside (lines move with the documents, so positions
//!   cannot stay equal).
//! - A no-op rewrite of the YAML (keys reordered, other quoting, flow instead
//!   of block style and back) keeps a clean repository clean, and keeps every
//!   other repository's findings, positions aside.
//! - The language server's incremental re-check, after any sequence of edits,
//!   reports what a fresh `check` of the final files reports.
//!
//! Each property runs over every rule fixture (`tests/fixtures/rules`, so
//! every rule fires in some case) and `examples/acme`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use stratc::analysis::{Analysis, Options, analyse};
use stratc::diagnostics::{Format, render};
use stratc::load::yaml::{Limits, Node, Value, parse_documents};
use stratc::lsp::workspace::Workspace;

const FORMATS: [Format; 6] = [
    Format::Human,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Junit,
    Format::Markdown,
];

/// Every repository the properties run on.
fn repositories() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![root.join("examples/acme")];
    let fixtures = root.join("tests/fixtures/rules");
    let mut rules: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("rule fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    rules.sort();
    for rule in rules {
        for side in ["fail", "pass"] {
            let dir = rule.join(side);
            // A fixture holding a symbolic link (`unreadable-file`: a link to
            // nowhere) is about that link, which a copy would not keep.
            if dir.join("stratc.yaml").is_file() && !holds_a_link(&dir) {
                out.push(dir);
            }
        }
    }
    out
}

fn holds_a_link(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .expect("readable")
        .flatten()
        .any(|e| {
            let path = e.path();
            path.is_symlink() || (path.is_dir() && holds_a_link(&path))
        })
}

/// Every file of a repository (relative path → bytes), sorted by path.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .expect("below root")
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel != "expected.txt" {
                    out.insert(rel, std::fs::read(&path).expect("readable"));
                }
            }
        }
    }
    out
}

/// Writes the files in the given order. On tmpfs the order files are
/// created in is the order a directory lists them in, so a permutation here
/// is a permutation of what the loader sees.
fn write_in_order(files: &[(&String, &Vec<u8>)]) -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
    }
    dir
}

fn check(root: &Path) -> Analysis {
    analyse(root, &Options::default()).expect("the repository loads")
}

/// Every output format, as bytes.
fn outputs(a: &Analysis) -> Vec<String> {
    FORMATS
        .iter()
        .map(|&f| render(f, &a.findings, &a.model.sources, false))
        .collect()
}

/// A Fisher–Yates shuffle driven by SplitMix64, so a failing case replays
/// from the seed proptest prints.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        let j = (next(&mut state) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The documents of a file: split at `---` lines. The text before the first
/// marker (comments, or the first document) is a document of its own unless
/// it is blank.
fn documents(text: &str) -> Vec<String> {
    let mut docs = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            docs.push(String::new());
        } else if let Some(last) = docs.last_mut() {
            last.push_str(line);
        }
    }
    docs.retain(|d| {
        d.lines()
            .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
    });
    docs
}

fn join_documents(docs: &[String]) -> String {
    let mut out = String::new();
    for d in docs {
        out.push_str("---\n");
        out.push_str(d);
        if !d.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Re-writes one YAML tree with the same values in another style, chosen by
/// the seed: keys in another order, strings plain, single- or
/// double-quoted, collections in flow or block style. Numbers keep the text
/// they were written with.
struct Rewriter<'a> {
    text: &'a str,
    state: u64,
}

impl Rewriter<'_> {
    fn coin(&mut self) -> bool {
        next(&mut self.state) & 1 == 1
    }

    fn document(&mut self, node: &Node) -> String {
        let mut out = String::new();
        match &node.value {
            Value::Map(_) | Value::Seq(_) if self.coin() => {
                self.block(node, 0, &mut out);
            }
            _ => {
                out.push_str(&self.flow(node));
                out.push('\n');
            }
        }
        out
    }

    fn scalar(&mut self, node: &Node) -> String {
        match &node.value {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(_) | Value::Float(_) => {
                self.text[node.span.start as usize..node.span.end as usize].to_owned()
            }
            Value::Str(s) => self.string(s),
            Value::Seq(_) | Value::Map(_) => unreachable!("collections are not scalars"),
        }
    }

    fn string(&mut self, s: &str) -> String {
        let plain_safe = !s.is_empty()
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
            && !matches!(
                s.to_ascii_lowercase().as_str(),
                "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
            );
        match next(&mut self.state) % 3 {
            0 if plain_safe => s.to_owned(),
            1 if !s.contains('\n') && !s.chars().any(char::is_control) => {
                format!("'{}'", s.replace('\'', "''"))
            }
            // JSON's string escapes are a subset of YAML's double-quoted ones.
            _ => serde_json::to_string(s).expect("a string serialises"),
        }
    }

    fn entries<'n>(&mut self, node: &'n Node) -> Vec<(&'n str, &'n Node)> {
        let Value::Map(entries) = &node.value else {
            return Vec::new();
        };
        let mut list: Vec<(&str, &Node)> =
            entries.iter().map(|e| (e.key.as_str(), &e.value)).collect();
        shuffle(&mut list, next(&mut self.state));
        list
    }

    fn flow(&mut self, node: &Node) -> String {
        match &node.value {
            Value::Seq(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.flow(i)).collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Map(_) => {
                let parts: Vec<String> = self
                    .entries(node)
                    .into_iter()
                    .map(|(k, v)| format!("{}: {}", self.string(k), self.flow(v)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            _ => self.scalar(node),
        }
    }

    fn block(&mut self, node: &Node, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match &node.value {
            Value::Map(entries) if !entries.is_empty() => {
                for (k, v) in self.entries(node) {
                    let key = self.string(k);
                    out.push_str(&format!("{pad}{key}:"));
                    self.block_value(v, indent + 2, out);
                }
            }
            Value::Seq(items) if !items.is_empty() => {
                for item in items {
                    out.push_str(&format!("{pad}-"));
                    self.block_value(item, indent + 2, out);
                }
            }
            _ => {
                let flow = self.flow(node);
                out.push_str(&format!("{pad}{flow}\n"));
            }
        }
    }

    fn block_value(&mut self, node: &Node, indent: usize, out: &mut String) {
        let nonempty = match &node.value {
            Value::Map(e) => !e.is_empty(),
            Value::Seq(i) => !i.is_empty(),
            _ => false,
        };
        if nonempty && self.coin() {
            out.push('\n');
            self.block(node, indent, out);
        } else {
            let flow = self.flow(node);
            out.push_str(&format!(" {flow}\n"));
        }
    }
}

/// The file rewritten, or `None` when it does not parse (it is then kept as
/// it is: a syntax error has no no-op rewrite).
fn rewrite(text: &str, seed: u64) -> Option<String> {
    let docs = parse_documents(text, Limits::default()).ok()?;
    let mut w = Rewriter { text, state: seed };
    let mut out = String::new();
    for doc in &docs {
        out.push_str("---\n");
        out.push_str(&w.document(doc));
    }
    Some(out)
}

/// The files stratc reported a structural problem in: their text is the
/// point of the fixture, so the layout properties leave them as written.
fn files_with_structure_findings(a: &Analysis) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.rule.family == stratc::rules::Family::Structure)
        .filter_map(|f| f.primary.as_ref())
        .map(|l| a.model.sources.file(l.file).path.clone())
        .collect()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // 48 cases each in `cargo test`; `PROPTEST_CASES=2000` for a long run.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn file_order_on_disk_changes_nothing(repo in prop::sample::select(repositories()), seed: u64) {
        let files = files(&repo);
        let mut listed: Vec<(&String, &Vec<u8>)> = files.iter().collect();
        let sorted = write_in_order(&listed);
        shuffle(&mut listed, seed);
        let shuffled = write_in_order(&listed);
        listed.reverse();
        let reversed = write_in_order(&listed);
        let expected = outputs(&check(sorted.path()));
        prop_assert_eq!(&outputs(&check(shuffled.path())), &expected, "{}", repo.display());
        prop_assert_eq!(&outputs(&check(reversed.path())), &expected, "{}", repo.display());
    }

    #[test]
    fn document_order_in_a_file_changes_only_positions(repo in prop::sample::select(repositories()), seed: u64) {
        let files = files(&repo);
        let original = write_in_order(&files.iter().collect::<Vec<_>>());
        let before = check(original.path());
        let skip = files_with_structure_findings(&before);
        let mut state = seed;
        let permuted: BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(rel, bytes)| {
                let text = String::from_utf8_lossy(bytes);
                let mut docs = documents(&text);
                if !rel.ends_with(".yaml") || skip.contains(rel) || docs.len() < 2 {
                    return (rel.clone(), bytes.clone());
                }
                shuffle(&mut docs, next(&mut state));
                (rel.clone(), join_documents(&docs).into_bytes())
            })
            .collect();
        let moved = write_in_order(&permuted.iter().collect::<Vec<_>>());
        let after = check(moved.path());
        prop_assert_eq!(after.findings_without_positions(), before.findings_without_positions(), "{}", repo.display());
    }

    #[test]
    fn a_no_op_rewrite_keeps_the_findings(repo in prop::sample::select(repositories()), seed: u64) {
        let files = files(&repo);
        let original = write_in_order(&files.iter().collect::<Vec<_>>());
        let before = check(original.path());
        let skip = files_with_structure_findings(&before);
        let mut state = seed;
        let mut rewritten_files = 0;
        let rewritten: BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(rel, bytes)| {
                let seed = next(&mut state);
                let keep = !rel.ends_with(".yaml") || skip.contains(rel);
                let text = std::str::from_utf8(bytes).ok().filter(|_| !keep);
                match text.and_then(|t| rewrite(t, seed)) {
                    Some(new) => {
                        rewritten_files += 1;
                        (rel.clone(), new.into_bytes())
                    }
                    None => (rel.clone(), bytes.clone()),
                }
            })
            .collect();
        // The property means nothing if nothing was rewritten.
        let yaml_files = files.keys().filter(|r| r.ends_with(".yaml") && !skip.contains(r)).count();
        prop_assert!(yaml_files == 0 || rewritten_files > 0, "nothing rewritten in {}", repo.display());
        let moved = write_in_order(&rewritten.iter().collect::<Vec<_>>());
        let after = check(moved.path());
        prop_assert_eq!(after.findings_without_positions(), before.findings_without_positions(), "{}", repo.display());
    }

    #[test]
    fn an_incremental_recheck_equals_a_fresh_check(
        repo in prop::sample::select(repositories()),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..4), 1..6),
    ) {
        // The editor opens the repository, then edits its files: each edit
        // gives one file the text of another file, the text of another file's
        // version, a truncation of itself, or its original text back.
        let files = files(&repo);
        // `stratc.yaml` included: its unsaved buffer counts like any other.
        let yaml: Vec<(&String, &Vec<u8>)> = files
            .iter()
            .filter(|(rel, _)| rel.ends_with(".yaml"))
            .collect();
        prop_assume!(!yaml.is_empty());
        let disk = write_in_order(&files.iter().collect::<Vec<_>>());
        let mut ws = Workspace::new(disk.path().to_path_buf(), Options::default());
        ws.check().expect("the first load");
        let mut now: BTreeMap<String, String> = yaml
            .iter()
            .map(|(rel, b)| ((*rel).clone(), String::from_utf8_lossy(b).into_owned()))
            .collect();
        let mut edited = std::collections::BTreeSet::new();
        for (target, source, how) in edits {
            let (rel, _) = yaml[target.index(yaml.len())];
            let (other, other_bytes) = yaml[source.index(yaml.len())];
            let text = match how {
                0 => String::from_utf8_lossy(other_bytes).replace(other.as_str(), rel),
                1 => String::from_utf8_lossy(other_bytes).into_owned(),
                2 => {
                    let t = &now[rel];
                    let mut cut = t.len() / 2;
                    while !t.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    t[..cut].to_owned()
                }
                _ => String::from_utf8_lossy(&files[rel]).into_owned(),
            };
            ws.set_buffer(&disk.path().join(rel), Arc::from(text.as_str()));
            now.insert(rel.clone(), text);
            edited.insert(rel.clone());
            ws.check().expect("a re-check");
        }
        let incremental = ws.check().expect("a re-check");
        let mut final_files = files.clone();
        for rel in &edited {
            final_files.insert(rel.clone(), now[rel].clone().into_bytes());
        }
        let fresh_dir = write_in_order(&final_files.iter().collect::<Vec<_>>());
        let fresh = check(fresh_dir.path());
        prop_assert_eq!(incremental.findings_without_positions(), fresh.findings_without_positions(), "{}", repo.display());
        prop_assert_eq!(outputs(incremental), outputs(&fresh), "{}", repo.display());
    }
}
