//! `suppression-exceeded`: initiatives running at the same time message a
//! segment more often than its suppression limit allows.

use crate::finding::Finding;
use crate::model::KindOf;
use crate::model::kinds::{Initiative, InitiativeStatus, Segment};
use crate::model::refs::Edge;
use crate::model::values::Date;
use crate::numbers::{greater, plain};
use crate::rules::ctx::Ctx;

crate::rule! {
    "DA011" "suppression-exceeded", Data, Error;
    summary: "Initiatives message a segment more often than its suppression limit allows.";
    examples: "initiatives/campaigns.yaml", "initiatives/campaigns.yaml";
    doc: r#"## What it does
For every Segment with `suppression.max_messages_per_week`, adds up the
`messages_per_week` of the initiatives that target it (`segments`) and run at
the same time (between their `start` and `end`; no date counts as open;
cancelled initiatives are left out). At the first start date where the sum
is above the limit, the initiative that tips it over is reported, with the
others running then. In the example `summit-club` allows 2 messages a week;
`summit-club-launch` sends 1.5 from 2027-09-01 and `autumn-gear-drop` adds 1
from 2027-10-01: 2.5 a week, 0.5 over the limit.

## Why it matters
Each campaign team stays within its own plan, yet the customer receives all
of them at once. Over-messaging is how the best customers learn to
unsubscribe: once consent is withdrawn, every future campaign and the
segment's lifetime value lose that customer for good.
"#;
    fix: r#"Lower the frequency of one campaign, or move it so the two do not overlap:

```yaml
kind: Initiative
id: autumn-gear-drop
start: 2027-11-01          # after summit-club-launch ends
messages_per_week: 1
segments: [summit-club]
```
"#;
}

/// An initiative that messages the segment, with its running dates.
struct Sender<'a> {
    doc: usize,
    initiative: &'a Initiative,
    per_week: f64,
    start: Option<Date>,
    end: Option<Date>,
}

impl Sender<'_> {
    fn runs_on(&self, day: Date) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| e >= day)
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (s, segment, suppression) in ctx.model.all_with(|x: &Segment| x.suppression.as_ref()) {
        let cap = f64::from(suppression.max_messages_per_week);
        let mut senders: Vec<Sender<'_>> = ctx
            .graph
            .sources(s, Edge::Targets)
            .filter_map(|(d, _)| {
                let initiative = Initiative::from_body(&ctx.model.docs[d].body)?;
                let per_week = initiative.messages_per_week?;
                (initiative.status != InitiativeStatus::Cancelled).then_some(Sender {
                    doc: d,
                    initiative,
                    per_week,
                    start: initiative.start.as_ref().and_then(|x| x.date()),
                    end: initiative.end.as_ref().and_then(|x| x.date()),
                })
            })
            .collect();
        senders.sort_by_key(|x| (x.start, x.doc));
        senders.dedup_by_key(|x| x.doc);
        // The sum only rises when an initiative starts: check each start.
        let tipping = senders.iter().find_map(|starting| {
            let day = starting.start.unwrap_or(Date::ymd(0, 1, 1));
            let running: Vec<&Sender<'_>> = senders
                .iter()
                .filter(|x| x.runs_on(day) && (x.start, x.doc) <= (starting.start, starting.doc))
                .collect();
            let total: f64 = running.iter().map(|x| x.per_week).sum();
            greater(total, cap).then_some((starting, running, total))
        });
        let Some((starting, running, total)) = tipping else {
            continue;
        };
        let id = &starting.initiative.id;
        let cap_words = format!(
            "segment `{}` allows {} {} per customer per week",
            segment.id,
            plain(cap, 2),
            crate::words::noun(
                suppression.max_messages_per_week as usize,
                "message",
                "messages"
            )
        );
        let message = if running.len() == 1 {
            format!(
                "`{id}` sends {} messages per customer per week to `{}`, but the {cap_words}",
                plain(total, 2),
                segment.id
            )
        } else {
            let when = starting
                .start
                .map(|d| format!("from {d}"))
                .unwrap_or_else(|| "while they all run".to_owned());
            format!(
                "{when}, `{id}` and {} other {} together send {} messages per customer per week to \
                 `{}`, {} over the limit: the {cap_words}",
                running.len() - 1,
                crate::words::noun(running.len() - 1, "initiative", "initiatives"),
                plain(total, 2),
                segment.id,
                plain(total - cap, 2)
            )
        };
        let mut finding = ctx
            .finding(&RULE, starting.doc, "/messages_per_week", message)
            .related(ctx.related(
                s,
                "/suppression/max_messages_per_week",
                format!("at most {} a week", plain(cap, 2)),
            ));
        for other in running.iter().filter(|x| x.doc != starting.doc) {
            finding = finding.related(ctx.related(
                other.doc,
                "/messages_per_week",
                format!(
                    "`{}` sends {} a week{}",
                    other.initiative.id,
                    plain(other.per_week, 2),
                    other.end.map(|e| format!(" until {e}")).unwrap_or_default()
                ),
            ));
        }
        out.push(finding.help(format!(
            "lower `messages_per_week` of `{id}` or of the campaigns running with it, or move its \
             dates so the total stays within {} a week",
            plain(cap, 2)
        )));
    }
}
