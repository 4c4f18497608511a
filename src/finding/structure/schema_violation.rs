//! `schema-violation`: a document does not match the schema of its kind.
//! Found while loading, before the model exists.

crate::rule! {
    "ST006" "schema-violation", Structure, Error;
    summary: "A document does not match the schema of its kind.";
    examples: "home.yaml", "home.yaml";
    doc: r#"## What it does
Checks each document against the JSON Schema of its `kind`: required fields, types, allowed values, ranges (percentages 0–100) and unknown fields, with a "did you mean" suggestion for misspelled field names and values.

## Why it matters
A misspelled field is silently ignored by most tools, so the strategy says something other than what the author believes. The schema is generated from stratc's own types, so what passes is exactly what the rules understand.
"#;
    fix: r#"Use the allowed value and the right field name:

```yaml
kind: Initiative
id: dtc-loyalty
type: product
status: in_progress
advances: [grow-dtc-profitably]
budget: {amount: 250000, currency: EUR}
```
"#;
}
