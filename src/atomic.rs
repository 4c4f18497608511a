//! Writing one file so that a reader never sees half of it: the text goes to
//! a temporary file beside the target, which is then renamed over it (the
//! rename is atomic on one file system). Used for baselines and CODEOWNERS;
//! the docs site has its own staged writer (`render::output`).

use std::path::Path;

use crate::error::Fatal;

/// Writes `text` to `path` atomically, creating missing parent folders.
pub fn write(path: &Path, text: &str) -> Result<(), Fatal> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Fatal::write(parent, e))?;
    }
    let tmp = path.with_extension("stratc-tmp");
    std::fs::write(&tmp, text)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Fatal::write(path, e)
        })
}
