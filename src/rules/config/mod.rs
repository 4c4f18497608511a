//! Configuration applied to findings: severities by code, name or family,
//! and suppressions with a reason. Governance rules cannot be switched off
//! here: trying to is reported, so a reviewer sees it in the pull request.
//! The rules this engine reports are the files beside it.

use crate::config::Level;
use crate::finding::{Family, Finding, Label, Rule, Severity};
use crate::rules::ctx::Ctx;
use crate::rules::registry::config::{
    config_unknown_rule, governance_rule_disabled, suppression_expired, suppression_unused,
};
use crate::rules::registry::{lookup, registry};
use crate::schema::did_you_mean;

/// A place in stratc.yaml, or no place when there is no config file.
fn config_label(ctx: &Ctx<'_>, pointer: &str, key: bool) -> Option<Label> {
    Some(Label::config(ctx.model.config_file()?, pointer, key))
}

fn finding_at(
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    pointer: &str,
    key: bool,
    message: String,
) -> Finding {
    let f = Finding::new(rule, message);
    match config_label(ctx, pointer, key) {
        Some(l) => f.at(l),
        None => f,
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

enum Target {
    Rule(&'static Rule),
    Family(Family),
}

fn target_of(key: &str) -> Option<Target> {
    lookup(key)
        .map(Target::Rule)
        .or_else(|| Family::from_name(key).map(Target::Family))
}

fn unknown_key_help(key: &str) -> String {
    let candidates = registry()
        .iter()
        .map(|r| r.name)
        .chain(Family::ALL.iter().map(|f| f.name()));
    match did_you_mean(key, candidates) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "`stratc explain --list` lists every rule and family".to_owned(),
    }
}

/// Applies severities and suppressions, and reports configuration problems.
pub fn apply(ctx: &Ctx<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    let config = ctx.config;
    let mut extra = Vec::new();

    // Severity: a rule's own setting wins over its family's.
    let mut by_rule: Vec<(&'static Rule, Level)> = Vec::new();
    let mut by_family: Vec<(Family, Level)> = Vec::new();
    for (key, &level) in &config.rules {
        let pointer = format!("/rules/{}", escape(key));
        match target_of(key) {
            None => extra.push(
                finding_at(
                    ctx,
                    &config_unknown_rule::RULE,
                    &pointer,
                    true,
                    format!("`{key}` is not a rule, code or family"),
                )
                .help(unknown_key_help(key)),
            ),
            Some(Target::Rule(rule)) => {
                if rule.governance && level != Level::Error {
                    extra.push(governance_warning(ctx, &pointer, rule.name, level));
                }
                by_rule.push((rule, level));
            }
            Some(Target::Family(family)) => {
                if level != Level::Error
                    && registry()
                        .iter()
                        .any(|r| r.family == family && r.governance)
                {
                    extra.push(governance_warning(ctx, &pointer, family.name(), level));
                }
                by_family.push((family, level));
            }
        }
    }
    let level_of = |rule: &Rule| -> Option<Level> {
        by_rule
            .iter()
            .find(|(r, _)| r.code == rule.code)
            .map(|(_, l)| *l)
            .or_else(|| {
                by_family
                    .iter()
                    .find(|(f, _)| *f == rule.family)
                    .map(|(_, l)| *l)
            })
    };

    // Suppressions: valid ones with their matchers.
    struct Active {
        index: usize,
        rule: &'static Rule,
        ids: Vec<String>,
        paths: globset::GlobSet,
        used: bool,
    }
    let mut active: Vec<Active> = Vec::new();
    for (i, s) in config.suppressions.iter().enumerate() {
        let pointer = format!("/suppressions/{i}");
        let Some(rule) = lookup(&s.rule) else {
            extra.push(
                finding_at(
                    ctx,
                    &config_unknown_rule::RULE,
                    &format!("{pointer}/rule"),
                    false,
                    format!("`{}` is not a rule", s.rule),
                )
                .help(unknown_key_help(&s.rule)),
            );
            continue;
        };
        if rule.governance {
            extra.push(
                finding_at(
                    ctx,
                    &governance_rule_disabled::RULE,
                    &format!("{pointer}/rule"),
                    false,
                    format!("`{}` is a governance rule: a suppression cannot waive it, so it is ignored", rule.name),
                )
                .help("record an Exception approved by the Accountable of the decision instead"),
            );
            continue;
        }
        if s.ids.is_empty() && s.paths.is_empty() {
            extra.push(
                finding_at(ctx, &config_unknown_rule::RULE, &pointer, false, format!("the suppression of `{}` names no `ids` or `paths`, so it is ignored", rule.name))
                    .help("scope the suppression to the documents it accepts, e.g. `ids: [legacy-aov]`; to switch a rule off everywhere use `rules:`"),
            );
            continue;
        }
        if let Some(expires) = s.expires.as_ref().and_then(|d| d.date())
            && expires < ctx.as_of
        {
            extra.push(
                    finding_at(
                        ctx,
                        &suppression_expired::RULE,
                        &format!("{pointer}/expires"),
                        false,
                        format!("the suppression of `{}` expired on {expires}; its findings are reported again", rule.name),
                    )
                    .help("fix the findings and delete the suppression, or extend `expires` with a new reason"),
                );
            continue;
        }

        let mut builder = globset::GlobSetBuilder::new();
        for (j, p) in s.paths.iter().enumerate() {
            match globset::Glob::new(p) {
                Ok(g) => {
                    builder.add(g);
                }
                Err(e) => extra.push(finding_at(
                    ctx,
                    &config_unknown_rule::RULE,
                    &format!("{pointer}/paths/{j}"),
                    false,
                    format!("`{p}` is not a valid glob pattern: {e}"),
                )),
            }
        }
        active.push(Active {
            index: i,
            rule,
            ids: s.ids.clone(),
            paths: builder
                .build()
                .unwrap_or_else(|_| globset::GlobSet::empty()),
            used: false,
        });
    }

    let mut out = Vec::with_capacity(findings.len() + extra.len());
    for mut f in findings {
        let path = f
            .primary
            .as_ref()
            .map(|l| ctx.model.sources.file(l.file).path.as_str());
        let suppressed = active.iter_mut().find(|s| {
            s.rule.code == f.rule.code
                && (f.subject.as_ref().is_some_and(|id| s.ids.contains(id))
                    || path.is_some_and(|p| s.paths.is_match(p)))
        });
        if let Some(s) = suppressed {
            s.used = true;
            continue;
        }
        match level_of(f.rule) {
            Some(Level::Off) if !f.rule.governance => continue,
            Some(Level::Off) => {}
            Some(Level::Warning) => f.severity = Severity::Warning,
            Some(Level::Error) => f.severity = Severity::Error,
            None => {}
        }
        out.push(f);
    }
    // A suppression naming an id that does not exist is reported once, as
    // `config-dangling-reference`, not again as hiding nothing.
    let dangles = |ids: &[String]| {
        ids.iter()
            .any(|id| !ctx.model.by_id.contains_key(id) && !ctx.model.decisions.contains_key(id))
    };
    for s in active.iter().filter(|s| !s.used && !dangles(&s.ids)) {
        extra.push(
            finding_at(
                ctx,
                &suppression_unused::RULE,
                &format!("/suppressions/{}", s.index),
                false,
                format!("the suppression of `{}` hides no finding", s.rule.name),
            )
            .help("delete it; if the problem comes back it should be decided again"),
        );
    }
    out.extend(extra);
    out
}

fn governance_warning(ctx: &Ctx<'_>, pointer: &str, what: &str, level: Level) -> Finding {
    let message = match level {
        Level::Off => format!(
            "`{what}` includes governance rules, which cannot be switched off here; their findings are still reported"
        ),
        _ => format!(
            "`{what}` lowers governance findings to warnings; deviations will no longer fail the check"
        ),
    };
    finding_at(ctx, &governance_rule_disabled::RULE, pointer, true, message).help(
        "waive individual deviations with an Exception approved by the Accountable of the decision",
    )
}
