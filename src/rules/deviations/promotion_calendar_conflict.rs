//! `promotion-calendar-conflict`: two promotions overlap in time, market,
//! channel and category while their owners sit in different departments.

use std::collections::{BTreeMap, BTreeSet};

use super::exception_approver;
use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::{Exception, Initiative, InitiativeStatus, InitiativeType, Role};
use crate::model::values::Date;
use crate::rules::ctx::Ctx;
use crate::words::id_list;

crate::rule! {
    "DV013" "promotion-calendar-conflict", Deviation, Error, governance;
    summary: "Two promotions owned by different departments overlap in time, market, channel and category.";
    examples: "initiatives.yaml", "initiatives.yaml";
    doc: r#"## What it does
Takes every promotion — an initiative of `type: promotion` or with a
`promotion` — that is not cancelled and has a `start` and an `end`, and
reports each pair that

- overlaps in time (each starts on or before the other ends),
- shares a market, a channel and a pricing category, and
- is owned by Roles of different `department`s.

A spring flash sale of e-commerce on the web shop from 20 to 22 March and a
marketing clearance on the same shop from 1 to 31 March, both on footwear in
Germany, are one finding: for three days two teams discount the same shoes
to the same customers. The finding points at the `start` of the first of the
two by id (`spring-clearance`), names the other and the overlap.

It is a governance rule. The decision concerned is the
`promotions.calendar_decision` of the PricingPolicy covering the shared
market: the finding escalates to its Accountable, then up the reporting
line. An approved Exception for this rule on either initiative resolves the
conflict (the finding is then about the one the Exception names).

## Why it matters
Stacked promotions give away margin twice, confuse customers about the real
price and set teams against each other in the results review. The calendar
has one owner so that overlaps are decided before they go live, not
discovered in the margin report.
"#;
    fix: r#"Move one of the promotions so that they no longer overlap:

```yaml
start: 2028-04-03
end: 2028-04-05
```

or have the Accountable of the calendar decision settle it with an Exception
on either promotion:

```yaml
kind: Exception
id: spring-calendar-exception
subject: spring-flash-sale
rule: promotion-calendar-conflict
decision: promotions.calendar
approved_by: cco
approved_on: 2028-02-15
expires: 2028-03-31
rationale: The flash sale is the clearance's launch; one combined budget.
```
"#;
}

/// A promotion that can conflict: its dates and its owner's department.
struct Promo<'m> {
    doc: DocId,
    init: &'m Initiative,
    start: Date,
    end: Date,
    owner: &'m str,
    department: &'m str,
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let model = ctx.model;
    let mut promos: Vec<Promo<'_>> = model
        .all::<Initiative>()
        .filter(|(_, i)| {
            (i.kind == InitiativeType::Promotion || i.promotion.is_some())
                && i.status != InitiativeStatus::Cancelled
        })
        .filter_map(|(doc, init)| {
            let start = init.start.as_ref()?.date()?;
            let end = init.end.as_ref()?.date()?;
            let owner = init.owner.as_deref()?;
            let (_, role) = model.get::<Role>(owner)?;
            Some(Promo {
                doc,
                init,
                start,
                end,
                owner,
                department: role.department.as_deref()?,
            })
        })
        .collect();
    // By id, so which of two conflicting promotions is reported does not
    // depend on the order of the documents (a property test holds it).
    promos.sort_by(|a, b| a.init.id.cmp(&b.init.id));
    // Compare only promotions that share a market, swept by start date.
    let mut by_market: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, promo) in promos.iter().enumerate() {
        for m in &promo.init.markets {
            by_market.entry(m.as_str()).or_default().push(k);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for list in by_market.values_mut() {
        list.sort_by_key(|&k| (promos[k].start, k));
        list.dedup();
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if promos[b].start > promos[a].end {
                    break;
                }
                // Only pairs that conflict go into the set: a big calendar
                // has many overlapping promotions of one department, or on
                // other channels, and collecting those made the rule grow
                // with the square of a market's promotions.
                let (x, y) = (promos[a].init, promos[b].init);
                let shares = |p: &[String], q: &[String]| p.iter().any(|v| q.contains(v));
                if promos[a].department != promos[b].department
                    && shares(&x.channels, &y.channels)
                    && shares(&x.categories, &y.categories)
                {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    for (a, b) in pairs {
        let (a, b) = (&promos[a], &promos[b]);
        if a.department == b.department {
            continue;
        }
        let shared = |x: &[String], y: &[String]| -> Vec<String> {
            x.iter().filter(|v| y.contains(v)).cloned().collect()
        };
        let markets = shared(&a.init.markets, &b.init.markets);
        let channels = shared(&a.init.channels, &b.init.channels);
        let categories = shared(&a.init.categories, &b.init.categories);
        if markets.is_empty() || channels.is_empty() || categories.is_empty() {
            continue;
        }
        let from = a.start.max(b.start);
        let to = a.end.min(b.end);
        // An Exception on either resolves it: the finding is about the one
        // that has one, so that the exception step can waive it.
        let (subject, other) = if has_exception(ctx, b.init) && !has_exception(ctx, a.init) {
            (b, a)
        } else {
            (a, b)
        };
        let decision = ctx
            .policies()
            .covering(&markets)
            .into_iter()
            .find_map(|(_, p)| p.promotions.as_ref()?.calendar_decision.clone())
            .filter(|d| model.decisions.contains_key(d));
        let message = format!(
            "the promotions `{}` (owned by `{}`, {}) and `{}` (owned by `{}`, {}) overlap from {from} to {to} in {} on {} \
             for {}; promotions of different departments must be agreed on the calendar",
            subject.init.id,
            subject.owner,
            subject.department,
            other.init.id,
            other.owner,
            other.department,
            id_list(&markets),
            id_list(&channels),
            id_list(&categories),
        );
        let approver = exception_approver(ctx, decision.as_deref());
        let mut finding = ctx
            .finding(&RULE, subject.doc, "/start", message)
            .related(ctx.related(
                other.doc,
                "/start",
                format!(
                    "`{}` runs {} to {}",
                    other.init.id, other.start, other.end
                ),
            ))
            .help(format!(
                "move one promotion so that they no longer overlap, or have {approver} settle the \
                 calendar and approve an Exception for `promotion-calendar-conflict` on `{}` or `{}`",
                subject.init.id, other.init.id
            ));
        if let Some(decision) = decision {
            finding = finding.decision(decision);
        }
        out.push(finding);
    }
}

/// Whether an Exception for this rule names the initiative (valid or not:
/// the exception step judges it and says why one that is not valid does
/// not waive).
fn has_exception(ctx: &Ctx<'_>, init: &Initiative) -> bool {
    ctx.model.all::<Exception>().any(|(_, e)| {
        e.subject == init.id && (e.rule == RULE.name || e.rule.eq_ignore_ascii_case(RULE.code))
    })
}
