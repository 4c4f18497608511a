//! Approved exceptions: an `Exception` document waives the findings of one
//! rule for one subject while it is valid (known rule and subject, approved
//! by the Accountable of its decision, not expired at `--as-of`). Invalid
//! and unused exceptions are findings of their own: the rules beside this
//! file.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::DocId;
use crate::model::kinds::Exception;
use crate::rules::ctx::Ctx;
use crate::rules::registry::exceptions::{
    exception_expired, exception_stale, exception_unauthorized, exception_unknown_rule,
    exception_unknown_subject,
};
use crate::rules::registry::{lookup, registry};
use crate::schema::did_you_mean;

/// Waives the findings covered by valid exceptions and adds the findings
/// about the exceptions themselves.
pub fn apply(ctx: &Ctx<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::with_capacity(findings.len());
    // (rule code, subject) -> exceptions naming them: valid ones waive.
    let mut valid: HashMap<(&str, &str), Vec<DocId>> = HashMap::new();
    let mut invalid: HashMap<(&str, &str), Vec<(DocId, String)>> = HashMap::new();
    let mut all_ids: Option<Vec<&str>> = None;
    let mut suggestions_left = crate::schema::SUGGESTION_BUDGET;
    for (d, e) in model.all::<Exception>() {
        let mut problems: Vec<String> = Vec::new();
        let rule = lookup(&e.rule);
        if rule.is_none() {
            let names = registry().iter().map(|r| r.name);
            let help = match did_you_mean(&e.rule, names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`stratc explain --list` lists every rule".to_owned(),
            };
            out.push(
                ctx.finding(
                    &exception_unknown_rule::RULE,
                    d,
                    "/rule",
                    format!("`{}` is not a rule", e.rule),
                )
                .help(help),
            );
            problems.push("unknown rule".into());
        }
        if model.doc(&e.subject).is_none() {
            // All ids sorted once, and suggestions for at most a budget of
            // exceptions: each one compares against every id.
            let suggestion = (suggestions_left > 0)
                .then(|| {
                    suggestions_left -= 1;
                    let ids = all_ids.get_or_insert_with(|| {
                        let mut ids: Vec<&str> = model.docs.iter().map(|x| x.id()).collect();
                        ids.sort_unstable();
                        ids
                    });
                    did_you_mean(&e.subject, ids.iter().copied())
                })
                .flatten();
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name the id of the document the deviation is in".to_owned(),
            };
            out.push(
                ctx.finding(
                    &exception_unknown_subject::RULE,
                    d,
                    "/subject",
                    format!(
                        "the exception `{}` is for `{}`, which no document declares",
                        e.id, e.subject
                    ),
                )
                .help(help),
            );
            problems.push("unknown subject".into());
        }
        if let Some(expires) = e.expires.date()
            && expires < ctx.as_of
        {
            out.push(
                    ctx.finding(
                        &exception_expired::RULE,
                        d,
                        "/expires",
                        format!(
                            "the exception `{}` expired on {expires} (evaluated at {})",
                            e.id, ctx.as_of
                        ),
                    )
                    .help("end the deviation and delete the exception, or have the Accountable renew it with a new `expires`"),
                );
            problems.push(format!("expired on {expires}"));
        }

        if let Some((_, decision)) = model.decision(&e.decision) {
            match decision.accountable.single() {
                Some(accountable) if accountable == e.approved_by => {}
                Some(accountable) => {
                    out.push(
                        ctx.finding(
                            &exception_unauthorized::RULE,
                            d,
                            "/approved_by",
                            format!(
                                "the exception `{}` is approved by `{}`, but `{accountable}` is Accountable for `{}`",
                                e.id, e.approved_by, e.decision
                            ),
                        )
                        .help(format!("have `{accountable}` approve it (set `approved_by: {accountable}`)")),
                    );
                    problems.push(format!("not approved by `{accountable}`"));
                }
                None => problems.push(format!("`{}` has no single Accountable", e.decision)),
            }
        } else {
            problems.push(format!("unknown decision `{}`", e.decision));
        }
        if let Some(rule) = rule {
            let key = (rule.code, e.subject.as_str());
            if problems.is_empty() {
                valid.entry(key).or_default().push(d);
            } else {
                invalid
                    .entry(key)
                    .or_default()
                    .push((d, problems.join(", ")));
            }
        }
    }
    let mut used = vec![false; model.docs.len()];
    for mut f in findings {
        let Some(subject) = f.subject.as_deref() else {
            out.push(f);
            continue;
        };
        let key = (f.rule.code, subject);
        if let Some(ds) = valid.get(&key) {
            for &d in ds {
                used[d] = true;
            }
            continue;
        }
        if let Some(list) = invalid.get(&key) {
            for (d, why) in list {
                f.related.push(ctx.related(
                    *d,
                    "/id",
                    format!("this exception does not apply: {why}"),
                ));
            }
        }
        out.push(f);
    }
    let mut stale: Vec<DocId> = valid
        .values()
        .flatten()
        .copied()
        .filter(|&d| !used[d])
        .collect();
    stale.sort_unstable();
    for d in stale {
        let Some(e) = crate::model::KindOf::from_body(&model.docs[d].body).map(|e: &Exception| e)
        else {
            continue;
        };
        out.push(
            ctx.finding(
                &exception_stale::RULE,
                d,
                "/id",
                format!(
                    "the exception `{}` waives `{}` for `{}`, but `{}` no longer breaks that rule",
                    e.id, e.rule, e.subject, e.subject
                ),
            )
            .help("delete the exception; git keeps its history"),
        );
    }
    out
}
