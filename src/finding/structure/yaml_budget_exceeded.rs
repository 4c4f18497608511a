//! `yaml-budget-exceeded`: the file exceeds a YAML budget: alias expansion, nesting depth or node count.
//! Found while loading, before the model exists.

crate::rule! {
    "ST003" "yaml-budget-exceeded", Structure, Error;
    summary: "The file exceeds a YAML budget: alias expansion, nesting depth or node count.";
    examples: "bomb.yaml", "home.yaml";
    doc: r#"## What it does
Reports a file whose aliases expand to too many values (an "alias bomb"), that nests deeper than `limits.max_depth`, or that holds more than `limits.max_nodes` values. The limits are set in `stratc.yaml`.

## Why it matters
A few lines of YAML aliases can expand to billions of values and stop every CI job that reads the repository. Strategy documents never need that; the budget keeps the tool fast and safe on any input.
"#;
    fix: r#"Write the values out instead of multiplying them through aliases, split very large files, or raise the limits in `stratc.yaml`:

```yaml
limits:
  max_nodes: 500000
  max_depth: 64
```
"#;
}
