//! The `stratc` binary: parse the command line, run the command, map the
//! outcome to an exit code (0 clean, 1 findings, 2 usage/I/O/internal).

use std::io::IsTerminal;
use std::process::ExitCode;

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
    match cli::run(cli, Terminal { color, wrap }, &mut out) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(exit::FATAL)
        }
    }
}
