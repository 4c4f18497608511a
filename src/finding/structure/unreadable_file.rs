//! `unreadable-file`: a strategy file could not be read.
//! Found while loading, before the model exists.

crate::rule! {
    "ST011" "unreadable-file", Structure, Error;
    summary: "A strategy file could not be read.";
    examples: "stratc.yaml", "stratc.yaml";
    doc: r#"## What it does
Reports a file that was found but could not be read (permissions, a broken symbolic link, a file removed during the run).

## Why it matters
The documents in that file are missing from every check; the result would look clean while it is not.
"#;
    fix: r#"Fix the permissions or the link, or add the path to `exclude` in `stratc.yaml`.
"#;
}
