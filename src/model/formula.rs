//! KPI formulas such as `ltv / cac`: parsing, the KPI ids a formula names
//! (with their byte offsets, so findings point inside the formula), unit
//! inference and evaluation.
//!
//! # Syntax
//!
//! Numbers (`100`, `0.5`), KPI ids, `+ - * /` with the usual precedence, and
//! parentheses. KPI ids are kebab-case (`[a-z0-9][a-z0-9-]*`), so a `-`
//! directly between letters or digits belongs to the id: `ltv-cac` is the id
//! `ltv-cac`, not `ltv` minus `cac`. **Write subtraction with spaces**
//! (`ltv - cac`). Any other `-` is an operator: a minus between two operands,
//! or a sign before a number, an id or a parenthesis (`ltv * -2`, `-(a + b)`).
//!
//! # Units
//!
//! A formula's unit follows from the units of the KPIs it names; numbers
//! written in the formula take the unit of what they are combined with.
//!
//! - `+` and `-` need the same unit on both sides and keep it (`percent −
//!   percent` is percent); EUR + USD or EUR + a count are mismatches.
//! - `*`: an amount (a currency, days or hours) times a plain number (a
//!   count, ratio or percentage) keeps the amount's unit (EUR × ratio is EUR,
//!   price × units sold is EUR); two amounts cannot be multiplied (EUR × EUR).
//!   Between plain numbers a count wins over a percentage over a ratio.
//!   `ratio * 100` is a percentage.
//! - `/`: the same unit on both sides gives a ratio (EUR / EUR, count /
//!   count); an amount divided by a plain number keeps the amount's unit
//!   (revenue per order is EUR); plain numbers keep the dividend's unit;
//!   `percent / 100` is a ratio. Anything per EUR, per day or per hour has
//!   no KPI unit and is a mismatch, as is EUR / USD.

use std::fmt;

use crate::values::is_valid_id;

/// A KPI unit, as written in a Kpi's `unit`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// `currency:EUR`: an amount in that ISO currency.
    Currency(String),
    Percent,
    Ratio,
    Count,
    Days,
    Hours,
}

impl Unit {
    /// Parses `currency:XXX`, `percent`, `ratio`, `count`, `days`, `hours`.
    pub fn parse(text: &str) -> Option<Unit> {
        if let Some(code) = text.strip_prefix("currency:") {
            return Some(Unit::Currency(code.to_owned()));
        }
        Some(match text {
            "percent" => Unit::Percent,
            "ratio" => Unit::Ratio,
            "count" => Unit::Count,
            "days" => Unit::Days,
            "hours" => Unit::Hours,
            _ => return None,
        })
    }

    /// In words, for messages: `EUR amounts`, `a percentage`, `a ratio`, …
    pub fn words(&self) -> String {
        match self {
            Unit::Currency(code) => format!("{code} amounts"),
            Unit::Percent => "a percentage".into(),
            Unit::Ratio => "a ratio".into(),
            Unit::Count => "a count".into(),
            Unit::Days => "days".into(),
            Unit::Hours => "hours".into(),
        }
    }

    /// An amount with a dimension (money or time), as opposed to a plain
    /// number (count, ratio, percentage).
    fn is_amount(&self) -> bool {
        matches!(self, Unit::Currency(_) | Unit::Days | Unit::Hours)
    }

    /// Between plain numbers, the unit a product keeps.
    fn plain_rank(&self) -> u8 {
        match self {
            Unit::Count => 3,
            Unit::Percent => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Unit {
    /// As written in YAML: `currency:EUR`, `percent`, …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Currency(code) => write!(f, "currency:{code}"),
            Unit::Percent => f.write_str("percent"),
            Unit::Ratio => f.write_str("ratio"),
            Unit::Count => f.write_str("count"),
            Unit::Days => f.write_str("days"),
            Unit::Hours => f.write_str("hours"),
        }
    }
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    pub fn symbol(self) -> char {
        match self {
            Op::Add => '+',
            Op::Sub => '-',
            Op::Mul => '*',
            Op::Div => '/',
        }
    }
}

/// A node of a parsed formula with its byte range in the formula text.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// Byte offset of the first character in the formula text.
    pub start: usize,
    /// Byte offset just after the last character.
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Number(f64),
    Kpi(String),
    Neg(Box<Expr>),
    /// `( … )`: kept so that spans include the parentheses.
    Group(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

/// A KPI id named in a formula and where: `offset` is the byte offset of
/// the id in the formula text (its length is `id.len()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiRef {
    pub id: String,
    pub offset: usize,
}

/// Why a formula cannot be read, and where (byte range in the formula).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// A part of a formula whose units do not combine, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMismatch {
    /// What is wrong, e.g. "`net-revenue + orders` adds a count to EUR amounts".
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub text: String,
    pub expr: Expr,
}

/// The unit of a sub-expression during inference.
#[derive(Debug, Clone, PartialEq)]
enum Inferred {
    /// A number written in the formula (its value, for `* 100`).
    Literal(f64),
    Known(Unit),
    /// Depends on a KPI whose unit is not known (an unknown id).
    Unknown,
}

impl Formula {
    /// Parses a formula (see the module documentation for the syntax).
    pub fn parse(text: &str) -> Result<Formula, SyntaxError> {
        let tokens = lex(text)?;
        let mut parser = Parser {
            tokens: &tokens,
            pos: 0,
            text_len: text.len(),
        };
        if tokens.is_empty() {
            return Err(SyntaxError {
                message: "the formula is empty".into(),
                start: 0,
                end: text.len(),
            });
        }
        let expr = parser.expr()?;
        if let Some(t) = parser.peek() {
            let message = match t.token {
                Token::Close => "this `)` has no matching `(`".to_owned(),
                _ => format!(
                    "expected an operator (+ - * /) before `{}`",
                    &text[t.start..t.end]
                ),
            };
            return Err(SyntaxError {
                message,
                start: t.start,
                end: t.end,
            });
        }
        Ok(Formula {
            text: text.to_owned(),
            expr,
        })
    }

    /// The KPI ids the formula names, in the order they are written
    /// (repeated ids appear each time).
    pub fn references(&self) -> Vec<KpiRef> {
        let mut out = Vec::new();
        collect_refs(&self.expr, &mut out);
        out
    }

    /// The unit of the formula's result, given the unit of each KPI id.
    /// `Ok(None)` when it cannot be known: a named KPI's unit is unknown
    /// (`unit_of` returns `None`), or the formula names no KPI at all.
    pub fn infer_unit(
        &self,
        unit_of: impl Fn(&str) -> Option<Unit>,
    ) -> Result<Option<Unit>, UnitMismatch> {
        match self.infer(&self.expr, &unit_of)? {
            Inferred::Known(u) => Ok(Some(u)),
            Inferred::Literal(_) | Inferred::Unknown => Ok(None),
        }
    }

    /// Computes the formula from the value of each KPI id; `None` when a
    /// value is missing or a division by zero occurs.
    pub fn evaluate(&self, value_of: impl Fn(&str) -> Option<f64>) -> Option<f64> {
        eval(&self.expr, &value_of).filter(|v| v.is_finite())
    }

    fn snippet(&self, e: &Expr) -> &str {
        &self.text[e.start..e.end]
    }

    fn infer(
        &self,
        e: &Expr,
        unit_of: &dyn Fn(&str) -> Option<Unit>,
    ) -> Result<Inferred, UnitMismatch> {
        Ok(match &e.kind {
            ExprKind::Number(v) => Inferred::Literal(*v),
            ExprKind::Kpi(id) => unit_of(id).map_or(Inferred::Unknown, Inferred::Known),
            ExprKind::Group(inner) => self.infer(inner, unit_of)?,
            ExprKind::Neg(inner) => match self.infer(inner, unit_of)? {
                Inferred::Literal(v) => Inferred::Literal(-v),
                other => other,
            },
            ExprKind::Binary(op, l, r) => {
                let (lu, ru) = (self.infer(l, unit_of)?, self.infer(r, unit_of)?);
                self.combine(*op, e, lu, ru)?
            }
        })
    }

    fn combine(
        &self,
        op: Op,
        e: &Expr,
        l: Inferred,
        r: Inferred,
    ) -> Result<Inferred, UnitMismatch> {
        use Inferred::{Known, Literal, Unknown};
        let mismatch = |what: String| UnitMismatch {
            message: format!("`{}` {what}", self.snippet(e)),
            start: e.start,
            end: e.end,
        };
        Ok(match (op, l, r) {
            (_, Unknown, _) | (_, _, Unknown) => Unknown,
            (_, Literal(a), Literal(b)) => Literal(match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div => a / b,
            }),
            (Op::Add | Op::Sub, Literal(_), Known(u))
            | (Op::Add | Op::Sub, Known(u), Literal(_)) => Known(u),
            (Op::Add | Op::Sub, Known(a), Known(b)) => {
                if a == b {
                    Known(a)
                } else if op == Op::Add {
                    return Err(mismatch(format!("adds {} to {}", b.words(), a.words())));
                } else {
                    return Err(mismatch(format!(
                        "subtracts {} from {}",
                        b.words(),
                        a.words()
                    )));
                }
            }
            (Op::Mul, Literal(v), Known(u)) | (Op::Mul, Known(u), Literal(v)) => Known(match u {
                Unit::Ratio if v == 100.0 => Unit::Percent,
                Unit::Percent if v == 0.01 => Unit::Ratio,
                u => u,
            }),
            (Op::Mul, Known(a), Known(b)) => match (a.is_amount(), b.is_amount()) {
                (true, true) => {
                    return Err(mismatch(format!(
                        "multiplies {} by {}, which gives no KPI unit",
                        a.words(),
                        b.words()
                    )));
                }
                (true, false) => Known(a),
                (false, true) => Known(b),
                (false, false) if b.plain_rank() > a.plain_rank() => Known(b),
                (false, false) => Known(a),
            },
            (Op::Div, Known(u), Literal(v)) => Known(match u {
                Unit::Percent if v == 100.0 => Unit::Ratio,
                u => u,
            }),
            (Op::Div, Literal(_), Known(u)) => {
                if u.is_amount() {
                    return Err(mismatch(format!(
                        "gives a value per {}, which is not a KPI unit",
                        per_words(&u)
                    )));
                }
                Known(Unit::Ratio)
            }
            (Op::Div, Known(a), Known(b)) => {
                if a == b {
                    Known(Unit::Ratio)
                } else if b.is_amount() {
                    return Err(mismatch(format!(
                        "divides {} by {}: a value per {} is not a KPI unit",
                        a.words(),
                        b.words(),
                        per_words(&b)
                    )));
                } else {
                    Known(a)
                }
            }
        })
    }
}

fn per_words(u: &Unit) -> String {
    match u {
        Unit::Currency(code) => code.clone(),
        Unit::Days => "day".into(),
        Unit::Hours => "hour".into(),
        other => other.to_string(),
    }
}

fn collect_refs(e: &Expr, out: &mut Vec<KpiRef>) {
    match &e.kind {
        ExprKind::Number(_) => {}
        ExprKind::Kpi(id) => out.push(KpiRef {
            id: id.clone(),
            offset: e.start,
        }),
        ExprKind::Neg(inner) | ExprKind::Group(inner) => collect_refs(inner, out),
        ExprKind::Binary(_, l, r) => {
            collect_refs(l, out);
            collect_refs(r, out);
        }
    }
}

fn eval(e: &Expr, value_of: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
    match &e.kind {
        ExprKind::Number(v) => Some(*v),
        ExprKind::Kpi(id) => value_of(id),
        ExprKind::Neg(inner) => eval(inner, value_of).map(|v| -v),
        ExprKind::Group(inner) => eval(inner, value_of),
        ExprKind::Binary(op, l, r) => {
            let (a, b) = (eval(l, value_of)?, eval(r, value_of)?);
            match op {
                Op::Add => Some(a + b),
                Op::Sub => Some(a - b),
                Op::Mul => Some(a * b),
                Op::Div if b == 0.0 => None,
                Op::Div => Some(a / b),
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Id(String),
    Op(Op),
    Open,
    Close,
}

#[derive(Debug, Clone)]
struct Spanned {
    token: Token,
    start: usize,
    end: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
}

fn lex(text: &str) -> Result<Vec<Spanned>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let single = match b {
            b'+' => Some(Token::Op(Op::Add)),
            b'-' => Some(Token::Op(Op::Sub)),
            b'*' => Some(Token::Op(Op::Mul)),
            b'/' => Some(Token::Op(Op::Div)),
            b'(' => Some(Token::Open),
            b')' => Some(Token::Close),
            _ => None,
        };
        if let Some(token) = single {
            tokens.push(Spanned {
                token,
                start: i,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_byte(b) {
            let c = text[i..].chars().next().unwrap_or('?');
            return Err(SyntaxError {
                message: format!(
                    "`{c}` cannot appear in a formula: use KPI ids, numbers, + - * / and parentheses"
                ),
                start: i,
                end: i + c.len_utf8(),
            });
        }
        // A word: letters, digits, `_`, `.`, and `-` directly followed by one of them.
        let start = i;
        while i < bytes.len()
            && (is_word_byte(bytes[i])
                || (bytes[i] == b'-' && bytes.get(i + 1).is_some_and(|&n| is_word_byte(n))))
        {
            i += 1;
        }
        let word = &text[start..i];
        let is_number = word.bytes().any(|b| b.is_ascii_digit())
            && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && word.bytes().filter(|&b| b == b'.').count() <= 1;
        let token = if is_number {
            Token::Number(word.parse().map_err(|_| SyntaxError {
                message: format!("`{word}` is not a number"),
                start,
                end: i,
            })?)
        } else if is_valid_id(word) && !word.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            Token::Id(word.to_owned())
        } else {
            let hint = if word
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            {
                format!(
                    "write subtraction with spaces, e.g. `{}`",
                    word.replace('-', " - ")
                )
            } else {
                "KPI ids are lower-case letters, digits and dashes, e.g. `ltv-cac-ratio`".to_owned()
            };
            return Err(SyntaxError {
                message: format!("`{word}` is neither a number nor a KPI id: {hint}"),
                start,
                end: i,
            });
        };
        tokens.push(Spanned {
            token,
            start,
            end: i,
        });
    }
    Ok(tokens)
}

struct Parser<'t> {
    tokens: &'t [Spanned],
    pos: usize,
    text_len: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Spanned> {
        self.tokens.get(self.pos)
    }

    fn binary(
        &mut self,
        ops: &[Op],
        next: fn(&mut Self) -> Result<Expr, SyntaxError>,
    ) -> Result<Expr, SyntaxError> {
        let mut lhs = next(self)?;
        while let Some(Spanned {
            token: Token::Op(op),
            ..
        }) = self.peek()
        {
            let op = *op;
            if !ops.contains(&op) {
                break;
            }
            self.pos += 1;
            let rhs = next(self)?;
            lhs = Expr {
                start: lhs.start,
                end: rhs.end,
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
            };
        }
        Ok(lhs)
    }

    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        self.binary(&[Op::Add, Op::Sub], Self::term)
    }

    fn term(&mut self) -> Result<Expr, SyntaxError> {
        self.binary(&[Op::Mul, Op::Div], Self::factor)
    }

    fn factor(&mut self) -> Result<Expr, SyntaxError> {
        let Some(t) = self.peek().cloned() else {
            return Err(SyntaxError {
                message: "the formula ends where a KPI id or a number is expected".into(),
                start: self.text_len.saturating_sub(1),
                end: self.text_len,
            });
        };
        self.pos += 1;
        let leaf = |kind| Expr {
            kind,
            start: t.start,
            end: t.end,
        };
        match t.token {
            Token::Number(v) => Ok(leaf(ExprKind::Number(v))),
            Token::Id(id) => Ok(leaf(ExprKind::Kpi(id))),
            Token::Op(Op::Sub) => {
                let inner = self.factor()?;
                Ok(Expr {
                    start: t.start,
                    end: inner.end,
                    kind: ExprKind::Neg(Box::new(inner)),
                })
            }
            Token::Open => {
                let inner = self.expr()?;
                match self.peek() {
                    Some(Spanned {
                        token: Token::Close,
                        end,
                        ..
                    }) => {
                        let end = *end;
                        self.pos += 1;
                        Ok(Expr {
                            start: t.start,
                            end,
                            kind: ExprKind::Group(Box::new(inner)),
                        })
                    }
                    _ => Err(SyntaxError {
                        message: "this `(` is never closed".into(),
                        start: t.start,
                        end: t.end,
                    }),
                }
            }
            Token::Op(op) => Err(SyntaxError {
                message: format!("`{}` needs a KPI id or a number before it", op.symbol()),
                start: t.start,
                end: t.end,
            }),
            Token::Close => Err(SyntaxError {
                message: "a KPI id or a number is missing before this `)`".into(),
                start: t.start,
                end: t.end,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(id: &str) -> Option<Unit> {
        Unit::parse(match id {
            "ltv" | "cac" | "net-revenue" | "cogs" | "aov" => "currency:EUR",
            "us-revenue" => "currency:USD",
            "orders" | "sessions" => "count",
            "gross-margin" | "return-rate" => "percent",
            "ltv-cac-ratio" => "ratio",
            "lead-time" => "days",
            _ => return None,
        })
    }

    fn unit(text: &str) -> Result<Option<Unit>, UnitMismatch> {
        Formula::parse(text).unwrap().infer_unit(units)
    }

    #[test]
    fn kebab_ids_and_subtraction_with_spaces() {
        let f = Formula::parse("net-revenue - cogs").unwrap();
        let refs = f.references();
        assert_eq!(
            refs,
            vec![
                KpiRef {
                    id: "net-revenue".into(),
                    offset: 0
                },
                KpiRef {
                    id: "cogs".into(),
                    offset: 14
                }
            ]
        );
        // Without spaces it is one id.
        let f = Formula::parse("ltv-cac").unwrap();
        assert_eq!(f.references()[0].id, "ltv-cac");
        // A sign after an operator, before a number or a parenthesis.
        let f = Formula::parse("ltv * -2 + -(cac)").unwrap();
        assert_eq!(
            f.evaluate(|id| if id == "ltv" { Some(10.0) } else { Some(1.0) }),
            Some(-21.0)
        );
        // `ltv -cac` is ltv minus cac (the `-` follows a space).
        let f = Formula::parse("ltv -cac").unwrap();
        assert_eq!(
            f.evaluate(|id| if id == "ltv" { Some(10.0) } else { Some(4.0) }),
            Some(6.0)
        );
    }

    #[test]
    fn precedence_parentheses_and_evaluation() {
        let f = Formula::parse("(ltv - cac) / cac * 100").unwrap();
        let v = f.evaluate(|id| match id {
            "ltv" => Some(148.2),
            "cac" => Some(51.3),
            _ => None,
        });
        // (148.2 - 51.3) / 51.3 * 100 = 188.89
        assert!((v.unwrap() - 188.888_888).abs() < 1e-3);
        let f = Formula::parse("ltv / cac").unwrap();
        assert_eq!(
            f.evaluate(|id| if id == "cac" { Some(0.0) } else { Some(1.0) }),
            None
        );
        assert_eq!(f.evaluate(|_| None), None);
        assert_eq!(
            Formula::parse("1 + 2 * 3").unwrap().evaluate(|_| None),
            Some(7.0)
        );
    }

    #[test]
    fn syntax_errors_point_at_the_problem() {
        let e = Formula::parse("ltv / ").unwrap_err();
        assert_eq!((e.start, e.end), (5, 6));
        let e = Formula::parse("(ltv / cac").unwrap_err();
        assert_eq!((e.start, e.end), (0, 1));
        let e = Formula::parse("ltv cac").unwrap_err();
        assert_eq!((e.start, e.end), (4, 7));
        let e = Formula::parse("LTV / cac").unwrap_err();
        assert!(e.message.contains("lower-case"), "{}", e.message);
        let e = Formula::parse("100-5").unwrap_err();
        assert!(e.message.contains("`100 - 5`"), "{}", e.message);
        let e = Formula::parse("ltv % cac").unwrap_err();
        assert_eq!((e.start, e.end), (4, 5));
        assert!(Formula::parse("  ").is_err());
        assert!(Formula::parse("ltv / cac)").is_err());
        assert!(Formula::parse("* ltv").is_err());
    }

    #[test]
    fn unit_inference() {
        assert_eq!(unit("ltv / cac"), Ok(Some(Unit::Ratio)));
        assert_eq!(
            unit("net-revenue - cogs"),
            Ok(Some(Unit::Currency("EUR".into())))
        );
        assert_eq!(
            unit("cac * ltv-cac-ratio"),
            Ok(Some(Unit::Currency("EUR".into())))
        );
        assert_eq!(unit("gross-margin - return-rate"), Ok(Some(Unit::Percent)));
        assert_eq!(
            unit("net-revenue / orders"),
            Ok(Some(Unit::Currency("EUR".into())))
        );
        assert_eq!(unit("aov * orders"), Ok(Some(Unit::Currency("EUR".into()))));
        assert_eq!(unit("orders / sessions"), Ok(Some(Unit::Ratio)));
        assert_eq!(unit("orders / sessions * 100"), Ok(Some(Unit::Percent)));
        assert_eq!(unit("gross-margin / 100"), Ok(Some(Unit::Ratio)));
        assert_eq!(unit("ltv * 2"), Ok(Some(Unit::Currency("EUR".into()))));
        assert_eq!(unit("2 + 3"), Ok(None));
        assert_eq!(unit("ltv / unknown-kpi"), Ok(None));
    }

    #[test]
    fn unit_mismatches_name_the_part_of_the_formula() {
        let e = unit("(net-revenue + orders) / sessions").unwrap_err();
        assert_eq!(
            e.message,
            "`net-revenue + orders` adds a count to EUR amounts"
        );
        assert_eq!((e.start, e.end), (1, 21));
        let e = unit("net-revenue - us-revenue").unwrap_err();
        assert_eq!(
            e.message,
            "`net-revenue - us-revenue` subtracts USD amounts from EUR amounts"
        );
        assert!(unit("ltv * cac").is_err());
        assert!(unit("orders / lead-time").is_err());
        assert!(unit("1 / cac").is_err());
        assert!(unit("gross-margin + ltv-cac-ratio").is_err());
    }
}
