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

/// A plain number with at most `decimals` decimals and no trailing zeros:
/// `35.7`, `100`, `0.85`.
pub fn plain(value: f64, decimals: usize) -> String {
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
    format!("{sign}{}{suffix}", plain(scaled, decimals))
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
        assert_eq!(pct(35.714), "35.7%");
        assert_eq!(pct(100.0), "100%");
        assert_eq!(pct(99.5), "99.5%");
        assert_eq!(money(1_234_567.0, "EUR"), "EUR 1.2M");
        assert_eq!(money(350_000.0, "USD"), "USD 350k");
        assert_eq!(money(950.0, "GBP"), "GBP 950");
        assert_eq!(compact(-2_100_000_000.0), "-2.1B");
        assert_eq!(in_unit(45.5, "currency:EUR"), "EUR 45.5");
        assert_eq!(in_unit(3.0, "ratio"), "3");
    }

    #[test]
    fn tolerant_comparisons() {
        assert!(approx_eq(33.3 + 33.3 + 33.4, 100.0));
        assert!(!greater(100.0000000001, 100.0));
        assert!(greater(100.1, 100.0));
        assert!(less(99.0, 100.0));
    }
}
