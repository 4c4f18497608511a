//! `unknown-kind`: a document has no `kind`, or a kind stratc does not know.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST012",
    name: "unknown-kind",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A document has no `kind`, or a kind stratc does not know.",
    doc: r#"# unknown-kind (ST012)

A document has no `kind`, or a kind stratc does not know.

## What it does
Reports a document without `kind` (or without `id`) and a `kind` that is not one of the document kinds, with a "did you mean" suggestion.

## Why it matters
Without a known kind the document cannot be validated or linked, so it would be ignored.

## Example that fails
```yaml
kind: Objectiv
id: eu-growth
```

## How to fix
```yaml
kind: Objective
id: eu-growth
```
"#,
};
