//! Pictures drawn by stratc at build time, as inline SVG: the alignment map
//! (`map`, laid out by `layout`), KPI sparklines, red/amber/green badges and
//! bar charts (`chart`).
//!
//! The site is self-contained (SPEC 6): no script draws anything in the
//! browser, so the pictures are finished markup in the page. Colours are
//! presentation attributes, not `style`, so a content security policy that
//! forbids inline styles still shows them. Every picture keeps its words: a
//! `<title>` and visible text say what the colour says, for screen readers
//! and print.
//!
//! Text from YAML goes through [`xml`] and link targets through [`href`];
//! nothing else from the model reaches the markup.

pub(crate) mod chart;
pub(crate) mod layout;
pub(crate) mod map;

use std::fmt::Write as _;

use serde::Serialize;

use crate::render::escape;

/// Finished SVG (or HTML around it) for a page. Templates get it as a safe
/// string: it is built only from our own markup, [`xml`]-escaped text and
/// [`href`]-checked links.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Figure(pub String);

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        minijinja::Value::from_safe_string(self.0.clone()).serialize(s)
    }
}

/// A status colour. Each has a word that goes with it wherever it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Red,
    Amber,
    Green,
    /// Under way, no KPI status known.
    Active,
    /// Not started yet (proposed, draft).
    Planned,
    /// Finished (completed, launched).
    Done,
    /// No longer pursued (cancelled, retired).
    Muted,
}

impl Tone {
    /// Fill, stroke and text colour. The fills are light enough for dark
    /// text; strokes differ in lightness too, for readers who cannot tell
    /// red from green.
    pub(crate) fn colours(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Tone::Red => ("#fde2e1", "#b3261e", "#410e0b"),
            Tone::Amber => ("#ffefc7", "#a05a00", "#3d2400"),
            Tone::Green => ("#dcf2df", "#1e7b34", "#0b3015"),
            Tone::Active => ("#e3ecfb", "#3b5b9a", "#172642"),
            Tone::Planned => ("#f3f4f6", "#6b7280", "#1f2937"),
            Tone::Done => ("#e6f0ea", "#4b7a5a", "#1a2e21"),
            Tone::Muted => ("#f1f1f1", "#9a9a9a", "#555555"),
        }
    }

    /// The strong colour of the tone (badges, lines).
    pub(crate) fn strong(self) -> &'static str {
        self.colours().1
    }
}

/// Text for SVG or HTML, as element content or a quoted attribute value:
/// `& < > " '` become entities, control characters are dropped (line
/// breaks become spaces), so no title can open a tag, close an attribute
/// or a CDATA section (`]]>` loses its `>`). Pictures also sit inside
/// Markdown table cells, where Python-Markdown splits cells at `|` and reads
/// code spans, links and escapes before it sees a tag, so `|`, `` ` ``,
/// `[`, `]`, `\`, `*` and `_` become numeric entities too.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '|' => out.push_str("&#124;"),
            '`' => out.push_str("&#96;"),
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            '\\' => out.push_str("&#92;"),
            '*' => out.push_str("&#42;"),
            '_' => out.push_str("&#95;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A link target for SVG or HTML: a relative path or `http(s)`/`mailto` URL
/// ([`escape::href`]) as an attribute value; `None` for anything else.
pub(crate) fn href(url: &str) -> Option<String> {
    escape::href(url).map(|u| xml(&u))
}

/// A page path relative to the current page (`../goals/a.md`) as the URL of
/// the built page. The site is built with `use_directory_urls: false`, so
/// `a.md` becomes `a.html`: links in raw HTML are not rewritten by mkdocs.
pub(crate) fn page_url(relative_md: &str) -> String {
    let (path, anchor) = match relative_md.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (relative_md, None),
    };
    let mut url = match path.strip_suffix(".md") {
        Some(stem) => format!("{stem}.html"),
        None => path.to_owned(),
    };
    if let Some(a) = anchor {
        url.push('#');
        url.push_str(a);
    }
    url
}

/// A coordinate or length: at most one decimal, no trailing zeros, so the
/// markup is short and the same on every machine.
pub(crate) fn num(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Cuts a label to `max` characters, with an ellipsis when it was longer.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// The opening `<svg>` tag of a picture with an accessible name.
pub(crate) fn open(out: &mut String, width: f64, height: f64, class: &str, label: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{label}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\">",
        w = num(width),
        h = num(height),
        label = xml(label),
    );
    let _ = write!(out, "<title>{}</title>", xml(label));
}

/// A small coloured dot with its word, for a status in a table cell:
/// the colour for the eye, the word for screen readers, print and search.
pub(crate) fn badge(tone: Tone, word: &str) -> Figure {
    let (fill, stroke, _) = tone.colours();
    Figure(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stratc-badge\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"{}\" stroke=\"{fill}\" stroke-width=\"1\"/></svg> <strong>{}</strong>",
        stroke,
        xml(word)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_cannot_open_a_tag_or_close_an_attribute() {
        assert_eq!(
            xml("<script>\"a\" & 'b' ]]>\u{1}\n"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39; &#93;&#93;&gt; "
        );
        assert_eq!(
            xml("a|b `c` [d](e) *f* _g_ \\"),
            "a&#124;b &#96;c&#96; &#91;d&#93;(e) &#42;f&#42; &#95;g&#95; &#92;"
        );
    }

    #[test]
    fn only_safe_links_and_page_urls() {
        assert_eq!(href("javascript:alert(1)"), None);
        assert_eq!(href("JaVaScRiPt:x"), None);
        assert_eq!(href("data:image/svg+xml,x"), None);
        assert_eq!(
            href("https://a.example/?a=1&b=\"").as_deref(),
            Some("https://a.example/?a=1&amp;b=%22")
        );
        assert_eq!(page_url("../goals/a.md"), "../goals/a.html");
        assert_eq!(page_url("a.md#x"), "a.html#x");
        assert_eq!(page_url("https://x.example/"), "https://x.example/");
    }

    #[test]
    fn numbers_and_labels_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(clip("Grow online sales", 30), "Grow online sales");
        assert_eq!(clip("abcdefghij", 5), "abcd…");
    }
}
