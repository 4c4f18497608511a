//! `flash-sale-unprotected`: a protected segment is not excluded from flash
//! sales or from competitor price matching.

use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "PR007" "flash-sale-unprotected", Pricing, Error;
    summary: "A protected segment is not excluded from flash sales or competitor price matching.";
    examples: "policies/pricing.yaml", "policies/pricing.yaml";
    doc: r#"## What it does
For each PricingPolicy with `protected_segments`, checks each configured
promotion separately — `promotions.flash_sales` and, when matching is
allowed, `promotions.match_competitors` — and reports the protected
segments missing from its `exclude_segments`, naming them. The finding
points at the promotion's `exclude_segments`, or at the promotion itself
when it has none.

## Why it matters
Protected segments (loyalty members, professional buyers, key accounts)
are promised stable, fair prices. A flash sale or a matched competitor
price that reaches them teaches them to wait for deals and undermines the
price promise the segment is built on.
"#;
    fix: r#"Exclude every protected segment from every promotion:

```yaml
promotions:
  flash_sales:
    max_discount_pct: 20
    exclude_segments: [summit-club, mountain-pros]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, policy, promotions) in ctx
        .model
        .all_with(|x: &PricingPolicy| x.promotions.as_ref())
    {
        if policy.protected_segments.is_empty() {
            continue;
        }
        let mut configured: Vec<(&str, &str, &[String])> = Vec::new();
        if let Some(flash) = &promotions.flash_sales {
            configured.push(("flash_sales", "Flash sales reach", &flash.exclude_segments));
        }
        if let Some(matching) = promotions.match_competitors.as_ref().filter(|m| m.allowed) {
            configured.push((
                "match_competitors",
                "Competitor price matching reaches",
                &matching.exclude_segments,
            ));
        }
        for (field, what, excluded) in configured {
            // Protected segments missing from this promotion, once each.
            let mut missing: Vec<(usize, &str)> = Vec::new();
            for (k, segment) in policy.protected_segments.iter().enumerate() {
                if !excluded.contains(segment) && missing.iter().all(|(_, s)| s != segment) {
                    missing.push((k, segment));
                }
            }
            if missing.is_empty() {
                continue;
            }
            let names: Vec<&str> = missing.iter().map(|(_, s)| *s).collect();
            let segments = if names.len() == 1 {
                format!("the protected segment {}", id_list(&names))
            } else {
                format!("the protected segments {}", id_list(&names))
            };
            let promotion = format!("/promotions/{field}");
            let list = format!("{promotion}/exclude_segments");
            let has_list = ctx.written(doc, &list);
            let mut finding = if has_list {
                ctx.finding(
                    &RULE,
                    doc,
                    &list,
                    format!(
                        "{what} {segments}: the policy protects their price \
                         integrity, but they are not in `exclude_segments`"
                    ),
                )
            } else {
                ctx.finding(
                    &RULE,
                    doc,
                    &promotion,
                    format!(
                        "{what} {segments}: the policy protects their price integrity, but \
                         this promotion has no `exclude_segments`"
                    ),
                )
                .at(ctx.key_label(doc, &promotion))
            };
            for (k, segment) in &missing {
                finding = finding.related(ctx.related(
                    doc,
                    &format!("/protected_segments/{k}"),
                    format!("`{segment}` is protected here"),
                ));
            }
            out.push(finding.help(format!(
                "Add {} to promotions.{field}.exclude_segments, so the segments whose prices \
                 the policy protects never see promotional prices.",
                id_list(&names)
            )));
        }
    }
}
