//! Runs every rule over the model once, in parallel, then applies approved
//! exceptions, escalation paths and the configuration (severities and
//! suppressions).

use rayon::prelude::*;

use crate::finding::{Finding, Rule};
use crate::model::kinds::Role;
use crate::model::org::LineEnd;
use crate::rules::ctx::Ctx;
use crate::rules::registry::entries;
use crate::rules::{config, exceptions};

/// Runs every rule and post-processes the findings.
pub fn run(ctx: &Ctx<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    run_timed(ctx, findings).0
}

/// [`run`], also telling how long each rule's check took (for
/// `check --timings`), slowest first.
pub fn run_timed(
    ctx: &Ctx<'_>,
    mut findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<(&'static Rule, std::time::Duration)>) {
    let produced: Vec<(Vec<Finding>, &'static Rule, std::time::Duration)> = entries()
        .par_iter()
        .filter_map(|(rule, check)| check.map(|check| (*rule, check)))
        .map(|(rule, check)| {
            let start = std::time::Instant::now();
            let mut out = Vec::new();
            check(ctx, &mut out);
            (out, rule, start.elapsed())
        })
        .collect();
    let mut timings = Vec::with_capacity(produced.len());
    for (out, rule, time) in produced {
        findings.extend(out);
        timings.push((rule, time));
    }
    timings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(b.0.code)));
    let mut findings = exceptions::apply(ctx, findings);
    for f in &mut findings {
        if f.rule.governance && f.escalation.is_empty() {
            f.escalation = escalation_path(ctx, f);
        }
    }
    (config::apply(ctx, findings), timings)
}

/// The roles to escalate a deviation to: the Accountable of the decision
/// concerned, then up `reports_to`. Without a decision, the subject's
/// owner's line manager and up.
pub fn escalation_path(ctx: &Ctx<'_>, finding: &Finding) -> Vec<String> {
    let model = ctx.model;
    let decision = finding
        .decision
        .clone()
        .or_else(|| ctx.deviation_decision().map(str::to_owned));
    let start = decision
        .and_then(|d| {
            model
                .decision(&d)
                .and_then(|(_, dec)| dec.accountable.single().map(str::to_owned))
        })
        .or_else(|| {
            let subject = model.doc(finding.subject.as_deref()?)?;
            let owner = subject.body.common().owner?;
            let (_, role) = model.get::<Role>(owner)?;
            role.reports_to.clone()
        });
    let Some(start) = start else {
        return Vec::new();
    };
    // The unknown role a line ends at is still whom to escalate to.
    let line = model.reporting_line(&start);
    let mut path = line.steps;
    if let LineEnd::Unknown(role) = line.end {
        path.push(role);
    }
    path
}
