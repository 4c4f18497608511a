//! Pages of the channels family: markets, channels and the channel policy.

use super::builder::Builder;
use crate::model::kinds::{Channel, ChannelPolicy, ChannelType, Market, Sla};
use crate::model::refs::Edge;
use crate::model::{DocId, Kind};
use crate::numbers::{pct, plain};
use crate::render::format::{hours, kind_label, or_dash, pct_or_dash, readable, text_list, yes_no};
use crate::render::view::{Cell, cell};

impl Builder<'_, '_> {
    pub(crate) fn market(&mut self, d: DocId, m: &Market) {
        self.text("Region", m.region.clone());
        self.text("Currency", Some(m.currency.clone()));
        self.text("Positioning", m.positioning.map(|p| readable(p.as_str())));
        self.text("Priority", m.priority.map(|p| readable(p.as_str())));
        self.text("Price index", m.price_index.map(|p| plain(p, 3)));
        self.text("Pricing autonomy", m.pricing_autonomy_pct.map(|p| pct(p.0)));
        self.text("Privacy regime", m.privacy_regime.clone());
        self.text(
            "Longest data retention",
            m.max_retention_days.map(|d| format!("{d} days")),
        );
        self.fact("Owner", self.owner_cell(d));
        for (title, edge, kind) in [
            ("Objectives in this market", Edge::RunsIn, Kind::Objective),
            ("Initiatives in this market", Edge::RunsIn, Kind::Initiative),
            ("Channels selling here", Edge::SellsIn, Kind::Channel),
            ("Segments", Edge::RunsIn, Kind::Segment),
            ("Pricing policies", Edge::Covers, Kind::PricingPolicy),
            ("Data policies", Edge::Covers, Kind::DataPolicy),
        ] {
            let docs = self.incoming(d, edge, Some(kind));
            let rows = docs
                .iter()
                .map(|&x| vec![vec![self.link(x)], self.status_of(x)])
                .collect::<Vec<_>>();
            if matches!(kind, Kind::Objective | Kind::Initiative) {
                self.table(title, &[kind_label(kind), "Status"], rows, None);
            } else {
                let items = self.links(&docs);
                self.list(title, items, None);
            }
        }
        self.funded_by(d);
    }

    pub(crate) fn channel(&mut self, d: DocId, c: &Channel) {
        self.text("Type", Some(readable(c.kind.as_str())));
        self.text("Status", Some(c.status.as_str().to_owned()));
        self.fact("Markets", self.ids(&c.markets));
        self.fact("Owner", self.owner_cell(d));
        if let Some(p) = &c.partner {
            self.text("Partner", Some(p.name.clone()));
            self.text(
                "Contract ends",
                p.contract_end.as_ref().map(|x| x.0.clone()),
            );
            self.text(
                "Exit notice",
                p.exit_notice_days.map(|n| format!("{n} days")),
            );
            self.text(
                "Renewal",
                p.renewal
                    .as_ref()
                    .map(|r| format!("{} (decided {})", r.decision.as_str(), r.decided_on.0)),
            );
        }
        self.text("Inventory share", c.inventory_share_pct.map(|p| pct(p.0)));
        self.fact("Reserved segments", self.ids(&c.reserved_segments));
        self.fact("Exclusive territories", self.ids(&c.territories));
        if let Some(a) = &c.assessment {
            let rows = [
                ("New reach", a.reach_pct.map(|p| pct(p.0))),
                (
                    "Margin erosion",
                    a.margin_erosion_pct
                        .map(|p| format!("{} points", plain(p.0, 2))),
                ),
                (
                    "Brand control",
                    a.brand_control.map(|b| b.as_str().to_owned()),
                ),
                ("Fulfilment", a.fulfilment.map(|f| f.as_str().to_owned())),
                ("Assessed on", a.assessed_on.as_ref().map(|x| x.0.clone())),
            ]
            .into_iter()
            .filter_map(|(label, value)| Some(vec![cell(label), cell(value?)]))
            .collect();
            self.table("Assessment", &["Measure", "Value"], rows, None);
        }
        self.text("Exclusive categories", text_list(&c.exclusive_categories));
        if let Some(sla) = &c.sla {
            self.table(
                "Service levels",
                &["Measure", "Agreed"],
                sla_rows(sla),
                None,
            );
        }
        let mut from = 0.0;
        let rows = c
            .commission
            .iter()
            .map(|t| {
                let band = match t.up_to {
                    Some(up) => format!("{} – {}", plain(from, 2), plain(up, 2)),
                    None => format!("above {}", plain(from, 2)),
                };
                if let Some(up) = t.up_to {
                    from = up;
                }
                vec![cell(band), cell(pct(t.rate_pct.0))]
            })
            .collect();
        self.table("Commission", &["Revenue", "Rate"], rows, None);
        let users = self.incoming(d, Edge::Uses, Some(Kind::Initiative));
        let rows = users
            .iter()
            .map(|&i| vec![vec![self.link(i)], self.status_of(i)])
            .collect();
        self.table(
            "Initiatives using this channel",
            &["Initiative", "Status"],
            rows,
            None,
        );
        self.funded_by(d);
    }

    pub(crate) fn channel_policy(&mut self, p: &ChannelPolicy) {
        let rows = [
            ChannelType::OwnedDtc,
            ChannelType::Marketplace,
            ChannelType::RetailPartner,
            ChannelType::Reseller,
            ChannelType::Distributor,
        ]
        .into_iter()
        .filter_map(|t| {
            let sla = p.minimum_sla.for_type(t)?;
            Some(vec![
                cell(readable(t.as_str())),
                cell(or_dash(sla.response_time_hours.map(hours))),
                cell(pct_or_dash(sla.fulfillment_accuracy_pct.map(|x| x.0))),
                cell(pct_or_dash(sla.on_time_delivery_pct.map(|x| x.0))),
            ])
        })
        .collect();
        self.table(
            "Minimum service levels",
            &[
                "Channel type",
                "Response time (at most)",
                "Fulfilment accuracy (at least)",
                "On-time delivery (at least)",
            ],
            rows,
            None,
        );
        if let Some(o) = &p.onboarding {
            self.text(
                "Onboarding: minimum new reach",
                o.min_incremental_reach_pct.map(|x| pct(x.0)),
            );
            self.text(
                "Onboarding: maximum margin erosion",
                o.max_margin_erosion_pct.map(|x| pct(x.0)),
            );
        }
        if let Some(c) = &p.coop_funds {
            self.text(
                "Co-op funds",
                Some(format!("{} of partner revenue", pct(c.share_pct.0))),
            );
            self.text(
                "Co-op funds need brand compliance",
                Some(yes_no(c.requires_brand_compliance).to_owned()),
            );
        }
    }
}

/// The measures of an SLA as table rows.
fn sla_rows(sla: &Sla) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    if let Some(h) = sla.response_time_hours {
        rows.push(vec![cell("Response time"), cell(hours(h))]);
    }
    if let Some(x) = sla.fulfillment_accuracy_pct {
        rows.push(vec![cell("Fulfilment accuracy"), cell(pct(x.0))]);
    }
    if let Some(x) = sla.on_time_delivery_pct {
        rows.push(vec![cell("On-time delivery"), cell(pct(x.0))]);
    }
    rows
}
