//! The finding for a loop of the graph, shared by the cycle rules
//! (objectives, succession, reporting lines).

use crate::finding::{Finding, Rule};
use crate::graph::query::Cycle;
use crate::rules::ctx::Ctx;

/// How a cycle rule words its finding.
pub(crate) struct CycleWords {
    /// The message when a document links to itself (`id`).
    pub self_loop: fn(&str) -> String,
    /// The message for a longer loop, given the path `` `a` → `b` → `a` ``.
    pub loop_path: fn(&str) -> String,
    /// The caption of each further step (`from`, `to`).
    pub step: fn(&str, &str) -> String,
}

/// The finding for one cycle of the graph: at its first member, with every
/// other step of the loop as a related place. Shared by the cycle rules.
pub(crate) fn cycle_finding(
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    cycle: &Cycle,
    words: &CycleWords,
) -> Option<Finding> {
    let (first, pointer) = cycle.steps.first()?;
    let ids: Vec<&str> = cycle
        .steps
        .iter()
        .map(|(d, _)| ctx.model.docs[*d].id())
        .collect();
    let message = if ids.len() == 1 {
        (words.self_loop)(ids[0])
    } else {
        let mut path: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
        path.push(format!("`{}`", ids[0]));
        (words.loop_path)(&path.join(" → "))
    };
    let mut f = ctx.finding(rule, *first, pointer, message);
    for (k, (d, pointer)) in cycle.steps.iter().enumerate().skip(1) {
        let next = ids[(k + 1) % ids.len()];
        f = f.related(ctx.related(*d, pointer, (words.step)(ids[k], next)));
    }
    Some(f)
}
