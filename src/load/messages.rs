//! The parser's complaints in the author's terms: what they did, not what
//! the YAML grammar expected. A message this file cannot explain keeps the
//! parser's own words.

use crate::source::SourceFile;

/// A message and a help line, when the mistake behind a parser error is
/// recognisable from the lines around it.
pub(crate) struct Explained {
    pub message: String,
    pub help: String,
}

/// One line of the file, as far as indentation is concerned.
struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

impl Line<'_> {
    /// The key the line starts (`currency` of `currency: EUR`), if any.
    fn key(&self) -> Option<&str> {
        let text = self.text.strip_prefix("- ").unwrap_or(self.text);
        let (key, _) = text.split_once(':')?;
        (!key.is_empty() && !key.contains([' ', '[', '{', '"', '\''])).then_some(key)
    }

    /// `` `currency:` on line 3 `` or `line 4 (`- g`)`.
    fn named(&self) -> String {
        match self.key() {
            Some(key) => format!("`{key}:` on line {}", self.number),
            None => format!("line {} (`{}`)", self.number, self.text),
        }
    }
}

fn lines(source: &SourceFile) -> Vec<Line<'_>> {
    source
        .text
        .lines()
        .enumerate()
        .map(|(i, raw)| {
            let text = raw.trim_start_matches(' ');
            Line {
                number: i + 1,
                indent: raw.len() - text.len(),
                text: text.trim_end(),
            }
        })
        .collect()
}

fn spaces(count: usize) -> String {
    format!("{count} {}", crate::words::noun(count, "space", "spaces"))
}

fn is_content(line: &Line<'_>) -> bool {
    !line.text.is_empty() && !line.text.starts_with('#')
}

/// A syntax error at `line` (1-based) explained by its indentation: a line
/// indented more than a key that already has its value, or one that lines
/// up with nothing above it.
pub(crate) fn syntax(source: &SourceFile, line: usize, parser: &str) -> Option<Explained> {
    let indentation_error = parser.contains("mapping values are not allowed")
        || parser.contains("did not find expected key")
        || parser.contains("did not find expected '-' indicator");
    if !indentation_error {
        return None;
    }
    let all = lines(source);
    let here = all.get(line.checked_sub(1)?)?;
    if !is_content(here) {
        return None;
    }
    let above: Vec<&Line<'_>> = all[..here.number - 1]
        .iter()
        .rev()
        .filter(|l| is_content(l) && l.text != "---")
        .collect();
    let previous = above.first()?;
    let what = here
        .key()
        .map_or_else(|| "this line".to_owned(), |k| format!("`{k}:`"));
    if here.indent > previous.indent {
        // A key whose value is written on its own line may have indented
        // lines below it; one with its value beside it may not.
        let opens = previous.text.ends_with(':') || previous.text == "-";
        if opens {
            return None;
        }
        return Some(Explained {
            message: format!(
                "this line is indented more than the key above ({}), which already has its value, \
                 so {what} cannot start here",
                previous.named()
            ),
            help: format!(
                "start {what} in column {} like the line above, or write the value of the line \
                 above on its own indented lines",
                previous.indent + 1
            ),
        });
    }
    if above.iter().any(|l| l.indent == here.indent) {
        return None;
    }
    // Indented less than the line above, but not back to any level above:
    // the nearest line further left is the one it would belong to.
    let parent = above.iter().find(|l| l.indent < here.indent)?;
    Some(Explained {
        message: format!(
            "this line is indented {}, which lines it up with nothing above: less than {} ({}) \
             but more than {} ({})",
            spaces(here.indent),
            previous.named(),
            spaces(previous.indent),
            parent.named(),
            spaces(parent.indent)
        ),
        help: format!(
            "indent it by {} spaces to continue like line {}, or by {} to sit beside line {}; \
             the lines of one mapping or list start in the same column",
            previous.indent, previous.number, parent.indent, parent.number
        ),
    })
}

/// A key repeated in one mapping. `kind` (or `id`) written again at the top
/// of a document is almost always the start of a second document without
/// the `---` line that separates them.
pub(crate) fn duplicate_key(source: &SourceFile, line: usize) -> Option<Explained> {
    let all = lines(source);
    let here = all.get(line.checked_sub(1)?)?;
    let key = here.key()?;
    if here.indent != 0 || !matches!(key, "kind" | "id") {
        return None;
    }
    Some(Explained {
        message: format!(
            "the key `{key}` appears a second time in one document: did you forget `---` between \
             two documents?"
        ),
        help: format!(
            "put a line `---` before line {} to start a new document there; a file holds several \
             documents only when each one starts after `---`",
            first_line_of_next_document(&all, here.number)
        ),
    })
}

/// Where the document that lacks its `---` starts: the repeated key's line,
/// or the `kind:` or `id:` line right above it, with the comments above them.
fn first_line_of_next_document(all: &[Line<'_>], repeated: usize) -> usize {
    let mut first = repeated;
    while first > 1 {
        let above = &all[first - 2];
        let starts_document = above.indent == 0 && matches!(above.key(), Some("kind" | "id"));
        if starts_document {
            first -= 1;
        } else {
            break;
        }
    }
    first
}
