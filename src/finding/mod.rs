//! Shared by every stage: the one finding type, its places, severities and
//! the rule descriptor. It sits below the loader so that a YAML error can be
//! reported without knowing the rule registry; the checks themselves live in
//! [`crate::rules`].
//!
//! A rule names *where* a finding is as a document and a field path
//! ([`Label::field`]); the byte span is looked up after the rules have run
//! (`diagnostics::resolve`), so no rule touches YAML or spans.

pub mod structure;

use serde::Serialize;

use crate::source::{DocId, FileId, Span};

/// How serious a finding is. `Off` only appears in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A rule family: the unit of `rules:` configuration after codes and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Structure,
    Alignment,
    Deviation,
    Exceptions,
    Governance,
    Pricing,
    Channels,
    Data,
    Kpis,
    Config,
}

impl Family {
    pub const ALL: &'static [Family] = &[
        Family::Structure,
        Family::Alignment,
        Family::Deviation,
        Family::Exceptions,
        Family::Governance,
        Family::Pricing,
        Family::Channels,
        Family::Data,
        Family::Kpis,
        Family::Config,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::Structure => "structure",
            Family::Alignment => "alignment",
            Family::Deviation => "deviation",
            Family::Exceptions => "exceptions",
            Family::Governance => "governance",
            Family::Pricing => "pricing",
            Family::Channels => "channels",
            Family::Data => "data",
            Family::Kpis => "kpis",
            Family::Config => "config",
        }
    }

    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// One rule: identity, defaults and documentation. The check that produces
/// its findings (if any) is paired with it in the rule registry.
#[derive(Debug)]
pub struct Rule {
    /// Short stable code, e.g. `AL001`.
    pub code: &'static str,
    /// Kebab-case name after the problem, e.g. `initiative-without-goal`.
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// Governance rule (G): only an approved Exception waives its findings;
    /// switching it off in `stratc.yaml` is itself reported.
    pub governance: bool,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The full explanation in Markdown, in fixed sections: what it does,
    /// why it matters, an example that fails, how to fix.
    pub doc: &'static str,
}

/// Where each rule's page is published: `docs/rules/NAME.md` in stratc's
/// repository at the tag of this version, so an editor's or a code-scanning
/// link opens the text of the rules this binary checks
/// (`tests/rule_docs.rs` keeps those files equal to [`Rule::page`]).
pub const RULE_DOCS: &str = concat!(
    "https://github.com/stratc-dev/stratc/blob/v",
    env!("CARGO_PKG_VERSION"),
    "/docs/rules/"
);

impl Rule {
    /// The rule's documentation page: its explanation, then its family,
    /// default severity and how it is switched off or waived (what
    /// `stratc explain` prints and `docs/rules/NAME.md` holds).
    pub fn page(&self) -> String {
        format!(
            "{}\n\nFamily: {}. Default severity: {}.{}\n",
            self.doc.trim_end(),
            self.family.name(),
            self.default_severity.as_str(),
            if self.governance {
                " Governance rule: only an approved Exception waives it."
            } else {
                " Configure it in stratc.yaml under `rules:` or `suppressions:`."
            }
        )
    }

    /// The address of the rule's page ([`RULE_DOCS`]).
    pub fn docs_url(&self) -> String {
        format!("{RULE_DOCS}{}.md", self.name)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// A place not yet turned into a byte span: rules name a field of a
/// document (or of `stratc.yaml`) and the span is looked up after the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The field a JSON pointer names in a document.
    Field {
        doc: DocId,
        pointer: String,
        part: Part,
    },
    /// The field a JSON pointer names in `stratc.yaml`.
    Config { pointer: String, key: bool },
}

/// Which part of a field a label underlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The value (for a list or mapping, the key that introduces it).
    Value,
    /// The key (`supports:`), for "this field" findings.
    Key,
    /// Bytes `start..end` of the field's text as parsed (a token of a KPI
    /// formula); the whole value when the text is not written verbatim.
    Text { start: u32, end: u32 },
}

/// A place in a source file, with an optional caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    /// Meaningful once `pending` is `None` (always, after the pipeline).
    pub span: Span,
    pub text: Option<String>,
    /// Set while the span is still to be looked up.
    pub pending: Option<Pending>,
}

impl Label {
    pub fn new(file: FileId, span: Span) -> Label {
        Label {
            file,
            span,
            text: None,
            pending: None,
        }
    }

    /// The value of a document's field, resolved after the rules.
    pub fn field(file: FileId, doc: DocId, pointer: &str, part: Part) -> Label {
        Label {
            file,
            span: Span::default(),
            text: None,
            pending: Some(Pending::Field {
                doc,
                pointer: pointer.to_owned(),
                part,
            }),
        }
    }

    /// A field of `stratc.yaml` (`file` is the config file).
    pub fn config(file: FileId, pointer: &str, key: bool) -> Label {
        Label {
            file,
            span: Span::default(),
            text: None,
            pending: Some(Pending::Config {
                pointer: pointer.to_owned(),
                key,
            }),
        }
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Label {
        self.text = Some(text.into());
        self
    }
}

/// One problem found in the strategy. Rules return these as data; they
/// never format output.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub primary: Option<Label>,
    pub related: Vec<Label>,
    pub help: Option<String>,
    /// The id of the document the finding is about (for exceptions,
    /// suppressions, baselines and change-scoped runs).
    pub subject: Option<String>,
    /// The field path inside the subject (JSON pointer).
    pub pointer: Option<String>,
    /// The decision whose Accountable approves or waives this deviation.
    pub decision: Option<String>,
    /// Roles to escalate to, nearest first (governance deviations only).
    pub escalation: Vec<String>,
}

impl Finding {
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            primary: None,
            related: Vec::new(),
            help: None,
            subject: None,
            pointer: None,
            decision: None,
            escalation: Vec::new(),
        }
    }

    pub fn at(mut self, label: Label) -> Finding {
        self.primary = Some(label);
        self
    }

    pub fn related(mut self, label: Label) -> Finding {
        self.related.push(label);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn subject(mut self, id: impl Into<String>, pointer: impl Into<String>) -> Finding {
        self.subject = Some(id.into());
        self.pointer = Some(pointer.into());
        self
    }

    pub fn decision(mut self, decision: impl Into<String>) -> Finding {
        self.decision = Some(decision.into());
        self
    }

    /// Every label of the finding, primary first.
    pub fn labels_mut(&mut self) -> impl Iterator<Item = &mut Label> {
        self.primary.iter_mut().chain(self.related.iter_mut())
    }
}

/// Declares a rule file's `RULE`. The documentation's heading
/// (`# name (CODE)` and the summary) is written from the code, name and
/// summary, and its examples are the rule's own fixtures
/// (`tests/fixtures/rules/<name>/fail/<file>` and `pass/<file>`), so what
/// `stratc explain` shows is what the fixture tests check.
///
/// `doc` holds the sections before the examples ("What it does", "Why it
/// matters"); `fix` is the text of "How to fix".
#[macro_export]
macro_rules! rule {
    (
        $code:literal $name:literal, $family:ident, $severity:ident $(, $governance:ident)?;
        summary: $summary:literal;
        examples: $fail:literal, $pass:literal;
        doc: $doc:literal;
        fix: $fix:literal $(;)?
    ) => {
        $crate::rule!(@rule $code $name $family $severity [$($governance)?] $summary $doc $fix {
            "\n## Example that fails\n```yaml\n# ", $fail, "\n",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/", $name, "/fail/", $fail
            )),
            "```\n\n## Example that passes\n```yaml\n# ", $pass, "\n",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/", $name, "/pass/", $pass
            )),
            "```\n"
        });
    };
    // For a problem no text file can show (bytes that are not UTF-8, a file
    // that cannot be opened), the examples are described in words.
    (
        $code:literal $name:literal, $family:ident, $severity:ident $(, $governance:ident)?;
        summary: $summary:literal;
        examples described: $fail:literal, $pass:literal;
        doc: $doc:literal;
        fix: $fix:literal $(;)?
    ) => {
        $crate::rule!(@rule $code $name $family $severity [$($governance)?] $summary $doc $fix {
            "\n## Example that fails\n", $fail, "\n\n## Example that passes\n", $pass, "\n"
        });
    };
    (@rule $code:literal $name:literal $family:ident $severity:ident [$($governance:ident)?]
        $summary:literal $doc:literal $fix:literal { $($examples:tt)* }) => {
        pub static RULE: $crate::finding::Rule = $crate::finding::Rule {
            code: $code,
            name: $name,
            family: $crate::finding::Family::$family,
            default_severity: $crate::finding::Severity::$severity,
            governance: $crate::rule!(@governance $($governance)?),
            summary: $summary,
            doc: concat!(
                "# ", $name, " (", $code, ")\n\n", $summary, "\n\n", $doc,
                $($examples)*, "\n## How to fix\n", $fix
            ),
        };
    };
    (@governance) => { false };
    (@governance governance) => { true };
}
