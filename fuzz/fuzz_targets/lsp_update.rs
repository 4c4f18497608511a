//! The language server's document-update path: open a small strategy
//! repository, apply a sequence of edits to its buffers (any text, splices
//! of bytes, truncations, another file's text, the original back), re-check
//! after each, and require that the last incremental re-check reports what a
//! fresh `check` of the final files reports, in every output format.
//!
//! The repositories are the rule fixtures (`tests/fixtures/rules/*/fail`),
//! so every rule is reachable from the start.
#![no_main]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use stratc::analysis::{Analysis, Options, analyse};
use stratc::diagnostics::{Format, render};
use stratc::lsp::workspace::Workspace;

type Files = BTreeMap<String, String>;

fn repositories() -> &'static Vec<Files> {
    static R: OnceLock<Vec<Files>> = OnceLock::new();
    R.get_or_init(|| {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/rules");
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
            .expect("rule fixtures")
            .flatten()
            .map(|e| e.path().join("fail"))
            .filter(|d| d.join("stratc.yaml").is_file())
            .collect();
        dirs.sort();
        dirs.iter().map(|d| read(d, d)).collect()
    })
}

fn read(root: &Path, dir: &Path) -> Files {
    let mut out = Files::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(read(root, &path));
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            let rel = path.strip_prefix(root).expect("below root").to_string_lossy().into_owned();
            if rel != "expected.txt" {
                out.insert(rel, text);
            }
        }
    }
    out
}

fn write(files: &Files) -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }
        .expect("temp dir");
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
    dir
}

#[derive(Debug, Arbitrary)]
enum Edit {
    /// The buffer becomes this text.
    Text(String),
    /// These bytes go in at this place (kept to a character boundary).
    Splice(u16, String),
    /// The buffer is cut at this place.
    Truncate(u16),
    /// The buffer takes another file's text.
    Copy(u8),
    /// The buffer is closed: the file on disk counts again.
    Close,
}

fn boundary(text: &str, at: u16) -> usize {
    let mut at = (at as usize).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn outputs(a: &Analysis) -> Vec<String> {
    [Format::Human, Format::Json, Format::Sarif, Format::Github, Format::Junit, Format::Markdown]
        .iter()
        .map(|&f| render(f, &a.findings, &a.model.sources, false))
        .collect()
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let repos = repositories();
    let original = &repos[u.choose_index(repos.len())?];
    // `stratc.yaml` included: its unsaved buffer counts like any other.
    let yaml: Vec<&String> = original.keys().filter(|k| k.ends_with(".yaml")).collect();
    if yaml.is_empty() {
        return Ok(());
    }
    let disk = write(original);
    let mut ws = Workspace::new(disk.path().to_path_buf(), Options::default());
    if ws.check().is_err() {
        return Ok(());
    }
    // What each file holds for the editor: an open buffer or the disk.
    let mut now = original.clone();
    let edits = u.int_in_range(1..=6)?;
    for _ in 0..edits {
        let rel = yaml[u.choose_index(yaml.len())?];
        let current = now[rel].clone();
        let text = match Edit::arbitrary(u)? {
            Edit::Text(t) => t,
            Edit::Splice(at, bytes) => {
                let at = boundary(&current, at);
                format!("{}{bytes}{}", &current[..at], &current[at..])
            }
            Edit::Truncate(at) => current[..boundary(&current, at)].to_owned(),
            Edit::Copy(i) => now[yaml[i as usize % yaml.len()]].clone(),
            Edit::Close => {
                ws.close_buffer(&disk.path().join(rel));
                now.insert(rel.clone(), original[rel].clone());
                let _ = ws.check();
                continue;
            }
        };
        ws.set_buffer(&disk.path().join(rel), Arc::from(text.as_str()));
        now.insert(rel.clone(), text);
        if ws.check().is_err() {
            return Ok(());
        }
    }
    let Ok(incremental) = ws.check() else {
        return Ok(());
    };
    let fresh_dir = write(&now);
    let Ok(fresh) = analyse(fresh_dir.path(), &Options::default()) else {
        return Ok(());
    };
    assert_eq!(
        incremental.findings_without_positions(),
        fresh.findings_without_positions(),
        "incremental re-check and fresh check disagree"
    );
    assert_eq!(outputs(incremental), outputs(&fresh), "the reports differ");
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
