//! Page paths: a safe file name for every document, assigned once in model
//! order, and relative links between pages.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::format::kind_folder;
use crate::model::{Body, DocId, Kind, Model};

/// A file name from an id: lower-case letters, digits, `-`, `_` and `.`;
/// anything else becomes `-`; never empty, never hidden.
pub(crate) fn slug(id: &str) -> String {
    let mut s: String = id
        .chars()
        .take(100)
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    while s.starts_with('.') {
        s.replace_range(..1, "-");
    }
    // Windows refuses a trailing dot, and names such as `con` or `lpt1`
    // with any extension: a site built on Linux must check out there too.
    while s.ends_with('.') {
        s.pop();
        s.push('-');
    }
    let stem = s.split('.').next().unwrap_or_default();
    if is_windows_reserved(stem) {
        s.insert(stem.len(), '-');
    }
    if s.is_empty() { "page".to_owned() } else { s }
}

fn is_windows_reserved(stem: &str) -> bool {
    match stem {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            let b = stem.as_bytes();
            b.len() == 4
                && (stem.starts_with("com") || stem.starts_with("lpt"))
                && (b'1'..=b'9').contains(&b[3])
        }
    }
}

/// Page paths of every output page, assigned once in model order.
pub(crate) struct Pages {
    /// The page of each document.
    pub doc: Vec<String>,
    /// The generated escalation playbook of each decision.
    pub escalation: BTreeMap<String, String>,
    /// The generated exception ladder of each pricing policy with approvals.
    pub ladder: HashMap<DocId, String>,
    /// The generated market-entry gates page of each stage gate.
    pub gates: HashMap<DocId, String>,
    /// The generated deals page of each pricing policy that deals are priced under.
    pub deals: HashMap<DocId, String>,
}

impl Pages {
    pub(crate) fn assign(model: &Model) -> Pages {
        let mut used: HashSet<String> = HashSet::new();
        let mut unique = |folder: &str, id: &str| {
            let base = slug(id);
            let mut n = 1;
            loop {
                let name = if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                let path = format!("{folder}/{name}.md");
                // `index` is each folder's own listing.
                if name != "index" && used.insert(path.clone()) {
                    return path;
                }
                n += 1;
            }
        };
        let mut doc = vec![String::new(); model.docs.len()];
        for &kind in Kind::ALL {
            let (folder, _) = kind_folder(kind);
            for (d, document) in model.of_kind(kind) {
                doc[d] = unique(folder, document.id());
            }
        }
        let mut escalation = BTreeMap::new();
        let mut ladder = HashMap::new();
        let mut gates = HashMap::new();
        for (d, document) in model.of_kind(Kind::DecisionRights) {
            if let Body::DecisionRights(rights) = &document.body {
                for (i, decision) in rights.decisions.iter().enumerate() {
                    let declared_here = model
                        .decisions
                        .get(&decision.id)
                        .is_some_and(|r| r.doc == d && r.index == i);
                    if declared_here {
                        let path = unique("playbooks/escalation", &decision.id);
                        escalation.insert(decision.id.clone(), path);
                    }
                }
            }
        }
        for (d, document) in model.of_kind(Kind::PricingPolicy) {
            if let Body::PricingPolicy(p) = &document.body
                && p.approvals.is_some()
            {
                ladder.insert(d, unique("playbooks/pricing", document.id()));
            }
        }
        for (d, document) in model.of_kind(Kind::StageGate) {
            gates.insert(d, unique("playbooks/gates", document.id()));
        }
        let mut deals = HashMap::new();
        let priced: HashSet<DocId> = model
            .all::<crate::model::kinds::Deal>()
            .filter_map(|(_, deal)| model.deal_policy(deal).map(|(p, _)| p))
            .collect();
        for (d, document) in model.of_kind(Kind::PricingPolicy) {
            if priced.contains(&d) {
                deals.insert(d, unique("deals/by-policy", document.id()));
            }
        }
        Pages {
            doc,
            escalation,
            ladder,
            gates,
            deals,
        }
    }
}

/// The path of `to` relative to the folder of page `from` (both relative to
/// the docs folder, with `/`).
pub(crate) fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = String::new();
    for _ in common..from_dirs.len() {
        out.push_str("../");
    }
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_pages() {
        assert_eq!(relative("index.md", "goals/a.md"), "goals/a.md");
        assert_eq!(
            relative("goals/a.md", "objectives/b.md"),
            "../objectives/b.md"
        );
        assert_eq!(relative("goals/a.md", "goals/c.md"), "c.md");
        assert_eq!(
            relative("playbooks/escalation/x.md", "roles/r.md"),
            "../../roles/r.md"
        );
        assert_eq!(
            relative("playbooks/gates/g.md", "playbooks/index.md"),
            "../index.md"
        );
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("eu-dtc-growth"), "eu-dtc-growth");
        assert_eq!(slug("pricing.exception"), "pricing.exception");
        assert_eq!(slug("../../etc/passwd"), "-.-..-etc-passwd");
        assert_eq!(slug(".hidden"), "-hidden");
        assert_eq!(slug(""), "page");
        assert_eq!(slug("A B<c>"), "a-b-c-");
        assert_eq!(slug("con"), "con-");
        assert_eq!(slug("CON.txt"), "con-.txt");
        assert_eq!(slug("lpt1"), "lpt1-");
        assert_eq!(slug("lpt0"), "lpt0");
        assert_eq!(slug("console"), "console");
        assert_eq!(slug("a."), "a-");
        assert_eq!(slug(&"x".repeat(300)).len(), 100);
    }
}
