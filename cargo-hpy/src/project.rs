//! Finding the crate to build: its manifest, package, cdylib target and target folder.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use cargo_metadata::{Metadata, MetadataCommand, Package, TargetKind};

use crate::pyproject::{PyProject, ToolConfig};

/// A crate that builds a universal HPy module.
#[derive(Debug)]
pub struct Crate {
    /// The package's `Cargo.toml`.
    pub manifest_path: PathBuf,
    /// The package, as `cargo metadata` describes it.
    pub package: Package,
    /// The name of the `cdylib` target (the Rust crate name).
    pub lib_name: String,
    /// Cargo's target folder.
    pub target_dir: PathBuf,
    /// The root folder of the crate's workspace.
    pub workspace_root: PathBuf,
}

/// Finds the nearest `Cargo.toml` in `dir` or its ancestors.
pub fn find_manifest(dir: &Path) -> Result<PathBuf> {
    dir.ancestors().map(|d| d.join("Cargo.toml")).find(|p| p.is_file()).with_context(|| {
        format!("could not find Cargo.toml in {} or any parent folder (pass --manifest-path)", dir.display())
    })
}

impl Crate {
    /// Loads the package whose manifest is `manifest_path` and checks it has a `cdylib` target.
    pub fn load(manifest_path: &Path) -> Result<Crate> {
        if !manifest_path.is_file() {
            bail!("manifest {} does not exist", manifest_path.display());
        }
        let manifest_path = fs_err::canonicalize(manifest_path)?;
        let metadata = MetadataCommand::new()
            .cargo_path(cargo())
            .manifest_path(&manifest_path)
            .no_deps()
            .exec()
            .map_err(|e| match &e {
                cargo_metadata::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    cargo_not_found()
                }
                _ => anyhow::Error::new(e)
                    .context(format!("`cargo metadata` failed for {}", manifest_path.display())),
            })?;
        let package = find_package(&metadata, &manifest_path)?;
        let lib_name = cdylib_name(&package)?;
        Ok(Crate {
            manifest_path,
            lib_name,
            target_dir: metadata.target_directory.into_std_path_buf(),
            workspace_root: metadata.workspace_root.into_std_path_buf(),
            package,
        })
    }
}

/// The cargo executable: the one running us when we are a cargo subcommand, else `cargo`.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// The error when there is no cargo to run.
pub fn cargo_not_found() -> anyhow::Error {
    anyhow::anyhow!(
        "cargo not found: install Rust from https://rustup.rs (cargo-hpy runs `{}`; set CARGO to the \
         cargo program if it is installed elsewhere)",
        cargo().display()
    )
}

fn find_package(metadata: &Metadata, manifest_path: &Path) -> Result<Package> {
    metadata
        .packages
        .iter()
        .find(|p| fs_err::canonicalize(&p.manifest_path).is_ok_and(|p| p == manifest_path))
        .cloned()
        .with_context(|| {
            format!(
                "{} is a virtual workspace manifest, not a package: pass --manifest-path with the \
                 Cargo.toml of the crate that builds the module",
                manifest_path.display()
            )
        })
}

fn cdylib_name(package: &Package) -> Result<String> {
    let lib = package.targets.iter().find(|t| t.kind.contains(&TargetKind::CDyLib));
    match lib {
        Some(lib) => Ok(lib.name.replace('-', "_")),
        None => bail!(
            "package '{}' has no cdylib target: an HPy module must be a shared library; add\n\n\
             [lib]\ncrate-type = [\"cdylib\"]\n\nto {}",
            package.name,
            package.manifest_path
        ),
    }
}

/// A Python project built by cargo-hpy: the crate plus its pyproject.toml, if any.
#[derive(Debug)]
pub struct Project {
    /// The project folder: pyproject.toml's folder, else the crate's.
    pub root: PathBuf,
    pub pyproject: Option<PyProject>,
    pub krate: Crate,
}

impl Project {
    /// Finds the project from `--manifest-path`, else from the current folder: its
    /// pyproject.toml (and `[tool.cargo-hpy] manifest-path`), else the nearest Cargo.toml.
    pub fn discover(manifest_path: Option<&Path>) -> Result<Project> {
        let cwd = std::env::current_dir()?;
        match manifest_path {
            Some(path) => {
                let path = cwd.join(path);
                let pyproject = read_pyproject(&path.with_file_name("pyproject.toml"))?;
                Self::load(&path, pyproject)
            }
            None => Self::from_dir(&cwd, 0),
        }
    }

    fn from_dir(dir: &Path, depth: usize) -> Result<Project> {
        let pyproject_path = dir.join("pyproject.toml");
        if !pyproject_path.is_file() {
            let manifest = find_manifest(dir)?;
            let pyproject = read_pyproject(&manifest.with_file_name("pyproject.toml"))?;
            return Self::load(&manifest, pyproject);
        }
        let pyproject = PyProject::read(&pyproject_path)?;
        if let Some(sub) = pyproject.config().project_dir {
            if depth > 0 || sub.is_empty() || sub == "." {
                bail!("{}: project-dir must name a sub-folder once", pyproject_path.display());
            }
            return Self::from_dir(&dir.join(sub), depth + 1);
        }
        let manifest = pyproject.manifest_path().unwrap_or_else(|| dir.join("Cargo.toml"));
        if !manifest.is_file() {
            bail!(
                "{} has no Cargo.toml next to it: set [tool.cargo-hpy] manifest-path, or pass --manifest-path",
                pyproject_path.display()
            );
        }
        Self::load(&manifest, Some(pyproject))
    }

    fn load(manifest: &Path, pyproject: Option<PyProject>) -> Result<Project> {
        let krate = Crate::load(manifest)?;
        let root = match &pyproject {
            Some(p) => p.dir.clone(),
            None => krate.manifest_path.parent().expect("a manifest has a folder").to_path_buf(),
        };
        Ok(Project { root, pyproject, krate })
    }

    /// `[tool.cargo-hpy]`, or the defaults.
    pub fn config(&self) -> ToolConfig {
        self.pyproject.as_ref().map(PyProject::config).unwrap_or_default()
    }
}

fn read_pyproject(path: &Path) -> Result<Option<PyProject>> {
    if path.is_file() { PyProject::read(path).map(Some) } else { Ok(None) }
}
