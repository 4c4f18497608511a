//! The built site as a reader gets it: `stratc build`, then `mkdocs build
//! --strict` with both themes, then headless Chromium.
//!
//! - A hostile strategy (titles with `<script>`, `javascript:` links,
//!   characters that break SVG and CDATA) builds into Markdown and HTML with
//!   no live script, no `on…` attribute and no `javascript:` URL.
//! - The acme site opened in Chromium (`--dump-dom`): the alignment map and
//!   the sparklines are SVG elements with links, the charts are there, and
//!   the browser's net log shows no request outside the site.
//!
//! mkdocs, mkdocs-material and Debian's `chromium` are installed by
//! `.ci/run`; without them these tests say so and pass, except under
//! `CI=true`, where a missing tool is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use stratc::analysis::{self, analyse};
use stratc::render;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether a tool is usable; under CI its absence fails the test.
fn have(what: &str, probe: &mut Command) -> bool {
    let ok = probe
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var("CI").is_err(),
            "{what} is not installed but CI is set (.ci/run installs it)"
        );
        println!("note: {what} is not installed; skipping (CI installs it)");
    }
    ok
}

fn have_mkdocs(theme: &str) -> bool {
    let module = if theme == "material" {
        "mkdocs, material"
    } else {
        "mkdocs"
    };
    have(
        &format!("python3 with {module}"),
        Command::new("python3").args(["-c", &format!("import {module}")]),
    )
}

fn have_chromium() -> bool {
    have("chromium", Command::new("chromium").arg("--version"))
}

/// Builds the strategy at `strategy` into `out` with the given theme
/// (written into a copy of its stratc.yaml) and returns the folder.
fn build_site(strategy: &Path, theme: &str, out: &Path) -> PathBuf {
    let work = out.join("strategy");
    copy_dir(strategy, &work);
    let config = work.join("stratc.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = if text.contains("\nsite:\n") {
        text.replacen("\nsite:\n", &format!("\nsite:\n  theme: {theme}\n"), 1)
    } else {
        format!("{text}\nsite:\n  theme: {theme}\n")
    };
    std::fs::write(&config, text).unwrap();
    let analysis = analyse(&work, &analysis::Options::default()).expect("the strategy loads");
    let site = out.join("site");
    render::build(&analysis, &work, &site).expect("the site builds");
    site
}

fn mkdocs_build(site: &Path) {
    let output = Command::new("python3")
        .args(["-m", "mkdocs", "build", "--strict", "--quiet"])
        .current_dir(site)
        .output()
        .expect("mkdocs runs");
    assert!(
        output.status.success(),
        "mkdocs build --strict failed in {}:\n{}",
        site.display(),
        String::from_utf8_lossy(&output.stderr)
    );
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

fn files_with(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_with(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Every tag of an HTML or SVG text: its name and attributes (names
/// lower-cased, values entity-decoded enough to see a scheme), and for a
/// `<script>` its content.
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    script: Option<String>,
}

fn tags(text: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        let end = tag_end(rest);
        let inside = &rest[..end];
        rest = &rest[(end + 1).min(rest.len())..];
        let name: String = inside
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        let attributes = attributes(&inside[name.len()..]);
        let script = (name == "script").then(|| {
            let close = rest
                .to_ascii_lowercase()
                .find("</script")
                .unwrap_or(rest.len());
            let body = rest[..close].to_owned();
            rest = &rest[close..];
            body
        });
        out.push(Tag {
            name,
            attributes,
            script,
        });
    }
    out
}

/// The end of a tag: the first `>` outside a quoted attribute value.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    text.len()
}

fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && !"=/>".contains(*c)))
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
        out.push((name.to_ascii_lowercase(), decode(&value)));
    }
    out
}

/// Enough entity decoding to see what a browser would see as a URL scheme.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "colon" => Some(':'),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// What no file of the site may contain: a script from the strategy, an
/// event-handler attribute, a link or source with a script scheme.
fn assert_no_live_script(path: &Path, text: &str) {
    for tag in tags(text) {
        let shown = || format!("{}: <{} {:?}>", path.display(), tag.name, tag.attributes);
        for (name, value) in &tag.attributes {
            assert!(!name.starts_with("on"), "event handler: {}", shown());
            let lower = value.to_ascii_lowercase();
            if matches!(
                name.as_str(),
                "href" | "src" | "xlink:href" | "action" | "formaction" | "data"
            ) {
                for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                    assert!(!lower.starts_with(scheme), "{scheme} URL: {}", shown());
                }
            }
        }
        if let Some(body) = &tag.script {
            // The theme's own scripts are files of the site or its small
            // inline settings; nothing a strategy wrote runs.
            for bad in ["alert(", "javascript:"] {
                assert!(
                    !body.contains(bad),
                    "{}: script runs `{bad}`",
                    path.display()
                );
            }
        }
        if tag.name == "iframe" || tag.name == "object" || tag.name == "embed" {
            panic!("embedded content: {}", shown());
        }
    }
}

/// A copy of the render fixture with hostile text in titles, descriptions,
/// links, the site title and ids' labels.
fn hostile_strategy(dir: &Path) -> PathBuf {
    let strategy = dir.join("hostile");
    copy_dir(&root().join("tests/fixtures/render/strategy"), &strategy);
    let edit = |file: &str, from: &str, to: &str| {
        let path = strategy.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} contains {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "goal.yaml",
        "title: Profitable growth",
        "title: \"<script>alert(1)</script> \\\"growth\\\" & 'margin' ]]> <svg onload=alert(2)>\"\nlinks:\n  - title: \"click <b>me</b>\"\n    url: \"javascript:alert(3)\"\n  - title: data\n    url: \"data:text/html,<script>alert(4)</script>\"",
    );
    edit(
        "goal.yaml",
        "  Grow revenue **without** giving away margin.",
        "  Grow [click](javascript:alert(5)) <img src=x onerror=alert(6)>\n  <script>alert(7)</script> ]]> <![CDATA[ x ]]>",
    );
    edit(
        "objective.yaml",
        "title: Grow online sales",
        "title: \"\\\"/><a href=\\\"javascript:alert(8)\\\">x</a><g onclick=alert(9)> | `tick` [l](javascript:alert(10))\"",
    );
    edit(
        "stratc.yaml",
        "title: Fixture Co strategy",
        "title: \"</title><script>alert(11)</script>\"",
    );
    edit(
        "kpis.yaml",
        "title: Customer acquisition cost",
        "title: \"CAC <script>alert(12)</script> \\\" ' & ]]>\"",
    );
    strategy
}

#[test]
fn a_hostile_strategy_builds_a_site_with_no_live_script() {
    let dir = tempfile::tempdir().unwrap();
    let strategy = hostile_strategy(dir.path());
    for theme in ["mkdocs", "material"] {
        let out = dir.path().join(theme);
        let site = build_site(&strategy, theme, &out);
        let mut files = Vec::new();
        files_with(&site.join("docs"), "md", &mut files);
        assert!(files.len() > 20, "the site has its pages");
        let mut saw_hostile = false;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            saw_hostile |= text.contains("&lt;script&gt;alert(1)");
            assert_no_live_script(path, &text);
            assert!(
                !text.contains("<script"),
                "{}: a script tag",
                path.display()
            );
        }
        assert!(saw_hostile, "the hostile title is shown, as text");
        if !have_mkdocs(theme) {
            continue;
        }
        mkdocs_build(&site);
        let mut pages = Vec::new();
        files_with(&site.join("site"), "html", &mut pages);
        assert!(pages.len() > 20);
        for path in &pages {
            assert_no_live_script(path, &std::fs::read_to_string(path).unwrap());
        }
    }
}

#[test]
fn the_checker_itself_catches_live_script() {
    // The assertions above must be able to fail.
    for bad in [
        "<svg onload=alert(1)>",
        "<a href=\"JavaScript&#58;alert(1)\">x</a>",
        "<a href=' javascript:alert(1)'>x</a>",
        "<script>alert(1)</script>",
        "<iframe src=x></iframe>",
    ] {
        let caught = std::panic::catch_unwind(|| assert_no_live_script(Path::new("x"), bad));
        assert!(caught.is_err(), "not caught: {bad}");
    }
    assert_no_live_script(
        Path::new("x"),
        "<a href=\"../goals/a.html\" title=\"once\">x</a><svg aria-label=\"only on\"></svg>",
    );
}

// -- headless Chromium -------------------------------------------------------

/// Chromium with no background traffic of its own, a fresh profile, and a
/// net log of every request.
fn chromium(profile: &Path, net_log: &Path) -> Command {
    let mut c = Command::new("chromium");
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--no-default-browser-check",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--log-net-log={}", net_log.display()));
    c
}

/// The rendered DOM of a page, and the URLs of the requests the page made
/// (from the net log: requests with an initiator; the browser's own
/// update and account checks have none and are not the page's).
fn open(page: &Path, scratch: &Path) -> (String, Vec<String>) {
    let n = std::fs::read_dir(scratch).map_or(0, |d| d.count());
    let profile = scratch.join(format!("profile-{n}"));
    let net_log = scratch.join(format!("net-{n}.json"));
    let url = format!("file://{}", page.display());
    let output = chromium(&profile, &net_log)
        .args(["--dump-dom", &url])
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        page_requests(&net_log),
    )
}

fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log).expect("chromium wrote its net log");
    // A log cut short at exit lacks its closing brackets.
    let log: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("the net log is JSON");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64();
    let mut urls = Vec::new();
    for event in log["events"].as_array().into_iter().flatten() {
        if event["type"].as_u64() != start {
            continue;
        }
        let params = &event["params"];
        let initiator = params["initiator"].as_str().unwrap_or("not an origin");
        if initiator == "not an origin" {
            continue;
        }
        if let Some(url) = params["url"].as_str() {
            urls.push(url.to_owned());
        }
    }
    urls
}

fn outside_the_site(requests: &[String]) -> Vec<&String> {
    requests
        .iter()
        .filter(|u| !(u.starts_with("file:") || u.starts_with("data:") || u.starts_with("about:")))
        .collect()
}

/// The SVG elements of a DOM with a class, each with the links in or around it.
fn svgs_with_links(dom: &str, class: &str) -> Vec<usize> {
    let needle = format!("class=\"{class}\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = dom[from..].find("<svg") {
        let start = from + at;
        let end = dom[start..].find("</svg>").map_or(dom.len(), |e| start + e);
        let open_end = dom[start..].find('>').map_or(end, |e| start + e);
        if dom[start..open_end].contains(&needle) {
            // Links inside the picture, or the one it sits in.
            let inside = dom[start..end].matches("<a href=\"").count();
            let around = dom[..start].rfind("<a ").is_some_and(|a| {
                dom[a..start].contains("stratc-spark-link") && !dom[a..start].contains("</a>")
            });
            out.push(inside + usize::from(around));
        }
        from = end;
    }
    out
}

#[test]
fn the_acme_site_in_headless_chromium_draws_its_pictures_and_asks_no_other_host() {
    if !have_mkdocs("material") || !have_chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scratch = dir.path().join("chromium");
    std::fs::create_dir_all(&scratch).unwrap();
    // The net log check must be able to fail: a page that loads a script
    // from a CDN (what the site did before) shows up as a request.
    let control = dir.path().join("control.html");
    std::fs::write(
        &control,
        "<html><body><script src=\"https://unpkg.com/mermaid@10.9.3/dist/mermaid.min.js\"></script></body></html>",
    )
    .unwrap();
    let (_, requests) = open(&control, &scratch);
    assert_eq!(
        outside_the_site(&requests),
        vec!["https://unpkg.com/mermaid@10.9.3/dist/mermaid.min.js"],
        "the net log shows a page's request to another host"
    );
    for theme in ["mkdocs", "material"] {
        let site = build_site(
            &root().join("examples/acme"),
            theme,
            &dir.path().join(theme),
        );
        mkdocs_build(&site);
        let html = site.join("site");
        let pages = [
            ("index.html", "stratc-map-svg"),
            (
                "scorecards/commerce-monthly-scorecard.html",
                "stratc-sparkline",
            ),
            (
                "pricing-policies/acme-pricing-policy.html",
                "stratc-chart-svg",
            ),
        ];
        for (page, class) in pages {
            let path = html.join(page);
            assert!(path.is_file(), "{theme}: {page} was built");
            let (dom, requests) = open(&path, &scratch);
            assert!(
                outside_the_site(&requests).is_empty(),
                "{theme}: {page} made requests outside the site: {:?}",
                outside_the_site(&requests)
            );
            let pictures = svgs_with_links(&dom, class);
            assert!(
                !pictures.is_empty(),
                "{theme}: {page} has no <svg class={class}>"
            );
            match class {
                // Every box of the map is a link to its page.
                "stratc-map-svg" => assert!(pictures[0] >= 10, "{theme}: map links {pictures:?}"),
                "stratc-sparkline" => {
                    assert!(pictures.len() >= 5, "{theme}: sparklines {pictures:?}");
                    assert!(
                        pictures.iter().all(|&l| l >= 1),
                        "{theme}: each links to its KPI"
                    );
                }
                _ => assert!(
                    pictures.len() >= 2,
                    "{theme}: ladder and waterfall {pictures:?}"
                ),
            }
            // The links in the pictures lead to pages that exist.
            if class == "stratc-map-svg" {
                for href in dom
                    .split("<a href=\"")
                    .skip(1)
                    .filter_map(|s| s.split('"').next())
                    .filter(|h| h.ends_with(".html") && !h.contains(':'))
                {
                    let target = path.parent().unwrap().join(href);
                    assert!(target.is_file(), "{theme}: {page} links to missing {href}");
                }
            }
        }
    }
}
