//! The YAML loader on raw bytes: never panics, and every span it reports
//! (and the error position) lies inside the text, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratc::load::yaml::{Limits, Node, Value, parse_documents};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Small limits reach the budget paths quickly.
    let limits = Limits {
        max_depth: 16,
        max_nodes: 2_000,
        max_aliases: 50,
    };
    match parse_documents(text, limits) {
        Ok(docs) => {
            for doc in &docs {
                check_spans(text, doc);
                let _ = doc.to_json();
            }
        }
        Err(e) => {
            if let Some(offset) = e.offset {
                assert!(offset as usize <= text.len(), "error offset {offset} past the end");
            }
            if let Some((line, col)) = e.line_col {
                assert!(line >= 1 && col >= 1, "{e:?}");
            }
            assert!(!e.message.is_empty());
        }
    }
});

fn check_spans(text: &str, node: &Node) {
    let mut todo = vec![node];
    while let Some(node) = todo.pop() {
        let (start, end) = (node.span.start as usize, node.span.end as usize);
        assert!(start <= end && end <= text.len(), "span {start}..{end} of {}", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        match &node.value {
            Value::Seq(items) => todo.extend(items),
            Value::Map(entries) => {
                for e in entries {
                    let (ks, ke) = (e.key_span.start as usize, e.key_span.end as usize);
                    assert!(ks <= ke && ke <= text.len());
                    assert!(text.is_char_boundary(ks) && text.is_char_boundary(ke));
                    todo.push(&e.value);
                }
            }
            _ => {}
        }
    }
}
