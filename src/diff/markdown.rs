//! The report as Markdown for a pull-request comment.

use std::fmt::Write as _;

use super::report::{Approval, DiffReport, DocSummary, FieldChange, FindingView};
use super::words::{code, sentence};
use crate::diagnostics::markdown::cell;

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

/// Changes as a bullet list of sentences, and a blank line after it.
fn bullets(out: &mut String, fields: &[FieldChange]) {
    for f in fields {
        let _ = writeln!(out, "- {}", sentence(f));
    }
    out.push('\n');
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
        .chain(a.findings.iter().map(|f| format!("finding {}", cell(f))))
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
    let _ = writeln!(out, "**Verdict:** {}\n", cell(&r.verdict));
    let nothing = s.added + s.removed + s.changed + s.renamed == 0 && r.config.is_empty();
    if nothing && s.introduced + s.resolved == 0 {
        return out;
    }
    if !r.labels.is_empty() {
        let labels: Vec<String> = r.labels.iter().map(|l| code(l)).collect();
        let _ = writeln!(out, "**Labels:** {}\n", labels.join(", "));
    }
    let _ = writeln!(
        out,
        "**Documents:** {} added, {} changed, {} removed, {} renamed · **Findings:** {} introduced ({}), {} resolved · **Affected:** {}, {}\n",
        s.added,
        s.changed,
        s.removed,
        s.renamed,
        s.introduced,
        plural(s.introduced_errors, "error", "errors"),
        s.resolved,
        plural(s.affected_initiatives, "initiative", "initiatives"),
        plural(s.affected_scorecards, "scorecard", "scorecards"),
    );
    if !r.attention.is_empty() {
        out.push_str("### Needs attention\n\n");
        for a in &r.attention {
            let _ = writeln!(out, "- {} `{}`", a.text, a.label);
        }
        out.push('\n');
    }
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
        "Documents renamed",
        ["kind", "id", "was", "file"],
        &r.renamed,
        |n| {
            let was = n
                .old_id
                .as_deref()
                .map(code)
                .unwrap_or_else(|| "(same id)".to_owned());
            let file = match &n.old_file {
                Some(old) => format!("{} → {}", code(old), code(&n.file)),
                None => code(&n.file),
            };
            [n.kind.to_owned(), code(&n.id), was, file]
        },
    );
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
            bullets(&mut out, &c.fields);
        }
    }
    if !r.config.is_empty() {
        out.push_str("### Configuration changed (`stratc.yaml`)\n\n");
        bullets(&mut out, &r.config);
    }
    out
}
