//! `unknown-audience-role`: a scorecard audience or dashboard role that is
//! not a Role. Reported while references are resolved (`model::build`).

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "GV010",
    name: "unknown-audience-role",
    family: Family::Governance,
    default_severity: Severity::Error,
    governance: false,
    summary: "A scorecard audience or a dashboard role names an id that no Role has.",
    doc: r#"# unknown-audience-role (GV010)

A scorecard audience or a dashboard role names an id that no Role has.

## What it does
Checks `audience` of every Scorecard and `roles` of every dashboard in a
DataPolicy against the Roles of the repository.

## Why it matters
Scorecards and dashboards are shared on a need-to-know basis. An audience that
names no role means the review has no one to read it — or that access is
granted to a group nobody can identify.

## Example that fails
```yaml
kind: Scorecard
id: qbr-commerce
audience: [cco, head-of-finanse]   # the Role is `head-of-finance`
sections:
  - title: Growth
    kpis: [revenue]
```

## How to fix
```yaml
audience: [cco, head-of-finance]
```
"#,
};
