//! `stratc schema`: write the JSON Schemas generated from the Rust types.
//! The committed `schemas/` folder is this output (a test keeps it so).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::common::emit;
use crate::error::Fatal;
use crate::schema::all_schemas;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to write the schemas into; without it, print the document schema.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    let schemas = all_schemas();
    match args.out {
        None => emit(out, &schemas["document.schema.json"])?,
        Some(dir) => {
            write_all(&dir)?;
            emit(
                out,
                &format!("wrote {} schemas to {}\n", schemas.len(), dir.display()),
            )?;
        }
    }
    Ok(super::common::exit::CLEAN)
}

/// Writes every schema into `dir` (created if needed).
pub fn write_all(dir: &Path) -> Result<(), Fatal> {
    std::fs::create_dir_all(dir).map_err(|e| Fatal::write(dir, e))?;
    for (name, text) in all_schemas() {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| Fatal::write(&path, e))?;
    }
    Ok(())
}
