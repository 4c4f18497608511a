//! `duplicate-id`: two documents (or two decisions, or two items of one document) share an id.
//! Found while loading, before the model exists.

crate::rule! {
    "ST008" "duplicate-id", Structure, Error;
    summary: "Two documents (or two decisions, or two items of one document) share an id.";
    examples: "markets/germany.yaml", "markets/at.yaml";
    doc: r#"## What it does
Reports an id used by more than one document in the repository, a decision id declared twice, and item ids (gates, categories, tiers, integrations, dashboards) repeated inside one document. Both places are shown.

## Why it matters
References resolve by id; with two documents of the same id, every reference silently picks one of them and the other is ignored.
"#;
    fix: r#"Give the second document its own id and update the references to it:

```yaml
kind: Objective
id: eu-growth-2028
```
"#;
}
