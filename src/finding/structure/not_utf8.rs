//! `not-utf8`: a strategy file is not UTF-8 text.
//! Found while loading, before the model exists.

crate::rule! {
    "ST005" "not-utf8", Structure, Error;
    summary: "A strategy file is not UTF-8 text.";
    examples described:
        "`pricing/policy.yaml` was exported from a spreadsheet in Windows-1252: the `é` of \
         `Décathlon` is the single byte `0xE9`, which is not UTF-8.",
        "The same file saved as UTF-8, where `é` is the two bytes `0xC3 0xA9`.";
    doc: r#"## What it does
Reports a file that is not valid UTF-8, with the position of the first invalid byte.

## Why it matters
Files saved in another encoding (often by spreadsheet tools) show garbled names and amounts; stratc cannot know what was meant.
"#;
    fix: r#"Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).
"#;
}
