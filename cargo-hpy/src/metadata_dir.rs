//! `cargo hpy metadata`: the wheel's `.dist-info` folder without building anything, for the
//! PEP 517 hooks `prepare_metadata_for_build_wheel` and `prepare_metadata_for_build_editable`
//! (pip resolves dependencies from it before the build).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::abi::{AbiChoice, ModuleAbi};
use crate::build::plan;
use crate::cli::MetadataArgs;
use crate::core_metadata::project_metadata;
use crate::project::Project;
use crate::wheel::tags::WheelTags;

pub fn run(args: &MetadataArgs) -> Result<PathBuf> {
    let project = Project::discover(args.manifest_path.as_deref())?;
    let builds = plan(&project, &args.abi, AbiChoice::Universal, true)?;
    let [abi] = builds.as_slice() else {
        bail!("the metadata describes one wheel: use --abi universal, cpython or auto with one -i");
    };
    write_metadata(&project, &args.out, abi)
}

/// Writes `<name>-<version>.dist-info/` (METADATA, entry_points.txt, licenses/) into `out`,
/// the same files the wheel of `abi` will hold, and returns its path.
pub fn write_metadata(project: &Project, out: &Path, abi: &ModuleAbi) -> Result<PathBuf> {
    let metadata = project_metadata(project.pyproject.as_ref(), &project.krate.package)?;
    let metadata = match abi {
        ModuleAbi::Universal => metadata,
        ModuleAbi::Cpython(_) => metadata.without_hpy_runtime(),
    };
    let wheel = metadata.into_wheel(WheelTags::universal(vec![]))?;
    for (path, data) in wheel.metadata_files() {
        let path = out.join(path);
        if let Some(dir) = path.parent() {
            fs_err::create_dir_all(dir)?;
        }
        fs_err::write(&path, data)?;
    }
    Ok(out.join(wheel.dist_info()))
}
