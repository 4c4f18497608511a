//! `config-unknown-rule`: stratc.yaml names a rule or family that does not exist.
//! Reported by [`super::apply`], which applies stratc.yaml to the findings.

crate::rule! {
    "CF001" "config-unknown-rule", Config, Error;
    summary: "stratc.yaml names a rule or family that does not exist.";
    examples: "stratc.yaml", "stratc.yaml";
    doc: r#"## What it does
Checks every key of `rules:` and every `rule:` of `suppressions:` against the
rule codes, rule names and family names, with a "did you mean".

## Why it matters
A misspelled rule name in the configuration silently configures nothing: the
team believes a rule is relaxed (or tightened) when it is not.
"#;
    fix: r#"```yaml
rules:
  kpi-unused: off
```
"#;
}
