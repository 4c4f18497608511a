//! `monitoring-without-response`: competitive price monitoring raises
//! alerts that no role or playbook answers.

use crate::finding::Finding;
use crate::model::kinds::PricingPolicy;
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR020" "monitoring-without-response", Pricing, Error;
    summary: "Competitive price monitoring has no response owner or playbook.";
    examples: "policies/pricing-policy.yaml", "policies/pricing-policy.yaml";
    doc: r#"## What it does
For every PricingPolicy whose `monitoring` watches SKUs or sets an
`alert_gap_pct`, requires a `response_owner` (the Role that answers an
alert) or a `response_playbook` (the Playbook run on an alert). A free-text
`response` alone is not enough: it says what should happen, not who does it.
In the example, 5 SKUs are watched with an alert at a 7% gap to
competitors, and nobody is named to act on the alerts.

## Why it matters
Monitoring is only worth its cost when an alert leads to a decision within
hours: match, hold or escalate. Alerts that reach no owner pile up in an
inbox while a competitor undercuts the hero products, and the price moves
that do happen are made by whoever notices first, outside the approval
ladder.
"#;
    fix: r#"Name who responds, and optionally the playbook they follow:

```yaml
monitoring:
  skus: [AO-JKT-ALPHA-SHELL-2, AO-BOOT-RIDGE-GTX]
  alert_gap_pct: 7
  response: Review within one working day.
  response_owner: pricing-manager
  response_playbook: competitor-price-response
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, policy, monitoring) in ctx
        .model
        .all_with(|p: &PricingPolicy| p.monitoring.as_ref())
    {
        let watches = !monitoring.skus.is_empty() || monitoring.alert_gap_pct.is_some();
        if !watches || monitoring.response_owner.is_some() || monitoring.response_playbook.is_some()
        {
            continue;
        }
        let what = match (monitoring.skus.len(), monitoring.alert_gap_pct) {
            (0, Some(gap)) => format!(
                "alerts at a {} gap to competitors",
                crate::numbers::pct(gap.0)
            ),
            (n, Some(gap)) => format!(
                "watches {n} {} and alerts at a {} gap to competitors",
                crate::words::noun(n, "SKU", "SKUs"),
                crate::numbers::pct(gap.0)
            ),
            (n, None) => format!("watches {n} {}", crate::words::noun(n, "SKU", "SKUs")),
        };
        let mut finding = ctx
            .finding(
                &RULE,
                d,
                "/monitoring",
                format!(
                    "the price monitoring of `{}` {what}, but names no `response_owner` or \
                     `response_playbook`: nobody is set to act on an alert",
                    policy.id
                ),
            )
            .at(ctx.key_label(d, "/monitoring"));
        if monitoring.response.is_some() {
            finding = finding.related(ctx.related(
                d,
                "/monitoring/response",
                "says what should happen, not who does it",
            ));
        }
        out.push(finding.help(
            "name the Role that answers alerts under `response_owner`, or the Playbook they \
             follow under `response_playbook`",
        ));
    }
}
