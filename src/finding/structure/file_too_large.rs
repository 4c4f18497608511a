//! `file-too-large`: a strategy file is larger than `limits.max_file_bytes`.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST004",
    name: "file-too-large",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "A strategy file is larger than `limits.max_file_bytes`.",
    doc: r#"# file-too-large (ST004)

A strategy file is larger than `limits.max_file_bytes`.

## What it does
Reports a YAML file larger than the configured limit (4 MiB by default). The file is not read.

## Why it matters
Strategy documents are small; a huge file is usually a data export committed by mistake, and reading it slows every check.

## Example that fails
A 20 MB `exports/orders.yaml` inside the strategy repository.

## How to fix
Move the data out of the strategy folder, add it to `exclude` in `stratc.yaml`, or raise `limits.max_file_bytes`:

```yaml
exclude: ["exports/**"]
```
"#,
};
