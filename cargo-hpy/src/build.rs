//! `cargo hpy build`: compile the crate, check the binary, and write the wheel of each ABI
//! asked for (`abi.rs`): one cargo build and one wheel per ABI.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::abi::{AbiChoice, ModuleAbi};
use crate::cli::{AbiOptions, BuildArgs, CargoOptions, PlatformOptions};
use crate::compile::build_cdylib;
use crate::core_metadata::project_metadata;
use crate::elf::SharedLibrary;
use crate::layout::Layout;
use crate::output;
use crate::platform::{Compatibility, Platform};
use crate::project::Project;
use crate::stub::{MARKER, stub_source};
use crate::symbols::{check_cpython_module, check_universal_module};
use crate::timestamp::source_date_epoch;
use crate::wheel::tags::WheelTags;

/// Runs `cargo hpy build` and returns the wheels' paths.
pub fn run(args: &BuildArgs) -> Result<Vec<PathBuf>> {
    let project = Project::discover(args.cargo.manifest_path.as_deref())?;
    let builds = plan(&project, &args.abi, AbiChoice::Universal, false)?;
    if args.editable && builds.len() > 1 {
        bail!("an editable wheel is built for one ABI: use --abi universal, cpython or auto with one -i");
    }
    let out = args.out.clone().unwrap_or_else(|| project.krate.target_dir.join("wheels"));
    let mut wheels = Vec::new();
    for abi in &builds {
        if builds.len() > 1 || matches!(abi, ModuleAbi::Cpython(_)) {
            output::status("Building", &abi.describe());
        }
        wheels.push(build_wheel(&project, &args.cargo, &args.platform, &out, args.editable, abi)?);
    }
    Ok(wheels)
}

/// The builds of a command's ABI options: `--abi`, else `[tool.cargo-hpy] abi`, else
/// `--default-abi`, else `default`; `-i` names the interpreters (unused by `universal`).
///
/// A command that makes one wheel (`one_wheel`: `metadata`, and `build` run by the PEP 517
/// backend, which passes `--default-abi`) reads `abi = "all"` in pyproject.toml as `auto`.
pub fn plan(
    project: &Project,
    options: &AbiOptions,
    default: AbiChoice,
    one_wheel: bool,
) -> Result<Vec<ModuleAbi>> {
    let configured = project.config().abi;
    let mut choice =
        AbiChoice::resolve(options.abi, configured.as_deref(), options.default_abi.unwrap_or(default))?;
    if choice == AbiChoice::All && options.abi.is_none() && (one_wheel || options.default_abi.is_some()) {
        choice = AbiChoice::Auto;
    }
    let choice = crate::abi::auto_for_package(choice, &project.krate.package);
    ModuleAbi::plan(choice, &options.interpreters)
}

/// Whether the build uses an optimized profile (anything but `dev` and `test`).
pub fn is_release(cargo: &CargoOptions) -> bool {
    match &cargo.profile {
        Some(profile) => !matches!(profile.as_str(), "dev" | "test"),
        None => cargo.release,
    }
}

/// Builds the project's wheel in `abi` into `out` and returns its path.
///
/// An editable wheel (PEP 660) ships a `.pth` file that puts python-source on `sys.path`
/// instead of the Python packages, and writes the module's binary and stub into
/// python-source when the module lives in one of its packages (removing the other ABI's
/// binary and stub there: CPython's extension loader is tried before a `.py` file).
pub fn build_wheel(
    project: &Project,
    cargo: &CargoOptions,
    platform: &PlatformOptions,
    out: &Path,
    editable: bool,
    abi: &ModuleAbi,
) -> Result<PathBuf> {
    if let (ModuleAbi::Cpython(_), Some(target)) = (abi, &platform.target) {
        bail!(
            "--abi cpython cannot cross-compile (--target {target}) yet: it needs the target's CPython; \
             build the universal wheel for other targets, or build on the target machine"
        );
    }
    let layout = Layout::new(project)?;
    let metadata = project_metadata(project.pyproject.as_ref(), &project.krate.package)?;
    let metadata = match abi {
        ModuleAbi::Universal => metadata,
        ModuleAbi::Cpython(_) => metadata.without_hpy_runtime(),
    };
    let config = project.config();
    let release = is_release(cargo);
    let strip = release && !platform.no_strip && config.strip.unwrap_or(true);
    let platform_options = platform;
    let platform = Platform::resolve(platform, config.compatibility.as_deref(), release)?;

    let mut cargo = cargo.clone();
    cargo.features.extend(config.features.iter().cloned());
    cargo.features.extend(abi.features(&project.krate.package)?);
    let library_path = build_cdylib(&project.krate, &cargo, &platform, strip, &abi.environment())?;
    let library = SharedLibrary::read(&library_path)?;
    let cannot_package =
        |e: anyhow::Error| e.context(format!("{} cannot be packaged", library_path.display()));
    let (binary_path, stub) = match abi {
        ModuleAbi::Universal => {
            check_universal_module(&library, layout.short_name()).map_err(cannot_package)?;
            let stub = stub_source(layout.short_name()).into_bytes();
            (layout.binary_path_in(abi), Some((layout.stub_path(), stub)))
        }
        ModuleAbi::Cpython(_) => {
            check_cpython_module(&library, layout.short_name()).map_err(cannot_package)?;
            (layout.binary_path_in(abi), None)
        }
    };
    let (python, abi_tag) = abi.tags();
    let tags =
        WheelTags { python, abi: abi_tag, platforms: platform.tags(&library).map_err(cannot_package)? };
    if release && platform.compatibility == Compatibility::Native {
        warn_if_narrow(&tags.platforms[0]);
    }

    let mut wheel = metadata.into_wheel(tags)?;
    let binary = fs_err::read(&library_path)?;
    let binary_for_stubs = binary.clone();
    let in_source_package = layout.module.contains('.') && layout.python_source.is_some();
    match (&layout.python_source, editable) {
        (Some(source), true) => {
            if in_source_package {
                remove_other_abi_files(source, &layout, &binary_path, stub.is_some())?;
                write_if_changed(&source.join(&binary_path), &binary)?;
                if let Some((path, stub)) = &stub {
                    write_if_changed(&source.join(path), stub)?;
                }
            } else {
                wheel.add(&binary_path, binary, true)?;
                if let Some((path, stub)) = stub {
                    wheel.add(&path, stub, false)?;
                }
            }
            let pth = format!("{}\n", fs_err::canonicalize(source)?.display());
            wheel.add(&format!("{}.pth", wheel.distribution().replace('-', "_")), pth.into_bytes(), false)?;
        }
        _ => {
            wheel.add(&binary_path, binary, true)?;
            if let Some((path, stub)) = stub {
                wheel.add(&path, stub, false)?;
            }
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

/// Removes, from the module's folder under `root`, the binaries of the module other than
/// `keep` and, unless `keep_stub`, its generated loader stub: what an install of another
/// ABI left there (a CPython extension would shadow the stub, and a stub is dead code next
/// to an extension).
pub fn remove_other_abi_files(root: &Path, layout: &Layout, keep: &str, keep_stub: bool) -> Result<()> {
    let stub = root.join(layout.stub_path());
    let Some(dir) = stub.parent() else { return Ok(()) };
    let Ok(entries) = fs_err::read_dir(dir) else { return Ok(()) };
    let prefix = match layout.stub_path().rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => String::new(),
    };
    for entry in entries {
        let entry = entry?;
        let path = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let generated_stub = || {
            path == layout.stub_path()
                && fs_err::read_to_string(entry.path()).is_ok_and(|t| t.starts_with(MARKER))
        };
        if (layout.is_module_binary(&path) && path != keep) || (!keep_stub && generated_stub()) {
            output::detail(&format!("removing {} (another ABI's file)", entry.path().display()));
            fs_err::remove_file(entry.path())?;
        }
    }
    Ok(())
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
