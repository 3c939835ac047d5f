//! `cargo hpy generate-ci`: a GitHub Actions workflow that builds the wheels once
//! (manylinux2014, x86_64 and aarch64, with zig) and the sdist, tests the wheels on CPython
//! 3.8-3.13 and PyPy, and publishes them on a version tag.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::GenerateCiArgs;
use crate::core_metadata::project_metadata;
use crate::layout::Layout;
use crate::output;
use crate::project::Project;

const TEMPLATE: &str = include_str!("../templates/ci.yml.tmpl");

/// Writes the workflow to `--out`, or to stdout; returns the file written, if any.
pub fn run(args: &GenerateCiArgs) -> Result<Option<PathBuf>> {
    let project = Project::discover(args.manifest_path.as_deref())?;
    let workflow = workflow(&project)?;
    match &args.out {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs_err::create_dir_all(dir)?;
            }
            fs_err::write(path, workflow)?;
            Ok(Some(path.clone()))
        }
        None => {
            print!("{workflow}");
            Ok(None)
        }
    }
}

/// The workflow's text for `project`.
pub fn workflow(project: &Project) -> Result<String> {
    let metadata = project_metadata(project.pyproject.as_ref(), &project.krate.package)?.core;
    let layout = Layout::new(project)?;
    let root = fs_err::canonicalize(&project.root)?;
    let repository_root = root.ancestors().find(|d| d.join(".git").exists()).unwrap_or(&root).to_path_buf();
    let sub = slash_path(root.strip_prefix(&repository_root).unwrap_or(Path::new("")));
    let (defaults, dist) = if sub.is_empty() {
        (String::new(), "dist".to_string())
    } else {
        (format!("\ndefaults:\n  run:\n    working-directory: {sub}\n"), format!("{sub}/dist"))
    };
    let test_command = if root.join("tests").is_dir() {
        "python -m pytest tests".to_string()
    } else {
        "echo \"no tests/ folder: add pytest tests to run them here\"".to_string()
    };
    warn_about_outside_paths(project, &repository_root);
    Ok(TEMPLATE
        .replace("{{version}}", env!("CARGO_PKG_VERSION"))
        .replace("{{repository}}", env!("CARGO_PKG_REPOSITORY"))
        .replace("{{defaults}}", &defaults)
        .replace("{{dist}}", &dist)
        .replace("{{distribution}}", &metadata.name)
        .replace("{{module}}", &layout.module)
        .replace("{{test_command}}", &test_command))
}

/// CI checks out the repository only: path dependencies outside it will be missing.
fn warn_about_outside_paths(project: &Project, repository_root: &Path) {
    for dependency in &project.krate.package.dependencies {
        let Some(path) = &dependency.path else { continue };
        let path =
            fs_err::canonicalize(path.as_std_path()).unwrap_or_else(|_| path.clone().into_std_path_buf());
        if !path.starts_with(repository_root) {
            output::warn(&format!(
                "the dependency '{}' is a path outside the repository ({}): CI will not find it; \
                 depend on it by version or git instead",
                dependency.name,
                path.display()
            ));
        }
    }
}

fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
