//! Shared wording of the pages: kinds as folders and labels, money,
//! percentages with their fallbacks, yes/no, signed changes and enum values
//! as words. One copy for every page builder.

use crate::model::Kind;
use crate::model::kinds::Objective;
use crate::model::values::Money;
use crate::numbers::{in_unit, money, pct, plain};

/// The folder of each kind's pages and its heading.
pub(crate) fn kind_folder(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Goal => ("goals", "Goals"),
        Kind::Objective => ("objectives", "Objectives"),
        Kind::Kpi => ("kpis", "KPIs"),
        Kind::Initiative => ("initiatives", "Initiatives"),
        Kind::Role => ("roles", "Roles"),
        Kind::DecisionRights => ("decisions", "Decision rights"),
        Kind::Market => ("markets", "Markets"),
        Kind::Channel => ("channels", "Channels"),
        Kind::ChannelPolicy => ("channel-policies", "Channel policies"),
        Kind::PricingPolicy => ("pricing-policies", "Pricing policies"),
        Kind::StageGate => ("stage-gates", "Stage gates"),
        Kind::Exception => ("exceptions", "Exceptions"),
        Kind::Segment => ("segments", "Segments"),
        Kind::Budget => ("budgets", "Budgets"),
        Kind::DataPolicy => ("data-policies", "Data policies"),
        Kind::Scorecard => ("scorecards", "Scorecards"),
        Kind::Trigger => ("triggers", "Triggers"),
        Kind::Playbook => ("playbooks", "Playbooks"),
        Kind::Experiment => ("experiments", "Experiments"),
        Kind::Scenario => ("scenarios", "Scenarios"),
        Kind::Brand => ("brands", "Brands"),
        Kind::Deal => ("deals", "Deals"),
    }
}

/// The kind as a reader says it: `Goal`, `KPI`, `Decision rights`.
pub(crate) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Kpi => "KPI",
        Kind::DecisionRights => "Decision rights",
        Kind::ChannelPolicy => "Channel policy",
        Kind::PricingPolicy => "Pricing policy",
        Kind::StageGate => "Stage gate",
        Kind::DataPolicy => "Data policy",
        other => other.name(),
    }
}

/// `in_progress` → `in progress`.
pub(crate) fn readable(value: &str) -> String {
    value.replace('_', " ")
}

/// Enum values as words, comma-separated: `new market, new channel`.
pub(crate) fn readable_list<'v>(values: impl IntoIterator<Item = &'v str>) -> String {
    values
        .into_iter()
        .map(readable)
        .collect::<Vec<_>>()
        .join(", ")
}

/// An objective's status as words; an objective without one is active.
pub(crate) fn objective_status(o: &Objective) -> String {
    readable(o.status.map_or("active", |s| s.as_str()))
}

/// A money amount: `EUR 1.2M`.
pub(crate) fn amount(m: &Money) -> String {
    money(m.amount, &m.currency)
}

/// The text of a value that may be missing: `—` when it is.
pub(crate) fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".to_owned())
}

/// A percentage, or `—`.
pub(crate) fn pct_or_dash(value: Option<f64>) -> String {
    or_dash(value.map(pct))
}

/// Hours as written on service levels: `24 h`.
pub(crate) fn hours(h: f64) -> String {
    format!("{} h", plain(h, 1))
}

pub(crate) fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A change with its sign: `+2.5%`, `-EUR 3`.
pub(crate) fn signed(delta: f64, unit: &str) -> String {
    if delta > 0.0 {
        format!("+{}", in_unit(delta, unit))
    } else {
        in_unit(delta, unit)
    }
}

/// Free text items comma-separated, or nothing when there are none.
pub(crate) fn text_list(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| items.join(", "))
}

/// A share of a money amount: `EUR 120k`.
pub(crate) fn share_of(total: &Money, share_pct: f64) -> String {
    money(total.amount * share_pct / 100.0, &total.currency)
}
