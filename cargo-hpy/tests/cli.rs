//! The command line: help texts, and every error the commands report (no Python needed).

mod common;

use common::{cargo_hpy, fixture, fresh_dir, run_err, run_ok, workspace};

fn manifest(dir: &std::path::Path) -> String {
    dir.join("Cargo.toml").display().to_string()
}

#[test]
fn every_command_has_help() {
    let help = run_ok(&mut cargo_hpy(&["--help"]));
    for command in [
        "build",
        "develop",
        "sdist",
        "new",
        "init",
        "backend-wheel",
        "metadata",
        "completions",
        "generate-ci",
    ] {
        assert!(help.contains(command), "`cargo hpy --help` does not list {command}:\n{help}");
        let text = run_ok(&mut cargo_hpy(&[command, "--help"]));
        assert!(text.contains("Usage: cargo hpy"), "{command} --help:\n{text}");
    }
    let build = run_ok(&mut cargo_hpy(&["build", "--help"]));
    for option in [
        "--release",
        "--abi",
        "--interpreter",
        "--manifest-path",
        "--out",
        "--features",
        "--locked",
        "--editable",
        "--compatibility",
        "--target",
        "--zig",
        "--no-strip",
        "--quiet",
        "--verbose",
        "--color",
    ] {
        assert!(build.contains(option), "build --help lacks {option}:\n{build}");
    }
}

#[test]
fn the_program_runs_without_the_cargo_subcommand_word() {
    let output = common::run(std::process::Command::new(env!("CARGO_BIN_EXE_cargo-hpy")).arg("--version"));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("cargo-hpy "), "{output:?}");
}

#[test]
fn cargo_runs_it_as_the_hpy_subcommand() {
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_cargo-hpy")).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin_dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let help = run_ok(std::process::Command::new(cargo).args(["hpy", "build", "--help"]).env("PATH", path));
    assert!(help.contains("Usage: cargo hpy build"), "{help}");
}

#[test]
fn an_unknown_abi_is_refused() {
    let err = run_err(&mut cargo_hpy(&["build", "--abi", "limited"]));
    assert!(err.contains("invalid value 'limited' for '--abi <ABI>'"), "{err}");
    assert!(err.contains("[possible values: universal, cpython, all, auto]"), "{err}");
    let dir = mixed_with("[tool.cargo-hpy]\nabi = \"limited\"\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("[tool.cargo-hpy] abi = \"limited\" is not an ABI"), "{err}");
}

#[test]
fn a_crate_without_cdylib_is_refused() {
    let dir = fixture("not-cdylib");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("package 'not-cdylib' has no cdylib target"), "{err}");
    assert!(err.contains("crate-type = [\"cdylib\"]"), "{err}");
}

#[test]
fn a_missing_manifest_is_reported() {
    let dir = fresh_dir("no-manifest");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("Cargo.toml does not exist"), "{err}");
}

#[test]
fn a_virtual_workspace_is_refused() {
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&workspace())]));
    assert!(err.contains("is a virtual workspace manifest, not a package"), "{err}");
}

#[test]
fn a_failing_cargo_build_shows_cargo_output() {
    let dir = fixture("broken");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("error[E0308]: mismatched types"), "cargo's diagnostic is missing:\n{err}");
    assert!(err.contains("`cargo build` failed"), "{err}");
    assert!(err.contains("for package 'broken'"), "{err}");
}

#[test]
fn the_cpython_api_is_refused_in_a_universal_module() {
    let dir = fixture("cpython-api");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(
        err.contains("not a universal HPy module: it uses the CPython C API: PyLong_FromLong, _Py_Dealloc"),
        "{err}"
    );
}

#[test]
fn a_module_named_differently_in_rust_is_explained() {
    let dir = fixture("wrong-name");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("the module is named 'other' in Rust"), "{err}");
    assert!(err.contains("packaged as 'wrong_name': the names must match"), "{err}");
}

#[test]
fn a_library_outside_the_manylinux_policy_is_refused() {
    let dir = fixture("outside-policy");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("no manylinux policy allows: libcrypt.so.1 (uses crypt)"), "{err}");
}

/// The mixed fixture with its pyproject.toml replaced by `pyproject`.
fn mixed_with(pyproject: &str) -> std::path::PathBuf {
    let dir = fixture("mixed");
    std::fs::write(dir.join("pyproject.toml"), pyproject).unwrap();
    dir
}

#[test]
fn an_empty_module_name_is_refused() {
    let dir = mixed_with("[project]\nname = 'x'\nversion = '1'\n[tool.cargo-hpy]\nmodule-name = ''\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("no module name: module-name under [tool.cargo-hpy] is empty"), "{err}");
}

#[test]
fn an_invalid_module_name_is_refused() {
    let dir = mixed_with("[tool.cargo-hpy]\nmodule-name = 'mixed-pkg.native'\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("'mixed-pkg.native' is not a valid module name"), "{err}");
}

#[test]
fn a_module_in_a_missing_package_is_refused() {
    let dir = mixed_with("[tool.cargo-hpy]\nmodule-name = 'nowhere._native'\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("puts the module in the Python package 'nowhere'"), "{err}");
}

#[test]
fn a_project_without_a_name_is_refused() {
    let dir = mixed_with("[project]\nversion = '1.0'\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("[project] has no `name`, which is required"), "{err}");
}

#[test]
fn a_project_without_a_version_is_refused() {
    let dir = mixed_with("[project]\nname = 'mixed'\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("[project] has no `version`"), "{err}");
    assert!(err.contains("dynamic = [\"version\"]"), "{err}");
}

#[test]
fn an_unsupported_dynamic_field_is_refused() {
    let dir = mixed_with("[project]\nname = 'mixed'\ndynamic = ['version', 'classifiers']\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("dynamic lists 'classifiers'"), "{err}");
}

#[test]
fn an_unknown_tool_key_is_refused() {
    let dir = mixed_with("[tool.cargo-hpy]\npython_source = 'python'\n");
    let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
    assert!(err.contains("unknown field `python_source`"), "{err}");
}

#[test]
fn develop_needs_a_virtualenv() {
    let dir = fixture("mixed");
    let err = run_err(cargo_hpy(&["develop", "--manifest-path", &manifest(&dir)]).env_remove("VIRTUAL_ENV"));
    assert!(err.contains("no virtualenv to install into"), "{err}");
    let not_venv = fresh_dir("not-a-venv");
    let err = run_err(&mut cargo_hpy(&["develop", "--venv", not_venv.to_str().unwrap()]));
    assert!(err.contains("is not a virtualenv"), "{err}");
}

#[test]
fn new_refuses_an_existing_folder_and_init_overwrites_nothing() {
    let dir = fresh_dir("existing");
    let hpy = workspace().join("hpy");
    let err = run_err(&mut cargo_hpy(&["new", dir.to_str().unwrap(), "--hpy-path", hpy.to_str().unwrap()]));
    assert!(err.contains("already exists: use `cargo hpy init"), "{err}");

    std::fs::write(dir.join("README.md"), "mine").unwrap();
    let err = run_err(&mut cargo_hpy(&["init", dir.to_str().unwrap(), "--hpy-path", hpy.to_str().unwrap()]));
    assert!(err.contains("already has README.md: cargo hpy init overwrites nothing"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("README.md")).unwrap(), "mine");
}

#[test]
fn new_refuses_bad_names_and_hpy_paths() {
    let parent = fresh_dir("bad-names");
    let err = run_err(&mut cargo_hpy(&["new", parent.join("1st").to_str().unwrap()]));
    assert!(err.contains("'1st' cannot name a Python module"), "{err}");
    let err = run_err(&mut cargo_hpy(&["new", parent.join("ok").to_str().unwrap(), "--hpy-path", "/"]));
    assert!(err.contains("no Cargo.toml of the `hpy` crate there"), "{err}");
    assert!(!parent.join("ok").exists());
}

#[test]
fn a_bad_source_date_epoch_is_refused() {
    let dir = fixture("mixed");
    let err =
        run_err(cargo_hpy(&["sdist", "--manifest-path", &manifest(&dir)]).env("SOURCE_DATE_EPOCH", "soon"));
    assert!(err.contains("SOURCE_DATE_EPOCH must be a number of seconds since 1970, not 'soon'"), "{err}");
}

#[test]
fn completions_are_generated_for_every_shell() {
    let bash = run_ok(&mut cargo_hpy(&["completions", "bash"]));
    let script = fresh_dir("completions").join("cargo-hpy.bash");
    std::fs::write(&script, &bash).unwrap();
    let loaded = run_ok(
        std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("source {}; complete -p cargo-hpy", script.display())),
    );
    assert!(loaded.contains("-F _cargo__hpy") && loaded.trim().ends_with(" cargo-hpy"), "{loaded}");
    // What bash offers after `cargo-hpy build --comp`.
    let offered = run_ok(std::process::Command::new("bash").arg("-c").arg(format!(
        "source {}; COMP_WORDS=(cargo-hpy build --comp); COMP_CWORD=2; _cargo__hpy cargo-hpy --comp build; \
         echo ${{COMPREPLY[@]}}",
        script.display()
    )));
    assert_eq!(offered.trim(), "--compatibility");
    assert!(bash.contains("generate-ci") && bash.contains("--compatibility"), "{bash}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = run_ok(&mut cargo_hpy(&["completions", shell]));
        assert!(script.contains("cargo-hpy") && script.contains("sdist"), "{shell}:\n{script}");
    }
    let err = run_err(&mut cargo_hpy(&["completions", "tcsh"]));
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
}

#[test]
fn quiet_verbose_and_color_options() {
    let dir = fixture("mixed");
    let out = fresh_dir("quiet");
    let args = ["metadata", "--manifest-path", &manifest(&dir), "--out", out.to_str().unwrap()];
    let loud = common::run(&mut cargo_hpy(&args));
    assert!(String::from_utf8_lossy(&loud.stderr).contains("Wrote metadata: "), "{loud:?}");
    let mut quiet_args = vec!["-q"];
    quiet_args.extend(args);
    let quiet = common::run(&mut cargo_hpy(&quiet_args));
    assert!(quiet.status.success() && quiet.stderr.is_empty(), "{quiet:?}");
    assert!(
        String::from_utf8_lossy(&quiet.stdout).trim().ends_with("mixed_pkg-1.2.3rc1.dist-info"),
        "{quiet:?}"
    );

    let verbose = run_ok(&mut cargo_hpy(&[
        "build",
        "-v",
        "--manifest-path",
        &manifest(&workspace().join("examples/hello")),
    ]));
    assert!(!verbose.is_empty());
    let output = common::run(&mut cargo_hpy(&[
        "build",
        "-v",
        "--manifest-path",
        &manifest(&workspace().join("examples/hello")),
    ]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("info: running ") && stderr.contains(" build --lib "), "{stderr}");
    assert!(stderr.contains("Fresh hello"), "cargo did not run verbose:\n{stderr}");

    let missing = ["build", "--manifest-path", "/no/such/Cargo.toml"];
    let err = run_err(cargo_hpy(&["--color", "always"]).args(missing));
    assert!(
        err.starts_with("\x1b[1;31merror:\x1b[0m manifest /no/such/Cargo.toml does not exist"),
        "{err:?}"
    );
    let err = run_err(cargo_hpy(&["--color", "never"]).args(missing));
    assert!(err.starts_with("error: manifest /no/such/Cargo.toml does not exist"), "{err:?}");
    let err = run_err(&mut cargo_hpy(&["-q", "-v", "sdist"]));
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn unknown_compatibility_and_mixed_targets_are_refused() {
    let dir = fixture("mixed");
    let err = run_err(&mut cargo_hpy(&[
        "build",
        "--manifest-path",
        &manifest(&dir),
        "--compatibility",
        "manylinux_2_18",
    ]));
    assert!(err.contains("unknown compatibility 'manylinux_2_18': use native, manylinux2014"), "{err}");
    let err = run_err(&mut cargo_hpy(&[
        "build",
        "--manifest-path",
        &manifest(&dir),
        "--compatibility",
        "musllinux_1_2",
        "--target",
        "aarch64-unknown-linux-gnu",
    ]));
    assert!(err.contains("--compatibility musllinux needs a musl target"), "{err}");
}

#[test]
fn zig_builds_say_what_to_install_when_cargo_zigbuild_is_missing() {
    let dir = fixture("mixed");
    let mut command =
        cargo_hpy(&["build", "--manifest-path", &manifest(&dir), "--compatibility", "manylinux2014"]);
    let path = std::env::var("PATH").unwrap();
    let path: Vec<&str> =
        path.split(':').filter(|d| !std::path::Path::new(d).join("cargo-zigbuild").exists()).collect();
    let err = run_err(command.env_remove("CARGO_ZIGBUILD").env("PATH", path.join(":")));
    assert!(
        err.contains("--compatibility manylinux2014 builds with cargo-zigbuild and zig, and cargo-zigbuild was not found"),
        "{err}"
    );
    assert!(err.contains("cargo install cargo-zigbuild") && err.contains("pip install ziglang"), "{err}");
}
