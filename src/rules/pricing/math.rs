//! The arithmetic behind the pricing rules, kept pure so each formula is
//! tested with worked numbers: the highest discount a margin floor allows,
//! the floor price as a ratio of list price, the gap between two markets'
//! price indexes, and the discounts an approval ladder leaves without an
//! approver. Percentages are taken and returned as 0–100 numbers.

use crate::numbers::{approx_eq, greater, less};

/// The highest discount a category can give before its margin falls below
/// the floor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SafeDiscount {
    /// Discounts up to this percentage of list price keep the floor margin.
    UpTo(f64),
    /// The floor margin is above the list margin: the category is below its
    /// floor already at list price, so no discount is safe.
    BelowFloorAtList,
}

/// With list margin `m` and floor margin `f` (as fractions), a discount `d`
/// leaves the margin `1 − (1 − m) / (1 − d)`; it stays at or above `f` while
/// `d ≤ 1 − (1 − m) / (1 − f)`.
///
/// Example: m = 55%, f = 30% gives `1 − 0.45 / 0.70` = 35.714%.
pub fn safe_discount_pct(list_margin_pct: f64, floor_margin_pct: f64) -> SafeDiscount {
    if greater(floor_margin_pct, list_margin_pct) {
        return SafeDiscount::BelowFloorAtList;
    }
    if approx_eq(floor_margin_pct, list_margin_pct) {
        return SafeDiscount::UpTo(0.0);
    }
    // Here floor < list margin ≤ 100, so 1 − f is positive.
    let cost = 1.0 - list_margin_pct / 100.0;
    let floor_price = cost / (1.0 - floor_margin_pct / 100.0);
    SafeDiscount::UpTo(((1.0 - floor_price) * 100.0).max(0.0))
}

/// The lowest price, as a ratio of list price, that still earns the floor
/// margin: `(1 − m) / (1 − f)`. Example: m = 55%, f = 30% gives 0.643.
/// `None` when the floor margin is 100% (no price earns it).
pub fn floor_price_ratio(list_margin_pct: f64, floor_margin_pct: f64) -> Option<f64> {
    let denominator = 1.0 - floor_margin_pct / 100.0;
    if denominator <= 0.0 || approx_eq(denominator, 0.0) {
        return None;
    }
    Some((1.0 - list_margin_pct / 100.0) / denominator)
}

/// The gap between two price indexes, relative to the lower one:
/// `(higher − lower) / lower × 100`. Example: 1.08 and 0.95 are 13.7% apart.
/// `None` when the lower index is not positive (no meaningful gap).
pub fn price_gap_pct(a: f64, b: f64) -> Option<f64> {
    let (lower, higher) = if a <= b { (a, b) } else { (b, a) };
    if lower <= 0.0 {
        return None;
    }
    Some((higher - lower) / lower * 100.0)
}

/// One step of an approval ladder, as far as coverage is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LadderStep {
    /// The highest discount the approver may grant, percent.
    pub max_discount_pct: f64,
    /// Whether the step is limited to deals up to a `max_deal_size`.
    pub deal_size_bounded: bool,
}

/// Discounts an approval ladder leaves without an approver.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LadderGap {
    /// Every discount up to the highest allowed one has an approver.
    None,
    /// No step, whatever the deal size, reaches above `from`.
    AllDeals { from: f64, to: f64 },
    /// Steps reach `to`, but only for bounded deal sizes: for deals larger
    /// than every bound of those steps only `from` is covered.
    LargeDeals { from: f64, to: f64 },
}

/// Each step approves every discount from 0 up to its `max_discount_pct`, so
/// the ladder covers up to its highest step; a step limited by deal size
/// covers only deals up to that size, so the largest deals are covered up to
/// the highest step without a deal-size limit. `highest` is the largest
/// discount the policy allows anywhere.
pub fn ladder_gap(steps: &[LadderStep], highest: f64) -> LadderGap {
    let reach = |only_unbounded: bool| {
        steps
            .iter()
            .filter(|s| !only_unbounded || !s.deal_size_bounded)
            .map(|s| s.max_discount_pct)
            .fold(0.0, f64::max)
    };
    let all = reach(false);
    if less(all, highest) {
        return LadderGap::AllDeals {
            from: all,
            to: highest,
        };
    }
    let large = reach(true);
    if less(large, highest) {
        return LadderGap::LargeDeals {
            from: large,
            to: highest,
        };
    }
    LadderGap::None
}

/// The positions in `values` that do not rise above every earlier value,
/// each with the earlier position holding the highest value so far (the
/// first one on ties). A strictly increasing list gives nothing.
///
/// Example: `[10, 30, 20, 35]` gives `[(2, 1)]`: 20 is not above 30.
pub fn not_increasing(values: &[f64]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut highest: Option<usize> = None;
    for (i, &v) in values.iter().enumerate() {
        match highest {
            Some(h) if !greater(v, values[h]) => out.push((i, h)),
            _ => highest = Some(i),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-3
    }

    fn up_to(s: SafeDiscount) -> f64 {
        match s {
            SafeDiscount::UpTo(d) => d,
            SafeDiscount::BelowFloorAtList => panic!("expected a safe discount"),
        }
    }

    #[test]
    fn safe_discount_worked_example() {
        // 1 − 0.45 / 0.70 = 0.357142…
        assert!(close(up_to(safe_discount_pct(55.0, 30.0)), 35.714));
        // Acme's categories: 35.4%, 28.6%, 23.6%, 36.7%.
        assert!(close(up_to(safe_discount_pct(58.0, 35.0)), 35.385));
        assert!(close(up_to(safe_discount_pct(50.0, 30.0)), 28.571));
        assert!(close(up_to(safe_discount_pct(45.0, 28.0)), 23.611));
        assert!(close(up_to(safe_discount_pct(62.0, 40.0)), 36.667));
    }

    #[test]
    fn safe_discount_edge_cases() {
        // Floor equal to the list margin: no discount is safe.
        assert_eq!(safe_discount_pct(40.0, 40.0), SafeDiscount::UpTo(0.0));
        // Floor above the list margin: already below the floor at list price.
        assert_eq!(
            safe_discount_pct(30.0, 35.0),
            SafeDiscount::BelowFloorAtList
        );
        // No floor: the whole margin can be given away.
        assert!(close(up_to(safe_discount_pct(60.0, 0.0)), 60.0));
        // A 100% list margin (no cost) allows a 100% discount.
        assert!(close(up_to(safe_discount_pct(100.0, 30.0)), 100.0));
        assert_eq!(safe_discount_pct(100.0, 100.0), SafeDiscount::UpTo(0.0));
    }

    #[test]
    fn floor_price_ratio_worked_examples() {
        // 0.45 / 0.70 = 0.642857…
        assert!(close(floor_price_ratio(55.0, 30.0).unwrap(), 0.643));
        assert!(close(floor_price_ratio(58.0, 35.0).unwrap(), 0.646));
        assert!(close(floor_price_ratio(45.0, 28.0).unwrap(), 0.764));
        // Floor equal to list margin: the floor price is the list price.
        assert!(close(floor_price_ratio(40.0, 40.0).unwrap(), 1.0));
        // Floor above list margin: the floor price is above list price.
        assert!(floor_price_ratio(30.0, 35.0).unwrap() > 1.0);
        assert_eq!(floor_price_ratio(50.0, 100.0), None);
        // The floor ratio and the safe discount are two views of one number.
        let ratio = floor_price_ratio(55.0, 30.0).unwrap();
        assert!(close(
            (1.0 - ratio) * 100.0,
            up_to(safe_discount_pct(55.0, 30.0))
        ));
    }

    #[test]
    fn price_gap_worked_examples() {
        // Nordics 1.08 against the US 0.95: 0.13 / 0.95 = 13.68%.
        assert!(close(price_gap_pct(1.08, 0.95).unwrap(), 13.684));
        assert!(close(price_gap_pct(0.95, 1.08).unwrap(), 13.684));
        // Equal indexes: no gap.
        assert_eq!(price_gap_pct(1.03, 1.03), Some(0.0));
        assert_eq!(price_gap_pct(0.0, 1.0), None);
    }

    fn step(max: f64, bounded: bool) -> LadderStep {
        LadderStep {
            max_discount_pct: max,
            deal_size_bounded: bounded,
        }
    }

    #[test]
    fn ladder_gaps() {
        // Acme: 10% (up to EUR 50k), 20% (up to EUR 250k), 35% (any size) for 35%.
        let acme = [step(10.0, true), step(20.0, true), step(35.0, false)];
        assert_eq!(ladder_gap(&acme, 35.0), LadderGap::None);
        // The ladder stops at 20% while a category allows 25%.
        let short = [step(10.0, false), step(20.0, false)];
        assert_eq!(
            ladder_gap(&short, 25.0),
            LadderGap::AllDeals {
                from: 20.0,
                to: 25.0
            }
        );
        // Only a deal-size-bounded step reaches the top.
        let bounded = [step(10.0, false), step(30.0, true)];
        assert_eq!(
            ladder_gap(&bounded, 30.0),
            LadderGap::LargeDeals {
                from: 10.0,
                to: 30.0
            }
        );
        // No steps at all: nothing has an approver.
        assert_eq!(
            ladder_gap(&[], 15.0),
            LadderGap::AllDeals {
                from: 0.0,
                to: 15.0
            }
        );
        // A ladder reaching beyond the policy's highest discount is fine.
        assert_eq!(ladder_gap(&[step(50.0, false)], 35.0), LadderGap::None);
    }

    #[test]
    fn not_increasing_finds_steps_that_do_not_rise() {
        assert!(not_increasing(&[10.0, 20.0, 35.0]).is_empty());
        assert!(not_increasing(&[]).is_empty());
        assert!(not_increasing(&[5.0]).is_empty());
        assert_eq!(not_increasing(&[10.0, 10.0]), vec![(1, 0)]);
        assert_eq!(not_increasing(&[10.0, 30.0, 20.0, 35.0]), vec![(2, 1)]);
        // 25 rises above 20 but not above 30, the highest earlier step.
        assert_eq!(
            not_increasing(&[10.0, 30.0, 20.0, 25.0]),
            vec![(2, 1), (3, 1)]
        );
        assert_eq!(not_increasing(&[30.0, 20.0, 10.0]), vec![(1, 0), (2, 0)]);
    }
}
