//! `partner-contract-ending`: a partner contract's exit notice date is
//! near or past and no renewal decision is recorded.

use crate::finding::Finding;
use crate::model::kinds::Channel;
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH005" "partner-contract-ending", Channels, Warning;
    summary: "A partner contract's exit notice date is within the renewal lead time, or past, and no renewal decision is recorded.";
    examples: "channels/sportkette.yaml", "channels/amazon-eu.yaml";
    doc: r#"## What it does
For each Channel with a partner `contract_end`, computes the exit notice
date, `contract_end` minus `exit_notice_days` (no notice period: the
contract end itself), and warns from `channels.renewal_lead_days` (in
stratc.yaml, default 90) days before that date — and after it — as of the
evaluation date (`--as-of`, the `as_of` of stratc.yaml, or today), while
`partner.renewal` — renew, renegotiate or terminate, with `decided_on` — is
not recorded.

Worked example: a contract ending on 2027-12-31 with 120 days' notice has
its notice date on 2027-09-02; with the default 90 days' lead the warning
starts on 2027-06-04, so at 2027-07-01 it says the notice date is 63 days
away.

## Why it matters
The exit notice date is the last day to leave or renegotiate a partner
contract on our terms. Once it passes without a decision, the contract
renews or lapses by default: commission rates, exclusivities and SLAs stay
as they are, whether or not they still fit the strategy.
"#;
    fix: r#"Take the decision and record it:

```yaml
partner:
  name: Zalando SE
  contract_end: 2027-09-30
  exit_notice_days: 120
  renewal:
    decision: renegotiate
    decided_on: 2027-05-18
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (doc, channel, partner) in ctx.model.all_with(|x: &Channel| x.partner.as_ref()) {
        if partner.renewal.is_some() {
            continue;
        }
        let Some(end) = partner.contract_end.as_ref().and_then(|d| d.date()) else {
            continue;
        };
        let notice_days = partner.exit_notice_days.unwrap_or(0);
        let notice = end.add_days(-i64::from(notice_days));
        let lead = ctx.config.channels.renewal_lead_days();
        if notice.add_days(-i64::from(lead)) > ctx.as_of {
            continue;
        }
        let whose = format!(
            "the contract with {} (channel `{}`)",
            partner.name, channel.id
        );
        let days_left = notice.days_since_epoch() - ctx.as_of.days_since_epoch();
        let message = if notice > ctx.as_of {
            format!(
                "The exit notice date for {whose} is {notice}, {days_left} days from {} ({notice_days} \
                 days before the contract ends on {end}), and no renewal decision is recorded: \
                 decide before then, or the contract renews or lapses on its own terms",
                ctx.as_of
            )
        } else if end < ctx.as_of {
            format!(
                "{} ended on {end} and no renewal decision is recorded (as of {})",
                capitalise(&whose),
                ctx.as_of
            )
        } else if notice_days == 0 {
            format!(
                "{} ends on {end}, which is on or before {}, and no renewal decision is recorded",
                capitalise(&whose),
                ctx.as_of
            )
        } else {
            format!(
                "The exit notice date for {whose} was {notice}, {notice_days} days before the \
                 contract ends on {end}, and no renewal decision is recorded (as of {}): the \
                 contract renews or lapses on its own terms",
                ctx.as_of
            )
        };
        let mut finding = ctx.finding(&RULE, doc, "/partner/contract_end", message);
        if partner.exit_notice_days.is_some() {
            finding = finding.related(ctx.related(
                doc,
                "/partner/exit_notice_days",
                format!("{notice_days} days' notice: notice date {notice}"),
            ));
        }
        out.push(finding.help(
            "Decide whether to renew, renegotiate or terminate the contract, and record it \
             under partner.renewal with `decision` and `decided_on`.",
        ));
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
