//! `dangling-reference`: a reference names an id that no document declares.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST009",
    name: "dangling-reference",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A reference names an id that no document declares.",
    doc: r#"# dangling-reference (ST009)

A reference names an id that no document declares.

## What it does
Checks every reference (objectives an initiative advances, markets, channels, segments, KPIs, playbooks, decisions, gates, categories, …) and reports ids that do not exist, with a "did you mean" suggestion.

## Why it matters
A reference to nothing breaks the chain from an initiative to the goals it is meant to serve, and every alignment and governance check downstream of it.

## Example that fails
```yaml
kind: Initiative
id: nordics-entry
advances: [win-nordic]   # the objective is `win-nordics`
```

## How to fix
```yaml
kind: Initiative
id: nordics-entry
advances: [win-nordics]
```
"#,
};
