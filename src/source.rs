//! Shared by every stage: byte spans and the source map (every file read, by
//! id, with lazy line indexes so that spans become file, line and column only
//! when a finding is printed).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
}

/// Index of a document in the model (`Model::docs`).
pub type DocId = usize;

/// Index of a file in `Sources`.
pub type FileId = u32;

#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the strategy root, with `/` separators (stable
    /// across platforms, used in every output).
    pub path: String,
    /// Absolute or root-joined path for reading and editors.
    pub full_path: PathBuf,
    pub text: Arc<str>,
    line_starts: OnceLock<Vec<u32>>,
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

impl SourceFile {
    pub fn new(path: String, full_path: PathBuf, text: Arc<str>) -> SourceFile {
        SourceFile {
            path,
            full_path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i as u32 + 1),
                )
                .collect()
        })
    }

    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.text.len() as u32);
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = starts[line] as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() as u32 + 1;
        LineCol {
            line: line as u32 + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and column (in characters).
    pub fn offset_of(&self, line: u32, column: u32) -> u32 {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1) as usize) else {
            return self.text.len() as u32;
        };
        let rest = &self.text[start as usize..];
        let within: usize = rest
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .nth(column.saturating_sub(1) as usize)
            .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
        start + within as u32
    }

    /// The span of the whole line containing `offset`, without its newline.
    pub fn line_span(&self, offset: u32) -> Span {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = starts[line];
        let end = starts
            .get(line + 1)
            .map_or(self.text.len() as u32, |&next| next - 1);
        Span::new(start, end.max(start))
    }
}

/// Every file read in one run.
#[derive(Debug, Default)]
pub struct Sources {
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
}

impl Sources {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        (self.files.len() - 1) as FileId
    }

    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| i as FileId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let f = SourceFile::new("a.yaml".into(), "a.yaml".into(), "ab\ncé: x\n".into());
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // 'é' is two bytes; ':' is the third character of line 2.
        assert_eq!(f.line_col(6), LineCol { line: 2, column: 3 });
        assert_eq!(f.offset_of(2, 3), 6);
        assert_eq!(f.line_span(4), Span::new(3, 9));
    }
}
