//! `stratc init DIR`: a new, valid strategy repository from the built-in
//! template (embedded with `include_str!`, so what ships is what is tested).

use std::io::Write;
use std::path::PathBuf;

use super::common::emit;
use crate::error::Fatal;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (must be empty or not exist).
    pub dir: PathBuf,
}

/// The starter files: path relative to the new repository, and content.
pub const FILES: &[(&str, &str)] = &[
    (
        "stratc.yaml",
        include_str!("../../templates/init/stratc.yaml"),
    ),
    ("README.md", include_str!("../../templates/init/README.md")),
    (
        "goals/profitable-growth.yaml",
        include_str!("../../templates/init/goals/profitable-growth.yaml"),
    ),
    (
        "objectives/grow-online-sales.yaml",
        include_str!("../../templates/init/objectives/grow-online-sales.yaml"),
    ),
    (
        "kpis/kpis.yaml",
        include_str!("../../templates/init/kpis/kpis.yaml"),
    ),
    (
        "initiatives/launch-loyalty-program.yaml",
        include_str!("../../templates/init/initiatives/launch-loyalty-program.yaml"),
    ),
    (
        "roles/roles.yaml",
        include_str!("../../templates/init/roles/roles.yaml"),
    ),
    (
        "decisions/decision-rights.yaml",
        include_str!("../../templates/init/decisions/decision-rights.yaml"),
    ),
    (
        "markets/home.yaml",
        include_str!("../../templates/init/markets/home.yaml"),
    ),
    (
        "scorecards/monthly-review.yaml",
        include_str!("../../templates/init/scorecards/monthly-review.yaml"),
    ),
    (
        "actuals/kpis.csv",
        include_str!("../../templates/init/actuals/kpis.csv"),
    ),
];

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8, Fatal> {
    let dir = args.dir;
    if dir.exists() {
        let non_empty = std::fs::read_dir(&dir)
            .map_err(|e| Fatal::Read {
                path: dir.clone(),
                source: e,
            })?
            .next()
            .is_some();
        if non_empty {
            return Err(Fatal::Usage(format!(
                "{} is not empty; stratc init only writes into a new or empty folder",
                dir.display()
            )));
        }
    }
    for (rel, content) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Fatal::write(parent, e))?;
        }
        std::fs::write(&path, content).map_err(|e| Fatal::write(&path, e))?;
    }
    emit(
        out,
        &format!(
            "created a strategy repository in {} ({} files)\nnext: stratc check {}\n",
            dir.display(),
            FILES.len(),
            dir.display()
        ),
    )?;
    Ok(super::common::exit::CLEAN)
}
