//! Value types shared by every kind: periods, dates, percentages, money and
//! references. Their formats are checked after schema validation so that a
//! wrong value is reported as `malformed-value` with the exact expectation.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

/// A period: a year (`2027`), a quarter (`2027-Q1`) or a month (`2027-03`).
/// Authors write years unquoted, so an integer is accepted too.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Period(pub String);

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Str(String),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Int(year) => Period(year.to_string()),
            Raw::Str(s) => Period(s),
        })
    }
}

/// The written forms of a period, for editors: `Period::range` checks the
/// same forms (and stratc reports a bad one as `malformed-value`, with the
/// three forms as the fix, instead of through this pattern).
pub const PERIOD_PATTERN: &str = "^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$";

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A period: a year (2027), a quarter (2027-Q1) or a month (2027-03).",
            "type": ["string", "integer"],
            "pattern": PERIOD_PATTERN
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The calendar span of a period, as inclusive ISO dates, for comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeriodRange {
    pub first: Date,
    pub last: Date,
}

impl Period {
    /// Parses the period; `None` when it is not one of the three forms.
    pub fn range(&self) -> Option<PeriodRange> {
        let s = self.0.as_str();
        let year: i32 = s.get(..4)?.parse().ok()?;
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Some(PeriodRange {
                first: Date::ymd(year, 1, 1),
                last: Date::ymd(year, 12, 31),
            });
        }
        let rest = s.get(4..)?;
        if let Some(q) = rest.strip_prefix("-Q") {
            let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            if rest.len() != 3 {
                return None;
            }
            let first_month = (q - 1) * 3 + 1;
            return Some(PeriodRange {
                first: Date::ymd(year, first_month, 1),
                last: Date::ymd(year, first_month + 2, days_in_month(year, first_month + 2)),
            });
        }
        if let Some(m) = rest.strip_prefix('-') {
            if m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            return Some(PeriodRange {
                first: Date::ymd(year, m, 1),
                last: Date::ymd(year, m, days_in_month(year, m)),
            });
        }
        None
    }
}

/// A calendar date, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    pub const fn ymd(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Parses an ISO `YYYY-MM-DD` date, rejecting impossible days.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s[..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An ISO date as written in YAML (`2027-03-31`); checked by `malformed-value`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateText(pub String);

impl DateText {
    pub fn date(&self) -> Option<Date> {
        Date::parse(&self.0)
    }
}

impl JsonSchema for DateText {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO date, e.g. 2027-03-31.",
            "type": "string",
            "format": "date"
        })
    }
}

/// A percentage from 0 to 100 (fields ending in `_pct`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pct(pub f64);

impl JsonSchema for Pct {
    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A percentage from 0 to 100.",
            "type": "number",
            "minimum": 0,
            "maximum": 100
        })
    }
}

/// An amount of money in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount, in units of the currency (not cents).
    pub amount: f64,
    /// ISO 4217 currency code, e.g. `EUR`.
    pub currency: String,
}

/// Active ISO 4217 currency codes, for `malformed-value`.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB \
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY \
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR \
MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF \
SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD \
TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && ISO_4217.split(' ').any(|c| c == code)
}

/// Document ids: kebab-case, lower-case letters and digits.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Decision ids may also use dots to group areas, e.g. `pricing.exception`.
pub fn is_valid_decision_id(id: &str) -> bool {
    !id.is_empty() && id.split('.').all(is_valid_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_in_three_forms() {
        let q = Period("2027-Q1".into()).range().unwrap();
        assert_eq!(
            (q.first, q.last),
            (Date::ymd(2027, 1, 1), Date::ymd(2027, 3, 31))
        );
        let m = Period("2028-02".into()).range().unwrap();
        assert_eq!(m.last, Date::ymd(2028, 2, 29));
        assert_eq!(
            Period("2027".into()).range().unwrap().last,
            Date::ymd(2027, 12, 31)
        );
        for bad in ["27", "2027-Q5", "2027-13", "2027-1", "2027Q1", "next year"] {
            assert!(Period(bad.into()).range().is_none(), "{bad}");
        }
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for d in [
            Date::ymd(1970, 1, 1),
            Date::ymd(2024, 2, 29),
            Date::ymd(2027, 12, 31),
        ] {
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
        assert_eq!(Date::ymd(2027, 3, 1).add_days(-1), Date::ymd(2027, 2, 28));
        assert!(Date::parse("2027-02-30").is_none());
        assert!(Date::parse("2027-3-01").is_none());
    }

    #[test]
    fn ids_and_currencies() {
        assert!(is_valid_id("eu-dtc-2027"));
        assert!(!is_valid_id("EU_dtc"));
        assert!(!is_valid_id("-x"));
        assert!(is_valid_decision_id("pricing.exception"));
        assert!(!is_valid_decision_id("pricing..exception"));
        assert!(is_currency_code("EUR"));
        assert!(!is_currency_code("EURO"));
        assert!(!is_currency_code("XXY"));
    }
}
