//! Helpers shared by the CLI test files: run the real `stratc` binary.

use std::path::Path;
use std::process::Command;

/// Runs stratc in `cwd` without colour; returns (exit code, stdout, stderr).
pub fn stratc_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stratc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("stratc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs stratc from the repository root.
#[allow(dead_code)]
pub fn stratc_at_root(args: &[&str]) -> (i32, String, String) {
    stratc_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs git in `dir` with a fixed identity, no hooks and fixed dates, so
/// test commits are reproducible; fails the test when git fails.
#[allow(dead_code)]
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.hooksPath=/dev/null",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2027-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2027-01-01T00:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes `text` to `dir/path`, creating folders.
#[allow(dead_code)]
pub fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
pub mod lsp_client;
