//! The minijinja environment: the built-in templates (compiled into the
//! binary), the overrides a strategy repository keeps in its own
//! `templates/` folder, the escaping formatter and filters, the fuel limit,
//! and template errors turned into "file:line:column: what went wrong".

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};

use super::escape;
use crate::error::Fatal;

/// The built-in templates, by name. A file of the same name under the
/// strategy repository's `templates/` folder replaces one.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    (
        "site/macros.md",
        include_str!("../../templates/site/macros.md"),
    ),
    (
        "site/index.md",
        include_str!("../../templates/site/index.md"),
    ),
    (
        "site/kind-index.md",
        include_str!("../../templates/site/kind-index.md"),
    ),
    ("site/page.md", include_str!("../../templates/site/page.md")),
    (
        "site/findings.md",
        include_str!("../../templates/site/findings.md"),
    ),
    (
        "site/stratc.css",
        include_str!("../../templates/site/stratc.css"),
    ),
    (
        "site/mkdocs.yml.jinja",
        include_str!("../../templates/site/mkdocs.yml.jinja"),
    ),
    (
        "playbooks/index.md",
        include_str!("../../templates/playbooks/index.md"),
    ),
    (
        "playbooks/playbook.md",
        include_str!("../../templates/playbooks/playbook.md"),
    ),
    (
        "playbooks/escalation.md",
        include_str!("../../templates/playbooks/escalation.md"),
    ),
    (
        "playbooks/pricing-ladder.md",
        include_str!("../../templates/playbooks/pricing-ladder.md"),
    ),
    (
        "playbooks/market-entry-gates.md",
        include_str!("../../templates/playbooks/market-entry-gates.md"),
    ),
    (
        "site/deals.md",
        include_str!("../../templates/site/deals.md"),
    ),
    (
        "scorecards/scorecard.md",
        include_str!("../../templates/scorecards/scorecard.md"),
    ),
];

/// The folders of the repository's `templates/` folder that stratc reads.
const OVERRIDE_FOLDERS: &[&str] = &["site", "playbooks", "scorecards"];

/// Most template instructions one page may execute: enough for a page
/// listing tens of thousands of rows, small enough that a runaway loop stops
/// within a second or two.
pub(crate) const FUEL: u64 = 50_000_000;

/// Largest page one template may write, in bytes: fuel bounds the steps,
/// this bounds what they write (a single `{{ "x" * 100000000 }}` is one
/// step).
pub(crate) const MAX_OUTPUT_BYTES: usize = 16 << 20;

/// Largest override template read, in bytes.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The built-in template `name`, for `stratc build --print-template`.
pub(crate) fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Where a template comes from, for error messages.
#[derive(Debug, Clone)]
enum Origin {
    Builtin,
    /// Path as the user sees it (root-relative when possible).
    Override(PathBuf),
}

/// The environment with every template added, and where each came from.
pub(crate) struct Templates {
    env: Environment<'static>,
    origins: BTreeMap<String, Origin>,
}

impl Templates {
    /// The built-in templates with the overrides found under `root/templates/`.
    pub(crate) fn load(root: &Path) -> Result<Templates, Fatal> {
        let mut sources: BTreeMap<String, (String, Origin)> = BUILTIN
            .iter()
            .map(|(n, t)| ((*n).to_owned(), ((*t).to_owned(), Origin::Builtin)))
            .collect();
        for folder in OVERRIDE_FOLDERS {
            let dir = root.join("templates").join(folder);
            if dir.is_dir() {
                read_overrides(root, &dir, folder, &mut sources)?;
            }
        }
        let mut env = environment();
        let mut origins = BTreeMap::new();
        for (name, (text, origin)) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), text) {
                origins.insert(name, origin);
                return Err(describe(&e, &origins));
            }
            origins.insert(name, origin);
        }
        Ok(Templates { env, origins })
    }

    /// Renders template `name` with `context`; errors name the template file,
    /// line and column.
    pub(crate) fn render(&self, name: &str, context: Value) -> Result<String, Fatal> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| describe(&e, &self.origins))?;
        let mut out = Limited {
            bytes: Vec::new(),
            exceeded: false,
        };
        if let Err(e) = template.render_captured_to(context, &mut out) {
            if out.exceeded {
                let file = match self.origins.get(name) {
                    Some(Origin::Override(path)) => path.display().to_string(),
                    _ => format!("built-in template {name}"),
                };
                return Err(Fatal::Template(format!(
                    "{file}: the page grew past {} MiB and was stopped; look for a loop or a repetition that writes far more than a page",
                    MAX_OUTPUT_BYTES >> 20
                )));
            }
            return Err(describe(&e, &self.origins));
        }
        // The formatter writes only UTF-8 strings.
        String::from_utf8(out.bytes)
            .map_err(|_| Fatal::Template(format!("template {name} wrote text that is not UTF-8")))
    }
}

/// A page being written, refused past `MAX_OUTPUT_BYTES`.
struct Limited {
    bytes: Vec<u8>,
    exceeded: bool,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.exceeded = true;
            return Err(std::io::Error::other("page too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads the override templates below `dir` (recursively, sorted).
fn read_overrides(
    root: &Path,
    dir: &Path,
    prefix: &str,
    out: &mut BTreeMap<String, (String, Origin)>,
) -> Result<(), Fatal> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Fatal::Read {
            path: dir.to_owned(),
            source: e,
        })?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let name = format!("{prefix}/{file_name}");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            read_overrides(root, &path, &name, out)?;
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        let shown = path
            .strip_prefix(root)
            .map_or_else(|_| path.clone(), Path::to_path_buf);
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        if size > MAX_TEMPLATE_BYTES {
            return Err(Fatal::Template(format!(
                "{} is {} bytes; templates are limited to {} bytes",
                shown.display(),
                size,
                MAX_TEMPLATE_BYTES
            )));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Fatal::Read {
            path: path.clone(),
            source: e,
        })?;
        out.insert(name, (text, Origin::Override(shown)));
    }
    Ok(())
}

/// A new environment: fuel-limited, no loader (so no file-system access),
/// escaping by default, Jinja whitespace control suited to Markdown.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_debug(true);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".yml.jinja") || name.ends_with(".yaml.jinja") {
            AutoEscape::Custom("yaml".into())
        } else if name.ends_with(".css") {
            AutoEscape::None
        } else {
            AutoEscape::Custom("markdown".into())
        }
    });
    env.set_formatter(format_value);
    env.add_filter("md", |v: Value| {
        Value::from_safe_string(escape::inline(&text_of(&v)))
    });
    env.add_filter("md_code", |v: Value| {
        Value::from_safe_string(escape::inline_with_code(&text_of(&v)))
    });
    env.add_filter("md_block", |v: Value| {
        Value::from_safe_string(escape::block(&text_of(&v)))
    });
    env.add_filter("mermaid", |v: Value| {
        Value::from_safe_string(escape::mermaid_label(&text_of(&v)))
    });
    env.add_filter("href", |v: Value| {
        Value::from_safe_string(escape::href(&text_of(&v)).unwrap_or_else(|| "#".to_owned()))
    });
    env.add_filter("yaml", |v: Value| {
        Value::from_safe_string(escape::yaml(&text_of(&v)))
    });
    env
}

/// The text of a value; none and undefined are empty.
fn text_of(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        String::new()
    } else if let Some(s) = v.as_str() {
        s.to_owned()
    } else {
        v.to_string()
    }
}

/// Writes every `{{ value }}`: safe strings as they are, anything else
/// escaped for the template's format (Markdown or YAML).
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_safe() {
        return out
            .write_str(value.as_str().unwrap_or_default())
            .map_err(Error::from);
    }
    let text = text_of(value);
    let escaped = match state.auto_escape() {
        AutoEscape::Custom(name) if name == "yaml" => escape::yaml(&text),
        AutoEscape::None => text,
        _ => escape::inline(&text),
    };
    out.write_str(&escaped).map_err(Error::from)
}

/// A template error as "file:line:column: what went wrong".
fn describe(error: &Error, origins: &BTreeMap<String, Origin>) -> Fatal {
    let name = error.name().unwrap_or("?");
    let file = match origins.get(name) {
        Some(Origin::Override(path)) => path.display().to_string(),
        Some(Origin::Builtin) => format!("built-in template {name}"),
        None => name.to_owned(),
    };
    let line = error.line().unwrap_or(0);
    let column = match (error.range(), error.template_source()) {
        (Some(range), Some(source)) => {
            let before = &source[..range.start.min(source.len())];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            before[line_start..].chars().count() + 1
        }
        _ => 1,
    };
    let what = match error.kind() {
        ErrorKind::OutOfFuel => format!(
            "the template ran too long and was stopped after {FUEL} steps; \
             look for a loop that never ends or runs over a huge range"
        ),
        kind => match error.detail() {
            Some(detail) => format!("{kind}: {detail}"),
            None => kind.to_string(),
        },
    };
    let hint = match origins.get(name) {
        Some(Origin::Override(_)) if builtin(name).is_some() => {
            format!(" (compare with the built-in one: stratc build --print-template {name})")
        }
        _ => String::new(),
    };
    Fatal::Template(format!("{file}:{line}:{column}: {what}{hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_compiles() {
        let dir = std::env::temp_dir().join("stratc-no-templates-here");
        let templates = Templates::load(&dir).expect("built-in templates compile");
        assert_eq!(templates.origins.len(), BUILTIN.len());
    }

    #[test]
    fn values_are_escaped_unless_marked_safe() {
        let mut env = environment();
        env.add_template("t.md", "{{ a }}|{{ a|md_block }}|{{ b }}")
            .unwrap();
        env.add_template("t.yml.jinja", "x: {{ a }}").unwrap();
        let ctx = minijinja::context! { a => "<b>[x](javascript:y)</b>", b => Value::from_safe_string("<i>".into()) };
        let out = env.get_template("t.md").unwrap().render(&ctx).unwrap();
        assert_eq!(
            out,
            "&lt;b&gt;\\[x\\](javascript:y)&lt;/b&gt;|&lt;b&gt;\\[x\\](javascript:y)&lt;/b&gt;|<i>"
        );
        let out = env
            .get_template("t.yml.jinja")
            .unwrap()
            .render(&ctx)
            .unwrap();
        assert_eq!(out, "x: \"&lt;b&gt;[x](javascript:y)&lt;/b&gt;\"");
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        let mut origins = BTreeMap::new();
        origins.insert(
            "site/x.md".to_owned(),
            Origin::Override("templates/site/x.md".into()),
        );
        let mut env = environment();
        // Filters are looked up when the template runs.
        env.add_template("site/x.md", "line one\n  {{ 1|no_such_filter }}")
            .unwrap();
        let err = env
            .get_template("site/x.md")
            .unwrap()
            .render(())
            .unwrap_err();
        let message = describe(&err, &origins).to_string();
        assert_eq!(
            message,
            // No hint: there is no built-in template of that name to compare with.
            "template error: templates/site/x.md:2:8: unknown filter: filter no_such_filter is unknown"
        );
    }
}
