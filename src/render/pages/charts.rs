//! The pictures of document pages and scorecards, from the model: a KPI's
//! sparkline, red/amber/green badges, the explainable status of a goal or
//! objective, the approval ladder, the price waterfall and budget
//! allocations. The drawing is in `render::svg`; here is what is drawn.

use serde::Serialize;

use crate::metrics::{self, Rag};
use crate::model::DocId;
use crate::model::kinds::{Approvals, Budget, Direction, Kpi, Waterfall};
use crate::numbers::{in_unit, money, pct, plain};
use crate::render::format::{kind_label, share_of};
use crate::render::site::{Site, rag_tone};
use crate::render::svg::chart::{self, Bar, Bars, Mark, Point, Segment, Series};
use crate::render::svg::{self, Figure, Tone};
use crate::render::view::Link;

/// Periods a sparkline shows, the latest last.
const SPARK_PERIODS: usize = 12;

/// A coloured dot and the status in words ("red: 14% worse than target").
pub(crate) fn rag_badge(rag: Rag, words: &str) -> Figure {
    svg::badge(rag_tone(rag), words)
}

/// The sparkline of KPI `id`: its latest actuals, the target of each
/// period, the amber and red bands; linking to the KPI's page.
pub(crate) fn kpi_sparkline(site: &Site<'_>, page: &str, id: &str) -> Option<Figure> {
    let (d, kpi) = site.model.get::<Kpi>(id)?;
    let rows = site.model.actuals.rows(id);
    let rows = &rows[rows.len().saturating_sub(SPARK_PERIODS)..];
    let unit = kpi.unit.as_str();
    let points = rows
        .iter()
        .map(|row| {
            let target = metrics::target_for(kpi, &row.period);
            let text = match target {
                Some(t) => format!(
                    "{} {} against a target of {}",
                    row.period.0,
                    in_unit(row.actual, unit),
                    in_unit(t, unit)
                ),
                None => format!("{} {}, no target", row.period.0, in_unit(row.actual, unit)),
            };
            Point {
                actual: row.actual,
                target,
                text,
            }
        })
        .collect();
    let status = metrics::kpi_status(site.model, id)?;
    chart::sparkline(&Series {
        label: site.model.docs[d].display_name().to_owned(),
        points,
        higher_is_better: kpi.direction == Direction::HigherIsBetter,
        amber_pct: kpi.thresholds.as_ref().map(|t| t.amber_pct.0),
        red_pct: kpi.thresholds.as_ref().map(|t| t.red_pct.0),
        latest: status.rag.map(rag_tone),
        href: Some(site.page_url(page, d)),
    })
}

/// Why a goal or objective has its status: the rule's result and every
/// part it is rolled up from, with its weight.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Explained {
    pub subject: Link,
    pub kind: &'static str,
    pub badge: Option<Figure>,
    /// "amber: weighted score 1.2 of 2" or why there is none.
    pub status: String,
    /// "Pulled down by …" in one sentence, or none when nothing is amber or red.
    pub pulled: Option<String>,
    pub parts: Vec<PartView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartView {
    pub link: Link,
    pub kind: &'static str,
    pub weight: String,
    pub badge: Option<Figure>,
    pub status: String,
}

/// The explained status of goal or objective `d`; `None` for other kinds.
pub(crate) fn explained(site: &Site<'_>, page: &str, d: DocId) -> Option<Explained> {
    let rollup = site.rollups.get(d)?.as_ref()?;
    let parts = rollup
        .parts
        .iter()
        .map(|p| {
            let link = match p.doc {
                Some(pd) => site.doc_link(page, pd),
                None => Link::text(format!("{} (not found)", p.id)),
            };
            let weight = format!(
                "{}{}",
                pct(p.weight),
                if p.written { "" } else { " (equal share)" }
            );
            PartView {
                link,
                kind: if p.kpi { "KPI" } else { "Objective" },
                weight,
                badge: p.rag.map(|r| rag_badge(r, r.as_str())),
                status: match p.rag {
                    Some(r) => r.as_str().to_owned(),
                    None if p.kpi => "no status (no actuals or no target)".to_owned(),
                    None => "no status (nothing below it has one)".to_owned(),
                },
            }
        })
        .collect();
    let status = match (rollup.rag, rollup.score) {
        (Some(rag), Some(score)) => format!(
            "{}: weighted score {} of 2 (green 0, amber 1, red 2)",
            rag.as_str(),
            plain(score, 2)
        ),
        _ if rollup.parts.is_empty() => {
            "no status: no KPI measures it and no objective supports it".to_owned()
        }
        _ => "no status: none of its KPIs and objectives has one yet".to_owned(),
    };
    let pulled: Vec<String> = rollup
        .pulling_down()
        .iter()
        .map(|p| {
            let name = match p.doc {
                Some(pd) => site.model.docs[pd].display_name().to_owned(),
                None => p.id.clone(),
            };
            format!(
                "{name} ({}, {}, weight {})",
                if p.kpi { "KPI" } else { "objective" },
                p.rag.map_or("", Rag::as_str),
                pct(p.weight)
            )
        })
        .collect();
    Some(Explained {
        subject: site.doc_link(page, d),
        kind: kind_label(site.model.docs[d].kind()),
        badge: rollup.rag.map(|r| rag_badge(r, &status)),
        status,
        pulled: (!pulled.is_empty()).then(|| format!("Pulled down by {}.", pulled.join("; "))),
        parts,
    })
}

/// A round scale that holds `max`, and ticks on it: steps of 1, 2, 2.5
/// or 5 times a power of ten, about four of them.
fn scale(max: f64, text: impl Fn(f64) -> String) -> (f64, Vec<(f64, String)>) {
    let max = if max > 0.0 && max.is_finite() {
        max
    } else {
        1.0
    };
    let rough = max / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * power);
    let count = (max / step - 1e-9).ceil().max(1.0) as u32;
    let ticks = (0..=count)
        .map(|i| {
            let at = step * f64::from(i);
            (at, text(at))
        })
        .collect();
    (step * f64::from(count), ticks)
}

/// The approval ladder: each tier's band of discounts, coloured by how
/// high it escalates, against the largest discount a category allows.
pub(crate) fn ladder_chart(
    site: &Site<'_>,
    page: &str,
    approvals: &Approvals,
    largest_category_discount: Option<f64>,
) -> Option<Figure> {
    let n = approvals.tiers.len();
    let mut previous = 0.0;
    let bars = approvals
        .tiers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let max = t.max_discount_pct.0;
            let from = if previous < max { previous } else { 0.0 };
            previous = max;
            let tone = if i + 1 == n && n > 1 {
                Tone::Red
            } else if i == 0 {
                Tone::Green
            } else {
                Tone::Amber
            };
            let role = site.role_link(page, &t.approver);
            let href = site
                .model
                .by_id
                .get(t.approver.as_str())
                .map(|&r| site.page_url(page, r));
            let mut note = format!("above {} up to {}", pct(from), pct(max));
            if let Some(m) = &t.max_deal_size {
                note.push_str(&format!(", deals up to {}", money(m.amount, &m.currency)));
            }
            Bar {
                label: role.text,
                href,
                segments: vec![Segment {
                    from,
                    to: max,
                    tone,
                    inner: false,
                }],
                note,
            }
        })
        .collect::<Vec<_>>();
    let top = bars
        .iter()
        .flat_map(|b| b.segments.iter().map(|s| s.to))
        .fold(0.0, f64::max);
    let marks = largest_category_discount
        .map(|x| Mark {
            at: x,
            text: format!("largest category discount {}", pct(x)),
            tone: if x > top + 1e-9 {
                Tone::Red
            } else {
                Tone::Active
            },
        })
        .into_iter()
        .collect();
    let (max, ticks) = scale(top.max(largest_category_discount.unwrap_or(0.0)), pct);
    chart::bars(&Bars {
        label: "Approval ladder: who approves which discount".to_owned(),
        bars,
        marks,
        ticks,
        max,
    })
}

/// The price waterfall: each component's cap stacked on the ones before,
/// the total, and the leakage limit they must stay under.
pub(crate) fn waterfall_chart(w: &Waterfall) -> Option<Figure> {
    let limit = w.max_leakage_pct.0;
    let mut at = 0.0;
    let mut bars: Vec<Bar> = w
        .components
        .iter()
        .map(|c| {
            let from = at;
            at += c.max_pct.0;
            Bar {
                label: c.name.clone(),
                href: None,
                segments: vec![Segment {
                    from,
                    to: at,
                    tone: if at > limit + 1e-9 {
                        Tone::Red
                    } else {
                        Tone::Active
                    },
                    inner: false,
                }],
                note: format!("cap {}, {} so far", pct(c.max_pct.0), pct(at)),
            }
        })
        .collect();
    let over = at > limit + 1e-9;
    bars.push(Bar {
        label: "All caps together".to_owned(),
        href: None,
        segments: vec![Segment {
            from: 0.0,
            to: at,
            tone: if over { Tone::Red } else { Tone::Green },
            inner: false,
        }],
        note: if over {
            format!("{}: {} over the limit", pct(at), pct(at - limit))
        } else {
            format!("{}: within the limit", pct(at))
        },
    });
    let (max, ticks) = scale(at.max(limit), pct);
    chart::bars(&Bars {
        label: format!(
            "Price waterfall: component caps stacked against the leakage limit of {}",
            pct(limit)
        ),
        bars,
        marks: vec![Mark {
            at: limit,
            text: format!("leakage limit {}", pct(limit)),
            tone: Tone::Red,
        }],
        ticks,
        max,
    })
}

/// Budget allocations: each one's planned amount (its share of the total)
/// with what is spent drawn over it, red when spending passed the plan.
pub(crate) fn budget_chart(site: &Site<'_>, page: &str, b: &Budget) -> Option<Figure> {
    let total = &b.total;
    let bars: Vec<Bar> = b
        .allocations
        .iter()
        .map(|a| {
            let planned = total.amount * a.share_pct.0 / 100.0;
            let mut segments = vec![Segment {
                from: 0.0,
                to: planned,
                tone: Tone::Planned,
                inner: false,
            }];
            let mut note = format!(
                "{} ({})",
                share_of(total, a.share_pct.0),
                pct(a.share_pct.0)
            );
            if let Some(spent) = &a.spent {
                let over = spent.amount > planned + 1e-9;
                segments.push(Segment {
                    from: 0.0,
                    to: spent.amount,
                    tone: if over { Tone::Red } else { Tone::Active },
                    inner: true,
                });
                let share = if planned > 0.0 {
                    format!(", {} of it", pct(spent.amount / planned * 100.0))
                } else {
                    String::new()
                };
                note.push_str(&format!(
                    "; spent {}{share}",
                    money(spent.amount, &spent.currency)
                ));
            }
            let (label, href) = match site.model.by_id.get(a.to.as_str()) {
                Some(&d) => (
                    site.model.docs[d].display_name().to_owned(),
                    Some(site.page_url(page, d)),
                ),
                _ => (format!("{} (not found)", a.to), None),
            };
            Bar {
                label,
                href,
                segments,
                note,
            }
        })
        .collect();
    let currency = total.currency.clone();
    let (max, ticks) = scale(
        bars.iter()
            .flat_map(|b| b.segments.iter().map(|s| s.to))
            .fold(0.0, f64::max),
        |x| money(x, &currency),
    );
    chart::bars(&Bars {
        label: format!(
            "Budget {}: planned share of {} per allocation, with what is spent",
            b.period.0,
            money(total.amount, &total.currency)
        ),
        bars,
        marks: Vec::new(),
        ticks,
        max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round_and_hold_the_largest_value() {
        let (max, ticks) = scale(35.0, pct);
        assert_eq!(max, 40.0);
        let texts: Vec<&str> = ticks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["0%", "10%", "20%", "30%", "40%"]);
        assert_eq!(scale(22.0, pct).0, 30.0);
        assert_eq!(scale(1_200_000.0, |x| money(x, "EUR")).0, 1_500_000.0);
        assert_eq!(scale(0.0, pct).0, 1.0);
    }
}
