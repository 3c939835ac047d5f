//! The Python interpreters a CPython-ABI build targets: found (`-i`, the active virtualenv,
//! `python3`, or every `python3.X` on `PATH`) and asked once what they are.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The CPython minor versions (3.X) the CPython ABI is built and tested for.
pub const SUPPORTED_MINORS: std::ops::RangeInclusive<u32> = 8..=13;

/// What the probe prints, as one JSON line.
const PROBE: &str = "\
import json, sys, sysconfig
print(json.dumps({
    'implementation': sys.implementation.name,
    'version': list(sys.version_info[:2]),
    'ext_suffix': sysconfig.get_config_var('EXT_SUFFIX'),
    'abiflags': getattr(sys, 'abiflags', ''),
    'executable': sys.executable,
    'platlib': sysconfig.get_path('platlib'),
}))
";

/// An interpreter, as it describes itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Interpreter {
    /// `sys.implementation.name`: `cpython`, `pypy`, `graalpy`.
    pub implementation: String,
    /// `sys.version_info[:2]`.
    pub version: (u32, u32),
    /// `sysconfig.get_config_var("EXT_SUFFIX")`, such as `.cpython-311-x86_64-linux-gnu.so`.
    pub ext_suffix: Option<String>,
    /// `sys.abiflags`: `d` for a debug build, `t` for a free-threaded one.
    pub abiflags: String,
    /// `sys.executable`.
    pub executable: PathBuf,
    /// `sysconfig.get_path("platlib")`: where pip installs extension modules.
    pub platlib: Option<PathBuf>,
    /// How it was named (`-i` value or the path found).
    #[serde(skip)]
    pub requested: String,
}

impl Interpreter {
    /// Runs `program` (a path, or a name looked up on `PATH`) once and reads its answers.
    pub fn probe(program: &str) -> Result<Interpreter> {
        let output = Command::new(program)
            .args(["-c", PROBE])
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("could not run the Python interpreter '{program}'"))?;
        if !output.status.success() {
            bail!(
                "the Python interpreter '{program}' failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line = stdout.lines().last().unwrap_or_default();
        let mut interpreter: Interpreter = serde_json::from_str(line)
            .with_context(|| format!("'{program}' is not a Python 3 interpreter (it printed {line:?})"))?;
        interpreter.requested = program.to_string();
        Ok(interpreter)
    }

    /// Whether the CPython ABI can be built for it (CPython 3.8-3.13, not free-threaded).
    pub fn supports_cpython_abi(&self) -> bool {
        self.check_cpython_abi().is_ok()
    }

    /// Fails, saying why, unless the CPython ABI can be built for this interpreter.
    pub fn check_cpython_abi(&self) -> Result<()> {
        let name = &self.requested;
        if self.implementation != "cpython" {
            bail!(
                "'{name}' is {} {}.{}, not CPython: the CPython ABI is CPython's C API only; build the \
                 universal wheel (--abi universal) for it",
                self.implementation,
                self.version.0,
                self.version.1
            );
        }
        let (major, minor) = self.version;
        if major != 3 || !SUPPORTED_MINORS.contains(&minor) {
            bail!(
                "'{name}' is CPython {major}.{minor}: the CPython ABI supports CPython 3.{}-3.{}; build \
                 the universal wheel (--abi universal) for it",
                SUPPORTED_MINORS.start(),
                SUPPORTED_MINORS.end()
            );
        }
        if self.abiflags.contains('t') {
            bail!(
                "'{name}' is a free-threaded CPython ({major}.{minor}t), which the CPython ABI does not support"
            );
        }
        if self.ext_suffix.is_none() {
            bail!("'{name}' reports no EXT_SUFFIX in sysconfig, so its extension file name is unknown");
        }
        Ok(())
    }

    /// The wheel's Python and ABI tags: `cp311` and `cp311` (`cp311d` for a debug build).
    pub fn tags(&self) -> (String, String) {
        let python = format!("cp{}{}", self.version.0, self.version.1);
        let abi = format!("{python}{}", self.abiflags);
        (python, abi)
    }

    /// `sysconfig`'s `EXT_SUFFIX` (checked by [`Interpreter::check_cpython_abi`]).
    pub fn ext_suffix(&self) -> &str {
        self.ext_suffix.as_deref().unwrap_or(".so")
    }

    /// `CPython 3.11 (path)`, for messages.
    pub fn describe(&self) -> String {
        format!(
            "CPython {}.{}{} ({})",
            self.version.0,
            self.version.1,
            self.abiflags,
            self.executable.display()
        )
    }
}

/// The interpreter used when no `-i` is given: the active virtualenv's, else `python3`.
pub fn default_program() -> String {
    match std::env::var_os("VIRTUAL_ENV") {
        Some(venv) if !venv.is_empty() && Path::new(&venv).join("bin/python").exists() => {
            Path::new(&venv).join("bin/python").display().to_string()
        }
        _ => "python3".to_string(),
    }
}

/// Probes each of `programs`, or the default interpreter when there are none; every one
/// must be a CPython the CPython ABI supports.
pub fn cpython_interpreters(programs: &[String]) -> Result<Vec<Interpreter>> {
    let programs = if programs.is_empty() { vec![default_program()] } else { programs.to_vec() };
    let mut found: Vec<Interpreter> = Vec::new();
    for program in &programs {
        let interpreter = Interpreter::probe(program)?;
        interpreter.check_cpython_abi()?;
        if !found.iter().any(|f| f.tags() == interpreter.tags()) {
            found.push(interpreter);
        }
    }
    Ok(found)
}

/// Every `python3.X` of the supported range on `PATH` that runs and is a supported CPython
/// (as maturin's `--find-interpreter` does); fails when there is none.
pub fn find_cpythons() -> Result<Vec<Interpreter>> {
    let mut found: Vec<Interpreter> = Vec::new();
    for minor in SUPPORTED_MINORS {
        let program = format!("python3.{minor}");
        // A name that is missing or does not run (a pyenv shim of an inactive version) is skipped.
        let Ok(interpreter) = Interpreter::probe(&program) else { continue };
        if interpreter.supports_cpython_abi() && !found.iter().any(|f| f.tags() == interpreter.tags()) {
            found.push(interpreter);
        }
    }
    if found.is_empty() {
        bail!(
            "no CPython 3.{}-3.{} found on PATH (as python3.X): name the interpreters with -i",
            SUPPORTED_MINORS.start(),
            SUPPORTED_MINORS.end()
        );
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interpreter(implementation: &str, minor: u32, abiflags: &str) -> Interpreter {
        Interpreter {
            implementation: implementation.into(),
            version: (3, minor),
            ext_suffix: Some(format!(".cpython-3{minor}-x86_64-linux-gnu.so")),
            abiflags: abiflags.into(),
            executable: PathBuf::from("/usr/bin/python3"),
            platlib: None,
            requested: "python3".into(),
        }
    }

    #[test]
    fn tags_follow_the_version_and_abiflags() {
        assert_eq!(interpreter("cpython", 11, "").tags(), ("cp311".into(), "cp311".into()));
        assert_eq!(interpreter("cpython", 8, "d").tags(), ("cp38".into(), "cp38d".into()));
    }

    #[test]
    fn only_supported_cpythons_pass() {
        assert!(interpreter("cpython", 8, "").supports_cpython_abi());
        assert!(interpreter("cpython", 13, "").supports_cpython_abi());
        let pypy = interpreter("pypy", 10, "").check_cpython_abi().unwrap_err().to_string();
        assert!(pypy.contains("is pypy 3.10, not CPython"), "{pypy}");
        let old = interpreter("cpython", 7, "m").check_cpython_abi().unwrap_err().to_string();
        assert!(old.contains("supports CPython 3.8-3.13"), "{old}");
        assert!(!interpreter("cpython", 13, "t").supports_cpython_abi());
    }
}
