//! `config-dangling-reference`: stratc.yaml names a decision or a document
//! id that the strategy does not declare.

use crate::finding::{Finding, Label};
use crate::rules::ctx::Ctx;
use crate::schema::did_you_mean;

crate::rule! {
    "CF005" "config-dangling-reference", Config, Error;
    summary: "stratc.yaml names a decision or a document id that does not exist.";
    examples: "stratc.yaml", "stratc.yaml";
    doc: r#"## What it does
Checks every name `stratc.yaml` gives of something in the strategy:
`governance.deviation_decision` against the decisions of the DecisionRights
documents, and the `ids` of each suppression against the document ids and
decision ids, with a "did you mean". (Rule and family names are checked by
`config-unknown-rule`.)

## Why it matters
A misspelt name configures nothing and says nothing: with
`deviation_decision: strategy.deviaton`, deviations escalate up the
reporting line instead of to the strategy office, and a suppression of a
misspelt id hides no finding while the team believes it accepted one.
"#;
    fix: r#"Name a decision declared in a DecisionRights document:

```yaml
governance:
  deviation_decision: strategy.deviation
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(file) = ctx.model.config_file() else {
        return;
    };
    let model = ctx.model;
    let decisions = || model.decisions.keys().map(String::as_str);
    if let Some(decision) = &ctx.config.governance.deviation_decision
        && !model.decisions.contains_key(decision)
    {
        out.push(
            Finding::new(
                &RULE,
                format!(
                    "`governance.deviation_decision` names the decision `{decision}`, which no \
                     DecisionRights document declares, so deviations escalate up the reporting \
                     line instead"
                ),
            )
            .at(Label::config(file, "/governance/deviation_decision", false))
            .help(match did_you_mean(decision, decisions()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name a decision listed under `decisions` of a DecisionRights document"
                    .to_owned(),
            }),
        );
    }
    for (i, suppression) in ctx.config.suppressions.iter().enumerate() {
        for (j, id) in suppression.ids.iter().enumerate() {
            if model.by_id.contains_key(id) || model.decisions.contains_key(id) {
                continue;
            }
            let known = model.by_id.keys().map(String::as_str).chain(decisions());
            out.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the suppression of `{}` names `{id}`, which is not the id of a document \
                         or a decision, so it suppresses nothing there",
                        suppression.rule
                    ),
                )
                .at(Label::config(
                    file,
                    &format!("/suppressions/{i}/ids/{j}"),
                    false,
                ))
                .help(match did_you_mean(id, known) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "name the id of the document the findings are about".to_owned(),
                }),
            );
        }
    }
}
