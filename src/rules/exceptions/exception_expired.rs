//! `exception-expired`: an Exception is past its `expires` date.
//! Reported by [`super::apply`], which waives the findings valid exceptions cover.

crate::rule! {
    "EX001" "exception-expired", Exceptions, Error;
    summary: "An Exception is past its `expires` date.";
    examples: "exception.yaml", "exception.yaml";
    doc: r#"## What it does
Compares each Exception's `expires` with the evaluation date (`--as-of`, the
`as_of` of stratc.yaml, or today). An expired exception no longer waives
anything: the deviation it covered is reported again.

## Why it matters
Exceptions are granted for a time ("clear the old stock before the ban"). When
the time is up, either the deviation ends or someone accountable renews the
approval; a forgotten exception quietly turns a one-off into policy.
"#;
    fix: r#"End the deviation (and delete the exception), or have the Accountable renew it
with a new `approved_on` and `expires`.
"#;
}
