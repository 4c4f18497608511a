//! `suppression-expired`: a suppression in stratc.yaml is past its `expires` date.
//! Reported by [`super::apply`], which applies stratc.yaml to the findings.

crate::rule! {
    "CF003" "suppression-expired", Config, Warning;
    summary: "A suppression in stratc.yaml is past its `expires` date.";
    examples: "stratc.yaml", "stratc.yaml";
    doc: r#"## What it does
Reports each suppression whose `expires` is before the evaluation date. An
expired suppression no longer hides anything, so the findings it covered are
reported again.

## Why it matters
Suppressions are meant to be temporary ("until the Q3 clean-up"); an expiry
date makes sure someone looks again.
"#;
    fix: r#"Fix the findings and delete the suppression, or extend `expires` with a new
reason.
"#;
}
