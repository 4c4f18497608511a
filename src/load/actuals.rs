//! KPI actuals from CSV files (`kpi,period,actual[,forecast]`), with the
//! line and column of every bad cell.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::structure as st;
use crate::finding::{Finding, Label};
use crate::source::Span;
use crate::source::{FileId, SourceFile, Sources};
use crate::values::Period;

/// One reported value of a KPI for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct ActualRow {
    pub kpi: String,
    pub period: Period,
    pub actual: f64,
    pub forecast: Option<f64>,
    pub file: FileId,
    /// The whole CSV row.
    pub span: Span,
    /// The `kpi` cell, for reference findings.
    pub kpi_span: Span,
}

impl ActualRow {
    /// The whole row, for findings that point at a value of the actuals.
    pub fn label(&self) -> Label {
        Label::new(self.file, self.span)
    }
}

/// All actuals, by KPI id, each list sorted by period.
#[derive(Debug, Clone, Default)]
pub struct Actuals {
    pub by_kpi: BTreeMap<String, Vec<ActualRow>>,
}

impl Actuals {
    pub fn rows(&self, kpi: &str) -> &[ActualRow] {
        self.by_kpi.get(kpi).map_or(&[], Vec::as_slice)
    }

    /// The latest row of a KPI, if any.
    pub fn latest(&self, kpi: &str) -> Option<&ActualRow> {
        self.rows(kpi).last()
    }
}

/// Sort key of a period: its first day, then its length (year before quarter
/// before month on the same first day).
pub fn period_key(p: &Period) -> (crate::values::Date, std::cmp::Reverse<i64>) {
    match p.range() {
        Some(r) => (
            r.first,
            std::cmp::Reverse(r.last.days_since_epoch() - r.first.days_since_epoch()),
        ),
        None => (crate::values::Date::ymd(0, 1, 1), std::cmp::Reverse(0)),
    }
}

/// The CSV files named by the `actuals` setting: a folder (all `*.csv` in
/// it) or a glob; by default `actuals/*.csv`.
pub fn discover(root: &Path, setting: Option<&str>) -> Vec<(String, std::path::PathBuf)> {
    let pattern = pattern(setting, |folder| root.join(folder).is_dir());
    let Ok(glob) = globset::Glob::new(&pattern).map(|g| g.compile_matcher()) else {
        return Vec::new();
    };
    // Walk only below the literal folders the pattern starts with
    // (`actuals/` for `actuals/*.csv`), not the whole repository again.
    let parts: Vec<&str> = pattern.split('/').collect();
    let base: PathBuf = parts[..parts.len() - 1]
        .iter()
        .take_while(|part| !part.contains(['*', '?', '[', '{']))
        .collect();
    let base = if base.as_os_str().is_empty() || !root.join(&base).is_dir() {
        root.to_path_buf()
    } else {
        root.join(base)
    };
    super::walk::files(root, &base, |rel| glob.is_match(rel))
}

/// The glob the `actuals` setting stands for: a folder means every `*.csv`
/// in it.
pub fn pattern(setting: Option<&str>, is_dir: impl Fn(&str) -> bool) -> String {
    let setting = setting.unwrap_or("actuals");
    if is_dir(setting) {
        format!("{}/*.csv", setting.trim_end_matches('/'))
    } else {
        setting.to_owned()
    }
}

/// Reads every actuals file into `sources` and returns the rows.
pub fn load(
    root: &Path,
    setting: Option<&str>,
    sources: &mut Sources,
    findings: &mut Vec<Finding>,
) -> Actuals {
    let mut actuals = Actuals::default();
    for (rel, full) in discover(root, setting) {
        let text: Arc<str> = match std::fs::read_to_string(&full) {
            Ok(t) => t.into(),
            Err(e) => {
                findings.push(Finding::new(
                    &st::unreadable_file::RULE,
                    format!("cannot read actuals file {rel}: {e}"),
                ));
                continue;
            }
        };
        let id = sources.add(SourceFile::new(rel.clone(), full, text.clone()));
        parse_csv(id, &text, &mut actuals, findings);
    }
    sort_rows(&mut actuals);
    actuals
}

/// The rows of actuals files whose text is at hand (a git revision held in
/// memory), in the given order, as [`load`] reads them from disk.
pub fn from_texts(
    files: Vec<(String, PathBuf, Arc<str>)>,
    sources: &mut Sources,
    findings: &mut Vec<Finding>,
) -> Actuals {
    let mut actuals = Actuals::default();
    for (rel, full, text) in files {
        let id = sources.add(SourceFile::new(rel, full, text.clone()));
        parse_csv(id, &text, &mut actuals, findings);
    }
    sort_rows(&mut actuals);
    actuals
}

fn sort_rows(actuals: &mut Actuals) {
    for rows in actuals.by_kpi.values_mut() {
        rows.sort_by_key(|r| period_key(&r.period));
    }
}

/// Parses one CSV file. Public for tests.
pub fn parse_csv(file: FileId, text: &str, actuals: &mut Actuals, findings: &mut Vec<Finding>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            findings.push(
                Finding::new(
                    &st::schema_violation::RULE,
                    format!("cannot read the CSV header: {e}"),
                )
                .at(Label::new(file, Span::new(0, 1))),
            );
            return;
        }
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let header_end = text.find('\n').unwrap_or(text.len()) as u32;
    let (Some(kpi_col), Some(period_col), Some(actual_col)) =
        (column("kpi"), column("period"), column("actual"))
    else {
        findings.push(
            Finding::new(
                &st::schema_violation::RULE,
                format!(
                    "the actuals header is `{}`; it must name the columns kpi, period and actual",
                    headers.join(",")
                ),
            )
            .at(Label::new(file, Span::new(0, header_end)))
            .help("write the first line as `kpi,period,actual,forecast` (forecast is optional)"),
        );
        return;
    };
    let forecast_col = column("forecast");
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as u32);
                findings.push(
                    Finding::new(
                        &st::schema_violation::RULE,
                        format!("unreadable CSV row: {e}"),
                    )
                    .at(Label::new(file, Span::new(offset, offset + 1))),
                );
                continue;
            }
        };
        let Some(position) = record.position() else {
            continue;
        };
        let row_start = position.byte() as u32;
        let row_text = &text[row_start as usize..];
        let row_end = row_start + row_text.find(['\n', '\r']).unwrap_or(row_text.len()) as u32;
        // Cell spans: the csv crate gives field ranges within the record.
        let cell_span = |i: usize| -> Span {
            let mut offset = 0usize;
            for (n, cell) in row_text[..(row_end - row_start) as usize]
                .split(',')
                .enumerate()
            {
                if n == i {
                    let trimmed_start = cell.len() - cell.trim_start().len();
                    let start = row_start + (offset + trimmed_start) as u32;
                    return Span::new(start, start + cell.trim().len().max(1) as u32);
                }
                offset += cell.len() + 1;
            }
            Span::new(row_start, row_end)
        };
        let cell = |i: usize| record.get(i).unwrap_or("");
        let kpi = cell(kpi_col);
        if kpi.is_empty() {
            findings.push(
                Finding::new(&st::schema_violation::RULE, "the `kpi` cell is empty")
                    .at(Label::new(file, cell_span(kpi_col))),
            );
            continue;
        }
        let period = Period(cell(period_col).to_owned());
        if period.range().is_none() {
            findings.push(
                Finding::new(
                    &st::malformed_value::RULE,
                    format!("`{}` is not a period", period.0),
                )
                .at(Label::new(file, cell_span(period_col)))
                .help("write periods as 2027, 2027-Q1 or 2027-03"),
            );
            continue;
        }
        let actual = match parse_number(cell(actual_col)) {
            Some(v) => v,
            None => {
                findings.push(
                    Finding::new(
                        &st::malformed_value::RULE,
                        format!("`{}` is not a number (actual of `{kpi}`)", cell(actual_col)),
                    )
                    .at(Label::new(file, cell_span(actual_col)))
                    .help("write plain numbers with a dot for decimals, e.g. 1234.5 (no currency signs, % or thousands separators)"),
                );
                continue;
            }
        };
        let forecast = match forecast_col.map(cell).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match parse_number(s) {
                Some(v) => Some(v),
                None => {
                    findings.push(
                        Finding::new(
                            &st::malformed_value::RULE,
                            format!("`{s}` is not a number (forecast of `{kpi}`)"),
                        )
                        .at(Label::new(file, cell_span(forecast_col.unwrap_or(0))))
                        .help("leave the cell empty or write a plain number"),
                    );
                    None
                }
            },
        };
        let row = ActualRow {
            kpi: kpi.to_owned(),
            period,
            actual,
            forecast,
            file,
            span: Span::new(row_start, row_end),
            kpi_span: cell_span(kpi_col),
        };
        let rows = actuals.by_kpi.entry(row.kpi.clone()).or_default();
        if let Some(previous) = rows.iter().find(|r| r.period == row.period) {
            findings.push(
                Finding::new(
                    &st::duplicate_id::RULE,
                    format!("`{}` has two actuals for {}", row.kpi, row.period),
                )
                .at(Label::new(file, row.span).with_text("second row"))
                .related(Label::new(previous.file, previous.span).with_text("first row"))
                .help("keep one row per KPI and period"),
            );
            continue;
        }
        rows.push(row);
    }
}

fn parse_number(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_reports_bad_cells_at_their_column() {
        let text =
            "kpi,period,actual,forecast\ncac,2027-Q1,52.1,48\ncac,2027-Q9,1,\nnps,2027-Q1,abc,\n";
        let mut actuals = Actuals::default();
        let mut findings = Vec::new();
        parse_csv(0, text, &mut actuals, &mut findings);
        assert_eq!(actuals.rows("cac").len(), 1);
        assert_eq!(actuals.rows("cac")[0].forecast, Some(48.0));
        assert_eq!(findings.len(), 2);
        let f = SourceFile::new("a.csv".into(), "a.csv".into(), text.into());
        let bad_period = findings[0].primary.as_ref().unwrap().span.start;
        assert_eq!(f.line_col(bad_period).line, 3);
        assert_eq!(f.line_col(bad_period).column, 5);
        let bad_number = findings[1].primary.as_ref().unwrap().span.start;
        assert_eq!(
            (f.line_col(bad_number).line, f.line_col(bad_number).column),
            (4, 13)
        );
    }
}
