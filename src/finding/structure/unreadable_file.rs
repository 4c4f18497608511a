//! `unreadable-file`: a strategy file could not be read.
//! Found while loading, before the model exists.

crate::rule! {
    "ST011" "unreadable-file", Structure, Error;
    summary: "A strategy file could not be read.";
    examples described:
        "`markets/de.yaml` is a symbolic link to a file that was deleted, or the file's \
         permissions do not let the user running stratc read it.",
        "Every `.yaml` file under the strategy folder can be opened and read.";
    doc: r#"## What it does
Reports a file that was found but could not be read (permissions, a broken symbolic link, a file removed during the run).

## Why it matters
The documents in that file are missing from every check; the result would look clean while it is not.
"#;
    fix: r#"Fix the permissions or the link, or add the path to `exclude` in `stratc.yaml`.
"#;
}
