//! Pages of the pricing family: pricing policies with their categories,
//! advertised-price rules, waterfall, promotions and subscriptions; deals,
//! and the deals page of each policy.

use serde::Serialize;

use super::builder::Builder;
use super::charts;
use crate::model::DocId;
use crate::model::kinds::{Deal, DealOutcome, PricingPolicy};
use crate::numbers::{pct, plain};
use crate::render::format::{amount, or_dash, text_list};
use crate::render::site::Site;
use crate::render::view::{Cell, DocView, Link, Section, SiteInfo, Table, cell, to_value};

impl Builder<'_, '_> {
    pub(crate) fn pricing_policy(&mut self, d: DocId, p: &PricingPolicy) {
        self.fact("Markets", self.ids(&p.markets));
        self.fact("Owner", self.owner_cell(d));
        self.fact("Protected segments", self.ids(&p.protected_segments));
        self.text(
            "Largest price gap between markets",
            p.geo.as_ref().map(|g| pct(g.max_price_gap_pct.0)),
        );
        if let Some(g) = p.geo.as_ref().filter(|g| !g.neighbours.is_empty()) {
            let pairs: Vec<String> = g
                .neighbours
                .iter()
                .map(|[a, b]| format!("{a} – {b}"))
                .collect();
            self.text("Neighbouring markets compared", Some(pairs.join(", ")));
        }
        if !p.customer_tiers.is_empty() {
            let tiers: Vec<String> = p
                .customer_tiers
                .iter()
                .map(|t| match &t.title {
                    Some(title) => format!("{} ({title})", t.id),
                    None => t.id.clone(),
                })
                .collect();
            self.text("Customer tiers", Some(tiers.join(", ")));
        }
        if let Some(page) = self.site.pages.deals.get(&d) {
            self.fact(
                "Deals",
                vec![
                    self.site
                        .page_link(self.page, page, "open, won and lost deals"),
                ],
            );
        }
        if let Some(dec) = p
            .promotions
            .as_ref()
            .and_then(|x| x.calendar_decision.as_ref())
        {
            self.fact(
                "Promotional calendar conflicts",
                vec![self.site.decision_link(self.page, dec)],
            );
        }
        if let Some(a) = &p.approvals {
            let mut value = vec![self.site.decision_link(self.page, &a.decision)];
            if let Some(page) = self.site.pages.ladder.get(&d) {
                value.push(self.site.page_link(self.page, page, "exception ladder"));
            }
            self.fact("Discount approvals", value);
        }
        let rows = p
            .categories
            .iter()
            .map(|c| {
                vec![
                    cell(c.id.clone()),
                    cell(pct(c.list_margin_pct.0)),
                    cell(pct(c.floor_margin_pct.0)),
                    cell(pct(c.max_discount_pct.0)),
                ]
            })
            .collect();
        if let Some(a) = &p.approvals {
            let largest = p
                .categories
                .iter()
                .map(|c| c.max_discount_pct.0)
                .reduce(f64::max);
            let rows = a
                .tiers
                .iter()
                .map(|t| {
                    vec![
                        cell(pct(t.max_discount_pct.0)),
                        vec![self.role(&t.approver)],
                    ]
                })
                .collect();
            self.table(
                "Approval ladder",
                &["Discounts up to", "Approved by"],
                rows,
                None,
            );
            self.figure(charts::ladder_chart(self.site, self.page, a, largest));
        }
        self.table(
            "Categories",
            &[
                "Category",
                "List margin",
                "Margin floor",
                "Largest discount",
            ],
            rows,
            None,
        );
        let rows = p
            .map
            .iter()
            .map(|m| {
                let mut covered = m.categories.join(", ");
                if !m.channel_types.is_empty() {
                    let types: Vec<String> = m
                        .channel_types
                        .iter()
                        .map(|t| t.as_str().replace('_', " "))
                        .collect();
                    covered.push_str(&format!(" (on {} channels only)", types.join(", ")));
                }
                vec![
                    cell(covered),
                    cell(format!("{} of list price", pct(m.min_price_ratio * 100.0))),
                    cell(or_dash(m.monitoring.map(|x| x.as_str().to_owned()))),
                    m.sanctions.iter().map(Link::text).collect(),
                ]
            })
            .collect();
        self.table(
            "Minimum advertised prices",
            &[
                "Categories",
                "Lowest advertised price",
                "Monitoring",
                "Sanctions",
            ],
            rows,
            None,
        );
        if let Some(w) = &p.waterfall {
            let mut rows: Vec<Vec<Cell>> = w
                .components
                .iter()
                .map(|c| vec![cell(c.name.clone()), cell(pct(c.max_pct.0))])
                .collect();
            rows.push(vec![
                cell("Total leakage allowed"),
                cell(pct(w.max_leakage_pct.0)),
            ]);
            self.table("Price waterfall", &["Component", "Cap"], rows, None);
            self.figure(charts::waterfall_chart(w));
        }
        if let Some(promo) = &p.promotions {
            if let Some(m) = &promo.match_competitors {
                self.text(
                    "Competitor price matching",
                    Some(match (m.allowed, m.max_discount_pct) {
                        (false, _) => "not allowed".to_owned(),
                        (true, Some(x)) => format!("allowed up to {}", pct(x.0)),
                        (true, None) => "allowed".to_owned(),
                    }),
                );
                self.fact("Never matched for", self.ids(&m.exclude_segments));
            }
            if let Some(f) = &promo.flash_sales {
                let mut text = format!("up to {}", pct(f.max_discount_pct.0));
                if let Some(h) = f.max_duration_hours {
                    text.push_str(&format!(", at most {} hours", plain(h, 1)));
                }
                self.text("Flash sales", Some(text));
                self.fact("No flash sales for", self.ids(&f.exclude_segments));
            }
        }
        if let Some(s) = &p.subscriptions {
            let rows = s
                .tiers
                .iter()
                .map(|t| vec![cell(t.id.clone()), cell(amount(&t.monthly))])
                .collect();
            self.table("Subscription tiers", &["Tier", "Monthly price"], rows, None);
        }
        if let Some(m) = &p.monitoring {
            self.text("Monitored SKUs", text_list(&m.skus));
            self.text("Price alert at a gap of", m.alert_gap_pct.map(|x| pct(x.0)));
            self.text("Response to an alert", m.response.clone());
        }
    }
}

/// The context of `site/deals.md`.
#[derive(Serialize)]
struct DealsContext<'a> {
    site: &'a SiteInfo,
    doc: DocView,
    policy: Link,
    ladder: Option<Link>,
    counts: DealCounts,
    sections: Vec<Section>,
}

#[derive(Serialize, Default)]
struct DealCounts {
    open: usize,
    won: usize,
    lost: usize,
}

/// The deals page of a pricing policy: its deals by outcome, then the
/// reasons deals were won and lost in each segment (a deal without a
/// segment counts under its customer tier).
pub(crate) fn deals(site: &Site<'_>, page: &str, d: DocId) -> minijinja::Value {
    let model = site.model;
    let deals: Vec<(DocId, &Deal)> = model
        .all::<Deal>()
        .filter(|(_, deal)| model.deal_policy(deal).is_some_and(|(p, _)| p == d))
        .collect();
    let mut counts = DealCounts::default();
    let mut sections = Vec::new();
    for (outcome, title) in [
        (DealOutcome::Open, "Open deals"),
        (DealOutcome::Won, "Won"),
        (DealOutcome::Lost, "Lost"),
    ] {
        let rows: Vec<Vec<Cell>> = deals
            .iter()
            .filter(|(_, deal)| deal.outcome == outcome)
            .map(|&(x, deal)| {
                vec![
                    vec![site.doc_link(page, x)],
                    cell(customer_words(deal)),
                    cell(deal.market.clone()),
                    cell(amount(&deal.deal_size)),
                    cell(pct(deal.discount_pct.0)),
                    deal.approved_by
                        .as_deref()
                        .map(|r| vec![site.role_link(page, r)])
                        .unwrap_or_else(|| cell("—")),
                    cell(or_dash(
                        (!deal.reasons.is_empty()).then(|| deal.reasons.join("; ")),
                    )),
                ]
            })
            .collect();
        match outcome {
            DealOutcome::Open => counts.open = rows.len(),
            DealOutcome::Won => counts.won = rows.len(),
            DealOutcome::Lost => counts.lost = rows.len(),
        }
        sections.push(Section {
            title: title.to_owned(),
            table: (!rows.is_empty()).then(|| Table {
                columns: [
                    "Deal",
                    "Customer",
                    "Market",
                    "Deal size",
                    "Discount",
                    "Approved by",
                    "Reasons",
                ]
                .iter()
                .map(|c| (*c).to_owned())
                .collect(),
                rows,
            }),
            empty: Some("None.".to_owned()),
            ..Section::default()
        });
    }
    // Segment (or tier) -> (won, lost, reasons won, reasons lost), in first-seen order.
    let mut by_segment: Vec<WinLoss> = Vec::new();
    for (_, deal) in &deals {
        if deal.outcome == DealOutcome::Open {
            continue;
        }
        let key = match (&deal.segment, &deal.customer_tier) {
            (Some(s), _) => model
                .doc(s)
                .map_or_else(|| s.clone(), |doc| doc.display_name().to_owned()),
            (None, Some(t)) => format!("customer tier {t}"),
            (None, None) => "no segment".to_owned(),
        };
        let i = match by_segment.iter().position(|row| row.0 == key) {
            Some(i) => i,
            None => {
                by_segment.push((key, 0, 0, Vec::new(), Vec::new()));
                by_segment.len() - 1
            }
        };
        let row = &mut by_segment[i];
        let (count, reasons) = if deal.outcome == DealOutcome::Won {
            (&mut row.1, &mut row.3)
        } else {
            (&mut row.2, &mut row.4)
        };
        *count += 1;
        for r in &deal.reasons {
            if !reasons.contains(r) {
                reasons.push(r.clone());
            }
        }
    }
    let rows: Vec<Vec<Cell>> = by_segment
        .into_iter()
        .map(|(segment, won, lost, why_won, why_lost)| {
            let rate = pct(won as f64 / (won + lost) as f64 * 100.0);
            vec![
                cell(segment),
                cell(won.to_string()),
                cell(lost.to_string()),
                cell(rate),
                cell(or_dash((!why_won.is_empty()).then(|| why_won.join("; ")))),
                cell(or_dash((!why_lost.is_empty()).then(|| why_lost.join("; ")))),
            ]
        })
        .collect();
    sections.push(Section {
        title: "Win-loss reasons per segment".to_owned(),
        note: Some(
            "Decided deals only; a deal without a segment counts under its customer tier."
                .to_owned(),
        ),
        table: (!rows.is_empty()).then(|| Table {
            columns: ["Segment", "Won", "Lost", "Win rate", "Why won", "Why lost"]
                .iter()
                .map(|c| (*c).to_owned())
                .collect(),
            rows,
        }),
        empty: Some("No deal has been won or lost yet.".to_owned()),
        ..Section::default()
    });
    let context = DealsContext {
        site: &site.info,
        doc: site.doc_view(page, d),
        policy: site.doc_link(page, d),
        ladder: site
            .pages
            .ladder
            .get(&d)
            .map(|l| site.page_link(page, l, "exception ladder")),
        counts,
        sections,
    };
    to_value(&context)
}

/// One segment's decided deals: its name, won, lost, reasons won, reasons lost.
type WinLoss = (String, usize, usize, Vec<String>, Vec<String>);

/// The customer with their tier: "Bergwelt Sport (strategic account, tier strategic)".
fn customer_words(deal: &Deal) -> String {
    let mut notes = Vec::new();
    if deal.strategic_account {
        notes.push("strategic account".to_owned());
    }
    if let Some(t) = &deal.customer_tier {
        notes.push(format!("tier {t}"));
    }
    if notes.is_empty() {
        deal.customer.clone()
    } else {
        format!("{} ({})", deal.customer, notes.join(", "))
    }
}

impl Builder<'_, '_> {
    pub(crate) fn deal(&mut self, d: DocId, x: &Deal) {
        self.text("Customer", Some(customer_words(x)));
        self.fact("Market", vec![self.id(&x.market)]);
        if let Some(s) = &x.segment {
            self.fact("Segment", vec![self.id(s)]);
        }
        self.text("Categories", text_list(&x.categories));
        self.text("Deal size", Some(amount(&x.deal_size)));
        self.text("Discount", Some(pct(x.discount_pct.0)));
        self.text("Requested on", x.requested_on.as_ref().map(|v| v.0.clone()));
        if let Some(r) = &x.approved_by {
            self.fact("Approved by", vec![self.role(r)]);
        }
        self.text("Approved on", x.approved_on.as_ref().map(|v| v.0.clone()));
        self.text("Outcome", Some(x.outcome.as_str().to_owned()));
        self.text(
            "Reasons",
            (!x.reasons.is_empty()).then(|| x.reasons.join("; ")),
        );
        self.fact("Owner", self.owner_cell(d));
        if let Some((p, _)) = self.site.model.deal_policy(x) {
            let mut value = vec![self.link(p)];
            if let Some(page) = self.site.pages.deals.get(&p) {
                value.push(
                    self.site
                        .page_link(self.page, page, "all deals of this policy"),
                );
            }
            self.fact("Priced under", value);
        }
    }
}
