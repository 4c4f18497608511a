//! `third-party-data-without-legal-basis`: a segment built on third-party
//! data, used in a market with a privacy regime, that declares no legal
//! basis for processing it.

use super::market_name;
use crate::finding::Finding;
use crate::model::kinds::{DataSource, Market, Segment};
use crate::rules::ctx::Ctx;
use crate::words::and_list;

crate::rule! {
    "DA001" "third-party-data-without-legal-basis", Data, Error;
    summary: "A segment uses third-party data in a market with a privacy regime but declares no legal basis.";
    examples: "segments/segments.yaml", "segments/segments.yaml";
    doc: r#"## What it does
Looks at every Segment whose `data_sources` include `third_party`. When at
least one of its `markets` declares a `privacy_regime` (for example `gdpr` or
`ccpa`) and the segment has no `legal_basis`, the finding points at the
`third_party` entry and names each market and its regime.

## Why it matters
Data bought or received from third parties is where privacy regulators look
first: under GDPR, CCPA and similar regimes every processing needs a legal
basis (consent, contract, legitimate interest, …) that someone has checked
and can show. A segment without one cannot be defended in an audit, and a
campaign built on it may have to be stopped overnight.
"#;
    fix: r#"Record the legal basis the data protection officer agreed (or stop using
third-party data for the segment):

```yaml
kind: Segment
id: outdoor-newcomers
basis: psychographic
data_sources: [first_party, third_party]
markets: [de]
legal_basis: consent
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    for (d, segment) in model.all::<Segment>() {
        let Some(index) = segment
            .data_sources
            .iter()
            .position(|s| *s == DataSource::ThirdParty)
        else {
            continue;
        };
        if segment
            .legal_basis
            .as_deref()
            .is_some_and(|b| !b.trim().is_empty())
        {
            continue;
        }
        let mut regulated = Vec::new();
        for id in &segment.markets {
            let Some((m, market)) = model.get::<Market>(id) else {
                continue;
            };
            let Some(regime) = market
                .privacy_regime
                .as_deref()
                .filter(|r| !r.trim().is_empty())
            else {
                continue;
            };
            if !regulated.iter().any(|&(other, _)| other == m) {
                regulated.push((m, regime));
            }
        }
        if regulated.is_empty() {
            continue;
        }
        let places = and_list(
            regulated
                .iter()
                .map(|&(m, regime)| format!("{} under {regime}", market_name(&model.docs[m]))),
        );
        let mut finding = ctx
            .finding(
                &RULE,
                d,
                &format!("/data_sources/{index}"),
                format!(
                    "the segment `{}` uses third-party data in {places}, but declares no legal basis for processing it",
                    segment.id
                ),
            )
            .help(
                "add `legal_basis` with the basis your data protection officer agreed (e.g. `consent` \
                 collected by the data partner), or stop using third-party data for this segment",
            );
        for &(m, regime) in &regulated {
            finding = finding.related(ctx.related(
                m,
                "/privacy_regime",
                format!("`{}` is under {regime}", model.docs[m].id()),
            ));
        }
        out.push(finding);
    }
}
