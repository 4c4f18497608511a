//! Numbers as finance people write them, and comparisons with a tolerance
//! so that 33.3 + 33.3 + 33.4 sums to 100.

/// Absolute tolerance for percentages and ratios read from YAML.
pub const EPSILON: f64 = 1e-6;

/// `a` and `b` are equal within the tolerance.
pub fn approx_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPSILON * a.abs().max(b.abs()).max(1.0)
}

/// `a` is greater than `b` by more than the tolerance.
pub fn greater(a: f64, b: f64) -> bool {
    a > b && !approx_eq(a, b)
}

/// `a` is less than `b` by more than the tolerance.
pub fn less(a: f64, b: f64) -> bool {
    a < b && !approx_eq(a, b)
}

/// Decimals a number may carry and still be taken as written by hand
/// (`0.15`, `12.375`); more than that is the tail of a computation.
const WRITTEN_DECIMALS: usize = 4;

/// A number as the author wrote it, else rounded to `decimals` decimals
/// without trailing zeros: `0.15`, `100`, `35.7` for 35.714285…. A value
/// from a file is never rounded into another value (`0.15` stays `0.15`,
/// not `0.1`), and a small result keeps its first significant digit
/// (`0.03`, not `0`).
pub fn plain(value: f64, decimals: usize) -> String {
    let shortest = format!("{value}");
    let written = !shortest.contains(['e', 'i', 'N'])
        && shortest
            .split_once('.')
            .is_none_or(|(_, fraction)| fraction.len() <= WRITTEN_DECIMALS.max(decimals));
    if written {
        return if shortest == "-0" {
            "0".to_owned()
        } else {
            shortest
        };
    }
    rounded(value, decimals)
}

/// Rounded to `decimals` decimals (more, up to six, when that would show a
/// non-zero value as zero), without trailing zeros.
fn rounded(value: f64, decimals: usize) -> String {
    let mut decimals = decimals;
    while decimals < 6 && value != 0.0 && value.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
        decimals += 1;
    }
    let mut s = format!("{value:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" { "0".to_owned() } else { s }
}

/// A percentage with one decimal at most: `35.7%`, `100%`.
pub fn pct(value: f64) -> String {
    format!("{}%", plain(value, 1))
}

/// Percentage points of a difference: `5.5 pp`.
pub fn pp(value: f64) -> String {
    format!("{} pp", plain(value, 1))
}

/// A compact amount: `1.2M`, `350k`, `12.5k`, `950`, `2.1B`.
pub fn compact(value: f64) -> String {
    let abs = value.abs();
    let sign = if value < 0.0 { "-" } else { "" };
    let (scaled, suffix) = if abs >= 1e9 {
        (abs / 1e9, "B")
    } else if abs >= 1e6 {
        (abs / 1e6, "M")
    } else if abs >= 1e4 {
        (abs / 1e3, "k")
    } else {
        (abs, "")
    };
    let decimals = if suffix.is_empty() { 2 } else { 1 };
    format!("{sign}{}{suffix}", rounded(scaled, decimals))
}

/// Money: `EUR 1.2M`.
pub fn money(amount: f64, currency: &str) -> String {
    format!("{currency} {}", compact(amount))
}

/// A value in a KPI unit: `EUR 45.5`, `12.5%`, `3.2`, `4 days`.
pub fn in_unit(value: f64, unit: &str) -> String {
    if let Some(code) = unit.strip_prefix("currency:") {
        return money(value, code);
    }
    match unit {
        "percent" => pct(value),
        "days" => format!("{} days", plain(value, 1)),
        "hours" => format!("{} h", plain(value, 1)),
        "count" => compact(value),
        _ => plain(value, 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_finance() {
        assert_eq!(pct(250.0 / 7.0), "35.7%");
        assert_eq!(pct(100.0), "100%");
        assert_eq!(pct(99.5), "99.5%");
        assert_eq!(money(1_234_567.0, "EUR"), "EUR 1.2M");
        assert_eq!(money(350_000.0, "USD"), "USD 350k");
        assert_eq!(money(950.0, "GBP"), "GBP 950");
        assert_eq!(compact(-2_100_000_000.0), "-2.1B");
        assert_eq!(in_unit(45.5, "currency:EUR"), "EUR 45.5");
        assert_eq!(in_unit(3.0, "ratio"), "3");
    }

    /// #17: `max_price_gap_pct: 0.15` read "0.1%", `0.99` read "1%".
    #[test]
    fn numbers_from_files_are_shown_as_written() {
        for (value, text) in [
            (0.15, "0.15%"),
            (0.99, "0.99%"),
            (0.17, "0.17%"),
            (12.375, "12.375%"),
            (100.0 / 7.0, "14.3%"),
            (0.1 + 0.2, "0.3%"),
            (0.000_42, "0.0004%"),
            (-0.0, "0%"),
        ] {
            assert_eq!(pct(value), text, "{value}");
        }
        assert_eq!(compact(12_345.0), "12.3k");
    }

    #[test]
    fn tolerant_comparisons() {
        assert!(approx_eq(33.3 + 33.3 + 33.4, 100.0));
        assert!(!greater(100.0000000001, 100.0));
        assert!(greater(100.1, 100.0));
        assert!(less(99.0, 100.0));
    }
}
