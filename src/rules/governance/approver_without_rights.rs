//! `approver-without-rights`: the approver of a stage gate or of a discount
//! approval tier is neither Accountable nor Responsible on the decision the
//! gate or ladder belongs to.

use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::{Decision, PricingPolicy, Role, StageGate};
use crate::rules::ctx::Ctx;

crate::rule! {
    "GV004" "approver-without-rights", Governance, Error;
    summary: "An approver is neither Accountable nor Responsible on the decision concerned.";
    examples: "gates/market-entry-gates.yaml", "gates/market-entry-gates.yaml";
    doc: r#"## What it does
Checks the `approver` of every gate of a StageGate against the StageGate's
`decision`, and the `approver` of every tier of a PricingPolicy's discount
ladder against `approvals.decision`. The approver must be the decision's
Accountable or one of its Responsible roles in the DecisionRights matrix.

## Why it matters
An approval is only worth something when it comes from someone who holds the
decision right. A gate passed or a discount granted by a role that is merely
consulted (or not involved at all) bypasses the decision rights the board
agreed — and nobody accountable ever saw it.
"#;
    fix: r#"Give the tier to a role with rights on the decision, or add the role to the
decision's `responsible` list:

```yaml
    - max_discount_pct: 10
      approver: head-of-pricing
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, process) in ctx.model.all::<StageGate>() {
        for (i, gate) in process.gates.iter().enumerate() {
            check_approver(
                ctx,
                d,
                &format!("/gates/{i}/approver"),
                &gate.approver,
                &format!("gate `{}` of `{}`", gate.id, process.id),
                &process.decision,
                out,
            );
        }
    }
    for (d, policy, approvals) in ctx.model.all_with(|x: &PricingPolicy| x.approvals.as_ref()) {
        for (i, tier) in approvals.tiers.iter().enumerate() {
            check_approver(
                ctx,
                d,
                &format!("/approvals/tiers/{i}/approver"),
                &tier.approver,
                &format!(
                    "discounts up to {} in `{}`",
                    crate::numbers::pct(tier.max_discount_pct.0),
                    policy.id
                ),
                &approvals.decision,
                out,
            );
        }
    }
}

fn check_approver(
    ctx: &Ctx<'_>,
    d: DocId,
    pointer: &str,
    approver: &str,
    what: &str,
    decision_id: &str,
    out: &mut Vec<Finding>,
) {
    // Unknown decisions and roles are reported by the reference checks.
    let Some((_, decision)) = ctx.model.decision(decision_id) else {
        return;
    };
    if ctx.model.get::<Role>(approver).is_none() {
        return;
    }
    let accountable = decision.accountable.roles();
    if accountable.iter().any(|r| r == approver)
        || decision.responsible.iter().any(|r| r == approver)
    {
        return;
    }
    let mut f = ctx.finding(
        &RULE,
        d,
        pointer,
        format!(
            "`{approver}` approves {what}, but is neither Accountable nor Responsible on decision `{decision_id}`{}",
            other_part(decision, approver)
        ),
    );
    if let Some(r) = ctx.model.decisions.get(decision_id) {
        f = f.related(ctx.related(
            r.doc,
            &format!("/decisions/{}/id", r.index),
            format!("decision `{decision_id}`: {}", holders(decision)),
        ));
    }
    out.push(f.help(format!(
        "let a role with rights on `{decision_id}` approve, or, if `{approver}` should hold \
         this right, add it to `responsible` of `{decision_id}`"
    )));
}

/// " (it is only Consulted)" when the role has a lesser part in the decision.
fn other_part(decision: &Decision, role: &str) -> &'static str {
    if decision.consulted.iter().any(|r| r == role) {
        " (it is only Consulted)"
    } else if decision.informed.iter().any(|r| r == role) {
        " (it is only Informed)"
    } else {
        ""
    }
}

/// "Accountable `cco`, Responsible `head-of-pricing`, `pricing-manager`".
fn holders(decision: &Decision) -> String {
    let list = |roles: &[String]| -> String {
        if roles.is_empty() {
            "nobody".to_owned()
        } else {
            roles
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    format!(
        "Accountable {}, Responsible {}",
        list(decision.accountable.roles()),
        list(&decision.responsible)
    )
}
