//! `unknown-role`: a field that names a Role names an id no Role has.
//! Reported while references are resolved (`model::build`).

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "GV003",
    name: "unknown-role",
    family: Family::Governance,
    default_severity: Severity::Error,
    governance: false,
    summary: "A field that must name a Role names an id that no Role has.",
    doc: r#"# unknown-role (GV003)

A field that must name a Role names an id that no Role has.

## What it does
Checks every field that names a Role — `owner`, `reports_to`, `successors`, the
Accountable, Responsible, Consulted and Informed of each decision, approvers of
gates and discount tiers, `approved_by`, `escalate_to`, playbook step owners,
data stewards — and reports ids that are not Roles, with a "did you mean".

## Why it matters
Decision rights only work when they name real roles: an approval by an unknown
role is no approval, and an escalation to an unknown role reaches nobody.

## Example that fails
```yaml
kind: DecisionRights
id: pricing-rights
decisions:
  - id: pricing.exception
    accountable: chief-comercial-officer   # the Role is `cco`
    responsible: [pricing-manager]
```

## How to fix
Name an existing Role (or add the Role):

```yaml
    accountable: cco
```
"#,
};
