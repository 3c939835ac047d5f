//! `cargo hpy sdist`: a source distribution (PEP 517/625) that builds the same wheel.
//!
//! The archive holds the project folder and every local (path) crate the module depends
//! on, with the workspace manifests they use. Crates are grouped by the folder holding
//! their workspace; each group keeps its inner layout. With one group (no crates from
//! outside the project), the group is the archive root; otherwise each group is a folder
//! of the archive, and a small `pyproject.toml` at the root names the project's folder
//! (`[tool.cargo-hpy] project-dir`). `path` dependencies are rewritten to the new places,
//! and workspaces list only the members in the archive.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use cargo_metadata::{MetadataCommand, Package};

use crate::cli::SdistArgs;
use crate::core_metadata::project_metadata;
use crate::file_patterns::Patterns;
use crate::manifest_rewrite::{relative_path, rewrite_manifest};
use crate::output;
use crate::project::{Project, cargo};
use crate::sdist_files::{FolderRules, Skipped, cargo_patterns, select};
use crate::stub::MARKER;
use crate::tarball::write_tar_gz;
use crate::timestamp::source_date_epoch;
use crate::wheel::metadata::escaped_name;

pub fn run(args: &SdistArgs) -> Result<PathBuf> {
    let project = Project::discover(args.manifest_path.as_deref())?;
    let out = args.out.clone().unwrap_or_else(|| project.krate.target_dir.join("wheels"));
    write_sdist(&project, &out)
}

/// Writes the project's sdist into `out` and returns its path.
pub fn write_sdist(project: &Project, out: &Path) -> Result<PathBuf> {
    let mut metadata = project_metadata(project.pyproject.as_ref(), &project.krate.package)?.core;
    // The universal wheel requires `hpy`; a CPython-ABI wheel built from the sdist does not.
    metadata.dynamic.push("Requires-Dist".into());
    let packages = local_packages(project)?;
    let project_root = canonical(&project.root);

    // Workspace root manifest -> its members in the archive (relative to it).
    let mut workspaces: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut workspace_of: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for package in &packages {
        let dir = package_dir(package);
        let root = workspace_root(&dir.join("Cargo.toml"))?;
        workspace_of.insert(dir.clone(), root.clone());
        let members = workspaces.entry(root.clone()).or_default();
        if root != dir.join("Cargo.toml") {
            members.push(slash_path(&relative_path(root.parent().expect("a manifest has a folder"), &dir)));
        }
    }

    // The groups: folders whose layout the archive keeps, and their folder in the archive.
    let project_workspace = canonical(&project.krate.workspace_root);
    let project_base = common_folder([project_root.as_path(), project_workspace.as_path()].into_iter());
    let mut bases = vec![project_base.clone()];
    for root in workspaces.keys() {
        let dir = root.parent().expect("a manifest has a folder").to_path_buf();
        if !bases.iter().any(|b| dir.starts_with(b)) {
            bases.retain(|b| !b.starts_with(&dir));
            bases.push(dir);
        }
    }
    let project_base = bases.iter().find(|b| project_root.starts_with(b)).cloned().unwrap_or(project_base);
    let groups = name_groups(&project_base, &bases);
    let locate = |path: &Path| -> Option<PathBuf> {
        let (base, name) = groups
            .iter()
            .filter(|(base, _)| path.starts_with(base))
            .max_by_key(|(b, _)| b.as_os_str().len())?;
        Some(Path::new(name).join(path.strip_prefix(base).ok()?))
    };

    // Folders copied whole, and every manifest (rewritten).
    let mut folders: BTreeSet<PathBuf> = packages.iter().map(package_dir).collect();
    folders.insert(project_root.clone());
    fs_err::create_dir_all(out)?;
    let skipped = Skipped {
        crates: folders.clone(),
        outputs: vec![canonical(&project.krate.target_dir), canonical(out)],
    };
    let config = project.config();
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    for folder in &folders {
        let is_project = *folder == project_root;
        let (cargo_include, cargo_exclude) = match workspace_of.get(folder) {
            Some(workspace) => cargo_patterns(&folder.join("Cargo.toml"), workspace)?,
            None => (Patterns::none(), Patterns::none()),
        };
        let tool = |list: &[String], key: &str| {
            let what = format!("[tool.cargo-hpy] {key}");
            if is_project { Patterns::new(folder, list, &what) } else { Ok(Patterns::none()) }
        };
        let rules = FolderRules {
            cargo_include,
            cargo_exclude,
            include: tool(&config.include, "include")?,
            exclude: tool(&config.exclude, "exclude")?,
            is_project,
        };
        let (selected, warnings) = select(folder, &rules, &skipped)?;
        for warning in warnings {
            output::warn(&warning);
        }
        for file in selected {
            let data = fs_err::read(&file)?;
            let generated_stub =
                file.extension().is_some_and(|e| e == "py") && data.starts_with(MARKER.as_bytes());
            // A `.pyi` that `cargo hpy develop` generated: the build writes it again.
            let generated_pyi = file.extension().is_some_and(|e| e == "pyi")
                && data.starts_with(crate::pyi::MARKER.as_bytes());
            if !generated_stub && !generated_pyi {
                files.insert(file, data);
            }
        }
    }
    let mut manifests: BTreeMap<PathBuf, Option<&[String]>> =
        packages.iter().map(|p| (package_dir(p).join("Cargo.toml"), None)).collect();
    manifests.extend(workspaces.iter().map(|(root, members)| (root.clone(), Some(members.as_slice()))));
    for (manifest, members) in manifests {
        let new_dir = locate(manifest.parent().expect("a folder")).context("a manifest in a group")?;
        let relocate = |target: &Path| locate(target).map(|new| relative_path(&new_dir, &new));
        files.insert(manifest.clone(), rewrite_manifest(&manifest, members, &relocate)?.into_bytes());
    }
    let lock = project.krate.workspace_root.join("Cargo.lock");
    if lock.is_file() {
        files.insert(canonical(&lock), fs_err::read(&lock)?);
    }

    let top = format!("{}-{}", escaped_name(&metadata.name), metadata.version);
    let mut entries: BTreeMap<String, (Vec<u8>, bool)> = BTreeMap::new();
    for (path, data) in files {
        let executable = is_executable(&path);
        let relative = locate(&path).with_context(|| format!("{} is outside the archive", path.display()))?;
        entries.insert(format!("{top}/{}", slash_path(&relative)), (data, executable));
    }
    let project_dir = locate(&project_root).context("the project is in the archive")?;
    if project_dir != Path::new("") || project.pyproject.is_none() {
        let pyproject = root_pyproject(project, &project_dir)?;
        entries.insert(format!("{top}/pyproject.toml"), (pyproject.into_bytes(), false));
    }
    entries.insert(format!("{top}/PKG-INFO"), (metadata.render().into_bytes(), false));

    let entries: Vec<(String, Vec<u8>, bool)> = entries.into_iter().map(|(p, (d, x))| (p, d, x)).collect();
    let path = out.join(format!("{top}.tar.gz"));
    let file = fs_err::File::create(&path)?;
    write_tar_gz(file, &entries, source_date_epoch()?)?.sync_all()?;
    Ok(path)
}

/// The archive folder of each group: the archive root when there is only the project's,
/// else a folder named after the group's folder (made unique).
fn name_groups(project_base: &Path, bases: &[PathBuf]) -> Vec<(PathBuf, String)> {
    if bases.len() == 1 {
        return vec![(project_base.to_path_buf(), String::new())];
    }
    let mut taken = BTreeSet::new();
    let mut groups = Vec::new();
    let ordered = std::iter::once(project_base)
        .chain(bases.iter().map(PathBuf::as_path).filter(|b| *b != project_base));
    for base in ordered {
        let stem = base.file_name().map_or_else(|| "local".to_string(), |n| n.to_string_lossy().into_owned());
        let mut name = stem.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{stem}-{n}");
            n += 1;
        }
        groups.push((base.to_path_buf(), name));
    }
    groups
}

/// The root crate and every local crate it depends on (any kind, transitively).
fn local_packages(project: &Project) -> Result<Vec<Package>> {
    let metadata = MetadataCommand::new()
        .cargo_path(cargo())
        .manifest_path(&project.krate.manifest_path)
        .exec()
        .context("`cargo metadata` failed")?;
    let by_dir: BTreeMap<PathBuf, &Package> =
        metadata.packages.iter().filter(|p| p.source.is_none()).map(|p| (package_dir(p), p)).collect();
    let mut seen: BTreeMap<PathBuf, Package> = BTreeMap::new();
    let mut queue = vec![package_dir(&project.krate.package)];
    while let Some(dir) = queue.pop() {
        if seen.contains_key(&dir) {
            continue;
        }
        let package = by_dir.get(&dir).with_context(|| format!("no local package in {}", dir.display()))?;
        queue.extend(
            package.dependencies.iter().filter_map(|d| d.path.as_ref()).map(|p| canonical(p.as_std_path())),
        );
        seen.insert(dir, (*package).clone());
    }
    Ok(seen.into_values().collect())
}

fn package_dir(package: &Package) -> PathBuf {
    canonical(package.manifest_path.parent().expect("a manifest has a folder").as_std_path())
}

fn canonical(path: &Path) -> PathBuf {
    fs_err::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The manifest of the workspace root of the package whose manifest is `manifest`.
fn workspace_root(manifest: &Path) -> Result<PathBuf> {
    let metadata = MetadataCommand::new().cargo_path(cargo()).manifest_path(manifest).no_deps().exec()?;
    Ok(canonical(metadata.workspace_root.as_std_path()).join("Cargo.toml"))
}

/// The pyproject.toml at the archive root, naming the project folder `dir`.
fn root_pyproject(project: &Project, dir: &Path) -> Result<String> {
    let build_system = project
        .pyproject
        .as_ref()
        .and_then(|p| fs_err::read_to_string(p.dir.join("pyproject.toml")).ok())
        .and_then(|text| text.parse::<toml_edit::DocumentMut>().ok())
        .and_then(|doc| doc.get("build-system").map(|b| b.to_string()));
    let build_system = build_system.unwrap_or_else(|| {
        let (major, minor) = (env!("CARGO_PKG_VERSION_MAJOR"), env!("CARGO_PKG_VERSION_MINOR"));
        format!(
            "requires = [\"cargo-hpy>={major}.{minor},<{major}.{}\"]\nbuild-backend = \"cargo_hpy\"\n",
            minor.parse::<u32>().unwrap_or(0) + 1
        )
    });
    let mut text = String::from("# Written by cargo-hpy sdist.\n\n[build-system]\n");
    text.push_str(build_system.trim_start());
    if dir != Path::new("") {
        text.push_str(&format!(
            "\n[tool.cargo-hpy]\nproject-dir = {}\n",
            toml_edit::Value::from(slash_path(dir)).to_string().trim()
        ));
    }
    Ok(text)
}

fn common_folder<'a>(paths: impl Iterator<Item = &'a Path>) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for path in paths {
        let dir = if path.is_dir() { path } else { path.parent().unwrap_or(path) };
        common = Some(match common {
            None => dir.to_path_buf(),
            Some(c) => c.ancestors().find(|a| dir.starts_with(a)).unwrap_or(Path::new("/")).to_path_buf(),
        });
    }
    common.unwrap_or_else(|| PathBuf::from("/"))
}

fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs_err::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}
