//! `check --watch` and `build --watch`: the real binary, a real edit, and
//! only what changed printed on the re-run.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);
const INITIATIVE: &str = "initiatives/launch-loyalty-program.yaml";

struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    fn start(root: &std::path::Path, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stratc"))
            .args(args)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Watching { child, lines }
    }

    /// Everything printed up to and including the next "watching" line.
    fn run(&self) -> String {
        let mut out = String::new();
        loop {
            let line = self
                .lines
                .recv_timeout(WAIT)
                .unwrap_or_else(|_| panic!("no output within {WAIT:?}; so far:\n{out}"));
            out.push_str(&line);
            out.push('\n');
            if line.starts_with("stratc: watching") {
                return out;
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = common::stratc_in(dir.path(), &["init", "strategy"]);
    assert_eq!(code, 0, "{err}");
    let root = dir.path().join("strategy");
    (dir, root)
}

fn edit(root: &std::path::Path, from: &str, to: &str) {
    let path = root.join(INITIATIVE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn check_watch_prints_only_what_changed() {
    let (_dir, root) = repo();
    let w = Watching::start(&root, &["check", "--watch", "."]);
    let first = w.run();
    assert_eq!(
        first,
        "stratc: no problems found\nstratc: watching . for changes (Ctrl-C to stop)\n"
    );
    edit(&root, "owner: head-of-ecommerce", "owner: head-of-ecomerce");
    let broken = w.run();
    edit(&root, "owner: head-of-ecomerce", "owner: head-of-ecommerce");
    let fixed = w.run();
    insta::assert_snapshot!("check_watch", format!("{broken}---\n{fixed}"));
}

#[test]
fn build_watch_rebuilds_what_changed() {
    let (_dir, root) = repo();
    let w = Watching::start(&root, &["build", "--watch", ".", "--out", "site"]);
    let first = w.run();
    assert!(first.contains("wrote "), "{first}");
    edit(
        &root,
        "title: Launch a loyalty programme",
        "title: Launch the loyalty programme",
    );
    let second = w.run();
    // One page of the initiative and the pages that show its title.
    assert!(
        second
            .starts_with("\nstratc: 0 new, 0 fixed since the last run; no problems found\nwrote "),
        "{second}"
    );
    assert!(!second.contains("(0 new or changed"), "{second}");
    fn any_contains(dir: &std::path::Path, needle: &str) -> bool {
        std::fs::read_dir(dir).unwrap().flatten().any(|e| {
            let p = e.path();
            if p.is_dir() {
                any_contains(&p, needle)
            } else {
                std::fs::read_to_string(&p).is_ok_and(|t| t.contains(needle))
            }
        })
    }
    assert!(any_contains(
        &root.join("site"),
        "Launch the loyalty programme"
    ));
}
