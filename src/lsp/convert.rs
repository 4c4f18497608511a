//! Between stratc's places and the protocol's: byte offsets and UTF-16
//! positions, paths and `file:` URIs, findings and diagnostics.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types as lsp;

use crate::finding::{Finding, Label, Severity};
use crate::source::{SourceFile, Span};

/// The protocol position (line, UTF-16 units) of a byte offset.
pub fn position(file: &SourceFile, offset: u32) -> lsp::Position {
    let offset = offset.min(file.text.len() as u32);
    let line = file.line_col(offset).line - 1;
    let start = file.line_span(offset).start as usize;
    let mut end = offset as usize;
    while !file.text.is_char_boundary(end) {
        end -= 1;
    }
    let character = file.text[start.min(end)..end].encode_utf16().count() as u32;
    lsp::Position { line, character }
}

/// The byte offset of a protocol position; past the end of a line is the
/// end of that line, past the last line the end of the text.
pub fn offset(file: &SourceFile, position: lsp::Position) -> u32 {
    let start = file.offset_of(position.line + 1, 1);
    let rest = &file.text[start as usize..];
    let mut units = 0;
    for (i, c) in rest.char_indices() {
        if c == '\n' || units >= position.character {
            return start + i as u32;
        }
        units += c.len_utf16() as u32;
    }
    file.text.len() as u32
}

pub fn range(file: &SourceFile, span: Span) -> lsp::Range {
    lsp::Range {
        start: position(file, span.start),
        end: position(file, span.end),
    }
}

/// `file:` URI of an absolute path (RFC 8089), percent-encoding what a URI
/// path cannot hold.
pub fn uri(path: &Path) -> lsp::Uri {
    let mut text = String::from("file://");
    let path = path.to_string_lossy().replace('\\', "/");
    if !path.starts_with('/') {
        text.push('/');
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' | b':' => {
                text.push(b as char)
            }
            _ => text.push_str(&format!("%{b:02X}")),
        }
    }
    #[allow(clippy::expect_used, reason = "`file:///` is a constant, valid URI")]
    lsp::Uri::from_str(&text)
        .unwrap_or_else(|_| lsp::Uri::from_str("file:///").expect("a valid URI"))
}

/// The path of a `file:` URI; `None` for other schemes (unsaved buffers).
pub fn path(uri: &lsp::Uri) -> Option<PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host is ours.
    let text = &text[text.find('/')?..];
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    let decoded = String::from_utf8(out).ok()?;
    // Windows drive letters come as `/c:/...`.
    let decoded = match decoded.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() && cfg!(windows) => decoded[1..].to_owned(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

/// A place as a protocol location.
pub fn location(file: &SourceFile, span: Span) -> lsp::Location {
    lsp::Location {
        uri: uri(&file.full_path),
        range: range(file, span),
    }
}

/// A finding as the editor shows it: the same code, message, related places
/// and help as `stratc check`, with a link to the rule's page.
pub fn diagnostic(finding: &Finding, sources: &crate::source::Sources) -> Option<lsp::Diagnostic> {
    let primary = finding.primary.as_ref()?;
    let file = sources.files.get(primary.file as usize)?;
    let mut message = finding.message.clone();
    if let Some(text) = &primary.text {
        message.push_str(&format!(" ({text})"));
    }
    if !finding.escalation.is_empty() {
        message.push_str(&format!(
            "\nescalate to: {}",
            finding.escalation.join(" → ")
        ));
    }
    if let Some(help) = &finding.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|label| related(label, sources))
        .collect();
    Some(lsp::Diagnostic {
        range: range(file, primary.span),
        severity: Some(match finding.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(finding.rule.code.to_owned())),
        code_description: lsp::Uri::from_str(&finding.rule.docs_url())
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some(format!("stratc {}", finding.rule.name)),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({
            "rule": finding.rule.name,
            "subject": finding.subject,
            "decision": finding.decision,
            "help": finding.help,
        })),
    })
}

fn related(
    label: &Label,
    sources: &crate::source::Sources,
) -> Option<lsp::DiagnosticRelatedInformation> {
    let file = sources.files.get(label.file as usize)?;
    Some(lsp::DiagnosticRelatedInformation {
        location: location(file, label.span),
        message: label.text.clone().unwrap_or_else(|| "related".into()),
    })
}

/// The path of a document URI, canonical when the file exists (a new,
/// unsaved file keeps its parent's canonical form).
pub(crate) fn uri_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let path = self::path(uri)?;
    if let Ok(p) = std::fs::canonicalize(&path) {
        return Some(p);
    }
    match std::fs::canonicalize(path.parent()?) {
        Ok(parent) => Some(parent.join(path.file_name()?)),
        Err(_) => Some(path),
    }
}

/// Why a request could not be answered.
pub(crate) struct Refusal {
    pub(crate) code: lsp_server::ErrorCode,
    pub(crate) message: String,
}

impl Refusal {
    pub(crate) fn invalid(message: impl Into<String>) -> Refusal {
        Refusal {
            code: lsp_server::ErrorCode::InvalidParams,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        // '₂' is three bytes and one UTF-16 unit; '𝔼' four bytes and two units.
        let f = SourceFile::new(
            "a.yaml".into(),
            "/r/a.yaml".into(),
            "title: CO₂e 𝔼x\nid: y\n".into(),
        );
        let x = f.text.find('x').unwrap() as u32;
        assert_eq!(
            position(&f, x),
            lsp::Position {
                line: 0,
                character: 14
            }
        );
        assert_eq!(
            offset(
                &f,
                lsp::Position {
                    line: 0,
                    character: 14
                }
            ),
            x
        );
        let y = f.text.find('y').unwrap() as u32;
        assert_eq!(
            position(&f, y),
            lsp::Position {
                line: 1,
                character: 4
            }
        );
        assert_eq!(
            offset(
                &f,
                lsp::Position {
                    line: 1,
                    character: 4
                }
            ),
            y
        );
        // Past the end of a line: the end of that line.
        assert_eq!(
            offset(
                &f,
                lsp::Position {
                    line: 1,
                    character: 99
                }
            ),
            y + 1
        );
    }

    #[test]
    fn file_uris_round_trip() {
        let p = Path::new("/tmp/strat egy/CO₂e.yaml");
        let u = uri(p);
        assert_eq!(u.as_str(), "file:///tmp/strat%20egy/CO%E2%82%82e.yaml");
        assert_eq!(path(&u).unwrap(), p);
    }
}
