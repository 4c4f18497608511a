//! Escaping of text taken from YAML before it reaches a page, so that a title
//! such as `<script>` or a Markdown link to `javascript:` shows as text on
//! the site instead of becoming HTML or a link.
//!
//! Four contexts, four functions:
//! - [`inline`]: one line of Markdown text (titles, ids, table cells). Every
//!   character Markdown or HTML would act on is escaped; line breaks become
//!   spaces. The template formatter applies it to every value by default.
//! - [`block`]: a `description` (Markdown). Paragraphs, list items, emphasis
//!   and code spans are kept; HTML, links, images, headings, quotes, tables
//!   and code fences are shown as text.
//! - [`mermaid_label`]: a node label inside a Mermaid diagram.
//! - [`href`]: a link target; anything but `http`, `https`, `mailto` and
//!   relative paths is refused.
//!
//! Python-Markdown (what mkdocs uses) honours backslash escapes for
//! `` \ ` * _ { } [ ] ( ) > # + - . ! `` and, with the tables extension,
//! `|`; `<`, `>` and `&` become HTML entities, which every renderer shows as
//! the character itself.

/// Characters that get a backslash in inline text.
const BACKSLASHED: &[char] = &['\\', '`', '*', '_', '[', ']', '|', '#'];

use crate::words::escape_each;

/// One line of user text as safe Markdown.
pub(crate) fn inline(text: &str) -> String {
    escape_inline(text.trim(), true)
}

/// Escapes inline text; `at_line_start` also neutralises what would open a
/// block (a list item, a heading underline) at the start of a line.
fn escape_inline(text: &str, at_line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut ordered_marker = false;
    if at_line_start {
        match chars.peek() {
            Some('-') | Some('+') => out.push('\\'),
            Some('=') => {
                chars.next();
                out.push_str("&#61;");
            }
            _ => {}
        }
        ordered_marker = ordered_list_marker(text);
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (index, c) in chars.enumerate() {
        if ordered_marker && index == digits {
            out.push('\\');
        }
        push_escaped(&mut out, c, BACKSLASHED);
    }
    out
}

/// Text that Markdown would read as a numbered list item: digits, a dot,
/// then a space or the end (`1. first`; not `35.7%`).
fn ordered_list_marker(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (&text[digits..] == "." || text[digits..].starts_with(". "))
}

/// Inline text whose `backtick-quoted` parts become code spans, as stratc's
/// own messages quote ids. Markdown shows a code span's content literally
/// and escapes its HTML, so only the text around them needs escaping.
/// Unbalanced backticks, or a quoted part that is empty, spans lines or
/// holds a `|` (it would split a table cell), fall back to [`inline`].
pub(crate) fn inline_with_code(text: &str) -> String {
    let text = text.trim();
    let parts: Vec<&str> = text.split('`').collect();
    let balanced = parts.len() % 2 == 1
        && parts
            .iter()
            .skip(1)
            .step_by(2)
            .all(|p| !p.trim().is_empty() && !p.contains(['\n', '\r', '|']));
    if !balanced {
        return inline(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push('`');
            out.extend(part.chars().filter(|c| !c.is_control()));
            out.push('`');
        } else {
            out.push_str(&escape_inline(part, i == 0));
        }
    }
    out
}

fn push_escaped(out: &mut String, c: char, backslashed: &[char]) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '\n' | '\r' | '\t' => out.push(' '),
        // Python-Markdown uses STX/ETX internally as markers of stashed text.
        c if c.is_control() => {}
        c if backslashed.contains(&c) => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

/// Characters that get a backslash inside a description: emphasis (`*`,
/// `_`) is allowed, links and tables are not.
const BLOCK_BACKSLASHED: &[char] = &['\\', '[', ']', '|', '#'];

/// A Markdown description as safe Markdown: the structure an author needs
/// (paragraphs, bullet and numbered lists, emphasis, code spans) is kept;
/// everything that could inject HTML, links, images or change the page
/// structure is shown as text.
pub(crate) fn block(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 16);
    let mut previous_blank = true;
    for line in text.trim_matches('\n').lines() {
        let line = line.replace('\t', "    ");
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            if !previous_blank {
                out.push('\n');
            }
            previous_blank = true;
            continue;
        }
        previous_blank = false;
        let indent = line.len() - trimmed.len();
        out.push_str(&line[..indent]);
        let rest = match list_marker(trimmed) {
            Some(marker) => {
                out.push_str(&trimmed[..marker]);
                &trimmed[marker..]
            }
            None => trimmed,
        };
        block_line(rest, &mut out);
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Length of a list marker with its space (`- `, `* `, `+ `, `12. `).
fn list_marker(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && b[1] == b' ' {
        return Some(2);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 9 && b.get(digits) == Some(&b'.') && b.get(digits + 1) == Some(&b' ')
    {
        return Some(digits + 2);
    }
    None
}

/// One line of a description after its list marker.
fn block_line(line: &str, out: &mut String) {
    // A line of only `=` or `-` would underline the line above as a heading.
    if line.len() >= 2 && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-')) {
        out.push_str(&"&#45;".repeat(line.len()));
        return;
    }
    let first = line.chars().next();
    if matches!(first, Some('-') | Some('+')) {
        out.push('\\');
    }
    let ordered_marker = ordered_list_marker(line);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let mut i = 0;
    let bytes = line.as_bytes();
    while i < line.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            // A code span: a run of 1 or 2 backticks closed by the same run on
            // this line. Its content is shown literally by Markdown itself.
            if run <= 2
                && let Some(end) = closing_run(line, i + run, run)
            {
                out.push_str(&line[i..end + run]);
                i = end + run;
                continue;
            }
            for _ in 0..run {
                out.push_str("\\`");
            }
            i += run;
            continue;
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        if ordered_marker && i == digits {
            out.push('\\');
        }
        // Emphasis markers are kept, except at the start of a line where
        // `*` followed by a space is handled as a list marker above.
        push_escaped(out, c, BLOCK_BACKSLASHED);
        i += c.len_utf8();
    }
}

/// The position of the next run of exactly `run` backticks from `from`.
fn closing_run(line: &str, from: usize, run: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let len = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                return (i > from).then_some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// A Mermaid node label (written between double quotes): letters, digits and
/// spaces as they are, every other character as a Mermaid entity code
/// (`#35;`), so no quote, bracket, HTML or directive can break out.
pub(crate) fn mermaid_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.trim().chars() {
        match c {
            c if c.is_alphanumeric() && !c.is_control() => out.push(c),
            ' ' => out.push(' '),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => {
                out.push('#');
                out.push_str(&u32::from(c).to_string());
                out.push(';');
            }
        }
    }
    out
}

/// A link target as safe Markdown, or `None` when it must not be a link:
/// only `http:`, `https:`, `mailto:` and relative paths are allowed.
/// Characters that would end a Markdown link early are percent-encoded.
pub(crate) fn href(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(char::is_control) {
        return None;
    }
    // A scheme is letters, digits, `+`, `-`, `.` before the first `:` that
    // comes before any `/`, `?` or `#`.
    let scheme_end = url.find([':', '/', '?', '#']);
    if let Some(end) = scheme_end
        && url[end..].starts_with(':')
    {
        let scheme = url[..end].to_ascii_lowercase();
        if !matches!(scheme.as_str(), "http" | "https" | "mailto") {
            return None;
        }
    }
    if url.starts_with("//") {
        return None;
    }
    Some(escape_each(url, |c| match c {
        ' ' => Some("%20"),
        '(' => Some("%28"),
        ')' => Some("%29"),
        '<' => Some("%3C"),
        '>' => Some("%3E"),
        '"' => Some("%22"),
        '\'' => Some("%27"),
        '\\' => Some("%5C"),
        '`' => Some("%60"),
        '[' => Some("%5B"),
        ']' => Some("%5D"),
        '|' => Some("%7C"),
        '*' => Some("%2A"),
        _ => None,
    }))
}

/// A path for use in a URL: every byte outside the unreserved set and `/`
/// percent-encoded.
pub(crate) fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A string as a double-quoted YAML scalar whose content is also safe in
/// HTML (mkdocs puts `site_name` into its pages without escaping it).
pub(crate) fn yaml(text: &str) -> String {
    let html = escape_each(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        c if c.is_control() => Some(" "),
        _ => None,
    });
    serde_json::to_string(&html).unwrap_or_else(|_| "\"\"".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_cannot_become_html_or_a_link() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            inline("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(inline("![x](y)"), "!\\[x\\](y)");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("**bold** _it_"), "\\*\\*bold\\*\\* \\_it\\_");
        assert_eq!(inline("line\nbreak"), "line break");
        assert_eq!(inline("&amp;"), "&amp;amp;");
        assert_eq!(inline("a\u{2}wzxhzdk:0\u{3}b"), "awzxhzdk:0b");
    }

    #[test]
    fn inline_text_cannot_start_a_block() {
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("+ item"), "\\+ item");
        assert_eq!(inline("# heading"), "\\# heading");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("=== x"), "&#61;== x");
        assert_eq!(inline("> quote"), "&gt; quote");
        assert_eq!(inline("35.7%"), "35.7%");
        assert_eq!(inline("1."), "1\\.");
        assert_eq!(inline("eu-dtc-growth"), "eu-dtc-growth");
        assert_eq!(inline("2027-Q1"), "2027-Q1");
    }

    #[test]
    fn quoted_ids_become_code_spans() {
        assert_eq!(
            inline_with_code("trigger `a_b` fired: `<x>` [y](z)"),
            "trigger `a_b` fired: `<x>` \\[y\\](z)"
        );
        assert_eq!(inline_with_code("one ` tick <b>"), "one \\` tick &lt;b&gt;");
        assert_eq!(inline_with_code("`a|b` x"), "\\`a\\|b\\` x");
        assert_eq!(inline_with_code("- `x`"), "\\- `x`");
    }

    #[test]
    fn descriptions_keep_lists_and_emphasis_but_not_links_or_html() {
        let text = "Grow **DTC** profitably.\n\n- first `a_b` item\n- see [docs](javascript:x)\n\n<img src=x onerror=alert(1)>\n# Heading\n---\n```\nfence";
        let expected = "Grow **DTC** profitably.\n\n- first `a_b` item\n- see \\[docs\\](javascript:x)\n\n&lt;img src=x onerror=alert(1)&gt;\n\\# Heading\n&#45;&#45;&#45;\n\\`\\`\\`\n\nfence";
        let got = block(text);
        assert_eq!(
            got.replace("\n\nfence", "\nfence"),
            expected.replace("\n\nfence", "\nfence")
        );
        assert!(!got.contains('<'));
        assert_eq!(block("1. one\n2. two"), "1. one\n2. two");
        assert_eq!(block("\n\nText\n\n\n\nMore\n"), "Text\n\nMore");
        assert_eq!(block("unclosed ` tick"), "unclosed \\` tick");
    }

    #[test]
    fn mermaid_labels_are_letters_digits_and_entity_codes() {
        assert_eq!(mermaid_label("Win Nordics"), "Win Nordics");
        assert_eq!(mermaid_label("a\"]-->b"), "a#34;#93;#45;#45;#62;b");
        assert_eq!(mermaid_label("<b>"), "#60;b#62;");
        assert_eq!(mermaid_label("Ökologie 2030"), "Ökologie 2030");
    }

    #[test]
    fn only_safe_link_targets_are_links() {
        assert_eq!(href("javascript:alert(1)"), None);
        assert_eq!(href(" JavaScript:alert(1)"), None);
        assert_eq!(href("data:text/html,x"), None);
        assert_eq!(href("vbscript:x"), None);
        assert_eq!(href("//evil.example"), None);
        assert_eq!(
            href("https://a.example/x y(1)").as_deref(),
            Some("https://a.example/x%20y%281%29")
        );
        assert_eq!(href("../goals/a.md").as_deref(), Some("../goals/a.md"));
        assert_eq!(
            href("mailto:a@b.example").as_deref(),
            Some("mailto:a@b.example")
        );
        assert_eq!(href("a.md#x:y").as_deref(), Some("a.md#x:y"));
    }

    #[test]
    fn yaml_strings_are_quoted_and_html_safe() {
        assert_eq!(yaml("Acme \"strategy\""), "\"Acme \\\"strategy\\\"\"");
        assert_eq!(yaml("<script>"), "\"&lt;script&gt;\"");
        assert_eq!(url_path("goals/a b.yaml"), "goals/a%20b.yaml");
    }
}
