//! The CSV actuals reader on arbitrary text: never panics, and its findings
//! render in every output format.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use stratc::diagnostics::{Format, render};
use stratc::load::actuals::{Actuals, parse_csv};
use stratc::source::{SourceFile, Sources};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text: Arc<str> = text.into();
    let mut sources = Sources::default();
    let id = sources.add(SourceFile::new(
        "actuals/a.csv".into(),
        "actuals/a.csv".into(),
        text.clone(),
    ));
    let mut actuals = Actuals::default();
    let mut findings = Vec::new();
    parse_csv(id, &text, &mut actuals, &mut findings);
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Github, Format::Junit, Format::Markdown] {
        let _ = render(format, &findings, &sources, false);
    }
});
