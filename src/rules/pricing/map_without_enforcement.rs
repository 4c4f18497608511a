//! `map-without-enforcement`: a minimum advertised price rule that nobody
//! monitors or that carries no sanctions.

use super::ratio_text;
use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "PR005" "map-without-enforcement", Pricing, Error;
    summary: "A minimum advertised price rule has no monitoring or no sanctions.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
Checks every rule in a PricingPolicy's `map` list for a `monitoring`
frequency (daily, weekly or monthly) and at least one entry in `sanctions`
(the escalating steps taken against a partner who advertises below the
minimum). The finding points at the MAP rule and says what is missing.

## Why it matters
A minimum advertised price only protects the brand and the margin when
someone checks advertised prices and partners know what happens when they
undercut. Without monitoring violations go unseen; without sanctions they
go unanswered, and the compliant partners pay for it.
"#;
    fix: r#"Say how often prices are checked and what happens on a violation:

```yaml
map:
  - categories: [technical-apparel]
    min_price_ratio: 0.80
    monitoring: daily
    sanctions:
      - Written notice with 72 hours to correct the price
      - Suspension of co-op funds for the quarter
      - Termination of the reseller authorisation
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, policy) in ctx.model.all::<PricingPolicy>() {
        for (r, rule) in policy.map.iter().enumerate() {
            let ratio = ratio_text(rule.min_price_ratio);
            let (missing, consequence) =
                match (rule.monitoring.is_none(), rule.sanctions.is_empty()) {
                    (false, false) => continue,
                    (true, false) => (
                        "no `monitoring`",
                        format!(
                            "nobody checks whether partners advertise below {ratio} of list price"
                        ),
                    ),
                    (false, true) => (
                        "no `sanctions`",
                        format!(
                            "partners who advertise below {ratio} of list price face no consequence"
                        ),
                    ),
                    (true, true) => (
                        "neither `monitoring` nor `sanctions`",
                        format!(
                            "nobody checks advertised prices and advertising below {ratio} of list \
                         price has no consequence"
                        ),
                    ),
                };
            let mut covers = match rule.categories.len() {
                0 => String::new(),
                1 => format!(" (category {})", id_list(&rule.categories)),
                _ => format!(" (categories {})", id_list(&rule.categories)),
            };
            // A MAP limited to some channel types (`channel_types: [marketplace]`)
            // says where it is enforced.
            if !rule.channel_types.is_empty() {
                let types: Vec<String> = rule
                    .channel_types
                    .iter()
                    .map(|t| t.as_str().replace('_', " "))
                    .collect();
                covers.push_str(&format!(" on {} channels", types.join(" and ")));
            }
            out.push(
                ctx.finding(
                    &RULE,
                    doc,
                    &format!("/map/{r}"),
                    format!("MAP rule {}{covers} has {missing}: {consequence}", r + 1),
                )
                // The rule's first line (a block mapping has no span of its own).
                .at(ctx.key_label(doc, &format!("/map/{r}/categories")))
                .help(
                    "Add `monitoring` (daily, weekly or monthly) and a list of escalating \
                     `sanctions`, e.g. a written notice, suspension of co-op funds, termination \
                     of the reseller authorisation.",
                ),
            );
        }
    }
}
