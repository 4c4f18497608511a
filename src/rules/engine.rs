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
pub fn run_timed(ctx: &Ctx<'_>, findings: Vec<Finding>) -> (Vec<Finding>, Timings) {
    run_until(ctx, findings, &|| false).unwrap_or_default()
}

/// Each rule's check time, slowest first.
pub type Timings = Vec<(&'static Rule, std::time::Duration)>;

/// [`run_timed`], giving up (`None`) as soon as `stop` says so: it is asked
/// before each rule, so a check interrupted for newer work ends once the
/// rules already running are done.
pub fn run_until(
    ctx: &Ctx<'_>,
    mut findings: Vec<Finding>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<Finding>, Timings)> {
    let produced: Option<Vec<(Vec<Finding>, &'static Rule, std::time::Duration)>> = entries()
        .par_iter()
        .filter_map(|(rule, check)| check.map(|check| (*rule, check)))
        .map(|(rule, check)| {
            if stop() {
                return None;
            }
            let start = std::time::Instant::now();
            let mut out = Vec::new();
            check(ctx, &mut out);
            Some((out, rule, start.elapsed()))
        })
        .collect();
    let produced = produced?;
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
    Some((config::apply(ctx, findings), timings))
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
