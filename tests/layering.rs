//! The crate is a pipeline whose imports flow one way (STYLE.md, practice
//! 16): a stage may use only the stages before it. This test reads every
//! `crate::…` path (and `super::…`/child paths) in `src/` and fails on a
//! path against the flow, on a rule that touches YAML trees or spans, and on
//! any cycle between files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, bottom first. A module may use its own stage and any stage
/// listed before it — never one after it.
const STAGES: &[&str] = &[
    // Shared by every stage: no imports of the crate except earlier ones here.
    "error",
    "atomic",
    "numbers",
    "words",
    "values",
    "source",
    "finding",
    // The pipeline.
    "load",
    "kinds",
    "config",
    "schema",
    "model",
    "graph",
    "metrics",
    "scenario",
    "rules",
    "diagnostics",
    "analysis",
    // What is built from a checked strategy.
    "git",
    "baseline",
    "diff",
    "render",
    // The language server reads an analysis like the renderers; the CLI starts it.
    "lsp",
    "cli",
];

/// Paths a rule may never use: rules name a document and a field path, and
/// spans are looked up after the rules.
/// (The loader's trees, its span-tree source map, and spans themselves.)
const FORBIDDEN_IN_RULES: &[&str] = &["crate::load", "source::Span", "FileTrees"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/` by its module path (`rules::kpis::formula_cycle`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    let mut map = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src()).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|l| l == "mod") {
            parts.pop();
        }
        if parts == ["lib"] || parts == ["main"] || parts.first().is_some_and(|p| p == "bin") {
            continue;
        }
        map.insert(parts, f);
    }
    map
}

/// The source without comments and string literals, so prose and rule
/// documentation do not count as imports.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r'
            && (b.get(i + 1) == Some(&b'#') || b.get(i + 1) == Some(&b'"'))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            // Raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(b[i] as char);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == b'"'
                    && b[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&c| c == b'#')
                        .count()
                        == hashes
                {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            // A char literal such as '"' or '{'.
            out.push_str("' '");
            i += 3;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

/// Every path the code names, expanded from `use a::{b, c::{d}}` groups.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let tokens = tokenize(code);
    let mut i = 0;
    while i < tokens.len() {
        let starts = matches!(tokens[i].as_str(), "crate" | "super" | "self")
            || tokens.get(i + 1).is_some_and(|t| t == "::");
        let prev_is_path = i >= 1 && tokens[i - 1] == "::";
        // `pub(super)`, `pub(crate)`, `pub(in crate::x)` are visibility, not use.
        let visibility = i >= 2
            && (tokens[i - 1] == "(" && tokens[i - 2] == "pub"
                || tokens[i - 1] == "in" && tokens[i - 2] == "(");
        if starts && !prev_is_path && !visibility {
            let (mut found, next) = parse_path(&tokens, i, Vec::new());
            paths.append(&mut found);
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    paths
}

fn tokenize(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Reads `a::b::{c, d::e}` from `tokens[i]`, returning every full path.
fn parse_path(tokens: &[String], mut i: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix;
    while let Some(t) = tokens.get(i) {
        if t == "{" {
            let mut all = Vec::new();
            i += 1;
            while tokens.get(i).is_some_and(|t| t != "}") {
                let (mut found, next) = parse_path(tokens, i, path.clone());
                all.append(&mut found);
                i = next;
                if tokens.get(i).is_some_and(|t| t == ",") {
                    i += 1;
                }
            }
            return (all, i + 1);
        }
        if t.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            path.push(t.clone());
            i += 1;
            if tokens.get(i).is_some_and(|t| t == "::") {
                i += 1;
                continue;
            }
        }
        break;
    }
    (vec![path], i)
}

/// The file a path names: the longest prefix that is a module.
fn target(
    modules: &BTreeMap<Vec<String>, PathBuf>,
    here: &[String],
    path: &[String],
) -> Option<Vec<String>> {
    let mut abs: Vec<String> = match path.first()?.as_str() {
        "crate" => path[1..].to_vec(),
        "self" => here.iter().chain(&path[1..]).cloned().collect(),
        "super" => {
            let mut base = here.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.into_iter().chain(rest.iter().cloned()).collect()
        }
        // A child module named without `self::` (`use yaml::Node` in load).
        first => {
            let mut child = here.to_vec();
            child.push(first.to_owned());
            if !modules.contains_key(&child) {
                return None;
            }
            here.iter().chain(path).cloned().collect()
        }
    };
    while !abs.is_empty() {
        if modules.contains_key(&abs) {
            return Some(abs);
        }
        abs.pop();
    }
    None
}

fn stage_of(module: &[String]) -> Option<usize> {
    STAGES
        .iter()
        .position(|s| module.first().is_some_and(|m| m == s))
}

fn imports() -> BTreeMap<Vec<String>, BTreeSet<(Vec<String>, String)>> {
    let modules = modules();
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may reach anywhere; only what ships must flow one way.
        let shipped = match text.find("#[cfg(test)]\nmod tests") {
            Some(at) => &text[..at],
            None => &text[..],
        };
        let mut edges = BTreeSet::new();
        for path in paths_in(&code_of(shipped)) {
            if let Some(t) = target(&modules, module, &path)
                && &t != module
            {
                edges.insert((t, path.join("::")));
            }
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

#[test]
fn every_module_belongs_to_a_stage() {
    let unknown: Vec<String> = modules()
        .keys()
        .filter(|m| stage_of(m).is_none())
        .map(|m| m.join("::"))
        .collect();
    assert!(
        unknown.is_empty(),
        "modules in no stage of STAGES: {unknown:?}"
    );
}

#[test]
fn imports_flow_one_way() {
    let mut against = Vec::new();
    for (module, edges) in imports() {
        let Some(here) = stage_of(&module) else {
            continue;
        };
        for (target, path) in edges {
            if stage_of(&target).is_some_and(|there| there > here) {
                against.push(format!("{} uses {path}", module.join("::")));
            }
        }
    }
    assert!(
        against.is_empty(),
        "imports against the pipeline:\n{}",
        against.join("\n")
    );
}

#[test]
fn rules_never_touch_yaml_or_spans() {
    let mut touched = Vec::new();
    for (module, edges) in imports() {
        if module.first().is_none_or(|m| m != "rules") {
            continue;
        }
        for (_, path) in edges {
            if FORBIDDEN_IN_RULES.iter().any(|f| path.contains(f)) {
                touched.push(format!("{} uses {path}", module.join("::")));
            }
        }
    }
    assert!(
        touched.is_empty(),
        "rules reading YAML or spans:\n{}",
        touched.join("\n")
    );
}

#[test]
fn no_cycle_between_files() {
    let graph = imports();
    // What each file reaches; two files that reach each other share a cycle.
    let reach: BTreeMap<&Vec<String>, BTreeSet<&Vec<String>>> = graph
        .keys()
        .map(|start| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![start];
            while let Some(m) = todo.pop() {
                for (t, _) in graph.get(m).into_iter().flatten() {
                    if seen.insert(t) {
                        todo.push(t);
                    }
                }
            }
            (start, seen)
        })
        .collect();
    let mut cycles: BTreeSet<Vec<String>> = BTreeSet::new();
    for (m, reached) in &reach {
        if !reached.contains(m) {
            continue;
        }
        let members: Vec<String> = reached
            .iter()
            .filter(|o| reach[*o].contains(m))
            .map(|o| o.join("::"))
            .collect();
        cycles.insert(members);
    }
    let listed: Vec<String> = cycles.iter().map(|c| c.join(", ")).collect();
    assert!(
        listed.is_empty(),
        "groups of files that import each other:\n{}",
        listed.join("\n")
    );
}

#[test]
fn the_reader_finds_grouped_and_relative_paths() {
    let code = code_of(
        "use crate::{a::b, c::{d, e::f}};\n// crate::zzz\nlet s = \"crate::yyy\"; super::g::h();",
    );
    let paths: Vec<String> = paths_in(&code).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        paths,
        [
            "crate::a::b",
            "crate::c::d",
            "crate::c::e::f",
            "super::g::h"
        ]
    );
}

#[test]
fn lib_lists_the_modules_in_pipeline_order() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let listed: Vec<&str> = lib
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("pub(crate) mod "))
        })
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert_eq!(
        listed, STAGES,
        "src/lib.rs and STAGES must list the same modules in the same order"
    );
}
