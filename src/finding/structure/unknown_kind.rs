//! `unknown-kind`: a document has no `kind`, or a kind stratc does not know.
//! Found while loading, before the model exists.

crate::rule! {
    "ST012" "unknown-kind", Structure, Error;
    summary: "A document has no `kind`, or a kind stratc does not know.";
    examples: "home.yaml", "home.yaml";
    doc: r#"## What it does
Reports a document without `kind` (or without `id`) and a `kind` that is not one of the document kinds, with a "did you mean" suggestion.

## Why it matters
Without a known kind the document cannot be validated or linked, so it would be ignored.
"#;
    fix: r#"```yaml
kind: Objective
id: eu-growth
```
"#;
}
