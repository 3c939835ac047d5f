//! `cargo hpy build`: compile the crate, check the binary, and write the universal wheel.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cli::{ABIS, BuildArgs, CargoOptions, PlatformOptions};
use crate::compile::build_cdylib;
use crate::core_metadata::project_metadata;
use crate::elf::SharedLibrary;
use crate::layout::Layout;
use crate::output;
use crate::platform::{Compatibility, Platform};
use crate::project::Project;
use crate::stub::stub_source;
use crate::symbols::check_universal_module;
use crate::timestamp::source_date_epoch;
use crate::wheel::tags::WheelTags;

/// Runs `cargo hpy build` and returns the wheel's path.
pub fn run(args: &BuildArgs) -> Result<PathBuf> {
    check_abi(&args.abi)?;
    let project = Project::discover(args.cargo.manifest_path.as_deref())?;
    let out = args.out.clone().unwrap_or_else(|| project.krate.target_dir.join("wheels"));
    build_wheel(&project, &args.cargo, &args.platform, &out, args.editable)
}

/// Whether the build uses an optimized profile (anything but `dev` and `test`).
pub fn is_release(cargo: &CargoOptions) -> bool {
    match &cargo.profile {
        Some(profile) => !matches!(profile.as_str(), "dev" | "test"),
        None => cargo.release,
    }
}

/// Fails unless `abi` is one cargo-hpy builds.
pub fn check_abi(abi: &str) -> Result<()> {
    if !ABIS.contains(&abi) {
        bail!("unknown --abi '{abi}': cargo-hpy builds universal HPy modules only");
    }
    Ok(())
}

/// Builds the project's wheel into `out` and returns its path.
///
/// An editable wheel (PEP 660) ships a `.pth` file that puts python-source on `sys.path`
/// instead of the Python packages, and writes the module's binary and stub into
/// python-source when the module lives in one of its packages.
pub fn build_wheel(
    project: &Project,
    cargo: &CargoOptions,
    platform: &PlatformOptions,
    out: &Path,
    editable: bool,
) -> Result<PathBuf> {
    let layout = Layout::new(project)?;
    let metadata = project_metadata(project.pyproject.as_ref(), &project.krate.package)?;
    let config = project.config();
    let release = is_release(cargo);
    let strip = release && !platform.no_strip && config.strip.unwrap_or(true);
    let platform_options = platform;
    let platform = Platform::resolve(platform, config.compatibility.as_deref(), release)?;

    let mut cargo = cargo.clone();
    cargo.features.extend(config.features.iter().cloned());
    let library_path = build_cdylib(&project.krate, &cargo, &platform, strip)?;
    let library = SharedLibrary::read(&library_path)?;
    let cannot_package =
        |e: anyhow::Error| e.context(format!("{} cannot be packaged", library_path.display()));
    check_universal_module(&library, layout.short_name()).map_err(cannot_package)?;
    let tags = WheelTags { platforms: platform.tags(&library).map_err(cannot_package)? };
    if release && platform.compatibility == Compatibility::Native {
        warn_if_narrow(&tags.platforms[0]);
    }

    let mut wheel = metadata.into_wheel(tags)?;
    let binary = fs_err::read(&library_path)?;
    let binary_for_stubs = binary.clone();
    let stub = stub_source(layout.short_name()).into_bytes();
    let in_source_package = layout.module.contains('.') && layout.python_source.is_some();
    match (&layout.python_source, editable) {
        (Some(source), true) => {
            if in_source_package {
                write_if_changed(&source.join(layout.binary_path()), &binary)?;
                write_if_changed(&source.join(layout.stub_path()), &stub)?;
            } else {
                wheel.add(&layout.binary_path(), binary, true)?;
                wheel.add(&layout.stub_path(), stub, false)?;
            }
            let pth = format!("{}\n", fs_err::canonicalize(source)?.display());
            wheel.add(&format!("{}.pth", wheel.distribution().replace('-', "_")), pth.into_bytes(), false)?;
        }
        _ => {
            wheel.add(&layout.binary_path(), binary, true)?;
            wheel.add(&layout.stub_path(), stub, false)?;
            for (path, file) in layout.python_files()? {
                wheel.add(&path, fs_err::read(&file)?, is_executable(&file)?)?;
            }
        }
    }
    if let Some((path, file)) = layout.type_stub(&project.root) {
        wheel.add(&path, fs_err::read(&file)?, false)?;
    }
    if !platform_options.no_stubs && config.stubs.unwrap_or(true) {
        crate::type_stubs::ship(&mut wheel, &layout, &project.root, &binary_for_stubs, editable)?;
    }
    let data_dir = format!("{}.data", wheel.distribution());
    for (path, file) in layout.data_files()? {
        wheel.add(&format!("{data_dir}/{path}"), fs_err::read(&file)?, is_executable(&file)?)?;
    }
    wheel.write(out, source_date_epoch()?)
}

/// Warns when a release wheel only installs on recent Linux distributions.
fn warn_if_narrow(tag: &str) {
    let glibc = tag.strip_prefix("manylinux_2_").and_then(|t| t.split('_').next()?.parse::<u32>().ok());
    if let Some(glibc) = glibc.filter(|g| *g > 17) {
        output::warn(&format!(
            "the wheel is tagged {tag}: pip installs it only where glibc is 2.{glibc} or newer. For \
             glibc 2.17+ (manylinux2014), build with --compatibility manylinux2014 (needs cargo-zigbuild \
             and zig), or set compatibility = \"manylinux2014\" under [tool.cargo-hpy]"
        ));
    }
}

/// Writes `data` to `path` unless it already holds exactly that (keeps mtimes stable).
fn write_if_changed(path: &Path, data: &[u8]) -> Result<()> {
    if fs_err::read(path).ok().as_deref() != Some(data) {
        fs_err::write(path, data)?;
    }
    Ok(())
}

fn is_executable(path: &Path) -> Result<bool> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs_err::metadata(path)?.permissions().mode() & 0o111 != 0)
}
