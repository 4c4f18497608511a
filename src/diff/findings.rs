//! Findings introduced and resolved, matched by their [`FindingKey`].

use super::report::FindingView;
use crate::analysis::Analysis;
use crate::diagnostics::key::{FindingKey, KeyCounts};
use crate::finding::Finding;
use crate::model::Model;

fn view_of(f: &Finding, model: &Model) -> FindingView {
    let place = f.primary.as_ref().map(|l| {
        let file = model.sources.file(l.file);
        (file.path.clone(), file.line_col(l.span.start).line)
    });
    FindingView {
        code: f.rule.code,
        rule: f.rule.name,
        severity: f.severity.as_str(),
        message: f.message.clone(),
        line: place.as_ref().map(|p| p.1),
        file: place.map(|p| p.0),
        subject: f.subject.clone(),
        pointer: f.pointer.clone(),
        help: f.help.clone(),
        decision: f.decision.clone(),
        escalation: f.escalation.clone(),
    }
}

/// Findings present on one side and not the other; matched as a multiset
/// so two equal findings on the head and one at the base introduce one.
fn one_sided(mine: &Analysis, theirs: &Analysis) -> Vec<FindingView> {
    let mut counts = KeyCounts::new(
        theirs
            .findings
            .iter()
            .map(|f| FindingKey::of(f, &theirs.model.sources)),
    );
    mine.findings
        .iter()
        .filter(|f| !counts.take(&FindingKey::of(f, &mine.model.sources)))
        .map(|f| view_of(f, &mine.model))
        .collect()
}

/// Findings introduced by the head and resolved since the base.
pub(crate) fn findings(base: &Analysis, head: &Analysis) -> (Vec<FindingView>, Vec<FindingView>) {
    (one_sided(head, base), one_sided(base, head))
}
