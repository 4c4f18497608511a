//! The finding for a loop of the graph, shared by the cycle rules
//! (objectives, succession, reporting lines).

use crate::finding::{Finding, Label, Rule};
use crate::graph::query::Cycle;
use crate::model::DocId;
use crate::model::refs::Edge;
use crate::rules::ctx::Ctx;

/// How a cycle rule words its finding.
pub(crate) struct CycleWords {
    /// The message when a document links to itself (`id`).
    pub self_loop: fn(&str) -> String,
    /// The message for a longer loop, given the path `` `a` → `b` → `a` ``.
    pub loop_path: fn(&str) -> String,
    /// The caption of each further step (`from`, `to`).
    pub step: fn(&str, &str) -> String,
    /// Where to show a document caught in the same loop but not on the
    /// cycle reported; `None` leaves them out.
    pub others_at: Option<fn(&Ctx<'_>, DocId) -> Label>,
    /// How to fix it.
    pub help: &'static str,
}

/// Reports every cycle of `edge` links, one finding each (the check of a
/// cycle rule).
pub(crate) fn report_cycles(
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    edge: Edge,
    words: &CycleWords,
    out: &mut Vec<Finding>,
) {
    for cycle in ctx.graph.cycles_by(edge, |d| ctx.model.order_key(d)) {
        let Some(mut f) = cycle_finding(ctx, rule, &cycle, words) else {
            continue;
        };
        if let Some(at) = words.others_at {
            for &d in &cycle.others {
                let text = format!("`{}` is caught in the same loop", ctx.model.docs[d].id());
                f = f.related(at(ctx, d).with_text(text));
            }
        }
        out.push(f.help(words.help));
    }
}

/// The finding for one cycle of the graph: at its first member, with every
/// other step of the loop as a related place. Shared by the cycle rules.
fn cycle_finding(
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
