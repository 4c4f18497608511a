//! Documents added, removed and changed between two models, matched by id.

use std::collections::HashMap;

use serde_json::Value;

use super::fields::field_changes;
use super::report::{DocChange, DocSummary, Rename};
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

/// What changed between the two sides' documents.
pub(crate) struct Documents {
    pub(crate) added: Vec<DocSummary>,
    pub(crate) removed: Vec<DocSummary>,
    pub(crate) changed: Vec<DocChange>,
    pub(crate) renamed: Vec<Rename>,
}

/// A body as JSON without its id: equal for a document renamed as it is.
fn content(model: &Model, doc: DocId) -> String {
    let mut v = serde_json::to_value(&model.docs[doc].body).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.shift_remove("id");
    }
    v.to_string()
}

/// Documents added, removed, changed and renamed, each side by its first
/// definition of an id. A document only moved to another file, or removed
/// and added again with the same content under another id, is a rename.
pub(crate) fn documents(base: &Analysis, head: &Analysis) -> Documents {
    let (bm, hm) = (&base.model, &head.model);
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut renamed = Vec::new();
    for d in first_definitions(hm) {
        let doc = &hm.docs[d];
        let Some(&b) = bm.by_id.get(doc.id()) else {
            added.push(d);
            continue;
        };
        let before = &bm.docs[b];
        let kind_before = (before.kind() != doc.kind()).then(|| before.kind().name());
        let fields = field_changes(
            Some(doc.kind()),
            &serde_json::to_value(&before.body).unwrap_or(Value::Null),
            &serde_json::to_value(&doc.body).unwrap_or(Value::Null),
        );
        let (file, old_file) = (file_of(hm, d), file_of(bm, b));
        if fields.is_empty() && kind_before.is_none() {
            if file != old_file {
                renamed.push(Rename {
                    kind: doc.kind().name(),
                    id: doc.id().to_owned(),
                    old_id: None,
                    file,
                    old_file: Some(old_file),
                });
            }
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
    let mut removed: Vec<DocId> = first_definitions(bm)
        .filter(|&b| !hm.by_id.contains_key(bm.docs[b].id()))
        .collect();
    // Renamed ids: an added and a removed document of the same kind and content.
    if !added.is_empty() && !removed.is_empty() {
        let mut by_content: HashMap<(&str, String), Vec<DocId>> = HashMap::new();
        for &a in added.iter().rev() {
            by_content
                .entry((hm.docs[a].kind().name(), content(hm, a)))
                .or_default()
                .push(a);
        }
        removed.retain(|&b| {
            let key = (bm.docs[b].kind().name(), content(bm, b));
            let Some(a) = by_content.get_mut(&key).and_then(Vec::pop) else {
                return true;
            };
            added.retain(|&x| x != a);
            let (file, old_file) = (file_of(hm, a), file_of(bm, b));
            renamed.push(Rename {
                kind: hm.docs[a].kind().name(),
                id: hm.docs[a].id().to_owned(),
                old_id: Some(bm.docs[b].id().to_owned()),
                old_file: (file != old_file).then_some(old_file),
                file,
            });
            false
        });
    }
    renamed.sort_by(|a, b| (&a.file, &a.id).cmp(&(&b.file, &b.id)));
    Documents {
        added: added.into_iter().map(|d| summary_of(hm, d)).collect(),
        removed: removed.into_iter().map(|b| summary_of(bm, b)).collect(),
        changed,
        renamed,
    }
}

/// The documents touched by the change.
pub(crate) struct Touched<'a> {
    pub(crate) added: &'a [DocSummary],
    pub(crate) removed: &'a [DocSummary],
    pub(crate) changed: &'a [DocChange],
    pub(crate) renamed: &'a [Rename],
}

impl Touched<'_> {
    /// Ids of every touched document: changed, added and renamed first (head path
    /// order), then removed.
    pub(crate) fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<(&str, &str)> = self
            .changed
            .iter()
            .map(|c| (c.file.as_str(), c.id.as_str()))
            .chain(self.added.iter().map(|a| (a.file.as_str(), a.id.as_str())))
            .chain(
                self.renamed
                    .iter()
                    .map(|r| (r.file.as_str(), r.id.as_str())),
            )
            .collect();
        ids.sort();
        ids.into_iter()
            .map(|(_, id)| id)
            .chain(self.removed.iter().map(|r| r.id.as_str()))
            .collect()
    }
}
