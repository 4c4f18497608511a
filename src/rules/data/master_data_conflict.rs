//! `master-data-conflict`: one master-data attribute with two different
//! systems of record, across all DataPolicy documents.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::DataPolicy;
use crate::rules::ctx::Ctx;

crate::rule! {
    "DA003" "master-data-conflict", Data, Error;
    summary: "One master-data attribute has two different systems of record.";
    examples: "policies/pim-data.yaml", "policies/pim-data.yaml";
    doc: r#"## What it does
Collects the `master_data` entries of every DataPolicy. When the same
`attribute` is given a different `owner_system` than where it was first
declared (in this or another DataPolicy), the finding points at the second
`owner_system` and shows the first as a related place.

## Why it matters
A system of record is the one place whose value wins. Two owners for the same
attribute — the list price in the ERP and in the PIM — means two teams edit
it, integrations overwrite each other and reports disagree on what the price
was.
"#;
    fix: r#"Decide on one system of record; other systems receive the value from it:

```yaml
master_data:
  - {attribute: product.list-price, owner_system: sap-s4hana}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    // First declaration of each attribute: (document, index, owner system).
    let mut first: HashMap<&str, (DocId, usize, &str)> = HashMap::new();
    for (d, policy) in model.all::<DataPolicy>() {
        for (i, entry) in policy.master_data.iter().enumerate() {
            let attribute = entry.attribute.trim();
            let owner = entry.owner_system.trim();
            let (fd, fi, first_owner) = *first.entry(attribute).or_insert((d, i, owner));
            if first_owner == owner {
                continue;
            }
            let same_doc = if fd == d {
                String::new()
            } else {
                format!(" (in `{}`)", model.docs[fd].id())
            };
            out.push(
                ctx.finding(
                    &RULE,
                    d,
                    &format!("/master_data/{i}/owner_system"),
                    format!(
                        "`{attribute}` has two systems of record: `{owner}` here and `{first_owner}`{same_doc}"
                    ),
                )
                .related(ctx.related(
                    fd,
                    &format!("/master_data/{fi}/owner_system"),
                    format!("`{first_owner}` owns `{attribute}` here"),
                ))
                .help(format!(
                    "decide which system is the one source of `{attribute}`, keep that entry and \
                     remove the other (the other system receives the value from it)"
                )),
            );
        }
    }
}
