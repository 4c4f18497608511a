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
