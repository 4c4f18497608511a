//! Approved exceptions: an `Exception` document waives the findings of one
//! rule for one subject while it is valid (known rule and subject, approved
//! by the Accountable of its decision, not expired at `--as-of`). Invalid
//! and unused exceptions are findings of their own.

use std::collections::HashMap;

use super::{Ctx, Family, Rule, lookup, registry};
use crate::diagnostics::{Finding, Severity};
use crate::model::DocId;
use crate::model::kinds::Exception;
use crate::schema::did_you_mean;

pub static EXPIRED: Rule = Rule {
    code: "EX001",
    name: "exception-expired",
    family: Family::Deviation,
    default_severity: Severity::Error,
    governance: false,
    summary: "An Exception is past its `expires` date.",
    doc: r#"# exception-expired (EX001)

An Exception is past its `expires` date.

## What it does
Compares each Exception's `expires` with the evaluation date (`--as-of`, the
`as_of` of stratc.yaml, or today). An expired exception no longer waives
anything: the deviation it covered is reported again.

## Why it matters
Exceptions are granted for a time ("clear the old stock before the ban"). When
the time is up, either the deviation ends or someone accountable renews the
approval; a forgotten exception quietly turns a one-off into policy.

## Example that fails
```yaml
kind: Exception
id: tent-clearance-discount
subject: tent-clearance
rule: discount-above-policy
decision: pricing.exception
approved_by: cco
approved_on: 2026-09-01
expires: 2026-12-31        # checked with --as-of 2027-07-01
rationale: Clear PFAS-treated stock before the ban.
```

## How to fix
End the deviation (and delete the exception), or have the Accountable renew it
with a new `approved_on` and `expires`.
"#,
};

pub static UNAUTHORIZED: Rule = Rule {
    code: "EX002",
    name: "exception-unauthorized",
    family: Family::Deviation,
    default_severity: Severity::Error,
    governance: false,
    summary: "An Exception is approved by someone other than the Accountable of its decision.",
    doc: r#"# exception-unauthorized (EX002)

An Exception is approved by someone other than the Accountable of its decision.

## What it does
Looks up the Exception's `decision` in the DecisionRights documents and
compares `approved_by` with that decision's single Accountable role. An
unauthorised exception waives nothing.

## Why it matters
The point of an exception is that the person answerable for the decision
accepted the risk. An approval by someone else — even a senior one — is not
the approval the decision rights ask for.

## Example that fails
```yaml
kind: Exception
id: tent-clearance-discount
subject: tent-clearance
rule: discount-above-policy
decision: pricing.exception      # accountable: cco
approved_by: pricing-manager
approved_on: 2027-06-14
expires: 2027-12-31
rationale: Clear PFAS-treated stock before the ban.
```

## How to fix
Have the Accountable of the decision approve it:

```yaml
approved_by: cco
```
"#,
};

pub static UNKNOWN_SUBJECT: Rule = Rule {
    code: "EX003",
    name: "exception-unknown-subject",
    family: Family::Deviation,
    default_severity: Severity::Error,
    governance: false,
    summary: "An Exception's `subject` names no document.",
    doc: r#"# exception-unknown-subject (EX003)

An Exception's `subject` names no document.

## What it does
Checks that the `subject` of every Exception is the id of a document in the
repository, with a "did you mean".

## Why it matters
An exception for a subject that does not exist waives nothing — usually the
subject was renamed and the deviation it was meant to cover is now reported
(or worse, the exception was copied to the wrong place).

## Example that fails
```yaml
kind: Exception
id: tent-clearance-discount
subject: tent-clearence
rule: discount-above-policy
decision: pricing.exception
approved_by: cco
approved_on: 2027-06-14
expires: 2027-12-31
rationale: Clear PFAS-treated stock before the ban.
```

## How to fix
```yaml
subject: tent-clearance
```
"#,
};

pub static UNKNOWN_RULE: Rule = Rule {
    code: "EX004",
    name: "exception-unknown-rule",
    family: Family::Deviation,
    default_severity: Severity::Error,
    governance: false,
    summary: "An Exception's `rule` names no rule.",
    doc: r#"# exception-unknown-rule (EX004)

An Exception's `rule` names no rule.

## What it does
Checks that the `rule` of every Exception is the name (or code) of a stratc
rule, with a "did you mean". `stratc explain --list` lists them all.

## Why it matters
An exception for a misspelled rule waives nothing, and the deviation it was
meant to cover stays an error.

## Example that fails
```yaml
kind: Exception
id: tent-clearance-discount
subject: tent-clearance
rule: discount-over-policy
decision: pricing.exception
approved_by: cco
approved_on: 2027-06-14
expires: 2027-12-31
rationale: Clear PFAS-treated stock before the ban.
```

## How to fix
```yaml
rule: discount-above-policy
```
"#,
};

pub static STALE: Rule = Rule {
    code: "EX005",
    name: "exception-stale",
    family: Family::Deviation,
    default_severity: Severity::Warning,
    governance: false,
    summary: "A valid Exception covers no finding.",
    doc: r#"# exception-stale (EX005)

A valid Exception covers no finding.

## What it does
Reports an Exception that is valid (known rule and subject, approved by the
Accountable, not expired) but waives nothing, because its subject no longer
breaks the rule.

## Why it matters
Stale exceptions pile up and hide the real list of accepted deviations; worse,
a stale exception silently re-approves the deviation if it comes back.

## Example that fails
An exception for `discount-above-policy` on an initiative whose discount was
lowered to within the category limit.

## How to fix
Delete the exception (the history stays in git).
"#,
};

pub(crate) const RULES: &[super::Entry] = &[
    (&EXPIRED, None),
    (&UNAUTHORIZED, None),
    (&UNKNOWN_SUBJECT, None),
    (&UNKNOWN_RULE, None),
    (&STALE, None),
];

/// Waives the findings covered by valid exceptions and adds the findings
/// about the exceptions themselves.
pub fn apply(ctx: &Ctx<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::with_capacity(findings.len());
    // (rule code, subject) -> exceptions naming them: valid ones waive.
    let mut valid: HashMap<(&str, &str), Vec<DocId>> = HashMap::new();
    let mut invalid: HashMap<(&str, &str), Vec<(DocId, String)>> = HashMap::new();
    let mut all_ids: Option<Vec<&str>> = None;
    let mut suggestions_left = crate::model::build::SUGGESTION_BUDGET;
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
                    &UNKNOWN_RULE,
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
                    &UNKNOWN_SUBJECT,
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
                        &EXPIRED,
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
                            &UNAUTHORIZED,
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
                &STALE,
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
