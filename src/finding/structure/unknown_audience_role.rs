//! `unknown-audience-role`: a scorecard audience or dashboard role that is
//! not a Role. Reported while references are resolved (`model::build`).

crate::rule! {
    "GV010" "unknown-audience-role", Governance, Error;
    summary: "A scorecard audience or a dashboard role names an id that no Role has.";
    examples: "policies/data-policy.yaml", "policies/data-policy.yaml";
    doc: r#"## What it does
Checks `audience` of every Scorecard and `roles` of every dashboard in a
DataPolicy against the Roles of the repository.

## Why it matters
Scorecards and dashboards are shared on a need-to-know basis. An audience that
names no role means the review has no one to read it — or that access is
granted to a group nobody can identify.
"#;
    fix: r#"```yaml
audience: [cco, head-of-finance]
```
"#;
}
