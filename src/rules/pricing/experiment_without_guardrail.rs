//! `experiment-without-guardrail`: an experiment that nothing stops when it
//! harms a KPI other than the one it optimises.

use crate::finding::Finding;
use crate::model::kinds::{Experiment, ExperimentStatus};
use crate::rules::ctx::Ctx;

crate::rule! {
    "PR030" "experiment-without-guardrail", Pricing, Error;
    summary: "A planned or running experiment has no guardrail KPI other than its primary KPI.";
    examples: "experiments.yaml", "experiments.yaml";
    doc: r#"## What it does
Reports every Experiment whose `status` is `planned` or `running` and whose
`guardrails` list no KPI other than its primary `kpi`: no guardrails at all
(at `guardrails`, or at the id when the field is left out), or guardrails
that only repeat the primary KPI (at that guardrail). Concluded and stopped
experiments are not reported.

Worked example: a discount-framing test optimises `dtc-conversion-rate`.
Without a guardrail on `gross-margin`, a 25%-off arm that lifts conversion
from 2.5% to 2.8% (+12%) "wins" even if it takes gross margin from 54.3% to
50.1% (−7.7%); with `{kpi: gross-margin, max_adverse_pct: 2}` the test
stops at 53.2%.

## Why it matters
A test judged on one number finds the cheapest way to move it — usually a
deeper discount. The guardrail is what says which damage the business will
not accept while it learns.
"#;
    fix: r#"Name the KPIs the test must not harm and by how much at most:

```yaml
guardrails:
  - {kpi: gross-margin, max_adverse_pct: 2}
  - {kpi: return-rate, max_adverse_pct: 5}
```
"#;
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (d, x) in ctx.model.all::<Experiment>() {
        if !matches!(
            x.status,
            ExperimentStatus::Planned | ExperimentStatus::Running
        ) {
            continue;
        }
        if x.guardrails.iter().any(|g| g.kpi != x.kpi) {
            continue;
        }
        let finding = match x.guardrails.iter().position(|g| g.kpi == x.kpi) {
            Some(i) => ctx.finding(
                &RULE,
                d,
                &format!("/guardrails/{i}/kpi"),
                format!(
                    "experiment `{}` guards only its own primary KPI `{}`: nothing stops it when it harms another KPI",
                    x.id, x.kpi
                ),
            ),
            None => ctx.finding_at_field(
                &RULE,
                d,
                "/guardrails",
                "/id",
                format!(
                    "experiment `{}` ({}) has no guardrail: nothing stops it when it harms a KPI other than `{}`",
                    x.id,
                    x.status.as_str(),
                    x.kpi
                ),
            ),
        };
        out.push(finding.help(
            "add `guardrails` with a KPI the test must not harm, e.g. `{kpi: gross-margin, max_adverse_pct: 2}`",
        ));
    }
}
