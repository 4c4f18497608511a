//! `schema-violation`: a document does not match the schema of its kind.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST006",
    name: "schema-violation",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A document does not match the schema of its kind.",
    doc: r#"# schema-violation (ST006)

A document does not match the schema of its kind.

## What it does
Checks each document against the JSON Schema of its `kind`: required fields, types, allowed values, ranges (percentages 0–100) and unknown fields, with a "did you mean" suggestion for misspelled field names and values.

## Why it matters
A misspelled field is silently ignored by most tools, so the strategy says something other than what the author believes. The schema is generated from stratc's own types, so what passes is exactly what the rules understand.

## Example that fails
```yaml
kind: Initiative
id: dtc-loyalty
type: product
status: in_flight
advances: [grow-dtc-profitably]
budgett: {amount: 250000, currency: EUR}
```

## How to fix
Use the allowed value and the right field name:

```yaml
kind: Initiative
id: dtc-loyalty
type: product
status: in_progress
advances: [grow-dtc-profitably]
budget: {amount: 250000, currency: EUR}
```
"#,
};
