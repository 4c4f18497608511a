//! Documents added, removed and changed between two models, matched by id.

use serde_json::Value;

use super::fields::field_changes;
use super::report::{DocChange, DocSummary};
use crate::analysis::Analysis;
use crate::model::{DocId, Model};

fn file_of(model: &Model, doc: DocId) -> String {
    model.sources.file(model.docs[doc].file).path.clone()
}

fn summary_of(model: &Model, doc: DocId) -> DocSummary {
    let d = &model.docs[doc];
    DocSummary {
        kind: d.kind().name(),
        id: d.id().to_owned(),
        title: d.body.common().title.map(str::to_owned),
        file: file_of(model, doc),
    }
}

/// The first definition of each id, in path order.
fn first_definitions(model: &Model) -> impl Iterator<Item = DocId> + '_ {
    (0..model.docs.len()).filter(|&d| model.by_id.get(model.docs[d].id()) == Some(&d))
}

/// Documents added, removed and changed, each side by its first definition
/// of an id.
pub(crate) fn documents(
    base: &Analysis,
    head: &Analysis,
) -> (Vec<DocSummary>, Vec<DocSummary>, Vec<DocChange>) {
    let (bm, hm) = (&base.model, &head.model);
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for d in first_definitions(hm) {
        let doc = &hm.docs[d];
        let Some(&b) = bm.by_id.get(doc.id()) else {
            added.push(summary_of(hm, d));
            continue;
        };
        let before = &bm.docs[b];
        let fields = field_changes(
            &serde_json::to_value(&before.body).unwrap_or(Value::Null),
            &serde_json::to_value(&doc.body).unwrap_or(Value::Null),
        );
        let (file, old_file) = (file_of(hm, d), file_of(bm, b));
        let kind_before = (before.kind() != doc.kind()).then(|| before.kind().name());
        if fields.is_empty() && file == old_file && kind_before.is_none() {
            continue;
        }
        changed.push(DocChange {
            kind: doc.kind().name(),
            id: doc.id().to_owned(),
            title: doc.body.common().title.map(str::to_owned),
            moved_from: (file != old_file).then_some(old_file),
            file,
            kind_before,
            fields,
        });
    }
    let removed = first_definitions(bm)
        .filter(|&b| !hm.by_id.contains_key(bm.docs[b].id()))
        .map(|b| summary_of(bm, b))
        .collect();
    (added, removed, changed)
}

/// The documents touched by the change.
pub(crate) struct Touched<'a> {
    pub(crate) added: &'a [DocSummary],
    pub(crate) removed: &'a [DocSummary],
    pub(crate) changed: &'a [DocChange],
}

impl Touched<'_> {
    /// Ids of every touched document: changed and added first (head path
    /// order), then removed.
    pub(crate) fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<(&str, &str)> = self
            .changed
            .iter()
            .map(|c| (c.file.as_str(), c.id.as_str()))
            .chain(self.added.iter().map(|a| (a.file.as_str(), a.id.as_str())))
            .collect();
        ids.sort();
        ids.into_iter()
            .map(|(_, id)| id)
            .chain(self.removed.iter().map(|r| r.id.as_str()))
            .collect()
    }
}
