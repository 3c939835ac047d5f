//! `cargo hpy metadata`: the wheel's `.dist-info` folder without building anything, for the
//! PEP 517 hooks `prepare_metadata_for_build_wheel` and `prepare_metadata_for_build_editable`
//! (pip resolves dependencies from it before the build).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::MetadataArgs;
use crate::core_metadata::project_metadata;
use crate::project::Project;
use crate::wheel::tags::WheelTags;

pub fn run(args: &MetadataArgs) -> Result<PathBuf> {
    let project = Project::discover(args.manifest_path.as_deref())?;
    write_metadata(&project, &args.out)
}

/// Writes `<name>-<version>.dist-info/` (METADATA, entry_points.txt, licenses/) into `out`,
/// the same files the wheel will hold, and returns its path.
pub fn write_metadata(project: &Project, out: &Path) -> Result<PathBuf> {
    let metadata = project_metadata(project.pyproject.as_ref(), &project.krate.package)?;
    let wheel = metadata.into_wheel(WheelTags { platforms: vec![] })?;
    for (path, data) in wheel.metadata_files() {
        let path = out.join(path);
        if let Some(dir) = path.parent() {
            fs_err::create_dir_all(dir)?;
        }
        fs_err::write(&path, data)?;
    }
    Ok(out.join(wheel.dist_info()))
}
