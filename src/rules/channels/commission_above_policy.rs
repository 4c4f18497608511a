//! `commission-above-policy`: a reseller or distributor earns a higher
//! commission than the channel policy's standard schedule at some revenue.

use crate::finding::Finding;
use crate::model::kinds::{Channel, ChannelPolicy, ChannelType, CommissionTier};
use crate::numbers::{compact, greater, pct};
use crate::rules::ctx::Ctx;

crate::rule! {
    "CH010" "commission-above-policy", Channels, Error;
    summary: "A reseller or distributor earns more commission than the standard schedule.";
    examples: "channels/channels.yaml", "channels/channels.yaml";
    doc: r#"## What it does
When a ChannelPolicy declares a standard `commission` schedule, compares the
`commission` tiers of every reseller and distributor with it, revenue band by
revenue band (bounds in the market currency; the last tier of each schedule
is open-ended). A tier is reported when its rate is above the standard rate
anywhere in its band. In the example the standard pays 10% up to 3M, 8% up
to 10M and 7% above; `bergsport-resellers` pays 9% from 3M to 8M, where the
standard pays 8%: 1 point above. Marketplace fees are the platform's price
list, not a commission we pay, and are not compared. Schedules whose bounds
do not increase are `commission-tiers-overlapping` and are not compared.

## Why it matters
The standard schedule is how commission favours high-margin products and
rewards growth at a cost the margin plan allows. A partner paid above it
costs margin on every sale in its band, and the next partner negotiation
starts from the exception rather than the standard.
"#;
    fix: r#"Bring the tier down to the standard, or approve the deviation with an
Exception:

```yaml
commission:
  - {up_to: 3000000, rate_pct: 10}
  - {up_to: 8000000, rate_pct: 8}
  - {rate_pct: 7}
```
"#;
}

/// A schedule as revenue bands `(from, to, rate)`; `None` when its bounds
/// do not increase (another rule's finding).
fn bands(tiers: &[CommissionTier]) -> Option<Vec<(f64, f64, f64)>> {
    let mut from = 0.0;
    let mut out = Vec::with_capacity(tiers.len());
    for (i, tier) in tiers.iter().enumerate() {
        let to = match tier.up_to {
            Some(bound) => bound,
            None if i + 1 == tiers.len() => f64::INFINITY,
            None => return None,
        };
        if to <= from {
            return None;
        }
        out.push((from, to, tier.rate_pct.0));
        from = to;
    }
    Some(out)
}

fn band_words(from: f64, to: f64) -> String {
    match (from > 0.0, to.is_finite()) {
        (false, true) => format!("up to {}", compact(to)),
        (true, true) => format!("from {} to {}", compact(from), compact(to)),
        (true, false) => format!("above {}", compact(from)),
        (false, false) => "at any revenue".to_owned(),
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (p, policy) in ctx.model.all::<ChannelPolicy>() {
        let Some(standard) = bands(&policy.commission) else {
            continue;
        };
        if standard.is_empty() {
            continue;
        }
        for (d, channel) in ctx.model.all::<Channel>() {
            if !matches!(
                channel.kind,
                ChannelType::Reseller | ChannelType::Distributor
            ) {
                continue;
            }
            let Some(own) = bands(&channel.commission) else {
                continue;
            };
            for (i, &(from, to, rate)) in own.iter().enumerate() {
                // The lowest standard rate inside this band is where the gap is widest.
                let lowest = standard
                    .iter()
                    .filter(|(s_from, s_to, _)| *s_from < to && *s_to > from)
                    .min_by(|a, b| a.2.total_cmp(&b.2));
                let Some(&(s_from, s_to, s_rate)) = lowest else {
                    continue;
                };
                if !greater(rate, s_rate) {
                    continue;
                }
                let (o_from, o_to) = (from.max(s_from), to.min(s_to));
                out.push(
                    ctx.finding(
                        &RULE,
                        d,
                        &format!("/commission/{i}/rate_pct"),
                        format!(
                            "`{}` earns {} commission on revenue {}, where the standard schedule of \
                             `{}` pays {}: {} above",
                            channel.id,
                            pct(rate),
                            band_words(o_from, o_to),
                            policy.id,
                            pct(s_rate),
                            crate::numbers::pp(rate - s_rate)
                        ),
                    )
                    .related(ctx.related(
                        p,
                        "/commission",
                        format!("standard: {} {}", pct(s_rate), band_words(s_from, s_to)),
                    ))
                    .help(format!(
                        "lower the rate to {} in this band, or approve the higher rate with an \
                         Exception for `{}` and rule `commission-above-policy`",
                        pct(s_rate),
                        channel.id
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::Pct;

    fn tier(up_to: Option<f64>, rate: f64) -> CommissionTier {
        CommissionTier {
            up_to,
            rate_pct: Pct(rate),
        }
    }

    #[test]
    fn schedules_become_bands() {
        let b = bands(&[tier(Some(3e6), 10.0), tier(None, 7.0)]).unwrap_or_default();
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].0, 3e6);
        assert!(b[1].1.is_infinite());
        assert!(bands(&[tier(Some(3e6), 10.0), tier(Some(2e6), 7.0)]).is_none());
        assert!(bands(&[tier(None, 10.0), tier(Some(2e6), 7.0)]).is_none());
    }
}
