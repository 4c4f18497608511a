//! `unknown-role`: a field that names a Role names an id no Role has.
//! Reported while references are resolved (`model::build`).

crate::rule! {
    "GV003" "unknown-role", Governance, Error;
    summary: "A field that must name a Role names an id that no Role has.";
    examples: "decisions/commercial.yaml", "decisions/commercial.yaml";
    doc: r#"## What it does
Checks every field that names a Role — `owner`, `reports_to`, `successors`, the
Accountable, Responsible, Consulted and Informed of each decision, approvers of
gates and discount tiers, `approved_by`, `escalate_to`, playbook step owners,
data stewards — and reports ids that are not Roles, with a "did you mean".

## Why it matters
Decision rights only work when they name real roles: an approval by an unknown
role is no approval, and an escalation to an unknown role reaches nobody.
"#;
    fix: r#"Name an existing Role (or add the Role):

```yaml
    accountable: cco
```
"#;
}
