//! `malformed-value`: an id, period, date or currency code is not in the expected format.
//! Found while loading, before the model exists.

crate::rule! {
    "ST007" "malformed-value", Structure, Error;
    summary: "An id, period, date or currency code is not in the expected format.";
    examples: "markets.yaml", "markets.yaml";
    doc: r#"## What it does
Checks formats the schema cannot express clearly: ids are kebab-case (`[a-z0-9][a-z0-9-]*`, dots allowed in decision ids), periods are `2027`, `2027-Q1` or `2027-03`, dates are real ISO dates (`2027-03-31`), currency codes are ISO 4217 (`EUR`, `USD`).

## Why it matters
Ids are used in links, file names and references; periods and dates drive every time-based check. A date like `2027-02-30` or a currency like `EURO` would otherwise be compared as text and give wrong answers.
"#;
    fix: r#"```yaml
kind: Market
id: nordics
currency: EUR
```
"#;
}
