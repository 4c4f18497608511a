//! The KPI formula parser: never panics; errors and references point inside
//! the formula; unit inference and evaluation run on every parsed formula.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratc::model::formula::{Formula, Unit};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Formula::parse(text) {
        Ok(formula) => {
            for r in formula.references() {
                assert!(text.get(r.offset..r.offset + r.id.len()) == Some(r.id.as_str()), "{r:?}");
            }
            let units = ["currency:EUR", "currency:USD", "percent", "ratio", "count", "days"];
            let unit_of = |id: &str| Unit::parse(units[id.len() % units.len()]);
            if let Err(m) = formula.infer_unit(unit_of) {
                assert!(m.start <= m.end && m.end <= text.len(), "{m:?}");
                assert!(!m.message.is_empty());
            }
            let _ = formula.evaluate(|id| Some(id.len() as f64 - 3.0));
            let _ = formula.evaluate(|_| None);
        }
        Err(e) => {
            assert!(e.start <= e.end && e.end <= text.len(), "{e:?}");
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end), "{e:?}");
        }
    }
});
