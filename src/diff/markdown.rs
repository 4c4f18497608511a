//! The report as Markdown for a pull-request comment.

use std::fmt::Write as _;

use serde_json::Value;

use super::report::{Approval, DiffReport, DocSummary, FieldChange, FindingView};
use crate::diagnostics::markdown::cell;
use crate::numbers::plain;

/// Markdown text safe in a table cell, as inline code when it can be.
fn code(s: &str) -> String {
    if s.is_empty() || s.contains(['`', '\n', '\r']) {
        cell(s)
    } else {
        format!("`{}`", s.replace('|', "\\|"))
    }
}

/// A value in a table cell: strings as written, numbers without trailing
/// zeros, lists and mappings as compact JSON; long values shortened.
fn value_cell(v: Option<&Value>) -> String {
    const MAX: usize = 120;
    let Some(v) = v else { return "—".to_owned() };
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |f| plain(f, 6)),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    };
    let text = if text.chars().count() > MAX {
        let mut t: String = text.chars().take(MAX - 1).collect();
        t.push('…');
        t
    } else {
        text
    };
    cell(&text)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A table with a header row, one row per item (cells already escaped),
/// and a blank line after it.
fn table<T, const N: usize>(
    out: &mut String,
    header: [&str; N],
    items: &[T],
    row: impl Fn(&T) -> [String; N],
) {
    let _ = writeln!(out, "| {} |\n|{}", header.join(" | "), "---|".repeat(N));
    for item in items {
        let _ = writeln!(out, "| {} |", row(item).join(" | "));
    }
    out.push('\n');
}

/// A `### title` section holding a table, when there are items.
fn section<T, const N: usize>(
    out: &mut String,
    title: &str,
    header: [&str; N],
    items: &[T],
    row: impl Fn(&T) -> [String; N],
) {
    if !items.is_empty() {
        let _ = writeln!(out, "### {title}\n");
        table(out, header, items, row);
    }
}

const DOC_COLUMNS: [&str; 4] = ["kind", "id", "title", "file"];

fn doc_row(d: &DocSummary) -> [String; 4] {
    [
        d.kind.to_owned(),
        code(&d.id),
        cell(d.title.as_deref().unwrap_or("")),
        code(&d.file),
    ]
}

const FIELD_COLUMNS: [&str; 3] = ["field", "before", "after"];

fn field_row(f: &FieldChange) -> [String; 3] {
    [
        code(&f.pointer),
        value_cell(f.before.as_ref()),
        value_cell(f.after.as_ref()),
    ]
}

fn place(f: &FindingView) -> String {
    match (&f.file, f.line) {
        (Some(file), Some(line)) => code(&format!("{file}:{line}")),
        (Some(file), None) => code(file),
        _ => String::new(),
    }
}

/// The rule of a finding: its code, then its name.
fn rule(f: &FindingView) -> String {
    format!("`{}` {}", f.code, f.rule)
}

/// The row of a decision to approve: the decision, who is Accountable
/// (with what is wrong when nobody can be named), their GitHub handles, and
/// the changes that need the approval.
fn approval_row(a: &Approval) -> [String; 4] {
    let decision = if a.decision.is_empty() {
        "—".to_owned()
    } else {
        match &a.title {
            Some(t) => format!("{} ({})", code(&a.decision), cell(t)),
            None => code(&a.decision),
        }
    };
    let mut who = a
        .accountable
        .iter()
        .map(|p| match &p.title {
            Some(t) => format!("{} ({})", cell(t), code(&p.role)),
            None => code(&p.role),
        })
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(note) = &a.note {
        if !who.is_empty() {
            who.push_str("<br>");
        }
        let _ = write!(who, "⚠️ {}", cell(note));
    }
    let github = a
        .accountable
        .iter()
        .map(|p| {
            p.github
                .as_deref()
                .map_or_else(|| "(no `github` handle)".to_owned(), cell)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let because = a
        .because
        .iter()
        .map(|b| code(b))
        .collect::<Vec<_>>()
        .join(", ");
    [decision, who, github, because]
}

/// The report as Markdown for a pull-request comment. Every text taken from
/// the strategy is escaped so it cannot inject markup.
pub(crate) fn to_markdown(r: &DiffReport) -> String {
    let mut out = String::new();
    let short = r.base_commit.get(..12).unwrap_or(&r.base_commit);
    let _ = writeln!(
        out,
        "## stratc diff against {} ({})\n",
        code(&r.base),
        code(short)
    );
    let s = &r.summary;
    let nothing = s.added + s.removed + s.changed == 0 && r.config.is_empty();
    if nothing && s.introduced + s.resolved == 0 {
        out.push_str("No changes to the strategy.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**Documents:** {} added, {} changed, {} removed · **Findings:** {} introduced ({}), {} resolved · **Affected:** {}, {}\n",
        s.added,
        s.changed,
        s.removed,
        s.introduced,
        plural(s.introduced_errors, "error", "errors"),
        s.resolved,
        plural(s.affected_initiatives, "initiative", "initiatives"),
        plural(s.affected_scorecards, "scorecard", "scorecards"),
    );
    section(
        &mut out,
        "Approval needed",
        ["decision", "accountable", "GitHub", "because of"],
        &r.approvals,
        approval_row,
    );
    section(
        &mut out,
        "Findings introduced",
        ["severity", "rule", "where", "message"],
        &r.introduced,
        |f| {
            let mut message = cell(&f.message);
            if let Some(help) = &f.help {
                let _ = write!(message, "<br>help: {}", cell(help));
            }
            [f.severity.to_owned(), rule(f), place(f), message]
        },
    );
    section(
        &mut out,
        "Findings resolved",
        ["rule", "where (at the base)", "message"],
        &r.resolved,
        |f| [rule(f), place(f), cell(&f.message)],
    );
    section(
        &mut out,
        "Initiatives and scorecards affected",
        ["kind", "id", "title", "why"],
        &r.affected,
        |a| {
            let why = if a.via.is_empty() && r.added.iter().any(|d| d.id == a.id) {
                "added in this pull request".to_owned()
            } else if a.via.is_empty() {
                "changed in this pull request".to_owned()
            } else {
                a.via
                    .iter()
                    .map(|s| {
                        format!(
                            "{} {} {}",
                            code(&s.from),
                            s.edge.replace('_', " "),
                            code(&s.to)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            [
                a.kind.to_owned(),
                code(&a.id),
                cell(a.title.as_deref().unwrap_or("")),
                why,
            ]
        },
    );
    section(&mut out, "Documents added", DOC_COLUMNS, &r.added, doc_row);
    section(
        &mut out,
        "Documents removed",
        DOC_COLUMNS,
        &r.removed,
        doc_row,
    );
    if !r.changed.is_empty() {
        out.push_str("### Documents changed\n\n");
        for c in &r.changed {
            let title = c
                .title
                .as_deref()
                .map(|t| format!(" — {}", cell(t)))
                .unwrap_or_default();
            let _ = writeln!(out, "#### {} {}{title}\n", c.kind, code(&c.id));
            let _ = write!(out, "In {}", code(&c.file));
            if let Some(from) = &c.moved_from {
                let _ = write!(out, " (moved from {})", code(from));
            }
            if let Some(kind) = c.kind_before {
                let _ = write!(out, "; it was a {kind}");
            }
            out.push_str(".\n\n");
            if !c.fields.is_empty() {
                table(&mut out, FIELD_COLUMNS, &c.fields, field_row);
            }
        }
    }
    section(
        &mut out,
        "Configuration changed (`stratc.yaml`)",
        FIELD_COLUMNS,
        &r.config,
        field_row,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_in_cells_are_escaped_and_shortened() {
        assert_eq!(value_cell(Some(&json!("<script>|x"))), "&lt;script&gt;\\|x");
        assert_eq!(value_cell(Some(&json!(30.0))), "30");
        assert_eq!(value_cell(None), "—");
        assert!(value_cell(Some(&json!("x".repeat(500)))).ends_with('…'));
        assert_eq!(code("a|b"), "`a\\|b`");
        // Backticks in the text: left to the cell escaping.
        assert_eq!(code("a`b"), cell("a`b"));
    }
}
