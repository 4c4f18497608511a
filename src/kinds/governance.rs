//! Governance kinds: roles, decision rights, stage-gates and exceptions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::alignment::{InitiativeStatus, InitiativeType};
use super::common::*;

document! {
    /// A role: a position with decision rights, a line manager and successors.
    pub struct Role {
        /// The Role this one reports to.
        pub reports_to: Option<String>,
        /// Department.
        pub department: Option<String>,
        /// The person holding the role.
        pub holder: Option<String>,
        /// GitHub user or team handle (`@org/team`), for review routing.
        pub github: Option<String>,
        /// Whether the business depends on this role; critical roles need successors.
        #[serde(default)]
        pub critical: bool,
        /// Roles ready to take over, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub successors: Vec<String>,
        /// The KPIs the role's variable pay depends on, with their weights.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub incentives: Vec<Incentive>,
    }
}

/// One KPI of a role's incentive plan.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incentive {
    /// The Kpi rewarded.
    pub kpi: String,
    /// Its weight in the variable pay, percent.
    pub weight_pct: Pct,
}

/// One decision of a RACI matrix.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Unique across the repository; dots group areas (`pricing.exception`).
    pub id: String,
    /// What is decided.
    pub title: Option<String>,
    /// The one Role answerable for the decision. A list is accepted so that
    /// a wrong count is reported as a finding rather than a type error.
    #[serde(default)]
    pub accountable: Accountable,
    /// Roles that do the work.
    #[serde(default)]
    pub responsible: Vec<String>,
    /// Roles consulted before deciding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    /// Roles informed after deciding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<String>,
}

/// The Accountable of a decision: exactly one Role is expected.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Accountable {
    /// None declared.
    #[default]
    None,
    /// One Role.
    One(String),
    /// Several Roles (a finding: exactly one is expected).
    Many(Vec<String>),
}

impl Accountable {
    pub fn roles(&self) -> &[String] {
        match self {
            Accountable::None => &[],
            Accountable::One(r) => std::slice::from_ref(r),
            Accountable::Many(rs) => rs,
        }
    }
    /// The single Accountable, when exactly one is declared.
    pub fn single(&self) -> Option<&str> {
        match self.roles() {
            [one] => Some(one),
            _ => None,
        }
    }
}

document! {
    /// A RACI matrix of decision rights.
    pub struct DecisionRights {
        /// The decisions and who is Responsible, Accountable, Consulted and Informed.
        pub decisions: Vec<Decision>,
    }
}

/// One gate of a stage-gate process.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// Unique within the process.
    pub id: String,
    /// The Role that approves passing the gate.
    pub approver: String,
    /// What must be true to pass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<String>,
    /// The initiative status from which the gate must have been passed
    /// (default `launched`), e.g. `in_progress` for a business case that
    /// comes before any spend.
    pub required_by: Option<InitiativeStatus>,
    /// Gates of this process that must be passed first (default: the gate
    /// before it in the list; `[]`: none, so it can run in parallel with others).
    pub after: Option<Vec<String>>,
}

document! {
    /// A stage-gate process, e.g. for market entry.
    pub struct StageGate {
        /// Initiative types that must go through it.
        pub applies_to: Vec<InitiativeType>,
        /// The decision id under which gates are approved and escalated.
        pub decision: String,
        /// The gates, in order.
        pub gates: Vec<Gate>,
    }
}

impl StageGate {
    /// The gates that must be passed before gate `i`: its `after` when
    /// written (`[]`: none), else the gate before it in the list.
    pub fn after_of(&self, i: usize) -> Vec<&str> {
        match self.gates.get(i).and_then(|g| g.after.as_ref()) {
            Some(after) => after.iter().map(String::as_str).collect(),
            None if i > 0 => self
                .gates
                .get(i - 1)
                .map(|g| g.id.as_str())
                .into_iter()
                .collect(),
            None => Vec::new(),
        }
    }

    /// The status from which gate `i` must have been passed (default `launched`).
    pub fn required_by_of(&self, i: usize) -> InitiativeStatus {
        self.gates
            .get(i)
            .and_then(|g| g.required_by)
            .unwrap_or(InitiativeStatus::Launched)
    }
}

document! {
    /// A formal, approved exception to a rule for one subject.
    pub struct Exception {
        /// The id of the document the exception applies to.
        pub subject: String,
        /// The rule waived, by name (e.g. `discount-above-policy`) or code.
        pub rule: String,
        /// The decision id under which the exception is approved.
        pub decision: String,
        /// The Role that approved it; must be the decision's Accountable.
        pub approved_by: String,
        /// When it was approved.
        pub approved_on: DateText,
        /// Last day it is valid.
        pub expires: DateText,
        /// Why the deviation is accepted.
        pub rationale: String,
    }
}
