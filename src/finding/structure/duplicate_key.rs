//! `duplicate-key`: a mapping repeats the same key.
//! Found while loading, before the model exists.

crate::rule! {
    "ST002" "duplicate-key", Structure, Error;
    summary: "A mapping repeats the same key.";
    examples: "home.yaml", "home.yaml";
    doc: r#"## What it does
Reports a key written twice in the same mapping, for example two `status:` lines in one document.

## Why it matters
Most YAML tools silently keep the last value, so a reviewer reading the first one approves something other than what takes effect. stratc refuses to guess.
"#;
    fix: r#"Keep one of the two lines:

```yaml
kind: Initiative
id: nordics-entry
type: market_entry
status: in_progress
```
"#;
}
