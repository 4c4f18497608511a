//! `malformed-value`: an id, period, date or currency code is not in the expected format.
//! Found while loading, before the model exists.

use crate::finding::Severity;
use crate::finding::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "ST007",
    name: "malformed-value",
    family: Family::Structure,
    default_severity: Severity::Error,
    governance: false,
    summary: "An id, period, date or currency code is not in the expected format.",
    doc: r#"# malformed-value (ST007)

An id, period, date or currency code is not in the expected format.

## What it does
Checks formats the schema cannot express clearly: ids are kebab-case (`[a-z0-9][a-z0-9-]*`, dots allowed in decision ids), periods are `2027`, `2027-Q1` or `2027-03`, dates are real ISO dates (`2027-03-31`), currency codes are ISO 4217 (`EUR`, `USD`).

## Why it matters
Ids are used in links, file names and references; periods and dates drive every time-based check. A date like `2027-02-30` or a currency like `EURO` would otherwise be compared as text and give wrong answers.

## Example that fails
```yaml
kind: Market
id: Nordics_Region
currency: EURO
```

## How to fix
```yaml
kind: Market
id: nordics
currency: EUR
```
"#,
};
