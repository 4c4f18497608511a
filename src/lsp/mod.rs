//! `stratc lsp`: the language server (SPEC section 9). One thread reads the
//! protocol's messages and counts the edits among them; edits only update
//! buffers, and the strategy is checked again once no message is waiting,
//! so a burst of keystrokes costs one check, not one per key. A check that
//! is running when a newer edit arrives stops at the next phase or rule
//! and is not published (stale work is cancelled). A request first brings
//! the check up to date, to the end, so answers always see the buffers.
//!
//! The top of the pipeline, beside `cli`: it reads an `Analysis` like every
//! renderer does and never changes how a strategy is checked.

mod complete;
pub mod convert;
mod features;
pub mod workspace;

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;

use crate::analysis;
use crate::error::Fatal;
use crate::load::CONFIG_FILE;
use crate::source::FileId;
use convert::{Refusal, uri_path};
use workspace::Workspace;

/// Environment variable that makes the `stratc/panic` request panic, so the
/// tests can show that a failing request does not stop the server.
pub const TEST_PANIC_ENV: &str = "STRATC_LSP_TEST_PANIC";

/// Environment variable: milliseconds every interruptible check waits
/// before it starts (watching for newer edits meanwhile), so the tests can
/// hold a check open long enough to interrupt it.
pub const TEST_SLOW_CHECK_ENV: &str = "STRATC_LSP_TEST_SLOW_CHECK_MS";

/// Environment variable: when set, each check logs how long its phases
/// took (`window/logMessage`, the editor's log of the server), as
/// `stratc check --timings` prints them; `bench/lsp.py` sets it.
pub const TIMINGS_ENV: &str = "STRATC_LSP_TIMINGS";

/// Serves one client over the connection until it says `exit`.
pub fn serve(connection: Connection) -> Result<(), Fatal> {
    let protocol = |e: lsp_server::ProtocolError| Fatal::Usage(format!("language server: {e}"));
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let root = workspace_root(&params);
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "stratc", "version": env!("CARGO_PKG_VERSION")},
    });
    connection.initialize_finish(id, result).map_err(protocol)?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    // One thread takes the client's messages as they come and counts the
    // edits among them, so a check of an older text can stop as soon as a
    // newer one is waiting (`Interrupt`) rather than run to its end.
    let waiting = Arc::new(AtomicUsize::new(0));
    let (forward, messages) = std::sync::mpsc::channel();
    let incoming = connection.receiver.clone();
    let counter = waiting.clone();
    std::thread::spawn(move || {
        for message in incoming {
            if is_edit(&message) {
                counter.fetch_add(1, Ordering::AcqRel);
            }
            if forward.send(message).is_err() {
                return;
            }
        }
    });
    let mut server = Server {
        connection: &connection,
        messages,
        waiting: waiting.clone(),
        interrupt: analysis::Interrupt::new(waiting),
        workspace: Workspace::new(root, analysis::Options::default()),
        published: HashMap::new(),
        next_request: 0,
        shut_down: false,
        slow_check: std::env::var(TEST_SLOW_CHECK_ENV)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(std::time::Duration::from_millis),
        timings: std::env::var_os(TIMINGS_ENV).is_some(),
    };
    if watch {
        server.register_watchers();
    }
    server.run().map_err(protocol)
}

/// Whether a message changes the text the strategy is checked from.
fn is_edit(message: &Message) -> bool {
    matches!(message, Message::Notification(n) if is_edit_method(&n.method))
}

fn is_edit_method(method: &str) -> bool {
    use lsp::notification as note;
    [
        note::DidOpenTextDocument::METHOD,
        note::DidChangeTextDocument::METHOD,
        note::DidCloseTextDocument::METHOD,
        note::DidChangeWatchedFiles::METHOD,
    ]
    .contains(&method)
}

/// The strategy root: the workspace folder, or the nearest folder above it
/// that holds `stratc.yaml`.
fn workspace_root(params: &lsp::InitializeParams) -> PathBuf {
    #[allow(deprecated)] // root_uri: older clients send only this
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| convert::path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(convert::path))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let folder = canonical(&folder);
    folder
        .ancestors()
        .find(|d| d.join(CONFIG_FILE).is_file())
        .map_or(folder.clone(), Path::to_path_buf)
}

/// The path as the file system names it (so an editor's path through a
/// symbolic link matches the root's).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "-".into()]),
            ..Default::default()
        }),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        ..Default::default()
    }
}

/// Whether a check may stop early for newer edits.
#[derive(Clone, Copy)]
enum Check {
    Interruptible,
    ToTheEnd,
}

struct Server<'c> {
    connection: &'c Connection,
    /// The client's messages, from the thread that counts the edits.
    messages: std::sync::mpsc::Receiver<Message>,
    /// Edits received and not handled yet.
    waiting: Arc<AtomicUsize>,
    interrupt: analysis::Interrupt,
    /// `shutdown` was answered: only `exit` is expected now.
    shut_down: bool,
    /// [`TEST_SLOW_CHECK_ENV`].
    slow_check: Option<std::time::Duration>,
    /// [`TIMINGS_ENV`].
    timings: bool,
    workspace: Workspace,
    /// The diagnostics last sent for each file, so only changes are sent
    /// and a file whose problems are fixed is cleared.
    published: HashMap<PathBuf, Vec<lsp::Diagnostic>>,
    next_request: i32,
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), lsp_server::ProtocolError> {
        // Check once before the first message: the first request then
        // finds the workspace loaded.
        self.check_and_publish(Check::Interruptible);
        loop {
            let Ok(message) = self.messages.recv() else {
                return Ok(());
            };
            if self.handle(message)? {
                return Ok(());
            }
            // Coalesce: take every message already waiting before checking.
            while let Ok(message) = self.messages.try_recv() {
                if self.handle(message)? {
                    return Ok(());
                }
            }
            if self.workspace.is_dirty() {
                self.check_and_publish(Check::Interruptible);
            }
        }
    }

    /// Handles one message; `true` when the client said `exit`.
    fn handle(&mut self, message: Message) -> Result<bool, lsp_server::ProtocolError> {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                if request.method == lsp::request::Shutdown::METHOD {
                    self.shut_down = true;
                    self.send(Message::Response(Response::new_ok(id, ())));
                    return Ok(false);
                }
                if self.shut_down {
                    self.send(Message::Response(Response::new_err(
                        id,
                        ErrorCode::InvalidRequest as i32,
                        "the server is shutting down".into(),
                    )));
                    return Ok(false);
                }
                let response = match self.answer(request) {
                    Ok(value) => Response::new_ok(id, value),
                    Err(refusal) => Response::new_err(id, refusal.code as i32, refusal.message),
                };
                self.send(Message::Response(response));
            }
            Message::Notification(notification) => {
                if notification.method == lsp::notification::Exit::METHOD {
                    return Ok(true);
                }
                if is_edit_method(&notification.method) {
                    self.waiting.fetch_sub(1, Ordering::AcqRel);
                }
                self.notified(notification);
            }
            // Answers to our own requests (watcher registration) need nothing.
            Message::Response(_) => {}
        }
        Ok(false)
    }

    fn send(&self, message: Message) {
        // A closed channel means the client is gone; the reader ends the loop.
        let _ = self.connection.sender.send(message);
    }

    fn notified(&mut self, n: Notification) {
        use lsp::notification as note;
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                    && let Some(path) = uri_path(&p.text_document.uri)
                {
                    self.workspace
                        .set_buffer(&path, Arc::from(p.text_document.text));
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                    && let Some(path) = uri_path(&p.text_document.uri)
                    // Full sync: the last change holds the whole text.
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.workspace.set_buffer(&path, Arc::from(change.text));
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                    && let Some(path) = uri_path(&p.text_document.uri)
                {
                    self.workspace.close_buffer(&path);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(n.params)
                {
                    for change in p.changes {
                        if let Some(path) = uri_path(&change.uri) {
                            self.workspace.file_changed(&path);
                        }
                    }
                }
            }
            // Saving changes nothing the buffer did not already hold.
            _ => {}
        }
    }

    /// Answers one request; a panic becomes an error answer and the server
    /// goes on from a fresh load.
    fn answer(&mut self, request: Request) -> Result<serde_json::Value, Refusal> {
        // A request sees the buffers as they are: the check runs to the end.
        if self.workspace.is_dirty() {
            self.check_and_publish(Check::ToTheEnd);
        }
        let method = request.method.clone();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            if method == "stratc/panic" && std::env::var_os(TEST_PANIC_ENV).is_some() {
                panic!("stratc/panic was asked for");
            }
            match self.workspace.analysis() {
                Some(analysis) => {
                    features::answer(&self.workspace, analysis, &method, request.params)
                }
                None => Err(Refusal {
                    code: ErrorCode::ContentModified,
                    message: "the strategy could not be loaded".into(),
                }),
            }
        }));
        outcome.unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Refusal {
                code: ErrorCode::InternalError,
                message: format!("stratc failed on {method}: {why}"),
            })
        })
    }

    /// Checks what changed and sends the diagnostics that differ from the
    /// last ones sent, for every file concerned.
    fn check_and_publish(&mut self, how: Check) {
        let interrupt = match how {
            Check::Interruptible => self.interrupt.clone(),
            Check::ToTheEnd => analysis::Interrupt::default(),
        };
        if let (Check::Interruptible, Some(slow)) = (how, self.slow_check) {
            let until = std::time::Instant::now() + slow;
            while std::time::Instant::now() < until && !interrupt.is_set() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
        let checked = std::panic::catch_unwind(AssertUnwindSafe(|| {
            self.workspace.check_until(&interrupt).is_ok()
        }));
        if !matches!(checked, Ok(true)) {
            self.workspace.reset();
            self.log(
                lsp::MessageType::ERROR,
                "stratc could not check the strategy; it will load it again on the next change",
            );
            return;
        }
        let Some(analysis) = self.workspace.analysis() else {
            return;
        };
        if self.timings {
            let phases: Vec<String> = analysis
                .timings
                .iter()
                .map(|p| format!("{} {:.1} ms", p.name, p.wall.as_secs_f64() * 1000.0))
                .collect();
            let message = format!("check: {}", phases.join(", "));
            self.log(lsp::MessageType::LOG, &message);
        }
        if analysis.interrupted {
            // A newer edit is waiting; its check publishes.
            return;
        }
        let sources = &analysis.model.sources;
        let mut now: HashMap<PathBuf, Vec<lsp::Diagnostic>> = HashMap::new();
        // A finding with no place of its own is shown on stratc.yaml, or
        // else on the root folder's first file.
        let fallback: Option<FileId> = analysis
            .model
            .config_file()
            .or((!sources.files.is_empty()).then_some(0));
        for finding in &analysis.findings {
            let mut finding = std::borrow::Cow::Borrowed(finding);
            if finding.primary.is_none() {
                let Some(file) = fallback else { continue };
                finding.to_mut().primary =
                    Some(crate::finding::Label::new(file, Default::default()));
            }
            if let Some(d) = convert::diagnostic(&finding, sources) {
                let file = finding.primary.as_ref().map_or(0, |l| l.file);
                now.entry(sources.file(file).full_path.clone())
                    .or_default()
                    .push(d);
            }
        }
        let mut changed: Vec<(PathBuf, Vec<lsp::Diagnostic>)> = Vec::new();
        for (path, old) in &self.published {
            if !now.contains_key(path) && !old.is_empty() {
                changed.push((path.clone(), Vec::new()));
            }
        }
        for (path, diagnostics) in &now {
            if self.published.get(path) != Some(diagnostics) {
                changed.push((path.clone(), diagnostics.clone()));
            }
        }
        changed.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, diagnostics) in changed {
            let params = lsp::PublishDiagnosticsParams {
                uri: convert::uri(&path),
                diagnostics,
                version: None,
            };
            self.send(Message::Notification(Notification::new(
                lsp::notification::PublishDiagnostics::METHOD.into(),
                params,
            )));
        }
        self.published = now;
    }

    fn log(&self, typ: lsp::MessageType, message: &str) {
        self.send(Message::Notification(Notification::new(
            lsp::notification::LogMessage::METHOD.into(),
            lsp::LogMessageParams {
                typ,
                message: message.into(),
            },
        )));
    }

    /// Asks the client to tell us about strategy files changed outside the
    /// editor (git checkouts, other tools).
    fn register_watchers(&mut self) {
        let watchers = ["**/*.yaml", "**/*.yml", "**/*.csv"]
            .into_iter()
            .map(|glob| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(glob.into()),
                kind: None,
            })
            .collect();
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "stratc-files".into(),
                method: lsp::notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(
                    lsp::DidChangeWatchedFilesRegistrationOptions { watchers },
                )
                .ok(),
            }],
        };
        self.next_request += 1;
        self.send(Message::Request(Request::new(
            RequestId::from(format!("stratc-{}", self.next_request)),
            lsp::request::RegisterCapability::METHOD.into(),
            params,
        )));
    }
}
