//! `stratc explain CODE|NAME`: one rule's documentation; `--list` for all.

use std::fmt::Write as _;
use std::io::Write;

use super::common::emit;
use crate::error::Fatal;
use crate::rules::{lookup, registry};
use crate::schema::did_you_mean;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule code (`AL001`) or name (`initiative-without-goal`).
    #[arg(required_unless_present = "list")]
    pub rule: Option<String>,
    /// List every rule with its code, family and default severity.
    #[arg(long)]
    pub list: bool,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    if args.list {
        emit(out, &list())?;
        return Ok(super::common::exit::CLEAN);
    }
    let wanted = args.rule.unwrap_or_default();
    match lookup(&wanted) {
        Some(rule) => {
            let mut text = rule.doc.trim_end().to_owned();
            let _ = write!(
                text,
                "\n\nFamily: {}. Default severity: {}.{}\n",
                rule.family.name(),
                rule.default_severity.as_str(),
                if rule.governance {
                    " Governance rule: only an approved Exception waives it."
                } else {
                    " Configure it in stratc.yaml under `rules:` or `suppressions:`."
                }
            );
            emit(out, &text)?;
            Ok(super::common::exit::CLEAN)
        }
        None => {
            let hint = match did_you_mean(&wanted, registry().iter().map(|r| r.name)) {
                Some(s) => format!("; did you mean `{s}`?"),
                None => "; `stratc explain --list` lists every rule".to_owned(),
            };
            Err(Fatal::Usage(format!(
                "`{wanted}` is not a rule code or name{hint}"
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
    text
}
