//! JSON Schemas: generated from the Rust types (the committed `schemas/`
//! folder is this output), compiled once, and used to validate each raw
//! document. Validation errors become messages in business words with the
//! JSON pointer of the offending value, so the loader can point at the line.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::finding::structure as st;
use crate::finding::{Finding, Label};
use crate::kinds::Kind;
use crate::load::yaml::{Node, Value as Yaml};
use crate::source::{FileId, Span};

/// Base of every schema `$id`; stable so editors can cache the schemas.
pub const ID_BASE: &str = "https://stratc.dev/schemas/v1/";

/// The file name of a kind's schema: `decision-rights.schema.json`.
pub fn file_name(kind: Kind) -> String {
    let mut name = String::new();
    for (i, c) in kind.name().chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    format!("{name}.schema.json")
}

fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12()
}

/// The schema of one kind, with its `kind` discriminator and `$id`.
pub fn kind_schema(kind: Kind) -> Value {
    let mut generator = settings().into_generator();
    let schema = kind.schema(&mut generator);
    let mut value = schema.to_value();
    #[allow(
        clippy::expect_used,
        reason = "schemars generates every schema as a JSON object"
    )]
    let obj = value.as_object_mut().expect("schemas are objects");
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    out.insert("$id".into(), json!(format!("{ID_BASE}{}", file_name(kind))));
    for (k, v) in std::mem::take(obj) {
        if k == "$schema" {
            continue;
        }
        if k == "properties" {
            let mut props = Map::new();
            props.insert(
                "kind".into(),
                json!({ "description": "The document kind.", "const": kind.name() }),
            );
            props.extend(v.as_object().cloned().unwrap_or_default());
            out.insert(k, Value::Object(props));
        } else if k == "required" {
            let mut req = vec![json!("kind")];
            req.extend(v.as_array().cloned().unwrap_or_default());
            out.insert(k, Value::Array(req));
        } else {
            out.insert(k, v);
        }
    }
    value = Value::Object(out);
    describe_nullable_refs(&mut value);
    value
}

/// Copies a field's description onto the `$ref` branch of its nullable
/// form (`anyOf: [{$ref}, {type: null}]`): editors show the description of
/// the branch that matched, which was the referenced type's ("An ISO
/// date") instead of the field's ("Start date").
fn describe_nullable_refs(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            if let (Some(Value::String(description)), Some(Value::Array(branches))) =
                (obj.get("description").cloned(), obj.get_mut("anyOf"))
            {
                for branch in branches {
                    if let Value::Object(branch) = branch
                        && branch.contains_key("$ref")
                        && !branch.contains_key("description")
                    {
                        branch.insert("description".into(), Value::String(description.clone()));
                    }
                }
            }
            obj.values_mut().for_each(describe_nullable_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(describe_nullable_refs),
        _ => {}
    }
}

/// The schema as stratc validates with it: without the period pattern,
/// which is for editors; `check_values` reports a bad period with the
/// field, the value and the three forms instead.
fn for_validation(mut value: Value) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(obj) => {
                if obj.get("pattern").and_then(Value::as_str) == Some(crate::values::PERIOD_PATTERN)
                {
                    obj.remove("pattern");
                }
                obj.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}

/// The schema of any document: dispatches on `kind` to each kind's schema.
pub fn document_schema() -> Value {
    let mut defs = Map::new();
    let mut branches = Vec::new();
    for &kind in Kind::ALL {
        let mut schema = kind_schema(kind);
        #[allow(
            clippy::expect_used,
            reason = "kind_schema returns the object built above"
        )]
        let obj = schema.as_object_mut().expect("object");
        obj.remove("$schema");
        obj.remove("$id");
        // Hoist each kind's definitions into the shared `$defs`; the types
        // are the same Rust types, so same-named definitions are identical.
        if let Some(Value::Object(kind_defs)) = obj.remove("$defs") {
            for (name, def) in kind_defs {
                defs.entry(name).or_insert(def);
            }
        }
        branches.push(json!({
            "if": { "properties": { "kind": { "const": kind.name() } }, "required": ["kind"] },
            "then": { "$ref": format!("#/$defs/{}", kind.name()) }
        }));
        defs.insert(kind.name().into(), schema);
    }
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{ID_BASE}document.schema.json"),
        "title": "stratc strategy document",
        "description": "Any stratc strategy document; `kind` selects the schema.",
        "type": "object",
        "required": ["kind", "id"],
        "properties": { "kind": { "description": "The document kind.", "enum": names } },
        "allOf": branches,
        "$defs": defs,
    })
}

/// The schema of `stratc.yaml`.
pub fn config_schema() -> Value {
    let schema = settings().into_generator().into_root_schema_for::<Config>();
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        let rest = std::mem::take(obj);
        obj.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        obj.insert("$id".into(), json!(format!("{ID_BASE}config.schema.json")));
        obj.extend(rest.into_iter().filter(|(k, _)| k != "$schema"));
    }
    describe_nullable_refs(&mut value);
    value
}

/// Every schema file `stratc schema` writes, by file name, in stable order.
pub fn all_schemas() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut put = |name: String, value: Value| {
        #[allow(clippy::expect_used, reason = "a serde_json::Value always serialises")]
        let mut text = serde_json::to_string_pretty(&value).expect("serialisable");
        text.push('\n');
        out.insert(name, text);
    };
    for &kind in Kind::ALL {
        put(file_name(kind), kind_schema(kind));
    }
    put("document.schema.json".into(), document_schema());
    put("config.schema.json".into(), config_schema());
    out
}

/// Compiled validators, built once per process and shared by all threads.
pub struct Validators {
    kinds: Vec<(Kind, Value, jsonschema::Validator)>,
    config: (Value, jsonschema::Validator),
}

#[allow(
    clippy::expect_used,
    reason = "the schemas are generated from our types; a test compiles them all"
)]
fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(schema)
        .expect("generated schemas compile")
}

pub fn validators() -> &'static Validators {
    static CELL: OnceLock<Validators> = OnceLock::new();
    CELL.get_or_init(|| {
        let kinds = Kind::ALL
            .iter()
            .map(|&k| {
                let schema = for_validation(kind_schema(k));
                let v = compile(&schema);
                (k, schema, v)
            })
            .collect();
        let config = for_validation(config_schema());
        let config_validator = compile(&config);
        Validators {
            kinds,
            config: (config, config_validator),
        }
    })
}

/// One schema error, in words, at a JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    pub pointer: String,
    /// Point at the key (unknown field) rather than the value.
    pub at_key: bool,
    pub message: String,
    pub help: Option<String>,
}

impl Validators {
    #[allow(
        clippy::expect_used,
        reason = "validators() builds one for each of Kind::ALL"
    )]
    pub fn validate(&self, kind: Kind, instance: &Value) -> Vec<SchemaError> {
        let (_, schema, validator) = self
            .kinds
            .iter()
            .find(|(k, _, _)| *k == kind)
            .expect("every kind has a validator");
        if validator.is_valid(instance) {
            return Vec::new();
        }
        describe_all(schema, validator, instance)
    }

    pub fn validate_config(&self, instance: &Value) -> Vec<SchemaError> {
        let (schema, validator) = &self.config;
        if validator.is_valid(instance) {
            return Vec::new();
        }
        describe_all(schema, validator, instance)
    }
}

fn describe_all(
    schema: &Value,
    validator: &jsonschema::Validator,
    instance: &Value,
) -> Vec<SchemaError> {
    let mut out = Vec::new();
    for error in validator.iter_errors(instance) {
        describe(schema, &error, &mut out);
    }
    out.dedup();
    out
}

/// The schema object an evaluation path leads to, following `$ref`s.
fn schema_at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = root;
    for seg in path.split('/').skip(1) {
        if seg == "$ref" {
            let target = cur.get("$ref")?.as_str()?;
            cur = root.pointer(target.strip_prefix('#')?)?;
            continue;
        }
        cur = match cur {
            Value::Object(m) => m.get(seg)?,
            Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    // A `$ref` at the end still names the schema to look into.
    if let Some(target) = cur.get("$ref").and_then(Value::as_str) {
        return root.pointer(target.strip_prefix('#')?);
    }
    Some(cur)
}

/// "`x` is not an allowed value", with a "did you mean" among `names`.
/// "Not allowed", with every allowed value whatever the schema's shape
/// (a plain `enum`, or a `oneOf` of described constants), so the author
/// never has to open the schema to see the choices.
fn not_allowed(pointer: String, field: &str, instance: &Value, names: &[&str]) -> SchemaError {
    let given = short(instance);
    let allowed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let help = match did_you_mean(&given, names.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "write one of the allowed values exactly as listed".to_owned(),
    };
    SchemaError {
        pointer,
        at_key: false,
        message: format!(
            "`{given}` is not an allowed value for {field} (allowed: {})",
            allowed.join(", ")
        ),
        help: Some(help),
    }
}

/// Past this many unresolved references, "did you mean" is no longer
/// computed, so a repository full of broken links stays linear.
pub(crate) const SUGGESTION_BUDGET: usize = 500;

/// Suggests the closest candidate, when one is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_ascii_lowercase();
    let limit = |c: &str| (c.len().max(word.len()) / 3).max(2);
    candidates
        .into_iter()
        // The distance is at least the difference in length: skip what
        // cannot be close without computing it (ids are compared against
        // thousands of candidates).
        .filter(|c| !(c.is_ascii() && word.is_ascii()) || c.len().abs_diff(word.len()) <= limit(c))
        .map(|c| (strsim::levenshtein(&word_lower, &c.to_ascii_lowercase()), c))
        .filter(|&(d, c)| d <= limit(c))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

fn type_words(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping of fields",
    }
}

fn expected_words(kind: &jsonschema::error::TypeKind) -> String {
    use jsonschema::JsonType as T;
    let one = |t: &T| match t {
        T::Array => "a list",
        T::Boolean => "true or false",
        T::Integer => "a whole number",
        T::Null => "nothing",
        T::Number => "a number",
        T::Object => "a mapping of fields",
        T::String => "text",
    };
    match kind {
        jsonschema::error::TypeKind::Single(t) => one(t).to_owned(),
        jsonschema::error::TypeKind::Multiple(set) => {
            let words: Vec<&str> = set.iter().map(|t| one(&t)).collect();
            words.join(" or ")
        }
    }
}

fn short(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

fn describe(root: &Value, error: &jsonschema::ValidationError<'_>, out: &mut Vec<SchemaError>) {
    use jsonschema::error::ValidationErrorKind as K;
    let pointer = error.instance_path().as_str().to_owned();
    let eval = error.evaluation_path().as_str().to_owned();
    let instance = error.instance();
    let field = pointer
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(|s| format!("`{s}`"))
        .unwrap_or_else(|| "the document".to_owned());
    let mut push = |pointer: String, at_key: bool, message: String, help: Option<String>| {
        out.push(SchemaError {
            pointer,
            at_key,
            message,
            help,
        })
    };
    match error.kind() {
        K::AdditionalProperties { unexpected } => {
            let parent = eval.trim_end_matches("/additionalProperties");
            let allowed: Vec<String> = schema_at(root, parent)
                .and_then(|s| s.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            for key in unexpected {
                let suggestion = did_you_mean(key, allowed.iter().map(String::as_str));
                let help = match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("allowed fields here: {}", allowed.join(", ")),
                };
                push(
                    format!("{pointer}/{}", crate::words::escape_pointer(key)),
                    true,
                    format!("unknown field `{key}`"),
                    Some(help),
                );
            }
        }
        K::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let description = schema_at(root, eval.trim_end_matches("/required"))
                .and_then(|s| s.pointer(&format!("/properties/{name}")))
                .and_then(|p| schema_description(root, p));
            push(
                pointer.clone(),
                true,
                format!("missing required field `{name}`"),
                Some(match description {
                    Some(d) => format!("add `{name}:` here ({d})"),
                    None => format!("add `{name}:` here"),
                }),
            );
        }
        K::Type { kind } => push(
            pointer,
            false,
            format!(
                "{field} must be {}, but it is {}",
                expected_words(kind),
                type_words(instance)
            ),
            type_help(instance, kind),
        ),
        K::Enum { options } => {
            let names: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            out.push(not_allowed(pointer, &field, instance, &names));
        }
        K::Constant { expected_value } => push(
            pointer,
            false,
            format!("{field} must be `{}`", short(expected_value)),
            None,
        ),
        K::Minimum { limit } | K::ExclusiveMinimum { limit } => push(
            pointer,
            false,
            format!(
                "{field} is {}, below the minimum of {limit}",
                short(instance)
            ),
            percent_help(&field),
        ),
        K::Maximum { limit } | K::ExclusiveMaximum { limit } => push(
            pointer,
            false,
            format!(
                "{field} is {}, above the maximum of {limit}",
                short(instance)
            ),
            percent_help(&field),
        ),
        K::Pattern { .. } => {
            let description = schema_at(root, eval.trim_end_matches("/pattern"))
                .and_then(|s| schema_description(root, s));
            push(
                pointer,
                false,
                format!("`{}` is not a valid value for {field}", short(instance)),
                description.map(|d| format!("expected: {d}")),
            );
        }
        K::AnyOf { context } | K::OneOfNotValid { context } => {
            // Report the branch that came closest: the one whose errors
            // are not a plain type mismatch at this very value.
            // `Option<T>` fields are `anyOf [T, null]`: the null branch
            // never explains anything to an author.
            let expects_null = |errs: &Vec<jsonschema::ValidationError<'static>>| {
                errs.iter().all(|e| {
                    matches!(
                        e.kind(),
                        K::Type {
                            kind: jsonschema::error::TypeKind::Single(jsonschema::JsonType::Null)
                        }
                    )
                })
            };
            let branches: Vec<_> = context
                .iter()
                .filter(|errs| !errs.is_empty() && !expects_null(errs))
                .collect();
            // An enum whose values carry descriptions is a `oneOf` of
            // constants: every branch failed on its one constant, so the
            // value is simply not one of them.
            let constants: Option<Vec<&str>> = branches
                .iter()
                .map(|errs| match errs.as_slice() {
                    [e] => match e.kind() {
                        K::Constant { expected_value } => expected_value.as_str(),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            if let Some(names) = constants.filter(|n| n.len() > 1) {
                out.push(not_allowed(pointer, &field, instance, &names));
                return;
            }
            if branches.len() == 1 {
                for e in branches[0] {
                    describe(root, e, out);
                }
                return;
            }
            let best = branches.into_iter().min_by_key(|errs| {
                let type_at_root = errs.iter().any(|e| {
                    matches!(e.kind(), K::Type { .. }) && e.instance_path().as_str() == pointer
                });
                (type_at_root, errs.len())
            });
            let description = schema_at(
                root,
                eval.trim_end_matches("/anyOf").trim_end_matches("/oneOf"),
            )
            .and_then(|s| schema_description(root, s));
            match best {
                Some(errs)
                    if !errs.iter().any(|e| {
                        matches!(e.kind(), K::Type { .. }) && e.instance_path().as_str() == pointer
                    }) =>
                {
                    for e in errs {
                        describe(root, e, out);
                    }
                }
                _ => out.push(SchemaError {
                    pointer,
                    at_key: false,
                    message: format!("{field} has the wrong shape ({})", type_words(instance)),
                    help: description.map(|d| format!("expected: {d}")),
                }),
            }
        }
        K::MinItems { limit } => push(
            pointer,
            false,
            format!("{field} needs at least {limit} item(s)"),
            None,
        ),
        _ => push(pointer, false, error.to_string(), None),
    }
}

fn schema_description(root: &Value, schema: &Value) -> Option<String> {
    if let Some(d) = schema.get("description").and_then(Value::as_str) {
        return Some(d.trim_end_matches('.').to_owned());
    }
    let target = schema.get("$ref")?.as_str()?.strip_prefix('#')?;
    root.pointer(target)?
        .get("description")?
        .as_str()
        .map(|d| d.trim_end_matches('.').to_owned())
}

fn percent_help(field: &str) -> Option<String> {
    field
        .ends_with("_pct`")
        .then(|| "percentages are numbers from 0 to 100 (write 12.5 for 12.5%)".to_owned())
}

fn type_help(instance: &Value, kind: &jsonschema::error::TypeKind) -> Option<String> {
    let wants_list = matches!(
        kind,
        jsonschema::error::TypeKind::Single(jsonschema::JsonType::Array)
    );
    match instance {
        Value::String(s) if wants_list => Some(format!("write a list, e.g. `[{s}]`")),
        Value::String(s) if s.ends_with('%') => {
            Some("write the number without the % sign, e.g. 12.5".to_owned())
        }
        Value::Null => Some("the field is empty: give it a value or remove it".to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_kebab_case() {
        assert_eq!(
            file_name(Kind::DecisionRights),
            "decision-rights.schema.json"
        );
        assert_eq!(file_name(Kind::Goal), "goal.schema.json");
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let doc = json!({"kind": "Goal", "id": "g", "horizon": 2028, "horizn": 2027});
        let errors = validators().validate(Kind::Goal, &doc);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].pointer, "/horizn");
        assert!(errors[0].at_key);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `horizon`?"));
    }

    #[test]
    fn enum_and_type_errors_read_as_words() {
        let doc = json!({"kind": "Initiative", "id": "i", "type": "pricing", "status": "in_flight", "advances": "o"});
        let errors = validators().validate(Kind::Initiative, &doc);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.starts_with(
                "`in_flight` is not an allowed value for `status` (allowed: `proposed`, "
            )),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"`advances` must be a list, but it is text"),
            "{messages:?}"
        );
    }

    #[test]
    fn enums_with_described_values_list_every_value() {
        // `Priority` values carry descriptions, so its schema is a `oneOf`
        // of constants; the message must not name just the first one.
        let doc = json!({"kind": "Initiative", "id": "i", "type": "pricing", "status": "proposed",
            "advances": ["o"], "priority": "balnced"});
        let errors = validators().validate(Kind::Initiative, &doc);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].message,
            "`balnced` is not an allowed value for `priority` \
             (allowed: `market_share`, `profitability`, `balanced`)"
        );
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `balanced`?"));
        let doc = json!({"kind": "Initiative", "id": "i", "type": "pricing", "status": "proposed",
            "advances": ["o"], "priority": "growth"});
        let errors = validators().validate(Kind::Initiative, &doc);
        assert_eq!(
            errors[0].help.as_deref(),
            Some("write one of the allowed values exactly as listed")
        );
    }

    #[test]
    fn missing_fields_are_named() {
        let doc = json!({"kind": "Kpi", "id": "k", "unit": "percent"});
        let errors = validators().validate(Kind::Kpi, &doc);
        assert_eq!(errors[0].message, "missing required field `direction`");
        assert_eq!(errors[0].pointer, "");
    }

    #[test]
    fn weighted_supports_report_the_inner_problem() {
        let doc =
            json!({"kind": "Objective", "id": "o", "supports": [{"id": "g", "weight_pct": 140}]});
        let errors = validators().validate(Kind::Objective, &doc);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].pointer, "/supports/0/weight_pct");
    }
}

// -- Validation of documents ------------------------------------------------

/// A document that did not pass schema validation, by kind and id.
#[derive(Debug, Clone)]
pub struct InvalidDoc {
    pub id: String,
    pub kind: Kind,
    pub file: FileId,
    /// The span of the `id` value.
    pub span: Span,
}

impl InvalidDoc {
    /// The kind and id of a document that failed, when its id is text.
    pub fn of(kind: Kind, file: FileId, node: &Node) -> Option<InvalidDoc> {
        let entry = node.entry("id")?;
        Some(InvalidDoc {
            id: entry.value.as_str()?.to_owned(),
            kind,
            file,
            span: entry.value.span,
        })
    }
}

/// Checks the kind, id and schema of one document's tree. `Ok` holds the
/// kind and, when the document had schema errors, the tree without the
/// fields that caused them (see [`repair`]); an `Err` holds the document's
/// kind and id when both are known, so its id still counts.
pub fn validate_document(
    file: FileId,
    node: &Node,
    validators: &Validators,
    findings: &mut Vec<Finding>,
) -> Result<(Kind, Option<Repaired>), Option<InvalidDoc>> {
    let doc_label = Label::new(file, node.span);
    if !matches!(node.value, Yaml::Map(_)) {
        findings.push(
            Finding::new(
                &st::unknown_kind::RULE,
                "a strategy document must be a mapping of fields with `kind` and `id`",
            )
            .at(doc_label)
            .help("start the document with `kind:` and `id:` lines"),
        );
        return Err(None);
    }
    let kind_entry = node.entry("kind");
    let kind_name = kind_entry.and_then(|e| e.value.as_str());
    let Some(kind) = kind_name.and_then(Kind::from_name) else {
        let finding = match (kind_entry, kind_name) {
            (None, _) => Finding::new(&st::unknown_kind::RULE, "document has no `kind`")
                .at(doc_label)
                .help(format!("add `kind:` with one of: {}", kind_names())),
            (Some(e), name) => {
                let name = name.unwrap_or("");
                let help = match did_you_mean(name, Kind::ALL.iter().map(|k| k.name())) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("use one of: {}", kind_names()),
                };
                Finding::new(
                    &st::unknown_kind::RULE,
                    format!("`{name}` is not a document kind"),
                )
                .at(Label::new(file, e.value.span))
                .help(help)
            }
        };
        findings.push(finding);
        return Err(None);
    };
    let id = node.get("id").and_then(Node::as_str).map(str::to_owned);
    let json = node.to_json();
    let errors = validators.validate(kind, &json);
    if errors.is_empty() {
        return Ok((kind, None));
    }
    let pointers: Vec<String> = errors.iter().map(|e| e.pointer.clone()).collect();
    for e in errors {
        findings.push(schema_finding(file, node, id.as_deref(), e, kind.name()));
    }
    match repair(node, pointers, |tree| {
        validators.validate(kind, &tree.to_json())
    }) {
        Some(repaired) => Ok((kind, Some(repaired))),
        None => Err(InvalidDoc::of(kind, file, node)),
    }
}

/// A document without the fields its schema errors pointed at.
pub struct Repaired {
    pub tree: Node,
    /// List items that lost a required field to a bad value and went with
    /// it, as (the list's JSON pointer, the item's `id`): what refers to
    /// them by id is not reported on top of the bad value.
    pub withheld: Vec<(String, String)>,
}

/// How many times [`repair`] drops fields and validates again: a bad value
/// inside a required field drops the field, then its parent.
const REPAIR_ROUNDS: usize = 4;

/// The document without the fields its schema errors point at, when that
/// leaves a valid document: one bad value costs that field only, so the
/// rest of the document — its references, its categories — still counts,
/// and nothing that follows from the dropped field is reported as well.
/// A field whose parent then lacks a required field takes the parent with
/// it; an error about the document itself (its `kind`, `id` or a required
/// top-level field) leaves nothing to keep.
fn repair(
    node: &Node,
    mut pointers: Vec<String>,
    validate: impl Fn(&Node) -> Vec<SchemaError>,
) -> Option<Repaired> {
    let mut tree = node.clone();
    let mut removed: Vec<String> = Vec::new();
    let mut withheld = Vec::new();
    for _ in 0..REPAIR_ROUNDS {
        if pointers
            .iter()
            .any(|p| p.is_empty() || p == "/id" || p == "/kind")
        {
            return None;
        }
        // Deepest and last first, so list indices still name their items.
        pointers.sort_by(|a, b| pointer_order(b, a));
        pointers.dedup();
        for pointer in &pointers {
            // An item of a list that goes because a field removed before
            // was required: its id is remembered.
            let lost_field = removed.iter().any(|r| {
                r.strip_prefix(pointer.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
            });
            if let (true, Some((list, index))) = (lost_field, pointer.rsplit_once('/'))
                && index.parse::<usize>().is_ok()
                && let walked = tree.walk(pointer)
                && walked.complete
                && let Some(id) = walked.node.get("id").and_then(Node::as_str)
            {
                withheld.push((list.to_owned(), id.to_owned()));
            }
            remove_at(&mut tree, pointer);
        }
        removed.extend(pointers.iter().cloned());
        let errors = validate(&tree);
        if errors.is_empty() {
            return Some(Repaired { tree, withheld });
        }
        pointers = errors.into_iter().map(|e| e.pointer).collect();
    }
    None
}

/// Document order of two JSON pointers, list indices compared as numbers.
fn pointer_order(a: &str, b: &str) -> std::cmp::Ordering {
    let token = |t: &str| (t.parse::<usize>().ok(), t.to_owned());
    a.split('/').map(token).cmp(b.split('/').map(token))
}

/// Removes the entry or list item a pointer names, if there is one.
fn remove_at(tree: &mut Node, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let last = crate::words::unescape_pointer(last);
    let mut node = tree;
    for token in parent.split('/').skip(1) {
        let token = crate::words::unescape_pointer(token);
        let next = match &mut node.value {
            Yaml::Map(entries) => entries
                .iter_mut()
                .find(|e| e.key == token)
                .map(|e| &mut e.value),
            Yaml::Seq(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        };
        let Some(next) = next else {
            return;
        };
        node = next;
    }
    match &mut node.value {
        Yaml::Map(entries) => entries.retain(|e| e.key != last),
        Yaml::Seq(items) => {
            if let Ok(i) = last.parse::<usize>()
                && i < items.len()
            {
                items.remove(i);
            }
        }
        _ => {}
    }
}

fn kind_names() -> String {
    Kind::ALL
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn schema_finding(
    file: FileId,
    node: &Node,
    id: Option<&str>,
    error: SchemaError,
    what: &str,
) -> Finding {
    let walked = node.walk(&error.pointer);
    let span = if error.at_key {
        walked
            .key_span
            .filter(|_| walked.complete || error.pointer.is_empty())
            .unwrap_or(walked.node.span)
    } else {
        walked.node.span
    };
    // A missing field of the document itself is best shown at its `kind`.
    let span = if error.pointer.is_empty() {
        node.entry("kind").map_or(span, |e| e.key_span)
    } else {
        span
    };
    let message = match id {
        Some(id) => format!("{what} `{id}`: {}", error.message),
        None => format!("{what}: {}", error.message),
    };
    let mut finding = Finding::new(&st::schema_violation::RULE, message).at(Label::new(file, span));
    if let Some(help) = error.help {
        finding = finding.help(help);
    }
    if let Some(id) = id {
        finding = finding.subject(id, error.pointer);
    }
    finding
}
