//! The committed schemas as an editor sees them: the real yaml-language-server
//! (npm, pinned in `tests/yaml-ls/`, installed by `.ci/run`) over stdio, on
//! the `stratc init` starter (schemas mapped by `.vscode/settings.json`) and
//! on `examples/acme` (per-document modelines). Under `CI=true` a missing
//! server fails the test instead of skipping it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::lsp_client::Client;
use serde_json::{Value, json};

/// Long enough for node to start and read the schemas on a busy machine.
const WAIT: Duration = Duration::from_secs(60);

fn server() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/yaml-ls/node_modules/yaml-language-server/bin/yaml-language-server");
    let found = path.is_file() && Command::new("node").arg("--version").output().is_ok();
    if found {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "yaml-language-server is not installed: run `npm ci` in tests/yaml-ls (as .ci/run does)"
    );
    println!("note: yaml-language-server is not installed (npm ci in tests/yaml-ls); skipping");
    None
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

struct Editor {
    client: Client,
    version: i64,
}

impl Editor {
    /// yaml-language-server on `root`, with `schemas` as its `yaml.schemas`
    /// setting (what VS Code sends from `.vscode/settings.json`).
    fn start(root: &Path, schemas: Value) -> Editor {
        let mut command = Command::new("node");
        command
            .arg(server().unwrap())
            .arg("--stdio")
            .current_dir(root);
        let settings = json!({
            "validate": true,
            "hover": true,
            "completion": true,
            "schemas": schemas,
            "schemaStore": {"enable": false},
        });
        let answer_with = settings.clone();
        let client = Client::start(command, move |method, params| match method {
            "workspace/configuration" => Value::Array(
                params["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|item| match item["section"].as_str() {
                        Some("yaml") => answer_with.clone(),
                        Some("[yaml]") | Some("editor") => json!({}),
                        _ => Value::Null,
                    })
                    .collect(),
            ),
            _ => Value::Null,
        });
        let mut editor = Editor { client, version: 0 };
        let root_uri = uri(root);
        editor.client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "strategy"}],
                "capabilities": {
                    "workspace": {"configuration": true},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                },
            }),
            WAIT,
        );
        editor.client.notify("initialized", json!({}));
        editor.client.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"yaml": settings}}),
        );
        editor
    }

    /// Opens `path` with `text` and returns the first diagnostics that
    /// `done` accepts (yaml-language-server may publish before the schema
    /// is read); panics with the last ones after the wait.
    fn diagnostics(
        &mut self,
        path: &Path,
        text: &str,
        done: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        self.version += 1;
        let file = uri(path);
        self.client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": file, "languageId": "yaml", "version": self.version, "text": text}}),
        );
        let mut last = Vec::new();
        while let Some(message) = self.client.wait_for(WAIT, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(file)
        }) {
            last = message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if done(&last) {
                break;
            }
        }
        self.client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": file}}),
        );
        last
    }

    fn hover(&mut self, path: &Path, text: &str, line: usize, character: usize) -> String {
        self.version += 1;
        let file = uri(path);
        self.client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": file, "languageId": "yaml", "version": self.version, "text": text}}),
        );
        // The schema is read when the file is validated first.
        let _ = self.client.wait_for(WAIT, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(file)
        });
        let response = self.client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": file}, "position": {"line": line, "character": character}}),
            WAIT,
        );
        self.client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": file}}),
        );
        response["result"]["contents"].to_string()
    }
}

/// The 0-based line of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?}"))
}

fn on_line(diagnostics: &[Value], line: usize) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d["range"]["start"]["line"] == json!(line))
        .map(|d| d["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The three checks on one repository: an error in the third document of
/// `multi`, hover on an initiative's `start`, an impossible `start` date.
fn editor_checks(editor: &mut Editor, root: &Path, multi: &str, initiative: &str) {
    // An unknown field in the third document of a multi-document file.
    let path = root.join(multi);
    let text = std::fs::read_to_string(&path).unwrap();
    let starts: Vec<usize> = text.match_indices("\n---\n").map(|(i, _)| i + 5).collect();
    assert!(starts.len() >= 2, "{multi} has fewer than three documents");
    // After the document's leading comments (its modeline, in acme).
    let mut third = starts[1];
    while text[third..].starts_with('#') {
        third += text[third..].find('\n').unwrap() + 1;
    }
    let planted = format!(
        "{}titel: A misspelt field\n{}",
        &text[..third],
        &text[third..]
    );
    let line = text[..third].lines().count();
    let found = editor.diagnostics(&path, &planted, |d| !on_line(d, line).is_empty());
    assert!(
        on_line(&found, line).iter().any(|m| m.contains("titel")),
        "no error for the third document's `titel` on line {line} of {multi}: {found:#?}"
    );
    // The clean file has no schema error in any document.
    let clean = editor.diagnostics(&path, &text, |d| d.is_empty());
    assert!(clean.is_empty(), "{multi}: {clean:#?}");

    // Hover on `start` shows the field's description.
    let path = root.join(initiative);
    let text = std::fs::read_to_string(&path).unwrap();
    let line = line_of(&text, "start:");
    let hover = editor.hover(&path, &text, line, 2);
    assert!(hover.contains("Start date"), "hover on `start`: {hover}");

    // An impossible date is flagged.
    let bad = text
        .lines()
        .map(|l| {
            if l.starts_with("start:") {
                "start: 2027-13-45"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let found = editor.diagnostics(&path, &bad, |d| !on_line(d, line).is_empty());
    assert!(
        !on_line(&found, line).is_empty(),
        "`start: 2027-13-45` not flagged in {initiative}: {found:#?}"
    );
}

#[test]
fn the_init_starter_validates_every_document_in_the_editor() {
    if server().is_none() {
        return;
    }
    // Not under a hidden folder (`/tmp/.tmpXXXX`): yaml-language-server's
    // globs in `yaml.schemas` match no file below one.
    let dir = tempfile::Builder::new()
        .prefix("stratc-yaml-ls-")
        .tempdir()
        .unwrap();
    let (code, _, err) = common::stratc_in(dir.path(), &["init", "strategy"]);
    assert_eq!(code, 0, "{err}");
    let root = std::fs::canonicalize(dir.path().join("strategy")).unwrap();
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(".vscode/settings.json")).unwrap())
            .unwrap();
    let mut editor = Editor::start(&root, settings["yaml.schemas"].clone());
    editor_checks(
        &mut editor,
        &root,
        "roles/roles.yaml",
        "initiatives/launch-loyalty-program.yaml",
    );
}

#[test]
fn examples_acme_validates_every_document_in_the_editor() {
    if server().is_none() {
        return;
    }
    // Modelines only: no `yaml.schemas` setting.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let mut editor = Editor::start(&root, json!({}));
    editor_checks(
        &mut editor,
        &root,
        "roles/roles.yaml",
        "initiatives/nordics-market-entry.yaml",
    );
}
