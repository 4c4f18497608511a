//! `duplicate-id`: two documents (or two decisions, or two items of one document) share an id.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST008",
    name: "duplicate-id",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "Two documents (or two decisions, or two items of one document) share an id.",
    doc: r#"# duplicate-id (ST008)

Two documents (or two decisions, or two items of one document) share an id.

## What it does
Reports an id used by more than one document in the repository, a decision id declared twice, and item ids (gates, categories, tiers, integrations, dashboards) repeated inside one document. Both places are shown.

## Why it matters
References resolve by id; with two documents of the same id, every reference silently picks one of them and the other is ignored.

## Example that fails
```yaml
# objectives/eu-growth.yaml
kind: Objective
id: eu-growth
---
# objectives/eu-growth-2028.yaml
kind: Objective
id: eu-growth
```

## How to fix
Give the second document its own id and update the references to it:

```yaml
kind: Objective
id: eu-growth-2028
```
"#,
};
