//! `wrong-kind-reference`: a reference names a document of the wrong kind.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST010",
    name: "wrong-kind-reference",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A reference names a document of the wrong kind.",
    doc: r#"# wrong-kind-reference (ST010)

A reference names a document of the wrong kind.

## What it does
Reports a reference whose id exists but belongs to a different kind than the field expects, e.g. an initiative that `advances` a Goal instead of an Objective.

## Why it matters
The link means something specific (an initiative advances objectives, which support goals); pointing it at the wrong kind skips a level of the strategy and breaks the alignment checks.

## Example that fails
```yaml
kind: Initiative
id: nordics-entry
advances: [profitable-growth]   # a Goal
```

## How to fix
Advance the objective that supports the goal:

```yaml
kind: Initiative
id: nordics-entry
advances: [win-nordics]
```
"#,
};
