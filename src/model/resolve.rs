//! References between documents: each field that names another document
//! (or an item inside one) is resolved to its target, or reported as
//! dangling or of the wrong kind, with a "did you mean".

use std::collections::{HashMap, HashSet};

use super::refs::{Edge, Expect, Reference};
use super::resolved::{Ids, Resolved};
use super::{Body, DocId, Document, Kind, Model};
use crate::finding::structure as st;
use crate::finding::structure as gv;
use crate::finding::{Finding, Label};
use crate::schema::{SUGGESTION_BUDGET, did_you_mean};
use crate::words::article;

/// What a reference resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Doc(DocId),
    Decision(String),
}

/// A reference with its source document and resolution: what the graph
/// turns into an edge.
#[derive(Debug, Clone)]
pub struct Link {
    pub from: DocId,
    pub edge: Edge,
    /// Which of `from`'s references ([`super::Document::references`]) it
    /// is; `None` for a KPI named in a formula (the field `/formula`).
    pub reference: Option<u32>,
    pub to: Option<Target>,
}

/// The fingerprint of the ids of a list of documents ([`Ids`]).
fn ids_of(docs: &[Document]) -> Ids {
    use std::hash::{BuildHasher, Hash, Hasher};
    // Two independent 64-bit hashes: a collision would silently link a
    // reference to the wrong document, so make it one in 2^128.
    let mut a = foldhash::fast::FixedState::with_seed(0x5354_5241).build_hasher();
    let mut b = foldhash::fast::FixedState::with_seed(0x5443_4944).build_hasher();
    docs.len().hash(&mut a);
    for doc in docs {
        let kind = doc.kind();
        for h in [&mut a, &mut b] {
            doc.id().hash(h);
            kind.hash(h);
        }
        if let Body::DecisionRights(rights) = &doc.body {
            for dec in &rights.decisions {
                dec.id.hash(&mut a);
                dec.id.hash(&mut b);
            }
        }
    }
    Ids(a.finish(), b.finish())
}

/// A resolution as the cache keeps it ([`Resolved`]).
fn encode(target: &Option<Target>) -> u32 {
    match target {
        Some(Target::Doc(t)) => u32::try_from(*t).unwrap_or(Resolved::NONE),
        Some(Target::Decision(_)) => Resolved::DECISION,
        None => Resolved::NONE,
    }
}

fn decode(code: u32, r: &Reference) -> Option<Target> {
    match code {
        Resolved::NONE => None,
        Resolved::DECISION => Some(Target::Decision(r.target.clone())),
        t => Some(Target::Doc(t as DocId)),
    }
}

pub(super) fn resolve_references(
    model: &mut Model,
    invalid_ids: &HashMap<&str, &crate::schema::InvalidDoc>,
    findings: &mut Vec<Finding>,
) -> Vec<Vec<Link>> {
    use rayon::prelude::*;
    // Most references resolve: do those in parallel. The few that do not
    // are then reported one by one in document order, so the findings and
    // the "did you mean" budget stay deterministic.
    struct PerDoc {
        links: Vec<Link>,
        unresolved: Vec<usize>,
        scoped: Vec<Finding>,
        /// Newly resolved (the document's cache was not valid).
        resolved: Option<Box<[u32]>>,
    }
    let ids = ids_of(&model.docs);
    let categories = CategoryIndex::new(model);
    let shared: &Model = model;
    let per_doc: Vec<PerDoc> = crate::load::pool().install(|| {
        shared
            .docs
            .par_iter()
            .enumerate()
            .map(|(d, doc)| {
                let model = shared;
                let refs = doc.references();
                let cached = (doc.resolved.under == Some(ids)).then_some(&doc.resolved.targets);
                let mut unresolved = Vec::new();
                let mut links: Vec<Link> = refs
                    .iter()
                    .enumerate()
                    .map(|(i, reference)| {
                        let to = match cached {
                            Some(codes) => decode(codes[i], reference),
                            None => resolve_quietly(model, reference),
                        };
                        if to.is_none() {
                            unresolved.push(i);
                        }
                        Link {
                            from: d,
                            edge: reference.edge,
                            reference: Some(i as u32),
                            to,
                        }
                    })
                    .collect();
                let resolved = cached
                    .is_none()
                    .then(|| links.iter().map(|l| encode(&l.to)).collect());
                formula_links(model, d, &mut links);
                let mut scoped = Vec::new();
                resolve_scoped(model, &categories, doc, &mut scoped);
                PerDoc {
                    links,
                    unresolved,
                    scoped,
                    resolved,
                }
            })
            .collect()
    });
    let mut links = Vec::with_capacity(per_doc.len());
    let mut fresh = Vec::new();
    let mut suggestions_left = SUGGESTION_BUDGET;
    let mut ids_of_kind: HashMap<Vec<Kind>, Vec<&str>> = HashMap::new();
    for (d, mut part) in per_doc.into_iter().enumerate() {
        let doc = &shared.docs[d];
        for &i in &part.unresolved {
            let r = &doc.references()[i];
            if !shared.by_id.contains_key(&r.target) && invalid_ids.contains_key(r.target.as_str())
            {
                continue;
            }
            part.links[i].to = resolve_one(
                shared,
                d,
                doc,
                r,
                findings,
                &mut suggestions_left,
                &mut ids_of_kind,
            );
        }
        if let Some(resolved) = part.resolved {
            fresh.push((d, resolved));
        }
        links.push(part.links);
        findings.append(&mut part.scoped);
    }
    for (d, targets) in fresh {
        model.docs[d].resolved = Resolved {
            under: Some(ids),
            targets,
        };
    }
    links
}

/// The KPIs a KPI's formula names, as links: the graph then knows what each
/// KPI is computed from (formula cycles are its cycle query). Names that are
/// not KPIs are left to `formula-unknown-kpi`; a KPI named twice is one link.
fn formula_links(model: &Model, d: DocId, links: &mut Vec<Link>) {
    let Some(Ok(formula)) = model.formulas.get(&d) else {
        return;
    };
    let mut seen = HashSet::new();
    for r in formula.references() {
        let Some(&t) = model.by_id.get(&r.id) else {
            continue;
        };
        if model.docs[t].kind() != Kind::Kpi || !seen.insert(t) {
            continue;
        }
        links.push(Link {
            from: d,
            edge: Edge::Formula,
            reference: None,
            to: Some(Target::Doc(t)),
        });
    }
}

/// The target of a reference that resolves to the expected kind, without
/// reporting anything; `None` sends it to `resolve_one`.
fn resolve_quietly(model: &Model, r: &Reference) -> Option<Target> {
    if r.expect == Expect::Decision {
        return model
            .decisions
            .contains_key(&r.target)
            .then(|| Target::Decision(r.target.clone()));
    }
    let expected: &[Kind] = match r.expect {
        Expect::Kinds(k) => k,
        Expect::Role | Expect::AudienceRole => &[Kind::Role],
        Expect::KpiUnchecked => &[Kind::Kpi],
        Expect::AnyUnchecked | Expect::Decision => &[],
    };
    let &t = model.by_id.get(&r.target)?;
    (expected.is_empty() || expected.contains(&model.docs[t].kind())).then_some(Target::Doc(t))
}

fn resolve_one<'m>(
    model: &'m Model,
    d: DocId,
    doc: &Document,
    r: &Reference,
    findings: &mut Vec<Finding>,
    suggestions_left: &mut usize,
    ids_of_kind: &mut HashMap<Vec<Kind>, Vec<&'m str>>,
) -> Option<Target> {
    let here = Label::new(doc.file, doc.span(&r.pointer));
    let field = field_name(&r.pointer);
    if r.expect == Expect::Decision {
        if model.decisions.contains_key(&r.target) {
            return Some(Target::Decision(r.target.clone()));
        }
        let mut f = Finding::new(
            &st::dangling_reference::RULE,
            format!(
                "`{field}` names the decision `{}`, which no DecisionRights document declares",
                r.target
            ),
        )
        .at(here)
        .subject(doc.id(), r.pointer.clone());
        let suggestion = take_suggestion(suggestions_left, || {
            let mut names: Vec<&str> = model.decisions.keys().map(String::as_str).collect();
            names.sort_unstable();
            did_you_mean(&r.target, names).map(str::to_owned)
        });
        f = f.help(match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "declare the decision in a DecisionRights document, or fix the id".to_owned(),
        });
        findings.push(f);
        return None;
    }
    let expected: &[Kind] = match r.expect {
        Expect::Kinds(k) => k,
        Expect::Role | Expect::AudienceRole => &[Kind::Role],
        Expect::KpiUnchecked => &[Kind::Kpi],
        Expect::AnyUnchecked | Expect::Decision => &[],
    };
    match model.by_id.get(&r.target) {
        Some(&t) => {
            let target = &model.docs[t];
            if expected.is_empty() || expected.contains(&target.kind()) {
                return Some(Target::Doc(t));
            }
            if matches!(r.expect, Expect::KpiUnchecked) {
                return None;
            }
            findings.push(
                Finding::new(
                    &st::wrong_kind_reference::RULE,
                    format!(
                        "`{field}` expects {}, but `{}` is {} {}",
                        kinds_words(expected),
                        r.target,
                        article(target.kind().name()),
                        target.kind()
                    ),
                )
                .at(here)
                .related(
                    Label::new(target.file, target.span("/id"))
                        .with_text(format!("`{}` is defined here", r.target)),
                )
                .subject(doc.id(), r.pointer.clone())
                .help(wrong_kind_help(doc.kind(), field, target.kind())),
            );
            let _ = d;
            None
        }
        None => {
            let rule = match r.expect {
                Expect::Role => &gv::unknown_role::RULE,
                Expect::AudienceRole => &gv::unknown_audience_role::RULE,
                Expect::AnyUnchecked | Expect::KpiUnchecked => return None,
                _ => &st::dangling_reference::RULE,
            };
            let suggestion = take_suggestion(suggestions_left, || {
                let candidates = ids_of_kind.entry(expected.to_vec()).or_insert_with(|| {
                    let mut ids: Vec<&str> = expected
                        .iter()
                        .flat_map(|k| model.of_kind(*k).map(|(_, doc)| doc.id()))
                        .collect();
                    ids.sort_unstable();
                    ids
                });
                did_you_mean(&r.target, candidates.iter().copied()).map(str::to_owned)
            });
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "no {} has the id `{}`: add it, or fix the reference",
                    kinds_plain(expected),
                    r.target
                ),
            };
            findings.push(
                Finding::new(
                    rule,
                    format!(
                        "`{field}` names `{}`, but no {} has that id",
                        r.target,
                        kinds_plain(expected)
                    ),
                )
                .at(here)
                .subject(doc.id(), r.pointer.clone())
                .help(help),
            );
            None
        }
    }
}

fn take_suggestion(left: &mut usize, f: impl FnOnce() -> Option<String>) -> Option<String> {
    if *left == 0 {
        return None;
    }
    *left -= 1;
    f()
}

/// The field a pointer names, without list indexes: `/advances/1` -> `advances`.
pub fn field_name(pointer: &str) -> &str {
    pointer
        .rsplit('/')
        .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("reference")
}

fn kinds_words(kinds: &[Kind]) -> String {
    let names: Vec<String> = kinds
        .iter()
        .map(|k| format!("{} {}", article(k.name()), k.name()))
        .collect();
    names.join(" or ")
}

fn kinds_plain(kinds: &[Kind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    names.join(" or ")
}

fn wrong_kind_help(from: Kind, field: &str, found: Kind) -> String {
    match (from, field, found) {
        (Kind::Initiative, "advances", Kind::Goal) => {
            "initiatives advance objectives, which support goals: name the objective that supports this goal".to_owned()
        }
        _ => format!("`{field}` cannot point at a {found}; name a document of the expected kind"),
    }
}

/// The pricing categories declared by the policies of each market, built
/// once: asking "is this category priced in the initiative's markets" by
/// scanning every policy for every initiative was quadratic.
struct CategoryIndex<'m> {
    /// Categories of every policy.
    all: HashSet<&'m str>,
    /// Categories of policies that name no markets (they cover all).
    everywhere: HashSet<&'m str>,
    by_market: HashMap<&'m str, HashSet<&'m str>>,
}

impl<'m> CategoryIndex<'m> {
    fn new(model: &'m Model) -> CategoryIndex<'m> {
        let mut index = CategoryIndex {
            all: HashSet::new(),
            everywhere: HashSet::new(),
            by_market: HashMap::new(),
        };
        for (d, policy) in model.all::<super::kinds::PricingPolicy>() {
            // A category dropped with a bad value still counts as declared:
            // the bad value is reported, not every initiative pricing it.
            let withheld = model.docs[d]
                .withheld
                .iter()
                .filter(|(list, _)| list == "/categories")
                .map(|(_, id)| id.as_str());
            let ids = policy
                .categories
                .iter()
                .map(|c| c.id.as_str())
                .chain(withheld);
            index.all.extend(ids.clone());
            if policy.markets.is_empty() {
                index.everywhere.extend(ids.clone());
            }
            for market in &policy.markets {
                index
                    .by_market
                    .entry(market.as_str())
                    .or_default()
                    .extend(ids.clone());
            }
        }
        index
    }

    /// Whether a policy covering these markets (all policies when there
    /// are none) declares the category.
    fn covers(&self, markets: &[String], category: &str) -> bool {
        if markets.is_empty() {
            return self.all.contains(category);
        }
        self.everywhere.contains(category)
            || markets.iter().any(|m| {
                self.by_market
                    .get(m.as_str())
                    .is_some_and(|ids| ids.contains(category))
            })
    }
}

/// References whose targets live inside another document: gates of the
/// initiative's StageGate, pricing categories of the policies covering its
/// markets, categories named by a policy's MAP rules.
fn resolve_scoped(
    model: &Model,
    categories: &CategoryIndex<'_>,
    doc: &Document,
    findings: &mut Vec<Finding>,
) {
    let mut dangling =
        |pointer: String, message: String, candidates: Vec<&str>, help_none: String| {
            let target = doc
                .tree()
                .walk(&pointer)
                .node
                .as_str()
                .unwrap_or("")
                .to_owned();
            let help = match did_you_mean(&target, candidates.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if candidates.is_empty() => help_none,
                None => format!("known here: {}", candidates.join(", ")),
            };
            findings.push(
                Finding::new(&st::dangling_reference::RULE, message)
                    .at(Label::new(doc.file, doc.span(&pointer)))
                    .subject(doc.id(), pointer)
                    .help(help),
            );
        };
    match &doc.body {
        Body::Initiative(init) => {
            if let Some((_, gate)) = init
                .gates
                .as_deref()
                .and_then(|g| model.get::<super::kinds::StageGate>(g))
            {
                let known: HashSet<&str> = gate.gates.iter().map(|g| g.id.as_str()).collect();
                for (i, rec) in init.gate_log.iter().enumerate() {
                    if !known.contains(rec.gate.as_str()) {
                        dangling(
                            format!("/gate_log/{i}/gate"),
                            format!(
                                "`{}` is not a gate of `{}`",
                                rec.gate,
                                init.gates.as_deref().unwrap_or("")
                            ),
                            gate.gates.iter().map(|g| g.id.as_str()).collect(),
                            String::new(),
                        );
                    }
                }
            } else if init.gates.is_none() && !init.gate_log.is_empty() {
                dangling(
                    "/gate_log".to_owned(),
                    format!(
                        "`{}` records gates but names no StageGate in `gates`",
                        init.id
                    ),
                    Vec::new(),
                    "add `gates:` with the StageGate process the initiative goes through"
                        .to_owned(),
                );
            }
            scoped_categories(
                model,
                categories,
                &init.markets,
                "/categories",
                &init.categories,
                "the initiative's markets",
                &mut dangling,
            );
            if let Some(promotion) = &init.promotion {
                scoped_categories(
                    model,
                    categories,
                    &init.markets,
                    "/promotion/bundle_categories",
                    &promotion.bundle_categories,
                    "the initiative's markets",
                    &mut dangling,
                );
            }
        }
        Body::Channel(channel) => {
            scoped_categories(
                model,
                categories,
                &channel.markets,
                "/exclusive_categories",
                &channel.exclusive_categories,
                "the channel's markets",
                &mut dangling,
            );
        }
        Body::Deal(deal) => {
            let markets = std::slice::from_ref(&deal.market);
            scoped_categories(
                model,
                categories,
                markets,
                "/categories",
                &deal.categories,
                "the deal's market",
                &mut dangling,
            );
            if let Some(tier) = &deal.customer_tier {
                let mut known: Vec<&str> = model
                    .all::<super::kinds::PricingPolicy>()
                    .filter(|(_, p)| p.markets.is_empty() || p.markets.contains(&deal.market))
                    .flat_map(|(_, p)| p.customer_tiers.iter().map(|t| t.id.as_str()))
                    .collect();
                known.sort_unstable();
                known.dedup();
                if !known.contains(&tier.as_str()) {
                    dangling(
                        "/customer_tier".to_owned(),
                        format!(
                            "`{tier}` is not a customer tier of the pricing policy covering `{}`",
                            deal.market
                        ),
                        known,
                        "declare the tier under `customer_tiers` of the PricingPolicy of this market"
                            .to_owned(),
                    );
                }
            }
        }
        Body::StageGate(process) => {
            let known: Vec<&str> = process.gates.iter().map(|g| g.id.as_str()).collect();
            for (i, gate) in process.gates.iter().enumerate() {
                for (j, before) in gate.after.iter().flatten().enumerate() {
                    if !known.contains(&before.as_str()) || *before == gate.id {
                        let others: Vec<&str> =
                            known.iter().copied().filter(|g| *g != gate.id).collect();
                        dangling(
                            format!("/gates/{i}/after/{j}"),
                            format!(
                                "`{before}` is not another gate of `{}`, so `{}` cannot come after it",
                                process.id, gate.id
                            ),
                            others,
                            "name gates of this process, or `after: []` for a gate that waits for none"
                                .to_owned(),
                        );
                    }
                }
            }
        }
        Body::PricingPolicy(p) => {
            if let Some(approvals) = &p.approvals {
                let tiers: Vec<&str> = p.customer_tiers.iter().map(|t| t.id.as_str()).collect();
                for (i, step) in approvals.tiers.iter().enumerate() {
                    for (j, tier) in step.customer_tiers.iter().enumerate() {
                        if !tiers.contains(&tier.as_str()) {
                            dangling(
                                format!("/approvals/tiers/{i}/customer_tiers/{j}"),
                                format!("`{tier}` is not a customer tier of this policy"),
                                tiers.clone(),
                                "declare the tier under `customer_tiers` (`- {id: strategic, title: Strategic accounts}`)"
                                    .to_owned(),
                            );
                        }
                    }
                }
            }
            let known: Vec<&str> = p.categories.iter().map(|c| c.id.as_str()).collect();
            for (i, rule) in p.map.iter().enumerate() {
                for (j, c) in rule.categories.iter().enumerate() {
                    if !known.contains(&c.as_str()) {
                        dangling(
                            format!("/map/{i}/categories/{j}"),
                            format!("`{c}` is not a category of this policy"),
                            known.clone(),
                            "declare the category under `categories`".to_owned(),
                        );
                    }
                }
            }
        }
        Body::DataPolicy(p) => {
            let known: Vec<&str> = p.integrations.iter().map(|i| i.id.as_str()).collect();
            for (i, audit) in p.audits.iter().enumerate() {
                if !known.contains(&audit.of.as_str()) {
                    dangling(
                        format!("/audits/{i}/of"),
                        format!("`{}` is not an integration of this policy", audit.of),
                        known.clone(),
                        "declare the integration under `integrations`".to_owned(),
                    );
                }
            }
        }
        _ => {}
    }
}

/// Pricing categories named in `list` (at `pointer`) that no policy covering
/// `markets` declares are dangling; `whose` says whose markets in the message.
fn scoped_categories(
    model: &Model,
    categories: &CategoryIndex<'_>,
    markets: &[String],
    pointer: &str,
    list: &[String],
    whose: &str,
    dangling: &mut impl FnMut(String, String, Vec<&str>, String),
) {
    if !list.iter().any(|c| !categories.covers(markets, c)) {
        return;
    }
    let mut known: Vec<&str> = model
        .all::<super::kinds::PricingPolicy>()
        .filter(|(_, p)| {
            markets.is_empty()
                || p.markets.is_empty()
                || p.markets.iter().any(|m| markets.contains(m))
        })
        .flat_map(|(_, p)| p.categories.iter().map(|c| c.id.as_str()))
        .collect();
    known.sort_unstable();
    known.dedup();
    for (i, c) in list.iter().enumerate() {
        if !known.contains(&c.as_str()) {
            dangling(
                format!("{pointer}/{i}"),
                format!("`{c}` is not a pricing category of any policy covering {whose}"),
                known.clone(),
                "declare the category in the PricingPolicy of these markets".to_owned(),
            );
        }
    }
}

/// Every KPI named in the actuals must exist.
pub(super) fn check_actual_kpis(model: &Model, findings: &mut Vec<Finding>) {
    let mut kpis: Vec<&str> = model.of_kind(Kind::Kpi).map(|(_, d)| d.id()).collect();
    kpis.sort_unstable();
    for (kpi, rows) in &model.actuals.by_kpi {
        // A KPI whose document does not load (half-typed in an editor, or
        // with a schema error) still names its rows: its own error explains.
        if model.get::<super::kinds::Kpi>(kpi).is_some() || model.failed_to_load(kpi, Kind::Kpi) {
            continue;
        }
        let row = &rows[0];
        let help = match did_you_mean(kpi, kpis.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "add the KPI, or fix the id in the CSV".to_owned(),
        };
        findings.push(
            Finding::new(
                &st::dangling_reference::RULE,
                format!(
                    "the actuals name the KPI `{kpi}`, but no Kpi has that id ({} row(s))",
                    rows.len()
                ),
            )
            .at(Label::new(row.file, row.kpi_span))
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_skip_indexes() {
        for (pointer, field) in [("/advances/1", "advances"), ("/supports/0/id", "id")] {
            assert_eq!(field_name(pointer), field);
        }
    }
}
