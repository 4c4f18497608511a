//! `exception-unauthorized`: an Exception is approved by someone other than the Accountable of its decision.
//! Reported by [`super::apply`], which waives the findings valid exceptions cover.

crate::rule! {
    "EX002" "exception-unauthorized", Exceptions, Error;
    summary: "An Exception is approved by someone other than the Accountable of its decision.";
    examples: "exception.yaml", "exception.yaml";
    doc: r#"## What it does
Looks up the Exception's `decision` in the DecisionRights documents and
compares `approved_by` with that decision's single Accountable role. An
unauthorised exception waives nothing.

## Why it matters
The point of an exception is that the person answerable for the decision
accepted the risk. An approval by someone else — even a senior one — is not
the approval the decision rights ask for.
"#;
    fix: r#"Have the Accountable of the decision approve it:

```yaml
approved_by: cco
```
"#;
}
