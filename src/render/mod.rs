//! Stage 6: the docs site, playbooks and scorecards rendered from the model
//! with minijinja templates.
//!
//! Rendering happens in memory: every page is a pure function of the
//! analysis (no timestamps, model order everywhere), so the same inputs give
//! byte-identical output. `output` then writes the pages atomically and
//! keeps a manifest of what stratc wrote, so a rebuild removes only its own
//! stale files.
//!
//! Text from YAML reaches the pages only through the escaping formatter of
//! `templates` (see `escape`); the Rust side builds plain data.
//!
//! The files below import one way: `view` (the plain data templates get)
//! and `format` (numbers, money, words) at the bottom, then `paths`
//! (page paths), `site` (what every page builder shares), the page
//! builders in `pages`, and this module, which only dispatches jobs.

pub(crate) mod escape;
mod format;
pub(crate) mod output;
mod pages;
mod paths;
mod rollup;
pub mod scenario;
mod site;
mod svg;
pub(crate) mod templates;
mod view;

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::value::Value;
use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::error::Fatal;
use crate::model::{DocId, Kind};
use format::kind_folder;
use site::Site;
use templates::Templates;

pub use output::{MANIFEST, Report};

/// The folder under `--out` that holds the Markdown pages (mkdocs `docs_dir`).
const DOCS_DIR: &str = "docs";

/// Renders the whole site and writes it into `out` atomically.
pub fn build(analysis: &Analysis, root: &Path, out: &Path) -> Result<Report, Fatal> {
    output::check_out_dir(root, out)?;
    let files = render(analysis, root)?;
    output::write(out, &files)
}

/// Renders every file of the site in memory: path relative to `--out`
/// (with `/`) and content. Templates come from the binary, replaced by the
/// ones under `root/templates/`.
pub fn render(analysis: &Analysis, root: &Path) -> Result<BTreeMap<String, String>, Fatal> {
    let templates = Templates::load(root)?;
    let site = Site::new(analysis);
    let jobs = jobs(&site);
    let rendered: Vec<Result<(String, String), Fatal>> = jobs
        .par_iter()
        .map(|job| {
            let (path, template, context) = context(&site, job);
            let text = tidy(&templates.render(template, context)?);
            let text = if path.ends_with(".md") {
                with_title(&text)
            } else {
                text
            };
            Ok((path, text))
        })
        .collect();
    let mut files = BTreeMap::new();
    for result in rendered {
        let (path, text) = result?;
        files.insert(path, text);
    }
    Ok(files)
}

/// Collapses runs of blank lines that template logic leaves behind and
/// ends the file with exactly one newline; lines inside code fences are
/// left alone.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut in_fence = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if line.is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The page with its title in YAML front matter, taken from its first
/// `# ` heading (already escaped for Markdown and HTML), so mkdocs and its
/// themes use that escaped text as the page title. Without it they take the
/// heading's text with its entities decoded, and mkdocs-material writes that
/// into `<title>` as it is: a title `</title><script>` would run.
fn with_title(text: &str) -> String {
    if text.starts_with("---") {
        return text.to_owned();
    }
    let Some(heading) = text.lines().find_map(|l| l.strip_prefix("# ")) else {
        return text.to_owned();
    };
    // Drop Markdown's backslash escapes; the HTML entities stay, and
    // brackets become entities so no title reads like a Markdown link.
    let mut title = String::with_capacity(heading.len());
    let mut chars = heading.chars();
    while let Some(c) = chars.next() {
        let c = if c == '\\' {
            match chars.next() {
                Some(next) => next,
                None => break,
            }
        } else {
            c
        };
        match c {
            '[' => title.push_str("&#91;"),
            ']' => title.push_str("&#93;"),
            c => title.push(c),
        }
    }
    let quoted = serde_json::to_string(title.trim()).unwrap_or_else(|_| "\"\"".to_owned());
    format!("---\ntitle: {quoted}\n---\n\n{text}")
}

/// One output file to render.
#[derive(Debug, Clone)]
enum Job {
    Index,
    Findings,
    Mkdocs,
    Css,
    KindIndex(Kind),
    Doc(DocId),
    PlaybookIndex,
    Escalation(String),
    PricingLadder(DocId),
    Gates(DocId),
    Deals(DocId),
}

/// Every file to render, in a fixed order.
fn jobs(site: &Site<'_>) -> Vec<Job> {
    let mut jobs = vec![
        Job::Index,
        Job::Findings,
        Job::Mkdocs,
        Job::Css,
        Job::PlaybookIndex,
    ];
    for &kind in Kind::ALL {
        if site.model.of_kind(kind).next().is_some() && kind != Kind::Playbook {
            jobs.push(Job::KindIndex(kind));
        }
    }
    jobs.extend((0..site.model.docs.len()).map(Job::Doc));
    jobs.extend(site.pages.escalation.keys().cloned().map(Job::Escalation));
    for (d, _) in site.model.of_kind(Kind::PricingPolicy) {
        if site.pages.ladder.contains_key(&d) {
            jobs.push(Job::PricingLadder(d));
        }
    }
    for (d, _) in site.model.of_kind(Kind::StageGate) {
        jobs.push(Job::Gates(d));
    }
    for (d, _) in site.model.of_kind(Kind::PricingPolicy) {
        if site.pages.deals.contains_key(&d) {
            jobs.push(Job::Deals(d));
        }
    }
    jobs
}

/// The output path (relative to `--out`), template and context of a job.
fn context(site: &Site<'_>, job: &Job) -> (String, &'static str, Value) {
    let docs = |page: &str| format!("{DOCS_DIR}/{page}");
    match job {
        Job::Index => (docs("index.md"), "site/index.md", pages::index::index(site)),
        Job::Findings => (
            docs("findings.md"),
            "site/findings.md",
            pages::index::findings(site),
        ),
        Job::Mkdocs => (
            "mkdocs.yml".to_owned(),
            "site/mkdocs.yml.jinja",
            pages::index::mkdocs(site),
        ),
        Job::Css => (
            docs("stratc.css"),
            "site/stratc.css",
            minijinja::Value::UNDEFINED,
        ),
        Job::KindIndex(kind) => {
            let page = format!("{}/index.md", kind_folder(*kind).0);
            let ctx = pages::index::kind_index(site, &page, *kind);
            (docs(&page), "site/kind-index.md", ctx)
        }
        Job::PlaybookIndex => (
            docs("playbooks/index.md"),
            "playbooks/index.md",
            pages::playbooks::index(site, "playbooks/index.md"),
        ),
        Job::Doc(d) => {
            let page = &site.pages.doc[*d];
            let (template, ctx) = match site.model.docs[*d].kind() {
                Kind::Playbook => (
                    "playbooks/playbook.md",
                    pages::playbooks::playbook(site, page, *d),
                ),
                Kind::Scorecard => (
                    "scorecards/scorecard.md",
                    pages::scorecards::scorecard(site, page, *d),
                ),
                _ => ("site/page.md", pages::page(site, page, *d)),
            };
            (docs(page), template, ctx)
        }
        Job::Escalation(decision) => {
            let page = &site.pages.escalation[decision];
            let ctx = pages::playbooks::escalation(site, page, decision);
            (docs(page), "playbooks/escalation.md", ctx)
        }
        Job::PricingLadder(d) => {
            let page = &site.pages.ladder[d];
            let ctx = pages::playbooks::pricing_ladder(site, page, *d);
            (docs(page), "playbooks/pricing-ladder.md", ctx)
        }
        Job::Gates(d) => {
            let page = &site.pages.gates[d];
            let ctx = pages::playbooks::gates(site, page, *d);
            (docs(page), "playbooks/market-entry-gates.md", ctx)
        }
        Job::Deals(d) => {
            let page = &site.pages.deals[d];
            let ctx = pages::deals(site, page, *d);
            (docs(page), "site/deals.md", ctx)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_their_escaped_heading_as_title() {
        assert_eq!(
            with_title("# &lt;/title&gt; \\[x\\] \"q\"\n\nText\n"),
            "---\ntitle: \"&lt;/title&gt; &#91;x&#93; \\\"q\\\"\"\n---\n\n# &lt;/title&gt; \\[x\\] \"q\"\n\nText\n"
        );
        assert_eq!(with_title("no heading\n"), "no heading\n");
        assert_eq!(
            with_title("---\ntitle: x\n---\n# y\n"),
            "---\ntitle: x\n---\n# y\n"
        );
    }

    #[test]
    fn tidy_collapses_blank_lines_outside_fences() {
        let fenced = "```\nx\n\n\ny\n```\n";
        for (text, tidied) in [("\n\na\n\n\n\nb  \n\n", "a\n\nb\n"), (fenced, fenced)] {
            assert_eq!(tidy(text), tidied);
        }
    }
}
