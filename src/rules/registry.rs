//! The one rule table. Each line declares a rule's module (the file
//! `<family>/<rule>.rs`) and registers its `RULE` — with its `check` (`check
//! name`), or without one when another stage or the engine produces its
//! findings (`found name`). Adding a rule is its file plus one line here.
//! The load-time rules (structure) sit below the loader, in
//! [`crate::finding::structure`], and join the table at run time.

use std::sync::OnceLock;

use crate::finding::{Finding, Rule, structure};
use crate::rules::ctx::Ctx;

/// A rule's check: reads the context, pushes findings.
pub type Check = fn(&Ctx<'_>, &mut Vec<Finding>);

/// A rule and its check; `None` for problems found elsewhere.
pub(crate) type Entry = (&'static Rule, Option<Check>);

/// Declares every rule module under its family and lists the rules.
macro_rules! registry {
    ($( $family:ident $(($helpers:ident))? { $( $how:ident $rule:ident, )* } )*) => {
        // The rule files sit beside this one, in their family's folder.
        #[path = "."]
        mod families {
            $(
                pub mod $family {
                    $( registry!(@helpers $family $helpers); )?
                    $( pub mod $rule; )*
                }
            )*
        }
        pub use families::*;

        /// Every rule of the table, in table order.
        fn table() -> Vec<Entry> {
            vec![$($( (&$family::$rule::RULE, registry!(@check $how $family::$rule)), )*)*]
        }
    };
    // A family's rules reach its shared helpers (its `mod.rs`) as `super::`.
    (@helpers $family:ident helpers) => {
        pub(crate) use super::super::super::$family::*;
    };
    (@check check $($rule:ident)::+) => { Some($($rule)::+::check as Check) };
    (@check found $($rule:ident)::+) => { None };
}

registry! {
    authoring {
        check percent_looks_like_fraction,
    }
    alignment {
        check initiative_without_goal,
        check objective_supports_nothing,
        check alignment_weights_not_100,
        check objective_cycle,
        check objective_without_kpi,
        check esg_objective_without_target,
        check goal_without_objective,
        check kpi_unused,
        check initiative_beyond_goal_horizon,
        check initiative_advances_retired_objective,
        check dependency_cycle,
        check dependency_ends_later,
        check objective_not_on_scorecard,
        check initiative_without_post_mortem,
        check goal_target_mismatch,
    }
    deviations (helpers) {
        check initiative_priority_conflict,
        check initiative_market_outside_objectives,
        check initiative_channel_outside_markets,
        check dtc_reserved_segment,
        check discount_above_policy,
        check price_autonomy_exceeded,
        check market_entry_gates_incomplete,
        check gate_out_of_order,
        check gate_approved_by_wrong_role,
        check budget_overspent,
        check experiment_discount_above_policy,
        check experiment_on_protected_segment,
        check promotion_above_policy,
        check promotion_targets_protected_segment,
        check promotion_calendar_conflict,
        check bundle_channel_conflict,
        check deal_above_ladder,
        check deal_approved_by_wrong_role,
    }
    exceptions {
        found exception_expired,
        found exception_unauthorized,
        found exception_unknown_subject,
        found exception_unknown_rule,
        found exception_stale,
        check exception_expires_before_subject,
    }
    governance {
        check decision_accountable_count,
        check decision_without_responsible,
        check approver_without_rights,
        check critical_role_without_successor,
        check succession_cycle,
        check reports_to_cycle,
        check experiment_overdue,
    }
    pricing (helpers) {
        check approval_ladder_not_increasing,
        check approval_ladder_gap,
        check discount_breaks_margin_floor,
        check map_below_floor_price,
        check map_without_enforcement,
        check geo_price_gap,
        check flash_sale_unprotected,
        check flash_sale_above_policy,
        check subscription_tiers_not_increasing,
        check waterfall_over_leakage,
        check monitoring_without_response,
        check waterfall_leakage_actual,
        check experiment_without_guardrail,
        check promotion_conflicts_with_positioning,
    }
    channels (helpers) {
        check partner_without_sla,
        check sla_below_policy,
        check inventory_shares_not_100,
        check commission_tiers_overlapping,
        check partner_contract_ending,
        check commission_above_policy,
        check onboarding_below_criteria,
        check coop_funds_to_noncompliant_partner,
        check channel_in_exclusive_territory,
        check brand_segment_overlap,
    }
    data (helpers) {
        check third_party_data_without_legal_basis,
        check retention_above_limit,
        check master_data_conflict,
        check integration_without_failover,
        check budget_shares_not_100,
        check segment_review_overdue,
        check audit_overdue,
        check allocation_below_roi_hurdle,
        check suppression_exceeded,
    }
    kpis (helpers) {
        check kpi_without_target,
        check thresholds_inverted,
        check scorecard_unknown_kpi,
        check formula_unknown_kpi,
        check formula_cycle,
        check formula_unit_mismatch,
        check trigger_fired,
        check kpi_actuals_stale,
        check scorecard_review_overdue,
        check scenario_outside_data,
        check kpi_targets_inconsistent,
    }
    config {
        found config_unknown_rule,
        found governance_rule_disabled,
        found suppression_expired,
        found suppression_unused,
        check config_dangling_reference,
    }
}

/// Every rule with its check, in code order.
pub(crate) fn entries() -> &'static [Entry] {
    static ALL: OnceLock<Vec<Entry>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = table();
        all.extend(structure::RULES.iter().map(|r| (*r, None)));
        all.sort_by_key(|(r, _)| r.code);
        all
    })
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| entries().iter().map(|(r, _)| *r).collect())
}

/// Finds a rule by code or name (case-insensitive for codes).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    registry()
        .iter()
        .copied()
        .find(|r| r.name == code_or_name || r.code.eq_ignore_ascii_case(code_or_name))
}
