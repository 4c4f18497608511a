//! Stage 6: the docs site, playbooks and scorecards rendered from the model
//! with minijinja templates.

/// The file `stratc build` writes into `--out` to remember what it wrote.
pub const MANIFEST: &str = ".stratc-manifest.json";
