//! The PEP 517 backend (`build-backend = "cargo_hpy"`, from `cargo hpy backend-wheel`):
//! `pip install .`, `python -m build` and `pip install -e .` in fresh virtualenvs; the ABI
//! is the CPython ABI on CPython unless `-C abi=...` or `[tool.cargo-hpy] abi` says otherwise.

mod common;

use std::path::Path;
use std::process::Command;

use common::{
    backend_wheels, build_lock, fixture, fresh_dir, make_venv, pip, python_ok, pythons, run_err, run_ok,
    target_dir, tools_python, wheel_text,
};

fn venv(label: &str) -> std::path::PathBuf {
    let (_, base) = pythons().into_iter().last().unwrap();
    make_venv(&base, &fresh_dir(label).join("venv"))
}

/// `pip <args>` with the backend's wheel on the find-links path and the shared target folder.
fn pip_with_backend(python: &Path, args: &[&str]) -> Command {
    let mut command = pip(python, args);
    command.env("PIP_FIND_LINKS", common::find_links_with_backend()).env("CARGO_TARGET_DIR", target_dir());
    command
}

#[test]
fn the_backend_wheel_carries_the_hooks_and_the_program() {
    let wheel = std::fs::read_dir(backend_wheels()).unwrap().next().unwrap().unwrap().path();
    let name = wheel.file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("cargo_hpy-0.1.0-py3-none-manylinux_2_"), "{name}");
    let names: Vec<String> = common::wheel_files(&wheel).into_iter().map(|(n, _)| n).collect();
    for file in ["cargo_hpy/__init__.py", "cargo_hpy/__main__.py", "cargo_hpy/bin/cargo-hpy"] {
        assert!(names.iter().any(|n| n == file), "{file} missing from {names:?}");
    }
    let entry_points = wheel_text(&wheel, ".dist-info/entry_points.txt");
    assert!(entry_points.contains("cargo-hpy = cargo_hpy.__main__:main"), "{entry_points}");
}

#[test]
fn pip_install_builds_through_the_backend() {
    let project = fixture("mixed");
    let python = venv("pip-install");
    {
        let _lock = build_lock();
        run_ok(&mut pip_with_backend(&python, &["install", "-q", project.to_str().unwrap()]));
    }
    let code = "import importlib.util as u, os, sysconfig, mixed_pkg, mixed_pkg._native as n\n\
                print(mixed_pkg.double_twice(5), u.find_spec('hpy') is None,\n\
                      os.path.basename(n.__file__) == '_native' + sysconfig.get_config_var('EXT_SUFFIX'))";
    let out = python_ok(&python, code, project.parent().unwrap());
    assert_eq!(out.trim(), "20 True True", "not the CPython ABI without hpy");
}

#[test]
fn config_settings_pick_the_universal_abi() {
    let project = fixture("mixed");
    let python = venv("pip-install-universal");
    {
        let _lock = build_lock();
        let args = ["install", "-q", "-C", "abi=universal", project.to_str().unwrap()];
        run_ok(&mut pip_with_backend(&python, &args));
    }
    let code = "import os, mixed_pkg._native as n, hpy; print(os.path.basename(n.__file__), n.double(3))";
    assert_eq!(python_ok(&python, code, project.parent().unwrap()).trim(), "_native.hpy0.so 6");
}

#[test]
fn the_metadata_hook_follows_the_abi() {
    let project = fixture("mixed");
    let pyproject = project.join("pyproject.toml");
    let text = std::fs::read_to_string(&pyproject).unwrap() + "abi = \"universal\"\n";
    std::fs::write(&pyproject, text).unwrap();
    let python = venv_with_backend("metadata-abi");
    let requires = |settings: &str| {
        let out = fresh_dir("metadata-abi-out");
        let code = format!(
            "import cargo_hpy\nprint(cargo_hpy.prepare_metadata_for_build_wheel({:?}, {settings}))",
            out.display().to_string()
        );
        run_ok(Command::new(&python).args(["-c", &code]).current_dir(&project));
        let metadata = std::fs::read_to_string(out.join("mixed_pkg-1.2.3rc1.dist-info/METADATA")).unwrap();
        metadata.lines().filter(|l| l.starts_with("Requires-Dist: hpy")).count()
    };
    // [tool.cargo-hpy] abi = "universal": the wheel needs hpy on CPython; -C wins over it.
    assert_eq!(requires("None"), 1);
    assert_eq!(requires("{'abi': 'cpython'}"), 0);
    assert_eq!(requires("{'abi': 'auto'}"), 0);
    let out = common::run(
        Command::new(&python)
            .args([
                "-c",
                "import cargo_hpy; cargo_hpy.prepare_metadata_for_build_wheel('.', {'abi': 'abi3'})",
            ])
            .current_dir(&project),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("-C abi=abi3 is not an ABI: use auto, universal or cpython"), "{stderr}");
}

#[test]
fn pip_install_editable_uses_the_sources_in_place() {
    let project = fixture("mixed");
    let python = venv("pip-editable");
    {
        let _lock = build_lock();
        run_ok(&mut pip_with_backend(&python, &["install", "-q", "-e", project.to_str().unwrap()]));
    }
    let cwd = project.parent().unwrap();
    let file = python_ok(&python, "import mixed_pkg; print(mixed_pkg.__file__)", cwd);
    assert_eq!(Path::new(file.trim()), project.join("python/mixed_pkg/__init__.py"));
    let init = project.join("python/mixed_pkg/__init__.py");
    std::fs::write(&init, std::fs::read_to_string(&init).unwrap() + "\nEDITED = 'yes'\n").unwrap();
    assert_eq!(
        python_ok(&python, "import mixed_pkg; print(mixed_pkg.EDITED, mixed_pkg.double(2))", cwd).trim(),
        "yes 4"
    );
}

#[test]
fn python_m_build_makes_an_sdist_and_a_wheel_from_it() {
    let project = fixture("mixed");
    let out = fresh_dir("python-m-build");
    {
        let _lock = build_lock();
        let mut command = Command::new(tools_python());
        command.args(["-m", "build", "--outdir"]).arg(&out).arg(&project);
        command
            .env("PIP_FIND_LINKS", common::find_links_with_backend())
            .env("CARGO_TARGET_DIR", target_dir());
        run_ok(&mut command);
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    // The build runs on the tools' CPython: a CPython-ABI wheel for it.
    let tag = python_ok(tools_python(), "import sys; print('cp%d%d' % sys.version_info[:2])", &out);
    let tag = tag.trim();
    assert!(
        names[0].starts_with(&format!("mixed_pkg-1.2.3rc1-{tag}-{tag}-manylinux_2_"))
            && names[0].ends_with(".whl"),
        "{names:?}"
    );
    assert_eq!(names[1], "mixed_pkg-1.2.3rc1.tar.gz");
    let python = make_venv(&common::tools_base_python(), &fresh_dir("python-m-build-install").join("venv"));
    run_ok(&mut pip(&python, &["install", "-q", out.join(&names[0]).to_str().unwrap()]));
    assert_eq!(python_ok(&python, "import mixed_pkg; print(mixed_pkg.double(8))", &out).trim(), "16");
}

#[test]
fn a_failing_build_shows_cargo_output_through_pip() {
    let project = fixture("broken");
    std::fs::write(
        project.join("pyproject.toml"),
        "[build-system]\nrequires = [\"cargo-hpy>=0.1,<0.2\"]\nbuild-backend = \"cargo_hpy\"\n",
    )
    .unwrap();
    let python = venv("pip-broken");
    let err = {
        let _lock = build_lock();
        run_err(&mut pip_with_backend(&python, &["install", project.to_str().unwrap()]))
    };
    assert!(err.contains("error[E0308]: mismatched types"), "{err}");
    assert!(err.contains("`cargo build` failed"), "{err}");
    // The compile error is the build's, not the metadata's, and comes without Python noise.
    assert!(!err.contains("metadata-generation-failed"), "{err}");
    assert!(!err.contains("Traceback"), "{err}");
}

/// A virtualenv with the backend package installed; returns its python.
fn venv_with_backend(label: &str) -> std::path::PathBuf {
    let python = venv(label);
    run_ok(&mut pip_with_backend(&python, &["install", "-q", "cargo-hpy"]));
    python
}

#[test]
fn the_metadata_hook_writes_metadata_without_compiling() {
    // The broken crate does not compile: the hook must not try, and pip resolves from it.
    let project = fixture("broken");
    std::fs::write(
        project.join("pyproject.toml"),
        "[build-system]\nrequires = [\"cargo-hpy>=0.1,<0.2\"]\nbuild-backend = \"cargo_hpy\"\n\n\
         [project]\nname = \"broken\"\nversion = \"2.0\"\ndependencies = [\"packaging>=20\"]\n",
    )
    .unwrap();
    let python = venv_with_backend("metadata-hook");
    let target = fresh_dir("metadata-hook-target");
    let out = fresh_dir("metadata-hook-out");
    let code = format!(
        "import cargo_hpy\nprint(cargo_hpy.prepare_metadata_for_build_wheel({:?}))\n\
         print(cargo_hpy.prepare_metadata_for_build_editable({:?}))",
        out.display().to_string(),
        out.display().to_string()
    );
    let stdout = run_ok(
        Command::new(&python).args(["-c", &code]).current_dir(&project).env("CARGO_TARGET_DIR", &target),
    );
    assert_eq!(stdout.lines().collect::<Vec<_>>(), ["broken-2.0.dist-info", "broken-2.0.dist-info"]);
    let metadata = std::fs::read_to_string(out.join("broken-2.0.dist-info/METADATA")).unwrap();
    assert!(metadata.contains("\nRequires-Dist: packaging>=20\n"), "{metadata}");
    assert_eq!(
        std::fs::read_dir(&target).unwrap().count(),
        0,
        "something was built into {}",
        target.display()
    );

    // pip takes the dependencies from the hook: a dry run needs no build.
    let report = fresh_dir("metadata-hook-report").join("report.json");
    let mut command = pip_with_backend(
        &python,
        &["install", "--dry-run", "--report", report.to_str().unwrap(), project.to_str().unwrap()],
    );
    let output = common::run(command.env("CARGO_TARGET_DIR", &target));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("Compiling"), "{stderr}");
    let report = std::fs::read_to_string(report).unwrap();
    assert!(report.contains("\"packaging\"") && report.contains("\"broken\""), "{report}");
}

#[test]
fn without_cargo_the_hooks_say_to_install_rust() {
    let project = fixture("mixed");
    let python = venv_with_backend("no-cargo");
    let bin = python.parent().unwrap().to_path_buf();
    let output = common::run(
        Command::new(&python)
            .args(["-c", "import cargo_hpy; cargo_hpy.prepare_metadata_for_build_wheel('.')"])
            .current_dir(&project)
            .env_remove("CARGO")
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display())),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("error: cargo not found: install Rust from https://rustup.rs"), "{stderr}");
    assert!(!stderr.contains("Traceback"), "{stderr}");
}
