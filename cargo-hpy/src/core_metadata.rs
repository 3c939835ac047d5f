//! The project's core metadata: from pyproject.toml's `[project]` when present (fields it
//! declares `dynamic` come from Cargo.toml), else from Cargo.toml alone.

use std::path::Path;

use anyhow::{Context, Result, bail};
use cargo_metadata::Package;

use crate::cargo_fields::{
    CARGO_ORIGIN, cargo_summary, metadata_from_cargo, pep440_version, project_urls, set_authors,
};
use crate::metadata_checks::Origin;
use crate::pyproject::{License, Person, Project, PyProject, Readme};
use crate::wheel::Wheel;
use crate::wheel::metadata::{CoreMetadata, HPY_REQUIREMENT};
use crate::wheel::tags::WheelTags;

/// The `[project]` fields that may be `dynamic`, filled from Cargo.toml.
const DYNAMIC_FROM_CARGO: &[&str] =
    &["version", "description", "readme", "license", "authors", "keywords", "urls"];

/// Everything a distribution's metadata consists of.
#[derive(Debug, Clone)]
pub struct ProjectMetadata {
    pub core: CoreMetadata,
    /// The contents of `entry_points.txt`.
    pub entry_points: Option<String>,
    /// License files: (name under `licenses/`, path on disk).
    pub license_files: Vec<(String, std::path::PathBuf)>,
}

impl ProjectMetadata {
    /// Drops the `hpy` requirement: a CPython-ABI module needs no HPy runtime.
    pub fn without_hpy_runtime(mut self) -> ProjectMetadata {
        self.core.requires_dist.retain(|requirement| requirement != HPY_REQUIREMENT);
        self
    }

    /// A wheel with this metadata, its entry points and license files, and no files yet.
    pub fn into_wheel(self, tags: WheelTags) -> Result<Wheel> {
        let mut wheel = Wheel::new(self.core, tags);
        wheel.entry_points = self.entry_points;
        for (name, path) in &self.license_files {
            wheel.add_license(name, fs_err::read(path)?);
        }
        Ok(wheel)
    }
}

/// Reads the project's metadata; `hpy` is always a CPython requirement.
pub fn project_metadata(pyproject: Option<&PyProject>, package: &Package) -> Result<ProjectMetadata> {
    let mut metadata = match pyproject.and_then(|p| p.project.as_ref().map(|project| (p, project))) {
        Some((pyproject, project)) => from_project(pyproject, project, package)?,
        None => from_cargo(package)?,
    };
    metadata.core.requires_dist.insert(0, HPY_REQUIREMENT.to_string());
    Ok(metadata)
}

fn from_cargo(package: &Package) -> Result<ProjectMetadata> {
    let mut core = metadata_from_cargo(package)?;
    let mut license_files = Vec::new();
    if let Some(readme) = package.readme() {
        core.description = Some(read_readme(readme.as_std_path(), None)?);
    }
    if let Some(file) = package.license_file() {
        license_files.push(license_file(file.as_std_path())?);
    }
    Ok(ProjectMetadata { core, entry_points: None, license_files })
}

fn from_project(pyproject: &PyProject, project: &Project, package: &Package) -> Result<ProjectMetadata> {
    let file = pyproject.dir.join("pyproject.toml");
    let origin_text = format!("{}: [project]", file.display());
    let origin = Origin(&origin_text);
    for field in &project.dynamic {
        if !DYNAMIC_FROM_CARGO.contains(&field.as_str()) {
            bail!(
                "{}: [project] dynamic lists '{field}', but cargo-hpy can only take {} from Cargo.toml",
                file.display(),
                DYNAMIC_FROM_CARGO.join(", ")
            );
        }
    }
    let dynamic = |field: &str| project.dynamic.iter().any(|d| d == field);
    let Some(name) = project.name.clone() else {
        bail!("{}: [project] has no `name`, which is required", file.display());
    };
    origin.name("name", &name)?;
    let version = match (&project.version, dynamic("version")) {
        (Some(_), true) => bail!("{}: [project] sets `version` and also lists it as dynamic", file.display()),
        (Some(version), false) => origin.version("version", version)?,
        (None, true) => Origin(CARGO_ORIGIN).version("version", &pep440_version(&package.version)?)?,
        (None, false) => bail!(
            "{}: [project] has no `version`: set one, or add dynamic = [\"version\"] to take Cargo.toml's",
            file.display()
        ),
    };
    if let Some(requires) = &project.requires_python {
        origin.specifiers("requires-python", requires)?;
    }
    for requirement in &project.dependencies {
        origin.requirement("dependencies", requirement)?;
    }
    for (name, target) in project.scripts.iter().chain(&project.gui_scripts) {
        origin.object_reference(&format!("entry point {name}"), target)?;
    }
    for (name, target) in project.entry_points.values().flatten() {
        origin.object_reference(&format!("entry point {name}"), target)?;
    }
    let mut core = CoreMetadata {
        name,
        version,
        summary: project.description.clone(),
        requires_python: project.requires_python.clone(),
        keywords: project.keywords.clone(),
        classifiers: project.classifiers.clone(),
        project_urls: project.urls.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        requires_dist: project.dependencies.clone(),
        ..CoreMetadata::default()
    };
    if dynamic("description") {
        core.summary = cargo_summary(package);
    }
    if dynamic("keywords") {
        core.keywords = package.keywords.clone();
    }
    if dynamic("urls") {
        core.project_urls = project_urls(package);
    }
    if dynamic("authors") {
        set_authors(&mut core, &package.authors);
    } else {
        (core.author, core.author_email) = people(&project.authors);
        (core.maintainer, core.maintainer_email) = people(&project.maintainers);
    }
    core.description = match &project.readme {
        _ if dynamic("readme") => package.readme().map(|r| read_readme(r.as_std_path(), None)).transpose()?,
        None => None,
        Some(Readme::File(path)) => Some(read_readme(&pyproject.path(path), None)?),
        Some(Readme::Table { file: Some(path), text: None, content_type }) => {
            if let Some(content_type) = content_type {
                origin.content_type("readme content-type", content_type)?;
            }
            Some(read_readme(&pyproject.path(path), content_type.clone())?)
        }
        Some(Readme::Table { file: None, text: Some(text), content_type }) => {
            let Some(content_type) = content_type.clone() else {
                bail!("{}: [project] readme = {{text = ...}} needs a `content-type`", file.display())
            };
            origin.content_type("readme content-type", &content_type)?;
            Some((text.clone(), content_type))
        }
        Some(Readme::Table { .. }) => {
            bail!("{}: [project] readme needs exactly one of `file` and `text`", file.display())
        }
    };

    let mut license_files = Vec::new();
    match &project.license {
        _ if dynamic("license") => {
            core.license_expression = package
                .license
                .as_deref()
                .map(|l| Origin(CARGO_ORIGIN).cargo_license("license", l))
                .transpose()?;
            if let Some(file) = package.license_file() {
                license_files.push(license_file(file.as_std_path())?);
            }
        }
        None => {}
        Some(License::Expression(expression)) => {
            origin.license_expression("license", expression)?;
            core.license_expression = Some(expression.clone());
        }
        Some(License::Table { text: Some(text), file: None }) => core.license = Some(text.clone()),
        Some(License::Table { file: Some(path), text: None }) => {
            license_files.push(license_file(&pyproject.path(path))?)
        }
        Some(License::Table { .. }) => {
            bail!("{}: [project] license needs exactly one of `file` and `text`", file.display())
        }
    }
    for pattern in &project.license_files {
        license_files.extend(glob_license_files(&pyproject.dir, pattern)?);
    }
    license_files.sort();
    license_files.dedup();

    for (extra, requirements) in &project.optional_dependencies {
        let extra = origin.extra("optional-dependencies", extra)?;
        for requirement in requirements {
            origin.requirement(&format!("optional-dependencies.{extra}"), requirement)?;
            core.requires_dist.push(with_extra(requirement, &extra));
        }
        core.provides_extra.push(extra);
    }
    Ok(ProjectMetadata { core, entry_points: entry_points(project, &file)?, license_files })
}

/// `Name` and `Name <email>` lists, as the Author/Author-email fields want them.
fn people(people: &[Person]) -> (Option<String>, Option<String>) {
    let mut names = Vec::new();
    let mut emails = Vec::new();
    for person in people {
        match (&person.name, &person.email) {
            (Some(name), Some(email)) => emails.push(format!("{name} <{email}>")),
            (None, Some(email)) => emails.push(email.clone()),
            (Some(name), None) => names.push(name.clone()),
            (None, None) => {}
        }
    }
    let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join(", "));
    (join(names), join(emails))
}

/// A readme's text and content type (from the extension unless given).
fn read_readme(path: &Path, content_type: Option<String>) -> Result<(String, String)> {
    let text = fs_err::read_to_string(path).context("could not read the readme")?;
    let content_type = content_type.unwrap_or_else(|| {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown") => "text/markdown",
            Some("rst") => "text/x-rst",
            _ => "text/plain",
        }
        .to_string()
    });
    Ok((text, content_type))
}

fn license_file(path: &Path) -> Result<(String, std::path::PathBuf)> {
    if !path.is_file() {
        bail!("license file {} does not exist", path.display());
    }
    let name = path.file_name().context("a license file has a name")?.to_string_lossy().into_owned();
    Ok((name, path.to_path_buf()))
}

fn glob_license_files(dir: &Path, pattern: &str) -> Result<Vec<(String, std::path::PathBuf)>> {
    let full = dir.join(pattern);
    let mut files = Vec::new();
    for path in
        glob::glob(&full.to_string_lossy()).with_context(|| format!("bad license-files '{pattern}'"))?
    {
        let path = path?;
        if path.is_file() {
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>();
            files.push((name.join("/"), path.clone()));
        }
    }
    Ok(files)
}

/// `requirement` made conditional on `extra`.
fn with_extra(requirement: &str, extra: &str) -> String {
    match requirement.split_once(';') {
        Some((req, marker)) => format!("{}; ({}) and extra == \"{extra}\"", req.trim(), marker.trim()),
        None => format!("{}; extra == \"{extra}\"", requirement.trim()),
    }
}

/// The `entry_points.txt` for scripts, GUI scripts and entry-point groups.
fn entry_points(project: &Project, file: &Path) -> Result<Option<String>> {
    let mut groups = project.entry_points.clone();
    for reserved in ["console_scripts", "gui_scripts"] {
        if groups.contains_key(reserved) {
            bail!(
                "{}: [project.entry-points.{reserved}] is not allowed; use [project.scripts] or \
                 [project.gui-scripts]",
                file.display()
            );
        }
    }
    if !project.scripts.is_empty() {
        groups.insert("console_scripts".into(), project.scripts.clone());
    }
    if !project.gui_scripts.is_empty() {
        groups.insert("gui_scripts".into(), project.gui_scripts.clone());
    }
    if groups.is_empty() {
        return Ok(None);
    }
    let mut text = String::new();
    for (group, entries) in &groups {
        text.push_str(&format!("[{group}]\n"));
        for (name, target) in entries {
            text.push_str(&format!("{name} = {target}\n"));
        }
        text.push('\n');
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_become_markers() {
        assert_eq!(with_extra("numpy>=1", "fast"), "numpy>=1; extra == \"fast\"");
        assert_eq!(
            with_extra("pywin32; sys_platform == 'win32'", "win"),
            "pywin32; (sys_platform == 'win32') and extra == \"win\""
        );
    }

    #[test]
    fn people_split_into_names_and_emails() {
        let list = [
            Person { name: Some("Ann".into()), email: Some("ann@example.org".into()) },
            Person { name: Some("Bob".into()), email: None },
        ];
        assert_eq!(people(&list), (Some("Bob".into()), Some("Ann <ann@example.org>".into())));
    }
}
