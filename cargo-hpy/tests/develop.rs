//! `cargo hpy develop`: installs into a virtualenv (the CPython ABI by default on CPython),
//! replaces an earlier install, supports editable installs, switches ABIs without leaving
//! the other ABI's files, and refuses a universal install on CPython without `hpy`.

mod common;

use std::path::Path;

use common::{cargo_hpy, fixture, fresh_dir, make_venv, pip, python_ok, pythons, run_err, run_ok};

/// A fresh virtualenv with hpy (from pip's cache or PyPI); returns (venv folder, python).
fn venv_with_hpy(label: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let (_, base) = pythons().into_iter().last().unwrap();
    let venv = fresh_dir(label).join("venv");
    let python = make_venv(&base, &venv);
    run_ok(&mut pip(&python, &["install", "-q", "hpy==0.9.0"]));
    (venv, python)
}

fn develop(project: &Path, venv: &Path, extra: &[&str]) -> String {
    let mut args = vec!["develop"];
    args.extend(extra);
    let mut command = cargo_hpy(&args);
    command.current_dir(project).env("VIRTUAL_ENV", venv);
    let output = common::run(&mut command);
    assert!(output.status.success(), "develop failed:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn develop_installs_and_replaces_an_earlier_install() {
    let project = fixture("mixed");
    let (venv, python) = venv_with_hpy("develop");
    develop(&project, &venv, &[]);
    assert_eq!(python_ok(&python, "import mixed_pkg; print(mixed_pkg.double(21))", &project).trim(), "42");

    let pyproject = project.join("pyproject.toml");
    let text = std::fs::read_to_string(&pyproject).unwrap().replace("1.2.3rc1", "1.2.4");
    std::fs::write(&pyproject, text).unwrap();
    develop(&project, &venv, &["--release"]);
    let list = run_ok(&mut pip(&python, &["list", "--format", "freeze"]));
    let ours: Vec<&str> = list.lines().filter(|l| l.to_lowercase().starts_with("mixed")).collect();
    assert_eq!(ours, ["Mixed.Pkg==1.2.4"], "{list}");
    let site = python_ok(&python, "import sysconfig; print(sysconfig.get_path('platlib'))", &project);
    let infos: Vec<String> = std::fs::read_dir(site.trim())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("mixed_pkg-"))
        .collect();
    assert_eq!(infos, ["mixed_pkg-1.2.4.dist-info"]);
}

#[test]
fn develop_editable_uses_the_python_sources_in_place() {
    let project = fixture("mixed");
    let (venv, python) = venv_with_hpy("develop-editable");
    develop(&project, &venv, &["--editable"]);
    let cwd = project.parent().unwrap();
    assert_eq!(python_ok(&python, "import mixed_pkg; print(mixed_pkg.double_twice(1))", cwd).trim(), "4");
    let init = project.join("python/mixed_pkg/__init__.py");
    let text = std::fs::read_to_string(&init).unwrap() + "\nEDITED = True\n";
    std::fs::write(&init, text).unwrap();
    assert_eq!(python_ok(&python, "import mixed_pkg; print(mixed_pkg.EDITED)", cwd).trim(), "True");
}

#[test]
fn develop_refuses_cpython_without_hpy() {
    let project = fixture("mixed");
    let (_, base) = pythons().into_iter().last().unwrap();
    let venv = fresh_dir("develop-no-hpy").join("venv");
    make_venv(&base, &venv);
    let mut command = cargo_hpy(&["develop", "--abi", "universal", "--venv", venv.to_str().unwrap()]);
    let err = run_err(command.current_dir(&project));
    assert!(err.contains("the `hpy` package is not installed in the virtualenv"), "{err}");
    assert!(err.contains("-m pip install \"hpy>=0.9,<0.10\""), "{err}");
}

/// The files of the `mixed_pkg` package folder `dir` whose names start with `_native.`.
fn native_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("_native.") && !n.ends_with(".pyi"))
        .collect();
    names.sort();
    names
}

#[test]
fn develop_picks_the_cpython_abi_on_cpython_and_switches_cleanly() {
    let project = fixture("mixed");
    let (venv, python) = venv_with_hpy("develop-abi");
    let cwd = project.parent().unwrap();
    let native = "import mixed_pkg._native as n, os; print(os.path.basename(n.__file__), n.double(4))";
    let suffix = python_ok(&python, "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))", cwd);
    let extension = format!("_native{}", suffix.trim());

    develop(&project, &venv, &[]);
    assert_eq!(python_ok(&python, native, cwd).trim(), format!("{extension} 8"));
    let site = python_ok(&python, "import mixed_pkg, os; print(os.path.dirname(mixed_pkg.__file__))", cwd);
    let site = Path::new(site.trim());
    assert_eq!(native_files(site), vec![extension.clone()]);

    // A stray binary of the other ABI (as a copy by hand leaves) is removed.
    std::fs::copy(site.join(&extension), site.join("_native.cpython-30-x86_64-linux-gnu.so")).unwrap();
    develop(&project, &venv, &["--abi", "universal"]);
    assert_eq!(python_ok(&python, native, cwd).trim(), "_native.hpy0.so 8");
    assert_eq!(native_files(site), ["_native.hpy0.so", "_native.py"]);

    // Editable installs write the binary into python-source: the other ABI's go.
    let source = project.join("python/mixed_pkg");
    develop(&project, &venv, &["--editable", "--abi", "universal"]);
    assert_eq!(native_files(&source), ["_native.hpy0.so", "_native.py"]);
    develop(&project, &venv, &["--editable"]);
    assert_eq!(native_files(&source), vec![extension.clone()]);
    assert_eq!(python_ok(&python, native, cwd).trim(), format!("{extension} 8"));
}
