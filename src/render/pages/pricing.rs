//! Pages of the pricing family: pricing policies with their categories,
//! advertised-price rules, waterfall, promotions and subscriptions.

use super::builder::Builder;
use super::charts;
use crate::model::DocId;
use crate::model::kinds::PricingPolicy;
use crate::numbers::{pct, plain};
use crate::render::format::{amount, or_dash, text_list};
use crate::render::view::{Cell, Link, cell};

impl Builder<'_, '_> {
    pub(crate) fn pricing_policy(&mut self, d: DocId, p: &PricingPolicy) {
        self.fact("Markets", self.ids(&p.markets));
        self.fact("Owner", self.owner_cell(d));
        self.fact("Protected segments", self.ids(&p.protected_segments));
        self.text(
            "Largest price gap between markets",
            p.geo.as_ref().map(|g| pct(g.max_price_gap_pct.0)),
        );
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
                vec![
                    cell(m.categories.join(", ")),
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
