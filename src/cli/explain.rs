//! `stratc explain CODE|NAME|KIND`: one rule's documentation, or one
//! document kind's fields from its schema; `--list` for all rules, `--kinds`
//! for all kinds.

use std::fmt::Write as _;
use std::io::Write;

use super::common::emit;
use crate::error::Fatal;
use crate::rules::{lookup, registry};
use serde_json::Value;

use crate::kinds::Kind;
use crate::schema::{did_you_mean, kind_schema};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule code (`AL001`), a rule name (`initiative-without-goal`) or a
    /// document kind (`PricingPolicy`).
    #[arg(required_unless_present_any = ["list", "kinds"])]
    pub rule: Option<String>,
    /// List every rule with its code, family and default severity.
    #[arg(long)]
    pub list: bool,
    /// List every document kind.
    #[arg(long)]
    pub kinds: bool,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    if args.list {
        emit(out, &list())?;
        return Ok(super::common::exit::CLEAN);
    }
    if args.kinds {
        emit(out, &kinds_list())?;
        return Ok(super::common::exit::CLEAN);
    }
    let wanted = args.rule.unwrap_or_default();
    if let Some(kind) = Kind::from_name(&wanted) {
        emit(out, &kind_page(kind))?;
        return Ok(super::common::exit::CLEAN);
    }
    match lookup(&wanted) {
        Some(rule) => {
            let text = rule.page();
            emit(out, &text)?;
            Ok(super::common::exit::CLEAN)
        }
        None => {
            let names = registry()
                .iter()
                .map(|r| r.name)
                .chain(Kind::ALL.iter().map(|k| k.name()));
            let hint = match did_you_mean(&wanted, names) {
                Some(s) => format!("; did you mean `{s}`?"),
                None => {
                    "; `stratc explain --list` lists every rule, `--kinds` every kind".to_owned()
                }
            };
            Err(Fatal::Usage(format!(
                "`{wanted}` is not a rule code or name, nor a document kind{hint}"
            )))
        }
    }
}

pub fn list() -> String {
    let mut text =
        String::from("code   name                                      family      severity  G\n");
    for r in registry() {
        let _ = writeln!(
            text,
            "{:<6} {:<41} {:<11} {:<9} {}",
            r.code,
            r.name,
            r.family.name(),
            r.default_severity.as_str(),
            if r.governance { "G" } else { "" }
        );
    }
    text.push_str(
        "\nG: a governance rule. Its findings are deviations from what was decided: only an \
         approved Exception waives one, and stratc.yaml cannot switch it off.\n",
    );
    text
}

/// Every document kind with its one-line description.
pub fn kinds_list() -> String {
    let mut text = String::from("kind              description\n");
    for &kind in Kind::ALL {
        let schema = kind_schema(kind);
        let _ = writeln!(
            text,
            "{:<17} {}",
            kind.name(),
            describe_of(&schema, &schema)
        );
    }
    text.push_str("\n`stratc explain KIND` shows the fields of one kind.\n");
    text
}

fn describe_of(root: &Value, schema: &Value) -> String {
    let target = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p));
    schema
        .get("description")
        .or_else(|| target.and_then(|t| t.get("description")))
        .and_then(Value::as_str)
        .unwrap_or("")
        .replace('\n', " ")
}

/// The schema a field's type resolves to: through `$ref`, and past the
/// `null` branch of an optional field.
fn resolved<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array)
        && let Some(some) = branches
            .iter()
            .find(|b| b.get("type").and_then(Value::as_str) != Some("null"))
    {
        return resolved(root, some);
    }
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
    {
        Some(target) => resolved(root, target),
        None => schema,
    }
}

fn type_words(root: &Value, schema: &Value) -> String {
    let schema = resolved(root, schema);
    if let Some(constant) = schema.get("const").and_then(Value::as_str) {
        return format!("always `{constant}`");
    }
    if schema.get("enum").is_some()
        || (schema.get("oneOf").is_some() && schema.get("properties").is_none())
    {
        return "one of the values below".to_owned();
    }
    // `Option<String>` is `type: ["string", "null"]`: the null is "optional".
    let type_name = match schema.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        Some(t) => t.as_str(),
        None => None,
    };
    match type_name {
        Some("array") => match schema.get("items") {
            Some(items) => format!("a list of {}", type_words(root, items)),
            None => "a list".to_owned(),
        },
        Some("object") => "a mapping of fields".to_owned(),
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date") => "a date (YYYY-MM-DD)".to_owned(),
            _ => "text".to_owned(),
        },
        Some("number") => "a number".to_owned(),
        Some("integer") => "a whole number".to_owned(),
        Some("boolean") => "true or false".to_owned(),
        _ => "a value".to_owned(),
    }
}

/// The allowed values of an enum field, each with its meaning when the
/// schema gives one.
fn allowed_values(root: &Value, schema: &Value) -> Vec<String> {
    let schema = resolved(root, schema);
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .filter_map(Value::as_str)
            .map(|v| format!("`{v}`"))
            .collect();
    }
    schema
        .get("oneOf")
        .and_then(Value::as_array)
        .map(|branches| {
            branches
                .iter()
                .filter_map(|b| {
                    let value = b.get("const")?.as_str()?;
                    Some(match b.get("description").and_then(Value::as_str) {
                        Some(d) => format!("`{value}`: {d}"),
                        None => format!("`{value}`"),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One kind's page: its description, every field with its type, whether it
/// is required and what it means, the allowed values of choice fields, and
/// the starter's document of that kind as an example (it checks clean:
/// the `init` test checks the starter).
pub fn kind_page(kind: Kind) -> String {
    let root = kind_schema(kind);
    let mut text = format!(
        "# {}\n\n{}\n\n## Fields\n",
        kind.name(),
        describe_of(&root, &root)
    );
    let required: Vec<&str> = root
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(properties) = root.get("properties").and_then(Value::as_object) {
        for (name, field) in properties {
            let need = if required.contains(&name.as_str()) {
                "required"
            } else {
                "optional"
            };
            let _ = writeln!(
                text,
                "\n- `{name}` ({}, {need}): {}",
                type_words(&root, field),
                describe_of(&root, field)
            );
            for value in allowed_values(&root, field) {
                let _ = writeln!(text, "  - {value}");
            }
        }
    }
    if let Some(example) = starter_example(kind) {
        let _ = write!(text, "\n## Example\n```yaml\n{example}```\n");
    }
    text
}

/// The first document of `kind` in the `stratc init` starter.
fn starter_example(kind: Kind) -> Option<String> {
    let header = format!("kind: {}\n", kind.name());
    super::init::FILES
        .iter()
        .filter(|(rel, _)| rel.ends_with(".yaml"))
        .flat_map(|(_, text)| text.split("\n---\n"))
        .find(|doc| doc.lines().any(|l| format!("{l}\n") == header))
        .map(|doc| {
            let mut doc = doc.trim_end().to_owned();
            doc.push('\n');
            doc
        })
}
