//! `file-too-large`: a strategy file is larger than `limits.max_file_bytes`.
//! Found while loading, before the model exists.

crate::rule! {
    "ST004" "file-too-large", Structure, Error;
    summary: "A strategy file is larger than `limits.max_file_bytes`.";
    examples: "home.yaml", "home.yaml";
    doc: r#"## What it does
Reports a YAML file larger than the configured limit (4 MiB by default). The file is not read.

## Why it matters
Strategy documents are small; a huge file is usually a data export committed by mistake, and reading it slows every check.
"#;
    fix: r#"Move the data out of the strategy folder, add it to `exclude` in `stratc.yaml`, or raise `limits.max_file_bytes`:

```yaml
exclude: ["exports/**"]
```
"#;
}
