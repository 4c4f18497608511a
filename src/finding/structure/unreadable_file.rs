//! `unreadable-file`: a strategy file could not be read.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST011",
    name: "unreadable-file",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A strategy file could not be read.",
    doc: r#"# unreadable-file (ST011)

A strategy file could not be read.

## What it does
Reports a file that was found but could not be read (permissions, a broken symbolic link, a file removed during the run).

## Why it matters
The documents in that file are missing from every check; the result would look clean while it is not.

## Example that fails
A symbolic link `goals/old.yaml` pointing at a deleted file.

## How to fix
Fix the permissions or the link, or add the path to `exclude` in `stratc.yaml`.
"#,
};
