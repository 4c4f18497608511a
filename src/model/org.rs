//! The organisation as the model holds it: reporting lines walked up
//! `reports_to`. Escalation paths (rules) and the playbooks' escalation
//! pages (render) both read this one walk.

use std::collections::HashSet;

use super::Model;
use super::kinds::Role;

/// A walk up `reports_to` from a role: each role once, stopping at the top,
/// at a role that is not declared, or where the line loops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingLine {
    /// The declared roles on the line, nearest first (the start included).
    pub steps: Vec<String>,
    pub end: LineEnd,
}

/// Where a reporting line stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineEnd {
    /// A role that reports to nobody.
    Top,
    /// A role id that no Role document declares.
    Unknown(String),
    /// A role already on the line: `reports_to` loops.
    Loop(String),
}

impl Model {
    /// The reporting line from `start` upwards.
    pub fn reporting_line(&self, start: &str) -> ReportingLine {
        let mut steps: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        let mut current = start.to_owned();
        loop {
            if !seen.insert(current.clone()) {
                return ReportingLine {
                    steps,
                    end: LineEnd::Loop(current),
                };
            }
            let Some((_, role)) = self.get::<Role>(&current) else {
                return ReportingLine {
                    steps,
                    end: LineEnd::Unknown(current),
                };
            };
            steps.push(current.clone());
            match &role.reports_to {
                Some(next) => current = next.clone(),
                None => {
                    return ReportingLine {
                        steps,
                        end: LineEnd::Top,
                    };
                }
            }
        }
    }
}
