//! `pyproject.toml`: the PEP 621 `[project]` table and cargo-hpy's `[tool.cargo-hpy]` table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// The parts of pyproject.toml that cargo-hpy reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PyProject {
    pub project: Option<Project>,
    #[serde(default)]
    pub tool: Tools,
    /// The folder holding pyproject.toml (not part of the file).
    #[serde(skip)]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Tools {
    #[serde(rename = "cargo-hpy")]
    pub cargo_hpy: Option<ToolConfig>,
}

/// `[tool.cargo-hpy]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ToolConfig {
    /// The Python module's full dotted name (`pkg._native`); default: the `[lib]` name.
    pub module_name: Option<String>,
    /// The folder holding the Python package(s); default: `python/` if it holds the package,
    /// else the project folder.
    pub python_source: Option<String>,
    /// More top-level Python packages (in python-source) to ship.
    #[serde(default)]
    pub python_packages: Vec<String>,
    /// The crate's Cargo.toml, relative to pyproject.toml.
    pub manifest_path: Option<String>,
    /// A folder whose `data`, `scripts`, `headers`, `purelib`, `platlib` subfolders go to
    /// the wheel's `.data` folder.
    pub data: Option<String>,
    /// Cargo features to enable.
    #[serde(default)]
    pub features: Vec<String>,
    /// Gitignore-style patterns (relative to the project folder) of files the sdist takes
    /// even when `.gitignore` or the default rules leave them out.
    #[serde(default)]
    pub include: Vec<String>,
    /// Gitignore-style patterns (relative to the project folder) of files neither the sdist
    /// nor the wheel's Python packages take.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Whether release wheels get a stripped binary (default: true).
    pub strip: Option<bool>,
    /// Whether wheels ship a `.pyi` generated from the Rust signatures (default: true).
    pub stubs: Option<bool>,
    /// The platform policy of release wheels: `native` (default), `manylinux2014`,
    /// `manylinux_2_X`, `musllinux_1_X`.
    pub compatibility: Option<String>,
    /// The ABI of `cargo hpy build`, `develop` and the PEP 517 backend when the command does
    /// not name one: `universal`, `cpython`, `all` (build only) or `auto`.
    pub abi: Option<String>,
    /// The folder of the real project, relative to this pyproject.toml; written by
    /// `cargo hpy sdist` when the project is not at the root of the archive.
    pub project_dir: Option<String>,
}

/// `[project]` (PEP 621).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Project {
    pub name: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    pub readme: Option<Readme>,
    pub requires_python: Option<String>,
    pub license: Option<License>,
    #[serde(default)]
    pub license_files: Vec<String>,
    #[serde(default)]
    pub authors: Vec<Person>,
    #[serde(default)]
    pub maintainers: Vec<Person>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub classifiers: Vec<String>,
    #[serde(default)]
    pub urls: BTreeMap<String, String>,
    #[serde(default)]
    pub dependencies: Vec<String>,
    #[serde(default)]
    pub optional_dependencies: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub scripts: BTreeMap<String, String>,
    #[serde(default)]
    pub gui_scripts: BTreeMap<String, String>,
    #[serde(default)]
    pub entry_points: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub dynamic: Vec<String>,
}

/// `readme = "README.md"` or `readme = {file = ..., text = ..., content-type = ...}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Readme {
    File(String),
    Table {
        file: Option<String>,
        text: Option<String>,
        #[serde(rename = "content-type")]
        content_type: Option<String>,
    },
}

/// `license = "MIT OR Apache-2.0"` (PEP 639) or `license = {file = ...}` / `{text = ...}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum License {
    Expression(String),
    Table { file: Option<String>, text: Option<String> },
}

/// An entry of `authors` / `maintainers`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
}

impl PyProject {
    /// Reads and parses the pyproject.toml at `path`.
    pub fn read(path: &Path) -> Result<PyProject> {
        let text = fs_err::read_to_string(path)?;
        let mut pyproject: PyProject =
            toml::from_str(&text).with_context(|| format!("invalid {}", path.display()))?;
        pyproject.dir = path.parent().context("pyproject.toml has a folder")?.to_path_buf();
        Ok(pyproject)
    }

    /// `[tool.cargo-hpy]`, or the defaults.
    pub fn config(&self) -> ToolConfig {
        self.tool.cargo_hpy.clone().unwrap_or_default()
    }

    /// A path from pyproject.toml, made absolute relative to its folder.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    /// The crate's manifest named by `[tool.cargo-hpy] manifest-path`, if any.
    pub fn manifest_path(&self) -> Option<PathBuf> {
        self.config().manifest_path.map(|p| self.path(&p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_of_readme_and_license_parse() {
        let pyproject: PyProject = toml::from_str(
            r#"
            [project]
            name = "x"
            readme = {file = "README.rst", content-type = "text/x-rst"}
            license = "MIT"
            [tool.cargo-hpy]
            module-name = "x._native"
            "#,
        )
        .unwrap();
        let project = pyproject.project.unwrap();
        assert!(matches!(project.readme, Some(Readme::Table { file: Some(_), .. })));
        assert!(matches!(project.license, Some(License::Expression(e)) if e == "MIT"));
        assert_eq!(pyproject.tool.cargo_hpy.unwrap().module_name.as_deref(), Some("x._native"));
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = toml::from_str::<PyProject>("[tool.cargo-hpy]\nmodule = 'x'\n").unwrap_err().to_string();
        assert!(err.contains("unknown field `module`"), "{err}");
    }
}
