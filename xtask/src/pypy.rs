//! PyPy 7.3.19 for the tests, from Debian 13's packages, under
//! `target/pypy`, without touching the machine's apt configuration.
//!
//! Debian 13 ("trixie") ships PyPy 7.3.19 with HPy 0.9 built in. The
//! packages are fetched with a private apt configuration (`apt-get download`
//! needs no root and installs nothing), unpacked with `dpkg-deb -x`, and run
//! through their own dynamic loader, since PyPy needs a newer glibc (2.38)
//! than a Debian 12 machine has: a wrapper script plays the interpreter of
//! a venv-like folder, so pip installs into it as a user's pip would.

use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What PyPy is tested.
pub const VERSION: &str = "7.3.19";

/// The Debian release and the packages PyPy needs (besides glibc's own).
const SUITE: &str = "trixie";
const PACKAGES: &[&str] = &[
    "pypy3",
    "pypy3-lib",
    "pypy3-dev",
    "libc6",
    "libffi8",
    "libssl3t64",
    "libgdbm6t64",
    "libexpat1",
    "libsqlite3-0",
    "libncursesw6",
    "libtinfo6",
    "liblzma5",
    "libbz2-1.0",
    "zlib1g",
    "libgcc-s1",
    "libzstd1",
];

/// The Python-side test requirements on PyPy (PyPy brings its own `hpy`).
/// Hypothesis's newest releases ship a native module for PyPy that needs a
/// newer PyPy (`PyPyModule_FromDefAndSpec2` is missing from 7.3.19).
const REQUIREMENTS: &[&str] = &["pytest", "hypothesis==6.135.0"];

/// An installed PyPy.
pub struct PyPy {
    /// The interpreter of its venv (a wrapper script).
    pub python: PathBuf,
    /// Its HPy headers (`hpy/devel/include`), for the layout proof.
    pub hpy_include: PathBuf,
}

/// The files under `target/pypy`.
struct Paths {
    root: PathBuf,
    apt: PathBuf,
    debs: PathBuf,
    sysroot: PathBuf,
    venv: PathBuf,
}

impl Paths {
    fn new(target: &Path) -> Paths {
        let root = target.join("pypy");
        Paths {
            apt: root.join("apt"),
            debs: root.join("debs"),
            sysroot: root.join(format!("root-{VERSION}")),
            venv: root.join("venv"),
            root,
        }
    }

    fn python(&self) -> PathBuf {
        self.venv.join("bin").join("python")
    }

    fn hpy_include(&self) -> PathBuf {
        self.sysroot.join("usr/lib/pypy3.11/hpy/devel/include")
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// Installs PyPy under `target/pypy` (or reuses it), with pip and pytest in
/// its venv. `pip_source` is a CPython with pip, used to fetch pip's wheel.
/// An error says why PyPy cannot be had here.
pub fn install(target: &Path, pip_source: &Path) -> Result<PyPy, String> {
    let paths = Paths::new(target);
    let pypy = PyPy { python: paths.python(), hpy_include: paths.hpy_include() };
    if is_ready(&pypy.python) {
        return Ok(pypy);
    }
    if !paths.sysroot.join("usr/bin/pypy3.11").is_file() {
        download(&paths)?;
        unpack(&paths)?;
    }
    make_venv(&paths)?;
    bootstrap_pip(&paths, pip_source)?;
    if !is_ready(&pypy.python) {
        return Err(format!(
            "{} does not run PyPy {VERSION} with pytest after installing it",
            pypy.python.display()
        ));
    }
    Ok(pypy)
}

fn is_ready(python: &Path) -> bool {
    let check = format!(
        "import sys, pytest, hypothesis, hpy.universal; assert sys.implementation.name == 'pypy'; \
         assert '%d.%d.%d' % sys.pypy_version_info[:3] == '{VERSION}'"
    );
    Command::new(python).args(["-c", &check]).output().is_ok_and(|o| o.status.success())
}

/// `apt-get update` and `apt-get download` with a configuration of their own.
fn download(paths: &Paths) -> Result<(), String> {
    for dir in [paths.apt.join("lists/partial"), paths.apt.join("cache/archives/partial"), paths.debs.clone()]
    {
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    }
    let sources = paths.apt.join("sources.list");
    let line = format!(
        "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian {SUITE} main\n"
    );
    std::fs::write(&sources, line).map_err(io(&sources))?;
    let status = paths.apt.join("status");
    std::fs::write(&status, "").map_err(io(&status))?;
    let options = [
        format!("Dir::Etc::SourceList={}", sources.display()),
        "Dir::Etc::SourceParts=/dev/null".to_string(),
        format!("Dir::State::Lists={}", paths.apt.join("lists").display()),
        format!("Dir::State::status={}", status.display()),
        format!("Dir::Cache={}", paths.apt.join("cache").display()),
        "Debug::NoLocking=1".to_string(),
        // Downloads land in a folder apt's sandbox user may not write.
        "APT::Sandbox::User=root".to_string(),
    ];
    let apt = |args: &[&str], cwd: &Path| {
        let mut cmd = Command::new("apt-get");
        cmd.arg("-q");
        for o in &options {
            cmd.args(["-o", o]);
        }
        cmd.args(args).current_dir(cwd);
        run::output(&mut cmd).map(drop)
    };
    apt(&["update"], &paths.root).map_err(|e| format!("apt-get update of Debian {SUITE} failed: {e}"))?;
    let mut args = vec!["download"];
    args.extend(PACKAGES);
    apt(&args, &paths.debs).map_err(|e| format!("apt-get download failed: {e}"))
}

/// Unpacks every downloaded package into the sysroot.
fn unpack(paths: &Paths) -> Result<(), String> {
    let mut debs: Vec<PathBuf> = std::fs::read_dir(&paths.debs)
        .map_err(io(&paths.debs))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    debs.sort();
    if debs.len() < PACKAGES.len() {
        return Err(format!("only {} of {} packages were downloaded", debs.len(), PACKAGES.len()));
    }
    let staging = paths.root.join("root.partial");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    for deb in &debs {
        run::output(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&staging))?;
    }
    if paths.sysroot.exists() {
        std::fs::remove_dir_all(&paths.sysroot).map_err(io(&paths.sysroot))?;
    }
    std::fs::rename(&staging, &paths.sysroot).map_err(io(&paths.sysroot))
}

/// A venv-like folder whose `bin/python` starts PyPy through the sysroot's
/// loader and libraries. `--argv0` makes PyPy see the wrapper as its
/// executable, so `sys.executable` (and subprocesses started from it) and
/// the venv's `pyvenv.cfg` work as in a real venv.
fn make_venv(paths: &Paths) -> Result<(), String> {
    let bin = paths.venv.join("bin");
    let site = paths.venv.join("lib/pypy3.11/site-packages");
    for dir in [&bin, &site] {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let sysroot = std::fs::canonicalize(&paths.sysroot).map_err(io(&paths.sysroot))?;
    let libs = sysroot.join("usr/lib/x86_64-linux-gnu");
    let script = format!(
        "#!/bin/sh\n# PyPy {VERSION} from Debian {SUITE}, through its own glibc (written by cargo xtask test).\n\
         exec '{loader}' --library-path '{libs}' --argv0 \"$0\" '{pypy}' \"$@\"\n",
        loader = libs.join("ld-linux-x86-64.so.2").display(),
        libs = libs.display(),
        pypy = sysroot.join("usr/bin/pypy3.11").display(),
    );
    let python = paths.python();
    std::fs::write(&python, script).map_err(io(&python))?;
    make_executable(&python)?;
    let cfg = paths.venv.join("pyvenv.cfg");
    let text = format!(
        "home = {}\ninclude-system-site-packages = false\nimplementation = PyPy\n",
        sysroot.join("usr/bin").display()
    );
    std::fs::write(&cfg, text).map_err(io(&cfg))
}

fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(io(path))
}

/// Debian's PyPy has no `ensurepip`: pip's own wheel, fetched from PyPI by a
/// CPython's pip, installs pip into the venv, which then installs the rest.
fn bootstrap_pip(paths: &Paths, pip_source: &Path) -> Result<(), String> {
    let wheels = paths.root.join("wheels");
    run::output(
        Command::new(pip_source)
            .args([
                "-m",
                "pip",
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "pip",
                "-d",
            ])
            .arg(&wheels),
    )?;
    let pip_wheel = std::fs::read_dir(&wheels)
        .map_err(io(&wheels))?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pip-") && n.ends_with(".whl"))
        })
        .ok_or("pip download wrote no pip wheel")?;
    let python = paths.python();
    run::output(Command::new(&python).arg(pip_wheel.join("pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "pip",
    ]))?;
    run::output(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(REQUIREMENTS),
    )
    .map(drop)
}
