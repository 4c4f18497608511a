//! The whole pipeline on a generated repository: load -> model -> graph ->
//! rules -> every output format (all `check` formats, every graph export
//! and the docs site in memory).
//!
//! The input is structure-aware: `arbitrary` draws documents of every kind
//! from stratc's own JSON schemas (required fields always, optional ones
//! sometimes, now and then a value of the wrong type), with ids from a small
//! pool so references sometimes resolve and sometimes dangle, then lays them
//! out as block YAML over a few files, with a configuration and actuals.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};
use stratc::analysis::{Options, analyse};
use stratc::diagnostics::{Format, render};
use stratc::graph::export::{self, GraphFormat};
use stratc::kinds::Kind;
use stratc::values::Date;

const IDS: &[&str] = &[
    "acme", "eu", "de", "us", "grow", "ceo", "cco", "cfo", "net-revenue", "orders", "margin",
    "webshop", "amazon-eu", "retail", "q1", "launch", "gates", "x",
];
const DATES: &[&str] = &["2026-01-01", "2027-07-01", "2027-12-31", "2028-02-29", "2027-02-30"];
const UNITS: &[&str] = &["currency:EUR", "currency:USD", "percent", "ratio", "count", "days"];
const CURRENCIES: &[&str] = &["EUR", "USD", "GBP", "eur"];

fn schemas() -> &'static Vec<(Kind, Value)> {
    static S: OnceLock<Vec<(Kind, Value)>> = OnceLock::new();
    S.get_or_init(|| Kind::ALL.iter().map(|&k| (k, stratc::schema::kind_schema(k))).collect())
}

struct Gen<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    defs: &'a Map<String, Value>,
}

impl Gen<'_, '_> {
    fn pick<'s>(&mut self, from: &'s [&'s str]) -> Result<&'s str> {
        Ok(from[self.u.choose_index(from.len())?])
    }

    fn string(&mut self, hint: &str) -> Result<Value> {
        let hint = hint.to_ascii_lowercase();
        let s = if self.u.ratio(1, 12)? {
            // Now and then any text at all.
            String::arbitrary_take(self.u)?
        } else if hint.contains("date") || hint.ends_with("_from") || hint.ends_with("_until")
            || ["start", "end", "passed", "as_of", "due", "review_by", "expires"].contains(&hint.as_str())
        {
            self.pick(DATES)?.to_owned()
        } else if hint.contains("currency") {
            self.pick(CURRENCIES)?.to_owned()
        } else if hint == "unit" {
            self.pick(UNITS)?.to_owned()
        } else if hint.contains("formula") {
            let a = self.pick(IDS)?;
            let b = self.pick(IDS)?;
            let op = self.pick(&[" + ", " - ", " * ", " / ", " /(", "*100"])?;
            format!("{a}{op}{b}")
        } else if hint.contains("period") {
            self.pick(&["2027-Q1", "2027-Q3", "2027-07", "2027", "2027-H1"])?.to_owned()
        } else {
            self.pick(IDS)?.to_owned()
        };
        Ok(Value::String(s))
    }

    fn number(&mut self, schema: &Value) -> Result<Value> {
        let min = schema.get("minimum").and_then(Value::as_f64).unwrap_or(-1000.0);
        let max = schema.get("maximum").and_then(Value::as_f64).unwrap_or(1_000_000.0);
        let pick: u8 = self.u.int_in_range(0..=5)?;
        let v = match pick {
            0 => min,
            1 => max,
            2 => 0.0,
            _ => {
                let r: u32 = self.u.arbitrary()?;
                min + (max - min) * (r as f64 / u32::MAX as f64)
            }
        };
        let integer = schema.get("type").and_then(Value::as_str) == Some("integer")
            || schema.get("format").and_then(Value::as_str).is_some_and(|f| f.starts_with("uint") || f.starts_with("int"));
        Ok(if integer || self.u.ratio(1, 2)? { json!(v.round() as i64) } else { json!(v) })
    }

    fn value(&mut self, schema: &Value, hint: &str, depth: usize) -> Result<Value> {
        if depth > 6 {
            return Ok(Value::Null);
        }
        // A value of the wrong type, for the validation paths.
        if self.u.ratio(1, 40)? {
            return Ok(match self.u.int_in_range(0..=3)? {
                0 => json!("oops"),
                1 => json!(42),
                2 => json!([]),
                _ => json!({"unexpected": true}),
            });
        }
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or_default();
            let Some(target) = self.defs.get(name) else {
                return Ok(Value::Null);
            };
            let hint = if name == "Date" { "date" } else if name.contains("Currency") { "currency" } else { hint };
            return self.value(target, hint, depth + 1);
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(choices) = schema.get(key).and_then(Value::as_array) {
                if choices.is_empty() {
                    return Ok(Value::Null);
                }
                let i = self.u.choose_index(choices.len())?;
                return self.value(&choices[i], hint, depth);
            }
        }
        if let Some(c) = schema.get("const") {
            return Ok(c.clone());
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            if !values.is_empty() {
                return Ok(values[self.u.choose_index(values.len())?].clone());
            }
        }
        let ty = match schema.get("type") {
            Some(Value::String(t)) => t.clone(),
            Some(Value::Array(ts)) if !ts.is_empty() => {
                ts[self.u.choose_index(ts.len())?].as_str().unwrap_or("null").to_owned()
            }
            _ => "string".to_owned(),
        };
        match ty.as_str() {
            "object" => self.object(schema, depth),
            "array" => {
                let n = self.u.int_in_range(0..=3)?;
                let items = schema.get("items").cloned().unwrap_or(json!({"type": "string"}));
                let mut out = Vec::new();
                for _ in 0..n {
                    out.push(self.value(&items, hint, depth + 1)?);
                }
                Ok(Value::Array(out))
            }
            "number" | "integer" => self.number(schema),
            "boolean" => Ok(Value::Bool(self.u.arbitrary()?)),
            "null" => Ok(Value::Null),
            _ => self.string(hint),
        }
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Result<Value> {
        let mut out = Map::new();
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                let wanted = if required.contains(&name.as_str()) {
                    !self.u.ratio(1, 50)?
                } else {
                    self.u.ratio(1, 2)?
                };
                if wanted {
                    let v = self.value(prop, name, depth + 1)?;
                    out.insert(name.clone(), v);
                }
            }
        } else if let Some(extra) = schema.get("additionalProperties").filter(|v| v.is_object()) {
            for _ in 0..self.u.int_in_range(0..=3)? {
                let key = self.pick(IDS)?.to_owned();
                let v = self.value(extra, &key, depth + 1)?;
                out.insert(key, v);
            }
        }
        if self.u.ratio(1, 60)? {
            out.insert("unknwon_field".into(), json!(1));
        }
        Ok(Value::Object(out))
    }
}

trait TakeString: Sized {
    fn arbitrary_take(u: &mut Unstructured<'_>) -> Result<Self>;
}

impl TakeString for String {
    fn arbitrary_take(u: &mut Unstructured<'_>) -> Result<String> {
        let len = u.int_in_range(0..=24)?;
        let mut s = String::new();
        for _ in 0..len {
            s.push(u.arbitrary::<char>()?);
        }
        Ok(s)
    }
}

/// Block YAML; strings double-quoted (JSON escapes are YAML escapes) unless
/// they read as the same text plain.
fn emit(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                out.push_str(&pad);
                out.push_str(k);
                out.push(':');
                emit_after_key(v, indent, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for v in items {
                out.push_str(&pad);
                out.push('-');
                emit_after_key(v, indent, out);
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn emit_after_key(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            emit(v, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            emit(v, indent + 2, out);
        }
        _ => {
            out.push(' ');
            out.push_str(&scalar(v));
            out.push('\n');
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let plain = !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && s.as_bytes()[0].is_ascii_lowercase()
                && !["true", "false", "null"].contains(&s.as_str());
            if plain { s.clone() } else { serde_json::to_string(s).unwrap_or_default() }
        }
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

fn repository(u: &mut Unstructured<'_>, dir: &Path) -> Result<()> {
    let files = u.int_in_range(1..=4)?;
    let mut texts = vec![String::new(); files];
    let docs = u.int_in_range(1..=14)?;
    for _ in 0..docs {
        let (kind, schema) = &schemas()[u.choose_index(schemas().len())?];
        let empty = Map::new();
        let defs = schema.get("$defs").and_then(Value::as_object).unwrap_or(&empty);
        let mut doc = Gen { u: &mut *u, defs }.object(schema, 0)?;
        if let Some(obj) = doc.as_object_mut() {
            obj.insert("kind".into(), json!(kind.name()));
        }
        let file = u.choose_index(files)?;
        let text = &mut texts[file];
        if !text.is_empty() {
            text.push_str("---\n");
        }
        emit(&doc, 0, text);
    }
    for (i, text) in texts.iter().enumerate() {
        let folder = dir.join(["goals", "org", "markets", "plans"][i]);
        let _ = std::fs::create_dir_all(&folder);
        let _ = std::fs::write(folder.join(format!("f{i}.yaml")), text);
    }
    let mut config = String::from("as_of: 2027-07-01\nactuals: actuals\n");
    if u.ratio(1, 4)? {
        config.push_str("rules:\n  kpi-unused: off\n");
    }
    let _ = std::fs::write(dir.join("stratc.yaml"), config);
    let mut csv = String::from("kpi,period,actual,forecast\n");
    for _ in 0..u.int_in_range(0..=4)? {
        let kpi = IDS[u.choose_index(IDS.len())?];
        let period = ["2027-Q1", "2027-Q2", "2026-Q4", "2027-13"][u.choose_index(4)?];
        let actual: i32 = u.arbitrary()?;
        csv.push_str(&format!("{kpi},{period},{actual},\n"));
    }
    let _ = std::fs::create_dir_all(dir.join("actuals"));
    let _ = std::fs::write(dir.join("actuals/a.csv"), csv);
    Ok(())
}

fn scratch() -> PathBuf {
    let base = Path::new("/dev/shm");
    let base = if base.is_dir() { base.to_path_buf() } else { std::env::temp_dir() };
    base.join(format!("stratc-fuzz-pipeline-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let dir = scratch();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    let mut u = Unstructured::new(data);
    if repository(&mut u, &dir).is_err() {
        return;
    }
    let options = Options {
        as_of: Date::parse("2027-07-01"),
        ..Options::default()
    };
    let Ok(analysis) = analyse(&dir, &options) else {
        return;
    };
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Github, Format::Junit, Format::Markdown] {
        let text = render(format, &analysis.findings, &analysis.model.sources, false);
        if format == Format::Json || format == Format::Sarif {
            assert!(serde_json::from_str::<Value>(&text).is_ok(), "{format:?} output is not JSON");
        }
    }
    let keys = export::node_keys(&analysis.model, &analysis.graph);
    let view = export::view(&analysis.model, &analysis.graph, &keys, None);
    for format in [GraphFormat::Dot, GraphFormat::Mermaid, GraphFormat::Json] {
        let _ = export::render(&view, format);
    }
    let _ = stratc::render::render(&analysis, &dir);
});
