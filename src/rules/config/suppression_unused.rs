//! `suppression-unused`: a suppression in stratc.yaml hides no finding.
//! Reported by [`super::apply`], which applies stratc.yaml to the findings.

crate::rule! {
    "CF004" "suppression-unused", Config, Warning;
    summary: "A suppression in stratc.yaml hides no finding.";
    examples: "stratc.yaml", "stratc.yaml";
    doc: r#"## What it does
Reports each valid suppression that matched no finding in this run.

## Why it matters
An unused suppression is dead configuration; if the problem comes back, it
will be hidden without anyone deciding so again.
"#;
    fix: r#"Delete the suppression.
"#;
}
