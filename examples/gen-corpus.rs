//! Synthetic strategy-repository generator, for benchmarks and end-to-end tests.
//!
//! ```text
//! cargo run --release --example gen-corpus -- OUT --entities N [--seed S] [--defects K] [--force]
//! ```
//!
//! Writes a realistic strategy repository of N documents (±1%) across every
//! kind, in realistic proportions (few goals, many initiatives), one folder per
//! kind (sharded into subfolders of 1000 files when a kind has more than 2000),
//! about 1% of files holding several documents, a `stratc.yaml` and KPI actuals
//! under `actuals/`. Every reference resolves and the corpus is clean under
//! every rule of SPEC section 4, so `stratc check OUT` reports nothing.
//!
//! `--defects K` injects K known defects (cycling through the kinds in
//! `DEFECT_KINDS`), each in its own file and without secondary findings, and
//! writes `OUT/expected-findings.json`: `[{"rule", "file", "line"}]` sorted by
//! file then line, so a test can assert that every injected defect is found
//! and nothing else is.
//!
//! The output depends only on the arguments: a small SplitMix64 generator
//! drives every choice and no hash-map order is involved. Standard library only.

// Plans cross-reference each other by index; index loops read better here.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

/// SplitMix64: tiny, fast, and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_C0DE_1234_5678)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn word<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn pick_idx(&mut self, xs: &[usize]) -> usize {
        xs[self.below(xs.len())]
    }
    /// `k` distinct values of `pool` (all of them if `k >= pool.len()`), in pool order.
    fn subset(&mut self, pool: &[usize], k: usize) -> Vec<usize> {
        if k >= pool.len() {
            return pool.to_vec();
        }
        let mut chosen: BTreeSet<usize> = BTreeSet::new();
        while chosen.len() < k {
            chosen.insert(self.below(pool.len()));
        }
        chosen.into_iter().map(|i| pool[i]).collect()
    }
    /// A random permutation of `0..n` (Fisher–Yates).
    fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
        v
    }
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn date(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The evaluation date written to `stratc.yaml`.
fn as_of() -> i64 {
    days_from_civil(2027, 7, 1)
}

// ---------------------------------------------------------------------------
// YAML text
// ---------------------------------------------------------------------------

/// A YAML document being written, with its line count for defect positions.
#[derive(Default)]
struct Y {
    s: String,
}

impl Y {
    /// The 1-based number of the line the next `line()` call writes.
    fn here(&self) -> usize {
        self.s.bytes().filter(|&b| b == b'\n').count() + 1
    }
    fn line(&mut self, text: &str) {
        self.s.push_str(text);
        self.s.push('\n');
    }
    fn kv(&mut self, indent: usize, key: &str, value: &str) {
        for _ in 0..indent {
            self.s.push(' ');
        }
        self.s.push_str(key);
        self.s.push_str(": ");
        self.s.push_str(value);
        self.s.push('\n');
    }
    /// A folded block scalar wrapped at ~78 columns.
    fn folded(&mut self, indent: usize, key: &str, text: &str) {
        let pad = " ".repeat(indent + 2);
        let _ = writeln!(self.s, "{}{key}: >-", " ".repeat(indent));
        let mut cur = String::new();
        for word in text.split_whitespace() {
            if !cur.is_empty() && pad.len() + cur.len() + 1 + word.len() > 78 {
                let _ = writeln!(self.s, "{pad}{cur}");
                cur.clear();
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        if !cur.is_empty() {
            let _ = writeln!(self.s, "{pad}{cur}");
        }
    }
    fn list_block(&mut self, indent: usize, key: &str, items: &[String]) {
        let _ = writeln!(self.s, "{}{key}:", " ".repeat(indent));
        for it in items {
            let _ = writeln!(self.s, "{}  - {it}", " ".repeat(indent));
        }
    }
}

/// A string as a YAML scalar: plain when that reads back as the same string, else double-quoted.
fn sc(s: &str) -> String {
    let first_ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '(' || c == '$' || c == '+');
    let body_ok = s.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '-' | '.' | ',' | '/' | '(' | ')' | '+' | '%' | '$' | '&' | '\'' | '—' | '_'
            )
    });
    let lower = s.to_ascii_lowercase();
    let special = matches!(
        lower.as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
    ) || s.parse::<f64>().is_ok()
        || s.ends_with(' ');
    if first_ok && body_ok && !special {
        s.to_string()
    } else {
        let mut q = String::with_capacity(s.len() + 2);
        q.push('"');
        for c in s.chars() {
            match c {
                '"' => q.push_str("\\\""),
                '\\' => q.push_str("\\\\"),
                _ => q.push(c),
            }
        }
        q.push('"');
        q
    }
}

fn flow(items: &[String]) -> String {
    let mut s = String::from("[");
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(it);
    }
    s.push(']');
    s
}

/// The text with its first letter in upper case.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A number without a useless fractional part: `15`, `15.5`, `0.85`.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The fields every kind shares: kind, id, title, owner, tags, description.
fn header(
    y: &mut Y,
    kind: &str,
    id: &str,
    title: &str,
    owner: Option<&str>,
    tags: &[&str],
    desc: &str,
) {
    y.kv(0, "kind", kind);
    y.kv(0, "id", id);
    y.kv(0, "title", &sc(title));
    if let Some(o) = owner {
        y.kv(0, "owner", o);
    }
    if !tags.is_empty() {
        let t: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        y.kv(0, "tags", &flow(&t));
    }
    y.folded(0, "description", desc);
}

fn links(y: &mut Y, rng: &mut Rng, id: &str, what: &str) {
    if rng.chance(0.25) {
        y.line("links:");
        y.kv(2, "- title", &sc(what));
        y.kv(4, "url", &format!("https://wiki.example.com/strategy/{id}"));
    }
}

// ---------------------------------------------------------------------------
// Word banks
// ---------------------------------------------------------------------------

/// id, name, currency, region, privacy regime, longest retention (days).
const MARKETS: &[(&str, &str, &str, &str, &str, u32)] = &[
    ("germany", "Germany", "EUR", "eu", "gdpr", 1095),
    ("france", "France", "EUR", "eu", "gdpr", 1095),
    (
        "united-kingdom",
        "United Kingdom",
        "GBP",
        "europe",
        "uk-gdpr",
        1095,
    ),
    (
        "united-states",
        "United States",
        "USD",
        "north-america",
        "ccpa",
        1825,
    ),
    ("netherlands", "Netherlands", "EUR", "eu", "gdpr", 1095),
    ("spain", "Spain", "EUR", "eu", "gdpr", 1095),
    ("italy", "Italy", "EUR", "eu", "gdpr", 1095),
    ("canada", "Canada", "CAD", "north-america", "pipeda", 1825),
    ("japan", "Japan", "JPY", "apac", "appi", 1825),
    ("australia", "Australia", "AUD", "apac", "privacy-act", 1825),
    ("austria", "Austria", "EUR", "eu", "gdpr", 1095),
    ("switzerland", "Switzerland", "CHF", "europe", "fadp", 1095),
    ("belgium", "Belgium", "EUR", "eu", "gdpr", 1095),
    ("sweden", "Sweden", "SEK", "eu", "gdpr", 1095),
    ("poland", "Poland", "PLN", "eu", "gdpr", 1095),
    ("brazil", "Brazil", "BRL", "latam", "lgpd", 1825),
    ("mexico", "Mexico", "MXN", "latam", "lfpdppp", 1825),
    ("denmark", "Denmark", "DKK", "eu", "gdpr", 1095),
    ("norway", "Norway", "NOK", "europe", "gdpr", 1095),
    ("finland", "Finland", "EUR", "eu", "gdpr", 1095),
    ("ireland", "Ireland", "EUR", "eu", "gdpr", 1095),
    ("portugal", "Portugal", "EUR", "eu", "gdpr", 1095),
    ("czechia", "Czechia", "CZK", "eu", "gdpr", 1095),
    ("south-korea", "South Korea", "KRW", "apac", "pipa", 1095),
    ("singapore", "Singapore", "SGD", "apac", "pdpa", 1825),
    ("india", "India", "INR", "apac", "dpdp", 1825),
    ("china", "China", "CNY", "apac", "pipl", 1095),
    (
        "united-arab-emirates",
        "United Arab Emirates",
        "AED",
        "mea",
        "pdpl",
        1825,
    ),
    ("saudi-arabia", "Saudi Arabia", "SAR", "mea", "pdpl", 1825),
    ("south-africa", "South Africa", "ZAR", "mea", "popia", 1825),
    ("turkey", "Turkey", "TRY", "mea", "kvkk", 1095),
    ("israel", "Israel", "ILS", "mea", "ppl", 1825),
    (
        "new-zealand",
        "New Zealand",
        "NZD",
        "apac",
        "privacy-act",
        1825,
    ),
    ("chile", "Chile", "CLP", "latam", "ppa", 1825),
    ("colombia", "Colombia", "COP", "latam", "habeas-data", 1825),
    ("argentina", "Argentina", "ARS", "latam", "pdpa", 1825),
    ("peru", "Peru", "PEN", "latam", "pdpl", 1825),
    ("hungary", "Hungary", "HUF", "eu", "gdpr", 1095),
    ("romania", "Romania", "RON", "eu", "gdpr", 1095),
    ("greece", "Greece", "EUR", "eu", "gdpr", 1095),
    ("croatia", "Croatia", "EUR", "eu", "gdpr", 1095),
    ("slovakia", "Slovakia", "EUR", "eu", "gdpr", 1095),
    ("slovenia", "Slovenia", "EUR", "eu", "gdpr", 1095),
    ("thailand", "Thailand", "THB", "apac", "pdpa", 1825),
    ("vietnam", "Vietnam", "VND", "apac", "pdpd", 1825),
    ("indonesia", "Indonesia", "IDR", "apac", "pdp", 1825),
    ("malaysia", "Malaysia", "MYR", "apac", "pdpa", 1825),
    ("philippines", "Philippines", "PHP", "apac", "dpa", 1825),
    ("morocco", "Morocco", "MAD", "mea", "law-09-08", 1825),
    ("kenya", "Kenya", "KES", "mea", "dpa", 1825),
];

/// Department, its chief's title, and its sub-areas.
const DEPARTMENTS: &[(&str, &str, &[&str])] = &[
    ("executive", "Chief Executive Officer", &["Strategy Office"]),
    (
        "commerce",
        "Chief Commercial Officer",
        &[
            "E-commerce",
            "Category Management",
            "Merchandising",
            "Trading",
            "Assortment",
        ],
    ),
    (
        "marketing",
        "Chief Marketing Officer",
        &[
            "Brand",
            "Performance Marketing",
            "CRM",
            "Loyalty",
            "Content",
            "Promotions",
        ],
    ),
    (
        "finance",
        "Chief Financial Officer",
        &["FP&A", "Controlling", "Treasury", "Commercial Finance"],
    ),
    (
        "operations",
        "Chief Operating Officer",
        &[
            "Fulfilment",
            "Logistics",
            "Customer Service",
            "Returns",
            "Supply Planning",
        ],
    ),
    (
        "pricing",
        "VP Pricing",
        &[
            "Pricing",
            "Revenue Management",
            "Price Analytics",
            "Promotions Pricing",
        ],
    ),
    (
        "sales",
        "Chief Revenue Officer",
        &["Key Accounts", "B2B Sales", "Wholesale", "Inside Sales"],
    ),
    (
        "partnerships",
        "VP Partnerships",
        &[
            "Marketplaces",
            "Retail Partners",
            "Distribution",
            "Partner Success",
        ],
    ),
    (
        "data",
        "Chief Data Officer",
        &["Data Governance", "Analytics", "Data Platform", "Privacy"],
    ),
    (
        "people",
        "Chief People Officer",
        &["Talent", "Learning", "Reward", "HR Business Partnering"],
    ),
    (
        "sustainability",
        "Chief Sustainability Officer",
        &["Packaging", "Climate", "Responsible Sourcing"],
    ),
    (
        "technology",
        "Chief Technology Officer",
        &["Platform Engineering", "Checkout", "Search", "Integrations"],
    ),
    (
        "strategy",
        "Chief Strategy Officer",
        &[
            "Corporate Development",
            "Market Entry",
            "Strategic Planning",
        ],
    ),
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Chloe", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kaito",
    "Laura", "Mateo", "Nora", "Omar", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Amara", "Lukas", "Mei", "Noah", "Sofia", "Arjun", "Lea",
    "Tomás", "Hana", "Oscar",
];
const LAST_NAMES: &[&str] = &[
    "Schmidt",
    "Martin",
    "Rossi",
    "Garcia",
    "Novak",
    "Jansen",
    "Dubois",
    "Silva",
    "Kowalski",
    "Nielsen",
    "Tanaka",
    "Kim",
    "Patel",
    "Okafor",
    "Haddad",
    "Cohen",
    "Andersson",
    "Murphy",
    "Costa",
    "Müller",
    "Lambert",
    "Ferreira",
    "Yilmaz",
    "Nguyen",
    "Santos",
    "Horvat",
    "Virtanen",
    "Byrne",
    "Moreau",
    "Fischer",
    "Chen",
    "Singh",
];

const PRODUCT_CATEGORIES: &[&str] = &[
    "apparel",
    "footwear",
    "accessories",
    "beauty",
    "home",
    "electronics",
    "outdoor",
    "kids",
    "sports",
    "grocery",
    "pet",
    "garden",
    "toys",
    "jewellery",
    "watches",
    "furniture",
];

const PARTNERS: &[(&str, &str)] = &[
    ("Zalando", "marketplace"),
    ("Amazon", "marketplace"),
    ("Otto", "marketplace"),
    ("Bol", "marketplace"),
    ("Cdiscount", "marketplace"),
    ("Allegro", "marketplace"),
    ("Mercado Libre", "marketplace"),
    ("Rakuten", "marketplace"),
    ("Tmall", "marketplace"),
    ("Flipkart", "marketplace"),
    ("Noon", "marketplace"),
    ("Lazada", "marketplace"),
    ("Coupang", "marketplace"),
    ("Walmart", "retail_partner"),
    ("Target", "retail_partner"),
    ("John Lewis", "retail_partner"),
    ("El Corte Ingles", "retail_partner"),
    ("Galeries Lafayette", "retail_partner"),
    ("Myer", "retail_partner"),
    ("Coop", "retail_partner"),
    ("Media Markt", "retail_partner"),
    ("Fnac", "retail_partner"),
    ("Nordic Trade", "reseller"),
    ("Alpine Retail Group", "reseller"),
    ("Pacific Brands Network", "reseller"),
    ("Meridian Wholesale", "distributor"),
    ("Atlas Distribution", "distributor"),
    ("Southern Cross Supply", "distributor"),
    ("Crescent Trading", "distributor"),
];

/// Metric name, unit kind, direction, category, baseline range.
const METRICS: &[(&str, &str, &str, &str, f64, f64)] = &[
    (
        "Customer acquisition cost",
        "currency",
        "lower_is_better",
        "customer",
        20.0,
        120.0,
    ),
    (
        "Customer lifetime value",
        "currency",
        "higher_is_better",
        "customer",
        150.0,
        900.0,
    ),
    (
        "Conversion rate",
        "percent",
        "higher_is_better",
        "customer",
        1.5,
        6.0,
    ),
    (
        "Average order value",
        "currency",
        "higher_is_better",
        "financial",
        40.0,
        180.0,
    ),
    (
        "Gross margin",
        "percent",
        "higher_is_better",
        "financial",
        35.0,
        62.0,
    ),
    (
        "Net revenue",
        "currency",
        "higher_is_better",
        "financial",
        1.0e6,
        5.0e7,
    ),
    (
        "Market share",
        "percent",
        "higher_is_better",
        "market",
        2.0,
        30.0,
    ),
    (
        "Customer satisfaction score",
        "percent",
        "higher_is_better",
        "customer",
        70.0,
        90.0,
    ),
    (
        "Return rate",
        "percent",
        "lower_is_better",
        "operational",
        5.0,
        30.0,
    ),
    (
        "On-time delivery",
        "percent",
        "higher_is_better",
        "operational",
        88.0,
        96.0,
    ),
    (
        "Order lead time",
        "days",
        "lower_is_better",
        "operational",
        1.0,
        6.0,
    ),
    (
        "Service response time",
        "hours",
        "lower_is_better",
        "customer",
        2.0,
        24.0,
    ),
    (
        "Active customers",
        "count",
        "higher_is_better",
        "customer",
        10_000.0,
        500_000.0,
    ),
    (
        "Repeat purchase rate",
        "percent",
        "higher_is_better",
        "customer",
        15.0,
        45.0,
    ),
    (
        "Emissions per order",
        "ratio",
        "lower_is_better",
        "esg",
        1.0,
        5.0,
    ),
    (
        "Recycled packaging share",
        "percent",
        "higher_is_better",
        "esg",
        30.0,
        85.0,
    ),
    (
        "Employee engagement",
        "percent",
        "higher_is_better",
        "people",
        60.0,
        82.0,
    ),
    (
        "Regretted attrition",
        "percent",
        "lower_is_better",
        "people",
        3.0,
        12.0,
    ),
    (
        "Promotional share of revenue",
        "percent",
        "lower_is_better",
        "financial",
        10.0,
        35.0,
    ),
    (
        "Inventory turnover",
        "ratio",
        "higher_is_better",
        "operational",
        3.0,
        9.0,
    ),
    (
        "Marketing return on spend",
        "ratio",
        "higher_is_better",
        "financial",
        2.0,
        6.0,
    ),
    (
        "Basket abandonment rate",
        "percent",
        "lower_is_better",
        "customer",
        55.0,
        78.0,
    ),
];

const SEGMENTS: &[(&str, &str, &str)] = &[
    (
        "Value-seeking families",
        "demographic",
        "Households with children under 12 who buy mostly on promotion",
    ),
    (
        "Urban young professionals",
        "demographic",
        "Customers aged 25 to 34 in metropolitan postcodes",
    ),
    (
        "Lapsed loyalty members",
        "behavioral",
        "Loyalty members without a purchase in the last 12 months",
    ),
    (
        "High-value repeat buyers",
        "behavioral",
        "Top decile by 24-month net revenue with three or more orders",
    ),
    (
        "First-time app shoppers",
        "behavioral",
        "Customers whose first order was placed in the mobile app",
    ),
    (
        "Mid-market B2B buyers",
        "firmographic",
        "Companies with 50 to 500 employees buying on account",
    ),
    (
        "Enterprise procurement",
        "firmographic",
        "Framework-agreement customers with central procurement",
    ),
    (
        "Rural click-and-collect",
        "geographic",
        "Customers more than 30 km from a store who choose collection",
    ),
    (
        "Sustainability-minded",
        "psychographic",
        "Customers who filter by certified materials or repair services",
    ),
    (
        "Gift shoppers",
        "behavioral",
        "Orders with gift wrapping or a delivery address other than billing",
    ),
    (
        "Premium trend followers",
        "psychographic",
        "Early buyers of new collections at full price",
    ),
    (
        "Students",
        "demographic",
        "Verified students using the education discount",
    ),
];

const CAPABILITIES: &[&str] = &[
    "real-time inventory visibility",
    "a customer data platform",
    "dynamic pricing",
    "marketplace feed automation",
    "returns prediction",
    "same-day delivery",
    "a loyalty app",
    "store-to-door fulfilment",
    "B2B self-service ordering",
    "headless checkout",
    "price monitoring",
    "demand forecasting",
    "product information management",
    "a partner portal",
    "personalised search",
    "carbon accounting",
];

const ESG_ACTIONS: &[&str] = &[
    "Cut packaging waste",
    "Switch last-mile delivery to electric vans",
    "Introduce a repair and resale service",
    "Source certified cotton",
    "Consolidate shipments",
    "Move warehouses to renewable power",
    "Launch a take-back scheme",
];

const PLAYBOOK_STEPS: &[&str] = &[
    "Confirm the deviation with finance",
    "Convene the commercial steering group",
    "Review pricing and promotions",
    "Reforecast the quarter",
    "Check partner service levels",
    "Pause non-essential spend",
    "Brief the executive team",
    "Agree corrective actions and owners",
    "Communicate to partners",
    "Review assortment and availability",
    "Re-run demand forecast",
    "Publish a post-mortem",
];

// ---------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------

const DEFECT_KINDS: &[&str] = &[
    "dangling-reference",
    "duplicate-id",
    "schema-violation",
    "discount-above-policy",
    "yaml-syntax",
    "duplicate-key",
    "budget-shares-not-100",
    "kpi-without-target",
    "objective-supports-nothing",
];

/// A defect planted on an initiative.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InitDefect {
    None,
    Dangling,
    Schema,
    Discount,
    /// Unquoted colon in the title.
    SyntaxColon,
    /// Unclosed `[` on the last line.
    SyntaxBracket,
    DupKey,
    /// Not a defect: a discount above policy covered by an approved Exception.
    Excepted(usize),
}

struct Counts {
    goals: usize,
    objectives: usize,
    kpis: usize,
    initiatives: usize,
    roles: usize,
    decision_rights: usize,
    markets: usize,
    channels: usize,
    segments: usize,
    budgets: usize,
    scorecards: usize,
    triggers: usize,
    playbooks: usize,
    pricing: usize,
    stage_gates: usize,
    exceptions: usize,
    data_policies: usize,
}

impl Counts {
    fn new(n: usize) -> Counts {
        let markets = (n / 200).clamp(3, 50);
        let rest = n.saturating_sub(markets + 1) as f64;
        let total_w = 79.9;
        let c = |w: f64, min: usize| ((rest * w / total_w).round() as usize).max(min);
        let mut k = Counts {
            goals: c(0.2, 1),
            objectives: 0,
            kpis: c(8.0, 4),
            initiatives: 0,
            roles: c(8.0, DEPARTMENTS.len() + 6),
            decision_rights: c(0.5, 1),
            markets,
            channels: c(5.0, markets),
            segments: c(5.0, 4),
            budgets: c(2.0, 1),
            scorecards: c(1.0, 1),
            triggers: c(2.0, 1),
            playbooks: c(2.0, 1),
            pricing: c(0.5, 1),
            stage_gates: c(0.1, 1),
            exceptions: c(0.5, 1),
            data_policies: c(0.1, 1),
        };
        k.objectives = c(5.0, 2 * k.goals + 2);
        let others = k.goals
            + k.objectives
            + k.kpis
            + k.roles
            + k.decision_rights
            + k.markets
            + k.channels
            + k.segments
            + k.budgets
            + k.scorecards
            + k.triggers
            + k.playbooks
            + k.pricing
            + k.stage_gates
            + k.exceptions
            + k.data_policies
            + 1;
        k.initiatives = n.saturating_sub(others).max(k.exceptions + 10);
        k
    }
}

struct RolePlan {
    id: String,
    dept: usize,
    depth: usize,
    title: String,
    critical: bool,
}

struct Category {
    id: String,
    max_discount: f64,
}

struct PolicyPlan {
    id: String,
    markets: Vec<usize>,
    categories: Vec<Category>,
    decision: String,
    approvers: [usize; 3],
}

struct KpiPlan {
    id: String,
    metric: usize,
    scope: String,
    currency: &'static str,
    base: f64,
    sampled: bool,
    defect: bool,
}

impl KpiPlan {
    fn higher(&self) -> bool {
        METRICS[self.metric].2 == "higher_is_better"
    }
    fn unit(&self) -> String {
        match METRICS[self.metric].1 {
            "currency" => format!("currency:{}", self.currency),
            u => u.to_string(),
        }
    }
    fn title(&self) -> String {
        format!("{} — {}", METRICS[self.metric].0, self.scope)
    }
    fn round(&self, x: f64) -> f64 {
        if METRICS[self.metric].1 == "count" || x > 10_000.0 {
            x.round()
        } else {
            round2(x)
        }
    }
    /// The target of quarter `q` (0 = 2026-Q3); 8 = the 2028 yearly target.
    fn target(&self, q: usize) -> f64 {
        let step = if self.higher() { 1.01f64 } else { 0.99 };
        self.round(self.base * step.powi(q as i32))
    }
}

const QUARTERS: &[&str] = &[
    "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4",
];
const ACTUAL_QUARTERS: usize = 4;

struct ObjectivePlan {
    id: String,
    title: String,
    category: &'static str,
    markets: Vec<usize>,
    kpis: Vec<usize>,
    supports: Vec<String>,
    defect: bool,
}

/// One generated document.
struct Doc {
    dir: &'static str,
    /// File name without `.yaml` when the document starts a file.
    stem: String,
    /// Position within its kind, for sharding.
    index: usize,
    text: String,
    /// Must be alone in its file.
    single: bool,
    /// Expected findings: (rule, 1-based line within the document).
    findings: Vec<(&'static str, usize)>,
}

struct Gen {
    rng: Rng,
    k: Counts,
    roles: Vec<RolePlan>,
    roles_by_dept: Vec<Vec<usize>>,
    segs_reserved: Vec<usize>,
    segs_open: Vec<usize>,
    channels_by_market: Vec<Vec<usize>>,
    channel_ids: Vec<String>,
    channel_titles: Vec<String>,
    policies: Vec<PolicyPlan>,
    policies_by_market: Vec<Vec<usize>>,
    kpis: Vec<KpiPlan>,
    objectives: Vec<ObjectivePlan>,
    docs: Vec<Doc>,
}

fn mid(prefix: &str, i: usize) -> String {
    format!("{prefix}-{i:06}")
}

impl Gen {
    fn role_id(&self, i: usize) -> &str {
        &self.roles[i].id
    }
    /// A role of the department (by name), or any role.
    fn role_in(&mut self, dept: &str) -> String {
        let d = DEPARTMENTS.iter().position(|x| x.0 == dept).unwrap_or(0);
        let pool = &self.roles_by_dept[d];
        let i = if pool.is_empty() {
            self.rng.below(self.roles.len())
        } else {
            pool[self.rng.below(pool.len())]
        };
        self.roles[i].id.clone()
    }
    fn any_role(&mut self) -> String {
        let i = self.rng.below(self.roles.len());
        self.roles[i].id.clone()
    }
    fn push(
        &mut self,
        dir: &'static str,
        stem: String,
        index: usize,
        y: Y,
        single: bool,
        findings: Vec<(&'static str, usize)>,
    ) {
        self.docs.push(Doc {
            dir,
            stem,
            index,
            text: y.s,
            single,
            findings,
        });
    }
    fn market_names(&self, ms: &[usize]) -> String {
        let names: Vec<&str> = ms.iter().map(|&m| MARKETS[m].1).collect();
        match names.len() {
            0 => "all markets".into(),
            1 => names[0].into(),
            _ => format!(
                "{} and {}",
                names[..names.len() - 1].join(", "),
                names[names.len() - 1]
            ),
        }
    }
    fn market_ids(&self, ms: &[usize]) -> Vec<String> {
        ms.iter().map(|&m| MARKETS[m].0.to_string()).collect()
    }

    // -- roles ---------------------------------------------------------------

    fn plan_roles(&mut self) {
        let n = self.k.roles;
        self.roles_by_dept = vec![Vec::new(); DEPARTMENTS.len()];
        let mut parent = vec![usize::MAX; n];
        for i in 0..n {
            let (dept, depth, p) = if i < DEPARTMENTS.len() {
                (
                    i,
                    if i == 0 { 0 } else { 1 },
                    if i == 0 { usize::MAX } else { 0 },
                )
            } else {
                // Random recursive tree below the chiefs: shallow and bushy, like an org chart.
                let p = 1 + self.rng.below(i - 1);
                (self.roles[p].dept, self.roles[p].depth + 1, p)
            };
            parent[i] = p;
            let (_, chief, areas) = DEPARTMENTS[dept];
            let area = self.rng.word(areas);
            let title = match depth {
                0 | 1 => chief.to_string(),
                2 => format!("Head of {area}"),
                3 => format!("{area} Director"),
                4 => format!("{area} Manager"),
                _ => format!(
                    "{area} {}",
                    self.rng.pick(&["Lead", "Specialist", "Analyst", "Partner"])
                ),
            };
            let critical =
                depth <= 1 || (depth == 2 && self.rng.chance(0.3)) || self.rng.chance(0.03);
            self.roles.push(RolePlan {
                id: mid("r", i),
                dept,
                depth,
                title,
                critical,
            });
            self.roles_by_dept[dept].push(i);
        }
        let non_critical: Vec<usize> = (0..n).filter(|&i| !self.roles[i].critical).collect();
        for i in 0..n {
            let r = &self.roles[i];
            let (dept, depth, critical) = (r.dept, r.depth, r.critical);
            let mut y = Y::default();
            let first = self.rng.word(FIRST_NAMES);
            let last = self.rng.word(LAST_NAMES);
            let dname = DEPARTMENTS[dept].0;
            let desc = format!(
                "{} in the {} department. Owns the plans, budgets and decisions delegated to this level and \
                 reports progress in the monthly business review{}.",
                self.roles[i].title,
                dname,
                if critical {
                    "; a critical role with named successors"
                } else {
                    ""
                }
            );
            let title = self.roles[i].title.clone();
            header(
                &mut y,
                "Role",
                &self.roles[i].id.clone(),
                &title,
                None,
                &[dname],
                &desc,
            );
            if parent[i] != usize::MAX {
                y.kv(0, "reports_to", self.role_id(parent[i]));
            }
            y.kv(0, "department", dname);
            y.kv(0, "holder", &sc(&format!("{first} {last}")));
            if depth <= 3 || self.rng.chance(0.3) {
                y.kv(0, "github", &format!("\"@example-retail/{dname}-{i}\""));
            }
            if critical {
                y.kv(0, "critical", "true");
                // Successors are never critical themselves, so succession never cycles.
                let k = 1 + self.rng.below(2);
                let succ: Vec<String> = if non_critical.is_empty() {
                    Vec::new()
                } else {
                    let picked = self.rng.subset(&non_critical, k);
                    picked.iter().map(|&s| self.roles[s].id.clone()).collect()
                };
                y.kv(0, "successors", &flow(&succ));
            }
            let id = self.roles[i].id.clone();
            self.push("roles", id, i, y, false, vec![]);
        }
    }

    // -- markets -------------------------------------------------------------

    fn gen_markets(&mut self) {
        for m in 0..self.k.markets {
            let (id, name, cur, region, privacy, retention) = MARKETS[m];
            let mut y = Y::default();
            let owner = self.role_in("commerce");
            let positioning = self
                .rng
                .word(&["cost_leadership", "differentiation", "focus"]);
            let priority = self
                .rng
                .word(&["market_share", "profitability", "balanced"]);
            let desc = format!(
                "Commercial strategy for {name}: {} positioning with a {} priority. Local teams may move \
                 prices within the autonomy band; customer data follows {}.",
                positioning.replace('_', " "),
                priority.replace('_', " "),
                privacy.to_uppercase()
            );
            header(&mut y, "Market", id, name, Some(&owner), &[region], &desc);
            y.kv(0, "region", region);
            y.kv(0, "currency", cur);
            y.kv(0, "positioning", positioning);
            y.kv(0, "priority", priority);
            // |price_index - 1| <= 0.05 stays inside any autonomy band (>= 8) and any
            // policy's geo gap (15): (1.05 - 0.95) / 0.95 = 10.5%.
            let pi = 1.0 + self.rng.range(-5, 5) as f64 / 100.0;
            y.kv(0, "price_index", &num(pi));
            y.kv(
                0,
                "pricing_autonomy_pct",
                &self.rng.pick(&[8, 10, 12, 15]).to_string(),
            );
            y.kv(0, "privacy_regime", privacy);
            y.kv(0, "max_retention_days", &retention.to_string());
            self.push("markets", id.to_string(), m, y, false, vec![]);
        }
    }

    // -- segments ------------------------------------------------------------

    fn gen_segment(&mut self, id: &str) -> Y {
        let (name, basis, def) = *self.rng.pick(SEGMENTS);
        let nm = 1 + self.rng.below(3.min(self.k.markets));
        let all: Vec<usize> = (0..self.k.markets).collect();
        let ms = self.rng.subset(&all, nm);
        let mut y = Y::default();
        let owner = self.role_in("marketing");
        let title = format!("{name} — {}", MARKETS[ms[0]].1);
        let desc = format!(
            "{def}. Used for targeting and personalisation in {}. Reviewed quarterly against \
             consent records and contact-pressure limits.",
            self.market_names(&ms)
        );
        header(
            &mut y,
            "Segment",
            id,
            &title,
            Some(&owner),
            &["crm", basis],
            &desc,
        );
        y.kv(0, "basis", basis);
        y.kv(0, "definition", &sc(def));
        let mut sources = vec!["first_party".to_string()];
        if self.rng.chance(0.3) {
            sources.insert(0, "zero_party".into());
        }
        let third = self.rng.chance(0.25);
        if third {
            sources.push("third_party".into());
        }
        y.kv(0, "data_sources", &flow(&sources));
        y.kv(0, "markets", &flow(&self.market_ids(&ms)));
        if third || self.rng.chance(0.5) {
            y.kv(
                0,
                "legal_basis",
                self.rng.word(&["consent", "legitimate_interest"]),
            );
        }
        if self.rng.chance(0.2) {
            let p = self.rng.pick(PARTNERS).0;
            y.kv(0, "shared_with", &flow(&[sc(p)]));
        }
        y.line("suppression:");
        y.kv(
            2,
            "max_messages_per_week",
            &self.rng.range(2, 5).to_string(),
        );
        y
    }

    fn gen_segments(&mut self, dup_sources: &[usize]) {
        let n = self.k.segments;
        let reserved = (n / 20).max(1);
        self.segs_reserved = (0..reserved).collect();
        self.segs_open = (reserved..n).collect();
        let mut texts: Vec<String> = Vec::with_capacity(n);
        for s in 0..n {
            let id = mid("s", s);
            let y = self.gen_segment(&id);
            texts.push(y.s.clone());
            let single = dup_sources.contains(&s);
            self.push("segments", id, s, y, single, vec![]);
        }
        // duplicate-id: a later file that copies an earlier segment without changing its id.
        for (j, &src) in dup_sources.iter().enumerate() {
            let text = texts[src].clone();
            let id_line = text.lines().position(|l| l.starts_with("id: ")).unwrap() + 1;
            let y = Y { s: text };
            self.push(
                "segments",
                mid("s", n + j),
                n + j,
                y,
                true,
                vec![("duplicate-id", id_line)],
            );
        }
    }

    // -- channels ------------------------------------------------------------

    fn min_sla(kind: &str) -> (f64, f64, f64) {
        match kind {
            "owned_dtc" => (12.0, 98.0, 95.0),
            "marketplace" => (24.0, 97.0, 92.0),
            "retail_partner" => (24.0, 97.5, 93.0),
            _ => (48.0, 96.0, 90.0),
        }
    }

    fn gen_channels(&mut self) {
        let n = self.k.channels;
        self.channels_by_market = vec![Vec::new(); self.k.markets];
        let all: Vec<usize> = (0..self.k.markets).collect();
        for c in 0..n {
            let id = mid("ch", c);
            let kind = self.rng.word(&[
                "owned_dtc",
                "owned_dtc",
                "marketplace",
                "marketplace",
                "marketplace",
                "retail_partner",
                "retail_partner",
                "reseller",
                "distributor",
            ]);
            // The first channels cover every market once.
            let mut ms = if c < self.k.markets {
                vec![c]
            } else {
                Vec::new()
            };
            let extra = self.rng.below(3);
            for m in self.rng.subset(&all, extra) {
                if !ms.contains(&m) {
                    ms.push(m);
                }
            }
            if ms.is_empty() {
                ms.push(self.rng.below(self.k.markets));
            }
            ms.sort();
            for &m in &ms {
                self.channels_by_market[m].push(c);
            }
            let status = self.rng.word(&[
                "active",
                "active",
                "active",
                "active",
                "active",
                "active",
                "active",
                "active",
                "onboarding",
                "terminating",
            ]);
            let partner = if kind == "owned_dtc" {
                None
            } else {
                let candidates: Vec<&(&str, &str)> =
                    PARTNERS.iter().filter(|p| p.1 == kind).collect();
                Some(self.rng.pick(&candidates).0)
            };
            let title = match (kind, partner) {
                ("owned_dtc", _) => format!(
                    "{} {}",
                    self.rng
                        .pick(&["Web shop", "Mobile app", "Flagship stores", "Outlet stores"]),
                    MARKETS[ms[0]].1
                ),
                (_, Some(p)) => format!("{p} {}", MARKETS[ms[0]].1),
                _ => unreachable!(),
            };
            let desc = format!(
                "{} channel selling in {}. Service levels, commission and contract terms are reviewed \
                 in the quarterly partner business review.",
                capitalise(&kind.replace('_', " ")),
                self.market_names(&ms)
            );
            let owner = if kind == "owned_dtc" {
                self.role_in("commerce")
            } else {
                self.role_in("partnerships")
            };
            let mut y = Y::default();
            header(&mut y, "Channel", &id, &title, Some(&owner), &[kind], &desc);
            y.kv(0, "type", kind);
            y.kv(0, "status", status);
            y.kv(0, "markets", &flow(&self.market_ids(&ms)));
            if status == "onboarding" {
                // Assessed against the channel policy's bar (5% reach, 3 points erosion).
                y.line(
                    "assessment: {reach_pct: 12, margin_erosion_pct: 2, brand_control: guidelines}",
                );
            }
            if let Some(p) = partner {
                y.line("partner:");
                y.kv(
                    2,
                    "name",
                    &sc(&format!(
                        "{p} {}",
                        self.rng
                            .pick(&["SE", "Ltd", "Inc", "GmbH", "Group", "S.A."])
                    )),
                );
                if self.rng.chance(0.1) {
                    // Ends soon, but the renewal is already decided.
                    let end = days_from_civil(2027, 8 + self.rng.range(0, 2), 28);
                    y.kv(2, "contract_end", &date(end));
                    y.kv(2, "exit_notice_days", "120");
                    y.line("  renewal:");
                    y.kv(4, "decision", self.rng.word(&["renew", "renegotiate"]));
                    y.kv(
                        4,
                        "decided_on",
                        &date(days_from_civil(2027, 3, 1) + self.rng.range(0, 100)),
                    );
                } else {
                    let end =
                        days_from_civil(2028 + self.rng.range(0, 2), 1 + self.rng.range(0, 11), 28);
                    y.kv(2, "contract_end", &date(end));
                    y.kv(
                        2,
                        "exit_notice_days",
                        &self.rng.pick(&[30, 60, 90, 180]).to_string(),
                    );
                }
            }
            if partner.is_some() || self.rng.chance(0.5) {
                let (rt, fa, ot) = Self::min_sla(kind);
                y.line("sla:");
                y.kv(
                    2,
                    "response_time_hours",
                    &num(rt - self.rng.range(0, (rt as i64) / 2) as f64),
                );
                y.kv(
                    2,
                    "fulfillment_accuracy_pct",
                    &num(fa + self.rng.range(1, ((99.8 - fa) * 10.0) as i64) as f64 / 10.0),
                );
                y.kv(
                    2,
                    "on_time_delivery_pct",
                    &num(ot + self.rng.range(1, ((99.0 - ot) * 10.0) as i64) as f64 / 10.0),
                );
            }
            if partner.is_some() {
                let base = self.rng.range(8, 18) as f64;
                y.line("commission:");
                y.line(&format!("  - {{up_to: 1000000, rate_pct: {}}}", num(base)));
                y.line(&format!(
                    "  - {{up_to: 5000000, rate_pct: {}}}",
                    num(base - 2.0)
                ));
                y.line(&format!("  - {{rate_pct: {}}}", num(base - 4.0)));
            }
            if kind == "retail_partner" && self.rng.chance(0.3) {
                let s = self.rng.pick_idx(&self.segs_reserved.clone());
                y.kv(0, "reserved_segments", &flow(&[mid("s", s)]));
            }
            self.channel_ids.push(id.clone());
            self.channel_titles.push(title.clone());
            self.push("channels", id, c, y, false, vec![]);
        }
    }

    fn gen_channel_policy(&mut self) {
        let mut y = Y::default();
        let owner = self.role_id(1).to_string();
        header(
            &mut y,
            "ChannelPolicy",
            "channel-policy",
            "Channel governance",
            Some(&owner),
            &["channels", "partners"],
            "Service-level floors per channel type, criteria for onboarding a new channel and the co-op \
             funds offered to partners. Partner SLAs below these floors need an approved exception.",
        );
        y.line("minimum_sla:");
        for t in [
            "owned_dtc",
            "marketplace",
            "retail_partner",
            "reseller",
            "distributor",
        ] {
            let (rt, fa, ot) = Self::min_sla(t);
            y.line(&format!(
                "  {t}: {{response_time_hours: {}, fulfillment_accuracy_pct: {}, on_time_delivery_pct: {}}}",
                num(rt),
                num(fa),
                num(ot)
            ));
        }
        y.line("onboarding:");
        y.kv(2, "min_incremental_reach_pct", "5");
        y.kv(2, "max_margin_erosion_pct", "3");
        y.line("coop_funds:");
        y.kv(2, "share_pct", "2");
        y.kv(2, "requires_brand_compliance", "true");
        self.push("policies", "channel-policy".into(), 0, y, true, vec![]);
    }

    // -- pricing -------------------------------------------------------------

    fn pricing_role(&mut self, min_depth: usize, max_depth: usize) -> usize {
        let dept = DEPARTMENTS.iter().position(|d| d.0 == "pricing").unwrap();
        let pool: Vec<usize> = self.roles_by_dept[dept]
            .iter()
            .copied()
            .filter(|&r| (min_depth..=max_depth).contains(&self.roles[r].depth))
            .collect();
        if pool.is_empty() {
            self.rng.below(self.roles.len())
        } else {
            self.rng.pick_idx(&pool)
        }
    }

    fn plan_pricing(&mut self) {
        let n = self.k.pricing;
        let all: Vec<usize> = (0..self.k.markets).collect();
        self.policies_by_market = vec![Vec::new(); self.k.markets];
        let pricing_chief = DEPARTMENTS.iter().position(|d| d.0 == "pricing").unwrap();
        for p in 0..n {
            let mut ms: Vec<usize> = vec![p % self.k.markets];
            let extra = self.rng.below(4);
            for m in self.rng.subset(&all, extra) {
                if !ms.contains(&m) {
                    ms.push(m);
                }
            }
            ms.sort();
            let ncat = 2 + self.rng.below(3);
            let mut cats = Vec::new();
            let names = self
                .rng
                .subset(&(0..PRODUCT_CATEGORIES.len()).collect::<Vec<_>>(), ncat);
            for c in names {
                cats.push(Category {
                    id: format!("{}-{:04}", PRODUCT_CATEGORIES[c], p),
                    max_discount: 0.0,
                });
            }
            let top = if self.rng.chance(0.5) {
                pricing_chief
            } else {
                3 /* CFO */
            };
            let a1 = self.pricing_role(3, 99);
            let a2 = self.pricing_role(2, 3);
            self.policies.push(PolicyPlan {
                id: mid("pp", p),
                markets: ms,
                categories: cats,
                decision: format!("pricing.discounts-{p:06}"),
                approvers: [a1, a2, top],
            });
        }
        // Every market is covered by at least one policy.
        for m in 0..self.k.markets {
            if !self.policies.iter().any(|p| p.markets.contains(&m)) {
                let p = m % n;
                self.policies[p].markets.push(m);
                self.policies[p].markets.sort();
            }
        }
        for (p, pol) in self.policies.iter().enumerate() {
            for &m in &pol.markets {
                self.policies_by_market[m].push(p);
            }
        }
    }

    fn gen_pricing(&mut self) {
        for p in 0..self.policies.len() {
            let id = self.policies[p].id.clone();
            let ms = self.policies[p].markets.clone();
            let mut y = Y::default();
            let owner = self.role_id(self.policies[p].approvers[2]).to_string();
            let cat_names: Vec<String> = self.policies[p]
                .categories
                .iter()
                .map(|c| c.id.clone())
                .collect();
            let title = format!(
                "Pricing architecture — {}",
                self.market_names(&ms[..ms.len().min(2)])
            );
            let desc = format!(
                "Margin guard rails, minimum advertised prices and the discount approval ladder for {} \
                 in {}. Deviations are approved under {}.",
                cat_names
                    .iter()
                    .map(|c| c.split('-').next().unwrap_or(c))
                    .collect::<Vec<_>>()
                    .join(", "),
                self.market_names(&ms),
                self.policies[p].decision
            );
            header(
                &mut y,
                "PricingPolicy",
                &id,
                &title,
                Some(&owner),
                &["pricing"],
                &desc,
            );
            y.kv(0, "markets", &flow(&self.market_ids(&ms)));
            y.line("categories:");
            let mut worst_ratio: f64 = 0.0;
            let mut maxes = Vec::new();
            for c in 0..self.policies[p].categories.len() {
                let m = self.rng.range(50, 70);
                let f = self.rng.range(20, (m - 15).min(40));
                let (mf, ff) = (m as f64 / 100.0, f as f64 / 100.0);
                let ratio = (1.0 - mf) / (1.0 - ff);
                let safe = 100.0 * (1.0 - ratio);
                worst_ratio = worst_ratio.max(ratio);
                // At least one point below the highest safe discount.
                let max_d = (safe.floor() - 1.0 - self.rng.range(0, 8) as f64).max(10.0);
                assert!(max_d < safe);
                self.policies[p].categories[c].max_discount = max_d;
                maxes.push(max_d);
                y.line(&format!(
                    "  - {{id: {}, list_margin_pct: {m}, floor_margin_pct: {f}, max_discount_pct: {}}}",
                    self.policies[p].categories[c].id,
                    num(max_d)
                ));
            }
            let highest = maxes.iter().cloned().fold(0.0, f64::max);
            let lowest = maxes.iter().cloned().fold(100.0, f64::min);
            y.line("map:");
            y.kv(2, "- categories", &flow(&cat_names));
            let map_ratio = ((worst_ratio * 100.0).ceil() + self.rng.range(2, 6) as f64) / 100.0;
            y.kv(4, "min_price_ratio", &num(map_ratio.min(0.99)));
            y.kv(4, "monitoring", self.rng.word(&["daily", "weekly"]));
            y.kv(
                4,
                "sanctions",
                "[written warning, suspension of co-op funds, delisting]",
            );
            y.line("geo:");
            y.kv(2, "max_price_gap_pct", "15");
            y.line("approvals:");
            y.kv(2, "decision", &self.policies[p].decision.clone());
            y.line("  tiers:");
            let top = ((highest / 5.0).ceil() * 5.0).max(25.0);
            let [a1, a2, a3] = self.policies[p].approvers;
            for (max, a) in [(10.0, a1), (20.0, a2), (top, a3)] {
                y.line(&format!(
                    "    - {{max_discount_pct: {}, approver: {}}}",
                    num(max),
                    self.role_id(a)
                ));
            }
            y.line("waterfall:");
            y.kv(2, "max_leakage_pct", "30");
            y.line("  components:");
            y.line("    - {name: on-invoice discount, max_pct: 15}");
            y.line("    - {name: freight, max_pct: 5}");
            y.line("    - {name: rebates, max_pct: 8}");
            let protected: Vec<String> = if self.rng.chance(0.4) {
                let s = self.rng.pick_idx(&self.segs_open.clone());
                vec![mid("s", s)]
            } else {
                Vec::new()
            };
            if !protected.is_empty() {
                y.kv(0, "protected_segments", &flow(&protected));
            }
            y.line("promotions:");
            y.line("  match_competitors:");
            y.kv(4, "allowed", "true");
            y.kv(4, "max_discount_pct", &num((lowest - 5.0).max(5.0)));
            if !protected.is_empty() {
                y.kv(4, "exclude_segments", &flow(&protected));
            }
            y.line("  flash_sales:");
            y.kv(4, "max_discount_pct", &num(lowest));
            y.kv(4, "max_duration_hours", "48");
            if !protected.is_empty() {
                y.kv(4, "exclude_segments", &flow(&protected));
            }
            if self.rng.chance(0.2) {
                let cur = MARKETS[ms[0]].2;
                y.line("subscriptions:");
                y.line("  tiers:");
                for (t, price) in [("basic", 9), ("plus", 19), ("premium", 39)] {
                    y.line(&format!(
                        "    - {{id: {t}, monthly: {{amount: {price}.99, currency: {cur}}}}}"
                    ));
                }
            }
            if self.rng.chance(0.5) {
                y.line("monitoring:");
                let skus: Vec<String> = (0..3)
                    .map(|_| format!("SKU-{}", self.rng.range(10000, 99999)))
                    .collect();
                y.kv(2, "skus", &flow(&skus));
                y.kv(2, "alert_gap_pct", "5");
                y.kv(2, "response", "review within two business days");
                y.kv(2, "response_owner", &owner);
            }
            self.push("pricing", id, p, y, false, vec![]);
        }
    }

    // -- decision rights -----------------------------------------------------

    fn gen_decision_rights(&mut self) {
        struct Dec {
            id: String,
            title: String,
            accountable: usize,
            responsible: Vec<usize>,
        }
        let n = self.k.decision_rights;
        let mut per_doc: Vec<Vec<Dec>> = (0..n).map(|_| Vec::new()).collect();
        let strategy = DEPARTMENTS.iter().position(|d| d.0 == "strategy").unwrap();
        per_doc[0].push(Dec {
            id: "strategy.deviation".into(),
            title: "Approve deviations from the agreed strategy".into(),
            accountable: 0,
            responsible: vec![strategy],
        });
        let gate_approvers = Self::gate_approvers();
        per_doc[0].push(Dec {
            id: "market-entry.gates".into(),
            title: "Pass market-entry stage gates".into(),
            accountable: 0,
            responsible: gate_approvers.iter().map(|g| g.1).collect(),
        });
        for (p, pol) in self.policies.iter().enumerate() {
            let mut resp = vec![pol.approvers[0]];
            if pol.approvers[1] != pol.approvers[0] && pol.approvers[1] != pol.approvers[2] {
                resp.push(pol.approvers[1]);
            }
            resp.retain(|&r| r != pol.approvers[2]);
            if resp.is_empty() {
                // Tiny corpora: the same role approves every tier; another chief does the work.
                resp.push(if pol.approvers[2] == 1 { 2 } else { 1 });
            }
            // Approvers 0 and 1 equal to the accountable are fine too: A or R gives rights.
            per_doc[p % n].push(Dec {
                id: pol.decision.clone(),
                title: format!("Approve discounts under {}", pol.id),
                accountable: pol.approvers[2],
                responsible: resp,
            });
        }
        const AREAS: &[(&str, &str)] = &[
            ("channel", "Onboard or exit a sales channel"),
            ("budget", "Reallocate budget between initiatives"),
            ("promotion", "Approve the promotion calendar"),
            ("segment", "Activate a new customer segment"),
            ("data", "Change a data retention period"),
            ("assortment", "Add or delist a product range"),
            ("partner", "Renew or renegotiate a partner contract"),
            ("marketing", "Approve a campaign above plan"),
        ];
        let mut seq = 0;
        for decs in per_doc.iter_mut() {
            let want = 2 + self.rng.below(3);
            while decs.len() < want {
                let (area, title) = *self.rng.pick(AREAS);
                let r = 1 + self.rng.below(self.roles.len() - 1);
                let mut responsible = vec![r];
                let r2 = self.rng.below(self.roles.len());
                if r2 != r {
                    responsible.push(r2);
                }
                let acc = self.roles_by_dept[self.roles[r].dept][0];
                let acc = if responsible.contains(&acc) { 0 } else { acc };
                decs.push(Dec {
                    id: format!("{area}.decision-{seq:06}"),
                    title: title.into(),
                    accountable: acc,
                    responsible,
                });
                seq += 1;
            }
        }
        for (d, decs) in per_doc.into_iter().enumerate() {
            let id = mid("dr", d);
            let mut y = Y::default();
            let title = if d == 0 {
                "Strategy and market-entry decision rights".to_string()
            } else {
                format!("Commercial decision rights — batch {}", d + 1)
            };
            let desc = "Who is Responsible, Accountable, Consulted and Informed for each decision. \
                        The Accountable role approves exceptions and is the first escalation point.";
            let owner = self.role_id(0).to_string();
            header(
                &mut y,
                "DecisionRights",
                &id,
                &title,
                Some(&owner),
                &["governance", "raci"],
                desc,
            );
            y.line("decisions:");
            for dec in decs {
                y.kv(2, "- id", &dec.id);
                y.kv(4, "title", &sc(&dec.title));
                y.kv(4, "accountable", self.role_id(dec.accountable));
                let resp: Vec<String> = dec
                    .responsible
                    .iter()
                    .map(|&r| self.roles[r].id.clone())
                    .collect();
                y.kv(4, "responsible", &flow(&resp));
                if self.rng.chance(0.6) {
                    let c = self.any_role();
                    y.kv(4, "consulted", &flow(&[c]));
                }
                if self.rng.chance(0.5) {
                    let c = self.any_role();
                    let c2 = self.any_role();
                    y.kv(4, "informed", &flow(&[c, c2]));
                }
            }
            self.push("decision-rights", id, d, y, d == 0, vec![]);
        }
    }

    /// Gate id and approving role, shared by every stage-gate process so that a
    /// complete gate log satisfies whichever process a checker applies.
    fn gate_approvers() -> [(&'static str, usize); 4] {
        let strategy = DEPARTMENTS.iter().position(|d| d.0 == "strategy").unwrap();
        [
            ("business-case", strategy),
            ("market-study", 1),
            ("pilot", 4),
            ("launch-readiness", 3),
        ]
    }

    fn gen_stage_gates(&mut self) {
        for g in 0..self.k.stage_gates {
            let id = mid("sg", g);
            let region = ["EMEA", "Americas", "APAC", "new categories", "B2B"][g % 5];
            let mut y = Y::default();
            let owner = self
                .role_id(DEPARTMENTS.iter().position(|d| d.0 == "strategy").unwrap())
                .to_string();
            let desc = format!(
                "Stage-gate process for entering a new market ({region}). Each gate is passed in order \
                 and approved by its named role; launches without every gate passed are deviations."
            );
            header(
                &mut y,
                "StageGate",
                &id,
                &format!("Market entry gates — {region}"),
                Some(&owner),
                &["market-entry"],
                &desc,
            );
            y.kv(0, "applies_to", "[market_entry]");
            y.kv(0, "decision", "market-entry.gates");
            y.line("gates:");
            let checks: [&[&str]; 4] = [
                &["business case signed off", "payback under 36 months"],
                &["market sizing reviewed", "competitor price scan"],
                &["pilot conversion above plan", "service levels met"],
                &["legal and tax registration", "logistics partner contracted"],
            ];
            for (i, (gid, role)) in Self::gate_approvers().iter().enumerate() {
                y.kv(2, "- id", gid);
                y.kv(4, "approver", self.role_id(*role));
                let cs: Vec<String> = checks[i].iter().map(|c| c.to_string()).collect();
                y.kv(4, "checks", &flow(&cs));
            }
            self.push("stage-gates", id, g, y, false, vec![]);
        }
    }

    // -- KPIs ----------------------------------------------------------------

    fn plan_kpis(&mut self, defects: &[usize]) {
        let n = self.k.kpis;
        for i in 0..n {
            let metric = self.rng.below(METRICS.len());
            let m = self.rng.below(self.k.markets);
            let scope = match self.rng.below(4) {
                0 => "group".to_string(),
                1 => self
                    .rng
                    .pick(&["web shop", "marketplaces", "retail partners", "app"])
                    .to_string(),
                _ => MARKETS[m].1.to_string(),
            };
            let (lo, hi) = (METRICS[metric].4, METRICS[metric].5);
            let base = lo + (hi - lo) * self.rng.unit();
            let defect = defects.contains(&i);
            self.kpis.push(KpiPlan {
                id: mid("k", i),
                metric,
                scope,
                currency: MARKETS[m].2,
                base,
                sampled: false,
                defect,
            });
        }
        for i in 0..n {
            if !self.kpis[i].defect && self.rng.chance(0.3) {
                self.kpis[i].sampled = true;
            }
        }
        if !self.kpis.iter().any(|k| k.sampled)
            && let Some(k) = self.kpis.iter_mut().find(|k| !k.defect)
        {
            k.sampled = true;
        }
    }

    fn gen_kpis(&mut self) {
        for i in 0..self.kpis.len() {
            let k = &self.kpis[i];
            let (mname, _, dir, cat, _, _) = METRICS[k.metric];
            let title = k.title();
            let unit = k.unit();
            let id = k.id.clone();
            let desc = format!(
                "{mname} for {}, {}. Reported {} from the finance data warehouse; thresholds are the \
                 adverse deviation from target at which the KPI turns amber and red.",
                k.scope,
                dir.replace('_', " "),
                "quarterly"
            );
            let (sampled, defect) = (k.sampled, k.defect);
            let targets: Vec<(String, f64)> = if sampled {
                let mut v: Vec<(String, f64)> = QUARTERS
                    .iter()
                    .enumerate()
                    .map(|(q, p)| (p.to_string(), k.target(q)))
                    .collect();
                v.push(("2028".into(), k.target(8)));
                v
            } else {
                vec![
                    ("2027-Q4".into(), k.target(5)),
                    ("2028".into(), k.target(9)),
                    ("2029".into(), k.target(13)),
                ]
            };
            let owner = self.role_in(match cat {
                "financial" => "finance",
                "customer" => "marketing",
                "operational" => "operations",
                "esg" => "sustainability",
                "people" => "people",
                _ => "commerce",
            });
            let mut y = Y::default();
            let id_line = 2;
            header(&mut y, "Kpi", &id, &title, Some(&owner), &[cat], &desc);
            y.kv(0, "unit", &unit);
            y.kv(0, "direction", dir);
            y.kv(0, "category", cat);
            y.kv(0, "cadence", "quarterly");
            let mut findings = vec![];
            if defect {
                findings.push(("kpi-without-target", id_line));
            } else {
                y.line("targets:");
                for (p, v) in &targets {
                    y.line(&format!("  - {{period: {p}, value: {}}}", num(*v)));
                }
            }
            let amber = *self.rng.pick(&[3, 5, 5, 8]);
            let red = amber + *self.rng.pick(&[3, 5, 7]);
            y.line("thresholds:");
            y.kv(2, "amber_pct", &amber.to_string());
            y.kv(2, "red_pct", &red.to_string());
            self.push("kpis", id, i, y, defect, findings);
        }
    }

    // -- goals and objectives ------------------------------------------------

    fn gen_goals(&mut self) {
        const GOALS: &[&str] = &[
            "Double online revenue by 2030",
            "Become the preferred {cat} brand in {region}",
            "Lift operating margin to twelve percent",
            "Reach net-zero operations by 2030",
            "Be first choice for customers in {region}",
            "Grow the partner business to a third of revenue",
            "Build the most loved loyalty programme in {region}",
            "Halve cost to serve per order",
        ];
        let regions = [
            "Europe",
            "North America",
            "Latin America",
            "Asia-Pacific",
            "the Middle East",
            "our home markets",
        ];
        for g in 0..self.k.goals {
            let id = mid("g", g);
            let t = GOALS[g % GOALS.len()]
                .replace("{cat}", self.rng.word(PRODUCT_CATEGORIES))
                .replace("{region}", self.rng.word(&regions));
            let title = if g >= GOALS.len() {
                format!("{t} (pillar {})", g + 1)
            } else {
                t
            };
            let desc = format!(
                "Corporate goal set by the executive team for the 2026–2030 plan. \"{title}\" is measured \
                 through the KPIs of the objectives that support it and reviewed at every strategy offsite."
            );
            let mut y = Y::default();
            header(
                &mut y,
                "Goal",
                &id,
                &title,
                Some("r-000000"),
                &["corporate", "plan-2030"],
                &desc,
            );
            y.kv(0, "horizon", "2030");
            let nt = self.rng.below(3);
            if nt > 0 {
                y.line("targets:");
                for _ in 0..nt {
                    let k = self.rng.below(self.kpis.len());
                    let kp = &self.kpis[k];
                    let v = kp.target(14);
                    y.line(&format!(
                        "  - {{kpi: {}, value: {}, by: 2030}}",
                        kp.id,
                        num(v)
                    ));
                }
            }
            self.push("goals", id, g, y, false, vec![]);
        }
    }

    fn plan_objectives(&mut self, defects: &[usize]) {
        let n = self.k.objectives;
        let g = self.k.goals;
        let all_markets: Vec<usize> = (0..self.k.markets).collect();
        const CATS: &[&str] = &[
            "growth",
            "growth",
            "growth",
            "profitability",
            "profitability",
            "customer",
            "customer",
            "operations",
            "people",
            "esg",
        ];
        // KPIs: a sequential pass so that every KPI is used by some objective.
        let normal_kpis: Vec<usize> = (0..self.kpis.len())
            .filter(|&k| !self.kpis[k].defect)
            .collect();
        let mut ptr = 0usize;
        for o in 0..n {
            let defect = defects.contains(&o);
            let category = self.rng.word(CATS);
            let nm = 1 + self.rng.below(4.min(self.k.markets));
            let markets = self.rng.subset(&all_markets, nm);
            let nk = 1 + self.rng.below(3);
            let mut kpis = Vec::new();
            for _ in 0..nk {
                let k = if ptr < normal_kpis.len() {
                    ptr += 1;
                    normal_kpis[ptr - 1]
                } else {
                    self.rng.pick_idx(&normal_kpis)
                };
                if !kpis.contains(&k) {
                    kpis.push(k);
                }
            }
            let supports = if defect {
                Vec::new()
            } else if o < g {
                vec![mid("g", o)]
            } else if self.rng.chance(0.3) {
                // A parent objective, earlier in order (so no cycles) and itself aligned.
                let mut p = self.rng.below(o);
                while self.objectives[p].defect {
                    p = self.rng.below(o);
                }
                vec![self.objectives[p].id.clone()]
            } else if self.rng.chance(0.15) && g > 1 {
                let a = self.rng.below(g);
                let b = (a + 1 + self.rng.below(g - 1)) % g;
                vec![mid("g", a.min(b)), mid("g", a.max(b))]
            } else {
                vec![mid("g", self.rng.below(g))]
            };
            let ms = self.market_names(&markets[..markets.len().min(2)]);
            let cat = self.rng.word(PRODUCT_CATEGORIES);
            let title = match category {
                "growth" => match self.rng.below(4) {
                    0 => format!("Grow direct-to-consumer revenue in {ms}"),
                    1 => format!("Win share in {cat} in {ms}"),
                    2 => format!("Grow marketplace revenue in {ms}"),
                    _ => format!("Expand the partner network in {ms}"),
                },
                "profitability" => format!(
                    "{} in {ms}",
                    self.rng.pick(&[
                        "Lift gross margin",
                        "Reduce promotional depth",
                        "Cut cost to serve"
                    ])
                ),
                "customer" => format!(
                    "{} in {ms}",
                    self.rng.pick(&[
                        "Raise repeat purchase",
                        "Improve delivery experience",
                        "Grow loyalty membership"
                    ])
                ),
                "operations" => format!(
                    "{} in {ms}",
                    self.rng.pick(&[
                        "Shorten order lead time",
                        "Reduce returns",
                        "Improve stock availability"
                    ])
                ),
                "people" => format!(
                    "Build {} skills in the commercial teams",
                    self.rng
                        .pick(&["pricing", "digital marketing", "marketplace", "analytics"])
                ),
                _ => format!("{} in {ms}", self.rng.pick(ESG_ACTIONS)),
            };
            self.objectives.push(ObjectivePlan {
                id: mid("o", o),
                title,
                category,
                markets,
                kpis,
                supports,
                defect,
            });
        }
        // KPIs left over after the pass, then the KPIs without targets, join existing objectives.
        while ptr < normal_kpis.len() {
            let o = self.rng.below(n);
            self.objectives[o].kpis.push(normal_kpis[ptr]);
            ptr += 1;
        }
        for k in 0..self.kpis.len() {
            if self.kpis[k].defect {
                let o = self.rng.below(n);
                self.objectives[o].kpis.push(k);
            }
        }
    }

    fn gen_objectives(&mut self) {
        for o in 0..self.objectives.len() {
            let ob = &self.objectives[o];
            let id = ob.id.clone();
            let title = ob.title.clone();
            let category = ob.category;
            let kpi_names: Vec<String> = ob
                .kpis
                .iter()
                .take(2)
                .map(|&k| METRICS[self.kpis[k].metric].0.to_lowercase())
                .collect();
            let desc = format!(
                "{title}. Progress is measured by {} and reviewed monthly by the objective owner; \
                 initiatives advancing this objective report their expected impact on these KPIs.",
                kpi_names.join(" and ")
            );
            let supports = ob.supports.clone();
            let markets = self.market_ids(&ob.markets.clone());
            let kpis: Vec<String> = self.objectives[o]
                .kpis
                .iter()
                .map(|&k| self.kpis[k].id.clone())
                .collect();
            let defect = self.objectives[o].defect;
            let owner = self.role_in(match category {
                "growth" => "commerce",
                "profitability" => "finance",
                "customer" => "marketing",
                "operations" => "operations",
                "people" => "people",
                _ => "sustainability",
            });
            let mut y = Y::default();
            header(
                &mut y,
                "Objective",
                &id,
                &title,
                Some(&owner),
                &[category],
                &desc,
            );
            y.kv(0, "category", category);
            y.kv(0, "status", "active");
            y.kv(0, "priority", "balanced");
            y.kv(0, "horizon", "2030");
            let mut findings = vec![];
            if defect {
                findings.push(("objective-supports-nothing", y.here()));
                y.kv(0, "supports", "[]");
            } else {
                y.list_block(0, "supports", &supports);
            }
            y.kv(0, "markets", &flow(&markets));
            y.kv(0, "kpis", &flow(&kpis));
            links(&mut y, &mut self.rng, &id, "Objective one-pager");
            self.push("objectives", id, o, y, defect, findings);
        }
    }

    // -- initiatives ---------------------------------------------------------

    /// Returns the id of every initiative (for budgets) that may be referenced.
    fn gen_initiatives(
        &mut self,
        defects: &[InitDefect],
    ) -> (Vec<String>, Vec<(String, usize, usize)>) {
        let n = self.k.initiatives;
        let advanceable: Vec<usize> = (0..self.objectives.len())
            .filter(|&o| !self.objectives[o].defect)
            .collect();
        let mut referencable = Vec::new();
        // (initiative id, policy, category) of each excepted deviation.
        let mut excepted = Vec::new();
        const TYPES: &[&str] = &[
            "market_entry",
            "channel",
            "channel",
            "pricing",
            "pricing",
            "promotion",
            "promotion",
            "product",
            "product",
            "capability",
            "capability",
            "esg",
        ];
        let gates = Self::gate_approvers();
        let asof = as_of();
        for i in 0..n {
            let defect = defects[i];
            let id = mid("i", i);
            let needs_deviation = matches!(defect, InitDefect::Discount | InitDefect::Excepted(_));
            let kind = if needs_deviation {
                self.rng.word(&["pricing", "promotion"])
            } else {
                self.rng.word(TYPES)
            };
            let wants_discount = needs_deviation
                || ((kind == "pricing" || kind == "promotion") && self.rng.chance(0.8));
            let no = if self.rng.chance(0.3) && advanceable.len() > 1 {
                2
            } else {
                1
            };
            let objs = self.rng.subset(&advanceable, no);
            let mut union: Vec<usize> = objs
                .iter()
                .flat_map(|&o| self.objectives[o].markets.iter().copied())
                .collect();
            union.sort();
            union.dedup();
            // Markets: a subset of the objectives' markets; with a discount, inside one pricing policy.
            let (markets, policy) = if wants_discount {
                let m = self.rng.pick_idx(&union);
                let p = self.rng.pick_idx(&self.policies_by_market[m].clone());
                let inside: Vec<usize> = union
                    .iter()
                    .copied()
                    .filter(|x| *x != m && self.policies[p].markets.contains(x))
                    .collect();
                let extra = self.rng.below(2);
                let mut ms = vec![m];
                ms.extend(self.rng.subset(&inside, extra));
                ms.sort();
                (ms, Some(p))
            } else {
                let k = 1 + self.rng.below(3.min(union.len()));
                (self.rng.subset(&union, k), None)
            };
            // Channels selling in at least one of its markets.
            let mut channels: Vec<usize> = Vec::new();
            let nc = if kind == "channel" {
                1 + self.rng.below(2)
            } else {
                self.rng.below(3)
            };
            for _ in 0..nc {
                let m = self.rng.pick_idx(&markets);
                let c = self.rng.pick_idx(&self.channels_by_market[m].clone());
                if !channels.contains(&c) {
                    channels.push(c);
                }
            }
            channels.sort();
            let segments: Vec<usize> = if self.rng.chance(0.4) {
                let k = 1 + self.rng.below(2);
                self.rng.subset(&self.segs_open.clone(), k)
            } else {
                Vec::new()
            };
            // Dates and status.
            let start = days_from_civil(2026, 1, 1) + self.rng.range(0, 900);
            let end = (start + self.rng.range(90, 720)).min(days_from_civil(2030, 12, 31));
            let mut status = if end < asof {
                if self.rng.chance(0.08) {
                    "cancelled"
                } else {
                    "completed"
                }
            } else if start > asof {
                self.rng.word(&["proposed", "approved", "approved"])
            } else {
                self.rng.word(&["in_progress", "in_progress", "launched"])
            };
            if kind == "market_entry" && status == "cancelled" {
                status = "completed";
            }
            let gated_running = kind == "market_entry"
                && matches!(status, "in_progress" | "launched" | "completed");
            let title = self.initiative_title(kind, &markets, &channels, policy);
            let obj_titles: Vec<String> = objs
                .iter()
                .map(|&o| self.objectives[o].title.clone())
                .collect();
            let desc = format!(
                "{title}. Advances \"{}\". The team reports monthly on delivery and expected impact; \
                 spend above the approved budget needs the budget owner's sign-off.",
                obj_titles[0]
            );
            let owner = self.role_in(match kind {
                "market_entry" => "strategy",
                "channel" => "partnerships",
                "pricing" | "promotion" => "pricing",
                "esg" => "sustainability",
                "capability" => "technology",
                _ => "commerce",
            });
            let mut y = Y::default();
            let mut findings = vec![];
            // Header by hand: some defects live in it.
            y.kv(0, "kind", "Initiative");
            y.kv(0, "id", &id);
            if defect == InitDefect::SyntaxColon {
                findings.push(("yaml-syntax", y.here()));
                y.kv(0, "title", &format!("Pilot: {title}"));
            } else {
                y.kv(0, "title", &sc(&title));
            }
            y.kv(0, "owner", &owner);
            if defect != InitDefect::SyntaxBracket {
                y.kv(
                    0,
                    "tags",
                    &flow(&[kind.replace('_', "-"), "2027-plan".into()]),
                );
            }
            y.folded(0, "description", &desc);
            y.kv(0, "type", kind);
            y.kv(0, "status", status);
            y.kv(0, "priority", "balanced");
            let mut adv: Vec<String> = objs
                .iter()
                .map(|&o| self.objectives[o].id.clone())
                .collect();
            if defect == InitDefect::Dangling {
                // A second, mistyped objective id: a digit too many.
                findings.push(("dangling-reference", y.here() + 1 + adv.len()));
                let bogus = format!("o-{:07}", self.k.objectives + self.rng.below(1000));
                adv.push(bogus);
            }
            y.list_block(0, "advances", &adv);
            y.kv(0, "markets", &flow(&self.market_ids(&markets)));
            if !channels.is_empty() {
                let cs: Vec<String> = channels
                    .iter()
                    .map(|&c| self.channel_ids[c].clone())
                    .collect();
                y.kv(0, "channels", &flow(&cs));
            }
            if !segments.is_empty() {
                let ss: Vec<String> = segments.iter().map(|&s| mid("s", s)).collect();
                y.kv(0, "segments", &flow(&ss));
            }
            if let Some(p) = policy {
                let pol = &self.policies[p];
                let cats: Vec<usize> = if needs_deviation {
                    vec![self.rng.below(pol.categories.len())]
                } else {
                    let k = 1 + self.rng.below(2);
                    self.rng
                        .subset(&(0..pol.categories.len()).collect::<Vec<_>>(), k)
                };
                let allowed = cats
                    .iter()
                    .map(|&c| pol.categories[c].max_discount)
                    .fold(100.0, f64::min);
                let names: Vec<String> =
                    cats.iter().map(|&c| pol.categories[c].id.clone()).collect();
                y.kv(0, "categories", &flow(&names));
                let d = if needs_deviation {
                    allowed + self.rng.range(2, 8) as f64
                } else {
                    let lo = 5.min(allowed as i64);
                    (self.rng.range(lo, allowed as i64) as f64).min(allowed)
                };
                if defect == InitDefect::Discount {
                    findings.push(("discount-above-policy", y.here()));
                }
                if let InitDefect::Excepted(_) = defect {
                    excepted.push((id.clone(), p, cats[0]));
                }
                y.kv(0, "discount_pct", &num(d));
            }
            y.kv(0, "start", &date(start));
            y.kv(0, "end", &date(end));
            if matches!(status, "cancelled" | "completed") {
                y.kv(
                    0,
                    "post_mortem",
                    &format!("{{title: Close-out review, url: \"https://wiki.example.com/close-out/{id}\"}}"),
                );
            }
            let cur = MARKETS[markets[0]].2;
            let amount = self.rng.range(5, 400) * 5000;
            if defect == InitDefect::Schema {
                findings.push(("schema-violation", y.here()));
                y.line("budgett:");
            } else {
                y.line("budget:");
            }
            y.kv(2, "amount", &amount.to_string());
            y.kv(2, "currency", cur);
            if kind == "market_entry" {
                let sg = mid("sg", self.rng.below(self.k.stage_gates));
                y.kv(0, "gates", &sg);
                let passed = if gated_running {
                    gates.len()
                } else if status == "approved" {
                    self.rng.below(3)
                } else {
                    0
                };
                if passed > 0 {
                    y.line("gate_log:");
                    // Gates passed in order before the start (and before the as-of date).
                    let last = start.min(asof) - self.rng.range(5, 30);
                    for (g, (gid, role)) in gates.iter().take(passed).enumerate() {
                        let day = last - 40 * (passed - 1 - g) as i64;
                        y.line(&format!(
                            "  - {{gate: {gid}, passed: {}, approved_by: {}}}",
                            date(day),
                            self.role_id(*role)
                        ));
                    }
                }
            }
            if self.rng.chance(0.6) {
                let o = objs[0];
                let k = self.rng.pick_idx(&self.objectives[o].kpis.clone());
                let kp = &self.kpis[k];
                let mag = (kp.base * 0.02).max(0.01);
                let delta = if kp.higher() {
                    kp.round(mag)
                } else {
                    -kp.round(mag)
                };
                y.line("expected_impact:");
                y.line(&format!("  - {{kpi: {}, delta: {}}}", kp.id, num(delta)));
            }
            links(&mut y, &mut self.rng, &id, "Business case");
            if defect == InitDefect::DupKey {
                findings.push(("duplicate-key", y.here()));
                y.kv(0, "status", status);
            }
            if defect == InitDefect::SyntaxBracket {
                // Unclosed flow sequence on the last line: the parser stops at this line.
                findings.push(("yaml-syntax", y.here()));
                y.kv(
                    0,
                    "tags",
                    &format!("[{}, 2027-plan", kind.replace('_', "-")),
                );
            }
            if defect == InitDefect::None {
                referencable.push(id.clone());
            }
            self.push(
                "initiatives",
                id,
                i,
                y,
                defect != InitDefect::None,
                findings,
            );
        }
        (referencable, excepted)
    }

    fn initiative_title(
        &mut self,
        kind: &str,
        markets: &[usize],
        channels: &[usize],
        policy: Option<usize>,
    ) -> String {
        let mname = MARKETS[markets[0]].1;
        let cat = match policy {
            Some(p) => {
                let c = self.rng.pick(&self.policies[p].categories).id.clone();
                c.split('-').next().unwrap_or("").to_string()
            }
            None => self.rng.pick(PRODUCT_CATEGORIES).to_string(),
        };
        match kind {
            "market_entry" => format!(
                "Enter {mname} with {} {cat}",
                self.rng.pick(&[
                    "online-only",
                    "partner-led",
                    "omnichannel",
                    "marketplace-first"
                ])
            ),
            "channel" => {
                let verb = self.rng.word(&["Expand", "Relaunch", "Scale", "Optimise"]);
                match channels.first() {
                    Some(&c) => format!("{verb} {}", self.channel_titles[c]),
                    None => format!("{verb} click-and-collect in {mname}"),
                }
            }
            "pricing" => format!(
                "{} for {cat} in {mname}",
                self.rng.pick(&[
                    "Price architecture refresh",
                    "Dynamic pricing pilot",
                    "Good-better-best ladder",
                    "Bundle pricing"
                ])
            ),
            "promotion" => format!(
                "{} {cat} {} in {mname}",
                self.rng.pick(&[
                    "Spring",
                    "Summer",
                    "Back-to-school",
                    "Black Friday",
                    "Holiday",
                    "Anniversary"
                ]),
                self.rng.pick(&["promotion", "campaign", "event"])
            ),
            "product" => format!(
                "Launch {} {cat} range in {mname}",
                self.rng.pick(&[
                    "a premium",
                    "an entry-price",
                    "a private-label",
                    "a sustainable"
                ])
            ),
            "capability" => format!("Build {}", self.rng.pick(CAPABILITIES)),
            _ => format!("{} in {mname}", self.rng.pick(ESG_ACTIONS)),
        }
    }

    fn gen_exceptions(&mut self, excepted: &[(String, usize, usize)]) {
        for (e, (subject, p, c)) in excepted.iter().enumerate() {
            let id = mid("ex", e);
            let pol = &self.policies[*p];
            let cat = pol.categories[*c].id.clone();
            let decision = pol.decision.clone();
            let approver = self.role_id(pol.approvers[2]).to_string();
            let mut y = Y::default();
            let desc = format!(
                "Approved deviation: {subject} discounts {cat} beyond the policy maximum for a limited \
                 clearance window. Approved under {decision} by its accountable role."
            );
            header(
                &mut y,
                "Exception",
                &id,
                &format!("Clearance discount on {cat}"),
                Some(&approver),
                &["pricing", "exception"],
                &desc,
            );
            y.kv(0, "subject", subject);
            y.kv(0, "rule", "discount-above-policy");
            y.kv(0, "decision", &decision);
            y.kv(0, "approved_by", &approver);
            y.kv(
                0,
                "approved_on",
                &date(days_from_civil(2027, 2, 1) + self.rng.range(0, 120)),
            );
            // Past the latest initiative end (2030-12-31): an exception that ran out
            // while its initiative runs is `exception-expires-before-subject`.
            y.kv(0, "expires", "2030-12-31");
            y.kv(
                0,
                "rationale",
                &sc(self.rng.word(&[
                    "End-of-season stock must clear before the new collection arrives",
                    "Matching a competitor's clearance event in a contested category",
                    "Liquidating discontinued lines agreed with the category board",
                ])),
            );
            self.push("exceptions", id, e, y, false, vec![]);
        }
    }

    // -- budgets, scorecards, triggers, playbooks, data policies -------------

    fn gen_budgets(&mut self, initiatives: &[String], defects: &[usize]) {
        let segs: Vec<String> = self.segs_open.iter().map(|&s| mid("s", s)).collect();
        for b in 0..self.k.budgets {
            let id = mid("b", b);
            let defect = defects.contains(&b);
            let m = self.rng.below(self.k.markets);
            let (_, mname, cur, ..) = MARKETS[m];
            let purpose = self.rng.word(&[
                "Acquisition",
                "Personalisation",
                "Co-op marketing",
                "Retention",
                "Brand",
            ]);
            let period = self
                .rng
                .word(&["2027", "2027", "2027-Q3", "2027-Q4", "2028"]);
            let title = format!("{purpose} budget {period} — {mname}");
            let desc = format!(
                "{purpose} budget for {mname}, period {period}. Shares are percentages of the total; \
                 spend is booked monthly by finance against each allocation."
            );
            let owner = self.role_in("finance");
            let mut y = Y::default();
            header(
                &mut y,
                "Budget",
                &id,
                &title,
                Some(&owner),
                &["budget", &purpose.to_lowercase().replace(' ', "-")],
                &desc,
            );
            y.kv(0, "period", period);
            let total = self.rng.range(10, 500) * 10_000;
            y.line("total:");
            y.kv(2, "amount", &total.to_string());
            y.kv(2, "currency", cur);
            let k = 2 + self.rng.below(4);
            // Shares in steps of 5 summing to 100 (90 for the defect).
            let units = if defect { 18 } else { 20 };
            let mut cuts: Vec<usize> = self.rng.subset(&(1..units).collect::<Vec<_>>(), k - 1);
            cuts.push(units);
            let mut shares = Vec::new();
            let mut prev = 0;
            for c in cuts {
                shares.push((c - prev) * 5);
                prev = c;
            }
            let mut findings = vec![];
            if defect {
                findings.push(("budget-shares-not-100", y.here()));
            }
            y.line("allocations:");
            let mut used: Vec<String> = Vec::new();
            for share in shares {
                let mut to;
                loop {
                    to = match self.rng.below(4) {
                        0 | 1 if !initiatives.is_empty() => self.rng.pick(initiatives).clone(),
                        2 => self.channel_ids[self.rng.below(self.channel_ids.len())].clone(),
                        3 if !segs.is_empty() => self.rng.pick(&segs).clone(),
                        _ => MARKETS[self.rng.below(self.k.markets)].0.to_string(),
                    };
                    if !used.contains(&to) {
                        break;
                    }
                }
                used.push(to.clone());
                y.kv(2, "- to", &to);
                y.kv(4, "share_pct", &share.to_string());
                if self.rng.chance(0.5) {
                    y.kv(
                        4,
                        "expected_roi",
                        &num(self.rng.range(12, 50) as f64 / 10.0),
                    );
                }
                if self.rng.chance(0.6) {
                    let cap = total * share as i64 / 100;
                    let spent = cap * self.rng.range(0, 95) / 100 / 100 * 100;
                    y.line(&format!("    spent: {{amount: {spent}, currency: {cur}}}"));
                }
            }
            self.push("budgets", id, b, y, defect, findings);
        }
    }

    fn normal_kpi(&mut self) -> usize {
        loop {
            let k = self.rng.below(self.kpis.len());
            if !self.kpis[k].defect {
                return k;
            }
        }
    }

    fn gen_scorecards(&mut self) {
        for s in 0..self.k.scorecards {
            let id = mid("sc", s);
            let m = self.rng.below(self.k.markets);
            let title = format!(
                "{} business review — {}",
                self.rng
                    .pick(&["Quarterly", "Monthly", "Executive", "Partner"]),
                MARKETS[m].1
            );
            let desc = format!(
                "Scorecard for the {} business review: targets, latest actuals and red/amber/green status \
                 of the KPIs below, with any fired triggers.",
                MARKETS[m].1
            );
            let owner = self.role_in("finance");
            let mut y = Y::default();
            header(
                &mut y,
                "Scorecard",
                &id,
                &title,
                Some(&owner),
                &["qbr"],
                &desc,
            );
            let na = 1 + self.rng.below(3);
            let aud: Vec<String> = (0..na)
                .map(|_| self.any_role())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            y.kv(0, "audience", &flow(&aud));
            y.kv(0, "cadence", self.rng.word(&["quarterly", "monthly"]));
            y.line("sections:");
            let ns = 2 + self.rng.below(2);
            for sec in ["Growth", "Customer", "Profitability", "Operations"]
                .iter()
                .take(ns)
            {
                let nk = 2 + self.rng.below(3);
                let ks: BTreeSet<usize> = (0..nk).map(|_| self.normal_kpi()).collect();
                let ks: Vec<String> = ks.into_iter().map(|k| self.kpis[k].id.clone()).collect();
                y.kv(2, "- title", sec);
                y.kv(4, "kpis", &flow(&ks));
            }
            if s == 0 {
                // Every objective is reviewed somewhere (objective-not-on-scorecard).
                let ks: BTreeSet<String> = self
                    .objectives
                    .iter()
                    .filter_map(|o| o.kpis.iter().find(|&&k| !self.kpis[k].defect))
                    .map(|&k| self.kpis[k].id.clone())
                    .collect();
                if !ks.is_empty() {
                    y.kv(2, "- title", "Objectives");
                    y.kv(4, "kpis", &flow(&ks.into_iter().collect::<Vec<_>>()));
                }
            }
            self.push("scorecards", id, s, y, false, vec![]);
        }
    }

    fn gen_triggers(&mut self) {
        let sampled: Vec<usize> = (0..self.kpis.len())
            .filter(|&k| self.kpis[k].sampled)
            .collect();
        for t in 0..self.k.triggers {
            let id = mid("t", t);
            let k = self.rng.pick_idx(&sampled);
            let kp = &self.kpis[k];
            let kid = kp.id.clone();
            let ktitle = kp.title();
            let compare = self.rng.word(&["target", "forecast"]);
            let dev = *self.rng.pick(&[10, 15, 20, 25]);
            let periods = 1 + self.rng.below(3);
            let title = format!("Reassess when {} misses {compare}", ktitle);
            let desc = format!(
                "Strategic reassessment trigger: when {ktitle} is worse than its {compare} by more than \
                 {dev}% for {periods} consecutive period(s), run the playbook and escalate."
            );
            let owner = self.role_in("strategy");
            let esc_idx = 1 + self.rng.below(DEPARTMENTS.len() - 1);
            let esc = self.role_id(esc_idx).to_string();
            let mut y = Y::default();
            header(
                &mut y,
                "Trigger",
                &id,
                &title,
                Some(&owner),
                &["trigger"],
                &desc,
            );
            y.kv(0, "kpi", &kid);
            y.line("when:");
            y.kv(2, "compare_to", compare);
            y.kv(2, "deviation_above_pct", &dev.to_string());
            y.kv(2, "consecutive_periods", &periods.to_string());
            y.line("action:");
            let pb = if t < self.k.playbooks {
                Some(mid("pb", t))
            } else {
                None
            };
            if let Some(pb) = pb {
                y.kv(2, "playbook", &pb);
            }
            y.kv(2, "escalate_to", &esc);
            self.push("triggers", id, t, y, false, vec![]);
        }
    }

    fn gen_playbooks(&mut self) {
        for p in 0..self.k.playbooks {
            let id = mid("pb", p);
            let trig = p < self.k.triggers;
            let title = if trig {
                format!("Response playbook for trigger t-{p:06}")
            } else {
                format!(
                    "{} playbook {}",
                    self.rng.pick(&[
                        "Post-mortem",
                        "Scenario",
                        "Peak season",
                        "Supplier disruption"
                    ]),
                    p + 1
                )
            };
            let desc = "Steps to run, in order, with an owner and a deadline counted from the day the \
                        playbook starts. Outcomes are recorded in the next business review.";
            let owner = self.role_in("strategy");
            let mut y = Y::default();
            header(
                &mut y,
                "Playbook",
                &id,
                &title,
                Some(&owner),
                &["playbook"],
                desc,
            );
            if trig {
                y.kv(0, "trigger", &mid("t", p));
            }
            y.line("steps:");
            let ns = 3 + self.rng.below(3);
            let steps = self
                .rng
                .subset(&(0..PLAYBOOK_STEPS.len()).collect::<Vec<_>>(), ns);
            let mut days = 0;
            for s in steps {
                days += 2 + self.rng.below(10);
                y.kv(2, "- title", &sc(PLAYBOOK_STEPS[s]));
                let o = self.any_role();
                y.kv(4, "owner", &o);
                y.kv(4, "within_days", &days.to_string());
            }
            self.push("playbooks", id, p, y, false, vec![]);
        }
    }

    fn gen_data_policies(&mut self) {
        const ATTRS: &[(&str, &str)] = &[
            ("product.price", "ERP"),
            ("product.title", "PIM"),
            ("product.images", "DAM"),
            ("product.dimensions", "PIM"),
            ("customer.email", "CRM"),
            ("customer.address", "CRM"),
            ("customer.consent", "CMP"),
            ("order.status", "OMS"),
            ("order.returns", "OMS"),
            ("inventory.stock", "WMS"),
            ("supplier.terms", "ERP"),
            ("price.list", "ERP"),
        ];
        const INTEGRATIONS: &[&str] = &[
            "erp-sync",
            "pim-feed",
            "marketplace-orders",
            "crm-events",
            "payment-gateway",
            "carrier-tracking",
        ];
        for d in 0..self.k.data_policies {
            let id = mid("dp", d);
            let mut y = Y::default();
            let owner = self.role_in("data");
            header(
                &mut y,
                "DataPolicy",
                &id,
                &format!("Data governance — domain {}", d + 1),
                Some(&owner),
                &["data", "privacy"],
                "Systems of record per attribute, retention limits per market, critical integrations with \
                 their failover, and who may see which dashboard.",
            );
            y.line("master_data:");
            for j in 0..3 {
                // Unique attribute names across policies: no attribute has two owners.
                let idx = d * 3 + j;
                let (base, sys) = ATTRS[idx % ATTRS.len()];
                let round = idx / ATTRS.len();
                let attr = if round == 0 {
                    base.to_string()
                } else {
                    let m = MARKETS[(round - 1) % MARKETS.len()].0;
                    let extra = (round - 1) / MARKETS.len();
                    if extra == 0 {
                        format!("{m}.{base}")
                    } else {
                        format!("{m}-{extra}.{base}")
                    }
                };
                let steward = self.role_in("data");
                y.kv(2, "- attribute", &attr);
                y.kv(4, "owner_system", sys);
                y.kv(4, "steward", &steward);
            }
            y.line("retention:");
            let all: Vec<usize> = (0..self.k.markets).collect();
            for data in ["order-history", "web-analytics"] {
                let nm = 1 + self.rng.below(3.min(self.k.markets));
                let ms = self.rng.subset(&all, nm);
                let limit = ms.iter().map(|&m| MARKETS[m].5).min().unwrap();
                let days = [90u32, 180, 365, 730, 1095]
                    .iter()
                    .copied()
                    .filter(|&x| x <= limit)
                    .max()
                    .unwrap();
                let days = if self.rng.chance(0.5) {
                    days.min(365)
                } else {
                    days
                };
                y.kv(2, "- data", data);
                y.kv(4, "markets", &flow(&self.market_ids(&ms)));
                y.kv(4, "days", &days.to_string());
            }
            y.line("integrations:");
            let ni = 1 + self.rng.below(3);
            for j in self
                .rng
                .subset(&(0..INTEGRATIONS.len()).collect::<Vec<_>>(), ni)
            {
                let crit = self.rng.word(&["low", "medium", "high"]);
                y.kv(2, "- id", INTEGRATIONS[j]);
                y.kv(4, "criticality", crit);
                y.kv(
                    4,
                    "rate_limit_rps",
                    &self.rng.pick(&[10, 50, 100, 500]).to_string(),
                );
                if crit == "high" || self.rng.chance(0.5) {
                    y.kv(
                        4,
                        "failover",
                        self.rng
                            .word(&["queue-and-retry", "secondary-region", "manual-fallback"]),
                    );
                }
            }
            y.line("dashboards:");
            let roles: Vec<String> = (0..2)
                .map(|_| self.any_role())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            y.kv(2, "- id", "commercial-performance");
            y.kv(4, "roles", &flow(&roles));
            self.push("data-policies", id, d, y, false, vec![]);
        }
    }

    fn actuals(&mut self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for (q, period) in QUARTERS.iter().take(ACTUAL_QUARTERS).enumerate() {
            let mut s = String::from("kpi,period,actual,forecast\n");
            for k in 0..self.kpis.len() {
                if !self.kpis[k].sampled {
                    continue;
                }
                let kp = &self.kpis[k];
                let target = kp.target(q);
                // Within 2% adverse / 3% favourable of target; forecast within 1%.
                let favourable = self.rng.chance(0.7);
                let d = if favourable {
                    self.rng.unit() * 0.03
                } else {
                    -self.rng.unit() * 0.02
                };
                let sign = if kp.higher() { 1.0 } else { -1.0 };
                let actual = kp.round(target * (1.0 + sign * d));
                let forecast = kp.round(target * (1.0 + (self.rng.unit() - 0.5) * 0.02));
                let _ = writeln!(s, "{},{period},{},{}", kp.id, num(actual), num(forecast));
            }
            files.push((format!("actuals/{period}.csv"), s));
        }
        files
    }
}

// ---------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------

/// `pub(crate)` (with `run`) so `benches/phases.rs` can include this file as a
/// module and generate its corpus without a subprocess.
pub(crate) struct Args {
    pub(crate) out: PathBuf,
    pub(crate) entities: usize,
    pub(crate) seed: u64,
    pub(crate) defects: Option<usize>,
    pub(crate) force: bool,
}

const USAGE: &str = "usage: gen-corpus OUT --entities N [--seed S] [--defects K] [--force]";

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut entities = None;
    let mut seed = 1u64;
    let mut defects = None;
    let mut force = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--entities" | "-n" => {
                entities = Some(
                    value("--entities")?
                        .parse::<usize>()
                        .map_err(|e| format!("--entities: {e}"))?,
                )
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--defects" => {
                defects = Some(
                    value("--defects")?
                        .parse()
                        .map_err(|e| format!("--defects: {e}"))?,
                )
            }
            "--force" => force = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                if out.replace(PathBuf::from(s)).is_some() {
                    return Err("more than one OUT".into());
                }
            }
        }
    }
    let out = out.ok_or("missing OUT")?;
    let entities = entities.ok_or("missing --entities N")?;
    if entities < 100 {
        return Err("--entities must be at least 100".into());
    }
    Ok(Args {
        out,
        entities,
        seed,
        defects,
        force,
    })
}

/// Top-level names this generator writes; `--force` removes only these.
const OWN_NAMES: &[&str] = &[
    "goals",
    "objectives",
    "kpis",
    "initiatives",
    "roles",
    "decision-rights",
    "markets",
    "channels",
    "policies",
    "pricing",
    "stage-gates",
    "exceptions",
    "segments",
    "budgets",
    "data-policies",
    "scorecards",
    "triggers",
    "playbooks",
    "actuals",
    "stratc.yaml",
    "expected-findings.json",
];

fn prepare_out(out: &Path, force: bool) -> Result<(), String> {
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                if !force {
                    return Err(format!(
                        "{} is not empty (use --force to overwrite)",
                        out.display()
                    ));
                }
                for name in OWN_NAMES {
                    let p = out.join(name);
                    if p.is_dir() {
                        std::fs::remove_dir_all(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                    } else if p.exists() {
                        std::fs::remove_file(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                    }
                }
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))
        }
        Err(e) => Err(format!("{}: {e}", out.display())),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen-corpus: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn run(args: &Args) -> Result<(), String> {
    let t0 = Instant::now();
    let k_defects = args.defects.unwrap_or(0);
    let mut per_kind = [0usize; DEFECT_KINDS.len()];
    for j in 0..k_defects {
        per_kind[j % DEFECT_KINDS.len()] += 1;
    }
    let [
        dangling,
        dup_id,
        schema,
        discount,
        syntax,
        dup_key,
        budget_d,
        kpi_d,
        obj_d,
    ] = per_kind;

    let mut counts = Counts::new(args.entities);
    // Duplicate-id defects add a document; keep the total at N.
    counts.initiatives = counts.initiatives.saturating_sub(dup_id);
    let init_defects = dangling + schema + discount + syntax + dup_key;
    if init_defects + counts.exceptions > counts.initiatives / 2
        || budget_d > counts.budgets
        || kpi_d * 3 > counts.kpis
        || obj_d > (counts.objectives - counts.goals) / 2
        || dup_id > counts.segments
    {
        return Err(format!(
            "{k_defects} defects are too many for {} entities",
            args.entities
        ));
    }

    // Defect targets come from their own stream so the plan stays readable.
    let mut pick = Rng::new(args.seed.wrapping_mul(31).wrapping_add(7));
    let mut init_plan = vec![InitDefect::None; counts.initiatives];
    let slots = pick.permutation(counts.initiatives);
    let mut slot = slots.into_iter();
    let mut assign =
        |n: usize, d: &mut dyn FnMut(usize) -> InitDefect, plan: &mut Vec<InitDefect>| {
            for j in 0..n {
                let s = slot.next().unwrap();
                plan[s] = d(j);
            }
        };
    assign(dangling, &mut |_| InitDefect::Dangling, &mut init_plan);
    assign(schema, &mut |_| InitDefect::Schema, &mut init_plan);
    assign(discount, &mut |_| InitDefect::Discount, &mut init_plan);
    assign(
        syntax,
        &mut |j| {
            if j % 2 == 0 {
                InitDefect::SyntaxBracket
            } else {
                InitDefect::SyntaxColon
            }
        },
        &mut init_plan,
    );
    assign(dup_key, &mut |_| InitDefect::DupKey, &mut init_plan);
    assign(
        counts.exceptions,
        &mut |j| InitDefect::Excepted(j),
        &mut init_plan,
    );
    let budget_defects = pick.subset(&(0..counts.budgets).collect::<Vec<_>>(), budget_d);
    let kpi_defects = pick.subset(&(0..counts.kpis).collect::<Vec<_>>(), kpi_d);
    let obj_defects = pick.subset(
        &(counts.goals..counts.objectives).collect::<Vec<_>>(),
        obj_d,
    );
    let dup_sources = pick.subset(&(0..counts.segments).collect::<Vec<_>>(), dup_id);

    let mut g = Gen {
        rng: Rng::new(args.seed),
        k: counts,
        roles: Vec::new(),
        roles_by_dept: Vec::new(),
        segs_reserved: Vec::new(),
        segs_open: Vec::new(),
        channels_by_market: Vec::new(),
        channel_ids: Vec::new(),
        channel_titles: Vec::new(),
        policies: Vec::new(),
        policies_by_market: Vec::new(),
        kpis: Vec::new(),
        objectives: Vec::new(),
        docs: Vec::with_capacity(args.entities + 16),
    };
    g.plan_roles();
    g.gen_markets();
    g.gen_segments(&dup_sources);
    g.gen_channels();
    g.gen_channel_policy();
    g.plan_pricing();
    g.gen_decision_rights();
    g.gen_pricing();
    g.gen_stage_gates();
    g.plan_kpis(&kpi_defects);
    g.gen_kpis();
    g.gen_goals();
    g.plan_objectives(&obj_defects);
    g.gen_objectives();
    let (referencable, excepted) = g.gen_initiatives(&init_plan);
    g.gen_exceptions(&excepted);
    g.gen_budgets(&referencable, &budget_defects);
    g.gen_scorecards();
    g.gen_triggers();
    g.gen_playbooks();
    g.gen_data_policies();
    let actuals = g.actuals();

    // Files: mostly one document each; about 1% hold 2–5 documents of one kind.
    let mut kind_count: Vec<(&str, usize)> = Vec::new();
    for d in &g.docs {
        match kind_count.iter_mut().find(|(k, _)| *k == d.dir) {
            Some(e) => e.1 += 1,
            None => kind_count.push((d.dir, 1)),
        }
    }
    let sharded = |dir: &str| kind_count.iter().any(|(k, n)| *k == dir && *n > 2000);
    let mut files: Vec<(String, String)> = Vec::with_capacity(g.docs.len() + 8);
    let mut findings: Vec<(String, usize, &str)> = Vec::new();
    let mut multi = 0usize;
    let docs = std::mem::take(&mut g.docs);
    let mut group_rng = Rng::new(args.seed ^ 0xF11E);
    let mut i = 0;
    while i < docs.len() {
        let d = &docs[i];
        let mut take = 1;
        if !d.single && group_rng.chance(0.01) {
            let want = 2 + group_rng.below(4);
            while take < want
                && i + take < docs.len()
                && docs[i + take].dir == d.dir
                && !docs[i + take].single
            {
                take += 1;
            }
        }
        let path = if sharded(d.dir) {
            format!("{}/{:03}/{}.yaml", d.dir, d.index / 1000, d.stem)
        } else {
            format!("{}/{}.yaml", d.dir, d.stem)
        };
        let mut text = String::new();
        let mut line0 = 0;
        for (j, doc) in docs[i..i + take].iter().enumerate() {
            if j > 0 {
                text.push_str("---\n");
                line0 += 1;
            }
            for (rule, line) in &doc.findings {
                findings.push((path.clone(), line0 + line, rule));
            }
            line0 += doc.text.bytes().filter(|&b| b == b'\n').count();
            text.push_str(&doc.text);
        }
        if take > 1 {
            multi += 1;
        }
        files.push((path, text));
        i += take;
    }
    let n_docs = docs.len();
    drop(docs);
    let n_yaml = files.len();
    files.push((
        "stratc.yaml".into(),
        format!(
            "# Generated by gen-corpus (seed {}, {} entities).\nas_of: 2027-07-01\ngovernance:\n  deviation_decision: strategy.deviation\n",
            args.seed, args.entities
        ),
    ));
    let n_actual_rows: usize = actuals.iter().map(|(_, s)| s.lines().count() - 1).sum();
    files.extend(actuals);
    if args.defects.is_some() {
        findings.sort();
        let mut j = String::from("[\n");
        for (n, (file, line, rule)) in findings.iter().enumerate() {
            let _ = write!(
                j,
                "  {{\"rule\": \"{rule}\", \"file\": \"{file}\", \"line\": {line}}}"
            );
            j.push_str(if n + 1 < findings.len() { ",\n" } else { "\n" });
        }
        j.push_str("]\n");
        files.push(("expected-findings.json".into(), j));
    }

    prepare_out(&args.out, args.force)?;
    write_all(&args.out, &files)?;
    let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
    println!(
        "gen-corpus: {} yaml files ({} multi-document), {} entities, {} actuals rows, {} defects, {:.1} MB in {} ({:.2} s)",
        n_yaml,
        multi,
        n_docs,
        n_actual_rows,
        findings.len(),
        bytes as f64 / 1e6,
        args.out.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn write_all(out: &Path, files: &[(String, String)]) -> Result<(), String> {
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|(p, _)| Path::new(p).parent().map(|d| out.join(d)))
        .collect();
    for d in dirs {
        std::fs::create_dir_all(&d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 8);
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || -> Result<(), String> {
                    for (p, text) in part {
                        let path = out.join(p);
                        std::fs::write(&path, text)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().map_err(|_| "writer thread panicked".to_string())?)
    })
}
