//! Loaded documents -> the indexed model: unique ids (this file), then
//! resolved references (`resolve`). Problems become findings; the model
//! keeps the first definition of a duplicated id so later stages still run.

use std::collections::HashMap;

use super::check_values::malformed_id;
use super::formula::Formula;
use super::resolve::{Link, check_actual_kpis, resolve_references};
use super::values::is_valid_id;
use super::{Body, DecisionRef, DocId, Document, IdMap, Kind, Model};
use crate::finding::structure as st;
use crate::finding::{Finding, Label};
use crate::load::actuals::Actuals;
use crate::load::yaml::Node;
use crate::source::Sources;

/// The model plus the resolved links the graph is built from.
pub struct Built {
    pub model: Model,
    /// Each document's links, in document order.
    pub links: Vec<Vec<Link>>,
}

pub fn build_model(
    sources: Sources,
    mut docs: Vec<Document>,
    invalid: &[crate::schema::InvalidDoc],
    actuals: Actuals,
    config_source: Option<(crate::source::FileId, Node)>,
    findings: &mut Vec<Finding>,
) -> Built {
    // Path order, then position: the "first" definition is stable. Files
    // are ranked by path once, so documents sort on two integers; and the
    // language server hands them over already in order (it puts a re-loaded
    // file's documents back in place), which this checks in one pass.
    let rank = file_ranks(&sources);
    let key = |d: &Document| (rank[d.file as usize], d.span.start);
    if !docs.is_sorted_by_key(key) {
        docs.sort_by_key(key);
    }
    let mut by_id: IdMap<DocId> = IdMap::with_capacity_and_hasher(docs.len(), Default::default());
    let mut by_kind: HashMap<Kind, Vec<DocId>> = HashMap::new();
    let mut decisions: IdMap<DecisionRef> = IdMap::default();

    for (d, doc) in docs.iter().enumerate() {
        by_kind.entry(doc.kind()).or_default().push(d);
        match by_id.get(doc.id()) {
            Some(&first) => findings.push(duplicate(
                &docs,
                d,
                "/id",
                first,
                "/id",
                format!(
                    "the id `{}` is already used by {} `{}`",
                    doc.id(),
                    docs[first].kind(),
                    doc.id()
                ),
            )),
            None => {
                by_id.insert(doc.id().to_owned(), d);
            }
        }
        if let Body::DecisionRights(rights) = &doc.body {
            for (i, dec) in rights.decisions.iter().enumerate() {
                match decisions.get(&dec.id) {
                    Some(prev) => findings.push(duplicate(
                        &docs,
                        d,
                        &format!("/decisions/{i}/id"),
                        prev.doc,
                        &format!("/decisions/{}/id", prev.index),
                        format!("the decision `{}` is declared twice", dec.id),
                    )),
                    None => {
                        decisions.insert(dec.id.clone(), DecisionRef { doc: d, index: i });
                    }
                }
            }
        }
        check_item_ids(d, doc, &docs, findings);
    }

    let formulas = docs
        .iter()
        .enumerate()
        .filter_map(|(d, doc)| match &doc.body {
            Body::Kpi(kpi) => Some((d, Formula::parse(kpi.formula.as_deref()?))),
            _ => None,
        })
        .collect();
    // In the order of the documents (path, then position), so which of two
    // is "first" does not depend on the order the files were read in (the
    // language server re-loads an edited file after the others).
    let mut invalid: Vec<&crate::schema::InvalidDoc> = invalid.iter().collect();
    invalid.sort_unstable_by_key(|d| (rank[d.file as usize], d.span.start));
    let mut failed = IdMap::default();
    for bad in &invalid {
        if !by_id.contains_key(&bad.id) {
            failed.entry(bad.id.clone()).or_insert(bad.kind);
        }
    }
    let mut model = Model {
        sources,
        docs,
        by_id,
        decisions,
        by_kind,
        actuals,
        formulas,
        config_source,
        failed,
    };
    // Ids of documents that failed validation: duplicates of valid ids are
    // still duplicates, and references to them are not dangling (the
    // document's own error explains the problem).
    let mut invalid_ids: HashMap<&str, &crate::schema::InvalidDoc> = HashMap::new();
    for bad in invalid {
        if let Some(&first) = model.by_id.get(&bad.id) {
            let prev = &model.docs[first];
            findings.push(
                Finding::new(&st::duplicate_id::RULE, format!("the id `{}` is already used by {} `{}`", bad.id, prev.kind(), bad.id))
                    .at(Label::new(bad.file, bad.span).with_text("used again here"))
                    .related(Label::new(prev.file, prev.span("/id")).with_text("first defined here"))
                    .help("ids must be unique across the repository: rename one of them and update its references"),
            );
        } else if let Some(first) = invalid_ids.get(bad.id.as_str()) {
            findings.push(
                Finding::new(&st::duplicate_id::RULE, format!("the id `{}` is already used by {} `{}`", bad.id, first.kind, bad.id))
                    .at(Label::new(bad.file, bad.span).with_text("used again here"))
                    .related(Label::new(first.file, first.span).with_text("first defined here"))
                    .help("ids must be unique across the repository: rename one of them and update its references"),
            );
        } else {
            invalid_ids.insert(&bad.id, bad);
        }
    }
    let links = resolve_references(&mut model, &invalid_ids, findings);
    check_actual_kpis(&model, findings);
    Built { model, links }
}

/// Each file's place in path order.
fn file_ranks(sources: &Sources) -> Vec<u32> {
    let files = &sources.files;
    let mut order: Vec<u32> = (0..files.len() as u32).collect();
    if !files.is_sorted_by(|a, b| a.path <= b.path) {
        order.sort_by(|&a, &b| files[a as usize].path.cmp(&files[b as usize].path));
    }
    let mut rank = vec![0u32; files.len()];
    for (place, &file) in order.iter().enumerate() {
        rank[file as usize] = place as u32;
    }
    rank
}

fn duplicate(
    docs: &[Document],
    d: DocId,
    pointer: &str,
    first: DocId,
    first_pointer: &str,
    message: String,
) -> Finding {
    let doc = &docs[d];
    let prev = &docs[first];
    Finding::new(&st::duplicate_id::RULE, message)
        .at(Label::new(doc.file, doc.span(pointer)).with_text("used again here"))
        .related(Label::new(prev.file, prev.span(first_pointer)).with_text("first defined here"))
        .subject(doc.id(), pointer)
        .help("ids must be unique across the repository: rename one of them and update its references")
}

/// Ids of items inside one document must be unique within it.
fn check_item_ids(d: DocId, doc: &Document, docs: &[Document], findings: &mut Vec<Finding>) {
    let lists: Vec<(&str, Vec<&str>)> = match &doc.body {
        Body::StageGate(g) => vec![("/gates", g.gates.iter().map(|x| x.id.as_str()).collect())],
        Body::PricingPolicy(p) => {
            let mut v = vec![(
                "/categories",
                p.categories.iter().map(|c| c.id.as_str()).collect(),
            )];
            if let Some(s) = &p.subscriptions {
                v.push((
                    "/subscriptions/tiers",
                    s.tiers.iter().map(|t| t.id.as_str()).collect(),
                ));
            }
            v
        }
        Body::DataPolicy(p) => vec![
            (
                "/integrations",
                p.integrations.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                "/dashboards",
                p.dashboards.iter().map(|x| x.id.as_str()).collect(),
            ),
        ],
        _ => return,
    };
    for (list, ids) in lists {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            if let Some(&first) = seen.get(id) {
                findings.push(duplicate(
                    docs,
                    d,
                    &format!("{list}/{i}/id"),
                    d,
                    &format!("{list}/{first}/id"),
                    format!("`{id}` appears twice in `{}` of `{}`", &list[1..], doc.id()),
                ));
            } else {
                seen.insert(id, i);
                if !is_valid_id(id) {
                    findings.push(malformed_id(doc, &format!("{list}/{i}/id"), id));
                }
            }
        }
    }
}
