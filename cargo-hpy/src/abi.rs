//! Which ABI a build targets: the universal HPy ABI (one `py3-none` wheel with a `.py`
//! loader stub, for every Python with HPy 0.9) or the CPython ABI (one `cp3X-cp3X` wheel
//! per CPython, a plain extension module that needs no `hpy` package).
//!
//! The CPython ABI is the `cpython-abi` feature of the `hpy` crate; cargo unifies features,
//! so every ABI is its own cargo invocation.

use anyhow::{Context, Result, bail};
use cargo_metadata::Package;
use clap::ValueEnum;

use crate::interpreter::{Interpreter, cpython_interpreters, default_program, find_cpythons};

/// The `--abi` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AbiChoice {
    /// One `py3-none` wheel for every Python with HPy 0.9 (CPython with the `hpy` package,
    /// PyPy, GraalPy).
    Universal,
    /// One `cp3X-cp3X` wheel per CPython (`-i`): a plain extension module, no `hpy` needed.
    Cpython,
    /// The universal wheel plus one CPython-ABI wheel per CPython (`-i`; without `-i`,
    /// every python3.8 ... python3.13 found on PATH).
    All,
    /// The CPython ABI when the interpreter (`-i`, else the active virtualenv's, else
    /// python3) is a supported CPython, else universal.
    Auto,
}

impl AbiChoice {
    /// Parses `[tool.cargo-hpy] abi`.
    pub fn from_config(text: &str) -> Result<AbiChoice> {
        AbiChoice::from_str(text, false).map_err(|_| {
            anyhow::anyhow!(
                "pyproject.toml: [tool.cargo-hpy] abi = \"{text}\" is not an ABI: use universal, cpython, \
                 all or auto"
            )
        })
    }

    /// The ABI of a command: `--abi`, else `[tool.cargo-hpy] abi`, else `default`.
    pub fn resolve(
        cli: Option<AbiChoice>,
        configured: Option<&str>,
        default: AbiChoice,
    ) -> Result<AbiChoice> {
        match (cli, configured) {
            (Some(abi), _) => Ok(abi),
            (None, Some(text)) => AbiChoice::from_config(text),
            (None, None) => Ok(default),
        }
    }
}

/// The ABI of one build.
#[derive(Debug, Clone)]
pub enum ModuleAbi {
    Universal,
    Cpython(Interpreter),
}

impl ModuleAbi {
    /// The builds `choice` stands for, with the interpreters named by `-i` (`programs`).
    pub fn plan(choice: AbiChoice, programs: &[String]) -> Result<Vec<ModuleAbi>> {
        let cpython = |found: Vec<Interpreter>| found.into_iter().map(ModuleAbi::Cpython);
        Ok(match choice {
            AbiChoice::Universal => vec![ModuleAbi::Universal],
            AbiChoice::Cpython => cpython(cpython_interpreters(programs)?).collect(),
            AbiChoice::All => {
                let found =
                    if programs.is_empty() { find_cpythons()? } else { cpython_interpreters(programs)? };
                std::iter::once(ModuleAbi::Universal).chain(cpython(found)).collect()
            }
            AbiChoice::Auto => {
                let programs = if programs.is_empty() { vec![default_program()] } else { programs.to_vec() };
                let mut builds = Vec::new();
                for program in &programs {
                    let interpreter = Interpreter::probe(program)?;
                    let build = auto(interpreter);
                    let duplicate = builds.iter().any(|b: &ModuleAbi| b.tags() == build.tags());
                    if !duplicate {
                        builds.push(build);
                    }
                }
                builds
            }
        })
    }

    /// The wheel's Python and ABI tags.
    pub fn tags(&self) -> (String, String) {
        match self {
            ModuleAbi::Universal => ("py3".into(), "none".into()),
            ModuleAbi::Cpython(interpreter) => interpreter.tags(),
        }
    }

    /// The wheel of this ABI, for messages.
    pub fn describe(&self) -> String {
        match self {
            ModuleAbi::Universal => "the universal wheel".into(),
            ModuleAbi::Cpython(interpreter) => {
                format!("the CPython-ABI wheel for {}", interpreter.describe())
            }
        }
    }

    /// The cargo features this ABI adds: for the CPython ABI, the `cpython-abi` feature of
    /// the package's `hpy` dependency, and the package's own `cpython-abi` feature if it
    /// declares one.
    pub fn features(&self, package: &Package) -> Result<Vec<String>> {
        if let ModuleAbi::Universal = self {
            return Ok(vec![]);
        }
        let mut features = vec![format!("{}/cpython-abi", hpy_dependency(package)?)];
        if package.features.contains_key("cpython-abi") {
            features.push("cpython-abi".into());
        }
        Ok(features)
    }

    /// The environment of the cargo build: the CPython ABI's `pyo3-ffi` reads the target
    /// interpreter from `PYO3_PYTHON`, and links no `libpython` with
    /// `PYO3_BUILD_EXTENSION_MODULE=1`.
    pub fn environment(&self) -> Vec<(String, String)> {
        match self {
            ModuleAbi::Universal => vec![],
            ModuleAbi::Cpython(interpreter) => vec![
                ("PYO3_PYTHON".into(), interpreter.executable.display().to_string()),
                ("PYO3_BUILD_EXTENSION_MODULE".into(), "1".into()),
            ],
        }
    }
}

/// `auto` for one interpreter: the CPython ABI on a supported CPython, else universal.
pub fn auto(interpreter: Interpreter) -> ModuleAbi {
    if interpreter.supports_cpython_abi() { ModuleAbi::Cpython(interpreter) } else { ModuleAbi::Universal }
}

/// `auto` for a package: universal when it does not depend on `hpy` directly (its
/// `cpython-abi` feature cannot be enabled then; the universal build says what is wrong).
pub fn auto_for_package(choice: AbiChoice, package: &Package) -> AbiChoice {
    if choice == AbiChoice::Auto && hpy_dependency(package).is_err() {
        crate::output::detail(&format!(
            "package '{}' does not depend on hpy: building universal",
            package.name
        ));
        return AbiChoice::Universal;
    }
    choice
}

/// The name under which `package` depends on the `hpy` crate (its `rename`, if any).
fn hpy_dependency(package: &Package) -> Result<String> {
    let dependency = package
        .dependencies
        .iter()
        .find(|d| d.name == "hpy" && d.kind == cargo_metadata::DependencyKind::Normal)
        .with_context(|| {
            format!(
                "package '{}' does not depend on the `hpy` crate directly, so cargo-hpy cannot enable its \
                 `cpython-abi` feature: add `hpy` to [dependencies], or build --abi universal",
                package.name
            )
        })?;
    Ok(dependency.rename.clone().unwrap_or_else(|| dependency.name.clone()))
}

/// Fails unless `choice` is one `develop` or the metadata hook takes (not `all`).
pub fn check_single(choice: AbiChoice, command: &str) -> Result<()> {
    if choice == AbiChoice::All {
        bail!("{command} installs one ABI: use --abi auto, universal or cpython");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_wins_over_the_configuration() {
        let resolve = AbiChoice::resolve;
        assert_eq!(
            resolve(Some(AbiChoice::Cpython), Some("universal"), AbiChoice::Auto).unwrap(),
            AbiChoice::Cpython
        );
        assert_eq!(resolve(None, Some("universal"), AbiChoice::Auto).unwrap(), AbiChoice::Universal);
        assert_eq!(resolve(None, None, AbiChoice::Auto).unwrap(), AbiChoice::Auto);
        let err = resolve(None, Some("limited"), AbiChoice::Auto).unwrap_err().to_string();
        assert!(err.contains("abi = \"limited\" is not an ABI"), "{err}");
    }

    #[test]
    fn auto_is_universal_off_cpython() {
        let interpreter = |implementation: &str, minor| Interpreter {
            implementation: String::from(implementation),
            version: (3, minor),
            ext_suffix: Some(".so".into()),
            abiflags: String::new(),
            executable: "/x/python".into(),
            platlib: None,
            requested: "python".into(),
        };
        assert!(matches!(auto(interpreter("pypy", 10)), ModuleAbi::Universal));
        assert!(matches!(auto(interpreter("graalpy", 11)), ModuleAbi::Universal));
        assert!(matches!(auto(interpreter("cpython", 7)), ModuleAbi::Universal));
        assert_eq!(auto(interpreter("cpython", 11)).tags(), ("cp311".into(), "cp311".into()));
    }
}
