//! `exception-stale`: a valid Exception covers no finding.
//! Reported by [`super::apply`], which waives the findings valid exceptions cover.

crate::rule! {
    "EX005" "exception-stale", Exceptions, Warning;
    summary: "A valid Exception covers no finding.";
    examples: "exception.yaml", "exception.yaml";
    doc: r#"## What it does
Reports an Exception that is valid (known rule and subject, approved by the
Accountable, not expired) but waives nothing, because its subject no longer
breaks the rule.

## Why it matters
Stale exceptions pile up and hide the real list of accepted deviations; worse,
a stale exception silently re-approves the deviation if it comes back.
"#;
    fix: r#"Delete the exception (the history stays in git).
"#;
}
