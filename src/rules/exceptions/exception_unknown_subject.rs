//! `exception-unknown-subject`: an Exception's `subject` names no document.
//! Reported by [`super::apply`], which waives the findings valid exceptions cover.

crate::rule! {
    "EX003" "exception-unknown-subject", Exceptions, Error;
    summary: "An Exception's `subject` names no document.";
    examples: "exception.yaml", "exception.yaml";
    doc: r#"## What it does
Checks that the `subject` of every Exception is the id of a document in the
repository, with a "did you mean".

## Why it matters
An exception for a subject that does not exist waives nothing — usually the
subject was renamed and the deviation it was meant to cover is now reported
(or worse, the exception was copied to the wrong place).
"#;
    fix: r#"```yaml
subject: tent-clearance
```
"#;
}
