//! `not-utf8`: a strategy file is not UTF-8 text.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST005",
    name: "not-utf8",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A strategy file is not UTF-8 text.",
    doc: r#"# not-utf8 (ST005)

A strategy file is not UTF-8 text.

## What it does
Reports a file that is not valid UTF-8, with the position of the first invalid byte.

## Why it matters
Files saved in another encoding (often by spreadsheet tools) show garbled names and amounts; stratc cannot know what was meant.

## Example that fails
A file saved as Latin-1 containing `title: Marché français`.

## How to fix
Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).
"#,
};
