//! `duplicate-key`: a mapping repeats the same key.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST002",
    name: "duplicate-key",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A mapping repeats the same key.",
    doc: r#"# duplicate-key (ST002)

A mapping repeats the same key.

## What it does
Reports a key written twice in the same mapping, for example two `status:` lines in one document.

## Why it matters
Most YAML tools silently keep the last value, so a reviewer reading the first one approves something other than what takes effect. stratc refuses to guess.

## Example that fails
```yaml
kind: Initiative
id: nordics-entry
status: proposed
type: market_entry
status: in_progress
```

## How to fix
Keep one of the two lines:

```yaml
kind: Initiative
id: nordics-entry
type: market_entry
status: in_progress
```
"#,
};
