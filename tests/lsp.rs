//! End-to-end sessions with `stratc lsp`: the real binary over stdio, a
//! fixture repository (`stratc init`'s), a timeout on every wait, snapshots
//! of what the server says, and a failure if it says something no test read.

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// Long enough for a debug build on a busy 2-core machine.
const WAIT: Duration = Duration::from_secs(30);

struct Session {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages received while waiting for something else, not yet read.
    unread: VecDeque<Value>,
    next_id: i64,
    root: PathBuf,
    _dir: tempfile::TempDir,
}

/// A fresh copy of the starter repository.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("strategy");
    let (code, _, err) = common::stratc_in(dir.path(), &["init", "strategy"]);
    assert_eq!(code, 0, "{err}");
    // The starter evaluates at today's date; the snapshots (an Exception's
    // approval date, stale actuals) need a fixed one.
    let config = root.join("stratc.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\nas_of: 2027-01-15\n");
    std::fs::write(&config, text).unwrap();
    let root = std::fs::canonicalize(root).unwrap();
    (dir, root)
}

impl Session {
    fn start() -> Session {
        Session::start_with(|_| {}, &[])
    }

    fn start_with(prepare: impl FnOnce(&Path), env: &[(&str, &str)]) -> Session {
        let (dir, root) = fixture();
        prepare(&root);
        let mut child = Command::new(env!("CARGO_BIN_EXE_stratc"))
            .arg("lsp")
            .current_dir(&root)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("stratc lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut s = Session {
            child,
            stdin,
            incoming,
            unread: VecDeque::new(),
            next_id: 0,
            root,
            _dir: dir,
        };
        let init = s.request(
            "initialize",
            json!({"processId": null, "rootUri": s.uri(""), "capabilities": {}}),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "stratc");
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
        s.notify("initialized", json!({}));
        s
    }

    fn uri(&self, rel: &str) -> String {
        let base = format!("file://{}", self.root.display());
        if rel.is_empty() {
            base
        } else {
            format!("{base}/{rel}")
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        match self.incoming.recv_timeout(WAIT) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!(
                "no message from the server within {WAIT:?}; unread: {:?}",
                self.unread
            ),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the server closed its output; unread: {:?}", self.unread)
            }
        }
    }

    /// Sends a request and waits for its answer; other messages are kept.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.next();
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
            self.unread.push_back(message);
        }
    }

    /// The next diagnostics published for a file (earlier ones for other
    /// files stay unread).
    fn diagnostics(&mut self, rel: &str) -> Value {
        let uri = self.uri(rel);
        if let Some(i) = self.unread.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        }) {
            return self.unread.remove(i).unwrap()["params"]["diagnostics"].clone();
        }
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].clone();
            }
            self.unread.push_back(message);
        }
    }

    /// Diagnostics published for a file and not read yet, if any.
    fn published(&self, rel: &str) -> Option<Value> {
        let uri = self.uri(rel);
        self.unread
            .iter()
            .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            .map(|m| m["params"]["diagnostics"].clone())
    }

    fn open(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, rel: &str, version: i64, text: &str) {
        let uri = self.uri(rel);
        self.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}));
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// A position request at the first `needle` in a file, `shift` UTF-16
    /// units into it.
    fn at(
        &mut self,
        method: &str,
        rel: &str,
        text: &str,
        needle: &str,
        shift: u32,
        extra: Value,
    ) -> Value {
        let (line, character) = position_of(text, needle, shift);
        let mut params = json!({"textDocument": {"uri": self.uri(rel)}, "position": {"line": line, "character": character}});
        if let (Value::Object(p), Value::Object(e)) = (&mut params, extra) {
            p.extend(e);
        }
        self.request(method, params)
    }

    /// The root's URI replaced, so snapshots do not depend on the temporary folder.
    fn redact(&self, value: &Value) -> String {
        serde_json::to_string_pretty(value)
            .unwrap()
            .replace(&self.uri(""), "file:///ROOT")
    }

    /// Shuts the server down cleanly and checks nothing was left unread.
    fn finish(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        let status = wait(&mut self.child);
        assert!(status.success(), "the server exited with {status}");
        while let Ok(m) = self.incoming.recv_timeout(Duration::from_millis(200)) {
            self.unread.push_back(m);
        }
        assert!(
            self.unread.is_empty(),
            "messages no test read: {:#?}",
            self.unread
        );
    }
}

fn wait(child: &mut Child) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(start.elapsed() < WAIT, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Line and UTF-16 column of the first `needle` in `text`, plus `shift`.
fn position_of(text: &str, needle: &str, shift: u32) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u32;
    (
        line,
        text[line_start..at].encode_utf16().count() as u32 + shift,
    )
}

const INITIATIVE: &str = "initiatives/launch-loyalty-program.yaml";

#[test]
fn a_dangling_reference_is_published_with_its_range_and_cleared_when_fixed() {
    let mut s = Session::start();
    let text = s.read(INITIATIVE);
    s.open(INITIATIVE, &text);
    let broken = text.replace(
        "advances: [grow-online-sales]",
        "advances: [grow-online-sale]",
    );
    s.change(INITIATIVE, 2, &broken);
    let diagnostics = s.diagnostics(INITIATIVE);
    insta::assert_snapshot!("dangling_reference", s.redact(&diagnostics));
    let dangling = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "ST009")
        .unwrap();
    assert_eq!(
        dangling["range"],
        json!({"start": {"line": 4, "character": 11}, "end": {"line": 4, "character": 27}})
    );
    assert!(
        dangling["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `grow-online-sales`?")
    );
    s.change(INITIATIVE, 3, &text);
    assert_eq!(s.diagnostics(INITIATIVE), json!([]));
    s.finish();
}

#[test]
fn an_error_in_the_third_document_of_a_file_is_placed_there() {
    let mut s = Session::start();
    let rel = "roles/roles.yaml";
    let text = s.read(rel);
    s.open(rel, &text);
    // The starter's third role, with a title in non-ASCII characters and a
    // misspelt manager.
    let third = text.replace(
        "title: Head of Marketing\nreports_to: ceo\n",
        "title: Head of Marketing — CO₂e budget\nreports_to: ceoo\n",
    );
    assert_ne!(third, text);
    s.change(rel, 2, &third);
    let diagnostics = s.diagnostics(rel);
    insta::assert_snapshot!("third_document", s.redact(&diagnostics));
    // `ceoo` on the last line: after a title with non-ASCII characters.
    let (line, character) = position_of(&third, "ceoo", 0);
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": line, "character": character})
    );
    s.finish();
}

#[test]
fn a_check_running_when_a_newer_edit_arrives_is_cancelled() {
    // Every check first waits 1.5 s (watching for newer edits), so the
    // second edit arrives while the check of the first is running.
    let mut s = Session::start_with(|_| {}, &[("STRATC_LSP_TEST_SLOW_CHECK_MS", "1500")]);
    let text = s.read(INITIATIVE);
    s.open(INITIATIVE, &text);
    let first = text.replace("owner: head-of-ecommerce", "owner: first-typo");
    s.change(INITIATIVE, 2, &first);
    std::thread::sleep(Duration::from_millis(400));
    let second = text.replace("owner: head-of-ecommerce", "owner: second-typo");
    s.change(INITIATIVE, 3, &second);
    // The check of the first text was stopped and never published: the
    // first diagnostics are those of the second text.
    let diagnostics = s.diagnostics(INITIATIVE).to_string();
    assert!(diagnostics.contains("second-typo"), "{diagnostics}");
    assert!(!diagnostics.contains("first-typo"), "{diagnostics}");
    s.finish();
}

#[test]
fn the_timings_log_names_every_phase_of_a_check() {
    let mut s = Session::start_with(|_| {}, &[("STRATC_LSP_TIMINGS", "1")]);
    // The first check runs before the server reads the next message.
    s.request("workspace/symbol", json!({"query": "no-such-id"}));
    let at = s
        .unread
        .iter()
        .position(|m| m["method"] == "window/logMessage")
        .expect("the first check's timings are logged");
    let log = s.unread.remove(at).unwrap();
    assert_eq!(log["params"]["type"], 4, "a log message: {log}");
    // The durations vary from run to run; the phases and the wording do not.
    let message = log["params"]["message"].as_str().unwrap();
    let mut shape = String::new();
    for word in message.split(' ') {
        let number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.');
        shape.push_str(if number { "N" } else { word });
        shape.push(' ');
    }
    insta::assert_snapshot!("timings_log", shape.trim_end());
    s.unread
        .retain(|m| m["method"] != "textDocument/publishDiagnostics");
    s.finish();
}

#[test]
fn a_request_after_shutdown_is_refused_and_exit_ends_the_server() {
    let mut s = Session::start();
    let answer = s.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null, "{answer}");
    let refused = s.request("workspace/symbol", json!({"query": "x"}));
    insta::assert_snapshot!("after_shutdown", s.redact(&refused["error"]));
    s.notify("exit", Value::Null);
    let status = wait(&mut s.child);
    assert!(status.success(), "the server exited with {status}");
}

#[test]
fn half_typed_yaml_keeps_the_other_documents_and_files_checked() {
    let mut s = Session::start();
    let rel = "kpis/kpis.yaml";
    let text = s.read(rel);
    s.open(rel, &text);
    // The second document is half typed: the first still defines
    // `online-revenue`, and the id `cac` written in the second still
    // counts, so nothing else turns dangling.
    let broken = text.replace("id: cac\n", "id: cac\ntargets: [\n  - period: {\n");
    s.change(rel, 2, &broken);
    let diagnostics = s.diagnostics(rel);
    insta::assert_snapshot!("half_typed", s.redact(&diagnostics));
    // Nothing that names `cac` is reported meanwhile: not the objective
    // and the initiative, not the actuals' rows, not the scorecard (no
    // diagnostics were ever published for those files, so none are now).
    // (A request's answer comes after everything that check published.)
    s.request("workspace/symbol", json!({"query": "no-such-id"}));
    for rel in ["actuals/kpis.csv", "scorecards/monthly-review.yaml"] {
        assert_eq!(s.published(rel), None, "{rel}");
    }
    // A problem elsewhere is still found while the buffer is broken.
    let text = s.read(INITIATIVE);
    s.open(INITIATIVE, &text);
    s.change(
        INITIATIVE,
        2,
        &text.replace("owner: head-of-ecommerce", "owner: head-of-ecomerce"),
    );
    let elsewhere = s.diagnostics(INITIATIVE);
    assert!(
        elsewhere[0]["message"]
            .as_str()
            .unwrap()
            .contains("head-of-ecomerce"),
        "{elsewhere}"
    );
    // A request during the broken state is answered.
    let hover = s.at(
        "textDocument/hover",
        rel,
        &broken,
        "online-revenue",
        2,
        json!({}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Online revenue"),
        "{hover}"
    );
    s.finish();
}

#[test]
fn a_failing_request_is_answered_with_an_error_and_the_server_goes_on() {
    let mut s = Session::start_with(|_| {}, &[("STRATC_LSP_TEST_PANIC", "1")]);
    let answer = s.request("stratc/panic", json!({}));
    assert_eq!(answer["error"]["code"], -32603, "{answer}");
    let unknown = s.request("stratc/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let text = s.read(INITIATIVE);
    let hover = s.at(
        "textDocument/hover",
        INITIATIVE,
        &text,
        "grow-online-sales",
        1,
        json!({}),
    );
    assert!(hover["result"].is_object(), "{hover}");
    s.finish();
}

const OBJECTIVE: &str = "objectives/grow-online-sales.yaml";

#[test]
fn definition_and_references_cross_files() {
    let mut s = Session::start();
    let text = s.read(INITIATIVE);
    let definition = s.at(
        "textDocument/definition",
        INITIATIVE,
        &text,
        "grow-online-sales",
        3,
        json!({}),
    );
    assert_eq!(
        definition["result"],
        json!({"uri": s.uri(OBJECTIVE), "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 21}}})
    );
    // From the KPI id of an actuals row to the KPI.
    let csv = s.read("actuals/kpis.csv");
    let from_csv = s.at(
        "textDocument/definition",
        "actuals/kpis.csv",
        &csv,
        "cac,2026",
        1,
        json!({}),
    );
    assert_eq!(from_csv["result"]["uri"], s.uri("kpis/kpis.yaml"));
    let references = s.at(
        "textDocument/references",
        INITIATIVE,
        &text,
        "kpi: cac",
        6,
        json!({"context": {"includeDeclaration": true}}),
    );
    insta::assert_snapshot!("references_cac", s.redact(&references["result"]));
    s.finish();
}

/// An Exception waiving a (stale) deviation of the objective, so that the
/// objective's id is also an exception subject.
fn with_exception(root: &Path) {
    std::fs::create_dir_all(root.join("exceptions")).unwrap();
    std::fs::write(
        root.join("exceptions/online-sales-exception.yaml"),
        "kind: Exception\nid: online-sales-exception\nsubject: grow-online-sales\nrule: initiative-without-goal\ndecision: strategy.deviation\napproved_by: ceo\napproved_on: 2027-01-01\nexpires: 2027-12-31\nrationale: Kept while the objective is reworded.\n",
    )
    .unwrap();
}

#[test]
fn rename_changes_the_id_in_every_file_that_names_it() {
    let mut s = Session::start_with(with_exception, &[]);
    // The exception waives nothing yet: it is reported as stale.
    let stale = s.diagnostics("exceptions/online-sales-exception.yaml");
    assert_eq!(stale[0]["code"], "EX005", "{stale}");
    let text = s.read(INITIATIVE);
    let prepared = s.at(
        "textDocument/prepareRename",
        INITIATIVE,
        &text,
        "grow-online-sales",
        0,
        json!({}),
    );
    assert_eq!(
        prepared["result"]["placeholder"], "grow-online-sales",
        "{prepared}"
    );
    let refused = s.at(
        "textDocument/prepareRename",
        INITIATIVE,
        &text,
        "type: product",
        1,
        json!({}),
    );
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only an id can be renamed"),
        "{refused}"
    );
    let invalid = s.at(
        "textDocument/rename",
        INITIATIVE,
        &text,
        "grow-online-sales",
        0,
        json!({"newName": "Grow Online"}),
    );
    assert!(
        invalid["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a valid id"),
        "{invalid}"
    );
    let taken = s.at(
        "textDocument/rename",
        INITIATIVE,
        &text,
        "grow-online-sales",
        0,
        json!({"newName": "launch-loyalty-program"}),
    );
    // The three refusals, word for word, as the editor shows them.
    let refusals: Vec<&str> = [&refused, &invalid, &taken]
        .iter()
        .map(|r| r["error"]["message"].as_str().unwrap())
        .collect();
    insta::assert_snapshot!("rename_refusals", refusals.join("\n"));
    let rename = s.at(
        "textDocument/rename",
        INITIATIVE,
        &text,
        "grow-online-sales",
        0,
        json!({"newName": "grow-digital-sales"}),
    );
    let changes = &rename["result"]["changes"];
    for rel in [
        INITIATIVE,
        OBJECTIVE,
        "exceptions/online-sales-exception.yaml",
    ] {
        assert!(
            changes.get(s.uri(rel)).is_some(),
            "{rel} not renamed: {changes}"
        );
    }
    let sorted: std::collections::BTreeMap<String, Value> =
        changes.as_object().unwrap().clone().into_iter().collect();
    insta::assert_snapshot!("rename", s.redact(&serde_json::to_value(sorted).unwrap()));
    s.finish();
}

#[test]
fn completion_offers_objective_ids_in_advances_and_values_from_the_schema() {
    let mut s = Session::start();
    let text = s.read(INITIATIVE);
    s.open(INITIATIVE, &text);
    let typing = text.replace("advances: [grow-online-sales]", "advances: [gro");
    s.change(INITIATIVE, 2, &typing);
    let broken = s.diagnostics(INITIATIVE);
    assert_eq!(broken[0]["code"], "ST001", "{broken}");
    let completion = s.at(
        "textDocument/completion",
        INITIATIVE,
        &typing,
        "[gro",
        4,
        json!({}),
    );
    let labels: Vec<&str> = completion["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    // Only objectives: not the goal `profitable-growth`.
    assert_eq!(labels, ["grow-online-sales"], "{completion}");
    insta::assert_snapshot!("completion_advances", s.redact(&completion["result"]));
    let fixed = typing
        .replace("advances: [gro", "advances: [grow-online-sales]")
        .replace("priority: balanced", "priority: ");
    s.change(INITIATIVE, 3, &fixed);
    let _ = s.diagnostics(INITIATIVE);
    let values = s.at(
        "textDocument/completion",
        INITIATIVE,
        &fixed,
        "priority: ",
        10,
        json!({}),
    );
    let labels: Vec<&str> = values["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["market_share", "profitability", "balanced"],
        "{values}"
    );
    s.finish();
}

#[test]
fn hover_on_a_kpi_shows_its_latest_actual_and_status() {
    let mut s = Session::start_with(
        |root| {
            let csv = root.join("actuals/kpis.csv");
            let text = std::fs::read_to_string(&csv).unwrap();
            std::fs::write(csv, format!("{text}\ncac,2027-Q1,46,40\n")).unwrap();
        },
        &[],
    );
    let text = s.read(OBJECTIVE);
    let hover = s.at("textDocument/hover", OBJECTIVE, &text, "cac]", 1, json!({}));
    insta::assert_snapshot!(
        "hover_kpi",
        hover["result"]["contents"]["value"].as_str().unwrap()
    );
    let on_initiative = s.at(
        "textDocument/hover",
        INITIATIVE,
        &s.read(INITIATIVE),
        "launch-loyalty-program",
        0,
        json!({}),
    );
    insta::assert_snapshot!(
        "hover_initiative",
        on_initiative["result"]["contents"]["value"]
            .as_str()
            .unwrap()
    );
    s.finish();
}

#[test]
fn the_exception_code_action_makes_the_repository_check_clean() {
    let mut s = Session::start_with(
        |root| {
            let home = std::fs::read_to_string(root.join("markets/home.yaml")).unwrap();
            std::fs::write(
                root.join("markets/away.yaml"),
                home.replace("id: home", "id: away")
                    .replace("Home market", "Away market"),
            )
            .unwrap();
        },
        &[],
    );
    let text = s.read(INITIATIVE);
    s.open(INITIATIVE, &text);
    let deviating = text.replace("markets: [home]", "markets: [home, away]");
    s.change(INITIATIVE, 2, &deviating);
    let diagnostics = s.diagnostics(INITIATIVE);
    assert_eq!(diagnostics[0]["code"], "DV002", "{diagnostics}");
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": s.uri(INITIATIVE)}, "range": diagnostics[0]["range"], "context": {"diagnostics": [diagnostics[0]]}}),
    );
    let action = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Create the Exception")
        })
        .expect("an Exception action");
    insta::assert_snapshot!("exception_action", s.redact(action));
    // Apply it as an editor would: create the file and write its text.
    let ops = action["edit"]["documentChanges"].as_array().unwrap();
    let uri = ops[0]["uri"].as_str().unwrap();
    let path = PathBuf::from(uri.strip_prefix("file://").unwrap());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, ops[1]["edits"][0]["newText"].as_str().unwrap()).unwrap();
    std::fs::write(s.root.join(INITIATIVE), &deviating).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 1}]}),
    );
    assert_eq!(s.diagnostics(INITIATIVE), json!([]));
    let (code, out, _) = common::stratc_in(&s.root, &["check"]);
    assert_eq!((code, out.trim()), (0, "stratc: no problems found"));
    s.finish();
}

#[test]
fn symbols_of_a_file_and_of_the_workspace() {
    let mut s = Session::start();
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": s.uri("kpis/kpis.yaml")}}),
    );
    insta::assert_snapshot!("document_symbols", s.redact(&symbols["result"]));
    let found = s.request("workspace/symbol", json!({"query": "growth"}));
    let names: Vec<&str> = found["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["profitable-growth"]);
    s.finish();
}

#[test]
fn did_you_mean_and_missing_fields_have_quick_fixes() {
    let mut s = Session::start();
    let text = s.read(INITIATIVE);
    s.open(INITIATIVE, &text);
    let mut titles = Vec::new();
    // A misspelt role, then (a document that fails its schema is not
    // checked further) a missing required field.
    let misspelt = text.replace("owner: head-of-ecommerce", "owner: head-of-ecomerce");
    let missing = text.replace("type: product\n", "");
    for (version, broken) in [(2, misspelt), (3, missing)] {
        s.change(INITIATIVE, version, &broken);
        let diagnostics = s.diagnostics(INITIATIVE);
        for d in diagnostics.as_array().unwrap() {
            let actions = s.request("textDocument/codeAction", json!({"textDocument": {"uri": s.uri(INITIATIVE)}, "range": d["range"], "context": {"diagnostics": [d]}}));
            for a in actions["result"].as_array().unwrap() {
                let edit = &a["edit"]["changes"][s.uri(INITIATIVE)][0];
                titles.push(format!(
                    "{}: {} -> {}",
                    a["title"].as_str().unwrap(),
                    edit["range"],
                    edit["newText"]
                ));
            }
        }
    }
    titles.sort();
    titles.dedup();
    insta::assert_snapshot!("quick_fixes", titles.join("\n"));
    s.finish();
}

#[test]
fn files_outside_the_strategy_are_left_alone_and_new_files_join_it() {
    let mut s = Session::start();
    // A workflow file is YAML but not strategy: nothing is published for it.
    s.open(".github/workflows/ci.yaml", "on: push\njobs: {}\n");
    // A new, unsaved strategy file is checked with the rest.
    s.open("roles/new.yaml", "kind: Role\nid: cfo\nreports_to: cef\n");
    let diagnostics = s.diagnostics("roles/new.yaml");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `ceo`?"),
        "{diagnostics}"
    );
    // Closed without saving: it is gone again, and so are its problems.
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": s.uri("roles/new.yaml")}}),
    );
    assert_eq!(s.diagnostics("roles/new.yaml"), json!([]));
    s.finish();
}

/// A Scenario, an Experiment and two Brands whose references are graph
/// edges: go-to-definition works from each.
fn with_planning_kinds(root: &Path) {
    std::fs::write(
        root.join("planning.yaml"),
        "kind: Scenario\nid: downturn\nshocks:\n  - {kpi: cac, change_pct: 12, from: 2027-Q3}\n---\nkind: Experiment\nid: framing\nkpi: cac\nguardrails:\n  - {kpi: cac, max_adverse_pct: 2}\nvariants:\n  - {id: control}\nstatus: planned\n---\nkind: Brand\nid: umbrella\narchitecture: umbrella\n---\nkind: Brand\nid: sub\nparent: umbrella\narchitecture: sub_brand\n",
    )
    .unwrap();
}

#[test]
fn definition_from_scenario_experiment_and_brand_references() {
    let mut s = Session::start_with(with_planning_kinds, &[]);
    let text = s.read("planning.yaml");
    for (needle, offset, target) in [
        ("kpi: cac, change_pct", 6, "kpis/kpis.yaml"),
        ("kpi: cac, max_adverse", 6, "kpis/kpis.yaml"),
        ("parent: umbrella", 9, "planning.yaml"),
    ] {
        let definition = s.at(
            "textDocument/definition",
            "planning.yaml",
            &text,
            needle,
            offset,
            json!({}),
        );
        assert_eq!(
            definition["result"]["uri"],
            s.uri(target),
            "{needle}: {definition}"
        );
    }
    // The new rules reach the editor too: the guardrail repeats the primary KPI.
    let diagnostics = s.diagnostics("planning.yaml");
    assert!(
        diagnostics
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "PR030"),
        "{diagnostics}"
    );
    s.finish();
}
