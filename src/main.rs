//! The `stratc` binary: parse the command line, run the command, map the
//! outcome to an exit code (0 clean, 1 findings, 2 usage/I/O/internal).

// Data from files, git and the environment must never panic the run.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::io::IsTerminal;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use stratc::cli::{self, Cli, Terminal, exit};

fn main() -> ExitCode {
    // A check allocates hundreds of thousands of small, short-lived values
    // across threads. With transparent huge pages every first touch of an
    // allocator region zeroes 2 MiB, and the kernel spent more time doing
    // that than we spent parsing (bench/README.md has the figures). Small
    // pages fit this workload; failure only means we keep the default.
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::FATAL
            } else {
                exit::CLEAN
            });
        }
    };
    // The language server owns standard output (its writer thread locks
    // it), so it must start before `stdout` is locked below.
    if let cli::Command::Lsp(args) = cli.command {
        return match cli::lsp::run(args) {
            Ok(code) => ExitCode::from(code),
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(exit::FATAL)
            }
        };
    }
    let wrap = std::io::stdout().is_terminal();
    let color = wrap && std::env::var_os("NO_COLOR").is_none();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // A panic in any thread (rayon hands worker panics to the caller) ends
    // here, after the hook has told the user what happened.
    let run = panic::catch_unwind(AssertUnwindSafe(|| {
        panic_for_tests();
        cli::run(cli, Terminal { color, wrap }, &mut out)
    }));
    match run {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(exit::FATAL)
        }
        Err(_) => ExitCode::from(exit::FATAL),
    }
}

/// A panic is a bug in stratc, never the user's fault: say so in one short
/// message with the version to report, instead of a Rust trace. With
/// `RUST_BACKTRACE` set, the standard report (with the trace) comes first.
fn install_panic_hook() {
    let standard = panic::take_hook();
    let reported = AtomicBool::new(false);
    panic::set_hook(Box::new(move |info| {
        // Several worker threads can fail at once; one message is enough.
        if reported.swap(true, Ordering::SeqCst) {
            return;
        }
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            standard(info);
        }
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown cause");
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: internal error in stratc {}: {what}{place}\n  \
             This is a bug in stratc, not in your files. Please report it with this \
             message, the version and the command you ran (RUST_BACKTRACE=1 adds a trace).",
            env!("CARGO_PKG_VERSION")
        );
    }));
}

/// Debug builds only: `STRATC_TEST_PANIC=main|worker` panics on purpose, so
/// tests/cli_panic.rs can check what a user would see.
fn panic_for_tests() {
    #[cfg(debug_assertions)]
    match std::env::var("STRATC_TEST_PANIC").as_deref() {
        Ok("main") => panic!("deliberate panic for tests"),
        Ok("worker") => stratc::load::pool().install(|| {
            use rayon::prelude::*;
            (0..64).into_par_iter().for_each(|i| {
                if i % 2 == 0 {
                    panic!("deliberate panic in a worker for tests");
                }
            });
        }),
        _ => {}
    }
}
