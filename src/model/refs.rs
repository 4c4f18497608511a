//! Every reference a document makes: where it is written (a JSON pointer),
//! what it names, what kind it must name and which typed edge it becomes in
//! the graph. This table is the one place that knows the shape of the links.

use crate::kinds::*;

/// What a reference must resolve to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A document of one of these kinds; missing ids are `dangling-reference`.
    Kinds(&'static [Kind]),
    /// A Role; missing ids are `unknown-role`.
    Role,
    /// A Role in an audience or dashboard; missing ids are `unknown-audience-role`.
    AudienceRole,
    /// A decision declared in a DecisionRights document.
    Decision,
    /// Any document; a dedicated rule reports missing ids.
    AnyUnchecked,
    /// A KPI; a dedicated rule reports missing ids (scorecards).
    KpiUnchecked,
}

/// The typed edges of the strategy graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Edge {
    Supports,
    Advances,
    MeasuredBy,
    TargetsKpi,
    Impacts,
    OwnedBy,
    ReportsTo,
    SucceededBy,
    Accountable,
    Responsible,
    Consulted,
    Informed,
    Declares,
    Approves,
    ApprovedUnder,
    GatedBy,
    Waives,
    EscalatesTo,
    SellsIn,
    Covers,
    RunsIn,
    Uses,
    Targets,
    Reserves,
    Protects,
    Excludes,
    Watches,
    Runs,
    Funds,
    Stewards,
    Audience,
    Shows,
    Formula,
    DependsOn,
    PostMortem,
    Holds,
    PaysFrom,
    Responds,
    ReviewedBy,
    Rewards,
    Tests,
    Guards,
    Shocks,
    ParentBrand,
}

impl Edge {
    pub fn name(self) -> &'static str {
        match self {
            Edge::Supports => "supports",
            Edge::Advances => "advances",
            Edge::MeasuredBy => "measured_by",
            Edge::TargetsKpi => "targets_kpi",
            Edge::Impacts => "impacts",
            Edge::OwnedBy => "owned_by",
            Edge::ReportsTo => "reports_to",
            Edge::SucceededBy => "succeeded_by",
            Edge::Accountable => "accountable",
            Edge::Responsible => "responsible",
            Edge::Consulted => "consulted",
            Edge::Informed => "informed",
            Edge::Declares => "declares",
            Edge::Approves => "approves",
            Edge::ApprovedUnder => "approved_under",
            Edge::GatedBy => "gated_by",
            Edge::Waives => "waives",
            Edge::EscalatesTo => "escalates_to",
            Edge::SellsIn => "sells_in",
            Edge::Covers => "covers",
            Edge::RunsIn => "runs_in",
            Edge::Uses => "uses",
            Edge::Targets => "targets",
            Edge::Reserves => "reserves",
            Edge::Protects => "protects",
            Edge::Excludes => "excludes",
            Edge::Watches => "watches",
            Edge::Runs => "runs",
            Edge::Funds => "funds",
            Edge::Stewards => "stewards",
            Edge::Audience => "audience",
            Edge::Shows => "shows",
            Edge::Formula => "formula",
            Edge::DependsOn => "depends_on",
            Edge::PostMortem => "post_mortem",
            Edge::Holds => "holds",
            Edge::PaysFrom => "pays_from",
            Edge::Responds => "responds",
            Edge::ReviewedBy => "reviewed_by",
            Edge::Rewards => "rewards",
            Edge::Tests => "tests",
            Edge::Guards => "guards",
            Edge::Shocks => "shocks",
            Edge::ParentBrand => "parent_brand",
        }
    }
}

/// One reference written in a document.
#[derive(Debug, Clone)]
pub struct Reference {
    pub pointer: String,
    pub target: String,
    pub expect: Expect,
    pub edge: Edge,
}

struct Out<'a>(&'a mut Vec<Reference>);

impl Out<'_> {
    fn one(&mut self, pointer: String, target: &str, expect: Expect, edge: Edge) {
        self.0.push(Reference {
            pointer,
            target: target.to_owned(),
            expect,
            edge,
        });
    }
    fn opt(&mut self, pointer: &str, target: Option<&String>, expect: Expect, edge: Edge) {
        if let Some(t) = target {
            self.one(pointer.to_owned(), t, expect, edge);
        }
    }
    fn list(&mut self, pointer: &str, targets: &[String], expect: Expect, edge: Edge) {
        for (i, t) in targets.iter().enumerate() {
            self.one(format!("{pointer}/{i}"), t, expect, edge);
        }
    }
}

const MARKET: Expect = Expect::Kinds(&[Kind::Market]);
const SEGMENT: Expect = Expect::Kinds(&[Kind::Segment]);
const KPI: Expect = Expect::Kinds(&[Kind::Kpi]);

/// Appends the references of one document body.
pub fn references(body: &Body, out: &mut Vec<Reference>) {
    let mut o = Out(out);
    let common = body.common();
    if let Some(owner) = common.owner {
        o.one("/owner".into(), owner, Expect::Role, Edge::OwnedBy);
    }
    match body {
        Body::Goal(g) => {
            for (i, t) in g.targets.iter().enumerate() {
                o.one(format!("/targets/{i}/kpi"), &t.kpi, KPI, Edge::TargetsKpi);
            }
        }
        Body::Objective(d) => {
            for (i, s) in d.supports.iter().enumerate() {
                let pointer = match s {
                    Support::Plain(_) => format!("/supports/{i}"),
                    Support::Weighted(_) => format!("/supports/{i}/id"),
                };
                o.one(
                    pointer,
                    s.id(),
                    Expect::Kinds(&[Kind::Goal, Kind::Objective]),
                    Edge::Supports,
                );
            }
            o.list("/markets", &d.markets, MARKET, Edge::RunsIn);
            o.list("/kpis", &d.kpis, KPI, Edge::MeasuredBy);
        }
        Body::Kpi(_) => {}
        Body::Initiative(d) => {
            o.list(
                "/advances",
                &d.advances,
                Expect::Kinds(&[Kind::Objective]),
                Edge::Advances,
            );
            o.list("/markets", &d.markets, MARKET, Edge::RunsIn);
            o.list(
                "/channels",
                &d.channels,
                Expect::Kinds(&[Kind::Channel]),
                Edge::Uses,
            );
            o.list("/segments", &d.segments, SEGMENT, Edge::Targets);
            o.opt(
                "/gates",
                d.gates.as_ref(),
                Expect::Kinds(&[Kind::StageGate]),
                Edge::GatedBy,
            );
            for (i, g) in d.gate_log.iter().enumerate() {
                o.one(
                    format!("/gate_log/{i}/approved_by"),
                    &g.approved_by,
                    Expect::Role,
                    Edge::Approves,
                );
            }
            for (i, e) in d.expected_impact.iter().enumerate() {
                o.one(
                    format!("/expected_impact/{i}/kpi"),
                    &e.kpi,
                    KPI,
                    Edge::Impacts,
                );
            }
            o.list(
                "/depends_on",
                &d.depends_on,
                Expect::Kinds(&[Kind::Initiative]),
                Edge::DependsOn,
            );
            if let Some(PostMortem::Playbook(playbook)) = &d.post_mortem {
                o.one(
                    "/post_mortem".into(),
                    playbook,
                    Expect::Kinds(&[Kind::Playbook]),
                    Edge::PostMortem,
                );
            }
        }
        Body::Role(r) => {
            o.opt(
                "/reports_to",
                r.reports_to.as_ref(),
                Expect::Role,
                Edge::ReportsTo,
            );
            o.list(
                "/successors",
                &r.successors,
                Expect::Role,
                Edge::SucceededBy,
            );
            for (i, incentive) in r.incentives.iter().enumerate() {
                o.one(
                    format!("/incentives/{i}/kpi"),
                    &incentive.kpi,
                    KPI,
                    Edge::Rewards,
                );
            }
        }
        Body::DecisionRights(d) => {
            for (i, dec) in d.decisions.iter().enumerate() {
                match &dec.accountable {
                    Accountable::None => {}
                    Accountable::One(r) => o.one(
                        format!("/decisions/{i}/accountable"),
                        r,
                        Expect::Role,
                        Edge::Accountable,
                    ),
                    Accountable::Many(rs) => o.list(
                        &format!("/decisions/{i}/accountable"),
                        rs,
                        Expect::Role,
                        Edge::Accountable,
                    ),
                }
                o.list(
                    &format!("/decisions/{i}/responsible"),
                    &dec.responsible,
                    Expect::Role,
                    Edge::Responsible,
                );
                o.list(
                    &format!("/decisions/{i}/consulted"),
                    &dec.consulted,
                    Expect::Role,
                    Edge::Consulted,
                );
                o.list(
                    &format!("/decisions/{i}/informed"),
                    &dec.informed,
                    Expect::Role,
                    Edge::Informed,
                );
            }
        }
        Body::Market(_) => {}
        Body::Channel(c) => {
            o.list("/markets", &c.markets, MARKET, Edge::SellsIn);
            o.list(
                "/reserved_segments",
                &c.reserved_segments,
                SEGMENT,
                Edge::Reserves,
            );
            o.list("/territories", &c.territories, MARKET, Edge::Holds);
        }
        Body::ChannelPolicy(p) => {
            if let Some(coop) = &p.coop_funds {
                o.opt(
                    "/coop_funds/budget",
                    coop.budget.as_ref(),
                    Expect::Kinds(&[Kind::Budget]),
                    Edge::PaysFrom,
                );
            }
        }
        Body::PricingPolicy(p) => {
            o.list("/markets", &p.markets, MARKET, Edge::Covers);
            if let Some(a) = &p.approvals {
                o.one(
                    "/approvals/decision".into(),
                    &a.decision,
                    Expect::Decision,
                    Edge::ApprovedUnder,
                );
                for (i, t) in a.tiers.iter().enumerate() {
                    o.one(
                        format!("/approvals/tiers/{i}/approver"),
                        &t.approver,
                        Expect::Role,
                        Edge::Approves,
                    );
                }
            }
            o.list(
                "/protected_segments",
                &p.protected_segments,
                SEGMENT,
                Edge::Protects,
            );
            if let Some(promo) = &p.promotions {
                if let Some(m) = &promo.match_competitors {
                    o.list(
                        "/promotions/match_competitors/exclude_segments",
                        &m.exclude_segments,
                        SEGMENT,
                        Edge::Excludes,
                    );
                }
                if let Some(f) = &promo.flash_sales {
                    o.list(
                        "/promotions/flash_sales/exclude_segments",
                        &f.exclude_segments,
                        SEGMENT,
                        Edge::Excludes,
                    );
                }
                o.opt(
                    "/promotions/calendar_decision",
                    promo.calendar_decision.as_ref(),
                    Expect::Decision,
                    Edge::ApprovedUnder,
                );
            }
            if let Some(geo) = &p.geo {
                for (i, pair) in geo.neighbours.iter().enumerate() {
                    o.list(&format!("/geo/neighbours/{i}"), pair, MARKET, Edge::Covers);
                }
            }
            if let Some(m) = &p.monitoring {
                o.opt(
                    "/monitoring/response_owner",
                    m.response_owner.as_ref(),
                    Expect::Role,
                    Edge::Responds,
                );
                o.opt(
                    "/monitoring/response_playbook",
                    m.response_playbook.as_ref(),
                    Expect::Kinds(&[Kind::Playbook]),
                    Edge::Runs,
                );
            }
        }
        Body::StageGate(g) => {
            o.one(
                "/decision".into(),
                &g.decision,
                Expect::Decision,
                Edge::ApprovedUnder,
            );
            for (i, gate) in g.gates.iter().enumerate() {
                o.one(
                    format!("/gates/{i}/approver"),
                    &gate.approver,
                    Expect::Role,
                    Edge::Approves,
                );
            }
        }
        Body::Exception(e) => {
            o.one(
                "/subject".into(),
                &e.subject,
                Expect::AnyUnchecked,
                Edge::Waives,
            );
            o.one(
                "/decision".into(),
                &e.decision,
                Expect::Decision,
                Edge::ApprovedUnder,
            );
            o.one(
                "/approved_by".into(),
                &e.approved_by,
                Expect::Role,
                Edge::Approves,
            );
        }
        Body::Segment(s) => {
            o.list("/markets", &s.markets, MARKET, Edge::RunsIn);
        }
        Body::Budget(b) => {
            for (i, a) in b.allocations.iter().enumerate() {
                o.one(
                    format!("/allocations/{i}/to"),
                    &a.to,
                    Expect::Kinds(&[
                        Kind::Initiative,
                        Kind::Channel,
                        Kind::Segment,
                        Kind::Market,
                        Kind::Objective,
                    ]),
                    Edge::Funds,
                );
            }
        }
        Body::DataPolicy(d) => {
            for (i, m) in d.master_data.iter().enumerate() {
                o.opt(
                    &format!("/master_data/{i}/steward"),
                    m.steward.as_ref(),
                    Expect::Role,
                    Edge::Stewards,
                );
            }
            for (i, r) in d.retention.iter().enumerate() {
                o.list(
                    &format!("/retention/{i}/markets"),
                    &r.markets,
                    MARKET,
                    Edge::Covers,
                );
            }
            for (i, dash) in d.dashboards.iter().enumerate() {
                o.list(
                    &format!("/dashboards/{i}/roles"),
                    &dash.roles,
                    Expect::AudienceRole,
                    Edge::Audience,
                );
            }
        }
        Body::Scorecard(s) => {
            o.list(
                "/audience",
                &s.audience,
                Expect::AudienceRole,
                Edge::Audience,
            );
            for (i, section) in s.sections.iter().enumerate() {
                o.list(
                    &format!("/sections/{i}/kpis"),
                    &section.kpis,
                    Expect::KpiUnchecked,
                    Edge::Shows,
                );
            }
            for (i, review) in s.reviews.iter().enumerate() {
                o.one(
                    format!("/reviews/{i}/by"),
                    &review.by,
                    Expect::Role,
                    Edge::ReviewedBy,
                );
            }
        }
        Body::Trigger(t) => {
            o.one("/kpi".into(), &t.kpi, KPI, Edge::Watches);
            o.opt(
                "/action/playbook",
                t.action.playbook.as_ref(),
                Expect::Kinds(&[Kind::Playbook]),
                Edge::Runs,
            );
            o.opt(
                "/action/escalate_to",
                t.action.escalate_to.as_ref(),
                Expect::Role,
                Edge::EscalatesTo,
            );
        }
        Body::Deal(deal) => {
            o.one("/market".into(), &deal.market, MARKET, Edge::RunsIn);
            o.opt(
                "/approved_by",
                deal.approved_by.as_ref(),
                Expect::Role,
                Edge::Approves,
            );
            o.opt("/segment", deal.segment.as_ref(), SEGMENT, Edge::Targets);
        }
        Body::Playbook(p) => {
            o.opt(
                "/trigger",
                p.trigger.as_ref(),
                Expect::Kinds(&[Kind::Trigger]),
                Edge::Runs,
            );
            for (i, s) in p.steps.iter().enumerate() {
                o.one(
                    format!("/steps/{i}/owner"),
                    &s.owner,
                    Expect::Role,
                    Edge::OwnedBy,
                );
            }
            o.opt("/segment", p.segment.as_ref(), SEGMENT, Edge::Targets);
        }
        Body::Experiment(x) => {
            o.one("/kpi".into(), &x.kpi, KPI, Edge::Tests);
            for (i, g) in x.guardrails.iter().enumerate() {
                o.one(format!("/guardrails/{i}/kpi"), &g.kpi, KPI, Edge::Guards);
            }
            o.list("/markets", &x.markets, MARKET, Edge::RunsIn);
            o.list(
                "/channels",
                &x.channels,
                Expect::Kinds(&[Kind::Channel]),
                Edge::Uses,
            );
            o.list("/segments", &x.segments, SEGMENT, Edge::Targets);
            o.opt(
                "/decision",
                x.decision.as_ref(),
                Expect::Decision,
                Edge::ApprovedUnder,
            );
        }
        Body::Scenario(x) => {
            for (i, shock) in x.shocks.iter().enumerate() {
                o.one(format!("/shocks/{i}/kpi"), &shock.kpi, KPI, Edge::Shocks);
            }
        }
        Body::Brand(b) => {
            o.opt(
                "/parent",
                b.parent.as_ref(),
                Expect::Kinds(&[Kind::Brand]),
                Edge::ParentBrand,
            );
            o.list("/segments", &b.segments, SEGMENT, Edge::Targets);
            o.list(
                "/channels",
                &b.channels,
                Expect::Kinds(&[Kind::Channel]),
                Edge::Uses,
            );
        }
    }
}
