//! Pages of the data family: segments, budgets and data policies.

use super::builder::Builder;
use crate::model::kinds::{Budget, DataPolicy, Segment};
use crate::model::refs::Edge;
use crate::model::{DocId, Kind};
use crate::numbers::{pct, plain};
use crate::render::format::{amount, or_dash, readable_list, share_of, text_list};
use crate::render::view::cell;

impl Builder<'_, '_> {
    pub(crate) fn segment(&mut self, d: DocId, s: &Segment) {
        self.text("Basis", Some(s.basis.as_str().to_owned()));
        self.text("Definition", s.definition.clone());
        self.text(
            "Data sources",
            (!s.data_sources.is_empty())
                .then(|| readable_list(s.data_sources.iter().map(|x| x.as_str()))),
        );
        self.fact("Markets", self.ids(&s.markets));
        self.text("Legal basis", s.legal_basis.clone());
        self.text("Shared with", text_list(&s.shared_with));
        self.text(
            "Contact limit",
            s.suppression
                .as_ref()
                .map(|x| format!("{} messages per week", x.max_messages_per_week)),
        );
        self.text(
            "Reviewed",
            s.review_cadence.map(|c| {
                let last = s
                    .reviewed_on
                    .as_ref()
                    .map(|x| format!(", last on {}", x.0))
                    .unwrap_or_else(|| ", never yet".to_owned());
                format!("{}{last}", crate::metrics::cadence_words(c))
            }),
        );
        self.fact("Owner", self.owner_cell(d));
        for (title, edge, kind) in [
            ("Reserved by channels", Edge::Reserves, Some(Kind::Channel)),
            (
                "Targeted by initiatives",
                Edge::Targets,
                Some(Kind::Initiative),
            ),
            (
                "Price integrity protected by",
                Edge::Protects,
                Some(Kind::PricingPolicy),
            ),
            (
                "Excluded from promotions of",
                Edge::Excludes,
                Some(Kind::PricingPolicy),
            ),
        ] {
            self.incoming_list(title, d, edge, kind);
        }
        self.funded_by(d);
    }

    pub(crate) fn budget(&mut self, d: DocId, b: &Budget) {
        self.text("Period", Some(b.period.0.clone()));
        self.text("Total", Some(amount(&b.total)));
        self.text("ROI hurdle", b.min_roi.map(|r| format!("{}×", plain(r, 2))));
        self.fact("Owner", self.owner_cell(d));
        let rows = b
            .allocations
            .iter()
            .map(|a| {
                vec![
                    vec![self.id(&a.to)],
                    cell(pct(a.share_pct.0)),
                    cell(share_of(&b.total, a.share_pct.0)),
                    cell(or_dash(a.spent.as_ref().map(amount))),
                    cell(or_dash(a.expected_roi.map(|r| format!("{}×", plain(r, 2))))),
                ]
            })
            .collect();
        self.table(
            "Allocations",
            &["To", "Share", "Amount", "Spent", "Expected return"],
            rows,
            Some("No allocation yet."),
        );
        self.figure(super::charts::budget_chart(self.site, self.page, b));
    }

    pub(crate) fn data_policy(&mut self, p: &DataPolicy) {
        let rows = p
            .master_data
            .iter()
            .map(|m| {
                vec![
                    cell(m.attribute.clone()),
                    cell(m.owner_system.clone()),
                    m.steward
                        .as_ref()
                        .map(|s| vec![self.role(s)])
                        .unwrap_or_default(),
                ]
            })
            .collect();
        self.table(
            "Master data",
            &["Attribute", "System of record", "Steward"],
            rows,
            None,
        );
        let rows = p
            .retention
            .iter()
            .map(|r| {
                vec![
                    cell(r.data.clone()),
                    self.ids(&r.markets),
                    cell(format!("{} days", r.days)),
                ]
            })
            .collect();
        self.table("Retention", &["Data", "Markets", "Kept for"], rows, None);
        let rows = p
            .integrations
            .iter()
            .map(|i| {
                vec![
                    cell(i.id.clone()),
                    cell(i.criticality.as_str()),
                    cell(or_dash(
                        i.rate_limit_rps
                            .map(|r| format!("{} per second", plain(r, 1))),
                    )),
                    cell(i.failover.clone().unwrap_or_else(|| "none".into())),
                ]
            })
            .collect();
        self.table(
            "Integrations",
            &["Integration", "Criticality", "Rate limit", "Failover"],
            rows,
            None,
        );
        let rows = p
            .audits
            .iter()
            .map(|a| {
                vec![
                    cell(a.id.clone()),
                    cell(a.of.clone()),
                    cell(crate::metrics::cadence_words(a.cadence)),
                    cell(or_dash(a.last.as_ref().map(|x| x.0.clone()))),
                ]
            })
            .collect();
        self.table(
            "Audits",
            &["Audit", "Of integration", "Cadence", "Last held"],
            rows,
            None,
        );
        let rows = p
            .dashboards
            .iter()
            .map(|x| {
                vec![
                    cell(x.id.clone()),
                    self.site.role_links(self.page, &x.roles),
                ]
            })
            .collect();
        self.table(
            "Dashboards",
            &["Dashboard", "Roles with access"],
            rows,
            None,
        );
    }
}
