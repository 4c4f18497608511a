//! Fatal errors: problems that stop a command before it can report
//! findings (usage, I/O, internal). They map to exit code 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    #[error("{0} is not a folder (the strategy root must be a folder)")]
    NotADirectory(PathBuf),
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("git: {0}")]
    Git(String),
    #[error("template error: {0}")]
    Template(String),
}

impl Fatal {
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Fatal {
        Fatal::Write {
            path: path.into(),
            source,
        }
    }
}
