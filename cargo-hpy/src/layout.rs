//! Where things go in the wheel: the module (binary + stub), the Python packages of
//! `python-source`, and the `.data` files.
//!
//! A module named `hello` is `hello.hpy0.so` + `hello.py` at the top of the wheel. A module
//! named `pkg._native` is `pkg/_native.hpy0.so` + `pkg/_native.py`, inside the pure-Python
//! package `pkg` found in python-source (`python/` by default, else the project folder).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::abi::ModuleAbi;
use crate::file_patterns::Patterns;
use crate::project::Project;
use crate::stub::{MARKER, binary_file_name};

/// The wheel layout of a project.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The module's full dotted name.
    pub module: String,
    /// The folder holding the Python packages, when the project has any.
    pub python_source: Option<PathBuf>,
    /// The top-level Python packages to ship from python-source.
    pub packages: Vec<String>,
    /// The folder with `.data` subfolders, if configured.
    pub data: Option<PathBuf>,
    /// `[tool.cargo-hpy] exclude`: files of the packages left out.
    pub exclude: Patterns,
}

impl Layout {
    pub fn new(project: &Project) -> Result<Layout> {
        let config = project.config();
        let module = config.module_name.clone().unwrap_or_else(|| project.krate.lib_name.clone());
        check_module_name(&module)?;
        let top = module.split('.').next().expect("split gives one part").to_string();

        let python_source = match &config.python_source {
            Some(dir) => {
                let dir = project.root.join(dir);
                if !dir.is_dir() {
                    bail!("python-source folder {} does not exist", dir.display());
                }
                Some(dir)
            }
            None => [project.root.join("python"), project.root.clone()]
                .into_iter()
                .find(|dir| dir.join(&top).join("__init__.py").is_file()),
        };
        let mut packages = Vec::new();
        if module.contains('.') {
            let Some(source) = &python_source else {
                bail!(
                    "module-name '{module}' puts the module in the Python package '{top}', but there is \
                     no {top}/__init__.py in {} or {}: create the package, or set python-source",
                    project.root.join("python").display(),
                    project.root.display()
                );
            };
            let parent: PathBuf =
                module.split('.').collect::<Vec<_>>()[..module.split('.').count() - 1].iter().collect();
            if !source.join(&parent).is_dir() {
                bail!(
                    "the package folder {} of module '{module}' does not exist",
                    source.join(parent).display()
                );
            }
            packages.push(top.clone());
        } else if python_source.as_ref().is_some_and(|source| source.join(&top).is_dir()) {
            bail!(
                "a Python package '{top}' exists next to the module '{module}' of the same name: set \
                 module-name = \"{top}._{top}\" (or another name inside the package) under [tool.cargo-hpy]"
            );
        }
        for extra in &config.python_packages {
            let Some(source) = &python_source else {
                bail!("python-packages needs a python-source folder holding '{extra}'");
            };
            if !source.join(extra).is_dir() {
                bail!("python package '{extra}' does not exist in {}", source.display());
            }
            packages.push(extra.clone());
        }
        let data = config.data.as_ref().map(|d| project.root.join(d));
        let exclude = Patterns::new(&project.root, &config.exclude, "[tool.cargo-hpy] exclude")?;
        Ok(Layout { module, python_source, packages, data, exclude })
    }

    /// The module's short name (its last dotted part), which names its init symbols.
    pub fn short_name(&self) -> &str {
        self.module.rsplit('.').next().expect("rsplit gives one part")
    }

    /// The folder of the module in the wheel, `pkg/sub/` or empty.
    fn module_dir(&self) -> String {
        match self.module.rsplit_once('.') {
            Some((parent, _)) => format!("{}/", parent.replace('.', "/")),
            None => String::new(),
        }
    }

    /// The binary's path in the wheel.
    pub fn binary_path(&self) -> String {
        format!("{}{}", self.module_dir(), binary_file_name(self.short_name()))
    }

    /// The path in the wheel of the CPython-ABI binary, named with the interpreter's
    /// `EXT_SUFFIX` (`pkg/_native.cpython-311-x86_64-linux-gnu.so`).
    pub fn extension_path(&self, ext_suffix: &str) -> String {
        format!("{}{}{ext_suffix}", self.module_dir(), self.short_name())
    }

    /// The binary's path in the wheel of `abi`.
    pub fn binary_path_in(&self, abi: &ModuleAbi) -> String {
        match abi {
            ModuleAbi::Universal => self.binary_path(),
            ModuleAbi::Cpython(interpreter) => self.extension_path(interpreter.ext_suffix()),
        }
    }

    /// Whether `path` (in the wheel) is a binary of this module in any ABI: `<name>.hpy0.so`,
    /// `<name>.cpython-311-x86_64-linux-gnu.so`, ...
    pub fn is_module_binary(&self, path: &str) -> bool {
        let prefix = format!("{}{}.", self.module_dir(), self.short_name());
        path.strip_prefix(&prefix)
            .is_some_and(|rest| !rest.contains('/') && rest.ends_with(std::env::consts::DLL_EXTENSION))
    }

    /// The stub's path in the wheel.
    pub fn stub_path(&self) -> String {
        format!("{}{}.py", self.module_dir(), self.short_name())
    }

    /// The path in the wheel of the `.pyi` of a module inside a package.
    pub fn pyi_path(&self) -> String {
        format!("{}{}.pyi", self.module_dir(), self.short_name())
    }

    /// A hand-written type stub of a top-level module, `<module>.pyi` in python-source or the
    /// project folder: (path in the wheel, file on disk). It goes in as the stub-only package
    /// `<module>-stubs/__init__.pyi` (PEP 561), which type checkers find for a module that is
    /// not a package. A module inside a package has its `.pyi` in the package, shipped with
    /// the package's files (with `py.typed`, if the package has one).
    pub fn type_stub(&self, project_root: &Path) -> Option<(String, PathBuf)> {
        if self.module.contains('.') {
            return None;
        }
        let name = format!("{}.pyi", self.module);
        let folders = self.python_source.iter().map(PathBuf::as_path).chain([project_root]);
        let file = folders.map(|dir| dir.join(&name)).find(|file| file.is_file())?;
        Some((format!("{}-stubs/__init__.pyi", self.module), file))
    }

    /// The Python package files to ship: (path in the wheel, file on disk), without caches,
    /// bytecode, and the module's own binary and stub (from editable installs).
    pub fn python_files(&self) -> Result<Vec<(String, PathBuf)>> {
        let mut files = Vec::new();
        let Some(source) = &self.python_source else { return Ok(files) };
        for package in &self.packages {
            collect(source, &source.join(package), &mut files)?;
        }
        let stub = self.stub_path();
        let mut kept = Vec::new();
        for (path, file) in files {
            if self.is_module_binary(&path) || self.exclude.matches(&file) {
                continue;
            }
            if path == self.pyi_path() && crate::type_stubs::is_generated(&file) {
                continue; // written again from the binary
            }
            if path == stub {
                if fs_err::read_to_string(&file)?.starts_with(MARKER) {
                    continue;
                }
                bail!(
                    "{} would be replaced by the generated loader of module '{}': rename it",
                    file.display(),
                    self.module
                );
            }
            kept.push((path, file));
        }
        Ok(kept)
    }

    /// The `.data` files: (path under the wheel's `<dist>.data/` folder, file on disk).
    pub fn data_files(&self) -> Result<Vec<(String, PathBuf)>> {
        let mut files = Vec::new();
        let Some(data) = &self.data else { return Ok(files) };
        if !data.is_dir() {
            bail!("the data folder {} does not exist", data.display());
        }
        for entry in sorted_entries(data)? {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !["data", "scripts", "headers", "purelib", "platlib"].contains(&name.as_str()) {
                bail!(
                    "{} is not a wheel data folder: use data, scripts, headers, purelib or platlib",
                    entry.path().display()
                );
            }
            collect(data, &entry.path(), &mut files)?;
        }
        Ok(files)
    }
}

/// Fails unless every dotted part of `module` is an ASCII Python identifier.
pub fn check_module_name(module: &str) -> Result<()> {
    if module.is_empty() {
        bail!("no module name: module-name under [tool.cargo-hpy] is empty");
    }
    let valid = |part: &str| {
        part.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if !module.split('.').all(valid) {
        bail!(
            "'{module}' is not a valid module name: use ASCII Python identifiers separated by dots \
             (the HPy loader encodes module names as ASCII)"
        );
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Result<Vec<fs_err::DirEntry>> {
    let mut entries = fs_err::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    Ok(entries)
}

/// Adds the files under `dir` as paths relative to `base`, skipping caches and bytecode.
fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Result<()> {
    for entry in sorted_entries(dir)? {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "__pycache__" || name.ends_with(".pyc") || name.ends_with(".pyo") {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, files)?;
        } else {
            let relative = path.strip_prefix(base).context("a file under its folder")?;
            let parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            files.push((parts.join("/"), path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_must_be_identifiers() {
        check_module_name("pkg._native").unwrap();
        assert!(check_module_name("").unwrap_err().to_string().starts_with("no module name"));
        assert!(check_module_name("my-mod").unwrap_err().to_string().contains("not a valid module name"));
        assert!(check_module_name("pkg.").is_err());
    }

    #[test]
    fn dotted_modules_go_inside_their_package() {
        let layout = Layout {
            module: "pkg.sub._native".into(),
            python_source: None,
            packages: vec![],
            data: None,
            exclude: Patterns::none(),
        };
        assert_eq!(layout.short_name(), "_native");
        assert_eq!(layout.binary_path(), format!("pkg/sub/{}", binary_file_name("_native")));
        assert_eq!(layout.stub_path(), "pkg/sub/_native.py");
        let extension = layout.extension_path(".cpython-311-x86_64-linux-gnu.so");
        assert_eq!(extension, "pkg/sub/_native.cpython-311-x86_64-linux-gnu.so");
        assert!(layout.is_module_binary(&extension));
        assert!(layout.is_module_binary(&layout.binary_path()));
        assert!(!layout.is_module_binary("pkg/sub/_native.py"));
        assert!(!layout.is_module_binary("pkg/sub/_native_extra.so"));
    }
}
