//! `--format sarif`: the subset of SARIF 2.1.0 that code-scanning services
//! read: one run, the rules that produced results, and one result per finding.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::report::resolve;
use crate::finding::{Finding, Severity};
use crate::source::Sources;

fn region(sources: &Sources, label: &crate::finding::Label) -> Value {
    let r = resolve(sources, label);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": r.file, "uriBaseId": "%SRCROOT%" },
            "region": {
                "startLine": r.start.line,
                "startColumn": r.start.column,
                "endLine": r.end.line,
                "endColumn": r.end.column.max(r.start.column + u32::from(r.end.line == r.start.line)),
            }
        }
    })
}

pub fn render(findings: &[Finding], sources: &Sources) -> String {
    let mut rules: BTreeMap<&str, &crate::rules::Rule> = BTreeMap::new();
    for f in findings {
        rules.insert(f.rule.code, f.rule);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let rule_list: Vec<Value> = rules
        .values()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.doc, "markdown": r.doc },
                "helpUri": r.docs_url(),
                "defaultConfiguration": {
                    "level": match r.default_severity { Severity::Error => "error", Severity::Warning => "warning" }
                },
                "properties": { "family": r.family.name(), "governance": r.governance },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            if !f.escalation.is_empty() {
                text.push_str(&format!("\nescalate to: {}", f.escalation.join(" → ")));
            }
            if let Some(help) = &f.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let mut result = json!({
                "ruleId": f.rule.code,
                "ruleIndex": index[f.rule.code],
                "level": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": { "text": text },
            });
            if let Some(p) = &f.primary {
                result["locations"] = json!([region(sources, p)]);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let mut loc = region(sources, l);
                            loc["id"] = json!(i);
                            if let Some(t) = &l.text {
                                loc["message"] = json!({ "text": t });
                            }
                            loc
                        })
                        .collect(),
                );
            }
            if let Some(subject) = &f.subject {
                result["partialFingerprints"] = json!({
                    "stratc/v1": format!("{}:{}:{}", f.rule.name, subject, f.pointer.as_deref().unwrap_or(""))
                });
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "stratc",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_list,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": "file:///" } },
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
