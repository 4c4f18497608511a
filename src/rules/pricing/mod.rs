//! The pricing rules (SPEC section 4, "Pricing"): discount approval ladders,
//! margin floors, minimum advertised prices, geographic price gaps,
//! promotions, subscriptions and the price waterfall. The formulas live in
//! `math`, beside their worked examples.

pub mod math;

use crate::numbers::plain;

/// Two percentages formatted so that different values never read the same:
/// one decimal as usual (`35.7%`), more only when one decimal would hide the
/// difference (`28.6%` against `28.571%`).
pub(crate) fn pct_pair(a: f64, b: f64) -> (String, String) {
    let (a, b) = plain_pair(a, b, 1);
    (format!("{a}%"), format!("{b}%"))
}

/// Two plain numbers with `decimals` decimals, or more (up to 6) when that
/// many would make different values read the same.
pub(crate) fn plain_pair(a: f64, b: f64, decimals: usize) -> (String, String) {
    let mut decimals = decimals;
    while decimals < 6 && a != b && plain(a, decimals) == plain(b, decimals) {
        decimals += 1;
    }
    (plain(a, decimals), plain(b, decimals))
}

/// A price index or price ratio as finance writes it: at least two
/// decimals (`1.00`, `0.95`, `0.764`).
pub(crate) fn ratio_text(value: f64) -> String {
    pad_decimals(plain(value, 4))
}

/// Pads a plain number to at least two decimals: `1` → `1.00`, `0.8` → `0.80`.
pub(crate) fn pad_decimals(text: String) -> String {
    match text.split_once('.') {
        None => format!("{text}.00"),
        Some((_, decimals)) if decimals.len() == 1 => format!("{text}0"),
        Some(_) => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pct_pairs_stay_distinct() {
        assert_eq!(pct_pair(30.0, 250.0 / 7.0), ("30%".into(), "35.7%".into()));
        assert_eq!(
            pct_pair(28.6, 200.0 / 7.0),
            ("28.6%".into(), "28.57%".into())
        );
        assert_eq!(pct_pair(20.0, 20.0), ("20%".into(), "20%".into()));
        assert_eq!(
            plain_pair(0.7639, 0.764, 3),
            ("0.7639".into(), "0.764".into())
        );
        assert_eq!(
            plain_pair(0.7, 0.764_321, 3),
            ("0.7".into(), "0.764".into())
        );
    }

    #[test]
    fn ratios_read_with_two_decimals() {
        for (ratio, text) in [
            (1.0, "1.00"),
            (0.95, "0.95"),
            (0.8, "0.80"),
            (1.125, "1.125"),
        ] {
            assert_eq!(ratio_text(ratio), text);
        }
        assert_eq!(pad_decimals("0.764".into()), "0.764");
    }
}
