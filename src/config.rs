//! `stratc.yaml`: the optional repository configuration, validated by its
//! own schema with the same span-exact errors as strategy documents.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::values::DateText;

/// The configuration file name at the strategy root.
pub use crate::load::CONFIG_FILE;

/// Repository configuration for stratc.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Glob patterns (relative to the root) of YAML files that are not strategy files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Where KPI actuals are: a folder of CSV files or a glob (default `actuals/*.csv`).
    pub actuals: Option<String>,
    /// The date the strategy is evaluated at (default: today); `--as-of` overrides it.
    pub as_of: Option<DateText>,
    /// Severity per rule code, rule name or family: `error`, `warning` or `off`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Level>,
    /// Findings deliberately accepted, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
    /// Budgets that protect the tool from hostile or broken files.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// Governance settings.
    #[serde(default)]
    pub governance: Governance,
    /// Settings of the generated docs site.
    #[serde(default)]
    pub site: Site,
    /// Settings of `stratc codeowners`.
    #[serde(default)]
    pub codeowners: CodeownersConfig,
    /// Channel settings.
    #[serde(default)]
    pub channels: ChannelsConfig,
}

/// Channel settings.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelsConfig {
    /// How many days before a partner contract's exit notice date
    /// `partner-contract-ending` starts to warn (default 90).
    pub renewal_lead_days: Option<u32>,
}

impl ChannelsConfig {
    /// `renewal_lead_days`, or its default of 90 days: a quarter is the time
    /// a renegotiation usually takes.
    pub fn renewal_lead_days(&self) -> u32 {
        self.renewal_lead_days.unwrap_or(90)
    }
}

/// Settings of `stratc codeowners`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeownersConfig {
    /// GitHub handles (`@org/team`, `@user` or an email) that own every
    /// strategy file no owner role or decision Accountable owns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default: Vec<String>,
}

/// A configured severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Reported and fails the check.
    Error,
    /// Reported; fails only with `--deny warnings`.
    Warning,
    /// Not reported (governance rules cannot be switched off silently).
    Off,
}

/// A suppression: a rule switched off for some documents or paths.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The rule, by code or name.
    pub rule: String,
    /// Document ids the suppression applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Path globs (relative to the root) the suppression applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Why the finding is accepted. Required.
    pub reason: String,
    /// Last day the suppression applies; after it, the suppression is itself a finding.
    pub expires: Option<DateText>,
}

/// Limits on input size and shape.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Largest strategy file read, in bytes (default 4 MiB).
    #[serde(default = "default_max_file_bytes")]
    pub max_file_bytes: u64,
    /// Deepest YAML nesting (default 64).
    #[serde(default = "default_max_depth")]
    pub max_depth: usize,
    /// Most YAML nodes in one file, aliases expanded (default 250000).
    #[serde(default = "default_max_nodes")]
    pub max_nodes: usize,
    /// Most aliases in one file (default 1000).
    #[serde(default = "default_max_aliases")]
    pub max_aliases: usize,
}

fn default_max_file_bytes() -> u64 {
    4 << 20
}
fn default_max_depth() -> usize {
    64
}
fn default_max_nodes() -> usize {
    250_000
}
fn default_max_aliases() -> usize {
    1_000
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            max_file_bytes: default_max_file_bytes(),
            max_depth: default_max_depth(),
            max_nodes: default_max_nodes(),
            max_aliases: default_max_aliases(),
        }
    }
}

impl LimitsConfig {
    pub fn yaml(&self) -> crate::load::yaml::Limits {
        crate::load::yaml::Limits {
            max_depth: self.max_depth,
            max_nodes: self.max_nodes,
            max_aliases: self.max_aliases,
        }
    }
}

/// Governance settings.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// The decision id under which strategy deviations are approved and
    /// escalated (e.g. `strategy.deviation`).
    pub deviation_decision: Option<String>,
}

/// Settings of the generated docs site.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Site title (default: "Strategy").
    pub title: Option<String>,
    /// Repository URL, for "edit this page" links (e.g. `https://github.com/acme/strategy`).
    pub repo_url: Option<String>,
    /// Branch used in "edit this page" links (default `main`).
    pub edit_branch: Option<String>,
    /// The mkdocs theme of the generated site (default `mkdocs`, the plain
    /// theme that comes with mkdocs; `material` needs `pip install mkdocs-material`).
    pub theme: Option<Theme>,
}

/// An mkdocs theme the generated site is known to build with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// The plain theme that comes with mkdocs.
    #[default]
    Mkdocs,
    /// mkdocs-material (PyPI `mkdocs-material`).
    Material,
}

impl Theme {
    /// The theme's name in `mkdocs.yml`.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Mkdocs => "mkdocs",
            Theme::Material => "material",
        }
    }
}
