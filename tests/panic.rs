//! A panic anywhere is a bug: stratc says so in one short message with its
//! version, exits 2, and shows the Rust trace only when RUST_BACKTRACE asks.
//! The binary panics on purpose through `STRATC_TEST_PANIC` (debug builds
//! only, see src/main.rs).

use std::process::Command;

fn run(which: &str, backtrace: bool) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stratc"));
    command
        .args(["check", "examples/acme"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("STRATC_TEST_PANIC", which)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    if backtrace {
        command.env("RUST_BACKTRACE", "1");
    }
    let out = command.output().expect("stratc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The message without the source place, which moves with every edit.
fn without_place(stderr: &str) -> String {
    let mut out = String::new();
    for line in stderr.lines() {
        match (line.rfind(" (src/"), line.ends_with(')')) {
            (Some(i), true) => out.push_str(&line[..i]),
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_panic_is_one_short_message_and_exit_2() {
    if !cfg!(debug_assertions) {
        return; // the deliberate panic exists in debug builds only
    }
    for which in ["main", "worker"] {
        let (code, stderr) = run(which, false);
        assert_eq!(code, 2, "{which}: {stderr}");
        assert_eq!(
            stderr.matches("internal error in stratc").count(),
            1,
            "{stderr}"
        );
        assert!(!stderr.contains("panicked at"), "{stderr}");
        assert!(!stderr.contains("stack backtrace"), "{stderr}");
        assert_eq!(stderr.lines().count(), 2, "{stderr}");
        insta::with_settings!({snapshot_path => "snapshots/panic", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(which, without_place(&stderr));
        });
    }
}

#[test]
fn rust_backtrace_still_shows_the_trace() {
    if !cfg!(debug_assertions) {
        return;
    }
    let (code, stderr) = run("main", true);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("panicked at"), "{stderr}");
    assert!(stderr.contains("stack backtrace"), "{stderr}");
    assert!(stderr.contains("internal error in stratc"), "{stderr}");
}
