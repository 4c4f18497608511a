//! `stratc build`: the rendered pages (snapshots), determinism, the atomic
//! writer and its manifest, escaping of text from YAML, and bounded
//! override templates. Uses the library API on the fixture strategy in
//! `tests/fixtures/render/strategy` (KPIs red, amber, green and without
//! actuals at 2027-07-01).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use stratc::analysis::{self, Analysis, analyse};
use stratc::render::{self, MANIFEST};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/strategy")
}

fn analysed(root: &Path) -> Analysis {
    analyse(root, &analysis::Options::default()).expect("the strategy loads")
}

fn rendered(root: &Path) -> BTreeMap<String, String> {
    render::render(&analysed(root), root).expect("the site renders")
}

/// A copy of the fixture strategy in a temporary folder, to modify.
fn copy_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, relative, with `/`.
fn files_below(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn snapshots_of_the_index_every_kind_of_page_playbooks_and_the_scorecard() {
    let files = rendered(&fixture());
    let pages = [
        ("index", "docs/index.md"),
        ("findings", "docs/findings.md"),
        ("mkdocs", "mkdocs.yml"),
        ("kind-index-initiatives", "docs/initiatives/index.md"),
        ("goal", "docs/goals/profitable-growth.md"),
        ("objective", "docs/objectives/grow-online.md"),
        ("kpi", "docs/kpis/conversion.md"),
        ("initiative", "docs/initiatives/marketplace-entry.md"),
        ("role", "docs/roles/cco.md"),
        ("decision-rights", "docs/decisions/decision-rights.md"),
        ("market", "docs/markets/de.md"),
        ("channel", "docs/channels/webshop-de.md"),
        ("channel-policy", "docs/channel-policies/channel-policy.md"),
        ("pricing-policy", "docs/pricing-policies/pricing-policy.md"),
        ("stage-gate", "docs/stage-gates/market-entry-gates.md"),
        ("exception", "docs/exceptions/summer-sale-discount.md"),
        ("segment", "docs/segments/loyal-customers.md"),
        ("budget", "docs/budgets/growth-budget-2027.md"),
        ("data-policy", "docs/data-policies/data-policy.md"),
        ("trigger", "docs/triggers/conversion-shortfall.md"),
        ("playbook", "docs/playbooks/conversion-response.md"),
        ("playbooks-index", "docs/playbooks/index.md"),
        (
            "playbook-escalation",
            "docs/playbooks/escalation/pricing.exception.md",
        ),
        (
            "playbook-pricing-ladder",
            "docs/playbooks/pricing/pricing-policy.md",
        ),
        (
            "playbook-market-entry-gates",
            "docs/playbooks/gates/market-entry-gates.md",
        ),
        ("scorecard", "docs/scorecards/monthly-review.md"),
        ("deal", "docs/deals/bergwelt-2027.md"),
        ("deals-by-policy", "docs/deals/by-policy/pricing-policy.md"),
    ];
    for (name, path) in pages {
        let text = files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not rendered; rendered: {:?}", files.keys()));
        insta::with_settings!({snapshot_path => "snapshots/render", prepend_module_to_snapshot => false, description => path}, {
            insta::assert_snapshot!(name, text);
        });
    }
}

#[test]
fn the_scorecard_shows_red_amber_green_and_no_actuals_without_inventing_numbers() {
    let files = rendered(&fixture());
    let scorecard = &files["docs/scorecards/monthly-review.md"];
    assert!(
        scorecard.contains("1 red, 1 amber, 1 green, 1 without actuals yet"),
        "{scorecard}"
    );
    let nps = scorecard
        .lines()
        .find(|l| l.contains("Net promoter score"))
        .expect("the NPS row");
    assert!(nps.contains("no actuals yet"), "{nps}");
    assert!(
        !nps.contains("<strong>") && !nps.contains("<svg"),
        "no status or sparkline is shown for a KPI without actuals: {nps}"
    );
    // A coloured badge that keeps the words, in the colour of its status.
    for (words, colour) in [
        ("red: 16.7% worse than target", "#b3261e"),
        ("amber: 7.5% worse than target", "#a05a00"),
        ("green: on or better than target", "#1e7b34"),
    ] {
        let row = scorecard
            .lines()
            .find(|l| l.contains(&format!("<strong>{words}</strong>")))
            .unwrap_or_else(|| panic!("a row with `{words}`:\n{scorecard}"));
        assert!(row.contains(&format!("fill=\"{colour}\"")), "{row}");
        assert!(
            row.contains("class=\"stratc-sparkline\""),
            "a sparkline: {row}"
        );
    }
    assert!(scorecard.contains("## Fired triggers"));
}

#[test]
fn every_page_links_to_its_source_file_and_line() {
    let files = rendered(&fixture());
    let page = &files["docs/kpis/cac.md"];
    assert!(
        page.contains(
            "[kpis.yaml, line 13](https://github.com/example/strategy/blob/main/kpis.yaml#L13)"
        ),
        "{page}"
    );
    assert!(
        page.contains("[Edit this page](https://github.com/example/strategy/edit/main/kpis.yaml)")
    );
    // Without a repository URL the path and line are shown as text.
    let dir = copy_fixture();
    let config = dir.path().join("stratc.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("  repo_url: https://github.com/example/strategy\n", ""),
    )
    .unwrap();
    let files = rendered(dir.path());
    let page = &files["docs/kpis/cac.md"];
    assert!(page.contains("Source: kpis.yaml, line 13\n"), "{page}");
}

#[test]
fn the_same_inputs_give_byte_identical_output() {
    let first = rendered(&fixture());
    let second = rendered(&fixture());
    assert_eq!(first, second);
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    let analysis = analysed(&fixture());
    render::build(&analysis, &fixture(), &a).unwrap();
    render::build(&analysis, &fixture(), &b).unwrap();
    assert_eq!(files_below(&a), files_below(&b));
    for f in files_below(&a) {
        assert_eq!(
            std::fs::read(a.join(&f)).unwrap(),
            std::fs::read(b.join(&f)).unwrap(),
            "{f}"
        );
    }
    assert!(
        !first.values().any(|t| t.contains(&today())),
        "no build date on any page"
    );
    // Building again into the same folder changes nothing.
    let report = render::build(&analysis, &fixture(), &a).unwrap();
    assert_eq!((report.changed, report.removed.len()), (0, 0));
}

fn today() -> String {
    stratc::model::values::Date::today().to_string()
}

#[test]
fn a_rebuild_after_removing_a_document_deletes_exactly_its_page() {
    let dir = copy_fixture();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let report = render::build(&analysed(dir.path()), dir.path(), &site).unwrap();
    assert!(report.removed.is_empty());
    let before = files_below(&site);
    assert!(before.contains(&"docs/markets/fr.md".to_owned()));
    assert!(before.contains(&MANIFEST.to_owned()));
    // No temporary folder is left next to the output.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);

    std::fs::remove_file(dir.path().join("market-fr.yaml")).unwrap();
    let report = render::build(&analysed(dir.path()), dir.path(), &site).unwrap();
    assert_eq!(report.removed, vec!["docs/markets/fr.md".to_owned()]);
    let after = files_below(&site);
    let gone: Vec<&String> = before.iter().filter(|f| !after.contains(f)).collect();
    assert_eq!(gone, vec!["docs/markets/fr.md"]);
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn files_placed_by_hand_in_the_output_survive_a_rebuild() {
    let dir = copy_fixture();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    render::build(&analysed(dir.path()), dir.path(), &site).unwrap();
    std::fs::write(site.join("README.txt"), "mine").unwrap();
    std::fs::write(site.join("docs/markets/notes.md"), "mine too").unwrap();
    std::fs::create_dir_all(site.join("site")).unwrap();
    std::fs::write(site.join("site/index.html"), "mkdocs output").unwrap();

    // Remove a document, then rebuild.
    std::fs::remove_file(dir.path().join("market-fr.yaml")).unwrap();
    render::build(&analysed(dir.path()), dir.path(), &site).unwrap();
    assert_eq!(
        std::fs::read_to_string(site.join("README.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("docs/markets/notes.md")).unwrap(),
        "mine too"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("site/index.html")).unwrap(),
        "mkdocs output"
    );
    assert!(!site.join("docs/markets/fr.md").exists());

    // A file someone else put where stratc wants to write is not overwritten.
    std::fs::write(
        dir.path().join("market-fr.yaml"),
        "kind: Market\nid: fr\ncurrency: EUR\n",
    )
    .unwrap();
    std::fs::write(site.join("docs/markets/fr.md"), "hand-written").unwrap();
    let before = files_below(&site);
    let err = render::build(&analysed(dir.path()), dir.path(), &site).unwrap_err();
    assert!(err.to_string().contains("docs/markets/fr.md"), "{err}");
    assert!(err.to_string().contains("did not write"), "{err}");
    assert_eq!(
        std::fs::read_to_string(site.join("docs/markets/fr.md")).unwrap(),
        "hand-written"
    );
    assert_eq!(files_below(&site), before);
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        1,
        "no temporary folder left"
    );
}

#[test]
fn text_from_yaml_never_reaches_a_page_as_html_or_a_link() {
    let dir = copy_fixture();
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} contains {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "goal.yaml",
        "title: Profitable growth",
        "title: \"<script>alert(1)</script> growth\"",
    );
    edit(
        "goal.yaml",
        "  Grow revenue **without** giving away margin.",
        "  Grow [click](javascript:alert(1)) <img src=x onerror=alert(2)> ![i](javascript:x)\n  <script>alert(3)</script>",
    );
    edit(
        "objective.yaml",
        "title: Grow online sales",
        "title: \"Grow\\\"]:::x\\nclick n1 \\\"javascript:alert(4)\\\" [click](javascript:alert(4)) | <b>x</b>\"",
    );
    edit(
        "stratc.yaml",
        "title: Fixture Co strategy",
        "title: \"</title><script>alert(5)</script>\"",
    );
    edit(
        "playbook.yaml",
        "  - title: Find the step of the funnel that lost buyers",
        "  - title: \"<iframe src=javascript:alert(7)>\"",
    );
    let analysis = analysed(dir.path());
    assert!(
        analysis
            .model
            .docs
            .iter()
            .any(|d| d.display_name().contains("<script>"))
    );
    let files = render::render(&analysis, dir.path()).unwrap();
    for (path, text) in &files {
        for bad in ["<script", "<img", "<iframe", "<b>", "</title><script"] {
            assert!(!text.contains(bad), "{path} contains `{bad}`:\n{text}");
        }
        // A link needs an unescaped `](`; every one from YAML is `\](`.
        for (at, _) in text.match_indices("](javascript:") {
            assert!(
                text[..at].ends_with('\\'),
                "{path} links to javascript:\n{text}"
            );
        }
        if path.ends_with(".md") {
            assert_markup_is_only_stratc_pictures(path, text);
        }
    }
    let goal = &files["docs/goals/profitable-growth.md"];
    assert!(
        goal.contains("# &lt;script&gt;alert(1)&lt;/script&gt; growth"),
        "{goal}"
    );
    assert!(goal.contains("\\[click\\](javascript:alert(1))"), "{goal}");
    let mkdocs = &files["mkdocs.yml"];
    assert!(
        mkdocs.contains("site_name: \"&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;\""),
        "{mkdocs}"
    );
}

/// The pictures stratc draws are the only markup in a page: every tag is
/// one of the SVG or HTML elements stratc writes, no attribute is an event
/// handler and no link is anything but a page of the site or an
/// http(s)/mailto URL. Text from YAML never opens a tag: its `<` is `&lt;`.
fn assert_markup_is_only_stratc_pictures(path: &str, text: &str) {
    const ELEMENTS: &[&str] = &[
        "figure", "svg", "title", "g", "a", "rect", "text", "path", "line", "polyline", "circle",
        "strong", "br",
    ];
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        rest = &after[end..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ELEMENTS.contains(&name.as_str()),
            "{path}: unexpected tag <{tag}>"
        );
        for (attr_name, value) in attributes(tag) {
            assert!(
                !attr_name.starts_with("on"),
                "{path}: event handler in <{tag}>"
            );
            if attr_name == "href" {
                let value = value.to_ascii_lowercase();
                assert!(
                    !value.contains(':')
                        || value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with("mailto:"),
                    "{path}: link to `{value}` in <{tag}>"
                );
            }
        }
    }
}

/// The attributes of a tag (`a href="x" class='y'`): lower-cased names and
/// values, quotes respected.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = tag.chars().peekable();
    // Skip the element name.
    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
        chars.next();
    }
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/'))
                .collect();
        if name.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next_if(|c| *c != q)).collect();
                    chars.next();
                }
                _ => value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect(),
            }
        }
        out.push((name.to_ascii_lowercase(), value));
    }
    out
}

#[test]
fn a_runaway_override_template_stops_with_an_error_naming_it() {
    let dir = copy_fixture();
    std::fs::create_dir_all(dir.path().join("templates/site")).unwrap();
    let template = dir.path().join("templates/site/index.md");
    let analysis = analysed(dir.path());

    // The loop of the issue: minijinja refuses such a range outright.
    std::fs::write(
        &template,
        "# Index\n\n{% for i in range(100000000) %}{{ i }}{% endfor %}\n",
    )
    .unwrap();
    let err = render::render(&analysis, dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("templates/site/index.md:3:"), "{err}");

    // Nested loops within the range limit run out of fuel instead.
    std::fs::write(
        &template,
        "# Index\n{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}\n{% endfor %}\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let err = render::render(&analysis, dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("templates/site/index.md:"), "{err}");
    assert!(err.contains("ran too long"), "{err}");
    assert!(
        started.elapsed().as_secs() < 60,
        "stopped after {:?}",
        started.elapsed()
    );

    // A syntax error names the file, line and column.
    std::fs::write(&template, "# Index\n\n{{ site.title }\n").unwrap();
    let err = render::render(&analysis, dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("templates/site/index.md:3:"), "{err}");
}

#[test]
fn an_override_template_replaces_the_built_in_one() {
    let dir = copy_fixture();
    std::fs::create_dir_all(dir.path().join("templates/site")).unwrap();
    std::fs::write(
        dir.path().join("templates/site/kind-index.md"),
        "# All {{ title }}\n\n{% for row in table.rows %}\n- {{ row[0][0].text }}\n{% endfor %}\n",
    )
    .unwrap();
    let files = rendered(dir.path());
    assert_eq!(
        files["docs/markets/index.md"],
        // The title mkdocs shows comes from the page's heading, escaped.
        "---\ntitle: \"All Markets\"\n---\n\n# All Markets\n\n- France\n- Germany\n"
    );
    // The other templates are still the built-in ones.
    assert!(files["docs/index.md"].contains("\n# Fixture Co strategy\n"));
}

#[test]
fn an_out_folder_that_is_or_contains_the_strategy_is_refused() {
    let dir = copy_fixture();
    let analysis = analysed(dir.path());
    for out in [
        dir.path().to_path_buf(),
        dir.path().parent().unwrap().to_path_buf(),
        dir.path().join("."),
    ] {
        let err = render::build(&analysis, dir.path(), &out).unwrap_err();
        assert!(matches!(err, stratc::error::Fatal::Usage(_)), "{err}");
    }
    assert!(!dir.path().join("docs").exists());
    assert!(!dir.path().join(MANIFEST).exists());
}

fn stratc(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_stratc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_build_command_refuses_errors_unless_allowed_and_prints_templates() {
    let dir = copy_fixture();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let root = dir.path().to_str().unwrap();
    let site_arg = site.to_str().unwrap();

    let (code, stdout, _) = stratc(&["build", root, "--out", site_arg]);
    assert_eq!(code, 0, "{stdout}");
    assert!(site.join("mkdocs.yml").exists());
    // The build summary, with the temporary path masked.
    let summary = stdout.replace(site_arg, "SITE");
    insta::with_settings!({snapshot_path => "snapshots/render", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("build-summary", summary);
    });

    // An error in the strategy: no build without --allow-errors.
    std::fs::write(
        dir.path().join("broken.yaml"),
        "kind: Initiative\nid: broken\ntype: pricing\nstatus: approved\nadvances: [nowhere]\n",
    )
    .unwrap();
    std::fs::remove_dir_all(&site).unwrap();
    let (code, stdout, _) = stratc(&["build", root, "--out", site_arg]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("--allow-errors"), "{stdout}");
    assert!(!site.exists());
    let (code, stdout, _) = stratc(&["build", root, "--out", site_arg, "--allow-errors"]);
    assert_eq!(code, 0, "{stdout}");
    let page = std::fs::read_to_string(site.join("docs/initiatives/broken.md")).unwrap();
    assert!(page.contains("## Findings"), "{page}");
    assert!(page.contains("**error**"), "{page}");

    // --out the strategy folder itself: usage error.
    let (code, _, stderr) = stratc(&["build", root, "--out", root]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("strategy folder"), "{stderr}");

    let (code, stdout, _) = stratc(&["build", "--print-template", "site/page.md"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("{% import \"site/macros.md\" as m %}"),
        "{stdout}"
    );
    let (code, _, stderr) = stratc(&["build", "--print-template", "nope.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("site/index.md"), "{stderr}");
}

/// A KPI computed by a formula links to the KPIs it is computed from, and
/// they link back (the formula references are graph edges).
#[test]
fn formula_kpis_link_to_what_they_are_computed_from() {
    let acme = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let files = rendered(&acme);
    let ratio = &files["docs/kpis/ltv-cac-ratio.md"];
    let computed = ratio
        .split("## Computed from\n\n")
        .nth(1)
        .expect("the ratio page lists what it is computed from");
    assert!(computed.starts_with("- [Customer lifetime value (24 months)](ltv.md)\n- [Customer acquisition cost (CAC)](cac.md)\n"), "{computed}");
    assert!(
        files["docs/kpis/ltv.md"]
            .contains("## Used in the formula of\n\n- [LTV / CAC](ltv-cac-ratio.md)\n")
    );
}

/// Each Scenario of acme gets a page with its report; experiments and
/// brands get pages of their own (SPEC 6: "Each `Scenario` gets a page").
#[test]
fn acme_scenario_experiment_and_brand_pages() {
    let acme = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let files = rendered(&acme);
    let pages = [
        (
            "acme-scenario-consumer-demand-shock",
            "docs/scenarios/consumer-demand-shock.md",
        ),
        (
            "acme-scenario-freight-cost-spike",
            "docs/scenarios/freight-cost-spike.md",
        ),
        (
            "acme-scenario-privacy-ruling-de",
            "docs/scenarios/privacy-ruling-de.md",
        ),
        (
            "acme-experiment",
            "docs/experiments/jacket-discount-framing.md",
        ),
        ("acme-brand", "docs/brands/summit-pro.md"),
        ("acme-kind-index-scenarios", "docs/scenarios/index.md"),
    ];
    for (name, path) in pages {
        let text = files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not rendered; rendered: {:?}", files.keys()));
        insta::with_settings!({snapshot_path => "snapshots/render", prepend_module_to_snapshot => false, description => path}, {
            insta::assert_snapshot!(name, text);
        });
    }
    // The page tells the same story as `stratc scenario`: the demand shock
    // fires the revenue trigger in 2027-Q3 and names its playbook.
    let demand = &files["docs/scenarios/consumer-demand-shock.md"];
    assert!(demand.contains("revenue-shortfall"), "{demand}");
    assert!(files["docs/brands/acme-outfitters.md"].contains("## Brands under it"));
}
