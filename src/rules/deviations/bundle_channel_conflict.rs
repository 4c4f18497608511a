//! `bundle-channel-conflict`: a bundle on an owned channel includes a
//! category a partner holds exclusively in the same market.

use super::exception_approver;
use crate::finding::Finding;
use crate::model::kinds::{Channel, ChannelType, Initiative};
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "DV014" "bundle-channel-conflict", Deviation, Error, governance;
    summary: "A bundle on an owned channel includes a category that a partner in the same market sells exclusively.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
For each initiative with `promotion.bundle_categories` that runs on an
owned channel (`type: owned_dtc` among its `channels`), finds the partner
channels (every other type) that sell in one of the initiative's `markets`
and list a bundled category in their `exclusive_categories`. Each such
category is reported once per partner at the category in
`bundle_categories`, naming the partner, the market and the owned channel.
A web-shop bundle of tents and footwear in Germany, where the retail
partner Alpenhaus holds footwear exclusively, is one finding; the same
bundle in France, where Alpenhaus does not sell, is none.

It is a governance rule: only an approved Exception for the initiative waives
it. The decision concerned is `governance.deviation_decision` of
stratc.yaml: the finding names its Accountable, then up the reporting line.

## Why it matters
An exclusivity is a promise to a partner: we do not sell that category
against them in their market. A bundle on our own shop breaks the promise
at a discount, which is the worst way to break it; the partner's answer is
usually in the next contract negotiation.
"#;
    fix: r#"Leave the partner's exclusive category out of the bundle:

```yaml
promotion:
  mechanic: bundle
  bundle_categories: [hardgoods, basics]
```

or run the bundle only in markets where the partner does not sell, or agree
it with the partner and approve an Exception.
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let partners: Vec<_> = model
        .all::<Channel>()
        .filter(|(_, c)| c.kind != ChannelType::OwnedDtc && !c.exclusive_categories.is_empty())
        .collect();
    if partners.is_empty() {
        return;
    }
    for (d, init, promotion) in model.all_with(|x: &Initiative| x.promotion.as_ref()) {
        if promotion.bundle_categories.is_empty() {
            continue;
        }
        let owned: Vec<&str> = init
            .channels
            .iter()
            .filter(|id| {
                model
                    .get::<Channel>(id)
                    .is_some_and(|(_, c)| c.kind == ChannelType::OwnedDtc)
            })
            .map(String::as_str)
            .collect();
        if owned.is_empty() {
            continue;
        }
        for (i, category) in promotion.bundle_categories.iter().enumerate() {
            for &(p, partner) in &partners {
                let Some(k) = partner
                    .exclusive_categories
                    .iter()
                    .position(|c| c == category)
                else {
                    continue;
                };
                let markets: Vec<&str> = init
                    .markets
                    .iter()
                    .filter(|m| partner.markets.contains(m))
                    .map(String::as_str)
                    .collect();
                if markets.is_empty() {
                    continue;
                }
                let name = partner
                    .partner
                    .as_ref()
                    .map_or(partner.id.as_str(), |x| x.name.as_str());
                let message = format!(
                    "the bundle `{}` on {} includes `{category}`, which {name} (channel `{}`) sells \
                     exclusively in {}",
                    init.id,
                    id_list(&owned),
                    partner.id,
                    id_list(&markets),
                );
                out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        &format!("/promotion/bundle_categories/{i}"),
                        message,
                    )
                    .related(ctx.related(
                        p,
                        &format!("/exclusive_categories/{k}"),
                        format!("`{category}` is exclusive to `{}`", partner.id),
                    ))
                    .help(format!(
                        "leave `{category}` out of `bundle_categories`, run the bundle outside {}, or \
                         agree it with the partner and have {} approve an Exception for \
                         `bundle-channel-conflict` on `{}`",
                        id_list(&markets),
                        exception_approver(ctx, None),
                        init.id
                    )),
                );
            }
        }
    }
}
