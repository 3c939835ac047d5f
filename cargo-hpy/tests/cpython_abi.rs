//! `cargo hpy build --abi cpython|all`: `examples/hello` built once with `--abi all` for
//! one or two of the harness's CPythons (3.8 and 3.11 when it has them, found on `PATH`
//! as python3.X): the universal wheel plus one `cp3X-cp3X` wheel each, with the extension
//! named by `EXT_SUFFIX`, no loader stub and no `hpy` requirement, `PyInit_hello` and no
//! `libpython`; each installs into a virtualenv without `hpy` and runs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{
    cargo_hpy, fresh_dir, make_venv, pip, python_ok, pythons, run_err, run_ok, wheel_files, workspace,
};

/// The interpreters of these tests: 3.8 and 3.11 when the harness has them, else its first.
fn abi_pythons() -> Vec<(String, PathBuf)> {
    let all = pythons();
    let chosen: Vec<(String, PathBuf)> =
        all.iter().filter(|(version, _)| version == "3.8" || version == "3.11").cloned().collect();
    if chosen.is_empty() { all.into_iter().take(1).collect() } else { chosen }
}

/// A python's answer to `expression`.
fn ask(python: &Path, expression: &str) -> String {
    let code = format!("import sys, sysconfig; print({expression})");
    run_ok(Command::new(python).args(["-c", &code])).trim().to_string()
}

fn hello() -> String {
    workspace().join("examples/hello/Cargo.toml").display().to_string()
}

/// The wheels of `cargo hpy build --abi all` without `-i`, with [`abi_pythons`] put first
/// on `PATH` as `python3.X`; built once per test program.
fn all_wheels() -> &'static [PathBuf] {
    static WHEELS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    WHEELS.get_or_init(|| {
        let bin = fresh_dir("abi-all-bin");
        for (version, python) in abi_pythons() {
            std::os::unix::fs::symlink(python, bin.join(format!("python{version}"))).unwrap();
        }
        let path = std::env::join_paths(
            std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        let out = fresh_dir("abi-all");
        let mut command = cargo_hpy(&["build", "--abi", "all", "--manifest-path", &hello(), "--out"]);
        let stdout = run_ok(command.arg(&out).env("PATH", path).env_remove("VIRTUAL_ENV"));
        stdout.lines().map(|line| PathBuf::from(line.trim())).collect()
    })
}

/// The CPython-ABI wheel of `python` among [`all_wheels`].
fn wheel_for(python: &Path) -> &'static Path {
    let tag = ask(python, "'cp%d%d' % sys.version_info[:2]");
    let name = format!("hello-0.1.0-{tag}-{tag}-");
    all_wheels()
        .iter()
        .find(|w| w.file_name().unwrap().to_str().unwrap().starts_with(&name))
        .unwrap_or_else(|| panic!("no {name}* wheel in {:?}", all_wheels()))
}

#[test]
fn abi_all_writes_the_universal_wheel_and_one_per_cpython() {
    let wheels = all_wheels();
    let names: Vec<String> =
        wheels.iter().map(|w| w.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(wheels.iter().all(|w| w.is_file()), "{names:?}");
    assert!(names[0].starts_with("hello-0.1.0-py3-none-manylinux_2_"), "{names:?}");
    // Every python3.X on PATH counts; ours come first, so their wheels are there.
    assert!(names.len() > abi_pythons().len(), "{names:?}");
    for (_, python) in abi_pythons() {
        wheel_for(&python);
    }
    let mut tags: Vec<&str> = names.iter().map(|n| n.split('-').nth(2).unwrap()).collect();
    tags.dedup();
    assert_eq!(tags.len(), names.len(), "two wheels for one ABI: {names:?}");
}

#[test]
fn a_cpython_abi_wheel_is_a_plain_extension_module() {
    for (version, python) in abi_pythons() {
        let wheel = wheel_for(&python);
        let suffix = ask(&python, "sysconfig.get_config_var('EXT_SUFFIX')");
        let name = wheel.file_name().unwrap().to_str().unwrap();
        let tag = format!("cp{}", version.replace('.', ""));
        assert!(name.starts_with(&format!("hello-0.1.0-{tag}-{tag}-manylinux_2_")), "{name}");
        let files = wheel_files(wheel);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        let extension = format!("hello{suffix}");
        assert_eq!(
            names,
            [
                "hello-stubs/__init__.pyi",
                extension.as_str(),
                "hello-0.1.0.dist-info/METADATA",
                "hello-0.1.0.dist-info/WHEEL",
                "hello-0.1.0.dist-info/RECORD"
            ],
            "{name}"
        );
        let metadata = common::wheel_text(wheel, ".dist-info/METADATA");
        assert!(!metadata.contains("Requires-Dist"), "{metadata}");
        let wheel_file = common::wheel_text(wheel, ".dist-info/WHEEL");
        assert!(wheel_file.contains(&format!("\nTag: {tag}-{tag}-manylinux_2_")), "{wheel_file}");
        let record = common::wheel_text(wheel, ".dist-info/RECORD");
        assert!(record.contains(&format!("\n{extension},sha256=")), "{record}");

        use object::Object;
        let binary = &files[1].1;
        let file = object::File::parse(binary.as_slice()).unwrap();
        let exports: Vec<String> = file
            .exports()
            .unwrap()
            .filter_map(|e| match e.unwrap().name() {
                object::NameOrOrdinal::Name(name) => Some(String::from_utf8_lossy(name).into_owned()),
                _ => None,
            })
            .collect();
        assert!(exports.iter().any(|e| e == "PyInit_hello"), "{exports:?}");
        assert!(
            !exports.iter().any(|e| e.starts_with("HPyInit") || e.starts_with("get_required_hpy")),
            "{exports:?}"
        );
        let needed: Vec<String> = file
            .import_libraries()
            .unwrap()
            .map(|l| String::from_utf8_lossy(l.unwrap().name()).into_owned())
            .collect();
        assert!(!needed.iter().any(|l| l.starts_with("libpython")), "{needed:?}");
    }
}

#[test]
fn a_cpython_abi_wheel_runs_without_the_hpy_package() {
    for (version, python) in abi_pythons() {
        let dir = fresh_dir(&format!("abi-install-{version}"));
        let venv = make_venv(&python, &dir.join("venv"));
        run_ok(&mut pip(&venv, &["install", "-q", wheel_for(&python).to_str().unwrap()]));
        let out = python_ok(
            &venv,
            "import importlib.util as u, hello\n\
             assert u.find_spec('hpy') is None\n\
             print(hello.context_name(), hello.greet('abi'), hello.add(2, 3), hello.__file__)",
            &dir,
        );
        assert!(out.starts_with("HPy CPython ABI Hello, abi! 5 "), "{version}: {out}");
        assert!(out.trim().ends_with(&ask(&python, "sysconfig.get_config_var('EXT_SUFFIX')")), "{out}");
    }
}

#[test]
fn an_explicit_interpreter_rebuilds_the_same_wheel() {
    let (_, python) = abi_pythons().into_iter().next().unwrap();
    let out = fresh_dir("abi-cpython");
    let mut command = cargo_hpy(&["build", "--abi", "cpython", "-i"]);
    let stdout = run_ok(command.arg(&python).args(["--manifest-path", &hello(), "--out"]).arg(&out));
    let wheel = common::last_line_path(&stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert_eq!(wheel.file_name(), wheel_for(&python).file_name());
    assert!(std::fs::read(&wheel).unwrap() == std::fs::read(wheel_for(&python)).unwrap(), "not reproducible");
}

#[test]
fn interpreters_that_cannot_take_the_cpython_abi_are_refused() {
    let err = run_err(&mut cargo_hpy(&[
        "build",
        "--abi",
        "cpython",
        "-i",
        "no-such-python3",
        "--manifest-path",
        &hello(),
    ]));
    assert!(err.contains("could not run the Python interpreter 'no-such-python3'"), "{err}");
    let (_, python) = abi_pythons().into_iter().next().unwrap();
    let python = python.to_str().unwrap();
    let args = ["build", "--abi", "all", "-i", python, "--editable", "--manifest-path", &hello()];
    let err = run_err(&mut cargo_hpy(&args));
    assert!(err.contains("an editable wheel is built for one ABI"), "{err}");
    let args = ["build", "--abi", "cpython", "-i", python, "--target", "aarch64-unknown-linux-gnu"];
    let err = run_err(cargo_hpy(&args).args(["--manifest-path", &hello()]));
    assert!(err.contains("--abi cpython cannot cross-compile (--target aarch64-unknown-linux-gnu)"), "{err}");
}

#[test]
fn the_metadata_of_a_configured_all_is_that_of_the_auto_wheel() {
    let dir = common::fixture("mixed");
    let pyproject = dir.join("pyproject.toml");
    let text = std::fs::read_to_string(&pyproject).unwrap() + "abi = \"all\"\n";
    std::fs::write(&pyproject, text).unwrap();
    let (_, python) = abi_pythons().into_iter().next().unwrap();
    let manifest = dir.join("Cargo.toml").display().to_string();
    let out = fresh_dir("metadata-all");
    let mut args = vec!["metadata", "-i", python.to_str().unwrap(), "--manifest-path", &manifest, "--out"];
    args.push(out.to_str().unwrap());
    run_ok(&mut cargo_hpy(&args));
    // `all` reads as `auto` here: the CPython-ABI wheel, which requires no hpy.
    let metadata = std::fs::read_to_string(out.join("mixed_pkg-1.2.3rc1.dist-info/METADATA")).unwrap();
    assert!(metadata.contains("Requires-Dist: packaging>=20\n"), "{metadata}");
    assert!(!metadata.contains("Requires-Dist: hpy"), "{metadata}");
    args.extend(["--abi", "all"]);
    let err = run_err(&mut cargo_hpy(&args));
    assert!(err.contains("the metadata describes one wheel"), "{err}");
}
