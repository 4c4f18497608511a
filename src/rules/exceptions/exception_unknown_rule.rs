//! `exception-unknown-rule`: an Exception's `rule` names no rule.
//! Reported by [`super::apply`], which waives the findings valid exceptions cover.

crate::rule! {
    "EX004" "exception-unknown-rule", Exceptions, Error;
    summary: "An Exception's `rule` names no rule.";
    examples: "exception.yaml", "exception.yaml";
    doc: r#"## What it does
Checks that the `rule` of every Exception is the name (or code) of a stratc
rule, with a "did you mean". `stratc explain --list` lists them all.

## Why it matters
An exception for a misspelled rule waives nothing, and the deviation it was
meant to cover stays an error.
"#;
    fix: r#"```yaml
rule: discount-above-policy
```
"#;
}
