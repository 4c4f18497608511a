//! `yaml-syntax`: the file is not valid YAML.
//! Found while loading, before the model exists.

crate::rule! {
    "ST001" "yaml-syntax", Structure, Error;
    summary: "The file is not valid YAML.";
    examples: "home.yaml", "home.yaml";
    doc: r#"## What it does
Reports a file that the YAML parser cannot read: an unclosed bracket or quote, a tab used for indentation, a key without a colon, text indented inconsistently.

## Why it matters
Nothing in a file that cannot be read is checked, so every rule silently skips the documents in it. A syntax error usually hides a real edit that was meant to change the strategy.
"#;
    fix: r#"Close the bracket (or quote) and keep indentation to spaces:

```yaml
kind: Initiative
id: eu-marketplace-push
advances: [grow-eu-share]
status: proposed
```
"#;
}
