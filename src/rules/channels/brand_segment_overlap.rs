//! `brand-segment-overlap`: two sub-brands of one parent aimed at the same
//! segment in the same channel.

use crate::finding::Finding;
use crate::model::kinds::Brand;
use crate::rules::ctx::Ctx;
use crate::words::and_list;

crate::rule! {
    "CH030" "brand-segment-overlap", Channels, Warning;
    summary: "Two sub-brands of one parent target the same segment in the same channel.";
    examples: "brands.yaml", "brands.yaml";
    doc: r#"## What it does
Compares every two Brand documents with the same `parent`: when they share
a segment in `segments` and a channel in `channels`, the later one (in file
order) is reported at that segment, with the earlier one as the related
place, naming every shared segment and channel. Brands that list no
segments or no channels are not compared.

Worked example: `summit-pro` and `trailhead-basics` both sit under `acme`;
both target `outdoor-newcomers` on `webshop-eu`. The second is reported:
one customer sees two Acme brands competing for the same first purchase.
Moving `trailhead-basics` to `amazon-eu` only clears the finding.

## Why it matters
Sub-brands exist to reach customers the parent cannot. Two of them in the
same segment and channel compete with each other for the same shopper,
split the media budget that bids for them and blur both positionings —
cannibalisation the brand architecture was drawn to prevent.
"#;
    fix: r#"Give each sub-brand its own segment or channel:

```yaml
kind: Brand
id: trailhead-basics
parent: acme
architecture: sub_brand
segments: [outdoor-newcomers]
channels: [amazon-eu]
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    // By id, so which brand of an overlapping pair is reported does not
    // depend on the order of the documents (a property test holds it).
    let mut brands: Vec<_> = ctx.model.all::<Brand>().collect();
    brands.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    for (n, &(d, b)) in brands.iter().enumerate() {
        let Some(parent) = &b.parent else { continue };
        for &(e, earlier) in &brands[..n] {
            if earlier.parent.as_ref() != Some(parent) {
                continue;
            }
            let segments: Vec<(usize, &String)> = b
                .segments
                .iter()
                .enumerate()
                .filter(|(_, s)| earlier.segments.contains(s))
                .collect();
            let channels: Vec<&String> = b
                .channels
                .iter()
                .filter(|c| earlier.channels.contains(c))
                .collect();
            let Some(&(i, _)) = segments.first() else {
                continue;
            };
            if channels.is_empty() {
                continue;
            }
            let quoted = |v: Vec<&String>| and_list(v.into_iter().map(|s| format!("`{s}`")));
            let message = format!(
                "the brands `{}` and `{}`, both under `{parent}`, target {} in {}",
                earlier.id,
                b.id,
                quoted(segments.iter().map(|(_, s)| *s).collect()),
                quoted(channels)
            );
            out.push(
                ctx.finding(&RULE, d, &format!("/segments/{i}"), message)
                    .related(ctx.related(e, "/id", format!("`{}` is defined here", earlier.id)))
                    .help(format!(
                        "give `{}` a segment or channel of its own, or merge the two brands' offers",
                        b.id
                    )),
            );
        }
    }
}
