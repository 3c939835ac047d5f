//! `cargo hpy new` / `cargo hpy init`: write a project that builds, installs and passes
//! its test with no edits.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::TemplateOptions;
use crate::layout::check_module_name;

/// The template files: (path in the project, template text).
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../templates/Cargo.toml.tmpl")),
    ("pyproject.toml", include_str!("../templates/pyproject.toml.tmpl")),
    ("src/lib.rs", include_str!("../templates/lib.rs.tmpl")),
    ("tests/test_{{module}}.py", include_str!("../templates/test_module.py.tmpl")),
    ("README.md", include_str!("../templates/README.md.tmpl")),
    (".gitignore", include_str!("../templates/gitignore.tmpl")),
];

/// `cargo hpy new PATH`: the folder must not exist yet.
pub fn new(path: &Path, options: &TemplateOptions) -> Result<()> {
    if path.exists() {
        bail!(
            "{} already exists: use `cargo hpy init {}` to add a project to it",
            path.display(),
            path.display()
        );
    }
    let files = render(path, options)?;
    write(path, &files)
}

/// `cargo hpy init PATH`: adds the project files to an existing folder, overwriting nothing.
pub fn init(path: &Path, options: &TemplateOptions) -> Result<()> {
    if !path.is_dir() {
        bail!("{} is not a folder: use `cargo hpy new` to create a project", path.display());
    }
    let files = render(path, options)?;
    let existing: Vec<String> =
        files.iter().filter(|(p, _)| path.join(p).exists()).map(|(p, _)| p.clone()).collect();
    if !existing.is_empty() {
        bail!("{} already has {}: cargo hpy init overwrites nothing", path.display(), existing.join(", "));
    }
    write(path, &files)
}

/// The project files for the folder `path`.
fn render(path: &Path, options: &TemplateOptions) -> Result<Vec<(String, String)>> {
    let name = match &options.name {
        Some(name) => name.clone(),
        None => folder_name(path)?,
    };
    let module = name.replace('-', "_");
    if check_module_name(&module).is_err() || module.contains('.') {
        bail!(
            "'{name}' cannot name a Python module: use ASCII letters, digits, '_' and '-', not starting with \
             a digit (pass --name to choose another name than the folder's)"
        );
    }
    let dependency = hpy_dependency(options)?;
    let fill = |text: &str| {
        text.replace("{{name}}", &name)
            .replace("{{crate}}", &name)
            .replace("{{module}}", &module)
            .replace("{{hpy_dependency}}", &dependency)
    };
    Ok(FILES.iter().map(|(file, text)| (fill(file), fill(text))).collect())
}

fn folder_name(path: &Path) -> Result<String> {
    let absolute = std::path::absolute(path)?;
    let name = absolute.file_name().and_then(|n| n.to_str()).map(str::to_string);
    name.with_context(|| format!("{} has no usable folder name: pass --name", path.display()))
}

/// The `hpy = ...` line of Cargo.toml.
fn hpy_dependency(options: &TemplateOptions) -> Result<String> {
    if let Some(path) = &options.hpy_path {
        let manifest = path.join("Cargo.toml");
        let is_hpy = fs_err::read_to_string(&manifest).is_ok_and(|text| {
            toml::from_str::<toml::Table>(&text).is_ok_and(|t| {
                t.get("package").and_then(|p| p.get("name")).and_then(|n| n.as_str()) == Some("hpy")
            })
        });
        if !is_hpy {
            bail!("--hpy-path {}: no Cargo.toml of the `hpy` crate there", path.display());
        }
        let absolute: PathBuf = fs_err::canonicalize(path)?;
        let value = toml::Value::String(absolute.display().to_string());
        return Ok(format!("hpy = {{ path = {value} }}"));
    }
    let url = options.hpy_git.clone().unwrap_or_else(|| env!("CARGO_PKG_REPOSITORY").to_string());
    Ok(format!("hpy = {{ git = {} }}", toml::Value::String(url)))
}

fn write(root: &Path, files: &[(String, String)]) -> Result<()> {
    for (path, text) in files {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            fs_err::create_dir_all(dir)?;
        }
        fs_err::write(&path, text)?;
    }
    crate::output::status("Created", &format!("the universal HPy project {}", root.display()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(name: &str) -> TemplateOptions {
        TemplateOptions {
            name: Some(name.into()),
            hpy_path: None,
            hpy_git: Some("https://example.org/hpy".into()),
        }
    }

    #[test]
    fn the_template_names_everything_after_the_project() {
        let files = render(Path::new("x"), &options("my-ext")).unwrap();
        let get = |p: &str| &files.iter().find(|(path, _)| path == p).unwrap().1;
        assert!(get("Cargo.toml").contains("name = \"my-ext\""));
        assert!(get("Cargo.toml").contains("name = \"my_ext\""));
        assert!(get("Cargo.toml").contains("hpy = { git = \"https://example.org/hpy\" }"));
        assert!(get("src/lib.rs").contains("mod my_ext {"));
        assert!(get("src/lib.rs").contains("#[hpy_type]"));
        assert!(get("tests/test_my_ext.py").contains("import my_ext"));
        assert!(files.iter().all(|(_, text)| !text.contains("{{")));
    }

    #[test]
    fn bad_names_are_refused() {
        let err = render(Path::new("x"), &options("1st")).unwrap_err().to_string();
        assert!(err.contains("'1st' cannot name a Python module"), "{err}");
    }
}
