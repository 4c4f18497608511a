//! `wrong-kind-reference`: a reference names a document of the wrong kind.
//! Found while loading, before the model exists.

crate::rule! {
    "ST010" "wrong-kind-reference", Structure, Error;
    summary: "A reference names a document of the wrong kind.";
    examples: "entry.yaml", "entry.yaml";
    doc: r#"## What it does
Reports a reference whose id exists but belongs to a different kind than the field expects, e.g. an initiative that `advances` a Goal instead of an Objective.

## Why it matters
The link means something specific (an initiative advances objectives, which support goals); pointing it at the wrong kind skips a level of the strategy and breaks the alignment checks.
"#;
    fix: r#"Advance the objective that supports the goal:

```yaml
kind: Initiative
id: nordics-entry
advances: [win-nordics]
```
"#;
}
