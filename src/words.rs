//! English for messages: lists, articles and JSON-pointer tokens. Shared by
//! every stage that writes a sentence, so one list reads the same everywhere.

use std::borrow::Cow;

/// Items as a readable list: `a, b and c`.
pub fn and_list(items: impl IntoIterator<Item = impl Into<String>>) -> String {
    let items: Vec<String> = items.into_iter().map(Into::into).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Ids as inline code in a readable list: `` `a`, `b` and `c` ``.
pub fn id_list<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> String {
    and_list(ids.into_iter().map(|id| format!("`{}`", id.as_ref())))
}

/// The singular or the plural of a noun for `count` things.
pub fn noun<'a>(count: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if count == 1 { singular } else { plural }
}

/// `a` or `an` before a word (kind names: "an Objective", "a Market").
pub fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U' | 'a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `text` with each character `replace` maps replaced by its text (`""`
/// drops it); the one loop behind every escaping table (XML, DOT, Mermaid,
/// URLs).
pub fn escape_each(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replace(c) {
            Some(with) => out.push_str(with),
            None => out.push(c),
        }
    }
    out
}

/// A key as one JSON-pointer token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_pointer(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1").into()
    } else {
        key.into()
    }
}

/// One JSON-pointer token back to its key.
pub fn unescape_pointer(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(id_list(Vec::<&str>::new()), "");
        assert_eq!(id_list(["a"]), "`a`");
        assert_eq!(id_list(["a", "b", "c"]), "`a`, `b` and `c`");
        assert_eq!(and_list(["x", "y"]), "x and y");
    }

    #[test]
    fn pointer_tokens_round_trip() {
        for key in ["plain", "a/b", "~x", "~1/"] {
            assert_eq!(unescape_pointer(&escape_pointer(key)), key);
        }
        assert_eq!(escape_pointer("a/b~"), "a~1b~0");
    }
}
