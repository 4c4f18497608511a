//! `dangling-reference`: a reference names an id that no document declares.
//! Found while loading, before the model exists.

crate::rule! {
    "ST009" "dangling-reference", Structure, Error;
    summary: "A reference names an id that no document declares.";
    examples: "entry.yaml", "entry.yaml";
    doc: r#"## What it does
Checks every reference (objectives an initiative advances, markets, channels, segments, KPIs, playbooks, decisions, gates, categories, …) and reports ids that do not exist, with a "did you mean" suggestion.

## Why it matters
A reference to nothing breaks the chain from an initiative to the goals it is meant to serve, and every alignment and governance check downstream of it.
"#;
    fix: r#"```yaml
kind: Initiative
id: nordics-entry
advances: [win-nordics]
```
"#;
}
