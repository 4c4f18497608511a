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
        "policies/pricing-policy.yaml",
        include_str!("../../templates/init/policies/pricing-policy.yaml"),
    ),
    (
        "channels/online-shop.yaml",
        include_str!("../../templates/init/channels/online-shop.yaml"),
    ),
    (
        "gates/product-launch.yaml",
        include_str!("../../templates/init/gates/product-launch.yaml"),
    ),
    (
        "actuals/kpis.csv",
        include_str!("../../templates/init/actuals/kpis.csv"),
    ),
    (
        "policies/channel-policy.yaml",
        include_str!("../../templates/init/policies/channel-policy.yaml"),
    ),
    (
        "policies/data-policy.yaml",
        include_str!("../../templates/init/policies/data-policy.yaml"),
    ),
    (
        "segments/segments.yaml",
        include_str!("../../templates/init/segments/segments.yaml"),
    ),
    (
        "budgets/budget-2027.yaml",
        include_str!("../../templates/init/budgets/budget-2027.yaml"),
    ),
    (
        "triggers/cac-overrun.yaml",
        include_str!("../../templates/init/triggers/cac-overrun.yaml"),
    ),
    (
        "playbooks/cac-overrun-response.yaml",
        include_str!("../../templates/init/playbooks/cac-overrun-response.yaml"),
    ),
    (
        "initiatives/spring-sale.yaml",
        include_str!("../../templates/init/initiatives/spring-sale.yaml"),
    ),
    (
        "exceptions/spring-sale-discount.yaml",
        include_str!("../../templates/init/exceptions/spring-sale-discount.yaml"),
    ),
    (
        "experiments/free-shipping-test.yaml",
        include_str!("../../templates/init/experiments/free-shipping-test.yaml"),
    ),
    (
        "scenarios/media-cost-rise.yaml",
        include_str!("../../templates/init/scenarios/media-cost-rise.yaml"),
    ),
    (
        "brands/brands.yaml",
        include_str!("../../templates/init/brands/brands.yaml"),
    ),
    (
        "deals/first-wholesale-deal.yaml",
        include_str!("../../templates/init/deals/first-wholesale-deal.yaml"),
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
    let mut written: Vec<(String, String)> = FILES
        .iter()
        .map(|(rel, content)| ((*rel).to_owned(), (*content).to_owned()))
        .collect();
    // The schemas travel with the repository, so an editor validates
    // without a network and against the stratc that wrote them.
    for (name, text) in crate::schema::all_schemas() {
        written.push((format!("schemas/{name}"), text));
    }
    written.push((".vscode/settings.json".to_owned(), editor_settings()));
    for (rel, content) in &written {
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
            written.len(),
            dir.display()
        ),
    )?;
    Ok(super::common::exit::CLEAN)
}

/// `.vscode/settings.json`: maps the schemas onto the strategy files by
/// path, which — unlike a `# yaml-language-server: $schema=` modeline, read
/// for the first document only — applies to every document of a
/// multi-document file. Paths are relative to the repository root.
pub fn editor_settings() -> String {
    let mut folders: Vec<&str> = Vec::new();
    for (rel, _) in FILES {
        if let (true, Some((folder, _))) = (rel.ends_with(".yaml"), rel.split_once('/'))
            && !folders.contains(&folder)
        {
            folders.push(folder);
        }
    }
    let documents: Vec<String> = folders.iter().map(|f| format!("{f}/**/*.yaml")).collect();
    let settings = serde_json::json!({
        "yaml.schemas": {
            "./schemas/config.schema.json": ["stratc.yaml"],
            "./schemas/document.schema.json": documents,
        }
    });
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    text
}
