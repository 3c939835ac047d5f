//! `cargo hpy develop`: build the wheel and install it into a virtualenv with pip,
//! replacing an earlier install of the same distribution. The ABI is `auto` by default:
//! the CPython ABI when the virtualenv's Python is a supported CPython, else universal.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::abi::{AbiChoice, ModuleAbi, auto, check_single};
use crate::build::{build_wheel, remove_other_abi_files};
use crate::cli::{DevelopArgs, PlatformOptions};
use crate::interpreter::Interpreter;
use crate::layout::Layout;
use crate::project::Project;
use crate::wheel::metadata::escaped_name;

/// What the virtualenv's Python says about itself.
const PROBE: &str = "\
import sys
try:
    import hpy.universal
    has_hpy = True
except ImportError:
    has_hpy = False
print(sys.implementation.name, has_hpy)
";

pub fn run(args: &DevelopArgs) -> Result<()> {
    let venv = virtualenv(args.venv.as_deref())?;
    let python = venv_python(&venv)?;
    let project = Project::discover(args.cargo.manifest_path.as_deref())?;
    let choice = match AbiChoice::resolve(args.abi, project.config().abi.as_deref(), AbiChoice::Auto)? {
        // `abi = "all"` in pyproject.toml is for `build`: develop installs the `auto` one.
        AbiChoice::All if args.abi.is_none() => AbiChoice::Auto,
        choice => choice,
    };
    check_single(choice, "develop")?;
    let choice = crate::abi::auto_for_package(choice, &project.krate.package);
    let interpreter = Interpreter::probe(&python.display().to_string())?;
    let platlib = interpreter.platlib.clone();
    let abi = match choice {
        AbiChoice::Cpython => {
            interpreter.check_cpython_abi()?;
            ModuleAbi::Cpython(interpreter)
        }
        AbiChoice::Universal => ModuleAbi::Universal,
        _ => auto(interpreter),
    };
    if let ModuleAbi::Universal = abi {
        check_hpy_runtime(&python, &venv)?;
    }

    let out = project.krate.target_dir.join("hpy-develop");
    if out.exists() {
        fs_err::remove_dir_all(&out)?;
    }
    // A local install: built for this machine, whatever `compatibility` release wheels have.
    let native = PlatformOptions { compatibility: Some("native".into()), ..PlatformOptions::default() };
    let wheel = build_wheel(&project, &args.cargo, &native, &out, args.editable, &abi)?;
    let name = wheel
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('-').next())
        .map(escaped_name)
        .context("the wheel has a file name")?;

    pip(&python, &["uninstall", "--yes", &name])?;
    pip(&python, &["install", &wheel.display().to_string()])?;
    // What an install of the other ABI left behind (a file pip did not record) would
    // shadow or outlive this one.
    if let Some(platlib) = platlib {
        let layout = Layout::new(&project)?;
        let universal = matches!(abi, ModuleAbi::Universal);
        remove_other_abi_files(&platlib, &layout, &layout.binary_path_in(&abi), universal)?;
    }
    crate::output::status("Installed", &format!("{} into {}", wheel.display(), venv.display()));
    Ok(())
}

/// The virtualenv to use: `--venv`, else the active one (`$VIRTUAL_ENV`).
fn virtualenv(explicit: Option<&Path>) -> Result<PathBuf> {
    match explicit {
        Some(dir) => Ok(dir.to_path_buf()),
        None => match std::env::var_os("VIRTUAL_ENV") {
            Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
            _ => bail!(
                "no virtualenv to install into: activate one (python -m venv .venv && . .venv/bin/activate) \
                 or pass --venv DIR"
            ),
        },
    }
}

/// The virtualenv's Python executable.
pub fn venv_python(venv: &Path) -> Result<PathBuf> {
    let python = venv.join("bin").join("python");
    if !python.exists() {
        bail!("{} is not a virtualenv: {} does not exist", venv.display(), python.display());
    }
    Ok(python)
}

/// Fails on CPython without the `hpy` package, which universal modules need to load.
fn check_hpy_runtime(python: &Path, venv: &Path) -> Result<()> {
    let output = Command::new(python)
        .args(["-c", PROBE])
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not run {}", python.display()))?;
    if !output.status.success() {
        bail!("{} failed to run ({})", python.display(), output.status);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    if stdout.split_whitespace().collect::<Vec<_>>() == ["cpython", "False"] {
        bail!(
            "the `hpy` package is not installed in the virtualenv {venv}: universal HPy modules need it on \
             CPython. Install it with\n\n    {python} -m pip install \"hpy>=0.9,<0.10\"",
            venv = venv.display(),
            python = python.display()
        );
    }
    Ok(())
}

/// Runs `python -m pip ...`; pip's output goes to stderr.
fn pip(python: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(python)
        .args(["-m", "pip", "--disable-pip-version-check"])
        .args(args)
        .stdout(Stdio::from(std::io::stderr()))
        .status()
        .with_context(|| format!("could not run {} -m pip", python.display()))?;
    if !status.success() {
        bail!("`pip {}` failed ({status}) in {}", args.join(" "), python.display());
    }
    Ok(())
}
