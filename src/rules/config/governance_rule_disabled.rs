//! `governance-rule-disabled`: stratc.yaml tries to switch off or suppress a governance rule.
//! Reported by [`super::apply`], which applies stratc.yaml to the findings.

crate::rule! {
    "CF002" "governance-rule-disabled", Config, Warning;
    summary: "stratc.yaml tries to switch off or suppress a governance rule.";
    examples: "stratc.yaml", "stratc.yaml";
    doc: r#"## What it does
Governance rules (the unapproved deviations and `initiative-without-goal`) can
only be waived by an approved `Exception` for one subject. Setting one to
`off`, or suppressing it, is refused — its findings are still reported — and
the attempt is itself reported. Lowering one to `warning` is applied and
reported.

## Why it matters
Deviations from the strategy need the approval of the person accountable for
the decision. A one-line configuration change must not bypass that, and a
reviewer of the pull request must see it.
"#;
    fix: r#"Remove the setting, and record an `Exception` approved by the Accountable of
the decision for each deviation that is accepted.
"#;
}
