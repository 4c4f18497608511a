//! A language-server client over stdio for tests: starts a server, frames
//! JSON-RPC messages, answers the server's own requests, and waits for a
//! message with a timeout. Any server will do (`stratc lsp`, the npm
//! yaml-language-server).

#![allow(dead_code, reason = "each test binary uses what it needs")]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Answers one request of the server: method and params in, result out.
type Answer = Box<dyn Fn(&str, &Value) -> Value>;

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages received while waiting for something else, not yet read.
    pub unread: VecDeque<Value>,
    next_id: i64,
    /// Answers the server's requests (`workspace/configuration`, ...):
    /// method and params in, result out.
    answer: Answer,
}

impl Client {
    /// Starts `command` with its stdin and stdout as the connection.
    pub fn start(mut command: Command, answer: impl Fn(&str, &Value) -> Value + 'static) -> Client {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the language server starts");
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
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            unread: VecDeque::new(),
            next_id: 0,
            answer: Box::new(answer),
        }
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server, answering its requests on the way.
    fn receive(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            };
            if let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) {
                let result = (self.answer)(method, &message["params"]);
                let id = id.clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            return Some(message);
        }
    }

    /// Sends a request and waits for its response.
    pub fn request(&mut self, method: &str, params: Value, wait: Duration) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + wait;
        while let Some(message) = self.receive(deadline) {
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.unread.push_back(message);
        }
        panic!("no response to {method} within {wait:?}");
    }

    /// Waits for a message `wanted` accepts (unread ones first); `None`
    /// after `wait`.
    pub fn wait_for(&mut self, wait: Duration, wanted: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.unread.iter().position(&wanted) {
            return self.unread.remove(i);
        }
        let deadline = Instant::now() + wait;
        while let Some(message) = self.receive(deadline) {
            if wanted(&message) {
                return Some(message);
            }
            self.unread.push_back(message);
        }
        None
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
