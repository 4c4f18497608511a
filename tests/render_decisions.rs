//! The decisions only people can judge are "documented": a kind holds them
//! and the site shows them. This test renders `examples/acme` and snapshots
//! the lines of the pages that show each one (build vs buy, dependencies and
//! post-mortems, channel assessments and territories, incentive plans,
//! segment reviews, audits, ROI hurdles, scorecard horizons and benchmarks,
//! the QBR's latest review, a playbook's segment).

use std::path::Path;

use stratc::analysis::{Options, analyse};
use stratc::render;

/// The lines of `page` that contain one of `needles`, in page order.
fn lines_with(
    pages: &std::collections::BTreeMap<String, String>,
    page: &str,
    needles: &[&str],
) -> String {
    let text = pages
        .get(page)
        .unwrap_or_else(|| panic!("the site has no page {page}"));
    let mut out = format!("== {page}\n");
    for line in text.lines() {
        if needles.iter().any(|n| line.contains(n)) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn acme_pages_show_the_documented_decisions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let analysis = analyse(&root, &Options::default()).expect("acme loads");
    let pages = render::render(&analysis, &root).expect("acme renders");
    let excerpts = [
        lines_with(
            &pages,
            "docs/initiatives/fit-finder-returns-reduction.md",
            &["Sourcing"],
        ),
        lines_with(
            &pages,
            "docs/initiatives/uk-amazon-brand-store.md",
            &["Post-mortem"],
        ),
        lines_with(
            &pages,
            "docs/initiatives/dtc-checkout-redesign.md",
            &["Post-mortem"],
        ),
        lines_with(
            &pages,
            "docs/initiatives/de-price-architecture-reset.md",
            &["Depends on"],
        ),
        lines_with(
            &pages,
            "docs/initiatives/summit-club-launch.md",
            &["Messages per customer"],
        ),
        lines_with(
            &pages,
            "docs/channels/trailhead-distribution.md",
            &[
                "Exclusive territories",
                "| New reach",
                "| Margin erosion",
                "| Brand control",
                "| Fulfilment",
                "| Assessed on",
            ],
        ),
        lines_with(
            &pages,
            "docs/roles/cco.md",
            &["Incentive plan", "](../kpis/"],
        ),
        lines_with(&pages, "docs/segments/lapsed-buyers.md", &["Reviewed"]),
        lines_with(
            &pages,
            "docs/budgets/acquisition-budget-2027.md",
            &["ROI hurdle"],
        ),
        lines_with(
            &pages,
            "docs/data-policies/acme-data-policy.md",
            &[
                "## Audits",
                "order-to-finance-sync",
                "marketplace-stock-sync",
            ],
        ),
        lines_with(
            &pages,
            "docs/scorecards/executive-qbr-scorecard.md",
            &["last on", "Short term", "Long term"],
        ),
        lines_with(
            &pages,
            "docs/playbooks/summit-club-onboarding.md",
            &["For the segment"],
        ),
    ];
    insta::with_settings!({snapshot_path => "snapshots/render", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("acme-documented-decisions", excerpts.join("\n"));
    });
}
