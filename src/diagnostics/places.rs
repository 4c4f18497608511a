//! After the rules: every place a rule named as a document and a field path
//! becomes a byte span in its file. Rules never see spans; this is the one
//! step that looks them up, and only for the findings actually reported.

use crate::finding::{Finding, Label, Part, Pending};
use crate::model::{Document, Model};
use crate::source::Span;

/// Resolves every pending label of `findings` in place.
pub fn resolve(model: &Model, findings: &mut [Finding]) {
    for finding in findings {
        for label in finding.labels_mut() {
            resolve_label(model, label);
        }
    }
}

fn resolve_label(model: &Model, label: &mut Label) {
    let Some(pending) = label.pending.take() else {
        return;
    };
    label.span = match pending {
        Pending::Field { doc, pointer, part } => match model.docs.get(doc) {
            Some(d) => field_span(d, &model.sources.file(d.file).text, &pointer, part),
            None => Span::default(),
        },
        Pending::Config { pointer, key } => match &model.config_source {
            Some((_, tree)) => {
                let walked = tree.walk(&pointer);
                match (key, walked.key_span) {
                    (true, Some(k)) if walked.complete => k,
                    _ => walked.node.span,
                }
            }
            None => Span::default(),
        },
    };
}

fn field_span(doc: &Document, text: &str, pointer: &str, part: Part) -> Span {
    match part {
        Part::Value => doc.span(pointer),
        Part::Key => doc.key_span(pointer),
        Part::Text { start, end } => {
            // The YAML value may be quoted or a block scalar, so the parsed
            // text is looked up inside the value's span; when it is not
            // there verbatim (a quoted string with escapes), the whole value.
            let value = doc.span(pointer);
            let parsed = doc.tree().walk(pointer).node.as_str().unwrap_or("");
            let raw = text
                .get(value.start as usize..value.end as usize)
                .unwrap_or("");
            match raw.find(parsed).filter(|_| !parsed.is_empty()) {
                Some(at) => {
                    let base = value.start + at as u32;
                    Span::new(base + start, base + end)
                }
                None => value,
            }
        }
    }
}
